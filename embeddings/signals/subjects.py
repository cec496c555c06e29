"""Whether two statements are about different named things: one names something where the other names another.

"Unemployment in France is 7 percent" / "Unemployment in Germany is 5 percent", "The Lyon council will build 341
homes" / "The Malmo council will build 609 homes": the content words of both, aligned in order (figures left out),
differ where each has a capitalised word the other does not have anywhere. A first word counts too ("Gdansk airport
served ..." / "Leeds airport served ..."): a capitalised common noun substituted at the start with a figure changed
("Exports rose by 5 percent" / "Imports rose by 7 percent") is another statement as well.
A name that moved ("Biden leads Trump" / "Trump leads Biden") is a swap of roles, not another subject.
A number that names ("unemployment in district 3", "Route 9 buses", ``numbered_names``) is a name too: "district 3"
and "district 7" are two districts. A name written short ("WHO" / "World Health Organization", "Zac" / "Zachary
David", "NYC" / "New York") is the same name. ``renamed_premises`` puts one statement's names in the other's frame,
so a caller can see whether only an opposite or a negation is left between them ("Turnout in district 1 fell" /
"... district 5 rose").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from difflib import SequenceMatcher
from itertools import takewhile

from embeddings.signals.alignment import describes_a_name
from embeddings.signals.dates import find_dates
from embeddings.signals.lexicon import words_with_role
from embeddings.signals.statement import Analysis
from embeddings.signals.tokens import Token, is_content
from embeddings.signals.vocabulary import (
    ANAPHORIC_DETERMINERS,
    INDEFINITE_DETERMINERS,
    MEASURES,
    NOUN_PHRASE_OPENERS,
    NUMBER_WORDS,
    TIME_WORDS,
    UNIT_SYNONYMS,
)
from embeddings.signals.wordnet import (
    Relation,
    is_adjective,
    is_noun,
    linked_either_way,
    relation,
    shared_parts_of_speech,
)


def numbered_names(analysis: Analysis) -> frozenset[int]:
    """Positions of the bare whole numbers that are part of a name: right after a noun that heads a noun phrase
    (at the statement's start or after a preposition or determiner, ``NOUN_PHRASE_OPENERS``) and written apart
    from it, so no verb or adjective ("died aged 45", "scored 3 goals"), and neither a unit of time ("the year
    2020"), a date, a figure with its unit or scale after it ("in district 3 percent", "of population 2 million"),
    nor one half of a compound figure ("phase 2/3", "at 10:15": two numbers in a row)."""
    tokens = analysis.tokens
    _, date_positions = find_dates(list(tokens))
    found: set[int] = set()
    for i in range(1, len(tokens)):
        number, noun = tokens[i], tokens[i - 1]
        if number.kind != "number" or not number.text.isdigit() or i in date_positions:
            continue
        if not is_content(noun) or noun.lower in TIME_WORDS or noun.lemma in TIME_WORDS or noun.lower in MEASURES:
            continue
        if i >= 2 and tokens[i - 2].lower not in NOUN_PHRASE_OPENERS:
            continue
        if not re.search(rf"\b{re.escape(noun.text)}\s+{re.escape(number.text)}\b", analysis.text):
            continue  # glued on ("SARS-CoV-2", "covid-19", "mRNA-1273"): left a figure as it was
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if following is not None and (
            following.kind in ("symbol", "number", "ordinal")
            or following.lower in MEASURES
            or following.lower in UNIT_SYNONYMS
            or following.lower in NUMBER_WORDS
            or following.lower in TIME_WORDS
            or following.lemma in TIME_WORDS
        ):
            continue
        found.add(i)
    return frozenset(found)


# (lemma, named, token position) of content words in order (``_units``).
Units = list[tuple[str, bool, int]]


# A word naming a whole ("nationwide", "globally") and the whole it names (its role in ``roles.tsv``): a name of
# that whole, so "rose in Denver" / "fell nationwide" is a part and the whole, two things; "nationwide" / "national"
# is one whole, one subject.
WHOLES: dict[str, str] = {
    word: role for role in ("whole_nation", "whole_world", "whole_state") for word in words_with_role(role)
}


def _units(analysis: Analysis, ignoring: frozenset[str] = frozenset()) -> Units:
    """(lemma, named, token position) of each content word and numbered name's number, in order, but the lemmas
    ``ignoring``; a unit of measure after a figure ("1.5GW", "113F") is part of the figure, left out with it: "GW" /
    "MW" are two ways to write a figure, not two named things. A word naming a whole is a name, written as its
    whole (``WHOLES``)."""
    tokens = analysis.tokens
    names = numbered_names(analysis)
    return [
        (WHOLES.get(token.lower, token.lemma), i in names or _capitalised(token) or token.lower in WHOLES, i)
        for i, token in enumerate(tokens)
        if (
            i in names
            or (is_content(token) and not (i > 0 and tokens[i - 1].kind == "number" and token.lower in MEASURES))
        )
        and token.lemma not in ignoring
    ]


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


# Initials of a place's kind ("city": "NYC" / "New York"); ``place_kind`` in roles.tsv says which kinds and why.
PLACE_KIND_INITIALS: frozenset[str] = frozenset(word[:1] for word in words_with_role("place_kind"))


def _abbreviates(short: list[str], long: list[str]) -> bool:
    """One name written short for the other: its initials ("WHO" / "World Health Organization"), its initials and
    its kind's initial ("NYC" / "New York", ``PLACE_KIND_INITIALS``) or the start of its first word ("Fed" /
    "Federal Reserve"). Another kind's initial names another thing ("NYU", a university; "NYT", a newspaper)."""
    if len(short) != 1 or len(long) < 2:
        return False
    word, initials = short[0], "".join(w[:1] for w in long)
    return (
        word == initials
        or (word[:-1] == initials and word[-1:] in PLACE_KIND_INITIALS)
        or (len(word) >= 3 and long[0].startswith(word))
    )


def _other_names(ours: Units, theirs: Units, our_lemmas: list[str], their_lemmas: list[str]) -> bool:
    """Two runs of names, each absent from the other statement (a name that moved is a swap of roles, the same
    things) and neither an abbreviation of the other (one name written two ways)."""
    if not ours or not theirs or not all(named for side in (ours, theirs) for _, named, _ in side):
        return False
    our_names, their_names = [u for u, _, _ in ours], [u for u, _, _ in theirs]
    if any(u in their_lemmas for u in our_names) or any(u in our_lemmas for u in their_names):
        return False
    return not (_abbreviates(our_names, their_names) or _abbreviates(their_names, our_names))


def _replaced_runs(
    premise: Analysis, hypothesis: Analysis, ignoring: frozenset[str] = frozenset()
) -> tuple[list[tuple[Units, Units]], list[str], list[str]]:
    """The runs of content words that differ once the two statements are aligned (one's words standing where the
    other has others), in order, and each statement's content lemmas; ``ignoring``: lemmas left out of both."""
    ours, theirs = _units(premise, ignoring), _units(hypothesis, ignoring)
    runs = [(our_run, their_run) for tag, our_run, their_run in _differences(ours, theirs) if tag == "replace"]
    return runs, [u for u, _, _ in ours], [u for u, _, _ in theirs]


def _differences(ours: Units, theirs: Units) -> list[tuple[str, Units, Units]]:
    """Where two statements' content words differ once aligned by lemma, in order: each place's kind ("replace",
    "insert", "delete") and its runs of units on either side."""
    matcher = SequenceMatcher(None, [u for u, _, _ in ours], [u for u, _, _ in theirs], autojunk=False)
    return [(tag, ours[i1:i2], theirs[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def same_but_for(premise: Analysis, hypothesis: Analysis, ignoring: frozenset[str]) -> bool:
    """The two statements' content words and numbered names, aligned, are the same but for the lemmas ``ignoring``."""
    return not _differences(_units(premise, ignoring), _units(hypothesis, ignoring))


def named_substitution(premise: Analysis, hypothesis: Analysis, ignoring: frozenset[str] = frozenset()) -> bool:
    """A name of one statement stands, in the aligned content words, where the other has another name, and
    neither name occurs anywhere in the other statement nor abbreviates the other. ``ignoring``: lemmas left out of
    the alignment (the opposite words of "Sales in Ohio rose" / "Sales in Texas fell", so "Ohio" and "Texas" align)."""
    runs, our_lemmas, their_lemmas = _replaced_runs(premise, hypothesis, ignoring)
    return any(_other_names(ours, theirs, our_lemmas, their_lemmas) for ours, theirs in runs)


_RUN_OPENERS = NOUN_PHRASE_OPENERS | INDEFINITE_DETERMINERS


def _opens_noun_phrase(analysis: Analysis, units: Units, *, after_adjectives: bool = False) -> bool:
    """The run stands right after a determiner or preposition (``NOUN_PHRASE_OPENERS``), an indefinite one ("posted
    a loss", issue 21) included, or at the statement's start: a noun phrase, not a verb ("The crossing would
    reopen", not "The bridge opens"). ``after_adjectives``: WordNet adjectives may stand between ("a new swimming
    pool", "its central library", issue 21)."""
    first = units[0][2]
    if after_adjectives:
        while first > 0 and is_adjective(analysis.tokens[first - 1].lower):
            first -= 1
    return first == 0 or analysis.tokens[first - 1].lower in _RUN_OPENERS


# The most words of a WordNet noun read as one head ("head of state", ``senses.MAX_COMPOUND_WORDS``).
MAX_COMPOUND_WORDS = 3


def _head(analysis: Analysis, units: Units) -> str:
    """The run's head: the WordNet noun of two or three words its last word stands in ("insurance company", or "high
    school" where only "high" differs from "secondary school"), issue 21, within the run and the words after it;
    else its last word. Read word by word, "insurer" / "insurance company" are two kinds of thing, "insurer" and
    "company" unlinked."""
    tokens, first, last = analysis.tokens, units[0][2], units[-1][2]
    for size in range(MAX_COMPOUND_WORDS, 1, -1):
        for start in range(max(first, last - size + 1), last + 1):
            span = tokens[start : start + size]
            if len(span) == size and all(token.kind == "word" for token in span):
                phrase = " ".join(token.lower for token in span)
                if is_noun(phrase):
                    return phrase
    return tokens[last].lower


def _unlinked_nouns(
    premise: Analysis, hypothesis: Analysis, ours: Units, theirs: Units, *, after_adjectives: bool = False
) -> bool:
    """Two runs of common nouns, each opening a noun phrase, whose heads (``_head``) are WordNet nouns that
    WordNet knows apart (neither a synonym nor a hypernym of the other) and no word of which WordNet lets stand for
    a word of the other: two kinds of thing ("crossing" / "port", "bridge" / "tram line"). An unknown head says
    nothing, so the statements stay one subject."""
    if not ours or not theirs or any(named for side in (ours, theirs) for _, named, _ in side):
        return False
    if any(lemma in TIME_WORDS for side in (ours, theirs) for lemma, _, _ in side):
        return False  # "in the summer of 1996" / "in the winter of 1997": when, not what
    if not (
        _opens_noun_phrase(premise, ours, after_adjectives=after_adjectives)
        and _opens_noun_phrase(hypothesis, theirs, after_adjectives=after_adjectives)
    ):
        return False
    our_words = [premise.tokens[i].lower for _, _, i in ours]
    their_words = [hypothesis.tokens[i].lower for _, _, i in theirs]
    our_head, their_head = _head(premise, ours), _head(hypothesis, theirs)
    if "n" not in shared_parts_of_speech(our_head, their_head):
        return False
    apart = (Relation.ALTERNATIVE, Relation.INDEPENDENT)
    if relation(our_head, their_head) not in apart or relation(their_head, our_head) not in apart:
        return False
    our_words, their_words = _as_units(our_words, our_head), _as_units(their_words, their_head)
    return not any(linked_either_way(our, their) for our in our_words for their in their_words)


def _as_units(words: list[str], head: str) -> list[str]:
    """The run's words with a head of several words as one ("insurance company" and "law firm" are two kinds of
    thing, though "company" and "firm" are one)."""
    parts = head.split()
    return words if len(parts) == 1 else [head, *(word for word in words if word not in parts)]


def common_noun_substitution(premise: Analysis, hypothesis: Analysis) -> bool:
    """The aligned content words differ in one place only, where each statement has common nouns WordNet does not
    link to the other's ("The crossing would reopen" / "The port will reopen", ``_unlinked_nouns``), nothing added
    or left out elsewhere: the same frame told of two kinds of thing. Callers pass statements with their dates
    left out."""
    differing = _differences(_units(premise), _units(hypothesis))
    if len(differing) != 1 or differing[0][0] != "replace":
        return False
    _, our_run, their_run = differing[0]
    return _unlinked_nouns(premise, hypothesis, our_run, their_run)


# The most words of a noun phrase's modifier or head that ``other_thing`` reads as put for another ("petrol" /
# "electric", "swimming pool" / "car park"); a longer run is another clause.
MAX_THING_WORDS = 3


def _before_shared_noun(premise: Analysis, hypothesis: Analysis, ours: Units, theirs: Units) -> bool:
    """Each run stands right before one common noun both statements have there ("its Bristol base" / "its Cardiff
    base"): the runs modify one head."""
    our_next, their_next = ours[-1][2] + 1, theirs[-1][2] + 1
    if our_next >= len(premise.tokens) or their_next >= len(hypothesis.tokens):
        return False
    our_head, their_head = premise.tokens[our_next], hypothesis.tokens[their_next]
    return our_head.lemma == their_head.lemma and is_content(our_head) and is_noun(our_head.lower)


def _unlinked_modifiers(premise: Analysis, hypothesis: Analysis, ours: Units, theirs: Units) -> bool:
    """Two runs of common words, each right before one head noun both statements share ("petrol vans" / "electric
    vans", "its north car park" / "its south car park"), each a WordNet noun and none of which WordNet lets stand
    for a word of the other: two modifiers naming two kinds of the head's thing (issue 21). A word on how an amount moved
    ("sharply" / "slightly") stands before no shared noun."""
    if not _before_shared_noun(premise, hypothesis, ours, theirs):
        return False
    our_words = [premise.tokens[i].lower for _, _, i in ours]
    their_words = [hypothesis.tokens[i].lower for _, _, i in theirs]
    if not all(word.isalpha() and is_noun(word) for word in (*our_words, *their_words)):
        return False  # a noun names a kind ("petrol", "retail"); "excellent" / "good" say how good, one thing
    return not any(linked_either_way(our, their) for our in our_words for their in their_words)


def _described_more_fully(premise: Analysis, hypothesis: Analysis, ours: Units, theirs: Units) -> bool:
    """One subject, told by an extracted claim with the words that refer back to it and by the other statement more
    fully: a name for "the" and a noun ("the insurer" / "Calder Insurance", ``alignment.describes_a_name``), or
    words added before the noun the claim has after "the" ("the board" / "The regional board", "the club" /
    "Harford club"), issue 21."""
    if ours and theirs:
        return describes_a_name(premise, hypothesis, [i for _, _, i in ours], [i for _, _, i in theirs])
    side, other, added = (premise, hypothesis, ours) if ours else (hypothesis, premise, theirs)
    following = next((t for t in side.tokens[added[-1][2] + 1 :] if t.kind == "word" and t.text != "s"), None)
    if following is None or not is_content(following):
        return False
    return any(
        token.lemma == following.lemma and i > 0 and other.tokens[i - 1].lower in ANAPHORIC_DETERMINERS
        for i, token in enumerate(other.tokens)
    )


def other_thing(premise: Analysis, hypothesis: Analysis, ignoring: frozenset[str] = frozenset()) -> bool:
    """The aligned content words (but the lemmas ``ignoring``: an opposite pair) differ in one place only, where
    each statement has up to ``MAX_THING_WORDS`` common words of a noun phrase WordNet does not link to the other's:
    another modifier of one head noun ("Sales of petrol vans rose" / "Sales of electric vans fell",
    ``_unlinked_modifiers``) or another head noun ("approved the plan for a new swimming pool" / "rejected the plan
    for a new car park", ``_unlinked_nouns``), or names of one head noun, each absent from the other statement ("its
    Bristol base" / "its Cardiff base", ``_other_names``). The same frame told of two things of one kind (issue 21); a time word
    says when, not what."""
    our_units, their_units = _units(premise, ignoring), _units(hypothesis, ignoring)
    differing = [
        (tag, ours, theirs)
        for tag, ours, theirs in _differences(our_units, their_units)
        if not _described_more_fully(premise, hypothesis, ours, theirs)
    ]
    if len(differing) != 1 or differing[0][0] != "replace":
        return False
    _, ours, theirs = differing[0]
    if not ours or not theirs or max(len(ours), len(theirs)) > MAX_THING_WORDS:
        return False
    if any(side[-1][2] - side[0][2] != len(side) - 1 for side in (ours, theirs)):
        return False  # words apart ("showed up to watch", "line of spectators"): no one modifier or head
    if all(named for side in (ours, theirs) for _, named, _ in side):
        # Names modifying one head ("its Bristol base" / "its Cardiff base"); a name that is the subject itself
        # ("The United States" / "Washington") may be one thing named two ways, left to ``opposed_across_names``.
        return _before_shared_noun(premise, hypothesis, ours, theirs) and _other_names(
            ours, theirs, [u for u, _, _ in our_units], [u for u, _, _ in their_units]
        )
    if any(named or lemma in TIME_WORDS for side in (ours, theirs) for lemma, named, _ in side):
        return False
    return _unlinked_modifiers(premise, hypothesis, ours, theirs) or _unlinked_nouns(
        premise, hypothesis, ours, theirs, after_adjectives=True
    )


def _named_edges(ours: Units, theirs: Units) -> Iterator[tuple[Units, Units]]:
    """The names that open, and those that close, two differing runs of content words: "district 1 fell" /
    "district 5 rose" differ in "1 fell" / "5 rose", whose names are "1" and "5", the rest one word each."""

    def leading(units: Units) -> Units:
        return list(takewhile(lambda unit: unit[1], units))

    for our_names, their_names in (
        (leading(ours), leading(theirs)),
        (leading(ours[::-1])[::-1], leading(theirs[::-1])[::-1]),
    ):
        # The rest of the runs pairs up word for word ("fell" / "rose"); a name beside a description ("Angela
        # Merkel accepted" / "The German chancellor rejected") is no name standing for another.
        if len(ours) - len(our_names) == len(theirs) - len(their_names):
            yield our_names, their_names


def _span(analysis: Analysis, units: Units) -> tuple[int, int] | None:
    """Where the words from the first to the last of ``units`` stand in the statement's text, if they can be found."""
    first, last = analysis.tokens[units[0][2]].text, analysis.tokens[units[-1][2]].text
    start = re.search(rf"(?<!\w){re.escape(first)}(?!\w)", analysis.text)
    if start is None:
        return None
    end = re.compile(rf"(?<!\w){re.escape(last)}(?!\w)").search(analysis.text, start.start())
    return None if end is None else (start.start(), end.end())


# The most renamed premises ``renamed_premises`` gives: each costs its caller an analysis of the whole text, and a
# pair whose differing runs each open with another name ("Turnout in district 3 fell. Turnout in district 4 fell. ..."
# against other districts) had one per run: 6.6 s for a pair of 100 districts a side (review h8).
MAX_RENAMED_PREMISES = 4


def renamed_premises(premise: Analysis, hypothesis: Analysis) -> list[str]:
    """The premise's text with the hypothesis's names put where its own stand, one text per candidate substitution:
    the two statements in one frame, so a caller can see whether anything but the names differs. Candidates are
    the names at the edges of each differing run of content words (``_named_edges``), the first
    ``MAX_RENAMED_PREMISES`` of them in the text's order."""
    runs, our_lemmas, their_lemmas = _replaced_runs(premise, hypothesis)
    texts: list[str] = []
    for ours, theirs in runs:
        for our_names, their_names in _named_edges(ours, theirs):
            if not _other_names(our_names, their_names, our_lemmas, their_lemmas):
                continue
            our_span, their_span = _span(premise, our_names), _span(hypothesis, their_names)
            if our_span is None or their_span is None:
                continue
            renamed = premise.text[: our_span[0]] + hypothesis.text[slice(*their_span)] + premise.text[our_span[1] :]
            if renamed not in texts:
                texts.append(renamed)
                if len(texts) == MAX_RENAMED_PREMISES:
                    return texts
    return texts
