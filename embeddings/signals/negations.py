"""Negation cues in a statement (``negations.tsv``) and the content words each one negates."""

from __future__ import annotations

from dataclasses import dataclass

from embeddings.signals.tokens import Token, context, matches_at
from embeddings.signals.vocabulary import (
    BE_FORMS,
    NEGATION_PHRASES,
    NEGATION_WORDS,
    NOT_NEGATIONS,
    TWO_SIDED_NEGATIONS,
    WITHHELD_OBJECTS,
    WITHHOLDING_CUES,
)


@dataclass(frozen=True, slots=True)
class NegationCue:
    cue: str
    scope: frozenset[str]  # content lemmas the negation applies to
    start: int = 0  # token position of its first word
    width: int = 1  # its number of tokens


def _is_withholding(lowers: list[str], index: int) -> bool:
    """ "denied him advance warning", "people are denied access": "deny" meaning withhold, which refutes nothing."""
    if lowers[index] not in WITHHOLDING_CUES or index + 1 >= len(lowers):
        return False
    return lowers[index + 1] in WITHHELD_OBJECTS


def _passive(lowers: list[str], index: int) -> bool:
    """ "The claim was denied", "access has been refused": a form of "be" within the two words before the cue. Only
    then is what stands before it what is denied; in the active voice it is who denies ("The minister denied the
    report" denies the report, not the minister)."""
    return any(word in BE_FORMS for word in lowers[max(0, index - 2) : index])


def find_negations(tokens: list[Token]) -> list[NegationCue]:
    """Every negation cue with its scope: the content words after it (and before it, for a passive "was denied")."""
    lowers = [t.lower for t in tokens]
    cues: list[NegationCue] = []
    skip_until = -1
    for index, lower in enumerate(lowers):
        if index < skip_until:
            continue
        if any(matches_at(lowers, index, phrase) for phrase in NOT_NEGATIONS):
            skip_until = index + 2
            continue
        phrase = next((p for p in NEGATION_PHRASES if matches_at(lowers, index, p)), None)
        if phrase is None and lower not in NEGATION_WORDS:
            continue
        if _is_withholding(lowers, index):
            continue
        width = len(phrase) if phrase else 1
        two_sided = lower in TWO_SIDED_NEGATIONS and _passive(lowers, index)
        scope = context(tokens, index, index + width, before=two_sided)
        cues.append(NegationCue(" ".join(phrase) if phrase else lower, scope, index, width))
        skip_until = index + width
    return cues
