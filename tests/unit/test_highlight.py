"""Cutting an article at its claims' spans: overlaps, nesting, spans outside the text."""

from __future__ import annotations

from service.ui.highlight import Span, pieces

TEXT = "The Pentagon said troops fell. A spokesman added more."


def test_no_spans_is_the_whole_text() -> None:
    assert [(p.text, p.covering) for p in pieces(TEXT, [])] == [(TEXT, ())]
    assert pieces("", []) == []


def test_disjoint_spans() -> None:
    a, b = TEXT.index("troops fell"), TEXT.index("more")
    result = pieces(TEXT, [Span(b, b + 4, 2), Span(a, a + 11, 1)])
    assert [(p.text, p.covering, p.ending) for p in result] == [
        ("The Pentagon said ", (), ()),
        ("troops fell", (1,), (1,)),
        (". A spokesman added ", (), ()),
        ("more", (2,), (2,)),
        (".", (), ()),
    ]


def test_overlapping_and_nested_spans_cover_each_piece_once() -> None:
    outer = Span(4, 30, 1)  # "Pentagon said troops fell."
    inner = Span(18, 24, 2)  # "troops"
    crossing = Span(25, 40, 3)  # "fell. A spokesm"
    result = pieces(TEXT, [crossing, inner, outer])
    assert "".join(p.text for p in result) == TEXT
    covering = {p.text: p.covering for p in result}
    assert covering["troops"] == (1, 2)
    assert covering["fell."] == (1, 3)
    assert covering[" A spokesm"] == (3,)
    assert [p.overlap for p in result if p.text == "troops"] == [True]
    assert [p.ending for p in result if p.ending] == [(2,), (1,), (3,)]


def test_spans_outside_the_text_or_empty_are_left_out() -> None:
    result = pieces(TEXT, [Span(5, 5, 1), Span(-1, 3, 2), Span(10, len(TEXT) + 1, 3), Span(20, 10, 4)])
    assert [(p.text, p.covering) for p in result] == [(TEXT, ())]
