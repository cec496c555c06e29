"""Tokens and lemmas: the word level every analysis starts from.

Words are reduced with a small explicit lemma table (aliases, synonym groups, antonym groups with their
inflections), WordNet's irregular verb forms ("paid" -> "pay", ``wordnet.irregular_verb_base``) plus a light suffix
stemmer, not spaCy: deterministic, fast, no model to load.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from embeddings.signals.vocabulary import (
    ALIASES,
    ANTONYM_GROUPS,
    CLOCK_MARKERS,
    IRREGULAR_FORMS,
    MEASURES,
    MONTHS,
    MULTIWORD_ALIASES,
    NEGATING_PREFIXES,
    NEGATION_WORDS,
    NOT_A_NAME_PREFIXES,
    NUMBER_WORDS,
    ORDINALS,
    STOPWORDS,
    SUFFIX_SCALES,
    SYNONYM_GROUPS,
    VERB_MARKERS,
    WEEKDAYS,
)
from embeddings.signals.wordnet import irregular_verb_base

CONTEXT_WINDOW = 6  # content words either side of a number, date or place that describe what it is about


def _verb_and_noun_forms(base: str) -> set[str]:
    """Regular inflections of a base word (plural/3rd person, -ed, -ing); harmless extra forms are fine."""
    forms = {base}
    if base.endswith(("s", "x", "ch", "sh", "z")):
        forms.add(base + "es")
    elif base.endswith("y") and len(base) > 2 and base[-2] not in "aeiou":
        forms.update({base[:-1] + "ies", base[:-1] + "ied"})
    else:
        forms.add(base + "s")
    if base.endswith("e"):
        forms.update({base + "d", base[:-1] + "ing"})
    else:
        forms.update({base + "ed", base + "ing"})
        vowels = sum(ch in "aeiou" for ch in base)
        if vowels == 1 and len(base) >= 3 and base[-1] not in "aeiouwxy" and base[-2] in "aeiou":
            forms.update({base + base[-1] + "ed", base + base[-1] + "ing"})
    forms.update(IRREGULAR_FORMS.get(base, ()))
    return forms


@dataclass(frozen=True, slots=True)
class Antonyms:
    """An antonym group in canonical lemmas: every lemma of ``side_a`` opposes every lemma of ``side_b``."""

    side_a: frozenset[str]
    side_b: frozenset[str]
    kind: str  # part of speech (verb, adjective, adverb, noun) or "" when unknown


def _build_lemma_table() -> tuple[dict[str, str], tuple[Antonyms, ...]]:
    """Surface form -> canonical lemma, and the antonym groups expressed in canonical lemmas."""
    lemmas: dict[str, str] = dict(ALIASES)
    for group in SYNONYM_GROUPS:
        for form in group:
            lemmas.setdefault(form, group[0])
    antonyms: list[Antonyms] = []
    for opposed in ANTONYM_GROUPS:
        sides: list[frozenset[str]] = []
        for side in (opposed.side_a, opposed.side_b):
            canonical = side[0]
            for base in side:
                for form in _verb_and_noun_forms(base):
                    lemmas.setdefault(form, lemmas.get(canonical, canonical))
            sides.append(frozenset(lemmas.get(base, base) for base in side))
        antonyms.append(Antonyms(sides[0], sides[1], opposed.kind))
    return lemmas, tuple(antonyms)


LEMMAS, ANTONYMS = _build_lemma_table()

# The verbs whose past participles the antonym lists name as adjectives ("closed" opposes "open"), by their base
# forms ("close"), with the participle's lemma. Elsewhere such a base form is often another word ("close to" the
# station: near), so it reads as the participle's verb only where a verb stands (``_verb_lemma``); its other forms
# are left to stemming.
_PARTICIPLE_VERBS = {
    verb: LEMMAS[participle]
    for opposed in ANTONYM_GROUPS
    if opposed.kind == "adjective"
    for participle in (*opposed.side_a, *opposed.side_b)
    if participle.endswith("ed")
    for verb in [participle[:-1] if participle[:-1].endswith("e") else participle[:-2]]
    if verb not in LEMMAS
}


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # as written
    lower: str
    lemma: str
    kind: str  # "word", "number", "ordinal", "decade" ("the 1990s"), "clock" ("9:30") or "symbol"
    value: float | None = None  # numeric value of number and ordinal tokens; minutes after 0:00 of a clock


_NOT_A_NAME = "|".join(NOT_A_NAME_PREFIXES)
# The units of measure that are written glued to a figure: the short forms, in any case, and one-letter ones ("C",
# "F") in capitals only ("5f" is no temperature).
_GLUED_UNITS = "(?:{}|{})".format(
    "|".join(f"(?i:{re.escape(word)})" for word in sorted(MEASURES, key=len, reverse=True) if 1 < len(word) <= 3),
    "|".join(word.upper() for word in MEASURES if len(word) == 1),
)
_TOKEN_RE = re.compile(
    # "COVID-19", "I-695", "F-16", "G-7": a capitalised name with a number glued on is a name, not a figure.
    rf"(?P<name>\b(?!(?i:{_NOT_A_NAME})-)[A-Z][A-Za-z]*-\d+[A-Za-z]*\b)"
    r"|(?P<decade>\b(?:1[89]|20)\d0'?s\b)"
    # "9:30", "21:55", "09:00": a time of day, not two numbers (not "2:05:30", "1:50,000" or "3:16.5").
    r"|(?P<clock>(?<![\d:.,])(?:[01]?\d|2\d):[0-5]\d(?![\d:]|[.,]\d))"
    r"|(?P<ordinal>\d+(?:st|nd|rd|th)\b)"
    # "200mm", "1.5GW", "45C": a unit of measure glued on ends the number and is read as the next word.
    rf"|(?P<number>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:(?P<suffix>k|mn|m|bn|b)?\b|(?={_GLUED_UNITS}\b))"
    r"|(?P<abbr>(?:[A-Za-z]\.){2,})"
    r"|(?P<word>[A-Za-z]+(?:['-][A-Za-z]+)*)"
    r"|(?P<symbol>[%$€£])"
)


def _stem(word: str) -> str:
    """A light suffix stripper: consistent for the forms of one word, which is all overlap counting needs."""
    stem = word
    if len(stem) > 4 and stem.endswith("ies"):
        stem = stem[:-3] + "y"
    elif len(stem) > 3 and stem.endswith("s") and not stem.endswith(("ss", "us", "is")):
        stem = stem[:-1]
    if len(stem) > 5 and stem.endswith("ing"):
        stem = stem[:-3]
    elif len(stem) > 4 and stem.endswith("ed"):
        stem = stem[:-2]
    if len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in "lsz":
        stem = stem[:-1]
    if len(stem) > 3 and stem.endswith("e"):
        stem = stem[:-1]
    return stem


def lemma(word: str) -> str:
    """Canonical lemma of a lower-case word: table first (aliases, synonyms, antonym groups), then an irregular verb
    form's base verb ("paid" -> "pay", "testified" -> "testify": ``wordnet.irregular_verb_base``), also after a
    negating prefix ("unidentified" / "identified"), then stemming."""
    known = LEMMAS.get(word)
    if known is not None:
        return known
    base = irregular_verb_base(word)
    if base is not None:
        return lemma(base)
    for prefix in NEGATING_PREFIXES:
        rest = word.removeprefix(prefix)
        if rest != word and irregular_verb_base(rest) is not None:
            return prefix + lemma(rest)
    stemmed = _stem(word)
    return LEMMAS.get(stemmed, stemmed)


_PUNCTUATION_REPLACEMENTS: dict[str, str | int | None] = {
    "’": "'",
    "‘": "'",
    "“": '"',
    "”": '"',
    "–": " - ",
    "—": " - ",
}
_PUNCTUATION_TABLE = str.maketrans(_PUNCTUATION_REPLACEMENTS)


# "the '50s", "the late 80's and early 90's": a two-digit decade after "the" (or after such a decade and "and") is
# one of the 1900s ("in their 20s" is an age and is left alone).
_SHORT_DECADE_RES = tuple(
    re.compile(rf"\b({before}\s+(?:(?:early|mid|late)[\s-]+)?)['‘’]?([1-9]0)['‘’]?s\b", re.IGNORECASE)
    for before in ("the", r"19[1-9]0s\s+(?:and|or|to|through)")
)


# "9pm", "11:00am", "7a.m.": a marker of the half of the day glued to the time is read as the next word.
_GLUED_CLOCK_MARKER_RE = re.compile(
    r"(?<=\d)(?=(?:{})(?![A-Za-z]))".format(
        "|".join(re.escape(word) for word in sorted(CLOCK_MARKERS, key=len, reverse=True) if word[:1] in "ap")
    ),
    re.IGNORECASE,
)


def _loosely_dotted(marker: str) -> str:
    """A pattern for a dotted marker ("p.m.") that also takes it half-dotted or spaced ("P.M", "p. m."): the dot
    after each letter but the last is needed, the last one optional. Only the dotted form's letters count: "pm" is
    a marker of its own."""
    letters = [re.escape(letter) for letter in marker.replace(".", "")]
    return r"\.\s?".join(letters) + r"\.?"


# "5 P.M", "5 p. m.", "5a.m": a dotted marker of the half of the day written half-dotted or spaced after a figure
# is rewritten fully dotted, keeping its letters' case ("P.M."), so it is the same marker as "5 P.M." (h174).
_LOOSE_CLOCK_MARKER_RE = re.compile(
    r"(?<=\d)(?P<space>\s?)(?P<marker>{})(?![A-Za-z])".format(
        "|".join(_loosely_dotted(word) for word in sorted(CLOCK_MARKERS, key=len, reverse=True) if "." in word)
    ),
    re.IGNORECASE,
)


def _dotted_marker(match: re.Match[str]) -> str:
    """The marker of ``_LOOSE_CLOCK_MARKER_RE``'s match with a dot after every letter."""
    letters = "".join(ch for ch in match.group("marker") if ch.isalpha())
    return match.group("space") + "".join(letter + "." for letter in letters)


def _normalise_text(text: str) -> str:
    text = _LOOSE_CLOCK_MARKER_RE.sub(_dotted_marker, text)
    text = _GLUED_CLOCK_MARKER_RE.sub(" ", text)
    for pattern in _SHORT_DECADE_RES:
        text = pattern.sub(r"\g<1>19\g<2>s", text)
    text = text.translate(_PUNCTUATION_TABLE)
    text = re.sub(r"n't\b", " not", text)
    for pattern, replacement in MULTIWORD_ALIASES:
        text = pattern.sub(replacement, text)
    return text


def tokenize(text: str) -> list[Token]:
    """Split a statement into word, number, ordinal and symbol tokens with lemmas and numeric values."""
    tokens: list[Token] = []
    for match in _TOKEN_RE.finditer(_normalise_text(text)):
        raw = match.group(0)
        if match.group("name"):
            lower = raw.lower()
            tokens.append(Token(raw, lower, lower, "word"))
        elif match.group("decade"):
            tokens.append(Token(raw, raw.lower(), raw.lower(), "decade", float(raw[:4])))
        elif match.group("clock"):
            hours, minutes = raw.split(":")
            tokens.append(Token(raw, raw, raw, "clock", float(int(hours) * 60 + int(minutes))))
        elif match.group("ordinal"):
            tokens.append(Token(raw, raw.lower(), raw.lower(), "ordinal", float(re.sub(r"\D", "", raw))))
        elif match.group("number"):
            value = float(match.group("number").replace(",", ""))
            suffix = match.group("suffix")
            if suffix:
                value *= SUFFIX_SCALES[suffix]
            tokens.append(Token(raw, raw.lower(), raw.lower(), "number", value))
        elif match.group("symbol"):
            tokens.append(Token(raw, raw, raw, "symbol"))
        else:
            lower = raw.lower().removesuffix("'s")
            if lower == "us" and raw == "US":
                lower = "usa"
            if lower in ORDINALS:
                tokens.append(Token(raw, lower, lower, "ordinal", float(ORDINALS[lower])))
                continue
            tokens.append(Token(raw, lower, _verb_lemma(tokens, lower) or lemma(lower), "word"))
    return tokens


def _verb_lemma(before: list[Token], word: str) -> str | None:
    """The lemma of a participle's verb (``_PARTICIPLE_VERBS``) where only a verb can stand: right after "to", a
    modal or "do" (``VERB_MARKERS``), a "not" or "never" between ("did not close" is the "closed" of "Snow closed the
    pass"), or after a contracted negation ("didn't close")."""
    verb_lemma = _PARTICIPLE_VERBS.get(word)
    if verb_lemma is None or not before:
        return None
    previous = before[-1].lower
    if previous.endswith("n't"):
        return verb_lemma
    if previous in ("not", "never") and len(before) >= 2:
        previous = before[-2].lower
    return verb_lemma if previous in VERB_MARKERS else None


def is_content(token: Token) -> bool:
    """A word that says what a statement is about: no function word, negation, weekday, month or number word."""
    return (
        token.kind == "word"
        and len(token.lower) > 1
        and token.lower not in STOPWORDS
        and token.lemma not in STOPWORDS
        and token.lower not in NEGATION_WORDS
        and token.lower not in WEEKDAYS
        and not (token.lower in MONTHS and token.text[:1].isupper())
        and token.lower not in NUMBER_WORDS
    )


def context(
    tokens: list[Token],
    start: int,
    end: int,
    exclude: frozenset[str] = frozenset(),
    *,
    before: bool = True,
    window: int = CONTEXT_WINDOW,
) -> frozenset[str]:
    """Content lemmas within ``window`` content words before ``start`` (unless not ``before``) and from ``end``."""
    found: list[str] = []
    directions = ((-1, start - 1), (1, end)) if before else ((1, end),)
    for step, first in directions:
        taken = 0
        index = first
        while 0 <= index < len(tokens) and taken < window:
            token = tokens[index]
            if is_content(token) and token.lemma not in exclude:
                found.append(token.lemma)
                taken += 1
            index += step
    return frozenset(found)


def matches_at(lowers: list[str], index: int, phrase: tuple[str, ...]) -> bool:
    """The lower-case words from ``index`` on are ``phrase``."""
    return tuple(lowers[index : index + len(phrase)]) == phrase
