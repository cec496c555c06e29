"""``added_detail``: one statement is the other with detail added, so the two cannot contradict."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.protocol import Polarity


class AddedDetail:
    """ "The director's new film premiered in Cannes" against "The acclaimed director's new film premiered in Cannes
    on Tuesday" (``alignment.added_detail``): the longer statement entails the shorter, and the shorter leaves the
    added detail open, so neither direction contradicts. The model, trained on captions where a new detail often
    meant another scene, reads the shorter premise against the longer hypothesis as a contradiction. Takes evidence
    away from a contradiction, unless a contradiction signal fired (``extra_content`` is its counterpart for long
    additions that lean neutral)."""

    name = "added_detail"
    polarity = Polarity.AGAINST_CONTRADICTION
    weight = 3.0
    defers_to_contradiction = True
    decisive = False

    def strength(self, context: PairContext) -> float:
        return 1.0 if context.added_detail else 0.0


SIGNAL = AddedDetail()
