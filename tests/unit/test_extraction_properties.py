"""Property-based: whatever odd but real text an article arrives as (curly, straight, nested and unbalanced quotes,
datelines, controls, zero-width and bidi marks, combining marks, emoji, right-to-left and CJK scripts, markup,
entities, tabs, form feeds, NUL, very long words and paragraphs), extraction keeps the promises its types and
docstrings make: it never falls back on its catch-all, every span slices the caller's text to the claim's, cue's
and mention's words, spans come once each in reading order, no claim crosses a blank line, and the same article
read again, or with blank lines before it or whitespace after it, gives the same claims. Derandomized and bounded
(the same examples every run) so the suite stays fast."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extraction import AttributionExtractor, ExtractedClaim, attribution
from extraction.text import readable

pytestmark = pytest.mark.slow

ARTICLES = settings(
    max_examples=25,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

NAMES = [
    "Jane Doe", "Dr. Ahmed al-Sayed", "Ms O’Brien", "Zoë Ångström", "Jean-Luc Picard", "Col. Wayne Marotto",
    "the ministry", "Acme Ltd", "the Iraqi military", "Prime Minister Keir Starmer", "a spokesman", "李明",
    "محمد علي", "Mary-Kate O'Neill", "he", "she", "it", "they", "UNICEF", "de la Fuente", "Councillor Priya Lowe",
]  # fmt: skip
WORDS = [
    "the", "talks", "will", "resume", "next", "week", "prices", "rose", "by", "£2m.", "3.5%", "government", "we",
    "are", "not", "going", "to", "back", "down", "it", "was", "a", "mistake", "Baghdad", "Monday", "and", "that",
    "said", "according", "U.S.", "co-operation", "don’t", "isn't", "1,000", "—", "–", "...", "…", "?", "!", ":",
]  # fmt: skip
TEMPLATES = [
    "“{c},” {n} said.", '"{c}," said {n}.', "{N} said that {c}.", "According to {n}, {c}.", "{N} said: “{c}”",
    "It added that {c}.", "“{c}” — {n}", "{N}: {c}", "‘{c}’, {n} told reporters.", "“{c} ‘{d}’ {c},” {n} said.",
    "“{c}, {n} said.", "{c}” {n} said.", "{C} — {n} said — {c}.", "{N} denied that {c}.", "“{c}", "{C}.",
    "He said {c}.", "She added: “{c}.", "“{c},” {n} said. “{d}.”", "{N} said in a statement that “{c}”.",
    "«{c}», {n} a déclaré.", "„{c}“, sagte {n}.", "{n} said", "“,” said", "{N} (pictured) said {c}.",
]  # fmt: skip
# What real articles carry besides prose: controls (NUL included: the API refuses it, the extractor must not care),
# invisible and bidi marks, combining marks, emoji and other astral characters, other scripts, odd spaces and line
# breaks, markup and entities (broken ones too), Markdown, mojibake, datelines, labels and bullets.
NOISE = [
    "\x00", "\x01", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x85", "\x9f", "\u200b", "\u200c", "\u200d", "\u2060",
    "\ufeff", "\u200e", "\u200f", "\u202b", "\u202e", "\u2067", "\u2069", "\u0301", "\u0308\u0308\u0308", "e\u0301",
    "😀", "👩‍👩‍👧", "🇬🇧", "𝐀𝐁𝐂", "𠀀", "\U0010fffd", "שלום עולם", "مرحبا بالعالم", "你好，世界。", "「引用」",
    "ｆｕｌｌ", "\t", "\f", "\u2028", "\u2029", "\u00a0", "\u3000", " " * 40, "<p>", "</p>", '<div class="x">',
    "<br/>", '<a href="https://x.org/a?b=1&c=2">', "</a>", "<script>", "</script>", "<!--", "-->", "&amp;",
    "&quot;", "&#0;", "&#x110000;", "&#55296;", "&rsquo;", "&#8220;", "&bogus;", "&", "<", ">", "**", "__", "> ",
    "[link](http://x)", "](", "â€œ", "â€\x9d", "â€™", "\r", "\r\n", "\n", "\n\n", "!!!???...", "* * *", "“", "”",
    '"', "‘", "’", "«", "»", "„", "—", "--", ":", "Q: ", "SMITH: ", "LONDON (Reuters) - ", "09:40 GMT — ", "- ",
]  # fmt: skip
SEPARATORS = ["\n\n", "\n", "\r\n\r\n", "\r\n", "\n \n", "\u2029", "\n\t\n", "\f\n"]
BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


@st.composite
def sentences(draw: st.DrawFn) -> str:
    content = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12)))
    other = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)))
    name = draw(st.sampled_from(NAMES))
    return draw(st.sampled_from(TEMPLATES)).format(
        c=content, d=other, n=name, N=name[:1].upper() + name[1:], C=content[:1].upper() + content[1:]
    )


@st.composite
def paragraphs(draw: st.DrawFn) -> str:
    pieces = st.one_of(sentences(), sentences(), st.sampled_from(NOISE), st.integers(1, 60).map(lambda n: "x" * n))
    glue = draw(st.sampled_from([" ", " ", "", "\t", " \u200b"]))
    return glue.join(draw(st.lists(pieces, min_size=1, max_size=6)))


@st.composite
def articles(draw: st.DrawFn) -> str:
    lines = st.one_of(paragraphs(), paragraphs(), st.sampled_from(["!!!", "* * *", "<hr>", "", "   ", "Q:"]))
    text = draw(st.sampled_from(SEPARATORS)).join(draw(st.lists(lines, min_size=1, max_size=6)))
    text = draw(st.sampled_from(["", "", "LONDON (Reuters) - ", "NEW DELHI: ", "<html><body><p>", "\ufeff"])) + text
    return text if text.strip() else "x" + text


@contextmanager
def _no_fallback() -> Iterator[None]:
    """Fails if extraction fell back on its catch-all (which logs and returns no claims): that hides a fault and
    loses every claim of the article."""
    logged: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            logged.append(record)

    handler = Collect(logging.ERROR)
    log = logging.getLogger("extraction.pipeline")
    log.addHandler(handler)
    try:
        yield
    finally:
        log.removeHandler(handler)
    assert not logged, logged[0].exc_text or logged[0].getMessage()


def _read(extractor: AttributionExtractor, text: str) -> list[ExtractedClaim]:
    with _no_fallback():
        claims = extractor.extract(text)
    _assert_promises(text, claims)
    return claims


def _assert_promises(text: str, claims: list[ExtractedClaim]) -> None:
    readable_text = readable(text)
    spans = [c.span for c in claims]
    assert spans == sorted(set(spans)), "one claim per span, in reading order"
    for claim in claims:
        start, end = claim.span
        assert 0 <= start < end <= len(text)
        assert text[start:end] == claim.text
        assert not BLANK_LINE.search(readable_text[start:end]), f"a claim across a blank line: {claim.text!r}"
        if claim.cue_span is not None:
            assert 0 <= claim.cue_span[0] <= claim.cue_span[1] <= len(text)
            assert text[claim.cue_span[0] : claim.cue_span[1]] == claim.cue
        speaker = claim.speaker
        if speaker.mention_span is not None:
            assert 0 <= speaker.mention_span[0] <= speaker.mention_span[1] <= len(text)
            assert text[speaker.mention_span[0] : speaker.mention_span[1]] == speaker.mention
        assert speaker.name.strip() and not CONTROL.search(speaker.name), repr(speaker.name)
        assert claim.kind in {"direct_quote", "indirect_quote", "statement"}
        assert claim.stance in {"asserts", "denies"}
        assert speaker.kind in {"person", "organisation", "unknown"}
        assert 0.0 <= claim.confidence <= 1.0


def _shifted(claims: list[ExtractedClaim], by: int) -> list[tuple[object, ...]]:
    """What a claim is, with every offset moved by ``by``: comparable across texts that differ only in a prefix."""

    def move(span: tuple[int, int] | None) -> tuple[int, int] | None:
        return None if span is None else (span[0] + by, span[1] + by)

    return [
        (move(c.span), move(c.cue_span), c.kind, c.stance, c.confidence, c.speaker.name, move(c.speaker.mention_span))
        for c in claims
    ]


@ARTICLES
@given(articles())
def test_odd_articles_keep_the_promises(extractor: AttributionExtractor, text: str) -> None:
    _read(extractor, text)


@settings(ARTICLES, max_examples=10)
@given(
    articles(), articles(), st.sampled_from(["\n", "\n\n", "  ", "\n \n\t"]), st.sampled_from([" ", "\n\n", "\t \n"])
)
def test_same_article_same_claims(
    extractor: AttributionExtractor, text: str, other: str, before: str, after: str
) -> None:
    """Read again after another article, with blank lines or spaces before it, or whitespace after it."""
    claims = _shifted(_read(extractor, text), 0)
    _read(extractor, other)
    assert _shifted(_read(extractor, text), 0) == claims
    assert _shifted(_read(extractor, before + text), -len(before)) == claims
    assert _shifted(_read(extractor, text + after), 0) == claims


# --- focused cases the properties found ------------------------------------------------------------------------


@pytest.mark.parametrize("indent", ["  ", "\t", "\n\n ", "<p>"])
def test_an_indented_dateline_is_no_part_of_the_quote(extractor: AttributionExtractor, indent: str) -> None:
    """A plain-text export indents its paragraphs and an HTML one opens them with a tag: the dateline is still
    the paragraph's opening, not the speaker's words."""
    text = indent + "LONDON (Reuters) - “The talks will resume,” Jane Doe said."
    [claim] = _read(extractor, text)
    assert claim.text == "The talks will resume"
    assert claim.kind == "direct_quote"


@pytest.mark.parametrize(
    ("text", "said"),
    [("“£2m. Monday,” Jane Doe said.", "Monday"), ("£2m. The charity said it was fine.", "it was fine")],
)
def test_an_amount_that_ends_a_sentence_is_read(extractor: AttributionExtractor, text: str, said: str) -> None:
    """ "£2m." closing a sentence: the unit's stop made a token of its own must leave the parse a tree, or the parse
    raises and the whole article falls back on no claims."""
    [claim] = _read(extractor, text)
    assert said in claim.text


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("“Prices rose,” said Jane\u200b Doe.", "Jane\u200b Doe"),
        ("Jane&nbsp;Doe said that prices rose by 3% in May.", "Jane&nbsp;Doe"),
        ("Jos&eacute; Li said that prices rose by 3% in May.", "Jos&eacute; Li"),
    ],
)
def test_the_mention_is_as_written(extractor: AttributionExtractor, text: str, mention: str) -> None:
    """``ExtractedSpeaker.mention`` is the words as written at ``mention_span``, not the parser's cleaned copy."""
    [claim] = _read(extractor, text)
    assert claim.speaker.mention == mention


def test_a_sentence_of_endless_cues_is_read_in_linear_time(
    extractor: AttributionExtractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "he said he said ..." as one 20,000-character sentence took minutes: every cue was read against the whole
    sentence. Only the first few cues of a sentence are read."""
    calls: list[object] = []
    read_cue = attribution._verb

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(args[0])
        return read_cue(*args, **kwargs)

    monkeypatch.setattr(attribution, "_verb", counted)
    _read(extractor, "he said " * 300)
    assert len(calls) <= 20
