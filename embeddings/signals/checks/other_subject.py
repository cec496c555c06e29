"""``other_subject``: the two statements give figures, dates or opposites for different named things or times."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.protocol import Polarity


class OtherSubject:
    """ "Unemployment in France is 7 percent" / "Unemployment in Germany is 5 percent": a name substituted and a
    figure or date differing (``PairContext.other_subject``); "Enrolment increased in 2011" / "Enrolment decreased
    in 2013": an opposite or a negation told of two times (``PairContext.opposed_across_times``). Decisive for
    neutral: an NLI model reads two parallel sentences as contradictory, and a record holds many such facts about
    many places, teams, companies or years."""

    name = "other_subject"
    polarity = Polarity.NEUTRAL
    weight = 0.0
    defers_to_contradiction = False
    decisive = True

    def strength(self, context: PairContext) -> float:
        return 1.0 if context.other_subject else 0.0


SIGNAL = OtherSubject()
