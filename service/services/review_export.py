"""Reviewed flags as NLI training pairs: a newsroom's own decisions, for ``make train-nli REVIEWS=...``.

A confirmed contradiction is a contradiction pair and a dismissed one a neutral ("not a contradiction") pair, in the
JSON-lines format of the shared NLI files (premise, hypothesis, label) that ``embeddings.nli.adapt --extra-train``
reads. The premise is the claim on record (``flag.other_claim``), the hypothesis the newer statement (the flag's
claim, or the checked statement's text). Contradiction is symmetric, so a confirmed pair is also written the other
way round (``both_ways``); "not a contradiction" need not be neutral both ways and is written once.

Stances: a flag across stances (one side a denial: "the ministry denied that <text>") was raised because the
*texts agree*; its review says nothing direct about how the two texts relate as written, so it is skipped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from db.models import Flag
from db.repositories.flags import FlagRepository
from embeddings.judge import DENIAL_SIGNAL
from service.services.flags import CONTRADICTION_KINDS

REVIEW_LABELS = {"confirmed": "contradiction", "dismissed": "neutral"}


@dataclass(frozen=True, slots=True)
class TrainingPair:
    premise: str
    hypothesis: str
    label: str
    flag_id: str
    review: str
    reviewed_at: str

    def as_json(self) -> dict[str, Any]:
        return {
            "premise": self.premise,
            "hypothesis": self.hypothesis,
            "label": self.label,
            "source": "reviews",
            "split": "train",
            "flag_id": self.flag_id,
            "review": self.review,
            "reviewed_at": self.reviewed_at,
        }


@dataclass(slots=True)
class ReviewExport:
    pairs: list[TrainingPair] = field(default_factory=list)
    flags: int = 0
    skipped_across_stances: int = 0


def across_stances(flag: Flag) -> bool:
    """True when exactly one side is a denial: the judge read the pair reversed (``embeddings.judge.across_stances``)."""
    if flag.claim is not None:
        return flag.claim.stance != flag.other_claim.stance
    names = flag.signals.get("names", []) if isinstance(flag.signals, dict) else []
    return DENIAL_SIGNAL in names  # a checked statement's stance is not stored; the judge marked the reversal


class ReviewExportService:
    def __init__(self, session: Session) -> None:
        self.flags = FlagRepository(session)

    def training_pairs(self, since: datetime | None = None, both_ways: bool = True) -> ReviewExport:
        """The reviewed contradiction flags (reviewed at or after ``since``) as training pairs."""
        export = ReviewExport()
        for flag in self.flags.reviewed(CONTRADICTION_KINDS, tuple(REVIEW_LABELS), since):
            export.flags += 1
            if across_stances(flag):
                export.skipped_across_stances += 1
                continue
            statement = flag.claim.text if flag.claim is not None else flag.statement_text
            if not statement:
                continue
            label = REVIEW_LABELS[flag.status]
            reviewed_at = max((r.created_at for r in flag.reviews), default=flag.updated_at).isoformat()
            premise = flag.other_claim.text
            export.pairs.append(TrainingPair(premise, statement, label, flag.id, flag.status, reviewed_at))
            if both_ways and label == "contradiction":
                export.pairs.append(TrainingPair(statement, premise, label, flag.id, flag.status, reviewed_at))
        return export
