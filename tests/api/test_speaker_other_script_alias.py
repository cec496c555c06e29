"""A speaker name sent with its own name in another script in parentheses ("Li Wei (李伟)") is stored as the bare
name ("Li Wei", the key unchanged) and keeps the parenthetical as an alias, so a later claim under "李伟" is the
same speaker. A description in parentheses ("(R-Texas)", "(Labour)") adds nothing, and an alias another source
already holds is never taken from it."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def claim(client: TestClient, writer: dict[str, str], speaker: str, text: str) -> dict[str, Any]:
    created = client.post("/v1/claims", json={"text": text, "speaker": speaker}, headers=writer)
    assert created.status_code == 201, created.text
    speaker_out: dict[str, Any] = created.json()["speaker"]
    return speaker_out


def source(client: TestClient, writer: dict[str, str], source_id: str) -> dict[str, Any]:
    found = client.get(f"/v1/sources/{source_id}", headers=writer)
    assert found.status_code == 200, found.text
    out: dict[str, Any] = found.json()
    return out


@pytest.mark.parametrize(
    ("written", "bare", "other"),
    [
        ("Li Wei (李伟)", "Li Wei", "李伟"),
        ("Vladimir Putin (Владимир Путин)", "Vladimir Putin", "Владимир Путин"),
        ("Mohammed bin Salman (محمد بن سلمان)", "Mohammed bin Salman", "محمد بن سلمان"),
    ],
)
def test_a_name_in_another_script_in_parentheses_is_kept_as_an_alias(
    client: TestClient, writer: dict[str, str], written: str, bare: str, other: str
) -> None:
    first = claim(client, writer, written, "Exports rose by four percent last year.")
    assert first["name"] == bare
    assert first["aliases"] == [other]
    later = claim(client, writer, other, "Imports fell by two percent last year.")
    assert later["id"] == first["id"]
    again = claim(client, writer, written, "Tariffs will not change this year.")
    assert again["id"] == first["id"]
    shown = source(client, writer, first["id"])
    assert shown["name"] == bare
    assert shown["aliases"] == [other]  # listed once, however often the name is sent
    assert [s["id"] for s in client.get("/v1/sources", headers=writer).json()["items"]] == [first["id"]]


def test_a_known_speaker_gains_the_alias_when_later_written_with_it(client: TestClient, writer: dict[str, str]) -> None:
    plain = claim(client, writer, "Li Wei", "Exports rose by four percent last year.")
    assert plain["aliases"] == []
    written = claim(client, writer, "Li Wei (李伟)", "Imports fell by two percent last year.")
    assert written["id"] == plain["id"]
    assert written["aliases"] == ["李伟"]
    assert claim(client, writer, "李伟", "Tariffs will not change this year.")["id"] == plain["id"]


def test_a_bulk_write_resolves_both_forms_to_one_speaker(client: TestClient, writer: dict[str, str]) -> None:
    claims = [
        {"text": "Exports rose by four percent last year.", "speaker": "Li Wei (李伟)"},
        {"text": "Imports fell by two percent last year.", "speaker": "李伟"},
    ]
    created = client.post("/v1/claims/bulk", json={"claims": claims}, headers=writer)
    assert created.status_code == 200, created.text
    ids = created.json()["ids"]
    speakers = [client.get(f"/v1/claims/{claim_id}", headers=writer).json()["speaker"] for claim_id in ids]
    assert speakers[0]["id"] == speakers[1]["id"]
    assert speakers[0]["aliases"] == ["李伟"]


@pytest.mark.parametrize(
    ("written", "bare"), [("John Smith (R-Texas)", "John Smith"), ("Jane Doe (Labour)", "Jane Doe")]
)
def test_a_description_in_parentheses_adds_no_alias(
    client: TestClient, writer: dict[str, str], written: str, bare: str
) -> None:
    created = claim(client, writer, written, "Exports rose by four percent last year.")
    assert created["name"] == bare
    assert created["aliases"] == []
    assert source(client, writer, created["id"])["aliases"] == []


def test_an_alias_another_source_holds_is_not_taken(client: TestClient, writer: dict[str, str]) -> None:
    """ "李伟" already names a source: "Li Wei (李伟)" is the source "Li Wei" (found or made by its own key, as before),
    without the alias; the two stay apart until someone merges them, and "李伟" keeps naming the first."""
    han = claim(client, writer, "李伟", "Exports rose by four percent last year.")
    latin = claim(client, writer, "Li Wei (李伟)", "Imports fell by two percent last year.")
    assert latin["id"] != han["id"]
    assert latin["name"] == "Li Wei"
    assert latin["aliases"] == []
    assert source(client, writer, han["id"])["aliases"] == []
    assert claim(client, writer, "李伟", "Tariffs will not change this year.")["id"] == han["id"]
