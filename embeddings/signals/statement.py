"""Everything the signals need from one statement, computed once (``analyse``)."""

from __future__ import annotations

from dataclasses import dataclass

from embeddings.signals.dates import DateMention, clock_positions, find_dates, period_numbers
from embeddings.signals.negations import NegationCue, find_negations
from embeddings.signals.numbers import Quantity, find_quantities
from embeddings.signals.places import PlaceMention, find_places
from embeddings.signals.tokens import Token, is_content, tokenize


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the signal functions need from one statement, computed once."""

    text: str
    tokens: tuple[Token, ...]
    content: frozenset[str]
    quantities: tuple[Quantity, ...]
    dates: tuple[DateMention, ...]
    places: tuple[PlaceMention, ...]
    negations: tuple[NegationCue, ...]
    word_count: int


def analyse(text: str) -> Analysis:
    """Tokenise a statement once and extract everything the signals compare."""
    tokens = tokenize(text)
    dates, date_positions = find_dates(tokens)
    clocks = clock_positions(tokens)  # a time of day's words are no content: its date is compared (issue 21)
    return Analysis(
        text=text,
        tokens=tuple(tokens),
        content=frozenset(t.lemma for i, t in enumerate(tokens) if is_content(t) and i not in clocks),
        quantities=tuple(find_quantities(tokens, date_positions - period_numbers(tokens))),
        dates=tuple(dates),
        places=tuple(find_places(tokens)),
        negations=tuple(find_negations(tokens)),
        word_count=sum(1 for t in tokens if t.kind != "symbol"),
    )


def parse_quantities(text: str) -> list[Quantity]:
    """All quantities in a statement, e.g. ``parse_quantities("about 2,500 troops")``."""
    return list(analyse(text).quantities)
