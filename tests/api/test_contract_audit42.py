"""Conformance found by a second audit driving the service through the contract alone (both backends): a 405
says every method its path takes, HEAD answers where GET does, the OpenAPI document gives /readyz its 503, and
the contract's bounded batches at their extremes (1,000 claims of 5,000 characters, 256 long compare pairs) are
taken rather than refused as too large."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient


def test_a_405_says_every_method_its_path_takes(client: TestClient, writer: dict[str, str]) -> None:
    """RFC 9110: the Allow header of a 405 lists the methods the target resource supports. /v1/claims takes GET
    and POST; a client told "Allow: POST" after a PUT would never learn it can list claims there."""
    for method, path, allowed in (
        ("PUT", "/v1/claims", {"GET", "HEAD", "POST"}),
        ("DELETE", "/v1/claims/00000000-0000-0000-0000-000000000000", {"GET", "HEAD"}),
        ("PUT", "/v1/keys/00000000-0000-0000-0000-000000000000", {"GET", "HEAD", "DELETE"}),
        ("PATCH", "/v1/webhooks", {"GET", "HEAD", "POST"}),
        ("DELETE", "/v1/sources/00000000-0000-0000-0000-000000000000", {"GET", "HEAD", "PATCH"}),
        ("GET", "/v1/check", {"POST"}),
    ):
        response = client.request(method, path, headers=writer)
        assert response.status_code == 405, (method, path, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["status"] == 405
        listed = {m.strip() for m in response.headers["allow"].split(",")}
        assert listed == allowed, (method, path, response.headers["allow"])


def test_head_answers_as_get_without_a_body(client: TestClient, writer: dict[str, str]) -> None:
    """RFC 9110: a general-purpose server supports HEAD wherever it supports GET (monitors probe /healthz with
    it); it was a 405. The status and headers are GET's, the body is left out; the key is checked as for GET."""
    claim = client.post("/v1/claims", json={"text": "The ferry runs hourly.", "speaker": "Ferry Co"}, headers=writer)
    for path, headers in (("/healthz", {}), (f"/v1/claims/{claim.json()['id']}", writer), ("/v1/claims", writer)):
        got = client.get(path, headers=headers)
        head = client.head(path, headers=headers)
        assert head.status_code == got.status_code == 200, (path, head.status_code)
        assert head.content == b""
        assert head.headers["content-type"] == got.headers["content-type"]
        assert head.headers["content-length"] == got.headers["content-length"]
    refused = client.head("/v1/claims")
    assert refused.status_code == 401 and refused.content == b""
    assert client.head("/v1/check", headers=writer).status_code == 405  # no GET there, so no HEAD either
    # Counted as the HEAD it was, under its route's template.
    metrics = client.get("/metrics").text
    assert 'method="HEAD",route="/v1/claims/{claim_id}",status="200"' in metrics
    assert 'method="HEAD",route="/v1/claims",status="401"' in metrics


def test_the_openapi_document_gives_readyz_its_503(client: TestClient) -> None:
    """The contract's /readyz answers 503 until the database and models are ready; a client generated from the
    schema must expect it."""
    responses = client.get("/openapi.json").json()["paths"]["/readyz"]["get"]["responses"]
    assert "503" in responses and "200" in responses


def test_the_openapi_document_names_each_routes_body_limit(client: TestClient) -> None:
    """A client generated from the schema learns which setting bounds its request: the two batch routes have
    their own."""
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/v1/claims/bulk", "/v1/compare"):
        assert "CLAIMLEDGER_MAX_BATCH_REQUEST_BYTES" in paths[path]["post"]["responses"]["413"]["description"]
    for path in ("/v1/claims", "/v1/check", "/v1/documents"):
        assert paths[path]["post"]["responses"]["413"]["description"].endswith("CLAIMLEDGER_MAX_REQUEST_BYTES")


def _sentence_of(length: int, seed: int) -> str:
    """An English-looking text of exactly ``length`` characters, different for each seed."""
    words = f"The harbour board reported {seed} ferries and {seed * 7} crossings in the season ".split()
    text = ""
    i = 0
    while len(text) < length:
        text += words[i % len(words)] + " "
        i += 1
    body = text[: length - 1]
    return (body[:-1] + "s." if body.endswith(" ") else body + ".") if length > 1 else "."


def test_a_bulk_of_a_thousand_claims_of_five_thousand_characters_is_taken(
    client: TestClient, writer: dict[str, str], reader: dict[str, str]
) -> None:
    """The contract's extremes together: up to 1,000 claim bodies, each text up to 5,000 characters. Such a batch
    is over 5 MB of JSON; the default 5,000,000-byte request limit refused it with 413 although nothing in it was
    too long."""
    claims = [{"text": _sentence_of(5000, i), "speaker": "Harbour Board"} for i in range(1000)]
    assert all(len(c["text"]) == 5000 for c in claims)
    response = client.post("/v1/claims/bulk", json={"claims": claims}, headers=writer)
    assert response.status_code == 200, response.text[:300]
    assert response.json()["created"] == 1000 and len(set(response.json()["ids"])) == 1000
    # One over either bound is still refused, as the contract has it.
    over = client.post("/v1/claims/bulk", json={"claims": [*claims[:1000], claims[0]]}, headers=writer)
    assert over.status_code in (413, 422), over.status_code
    assert over.headers["content-type"].startswith("application/problem+json")


def test_256_compare_pairs_of_long_greek_text_sent_escaped_are_taken(
    client: TestClient, reader: dict[str, str]
) -> None:
    """Python's json.dumps (and so many clients) writes every letter outside ASCII as a six-byte ``\\uXXXX``
    escape: 256 pairs of 5,000-character Greek text (a quotation kept in its language) are then about 14 MB, all
    within the contract's bounds."""
    text = ("Η συζήτηση για την περιφερειακή ασφάλεια συνεχίστηκε μετά τη συνάντηση. " * 80)[:5000]
    pairs = [{"a": text, "b": text} for _ in range(256)]
    body = json.dumps({"pairs": pairs}).encode()
    assert len(body) > 5_000_000
    response = client.post("/v1/compare", content=body, headers={**reader, "Content-Type": "application/json"})
    assert response.status_code == 200, response.text[:300]
    assert len(response.json()["results"]) == 256
