"""``doc_ents`` reads what ``Doc.ents`` and ``Span.ents`` read (spaCy builds every entity span on each read), on
generated entity layouts: entities of one token or several, side by side or apart, at the doc's ends; and a doc
whose entities are set again is read afresh."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from extraction.doc_ents import entities, entities_overlapping, entities_within, forget_entities, set_entities

LAYOUTS = settings(max_examples=200, derandomize=True, deadline=None, database=None)
_VOCAB = Vocab()
_TAGS = ["O", "B-PERSON", "I-PERSON", "B-ORG", "I-ORG"]


def _doc(tags: list[str]) -> Doc:
    """A doc of ``len(tags)`` words with the entities the BIO tags give (an I- after a different label opens one)."""
    fixed: list[str] = []
    for i, tag in enumerate(tags):
        before = fixed[i - 1] if i else "O"
        if tag.startswith("I-") and before[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        fixed.append(tag)
    return Doc(_VOCAB, words=[f"w{i}" for i in range(len(tags))], ents=fixed)


layouts = st.lists(st.sampled_from(_TAGS), min_size=1, max_size=25)


@LAYOUTS
@given(layouts, st.data())
def test_overlapping_reads_what_a_scan_of_doc_ents_reads(tags: list[str], data: st.DataObject) -> None:
    doc = _doc(tags)
    lo = data.draw(st.integers(0, len(doc)))
    hi = data.draw(st.integers(lo, len(doc) + 1))
    assert entities_overlapping(doc, lo, hi) == [e for e in doc.ents if e.start < hi and e.end > lo]
    assert entities(doc) == doc.ents


@LAYOUTS
@given(layouts, st.data())
def test_within_reads_what_span_ents_reads(tags: list[str], data: st.DataObject) -> None:
    doc = _doc(tags)
    start = data.draw(st.integers(0, len(doc)))
    end = data.draw(st.integers(start, len(doc)))
    span = doc[start:end]
    assert entities_within(span) == list(span.ents)


def test_entities_set_again_are_read_afresh() -> None:
    doc = _doc(["B-PERSON", "I-PERSON", "O", "B-ORG"])
    assert [e.label_ for e in entities(doc)] == ["PERSON", "ORG"]
    set_entities(doc, [Span(doc, 3, 4, label="ORG")])
    assert [(e.start, e.label_) for e in entities(doc)] == [(3, "ORG")]
    assert entities_overlapping(doc, 0, 2) == []


def test_forgotten_spans_leave_the_doc() -> None:
    doc = _doc(["B-PERSON", "O"])
    entities(doc)
    assert doc.user_data
    forget_entities(doc)
    assert not doc.user_data


def test_no_extraction_module_sets_entities_but_through_set_entities() -> None:
    """A direct ``doc.ents = ...`` would leave the kept spans stale."""
    package = Path(__file__).resolve().parents[2] / "extraction"
    setters = [
        path.name
        for path in package.glob("*.py")
        if path.name != "doc_ents.py" and re.search(r"\.ents\s*=[^=]", path.read_text(encoding="utf-8"))
    ]
    assert setters == []
