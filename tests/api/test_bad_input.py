"""Bad input is a 4xx problem at the edge, never a 500, and stores nothing: each reproduction of issue 22 (lone
surrogates, NaN and Infinity, deep or huge metadata, instants that overflow when shifted to UTC, forged cursors,
chunked bodies over the limit), on every endpoint it reached."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response

from tests.api.conftest import SEED_CLAIM

JSON = {"Content-Type": "application/json"}


def assert_problem(response: Response, status: int, *loc: str | int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status and body["title"] and body["detail"]
    if loc:
        assert any(tuple(e["loc"][: len(loc)]) == loc for e in body["errors"]), body["errors"]
    return body


def assert_nothing_stored_and_all_readable(client: TestClient, headers: dict[str, str], claims: int = 0) -> None:
    """Every list and every listed record still reads (200), and no claim was added."""
    listed = client.get("/v1/claims", headers=headers)
    assert listed.status_code == 200, listed.text
    assert len(listed.json()["items"]) == claims
    for item in listed.json()["items"]:
        assert client.get(f"/v1/claims/{item['id']}", headers=headers).status_code == 200
    for path in ("/v1/sources", "/v1/flags", "/v1/reconciliations"):
        assert client.get(path, headers=headers).status_code == 200, path


def post_raw(client: TestClient, path: str, body: str, headers: dict[str, str]) -> Response:
    """A body as a careless client writes it (json.dumps would refuse a lone surrogate only with ensure_ascii off)."""
    return client.post(path, content=body.encode(), headers={**headers, **JSON})


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ('{"text": "A claim.", "speaker": "Someone", "metadata": {"x": "\\udfff"}}', ("body", "metadata", "x")),
        (
            '{"text": "A claim.", "speaker": "Someone", "metadata": {"a": [1, {"b": "ok \\ud83d"}]}}',
            ("body", "metadata", "a", 1, "b"),
        ),
        ('{"text": "A claim.", "speaker": "Someone", "metadata": {"\\udc00key": 1}}', ("body", "metadata")),
        ('{"text": "A claim \\ud800 cut in half.", "speaker": "Someone"}', ("body", "text")),
        ('{"text": "A claim.", "speaker": "Some\\udfffone"}', ("body", "speaker")),
    ],
)
def test_a_lone_surrogate_anywhere_is_422_and_stores_nothing(
    client: TestClient, writer: dict[str, str], body: str, loc: tuple[str | int, ...]
) -> None:
    assert_problem(post_raw(client, "/v1/claims", body, writer), 422, *loc)
    assert_nothing_stored_and_all_readable(client, writer)


def test_a_whole_emoji_written_as_a_surrogate_pair_is_text(client: TestClient, writer: dict[str, str]) -> None:
    body = '{"text": "A claim \\ud83d\\ude00.", "speaker": "Someone", "metadata": {"e": "\\ud83d\\ude00"}}'
    created = post_raw(client, "/v1/claims", body, writer)
    assert created.status_code == 201, created.text
    assert created.json()["metadata"] == {"e": "😀"}
    assert_nothing_stored_and_all_readable(client, writer, claims=1)


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity", "1e999", "-1e400"])
@pytest.mark.parametrize(
    ("path", "template"),
    [
        ("/v1/claims", '{"text": "A claim.", "speaker": "Someone", "metadata": {"x": {"y": [%s]}}}'),
        ("/v1/claims/bulk", '{"claims": [{"text": "A claim.", "speaker": "Someone", "metadata": {"x": %s}}]}'),
        ("/v1/check", '{"text": "Troops in Iraq.", "top_k": %s}'),
        ("/v1/sources", '{"name": "Someone", "extra": %s}'),
    ],
)
def test_non_finite_numbers_anywhere_are_422(
    client: TestClient, writer: dict[str, str], path: str, template: str, constant: str
) -> None:
    body = assert_problem(post_raw(client, path, template % constant, writer), 422, "body")
    assert "NaN" in body["detail"] or "Infinity" in body["detail"] or "too large" in body["detail"]
    assert_nothing_stored_and_all_readable(client, writer)


def _nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {"leaf": 1}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


def test_metadata_is_capped_in_depth_and_size(client: TestClient, writer: dict[str, str]) -> None:
    ok = client.post("/v1/claims", json={**SEED_CLAIM, "metadata": _nested(32)}, headers=writer)
    assert ok.status_code == 201, ok.text
    assert client.get(f"/v1/claims/{ok.json()['id']}", headers=writer).json()["metadata"] == _nested(32)
    too_deep = client.post(
        "/v1/claims", json={"text": "Deep.", "speaker": "X", "metadata": _nested(33)}, headers=writer
    )
    assert "deeper than 32" in assert_problem(too_deep, 422, "body", "metadata")["detail"]
    for depth in (256, 100_000):  # the 256 levels; past the JSON parser's own recursion limit
        raw = '{"text": "Deep.", "speaker": "X", "metadata": ' + '{"a":' * depth + "1" + "}" * depth + "}"
        assert_problem(post_raw(client, "/v1/claims", raw, writer), 422, "body")
    big = {"notes": "x" * 20_001}
    assert_problem(
        client.post("/v1/claims", json={"text": "Big.", "speaker": "X", "metadata": big}, headers=writer), 422
    )
    assert_nothing_stored_and_all_readable(client, writer, claims=1)


OVERFLOWING = ["9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00", "0999-12-31", "10000-01-01"]


@pytest.mark.parametrize("when", OVERFLOWING)
@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/v1/claims", {"text": "A claim.", "speaker": "Someone"}, "said_at"),
        ("/v1/check", {"text": "Troops in Iraq have dropped."}, "said_at"),
        ("/v1/quotes", {"quote": "Troops in Iraq have dropped.", "speaker": "Someone"}, "said_at"),
        ("/v1/documents", {"text": "The ministry said troops left."}, "published_at"),
    ],
)
def test_instants_outside_the_years_1000_to_9999_after_the_zone_shift_are_422(
    client: TestClient, writer: dict[str, str], path: str, body: dict[str, Any], field: str, when: str
) -> None:
    assert_problem(client.post(path, json={**body, field: when}, headers=writer), 422, "body", field)
    assert_nothing_stored_and_all_readable(client, writer)


def test_the_last_instant_that_stays_in_range_is_kept(client: TestClient, writer: dict[str, str]) -> None:
    created = client.post("/v1/claims", json={**SEED_CLAIM, "said_at": "9999-12-31T22:59:59-01:00"}, headers=writer)
    assert created.status_code == 201, created.text
    assert created.json()["said_at"].startswith("9999-12-31T23:59:59")
    assert_nothing_stored_and_all_readable(client, writer, claims=1)


def test_since_out_of_range_is_422_on_lists_and_reconciliations(
    client: TestClient, make_key: Callable[[str], dict[str, str]]
) -> None:
    admin = make_key("read,write,admin")
    for since in OVERFLOWING:
        assert_problem(client.get("/v1/claims", params={"since": since}, headers=admin), 422, "query", "since")
        assert_problem(client.post("/v1/reconciliations", json={"since": since}, headers=admin), 422, "body", "since")
    assert client.get("/v1/reconciliations", headers=admin).json()["items"] == []


def _forged(payload: bytes, signature: str = "AAAAAAAAAAAAAAAAAAAAAA") -> str:
    return base64.urlsafe_b64encode(payload).decode().rstrip("=") + "." + signature


@pytest.fixture
def source_id(client: TestClient, writer: dict[str, str]) -> str:
    created = client.post("/v1/claims", json=SEED_CLAIM, headers=writer)
    return str(created.json()["speaker"]["id"])


def test_a_cursor_the_service_did_not_sign_is_422_on_every_list(
    client: TestClient, make_key: Callable[[str], dict[str, str]], source_id: str
) -> None:
    headers = make_key("read,write")
    out_of_range = _forged(b'["0001-01-01T00:00:00+01:00", "x"]')
    deep = _forged(b"[" * 100_000 + b"]" * 100_000)
    unsigned_old_style = base64.urlsafe_b64encode(json.dumps(["2021-01-01T00:00:00+00:00", "x"]).encode()).decode()
    lists = ["/v1/claims", "/v1/sources", f"/v1/sources/{source_id}/claims", "/v1/flags", "/v1/reconciliations"]
    for path in lists:
        for cursor in (out_of_range, deep[:500], unsigned_old_style, "garbage!", "x" * 600):
            assert_problem(client.get(path, params={"cursor": cursor}, headers=headers), 422, "query", "cursor")
    # A real cursor still pages, on every list that has a next page.
    for i in range(3):
        client.post("/v1/claims", json={"text": f"Claim {i}.", "speaker": f"Speaker {i}"}, headers=headers)
    for path in ("/v1/claims", "/v1/sources", f"/v1/sources/{source_id}/claims"):
        first = client.get(path, params={"limit": 1}, headers=headers).json()
        if first["next_cursor"] is not None:
            second = client.get(path, params={"limit": 1, "cursor": first["next_cursor"]}, headers=headers)
            assert second.status_code == 200, second.text
            assert second.json()["items"] != first["items"]


def assert_cursor_refused(response: Response, belongs_to: str) -> None:
    problem = assert_problem(response, 422, "query", "cursor")
    assert f"belongs to {belongs_to}" in problem["detail"], problem


def test_a_cursor_pages_only_the_list_and_the_filters_it_was_issued_for(
    client: TestClient, make_key: Callable[[str], dict[str, str]]
) -> None:
    """A cursor names a place in one list under one set of filters: in another list, or without its filters, it
    would page rows it was never a place among (another speaker's claims), so it is a 422 on every list."""
    headers, admin = make_key("read,write"), make_key("admin")
    speaker_ids = []
    for speaker in ("Maria Alvarez", "John Okafor"):
        for i in range(3):
            body = {"text": f"{speaker} made claim number {i}.", "speaker": speaker}
            speaker_ids.append(client.post("/v1/claims", json=body, headers=headers).json()["speaker"]["id"])
    a, b = speaker_ids[0], speaker_ids[-1]

    def cursor(path: str, key: dict[str, str], **filters: str) -> str:
        next_cursor = client.get(path, params={"limit": 1, **filters}, headers=key).json()["next_cursor"]
        assert next_cursor, path
        return str(next_cursor)

    of_sources = cursor("/v1/sources", headers)
    for path in ("/v1/claims", f"/v1/sources/{a}/claims", "/v1/flags", "/v1/reconciliations"):
        assert_cursor_refused(client.get(path, params={"cursor": of_sources}, headers=headers), "another list")
    assert_cursor_refused(
        client.get("/v1/webhooks", params={"cursor": cursor("/v1/keys", admin)}, headers=admin), "another list"
    )

    of_a = cursor("/v1/claims", headers, speaker_id=a)
    for filters in ({}, {"speaker_id": b}, {"speaker_id": a, "stance": "asserts"}):
        response = client.get("/v1/claims", params={"cursor": of_a, **filters}, headers=headers)
        assert_cursor_refused(response, "other filters")
    of_source_a = cursor(f"/v1/sources/{a}/claims", headers)
    assert_cursor_refused(
        client.get(f"/v1/sources/{b}/claims", params={"cursor": of_source_a}, headers=headers), "other filters"
    )
    assert_cursor_refused(
        client.get("/v1/claims", params={"cursor": of_source_a, "speaker_id": a}, headers=headers), "another list"
    )

    # With its own list and filters (parameters the list does not take aside), a cursor pages as before.
    pages = [client.get("/v1/claims", params={"speaker_id": a, "limit": 1}, headers=headers).json()]
    while pages[-1]["next_cursor"]:
        params = {"speaker_id": a, "limit": 1, "cursor": pages[-1]["next_cursor"], "utm_source": "mail"}
        page = client.get("/v1/claims", params=params, headers=headers)
        assert page.status_code == 200, page.text
        pages.append(page.json())
    assert [c["speaker"]["id"] for p in pages for c in p["items"]] == [a] * 3
    second = client.get(f"/v1/sources/{a}/claims", params={"cursor": of_source_a, "limit": 1}, headers=headers)
    assert second.status_code == 200 and second.json()["items"][0]["speaker"]["id"] == a


def _chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    yield b'{"text": "'
    sent = 0
    while sent < total:
        yield b"x" * size
        sent += size
    yield b'", "speaker": "X"}'


def test_a_chunked_body_over_the_limit_is_413(client: TestClient, writer: dict[str, str]) -> None:
    response = client.post("/v1/claims", content=_chunks(6_000_000), headers={**writer, **JSON})
    assert "content-length" not in {k.lower() for k in response.request.headers}
    body = assert_problem(response, 413)
    assert "5,000,000 bytes" in body["detail"]
    small = client.post("/v1/claims", content=_chunks(1000, size=100), headers={**writer, **JSON})
    assert small.status_code == 201, small.text  # a chunked body under the limit is read as usual
    assert_nothing_stored_and_all_readable(client, writer, claims=1)


def test_a_declared_length_over_the_limit_is_413_before_the_body_is_read(
    client: TestClient, writer: dict[str, str]
) -> None:
    for path in ("/v1/claims", "/v1/check", "/v1/sources"):
        response = client.post(path, content=b"{}" + b" " * 5_000_000, headers={**writer, **JSON})
        assert_problem(response, 413)
    assert_nothing_stored_and_all_readable(client, writer)


@pytest.mark.parametrize(
    ("path", "body", "loc"),
    [
        ("/v1/claims", '{"text": "A claim.", "speaker_id": "a\\u0000"}', ("body", "speaker_id")),
        ("/v1/claims", '{"text": "A claim.", "speaker": "ok", "document_id": "a\\u0000"}', ("body", "document_id")),
        ("/v1/claims", '{"text": "A claim.", "speaker": "ok", "metadata": {"x": ["\\u0000"]}}', ("body", "metadata")),
        ("/v1/keys", '{"name": "k\\u0000", "scopes": ["read"]}', ("body", "name")),
        (
            "/v1/claimreviews",
            '{"@type": "ClaimReview", "claimReviewed": "Troops left.", "author": {"name": "Poli\\u0000"},'
            ' "reviewRating": {"alternateName": "False\\u0000"}}',
            ("body",),
        ),
    ],
)
def test_a_nul_character_anywhere_in_a_body_is_422_and_stores_nothing(
    client: TestClient, make_key: Callable[[str], dict[str, str]], path: str, body: str, loc: tuple[str | int, ...]
) -> None:
    """PostgreSQL stores no NUL in text or jsonb: refused at the edge on both backends, whatever the field."""
    headers = make_key("read,write,admin")
    assert_problem(post_raw(client, path, body, headers), 422, *loc)
    assert_nothing_stored_and_all_readable(client, headers)


def test_a_nul_character_in_a_query_or_path_is_422(client: TestClient, writer: dict[str, str]) -> None:
    for url in (
        "/v1/claims?external_id=a%00b",
        "/v1/claims?speaker_id=a%00b",
        "/v1/flags?claim_id=a%00b",
        "/v1/sources?name=Pen%00tagon",
    ):
        assert_problem(client.get(url, headers=writer), 422, "query")
    assert_problem(client.get("/v1/claims/a%00b", headers=writer), 422, "path")
    claim = client.post("/v1/claims", json={"text": "A claim.", "speaker": "Someone"}, headers=writer).json()
    flags = client.get("/v1/flags", headers=writer)
    assert flags.status_code == 200 and client.get(f"/v1/claims/{claim['id']}", headers=writer).status_code == 200


@pytest.mark.parametrize("content_type", [None, "application/x-www-form-urlencoded", "text/plain; charset=utf-8"])
def test_json_sent_without_its_content_type_is_read_as_json(
    client: TestClient, writer: dict[str, str], content_type: str | None
) -> None:
    """`curl -d '{...}'` says form-urlencoded, a bare urllib or httpx post says nothing: the API reads the JSON."""
    headers = {**writer, **({"Content-Type": content_type} if content_type else {})}
    body = json.dumps({"text": "The bridge reopens in May.", "speaker": "City council"})
    created = client.post("/v1/claims", content=body.encode(), headers=headers)
    assert created.status_code == 201, created.text
    assert created.json()["speaker"]["name"] == "City council"
    bad = client.post("/v1/claims", content=b'{"text": "A claim.", "speaker": NaN}', headers=headers)
    assert_problem(bad, 422, "body")  # read as JSON, it gets JSON's checks
    form = client.post("/v1/claims", content=b"text=A+claim&speaker=Someone", headers=headers)
    assert form.status_code == 422  # a real form is still no claim body


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JavaScript:alert(1)", "java\tscript:alert(1)", "data:text/html,x", "vbscript:x"]
)
def test_a_source_link_that_a_browser_would_run_is_422(client: TestClient, writer: dict[str, str], url: str) -> None:
    claim = {**SEED_CLAIM, "source_url": url}
    assert_problem(client.post("/v1/claims", json=claim, headers=writer), 422, "body", "source_url")
    review = {
        "@type": "ClaimReview",
        "claimReviewed": SEED_CLAIM["text"],
        "reviewRating": {"@type": "Rating", "ratingValue": 1, "alternateName": "False"},
        "itemReviewed": {"@type": "Claim", "appearance": [{"url": url}]},
    }
    assert client.post("/v1/claimreviews", json=review, headers=writer).status_code == 422
    assert_nothing_stored_and_all_readable(client, writer)
    kept = {**SEED_CLAIM, "source_url": "urn:isbn:0451450523"}
    assert client.post("/v1/claims", json=kept, headers=writer).status_code == 201


# Zero-width spaces and joiners, bidi marks and overrides, the BOM, a soft hyphen, a word joiner (all Unicode
# category Cf), with whitespace: nothing a reader would see.
INVISIBLE = ["\u200b\u200b", "\u200e\u202e\u2066", " \ufeff\u00a0\u2060 ", "\u00ad", "\u200c\n\u200d"]


@pytest.mark.parametrize("blank", INVISIBLE)
def test_text_of_only_invisible_characters_is_empty_wherever_text_is_taken(
    client: TestClient, writer: dict[str, str], source_id: str, blank: str
) -> None:
    cases: list[tuple[str, dict[str, Any], tuple[str | int, ...]]] = [
        ("/v1/claims", {"text": blank, "speaker": "X"}, ("body", "text")),
        ("/v1/claims", {"text": "A claim.", "speaker": blank}, ("body", "speaker")),
        ("/v1/claims/bulk", {"claims": [{"text": blank, "speaker": "X"}]}, ("body", "claims", 0, "text")),
        ("/v1/check", {"text": blank}, ("body", "text")),
        ("/v1/check", {"text": "A statement.", "speaker": blank}, ("body", "speaker")),
        ("/v1/compare", {"pairs": [{"a": "A statement.", "b": blank}]}, ("body", "pairs", 0, "b")),
        ("/v1/quotes", {"quote": blank, "speaker": "X"}, ("body", "quote")),
        ("/v1/quotes", {"quote": "A quote.", "speaker": blank}, ("body", "speaker")),
        ("/v1/documents", {"text": blank}, ("body", "text")),
        ("/v1/documents", {"text": "The ministry said so.", "publisher": blank}, ("body", "publisher")),
        ("/v1/sources", {"name": blank}, ("body", "name")),
        (f"/v1/sources/{source_id}/aliases", {"alias": blank}, ("body", "alias")),
    ]
    for path, body, loc in cases:
        problem = assert_problem(client.post(path, json=body, headers=writer), 422, *loc)
        assert "empty" in problem["detail"], (path, problem)
    assert_nothing_stored_and_all_readable(client, writer, claims=1)  # source_id's claim
    # Invisible characters inside visible text are the text's own business.
    kept = client.post("/v1/claims", json={"text": "A\u200bclaim\u00ad.", "speaker": "X"}, headers=writer)
    assert kept.status_code == 201, kept.text
    assert kept.json()["text"] == "A\u200bclaim\u00ad."


@pytest.mark.parametrize(
    "url",
    ["not a url", "example.org/article", "/news/1", "https://", "http:///path", "https://exa mple.org/", "https:"],
)
def test_a_link_that_is_not_an_absolute_url_is_422_on_claims_quotes_and_documents(
    client: TestClient, writer: dict[str, str], url: str
) -> None:
    """Claims, quotes and documents share one rule for their links: a document's ``url`` becomes the
    ``source_url`` of every claim extracted from it."""
    claim = {**SEED_CLAIM, "source_url": url}
    assert_problem(client.post("/v1/claims", json=claim, headers=writer), 422, "body", "source_url")
    quote = {"quote": "The talks will resume.", "speaker": "The ministry", "source_url": url}
    assert_problem(client.post("/v1/quotes", json=quote, headers=writer), 422, "body", "source_url")
    document = {"text": "The ministry said the talks would resume on Monday.", "url": url}
    assert_problem(client.post("/v1/documents", json=document, headers=writer), 422, "body", "url")
    assert_nothing_stored_and_all_readable(client, writer)


def test_a_documents_absolute_url_is_every_extracted_claims_source_url(
    client: TestClient, writer: dict[str, str]
) -> None:
    for url in ("https://example.org/talks?day=1#top", " HTTPS://Example.org/talks ", "urn:isbn:0451450523"):
        body = {"text": "The ministry said the talks would resume on Monday.", "url": url}
        response = client.post("/v1/documents", json=body, headers=writer)
        assert response.status_code == 201, response.text
        document = response.json()
        assert document["url"] == url.strip()
        assert document["claims"] and {c["source_url"] for c in document["claims"]} == {url.strip()}
