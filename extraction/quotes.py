"""Quotation spans found from the quote marks alone, before any parsing.

News quotes are paired per paragraph (British single curly quotes too, told from apostrophes by context); a paragraph
that opens a quote and never closes it continues into the next paragraph (which reopens it), so an unclosed quote is
not an error but a signal. Curly, straight, guillemet, German („...“) and doubled-apostrophe marks are all read, and
a straight single quotation that opens a paragraph; unbalanced marks never raise, they just end the quote at the
paragraph end.
"""

from __future__ import annotations

import re
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


SINGLE_OPEN = "‘"
SINGLE_CLOSE = "’"
# Every mark that can open or close a quotation here (double, single, guillemet, straight).
QUOTE_MARKS = OPENING | CLOSING | {STRAIGHT, SINGLE_OPEN, SINGLE_CLOSE}


def _after_plural(text: str, i: int) -> bool:
    """A ’ after an s and before a space: a plural possessive ("the players’ union") as often as a closing mark."""
    return text[i - 1 : i] == "s" and text[i + 1 : i + 2] == " "


def _single_mark(text: str, i: int, single_open: bool) -> str | None:
    """British-style single curly quotes (‘We did not want this,’ she said). A ‘ opens after a space, a bracket or
    a dash and before a word (not ‘90s); a ’ closes an open one unless it is an apostrophe: between letters
    (don’t), or a plural possessive before a word (the players’ union)."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch == SINGLE_OPEN:
        return "open" if prev in _OPEN_CONTEXT and not (nxt.isspace() or nxt.isdigit()) else None
    if not single_open or nxt.isalnum():
        return None
    if _after_plural(text, i) and text[i + 2 : i + 3].islower():
        return None
    return "close"


def _mark_at(text: str, i: int, single_open: bool = False) -> tuple[str, int] | None:
    """('open'|'close'|'straight', width) for a quote mark at ``i``; '' and `` count as double quotes, ‘ and ’
    as single quotes (``single_open``: a single quote is the innermost open one)."""
    ch = text[i]
    if ch in (SINGLE_OPEN, SINGLE_CLOSE):
        single = _single_mark(text, i, single_open)
        return (single, 1) if single is not None else None
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


LOW_OPEN = "„"


def _opener_kind(ch: str) -> str:
    if ch in STRAIGHT + "'":
        return "straight"
    if ch == LOW_OPEN:
        return "low"
    return "single" if ch == SINGLE_OPEN else "curly"


# A straight single quotation's close: a ' after the sentence's punctuation, before a space or the end.
_STRAIGHT_SINGLE_CLOSE = re.compile(r"(?<=[,.?!])'(?=\s|$)")


def _straight_single(text: str, start: int, stop: int) -> Quote | None:
    """ "'It is a disaster for the town,' said shopkeeper Lisa Grant.": a paragraph that opens on a straight single
    quote before a letter, closed by a ' right after a comma, full stop, question or exclamation mark. Elsewhere a
    straight ' is an apostrophe as often as a quote mark ("the players' union", "'90s") and stays unread."""
    if text[start : start + 1] != "'" or not text[start + 1 : start + 2].isalpha():
        return None
    if start > 0 and not text[start - 1].isspace():  # a paragraph opens after a line break or the spaces it trims
        return None
    close = _STRAIGHT_SINGLE_CLOSE.search(text, start + 1, stop)
    if close is None or any(ch in QUOTE_MARKS for ch in text[start + 1 : close.start()]):
        return None
    return Quote(start + 1, close.start(), start, close.start() + 1)


# A list item's bullet and the space after it ("• 'This was the right call.' — Sam Patel").
_BULLET = re.compile(r"[-•*▪●◦‣][ \t\u00a0]+")


def _after_bullet(text: str, start: int, stop: int) -> int:
    """Where a list item's words start: a quotation that opens the item opens the paragraph as surely."""
    bullet = _BULLET.match(text, start, stop)
    return bullet.end() if bullet is not None else start


def find_quotes(text: str, start: int = 0, end: int | None = None) -> list[Quote]:
    """All quotations in ``text[start:end]`` (one paragraph), outermost only, in order."""
    stop = len(text) if end is None else end
    if (single := _straight_single(text, _after_bullet(text, start, stop), stop)) is not None:
        return [single, *find_quotes(text, single.outer_end, stop)]
    quotes: list[Quote] = []
    stack: list[str] = []  # the open marks: "curly", "single" or "straight"
    open_at = open_width = 0
    i = start
    while i < stop:
        mark = _mark_at(text, i, bool(stack) and stack[-1] == "single")
        if mark is None:
            i += 1
            continue
        kind, width = mark
        if kind == "open" and text[i] == "“" and stack and stack[-1] == "low":
            kind = "close"  # German „...“: the high mark closes what the low one opened
        if kind == "straight":
            prev = text[i - 1] if i > start else " "
            opens = not stack or (stack[-1] != "straight" and prev in _OPEN_CONTEXT)
            kind = "open" if opens else "close"
        if kind == "open":
            if not stack:
                open_at, open_width = i, width
            stack.append(_opener_kind(text[i]))
        elif stack:
            while text[i] != SINGLE_CLOSE and stack[-1] == "single" and len(stack) > 1:
                stack.pop()  # a double mark closes over single quotes left open inside it
            stack.pop()
            if not stack:
                quotes.append(Quote(open_at + open_width, i, open_at, i + width))
        elif not quotes and text[start:i].strip():
            # A closing mark before any opening one: the quote began in an earlier paragraph.
            quotes.append(Quote(start, i, start, i + width, headless=True))
        i += width
    if stack == ["single"] and (close := _first_possessive_close(text, open_at + 1, stop)) is not None:
        # A single quotation never closed: the ’ read as a plural possessive closed it ("she ‘deeply regrets’
        # the delays"); a single quote does not run on to the next paragraph as a double one does.
        quotes.append(Quote(open_at + 1, close, open_at, close + 1))
        quotes.extend(find_quotes(text, close + 1, stop))
    elif stack:
        quotes.append(Quote(open_at + open_width, stop, open_at, stop, open_ended=True))
    return [q for q in quotes if q.end > q.start]


def _first_possessive_close(text: str, start: int, stop: int) -> int | None:
    """The first ’ after ``start`` that may be a plural possessive (``_after_plural``): where a single quotation
    left open is closed after all."""
    return next((i for i in range(start, stop) if text[i] == SINGLE_CLOSE and _after_plural(text, i)), None)
