"""Person or organisation: the clues around a name that decide its kind whatever label the recogniser gave it (an
age or a person's noun in apposition, a company word or officer, ownership, "its" in its own words)."""

from __future__ import annotations

from collections.abc import Mapping

from spacy.tokens import Span, Token

from extraction.cues import DOCUMENTS, is_speech_verb
from extraction.descriptions import is_age
from extraction.doc_ents import entities, entities_within
from extraction.given_names import given_name_gender, is_given_name
from extraction.name_spans import bare_word, capitalised_name_word, capitalised_word
from extraction.names import HONORIFICS, MEMBER_LETTERS, OFFICE_TITLES
from extraction.speaker_nouns import (
    BODY_KIND_NOUNS,
    COMPANY_KINDS,
    COMPANY_WORDS,
    KIN_NOUNS,
    ORG_NOUNS,
    PARTY_WORDS,
    PEOPLES_COMPANY_KINDS,
    PERSON_NOUNS,
    person_noun,
)


def company_name(name: str) -> bool:
    """A name shaped as a company's: more than one word, a company word last, no given name first."""
    words = name.split(" ")
    return len(words) > 1 and words[-1].lower() in COMPANY_WORDS and not is_given_name(words[0])


def short_for_organisation(word: str, labels: Mapping[str, str]) -> bool:
    """Whether a one-word name (lower case) is an organisation's by the article's labels, or the first word of an
    organisation's longer name there ("Brightwave" after "Brightwave Energy"), and no person's name."""
    if labels.get(word) == "ORG":
        return True
    if labels.get(word) == "PERSON":
        return False
    return any(label == "ORG" and name.startswith(word + " ") for name, label in labels.items())


def who_clause(head: Token) -> bool:
    """A common noun with a relative clause on "who" ("a porter who asked not to be named"): "who" is said of a
    person only, so the noun is one whatever word it is."""
    return head.pos_ == "NOUN" and any(_on_who(clause) for clause in head.rights)


def said_of_as_who(name: Token) -> bool:
    """ "Haddadi, who has run the bakery for 30 years, said": a name with a relative clause on "who" is a person's,
    as a body is "which" or "that" (so is one on "whose" and a kinship noun: "Obi, whose son ..."); not when the
    clause agrees in the plural ("Tarvell, who were relegated"), the British way with a team or a band; nor a
    plural ("Democrats, who ...")."""
    if name.tag_ != "NNP":
        return False
    return any(
        (_on_who(clause) and not any(t.tag_ == "VBP" or t.lower_ in _PLURAL_FORMS for t in _finite_verbs(clause)))
        or _on_whose_kin(clause)
        for clause in name.rights
    )


# Kin a relative clause may give a name ("whose son", "whose children"): only a person has them ("a company whose
# parent group" has a parent, so "parent" is left out).
_WHOSE_KIN = KIN_NOUNS | {"child", "kid", "grandchild"}


def _on_whose_kin(clause: Token) -> bool:
    """ "Obi, whose son took part in the trial, said": a relative clause on "whose" and a kinship noun (rules 41);
    a body has members, shares and staff, but no son or widow."""
    return clause.dep_ == "relcl" and any(
        t.lower_ == "whose" and t.dep_ == "poss" and t.head.lemma_.lower() in _WHOSE_KIN and t.head.head == clause
        for t in clause.subtree
    )


def said_of_as_which(name: Token) -> bool:
    """ "Greenpeace Netherlands, which brought the case, said": a name set off by a relative clause on "which" is a
    body's (or a thing's), as a person is "who", whatever label the recogniser gave it."""
    if name.tag_ not in {"NNP", "NNPS"}:
        return False
    return any(
        clause.dep_ == "relcl"
        and clause.i < name.head.i
        and name.doc[clause.left_edge.i - 1].text == ","
        and any(
            t.lower_ == "which" and t.head == clause and t.dep_ in {"nsubj", "nsubjpass", "dobj"}
            for t in clause.children
        )
        for clause in name.rights
    )


def _finite_verbs(clause: Token) -> list[Token]:
    """The clause's verb and the auxiliaries it takes ("were" of "who were relegated")."""
    return [clause, *(t for t in clause.children if t.dep_ in {"aux", "auxpass"})]


# Forms of "be" and "have" that agree only with a plural subject ("who were", "who are", "who have").
_PLURAL_FORMS = frozenset({"were", "are", "have", "'re"})


def _on_who(clause: Token) -> bool:
    return clause.dep_ == "relcl" and any(t.lower_ in {"who", "whom"} and t.head == clause for t in clause.children)


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
    ("Suparmi, 48,", "Dwi Ayu Lestari, an epidemiologist at ..."), a singular "who" clause after a lone name or one a
    given name opens ("Angus MacLeod, who chairs ...", tagged ORG for its inner capital), or such a noun written right
    before a name of two words or more ("mayor Gergely Karácsony")."""
    if any(_person_apposition(appos) for appos in name.root.rights) or _referred_to_as_person(name):
        return True
    if _names_a_person_noun(name):
        return True  # "TfGM's managing director, Caroline Sheard, said": the name is the director's
    if (len(name) == 1 or is_given_name(name[0].text)) and said_of_as_who(name.root):
        return True  # "Haddadi, who ...", "Angus MacLeod, who chairs ...": not "Harton United, who were ..."
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
    if any(e.label_ == "PERSON" and e != name for e in entities_within(sent)):
        return False
    return any(_PERSONAL_PRONOUN_GENDER.get(t.lower_) == gender for t in sent if t.i >= name.end)


def reports_on_self(ent: Span) -> bool:
    """ "Oyelaran said she had been injured", "Szymanska said the win gave her confidence": a one-word name the
    recogniser took for a body, whose reported clause says "he" or "she" ("his", "her") with no person named before
    it in the paragraph to be meant: a body is "it", so the name is a person's, as an untagged lone name with "he"
    or "she" after it is. The caller makes sure the article named no person before ("Alan Jope will step down ...
    Unilever said he would stay on")."""
    name = ent.root
    verb = name.head
    if len(ent) != 1 or name.dep_ != "nsubj" or verb.pos_ != "VERB" or name.tag_ != "NNP" or name.text.isupper():
        return False
    if any(c.dep_ == "det" for c in name.children):  # "The Times said he ...": no person's name takes "the"
        return False
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if clause is None:
        return False
    pronoun = next((t for t in clause.subtree if t.lower_ in _PERSONAL_PRONOUN_GENDER), None)
    if pronoun is None:
        return False
    return not any(e.label_ == "PERSON" and e.start < pronoun.i and e.root != name for e in entities(name.doc))


def _names_a_person_noun(name: Span) -> bool:
    """ "TfGM's managing director, Caroline Sheard,", "The Asantehene's representative, Nana Owusu Agyeman,": a name
    set off after a noun only a person can be is that person's, though the recogniser (after a body's name) took it
    for a body's; "The maker, Kelvo Appliances," follows a company's noun, no person's."""
    root = name.root
    noun = root.head
    if root.dep_ != "appos" or noun.i >= name.start or noun.pos_ != "NOUN":
        return False
    between = name.doc[noun.i + 1 : name.start]
    return [t.text for t in between] == [","] and _person_only(noun, by_suffix=True)


def _person_apposition(appos: Token) -> bool:
    """An apposition, not in brackets, that gives an age or a noun only a person can be."""
    if appos.dep_ != "appos" or appos.doc[appos.left_edge.i - 1].text == "(":
        return False
    return is_age(appos) or (appos.pos_ == "NOUN" and _person_only(appos, by_suffix=True))


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
        capitalised_name_word(tok)
        and not tok.ent_type_
        and tok.dep_ == "compound"
        and name.start <= tok.head.i < name.end
        and bare_word(tok) not in HONORIFICS | OFFICE_TITLES
    )


def described_as_organisation(head: Token) -> bool:
    """An apposition that calls the speaker a body ("Friends of Reddish Library, a campaign group, said", "British
    Weight Lifting, the sport's governing body, said")."""
    return any(
        appos.dep_ == "appos"
        and appos.pos_ == "NOUN"
        and appos.lemma_.lower() in ORG_NOUNS | BODY_KIND_NOUNS
        and appos.lemma_.lower() not in PERSON_NOUNS
        for appos in head.rights
    )


def person_inside_org(orgs: list[Span]) -> Span | None:
    """A person's name the recogniser folded into an organisation with the words before it ("Shop owner Nadia
    Haddad", "Republican Brian Holt", "Committee chair Rhiannon Price-Davies"): a given name and a capitalised
    surname ending the entity, after a lowercase role word, a party label or a courtesy title inside the entity ("the
    Rev Gareth Hughes"); the given name must be a known one unless the role is an office or a person noun. "Bank of America Merrill Lynch" stays an organisation."""
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
        lowered = before.is_lower or _capitalised_by_position(before)  # "Resident Carys Evans said ..."
        role = lowered and before.lemma_.lower() in PERSON_NOUNS | OFFICE_TITLES  # "chair", "spokesman"
        role = role or (before.text.isupper() and before.lower_ in MEMBER_LETTERS)  # "Social Democrats TD"
        if not (role or is_given_name(given.text)):
            continue
        # "the Rev Gareth Hughes", "Dr Amara Nwosu": a courtesy or clerical title before a given name is a person's
        styled = bare_word(before) in HONORIFICS and org.start <= before.i
        if role or styled or before.lower_ in PARTY_WORDS or (lowered and _person_role_word(before)):
            return doc[first : org.end]
    return None


def _capitalised_by_position(word: Token) -> bool:
    """A common word capitalised only because it opens its sentence ("Resident Carys Evans said"): a role word
    there is still the lowercase role before a name, not the first word of an organisation's name."""
    return word.is_sent_start is True and word.text.istitle() and word.is_alpha


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
    word after the kind of company it is ("airport operator Fraport", "shipping group Halvorsen"), or followed by
    a body's noun in apposition ("Lumora, the Oslo-based maker of ...", "Swim Wexford, a charity", "British Weight
    Lifting, the sport's governing body")."""
    words = ent.text.split()
    if _owned(ent) or its_own_words(ent.root) or _has_officer(ent):
        return True
    if len(words) > 1 and words[-1].lower() not in COMPANY_WORDS and _after_peoples_trade(ent):
        return False  # "ferry operator Tor Lie": a person's name after a trade of companies and people alike
    if len(words) > 1 and (words[-1].lower() in COMPANY_WORDS or _after_body_kind(ent)):
        return not is_given_name(words[0]) or _described_body_kind(ent)
    if len(words) > 1:  # "Swim Wexford, a charity run by parents, said": no given name, a body's noun after it
        return _company_in_apposition(ent) and not is_given_name(words[0])
    return _after_body_kind(ent) or _company_in_apposition(ent)


def _company_in_apposition(ent: Span) -> bool:
    """ "Lumora, the Oslo-based maker of e-ink tablets, unveiled ...": a one-word name whose apposition is a
    body's noun or the kind of company it is; no person is a "maker of tablets" or an "operator of trains"."""
    for appos in ent.root.rights:
        if appos.dep_ != "appos" or appos.pos_ != "NOUN" or appos.i > ent.end + 8:
            continue
        lemma = appos.lemma_.lower()
        return (lemma in ORG_NOUNS | BODY_KIND_NOUNS and lemma not in PERSON_NOUNS) or (
            lemma in COMPANY_KINDS - _ALSO_PEOPLE and any(c.dep_ == "prep" and c.lower_ == "of" for c in appos.children)
        )
    return False


# Kinds of company that are also people's trades ("the producer of the film", "a developer of apps").
_ALSO_PEOPLE = frozenset({"producer", "developer"})


def acronym_word(tok: Token) -> bool:
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
    return (lemma in ORG_NOUNS and lemma not in PERSON_NOUNS) or lemma in COMPANY_KINDS or lemma.endswith("maker")


def _after_peoples_trade(ent: Span) -> bool:
    """ "ferry operator Tor Lie", "film producer Ann Lee": a name of a given name and a surname right after a kind of
    company that is a person's trade too; "airport operator Fraport" (one word, no given name) stays a body's."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    words = ent.text.split()
    return (
        before is not None
        and before.pos_ == "NOUN"
        and before.lemma_.lower() in PEOPLES_COMPANY_KINDS
        and is_given_name(words[0])
        and all(w[:1].isupper() for w in words)
    )


def _described_body_kind(ent: Span) -> bool:
    """ "Environmental group Green Mekong", "lobby group Grace Forum": the body's noun, itself described, written as
    a modifier of the name; a first word that is also a given name ("Green", "Grace") does not make it a person, as
    no person is "an environmental group". "told the court Grace Hall had ..." (the court told, not described) is
    not one."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if before is None or before.dep_ != "compound" or not ent.start <= before.head.i < ent.end:
        return False
    return _after_body_kind(ent) and any(c.dep_ in {"amod", "compound"} and c.i < before.i for c in before.children)


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
            # "State industries minister Smt Sunita Mohanty": the minister of a state's industries, a person
            held = any(t.lemma_.lower() in PERSON_NOUNS | OFFICE_TITLES for t in before[k + 1 :])
            if nxt.pos_ == "NOUN" and nxt.is_lower and not held:
                return True
    return False


def opening_common_noun(tok: Token) -> bool:
    """ "Starling said", "Selfridges said": a capitalised word alone (no article, modifier or other word of a name)
    that the tagger read as a common noun where its sentence opens, after a dateline at most, so its capital says
    nothing: a name the tagger did not know, if the article says so. No noun for a person, a body or a document
    ("Officials", "Police", "Figures"), which speak as common nouns."""
    if not capitalised_word(tok) or tok.pos_ != "NOUN" or tok.ent_type_ or tok.dep_ == "compound":
        return False
    if not all(t.is_space for t in tok.doc[tok.sent.start : tok.i]):
        return False
    if any(c.dep_ in {"compound", "det", "amod", "poss", "nummod"} for c in tok.children):
        return False
    lemma = tok.lemma_.lower()
    return not (person_noun(tok) or lemma in ORG_NOUNS | BODY_KIND_NOUNS | COMPANY_KINDS | DOCUMENTS)


def its_own_words(name: Token) -> bool:
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


def calls_itself_it(name: Token) -> bool:
    """ "Ford said it would recall 40,000 cars", "Dyson said it would cut 600 jobs at its campus": a lone name
    whose reported clause opens on "it" doing something (not "it was", which may mean anything) is a body's, even
    where a person named above has that surname, when the recogniser also read it as a body's or an "its" in the
    clause says so too; a person's words would say "he" or "she"."""
    verb = name.head
    if name.dep_ != "nsubj" or not is_speech_verb(verb) or name.i > verb.i:
        return False
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if clause is None or clause.lemma_ == "be":
        return False
    first = next((t for t in clause.subtree if not (t.dep_ == "mark" or t.is_punct)), None)
    if first is None or first.lower_ != "it" or first.dep_ != "nsubj" or first.head != clause:
        return False
    owns = any(t.lower_ == "its" and t.dep_ == "poss" for t in clause.subtree)
    return name.ent_type_ == "ORG" or owns
