"""Comparing figures across two statements: which premise quantities a hypothesis quantity is about, and how far
apart their intervals lie (shared by ``number_mismatch`` and ``number_match``); and whether two statements differ
only in how their figures are written (``restated_figure``)."""

from __future__ import annotations

from collections.abc import Sequence

from embeddings.signals.dates import clock_positions
from embeddings.signals.numbers import INF, Quantity
from embeddings.signals.statement import Analysis
from embeddings.signals.tokens import is_content
from embeddings.signals.vocabulary import UNIT_SYNONYMS

MATCH_MIN_FIGURE = 10  # smallest count taken as a figure rather than a description (number_match, _short_counts)
# The gap reported for two bounds that meet only at a figure one of them leaves out ("more than 40" against "fewer
# than 40"): disjoint, so a mismatch, but the weakest one.
ADJACENT_GAP = 1e-9


def intervals_gap(a: Quantity, b: Quantity) -> float:
    """Relative distance between two intervals: 0 when they overlap."""
    gap = max(a.low - b.high, b.low - a.high, _limit_beyond_bound(a, b), _limit_beyond_bound(b, a), 0.0)
    if gap == 0.0:
        return ADJACENT_GAP if _bounds_meet_at_excluded_figure(a, b) else 0.0
    scale = max(abs(v) for v in (a.low, a.high, b.low, b.high) if v != INF)
    return gap / scale if scale else 1.0


def _limit_beyond_bound(a: Quantity, b: Quantity) -> float:
    """How far a reached upper limit (``Quantity.attained``: "the fine can reach $50,000") lies above the upper bound
    of another limit or bound ("at most $5,000", "tops out at $5,000"): it says a figure the other rules out. A
    single figure under the limit ("was fined $3,000") is one case of it, no bound, and conflicts with nothing."""
    if not a.attained or b.low != 0.0 or b.high in (0.0, INF) or b.low == b.high:
        return 0.0
    return max(a.high - b.high, 0.0)


def _bounds_meet_at_excluded_figure(a: Quantity, b: Quantity) -> bool:
    """Two ranges (neither an exact figure) whose only shared value is one a comparative bound leaves out."""
    if a.low == a.high or b.low == b.high:
        return False
    return not overlap_beyond_bounds(a, b)


def overlap_beyond_bounds(a: Quantity, b: Quantity) -> bool:
    """The intervals share a value other than the figure a comparative bound leaves out."""
    low, high = max(a.low, b.low), min(a.high, b.high)
    if low != high:
        return low < high
    return not any(q.strict and low in (q.low, q.high) for q in (a, b))


def _same_unit(a: str | None, b: str | None) -> bool | None:
    """True/False when both units are known, None when at least one is missing."""
    if a is None or b is None:
        return None
    return a == b


def _quantities_comparable(a: Quantity, b: Quantity) -> bool:
    """Same kind (or a share against the count of its whole group) and, as far as known, the same counted thing.

    When only one side names what it counts ("10,000 diplomats" vs "the number of troops ... 2,500"), that noun
    must appear around the other number too. Ordinals are exempt: "the second round" vs "the first of the talks".
    """
    # A share conflicts with a count only when that count is the whole group's ("all nine agencies").
    share_of_whole = {a.kind, b.kind} == {"share", "count"} and (a.whole or b.whole)
    if a.kind != b.kind and not share_of_whole:
        return False
    special = {"percent", "money"}
    if (a.unit in special or b.unit in special) and a.unit != b.unit:
        return False
    same = _same_unit(a.unit, b.unit)
    if same is not None or a.kind == "ordinal":
        return same is not False
    if a.unit is not None:
        return a.unit in b.context
    if b.unit is not None:
        return b.unit in a.context
    return True


def _short_counts(a: Quantity, b: Quantity) -> bool:
    """Two large counts in short statements ("troops dropped to about 2,500", "troops rose to 10,000"): the one word
    their contexts share is all there is to share, so it is enough to make them figures for the same thing."""
    return (
        a.kind == b.kind == "count"
        and min(a.low, b.low) >= MATCH_MIN_FIGURE
        and max(len(a.context), len(b.context)) <= 2
    )


def _scored_candidates(wanted: Quantity, premise: Sequence[Quantity]) -> list[tuple[int, Quantity]]:
    """The premise quantities that may be about the same thing as ``wanted``, each with its context score."""
    scored: list[tuple[int, Quantity]] = []
    for candidate in premise:
        if not _quantities_comparable(wanted, candidate):
            continue
        score = len(wanted.context & candidate.context)
        if _same_unit(wanted.unit, candidate.unit):
            score += 2
        if score >= 2 or (score == 1 and _short_counts(wanted, candidate)):
            scored.append((score, candidate))
    return scored


def same_figure(a: Quantity, b: Quantity) -> bool:
    return (a.low, a.high, a.strict) == (b.low, b.high, b.strict)


def figure_candidates(wanted: Quantity, premise: Sequence[Quantity]) -> list[Quantity]:
    """The premise quantities a hypothesis quantity is compared with (empty when none is about the same thing).

    Those whose context shares the most words with its own (at least two, the same counted noun, or one for large
    counts in short statements, ``_short_counts``). A candidate with the very same figure wins outright: a premise
    with "$100 million ... $50 million ... $150 million" backs a hypothesis's "$150 million" even when the context
    words of another figure happen to overlap more. So does one whose figure a bound names ("at least $150 million",
    ``_written_figure``).
    """
    scored = _scored_candidates(wanted, premise)
    written = _written_figure(wanted)
    same = [
        candidate
        for _, candidate in scored
        if same_figure(wanted, candidate) or (written is not None and written == _written_figure(candidate))
    ]
    if same or not scored:
        return same
    best = max(score for score, _ in scored)
    return [candidate for score, candidate in scored if score == best]


def _written_figure(quantity: Quantity) -> float | None:
    """The figure a quantity writes: an exact one's value, or a one-sided bound's end ("at least $60 million": 60
    million); None for an estimate or a range."""
    if quantity.low == quantity.high:
        return quantity.low
    bound = _bound_end(quantity)
    return bound[1] if bound is not None else None


def figure_gap(wanted: Quantity, premise: Sequence[Quantity]) -> float | None:
    """Smallest distance between a hypothesis quantity's interval and its ``figure_candidates``' (0.0: they
    overlap); None when no premise quantity is about the same thing."""
    candidates = figure_candidates(wanted, premise)
    if not candidates:
        return None
    return min(intervals_gap(wanted, candidate) for candidate in candidates)


def is_precise(quantity: Quantity) -> bool:
    """An exact figure that is not a round one: any other figure conflicts with it outright ("27 chapters" against
    "all 26", "the sixth woman" against "the fifth"). Round figures ("2,400 troops") may be estimates, and hedged or
    bounded ones are, so a figure just beside them conflicts only weakly, more clearly the further away it lies."""
    value = quantity.low
    return value == quantity.high and value == int(value) and (value < 10 or value % 10 != 0)


def is_figure(quantity: Quantity) -> bool:
    """A count stated as a figure: one of at least ``MATCH_MIN_FIGURE`` ("about eight people" still only says who
    is meant), or an open-ended bound above one ("more than six years"). "Over one day" names no figure: a bound's
    figure is its finite end, 1 here, not infinity. A share of a group ("40 of its stores") counts its members as
    any count does, and the level a change starts from ("rose from 2,000 to 2,500") is a figure as the level it
    reaches is."""
    if quantity.kind not in ("count", "share", "origin"):
        return False
    if quantity.high == INF:
        return quantity.low > 1
    return quantity.high >= MATCH_MIN_FIGURE


def _bound_end(quantity: Quantity) -> tuple[str, float] | None:
    """The direction and figure of a one-sided bound ("up to 90": ("at most", 90), "more than 40": ("at least",
    40)); None for an exact figure, an estimate or a range."""
    if quantity.high == INF:
        return ("at least", quantity.low)
    if quantity.low == 0.0 and quantity.high > 0.0:
        return ("at most", quantity.high)
    return None


def differing_bounds(a: Quantity, b: Quantity) -> bool:
    """Two bounds the same way round on two figures: "winds of up to 90 mph" / "up to 60 mph", "more than 40" /
    "more than 30". Their intervals overlap, but each names the figure it states (the highest wind measured), so
    they neither agree nor are one figure written two ways."""
    first, second = _bound_end(a), _bound_end(b)
    if first is None or second is None:
        return False
    return first[0] == second[0] and first[1] != second[1]


def figures_agree(wanted: Quantity, said: Quantity) -> bool:
    """A hypothesis figure agrees with a premise figure: the same figure, or intervals that share a value beyond what
    a comparative bound leaves out. Two bounds the same way round on two figures (``differing_bounds``) agree only
    where the premise's bound implies the hypothesis's ("at least four" / "at least two"), not the other way ("up to
    90 mph" / "up to 60 mph")."""
    if same_figure(wanted, said):
        return True
    if _limit_beyond_bound(wanted, said) or _limit_beyond_bound(said, wanted):
        return False
    if not overlap_beyond_bounds(wanted, said):
        return False
    return not differing_bounds(wanted, said) or wanted.low <= said.low <= said.high <= wanted.high


def agreeing_figure(wanted: Quantity, premise: Sequence[Quantity]) -> bool:
    """One of ``wanted``'s ``figure_candidates`` agrees with it (``figures_agree``).

    A comparative bound only touches the figure it names: "lower than 34" neither conflicts with nor agrees with
    "34", so it agrees only with the same bound ("more than six years" in both).
    """
    return any(figures_agree(wanted, candidate) for candidate in figure_candidates(wanted, premise))


def restated_figures(premise: Analysis, hypothesis: Analysis) -> bool:
    """The two statements say the same thing but for how their figures are written: "1,500 people" / "fifteen
    hundred people", "5.1 per cent" / "5.1%", "$5 million" / "five million dollars", "about 4,000 patients" /
    "4,120 patients".

    Both have figures, as many on each side, and each agrees with the one at the same place on the other side (the
    same kind and counted thing, intervals that share a value); the dates are the same; and what is left once the
    figures (their qualifiers, currency signs and unit words: "about", "$", "percent") are taken out is the same
    words in the same order, function words included (content words by lemma). Nothing else differs, so the pair cannot contradict, whatever a
    model that reads "fifteen hundred" against "1,500" as two numbers says. A time of day written two ways ("at
    noon" / "at 12 p.m.", "at midnight" / "at 12 a.m.") is restated the same way, its date the same (issue 21).
    """
    said, restated = premise.quantities, hypothesis.quantities
    if len(said) != len(restated) or (not said and _clock_words(premise) == _clock_words(hypothesis)):
        return False
    for first, second in zip(said, restated, strict=True):
        if not _quantities_comparable(first, second):
            return False
        if not figures_agree(second, first) or differing_bounds(first, second):
            return False  # two bounds on two figures are two figures, whichever implies the other
    if [date.fields() for date in premise.dates] != [date.fields() for date in hypothesis.dates]:
        return False
    skeleton = _without_figures(premise)
    return bool(skeleton) and skeleton == _without_figures(hypothesis)


def restated_times(premise: Analysis, hypothesis: Analysis) -> bool:
    """The two statements are one (``restated_figures``) but for how a time of day is written ("at noon" / "at 12
    p.m.", "at midnight" / "at 00:00", "at 3 p.m." / "at three in the afternoon"), every figure written the same:
    each entails the other, though the model reads the other writing as an added detail and leans neutral (h131)."""
    if _clock_words(premise) == _clock_words(hypothesis) or not restated_figures(premise, hypothesis):
        return False
    return _figure_words(premise) == _figure_words(hypothesis)


def _figure_words(analysis: Analysis) -> list[list[str]]:
    """The words of each figure, as written."""
    return [[token.lower for token in analysis.tokens[slice(*quantity.span)]] for quantity in analysis.quantities]


def _clock_words(analysis: Analysis) -> list[str]:
    """The words of a statement's times of day, as written ("noon", "12", "p.m.")."""
    return [analysis.tokens[index].lower for index in sorted(clock_positions(list(analysis.tokens)))]


def _without_figures(analysis: Analysis) -> list[str]:
    """Every word of a statement, in order, with one placeholder where each figure or time of day stands and no unit
    words: function words count too ("most" / "almost all", "a" / "the", "not"), content words by lemma ("dropped" /
    "fell")."""
    clocks = clock_positions(list(analysis.tokens))
    starts = {quantity.span[0] for quantity in analysis.quantities} | {i for i in clocks if i - 1 not in clocks}
    inside = {index for quantity in analysis.quantities for index in range(*quantity.span)} | clocks
    words: list[str] = []
    for index, token in enumerate(analysis.tokens):
        if index in starts:
            words.append(_FIGURE)
        if index in inside or token.kind != "word" or token.lemma in UNIT_SYNONYMS:
            continue
        words.append(token.lemma if is_content(token) else token.lower)
    return words


_FIGURE = "<figure>"
