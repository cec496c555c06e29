"""The one interface every part of claimledger uses to judge a pair of statements.

A judge reads an earlier claim (the premise) and a new statement (the hypothesis) and says whether the first
entails, contradicts or is neutral towards the second, with probabilities and the explicit signals that fired.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

Relation = Literal["entails", "contradicts", "neutral"]
RELATIONS: tuple[Relation, ...] = ("entails", "neutral", "contradicts")


@dataclass(frozen=True, slots=True)
class Judgement:
    relation: Relation
    # Keys are exactly "entailment", "neutral", "contradiction"; values sum to 1.
    probabilities: dict[str, float]
    # Names of the explicit signals that fired, e.g. "negation", "number_mismatch", "date_mismatch", "antonym".
    signals: list[str] = field(default_factory=list)


class Judge(Protocol):
    """Judges pairs in one batch: all pairs of a check go through one call (one forward pass for a model)."""

    name: str
    version: str

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        """Return one judgement per (premise, hypothesis) pair, in input order."""
        ...


DENIAL_SIGNAL = "denial"


def across_stances(judgement: Judgement) -> Judgement:
    """The judgement of a pair where one side denies what its text says ("the ministry denied that soldiers were
    killed" is stored as "soldiers were killed", denied): entailment and contradiction trade places, so a later
    "soldiers were killed" contradicts the denial and "no soldiers died" supports it. Neutral stays neutral."""
    probs = judgement.probabilities
    swapped = {
        "entailment": probs["contradiction"],
        "neutral": probs["neutral"],
        "contradiction": probs["entailment"],
    }
    flipped: dict[str, Relation] = {"entails": "contradicts", "contradicts": "entails", "neutral": "neutral"}
    return Judgement(flipped[judgement.relation], swapped, [*judgement.signals, DENIAL_SIGNAL])
