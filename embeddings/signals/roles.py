"""Whether two statements say the same thing with two of its parties swapped: "Arsenal beat Chelsea" against
"Chelsea beat Arsenal".

What alignment compares (content lemmas, figures, negations: ``alignment.units``) must be the same words on both
sides, in an order that differs only by two runs exchanged around a middle that is identical, function words
included: so "Jones was defeated by Smith" (a passive: another middle) restates "Smith defeated Jones" and is no
swap. Relations that hold both ways ("met", "signed an agreement with", "Doha and Cairo": ``reciprocal_word`` in
``roles.tsv``) and things spoken of indefinitely ("a man chased a dog": perhaps other ones) are left alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from embeddings.signals.alignment import SWAP, Opposition, compares, indefinite, oppositions, units
from embeddings.signals.statement import Analysis
from embeddings.signals.vocabulary import BE_FORMS, RECIPROCAL_WORDS
from embeddings.signals.wordnet import opposed_through_link


def _regular_forms(word: str) -> set[str]:
    """A word with the regular English endings (irregular forms are listed in ``roles.tsv`` themselves)."""
    stem = word[:-1] if word.endswith("e") else word
    forms = {word, f"{word}s", f"{word}es", f"{word}d", f"{word}ed", f"{stem}ing", f"{stem}ed"}
    if word.endswith("y"):
        forms |= {f"{word[:-1]}ies", f"{word[:-1]}ied"}
    return forms


# The most units the exchanged runs and the middle between them may span: a claim's parties and their relation take a
# few words, and the search below is cubic in this width (two 800-word permutations of each other took seconds).
MAX_SWAP_WIDTH = 48

# Lemmas would not do: the signals' lemma table maps "endorse" to "agree" (a synonym group) and "meet" elsewhere.
_RECIPROCAL_FORMS = frozenset(form for word in RECIPROCAL_WORDS for form in _regular_forms(word))


@dataclass(frozen=True, slots=True)
class RoleSwap:
    """The two runs exchanged (as the premise has them) and the relation between them, for explanations."""

    first: tuple[str, ...]
    second: tuple[str, ...]
    relation: tuple[str, ...]


def _middle_words(analysis: Analysis, before: Sequence[int], after: Sequence[int]) -> tuple[str, ...]:
    """The lower-case words between the last token of one run and the first token of the next, but for a "the"
    right before the next run: it belongs to that party's name, which may be written with or without it
    ("Unilever acquired the Swedish start-up" / "The Swedish start-up acquired Unilever")."""
    words = tuple(token.lower for token in analysis.tokens[max(before) + 1 : min(after)])
    return words[:-1] if words and words[-1] == "the" else words


def swapped_roles(premise: Analysis, hypothesis: Analysis) -> RoleSwap | None:
    """The exchange of two runs that is the only difference between two statements, if there is one."""
    if indefinite(premise) or indefinite(hypothesis):
        return None
    said, other = units(premise), units(hypothesis)
    said_words, other_words = [u for u, _ in said], [u for u, _ in other]
    if said_words == other_words or Counter(said_words) != Counter(other_words):
        return None
    start = 0
    while said_words[start] == other_words[start]:
        start += 1
    end = len(said_words)
    while said_words[end - 1] == other_words[end - 1]:
        end -= 1
    p, h = said_words[start:end], other_words[start:end]
    width = end - start
    if width > MAX_SWAP_WIDTH:
        return None
    p_positions = [position for _, position in said[start:end]]
    h_positions = [position for _, position in other[start:end]]
    for first_width in range(1, width - 1):
        for second_width in range(1, width - first_width):
            first, middle, second = p[:first_width], p[first_width : width - second_width], p[width - second_width :]
            if h != second + middle + first or first == second:
                continue
            p_middle = _middle_words(premise, p_positions[:first_width], p_positions[width - second_width :])
            h_middle = _middle_words(hypothesis, h_positions[:second_width], h_positions[width - first_width :])
            if p_middle != h_middle or _RECIPROCAL_FORMS.intersection(p_middle):
                return None
            return RoleSwap(tuple(first), tuple(second), tuple(middle))
    return None


def converse(premise: Analysis, hypothesis: Analysis, antonym_pairs: Sequence[tuple[str, str]]) -> Opposition | None:
    """An opposite word with the two parties exchanged around it: "The ruling party won against the opposition" /
    "The opposition lost against the ruling party", "The pound fell against the dollar" / "The dollar rose against
    the pound", "Sales were higher than costs" / "Costs were lower than sales".

    Each change alone contradicts (``antonym_swap``, ``role_swap``); together they undo each other: the statement
    is the same one seen from the other party (a converse), or at most another one ("Smith supported Jones" /
    "Jones opposed Smith"), never its opposite. So both statements must have the same words (content lemmas,
    figures, negations: ``alignment.units``) but for the opposite words, and a word before the opposite on one side
    must stand after it on the other, both ways. Only opposite verbs and adverbs, or a comparison ("higher than", ``alignment.compares``),
    relate two parties this way: "the same as" / "different from" and reciprocal relations ("A agreed with B" /
    "B disagreed with A", ``reciprocal_word`` in ``roles.tsv``) hold both ways, so there the exchange changes
    nothing and the opposite still contradicts; so does a passive, which exchanges the words but not the roles
    (``_passive``). Verbs WordNet opposes only through a linked word count too ("beat" / "lost to":
    ``_linked_opposition``).
    """
    for opposition in [*oppositions(premise, hypothesis, antonym_pairs), *_linked_opposition(premise, hypothesis)]:
        if not (opposition.kinds & {"verb", "adverb"} or compares(premise, opposition.premise_positions)):
            continue
        if _passive(premise, opposition.premise_positions) or _passive(hypothesis, opposition.hypothesis_positions):
            continue
        said = [unit for unit, _ in units(premise, opposition.premise_positions)]
        other = [unit for unit, _ in units(hypothesis, opposition.hypothesis_positions)]
        if said.count(SWAP) != 1 or other.count(SWAP) != 1 or Counter(said) != Counter(other):
            continue
        said_at, other_at = said.index(SWAP), other.index(SWAP)
        # Words before the opposite on one side only: with the same words on both sides, they stand after it on the
        # other. A word both sides have before it ("the prime minister ... of the interior minister") stays put.
        before_said, before_other = Counter(said[:said_at]), Counter(other[:other_at])
        if not before_said - before_other or not before_other - before_said:
            continue
        words = {token.lower for analysis in (premise, hypothesis) for token in analysis.tokens}
        if _RECIPROCAL_FORMS.intersection(words):
            continue
        return opposition
    return None


def _passive(analysis: Analysis, positions: frozenset[int]) -> bool:
    """The opposite word is a passive participle ("The permit was approved by the council"): the voice, not the
    roles, puts its agent after it, so the parties stand the other way round with their roles unchanged, and
    "The council rejected the permit" is the opposite statement, not its converse."""
    lowers = [token.lower for token in analysis.tokens]
    return any(
        any(word in BE_FORMS for word in lowers[max(0, index - 3) : index]) and "by" in lowers[index + 1 : index + 4]
        for index in positions
    )


def _linked_opposition(premise: Analysis, hypothesis: Analysis) -> list[Opposition]:
    """The one word each statement has where the other has another, when they are verbs WordNet opposes through a
    word one link away ("beat" / "lost": "beat" is linked to "win", the antonym of "lose",
    ``wordnet.opposed_through_link``). Read for the converse only: WordNet's direct antonyms ("win" / "lose") are
    few, and "Celtic beat Rangers" / "Rangers lost to Celtic" is the same result seen from the other side."""
    said, other = units(premise), units(hypothesis)
    only_said = Counter(unit for unit, _ in said) - Counter(unit for unit, _ in other)
    only_other = Counter(unit for unit, _ in other) - Counter(unit for unit, _ in said)
    if only_said.total() != 1 or only_other.total() != 1:
        return []
    premise_at = next(position for unit, position in said if unit in only_said)
    hypothesis_at = next(position for unit, position in other if unit in only_other)
    first, second = premise.tokens[premise_at].lower, hypothesis.tokens[hypothesis_at].lower
    if not opposed_through_link(first, second):
        return []
    return [Opposition(frozenset({premise_at}), frozenset({hypothesis_at}), (first, second), frozenset({"verb"}))]
