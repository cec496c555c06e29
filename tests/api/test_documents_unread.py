"""A document says how much of its text the extractor left unread (`unread_characters`): on the POST's reply, on
GET, and as a note on the review UI's document page; null for a document stored before it was recorded."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from db.engine import make_session_factory
from db.models import Document
from extraction import AttributionExtractor, ExtractedClaim
from extraction.text import paragraphs, sanitize
from service.runtime import Runtime
from tests.api.conftest import stand_in_runtime
from tests.ui.conftest import sign_in

LEAD = "The harbour will reopen on Monday, the port authority said in a statement on Friday."


class FirstParagraphExtractor(AttributionExtractor):
    """The session's spaCy pipeline reading only an article's first line. What is unread is counted from the real
    extractor's limits whatever reads the article; parsing 100,000 characters (and storing and checking the 700
    claims they yield) would cost seconds on each backend."""

    def extract(self, text: str) -> list[ExtractedClaim]:
        return super().extract(text.split("\n", 1)[0])


@pytest.fixture
def runtime(database_url: str, extractor: AttributionExtractor) -> Iterator[Runtime]:
    rt = stand_in_runtime(database_url, FirstParagraphExtractor(extractor.nlp))
    yield rt
    rt.close()


def _long_article() -> tuple[str, list[tuple[int, int]]]:
    """The lead, then prose paragraphs to 120,000 characters; with each paragraph's bounds."""
    parts = [LEAD]
    i = 0
    while sum(len(p) + 2 for p in parts) < 120_000:
        parts.append(
            f"Ferry {i} left the northern quay at dawn with {i % 40 + 3} passengers, and the crossing took "
            "about forty minutes in calm water, according to the harbour master's log for the week."
        )
        i += 1
    spans, at = [], 0
    for part in parts:
        spans.append((at, at + len(part)))
        at += len(part) + 2
    return "\n\n".join(parts), spans


def _note(page: str) -> str | None:
    found = re.search(r'<p class="notice unread">(.*?)</p>', page, re.S)
    return None if found is None else found.group(1)


def test_unread_characters_on_post_get_and_the_document_page(
    client: TestClient, runtime: Runtime, writer: dict[str, str], make_key: Callable[[str], dict[str, str]]
) -> None:
    text, spans = _long_article()
    assert len(text) > 120_000
    last_read = paragraphs(sanitize(text))[-1][1]
    unread = sum(end - start for start, end in spans if start >= last_read)
    assert unread > 15_000

    posted = client.post("/v1/documents", json={"text": text, "title": "Ferries"}, headers=writer)
    assert posted.status_code == 201, posted.text
    long_doc = posted.json()
    assert long_doc["unread_characters"] == unread
    assert long_doc["claims"] and all(c["span"][1] <= len(LEAD) for c in long_doc["claims"])
    assert client.get(f"/v1/documents/{long_doc['id']}", headers=writer).json() == long_doc

    short = client.post("/v1/documents", json={"text": LEAD}, headers=writer)
    assert short.status_code == 201, short.text
    short_doc = short.json()
    assert short_doc["unread_characters"] == 0 and short_doc["claims"]
    assert client.get(f"/v1/documents/{short_doc['id']}", headers=writer).json() == short_doc

    with make_session_factory(runtime.engine)() as session:  # stored before the count was recorded
        old = Document(text=text, text_sha256="0" * 64, extractor_version="rules-25")
        session.add(old)
        session.commit()
        old_id = old.id
    assert client.get(f"/v1/documents/{old_id}", headers=writer).json()["unread_characters"] is None

    token = make_key("review")["Authorization"].removeprefix("Bearer ")
    assert sign_in(client, token).status_code == 303
    long_page = client.get(f"/ui/documents/{long_doc['id']}")
    assert long_page.status_code == 200
    note = _note(long_page.text)
    assert note is not None and f"{unread:,} characters" in note and "claims come only from what it read" in note
    for quiet in (short_doc["id"], old_id):
        page = client.get(f"/ui/documents/{quiet}")
        assert page.status_code == 200 and _note(page.text) is None
