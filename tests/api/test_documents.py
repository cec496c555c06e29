"""/v1/documents: the seed article through the API, and malformed articles never a 500."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.conftest import shared_path


def test_seed_article_yields_attributed_claims(client: TestClient, writer: dict[str, str]) -> None:
    text = shared_path("fixtures", "esta-iraq-coalition-talks.txt").read_text(encoding="utf-8")
    body = {
        "text": text,
        "url": "https://example.org/esta",
        "title": "Talks",
        "publisher": "ESTA",
        "published_at": "2021-04-10",
    }
    response = client.post("/v1/documents", json=body, headers=writer)
    assert response.status_code == 201, response.text
    document = response.json()
    assert document["url"] == "https://example.org/esta"
    assert document["published_at"] == "2021-04-10"
    claims = document["claims"]
    assert len(claims) >= 7
    for claim in claims:
        assert text[claim["span"][0] : claim["span"][1]] == claim["text"]
        assert claim["document_id"] == document["id"]
        assert claim["cue"]
        assert claim["kind"] in ("direct_quote", "indirect_quote")
    speakers = {c["speaker"]["name"]: c["speaker"] for c in claims}
    assert set(speakers) == {"Iraqi military", "Wayne Marotto", "Pentagon"}
    assert speakers["Wayne Marotto"]["kind"] == "person"
    assert speakers["Wayne Marotto"]["role"] == "Coalition spokesman"
    assert speakers["Pentagon"]["kind"] == "organisation"
    assert sum(1 for c in claims if c["speaker"]["name"] == "Iraqi military") == 5
    again = client.get(f"/v1/documents/{document['id']}", headers=writer).json()
    assert again == document
    second = client.post("/v1/documents", json={**body, "url": "https://example.org/esta-2"}, headers=writer).json()
    assert {c["speaker"]["id"] for c in second["claims"]} == {s["id"] for s in speakers.values()}
    found = client.post("/v1/check", json={"text": "U.S. troops in Iraq have risen to 10,000."}, headers=writer).json()
    assert found["matches"][0]["claim"]["speaker"]["name"] == "Pentagon"


def test_malformed_articles_get_4xx_or_empty_never_500(client: TestClient, writer: dict[str, str]) -> None:
    cases = {
        "empty": ("", 422),
        "blank": ("   \n\t ", 422),
        "too long": ("word " * 40_001, 422),
        "no sentences": ("!!! ??? ... ,,,", 201),
        "binary junk with NULs": ("\x00\x01\x02\ufffd\x7f" * 200, 422),
        "binary junk": ("\x01\x02\ufffd\x7f\x1b[0m" * 200, 201),
        "unbalanced quotes": ('“He said it, the minister said. "And then" "', 201),
        "only a quote": ('"Nothing attributed here at all."', 201),
    }
    for name, (text, status) in cases.items():
        response = client.post("/v1/documents", json={"text": text}, headers=writer)
        assert response.status_code == status, (name, response.text[:300])
        if status == 201:
            assert isinstance(response.json()["claims"], list)
    assert client.post("/v1/documents", json={"url": "x"}, headers=writer).status_code == 422
    assert client.get("/v1/documents/00000000-0000-0000-0000-000000000000", headers=writer).status_code == 404


def test_a_denial_in_an_article_is_stored_as_denied_and_contradicted_by_its_own_assertion(
    client: TestClient, writer: dict[str, str]
) -> None:
    text = (
        "KIRKUK — Iraq's Defence Ministry on Tuesday denied reports that 40 soldiers had been killed in the attack.\n\n"
        "Local officials said the base had been hit by rockets."
    )
    document = client.post("/v1/documents", json={"text": text, "url": "https://example.org/kirkuk"}, headers=writer)
    assert document.status_code == 201, document.text
    by_text = {c["text"]: c for c in document.json()["claims"]}
    assert by_text["40 soldiers had been killed in the attack"]["stance"] == "denies"
    assert by_text["40 soldiers had been killed in the attack"]["cue"] == "denied"
    assert by_text["the base had been hit by rockets"]["stance"] == "asserts"
    result = client.post(
        "/v1/check", json={"text": "40 soldiers had been killed in the attack.", "top_k": 1}, headers=writer
    ).json()
    assert result["verdict"] == "contradicted"
    assert result["matches"][0]["claim"]["stance"] == "denies"


def test_a_write_key_reads_back_the_document_it_posted(
    client: TestClient, make_key: Callable[[str], dict[str, str]]
) -> None:
    """The contract's documents section is scope `write`, its GET included (a plugin holds one write key)."""
    write_only = make_key("write")
    body = {"text": "The ministry said the talks would resume on Monday.", "url": "https://example.org/talks"}
    posted = client.post("/v1/documents", json=body, headers=write_only)
    assert posted.status_code == 201, posted.text
    path = f"/v1/documents/{posted.json()['id']}"
    assert client.get(path, headers=write_only).json() == posted.json()
    assert client.get(path, headers=make_key("read")).status_code == 200
    refused = client.get(path, headers=make_key("review"))
    assert refused.status_code == 403
    assert refused.json()["detail"] == "this API key lacks the 'read' or 'write' scope"
