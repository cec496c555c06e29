"""``date_mismatch``: a date of the hypothesis disagrees with the premise's date(s) of the same event."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.dates import dates_conflict
from embeddings.signals.protocol import Polarity


class DateMismatch:
    """Dates are compared field by field (year, decade, month, day, weekday); a hypothesis date mismatches when it
    shares a field with the premise dates around the same words, and no premise date agrees on every shared field."""

    name = "date_mismatch"
    polarity = Polarity.CONTRADICTION
    weight = 3.0
    defers_to_contradiction = False
    decisive = False

    def strength(self, context: PairContext) -> float:
        related = context.relatedness
        if related == 0.0 or context.other_subject:
            return 0.0
        return related if dates_conflict(context.premise.dates, context.hypothesis.dates) else 0.0


SIGNAL = DateMismatch()
