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
    # The same pair judged the other way round (hypothesis as premise), when it was: see ``both_ways``.
    reverse_probabilities: dict[str, float] | None = None
    reverse_relation: Relation | None = None

    def reversed(self) -> Judgement:
        """The pair seen from the other side (premise and hypothesis swapped), when it was judged both ways.

        ``reverse_contradiction`` follows the swap, as ``both_ways`` sets it: present when the pair contradicts
        but the new forward direction (this one's reverse) does not, so a flag that reads the pair the other way
        round still says why it contradicts."""
        if self.reverse_probabilities is None or self.reverse_relation is None:
            raise ValueError("this pair was judged one way only")
        relation = "contradicts" if self.relation == "contradicts" else self.reverse_relation
        signals = [s for s in self.signals if s != REVERSE_CONTRADICTION_SIGNAL]
        if relation == "contradicts" and self.reverse_relation != "contradicts":
            signals.append(REVERSE_CONTRADICTION_SIGNAL)
        return Judgement(relation, self.reverse_probabilities, signals, self.probabilities, self.relation)


class Judge(Protocol):
    """Judges pairs in one batch: all pairs of a check go through one call (one forward pass for a model)."""

    name: str
    version: str

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        """Return one judgement per (premise, hypothesis) pair, in input order."""
        ...


DENIAL_SIGNAL = "denial"
REVERSE_CONTRADICTION_SIGNAL = "reverse_contradiction"


def reversed_pairs(pairs: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each pair and then each pair the other way round: one batch that ``both_ways`` reads back."""
    return [*pairs, *((hypothesis, premise) for premise, hypothesis in pairs)]


def both_ways(forward: Judgement, backward: Judgement) -> Judgement:
    """One judgement of a pair judged in both directions. Contradiction is symmetric: the pair contradicts when
    either direction does (a model reads "A, not B" against "B" better one way than the other). Entailment is
    directional, so it is the forward judgement's alone. ``probabilities`` stay the forward direction's (the
    statement as hypothesis); the other direction's are ``reverse_probabilities``. Signals are those of the
    direction that decided, plus ``reverse_contradiction`` when only the other direction found the conflict."""
    if forward.relation != "contradicts" and backward.relation == "contradicts":
        signals = [*forward.signals, *(s for s in backward.signals if s not in forward.signals)]
        return Judgement(
            "contradicts",
            forward.probabilities,
            [*signals, REVERSE_CONTRADICTION_SIGNAL],
            backward.probabilities,
            backward.relation,
        )
    return Judgement(
        forward.relation, forward.probabilities, list(forward.signals), backward.probabilities, backward.relation
    )


def judge_both_ways(judge: Judge, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
    """Judge every pair in both directions in one batch (one model call) and combine with ``both_ways``."""
    if not pairs:
        return []
    judgements = judge.judge(reversed_pairs(pairs))
    n = len(pairs)
    return [both_ways(f, b) for f, b in zip(judgements[:n], judgements[n:], strict=True)]


def _swap(probabilities: dict[str, float]) -> dict[str, float]:
    return {
        "entailment": probabilities["contradiction"],
        "neutral": probabilities["neutral"],
        "contradiction": probabilities["entailment"],
    }


def across_stances(judgement: Judgement) -> Judgement:
    """The judgement of a pair where one side denies what its text says ("the ministry denied that soldiers were
    killed" is stored as "soldiers were killed", denied): entailment and contradiction trade places, so a later
    "soldiers were killed" contradicts the denial and "no soldiers died" supports it. Neutral stays neutral."""
    flipped: dict[Relation, Relation] = {"entails": "contradicts", "contradicts": "entails", "neutral": "neutral"}
    reverse = judgement.reverse_probabilities
    reverse_relation = judgement.reverse_relation
    return Judgement(
        flipped[judgement.relation],
        _swap(judgement.probabilities),
        [*judgement.signals, DENIAL_SIGNAL],
        _swap(reverse) if reverse is not None else None,
        flipped[reverse_relation] if reverse_relation is not None else None,
    )
