"""Opposite words across two statements: antonym pairs (``antonyms.tsv``) and negating prefixes ("natural" /
"unnatural") that say opposite things about one thing."""

from __future__ import annotations

from embeddings.signals.statement import Analysis
from embeddings.signals.tokens import ANTONYMS, context, lemma
from embeddings.signals.vocabulary import NEGATING_PREFIXES, PREFIX_FALSE_FRIENDS, TIME_WORDS, UNIT_SYNONYMS

# Content words either side of an opposite word ("rose", "young") that it is about; both sides' words must share one.
ANTONYM_WINDOW = 3


def antonym_pairs(premise: Analysis, hypothesis: Analysis) -> list[tuple[str, str]]:
    """(premise word, hypothesis word) pairs of opposite meaning that only one side each uses."""
    only_premise = premise.content - hypothesis.content
    only_hypothesis = hypothesis.content - premise.content
    found: list[tuple[str, str]] = []
    for group in ANTONYMS:
        for first, second in ((group.side_a, group.side_b), (group.side_b, group.side_a)):
            for word in only_premise & first:
                found.extend((word, other) for other in only_hypothesis & second)
    for word in only_hypothesis:
        for prefix in NEGATING_PREFIXES:
            base = word.removeprefix(prefix)
            if _prefix_opposite(prefix, base, word) and base in only_premise:
                found.append((base, word))
    for word in only_premise:
        for prefix in NEGATING_PREFIXES:
            base = word.removeprefix(prefix)
            if _prefix_opposite(prefix, base, word) and base in only_hypothesis:
                found.append((word, base))
    return sorted(pair for pair in set(found) if _shares_argument(premise, hypothesis, pair))


def _prefix_opposite(prefix: str, base: str, word: str) -> bool:
    """``word`` is ``base`` with a negating prefix. Stems of four letters or more for any prefix; "un" also takes
    three, since lemmas are stemmed: "unsafe" / "safe" meet as "unsaf" / "saf", "unfit" / "fit" (other prefixes
    on three letters are mostly other words: "income" / "come", "inside" / "side", "input" / "put")."""
    shortest = 3 if prefix == "un" else 4
    return base != word and len(base) >= shortest and base not in PREFIX_FALSE_FRIENDS


def antonym_kinds(pair: tuple[str, str]) -> frozenset[str]:
    """The parts of speech of the antonym groups that oppose the pair's two lemmas (empty for a prefix pair such as
    "natural" / "unnatural", which no group lists)."""
    first, second = pair
    return frozenset(
        group.kind
        for group in ANTONYMS
        if (first in group.side_a and second in group.side_b) or (first in group.side_b and second in group.side_a)
    )


def _neighbours(analysis: Analysis, word: str, exclude: frozenset[str]) -> frozenset[str]:
    """Content lemmas within ANTONYM_WINDOW content words of any use of ``word``: what it says something about."""
    tokens = list(analysis.tokens)
    found: set[str] = set()
    for index, token in enumerate(tokens):
        if token.lemma == word:
            found |= context(tokens, index, index + 1, exclude, window=ANTONYM_WINDOW)
    return frozenset(found)


# Lemmas of the words that say when, not what (``time_words.tsv``).
_TIME_LEMMAS = frozenset(lemma(word) for word in TIME_WORDS)
# Lemmas of the words that say when or in what unit, not what (``time_words.tsv``, ``units.tsv``).
_NOT_ARGUMENT_LEMMAS = _TIME_LEMMAS | frozenset(lemma(word) for word in UNIT_SYNONYMS) | frozenset(UNIT_SYNONYMS)


def _shares_argument(premise: Analysis, hypothesis: Analysis, pair: tuple[str, str]) -> bool:
    """True when the two opposite words stand by a common word, so they say opposite things about one thing.

    "Reduced tensions" against "increased tensions" qualifies; "a young woman" against "an old townhouse", or
    "reserves reduced to $10 billion" against "raised interest rates", does not: each word describes something else.
    Nor does a word that says when ("taxes will rise next year" / "the bank lowered its forecast for next year",
    "rose in the winter": ``time_words.tsv``): two things may go opposite ways in the same year; nor a unit ("wages
    rose by 4 percent" / "unemployment fell to 4.5 percent": ``units.tsv``), which says how much, not of what.
    """
    exclude = frozenset(pair)
    shared = _neighbours(premise, pair[0], exclude) & _neighbours(hypothesis, pair[1], exclude)
    return bool(shared - _NOT_ARGUMENT_LEMMAS)


def negated_on_one_side(premise: Analysis, hypothesis: Analysis, pair: tuple[str, str]) -> bool:
    """True for "fell" vs "did not rise": an antonym under a negation restates rather than contradicts."""
    premise_negated = any(pair[0] in cue.scope for cue in premise.negations)
    hypothesis_negated = any(pair[1] in cue.scope for cue in hypothesis.negations)
    return premise_negated != hypothesis_negated
