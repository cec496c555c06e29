"""Found by the contract re-run through the running service (h152, both backends): the contract counts a text's
length after trimming ("1 to 5,000 characters after trimming (documents: up to 200,000)"), and claims, checks,
quotes and comparisons did, but a document of 200,000 characters with a space before or after it was a 422. A
document is kept as sent, since its claims' spans are offsets into it; only its limit is counted on the trimmed
text."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from service.schemas import MAX_DOCUMENT
from service.webhooks.targets import RefusedTargetError, pin

ARTICLE = "LEWES — Lewes District Council said on Monday that the Cliffe bridge would reopen in May.\n"
# Lines of figures the extractor passes over as junk: the article's length without its reading time.
FILLER_LINE = "0123456789 " * 9 + "\n"


def _article_of(length: int) -> str:
    filler = (FILLER_LINE * (length // len(FILLER_LINE) + 1))[: length - len(ARTICLE) - 1] + "9"
    text = ARTICLE + filler
    assert len(text) == length
    return text


def test_a_document_at_the_limit_once_trimmed_is_stored_with_spans_into_the_text_as_sent(
    client: TestClient, writer: dict[str, str]
) -> None:
    sent = "   " + _article_of(MAX_DOCUMENT) + "\n\n"
    response = client.post(
        "/v1/documents", json={"text": sent, "url": "https://news.example.org/lewes"}, headers=writer
    )
    assert response.status_code == 201, response.text[:300]
    claims = response.json()["claims"]
    assert claims
    for claim in claims:
        start, end = claim["span"]
        assert "bridge would reopen" in sent[start:end], (claim["span"], sent[start:end])


def test_a_document_over_the_limit_once_trimmed_is_still_refused(client: TestClient, writer: dict[str, str]) -> None:
    sent = "   " + _article_of(MAX_DOCUMENT + 1) + "   "
    response = client.post("/v1/documents", json={"text": sent}, headers=writer)
    assert response.status_code == 422, response.text[:300]
    assert response.headers["content-type"].startswith("application/problem+json")
    assert ["body", "text"] in [error["loc"] for error in response.json()["errors"]]


LOOPBACK_NAMES = [
    "http://localhost./in",
    "http://hooks.localhost/in",
    "https://LOCALHOST.:8443/in",
    "http://a.b.localhost./in",
]


def test_webhook_urls_on_localhost_names_are_refused_whatever_the_resolver_says(
    client: TestClient, admin: dict[str, str]
) -> None:
    """The names localhost. and *.localhost are loopback (RFC 6761), but only where the system resolver maps
    them did they get the contract's 422: elsewhere they do not resolve, and a name that does not resolve yet is
    accepted when subscribed."""
    for url in LOOPBACK_NAMES:
        response = client.post("/v1/webhooks", json={"url": url, "events": ["flag.created"]}, headers=admin)
        assert response.status_code == 422, (url, response.text[:300])
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["errors"][0]["loc"] == ["body", "url"], url
    for url in ("https://localhost-hooks.example.org/in", "https://notlocalhost.example.org/in"):
        response = client.post("/v1/webhooks", json={"url": url, "events": ["flag.created"]}, headers=admin)
        assert response.status_code == 201, (url, response.text[:300])


@pytest.mark.parametrize("url", LOOPBACK_NAMES)
def test_a_delivery_to_a_localhost_name_is_refused_even_where_it_resolves_elsewhere(url: str) -> None:
    """Every delivery checks its URL again: a localhost name is refused there too, not sent to what it resolves to."""
    with pytest.raises(RefusedTargetError):
        pin(url, allow_private=False, resolver=lambda host, port: ["93.184.216.34"])
    assert pin(url, allow_private=True, resolver=lambda host, port: ["127.0.0.1"]).url.host == "127.0.0.1"
