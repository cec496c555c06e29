"""``open_time``: the premise's time cannot settle the hypothesis's, though both tell of one event."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.protocol import Polarity


class OpenTime:
    """ "Profits rose last year" / "Profits rose in the second quarter", "Tax returns must be filed by June 1" / "Tax
    returns were filed on June 5", "The factory opened in spring 2025" / "... in March 2025", "The report was filed
    by June 1" / "... on June 1" (``PairContext.time_left_open``): the same words told of times the premise does not
    settle, so neither entails nor contradicts the other. The model reads a quarter beside "last year", or a rule's
    deadline beside a later date, as a contradiction (h125: 0.52 to 0.81 on such pairs); speaks for neutral, and only
    when no contradiction signal fired."""

    name = "open_time"
    polarity = Polarity.NEUTRAL
    weight = 3.0
    defers_to_contradiction = True
    decisive = False

    def strength(self, context: PairContext) -> float:
        return 1.0 if context.time_left_open else 0.0


SIGNAL = OpenTime()
