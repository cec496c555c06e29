"""The same article posted again under its URL written another way is the document on record (h135's audit).

The contract says nothing of how URLs compare; RFC 3986 (6.2.2, 6.2.3) does: the scheme and host are read without
case, a percent-encoded octet's hex digits without case, an unreserved character the same encoded or not, the
default port and an empty path as left out, and an IRI's host (RFC 3987, "bücher.example") as its ASCII form
("xn--bcher-kva.example"). A trailing slash, a query's case and another path stay another URL.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from db.urls import comparable_url

BODY = {"text": "The port will reopen on Monday, the harbour master said.", "title": "Port to reopen"}


@pytest.mark.parametrize(
    ("first", "again"),
    [
        ("https://news.example.org/2021/port", "HTTPS://News.Example.ORG/2021/port"),
        ("https://bücher.example/artikel", "https://xn--bcher-kva.example/artikel"),
        ("https://example.org/caf%C3%A9", "https://example.org/caf%c3%a9"),
        ("https://example.org/café", "https://example.org/caf%C3%A9"),
        ("https://example.org:443/port", "https://example.org/port"),
        ("http://example.org:80/port", "http://example.org/port"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org/%7Euser/port", "https://example.org/~user/port"),
    ],
)
def test_one_url_written_two_ways_compares_equal(first: str, again: str) -> None:
    assert comparable_url(first) == comparable_url(again)


@pytest.mark.parametrize(
    ("first", "other"),
    [
        ("https://example.org/port", "https://example.org/port/"),
        ("https://example.org/port", "https://example.org/Port"),
        ("https://example.org/a?b=1", "https://example.org/a?B=1"),
        ("https://example.org/a%2Fb", "https://example.org/a/b"),
        ("https://example.org/port", "http://example.org/port"),
        ("https://example.org:8443/port", "https://example.org/port"),
    ],
)
def test_other_urls_stay_apart(first: str, other: str) -> None:
    assert comparable_url(first) != comparable_url(other)


def test_a_scheme_other_than_http_is_compared_as_written() -> None:
    assert comparable_url("urn:isbn:0451450523") == "urn:isbn:0451450523"
    assert comparable_url("urn:ISBN:0451450523") != comparable_url("urn:isbn:0451450523")


def test_the_article_posted_again_under_its_url_written_another_way_is_the_one_on_record(
    client: TestClient, writer: dict[str, str]
) -> None:
    first = client.post("/v1/documents", json={**BODY, "url": "https://bücher.example/2021/port"}, headers=writer)
    assert first.status_code == 201, first.text
    again = client.post(
        "/v1/documents", json={**BODY, "url": "HTTPS://XN--BCHER-KVA.example:443/2021/port"}, headers=writer
    )
    assert again.status_code == 201, again.text
    assert again.json() == first.json()  # the document on record, its url as first written
    other = client.post("/v1/documents", json={**BODY, "url": "https://bücher.example/2021/port/"}, headers=writer)
    assert other.status_code == 201, other.text
    assert other.json()["id"] != first.json()["id"]
    assert other.json()["url"] == "https://bücher.example/2021/port/"
