"""``antonym_swap``: the two statements say the same thing but for an opposite word or relation phrase."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.protocol import Polarity


class AntonymSwap:
    """ "The river is rising after days of heavy rain" against "The river is falling after days of heavy rain",
    "voted for the bill" against "voted against the bill": the rest of the two statements aligns word by word
    (``alignment.align``), so the opposite is what the statements are about, and the pair contradicts
    whatever the model says (``decisive``). The model reads such near-identical pairs as paraphrases."""

    name = "antonym_swap"
    polarity = Polarity.CONTRADICTION
    weight = 0.0
    defers_to_contradiction = False
    decisive = True

    def strength(self, context: PairContext) -> float:
        return 1.0 if context.aligned_opposition is not None else 0.0


SIGNAL = AntonymSwap()
