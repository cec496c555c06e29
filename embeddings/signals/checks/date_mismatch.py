"""``date_mismatch``: a date of the hypothesis disagrees with the premise's date(s) of the same event."""

from __future__ import annotations

from embeddings.signals.context import PairContext
from embeddings.signals.dates import dates_added_elsewhere, dates_conflict, without_periods
from embeddings.signals.protocol import Polarity


class DateMismatch:
    """Dates are compared field by field (year, decade, month, day, weekday); a hypothesis date mismatches when it
    shares a field with the premise dates around the same words, and no premise date agrees on every shared field.
    Named periods ("the third quarter") are left out: their ordinals are compared as figures already, and two
    periods are read only to tell figures reported period by period apart (``PairContext.other_subject``). A deadline
    is compared with deadlines; one event's time after its own deadline ("held at 9 a.m." / "held by 8 a.m.",
    ``PairContext.deadline_missed``) mismatches too (issue 21). A hypothesis that tells every premise date again of
    its own event and adds dates of other events ("opened in 2019 and was widened in 2023") does not mismatch
    (``dates.dates_added_elsewhere``, h106)."""

    name = "date_mismatch"
    polarity = Polarity.CONTRADICTION
    weight = 3.0
    defers_to_contradiction = False
    decisive = False

    def strength(self, context: PairContext) -> float:
        related = context.relatedness
        if related == 0.0 or context.other_subject:
            return 0.0
        premise, hypothesis = without_periods(context.premise.dates), without_periods(context.hypothesis.dates)
        if context.deadline_missed:
            return related
        conflict = dates_conflict(premise, hypothesis) and not dates_added_elsewhere(premise, hypothesis)
        return related if conflict else 0.0


SIGNAL = DateMismatch()
