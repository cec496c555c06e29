"""An article cut into runs of text, each with the attributed claims whose spans cover it, for highlighting.

Spans may overlap or nest (a quote inside a longer attributed passage): every boundary of every span cuts the
text, and each piece lists all the spans covering it. Spans outside the text or empty are left out.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    number: int  # the claim's number on the page (1-based), shown as the span's label


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    covering: tuple[int, ...]  # numbers of the spans over this piece, in span order
    ending: tuple[int, ...]  # numbers of the spans that end with this piece (their labels follow it)

    @property
    def overlap(self) -> bool:
        return len(self.covering) > 1


def usable(start: int | None, end: int | None, length: int) -> bool:
    return start is not None and end is not None and 0 <= start < end <= length


def pieces(text: str, spans: list[Span]) -> list[Piece]:
    """The text in order, cut at every span boundary; concatenating the pieces' texts gives the text back."""
    kept = sorted((s for s in spans if usable(s.start, s.end, len(text))), key=lambda s: (s.start, -s.end, s.number))
    cuts = sorted({0, len(text), *(s.start for s in kept), *(s.end for s in kept)})
    result = []
    for left, right in itertools.pairwise(cuts):
        covering = tuple(s.number for s in kept if s.start <= left and right <= s.end)
        ending = tuple(s.number for s in kept if s.end == right)
        result.append(Piece(text[left:right], covering, ending))
    return result
