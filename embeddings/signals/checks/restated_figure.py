"""``restated_figure``: the same statement but for how its figures are written."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.protocol import Polarity


class RestatedFigure:
    """ "The factory employs 1,500 people" / "The factory employs fifteen hundred people", "The vaccine was 95%
    effective" / "95 per cent effective", "about 4,000 patients" / "4,120 patients" (``figures.restated_figures``):
    every figure agrees with its counterpart and nothing else differs, so the pair cannot contradict. The model
    reads a figure written another way as another figure and says it does; ``number_match`` alone (weight 2, and
    only for figures of ten or more) does not outweigh it, so this one weighs more."""

    name = "restated_figure"
    polarity = Polarity.AGAINST_CONTRADICTION
    weight = 6.0
    defers_to_contradiction = False
    decisive = False

    def strength(self, context: PairContext) -> float:
        return 1.0 if context.restated_figures else 0.0


SIGNAL = RestatedFigure()
