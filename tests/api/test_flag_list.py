"""GET /v1/flags lists contradictions (the contract's word); the nightly job's near-duplicate flags only on request."""

from __future__ import annotations

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
