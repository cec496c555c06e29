"""``number_match``: every figure of the hypothesis agrees with the premise's figure for the same thing."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.figures import agreeing_figure, is_figure
from embeddings.signals.protocol import Polarity


class NumberMatch:
    """ "About 2,500 U.S. troops remain in Iraq" against "the number of U.S. troops in Iraq has dropped to about
    2,500": the model, blind to numbers, reads "dropped" against "remain" as a conflict, while the figure the
    statement is about agrees. Counts of at least ``MATCH_MIN_FIGURE`` only (``figures.is_figure``): "the second
    round" says nothing about a total, and small numbers mostly name who is meant ("the two sides")."""

    name = "number_match"
    polarity = Polarity.AGAINST_CONTRADICTION
    weight = 0.0
    defers_to_contradiction = True
    decisive = False

    def strength(self, context: PairContext) -> float:
        quantities = context.hypothesis.quantities
        if not quantities or not all(is_figure(q) for q in quantities):
            return 0.0
        related = context.relatedness
        if related == 0.0:
            return 0.0
        if all(agreeing_figure(wanted, context.premise.quantities) for wanted in quantities):
            return related
        return 0.0


SIGNAL = NumberMatch()
