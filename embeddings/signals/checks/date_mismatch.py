"""``date_mismatch``: a date of the hypothesis disagrees with the premise's date(s) of the same event."""

from __future__ import annotations

from embeddings.signals.context import PairContext
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
        premise = context.premise
        related = context.relatedness
        if related == 0.0 or not premise.dates:
            return 0.0
        for wanted in context.hypothesis.dates:
            wanted_fields = wanted.fields()
            scores = [len(wanted.context & candidate.context) for candidate in premise.dates]
            best = max(scores)
            candidates = [c for c, s in zip(premise.dates, scores, strict=True) if s == best]
            if best == 0 and len(premise.dates) > 1:
                continue
            comparable = [c for c in candidates if wanted_fields.keys() & c.fields().keys()]
            if not comparable:
                continue
            agrees = any(
                all(c.fields()[name] == value for name, value in wanted_fields.items() if name in c.fields())
                for c in comparable
            )
            if not agrees:
                return related
        return 0.0


SIGNAL = DateMismatch()
