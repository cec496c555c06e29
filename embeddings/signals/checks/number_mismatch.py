"""``number_mismatch``: a figure of the hypothesis disagrees with the premise's figure for the same thing."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.figures import figure_gap, is_precise
from embeddings.signals.protocol import Polarity


class NumberMismatch:
    """A hypothesis quantity mismatches when none of the premise quantities about the same thing
    (``figures.figure_gap``) overlaps its interval. A precise figure ("27 chapters") conflicts at full strength with
    any other; a round, hedged or bounded one more clearly the further away the other lies."""

    name = "number_mismatch"
    polarity = Polarity.CONTRADICTION
    weight = 3.0
    defers_to_contradiction = False
    decisive = False

    def strength(self, context: PairContext) -> float:
        related = context.relatedness
        if related == 0.0 or context.other_subject:
            return 0.0
        strongest = 0.0
        for wanted in context.hypothesis.quantities:
            gap = figure_gap(wanted, context.premise.quantities)
            if gap is None or gap == 0.0:
                continue
            magnitude = 1.0 if is_precise(wanted) else min(1.0, 0.5 + gap)
            strongest = max(strongest, magnitude * related)
        return strongest


SIGNAL = NumberMismatch()
