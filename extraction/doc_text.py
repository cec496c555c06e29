"""Reading a stretch of a paragraph's text from its own tokens. spaCy's ``Doc.text`` joins every token of the
paragraph on each read, so a slice of it taken once per mention or cue costs the square of a long paragraph's length
(a 20,000-character paragraph: most of half a minute); these find the tokens by a binary search over their offsets
and join only those."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Token


def _token_idx(tok: Token) -> int:
    return tok.idx


def tokens_from(doc: Doc, at: int) -> int:
    """The index of the first token of ``doc`` that starts at or after character ``at`` (tokens lie in text
    order)."""
    return bisect_left(doc, at, key=_token_idx)


def doc_slice(doc: Doc, start: int, end: int) -> str:
    """``doc.text[start:end]`` for offsets from 0 up, joined from the tokens that cover the stretch alone."""
    if end <= start or len(doc) == 0:
        return ""
    first = max(0, bisect_right(doc, start, key=_token_idx) - 1)
    stop = tokens_from(doc, end)
    base = doc[first].idx
    return "".join(t.text_with_ws for t in doc[first:stop])[start - base : end - base]


def words_text(first: Token, last: Token) -> str:
    """The text as written from ``first``'s start to ``last``'s end (``doc.text[first.idx : last.idx +
    len(last)]``)."""
    return doc_slice(first.doc, first.idx, last.idx + len(last.text))
