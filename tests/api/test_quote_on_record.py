"""/v1/quotes: the same quote from the same page, by the same speaker on the same date, is found on record.

The panel's external_id hashes the speaker as typed, and a bookmarklet on a plain-http page sends none: the same
quote sent again under an alias, a new name, or with no external_id was stored a second time, which the check then
listed as entailing it (plugin/README.md, "Checking the same quote from the same page again later")."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

QUOTE = {
    "quote": "The city will not close the Northgate library.",
    "speaker": "Helena Marsh",
    "source_url": "https://news.example/a2",
    "said_at": "2026-03-05",
}


def _send(client: TestClient, writer: dict[str, str], **changes: Any) -> dict[str, Any]:
    response = client.post("/v1/quotes", json={**QUOTE, **changes}, headers=writer)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def _claim_ids(client: TestClient, writer: dict[str, str]) -> list[str]:
    return [c["id"] for c in client.get("/v1/claims", params={"limit": 100}, headers=writer).json()["items"]]


def _found_on_record(client: TestClient, writer: dict[str, str], first: dict[str, Any], again: dict[str, Any]) -> None:
    claim_id = first["claim"]["id"]
    assert again["claim"]["id"] == claim_id
    assert again["claim"]["speaker"]["id"] == first["claim"]["speaker"]["id"]
    assert all(m["claim"]["id"] != claim_id for m in again["check"]["matches"])
    assert _claim_ids(client, writer) == [claim_id]


def test_the_same_quote_under_an_alias_is_found_on_record(client: TestClient, writer: dict[str, str]) -> None:
    first = _send(client, writer, external_id="plugin-quote-typed-as-helena-marsh")
    source_id = first["claim"]["speaker"]["id"]
    added = client.post(f"/v1/sources/{source_id}/aliases", json={"alias": "H. Marsh"}, headers=writer)
    assert added.status_code in (200, 201), added.text
    again = _send(client, writer, speaker="H. Marsh", external_id="plugin-quote-typed-as-h-marsh")
    _found_on_record(client, writer, first, again)


def test_the_same_quote_under_the_speakers_new_name_is_found_on_record(
    client: TestClient, writer: dict[str, str]
) -> None:
    first = _send(client, writer, external_id="plugin-quote-before-the-rename")
    source_id = first["claim"]["speaker"]["id"]
    renamed = client.patch(f"/v1/sources/{source_id}", json={"name": "Helena Marsh-Okafor"}, headers=writer)
    assert renamed.status_code == 200, renamed.text
    again = _send(client, writer, speaker="Helena Marsh-Okafor", external_id="plugin-quote-after-the-rename")
    _found_on_record(client, writer, first, again)


def test_the_same_quote_sent_again_with_no_external_id_is_found_on_record(
    client: TestClient, writer: dict[str, str]
) -> None:
    """A bookmarklet on a plain-http page: no external_id; the page's address as RFC 3986 compares it, the words as
    a copy's (quote marks, case and spacing aside)."""
    first = _send(client, writer, source_url="http://news.example/a2")
    again = _send(client, writer, source_url="HTTP://News.Example:80/a2")
    _found_on_record(client, writer, first, again)
    spaced = _send(
        client, writer, source_url="http://news.example/a2", quote="“The city will not close the Northgate  library”"
    )
    _found_on_record(client, writer, first, spaced)


def test_another_date_page_speaker_or_kind_is_stored(client: TestClient, writer: dict[str, str]) -> None:
    first = _send(client, writer)["claim"]["id"]
    stored = [
        _send(client, writer, said_at="2026-04-05")["claim"]["id"],
        _send(client, writer, source_url="https://news.example/a3")["claim"]["id"],
        _send(client, writer, speaker="Tomas Lind")["claim"]["id"],
        _send(client, writer, quote="The city will not close the Southgate library.")["claim"]["id"],
    ]
    paraphrase = {"text": QUOTE["quote"], "speaker": "Helena Marsh", "kind": "indirect_quote"}
    paraphrase |= {"source_url": "https://news.example/a4", "said_at": QUOTE["said_at"]}
    assert client.post("/v1/claims", json=paraphrase, headers=writer).status_code == 201
    stored.append(_send(client, writer, source_url="https://news.example/a4")["claim"]["id"])
    assert len({first, *stored}) == 6
    assert len(_claim_ids(client, writer)) == 7
