"""``negation``: a negation on one side only, about words the other side states."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.protocol import Polarity


class Negation:
    """ "The U.S. does not respect Iraqi sovereignty" vs "The U.S. respects Iraqi sovereignty" fires; a "not" in an
    unrelated clause of a long quote does not, because its scope shares nothing with the other statement. Beside
    an antonym it restates ("did not rise" vs "fell") and does not fire (``PairContext.restated_opposite``); told of
    two named things ("Ward 2 signed the petition" / "Ward 6 did not sign the petition", ``PairContext.other_subject``)
    it conflicts with nothing; nor does a verb negated of another thing, nothing else differing ("The company paid the
    fine" / "The company did not pay the back taxes", ``PairContext.negated_substitution``: issue 21), nor one whose
    clause adds a thing the other statement does not name ("never asked the Coalition to leave the Kurdish region" /
    "is in Iraq at the request of the government", ``PairContext.negated_addition``)."""

    name = "negation"
    polarity = Polarity.CONTRADICTION
    weight = 2.5
    defers_to_contradiction = False
    decisive = False

    def strength(self, context: PairContext) -> float:
        related = context.relatedness
        if related == 0.0 or not context.negation_cues or context.restated_opposite or context.other_subject:
            return 0.0
        if context.negated_substitution or context.negated_addition:
            return 0.0
        return related


SIGNAL = Negation()
