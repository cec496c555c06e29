"""Where a name lies among parsed tokens: the person or organisation entity by the article's labels, a person's
name made whole where the recogniser cut it (particles, hyphens, ranks), and the word shapes that decide it."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Doc, Span, Token

from extraction.doc_ents import entities_overlapping
from extraction.given_names import is_given_name
from extraction.names import (
    HONORIFICS,
    NAME_PARTICLES,
    OFFICE_TITLES,
    may_be_rank_piece,
    normalize_speaker_name,
    rank_word_indices,
)
from extraction.speaker_nouns import PARTY_WORDS, ROLE_WORDS

_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})
# Marks some bodies end their names with ("Which?", "Yahoo!"), written onto the name's last word.
NAME_CLOSING_MARKS = frozenset({"?", "!"})


def bare_word(tok: Token) -> str:
    return tok.text.rstrip(".").lower()


def entity_label(span: Span, labels: Mapping[str, str]) -> str:
    """The article-wide majority label for this entity's words (the small model labels "Trump" ORG at times)."""
    return labels.get(normalize_speaker_name(span.text).lower(), span.label_)


def person_entity(tokens: list[Token], labels: Mapping[str, str]) -> Span | None:
    if not tokens:
        return None
    doc = tokens[0].doc
    lo, hi = tokens[0].i, tokens[-1].i + 1
    people = [e for e in entities_overlapping(doc, lo, hi) if entity_label(e, labels) == "PERSON"]
    if len(people) > 1:
        # "Dr. M. E. Aebischer of ETH Zurich": the person the phrase's head names, not a body after "of" the
        # recogniser also took for a person.
        roots = {t.i for t in tokens if not lo <= t.head.i < hi or t.head.i == t.i}
        people = [e for e in people if any(e.start <= r < e.end for r in roots)] or people
    return whole_name(people[-1], lo, hi) if people else None


def whole_name(person: Span, lo: int, hi: int) -> Span:
    """A person's name the recogniser cut at a particle, made whole within tokens [lo, hi): "Eelco van" + "Berg",
    "Ursula von der" + "Leyen", "Mohammed bin Abdulrahman" + "Al Thani". It takes in the particles around the name,
    a capitalised word right after a particle, and a neighbouring piece the recogniser also tagged a person; a
    number it ran on into is dropped."""
    doc = person.doc
    start, end = person.start, person.end
    while start - 1 >= lo and (
        name_particle(doc[start - 1])
        or _person_piece(doc[start - 1])
        or _left_out_name_word(doc[start - 1], start, end)
        or _given_before_particle(doc[start - 1], doc[start])
    ):
        start -= 1
    while end < hi and (
        name_particle(doc[end])
        or _person_piece(doc[end])
        or (name_particle(doc[end - 1]) and capitalised_name_word(doc[end]))
    ):
        end += 1
    while end + 1 < hi and _hyphenated_syllable(doc, end):
        end += 2  # "Lau Suk" + "-yee": a Cantonese given name the recogniser cut at its hyphen
    if (end, start) != (person.end, person.start):
        while start - 1 >= lo and _name_compound(doc[start - 1], start, end):
            start -= 1  # "Regina Ip" before "Lau Suk-yee": the rest of the name the parser hangs on it
    while end - 1 > start and (name_particle(doc[end - 1]) or doc[end - 1].like_num or doc[end - 1].is_punct):
        end -= 1  # a name never ends on a particle, nor on the score the recogniser ran on into ("Monfils 6-4")
    if _only_titles(doc[start:end]):  # "Det Con Sian Hughes": the recogniser tagged the rank ("Det") as the person
        while end < hi and doc[end].pos_ == "PROPN" and capitalised_name_word(doc[end]):
            end += 1  # the name follows it
    return person if (start, end) == (person.start, person.end) else doc[start:end]


def _only_titles(span: Span) -> bool:
    """Whether every word of ``span`` is an honorific, rank or office ("Det", "Det Con"): no name yet."""
    return all(bare_word(t) in HONORIFICS | OFFICE_TITLES or ranked_by_neighbour(t) for t in span)


def ranked_by_neighbour(tok: Token) -> bool:
    """A word that is a rank by the rank beside it ("Con" of "Det Con", "Ch" of "Ch Insp"), or a piece of a rank of
    several words ("Rear" of "Rear Admiral", "Marshal" of "Air Vice-Marshal"), read in the words as written around
    it: the tokenizer splits "Vice-Marshal" at its hyphen."""
    if not may_be_rank_piece(tok.text):
        return False
    words, at = _written_words_around(tok)
    return at in rank_word_indices(words)


# How many tokens either side of a word are read for the rank it may be part of ("Master Chief Petty Officer").
_RANK_REACH = 6


def _written_words_around(tok: Token) -> tuple[list[str], int]:
    """The space-separated words near ``tok`` as the text writes them, and the index of the one holding it; a
    bracket, quotation mark or comma is a word of its own ("(Det Con" is "(", "Det", "Con")."""
    doc = tok.doc
    lo, hi = max(0, tok.i - _RANK_REACH), min(len(doc), tok.i + _RANK_REACH + 1)
    words: list[str] = []
    at = 0
    current = ""
    for t in doc[lo:hi]:
        apart = t.is_punct and t.text not in _WORD_PUNCTUATION
        if apart and current:
            words.append(current)
            current = ""
        current += t.text
        if t.i == tok.i:
            at = len(words)
        if apart or t.whitespace_ or t.i == hi - 1:
            words.append(current)
            current = ""
    return words, at


# Punctuation inside a written word ("Vice-Marshal", "Adm.", "O'Neill"), which the tokenizer may split off.
_WORD_PUNCTUATION = frozenset({"-", "‐", "‑", ".", "'", "’"})


def _left_out_name_word(tok: Token, start: int, end: int) -> bool:
    """A capitalised word the recogniser left out of the name it modifies: a known given name ("Gergely" before
    "Karácsony"), or a function word that only a name would capitalise in mid-sentence ("Do" of "minister Do Hung
    Viet", "He" of "He Lifeng")."""
    if not (tok.text.istitle() and tok.is_alpha and not tok.ent_type_ and tok.dep_ == "compound"):
        return False
    if not start <= tok.head.i < end or bare_word(tok) in HONORIFICS | OFFICE_TITLES:
        return False
    if tok.is_stop:  # whatever the tagger made of it
        return not tok.is_sent_start
    # "The French Green Élodie Marchand": a party's word before the name is whose member she is, though a given name
    return tok.pos_ == "PROPN" and is_given_name(tok.text) and tok.lower_ not in PARTY_WORDS


def _given_before_particle(tok: Token, nxt: Token) -> bool:
    """ "Maria dos Santos": a known given name before the particle that opens a family name is the name's first
    word, whatever label the recogniser gave it."""
    return name_particle(nxt) and tok.text.istitle() and tok.is_alpha and is_given_name(tok.text)


def name_particle(tok: Token) -> bool:
    """A name particle: tagged a proper noun, or in lower case between two capitalised words whatever the tagger
    made of it ("José dos Santos", where "dos" looked like a verb to it); the first of those words may be a particle
    itself ("Anna van den Berg", where "den" looked like a noun)."""
    if tok.lower_ not in NAME_PARTICLES:
        return False
    if tok.pos_ == "PROPN":
        return True
    doc = tok.doc
    if not (tok.text.islower() and 0 < tok.i < len(doc) - 1):
        return False
    before, after = doc[tok.i - 1], doc[tok.i + 1]
    return (
        (before.text.istitle() or (before.text.islower() and before.lower_ in NAME_PARTICLES))
        and after.text.istitle()
        and before.is_alpha
        and after.is_alpha
    )


def hyphened_on(tok: Token, head: Token) -> bool:
    """ "Fenton" of "Fenton-Burns", which the tagger took for a common noun: a capitalised piece joined by tight
    hyphens to the proper noun ``head``, one written word with it."""
    if not tok.text[:1].isupper() or head.pos_ != "PROPN":
        return False
    return hyphen_start(head) <= tok.i < head.i and (head.i - tok.i) % 2 == 0


def hyphen_start(tok: Token) -> int:
    """Where the written word that ``tok`` ends begins: the index of its first piece, taking in the pieces the
    tokenizer split off at tight hyphens ("Fenton" and "-" before "Burns" in "Fenton-Burns"); ``tok.i`` when
    there are none. A hyphen is tight when nothing but the hyphen stands between the pieces."""
    doc, start = tok.doc, tok.i
    while (
        start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_ and not doc[start - 2].whitespace_
    ):
        start -= 2
    return start


def capitalised_word(tok: Token) -> bool:
    """One word of letters written with a capital first ("Tarvell"), whatever the tagger made of it; a name's own
    closing mark, which ``join_marked_names`` wrote onto it ("Which?", "Yahoo!"), is no letter but part of it."""
    word = tok.text[:-1] if tok.text[-1:] in NAME_CLOSING_MARKS and len(tok.text) > 1 else tok.text
    return word.isalpha() and word.istitle()


def capitalised_name_word(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and capitalised_word(tok)


def _hyphenated_syllable(doc: Doc, i: int) -> bool:
    """ "-yee" of "Suk-yee": a hyphen written tight between a capitalised word and a lower-case syllable."""
    before, dash, syllable = doc[i - 1], doc[i], doc[i + 1]
    return (
        dash.text == "-"
        and not before.whitespace_
        and not dash.whitespace_
        and before.text.istitle()
        and syllable.is_alpha
        and syllable.is_lower
        and len(syllable) <= 4
    )


def _name_compound(tok: Token, start: int, end: int) -> bool:
    """A capitalised proper noun the parser made part of a name it cut ("Ip" of "Regina Ip Lau Suk-yee"): a
    compound on a word of the name, no role word, or a given name right before it."""
    if not (tok.pos_ == "PROPN" and tok.text.istitle() and tok.is_alpha) or bare_word(tok) in ROLE_WORDS | HONORIFICS:
        return False
    return (tok.dep_ == "compound" and start <= tok.head.i < end) or is_given_name(tok.text)


def _person_piece(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON" and capitalised_name_word(tok)


def organisation_spans(tokens: list[Token], labels: Mapping[str, str]) -> list[Span]:
    if not tokens:
        return []
    doc = tokens[0].doc
    lo, hi = tokens[0].i, tokens[-1].i + 1
    return [e for e in entities_overlapping(doc, lo, hi) if entity_label(e, labels) in _ORG_LABELS]
