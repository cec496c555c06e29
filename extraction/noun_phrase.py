"""Where a speaker's noun phrase ends: the head's words without relative clauses, appositions, or when and how it
was said ("the ministry on Sunday said"), and the apposition hung on the head."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from extraction.cues import medium_of
from extraction.data_files import read_data_file
from extraction.doc_ents import entities_overlapping
from extraction.given_names import is_given_name
from extraction.name_spans import hyphen_start
from extraction.regions import is_country, is_region
from extraction.speaker_nouns import COMMENT_NOUNS, ORG_NOUNS, person_noun

_DROP_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "parataxis"})


def _hyphen_prefix_start(first: Token) -> int:
    """Where a phrase that opens at ``first`` opens once a prefix written onto it with a tight hyphen is taken in
    ("co" and "-" before "author" in "Her co-author"), with the words hung on the prefix ("Her"): the tokenizer splits
    the word at its hyphen and the parser leaves the pieces outside the noun's subtree, which would make a
    "co-author" an "author" and an "ex-minister" a "minister"."""
    start = hyphen_start(first)
    if start == first.i:
        return first.i
    return min(start, *(t.left_edge.i for t in first.doc[start : first.i]))


def _parts_phrase(tok: Token) -> bool:
    """A comma, dash or bracket, after which the words are no longer the noun's own; not a hyphen written tight
    between two words ("Its secretary-general": the parser hangs "general" on "secretary" past the hyphen)."""
    if tok.text == "-":
        doc = tok.doc
        tight = tok.i > 0 and not doc[tok.i - 1].whitespace_ and not tok.whitespace_
        return not tight
    return tok.text in {",", "—", "–", "("}


def np_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without relative clauses, appositions or anything after a comma."""
    left = head.left_edge.i
    if (given := _given_name_read_as_date(head)) is not None:
        left = given.i
    left = _hyphen_prefix_start(head.doc[left])
    right = head.i
    shared = shared_body_noun(head)
    for child in head.rights:
        if child.dep_ in {"cc", "conj"} and (
            _within_organisation_name(head, child)
            or _name_ends_past_and(head, child)
            or _place_past_and(head, child)
            or _second_region_past_and(head, child)
        ):
            right = child.right_edge.i  # "Linden & Vale", "Procter & Gamble": one body's name, not two
            continue
        if shared is not None and child.i <= shared.i:
            right = shared.i  # "Brazil's mines and energy ministry": one ministry of two remits
            continue
        if _restrictive_participle(head, child, right):
            right = child.right_edge.i  # "Two people briefed on the talks": which people, not a clause about them
            continue
        if child.dep_ in _DROP_DEPS or any(_parts_phrase(t) for t in head.doc[right + 1 : child.i]):
            break
        if child.ent_type_ in {"DATE", "TIME"} or child.dep_ == "npadvmod":  # "Trump this week said"
            break
        right = child.right_edge.i
    right = max(right, _organisation_name_end(head))
    if (employer := _employer_left_on_the_verb(head, right)) is not None:
        right = employer.right_edge.i
    remit_end = _remit_list_end(head)
    right = max(right, remit_end or right)
    # When and how it was said, at any depth: "The spokesman for the ministry in a statement on Monday said".
    aside = next((t.i for t in head.doc[head.i + 1 : right + 1] if _when(t) or medium_of(t) is not None), None)
    if aside is not None:
        right = aside - 1
    comma = next(
        (t.i for t in head.doc[head.i + 1 : right + 1]
         if t.text == "," and not _listing_comma(t) and not (remit_end and t.i < remit_end)),
        None,
    )  # fmt: skip
    if comma is not None:  # "Officials at the agency, a division of ..." stops at the comma
        right = comma - 1
    tokens = [t for t in head.doc[left : right + 1] if not t.is_space]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in {".", ")"}):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    while len(tokens) > 1 and tokens[0] is not head and _day_before_name(tokens[0], tokens[1]):
        tokens.pop(0)  # "On Monday Peter Dyson said": the day says when, not who
    if _comment_before(tokens, head):
        tokens = tokens[2:]
    return tokens or [head]


def _employer_left_on_the_verb(head: Token, right: int) -> Token | None:
    """ "..., wrote analysts at Bernstein in a note": the speaker of a cue set after its clause is parsed as the
    verb's object (a verb with no subject), and the body after it as the verb's own "at" phrase; that phrase, a
    name right after the speaker's words, says whose analysts they are."""
    verb = head.head
    if head.dep_ != "dobj" or verb.i > head.i or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children):
        return None
    prep = head.doc[right + 1] if right + 1 < len(head.doc) else None
    if prep is None or prep.lower_ != "at" or prep.head != verb or prep.dep_ != "prep":
        return None
    body = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return prep if body is not None and body.pos_ == "PROPN" else None


def _organisation_name_end(head: Token) -> int:
    """The last word of the organisation's name ``head`` ends or stands in, where capitalised words of that name
    follow it ("Clean Rivers Now said": the parser hangs "Now" on the verb, but the recogniser read the whole name);
    ``head``'s own index otherwise."""
    if head.ent_type_ != "ORG":
        return head.i
    ent = next(iter(entities_overlapping(head.doc, head.i, head.i + 1)), None)
    if ent is None or ent.end - 1 <= head.i:
        return head.i
    tail = head.doc[head.i + 1 : ent.end]
    return ent.end - 1 if all(t.is_alpha and t.text[:1].isupper() for t in tail) else head.i


def _remit_list_end(head: Token) -> int | None:
    """ "The Department for Culture, Media and Sport said": a body's capitalised noun, "for" or "of", and a list of
    capitalised remits joined by commas and a last "and" that runs up to the body's verb is one body's name, however
    the recogniser cut it into bodies; the index of its last word, None where the words are no such list ("the
    Department for Education, Ofsted and the unions said": "the" is no remit's word)."""
    doc = head.doc
    if head.pos_ != "PROPN" or not head.text.istitle() or head.lower_ not in ORG_NOUNS or head.i + 2 >= len(doc):
        return None
    if doc[head.i + 1].lower_ not in {"for", "of"}:
        return None
    i, items, joined = head.i + 2, 0, False
    while i < len(doc):
        run = i
        while i < len(doc) and doc[i].is_alpha and doc[i].text.istitle() and doc[i].ent_type_ != "PERSON":
            i += 1
        if i == run:
            return None
        items += 1
        if joined:
            break
        if i < len(doc) and doc[i].text == ",":
            i += 1
        elif i < len(doc) and doc[i].lower_ == "and" and items >= 2:
            i += 1
            joined = True
        else:
            return None
    last = i - 1
    verb = head.head
    return last if joined and items >= 3 and i < len(doc) and doc[i] == verb and verb.i > last else None


def _day_before_name(day: Token, after: Token) -> bool:
    """ "On Monday Peter Dyson", "On Friday Health Secretary Wes Streeting": a day's name the parser hung on the
    name after it, which is capitalised and no part of that date."""
    return (
        day.lower_ in _DAY_NAMES
        and day.ent_type_ in {"DATE", "TIME"}
        and after.text[:1].isupper()
        and after.ent_type_ not in {"DATE", "TIME"}
    )


def _given_name_read_as_date(head: Token) -> Token | None:
    """ "Jan Most, a farmer, said": the parser reads "Jan" as the month, a modifier of the verb, and leaves the
    surname alone as the subject; a given name right before a capitalised proper-noun subject of the same verb,
    with no date recognised there, is the first word of the name."""
    left = head.left_edge.i
    if left == 0 or head.pos_ != "PROPN" or not head.dep_.startswith("nsubj"):
        return None
    before = head.doc[left - 1]
    if before.dep_ != "npadvmod" or before.head.i != head.head.i or before.ent_type_ in {"DATE", "TIME"}:
        return None
    if not (before.is_title and head.doc[left].is_title and is_given_name(before.text)):
        return None
    return before


_DAY_NAMES = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _comment_before(tokens: list[Token], head: Token) -> bool:
    """ "..., an assertion prosecutors said was false": "a" or "an" and a writer's noun for a statement that the
    parser made modifiers of a plural or a name after them are the object of that one's verb, not their words."""
    if len(tokens) < 3 or tokens[0].lower_ not in {"a", "an"} or tokens[1].dep_ != "compound":
        return False
    return tokens[1].lemma_.lower() in COMMENT_NOUNS and tokens[2].i <= head.i and head.tag_ in {"NNS", "NNP", "NNPS"}


def shared_body_noun(head: Token) -> Token | None:
    """ "Brazil's mines and energy ministry", parsed as "mines" joined to "energy ministry": a lower-case remit
    joined by "and" to another remit and the body's noun they share, which has no article of its own; that noun
    heads the phrase. None for two speakers ("farmers and the ministry", "miners and energy workers")."""
    if head.pos_ != "NOUN" or not head.is_lower or head.lemma_.lower() in ORG_NOUNS or person_noun(head):
        return None
    doc = head.doc
    if head.i + 2 >= len(doc) or doc[head.i + 1].lower_ != "and" or doc[head.i + 1].head != head:
        return None
    conj = next((c for c in head.children if c.dep_ == "conj" and c.i > head.i), None)
    if conj is None or not conj.is_lower or conj.lower_ not in ORG_NOUNS or conj.i - head.i > 4:
        return None
    between = doc[head.i + 2 : conj.i]
    if any(not t.is_lower or not t.is_alpha or t.head != conj or t.dep_ != "compound" for t in between):
        return None  # "the ministry", "Acme's board": the second word's own phrase
    return conj if not any(c.dep_ in {"det", "poss"} for c in conj.children) else None


def _restrictive_participle(head: Token, child: Token, right: int) -> bool:
    """ "people briefed on the discussions", "an official involved in the talks": a past participle with its
    phrase, right after a person's common noun with no name, tells which unnamed people spoke; it is their only
    description, as "familiar with the matter" is."""
    return (
        child.dep_ == "acl"
        and child.tag_ in {"VBN", "VBD"}  # the tagger may read the participle as a past tense
        and child.i == right + 1
        and head.pos_ == "NOUN"
        and person_noun(head)
        and any(c.dep_ == "prep" for c in child.children)
        and not any(t.pos_ == "PROPN" for t in head.subtree if t.i < head.i)
    )


# Places whose name joins words with "and" ("Newfoundland and Labrador"): the words before it and after it.
_PLACES_JOINED_BY_AND: frozenset[tuple[tuple[str, ...], tuple[str, ...]]] = frozenset(
    (tuple(before.split(" ")), tuple(after.split(" ")))
    for before, after in (
        entry["name"].split(" and ", 1) for entry in read_data_file("places_joined_by_and.json")["places"]
    )
)


def _place_past_and(head: Token, child: Token) -> bool:
    """ "The Registered Nurses' Union Newfoundland and Labrador said": a body's name that ends with a place whose
    own name joins words with "and"; the recogniser ended the body's name at the "and"."""
    if head.ent_type_ != "ORG" or child.i <= head.i:
        return False
    conj = child if child.dep_ == "conj" else next((c for c in head.children if c.dep_ == "conj"), None)
    if conj is None or conj.i != conj.right_edge.i:
        return False
    return completes_place_past_and(head.doc, head.i + 2, conj.i + 1)


def completes_place_past_and(doc: Doc, start: int, end: int) -> bool:
    """Whether ``doc[start:end]`` is the words after "and" of a place whose name joins words with "and", the words
    before it written right before that "and" ("Labrador" of "Newfoundland and Labrador")."""
    words = tuple(t.text for t in doc[start:end])
    return (
        start >= 2
        and doc[start - 1].lower_ == "and"
        and any(
            words == after and tuple(t.text for t in doc[max(0, start - 1 - len(before)) : start - 1]) == before
            for before, after in _PLACES_JOINED_BY_AND
        )
    )


def _second_region_past_and(head: Token, child: Token) -> bool:
    """ "The Port Authority of New York and New Jersey said": a body's name of the form "X of <region>" goes on
    past the "and" when the words after it are a region too, and nothing else, both regions within a country (states,
    provinces, counties); the recogniser ended the name at the "and" and took the second region for a place of its
    own."""
    doc = head.doc
    if head.ent_type_ != "ORG" or child.i <= head.i:
        return False
    conj = child if child.dep_ == "conj" else next((c for c in head.children if c.dep_ == "conj"), None)
    if conj is None or conj.i != conj.right_edge.i or conj.i < 2:
        return False
    start = conj.left_edge.i
    if start < 2 or doc[start - 1].lower_ != "and" or doc[start - 2].ent_type_ != "ORG":
        return False
    name = doc[head.left_edge.i : start - 1]
    after_of = [t.i for t in name if t.lower_ == "of"]
    if not after_of or any(t.ent_type_ != "ORG" for t in doc[after_of[-1] : start - 1]):
        return False
    first, second = doc[after_of[-1] + 1 : start - 1], doc[start : conj.i + 1]
    return (
        len(first) > 0
        and all(t.ent_type_ in {"GPE", "LOC"} for t in second)
        and is_region(first.text)
        and is_region(second.text)
        and not is_country(first.text)  # "the Bank of England and France": a bank and a country, maybe
        and not is_country(second.text)
    )


def _name_ends_past_and(head: Token, child: Token) -> bool:
    """ "The Society of Motor Manufacturers and Traders": the recogniser ended a body's name of the form "X of Y"
    at the "and", leaving the one capitalised plural after it untagged; that word ends the name (a second body or a
    person after "and" would have a label of its own, and no surname is a plural: "the Department of Health and
    Smith" stays two)."""
    doc = head.doc
    if head.ent_type_ != "ORG" or child.i <= head.i:
        return False
    conj = child if child.dep_ == "conj" else next((c for c in head.children if c.dep_ == "conj"), None)
    if conj is None or conj.i != conj.right_edge.i or conj.i < 2 or doc[conj.i - 1].lower_ != "and":
        return False
    name = doc[head.i : conj.i - 1]
    return (
        all(t.ent_type_ == "ORG" for t in name)
        and any(t.lower_ in {"of", "for"} for t in name)
        and conj.pos_ == "PROPN"
        and conj.text.istitle()
        and conj.text.endswith("s")  # "Traders", "Affairs": a plural, the people or things the body is of
        and not conj.ent_type_
        and not doc[conj.i - 1].ent_type_
    )


def _within_organisation_name(head: Token, child: Token) -> bool:
    """Whether ``child`` of ``head`` (an "&" or the word joined by it) lies inside the organisation's name the
    recogniser found at ``head``: the coordination is part of the name. The recogniser may start a new entity at
    the proper noun right after an "and" it kept inside the name ("the Organisation for Economic Co-operation |
    and Development"); that noun still continues the name."""
    doc = head.doc
    if head.ent_type_ != "ORG" or child.i <= head.i:
        return False
    return all(
        t.ent_type_ == "ORG" and (t.ent_iob_ == "I" or _restarted_after_and(t))
        for t in doc[head.i + 1 : child.right_edge.i + 1]
    )


def _restarted_after_and(tok: Token) -> bool:
    """A capitalised proper noun that opens an organisation's entity right after an "and" or "&" inside one."""
    before = tok.doc[tok.i - 1]
    return (
        tok.ent_iob_ == "B"
        and tok.pos_ == "PROPN"
        and tok.text.istitle()
        and before.lower_ in {"and", "&"}
        and before.ent_iob_ == "I"
        and before.ent_type_ == "ORG"
    )


def _listing_comma(comma: Token) -> bool:
    """The comma of a name that lists a body's remit ("the Department for Environment, Food and Rural Affairs"):
    inside the organisation's entity, before a proper noun conjoined to the one before it."""
    doc = comma.doc
    nxt = doc[comma.i + 1] if comma.i + 1 < len(doc) else None
    return (
        comma.ent_iob_ == "I"
        and comma.ent_type_ == "ORG"
        and nxt is not None
        and nxt.dep_ == "conj"
        and nxt.pos_ == "PROPN"
        and nxt.ent_iob_ == "I"
    )


_TIME_WORDS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday", "tonight",
     "morning", "afternoon", "evening", "night", "weekend", "week", "month", "year", "time"}
)  # fmt: skip


def _when(child: Token) -> bool:
    """A time phrase after the speaker's noun ("the ministry on Sunday said"): when, not who."""
    if child.dep_ != "prep" or child.lower_ not in {"on", "in", "at", "during", "earlier", "late", "last"}:
        return False
    objects = [g for g in child.children if g.dep_ == "pobj"]
    return bool(objects) and (objects[0].ent_type_ in {"DATE", "TIME"} or objects[0].lower_ in _TIME_WORDS)


def appositive(head: Token) -> Token | None:
    return next((c for c in head.rights if c.dep_ == "appos"), None)
