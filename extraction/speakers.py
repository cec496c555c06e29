"""The speaker mention at an attribution: which words name the speaker, split into a name and a role, and
whether it is a person or an organisation. Resolving pronouns and descriptions is coref.py's job."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from extraction.cues import medium_of
from extraction.given_names import given_name_gender, is_given_name, thinly_attested
from extraction.model import SpeakerKind
from extraction.names import (
    GENDERED_HONORIFICS,
    HONORIFICS,
    NAME_PARTICLES,
    OFFICE_TITLES,
    POST_NOMINALS,
    honorifics_and_ranks,
    normalize_speaker_name,
    rank_by_neighbour,
    split_leading_titles,
    title_words,
)

# Head nouns of organisations ("the Iraqi military", "the campaign") and of people ("a spokesman").
ORG_NOUNS: frozenset[str] = frozenset(
    {
        "military", "army", "navy", "ministry", "department", "government", "administration", "pentagon",
        "police", "campaign", "committee", "agency", "office", "company", "corporation", "firm", "party", "court",
        "council", "commission", "congress", "senate", "house", "newspaper", "network", "group", "organization",
        "organisation", "union", "institute", "center", "centre", "foundation", "bank", "fund", "board", "team",
        "coalition", "alliance", "embassy", "county", "school", "university", "college", "hospital", "paper",
        "magazine", "outlet", "station", "channel", "poll", "survey", "study", "website", "force", "forces",
        "command", "authority", "authorities", "regime", "cabinet", "parliament", "bureau", "service", "kremlin",
        "association", "federation", "society", "club", "lab", "laboratory", "ngo", "charity", "post", "times", "journal", "tribune", "press", "report", "secretariat", "watchdog", "legislature",
        "daily", "tabloid",
        "carrier", "airline", "bloc", "insurer", "lender", "retailer", "automaker", "carmaker", "manufacturer",
        "regulator", "broadcaster", "publisher", "conglomerate", "startup", "exchange", "chipmaker", "drugmaker",
        "steelmaker", "planemaker", "shipbuilder", "utility", "operator", "supplier", "provider", "trust",
    }
)  # fmt: skip
# Organisation nouns that name an institution of their own ("the army", "the Kremlin"), never a description of
# another organisation named earlier ("The RSF said ... The army said" is the army, not the RSF).
INSTITUTION_NOUNS: frozenset[str] = frozenset(
    {"military", "army", "navy", "police", "government", "administration", "pentagon", "kremlin", "congress",
     "senate", "house", "parliament", "legislature", "cabinet", "court", "regime", "forces", "force"}
)  # fmt: skip
PERSON_NOUNS: frozenset[str] = frozenset(
    {
        "spokesman", "spokeswoman", "spokesperson", "official", "source", "officer", "aide", "adviser", "advisor",
        "analyst", "expert", "lawyer", "attorney", "senator", "president", "minister", "secretary", "director",
        "chief", "commander", "leader", "candidate", "nominee", "governor", "mayor", "representative", "lawmaker",
        "congressman", "congresswoman", "voter", "resident", "witness", "executive", "ceo", "chairman",
        "chairwoman", "economist", "strategist", "professor", "researcher", "scientist", "doctor", "author",
        "activist", "critic", "supporter", "member", "man", "woman", "person", "people", "manager", "judge",
        "prosecutor", "investigator", "diplomat", "ambassador", "general", "colonel", "soldier", "founder",
        "owner", "employee", "worker", "student", "teacher", "pastor", "host", "anchor", "reporter", "journalist",
        "correspondent", "columnist", "editor", "writer", "pollster", "operative", "staffer", "surrogate",
        "democrat", "republican", "mother", "father", "son", "daughter", "wife", "husband", "friend", "neighbor",
        "victim", "neighbour", "deputy", "sheriff", "detective", "agent", "historian", "consultant", "insider",
        "partner", "president-elect", "vice", "speaker", "premier", "counsel", "spokespeople", "aides",
        "reader", "viewer", "listener", "caller", "fan", "parent", "nurse", "patient", "customer", "shopper",
        "passenger", "driver", "farmer", "trader", "shopkeeper", "user", "councillor", "councilor",
        "paramedic", "firefighter", "midwife", "surgeon", "pharmacist", "fisherman", "fisherwoman", "mechanic",
        "engineer", "volunteer", "survivor", "refugee", "migrant", "pensioner", "protester", "villager", "tourist",
        "commuter", "tenant", "landlord", "grandmother", "grandfather", "sister", "brother", "colleague",
        "counterpart", "coroner",
    }
)  # fmt: skip
# Last words of a company's name ("Halvorsen Shipping", "Brightwell Foods"), which the recogniser may take for a
# surname; words that are also common surnames ("Steel", "Power", "Banks") are left out.
COMPANY_WORDS: frozenset[str] = frozenset(
    {"shipping", "marine", "maritime", "foods", "airlines", "airways", "energy", "motors", "holdings", "group",
     "capital", "partners", "systems", "technologies", "technology", "pharmaceuticals", "pharma", "logistics",
     "mining", "industries", "electronics", "chemicals", "resources", "properties", "homes", "brands", "telecom",
     "networks", "solutions", "software", "communications", "studios", "hotels", "resorts", "beverages",
     "breweries", "textiles", "aviation", "aerospace", "freight", "insurance", "securities", "investments",
     "ventures", "labs", "data", "media", "bank", "bancorp", "petroleum", "oil", "gas", "utilities", "railways",
     "trains", "rail", "buses", "ferries"}
)  # fmt: skip
# Nouns for the kind of company a name that follows them is ("airport operator Fraport", "chipmaker Nexa").
_COMPANY_KINDS = frozenset({"operator", "provider", "supplier", "giant", "chain", "developer", "producer", "maker"})
ROLE_WORDS: frozenset[str] = OFFICE_TITLES | PERSON_NOUNS | frozenset({"press", "deputy", "senior", "general"})

PRONOUN_KINDS: Mapping[str, SpeakerKind] = {
    "he": "person", "she": "person", "it": "organisation", "they": "unknown", "we": "unknown", "i": "unknown",
    "you": "unknown", "him": "person", "her": "person", "them": "unknown",
}  # fmt: skip
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&.]{1,7}")
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_DROP_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "punct", "cc", "conj", "parataxis"})
_WORD = re.compile(r"\S+")
_ORG_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC"})


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


def _np_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without relative clauses, appositions or anything after a comma."""
    left = head.left_edge.i
    right = head.i
    for child in head.rights:
        if child.dep_ in {"cc", "conj"} and _within_organisation_name(head, child):
            right = child.right_edge.i  # "Linden & Vale", "Procter & Gamble": one body's name, not two
            continue
        if child.dep_ in _DROP_DEPS or any(t.text in {",", "—", "–", "(", "-"} for t in head.doc[right + 1 : child.i]):
            break
        if child.ent_type_ in {"DATE", "TIME"} or child.dep_ == "npadvmod":  # "Trump this week said"
            break
        right = child.right_edge.i
    # When and how it was said, at any depth: "The spokesman for the ministry in a statement on Monday said".
    aside = next((t.i for t in head.doc[head.i + 1 : right + 1] if _when(t) or medium_of(t) is not None), None)
    if aside is not None:
        right = aside - 1
    comma = next((t.i for t in head.doc[head.i + 1 : right + 1] if t.text == "," and not _listing_comma(t)), None)
    if comma is not None:  # "Officials at the agency, a division of ..." stops at the comma
        right = comma - 1
    tokens = [t for t in head.doc[left : right + 1] if not t.is_space]
    while tokens and (tokens[-1].is_punct and tokens[-1].text not in {".", ")"}):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    return tokens or [head]


def _within_organisation_name(head: Token, child: Token) -> bool:
    """Whether ``child`` of ``head`` (an "&" or the word joined by it) lies inside the organisation's name the
    recogniser found at ``head``: the coordination is part of the name."""
    doc = head.doc
    if head.ent_type_ != "ORG" or child.i <= head.i:
        return False
    return all(t.ent_iob_ == "I" and t.ent_type_ == "ORG" for t in doc[head.i + 1 : child.right_edge.i + 1])


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


def _appositive(head: Token) -> Token | None:
    return next((c for c in head.rights if c.dep_ == "appos"), None)


_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _place_appositive(head: Token) -> Token | None:
    """ "A reader in Galway, Siobhán Ní Bhriain, writes", "The governor of Ilocos Norte, Cecilia Araneta-Marcos,
    said": the parser hangs the name on the place or body that ends the person's description; a person's name in
    apposition to a proper noun after a person noun or an office ("The police superintendent in Gorkha, ...")
    names that person."""
    if head.lemma_.lower() not in PERSON_NOUNS | OFFICE_TITLES:
        return None
    for prep in head.rights:
        for place in prep.children if prep.dep_ == "prep" else ():
            if place.dep_ != "pobj" or (appos := _appositive(place)) is None:
                continue
            if place.ent_type_ in _PLACE_LABELS:
                return appos if appos.pos_ == "PROPN" and appos.ent_type_ not in _PLACE_LABELS else None
            if place.pos_ == "PROPN":  # whatever the recogniser took the place for ("Ilocos Norte" a person)
                return (
                    appos
                    if appos.pos_ == "PROPN"
                    and (appos.ent_type_ in {"PERSON", ""} or _run_on(place, appos) or _opens_with_given_name(appos))
                    else None
                )
    return None


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
    words = _np_tokens(appos)
    return (
        2 <= len(words) <= 4
        and all(t.text.istitle() and t.pos_ == "PROPN" for t in words)
        and is_given_name(words[0].text)
    )


def _role_text(tokens: list[Token], org_spans: list[Span]) -> str | None:
    """Role words as written, minus articles, honorifics and ranks; role nouns lower-cased ("Spokesman")."""
    words: list[str] = []
    substantive = [t for t in tokens if not (t.is_punct or t.dep_ == "det" or _bare(t) in HONORIFICS | OFFICE_TITLES)]
    for tok in tokens:
        bare = _bare(tok)
        if tok.is_punct or tok.dep_ == "det" or tok.lower_ in {"'s", "’s"} or bare in HONORIFICS or not bare:
            continue
        if _ranked_by_neighbour(tok):  # "Con" of "Det Con", "Ch" of "Ch Supt"
            continue
        if tok.text.endswith(".") and bare in OFFICE_TITLES and substantive:
            continue  # "Gov." beside "Republican vice-presidential nominee" adds nothing
        in_org = any(span.start <= tok.i < span.end for span in org_spans)
        words.append(tok.lower_ if bare in ROLE_WORDS and not in_org else tok.text)
    text = " ".join(words).strip()
    return text or None


def _bare(tok: Token) -> str:
    return tok.text.rstrip(".").lower()


def _entity_label(span: Span, labels: Mapping[str, str]) -> str:
    """The article-wide majority label for this entity's words (the small model labels "Trump" ORG at times)."""
    return labels.get(normalize_speaker_name(span.text).lower(), span.label_)


def mention_for(subject: Token, offset: int, labels: Mapping[str, str]) -> Mention:
    """Build the speaker mention whose head is ``subject``; ``offset`` maps doc offsets to article offsets."""
    doc = subject.doc
    relative = subject.lower_ in _RELATIVE and not subject.text.isupper()  # "the WHO" is an organisation
    if relative and subject.head.dep_ == "relcl" and subject.head.head.i != subject.head.i:
        # "Smith, who said ...": the mention is "who", the speaker its antecedent.
        ante = mention_for(subject.head.head, offset, labels)
        start = subject.idx + offset
        return dataclasses.replace(ante, text=subject.text, start=start, end=start + len(subject), relative=True)
    appos = _appositive(subject) or _place_appositive(subject) or _name_as_modifier(subject)
    name_run = None
    # "the new MP, Rosa Delacroix,": a role the tagger reads as a proper noun is no name; its apposition is.
    named = _is_named(subject, labels) and not (appos is not None and _role_as_proper_noun(subject))
    if appos is not None and not named and _names_the_role(subject, appos, labels):
        name_run = _np_tokens(appos)
    elif appos is None and not named:
        name_run = _name_set_off(subject, labels)
    if name_run is not None and appos is not None and (pair := _named_partner(subject, appos, labels)) is not None:
        return _named_pair(subject, name_run, pair, offset, labels)
    if name_run is not None and appos is not None and subject.tag_ == "NNS" and (listed := _people_listed(appos)):
        # "Her lawyers, Amal Clooney and Ken Lee, said": a plural role names its people, who speak together
        start = _np_tokens(subject)[0].idx + offset
        end = listed[-1].idx + len(listed[-1]) + offset
        names = doc.text[listed[0].idx : end - offset]
        return Mention(doc.text[start - offset : end - offset], start, end, normalize_speaker_name(names), None,
                       "unknown", subject.lower_, named=True, plural=True)  # fmt: skip
    if name_run is not None:
        # "The Pentagon spokesman, John Kirby, said": the name sits in the apposition.
        role_tokens = _np_tokens(subject)
        mention = mention_from_tokens(name_run, offset, labels, extra_role=_role_text(role_tokens, []))
        if subject.tag_ == "NNS" and not any(t.dep_ == "cc" and t.ent_type_ != "ORG" for t in name_run):
            # "The administrators, Hallam Restructuring, said": one name for a plural role is a firm's, never
            # a person's, and a later "they" means it
            head = mention.name.split(" ")[-1].lower()
            mention = dataclasses.replace(mention, kind="organisation", head=head, named=True, description=False)
        elif mention.kind != "person" and not (mention.kind == "organisation" and _company_name(mention.name)):
            # the recogniser took the name for an organisation: the role says a person, unless the name is a
            # company's ("The paper's owner, Harbour Street Media,": a firm can own, publish, buy)
            head = mention.name.split(" ")[-1].lower()
            mention = dataclasses.replace(mention, kind="person", head=head, named=True, description=False)
        start = role_tokens[0].idx + offset
        return dataclasses.replace(mention, text=doc.text[start - offset : mention.end - offset], start=start)
    if appos is not None and _kind_then_name(subject, appos):
        # "Peruvian state-controlled oil company Petroperu said": the parser hangs the name on the kind of body.
        words = _np_tokens(appos)
        mention = mention_from_tokens(_np_tokens(subject) + words, offset, labels, extra_role=None)
        name = normalize_speaker_name(doc.text[words[0].idx : words[-1].idx + len(words[-1])])
        return dataclasses.replace(
            mention, name=name, kind="organisation", head=appos.lower_, named=True, description=False, ranked=False
        )
    if appos is not None and not named and (body := _body_in_apposition(appos, labels)) is not None:
        # "The airline's biggest creditor, the Bank of Valdora, said": the apposition names the body described.
        mention = mention_from_tokens(body, offset, labels, extra_role=None)
        start = _np_tokens(subject)[0].idx + offset
        return dataclasses.replace(mention, text=doc.text[start - offset : mention.end - offset], start=start)
    group = _coordinated_names(subject)
    if group is not None:
        return _group_mention(subject, group, offset, labels)
    tokens = _np_tokens(subject)
    bracketed = appos is not None and doc[appos.left_edge.i - 1].text == "("
    mention = mention_from_tokens(tokens, offset, labels, extra_role=appositive_role(subject, labels))
    if mention.kind != "organisation" and described_as_organisation(subject) and not _person_entity(tokens, labels):
        mention = _as_organisation(mention, subject, tokens)
    if bracketed and appos is not None and mention.kind == "organisation" and _ACRONYM.fullmatch(appos.text):
        mention = dataclasses.replace(mention, acronym=appos.text)
    if mention.kind == "unknown" and not mention.pronoun and _who_clause(subject):
        mention = dataclasses.replace(mention, kind="person")  # "a porter who asked not to be named said"
    return mention


def _named_partner(subject: Token, appos: Token, labels: Mapping[str, str]) -> list[Token] | None:
    """ "Germany's economy minister, Friederike von Lindau, and Saudi Arabia's energy minister, Prince Faisal bin
    Khalid, said": a second role joined by "and" to the first role or its name, with a name of its own in
    apposition; the second name's words, or None."""
    for role in _partner_roles(subject, appos):
        second = _appositive(role)
        if second is not None and _names_the_role(role, second, labels):
            return _np_tokens(second)
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
    appos = _appositive(subject)
    return appos is not None and any(_appositive(role) is not None for role in _partner_roles(subject, appos))


def _named_pair(
    subject: Token, first: list[Token], second: list[Token], offset: int, labels: Mapping[str, str]
) -> Mention:
    """Two people named in apposition to their roles, speaking together: one plural speaker under both names."""
    doc = subject.doc
    names = [mention_from_tokens(words, offset, labels, extra_role=None).name for words in (first, second)]
    start = _np_tokens(subject)[0].idx + offset
    end = second[-1].idx + len(second[-1]) + offset
    text = doc.text[start - offset : end - offset]
    return Mention(text, start, end, " and ".join(names), None, "unknown", subject.lower_, named=True, plural=True)


def _company_name(name: str) -> bool:
    """A name shaped as a company's: more than one word, a company word last, no given name first."""
    words = name.split(" ")
    return len(words) > 1 and words[-1].lower() in COMPANY_WORDS and not is_given_name(words[0])


def _short_for_organisation(word: str, labels: Mapping[str, str]) -> bool:
    """Whether a one-word name (lower case) is an organisation's by the article's labels, or the first word of an
    organisation's longer name there ("Brightwave" after "Brightwave Energy"), and no person's name."""
    if labels.get(word) == "ORG":
        return True
    if labels.get(word) == "PERSON":
        return False
    return any(label == "ORG" and name.startswith(word + " ") for name, label in labels.items())


def _who_clause(head: Token) -> bool:
    """A common noun with a relative clause on "who" ("a porter who asked not to be named"): "who" is said of a
    person only, so the noun is one whatever word it is."""
    return head.pos_ == "NOUN" and any(
        clause.dep_ == "relcl" and any(t.lower_ in {"who", "whom"} and t.head == clause for t in clause.children)
        for clause in head.rights
    )


def _name_set_off(subject: Token, labels: Mapping[str, str]) -> list[Token] | None:
    """ "Her brother, José dos Santos, said": a person's name set off by commas right after a person noun, which
    the parser did not read as an apposition because a lowercase particle of the name looked like a verb to it.
    The words between the commas are capitalised words and name particles only, with a person among them."""
    if subject.lemma_.lower() not in PERSON_NOUNS | OFFICE_TITLES:
        return None
    doc = subject.doc
    comma = _np_tokens(subject)[-1].i + 1
    if comma >= len(doc) or doc[comma].text != ",":
        return None
    end = next((t.i for t in doc[comma + 1 : comma + 7] if t.text == ","), None)
    if end is None or end - comma < 3:
        return None
    words = list(doc[comma + 1 : end])
    if _one_organisation(words, labels):
        return words  # "Brandt's lawyers, Marlow & Finch, said": a firm's name the parser joined to the role
    particles = [t for t in words if _particle(t)]
    if not particles or not all(t in particles or (t.text.istitle() and t.is_alpha) for t in words):
        return None
    return words if _person_entity(words, labels) is not None else None


def _people_listed(appos: Token) -> list[Token] | None:
    """The words of people's names joined by "and" in an apposition ("Amal Clooney and Ken Lee", "Rafael and Lucía
    Moreno"): proper nouns only, with a person the recogniser found among them; None otherwise."""
    joined = [c for c in appos.children if c.dep_ == "conj" and c.i > appos.i]
    if not joined or not any(c.dep_ == "cc" and c.lower_ == "and" for c in appos.children):
        return None
    words = [t for t in appos.doc[appos.left_edge.i : joined[-1].right_edge.i + 1] if not t.is_space]
    if not all(t.pos_ == "PROPN" or t.lower_ == "and" or t.text == "," or _particle(t) for t in words):
        return None
    return words if any(t.ent_type_ == "PERSON" for t in words) else None


def _one_organisation(words: list[Token], labels: Mapping[str, str]) -> bool:
    """Whether ``words`` are exactly one name the recogniser tagged an organisation (and the article's votes do not
    make a person)."""
    orgs = _org_spans(words, labels)
    return (
        len(orgs) == 1
        and _entity_label(orgs[0], labels) == "ORG"
        and (orgs[0].start, orgs[0].end) == (words[0].i, words[-1].i + 1)
        and _person_entity(words, labels) is None
    )


def _role_as_proper_noun(subject: Token) -> bool:
    """ "the new MP", "the Prime Minister": a head the tagger took for a proper noun that is a person's office or
    role word, or a seat's letters ("MP"), led by an article or possessive: a description, not a name."""
    bare = subject.text.lower()
    role = bare in PERSON_NOUNS or bare in OFFICE_TITLES or (subject.text.isupper() and bare in POST_NOMINALS)
    led = any(c.dep_ in {"det", "poss"} for c in subject.children)
    return subject.pos_ == "PROPN" and role and led and not _person_entity([subject], {})


def _capitalised_office(tokens: list[Token], head: Token) -> bool:
    """ "The Prime Minister", "the Foreign Secretary": "the", then capitalised words only, ending in an office or a
    person's role the tagger read as a proper noun; no name among them."""
    if len(tokens) < 2 or tokens[0].lower_ != "the" or head is not tokens[-1] or not _role_as_proper_noun(head):
        return False
    return all(t.text.istitle() and t.is_alpha and not t.ent_type_ for t in tokens[1:])


def _member_for_seat(tokens: list[Token], head: Token) -> bool:
    """ "The MP for Hexham": "the" before a member's letters ("MP", "MEP"), a description of a person as "the
    member" is, for coreference to name the member the article gave that seat; no acronym of a body."""
    return tokens[0].lower_ == "the" and head.text.isupper() and head.lower_ in _MEMBER_TITLES and head.i > tokens[0].i


# A member's letters, written where a person's noun would be ("the MP for Hexham").
_MEMBER_TITLES = frozenset({"mp", "mep", "msp", "mla"})


def _body_in_apposition(appos: Token, labels: Mapping[str, str]) -> list[Token] | None:
    """The words of an apposition that is an organisation's name ("the Bank of Valdora", "Deutsche Bank"):
    capitalised words, with "of" or "and" between them, after an optional article, which the article's votes label
    ORG; else None."""
    words = _np_tokens(appos)
    names = words[1:] if words and words[0].dep_ == "det" else words
    capital = [t.pos_ == "PROPN" and t.text[:1].isupper() for t in names]
    # "Bank of X", "Marks and Y", "Linden & Vale"
    linking = [t.pos_ in {"ADP", "CCONJ", "DET"} and (t.is_lower or t.text == "&") for t in names]
    if not names or not (capital[0] and capital[-1] and all(c or w for c, w in zip(capital, linking, strict=True))):
        return None
    if _person_entity(names, labels) is not None or not _org_spans(names, labels):
        return None
    return words


def _kind_then_name(subject: Token, appos: Token) -> bool:
    """A body's noun with a proper noun right after it, no comma between ("oil company Petroperu"): the name."""
    lemma = subject.lemma_.lower()
    return (
        appos.pos_ == "PROPN"
        and appos.left_edge.i == subject.i + 1
        and subject.pos_ == "NOUN"
        and (lemma in ORG_NOUNS or lemma in _COMPANY_KINDS)
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
    tokens = [t for t in doc[subject.left_edge.i : _np_tokens(last)[-1].i + 1] if not t.is_space]
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
    text = doc.text[start - offset : end - offset]
    bodies = _org_spans(tokens, labels)
    kind: SpeakerKind = "organisation" if bodies and not _person_entity(tokens, labels) else "unknown"
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


def appositive_role(head: Token, labels: Mapping[str, str]) -> str | None:
    """The role an apposition gives a name ("Kristjan Tamm, a former minister,"): for the speaker, and for a person
    the narration names, so a later "the former minister" knows whom it means; or the office the name is itself in
    apposition to ("The mayor of Carrick, Denise Oyelaran, faced questions"). "(R-Ind.)" is no role, nor an age
    ("Smith, 54, said")."""
    appos = _appositive(head)
    office = head.head
    if office.dep_ == "pobj" and office.head.dep_ == "prep" and office.head.head.i < office.i:
        office = office.head.head  # the parser hangs the name on the place: "The mayor of Carrick, Denise ..."
    if (
        appos is None
        and head.dep_ == "appos"
        and office.i < head.i
        and (office.pos_ == "NOUN" or _role_as_proper_noun(office))  # "The Foreign Secretary, Anna Reyes,"
        and office.lemma_.lower() in PERSON_NOUNS | OFFICE_TITLES
        and head.doc[head.left_edge.i - 1].text == ","
    ):
        tokens = _np_tokens(office)
        return _role_text(tokens, _org_spans(tokens, labels))
    if appos is None or head.doc[appos.left_edge.i - 1].text == "(" or _is_age(appos):
        return None
    tokens = _np_tokens(appos)
    return _role_text(tokens, _org_spans(tokens, labels))


def _names_the_role(subject: Token, appos: Token, labels: Mapping[str, str]) -> bool:
    """ "The Pentagon spokesman, John Kirby, said", "A spokeswoman, Nadia Benali, said": the apposition names the
    person the subject describes. A name the recogniser missed counts when the subject is a person's role and the
    apposition is two to four capitalised proper nouns."""
    tokens = _np_tokens(appos)
    if _person_entity(tokens, labels):
        return True
    capitalised = all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tokens)
    if len(tokens) == 1 and capitalised and _relative_of_someone(subject):
        # "His younger brother, Dilwyn, said": a relative is introduced by the given name alone.
        return True
    if subject.lemma_.lower() not in PERSON_NOUNS | OFFICE_TITLES:
        return False
    return (capitalised and 2 <= len(tokens) <= 4) or _styled_name(tokens)


def _styled_name(tokens: list[Token]) -> bool:
    """ "The Archbishop of York, the Most Rev Samuel Adeyemi,", "Plaid Cymru's leader, Rhodri ap Dafydd,": a name
    the recogniser missed, behind an article and a style or rank, or with a particle inside; what is left after
    them is two to four capitalised proper nouns."""
    words = [t for t in tokens if not (t.i == tokens[0].i and t.lower_ == "the")]
    titles, rest = split_leading_titles([t.text for t in words])
    named = [t for t in words[len(titles) :] if not _particle(t)]
    if not titles and (len(words) < len(tokens) or len(named) == len(rest)):
        return False  # "the Daily Courier" is a body's name; a bare name needs its particle to be missed
    return (
        len(rest) >= 2
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.is_alpha for t in named)
        and 2 <= len(named) <= 4
    )


# Family relations: "his brother", "the dead man's widow" are people, introduced by their given name alone.
KIN_NOUNS: frozenset[str] = frozenset(
    {"mother", "father", "son", "daughter", "wife", "husband", "sister", "brother", "grandmother", "grandfather",
     "grandson", "granddaughter", "uncle", "aunt", "cousin", "niece", "nephew", "widow", "widower", "stepson",
     "stepdaughter", "stepmother", "stepfather", "sibling", "twin"}
)  # fmt: skip


def _relative_of_someone(subject: Token) -> bool:
    """A kinship noun with a possessor ("her brother", "Harold's widow")."""
    return subject.lemma_.lower() in KIN_NOUNS and any(c.dep_ == "poss" for c in subject.children)


# Person nouns that also describe a country, company or other body ("Turkey, a NATO member", "its partner KPMG",
# "host Qatar"): they say nothing about whether a name is a person's.
_ALSO_BODIES = frozenset(
    {"member", "partner", "host", "leader", "owner", "founder", "supporter", "critic", "neighbor", "candidate",
     "nominee", "source", "victim", "survivor", "user", "customer", "democrat", "republican", "deputy", "vice",
     "speaker", "general", "chief", "executive", "premier"}
)  # fmt: skip


def described_as_person(name: Span) -> bool:
    """Whether the words around a name make it a person's, whatever label the recogniser gave it ("Dwi Ayu
    Lestari", "Sutrisno" tagged ORG or GPE): an apposition giving an age or a noun only a person can be
    ("Suparmi, 48,", "Dwi Ayu Lestari, an epidemiologist at ..."), or such a noun written right before a name of two
    words or more ("mayor Gergely Karácsony")."""
    if any(_person_apposition(appos) for appos in name.root.rights) or _referred_to_as_person(name):
        return True
    run = _name_run_start(name)
    if run == 0 or name.end - run < 2:
        return False
    before = name.doc[run - 1]
    return before.pos_ == "NOUN" and before.is_lower and _person_only(before, by_suffix=False)


_PERSONAL_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "herself": "f"}


def _referred_to_as_person(name: Span) -> bool:
    """ "Rebecca Thornbury, the Democrat, told a crowd that she would ...": a given name of one gender, then a
    capitalised surname, and later in the sentence a "she" or "her" of that gender and no other person for it to
    mean; an organisation is never "she". Names of a company word ("John Lewis Partners") stay organisations."""
    words = list(name)
    if not 2 <= len(words) <= 4 or not all(t.text.istitle() and t.is_alpha for t in words):
        return False
    if any(t.lower_ in COMPANY_WORDS or t.lower_ in ORG_NOUNS for t in words):
        return False
    gender = given_name_gender(name.text)
    if gender is None:
        return False
    sent = name.root.sent
    if any(e.label_ == "PERSON" and e != name for e in sent.ents):
        return False
    return any(_PERSONAL_PRONOUN_GENDER.get(t.lower_) == gender for t in sent if t.i >= name.end)


def _person_apposition(appos: Token) -> bool:
    """An apposition, not in brackets, that gives an age or a noun only a person can be."""
    if appos.dep_ != "appos" or appos.doc[appos.left_edge.i - 1].text == "(":
        return False
    return _is_age(appos) or (appos.pos_ == "NOUN" and _person_only(appos, by_suffix=True))


def _person_only(noun: Token, *, by_suffix: bool) -> bool:
    """A common noun for a person that no organisation or country is called ("mayor"; not "member", nor a body's
    noun); ``by_suffix`` takes any "-ist" or "-ian" ("epidemiologist", "historian"), safe only where the noun heads
    a phrase of its own (before a name "centrist" or "Christian" is an adjective the tagger took for a noun)."""
    lemma = noun.lemma_.lower()
    if lemma in ORG_NOUNS or lemma in _ALSO_BODIES:
        return False
    return lemma in PERSON_NOUNS or lemma in OFFICE_TITLES or (by_suffix and lemma.endswith(("ist", "ian")))


def _name_run_start(name: Span) -> int:
    """Where the name starts, counting capitalised proper nouns the recogniser left out before it ("Gergely" of
    "Gergely Karácsony" when only the surname was tagged)."""
    doc = name.doc
    start = name.start
    while start > 0 and _untagged_name_word(doc[start - 1], name):
        start -= 1
    return start


def _untagged_name_word(tok: Token, name: Span) -> bool:
    return (
        _capitalised(tok)
        and not tok.ent_type_
        and tok.dep_ == "compound"
        and name.start <= tok.head.i < name.end
        and _bare(tok) not in HONORIFICS | OFFICE_TITLES
    )


def described_as_organisation(head: Token) -> bool:
    """An apposition that calls the speaker a body ("Friends of Reddish Library, a campaign group, said")."""
    return any(
        appos.dep_ == "appos"
        and appos.pos_ == "NOUN"
        and appos.lemma_.lower() in ORG_NOUNS
        and appos.lemma_.lower() not in PERSON_NOUNS
        for appos in head.rights
    )


def _is_age(appos: Token) -> bool:
    """An apposition that is only a number: a person's age in news style."""
    return all(t.like_num for t in _np_tokens(appos))


def _person_entity(tokens: list[Token], labels: Mapping[str, str]) -> Span | None:
    if not tokens:
        return None
    doc = tokens[0].doc
    lo, hi = tokens[0].i, tokens[-1].i + 1
    people = [e for e in doc.ents if e.start < hi and e.end > lo and _entity_label(e, labels) == "PERSON"]
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
        _particle(doc[start - 1])
        or _person_piece(doc[start - 1])
        or _left_out_name_word(doc[start - 1], start, end)
        or _given_before_particle(doc[start - 1], doc[start])
    ):
        start -= 1
    while end < hi and (
        _particle(doc[end]) or _person_piece(doc[end]) or (_particle(doc[end - 1]) and _capitalised(doc[end]))
    ):
        end += 1
    while end + 1 < hi and _hyphenated_syllable(doc, end):
        end += 2  # "Lau Suk" + "-yee": a Cantonese given name the recogniser cut at its hyphen
    if (end, start) != (person.end, person.start):
        while start - 1 >= lo and _name_compound(doc[start - 1], start, end):
            start -= 1  # "Regina Ip" before "Lau Suk-yee": the rest of the name the parser hangs on it
    while end - 1 > start and (_particle(doc[end - 1]) or doc[end - 1].like_num or doc[end - 1].is_punct):
        end -= 1  # a name never ends on a particle, nor on the score the recogniser ran on into ("Monfils 6-4")
    if _only_titles(doc[start:end]):  # "Det Con Sian Hughes": the recogniser tagged the rank ("Det") as the person
        while end < hi and doc[end].pos_ == "PROPN" and _capitalised(doc[end]):
            end += 1  # the name follows it
    return person if (start, end) == (person.start, person.end) else doc[start:end]


def _only_titles(span: Span) -> bool:
    """Whether every word of ``span`` is an honorific, rank or office ("Det", "Det Con"): no name yet."""
    return all(_bare(t) in HONORIFICS | OFFICE_TITLES or _ranked_by_neighbour(t) for t in span)


def _ranked_by_neighbour(tok: Token) -> bool:
    """A word that is a rank by the rank beside it ("Con" of "Det Con", "Ch" of "Ch Insp")."""
    doc = tok.doc
    before = doc[tok.i - 1].text if tok.i > 0 else ""
    return rank_by_neighbour(before, tok.text, doc[tok.i + 1].text if tok.i + 1 < len(doc) else "")


def _left_out_name_word(tok: Token, start: int, end: int) -> bool:
    """A capitalised word the recogniser left out of the name it modifies: a known given name ("Gergely" before
    "Karácsony"), or a function word that only a name would capitalise in mid-sentence ("Do" of "minister Do Hung
    Viet", "He" of "He Lifeng")."""
    if not (tok.text.istitle() and tok.is_alpha and not tok.ent_type_ and tok.dep_ == "compound"):
        return False
    if not start <= tok.head.i < end or _bare(tok) in HONORIFICS | OFFICE_TITLES:
        return False
    if tok.is_stop:  # whatever the tagger made of it
        return not tok.is_sent_start
    return tok.pos_ == "PROPN" and is_given_name(tok.text)


def _given_before_particle(tok: Token, nxt: Token) -> bool:
    """ "Maria dos Santos": a known given name before the particle that opens a family name is the name's first
    word, whatever label the recogniser gave it."""
    return _particle(nxt) and tok.text.istitle() and tok.is_alpha and is_given_name(tok.text)


def _particle(tok: Token) -> bool:
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


def _hyphened_on(tok: Token, head: Token) -> bool:
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


def _capitalised(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text.istitle() and tok.is_alpha


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
    if not (tok.pos_ == "PROPN" and tok.text.istitle() and tok.is_alpha) or _bare(tok) in ROLE_WORDS | HONORIFICS:
        return False
    return (tok.dep_ == "compound" and start <= tok.head.i < end) or is_given_name(tok.text)


def _person_piece(tok: Token) -> bool:
    return tok.ent_type_ == "PERSON" and _capitalised(tok)


def _org_spans(tokens: list[Token], labels: Mapping[str, str]) -> list[Span]:
    if not tokens:
        return []
    doc = tokens[0].doc
    lo, hi = tokens[0].i, tokens[-1].i + 1
    return [e for e in doc.ents if e.start < hi and e.end > lo and _entity_label(e, labels) in _ORG_LABELS]


# Party labels written before a politician's name ("Republican Brian Holt"): a description, not a name.
_PARTY_WORDS = frozenset({"republican", "democrat", "democratic", "labour", "conservative", "tory", "liberal", "green"})


def _person_inside_org(orgs: list[Span]) -> Span | None:
    """A person's name the recogniser folded into an organisation with the words before it ("Shop owner Nadia
    Haddad", "Republican Brian Holt", "Committee chair Rhiannon Price-Davies"): a given name and a capitalised
    surname ending the entity, after a lowercase role word or a party label; the given name must be a known one
    unless the role is an office or a person noun. "Bank of America Merrill Lynch" stays an organisation."""
    for org in orgs:
        doc = org.doc
        # The surname is the last word, or the last three tokens of a double-barrelled one ("Price-Davies").
        last = 3 if len(org) >= 4 and org[-2].text == "-" and org[-3].is_alpha else 1
        first = org.end - last - 1  # the given name
        if first < org.start or first < 1:
            continue
        before, given, surname = doc[first - 1], doc[first], org[-1]
        if not (given.text.istitle() and surname.text.istitle() and given.is_alpha and surname.is_alpha):
            continue
        role = before.is_lower and before.lemma_.lower() in PERSON_NOUNS | OFFICE_TITLES  # "chair", "spokesman"
        if not (role or is_given_name(given.text)):
            continue
        if role or before.lower_ in _PARTY_WORDS or (before.is_lower and _person_role_word(before)):
            return doc[first : org.end]
    return None


def _person_role_word(word: Token) -> bool:
    """A lowercase word that describes a person ("owner", "nurse", "spokesman"), not a kind of company ("bank",
    "carrier", "drugmaker": "drugmaker Eli Lilly" is a company)."""
    lemma = word.lemma_.lower()
    if lemma in ORG_NOUNS or lemma.endswith("maker"):
        return False
    return lemma in PERSON_NOUNS or lemma in OFFICE_TITLES or lemma.endswith(("er", "or", "ist", "ian", "nurse"))


def company_shaped(ent: Span) -> bool:
    """A name the recogniser called a person that is a company's: it ends in a company word or follows the kind of
    body it is, and starts with no given name ("Halvorsen Shipping", "passenger group Transport Focus"), or is one
    word after the kind of company it is ("airport operator Fraport", "shipping group Halvorsen")."""
    words = ent.text.split()
    if _owned(ent) or _its_own_words(ent.root) or _has_officer(ent):
        return True
    if len(words) > 1 and (words[-1].lower() in COMPANY_WORDS or _after_body_kind(ent)):
        return not is_given_name(words[0])
    if len(words) > 1:
        return False
    return _after_body_kind(ent) or _company_in_apposition(ent)


def _company_in_apposition(ent: Span) -> bool:
    """ "Lumora, the Oslo-based maker of e-ink tablets, unveiled ...": a one-word name whose apposition is a
    body's noun or the kind of company it is; no person is a "maker of tablets" or an "operator of trains"."""
    for appos in ent.root.rights:
        if appos.dep_ != "appos" or appos.pos_ != "NOUN" or appos.i > ent.end + 8:
            continue
        lemma = appos.lemma_.lower()
        return (lemma in ORG_NOUNS and lemma not in PERSON_NOUNS) or (
            lemma in _COMPANY_KINDS - _ALSO_PEOPLE
            and any(c.dep_ == "prep" and c.lower_ == "of" for c in appos.children)
        )
    return False


# Kinds of company that are also people's trades ("the producer of the film", "a developer of apps").
_ALSO_PEOPLE = frozenset({"producer", "developer"})


def _acronym_word(tok: Token) -> bool:
    """ "HMRC said", "KCNA reported": a word of two to six capitals in a sentence written in lower case is an
    acronym, a body's name, as no person is written in running text; a transcript's "PENCE:" heads a colon."""
    if not (tok.is_alpha and tok.is_upper and 2 <= len(tok) <= 6):
        return False
    if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == ":":
        return False
    return any(t.is_alpha and t.is_lower for t in tok.sent)


def _after_body_kind(ent: Span) -> bool:
    """A name right after the lowercase noun for the kind of body it is ("airport operator Fraport", "passenger
    group Transport Focus"): a body's, as a person is never written after "group" or "operator"."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is None or not before.is_lower or before.pos_ != "NOUN":
        return False
    lemma = before.lemma_.lower()
    return (lemma in ORG_NOUNS and lemma not in PERSON_NOUNS) or lemma in _COMPANY_KINDS or lemma.endswith("maker")


# A company's officers, written after its name ("Lumora chief executive", "Tessaro's chief operating officer"): no
# person has a chief executive.
_OFFICER_ABBREVIATIONS = frozenset({"ceo", "cfo", "coo", "cto"})


def _has_officer(ent: Span) -> bool:
    """A name written beside a company officer's title: after it, with or without "'s" ("Lumora chief executive",
    "Lumora's chief operating officer"), or before it with "of" ("chief executive of Lumora", "CEO of Lumora")."""
    doc = ent.doc
    i = ent.end + (ent.end < len(doc) and doc[ent.end].lower_ in {"'s", "’s"})
    if _officer([t.lower_ for t in doc[i : i + 4]]):
        return True
    if ent.start < 2 or doc[ent.start - 1].lower_ != "of":
        return False
    before = [t.lower_ for t in doc[max(0, ent.start - 5) : ent.start - 1]]
    return any(_officer(before[k:]) and before[-1] in {"ceo", "cfo", "coo", "cto", "executive", "officer", "director"}
               for k in range(len(before)))  # fmt: skip


def _officer(words: list[str]) -> bool:
    """Whether ``words`` open with a company officer's title."""
    if not words:
        return False
    if words[0] in _OFFICER_ABBREVIATIONS or words[:2] in (["chief", "executive"], ["managing", "director"]):
        return True
    return words[0] == "chief" and "officer" in words[2:4]


# Participles of ownership before a name: "state-owned", "state-controlled", "government-run", "Nasdaq-listed".
_OWNERSHIP = frozenset({"own", "control", "run", "list"})
_OWNERS = frozenset({"state", "government"})


def _owned(ent: Span) -> bool:
    """A name described as owned, as a body is and a person never is: after "state-owned", "government-run", or
    "state" before the kind of body it is ("State miner Erdenes Tavan Tolgoi", "state oil firm NNPC"; not "state
    senator Jane Roe", a person's office)."""
    doc = ent.doc
    lo = min(ent.root.left_edge.i, ent.start)
    if ent.start > 0 and (noun := doc[ent.start - 1]).pos_ == "NOUN" and noun.right_edge.i == noun.i:
        lo = min(lo, noun.left_edge.i)  # "state-controlled oil company Petrobras", the parser's two subjects
    before = [t for t in doc[lo : ent.start] if not t.is_punct]
    for k, tok in enumerate(before):
        if tok.tag_ == "VBN" and tok.lemma_.lower() in _OWNERSHIP and tok.i > 0 and doc[tok.i - 1].text == "-":
            return True
        if tok.lower_ in _OWNERS and k + 1 < len(before):
            nxt = before[k + 1]
            if nxt.pos_ == "NOUN" and nxt.is_lower and nxt.lemma_.lower() not in PERSON_NOUNS | OFFICE_TITLES:
                return True
    return False


def _its_own_words(name: Token) -> bool:
    """ "SK Hynix said that its quarterly profit had doubled": a name (``name`` its head) whose reported clause
    opens with "its", which can only mean the speaker, is a body's, not a person's."""
    verb = name.head
    if name.dep_ != "nsubj" or verb.pos_ != "VERB":
        return False
    for clause in verb.children:
        if clause.dep_ != "ccomp" or clause.i < verb.i:
            continue
        first = next((t for t in clause.subtree if not (t.dep_ == "mark" or t.is_punct)), None)
        return first is not None and first.lower_ == "its" and first.dep_ == "poss"
    return False


def person_noun(tok: Token) -> bool:
    """A common noun for a person ("nurse", "spokesman", "paramedic")."""
    return tok.lemma_.lower() in PERSON_NOUNS


def _is_named(head: Token, labels: Mapping[str, str]) -> bool:
    return head.pos_ == "PROPN" or bool(_person_entity([head], labels))


def _gender(tokens: list[Token]) -> str | None:
    return next((GENDERED_HONORIFICS[b] for b in map(_bare, tokens) if b in GENDERED_HONORIFICS), None)


def mention_from_tokens(tokens: list[Token], offset: int, labels: Mapping[str, str], extra_role: str | None) -> Mention:
    """The mention these words make: a pronoun to resolve, a person (name split from titles and role), an
    organisation ("the Iraqi military", "the Pentagon"), or a description ("the spokesman", "a source")."""
    doc = tokens[0].doc
    start, end = tokens[0].idx + offset, tokens[-1].idx + len(tokens[-1].text) + offset
    text = doc.text[start - offset : end - offset]
    head = max(tokens, key=lambda t: (t.head not in tokens or t.head == t, t.i))
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
    if _epithet(tokens, head):  # before any name: the recogniser takes "the Briton" for one
        name = _phrase_name(tokens, text)
        return Mention(text, start, end, name, extra_role, "person", head_word, description=True, epithet=True)
    gender = _gender(tokens)
    person = _person_entity(tokens, labels)
    orgs = _org_spans(tokens, labels)
    if person is None and (inside := _person_inside_org(orgs)) is not None:
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
        role_tokens, name = _split_name(name_tokens)
        before = [t for t in tokens if t.i < person.start] + role_tokens
        role = _join_roles(_role_text(before, orgs), extra_role)
        titles = title_words([t.text for t in before])
        head_name = name.split(" ")[-1].lower()
        return Mention(text, start, end, name, role, "person", head_name, named=True, gender=gender, titles=titles)
    if (
        (_bare(tokens[0]) in GENDERED_HONORIFICS or _ranked_given_name(tokens))
        and len(tokens) >= 2
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tokens[1:])
    ):
        # "Ms Rangitaki said", "Ch Supt Marcus Venn said": a courtesy title, or ranks before a known given name,
        # make it a person's name, whatever label the recogniser gave it (a body is never "Ms" nor "Ch Supt").
        role_tokens, name = _split_name(tokens)
        titles = title_words([t.text for t in role_tokens])
        head_name = name.split(" ")[-1].lower()
        return Mention(text, start, end, name, extra_role, "person", head_name, named=True, gender=gender,
                       titles=titles)  # fmt: skip
    head_in_org = any(e.start <= head.i < e.end for e in orgs)
    name = _phrase_name(tokens, text)
    definite = tokens[0].lower_ in _DEFINITE and head.pos_ != "PROPN" and not head_in_org
    if head_in_org or head_word in ORG_NOUNS or (definite and head_word in _COMPANY_KINDS and _ranked(tokens, head)):
        name = _without_descriptor(tokens, head) or _described_body(tokens, head, orgs) or name
        # A named organisation is one whatever its last word ("Barrow Homes", "United Airlines").
        return Mention(text, start, end, name, extra_role, "organisation", head_word, description=definite,
                       named=bool(orgs) or head.pos_ == "PROPN", plural=plural and head.pos_ != "PROPN",
                       ranked=definite and (_ranked(tokens, head) or _under_umbrella(tokens, head)))  # fmt: skip
    if _capitalised_office(tokens, head) or _member_for_seat(tokens, head):
        # "The Prime Minister said": an office written with capitals is a description as "the prime minister" is,
        # for coreference to name its holder, not a person called "Minister".
        name = _phrase_name(tokens, text)
        return Mention(text, start, end, name, extra_role, "person", head.lower_, description=True, gender=gender)
    known_surname = head.text[:1].isupper() and labels.get(head.lower_) == "PERSON"
    if head.pos_ == "PROPN" or (known_surname and len(tokens) == 1):
        # A proper name the model did not tag (or, for a surname the article gave a person, tagged a common noun):
        # take the run of proper nouns ending at the head as the name.
        run = [t for t in tokens if t.i <= head.i]
        while run and run[0].pos_ != "PROPN" and run[0] is not head and not _hyphened_on(run[0], head):
            run.pop(0)
        before = [t for t in tokens if t.i < (run[0].i if run else head.i)]
        if (
            head.pos_ == "PROPN"
            and not any(t.ent_type_ == "PERSON" for t in tokens)
            and (
                _its_own_words(head)
                or (len(run) > 1 and labels.get(run[0].lower_) == "ORG")
                or (len(run) == 1 and (_short_for_organisation(head.lower_, labels) or _acronym_word(head)))
                or (len(run) > 1 and run[-1].lower_ in COMPANY_WORDS and not is_given_name(run[0].text))
            )
        ):
            # A name the recogniser left untagged whose words say "its", that opens with an organisation's name
            # the article gave ("Samsung Electronics" after "Samsung"), is one or opens one ("Brightwave" after
            # "Brightwave Energy"), is an acronym ("HMRC said") or ends in a company word: a body's.
            return Mention(text, start, end, name, extra_role, "organisation", head_word, named=True)
        role_tokens, run_name = _split_name(run) if run else ([], "")
        role = _join_roles(_role_text(before + role_tokens, orgs), extra_role)
        name = run_name or name
        titles = title_words([t.text for t in before + role_tokens])
        return Mention(text, start, end, name, role, "person", head_word, named=True, gender=gender, titles=titles)
    kind: SpeakerKind = "person" if head_word in PERSON_NOUNS else "unknown"
    return Mention(text, start, end, name, extra_role, kind, head_word, description=definite, gender=gender,
                   plural=plural)  # fmt: skip


_POSSESSIVE_PRONOUNS = {"his": "he", "her": "she"}
_POSSESSOR_AS_SUBJECT = {"his": "he", "their": "they", "its": "it"}


def stated_age(name: Span) -> str | None:
    """The age an article gives a person where it names them: "Kai Mensah, 19, scored" or "the 19-year-old Kai
    Mensah"; None when it gives none. A later "the 19-year-old said" means that person."""
    doc, end, start = name.doc, name.end, name.start
    set_off = end + 2 == len(doc) or (end + 2 < len(doc) and doc[end + 2].text in {",", ".", ";", ")"})
    if set_off and doc[end].text == "," and _AGE_NUMBER.match(doc[end + 1].text):
        return doc[end + 1].text
    if start >= 5 and _AGE.match(doc[start - 5 : start].text):
        return doc[start - 5].text
    return None


_AGE_NUMBER = re.compile(r"^[1-9]\d?\d?$")


def _ranked_given_name(tokens: list[Token]) -> bool:
    """ "Ch Supt Marcus Venn": honorifics and ranks only (no office) before a known given name and a surname."""
    words = [t.text for t in tokens]
    titles, rest = split_leading_titles(words)
    ranks = honorifics_and_ranks(words, len(titles))
    return bool(titles) and ranks and len(rest) == 2 and is_given_name(rest[0])


def _ranked(tokens: list[Token], head: Token) -> bool:
    """ "The world's second-largest memory chipmaker", "the Seoul-based lender": a description that ranks an
    organisation (a superlative) or says where it is based, and names nothing else; news style refers so to a
    company just named, never to a new one ("the state news agency" names a kind of body, and is not ranked)."""
    rest = [t for t in tokens if t.i != head.i and not t.is_punct and t.dep_ != "det"]
    based = {t.i for t in rest if t.lower_ == "based" and t.i > 0 and t.doc[t.i - 1].text == "-"}
    place = {t.i - 2 for t in rest if t.i in based}  # "Seoul" of "Seoul-based"
    if not (based or any(t.tag_ == "JJS" for t in rest)):
        return False
    return all(t.i in place or not (t.pos_ == "PROPN" or t.ent_type_ in {"ORG", "PERSON"}) for t in rest)


def _under_umbrella(tokens: list[Token], head: Token) -> bool:
    """ "The UN agency", "the EU body": a body's noun after only the acronym of the union or system it belongs to,
    which news style uses for the member body just named ("The World Health Organization said ... The UN agency
    added"), never to introduce a new one."""
    rest = [t for t in tokens if not (t.is_punct or t.dep_ == "det")]
    if len(rest) != 2 or rest[1] is not head or head.pos_ != "NOUN":
        return False
    acronym = rest[0]
    return acronym.ent_type_ == "ORG" and acronym.text.isupper() and acronym.is_alpha and 2 <= len(acronym) <= 4


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


def _without_descriptor(tokens: list[Token], head: Token) -> str | None:
    """An organisation's name less the description written before it ("Frankfurt airport operator Fraport",
    "the conservative group Club for Growth"): the words after the last common noun before a proper-noun head."""
    if head.pos_ != "PROPN":
        return None
    nouns = [k for k, t in enumerate(tokens) if t.i < head.i and t.pos_ == "NOUN" and t.is_lower]
    if not nouns or not tokens[nouns[-1] + 1].text[:1].isupper():
        return None
    rest = tokens[nouns[-1] + 1 :]
    return normalize_speaker_name(rest[0].doc.text[rest[0].idx : rest[-1].idx + len(rest[-1].text)])


def _described_body(tokens: list[Token], head: Token, orgs: list[Span]) -> str | None:
    """An organisation's name less the words that describe it before it, none of them a name ("State-owned Korea
    Electric Power Corporation", "the Brazilian state-controlled Petrobras"): the recognised name alone."""
    body = next((e for e in orgs if e.start <= head.i < e.end and e.label_ == "ORG"), None)
    if body is None or body.start <= tokens[0].i:
        return None
    before = [t for t in tokens if t.i < body.start and not (t.is_punct or t.dep_ == "det")]
    if not before or any(t.pos_ == "PROPN" and t.ent_type_ != "NORP" for t in before):
        return None
    return normalize_speaker_name(body.text)


def _phrase_name(tokens: list[Token], text: str) -> str:
    """The words as a speaker's name: without a leading determiner, normalised ("the Iraqi military" -> "Iraqi
    military"); ``text`` (the words as written) when nothing else is left."""
    body = [t for t in tokens if not (t.dep_ == "det" and t.i == tokens[0].i)]
    return normalize_speaker_name(tokens[0].doc.text[body[0].idx : body[-1].idx + len(body[-1].text)]) if body else text


_AGE = re.compile(r"^\d{1,3}-year-old$")
# Nouns for a person of a nation, which the recogniser may take for a name ("the Briton", "the Frenchman").
DEMONYMS: frozenset[str] = frozenset(
    {"briton", "brit", "englishman", "englishwoman", "scot", "scotsman", "scotswoman", "welshman", "welshwoman",
     "irishman", "irishwoman", "frenchman", "frenchwoman", "dutchman", "dutchwoman", "swede", "dane", "finn",
     "pole", "spaniard", "swiss", "kiwi", "aussie", "australian", "american", "canadian", "italian", "german",
     "austrian", "belgian", "norwegian", "russian", "ukrainian", "serb", "croat", "czech", "greek", "turk",
     "brazilian", "argentine", "argentinian", "colombian", "chilean", "mexican", "uruguayan", "japanese",
     "chinese", "indian", "pakistani", "kenyan", "nigerian", "ethiopian", "moroccan", "egyptian", "ghanaian",
     "portuguese", "hungarian", "romanian", "bulgarian", "slovenian", "slovakian", "georgian", "israeli",
     "iranian", "iraqi", "saudi", "thai", "vietnamese", "filipino", "indonesian", "korean", "new zealander",
     "south african", "jamaican", "cuban", "venezuelan", "peruvian", "ecuadorian", "icelander", "estonian",
     "latvian", "lithuanian", "kazakh", "uzbek", "cameroonian", "senegalese", "ivorian", "tunisian", "algerian"}
)  # fmt: skip
# Common nouns by which sports and feature writing refer back to the person just named ("said the veteran").
EPITHET_NOUNS: frozenset[str] = frozenset(
    {"veteran", "teenager", "youngster", "champion", "rookie", "debutant", "newcomer", "striker", "midfielder",
     "winger", "defender", "goalkeeper", "keeper", "playmaker", "left-hander", "right-hander", "skipper", "batter",
     "batsman", "bowler", "pitcher", "quarterback", "sprinter", "swimmer", "cyclist", "golfer", "boxer", "jockey"}
)  # fmt: skip


def _epithet(tokens: list[Token], head: Token) -> bool:
    """ "said the 36-year-old", "the Swede told Sky Sports": a definite age or nationality standing for the person
    the article was just about (sports and feature style), never an organisation or a name of its own."""
    first = tokens[0]
    if head.tag_ in {"NNS", "NNPS"} and not _one_of_a_nation(tokens, head):
        return False
    if first.lower_ != "the":  # "the 34-year-old said", its "the" hung on the verb by the parser
        article = first.doc[first.i - 1] if first.i > 0 else None
        return article is not None and article.lower_ == "the" and bool(_AGE.match(_words(tokens)))
    nationality = 2 <= len(tokens) <= 3 and all(t.ent_type_ == "NORP" for t in tokens[1:])
    return bool(_AGE.match(_words(tokens[1:]))) or nationality or _called(tokens, head)


def _one_of_a_nation(tokens: list[Token], head: Token) -> bool:
    """ "The Portuguese said his players ...": a nationality noun the same in both numbers ("Portuguese",
    "Japanese", "Swiss"), which the tagger calls plural, is one person when what follows the verb opens with
    "he", "she", "his" or "her"."""
    if len(tokens) != 2 or head.lower_ not in DEMONYMS or not head.lower_.endswith(("ese", "ss")):
        return False
    verb = head.head
    following = [t for t in verb.doc[verb.i + 1 : verb.i + 3] if t.lower_ != "that"]
    return head.dep_ == "nsubj" and bool(following) and following[0].lower_ in {"he", "she", "his", "her"}


# Playing positions written with a hyphen ("scrum-half", "fly-half", "full-back", "centre-forward").
_POSITION = re.compile(r"^[a-z]+-(?:half|back|forward)$")


def _called(tokens: list[Token], head: Token) -> bool:
    """ "the Briton", "the veteran", "the young Dane", "the scrum-half": a nationality noun, a sports epithet or a
    playing position heading a short definite phrase."""
    if _POSITION.match(_words(tokens[1:])) and head is tokens[-1]:
        return True
    if len(tokens) > 3 or head is not tokens[-1]:
        return False
    word = _words(tokens[1:]).lower() if len(tokens) == 3 and tokens[1].text[:1].isupper() else head.lower_
    return word in DEMONYMS or (head.is_lower and head.lemma_.lower() in EPITHET_NOUNS)


def _words(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


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
    ("the daughter of X", "a lawyer for X", "an aide to X"), or by a person's noun the name owns ("Pagliano's
    lawyer"): someone else speaks, about or for the person."""
    if head.pos_ == "NOUN" and head.i >= person.end and person_noun(head):
        return person.root.dep_ == "poss" and person.root.head.i == head.i
    if head.pos_ != "NOUN" or head.i >= person.start:
        return False
    return any(c.dep_ == "prep" and c.lower_ in {"of", "for", "to"} and person.root in c.subtree for c in head.children)


def _split_name(tokens: list[Token]) -> tuple[list[Token], str]:
    """Split a proper-name run into its leading title tokens and the canonical name ("Col. Wayne Marotto")."""
    doc = tokens[0].doc
    first, last = tokens[0], tokens[-1]
    words = [(m.start() + first.idx, m.group()) for m in _WORD.finditer(doc.text[first.idx : last.idx + len(last)])]
    titles, _ = split_leading_titles([w for _, w in words])
    taken = len(titles) + (
        not titles and (_opening_role_noun([w for _, w in words], first) or nationality_before_name(tokens))
    )
    name_start = words[taken][0] if taken < len(words) else first.idx
    name = normalize_speaker_name(doc.text[name_start : last.idx + len(last)])
    if name.isupper() and len(name) > 3:  # "PENCE:" in a transcript
        name = name.title()
    return [t for t in tokens if t.idx < name_start], name


def nationality_before_name(tokens: list[Token]) -> bool:
    """ "the American Zoe Whitfield": a nationality, tagged apart (NORP) or not tagged, before a known given name
    and a surname, describes the person and is no part of the name; an organisation's name that opens with one
    ("American Red Cross") is one entity of its own, so its first word is tagged with the rest."""
    if len(tokens) < 3 or not all(t.text.istitle() for t in tokens[:2]):
        return False
    first, given = tokens[0], tokens[1]
    return (
        first.ent_type_ in {"NORP", ""}
        and first.lower_ in DEMONYMS
        and given.ent_iob_ != "I"
        and is_given_name(given.text)
    )


def _opening_role_noun(words: list[str], first: Token) -> bool:
    """ "Lawyer María José Fernández Ruiz, who ..., said": a noun for a person opening the sentence, capitalised only
    there, before a name of two words or more, is the person's role (unless name lists of several countries know it
    as a given name)."""
    return (
        len(words) >= 3
        and bool(first.is_sent_start)
        and words[0].lower() in PERSON_NOUNS
        and thinly_attested(" ".join(words))
    )


def _join_roles(first: str | None, second: str | None) -> str | None:
    parts = [p for p in (first, second) if p]
    return ", ".join(parts) if parts else None
