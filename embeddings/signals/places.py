"""Places in a statement: gazetteer names (``places.tsv``) right after a locative preposition, where something
happens ("talks in Baghdad or Washington")."""

from __future__ import annotations

from dataclasses import dataclass

from embeddings.signals.tokens import Token, context
from embeddings.signals.vocabulary import LOCATIVE_PREPOSITIONS, PLACES


@dataclass(frozen=True, slots=True)
class PlaceMention:
    name: str
    level: str  # "city" or "country"
    country: str
    context: frozenset[str]


def find_places(tokens: list[Token]) -> list[PlaceMention]:
    """Known places right after a locative preposition ("in Baghdad or Washington"): where something happens."""
    place_lemmas = frozenset(PLACES)
    places: list[PlaceMention] = []
    in_locative_list = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        two_words = f"{token.lower} {tokens[index + 1].lower}" if index + 1 < len(tokens) else ""
        name = two_words if two_words in PLACES else token.lemma if token.lemma in PLACES else None
        capitalised = token.text[:1].isupper()
        if name is not None and capitalised and in_locative_list:
            level, country = PLACES[name]
            width = 2 if name == two_words else 1
            places.append(PlaceMention(name, level, country, context(tokens, index, index + width, place_lemmas)))
            index += width
            continue
        if token.lower in LOCATIVE_PREPOSITIONS:
            in_locative_list = True
        elif token.lower not in ("the", "and", "or", "either", "both"):
            in_locative_list = False
        index += 1
    return places
