"""The speaker mention a run of words makes: a pronoun to resolve, a person's name split from titles and role, an
organisation, or a description ("the spokesman", "the 36-year-old") for coref.py to resolve."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from extraction.cues import DOCUMENTS, MEDIA
from extraction.data_files import read_data_file
from extraction.descriptions import (
    DEMONYMS,
    epithet_phrase,
    nation_based,
    origin_description,
    ranked_description,
    under_umbrella,
)
from extraction.doc_text import doc_slice, words_text
from extraction.given_names import is_given_name
from extraction.model import SpeakerKind
from extraction.name_spans import (
    bare_word,
    capitalised_word,
    hyphened_on,
    organisation_spans,
    person_entity,
    ranked_by_neighbour,
)
from extraction.names import (
    GENDERED_HONORIFICS,
    HONORIFICS,
    OFFICE_TITLES,
    REMIT_JOINERS,
    name_after_remit,
    normalize_speaker_name,
    rank_written_alone,
    split_leading_titles,
    title_words,
)
from extraction.noun_phrase import completes_place_past_and, shared_body_noun
from extraction.speaker_kind import (
    acronym_word,
    calls_itself_it,
    its_own_words,
    opening_common_noun,
    person_inside_org,
    said_of_as_who,
    short_for_organisation,
)
from extraction.speaker_nouns import (
    BODY_KIND_NOUNS,
    COMPANY_KINDS,
    COMPANY_WORDS,
    HEADS_OF_BODIES_NAMED_WITH_OF,
    INSTITUTION_NOUNS,
    KINDS_AFTER_NAMES,
    KINDS_OPENING_NAMES,
    MEMBERS_NAMING_THEIR_BODY,
    ORG_NOUNS,
    PERSON_KIND_NOUNS,
    PRESS_TITLES,
    ROLE_WORDS,
    person_noun,
)
from extraction.speaker_roles import (
    capitalised_office,
    honorific_gender,
    join_roles,
    lone_office,
    member_for_seat,
    office_with_remit,
    ranked_given_name,
    role_text,
    split_name,
)

PRONOUN_KINDS: Mapping[str, SpeakerKind] = {
    "he": "person", "she": "person", "it": "organisation", "they": "unknown", "we": "unknown", "i": "unknown",
    "you": "unknown", "him": "person", "her": "person", "them": "unknown",
}  # fmt: skip


_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A speaker as written at one attribution, before coreference.

    ``name`` is the canonical name when the mention itself names the speaker; ``head`` is the lower-case head
    word used to match descriptions ("military"); ``pronoun``/``description`` mark mentions to resolve.
    """

    text: str
    start: int
    end: int
    name: str
    role: str | None
    kind: SpeakerKind
    head: str
    pronoun: bool = False
    description: bool = False
    named: bool = False
    gender: str | None = None
    relative: bool = False
    plural: bool = False
    titles: tuple[str, ...] = ()  # titles and ranks as plain nouns ("general"), for "the general said"
    acronym: str | None = None  # "WHO" in "the World Health Organization (WHO)", for a later "the WHO said"
    epithet: bool = False  # "the 36-year-old", "the Swede": a person the article just named, described
    ranked: bool = False  # "the world's largest memory chipmaker": an organisation the article named, described
    origin: bool = False  # "the Georgia Democrat": a person the article just named, by party, seat or origin
    # "Halvex said", "Saudi Dravex said": a lone name (after a nationality at most) with no title, role, given name
    # or "he"/"she" to make it a person's; a person only if the article gives a full name ending in it
    bare: bool = False
    nation: str | None = None  # "german" of "the German carmaker": where a body described so is based
    # "charity" of "Cycling charity Sustrans": the kind of body the name was written after, which a later "the
    # council" cannot mean
    body_noun: str | None = None
    # "Ford said it would recall ...": a lone name its own words call "it", a body's though a person named above has
    # it for a surname ("Graham Ford"), whom coreference must not lengthen it to
    itself: bool = False


def mention_from_tokens(tokens: list[Token], offset: int, labels: Mapping[str, str], extra_role: str | None) -> Mention:
    """The mention these words make: a pronoun to resolve, a person (name split from titles and role), an
    organisation ("the Iraqi military", "the Pentagon"), or a description ("the spokesman", "a source")."""
    tokens = _from_whole_first_word(tokens)
    doc = tokens[0].doc
    start, end = tokens[0].idx + offset, tokens[-1].idx + len(tokens[-1].text) + offset
    text = doc_slice(doc, start - offset, end - offset)
    head = max(tokens, key=lambda t: (t.head not in tokens or t.head == t, t.i))
    if len(tokens) >= 3 and tokens[-2].tag_ == "POS" and tokens[-1].pos_ == "NOUN" and head.i < tokens[-2].i:
        head = tokens[-1]  # "The Mayor of London's office": the noun after the "'s" heads the phrase, not "Mayor"
    if (shared := shared_body_noun(head)) is not None and shared in tokens:
        head = shared  # "Brazil's mines and energy ministry": the ministry speaks, not the mines
    head_word = head.lemma_.lower() if head.pos_ != "PROPN" else head.text.lower()
    plural = head.tag_ in {"NNS", "NNPS"}
    # "Ip said": a capitalised word no pronoun list holds, which the tagger took for a pronoun, is a name.
    mistagged = head.text.istitle() and not head.is_stop and head.lower_ not in PRONOUN_KINDS
    if len(tokens) == 1 and head.pos_ == "PRON" and not mistagged:
        pron = _POSSESSOR_AS_SUBJECT.get(head.lower_, head.lower_)  # "In his view, ...": he is the speaker
        return Mention(text, start, end, "", None, PRONOUN_KINDS.get(pron, "unknown"), pron, pronoun=True)
    if _possessor_office(tokens, head):  # "His office said": the office speaks for him
        pron = _POSSESSIVE_PRONOUNS[tokens[0].lower_]
        return Mention(text, start, end, "", None, "person", pron, pronoun=True)
    if (opening_kind := _kind_opening_name(tokens) or _described_kind_opening_name(tokens)) is not None:
        # "Broker Harcourt Partners said": the kind, capitalised only as the sentence's first word, is no part of
        # the name, and says the name is a body's, as "angling charity Fish Legal" does in mid-sentence
        body = mention_from_tokens(tokens[1:], offset, labels, extra_role)
        role = extra_role if body.kind == "person" else body.role
        return replace(body, text=text, start=start, kind="organisation", named=True, body_noun=opening_kind,
                       gender=None, titles=(), bare=False, role=role)  # fmt: skip
    if epithet_phrase(tokens, head):  # before any name: the recogniser takes "the Briton" for one
        name = _phrase_name(tokens, text)
        return Mention(text, start, end, name, extra_role, "person", head_word, description=True, epithet=True)
    if origin_description(tokens, head):  # "the Georgia Democrat": the recogniser takes it for a name
        name = _phrase_name(tokens, text)
        return Mention(text, start, end, name, extra_role, "person", head_word, description=True, origin=True)
    if _named_for_its_members(tokens, head):
        # "Doctors for Safer Skies", "Airlines for Europe": a body named for its members and their cause.
        return Mention(text, start, end, _phrase_name(tokens, text), extra_role, "organisation", head_word,
                       named=True)  # fmt: skip
    if (body_words := _body_named_with_of(tokens, head)) is not None:
        return Mention(text, start, end, _phrase_name(body_words, text), extra_role, "organisation", head.lower_,
                       named=True)  # fmt: skip
    if _body_named_by_its_head(tokens, head):  # "The Kellby Chamber said": a body, no person "Kellby Chamber"
        return Mention(text, start, end, _phrase_name(tokens, text), extra_role, "organisation", head.lower_,
                       named=True)  # fmt: skip
    if _possessive_alone(tokens):  # "Marlowe's said": a shop's name, its possessive part of it
        # shown as the shop writes itself ("Sainsbury's"); speaker_key drops the "'s", so its key is still "sainsbury"
        name = _phrase_name(tokens[:-1], text) + tokens[-1].text
        return Mention(text, start, end, name, extra_role, "organisation", head_word, named=True)
    if (rank := _rank_alone(tokens)) is not None:
        # "Major General said", "the air vice-marshal said": a rank of several words alone, described as "the
        # general" is, for coreference to name its holder; not a person called "General" or "Marshal"
        return Mention(text, start, end, rank, extra_role, "person", rank.split(" ")[-1].lower(), description=True,
                       gender=honorific_gender(tokens), titles=title_words(rank.split(" ")))  # fmt: skip
    if (name_at := name_after_office_of_place(tokens)) is not None:
        # "Mayor of London Sadiq Khan said": the place is the office's, the person the speaker (not "London Sadiq
        # Khan", role "mayor of", nor "Foreign Minister" of "Foreign Minister of Portugal João Cravinho")
        office_words, person_words = tokens[:name_at], tokens[name_at:]
        orgs = organisation_spans(tokens, labels)
        role = join_roles(role_text(office_words, orgs), extra_role)
        name = _phrase_name(person_words, text)
        return Mention(text, start, end, name, role, "person", name.split(" ")[-1].lower(), named=True,
                       gender=honorific_gender(tokens), titles=title_words(_written_words(office_words)[0]))  # fmt: skip
    if office_with_remit(tokens, head):  # "The Minister for Housing said": an office, before any name in it
        # as written, "Governor" kept: no title to strip off a name; "Mayor of London said" keys as "the Mayor of
        # London said" does
        name = " ".join(text.split()[1:] if tokens[0].lower_ == "the" else text.split())
        return Mention(text, start, end, name, extra_role, "person", head.lower_, description=True)
    if len(tokens) == 1 and head.pos_ == "PROPN" and capitalised_word(head) and calls_itself_it(head):
        return Mention(text, start, end, _phrase_name(tokens, text), extra_role, "organisation", head_word,
                       named=True, itself=True)  # fmt: skip
    gender = honorific_gender(tokens)
    person = person_entity(tokens, labels)
    if person is not None and (
        _body_taken_for_person(person) or completes_place_past_and(doc, person.start, person.end)
    ):
        person = None  # "HM Coastguard"; "Labrador" of "... Union Newfoundland and Labrador"
    if person is not None and (campaign := _campaign_name(tokens, person)) is not None:
        # "Residents' group Save Farnham Fields said": the recogniser took the place after the verb for a person
        return Mention(text, start, end, campaign, extra_role, "organisation", head_word, named=True,
                       body_noun=kind_before_name(tokens, head))  # fmt: skip
    orgs = [o for o in organisation_spans(tokens, labels) if not _people_possessing(o)]
    if person is None and (inside := person_inside_org(orgs)) is not None:
        person, orgs = inside, [o for o in orgs if not (o.start <= inside.start < o.end)]
    if person is not None and _whose_role(tokens, head, person):
        # "The Ulster manager said": the manager of Ulster, described as "the Portsmouth manager" is.
        name = _phrase_name(tokens, text)
        return Mention(text, start, end, name, extra_role, "person", head_word, description=True, gender=gender)
    if person is not None and _speaks_about(head, person):
        # "The daughter of Paul Whitaker", "A lawyer for Ms Alvarez": the daughter and the lawyer spoke.
        return Mention(text, start, end, _phrase_name(tokens, text), extra_role, "person", head_word, gender=gender)
    if person is not None and head.i >= person.end and head_word in ORG_NOUNS:
        person = None  # "Avon and Somerset Police", "the Kennedy Center": a name inside an organisation's name
    if person is not None and person.end > tokens[0].i:
        name_tokens = [t for t in person if t.i >= tokens[0].i]
        role_tokens, name = split_name(name_tokens)
        before = [t for t in tokens if t.i < person.start and not _finding_of(t, head)] + role_tokens
        role = join_roles(role_text(before, orgs), extra_role)
        titles = title_words(_written_words(before)[0])
        head_name = name.split(" ")[-1].lower()
        return Mention(text, start, end, name, role, "person", head_name, named=True, gender=gender, titles=titles)
    if (
        (bare_word(tokens[0]) in GENDERED_HONORIFICS or ranked_given_name(tokens))
        and len(tokens) >= 2
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tokens[1:])
    ):
        # "Ms Rangitaki said", "Ch Supt Marcus Venn said": a courtesy title, or ranks before a known given name,
        # make it a person's name, whatever label the recogniser gave it (a body is never "Ms" nor "Ch Supt").
        role_tokens, name = split_name(tokens)
        titles = title_words(_written_words(role_tokens)[0])
        head_name = name.split(" ")[-1].lower()
        return Mention(text, start, end, name, extra_role, "person", head_name, named=True, gender=gender,
                       titles=titles)  # fmt: skip
    if (counted := _counted_nationals(tokens, head)) is not None:
        # "Two Britons said": some people of a nation, counted, as "two officials" are; no person called "Britons"
        # (the number its role) nor a body (the recogniser's NORP). Described by the nation's people, uncounted.
        return Mention(text, start, end, counted, extra_role, "person", head_word, gender=gender, plural=True)
    head_in_org = any(e.start <= head.i < e.end for e in orgs) and not lone_office(tokens)
    name = _phrase_name(tokens, text)
    own_name = _name_before_kind(tokens, head)  # "the Unite union": a name, not a description
    definite = tokens[0].lower_ in _DEFINITE and head.pos_ != "PROPN" and not head_in_org and own_name is None
    if (
        head_in_org
        or head_word in ORG_NOUNS
        or (head_word in BODY_KIND_NOUNS and head.pos_ == "NOUN")  # "the trade body", "the think tank"
        or (definite and head_word in COMPANY_KINDS and ranked_description(tokens, head))
    ):
        name = own_name or _without_descriptor(tokens, head) or _described_body(tokens, head, orgs) or name
        office = _office_owning(tokens, head)  # "the Prime Minister's office": described, as "the governor's" is
        name = office or name
        # A named organisation is one whatever its last word ("Barrow Homes", "United Airlines"); "the Portuguese
        # club" names none, its nation only saying where the club just named is based.
        based = definite and nation_based(tokens, head)
        common = _common_body_noun_alone(tokens, head)
        name = head.lower_ if common else name
        return Mention(text, start, end, name, extra_role, "organisation", head_word, description=definite,
                       body_noun=kind_before_name(tokens, head),
                       named=(bool(orgs) or head.pos_ == "PROPN" or own_name is not None)
                       and not (based or common or office),
                       plural=plural and head.pos_ != "PROPN" and own_name is None,
                       ranked=definite and (ranked_description(tokens, head) or under_umbrella(tokens, head)
                                            or based),
                       nation=tokens[1].lower_ if based else None)  # fmt: skip
    if _office_ending_in_rank(tokens, head):
        # "The Attorney General said": the office whole, as written ("General" alone is a rank, no speaker)
        name = " ".join(text.split()[1:])  # its last word its head: "secretary-general" is no "general"
        office_head = name.split(" ")[-1].lower()
        return Mention(text, start, end, name, extra_role, "person", office_head, description=True, gender=gender)
    if capitalised_office(tokens, head) or member_for_seat(tokens, head):
        # "The Prime Minister said": an office written with capitals is a description as "the prime minister" is,
        # for coreference to name its holder, not a person called "Minister".
        name = _phrase_name(tokens, text)
        return Mention(text, start, end, name, extra_role, "person", head.lower_, description=True, gender=gender)
    known_surname = head.text[:1].isupper() and labels.get(head.lower_) == "PERSON"
    # "Starling said ...": a sentence's first word, where the capital says nothing, that the tagger read as a common
    # noun and the article reads as a body's name elsewhere (the recogniser's label, or "It said" after it), or whose
    # words say "its" ("Selfridges said its ...": a plural is "their", a body written without "the" a name).
    known_body = head.text[:1].isupper() and not person_noun(head)
    known_body = known_body and (
        labels.get(head.lower_) == "ORG" or (opening_common_noun(head) and its_own_words(head))
    )
    if head.pos_ == "PROPN" or ((known_surname or known_body) and len(tokens) == 1):
        # A proper name the model did not tag (or, for a surname the article gave a person, tagged a common noun):
        # take the run of proper nouns ending at the head as the name.
        run = [t for t in tokens if t.i <= head.i]
        while (
            run
            and run[0].pos_ != "PROPN"
            and run[0] is not head
            and not hyphened_on(run[0], head)
            and not _given_name_opening(run)
            and not _number_in_name(run[0], head)
        ):
            run.pop(0)
        before = [t for t in tokens if t.i < (run[0].i if run else head.i)]
        if (
            (head.pos_ == "PROPN" or known_body)
            and not any(t.ent_type_ == "PERSON" for t in tokens)
            and (
                its_own_words(head)
                or (len(run) > 1 and labels.get(run[0].lower_) == "ORG")
                or (len(run) == 1 and (short_for_organisation(head.lower_, labels) or acronym_word(head)))
                or (len(run) > 1 and run[-1].lower_ in COMPANY_WORDS and not is_given_name(run[0].text))
                or (kind_before_name(tokens, head) is not None and not is_given_name(run[0].text))
                or (bool(run) and _number_in_name(run[0], head))
                or _press_title(tokens, run)
            )
        ):
            # A name the recogniser left untagged whose words say "its", that opens with an organisation's name
            # the article gave ("Samsung Electronics" after "Samsung"), is one or opens one ("Brightwave" after
            # "Brightwave Energy"), is an acronym ("HMRC said"), ends in a company word, follows the kind of body
            # it is ("angling charity Fish Legal") or is a newspaper's ("the Bexley Echo"): a body's.
            return Mention(text, start, end, _without_descriptor(tokens, head) or name, extra_role, "organisation",
                           head_word, named=True, body_noun=kind_before_name(tokens, head))  # fmt: skip
        role_tokens, run_name = split_name(run) if run else ([], "")
        role = join_roles(role_text(before + role_tokens, orgs), extra_role)
        name = run_name or name
        titles = title_words(_written_words(before + role_tokens)[0])
        bare = not (before or role_tokens or extra_role) and _lone_name(run, labels)
        return Mention(text, start, end, name, role, "person", head_word, named=True, gender=gender, titles=titles,
                       bare=bare)  # fmt: skip
    kind: SpeakerKind = "person" if head_word in PERSON_KIND_NOUNS else "unknown"
    return Mention(text, start, end, name, extra_role, kind, head_word, description=definite, gender=gender,
                   plural=plural)  # fmt: skip


def name_after_office_of_place(tokens: list[Token]) -> int | None:
    """Where a person's name starts after an office "of" a place written before it with no comma ("Mayor of London
    Sadiq Khan", "Foreign Minister of Portugal João Cravinho", "Governor of the Bank of England Andrew Bailey"): the
    recogniser joins the place to the name, or takes the whole for an organisation's. The remit and the name after
    it are read as names.py reads a name's titles (``name_after_remit``), in the words as written; None when no name
    follows ("President of Portugal": the office is the speaker) or the words are no office of a place."""
    words = tokens[1:] if tokens[0].lower_ in _DEFINITE else tokens
    of_at = next((i for i, t in enumerate(words) if t.lower_ == "of"), None)
    if not of_at or not (words[of_at - 1].text.istitle() and bare_word(words[of_at - 1]) in ROLE_WORDS):
        return None
    if not all(t.text[:1].isupper() or t.lower_ in REMIT_JOINERS or t.text == "-" for t in words[:of_at]):
        return None
    after_of = words[of_at + 1 :]
    written, openings = _written_words(after_of)
    remit_at = 1 if written[:1] == ["the"] else 0
    name_at = name_after_remit(written, remit_at)
    if name_at is None:
        name_at = _person_after_remit(after_of, written, openings, remit_at)
    return None if name_at is None else tokens.index(openings[name_at])


# How many written words a name the recogniser tags as a person's may take after an office's remit ("Volodymyr
# Zelensky", "Kassym-Jomart Kemelevich Tokayev"): more would swallow the remit itself.
_TAGGED_NAME_WORDS = range(2, 4)


def _person_after_remit(after_of: list[Token], written: list[str], openings: list[Token], remit_at: int) -> int | None:
    """Where a name of two or three capitalised words that end the words and that the recogniser tags a person's
    starts, after a capitalised remit it does not tag so ("Georgia" of "Prime Minister of Georgia Irakli
    Kobakhidze"): the name is a person's though no list knows its given name; None otherwise."""
    end = after_of[-1].i + 1
    tagged = [all(t.ent_type_ == "PERSON" for t in _word_tokens(openings, k, end)) for k in range(len(written))]
    name_at = len(written)
    while name_at > remit_at and tagged[name_at - 1]:
        name_at -= 1
    if len(written) - name_at not in _TAGGED_NAME_WORDS or name_at <= remit_at:
        return None
    if not all(w[:1].isupper() for w in written[name_at:]) or not written[name_at - 1][:1].isupper():
        return None
    remit = written[remit_at:name_at]
    return name_at if all(w[:1].isupper() or w in REMIT_JOINERS for w in remit) else None


def _word_tokens(openings: list[Token], k: int, end: int) -> list[Token]:
    """The tokens of the ``k``-th written word, given the token each word opens with and the index after the last
    word's last token."""
    first = openings[k]
    return list(first.doc[first.i : openings[k + 1].i if k + 1 < len(openings) else end])


def _from_whole_first_word(tokens: list[Token]) -> list[Token]:
    """``tokens`` from the start of the written word the first one is in: the parser may hang "Vice-" of
    "Vice-Chancellor of Durham University Karen O'Brien" elsewhere, and the office read without it is another."""
    doc = tokens[0].doc
    first = tokens[0].i
    while (
        first >= 2
        and doc[first - 1].text in {"-", "‐", "‑"}
        and not doc[first - 1].whitespace_
        and not doc[first - 2].whitespace_
        and doc[first - 2].is_alpha
    ):
        first -= 2
    if ranked_by_neighbour(doc[first]):
        # "The air vice-marshal said": the parser may make the rank's last word the subject alone
        while first >= 1 and doc[first - 1].whitespace_ and ranked_by_neighbour(doc[first - 1]):
            first -= 1
        if first >= 1 and doc[first - 1].lower_ == "the" and first < tokens[0].i:
            first -= 1
    return [*doc[first : tokens[0].i], *tokens] if first < tokens[0].i else tokens


def _rank_alone(tokens: list[Token]) -> str | None:
    """The rank of several words these words are, after "the" at most, as written ("Major General", "air
    vice-marshal"); None for anything more or less."""
    words, _ = _written_words(tokens[1:] if tokens[0].lower_ == "the" else tokens)
    return " ".join(words) if rank_written_alone(words) else None


def _body_taken_for_person(person: Span) -> bool:
    """ "HM Coastguard", "Holyhead Coastguard": a name the recogniser took for a person's that ends in a body's
    noun, capitalised ("coastguard", "council", "police"), with no known given name, initial or title before it,
    is a body's ("HM" is His Majesty's); a person is "Ms Court" or "Lucy Bank"."""
    first, last = person[0], person[-1]
    return (
        len(person) >= 2
        and last.text.istitle()
        and last.lower_ in ORG_NOUNS
        and not is_given_name(first.text)
        and not (len(first.text.rstrip(".")) == 1 and first.text[:1].isupper())
        and bare_word(first) not in HONORIFICS | OFFICE_TITLES
    )


# ``data/campaign_verbs.json``: verbs a campaign's name opens with, capitalised ("Save", "Stop", "Protect").
_CAMPAIGN_VERBS = frozenset(read_data_file("campaign_verbs.json")["verbs"])


def _campaign_name(tokens: list[Token], person: Span) -> str | None:
    """ "Save Farnham Fields", "Protect Dartmoor": a campaign's name, a capitalised imperative right before what the
    recogniser took for a person's name with no known given name opening it; None otherwise."""
    doc = person.doc
    verb = doc[person.start - 1] if person.start > 0 else None
    if verb is None or verb not in tokens or not verb.text.istitle() or verb.lower_ not in _CAMPAIGN_VERBS:
        return None
    if is_given_name(person[0].text) or any(t.ent_type_ == "PERSON" for t in tokens if t.i < verb.i):
        return None
    return words_text(verb, person[-1])


def _written_words(tokens: list[Token]) -> tuple[list[str], list[Token]]:
    """The space-separated words of ``tokens`` as written ("Stratford-upon-Avon" one word, not five) and the token
    each opens with."""
    words: list[str] = []
    openings: list[Token] = []
    for i, tok in enumerate(tokens):
        if not openings or tokens[i - 1].whitespace_:
            words.append(tok.text)
            openings.append(tok)
        else:
            words[-1] += tok.text
    return words, openings


def _office_ending_in_rank(tokens: list[Token], head: Token) -> bool:
    """ "The Attorney General", "the secretary-general", "the Director-General": "the", an office's first word and
    a rank word ending it (with or without a hyphen) is an office, described as "the Prime Minister" is; not a
    person called "General" with the role "attorney"."""
    if len(tokens) < 3 or tokens[0].lower_ != "the" or head is not tokens[-1] or bare_word(head) not in HONORIFICS:
        return False
    office = tokens[1:-1]
    if office and office[-1].text == "-" and not office[-1].whitespace_:
        office = office[:-1]
    return (
        len(office) == 1
        and office[0].is_alpha
        and bare_word(office[0]) in ROLE_WORDS
        and bare_word(office[0]) not in HONORIFICS
        and not any(t.ent_type_ == "PERSON" for t in tokens)
    )


def _finding_of(tok: Token, head: Token) -> bool:
    """ "A separate poll by Ipsos found": the findings and the "by" that names their maker (whom the recogniser may
    take for a person) are no role of the maker's."""
    findings = head.lemma_.lower() in DOCUMENTS - MEDIA
    return findings and tok.i <= head.i + 1 and (tok.i != head.i + 1 or tok.lower_ in {"by", "from"})


_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she"}

_SAID_OF_A_PERSON = frozenset({"he", "she", "him", "his", "her", "himself", "herself"})


def _common_body_noun_alone(tokens: list[Token], head: Token) -> bool:
    """ "Council approves new cycle lanes": a body's common noun alone, capitalised only because it opens its
    sentence (a headline's first word), names no body, however the recogniser labelled it; an institution of its
    own ("Parliament", "Congress") and an acronym still do."""
    lemma = head.lemma_.lower()
    return (
        len(tokens) == 1
        and head.is_sent_start is True
        and head.text.istitle()
        and lemma in ORG_NOUNS - INSTITUTION_NOUNS
        and head.lower_ not in INSTITUTION_NOUNS
    )


def _press_title(tokens: list[Token], run: list[Token]) -> bool:
    """ "The Bexley Echo reported", "the Sunday Ledger said": "the" before a capitalised name ending in a word
    newspapers end their names with. No person's name takes "the" (a title before one is no proper noun of the
    run), so the recogniser's person or place for it ("Sunday" a date, "Northern Echo" a place) is wrong."""
    return (
        bool(run)
        and tokens[0].lower_ == "the"
        and tokens[0].i < run[0].i
        and run[-1].text.istitle()
        and run[-1].lower_ in PRESS_TITLES
    )


def _lone_name(run: list[Token], labels: Mapping[str, str]) -> bool:
    """ "Halvex said", "Saudi Dravex said": one capitalised word, after a nationality at most, that is no known given
    name nor a person's by the article's labels, and no "he" or "she" after it in its sentence. News introduces a
    person by full name or title, so such a word is a body's unless the article gives a full name ending in it."""
    if not run or len(run) > 2 or (len(run) == 2 and run[0].ent_type_ != "NORP" and run[0].lower_ not in DEMONYMS):
        return False
    word = run[-1]
    if not capitalised_word(word) or is_given_name(word.text) or labels.get(word.lower_) == "PERSON":
        return False
    if said_of_as_who(word):  # "Haddadi, who has run the bakery for 30 years, said"
        return False
    return not any(t.lower_ in _SAID_OF_A_PERSON for t in word.sent if t.i > word.i)


def _number_in_name(tok: Token, head: Token) -> bool:
    """ "Six Nations Rugby", "Three Rivers District Council", "the Six Nations": a number word written with a capital
    on a proper noun inside the name, on a singular one, or capitalised where a sentence's start does not explain
    it, is part of the name ("Two Britons said" at a sentence's start counts the Britons). No person's name opens
    with one, so the name is a body's."""
    if not (tok.like_num and tok.is_alpha and tok.text.istitle() and tok.dep_ in {"nummod", "compound"}):
        return False
    counted = tok.head  # a number counting a singular noun ("Three ... Council") does not count it: it names it
    return counted.pos_ == "PROPN" and (counted.i != head.i or not tok.is_sent_start or counted.tag_ == "NNP")


# Words that count people without naming how many ("several Britons", "dozens of Americans" has its own head).
_COUNTING_WORDS = frozenset({"several", "many", "some", "few", "both", "all", "other", "more", "most"})


def _counted_nationals(tokens: list[Token], head: Token) -> str | None:
    """ "Two Britons", "Several Canadians", "Three young Americans": a plural noun of nationality (the singular a
    demonym) after a number or counting word, and only such words, determiners and adjectives before it: people of a
    nation, counted, which the tagger's proper noun and the recogniser's NORP make no name. Their description with
    no count ("Britons", "young Americans"); None for any other phrase."""
    if head.tag_ not in {"NNPS", "NNS"} or not head.lower_.endswith("s") or head.lower_[:-1] not in DEMONYMS:
        return None
    before = [t for t in tokens if t.i < head.i]
    counts = [t for t in before if (t.like_num and t.ent_type_ in {"CARDINAL", ""}) or t.lower_ in _COUNTING_WORDS]
    rest = [t for t in before if t not in counts]
    if not counts or not all(t.pos_ in {"DET", "ADJ"} and t.text.islower() for t in rest):
        return None
    return " ".join(t.text for t in tokens if t.i > counts[-1].i and t.i <= head.i)


def _given_name_opening(run: list[Token]) -> bool:
    """ "Clive Black": a known given name, capitalised, right before a capitalised proper noun of the run opens the
    name, whatever the tagger read it as ("Clive" an adjective)."""
    first = run[0]
    return (
        len(run) > 1
        and run[1].i == first.i + 1
        and run[1].pos_ == "PROPN"
        and capitalised_word(first)
        and capitalised_word(run[1])
        and is_given_name(first.text)
    )


def _possessive_alone(tokens: list[Token]) -> bool:
    """ "Marlowe's said", "Sainsbury's said": capitalised proper nouns and a possessive with nothing owned after it
    as the speaker; no person speaks as "Marlowe's", a shop or firm named after its founder does. A capital inside
    a name word is still a name's ("McDonald's"), which ``capitalised_name_word`` leaves out."""
    *name, last = tokens
    return (
        bool(name)
        and last.tag_ == "POS"
        and last.head.i == name[-1].i
        and name[-1].dep_ == "nsubj"  # not "In Trump's view": a person's views, the possessor the speaker
        and all(t.pos_ == "PROPN" and t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in name)
    )


_POSSESSOR_AS_SUBJECT = {"his": "he", "their": "they", "its": "it"}


def _possessor_office(tokens: list[Token], head: Token) -> bool:
    """ "His office said", "her press office said": a person's office speaks for that person, whom the possessive
    pronoun means."""
    return (
        len(tokens) <= 3
        and tokens[0].lower_ in _POSSESSIVE_PRONOUNS
        and tokens[0].dep_ == "poss"
        and head.lemma_.lower() == "office"
        and all(t.is_lower for t in tokens[1:])
    )


_MEMBERS_CAUSE = frozenset({"for", "against", "of"})
_NAME_JOINERS = frozenset({"the", "and", "&", "of", "for", "in", "a"})


def _named_for_its_members(tokens: list[Token], head: Token) -> bool:
    """ "Doctors for Safer Skies", "Mothers Against Drunk Driving", "Friends of the Earth": a capitalised plural noun
    for the members, then "for", "against" or "of" and capitalised words: the name of the body they formed, which
    a later "it said" or "the group said" means. Not "Residents of Eastfield": a place after "of" says where
    people live."""
    words = [t for t in tokens if not (t.dep_ == "det" and t.i == tokens[0].i)]
    if len(words) < 3 or words[0] is not head or head.tag_ not in {"NNS", "NNPS"} or not head.text.istitle():
        return False
    prep, rest = words[1], words[2:]
    if prep.lower_ not in _MEMBERS_CAUSE or not rest[-1].text[:1].isupper():
        return False
    if not all(t.text[:1].isupper() or t.lower_ in _NAME_JOINERS for t in rest):
        return False
    if any(t.ent_type_ == "PERSON" for t in rest):
        return False  # "Lawyers for Ms Alvarez": people who act for a person
    if prep.lower_ == "of" and head.is_sent_start and not head.ent_type_ and all(t.ent_type_ == "ORG" for t in rest):
        return False  # "Shares of Corvane Pharmaceuticals fell": capitalised as the sentence opens, of a named body
    place = all(t.ent_type_ in {"GPE", "LOC", "FAC"} or t.lower_ in _NAME_JOINERS for t in rest)
    # "Friends of the Earth": friends name the body they formed, wherever they are; residents say where they live
    return not (prep.lower_ == "of" and place and head.lower_ not in MEMBERS_NAMING_THEIR_BODY)


def _body_named_with_of(tokens: list[Token], head: Token) -> list[Token] | None:
    """ "The Port of Rotterdam", "the Kellby Chamber of Commerce": a capitalised head noun no person's name or
    office opens, with "of" or "for" and capitalised words after it, is a body's whole name, which the recogniser
    often leaves untagged (else the name stops at the head: "Port", "Kellby Chamber"). The words of the name, from
    the first after the article to the end of the "of" phrase; None otherwise."""
    if not head.text.istitle() or head.lower_ not in HEADS_OF_BODIES_NAMED_WITH_OF:
        return None
    preps = [c for c in head.rights if c.dep_ == "prep" and c.lower_ in {"of", "for"} and c.i == head.i + 1]
    objects = [c for p in preps for c in p.children if c.dep_ == "pobj" and c.text[:1].isupper()]
    if not objects:
        return None
    end = max(t.i for t in objects[0].subtree)
    named = [t for t in tokens if head.i < t.i <= end]
    if not named or named[-1].i != end:
        return None  # the "of" phrase runs past the mention's words
    if not all(t.text[:1].isupper() or t.lower_ in _NAME_JOINERS for t in named):
        return None  # "the Port of Rotterdam's new terminal"
    before = [t for t in tokens if t.i < head.i and not (t.dep_ == "det" and t.i == tokens[0].i)]
    if not all(t.text[:1].isupper() for t in before):
        return None  # "ferry operator Port of Tyne": a description before the name, for the rules below
    return [*before, head, *named]


def _body_named_by_its_head(tokens: list[Token], head: Token) -> bool:
    """ "The Kellby Chamber", "the Tyne Port": capitalised words the recogniser leaves untagged that end in a head
    noun naming a kind of body are that body's name, as with an "of" phrase after the head; else the run is taken
    for a person's name. A name the recogniser tags ("Sarah Chambers", a person) keeps its label."""
    if tokens[-1] is not head or not head.text.istitle() or head.lower_ not in HEADS_OF_BODIES_NAMED_WITH_OF:
        return False
    words = [t for t in tokens if not (t.dep_ == "det" and t.i == tokens[0].i)]
    if len(words) < 2 or any(t.ent_type_ for t in words):
        return False
    return all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words)


def _without_descriptor(tokens: list[Token], head: Token) -> str | None:
    """An organisation's name less the description written before it ("Frankfurt airport operator Fraport",
    "the conservative group Club for Growth"): the words after the last common noun before a proper-noun head."""
    if head.pos_ != "PROPN":
        return None
    nouns = [k for k, t in enumerate(tokens) if t.i < head.i and t.pos_ == "NOUN" and t.is_lower]
    if not nouns or not tokens[nouns[-1] + 1].text[:1].isupper():
        return None
    if _lower_word_of_name(tokens[: nouns[-1] + 1]):
        return None
    rest = tokens[nouns[-1] + 1 :]
    return normalize_speaker_name(words_text(rest[0], rest[-1]))


def _lower_word_of_name(words: list[Token]) -> bool:
    """ "the Medicines and Healthcare products Regulatory Agency": a lower-case noun that names no kind of body or
    person, after capitalised words joined by "and" (a name's own words, "Medicines and Healthcare"), is a word of
    the name, not a description before it ("Frankfurt airport operator Fraport" describes Fraport)."""
    noun, before = words[-1], [t for t in words[:-1] if not (t.dep_ == "det" and t.i == words[0].i)]
    lemma = noun.lemma_.lower()
    if lemma in ORG_NOUNS | BODY_KIND_NOUNS | COMPANY_KINDS | PERSON_KIND_NOUNS | ROLE_WORDS | OFFICE_TITLES:
        return False
    if lemma.endswith("maker") or person_noun(noun):
        return False
    capitalised = [t for t in before if t.lower_ != "and"]
    return (
        len(capitalised) >= 2
        and any(t.lower_ == "and" for t in before)
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in capitalised)
    )


def _office_owning(tokens: list[Token], head: Token) -> str | None:
    """ "The Secretary of State's office", "the Prime Minister's office": a body's common noun owned by an office
    written with capitals, titles only; the whole phrase is the body's name, as "the governor's office" is, not the
    titles' last word and the noun ("State's office") that taking titles off a person's name would leave."""
    owner_end = next((t.i for t in tokens if t.tag_ == "POS" and t.head.head.i == head.i), None)
    if head.pos_ != "NOUN" or owner_end is None:
        return None
    owner = [t.text for t in tokens if t.i < owner_end and not (t.dep_ == "det" and t.i == tokens[0].i)]
    if len(owner) < 2 or not all(w[:1].isupper() or w == "of" for w in owner):
        return None
    # titles only ("Secretary of State"), or words ending in an office, with its remit after "of" ("Home
    # Secretary", "Mayor of London", "Governor of Texas")
    office = owner[: owner.index("of")] if "of" in owner else owner
    if split_leading_titles([*owner, "Name"])[1] != ["Name"] and not (
        office and office[-1].rstrip(".,").casefold() in OFFICE_TITLES
    ):
        return None
    first = next(t for t in tokens if not (t.dep_ == "det" and t.i == tokens[0].i))
    return words_text(first, head)


def _kind_opening_name(tokens: list[Token]) -> str | None:
    """ "Broker Harcourt Partners", "Supplier Brightcore": a noun for a kind of business that opens the sentence,
    capitalised only there, before a capitalised name that is no person's, by a known given name ("Pollster John
    Curtice" is a person's role and name) or by the recogniser's label on a full name; the kind, in lower case, or
    None."""
    first = tokens[0]
    if (
        len(tokens) < 2
        or not first.is_sent_start
        or not first.text.istitle()
        or first.lower_ not in KINDS_OPENING_NAMES
    ):
        return None
    rest = tokens[1:]
    if not all(capitalised_word(t) or t.lower_ in _NAME_JOINERS or t.is_punct for t in rest):
        return None
    if not capitalised_word(rest[0]) or is_given_name(rest[0].text):
        return None
    # "Broadcaster Ngozi Adeyemi": a full name the recogniser gives a person is one, whatever list knows the name
    return None if len(rest) > 1 and all(t.ent_type_ == "PERSON" for t in rest) else first.lower_


def _described_kind_opening_name(tokens: list[Token]) -> str | None:
    """ "Lobby group Trenholm Forum said": a capitalised word that opens the sentence, then a lower-case noun for a
    kind of body, then a capitalised name: the first two words say what kind of body the name is (a description
    the recogniser may take the opening word of for a person); the kind, or None."""
    if len(tokens) < 3 or not tokens[0].is_sent_start or not tokens[0].text.istitle():
        return None
    kind = tokens[1]
    if not kind.is_lower or kind.pos_ != "NOUN" or kind.lemma_.lower() not in BODY_KIND_NOUNS:
        return None
    rest = tokens[2:]
    if not capitalised_word(rest[0]) or not all(capitalised_word(t) or t.lower_ in _NAME_JOINERS for t in rest):
        return None
    return kind.lemma_.lower()


def kind_before_name(tokens: list[Token], head: Token) -> str | None:
    """ "Cycling charity Sustrans", "polling firm Survation", "airport operator Fraport": the lower-case noun for a
    kind of body written right before a body's proper name, which says what the body is as an apposition would
    ("Sustrans, a cycling charity"); None when no such noun is there."""
    if head.pos_ != "PROPN":
        return None
    before = [t for t in tokens if t.i < head.i and not t.text[:1].isupper()]
    if not before or before[-1].pos_ != "NOUN" or not before[-1].is_lower:
        return None
    noun = before[-1]
    if not (noun.i + 1 < len(noun.doc) and capitalised_word(noun.doc[noun.i + 1])):
        return None
    lemma = noun.lemma_.lower()
    if lemma in PERSON_KIND_NOUNS:
        return None
    body = lemma in ORG_NOUNS | BODY_KIND_NOUNS | COMPANY_KINDS or lemma.endswith("maker")
    return lemma if body else None


def _people_possessing(ent: Span) -> bool:
    """ "Farmers' groups said": a plural person's noun the recogniser labelled a body where its capital opens the
    sentence, which the tagger reads as a common noun; people owning what speaks, not a body's name."""
    if len(ent) != 1:
        return False
    tok = ent[0]
    return (
        tok.pos_ == "NOUN"
        and tok.tag_ == "NNS"
        and tok.lemma_.lower() in PERSON_KIND_NOUNS
        and any(c.dep_ == "case" for c in tok.children)
    )


def _name_before_kind(tokens: list[Token], head: Token) -> str | None:
    """ "The Unite union", "the Labour party", "the Hamas group": a body's own name, then in lower case the noun for
    what it is, which is no part of the name (a later "Unite said" is the same body). Not after a place's, a nation's
    or a person's name ("the Madrid club", "the Spanish club", "the Obama administration"), nor after an owner's for a
    body of theirs ("the Trump campaign": the nouns of ``KINDS_AFTER_NAMES`` leave those out)."""
    if tokens[0].lower_ != "the" or head is not tokens[-1] or head.tag_ != "NN" or not head.is_lower:
        return None  # "Agribusiness groups said": no body's name, but a kind of them
    if head.lower_ not in KINDS_AFTER_NAMES:
        return None
    words = tokens[1:-1]
    if not words or not all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in words):
        return None
    if any(t.ent_type_ in {"GPE", "LOC", "NORP", "PERSON", "FAC"} or t.lower_ in DEMONYMS for t in words):
        return None
    return normalize_speaker_name(words_text(words[0], words[-1]))


def _described_body(tokens: list[Token], head: Token, orgs: list[Span]) -> str | None:
    """An organisation's name less the words that describe it before it, none of them a name ("State-owned Korea
    Electric Power Corporation", "the Brazilian state-controlled Petrobras"): the recognised name alone."""
    body = next((e for e in orgs if e.start <= head.i < e.end and e.label_ == "ORG"), None)
    if body is None or body.start <= tokens[0].i:
        return None
    before = [t for t in tokens if t.i < body.start and not (t.is_punct or t.dep_ == "det")]
    if not before or any((t.pos_ == "PROPN" and t.ent_type_ != "NORP") or _number_in_name(t, head) for t in before):
        return None  # a name before it, or a number word of its name ("Three Rivers District Council")
    if _nation_word_of_name(before, body):
        return None  # "the British Airline Pilots' Association": the nation's word opens the name
    return normalize_speaker_name(body.text)


def _nation_word_of_name(before: list[Token], body: Span) -> bool:
    """ "the British Airline Pilots' Association": the one word before a body's recognised name a capitalised
    nation's word, parsed as a word of the name and right against it, is the name's first word, which the
    recogniser left out; "the Brazilian state-controlled Petrobras" describes the body by its nation."""
    if len(before) != 1:
        return False
    nation = before[0]
    return (
        nation.ent_type_ == "NORP"
        and nation.pos_ == "PROPN"
        and nation.dep_ == "compound"
        and nation.i + 1 == body.start
        and body.start <= nation.head.i < body.end
    )


def _phrase_name(tokens: list[Token], text: str) -> str:
    """The words as a speaker's name: without a leading determiner, normalised ("the Iraqi military" -> "Iraqi
    military"); ``text`` (the words as written) when nothing else is left."""
    body = [t for t in tokens if not (t.dep_ == "det" and t.i == tokens[0].i)]
    return normalize_speaker_name(words_text(body[0], body[-1])) if body else text


def _whose_role(tokens: list[Token], head: Token, person: Span) -> bool:
    """ "The Ulster manager", "the Biden aide": "the", one name (which the recogniser may take for a person's),
    then a person's noun that ends the phrase. Whoever it is, it is not the name: a team's, a place's or a
    person's, it says whose manager or aide is meant."""
    return (
        tokens[0].lower_ == "the"
        and len(person) == 1
        and person.start == tokens[0].i + 1
        and person.end == head.i
        and head is tokens[-1]
        and head.pos_ == "NOUN"
        and person_noun(head)
    )


def _speaks_about(head: Token, person: Span) -> bool:
    """The phrase is headed by a noun before the name that the name only completes through "of", "for" or "to"
    ("the daughter of X", "a lawyer for X", "an aide to X"), or through "at", where one works ("analysts at Peel
    Hunt": a firm the recogniser took for a person), or "in", where people are ("teachers in Kent": a county the
    recogniser took for a person before "say"), or by a person's noun the name owns ("Pagliano's lawyer"): someone
    else speaks, about or for the person."""
    if head.pos_ == "NOUN" and head.i >= person.end and person_noun(head):
        return person.root.dep_ == "poss" and person.root.head.i == head.i
    if head.pos_ != "NOUN" or head.i >= person.start:
        return False
    words = {"of", "for", "to", "at", "in"} if person_noun(head) else {"of", "for", "to", "at"}
    return any(c.dep_ == "prep" and c.lower_ in words and person.root in c.subtree for c in head.children)
