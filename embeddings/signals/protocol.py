"""What every signal is: a name, which way it speaks, how much it weighs by default, and a strength per pair."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from embeddings.signals.context import PairContext


class Polarity(StrEnum):
    """Which relation a fired signal speaks for."""

    CONTRADICTION = "contradiction"
    NEUTRAL = "neutral"
    AGAINST_CONTRADICTION = "against-contradiction"
    # Rules entailment out without voting for contradiction: the judge moves ``weight x strength`` of the
    # entailment probability to neutral (a share, capped at 1), leaving the contradiction probability as it is.
    AGAINST_ENTAILMENT = "against-entailment"
    # Speaks for entailment: the judge adds ``weight x strength`` to the entailment logit (h131: a statement told
    # again with only a time of day written another way, which the model reads as new detail).
    FOR_ENTAILMENT = "for-entailment"


class Signal(Protocol):
    """One explicit signal between a premise and a hypothesis.

    ``weight`` is the default logit weight a judge gives ``strength`` (``JudgeThresholds`` takes its defaults from
    here; the hybrid judge overrides some). A signal that ``defers_to_contradiction`` is weighed only when no
    contradiction signal fired ("unmentioned detail" is not "conflicting detail"). A ``decisive`` signal settles
    the relation when it fires: the model cannot overrule it (``JudgeThresholds.decisive_contradiction_probability``,
    or ``decisive_neutral_probability`` for a neutral one).
    """

    @property
    def name(self) -> str: ...

    @property
    def polarity(self) -> Polarity: ...

    @property
    def weight(self) -> float: ...

    @property
    def defers_to_contradiction(self) -> bool: ...

    @property
    def decisive(self) -> bool: ...

    def strength(self, context: PairContext) -> float:
        """How strongly the signal fires for this pair, in [0, 1]; 0 means it did not fire."""
        ...
