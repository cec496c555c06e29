"""Whether two statements say the same thing but for an opposite word or relation phrase.

"The river is rising after days of heavy rain" against "The river is falling after days of heavy rain": take the
opposite predicates (antonym pairs of verbs, adverbs and predicated adjectives, ``opposites``, and WordNet's
opposite predicates, ``opposite_forms.tsv``; a noun names another thing, not an opposite) or relation phrases
(``relation_phrases.tsv``: "voted for" / "voted against", "at the request of" / "against the wishes of") out of
both statements, and align what is left, word by word (content lemmas, figures and negations; function words do
not count). The swap is *aligned* when:

* every opposite word or phrase sits at the same place of the alignment on both sides;
* nothing else is substituted (another subject, object or figure: "exports" / "imports" is another statement);
* at most ``MAX_UNMATCHED_WORDS`` words are left over on either side (a modifier: "The U.S.-led Coalition"), not
  counting a conjunct of its own at either end ("... is rising and the old town may flood tonight": a conjunction
  entails each conjunct);
* no word left over stands right after a possessive only one side has ("The suspect was arrested" / "The
  suspect's brother was arrested": another person, not a modifier);
* every negation is matched (negated on both sides or on neither; a negation on one side only restates: "did not
  rise" / "fell", which ``Alignment.negated`` reports);
* at least one content word is matched (what the opposite words are about);
* neither statement speaks of its things indefinitely ("a man", "some protesters"): opposite predicates about
  things that may be different ones ("a man is sitting" / "a man is standing") need not contradict;
* the two do not name two different days or months (``other_days``: "closed on Monday" / "open on Friday").

Word order counts: "Smith defeated Jones" against "Jones lost to Smith" leaves four words unmatched, so a role
swap is never read as an aligned opposite.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from embeddings.signals.dates import relative_times_conflict
from embeddings.signals.lexicon import table
from embeddings.signals.negations import NegationCue
from embeddings.signals.opposites import antonym_kinds
from embeddings.signals.statement import Analysis
from embeddings.signals.tokens import is_content, lemma
from embeddings.signals.vocabulary import (
    ANAPHORIC_DETERMINERS,
    BE_FORMS,
    FINITE_DO,
    FINITE_HAVE,
    INDEFINITE_DETERMINERS,
    INDEFINITE_PRONOUNS,
    LONGEST_OPPOSITE_FORM,
    MODALS,
    MONTHS,
    NUMBER_WORDS,
    OPPOSITE_FORMS,
    VERB_MARKERS,
    VERB_POSITION_OPPOSITES,
    WEAKENERS,
    WEEKDAYS,
    WORD_NEGATIONS,
)
from embeddings.signals.wordnet import base_forms, is_noun, linked_either_way

MAX_UNMATCHED_WORDS = 2
SWAP = "<swap>"  # the placeholder ``units`` puts where an opposite word or phrase stands
NEGATION = "<not>"  # the placeholder ``units`` puts where a negation stands


@dataclass(frozen=True, slots=True)
class Opposition:
    """Opposite words or phrases of a pair: where each side has them, and what they are (for explanations)."""

    premise_positions: frozenset[int]
    hypothesis_positions: frozenset[int]
    words: tuple[str, str]
    kinds: frozenset[str] = frozenset()  # parts of speech of the opposite words (empty for a relation phrase)


@cache
def relation_phrases() -> tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]:
    """(side A, side B) lemma sequences of ``relation_phrases.tsv``."""

    def lemmas(phrase: str) -> tuple[str, ...]:
        return tuple(lemma(word) for word in phrase.lower().split())

    return tuple(
        (lemmas(entry["side_a"]), lemmas(entry["side_b"])) for entry in table("relation_phrases", ("side_a", "side_b"))
    )


def _phrase_positions(words: Sequence[str], phrase: tuple[str, ...]) -> frozenset[int]:
    """Positions of every use of ``phrase`` among a statement's words (its token lemmas, or its lower-case forms)."""
    if not set(phrase) <= set(words):
        return frozenset()
    found: set[int] = set()
    for start in range(len(words) - len(phrase) + 1):
        if tuple(words[start : start + len(phrase)]) == phrase:
            found.update(range(start, start + len(phrase)))
    return frozenset(found)


def _before_a_noun(analysis: Analysis, positions: frozenset[int]) -> bool:
    """A use of the word right before a content word: an attribute of that word ("an empty pool", "a small dog")."""
    tokens = analysis.tokens
    return any(index + 1 < len(tokens) and is_content(tokens[index + 1]) for index in positions)


# How far after an opposite word its "than" may stand for the word to be a comparison: "higher than", "more
# expensive than", "fewer hours in class than".
COMPARISON_REACH = 4


def compares(analysis: Analysis, positions: frozenset[int]) -> bool:
    """The opposite word is a comparison: "than" follows it within ``COMPARISON_REACH`` words."""
    tokens = analysis.tokens
    return any(
        token.lower == "than" for index in positions for token in tokens[index + 1 : index + 1 + COMPARISON_REACH]
    )


def _opposes_predicates(
    kinds: frozenset[str],
    premise: Analysis,
    in_premise: frozenset[int],
    hypothesis: Analysis,
    in_hypothesis: frozenset[int],
) -> bool:
    """The antonyms say opposite things about one thing rather than name two things.

    Verbs and adverbs do ("rising" / "falling", "inside" / "outside"); nouns do not ("a man" / "a woman" slicing a
    fish are two people: another statement, not an opposite one); adjectives (and prefix pairs, "natural" /
    "unnatural", whose part of speech no list gives) do when they are predicated ("the ban is permanent") rather
    than attributed ("an old woman", "a small dog": perhaps another one). An attribute that compares ("spend fewer
    hours in class than German pupils") is what the statement asserts, so it opposes too.
    """
    if kinds & {"verb", "adverb"}:
        return True
    if kinds and kinds <= {"noun"}:
        return False
    return not _attributed(premise, in_premise) and not _attributed(hypothesis, in_hypothesis)


def _attributed(analysis: Analysis, positions: frozenset[int]) -> bool:
    """An attribute of the next word that does not compare: "a small dog", not "fewer hours in class than"."""
    return _before_a_noun(analysis, positions) and not compares(analysis, positions)


def lexicon_oppositions(premise: Analysis, hypothesis: Analysis) -> list[Opposition]:
    """WordNet's opposite predicates (``OPPOSITE_FORMS``) used on one side each: "upheld" / "overturned"."""
    premise_lowers = [token.lower for token in premise.tokens]
    hypothesis_lowers = [token.lower for token in hypothesis.tokens]
    forms = {
        tuple(premise_lowers[start : start + width])
        for width in range(1, LONGEST_OPPOSITE_FORM + 1)
        for start in range(len(premise_lowers) - width + 1)
    }
    found: list[Opposition] = []
    for form in sorted(forms & OPPOSITE_FORMS.keys()):
        if _phrase_positions(hypothesis_lowers, form):
            continue  # both sides use it
        in_premise = _phrase_positions(premise_lowers, form)
        for opposite, kind in OPPOSITE_FORMS[form]:
            in_hypothesis = _phrase_positions(hypothesis_lowers, opposite)
            if not in_hypothesis or _phrase_positions(premise_lowers, opposite):
                continue
            if _opposes_predicates(frozenset({kind}), premise, in_premise, hypothesis, in_hypothesis):
                words = (" ".join(form), " ".join(opposite))
                found.append(Opposition(in_premise, in_hypothesis, words, frozenset({kind})))
    found.extend(_verb_position_oppositions(premise_lowers, hypothesis_lowers))
    return found


def _after_verb_marker(lowers: Sequence[str], positions: frozenset[int]) -> frozenset[int]:
    """The positions right after "to", a modal or "do" (``VERB_MARKERS``), a "not" or "never" allowed between: where
    a base form is a verb ("expects the economy to contract", "will not expand")."""
    found = set()
    for index in positions:
        before = index - 1
        if before >= 1 and lowers[before] in ("not", "never"):
            before -= 1
        if before >= 0 and lowers[before] in VERB_MARKERS:
            found.add(index)
    return frozenset(found)


def _verb_position_oppositions(premise_lowers: Sequence[str], hypothesis_lowers: Sequence[str]) -> list[Opposition]:
    """WordNet's opposite verbs whose base forms are also nouns (``VERB_POSITION_OPPOSITES``: "contract" /
    "expand"), used on one side each where only a verb can stand."""
    found: list[Opposition] = []
    for form in sorted({(word,) for word in premise_lowers} & VERB_POSITION_OPPOSITES.keys()):
        if _phrase_positions(hypothesis_lowers, form):
            continue  # both sides use it
        in_premise = _after_verb_marker(premise_lowers, _phrase_positions(premise_lowers, form))
        for opposite, kind in VERB_POSITION_OPPOSITES[form]:
            if _phrase_positions(premise_lowers, opposite):
                continue
            in_hypothesis = _after_verb_marker(hypothesis_lowers, _phrase_positions(hypothesis_lowers, opposite))
            if in_premise and in_hypothesis:
                found.append(Opposition(in_premise, in_hypothesis, (form[0], opposite[0]), frozenset({kind})))
    return found


def oppositions(premise: Analysis, hypothesis: Analysis, antonym_pairs: Sequence[tuple[str, str]]) -> list[Opposition]:
    """Every antonym pair of opposite predicates and every relation phrase swapped between the two statements."""
    found: list[Opposition] = []
    for first, second in antonym_pairs:
        in_premise = frozenset(i for i, token in enumerate(premise.tokens) if token.lemma == first)
        in_hypothesis = frozenset(i for i, token in enumerate(hypothesis.tokens) if token.lemma == second)
        kinds = antonym_kinds((first, second))
        if _opposes_predicates(kinds, premise, in_premise, hypothesis, in_hypothesis):
            found.append(Opposition(in_premise, in_hypothesis, (first, second), kinds))
    known = {(o.premise_positions, o.hypothesis_positions) for o in found}
    found.extend(
        o
        for o in lexicon_oppositions(premise, hypothesis)
        if (o.premise_positions, o.hypothesis_positions) not in known
    )
    premise_lemmas = [token.lemma for token in premise.tokens]
    hypothesis_lemmas = [token.lemma for token in hypothesis.tokens]
    for side_a, side_b in relation_phrases():
        for said, opposite in ((side_a, side_b), (side_b, side_a)):
            in_premise = _phrase_positions(premise_lemmas, said)
            in_hypothesis = _phrase_positions(hypothesis_lemmas, opposite)
            if not in_premise or not in_hypothesis:
                continue
            if _phrase_positions(premise_lemmas, opposite) or _phrase_positions(hypothesis_lemmas, said):
                continue  # both sides use both phrases: no swap
            found.append(Opposition(in_premise, in_hypothesis, (" ".join(said), " ".join(opposite))))
    return found


def indefinite(analysis: Analysis) -> bool:
    """The statement speaks of something indefinitely ("a man", "some protesters"): perhaps another one."""
    return any(token.lower in INDEFINITE_DETERMINERS for token in analysis.tokens)


def units(analysis: Analysis, swapped: frozenset[int] = frozenset()) -> list[tuple[str, int]]:
    """What alignment compares, each with its first token's position: content lemmas, figures, symbols and
    negations, with each opposite word or phrase (a run of ``swapped`` positions) replaced by one placeholder."""
    negation_positions = {cue.start for cue in analysis.negations}
    negation_words = {i for cue in analysis.negations for i in range(cue.start, cue.start + cue.width)}
    found: list[tuple[str, int]] = []
    previous_swapped = False
    for index, token in enumerate(analysis.tokens):
        if index in swapped:
            if not previous_swapped:
                found.append((SWAP, index))
            previous_swapped = True
            continue
        previous_swapped = False
        if index in negation_positions:
            found.append((NEGATION, index))
        elif index in negation_words:
            continue
        elif token.kind in ("number", "ordinal", "decade"):
            found.append((f"#{token.value}", index))
        elif token.kind == "clock":  # "6:32" (issue 21): a time, compared as written like a figure
            found.append((f"@{token.value}", index))
        elif token.kind == "symbol":
            found.append((token.text, index))
        elif is_content(token):
            found.append((token.lemma, index))
    return found


def other_days(premise: Analysis, hypothesis: Analysis) -> bool:
    """Both statements name weekdays or months ("on Monday", "in June"), and no one of them is on both sides: two
    times, so opposite predicates or a negation are told of two things ("The clinic was closed on Monday" / "The
    clinic was open on Friday"); so do two relative times in one unit ("last year" / "this year",
    ``dates.relative_times_conflict``). Such words are no content words, so nothing else sees them; years are figures,
    which alignment compares itself. Where they stand does not count ("On Monday the clinic ..." / "... on
    Monday")."""
    ours, theirs = _dating_words(premise), _dating_words(hypothesis)
    if ours and theirs and not ours & theirs:
        return True
    return relative_times_conflict(premise.tokens, hypothesis.tokens)


def _dating_words(analysis: Analysis) -> frozenset[str]:
    """The weekday and month names of a statement, capitalised as when they date something."""
    return frozenset(
        token.lower
        for token in analysis.tokens
        if token.kind == "word" and token.text[:1].isupper() and (token.lower in WEEKDAYS or token.lower in MONTHS)
    )


@dataclass(frozen=True, slots=True)
class Alignment:
    """An opposition that is the only difference between two statements but for ``negations`` on one side only."""

    opposition: Opposition
    negations: int

    @property
    def opposed(self) -> Opposition | None:
        """The opposition when nothing else differs: the statements contradict (``antonym_swap``)."""
        return self.opposition if self.negations == 0 else None

    @property
    def negated(self) -> Opposition | None:
        """The opposition when it is negated on one side: a restatement or an open question (``negated_opposite``)."""
        return self.opposition if self.negations == 1 else None


def align(premise: Analysis, hypothesis: Analysis, antonym_pairs: Sequence[tuple[str, str]]) -> Alignment | None:
    """The opposition that is the only difference between two otherwise aligned statements, with the number of
    negations on one side only (the only other difference allowed here; one that does not negate the opposite
    itself, "not" right before it, counts as two), if there is one."""
    if indefinite(premise) or indefinite(hypothesis) or other_days(premise, hypothesis):
        return None
    found = oppositions(premise, hypothesis, antonym_pairs)
    if not found:
        return None
    premise_placed = units(premise, frozenset().union(*(o.premise_positions for o in found)))
    hypothesis_placed = units(hypothesis, frozenset().union(*(o.hypothesis_positions for o in found)))
    premise_units = [u for u, _ in premise_placed]
    hypothesis_units = [u for u, _ in hypothesis_placed]
    if premise_units.count(SWAP) != hypothesis_units.count(SWAP):
        return None
    matched_swaps = matched_words = unmatched = negations = 0
    matcher = SequenceMatcher(None, premise_units, hypothesis_units, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            block = premise_units[i1:i2]
            matched_swaps += block.count(SWAP)
            matched_words += sum(unit not in (SWAP, NEGATION) for unit in block)
            continue
        if tag == "replace":
            return None  # something else differs too: another subject, object or figure
        left_over = premise_units[i1:i2] + hypothesis_units[j1:j2]
        if SWAP in left_over:
            return None
        if _conjunct(premise, premise_placed, i1, i2) or _conjunct(hypothesis, hypothesis_placed, j1, j2):
            continue  # "... is rising and the old town may flood tonight": a statement of its own
        if any(
            _possessed(side, placed[index][1], other)
            for side, placed, start, stop, other in (
                (premise, premise_placed, i1, i2, hypothesis),
                (hypothesis, hypothesis_placed, j1, j2, premise),
            )
            for index in range(start, stop)
        ):
            return None  # "The suspect" / "The suspect's brother": another subject, not a modifier
        for side, start, stop in ((premise_units, i1, i2), (hypothesis_units, j1, j2)):
            for index in range(start, stop):
                if side[index] == NEGATION:
                    negations += 1 if index + 1 < len(side) and side[index + 1] == SWAP else 2
        unmatched += len(left_over) - left_over.count(NEGATION)
    if matched_swaps != premise_units.count(SWAP) or matched_words == 0 or unmatched > MAX_UNMATCHED_WORDS:
        return None
    return Alignment(found[0], negations)


# Content words both statements must share around a lone negation: what the negation is about.
MIN_NEGATED_MATCHES = 2


def aligned_negation(premise: Analysis, hypothesis: Analysis, *, loose: bool = False) -> bool:
    """A negation on one side only is the one difference between two otherwise aligned statements: "The defendant
    pleaded guilty" / "The defendant pleaded not guilty", "The experiment confirmed the particle" / "The experiment
    failed to confirm the particle", "The minister denied the report" / "The minister did not deny the report".

    What alignment compares (``units``: content lemmas, figures, negations) must be the same on both sides but for
    negations inserted on one side, an odd number of them (two cancel: "did not fail to pass" / "passed"); no word
    left over, since a negation may reach a word only its side has ("did not win easily" / "won" does not
    contradict); at least ``MIN_NEGATED_MATCHES`` content words matched; no opposite words (those are
    ``align``'s); neither side speaks indefinitely ("a man is not sleeping": perhaps another man); and the two do
    not name two different days or months (``other_days``).

    ``loose`` drops the two cautions that keep a bare negation from reading as a conflict (matched words, an
    indefinite side), for a caller that asks whether a negation is all that differs in order to read no conflict.
    """
    if not (premise.negations or hypothesis.negations):
        return False
    if not loose and (indefinite(premise) or indefinite(hypothesis)):
        return False
    if other_days(premise, hypothesis):
        return False
    premise_placed, hypothesis_placed = units(premise), units(hypothesis)
    premise_units = [unit for unit, _ in premise_placed]
    hypothesis_units = [unit for unit, _ in hypothesis_placed]
    inserted = matched_words = 0
    matcher = SequenceMatcher(None, premise_units, hypothesis_units, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            matched_words += sum(unit != NEGATION for unit in premise_units[i1:i2])
            continue
        left_over = premise_units[i1:i2] + hypothesis_units[j1:j2]
        if any(unit != NEGATION for unit in left_over):
            ours = [p for u, p in premise_placed[i1:i2] if u != NEGATION]
            theirs = [p for u, p in hypothesis_placed[j1:j2] if u != NEGATION]
            # Read loosely, "the company" / "Nordvik Shipping" is one subject (``describes_a_name``): "the company had
            # no plans to cut jobs this year" / "Nordvik Shipping plans to cut jobs next year" are two times' facts.
            if not (loose and ours and theirs and describes_a_name(premise, hypothesis, ours, theirs)):
                return False
        inserted += left_over.count(NEGATION)
    return inserted % 2 == 1 and matched_words >= (1 if loose else MIN_NEGATED_MATCHES)


# The longest run of content words put for another that ``negated_substitution`` reads as another thing: a noun
# phrase ("the school funding bill"), not another clause.
MAX_SUBSTITUTED_WORDS = 3


def negated_substitution(premise: Analysis, hypothesis: Analysis) -> bool:
    """A one-sided negation beside one word or run of words put for another, nothing else differing: "The company
    paid the fine" / "The company did not pay the back taxes", "The governor vetoed the tax bill" / "The governor
    did not veto the school funding bill", "The police arrested the suspect" / "The police did not arrest the
    suspect's brother". The negation denies the verb of another thing (or of another party), so it contradicts
    nothing: two facts, as with two named things (``PairContext.opposed_across_names``).

    What alignment compares (``units``) must match on both sides but for an odd number of negations inserted on one
    side and exactly one replaced run of at most ``MAX_SUBSTITUTED_WORDS`` content words, at least
    ``MIN_NEGATED_MATCHES`` content words matched, and the word each negation negates (the unit after it) matched on
    both sides: the same verb denied of another thing, not another predicate denied ("is not familiar with"). Every
    negation must negate the word right after it (``_negates_a_word``: not "There is not a girl"). A word added
    right after a possessive only one side has counts as such a run ("the suspect" / "the suspect's brother"), any
    other added word does not ("its sales target" / "its annual sales target" is the same target). The replaced
    words name another thing only when WordNet links none of them to the other side's ("injured" / "wounded",
    "fine" / "penalty" are one thing), none is an indefinite pronoun ("by anyone" / "by someone") or a figure
    (``number_mismatch`` reads those), and each side's run has a noun (``_names_a_thing``). WordNet reads the words
    as written in either statement (``_surface``), not this module's stems."""
    if not (premise.negations or hypothesis.negations):
        return False
    if not all(_negates_a_word(side, cue) for side in (premise, hypothesis) for cue in side.negations):
        return False
    premise_placed, hypothesis_placed = units(premise), units(hypothesis)
    premise_units = [unit for unit, _ in premise_placed]
    hypothesis_units = [unit for unit, _ in hypothesis_placed]
    inserted = matched_words = 0
    replaced: list[tuple[list[str], list[str]]] = []
    replaced_at: list[tuple[list[int], list[int]]] = []  # the token positions of each replaced run's words
    matched: tuple[set[int], set[int]] = (set(), set())  # unit indices of each side in equal blocks
    negated: tuple[set[int], set[int]] = (set(), set())  # unit indices right after a negation of one side only
    matcher = SequenceMatcher(None, premise_units, hypothesis_units, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            matched_words += sum(unit != NEGATION for unit in premise_units[i1:i2])
            matched[0].update(range(i1, i2))
            matched[1].update(range(j1, j2))
            continue
        for placed, start, stop, after in ((premise_units, i1, i2, negated[0]), (hypothesis_units, j1, j2, negated[1])):
            after.update(index + 1 for index in range(start, stop) if placed[index] == NEGATION)
        ours = [(u, p) for u, p in premise_placed[i1:i2] if u != NEGATION]
        theirs = [(u, p) for u, p in hypothesis_placed[j1:j2] if u != NEGATION]
        inserted += (i2 - i1 - len(ours)) + (j2 - j1 - len(theirs))
        if len(ours) > MAX_SUBSTITUTED_WORDS or len(theirs) > MAX_SUBSTITUTED_WORDS:
            return False
        if tag == "replace" and ours and theirs:
            replaced.append(([u for u, _ in ours], [u for u, _ in theirs]))
            replaced_at.append(([p for _, p in ours], [p for _, p in theirs]))
        elif ours or theirs:
            side, other, added = (premise, hypothesis, ours) if ours else (hypothesis, premise, theirs)
            if not _possessed(side, added[0][1], other):
                return False
            replaced.append(([u for u, _ in added], []))
    if inserted % 2 == 0 or len(replaced) != 1 or matched_words < MIN_NEGATED_MATCHES:
        return False
    if not all(after <= shared for after, shared in zip(negated, matched, strict=True)):
        return False  # the negated word itself is put for another: a paraphrase under negation, left to the rest
    ours_words, theirs_words = replaced[0]
    if replaced_at and describes_a_name(premise, hypothesis, *replaced_at[0]):
        return False  # "the company" / "Nordvik Shipping": maybe one thing, the negation is left to count
    lemmas = [*ours_words, *theirs_words]
    if any(not word.isalpha() for word in lemmas) or INDEFINITE_PRONOUNS.intersection(
        _surface(premise, hypothesis, lemmas)
    ):
        return False
    if not all(_names_a_thing(_surface(premise, hypothesis, side)) for side in (ours_words, theirs_words) if side):
        return False  # "closed because of the snow" / "not closed despite the snow": no thing put for another
    return not any(
        linked_either_way(first, second)
        for first in _surface(premise, hypothesis, ours_words)
        for second in _surface(premise, hypothesis, theirs_words)
    )


# The fewest content words in a row, one of them a noun, that a negated clause must add for ``negated_addition``.
MIN_ADDED_WORDS = 2


def negated_addition(side: Analysis, other: Analysis, cues: Sequence[NegationCue]) -> bool:
    """Every one-sided negation (``cues``, of ``side``) denies something the other statement does not state: its
    scope adds a run of at least ``MIN_ADDED_WORDS`` content words in a row, a noun among them, none of which the
    other statement has or WordNet links to one of its words ("The government never asked the Coalition to leave
    the Kurdish region" / "The Coalition is in Iraq at the request of the government"; "did not approve the new
    airport fees" / "approved the terminal"). The denial is of another thing, as with ``negated_substitution``; a
    denial in other words keeps its content on the other side ("never asked the Coalition to be in Iraq"). Each
    negation must negate the word right after it (``_negates_a_word``), as for ``negated_substitution``."""
    if not cues:
        return False
    known = {token.lower for token in other.tokens if is_content(token)}

    def adds(cue: NegationCue) -> bool:
        if not _negates_a_word(side, cue):
            return False  # "There is not a girl jumping through a sprinkler": the thing itself is denied
        run: list[str] = []
        for token in side.tokens[cue.start + cue.width :]:
            if not is_content(token) or token.lemma not in cue.scope:
                continue
            new = (
                token.lemma not in other.content
                and token.lower.isalpha()
                and token.lower not in INDEFINITE_PRONOUNS
                and not any(linked_either_way(token.lower, theirs) for theirs in known)
            )
            if not new:
                run = []
                continue
            run.append(token.lower)
            if len(run) >= MIN_ADDED_WORDS and _names_a_thing(set(run)):
                return True
        return False

    return all(adds(cue) for cue in cues)


# Words that may stand between a negation and the verb it negates ("did not", "has not been paid", "refused to").
_AUXILIARIES = BE_FORMS | FINITE_HAVE | FINITE_DO | MODALS | {"have", "having", "to"}


def _negates_a_word(analysis: Analysis, cue: NegationCue) -> bool:
    """The cue negates the content word right after it, past auxiliaries only (``roles.tsv``: "did not pay",
    "failed to meet", "no man playing"): not "There is not a girl", "Not all Republicans", "None of them", which deny
    a thing or a share of things rather than the word the other side has."""
    if cue.cue not in WORD_NEGATIONS:
        return False
    index = cue.start + cue.width
    while index < len(analysis.tokens) and analysis.tokens[index].lower in _AUXILIARIES:
        index += 1
    return index < len(analysis.tokens) and is_content(analysis.tokens[index])


def is_name(analysis: Analysis, positions: Sequence[int]) -> bool:
    """Every word at ``positions`` is capitalised, and one of them is not a common word that a statement's start
    capitalised ("Nordvik Shipping", "Halvorsen"; not "Exports" opening a statement)."""
    tokens = [analysis.tokens[p] for p in positions]
    return all(t.text[:1].isupper() for t in tokens) and any(
        p > 0 or not base_forms(t.lower) for p, t in zip(positions, tokens, strict=True)
    )


def describes_a_name(
    premise: Analysis, hypothesis: Analysis, premise_positions: Sequence[int], hypothesis_positions: Sequence[int]
) -> bool:
    """One side's run is a name and the other's a single lower-case noun after a definite determiner: "the company"
    / "Nordvik Shipping". An extracted claim keeps the words that refer back to the name its article gave before
    (``ANAPHORIC_DETERMINERS``), so the two may be one thing, and a negation beside them is no denial of another
    thing (issue 21, gate audit: "the company had no plans to cut jobs" / "Nordvik Shipping plans to cut jobs")."""
    for side, positions, other, other_positions in (
        (premise, premise_positions, hypothesis, hypothesis_positions),
        (hypothesis, hypothesis_positions, premise, premise_positions),
    ):
        if len(positions) != 1 or not is_name(other, other_positions):
            continue
        position = positions[0]
        word = side.tokens[position]
        if (
            position > 0
            and side.tokens[position - 1].lower in ANAPHORIC_DETERMINERS
            and word.text.islower()
            and is_noun(word.lower)
        ):
            return True
    return False


def _names_a_thing(words: set[str]) -> bool:
    """Some word of the run is a noun in WordNet: a thing, not a connective ("because" / "despite")."""
    return any(pos == "n" for word in words for _, pos in base_forms(word))


def _surface(premise: Analysis, hypothesis: Analysis, lemmas: Sequence[str]) -> set[str]:
    """The words as written (lower case) of either statement whose lemma is one of ``lemmas``: WordNet reads words,
    not this module's stems."""
    wanted = set(lemmas)
    return {token.lower for side in (premise, hypothesis) for token in side.tokens if token.lemma in wanted}


# Content words the two statements of an ``added_detail`` pair must share: the statement detail is added to.
MIN_DETAILED_MATCHES = 2
# Words that open a clause or a comparison the added words may put the rest under ("denied claims that ...",
# "faster than ..."): then the longer statement says something else about the shorter one's words.
_CLAUSE_OPENERS = frozenset({"that", "whether", "if", "than"})


def added_detail(premise: Analysis, hypothesis: Analysis) -> bool:
    """One statement is the other with words added, and nothing else differs: "The director's new film premiered in
    Cannes" / "The acclaimed director's new film premiered in Cannes on Tuesday". Added detail cannot contradict
    what it details, whichever side has it.

    Every word of the shorter statement, function words included and as written ("since" is not "until", "leader"
    not "leader's"), stands in the longer one in the same order; the longer one's other words are the detail: none
    of them a negation, a figure or a number word, a word that denies or weakens what it modifies ("the former
    champion", "almost won": ``weakeners.tsv``) or one that opens a clause or comparison the rest could fall under
    ("rejected claims that ...", "than ..."); and at least ``MIN_DETAILED_MATCHES`` content words are shared. Nor
    is a passive made of the shorter statement's active verb ("Smith defeated Jones" / "Smith was defeated by
    Jones": ``_made_passive``), which exchanges who did what. A figure may stand only in a conjunct of its own
    (``_own_conjunct``: "founded in 1998" / "founded in 1998 and went public in 2004"), where it counts or dates
    something else; a conflict with the shorter statement's figures is the date and number signals' to find.
    """
    premise_words = [token.text.lower() for token in premise.tokens]
    hypothesis_words = [token.text.lower() for token in hypothesis.tokens]
    longer: Analysis | None = None
    added: list[int] = []
    matched_words = 0
    matcher = SequenceMatcher(None, premise_words, hypothesis_words, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            matched_words += sum(is_content(token) for token in premise.tokens[i1:i2])
            continue
        if tag == "replace":
            return False
        side, positions = (hypothesis, range(j1, j2)) if tag == "insert" else (premise, range(i1, i2))
        if longer is not None and longer is not side:
            return False  # words of its own on each side: another statement
        longer = side
        added.extend(positions)
    if longer is None or matched_words < MIN_DETAILED_MATCHES:
        return False
    negated = {index for cue in longer.negations for index in range(cue.start, cue.start + cue.width)}
    conjuncts = {index for run in _runs(added) if _own_conjunct(longer, run) for index in run}
    for index in added:
        token = longer.tokens[index]
        if index in negated or token.lower in WEAKENERS or token.lower in _CLAUSE_OPENERS:
            return False
        if (token.kind != "word" or token.lower in NUMBER_WORDS) and index not in conjuncts:
            return False
    return not _made_passive(longer, frozenset(added))


def _runs(positions: Sequence[int]) -> list[range]:
    """Positions grouped into runs of consecutive ones: each a stretch of words one side added."""
    runs: list[range] = []
    for position in sorted(positions):
        if runs and runs[-1].stop == position:
            runs[-1] = range(runs[-1].start, position + 1)
        else:
            runs.append(range(position, position + 1))
    return runs


def _own_conjunct(longer: Analysis, run: range) -> bool:
    """The added words are a conjunct of their own: "and" opens them ("founded in 1998 and went public in 2004")
    or closes them ("went public in 2004 and was sold"), with words beyond the "and". A figure there counts or dates
    what the conjunct tells, not the restated words (h108: on the NLI training files a statement restated with a
    conjunct added is under 5 % contradiction). Not after a "between", whose range the "and" completes ("between 2
    August 1926 and 7 March 1927")."""
    words = [longer.tokens[index].lower for index in run]
    if len(words) < 2 or "and" not in (words[0], words[-1]):
        return False
    return not any(token.lower == "between" for token in longer.tokens[: run.start])


def _made_passive(longer: Analysis, added: frozenset[int]) -> bool:
    """The added words are a form of "be" and an agent's "by" right before a word both statements have: the shorter
    statement's object is the longer one's agent ("defeated Jones" / "was defeated by Jones"). An agent added with
    its "by" ("was praised" / "was praised by critics") is detail."""
    tokens = longer.tokens
    return any(tokens[index].lower in BE_FORMS for index in added) and any(
        tokens[index].lower == "by" and index + 1 < len(tokens) and index + 1 not in added for index in added
    )


_POSSESSIVE_ENDINGS = ("'s", "\u2019s", "s'", "s\u2019")


def _possessed(analysis: Analysis, position: int, other: Analysis) -> bool:
    """The left-over word right after a possessive the other statement uses plainly: "The suspect was arrested" /
    "The suspect's brother was arrested" speak of two people. Not a modifier but another thing, which the shared
    word only names the owner of; a possessive both sides have ("the director's new film") owns the same thing."""
    if position == 0:
        return False
    owner = analysis.tokens[position - 1]
    if not owner.text.lower().endswith(_POSSESSIVE_ENDINGS):
        return False
    return not any(
        token.lower == owner.lower and token.text.lower().endswith(_POSSESSIVE_ENDINGS) for token in other.tokens
    )


_CONJUNCTIONS = frozenset({"and", "but", ";"})


def _conjunct(analysis: Analysis, placed: Sequence[tuple[str, int]], start: int, stop: int) -> bool:
    """Units [start, stop) of one side are a conjunct of their own at either end of the statement ("The river is
    rising and the old town may flood tonight"): a conjunction stands between them and the rest. A conjunction
    entails each of its conjuncts, so an opposite of the other conjunct still contradicts it."""
    if start == stop or (start > 0 and stop < len(placed)):
        return False
    if start == 0:
        between = range(placed[stop - 1][1] + 1, placed[stop][1]) if stop < len(placed) else range(0)
    else:
        between = range(placed[start - 1][1] + 1, placed[start][1])
    return any(analysis.tokens[index].lower in _CONJUNCTIONS for index in between)


@dataclass(frozen=True, slots=True)
class Substitution:
    """The one content word that differs between two otherwise identical statements: where, and what (lower case)."""

    premise_position: int
    hypothesis_position: int
    words: tuple[str, str]


_ARTICLES = frozenset({"a", "an", "the"})


def _word_keys(analysis: Analysis) -> list[str]:
    """Every token's lemma, articles as one: "The man" and "A man" name the word in the same place."""
    return ["<article>" if token.lower in _ARTICLES else token.lemma for token in analysis.tokens]


def substituted_word(premise: Analysis, hypothesis: Analysis) -> Substitution | None:
    """The one content word of each statement that stands where the other has another, the two statements otherwise
    the same word for word (token lemmas, function words included; an article may stand for another): "Exports
    increased by 12 percent last year" / "Imports increased by 12 percent last year". Word for word, so that the
    swapped word sits in the same context on both sides (what natural logic's substitution needs): "in the woods" /
    "outside" is no substitution. A name (capitalised but first) is no such word: names belong to the
    ``other_subject`` and ``place_mismatch`` signals."""
    premise_keys, hypothesis_keys = _word_keys(premise), _word_keys(hypothesis)
    if len(premise_keys) != len(hypothesis_keys) or len(premise_keys) < 2:
        return None
    differing = [
        i for i, (ours, theirs) in enumerate(zip(premise_keys, hypothesis_keys, strict=True)) if ours != theirs
    ]
    if len(differing) != 1:
        return None
    position = differing[0]
    tokens = premise.tokens[position], hypothesis.tokens[position]
    for token in tokens:
        if token.kind != "word" or not is_content(token) or "-" in token.lower or "'" in token.lower:
            return None
        if position > 0 and token.text[:1].isupper():
            return None
    return Substitution(position, position, (tokens[0].lower, tokens[1].lower))
