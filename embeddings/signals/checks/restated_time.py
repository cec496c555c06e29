"""``restated_time``: the same statement but for how a time of day is written."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.protocol import Polarity


class RestatedTime:
    """ "The meeting starts at noon" / "The meeting starts at 12 p.m.", "The curfew begins at midnight" / "... at
    00:00", "The polls closed at 3 p.m." / "... at three in the afternoon" (``figures.restated_times``): one time,
    nothing else differs, so each entails the other. ``restated_figure`` already keeps the model's contradiction off
    such pairs, but the model reads the other writing as new detail and says neutral (h131: 0.39 to 0.91 neutral on
    hand-written pairs), so this one speaks for entailment; never when a contradiction signal fired."""

    name = "restated_time"
    polarity = Polarity.FOR_ENTAILMENT
    weight = 5.0
    defers_to_contradiction = True
    decisive = False

    def strength(self, context: PairContext) -> float:
        return 1.0 if context.restated_times else 0.0


SIGNAL = RestatedTime()
