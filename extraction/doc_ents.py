"""A paragraph's named entities, read once. spaCy's ``Doc.ents`` builds a ``Span`` for every entity of the doc on
each read (and ``Span.ents`` reads it whole), so a read per mention or per sentence costs the product of the two
(a 20,000-character paragraph: 2,551 reads, seconds); these keep the spans the first read built in the doc's
``user_data`` and find the ones a stretch needs by a binary search over their offsets.

Whatever changes a doc's entities goes through ``set_entities``, which drops the kept spans; ``forget_entities``
drops them once the extractor is done with the doc, so no span outlives the reading of its article."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

_KEY = "claimledger.entities"


@dataclass(frozen=True)
class _Entities:
    """The doc's entity spans in text order (they never overlap, so their ends are in order too), with their token
    starts and ends for the searches, and the doc's length when read (a retokenised doc is read again)."""

    spans: tuple[Span, ...]
    starts: list[int]
    ends: list[int]
    doc_length: int


def _entities(doc: Doc) -> _Entities:
    held = doc.user_data.get(_KEY)
    if isinstance(held, _Entities) and held.doc_length == len(doc):
        return held
    spans = tuple(doc.ents)
    held = _Entities(spans, [e.start for e in spans], [e.end for e in spans], len(doc))
    doc.user_data[_KEY] = held
    return held


def entities(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, built once per doc."""
    return _entities(doc).spans


def entities_overlapping(doc: Doc, lo: int, hi: int) -> list[Span]:
    """The entities with a token in [lo, hi), in text order (``[e for e in doc.ents if e.start < hi and e.end >
    lo]``)."""
    held = _entities(doc)
    found: list[Span] = []
    for i in range(bisect_right(held.ends, lo), len(held.spans)):
        if held.starts[i] >= hi:
            break
        found.append(held.spans[i])
    return found


def entities_within(span: Span) -> list[Span]:
    """``span.ents``: the entities from the span's start on that end inside it, up to the first that runs past its
    end (spaCy stops there)."""
    held = _entities(span.doc)
    found: list[Span] = []
    for i in range(bisect_left(held.starts, span.start), len(held.spans)):
        if held.ends[i] > span.end:
            break
        found.append(held.spans[i])
    return found


def set_entities(doc: Doc, spans: Iterable[Span]) -> None:
    """Sets the doc's entities and drops the spans kept from before."""
    doc.ents = list(spans)
    forget_entities(doc)


def forget_entities(doc: Doc) -> None:
    """Drops the kept spans (each holds the doc, so the doc and they would wait for the cycle collector)."""
    doc.user_data.pop(_KEY, None)
