"""Quotation spans found from the quote marks alone, before any parsing.

News quotes are paired per paragraph; a paragraph that opens a quote and never closes it continues into the next
paragraph (which reopens it), so an unclosed quote is not an error but a signal. Curly, straight, guillemet and
doubled-apostrophe marks are all read; unbalanced marks never raise, they just end the quote at the paragraph end.
"""

from __future__ import annotations

from dataclasses import dataclass

OPENING = frozenset("“„«")
CLOSING = frozenset("”»")
STRAIGHT = '"'
_OPEN_CONTEXT = frozenset(" \t\n\u00a0([{—–-:")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``start``/``end`` bound the words inside the marks, ``outer_*`` include the marks.

    ``open_ended``: the paragraph ended before a closing mark. ``headless``: a closing mark with no opening one,
    i.e. the quote began before this paragraph.
    """

    start: int
    end: int
    outer_start: int
    outer_end: int
    open_ended: bool = False
    headless: bool = False

    def contains(self, start: int, end: int) -> bool:
        return self.outer_start <= start and end <= self.outer_end


def _mark_at(text: str, i: int) -> tuple[str, int] | None:
    """('open'|'close'|'straight', width) for a quote mark at ``i``; '' and `` count as double quotes."""
    ch = text[i]
    if ch in OPENING:
        return "open", 1
    if ch in CLOSING:
        return "close", 1
    if ch == STRAIGHT:
        return "straight", 1
    pair = text[i : i + 2]
    if pair == "``":
        return "open", 2
    if pair == "''" and (i == 0 or text[i - 1] != "'") and text[i + 2 : i + 3] != "'":
        return "straight", 2
    return None


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[Quote]:
    """All quotations in ``text[start:end]`` (one paragraph), outermost only, in order."""
    stop = len(text) if end is None else end
    quotes: list[Quote] = []
    stack: list[str] = []  # the open marks: "curly" or "straight"
    open_at = open_width = 0
    i = start
    while i < stop:
        mark = _mark_at(text, i)
        if mark is None:
            i += 1
            continue
        kind, width = mark
        if kind == "straight":
            prev = text[i - 1] if i > start else " "
            opens = not stack or (stack[-1] != "straight" and prev in _OPEN_CONTEXT)
            kind = "open" if opens else "close"
        if kind == "open":
            if not stack:
                open_at, open_width = i, width
            stack.append("straight" if text[i] in STRAIGHT + "'" else "curly")
        elif stack:
            stack.pop()
            if not stack:
                quotes.append(Quote(open_at + open_width, i, open_at, i + width))
        elif not quotes and text[start:i].strip():
            # A closing mark before any opening one: the quote began in an earlier paragraph.
            quotes.append(Quote(start, i, start, i + width, headless=True))
        i += width
    if stack:
        quotes.append(Quote(open_at + open_width, stop, open_at, stop, open_ended=True))
    return [q for q in quotes if q.end > q.start]
