"""``antonym``: an opposite word ("rose"/"dropped", "agreed"/"rejected") between related statements."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.protocol import Polarity


class Antonym:
    """An antonym pair about a common word (``opposites.antonym_pairs``) that is not negated on one side only; a
    negated antonym, or one beside a one-sided negation, restates (``PairContext.restated_opposite``); an opposite
    told of two named things ("Sales in Ohio rose" / "Sales in Texas fell", ``PairContext.other_subject``) is no
    conflict."""

    name = "antonym"
    polarity = Polarity.CONTRADICTION
    weight = 2.0
    defers_to_contradiction = False
    decisive = False

    def strength(self, context: PairContext) -> float:
        if not context.unnegated_antonym or context.restated_opposite or context.other_subject:
            return 0.0
        return context.relatedness


SIGNAL = Antonym()
