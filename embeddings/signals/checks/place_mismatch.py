"""``place_mismatch``: the hypothesis puts an event in another known place of the same kind."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.protocol import Polarity

PLACE_MISMATCH_STRENGTH = 0.8  # places nest ("Baghdad" is in Iraq) and vary in naming: trusted less


class PlaceMismatch:
    """Only gazetteer places after a locative preposition count, compared city with city and country with
    country, so "troops in Iraq" vs "talks in Baghdad" never fires. Weaker than the other signals."""

    name = "place_mismatch"
    polarity = Polarity.CONTRADICTION
    weight = 2.0
    defers_to_contradiction = False
    decisive = False

    def strength(self, context: PairContext) -> float:
        premise = context.premise
        related = context.relatedness
        if related == 0.0 or context.other_subject:
            return 0.0
        for wanted in context.hypothesis.places:
            same_level = [p for p in premise.places if p.level == wanted.level]
            if not same_level:
                continue
            scores = [len(wanted.context & p.context) for p in same_level]
            best = max(scores)
            if best == 0:
                continue
            named_in_premise = {p.name for p in premise.places} | premise.content
            if wanted.name not in named_in_premise:
                return PLACE_MISMATCH_STRENGTH * related
        return 0.0


SIGNAL = PlaceMismatch()
