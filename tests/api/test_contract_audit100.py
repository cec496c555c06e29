"""Found by a week-long desk audit through the running service (h100, both backends): a speaker name within the
300-character limit whose key is longer once folded ("ß" keys as "ss", the ligature "ﬃ" as "ffi") was a 500 on
PostgreSQL (the key column is as wide as the name, and only PostgreSQL enforces the width) and stored on SQLite.
Every endpoint that takes a speaker name refuses it with a 422 naming the field, on both backends alike."""

from __future__ import annotations

import random
from typing import Any

import pytest
from fastapi.testclient import TestClient
from psycopg.errors import ProgramLimitExceeded
from sqlalchemy.exc import OperationalError

from db.models import Document
from db.repositories.documents import DocumentRepository
from extraction import speaker_key

# 299 characters as written; folded, ~340 ("ß" -> "ss") and 897 ("ﬃ" -> "ffi"): more than the 300 the key holds.
LONG_ONCE_FOLDED = {
    "eszett": ("Straße " * 43)[:299].strip(),
    "ligature": "\ufb03" * 299,
}


def _refused(response: Any, loc: list[Any]) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    locs = [error["loc"] for error in response.json()["errors"]]
    assert loc in locs, locs


@pytest.mark.parametrize("name", LONG_ONCE_FOLDED.values(), ids=LONG_ONCE_FOLDED.keys())
def test_a_name_too_long_once_folded_is_a_422_wherever_a_speaker_is_named(
    client: TestClient, writer: dict[str, str], admin: dict[str, str], name: str
) -> None:
    assert len(name) <= 300 < len(speaker_key(name))
    source = client.post("/v1/sources", json={"name": "Eastbury Transport Authority"}, headers=writer).json()
    claim = {"text": "The depot opens in May.", "speaker": name, "said_at": "2026-11-11"}
    _refused(client.post("/v1/claims", json=claim, headers=writer), ["body", "speaker"])
    _refused(
        client.post(
            "/v1/claims/bulk", json={"claims": [{**claim, "speaker": "Mayor Priya Natarajan"}, claim]}, headers=writer
        ),
        ["body", "claims", 1, "speaker"],
    )
    _refused(
        client.post("/v1/check", json={"text": "The depot never opens.", "speaker": name}, headers=writer),
        ["body", "speaker"],
    )
    quote = {"quote": "The depot opens soon.", "speaker": name, "source_url": "https://news.example.org/q"}
    _refused(client.post("/v1/quotes", json=quote, headers=writer), ["body", "speaker"])
    _refused(client.post("/v1/sources", json={"name": name}, headers=writer), ["body", "name"])
    _refused(
        client.post("/v1/sources", json={"name": "Jack Ivers", "aliases": [name]}, headers=writer),
        ["body", "aliases", 0],
    )
    _refused(
        client.post(f"/v1/sources/{source['id']}/aliases", json={"alias": name}, headers=writer), ["body", "alias"]
    )
    _refused(client.patch(f"/v1/sources/{source['id']}", json={"name": name}, headers=writer), ["body", "name"])
    review = {
        "@type": "ClaimReview",
        "claimReviewed": "The depot opens in May.",
        "url": "https://factcheck.example.org/depot",
        "reviewRating": {"ratingValue": 2, "bestRating": 5, "worstRating": 1, "alternateName": "Misleading"},
        "itemReviewed": {"author": {"name": name}},
    }
    refused = client.post("/v1/claimreviews", json=[review], headers=writer)
    assert refused.status_code == 422, refused.text
    assert "speaker" in refused.text or "author" in refused.text
    # nothing of the refused batch (nor of the other refusals) was stored
    assert client.get("/v1/claims", headers=writer).json()["items"] == []
    names = [s["name"] for s in client.get("/v1/sources", headers=admin).json()["items"]]
    assert names == ["Eastbury Transport Authority"]


def test_a_name_at_the_limit_that_folds_no_longer_is_still_taken(client: TestClient, writer: dict[str, str]) -> None:
    """The refusal is for what the key column cannot hold, not for long names: 300 plain letters still resolve."""
    name = ("Okafor " * 43)[:300].strip()
    created = client.post("/v1/claims", json={"text": "The shielding passed.", "speaker": name}, headers=writer)
    assert created.status_code == 201, created.text
    again = client.post("/v1/claims", json={"text": "The lander flies in 2028.", "speaker": name}, headers=writer)
    assert again.json()["speaker"]["id"] == created.json()["speaker"]["id"]


def test_a_document_url_of_many_non_ascii_characters_is_stored_on_both_backends(
    client: TestClient, writer: dict[str, str]
) -> None:
    """A link may be an IRI (the service keeps non-ASCII as written): 2,000 CJK characters are 6,000 bytes, over
    the 2,704 a PostgreSQL btree index entry holds, and `ix_documents_url` made the insert a 503 ("the database is
    busy") on PostgreSQL while SQLite stored it. The index is a hash index there now (look-ups are by equality)."""
    letters = random.Random(7)
    url = "https://news.example.org/" + "".join(chr(letters.randint(0x4E00, 0x9FFF)) for _ in range(2000))
    body = {"text": "Mayor Priya Natarajan said the depot would open in June.", "url": url, "title": "Depot"}
    first = client.post("/v1/documents", json=body, headers=writer)
    assert first.status_code == 201, first.text
    assert client.get(f"/v1/documents/{first.json()['id']}", headers=writer).json()["url"] == url
    again = client.post("/v1/documents", json=body, headers=writer)  # the same article again: found by its url
    assert again.status_code in (200, 201), again.text
    assert again.json()["id"] == first.json()["id"]


def test_a_database_size_limit_is_a_413_not_a_retry_forever_503(
    client: TestClient, writer: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """PostgreSQL reports its size limits (SQLSTATE class 54, e.g. an index entry over 2,704 bytes) as
    OperationalError, which the service read as "the database is busy; retry shortly" (503, Retry-After: 1): a
    client that retries sends the same request for ever. Nothing was stored; the reply says retrying will not help."""

    def refuse(self: DocumentRepository, document: Document) -> Document:
        raise OperationalError("INSERT INTO documents ...", {}, ProgramLimitExceeded("index row size 6040 exceeds"))

    monkeypatch.setattr(DocumentRepository, "add", refuse)
    body = {"text": "Mayor Priya Natarajan said the depot would open in June.", "url": "https://news.example.org/d"}
    refused = client.post("/v1/documents", json=body, headers=writer)
    assert refused.status_code == 413, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert "retry-after" not in refused.headers
