"""Whether two statements are about different named things: one names something where the other names another.

"Unemployment in France is 7 percent" / "Unemployment in Germany is 5 percent", "The Lyon council will build 341
homes" / "The Malmo council will build 609 homes": the content words of both, aligned in order (figures left out),
differ where each has a capitalised word the other does not have anywhere. A first word counts too ("Gdansk airport
served ..." / "Leeds airport served ..."): a capitalised common noun substituted at the start with a figure changed
("Exports rose by 5 percent" / "Imports rose by 7 percent") is another statement as well.
A name that moved ("Biden leads Trump" / "Trump leads Biden") is a swap of roles, not another subject.
A number that names ("unemployment in district 3", "Route 9 buses", ``numbered_names``) is a name too: "district 3"
and "district 7" are two districts.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from embeddings.signals.dates import find_dates
from embeddings.signals.statement import Analysis
from embeddings.signals.tokens import Token, is_content
from embeddings.signals.vocabulary import MEASURES, NOUN_PHRASE_OPENERS, NUMBER_WORDS, TIME_WORDS, UNIT_SYNONYMS


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


def _units(analysis: Analysis) -> list[tuple[str, bool]]:
    """(lemma, named) of each content word and numbered name's number, in order; a unit of measure after a figure
    ("1.5GW", "113F") is part of the figure, left out with it: "GW" / "MW" are two ways to write a figure, not two
    named things."""
    tokens = analysis.tokens
    names = numbered_names(analysis)
    return [
        (token.lemma, i in names or _capitalised(token))
        for i, token in enumerate(tokens)
        if i in names
        or (is_content(token) and not (i > 0 and tokens[i - 1].kind == "number" and token.lower in MEASURES))
    ]


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def named_substitution(premise: Analysis, hypothesis: Analysis) -> bool:
    """A name of one statement stands, in the aligned content words, where the other has another name, and
    neither name occurs anywhere in the other statement."""
    ours, theirs = _units(premise), _units(hypothesis)
    our_lemmas, their_lemmas = [u for u, _ in ours], [u for u, _ in theirs]
    matcher = SequenceMatcher(None, our_lemmas, their_lemmas, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "replace":
            continue
        replaced = ours[i1:i2], theirs[j1:j2]
        if not all(named for side in replaced for _, named in side):
            continue
        if any(u in their_lemmas for u, _ in replaced[0]) or any(u in our_lemmas for u, _ in replaced[1]):
            continue  # a name that moved: roles swapped, the same things
        return True
    return False
