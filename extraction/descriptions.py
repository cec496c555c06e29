"""Descriptions that stand for someone the article just named: an age ("the 36-year-old"), a nationality or a sports
epithet ("the Swede", "the veteran"), an organisation ranked or placed ("the world's largest chipmaker"); and the
age an article gives beside a name."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from extraction.given_names import is_given_name
from extraction.names import MEMBER_LETTERS, OFFICE_TITLES
from extraction.noun_phrase import np_tokens
from extraction.speaker_nouns import HELD_POSTS, KINDS_AFTER_NAMES, PARTY_WORDS, PERSON_NOUNS


def is_age(appos: Token) -> bool:
    """An apposition that is only a number: a person's age in news style."""
    return all(t.like_num for t in np_tokens(appos))


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


def ranked_description(tokens: list[Token], head: Token) -> bool:
    """ "The world's second-largest memory chipmaker", "the Seoul-based lender": a description that ranks an
    organisation (a superlative) or says where it is based, and names nothing else; news style refers so to a
    company just named, never to a new one ("the state news agency" names a kind of body, and is not ranked)."""
    rest = [t for t in tokens if t.i != head.i and not t.is_punct and t.dep_ != "det"]
    based = {t.i for t in rest if t.lower_ == "based" and t.i > 0 and t.doc[t.i - 1].text == "-"}
    place = {t.i - 2 for t in rest if t.i in based}  # "Seoul" of "Seoul-based"
    if not (based or any(t.tag_ == "JJS" for t in rest)):
        return False
    return all(t.i in place or not (t.pos_ == "PROPN" or t.ent_type_ in {"ORG", "PERSON"}) for t in rest)


def nation_based(tokens: list[Token], head: Token) -> bool:
    """ "The Portuguese club", "the German carmaker": "the", a nationality, then a noun for a kind of body a nation
    has many of (``KINDS_AFTER_NAMES``), which says where the body is based as "the Seoul-based lender" does and
    names none; news style refers so to a body just named. A body a nation has one of is named by its nation ("the
    Iraqi military", "the Chinese foreign ministry")."""
    if len(tokens) != 3 or tokens[0].lower_ != "the" or head is not tokens[-1] or head.pos_ != "NOUN":
        return False
    nation = tokens[1]
    nationality = nation.ent_type_ == "NORP" or nation.lower_ in DEMONYMS
    return nationality and nation.text[:1].isupper() and head.is_lower and head.lemma_ in KINDS_AFTER_NAMES


def under_umbrella(tokens: list[Token], head: Token) -> bool:
    """ "The UN agency", "the EU body": a body's noun after only the acronym of the union or system it belongs to,
    which news style uses for the member body just named ("The World Health Organization said ... The UN agency
    added"), never to introduce a new one."""
    rest = [t for t in tokens if not (t.is_punct or t.dep_ == "det")]
    if len(rest) != 2 or rest[1] is not head or head.pos_ != "NOUN":
        return False
    acronym = rest[0]
    return acronym.ent_type_ == "ORG" and acronym.text.isupper() and acronym.is_alpha and 2 <= len(acronym) <= 4


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
     "latvian", "lithuanian", "kazakh", "uzbek", "cameroonian", "senegalese", "ivorian", "tunisian", "algerian",
     "qatari", "emirati", "kuwaiti", "omani", "bahraini", "yemeni", "jordanian", "lebanese", "syrian", "libyan"}
)  # fmt: skip


# Common nouns by which sports and feature writing refer back to the person just named ("said the veteran").
EPITHET_NOUNS: frozenset[str] = frozenset(
    {"veteran", "teenager", "youngster", "champion", "rookie", "debutant", "newcomer", "striker", "midfielder",
     "winger", "defender", "goalkeeper", "keeper", "playmaker", "left-hander", "right-hander", "skipper", "batter",
     "batsman", "bowler", "pitcher", "quarterback", "coach", "sprinter", "swimmer", "cyclist", "golfer", "boxer", "jockey",
     "seed"}
)  # fmt: skip


def epithet_phrase(tokens: list[Token], head: Token) -> bool:
    """ "said the 36-year-old", "the Swede told Sky Sports": a definite age or nationality standing for the person
    the article was just about (sports and feature style), never an organisation or a name of its own."""
    first = tokens[0]
    if head.tag_ in {"NNS", "NNPS"} and not _one_of_a_nation(tokens, head):
        return False
    if first.lower_ != "the":  # "the 34-year-old said", its "the" hung on the verb by the parser
        article = first.doc[first.i - 1] if first.i > 0 else None
        return article is not None and article.lower_ == "the" and bool(_AGE.match(_words(tokens)))
    nationality = 2 <= len(tokens) <= 3 and all(t.ent_type_ == "NORP" for t in tokens[1:])
    rest = _words(tokens[1:])
    return bool(_AGE.match(rest) or _WORLD_RANK.match(rest)) or nationality or _called(tokens, head)


# A player's world ranking ("the world number three", "the world number 1"), which sports writing uses as it uses "the
# Swede" for the player just named; without "world", "the number two" may be a deputy's post.
_WORLD_RANK = re.compile(
    r"^world number (?:[1-9]\d{0,2}|one|two|three|four|five|six|seven|eight|nine|ten)$", re.IGNORECASE
)


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


_PLACES = frozenset({"GPE", "LOC", "NORP"})


def origin_description(tokens: list[Token], head: Token) -> bool:
    """ "The Georgia Democrat", "the Doncaster North MP", "the Basque coach", "the Kentucky activist": a definite
    person's party, seat or kind after where they are from, which news style uses for the person just named
    ("Senator Raphael Warnock, a Democrat from Georgia, said ... The Georgia Democrat said"), never to bring in
    someone new. An office after a place ("the Ulster manager", "the Texas governor") names whoever holds it."""
    if len(tokens) < 3 or len(tokens) > 5 or tokens[0].lower_ != "the" or head is not tokens[-1]:
        return False
    if head.tag_ in {"NNS", "NNPS"} or any(t.is_punct for t in tokens):
        return False
    modifiers = tokens[1:-1]
    proper = [t for t in modifiers if t.text[:1].isupper()]
    if not proper or any(t.ent_type_ in {"ORG", "PERSON", "DATE", "CARDINAL"} for t in proper):
        return False
    if not all(t.text[:1].isupper() or (t.is_lower and t.pos_ == "ADJ") for t in modifiers):
        return False
    noun = head.lower_ if head.pos_ == "PROPN" else head.lemma_.lower()
    if noun in PARTY_WORDS or (noun in MEMBER_LETTERS and head.text.isupper()):
        return True  # a party or a seat: "the Louisiana Republican", "the Surrey Heath MP"
    if noun not in EPITHET_NOUNS and noun not in PERSON_NOUNS:
        return False
    if any(t.ent_type_ == "NORP" or t.lower_ in DEMONYMS for t in proper):
        return True  # a nation's: "the Basque coach", "the French keeper"
    # a place's, of a person's kind and no post there: "the Kentucky activist", not "the Texas governor"
    return all(t.ent_type_ in _PLACES for t in proper) and noun not in OFFICE_TITLES and noun not in HELD_POSTS
