"""A statement already on record as a speaker's claim, whose contradiction is flagged (by /v1/quotes, a document or
the nightly job), checked again under that speaker is the pair flagged already: no second flag in the review
queue. The other order (checked first, stored later) was one flag already (``FlagService.raise_for_finding``);
this one raised a twin (audit h76: "Demand from Asia remains weak." quoted, then checked as Lars Brekke's)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import SEED_CLAIM

RISEN = "The number of U.S. troops in Iraq has risen to about 10,000."


def _flags(client: TestClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    reply = client.get("/v1/flags", headers=headers)
    assert reply.status_code == 200, reply.text
    items: list[dict[str, Any]] = reply.json()["items"]
    return items


def _check(client: TestClient, writer: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    reply = client.post("/v1/check", json=body, headers=writer)
    assert reply.status_code == 200, reply.text
    checked: dict[str, Any] = reply.json()
    return checked


def test_a_stored_statement_checked_again_under_its_speaker_raises_no_second_flag(
    client: TestClient, writer: dict[str, str]
) -> None:
    seed = client.post("/v1/claims", json=SEED_CLAIM, headers=writer).json()
    quote = {
        "quote": RISEN,
        "speaker": "the Pentagon",
        "source_url": "https://example.org/later",
        "said_at": "2021-09-01",
    }
    quoted = client.post("/v1/quotes", json=quote, headers=writer)
    assert quoted.status_code == 201, quoted.text
    (flag,) = _flags(client, writer)
    assert (flag["kind"], flag["claim"]["id"], flag["other_claim"]["id"]) == (
        "self_contradiction",
        quoted.json()["claim"]["id"],
        seed["id"],
    )

    for speaker in ("the Pentagon", "PENTAGON"):  # its name as sent, and as it resolves
        checked = _check(client, writer, {"text": RISEN, "speaker": speaker})
        assert checked["verdict"] == "mixed", checked  # repeats the stored quote, contradicts the seed claim
        assert [f["id"] for f in _flags(client, writer)] == [flag["id"]]

    # Not the same statement, or nobody's: flags of their own, as before.
    _check(
        client, writer, {"text": "The number of U.S. troops in Iraq has risen to about 12,000.", "speaker": "Pentagon"}
    )
    _check(client, writer, {"text": RISEN})
    kinds = sorted((f["kind"], f["claim"]["speaker"] is None) for f in _flags(client, writer))
    assert kinds == [("contradiction", True), ("self_contradiction", False), ("self_contradiction", False)]
