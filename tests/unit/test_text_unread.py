"""How much of an article the extractor leaves unread (``extraction.text.unread_characters``): the tail after its
token budget ran out and any paragraph's tail past ``MAX_PARAGRAPH_CHARS``, counted on the text as the pipeline
reads it (``sanitize``); lines it skips as junk are not unread."""

from __future__ import annotations

from extraction.text import MAX_PARAGRAPH_CHARS, paragraphs, reading, sanitize, unread_characters


def _prose(i: int) -> str:
    return (
        f"Officials in district {i} said on Tuesday that the new bridge over the river would open in the spring, "
        f"according to a statement from the regional transport ministry. “We expect traffic to fall by a third,” "
        f"the ministry's spokeswoman, Anna Berg, told reporters in the town hall."
    )


def _article(total: int) -> tuple[str, list[tuple[int, int]]]:
    """Prose paragraphs, a blank line between, to at least ``total`` characters; with each paragraph's bounds."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    at = 0
    i = 0
    while at < total:
        para = _prose(i)
        spans.append((at, at + len(para)))
        parts.append(para)
        at += len(para) + 2
        i += 1
    return "\n\n".join(parts), spans


def test_a_short_article_is_read_whole() -> None:
    text, _ = _article(3_000)
    assert unread_characters(text) == 0


def test_the_tail_past_the_token_budget_is_unread_as_paragraphs_reads_it() -> None:
    text, spans = _article(150_000)
    assert 150_000 <= len(text) < 151_000
    bounds = paragraphs(sanitize(text))
    last_read = bounds[-1][1]
    assert 80_000 < last_read < 120_000  # the budget: about 100,000 characters of prose
    assert bounds == spans[: len(bounds)]
    tail = sum(end - start for start, end in spans if start >= last_read)
    assert tail > 30_000
    assert unread_characters(text) == tail


def test_a_long_paragraph_is_read_to_its_limit() -> None:
    sentence = "The minister said the talks with the unions had gone well and would resume next week. "
    para = (sentence * (23_000 // len(sentence) + 1))[:23_000].rstrip()
    para = para + "x" * (23_000 - len(para))
    assert len(para) == 23_000
    assert unread_characters(para) == 23_000 - MAX_PARAGRAPH_CHARS == 3_000
    assert paragraphs(para) == [(0, MAX_PARAGRAPH_CHARS)]
    # Its surrounding spaces are not unread, and a short paragraph after it is read.
    assert unread_characters(f"  {para}   \n\n{_prose(1)}\n") == 3_000


def test_junk_lines_are_skipped_not_unread() -> None:
    junk = ["----- 2024 -----", "| 1 | 2 | 3 | 4 |", "0123456789 " * 3_000, "=" * 25_000]
    text = "\n".join([_prose(0), *junk, _prose(1)])
    assert len(paragraphs(sanitize(text))) == 2
    assert unread_characters(text) == 0
    # Junk after the budget ran out is not unread either: only the prose there is.
    long_text, _ = _article(150_000)
    with_junk = "\n".join([long_text, *junk, _prose(999)])
    assert unread_characters(long_text) > 0
    assert unread_characters(with_junk) == unread_characters(long_text) + len(_prose(999))


def test_unread_is_counted_on_the_sanitized_text() -> None:
    """A script the text carries is blanked before reading (``sanitize``): no part of it is unread, though as raw
    text it is one line of 30,000 mostly-letter characters."""
    script = "<script>" + "var weather = loadForecast(city); " * 900 + "</script>"
    assert len(script) > 30_000
    text = f"{_prose(0)}\n{script}\n{_prose(1)}"
    assert reading(text).unread > 0  # raw, the script would be a paragraph too long to read whole
    assert unread_characters(text) == 0


def test_reading_gives_paragraphs_bounds() -> None:
    text, _ = _article(150_000)
    clean = sanitize(text)
    found = reading(clean)
    assert found.bounds == paragraphs(clean)
    assert found.unread == unread_characters(text)
    assert paragraphs(clean, max_tokens=100) == reading(clean, max_tokens=100).bounds
    assert reading(clean, max_tokens=100).unread > found.unread
