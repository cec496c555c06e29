"""The speaker mention at an attribution, read from the subject's noun phrase: which words name the speaker (the
subject, a name in apposition to its role, a pair or list of names, a body named in apposition) and whether it is
a person or an organisation; mention.py makes the words a mention. Resolving pronouns and descriptions is
coref.py's job."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping

from spacy.tokens import Token

from extraction.doc_text import doc_slice, words_text
from extraction.given_names import is_given_name
from extraction.mention import Mention, mention_from_tokens, name_after_office_of_place
from extraction.model import SpeakerKind
from extraction.name_spans import entity_label, name_particle, organisation_spans, person_entity
from extraction.names import OFFICE_TITLES, crown_style, normalize_speaker_name, split_leading_titles
from extraction.noun_phrase import appositive, np_tokens
from extraction.regions import is_region
from extraction.speaker_kind import company_name, described_as_organisation, said_of_as_which, who_clause
from extraction.speaker_nouns import (
    BODY_KIND_NOUNS,
    COMPANY_KINDS,
    COMPANY_WORDS,
    KIN_NOUNS,
    ORG_NOUNS,
    PERSON_KIND_NOUNS,
    PERSON_NOUNS,
    person_noun,
)
from extraction.speaker_roles import appositive_role, role_as_proper_noun, role_text

_RELATIVE = frozenset({"who", "which", "that", "whom"})


_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.]{1,7}")


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _place_appositive(head: Token) -> Token | None:
    """ "A reader in Galway, Siobhán Ní Bhriain, writes", "The governor of Ilocos Norte, Cecilia Araneta-Marcos,
    said": the parser hangs the name on the place or body that ends the person's description; a person's name in
    apposition to a proper noun after a person noun or an office ("The police superintendent in Gorkha, ...")
    names that person. Any noun for a person heads such a description ("The vicar of Wells, Gareth Hughes,"), a
    name opening with a given name then naming them."""
    lemma = head.lemma_.lower()
    if lemma not in PERSON_NOUNS | OFFICE_TITLES | PERSON_KIND_NOUNS:
        return None
    for prep in head.rights:
        for place in prep.children if prep.dep_ == "prep" else ():
            if place.dep_ != "pobj" or (appos := appositive(place)) is None:
                continue
            if is_region(appos.doc[appos.left_edge.i : appos.right_edge.i + 1].text):
                return None  # "A shopkeeper from Omagh, County Tyrone, said": where the place lies, not a name
            if place.ent_type_ in _PLACE_LABELS:
                named = appos.ent_type_ not in _PLACE_LABELS or _lone_name_no_region(appos)
                return appos if appos.pos_ == "PROPN" and named else None
            if place.pos_ == "PROPN":  # whatever the recogniser took the place for ("Ilocos Norte" a person)
                return (
                    appos
                    if appos.pos_ == "PROPN"
                    and (
                        appos.ent_type_ in {"PERSON", ""}
                        or _run_on(place, appos)
                        or _opens_with_given_name(appos)
                        or _lone_name_no_region(appos)
                    )
                    else None
                )
    return None


def _lone_name_no_region(appos: Token) -> bool:
    """ "A reader in Paisley, Morag, has written": one capitalised word set off by commas after the place, which
    the recogniser may label a place too, is the person's given name unless it is a region the place lies in
    ("a resident of Austin, Texas,")."""
    doc = appos.doc
    lone = appos.left_edge.i == appos.right_edge.i == appos.i
    set_off = appos.i + 1 < len(doc) and doc[appos.i + 1].text == "," and doc[appos.i - 1].text == ","
    return lone and set_off and appos.text.istitle() and appos.is_alpha and not is_region(appos.text)


def _name_as_modifier(head: Token) -> Token | None:
    """ "Her counterpart at Northline, operations director Graham Tully, said": after a person noun and a comma,
    a person's name the parser hung on the noun as a modifier (npadvmod) rather than an apposition is still the
    name of the person the noun describes."""
    if head.lemma_.lower() not in PERSON_NOUNS | OFFICE_TITLES:
        return None
    for child in head.rights:
        if (
            child.dep_ == "npadvmod"
            and child.pos_ == "PROPN"
            and child.ent_type_ == "PERSON"
            and head.doc[child.left_edge.i - 1].text == ","
        ):
            return child
    return None


def _run_on(place: Token, appos: Token) -> bool:
    """ "The chief district officer in Gorkha, Ram Prasad Adhikari, said": the recogniser ran the place and the
    name after it into one entity across the comma; the name is still the person's."""
    between = place.doc[place.i + 1 : appos.left_edge.i + 1]
    return place.ent_iob_ == "B" and bool(between) and all(t.ent_iob_ == "I" for t in (*between, appos))


def _opens_with_given_name(appos: Token) -> bool:
    """ "The chief executive of Aviva, Amanda Blanc, said": a name of two to four capitalised words opening with a
    known given name is a person's, whatever label the recogniser gave it beside a company's name."""
    words = np_tokens(appos)
    return (
        2 <= len(words) <= 4
        and all(t.text.istitle() and t.pos_ == "PROPN" for t in words)
        and is_given_name(words[0].text)
    )


_WHEN_LABELS = frozenset({"DATE", "TIME"})


def _past_a_date(antecedent: Token) -> Token:
    """ "a press release from Voltaro on 12 October, which said that ...": a date the parser made the antecedent
    of a relative clause of saying says nothing; the noun the date's phrase follows ("Voltaro") is the one that
    said it. Any other antecedent, or a date with no noun right before its phrase, is kept."""
    if antecedent.ent_type_ not in _WHEN_LABELS or antecedent.dep_ != "pobj" or antecedent.head.dep_ != "prep":
        return antecedent
    before = antecedent.head.left_edge.i - 1
    if before < 0:
        return antecedent
    noun = antecedent.doc[before]
    while noun.dep_ == "compound" and noun.head.i > noun.i:  # a word of a compound: the compound is its head
        noun = noun.head
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.ent_type_ in _WHEN_LABELS:
        return antecedent
    return noun


def _named_conjunct(antecedent: Token, relative: Token) -> Token:
    """ "shared by the actor and presenter Tom Beckford, who wrote ...": the parser hung the relative clause on the
    first of two role nouns joined by "and"; the person's name that ends the phrase, right before the relative
    pronoun's comma, is its antecedent. A name joined to another name ("Smith and Jones, who") is left alone."""
    if antecedent.pos_ != "NOUN":
        return antecedent
    for conj in antecedent.children:
        between = antecedent.doc[conj.i + 1 : relative.i]
        if conj.dep_ == "conj" and conj.ent_type_ == "PERSON" and between and all(t.text == "," for t in between):
            return conj
    return antecedent


def _person_past_their_body(antecedent: Token, relative: Token) -> Token:
    """ "PC James Holloway, a collision investigator with Avon and Somerset Police, who said ...": the parser hung
    the "who" clause on the body the person's description ends in; "who" is said of the person the description
    is set beside. A "which" or "that" clause, or a body with no named person so described, is left alone."""
    if relative.lower_ != "who" or antecedent.dep_ != "pobj" or antecedent.head.dep_ != "prep":
        return antecedent
    description = antecedent.head.head
    person = description.head
    if description.dep_ != "appos" or description.pos_ != "NOUN" or not person_noun(description):
        return antecedent
    if person.i >= description.i or person.ent_type_ != "PERSON":
        return antecedent
    return person


def _office_run_on_to_name(subject: Token, appos: Token) -> list[Token] | None:
    """The office "of" a place and the name right after it, no comma between ("Mayor of Greater Manchester Andy
    Burnham"), as one run of words; None when the apposition is set off or the words are no such office and name."""
    office, name = np_tokens(subject), np_tokens(appos)
    if not office or not name or office[-1].i + 1 != name[0].i:
        return None
    run_on = office + name
    return run_on if name_after_office_of_place(run_on) is not None else None


_SPOKESPERSON_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson"})


def _names_the_office_spoken_for(subject: Token, appos: Token) -> bool:
    """ "A spokeswoman for the federal Treasurer, Jim Chalmers, said": the parser hangs the name on the spokeswoman,
    but set off right after an office ("Treasurer", "the Prime Minister") it names that office's holder, for whom
    she speaks. After a body ("for the company, Jane Doe,") the name is still the spokesperson's own."""
    if subject.lower_ not in _SPOKESPERSON_NOUNS:
        return False
    prep = next((c for c in subject.rights if c.dep_ == "prep" and c.lower_ == "for"), None)
    office = None if prep is None else next((c for c in prep.children if c.dep_ == "pobj"), None)
    comma = appos.left_edge.i - 1
    if office is None or office.lower_ not in OFFICE_TITLES or comma <= office.i or office.doc[comma].text != ",":
        return False
    return all(office.is_ancestor(t) for t in office.doc[office.i + 1 : comma])  # "the Secretary of State, ..."


def _office_opening_its_sentence(subject: Token) -> bool:
    """ "Chairman of Donegal County Council, Cllr Niamh Kennedy, said": an office word opening its sentence with no
    article, right before "of", is the tagger's proper noun but a role, like "The Chairman of ..."; the name set
    off after it speaks."""
    doc = subject.doc
    return (
        subject.i == subject.sent.start
        and subject.i + 1 < len(doc)
        and doc[subject.i + 1].lower_ == "of"
        and (subject.lower_ in PERSON_KIND_NOUNS or subject.lower_ in OFFICE_TITLES)
    )


def mention_for(subject: Token, offset: int, labels: Mapping[str, str]) -> Mention:
    """Build the speaker mention whose head is ``subject``; ``offset`` maps doc offsets to article offsets."""
    doc = subject.doc
    relative = subject.lower_ in _RELATIVE and not subject.text.isupper()  # "the WHO" is an organisation
    if relative and subject.head.dep_ == "relcl" and subject.head.head.i != subject.head.i:
        # "Smith, who said ...": the mention is "who", the speaker its antecedent.
        antecedent = _person_past_their_body(_named_conjunct(_past_a_date(subject.head.head), subject), subject)
        ante = mention_for(antecedent, offset, labels)
        start = subject.idx + offset
        return dataclasses.replace(ante, text=subject.text, start=start, end=start + len(subject), relative=True)
    appos = appositive(subject) or _place_appositive(subject) or _name_as_modifier(subject)
    if appos is not None and _names_the_office_spoken_for(subject, appos):
        appos = None  # "A spokeswoman for the federal Treasurer, Jim Chalmers,": he is the Treasurer, not she
    if appos is not None and (run_on := _office_run_on_to_name(subject, appos)) is not None:
        # "Mayor of Greater Manchester Andy Burnham said": the parser hangs the name on the office as an
        # apposition, with no comma between: one phrase, the office its role
        return mention_from_tokens(run_on, offset, labels, extra_role=None)
    name_run = None
    # "the new MP, Rosa Delacroix,": a role the tagger reads as a proper noun is no name; its apposition is.
    named = _is_named(subject, labels) and not (
        appos is not None
        and (
            role_as_proper_noun(subject)
            or _titles_before_name(subject, appos, labels)
            or (_office_opening_its_sentence(subject) and _names_the_role(subject, appos, labels))
        )
    )
    if appos is not None and not named and _names_the_role(subject, appos, labels):
        name_run = np_tokens(appos)
    elif appos is not None and not named and (described := _name_after_description(appos, labels)) is not None:
        name_run = list(doc[appos.left_edge.i : described.right_edge.i + 1])
    elif appos is None and not named:
        name_run = _name_set_off(subject, labels)
    if name_run is not None and appos is not None and (pair := _named_partner(subject, appos, labels)) is not None:
        return _named_pair(subject, name_run, pair, offset, labels)
    if name_run is not None and appos is not None and subject.tag_ == "NNS" and (listed := _people_listed(appos)):
        # "Her lawyers, Amal Clooney and Ken Lee, said": a plural role names its people, who speak together
        start = np_tokens(subject)[0].idx + offset
        end = listed[-1].idx + len(listed[-1]) + offset
        names = doc_slice(doc, listed[0].idx, end - offset)
        return Mention(doc_slice(doc, start - offset, end - offset), start, end, normalize_speaker_name(names), None,
                       "unknown", subject.lower_, named=True, plural=True)  # fmt: skip
    if name_run is not None:
        # "The Pentagon spokesman, John Kirby, said": the name sits in the apposition.
        role_tokens = np_tokens(subject)
        mention = mention_from_tokens(name_run, offset, labels, extra_role=role_text(role_tokens, []))
        if subject.tag_ == "NNS" and not any(t.dep_ == "cc" and t.ent_type_ != "ORG" for t in name_run):
            # "The administrators, Hallam Restructuring, said": one name for a plural role is a firm's, never
            # a person's, and a later "they" means it
            head = mention.name.split(" ")[-1].lower()
            mention = dataclasses.replace(mention, kind="organisation", head=head, named=True, description=False)
        elif mention.kind == "person" and _company_kind_before_name(subject, name_run):
            # "The maker, Kelvo Appliances, said": the kind of company says the name is a body's, whatever the
            # recogniser took it for
            mention = dataclasses.replace(
                mention, kind="organisation", role=None, body_noun=subject.lemma_.lower(), named=True, description=False
            )
        elif mention.kind != "person" and not (mention.kind == "organisation" and company_name(mention.name)):
            if (kind := _kind_of_body(subject)) is not None:
                # "Residents' group Save Farnham Fields said": "group" says what the name is, as "Cycling charity
                # Sustrans" does; a body, and no role of a person's
                mention = dataclasses.replace(
                    mention, kind="organisation", role=None, body_noun=kind, named=True, description=False
                )
            else:
                # the recogniser took the name for an organisation: the role says a person, unless the name is a
                # company's ("The paper's owner, Harbour Street Media,": a firm can own, publish, buy)
                head = mention.name.split(" ")[-1].lower()
                mention = dataclasses.replace(mention, kind="person", head=head, named=True, description=False)
        start = role_tokens[0].idx + offset
        return dataclasses.replace(mention, text=doc_slice(doc, start - offset, mention.end - offset), start=start)
    if appos is not None and _kind_then_name(subject, appos):
        # "Peruvian state-controlled oil company Petroperu said": the parser hangs the name on the kind of body.
        words = np_tokens(appos)
        mention = mention_from_tokens(np_tokens(subject) + words, offset, labels, extra_role=None)
        name = normalize_speaker_name(words_text(words[0], words[-1]))
        return dataclasses.replace(
            mention, name=name, kind="organisation", head=appos.lower_, named=True, description=False, ranked=False,
            body_noun=subject.lemma_.lower(),
        )  # fmt: skip
    if appos is not None and not named and (body := _body_in_apposition(appos, labels)) is not None:
        # "The airline's biggest creditor, the Bank of Valdora, said": the apposition names the body described.
        mention = mention_from_tokens(body, offset, labels, extra_role=None)
        if mention.kind == "unknown" and company_name(mention.name):
            # "Parkside Events": a company's name with a common noun at its end, which no parse reads as a name; one
            # body, for a later "it", though its last word is a plural
            mention = dataclasses.replace(mention, kind="organisation", named=True, description=False, plural=False)
        start = np_tokens(subject)[0].idx + offset
        return dataclasses.replace(mention, text=doc_slice(doc, start - offset, mention.end - offset), start=start)
    group = _coordinated_names(subject)
    if group is not None and crown_style(words_text(group[0], group[-1])) is not None:
        # "HM Prison and Probation Service": one body's name, its "and" joining two parts of it
        mention = _group_mention(subject, group, offset, labels)
        return dataclasses.replace(mention, kind="organisation", head=group[-1].lower_, plural=False)
    if group is not None:
        return _group_mention(subject, group, offset, labels)
    tokens = np_tokens(subject)
    bracketed = appos is not None and doc[appos.left_edge.i - 1].text == "("
    mention = mention_from_tokens(tokens, offset, labels, extra_role=appositive_role(subject, labels))
    if mention.kind != "organisation" and described_as_organisation(subject) and not person_entity(tokens, labels):
        mention = _as_organisation(mention, subject, tokens)
    elif mention.kind == "organisation" and mention.named and described_as_organisation(subject):
        # "Usdaw, the shop workers' union, said": the apposition's noun is the kind of body a later "the union"
        # means, and no later "the supermarket" does
        mention = dataclasses.replace(mention, head=next(c for c in subject.rights if c.dep_ == "appos").lemma_.lower())
    if (
        mention.kind == "person"
        and mention.named
        and not (mention.titles or mention.gender)
        and said_of_as_which(subject)
    ):
        # "Greenpeace Netherlands, which brought the case, said": "which" is said of no person
        mention = dataclasses.replace(mention, kind="organisation", role=None, bare=False)
    if bracketed and appos is not None and mention.kind == "organisation" and _ACRONYM.fullmatch(appos.text):
        mention = dataclasses.replace(mention, acronym=appos.text)
    if mention.kind == "unknown" and not mention.pronoun and who_clause(subject):
        mention = dataclasses.replace(mention, kind="person")  # "a porter who asked not to be named said"
    elif mention.kind == "unknown" and not mention.pronoun and not mention.plural and _person_set_beside(subject):
        mention = dataclasses.replace(mention, kind="person")  # "One of the walkers, a student from Manchester,"
    return mention


def _person_set_beside(subject: Token) -> bool:
    """ "One of the walkers, a student from Manchester, said": a subject set beside a singular noun for a person
    ("a student") is that person, whom a later "she" means."""
    appos = appositive(subject)
    return (
        appos is not None and appos.pos_ == "NOUN" and appos.tag_ == "NN" and appos.lemma_.lower() in PERSON_KIND_NOUNS
    )


def _named_partner(subject: Token, appos: Token, labels: Mapping[str, str]) -> list[Token] | None:
    """ "Germany's economy minister, Friederike von Lindau, and Saudi Arabia's energy minister, Prince Faisal bin
    Khalid, said": a second role joined by "and" to the first role or its name, with a name of its own in
    apposition; the second name's words, or None."""
    for role in _partner_roles(subject, appos):
        second = appositive(role)
        if second is not None and _names_the_role(role, second, labels):
            return np_tokens(second)
    return None


def _partner_roles(subject: Token, appos: Token) -> list[Token]:
    """The common nouns joined by "and" after the apposition, to the apposition or to the subject (the parser
    hangs the second role on either)."""
    return [
        role
        for parent in (appos, subject)
        if any(c.dep_ == "cc" and c.lower_ == "and" for c in parent.children)
        for role in parent.children
        if role.dep_ == "conj" and role.i > appos.i and role.pos_ == "NOUN"
    ]


def speaks_as_pair(subject: Token) -> bool:
    """Whether ``subject`` heads two roles joined by "and", each with a name in apposition: the people named are
    the speaker's members, each one to note for a later "Von Lindau said"."""
    appos = appositive(subject)
    return appos is not None and any(appositive(role) is not None for role in _partner_roles(subject, appos))


def _company_kind_before_name(subject: Token, name_run: list[Token]) -> bool:
    """ "The maker, Kelvo Appliances,", "The operator, Baltic Line,": a noun for a kind of company, never a person
    noun, before a name no given name opens ("The operator, Tom Baines," is a person)."""
    lemma = subject.lemma_.lower()
    if lemma not in COMPANY_KINDS or lemma in PERSON_NOUNS or lemma in PERSON_KIND_NOUNS:
        return False
    first = next((t for t in name_run if t.text[:1].isupper()), None)
    return first is not None and not is_given_name(first.text)


def _kind_of_body(subject: Token) -> str | None:
    """ "group", "charity", "association": a noun for a kind of body, never a person's role, in the lemma the
    mention keeps as its body noun; None for any other noun."""
    lemma = subject.lemma_.lower()
    if lemma in PERSON_NOUNS or lemma in PERSON_KIND_NOUNS:
        return None
    return lemma if lemma in ORG_NOUNS or lemma in BODY_KIND_NOUNS else None


def _named_pair(
    subject: Token, first: list[Token], second: list[Token], offset: int, labels: Mapping[str, str]
) -> Mention:
    """Two people named in apposition to their roles, speaking together: one plural speaker under both names."""
    doc = subject.doc
    names = [mention_from_tokens(words, offset, labels, extra_role=None).name for words in (first, second)]
    start = np_tokens(subject)[0].idx + offset
    end = second[-1].idx + len(second[-1]) + offset
    text = doc_slice(doc, start - offset, end - offset)
    return Mention(text, start, end, " and ".join(names), None, "unknown", subject.lower_, named=True, plural=True)


def _name_set_off(subject: Token, labels: Mapping[str, str]) -> list[Token] | None:
    """ "Her brother, José dos Santos, said": a person's name set off by commas right after a person noun, which
    the parser did not read as an apposition because a lowercase particle of the name looked like a verb to it.
    The words between the commas are capitalised words and name particles only, with a person among them."""
    if subject.lemma_.lower() not in PERSON_NOUNS | OFFICE_TITLES:
        return None
    doc = subject.doc
    comma = np_tokens(subject)[-1].i + 1
    if comma >= len(doc) or doc[comma].text != ",":
        return None
    end = next((t.i for t in doc[comma + 1 : comma + 7] if t.text == ","), None)
    if end is None or end - comma < 3:
        return None
    words = list(doc[comma + 1 : end])
    if is_region(doc[comma + 1 : end].text):
        return None  # "A shopkeeper from Omagh, County Tyrone, said": where the place lies, not a name
    if _one_organisation(words, labels):
        return words  # "Brandt's lawyers, Marlow & Finch, said": a firm's name the parser joined to the role
    particles = [t for t in words if name_particle(t)]
    if not particles or not all(t in particles or (t.text.istitle() and t.is_alpha) for t in words):
        return None
    return words if person_entity(words, labels) is not None else None


def _people_listed(appos: Token) -> list[Token] | None:
    """The words of people's names joined by "and" in an apposition ("Amal Clooney and Ken Lee", "Rafael and Lucía
    Moreno"): proper nouns only, with a person the recogniser found among them; None otherwise."""
    joined = [c for c in appos.children if c.dep_ == "conj" and c.i > appos.i]
    if not joined or not any(c.dep_ == "cc" and c.lower_ == "and" for c in appos.children):
        return None
    words = [t for t in appos.doc[appos.left_edge.i : joined[-1].right_edge.i + 1] if not t.is_space]
    if not all(t.pos_ == "PROPN" or t.lower_ == "and" or t.text == "," or name_particle(t) for t in words):
        return None
    return words if any(t.ent_type_ == "PERSON" for t in words) else None


def _one_organisation(words: list[Token], labels: Mapping[str, str]) -> bool:
    """Whether ``words`` are exactly one name the recogniser tagged an organisation (and the article's votes do not
    make a person)."""
    orgs = organisation_spans(words, labels)
    return (
        len(orgs) == 1
        and entity_label(orgs[0], labels) == "ORG"
        and (orgs[0].start, orgs[0].end) == (words[0].i, words[-1].i + 1)
        and person_entity(words, labels) is None
    )


def _body_in_apposition(appos: Token, labels: Mapping[str, str]) -> list[Token] | None:
    """The words of an apposition that is an organisation's name ("the Bank of Valdora", "Deutsche Bank"):
    capitalised words, with "of" or "and" between them, after an optional article, which the article's votes label
    ORG; else None."""
    words = np_tokens(appos)
    names = words[1:] if words and words[0].dep_ == "det" else words
    # "Parkside Events": a company word ends the name, which the tagger may read as a common noun
    capital = [(t.pos_ == "PROPN" or t.lower_ in COMPANY_WORDS) and t.text[:1].isupper() for t in names]
    # "Bank of X", "Marks and Y", "Linden & Vale"
    linking = [t.pos_ in {"ADP", "CCONJ", "DET"} and (t.is_lower or t.text == "&") for t in names]
    if not names or not (capital[0] and capital[-1] and all(c or w for c, w in zip(capital, linking, strict=True))):
        return None
    if person_entity(names, labels) is not None:
        return None
    if not organisation_spans(names, labels) and not company_name(words_text(names[0], names[-1])):
        return None  # no body the recogniser found, nor a name shaped as a company's ("Parkside Events")
    return words


def _kind_then_name(subject: Token, appos: Token) -> bool:
    """A body's noun with a proper noun right after it, no comma between ("oil company Petroperu"): the name."""
    lemma = subject.lemma_.lower()
    return (
        appos.pos_ == "PROPN"
        and appos.left_edge.i == subject.i + 1
        and subject.pos_ == "NOUN"
        and (lemma in ORG_NOUNS or lemma in COMPANY_KINDS)
        and lemma not in PERSON_NOUNS
    )


def _as_organisation(mention: Mention, subject: Token, tokens: list[Token]) -> Mention:
    """The mention of a body its apposition describes ("Friends of Reddish Library, a campaign group"): named when
    its words hold a proper noun, with the apposition's noun as its head, for a later "the group said"."""
    appos = next(c for c in subject.rights if c.dep_ == "appos")
    named = any(t.pos_ == "PROPN" for t in tokens)
    head = appos.lemma_.lower()
    return dataclasses.replace(
        mention, kind="organisation", head=head, named=named, description=False, role=None, plural=False
    )


def _coordinated_names(subject: Token) -> list[Token] | None:
    """ "Britain, France and Germany", "Russia and China": proper names joined by "and", speaking together; their
    words, or None when the subject is no such list."""
    last = subject
    while (nxt := next((c for c in last.children if c.dep_ == "conj" and c.i > last.i), None)) is not None:
        last = nxt
    doc = subject.doc
    if last is subject or subject.pos_ != "PROPN" or last.pos_ != "PROPN":
        return None
    tokens = [t for t in doc[subject.left_edge.i : np_tokens(last)[-1].i + 1] if not t.is_space]
    if not any(t.lower_ == "and" for t in tokens) or any(
        t.pos_ not in {"PROPN", "PUNCT", "CCONJ", "DET"} for t in tokens
    ):
        return None
    return tokens


def _group_mention(subject: Token, tokens: list[Token], offset: int, labels: Mapping[str, str]) -> Mention:
    """The mention of names speaking together: one plural speaker under the names as written, an organisation when
    they are countries or organisations; its alias ("known as the E3") is noted like an acronym."""
    doc = subject.doc
    start, end = tokens[0].idx + offset, tokens[-1].idx + len(tokens[-1]) + offset
    text = doc_slice(doc, start - offset, end - offset)
    bodies = organisation_spans(tokens, labels)
    kind: SpeakerKind = "organisation" if bodies and not person_entity(tokens, labels) else "unknown"
    alias = _alias(subject)
    return Mention(text, start, end, normalize_speaker_name(text), None, kind, subject.lower_, named=True, plural=True,
                   acronym=alias)  # fmt: skip


def _alias(subject: Token) -> str | None:
    """The short name a subject is given in passing: "known as the E3", "dubbed the Quad"."""
    for acl in subject.children:
        if acl.dep_ == "acl" and acl.lemma_.lower() in {"know", "call", "dub"}:
            prep = next((c for c in acl.children if c.dep_ == "prep" and c.lower_ == "as"), None)
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
            if obj is not None and obj.pos_ == "PROPN":
                return obj.text
    return None


def _names_the_role(subject: Token, appos: Token, labels: Mapping[str, str]) -> bool:
    """ "The Pentagon spokesman, John Kirby, said", "A spokeswoman, Nadia Benali, said": the apposition names the
    person the subject describes. A name the recogniser missed counts when the subject is a person's role and the
    apposition is two to four capitalised proper nouns."""
    tokens = np_tokens(appos)
    if person_entity(tokens, labels):
        return True
    capitalised = all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tokens)
    if len(tokens) == 1 and capitalised and _relative_of_someone(subject):
        # "His younger brother, Dilwyn, said": a relative is introduced by the given name alone.
        return True
    if subject.lemma_.lower() not in PERSON_NOUNS | OFFICE_TITLES:
        # "The vicar, the Rev Gareth Hughes,": any noun for a person, then a style and a name; "The archdeacon of
        # Wells, Margaret Tull,": or a name opening with a given name
        return subject.lemma_.lower() in PERSON_KIND_NOUNS and (_styled_name(tokens) or _opens_with_given_name(appos))
    if len(tokens) == 1 and capitalised and appos.head.dep_ == "pobj" and _lone_name_no_region(appos):
        return True  # "A reader in Falkirk, Morven, has written": a reader gives only a given name
    return (capitalised and 2 <= len(tokens) <= 4) or _styled_name(tokens)


def _name_after_description(appos: Token, labels: Mapping[str, str]) -> Token | None:
    """ "Its founder, the retired engineer Brian Tolley, said": an apposition that is a description of a person with
    the name written right after it ("the former banker Sir Ian Ross") names the person the subject describes; the
    name is the parser's apposition to the description's noun."""
    if appos.pos_ != "NOUN" or appos.lemma_.lower() not in PERSON_KIND_NOUNS:
        return None
    name = appositive(appos)
    if name is None or name.left_edge.i != appos.i + 1:
        return None
    tokens = np_tokens(name)
    return name if person_entity(tokens, labels) or _styled_name(tokens) else None


def _styled_name(tokens: list[Token]) -> bool:
    """ "The Archbishop of York, the Most Rev Samuel Adeyemi,", "Plaid Cymru's leader, Rhodri ap Dafydd,": a name
    the recogniser missed, behind an article and a style or rank, or with a particle inside; what is left after
    them is two to four capitalised proper nouns."""
    words = [t for t in tokens if not (t.i == tokens[0].i and t.lower_ == "the")]
    titles, rest = split_leading_titles([t.text for t in words])
    named = [t for t in words[len(titles) :] if not name_particle(t)]
    if not titles and (len(words) < len(tokens) or len(named) == len(rest)):
        return False  # "the Daily Courier" is a body's name; a bare name needs its particle to be missed
    return (
        len(rest) >= 2
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha for t in named)
        and 2 <= len(named) <= 4
    )


def _relative_of_someone(subject: Token) -> bool:
    """A kinship noun with a possessor ("her brother", "Harold's widow")."""
    return subject.lemma_.lower() in KIN_NOUNS and any(c.dep_ == "poss" for c in subject.children)


def _titles_before_name(subject: Token, appos: Token, labels: Mapping[str, str]) -> bool:
    """ "Detective Chief Inspector Mark Haworth of West Yorkshire Police said": the parser made the ranks the subject
    and the name written right after them its apposition; ranks only, then a person's name, are that person."""
    words = [t for t in np_tokens(subject) if t.i < appos.left_edge.i]
    name = np_tokens(appos)
    if not words or appos.left_edge.i != subject.i + 1 or not person_entity(name, labels):
        return False
    titles, _ = split_leading_titles([t.text for t in words] + [name[0].text])
    return len(titles) == len(words)


def _is_named(head: Token, labels: Mapping[str, str]) -> bool:
    return head.pos_ == "PROPN" or bool(person_entity([head], labels))
