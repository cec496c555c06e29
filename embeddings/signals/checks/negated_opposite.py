"""``negated_opposite``: the two statements are the same but for an opposite word negated on one side."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.protocol import Polarity


class NegatedOpposite:
    """ "The team did not win the final" against "The team lost the final", "the shop was not open" against "the shop
    was closed": a negated opposite restates (complementary words) or leaves the question open (contraries: "prices
    did not rise" / "prices fell"), but never contradicts; the model, seeing "not", often says it does. Issue 21
    names negated antonyms as entailment; which of the two it is stays the model's call, so this signal only takes
    evidence away from a contradiction. It weighs what the other signals that rule a contradiction out weigh
    (``restated_figure``, ``converse``): a model sure of a contradiction ("did not fall" / "rose": 0.98) outweighs 3."""

    name = "negated_opposite"
    polarity = Polarity.AGAINST_CONTRADICTION
    weight = 6.0
    defers_to_contradiction = False
    decisive = False

    def strength(self, context: PairContext) -> float:
        return 1.0 if context.negated_opposition is not None else 0.0


SIGNAL = NegatedOpposite()
