"""Whether an opposite or a negation between two statements is told in one frame: the shorter statement is the
longer one's words but for the opposite or the negation (and for a name where the longer one has a pronoun).

"Nordvik Shipping made a net loss in the second quarter" against the extracted claim "it made a net profit of 85
million euros in the second quarter, up from 60 million euros a year earlier": every word of the statement but the
name and "loss" is in the claim, so the two speak of one thing whatever their embeddings say. The claim's detail
and its pronoun put their cosine at 0.32, under the similarity floor that keeps far-off matches neutral
(``service.services.checking.gate_by_similarity``), which the frame lowers (issue 21, gate audit).
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from embeddings.signals.alignment import NEGATION, indefinite, is_name, units
from embeddings.signals.context import PairContext
from embeddings.signals.statement import Analysis
from embeddings.signals.vocabulary import MODALS, WEAKENERS

# The fewest of the shorter statement's words, besides its names, its opposite and its negation, that must be in
# the longer one: "Prices fell" says too little to be told in anyone's frame.
MIN_FRAMED_WORDS = 2
# Words that leave the longer statement's event open or in doubt ("Global growth may slow to 2 percent" against
# "Global growth will not slow"): a denial of it does not contradict it. "will" and "shall" state the future.
HEDGES = (MODALS - {"will", "shall"}) | WEAKENERS
# Coordinators: in a negated statement that has one, the negation may deny one conjunct only ("He was proclaimed,
# but never crowned, King", "little or no growth", "not only ... but").
COORDINATORS = frozenset({"but", "or", "nor"})
# ``PairContext.relatedness`` at which two statements are worded alike (``worded_alike``): 0.8 is an overlap
# coefficient of 0.48, about half the shorter statement's content words in the other. Chosen on training pairs only
# (h113, issue 21): 0.6 let through 53 contradictions against 37 other pairs, 0.8 38 against 15, 1.0 15 against 4.
WORDED_ALIKE_RELATEDNESS = 0.8


def _leading_names(analysis: Analysis, placed: list[tuple[str, int]], other: set[str]) -> set[str]:
    """The lemmas of the names (``alignment.is_name``) that open ``analysis`` before its first lower-case content
    word, its subject ("Nordvik Shipping made ...", "Governor Daniel Price plans ..."), and the other statement
    lacks."""
    names = set()
    for unit, position in placed:
        if not analysis.tokens[position].text[:1].isupper():
            break
        if unit not in other and is_name(analysis, [position]):
            names.add(unit)
    return names


def _told_within(short: Analysis, long: Analysis, opposite: AbstractSet[str]) -> bool:
    """Every unit of ``short`` is in ``long`` but its negations, its ``opposite`` words and, where ``long`` opens
    with no name of its own (it refers back: "it", "the company"), the names that open ``short``; at least
    ``MIN_FRAMED_WORDS`` are. Names in ``long``'s added detail ("helped by sales in Asia") are detail."""
    short_placed, long_placed = units(short), units(long)
    short_units, long_units = {u for u, _ in short_placed}, {u for u, _ in long_placed}
    if _leading_names(long, long_placed, short_units):
        return False  # the longer statement's subject is a name the shorter lacks: maybe another thing
    left = short_units - {NEGATION} - opposite - _leading_names(short, short_placed, long_units)
    return len(left) >= MIN_FRAMED_WORDS and left <= long_units


def framed_conflict(premise: str, hypothesis: str) -> bool:
    """An opposite word (not negated on one side only) or a one-sided negation is, with a name standing for a
    pronoun and detail the longer statement adds, the only difference between the two statements, and they are
    told of one thing and one time (no ``other_subject``, no times that differ)."""
    context = PairContext.of(premise, hypothesis)
    opposed = context.unnegated_antonym and not context.restated_opposite
    if not (opposed or context.negation_cues) or context.other_subject or context.times_differ:
        return False
    words = context.antonym_words if opposed else frozenset()
    tokens = (*context.premise.tokens, *context.hypothesis.tokens)
    opposite = words | {token.lemma for token in tokens if token.lower in words or token.lemma in words}
    return _told_within(context.premise, context.hypothesis, opposite) or _told_within(
        context.hypothesis, context.premise, opposite
    )


def framed_negation(context: PairContext) -> bool:
    """A negation on one side only, no opposite, one thing and one time, and the negated statement is the shorter,
    told within the other ("Global growth will not slow next year" against "Global growth will slow to 2 percent
    next year"), which hedges none of it (``HEDGES``): the negation denies what the longer statement states. A
    negation in the longer statement often denies its own detail instead ("The museum is not open on Mondays but
    welcomes visitors every other day"), one in a coordination may deny one conjunct (``COORDINATORS``), and two
    negations cancel ("did not fail to")."""
    sides = context.negating_sides
    if sides is None or not context.negation_cues or context.antonym_pairs:
        return False
    if context.other_subject or context.times_differ or indefinite(context.premise) or indefinite(context.hypothesis):
        return False  # another thing, another time, or perhaps another ("A girl is not riding a bicycle")
    negated, other = sides
    stated = {token.lower for token in negated.tokens}
    if len(negated.negations) > 1 or stated & COORDINATORS or not _told_within(negated, other, frozenset()):
        return False
    return not any(token.lower in HEDGES and token.lower not in stated for token in other.tokens)


def worded_alike(premise: str, hypothesis: str) -> bool:
    """About half the shorter statement's content words are in the other (``WORDED_ALIKE_RELATEDNESS``): the two
    are told of one thing in its words, whatever their embeddings' cosine says. The similarity gate reads it for a
    contradiction no signal supports (``service.services.checking.gate_by_similarity``): on training pairs the cosine
    alone dropped as many true contradictions as false ones, and the shared words tell them apart a little better."""
    return PairContext.of(premise, hypothesis).relatedness >= WORDED_ALIKE_RELATEDNESS
