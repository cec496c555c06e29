"""A statement checked under a name no source had ("Okafor") contradicts a claim of the speaker who later takes that
name (POST /v1/sources/{id}/aliases, or PATCH /v1/sources/{id} renaming to it): the flag is then that speaker's
self-contradiction, as a merge makes it, and the same check again raises no second flag on the pair (audit h76)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import SEED_CLAIM

RISEN = "U.S. troops in Iraq have risen to 10,000."


def _flags(client: TestClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    reply = client.get("/v1/flags", headers=headers)
    assert reply.status_code == 200, reply.text
    items: list[dict[str, Any]] = reply.json()["items"]
    return items


def _checked_under(client: TestClient, writer: dict[str, str], name: str) -> dict[str, Any]:
    """Check RISEN under ``name``: one contradiction flag against the Pentagon's claim, the statement unattributed."""
    checked = client.post("/v1/check", json={"text": RISEN, "speaker": name}, headers=writer)
    assert checked.json()["verdict"] == "contradicted", checked.text
    assert checked.json()["matches"][0]["same_speaker"] is False
    (flag,) = _flags(client, writer)
    assert (flag["kind"], flag["same_speaker"], flag["claim"]["speaker"]["id"]) == ("contradiction", False, None)
    return flag


def _is_self_contradiction_and_stays_one(
    client: TestClient, writer: dict[str, str], flag: dict[str, Any], name: str, pentagon: str
) -> None:
    (after,) = _flags(client, writer)
    assert after["id"] == flag["id"]
    assert (after["kind"], after["same_speaker"]) == ("self_contradiction", True)
    assert after["claim"]["speaker"]["id"] == pentagon
    assert client.get(f"/v1/flags/{flag['id']}", headers=writer).json() == after
    checked = client.post("/v1/check", json={"text": RISEN, "speaker": name}, headers=writer)
    assert checked.json()["matches"][0]["same_speaker"] is True, checked.text
    assert [f["id"] for f in _flags(client, writer)] == [flag["id"]]  # the pair is flagged already


@pytest.mark.parametrize(
    ("name", "how"), [("DoD", "alias"), ("Department of Defense", "rename")], ids=["alias", "rename"]
)
def test_a_name_the_speaker_takes_makes_a_statement_checked_under_it_their_self_contradiction(
    client: TestClient, writer: dict[str, str], name: str, how: str
) -> None:
    pentagon = client.post("/v1/claims", json=SEED_CLAIM, headers=writer).json()["speaker"]["id"]
    flag = _checked_under(client, writer, name)
    if how == "alias":
        taken = client.post(f"/v1/sources/{pentagon}/aliases", json={"alias": name}, headers=writer)
    else:
        taken = client.patch(f"/v1/sources/{pentagon}", json={"name": name}, headers=writer)
    assert taken.status_code == 200, taken.text
    _is_self_contradiction_and_stays_one(client, writer, flag, name, pentagon)
