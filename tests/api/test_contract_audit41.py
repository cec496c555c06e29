"""Contract audit 41: the OpenAPI document says a stored claim always has its id, speaker and creation time (the
contract: ids are UUID strings, every claim is attributed), and says where a claim-shaped object may lack them: the
checked-statement side of a flag raised by `/v1/check`, which was never stored. Before, every claim reply was
documented with a nullable id and speaker, so a generated client typed `claim.id` as optional everywhere."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

Headers = Callable[[str], dict[str, str]]


def _allows_null(field: dict[str, Any]) -> bool:
    return field.get("type") == "null" or any(option.get("type") == "null" for option in field.get("anyOf", []))


def _target(document: dict[str, Any], field: dict[str, Any]) -> dict[str, Any]:
    ref = field.get("$ref") or next(o["$ref"] for o in field.get("anyOf", []) if "$ref" in o)
    target: dict[str, Any] = document["components"]["schemas"][ref.rsplit("/", 1)[1]]
    return target


def test_a_stored_claim_is_documented_with_its_id_speaker_and_time(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    claim = document["components"]["schemas"]["ClaimOut"]
    for name in ("id", "speaker", "created_at"):
        assert name in claim["required"], name
        assert not _allows_null(claim["properties"][name]), (name, claim["properties"][name])
    # Every reply that serves a stored claim uses that schema.
    paths = document["paths"]
    created = paths["/v1/claims"]["post"]["responses"]["201"]["content"]["application/json"]["schema"]
    assert created == {"$ref": "#/components/schemas/ClaimOut"}
    flag = document["components"]["schemas"]["FlagOut"]["properties"]
    assert _target(document, flag["other_claim"]) == claim
    # The flag's first side may be a checked statement: no id and, when the check named nobody, no speaker.
    side = _target(document, flag["claim"])
    assert _allows_null(side["properties"]["id"]) and _allows_null(side["properties"]["speaker"])
    assert "never stored" in side["description"]


def test_a_flag_on_a_checked_statement_and_a_stored_claim_read_as_documented(
    client: TestClient, make_key: Headers
) -> None:
    writer, reader = make_key("write"), make_key("read")
    stored = client.post(
        "/v1/claims",
        json={"text": "Police arrested 27 people after the protest in the main square.", "speaker": "City police"},
        headers=writer,
    )
    assert stored.status_code == 201, stored.text
    assert isinstance(stored.json()["id"], str) and stored.json()["speaker"]["name"] == "City police"
    checked = client.post(
        "/v1/check", json={"text": "Police arrested 90 people after the protest in the main square."}, headers=reader
    )
    assert checked.status_code == 200 and checked.json()["verdict"] == "contradicted", checked.text
    flags = client.get("/v1/flags", params={"status": "open"}, headers=reader).json()["items"]
    assert len(flags) == 1, flags
    assert flags[0]["claim"]["id"] is None and flags[0]["claim"]["speaker"] is None
    assert flags[0]["claim"]["text"] == "Police arrested 90 people after the protest in the main square."
    assert flags[0]["other_claim"] == client.get(f"/v1/claims/{stored.json()['id']}", headers=reader).json()
