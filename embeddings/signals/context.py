"""The per-pair context every signal reads: both analyses and what several signals share, computed once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property

from embeddings.signals.alignment import (
    Alignment,
    Opposition,
    Substitution,
    added_detail,
    align,
    aligned_negation,
    indefinite,
    negated_addition,
    negated_substitution,
    substituted_word,
)
from embeddings.signals.dates import (
    dates_conflict,
    deadline_apart,
    deadline_missed,
    deadline_phrase_length,
    find_dates,
    find_relative_times,
    named_periods_conflict,
    period_numbers,
    periods_conflict,
    periods_placed,
    relative_times_conflict,
    time_left_open,
    without_periods,
)
from embeddings.signals.figures import figure_gap, is_figure, restated_figures, restated_times
from embeddings.signals.lexicon import words_with_role
from embeddings.signals.negations import NegationCue
from embeddings.signals.numbers import Quantity
from embeddings.signals.opposites import antonym_pairs, negated_on_one_side
from embeddings.signals.roles import RoleSwap, converse, swapped_roles
from embeddings.signals.statement import Analysis, analyse
from embeddings.signals.subjects import (
    common_noun_substitution,
    named_substitution,
    numbered_names,
    other_thing,
    renamed_premises,
    same_but_for,
)
from embeddings.signals.tokens import Token, context, is_content, lemma
from embeddings.signals.vocabulary import (
    CHANGE_WORDS,
    DATE_PREPOSITIONS,
    DEADLINE_WORDS,
    HOLIDAYS,
    MONTH_SPANS,
    PERIODS,
    PLACES,
    TIME_BOUNDS,
    TIME_WORDS,
    UNIT_SYNONYMS,
    WANT_CUES,
    WANT_WORDS,
)
from embeddings.signals.wordnet import Relation, relation, shared_parts_of_speech

# Lemmas of the words that, negated, say a thing will not be done ("no plans to", ``intention_word`` in roles.tsv).
INTENTION_WORDS = frozenset(lemma(word) for word in words_with_role("intention_word"))
FULL_RELATEDNESS = 0.6  # overlap at which a signal counts at full strength
UNIT_WORDS = frozenset(UNIT_SYNONYMS) | frozenset(lemma(word) for word in UNIT_SYNONYMS)  # as written and as lemmas
# Words that say which way an amount moved or when ("rose", "fell", "last year"), not what a statement is about.
NOT_TOPIC_WORDS = frozenset(lemma(word) for word in CHANGE_WORDS | TIME_WORDS)
# Days and feasts named with a capital ("Christmas", "Easter"): dates, not named things (h125).
NAMED_DAYS = frozenset(HOLIDAYS) | frozenset(word for word, (_, capitalised) in MONTH_SPANS.items() if capitalised)


def _figures(analysis: Analysis) -> tuple[Quantity, ...]:
    """The statement's quantities but the numbers of its numbered names (``subjects.numbered_names``) and of its
    named periods ("the third quarter", ``dates.period_numbers``): which thing, and when, not how much."""
    names = numbered_names(analysis) | period_numbers(list(analysis.tokens))
    return tuple(q for q in analysis.quantities if not all(i in names for i in range(*q.span)))


def _figures_of_other_quantities(
    premise: tuple[Quantity, ...], hypothesis: tuple[Quantity, ...], gaps: list[float | None]
) -> bool:
    """Both statements give figures of named things (``figures.is_figure`` with a unit: "40 nurses", "$80
    million", not "the first building", "two awards" or a bare "1776") and no figure of the hypothesis is about the
    same thing as one of the premise's (its ``figure_gap`` is None): figures of other quantities."""

    def counted(quantities: tuple[Quantity, ...]) -> bool:
        return any(is_figure(q) and q.unit is not None for q in quantities)

    return counted(premise) and counted(hypothesis) and all(gap is None for gap in gaps)


def _undated(analysis: Analysis, *, deadlines: bool = False) -> str | None:
    """The statement's words without its dates and relative times ("last year"), the words that place them ("in",
    "on", "the") and its figures: what is said, apart from when and how much. None when a date bounds a span ("not until June", "since 2019",
    ``vocabulary.TIME_BOUNDS``): such a date limits the statement rather than placing it at another time; with
    ``deadlines``, a deadline's word ("by 11 a.m.") is set aside with its date, told of a time of its own."""
    tokens = list(analysis.tokens)
    _, date_positions = find_dates(tokens)
    time_positions = date_positions | {i for time in find_relative_times(tokens) for i in time.positions}
    dropped = set(time_positions)
    for position in sorted(time_positions):
        before = position - 1
        phrase = deadline_phrase_length(tokens, position) if position - 1 not in dropped else 0
        if phrase and not deadlines:
            return None  # "by the end of June" bounds the statement, as "by June" does
        dropped.update(range(position - phrase, position))
        before -= phrase
        while before >= 0 and before not in dropped:
            word = tokens[before].lower
            if word in TIME_BOUNDS and not (deadlines and word in DEADLINE_WORDS):
                return None
            if word not in DATE_PREPOSITIONS - {"and", "or"} and word != "the":
                break
            dropped.add(before)
            before -= 1
    for quantity in _figures(analysis):
        dropped.update(range(*quantity.span))
    return " ".join(token.text for index, token in enumerate(tokens) if index not in dropped)


def _told_relative(tokens: Sequence[Token]) -> bool:
    """A time placed relative to the time of speaking ("last year", "yesterday"); "the last quarter" of a game or a
    year is its final part, a named period, not the quarter before this one (h125)."""
    for time in find_relative_times(tokens):
        first = time.positions[0]
        if not (time.unit in PERIODS and first > 0 and tokens[first - 1].lower == "the"):
            return True
    return False


def _event_words(text: str) -> tuple[list[str], bool]:
    """What a statement says happened, apart from its prepositions ("held at" / "held"): its content words' lemmas
    in order, and whether it is negated."""
    analysis = analyse(text)
    return [token.lemma for token in analysis.tokens if is_content(token)], bool(analysis.negations)


# Content words either side of a want word ("staff shortages", "a shortage of staff") that name the thing wanting.
WANT_WINDOW = 2


def without_restated_wants(side: Analysis, other: Analysis) -> Analysis:
    """``side`` without the want cues ("due to a lack of staff", ``want_cue`` in roles.tsv) that a want word of
    ``other`` restates ("because of staff shortages", ``want_word``): the first content word after the cue stands
    within ``WANT_WINDOW`` content words of that want word. Both say the thing is wanting, so reading the cue as a
    negation would set the statement against itself (judge audit 15). Any other negation on either side stays."""
    if not any(cue.cue in WANT_CUES for cue in side.negations):
        return side
    tokens = list(other.tokens)
    wanted = frozenset().union(
        *(context(tokens, i, i + 1, window=WANT_WINDOW) for i, token in enumerate(tokens) if token.lower in WANT_WORDS)
    )
    kept = tuple(cue for cue in side.negations if not (cue.cue in WANT_CUES and _lacked(side, cue) in wanted))
    return side if len(kept) == len(side.negations) else replace(side, negations=kept)


def _lacked(analysis: Analysis, cue: NegationCue) -> str | None:
    """The lemma of the first content word after a cue: what "a lack of" says is wanting."""
    after = analysis.tokens[cue.start + cue.width :]
    return next((token.lemma for token in after if is_content(token)), None)


def _normalised_for_identity(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower()).rstrip(".!?;: ")


class PairContext:
    """A (premise, hypothesis) pair: the earlier claim and the new statement, analysed, with shared measures."""

    def __init__(self, premise: Analysis, hypothesis: Analysis) -> None:
        # A want cue the other side restates ("a lack of staff" / "staff shortages") negates nothing there.
        self.premise = without_restated_wants(premise, hypothesis)
        self.hypothesis = without_restated_wants(hypothesis, premise)

    @classmethod
    def of(cls, premise: str, hypothesis: str) -> PairContext:
        return cls(analyse(premise), analyse(hypothesis))

    @cached_property
    def identical(self) -> bool:
        """Same text up to case, spacing and final punctuation: no signal runs."""
        return _normalised_for_identity(self.premise.text) == _normalised_for_identity(self.hypothesis.text)

    @cached_property
    def coverage(self) -> float:
        """Share of the hypothesis's content words that the premise also has (1.0: nothing new is claimed)."""
        if not self.hypothesis.content:
            return 0.0
        return len(self.hypothesis.content & self.premise.content) / len(self.hypothesis.content)

    @cached_property
    def relatedness(self) -> float:
        """How much the two statements are about the same thing: 0 when unrelated, 1 when fully scaled in.

        Overlap coefficient (shared / smaller content set), so a short claim inside a long quote counts as related.
        Needs two shared words, or one when the smaller statement has at most two content words. Units ("percent",
        "dollars") do not count, and two statements of figures must share a word besides which way an amount moved
        and when (``NOT_TOPIC_WORDS``): "crime rose by 12 percent last year" / "measles cases rose by 30 percent
        last year" share "rose", "last" and "year", and are figures for two things.
        """
        premise, hypothesis = self.premise.content - UNIT_WORDS, self.hypothesis.content - UNIT_WORDS
        shared = premise & hypothesis
        smaller = min(len(premise), len(hypothesis))
        if smaller == 0 or len(shared) < (1 if smaller <= 2 else 2):
            return 0.0
        if self.premise.quantities and self.hypothesis.quantities and not shared - NOT_TOPIC_WORDS:
            return 0.0
        return min(1.0, len(shared) / smaller / FULL_RELATEDNESS)

    @cached_property
    def other_subject(self) -> bool:
        """The two statements put figures, dates or opposite predicates on different named things: a name of one
        stands where the other has another (``subjects.named_substitution``), and a figure, a date or an opposite
        word differs too. Two differences are two facts about two things ("Unemployment in France is 7 percent" /
        "... in Germany is 5 percent", "Sales in Ohio rose" / "Sales in Texas fell"), not one fact told two ways,
        so no figure, date, place or opposite is read between them: a contradiction needs one subject. An opposite
        or a negation told of two times is two facts the same way (``opposed_across_times``)."""
        # A numbered name's number ("district 3") says which thing, not how much: a figure besides it must differ,
        # or "phase 3" / "phase 2" trials would be two things rather than one subject's two states. A name's
        # number alone changed ("Shelter 3 is full" / "Shelter 4 is full") stays a figure conflict: on the NLI
        # training files such pairs ("the Apollo 13 mission was aborted" / "Apollo 14") are contradictions 26 times
        # of 37, and each of the 11 neutral ones is an alias joined by "or" ("Ju 87 or Stuka"), h119, issue 21.
        premise_figures, hypothesis_figures = _figures(self.premise), _figures(self.hypothesis)
        gaps = [figure_gap(wanted, premise_figures) for wanted in hypothesis_figures]
        figures_differ = any(gap not in (None, 0.0) for gap in gaps)
        if figures_differ or self.times_differ:
            # An opposite beside the figure ("rose to 3 percent" / "fell to 2 percent") is no part of the names.
            if named_substitution(self.premise, self.hypothesis, ignoring=self.antonym_words | self.named_days):
                return True
            # Two times, each with a figure of its own quantity ("hired 60 nurses in 2022" / "the budget for 2023
            # is $80 million"): two facts (issue 21). One event's two dates ("closed in 2019" / "in 2021") still
            # conflict, and so do one quantity's figures.
            if self.times_differ and _figures_of_other_quantities(premise_figures, hypothesis_figures, gaps):
                return True
            # Figures in two named periods of one year or contest ("rose 5% in the first quarter" / "rose 9% in the
            # third quarter", "Q1" / "Q3", "the first half" / "the second half"): a figure reported period by
            # period, two facts (issue 21). One period's two figures still conflict.
            if premise_figures and hypothesis_figures and periods_conflict(self.premise.dates, self.hypothesis.dates):
                return True
            # Two named parts of a contest won or lost, no figure between them ("Brown won the third round" /
            # "Brown won the fourth round"): the period says which part, as a numbered name says which thing, so
            # its ordinal is no figure to compare and the two are two facts (issue 21). A period placed by a
            # preposition of time tells when, as a year does ("was knocked out in the first round" / "in the third
            # round": one event's two times, ``dates.periods_placed``); one part's opposite ("won" / "lost the third
            # round") and a rank ("finished third" / "fourth", no period) still conflict.
            if (
                named_periods_conflict(self.premise.dates, self.hypothesis.dates)
                and not periods_placed(self.premise.tokens)
                and not periods_placed(self.hypothesis.tokens)
            ):
                return True
            return self.opposed_across_times or self.other_things_across_times
        return self.opposed_across_names or self.opposed_across_things

    @cached_property
    def other_times(self) -> bool:
        """Two relative times in one unit ("last year" / "this year", ``dates.relative_times_conflict``)."""
        return relative_times_conflict(self.premise.tokens, self.hypothesis.tokens)

    @cached_property
    def times_differ(self) -> bool:
        """The two statements are told of two times: their dates conflict, two relative times do, or one tells a
        deadline where the other tells the time a thing happened ("started at 8 a.m." / "finished by 11 a.m.")."""
        return dates_conflict(self.premise.dates, self.hypothesis.dates) or self.other_times or self.deadline_apart

    @cached_property
    def deadline_apart(self) -> bool:
        """A deadline and a time of the event, no conflict but for the deadline (``dates.deadline_apart``)."""
        return deadline_apart(self.premise.dates, self.hypothesis.dates)

    @cached_property
    def deadline_missed(self) -> bool:
        """One event told at a time after its deadline ("The meeting was held at 9 a.m." / "The meeting was held by 8
        a.m.", ``dates.deadline_missed``): with the dates set aside, the two statements say the same content words,
        neither or both negated, so the time is the event's own and cannot have met the deadline (issue 21). Another event's
        time ("The shop opened at 9 a.m." / "The goods were delivered by 8 a.m.") is no such conflict."""
        premise_dates = without_periods(self.premise.dates)
        hypothesis_dates = without_periods(self.hypothesis.dates)
        if not deadline_missed(premise_dates, hypothesis_dates):
            return False
        return self._one_event_apart_from_times

    @cached_property
    def time_left_open(self) -> bool:
        """One event, and the premise's time cannot settle the hypothesis's (``dates.time_left_open``: "rose last
        year" / "rose in the second quarter", "must be filed by June 1" / "was filed on June 5", "in spring 2025" /
        "in March 2025", "filed by June 1" / "filed on June 1"): with the dates, relative times and figures set aside
        the two statements say the same content words, neither or both negated (h125, issue 21)."""
        premise_relative = _told_relative(self.premise.tokens)
        hypothesis_relative = _told_relative(self.hypothesis.tokens)
        if not time_left_open(self.premise.dates, self.hypothesis.dates, premise_relative, hypothesis_relative):
            return False
        return self._one_event_apart_from_times

    @cached_property
    def _one_event_apart_from_times(self) -> bool:
        """With the dates, deadlines, relative times and figures set aside, the two statements say the same content
        words, neither or both negated: one event, told at two times (``deadline_conflict``, ``time_left_open``)."""
        premise_text = _undated(self.premise, deadlines=True)
        hypothesis_text = _undated(self.hypothesis, deadlines=True)
        if premise_text is None or hypothesis_text is None:
            return False
        return _event_words(premise_text) == _event_words(hypothesis_text)

    @cached_property
    def opposed_across_times(self) -> bool:
        """The same statement told of two times with an opposite predicate or a one-sided negation: the dates
        conflict (or two relative times do: "last year" / "this year"), and with the dates and figures set aside
        (``_undated``) only an opposite word ("Enrolment increased in 2011" / "Enrolment decreased in 2013") or a
        negation ("The mayor signed the charter in 2012" / "... did not sign the charter in 2014") is left. Two
        differences are two facts, as with two named things: one event told with two dates ("opened in 1994" /
        "opened in 1996") or one time with an opposite still conflicts, and so does a negation bounded by its date
        ("will not reopen until October")."""
        undated = self.undated
        if undated is None:
            return False
        # Here a negation reads as another time's fact, so the cautions against a thin or indefinite negation (which
        # keep a bare "not" from counting as a conflict) do not apply: "He resigned on Monday" / "He did not resign
        # on Tuesday".
        return (
            undated.aligned_opposition is not None
            or undated.opposite_nouns
            or aligned_negation(undated.premise, undated.hypothesis, loose=True)
        )

    @cached_property
    def opposite_nouns(self) -> bool:
        """One opposite word each, unnegated, is all that differs in the two statements' content words ("posted a
        net loss" / "posted a net profit"): opposite nouns, which ``align`` leaves to the antonym signal (a noun
        may name another thing, and "a net loss" speaks indefinitely). Told of two times they are two facts
        (``opposed_across_times``, issue 21)."""
        only_premise = self.premise.content - self.hypothesis.content
        only_hypothesis = self.hypothesis.content - self.premise.content
        if len(only_premise) != 1 or len(only_hypothesis) != 1 or not self.unnegated_antonym:
            return False
        return (next(iter(only_premise)), next(iter(only_hypothesis))) in self.antonym_pairs

    @cached_property
    def undated(self) -> PairContext | None:
        """The two statements without their dates, relative times and figures (``_undated``) when their dates
        conflict or two relative times do; None otherwise, or when a date bounds a span ("not until June")."""
        if not self.times_differ:
            return None
        # Two times only through a deadline (``deadline_apart``: the dates themselves do not conflict): its "by" is
        # set aside with the date (issue 21); two deadlines ("by 9 a.m." / "by 11 a.m.") still bound one event.
        premise_text = _undated(self.premise, deadlines=self.deadline_apart)
        hypothesis_text = _undated(self.hypothesis, deadlines=self.deadline_apart)
        if premise_text is None or hypothesis_text is None:
            return None
        return PairContext.of(premise_text, hypothesis_text)

    @cached_property
    def other_things_across_times(self) -> bool:
        """Two kinds of thing, each at its own time: the dates conflict (or two relative times do) and, with dates
        and figures set aside, one common noun stands where the other has one WordNet does not link to it ("The
        crossing would reopen on Sunday" / "The port will reopen on Monday", ``subjects.common_noun_substitution``).
        A date conflict is one event told with two dates; two things each with a date are two facts (issue 21).
        A synonym or a hypernym ("film" / "movie", "ship" / "vessel") is one subject, and its dates conflict."""
        undated = self.undated
        return undated is not None and common_noun_substitution(undated.premise, undated.hypothesis)

    @cached_property
    def opposed_across_names(self) -> bool:
        """The same frame told of two named things with an opposite predicate or a one-sided negation: with the
        hypothesis's names put in the premise (``subjects.renamed_premises``), the two statements differ only in an
        opposite word ("Turnout in district 1 fell" / "Turnout in district 5 rose", "Tower 3 passed its inspection"
        / "Tower 5 failed its inspection") or a negation ("Ward 2 signed the petition" / "Ward 6 did not sign the
        petition"). A contradiction needs one subject: these are two facts about two things."""
        for text in renamed_premises(self.premise, self.hypothesis):
            renamed = PairContext(analyse(text), self.hypothesis)
            if renamed.aligned_opposition is not None or renamed.negation_swap or renamed.only_opposite_nouns:
                return True
        return False

    @cached_property
    def only_opposite_nouns(self) -> bool:
        """Opposite nouns (``opposite_nouns``) and nothing else differing in the aligned content words and names,
        numbered names' numbers included ("Ashby Steel made a net profit" / "Ashby Steel made a net loss", the
        premise renamed by ``opposed_across_names``; issue 21)."""
        if not self.opposite_nouns:
            return False
        return same_but_for(self.premise, self.hypothesis, self.antonym_words)

    @cached_property
    def opposed_across_things(self) -> bool:
        """The same frame told of two things of one kind with an opposite predicate or a one-sided negation: with the
        opposite words set aside, only a modifier of one head noun or a head noun differs, put for one WordNet does
        not link to it ("Sales of petrol vans rose" / "Sales of electric vans fell", "did not settle the pension
        claim" / "settled the libel claim", ``subjects.other_thing``). Two facts, as with two named things (issue
        21); one thing's opposite, or a hypernym ("vans" / "vehicles"), still conflicts."""
        opposed = self.unnegated_antonym and not self.restated_opposite
        if not (opposed or self.negation_cues):
            return False
        opposite_words = self.antonym_words if opposed else frozenset()
        # "has no plans to close" / "will close": the intention is the negation's frame (``INTENTION_WORDS``).
        frame = INTENTION_WORDS if self.negation_cues else frozenset()
        return other_thing(self.premise, self.hypothesis, ignoring=opposite_words | frame)

    @cached_property
    def antonym_pairs(self) -> list[tuple[str, str]]:
        """(premise word, hypothesis word) pairs of opposite meaning about a common word (``opposites``)."""
        return antonym_pairs(self.premise, self.hypothesis)

    @cached_property
    def named_days(self) -> frozenset[str]:
        """The lemmas of the holidays and feasts either statement names ("Christmas", "Easter"): they say when, as a
        month's name does, so "at Easter" / "at Christmas" are one thing's two times, not two named things (h125)."""
        tokens = (*self.premise.tokens, *self.hypothesis.tokens)
        return frozenset(token.lemma for token in tokens if token.lower in NAMED_DAYS and token.text[:1].isupper())

    @cached_property
    def antonym_words(self) -> frozenset[str]:
        """The words of ``antonym_pairs``, either side's: what is set aside to compare the rest of two statements."""
        return frozenset(word for pair in self.antonym_pairs for word in pair)

    @cached_property
    def alignment(self) -> Alignment | None:
        """An antonym pair or relation phrase that is the only difference between the two statements, but for a
        negation on one side (``alignment``)."""
        return align(self.premise, self.hypothesis, self.antonym_pairs)

    @property
    def aligned_opposition(self) -> Opposition | None:
        """The opposite words when nothing else differs (``antonym_swap``)."""
        return self.alignment.opposed if self.alignment is not None else None

    @property
    def negated_opposition(self) -> Opposition | None:
        """The opposite words negated on one side, nothing else differing (``negated_opposite``)."""
        return self.alignment.negated if self.alignment is not None else None

    @cached_property
    def negation_swap(self) -> bool:
        """A negation on one side only is the one difference between the statements (``alignment.aligned_negation``):
        "pleaded guilty" / "pleaded not guilty"."""
        return aligned_negation(self.premise, self.hypothesis)

    @cached_property
    def negated_substitution(self) -> bool:
        """A one-sided negation beside one run of words put for another, nothing else differing: the verb denied of
        another thing ("paid the fine" / "did not pay the back taxes", ``alignment.negated_substitution``)."""
        return negated_substitution(self.premise, self.hypothesis)

    @cached_property
    def negated_addition(self) -> bool:
        """Each one-sided negation denies a run of words the other statement does not state: another thing
        ("never asked the Coalition to leave the Kurdish region", ``alignment.negated_addition``)."""
        if self.negating_sides is None:
            return False
        side, other = self.negating_sides
        return negated_addition(side, other, self.negation_cues)

    @cached_property
    def added_detail(self) -> bool:
        """One statement is the other with detail added, nothing else differing (``alignment.added_detail``)."""
        return added_detail(self.premise, self.hypothesis)

    @cached_property
    def role_swap(self) -> RoleSwap | None:
        """Two parties exchanged around the same relation, the only difference between the statements (``roles``)."""
        return swapped_roles(self.premise, self.hypothesis)

    @cached_property
    def converse(self) -> Opposition | None:
        """An opposite word with the two parties exchanged around it: the same statement from the other party's
        side ("A won against B" / "B lost against A", ``roles.converse``)."""
        return converse(self.premise, self.hypothesis, self.antonym_pairs)

    @cached_property
    def restated_figures(self) -> bool:
        """The same statement but for how its figures are written ("1,500" / "fifteen hundred", "5.1 per cent" /
        "5.1%", ``figures.restated_figures``)."""
        return restated_figures(self.premise, self.hypothesis)

    @cached_property
    def restated_times(self) -> bool:
        """The same statement but for how a time of day is written ("at noon" / "at 12 p.m.",
        ``figures.restated_times``, h131)."""
        return restated_times(self.premise, self.hypothesis)

    @cached_property
    def negation_cues(self) -> list[NegationCue]:
        """The negations present on one side only whose scope holds words the other side states (the ones that
        make the ``negation`` signal fire)."""

        if self.negating_sides is None:
            return []
        side, other = self.negating_sides
        # A place both sides name is their topic, not what is negated: "in Iraq against the will of the Iraqi
        # government" negates nothing the Pentagon's "troops in Iraq have dropped to about 2,500" states.
        return [cue for cue in side.negations if (cue.scope & other.content) - PLACES.keys()]

    @cached_property
    def negating_sides(self) -> tuple[Analysis, Analysis] | None:
        """(the statement with negations, the other) when only one of them has any; None when both or neither do."""
        if not self.premise.negations:
            return (self.hypothesis, self.premise) if self.hypothesis.negations else None
        return None if self.hypothesis.negations else (self.premise, self.hypothesis)

    @cached_property
    def unnegated_antonym(self) -> bool:
        """An antonym pair neither or both of whose words are negated: an opposite statement."""
        return any(not negated_on_one_side(self.premise, self.hypothesis, pair) for pair in self.antonym_pairs)

    @cached_property
    def restated_opposite(self) -> bool:
        """ "did not rise" vs "fell", "is not temporary" vs "is permanent": a negated antonym, or a one-sided
        negation beside an antonym, restates rather than contradicts, so neither ``negation`` nor ``antonym``
        counts; so does an antonym with the two parties exchanged around it ("won against" / "lost against",
        ``converse``)."""
        negated_antonym = any(negated_on_one_side(self.premise, self.hypothesis, pair) for pair in self.antonym_pairs)
        return negated_antonym or (bool(self.negation_cues) and self.unnegated_antonym) or self.converse is not None

    @cached_property
    def substituted_term(self) -> Substitution | None:
        """One noun swapped for an alternative, nothing else differing (``alignment.substituted_word``,
        ``wordnet.relation``): "exports" / "imports" (WordNet antonyms), "mayor" / "governor" (both politicians).
        Neither word may follow from the other, so no context (a negation, "no", "every") can make the swap
        entailing; WordNet must name the two alternatives rather than only fail to link them ("cook" / "man" may be
        one person); and neither statement speaks indefinitely ("a man", ``alignment.indefinite``), as with the
        other aligned signals. Opposite predicates are the antonym signals' own."""
        if indefinite(self.premise) or indefinite(self.hypothesis):
            return None
        found = substituted_word(self.premise, self.hypothesis)
        if found is None or self.antonym_pairs or self.alignment is not None:
            return None
        premise_word, hypothesis_word = found.words
        if "n" not in shared_parts_of_speech(premise_word, hypothesis_word):
            return None
        if relation(premise_word, hypothesis_word) is not Relation.ALTERNATIVE:
            return None
        if relation(hypothesis_word, premise_word) is Relation.ENTAILING:
            return None
        return found
