"""The binary searches over a paragraph's tokens that replaced walks over the whole paragraph for every cue
(``attribution.tokens_from``, ``token_starting_at``, ``last_word_within``, ``_text_before``) find what the walks
found, on generated text: spaces and tabs of any run, punctuation, quotation marks, newlines, and a doc the pipeline
retokenized ("£2m." split in two)."""

from __future__ import annotations

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc, Token

from extraction.attribution import _text_before, last_word_within, token_starting_at
from extraction.doc_text import tokens_from
from extraction.pipeline import split_unit_stops

SEARCHES = settings(max_examples=200, derandomize=True, deadline=None, database=None)
PIECES = ["said", "Jane", "Doe", "the", "plan", "£2m.", "3.5%", ",", ".", "“", "”", '"', "—", " ", "  ", "\t", "\n"]

_NLP: Language = spacy.blank("en")


def _doc(pieces: list[str]) -> Doc:
    return split_unit_stops(_NLP.make_doc(" ".join(pieces)))


def _walked_last_word(doc: Doc, start: int, end: int) -> Token | None:
    inside = [t for t in doc if start <= t.idx < end and not (t.is_punct or t.is_space)]
    return inside[-1] if inside else None


texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30)


@SEARCHES
@given(texts, st.integers(-3, 200), st.integers(-3, 200))
def test_last_word_within_is_the_walks_last_word(pieces: list[str], start: int, end: int) -> None:
    doc = _doc(pieces)
    found = last_word_within(doc, start, end)
    walked = _walked_last_word(doc, start, end)
    assert (found.i if found is not None else None) == (walked.i if walked is not None else None)


@SEARCHES
@given(texts, st.integers(-3, 200))
def test_token_starting_at_is_the_walks_token(pieces: list[str], at: int) -> None:
    doc = _doc(pieces)
    found = token_starting_at(doc, at)
    walked = next((t for t in doc if t.idx == at), None)
    assert (found.i if found is not None else None) == (walked.i if walked is not None else None)
    assert tokens_from(doc, at) == sum(1 for t in doc if t.idx < at)


@SEARCHES
@given(texts, st.data())
def test_text_before_is_the_texts_slice(pieces: list[str], data: st.DataObject) -> None:
    doc = _doc(pieces)
    tok = doc[data.draw(st.integers(0, len(doc) - 1))]
    start = data.draw(st.integers(0, len(doc.text) + 2))
    assert _text_before(tok, start) == doc.text[start : tok.idx]


def test_searches_on_a_retokenized_amount() -> None:
    doc = _doc(["It", "cost", "£2m.", "The", "charity", "said", "so", "."])
    assert [t.text for t in doc[2:7]] == ["£", "2", "m", ".", "The"]  # "m." split in two by the pipeline
    stop = doc.text.index("m.") + 1
    assert token_starting_at(doc, stop) == doc[5]
    assert last_word_within(doc, 0, stop + 1) == doc[4]
    assert last_word_within(doc, stop, stop + 1) is None
    assert _text_before(doc[7], stop) == ". The "
