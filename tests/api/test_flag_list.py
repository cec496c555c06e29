"""GET /v1/flags lists contradictions (the contract's word); the nightly job's near-duplicate flags only on request."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from fastapi.testclient import TestClient

from db.engine import make_session_factory
from db.types import utcnow
from service.runtime import Runtime
from tests.ui.records import store_claim, store_flag


def test_near_duplicates_are_listed_only_when_asked_for(
    client: TestClient, runtime: Runtime, reader: dict[str, str]
) -> None:
    now = utcnow()
    with make_session_factory(runtime.engine)() as session:
        a = store_claim(session, "Unemployment fell to 4 percent in 2020.", "Ministry of Labour")
        b = store_claim(session, "Unemployment rose to 9 percent in 2020.", "Opposition party")
        c = store_claim(session, "Unemployment fell to 4 percent last year.", "Ministry of Labour")
        d = store_claim(session, "Unemployment did not fall in 2020.", "Ministry of Labour")
        contradiction = store_flag(session, b, a, created_at=now - timedelta(minutes=3))
        duplicate = store_flag(session, c, a, kind="near_duplicate", created_at=now - timedelta(minutes=2))
        own = store_flag(session, d, a, kind="self_contradiction", created_at=now - timedelta(minutes=1))
        session.commit()
        ids = {"contradiction": contradiction.id, "near_duplicate": duplicate.id, "self": own.id}

    def listed(**params: str) -> list[tuple[str, str]]:
        reply = client.get("/v1/flags", params=params, headers=reader)
        assert reply.status_code == 200, reply.text
        return [(f["id"], f["relation"]) for f in reply.json()["items"]]

    assert listed() == [(ids["contradiction"], "contradicts"), (ids["self"], "contradicts")]
    assert listed(status="open", limit="1") == [(ids["contradiction"], "contradicts")]
    assert listed(kind="near_duplicate") == [(ids["near_duplicate"], "entails")]
    assert listed(kind="self_contradiction") == [(ids["self"], "contradicts")]
    assert listed(claim_id=a.id) == [(ids["contradiction"], "contradicts"), (ids["self"], "contradicts")]
    assert client.get(f"/v1/flags/{ids['near_duplicate']}", headers=reader).status_code == 200


def test_the_claim_filter_takes_an_upper_case_id(client: TestClient, runtime: Runtime, reader: dict[str, str]) -> None:
    with make_session_factory(runtime.engine)() as session:
        a = store_claim(session, "Unemployment fell to 4 percent in 2020.", "Ministry of Labour")
        b = store_claim(session, "Unemployment rose to 9 percent in 2020.", "Opposition party")
        flag = store_flag(session, b, a)
        session.commit()
        claim_id, flag_id = a.id, flag.id
    for value in (claim_id, claim_id.upper()):
        listed = client.get("/v1/flags", params={"claim_id": value}, headers=reader)
        assert [f["id"] for f in listed.json()["items"]] == [flag_id], value
    assert client.get("/v1/flags", params={"claim_id": "nope"}, headers=reader).status_code == 422


def test_a_review_retried_with_its_idempotency_key_is_recorded_once(
    client: TestClient, runtime: Runtime, make_key: Callable[[str], dict[str, str]]
) -> None:
    """A review adds a record to the flag's history: a retry after a lost answer must not add a second one, and
    the same key with another verdict is a 409, as for every POST that creates."""
    with make_session_factory(runtime.engine)() as session:
        a = store_claim(session, "Unemployment fell to 4 percent in 2020.", "Ministry of Labour")
        b = store_claim(session, "Unemployment rose to 9 percent in 2020.", "Opposition party")
        flag_id = store_flag(session, b, a).id
        session.commit()
    headers = {**make_key("read,review"), "Idempotency-Key": "review-1"}
    body = {"status": "confirmed", "note": "checked against the ministry's release"}
    first = client.post(f"/v1/flags/{flag_id}/review", json=body, headers=headers)
    again = client.post(f"/v1/flags/{flag_id}/review", json=body, headers=headers)
    assert first.status_code == again.status_code == 200, again.text
    assert again.json() == first.json() and again.headers.get("Idempotent-Replayed") == "true"
    other = client.post(f"/v1/flags/{flag_id}/review", json={"status": "dismissed"}, headers=headers)
    assert other.status_code == 409 and other.headers["content-type"].startswith("application/problem+json")
    shown = client.get(f"/v1/flags/{flag_id}", headers=headers).json()
    assert shown["status"] == "confirmed" and len(shown["reviews"]) == 1
