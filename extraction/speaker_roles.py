"""Roles, offices and titles written with a name: the role as written ("Pentagon spokesman"), titles split off a
name ("Col. Wayne Marotto"), an office written as a description ("the Prime Minister"), the role an apposition
gives."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from spacy.tokens import Span, Token

from extraction.data_files import read_data_file
from extraction.descriptions import EPITHET_NOUNS, is_age, nationality_before_name
from extraction.doc_text import doc_slice, words_text
from extraction.given_names import is_given_name, thinly_attested
from extraction.name_spans import bare_word, organisation_spans, person_entity, ranked_by_neighbour
from extraction.names import (
    GENDERED_HONORIFICS,
    HONORIFICS,
    MEMBER_LETTERS,
    OFFICE_TITLES,
    POST_NOMINALS,
    REMIT_JOINERS,
    honorifics_and_ranks,
    normalize_speaker_name,
    pro_tempore,
    rank_word_indices,
    split_leading_titles,
)
from extraction.noun_phrase import appositive, np_tokens
from extraction.regions import is_region
from extraction.speaker_nouns import (
    BODY_KIND_NOUNS,
    COMPANY_KINDS,
    FIRM_OR_PERSON_TRADES,
    HELD_POSTS,
    ORG_NOUNS,
    PERSON_KIND_NOUNS,
    PERSON_NOUNS,
    ROLE_WORDS,
)

_WORD = re.compile(r"\S+")


def role_text(tokens: list[Token], org_spans: list[Span]) -> str | None:
    """Role words as written, minus articles, honorifics and ranks; role nouns lower-cased ("Spokesman")."""
    words: list[str] = []
    substantive = [
        t
        for t in tokens
        if not (t.is_punct or t.dep_ == "det" or bare_word(t) in HONORIFICS | OFFICE_TITLES or _state_word(t))
    ]
    for tok in tokens:
        bare = bare_word(tok)
        if _written_as_rank(tok):
            continue  # "Rear Admiral", "Air Vice-Marshal": a rank, hyphen and all, is no role
        if tok.i > 0 and _joining_hyphen(tok.doc[tok.i - 1], tokens) and words and words[-1].endswith("-"):
            # "Secretary-General", "Director-General": the rank word after the hyphen ends the office's one word,
            # not a rank to drop ("secretary- of United Nations")
            words[-1] += tok.lower_ if bare in ROLE_WORDS else tok.text
            continue
        if bare in HONORIFICS and (
            _after_chief(tok, tokens)
            or _rank_as_head_noun(tok, tokens)
            or _rank_as_common_noun(tok, tokens)
            or _detective_office(tok, tokens)
        ):
            words.append(tok.lower_)  # "Chief Constable", "attorney general": the rank word is the office's own
            continue
        if _joining_hyphen(tok, tokens) and words:
            words[-1] += tok.text  # "Co-author", "vice-chair": one word, as written
            continue
        if tok.is_punct or tok.dep_ == "det" or tok.lower_ in {"'s", "’s"} or bare in HONORIFICS or not bare:
            continue
        if tok.i > 0 and _joining_hyphen(tok.doc[tok.i - 1], tokens) and words:
            words[-1] += tok.lower_ if bare in ROLE_WORDS else tok.text
            continue
        if ranked_by_neighbour(tok) and not tok.is_lower:  # "Con" of "Det Con", "Ch" of "Ch Supt"; "a wing commander"
            continue
        if tok.text.endswith(".") and bare in OFFICE_TITLES and substantive:
            continue  # "Gov." beside "Republican vice-presidential nominee" adds nothing
        if (written_out := _title_abbreviations().get(tok.text.rstrip("."))) is not None:
            words.append(written_out)  # "Sen. Maria Ortiz": senator; "Arizona Gov. Elena Marsh": Arizona governor
            continue
        in_org = any(span.start <= tok.i < span.end for span in org_spans)
        words.append(tok.lower_ if bare in ROLE_WORDS and not in_org else tok.text)
    text = " ".join(words).strip()
    return text or None


def _detective_office(tok: Token, tokens: list[Token]) -> bool:
    """ "Detective Inspector Ruth Akande", "Detective Chief Superintendent": "Detective" before a police office the
    role keeps ("Inspector", "Chief ...") is that office's first word, not a rank before a name to drop."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return bare_word(tok) == "detective" and nxt is not None and nxt in tokens and bare_word(nxt) in _POLICE_OFFICES


_POLICE_OFFICES = frozenset({"inspector", "superintendent", "chief"})


def _written_as_rank(tok: Token) -> bool:
    """A capitalised word of a rank of several words, or a hyphen inside one ("Rear" of "Rear Admiral Tom Hale",
    "-" of "Air Vice-Marshal"); a rank written in lower case is the common noun of a role ("a wing commander")."""
    if not ranked_by_neighbour(tok):
        return False
    word_start = tok
    while (
        word_start.i > 0
        and not word_start.doc[word_start.i - 1].whitespace_
        and (word_start.text in {"-", "‐", "‑"} or word_start.doc[word_start.i - 1].text in {"-", "‐", "‑"})
    ):
        word_start = word_start.doc[word_start.i - 1]
    return word_start.text[:1].isupper()


def _joining_hyphen(tok: Token, tokens: list[Token]) -> bool:
    """A hyphen the tokenizer split off inside one word of the role ("Co-author"), with no space on either side and
    words of the role on both."""
    doc = tok.doc
    if tok.text != "-" or tok.i == 0 or tok.i + 1 >= len(doc) or tok.whitespace_ or doc[tok.i - 1].whitespace_:
        return False
    inside = {t.i for t in tokens}
    return tok.i - 1 in inside and tok.i + 1 in inside and doc[tok.i - 1].is_alpha and doc[tok.i + 1].is_alpha


def _state_word(tok: Token) -> bool:
    """A place's name before an office ("Arizona Gov. Elena Marsh"): says where the office is, not what it is, so
    the abbreviated office beside it is still the role's own word."""
    return tok.pos_ == "PROPN" and (tok.ent_type_ == "GPE" or is_region(tok.text))


@cache
def _title_abbreviations() -> dict[str, str]:
    """``data/office_abbreviations.json``'s titles written short before a name that the role writes out ("Sen",
    "Gov"), as written, and the office each stands for: the role reads "senator", as a later "the senator" does, not
    "sen."."""
    data = read_data_file("office_abbreviations.json")
    return {short: data["titles_before_name"][short] for short in data["written_out_in_role"]}


@cache
def _party_letters() -> frozenset[str]:
    """``data/us_state_abbreviations.json``'s party letters of a member's "D-Ariz." or "R-Texas"."""
    return frozenset(read_data_file("us_state_abbreviations.json")["party_letters"])


def party_and_state(appos: Token, tokens: list[Token]) -> bool:
    """ "Sen. Maria Ortiz, D-Ariz.,", "Rep. Tom Baskin, R-Texas,": a party's letter, a hyphen and a state set off
    after a member's name say which party and seat, as "(R-Ind.)" does; no role. The parser may hang the state on
    the letter ("I-Vt."), so the words read run from the phrase's first to the comma closing it."""
    if not tokens:
        return False
    doc = tokens[0].doc
    end = tokens[-1].i
    while end + 1 < len(doc) and doc[end + 1].text != "," and doc[end + 1] in set(appos.subtree):
        end += 1
    letter, hyphen, state = words_text(tokens[0], doc[end]).partition("-")
    return bool(hyphen) and letter in _party_letters() and is_region(state.strip())


def _after_chief(tok: Token, tokens: list[Token]) -> bool:
    """Whether ``tok`` comes right after a written-out "Chief" among ``tokens``: "chief" alone names no office."""
    prev = tok.doc[tok.i - 1] if tok.i else None
    return prev is not None and prev in tokens and prev.lower_ == "chief" and tok.text[:1].isupper()


def role_as_proper_noun(subject: Token) -> bool:
    """ "the new MP", "the Prime Minister": a head the tagger took for a proper noun that is a person's office or
    role word, or a seat's letters ("MP"), led by an article or possessive: a description, not a name."""
    bare = subject.text.lower()
    role = bare in PERSON_NOUNS or bare in OFFICE_TITLES or (subject.text.isupper() and bare in POST_NOMINALS)
    led = any(c.dep_ in {"det", "poss"} for c in subject.children)
    if subject.pos_ == "PROPN" and led and _office_of_a_place(subject):
        return True
    return subject.pos_ == "PROPN" and role and led and not person_entity([subject], {})


def _office_of_a_place(subject: Token) -> bool:
    """ "The Dean of Exeter", "the Provost of Eton": "the", a capitalised noun for a person and "of" a place is
    an office, though the recogniser takes it for a person ("Dean" is also a given name)."""
    return (
        subject.lemma_.lower() in PERSON_KIND_NOUNS
        and subject.text.istitle()
        and any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children)
        and any(c.dep_ == "prep" and c.lower_ == "of" and c.i == subject.i + 1 for c in subject.children)
    )


def capitalised_office(tokens: list[Token], head: Token) -> bool:
    """ "The Prime Minister", "the Foreign Secretary": "the", then capitalised words only, ending in an office or a
    person's role the tagger read as a proper noun; no name among them."""
    if len(tokens) < 2 or tokens[0].lower_ != "the" or head is not tokens[-1] or not role_as_proper_noun(head):
        return False
    return lone_office(tokens) or all(t.text.istitle() and t.is_alpha and not t.ent_type_ for t in tokens[1:])


def lone_office(tokens: list[Token]) -> bool:
    """ "The Taoiseach": "the" and one capitalised office, which the recogniser's label on it (ORG) makes no name."""
    return (
        len(tokens) == 2
        and tokens[0].lower_ == "the"
        and tokens[1].text.istitle()
        and bare_word(tokens[1]) in OFFICE_TITLES
    )


@cache
def _office_abbreviations() -> dict[str, str]:
    """``data/office_abbreviations.json``: an office's short form in a headline and the office it stands for."""
    data = read_data_file("office_abbreviations.json")
    return dict(data["offices"])


def headline_office(tok: Token) -> str | None:
    """ "PM says taxes will not rise", "CEO says layoffs are over": the office a headline's lone abbreviation
    stands for ("prime minister"), so the person the story names in that office is the speaker; None otherwise."""
    if any(c.dep_ in {"compound", "amod", "poss", "det", "prep", "appos"} for c in tok.children):
        return None  # "Thai PM", "Acme CEO Ruth Ng": the abbreviation is only part of the speaker's words
    return _office_abbreviations().get(tok.text)


# The same, as tokens of a parse: a comma is a token of its own there, listing a remit's parts ("the Secretary of
# State for Environment, Food and Rural Affairs"); coreference reads a description's space-split words, where a
# comma stays on its word ("Environment,") and is never a word alone.
_REMIT_TOKENS = REMIT_JOINERS | {","}


def office_with_remit(tokens: list[Token], head: Token) -> bool:
    """ "The Minister for Housing", "the Secretary of State for Health", "The Commissioner for Children and Young
    People": "the", capitalised words, an office the tagger read as a proper noun, then "for" or "of" and the
    capitalised words of its remit: a description of whoever holds the office, as "the Prime Minister" is, not a
    person called "Minister" (nor "Young People")."""
    article = tokens[0].lower_ == "the"
    if (
        len(tokens) < 3 + article
        or head is tokens[-1]
        or not (role_as_proper_noun(head) if article else _office_opening(tokens, head))
    ):
        return False
    after = tokens[tokens.index(head) + 1 :] if head in tokens else []
    if not after or after[0].lower_ not in {"for", "of"} or not after[-1].text.istitle():
        return False
    before = tokens[int(article) : tokens.index(head)]
    if any(t.ent_type_ == "PERSON" for t in before):
        return False
    capitalised = all((t.text.istitle() and t.is_alpha) or t.lower_ in {"'s", "’s"} for t in before)
    return capitalised and all(t.lower_ in _REMIT_TOKENS or (t.text.istitle() and t.is_alpha) for t in after)


def _office_opening(tokens: list[Token], head: Token) -> bool:
    """ "Mayor of London said", "Bishop of Newcastle said": with no "the", an office capitalised as a proper noun
    and no given name ("Dean of Exeter" is the office; "Dean Smith of Exeter" has no "of" right after the head)."""
    return (
        head in tokens
        and head.pos_ == "PROPN"
        and head.text.istitle()
        and head.lower_ in PERSON_NOUNS | OFFICE_TITLES
        and all(t.text.istitle() and t.is_alpha for t in tokens[: tokens.index(head)])
    )


def member_for_seat(tokens: list[Token], head: Token) -> bool:
    """ "The MP for Hexham": "the" before a member's letters ("MP", "MEP"), a description of a person as "the
    member" is, for coreference to name the member the article gave that seat; no acronym of a body."""
    return tokens[0].lower_ == "the" and head.text.isupper() and head.lower_ in MEMBER_LETTERS and head.i > tokens[0].i


def _trade_before_name(noun: Token, name: Token) -> bool:
    """ "by her solicitor, Mark Ellison,", "the school's headteacher, Anna Price,": a person noun of the data file
    (one the short list of roles lacks) that a proper name is set off after; the parser also hangs a later common
    noun on such a noun ("the former presenter Sir Mark Elton ..., the broadcasting regulator announced"), which is
    no name it is the office of."""
    return noun.lemma_.lower() in PERSON_KIND_NOUNS and name.pos_ == "PROPN"


def appositive_role(head: Token, labels: Mapping[str, str]) -> str | None:
    """The role an apposition gives a name ("Kristjan Tamm, a former minister,"): for the speaker, and for a person
    the narration names, so a later "the former minister" knows whom it means; or the office the name is itself in
    apposition to ("The mayor of Carrick, Denise Oyelaran, faced questions"; a rank as a common noun too: "The
    captain, Jordan Price, posted"). "(R-Ind.)" is no role, nor an age
    ("Smith, 54, said")."""
    appos = appositive(head)
    office = head.head
    if office.dep_ == "pobj" and office.head.dep_ == "prep" and office.head.head.i < office.i:
        office = office.head.head  # the parser hangs the name on the place: "The mayor of Carrick, Denise ..."
    if (
        appos is None
        and head.dep_ == "appos"
        and office.i < head.i
        and (office.pos_ == "NOUN" or role_as_proper_noun(office))  # "The Foreign Secretary, Anna Reyes,"
        and (
            office.lemma_.lower() in PERSON_NOUNS | OFFICE_TITLES
            or _rank_noun(office)
            or _trade_before_name(office, head)
        )
        and head.doc[head.left_edge.i - 1].text == ","
    ):
        tokens = np_tokens(office)
        return role_text(tokens, organisation_spans(tokens, labels))
    if appos is not None and is_age(appos):
        appos = _after_age(head, appos)  # "Carla Fontes, 27, a nurse from Braga,": the role follows the age
        if appos is None:
            return None
    if appos is None and (split_off := _role_split_off(head)) is not None:
        tokens = np_tokens(split_off)
        return role_text(tokens, organisation_spans(tokens, labels))
    if appos is None:
        return _role_in_relative_clause(head, labels)
    if head.doc[appos.left_edge.i - 1].text == "(" or _subject_read_as_apposition(head, appos):
        return None
    if appos.pos_ == "PRON":
        appos = _after_reflexive(appos)  # "herself a former teacher": the role; "someone who ...", "everything": none
        if appos is None:
            return None
    appos, prefix = _hyphened_appositive(head, appos)
    phrase = np_tokens(appos)  # it takes in a tight hyphen's pieces itself: the prefix only before them
    tokens = [t for t in prefix if t.i < phrase[0].i] + phrase
    if party_and_state(appos, tokens):
        # "Rep. Tom Baskin, R-Texas, chairman of the committee,": the role, if any, is the apposition after the seat
        doc = appos.doc
        after = next((c for c in appos.rights if c.dep_ == "appos" and doc[c.left_edge.i - 1].text == ","), None)
        if after is None:
            return None
        role_tokens = np_tokens(after)
        return role_text(role_tokens, organisation_spans(role_tokens, labels))
    if measure_not_role(tokens, appos) or _absolute_phrase(appos) or _place_name(tokens, appos):
        return None
    if _organisation_name(tokens, appos):
        return "of " + " ".join(t.text for t in tokens if t.dep_ != "det")  # "Holt, NBC News,": where she works
    return role_text(tokens, organisation_spans(tokens, labels))


def _subject_read_as_apposition(head: Token, appos: Token) -> bool:
    """ "According to Morningstar analyst Karen Oyelaran, the market for obesity drugs could reach ...": an
    "apposition" the clause's verb follows with no comma to close it is the subject of the words said, which the
    parser hung on the name it made the subject."""
    doc = head.doc
    after = appos.right_edge.i + 1
    if head.dep_ != "nsubj" or after >= len(doc) or doc[after].is_punct:
        return False
    return doc[after] == head.head or doc[after].head == head.head


# How the parser may hang a role set off before a subject's name on the verb instead of on the name.
_SPLIT_OFF_ROLE_DEPS = frozenset({"advcl", "npadvmod", "dep", "nsubj", "intj"})


def _role_split_off(subject: Token) -> Token | None:
    """ "The lifeboat's coxswain, Vince Jones, said": the parser may hang the role set off before a subject's name
    on the verb, as a clause of its own, and leave the name the verb's subject; a person's noun that ends right
    before the name's opening comma, the name closed by a comma too, is still the name's role."""
    doc = subject.doc
    left = subject.left_edge.i
    if subject.dep_ not in {"nsubj", "nsubjpass"} or left < 2 or doc[left - 1].text != ",":
        return None
    if aside_comma(subject) is None:
        return None
    office = doc[left - 2]
    if office.head.i != subject.head.i or office.dep_ not in _SPLIT_OFF_ROLE_DEPS or office.pos_ != "NOUN":
        return None
    if office.right_edge.i != office.i or office.left_edge.i != office.sent.start:
        return None
    word = office.lemma_.lower()
    return office if word in PERSON_KIND_NOUNS | OFFICE_TITLES or _rank_noun(office) else None


# Reflexive pronouns that stress the name before a role ("Adler, herself a lawyer,").
_REFLEXIVES = frozenset({"herself", "himself", "themselves", "themself"})


def _after_reflexive(pronoun: Token) -> Token | None:
    """An apposition headed by a pronoun names no role ("someone who has taught", "everything considered", "his");
    after a reflexive the role is the noun phrase it stresses ("herself a former teacher": teacher), which the
    parser hangs on the pronoun or, as a second apposition, on the name."""
    if pronoun.lower_ not in _REFLEXIVES:
        return None
    after = [*pronoun.rights, *(c for c in pronoun.head.rights if c.i > pronoun.i)]
    return next((c for c in after if c.dep_ == "appos" and c.pos_ in {"NOUN", "PROPN"}), None)


def _absolute_phrase(appos: Token) -> bool:
    """ "Riley, his voice breaking,", "Cole, his tone measured,": a possessive pronoun, a noun and a participle say
    how the person looked or spoke, not who they are ("Jones, her deputy," has no participle and is a role)."""
    first = appos.doc[appos.left_edge.i]
    if first.tag_ != "PRP$":
        return False
    participle = any(c.dep_ in {"acl", "amod"} and c.tag_ in {"VBN", "VBG"} and c.i > appos.i for c in appos.children)
    ing_head = appos.lower_.endswith("ing") and any(c.dep_ == "compound" for c in appos.children)
    return participle or ing_head


def aside_not_speaker(subject: Token) -> bool:
    """A subject set off by commas that is an absolute phrase or a pronoun's phrase ("Lowe, her boots caked in mud,
    said", "Obi, everything on the line, said", "Haddad, someone who ..., said"): the parser made the aside a
    second subject; it gives no role (appositive_role) and is no speaker either, the name before it is."""
    doc = subject.doc
    left, right = subject.left_edge.i, aside_comma(subject)
    if left < 2 or right is None or doc[left - 1].text != ",":
        return False
    pronoun = subject.pos_ == "PRON" and subject.tag_ != "PRP" and subject.lower_ not in _REFLEXIVES
    return pronoun or _absolute_phrase(subject)


def aside_comma(subject: Token) -> int | None:
    """The index of the comma closing a phrase, which the parser may hang on the phrase or leave after it."""
    end = subject.right_edge.i
    if subject.doc[end].text != ",":
        end += 1
    return end if end < len(subject.doc) and subject.doc[end].text == "," else None


# Entity labels of places: where someone is from is no role ("Mark Dunn, of Trenton, New Jersey,").
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _place_name(tokens: list[Token], head: Token) -> bool:
    """An apposition that is a place's name and nothing more ("Jim Roe, Massachusetts,")."""
    return (
        head.pos_ == "PROPN" and head.ent_type_ in _PLACE_LABELS and all(t.ent_type_ in _PLACE_LABELS for t in tokens)
    )


def _organisation_name(tokens: list[Token], head: Token) -> bool:
    """An apposition that is a body's name and nothing more ("Andrea Holt, NBC News,"): where the person works, no
    role of its own; written as "of NBC News". Not when a word of it names a post ("NBC News Correspondent")."""
    words = [t for t in tokens if t.dep_ != "det"]
    return (
        head.pos_ == "PROPN"
        and head.ent_type_ == "ORG"
        and all(t.ent_type_ == "ORG" for t in words)
        and not any(t.lemma_.lower() in PERSON_KIND_NOUNS | OFFICE_TITLES | HELD_POSTS | ROLE_WORDS for t in words)
    )


def _after_age(head: Token, age: Token) -> Token | None:
    """The apposition right after an age set off by commas ("Fontes, 27, a nurse,"): the person's role; None."""
    doc = head.doc
    after = age.right_edge.i + 1
    return next((c for c in head.rights if c.dep_ == "appos" and c.i > age.i and doc[after].text == ","), None)


def _hyphened_appositive(head: Token, appos: Token) -> tuple[Token, list[Token]]:
    """ "a co-chair of the commission", which the parser splits into appositions "co", "-" and "chair": the last
    word of the hyphened run heads the apposition, and the words before it open the phrase."""
    doc = head.doc
    last = appos
    while (
        last.i + 2 < len(doc)
        and doc[last.i + 1].text == "-"
        and not last.whitespace_
        and not doc[last.i + 1].whitespace_
        and doc[last.i + 2].head.i == head.i
        and doc[last.i + 2].dep_ == "appos"
    ):
        last = doc[last.i + 2]
    if last.i == appos.i:
        return appos, []
    return last, [t for t in doc[appos.left_edge.i : last.i] if t.head.i in {head.i, appos.i}]


# Entity labels of numbers, amounts, measures and times: no role of a person's.
_MEASURE_LABELS = frozenset({"PERCENT", "QUANTITY", "MONEY", "CARDINAL", "ORDINAL", "DATE", "TIME"})


def measure_not_role(tokens: list[Token], head: Token) -> bool:
    """ "Lacerda, 0.3 percent of GDP her target,", "Okoro, 14 goals in 20 games,", "Qureshi, the third vote on the
    scheme,": an apposition that counts, measures or dates something, headed by a noun for no person nor body, is
    no role ("a 30-year veteran", "the club's first female manager", "the 2025 bronze medallist" are): its head is
    a number or measure itself, or it holds a number, amount or date and its head names no one."""
    whole = _partitive_whole(head)
    if whole is not None:  # "one of the 12 jurors": the jurors say who
        head = whole
    if head.ent_type_ in _MEASURE_LABELS - {"DATE"} or head.like_num:
        return True  # "0.3 percent", "5.2 metres", "$2 million"
    if not any(t.like_num or t.ent_type_ in _MEASURE_LABELS for t in tokens):
        return False
    return not _names_someone(head)


def _partitive_whole(head: Token) -> Token | None:
    """ "one of the 12 jurors", "two of the company's founders": the noun after a number's "of"; None."""
    if not head.like_num:
        return None
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def _names_someone(noun: Token) -> bool:
    """A noun a person or a body may be called by: a person's or a body's noun, an office, an epithet, a proper
    noun ("a Democrat"), a superlative ("the youngest of four children"), or a noun naming a doer by its ending ("shareholder", "medallist", "historian")."""
    lemma = noun.lemma_.lower()
    if (
        noun.pos_ == "PROPN"
        or noun.tag_ == "JJS"
        or lemma in PERSON_KIND_NOUNS | OFFICE_TITLES | HELD_POSTS | EPITHET_NOUNS
    ):
        return True
    if lemma in ORG_NOUNS | BODY_KIND_NOUNS | COMPANY_KINDS | FIRM_OR_PERSON_TRADES:
        return True
    return noun.is_alpha and lemma.endswith(_DOER_ENDINGS)


def _role_in_relative_clause(head: Token, labels: Mapping[str, str]) -> str | None:
    """ "Dr Amara Osei, who led the study,", "Professor Ade Olumide, who chairs the restitution panel,": a role
    given by a "who" clause whose verb is holding a post, written as the apposition would give it ("leader of
    study", "chair of restitution panel"), so a later "the study's leader" or "the panel chair" knows whom it means.
    A clause of what someone did ("who was arrested", "who runs a bakery") gives none."""
    if head.tag_ != "NNP":
        return None
    for clause in head.rights:
        noun = _POST_VERBS.get(clause.lemma_.lower())
        who = any(t.lower_ == "who" and t.dep_ == "nsubj" for t in clause.children)
        if clause.dep_ != "relcl" or noun is None or not who or not _holds_now_or_then(clause):
            continue
        post = next((c for c in clause.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}), None)
        if post is None:
            return None
        tokens = np_tokens(post)
        remit = role_text(tokens, organisation_spans(tokens, labels))
        return f"{noun} of {remit}" if remit else None
    return None


def _holds_now_or_then(verb: Token) -> bool:
    """ "who chairs", "who led", "who has led", "who is leading": a verb of holding a post in the simple present or
    past, the perfect or the progressive; not a bare infinitive or a participle of another clause."""
    if verb.tag_ in {"VBD", "VBZ", "VBP"}:
        return True
    auxiliary = {c.lemma_.lower() for c in verb.children if c.dep_ == "aux"}
    return (verb.tag_ == "VBN" and "have" in auxiliary) or (verb.tag_ == "VBG" and "be" in auxiliary)


# Verbs of holding a post, and the post's noun as an apposition would give it ("who chairs the panel": chair).
_POST_VERBS: dict[str, str] = {
    "lead": "leader", "head": "head", "chair": "chair", "direct": "director", "found": "founder", "edit": "editor",
    "manage": "manager", "coach": "coach", "captain": "captain", "command": "commander", "govern": "governor",
}  # fmt: skip


def honorific_gender(tokens: list[Token]) -> str | None:
    return next((GENDERED_HONORIFICS[b] for b in map(bare_word, tokens) if b in GENDERED_HONORIFICS), None)


def ranked_given_name(tokens: list[Token]) -> bool:
    """ "Ch Supt Marcus Venn": honorifics and ranks only (no office) before a known given name and a surname."""
    words = [t.text for t in tokens]
    titles, rest = split_leading_titles(words)
    ranks = honorifics_and_ranks(words, len(titles))
    return bool(titles) and ranks and len(rest) == 2 and is_given_name(rest[0])


def split_name(tokens: list[Token]) -> tuple[list[Token], str]:
    """Split a proper-name run into its leading title tokens and the canonical name ("Col. Wayne Marotto")."""
    doc = tokens[0].doc
    first, last = tokens[0], tokens[-1]
    words = [(m.start() + first.idx, m.group()) for m in _WORD.finditer(words_text(first, last))]
    rank_end = _rank_run_before_name(tokens, [w for _, w in words])
    if rank_word_indices([w for _, w in words]) & {0}:
        rank_end = 0  # "Air Vice-Marshal Godfrey": the rank whole in the run, read with the run's titles
    if len(words) > 3 and first.i > 0 and pro_tempore(doc[first.i - 1].text, words[0][1], words[1][1]):
        rank_end = 2  # "Senate President" + "Pro Tempore Dale Kessler": the office's Latin end, cut off with the name
    titles, _ = split_leading_titles([w for _, w in words[rank_end:]])
    titles = [w for _, w in words[:rank_end]] + titles
    taken = len(titles) + (
        not titles and (_opening_role_noun([w for _, w in words], first) or nationality_before_name(tokens))
    )
    if not titles and (member := _member_before_name([w for _, w in words])):
        taken = member  # "Sinn Féin TD Pearse Doherty": the party and the member's letters are the role
    name_start = words[taken][0] if taken < len(words) else first.idx
    name = normalize_speaker_name(doc_slice(doc, name_start, last.idx + len(last)))
    if name.isupper() and len(name) > 3:  # "PENCE:" in a transcript
        name = name.title()
    return [t for t in tokens if t.idx < name_start], name


def _rank_run_before_name(tokens: list[Token], words: list[str]) -> int:
    """How many of the run's first words end a rank that opened before the run, the recogniser having cut it
    ("Marshal" of "Air Vice-Marshal Paul Godfrey", tagged "Marshal Paul Godfrey"), before at least one word."""
    taken = 0
    by_start = {t.idx: t for t in tokens}
    offset = tokens[0].idx
    written = words_text(tokens[0], tokens[-1])
    for word in words[:-1]:
        tok = by_start.get(offset)
        if tok is None or not _written_as_rank(tok):
            break
        taken += 1
        offset = tokens[0].idx + written.index(word, offset - tokens[0].idx) + len(word)
        offset = next((t.idx for t in tokens if t.idx >= offset and not t.is_space), offset)
    return taken


def _member_before_name(words: list[str]) -> int:
    """How many words a party and a member's letters take before a name of two words or more ("Sinn Féin TD Pearse
    Doherty": 3); 0 when no member's letters come there."""
    for i, word in enumerate(words[1:-2], start=1):
        if word.isupper() and word.lower() in MEMBER_LETTERS:
            return i + 1
    return 0


def _opening_role_noun(words: list[str], first: Token) -> bool:
    """ "Lawyer María José Fernández Ruiz, who ..., said", "Grower Tom Bellingham said": a noun for a person opening
    the sentence, capitalised only there, before a name of two words or more, is the person's role (unless name
    lists of several countries know it as a given name). A noun of the general list, or one that names a doer by
    its ending ("grower", "angler"), only before a known given name: no name is written with a word before it."""
    if len(words) < 3 or not first.is_sent_start or not thinly_attested(" ".join(words)):
        return False
    word = words[0].lower()
    if word in PERSON_NOUNS:
        return True
    doer = word in PERSON_KIND_NOUNS or (word.isalpha() and word.endswith(_DOER_ENDINGS))
    return doer and is_given_name(words[1]) and not is_given_name(words[0])


def _rank_as_head_noun(tok: Token, tokens: list[Token]) -> bool:
    """ "the state's attorney general", "the surgeon general": a rank word that heads the phrase as a common noun
    after the noun it completes is the office's last word, not a rank before a name."""
    prev = tok.doc[tok.i - 1] if tok.i else None
    return (
        prev is not None
        and prev in tokens
        and tok.pos_ == "NOUN"
        and prev.pos_ == "NOUN"
        and prev.dep_ == "compound"
        and prev.head.i == tok.i
    )


def _rank_as_common_noun(tok: Token, tokens: list[Token]) -> bool:
    """ "The captain, Jordan Price,", "a retired bus driver": a rank word written in lower case as the common noun
    that heads the role ("captain", "detective"), or "retired" said of one ("retired bus driver", rules 41), is the
    role's own word; a title before a name is capitalised ("Capt. Ray Holt", "Retired Gen. John Allen") or hangs on
    the name ("retired Gen. John Allen")."""
    if not tok.is_lower:
        return False
    if tok.pos_ == "NOUN" and tok.dep_ != "amod":
        # the phrase's head, nothing in the role governing it (or the name after it: "retired Air Force general
        # Lloyd Newton"), or a rank before such a rank ("the detective sergeant")
        head = tok.head
        return head not in tokens or (head.is_lower and head.pos_ == "NOUN" and bare_word(head) in HONORIFICS)
    head = tok.head
    if tok.dep_ in {"amod", "compound"} and head in tokens and head.pos_ == "NOUN" and head.is_lower:
        # "the union's general secretary", "general manager": a lower-case rank word before a lower-case role
        # noun is that office's own first word (a rank before a name is capitalised: "Gen. John Allen")
        return tok.lower_ == "retired" or bare_word(head) in ROLE_WORDS
    return False


def _rank_noun(tok: Token) -> bool:
    """A rank word ("captain", "detective") written in lower case as a common noun of its own: a person's role."""
    return tok.lemma_.lower() in HONORIFICS and _rank_as_common_noun(tok, [tok])


# Endings of nouns for a person by what they do ("grower", "angler", "campaigner", "florist", "librarian").
_DOER_ENDINGS = ("er", "or", "ist", "ian")


def join_roles(first: str | None, second: str | None) -> str | None:
    """Both roles, unless one is the other's last words ("chair" and "committee chair": the longer one)."""
    parts = [p for p in (first, second) if p]
    if len(parts) == 2:
        short, long = sorted(parts, key=len)
        if long.lower() == short.lower() or long.lower().endswith(" " + short.lower()):
            return long
    return ", ".join(parts) if parts else None
