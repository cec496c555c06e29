"""``doc_text.doc_slice`` and ``words_text`` read what a slice of ``Doc.text`` reads, from the covering tokens
alone (``Doc.text`` joins the whole paragraph on every read), on generated text: runs of spaces and tabs,
punctuation, quotation marks, newlines, and a doc the pipeline retokenized ("£2m." split in two)."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from extraction.doc_text import doc_slice, tokens_from, words_text
from extraction.pipeline import split_unit_stops

SLICES = settings(max_examples=300, derandomize=True, deadline=None, database=None)
PIECES = ["said", "Jane", "Doe", "the", "plan", "£2m.", "3.5%", ",", ".", "“", "”", '"', "—", " ", "  ", "\t", "\n"]

_NLP: Language = spacy.blank("en")


def _doc(pieces: list[str]) -> Doc:
    return split_unit_stops(_NLP.make_doc(" ".join(pieces)))


texts = st.lists(st.sampled_from(PIECES), min_size=0, max_size=30)


@SLICES
@given(texts, st.integers(0, 200), st.integers(0, 200))
def test_doc_slice_is_the_texts_slice(pieces: list[str], start: int, end: int) -> None:
    doc = _doc(pieces)
    assert doc_slice(doc, start, end) == doc.text[start:end]


@SLICES
@given(texts, st.data())
def test_words_text_runs_from_first_to_last(pieces: list[str], data: st.DataObject) -> None:
    doc = _doc(pieces)
    if len(doc) == 0:
        return
    first = data.draw(st.integers(0, len(doc) - 1))
    last = data.draw(st.integers(first, len(doc) - 1))
    assert words_text(doc[first], doc[last]) == doc.text[doc[first].idx : doc[last].idx + len(doc[last].text)]


@SLICES
@given(texts, st.integers(-3, 200))
def test_tokens_from_is_the_walks_index(pieces: list[str], at: int) -> None:
    doc = _doc(pieces)
    assert tokens_from(doc, at) == sum(1 for t in doc if t.idx < at)


def test_slice_inside_one_token_and_across_spaces() -> None:
    doc = _NLP.make_doc("The  minister\tsaid  it.")
    assert doc_slice(doc, 5, 9) == "mini"
    assert doc_slice(doc, 2, 15) == "e  minister\ts"
    assert words_text(doc[0], doc[2]) == "The  minister"
