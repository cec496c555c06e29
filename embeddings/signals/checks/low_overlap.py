"""``low_overlap``: the premise talks about little of what the hypothesis says."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.protocol import Polarity

LOW_OVERLAP_COVERAGE = 0.3  # below this share of hypothesis content words found in the premise: low_overlap


class LowOverlap:
    """1.0 when nothing is shared, falling to 0 at ``LOW_OVERLAP_COVERAGE``: unrelated claims are neutral, whatever
    a model trained on SNLI (where an unrelated scene counts as contradiction) says."""

    name = "low_overlap"
    polarity = Polarity.NEUTRAL
    weight = 3.0
    defers_to_contradiction = False
    decisive = False

    def strength(self, context: PairContext) -> float:
        if not context.hypothesis.content:
            return 0.0
        share = context.coverage
        if share >= LOW_OVERLAP_COVERAGE:
            return 0.0
        return (LOW_OVERLAP_COVERAGE - share) / LOW_OVERLAP_COVERAGE


SIGNAL = LowOverlap()
