"""No transaction is open while a model works: a slow judge holds up no writer, and a writer that cannot get the
write lock in time gets 503 with Retry-After, with nothing stored."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from embeddings.judge import Judgement
from embeddings.rule_judge import RuleJudge
from service.runtime import Runtime
from tests.api.conftest import SEED_CLAIM


class _HeldJudge(RuleJudge):
    """A judge whose call is held until the test lets it go: whatever completes meanwhile did not wait for it. Held at
    most HOLD_LIMIT seconds, so a request that did wait shows as ``held_to_limit`` instead of hanging the test. (A
    judge that slept 3 s, with the writes timed against 2 s, failed on a machine loaded four times over.)"""

    HOLD_LIMIT = 30.0

    def __init__(self) -> None:
        super().__init__()
        self.started = threading.Event()
        self.release = threading.Event()
        self.held_to_limit = False

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        self.started.set()
        if not self.release.wait(self.HOLD_LIMIT):
            self.held_to_limit = True
        return super().judge(pairs)


def test_a_check_being_judged_holds_up_no_writer(runtime: Runtime, client: TestClient, writer: dict[str, str]) -> None:
    assert client.post("/v1/claims", json=SEED_CLAIM, headers=writer).status_code == 201
    held = _HeldJudge()
    runtime.use_models(runtime.encoder, held, runtime.extractor)
    with ThreadPoolExecutor(2) as pool:
        checking = pool.submit(
            client.post, "/v1/check", json={"text": "U.S. troops in Iraq have risen to 10,000."}, headers=writer
        )
        assert held.started.wait(10)
        try:
            created = client.post("/v1/claims", json={"text": "A new claim.", "speaker": "Someone"}, headers=writer)
            listed = client.get("/v1/claims", params={"limit": 1}, headers=writer)
            assert not held.held_to_limit  # neither waited for the check's judge, still at work
            assert not checking.done()
        finally:
            held.release.set()
        assert created.status_code == 201, created.text
        assert listed.status_code == 200
        assert checking.result().status_code == 200


def test_a_write_that_cannot_get_the_lock_is_503_with_retry_after_and_stores_nothing(
    runtime: Runtime, client: TestClient, writer: dict[str, str]
) -> None:
    if runtime.db.dialect != "sqlite":
        pytest.skip("the write lock that a busy timeout waits for is SQLite's")
    runtime.db.dispose()
    runtime.settings.sqlite_busy_timeout_ms = 200
    from db.database import Database

    runtime.db = Database.connect(runtime.settings.database_url, busy_timeout_ms=200)
    with runtime.db.engine.connect() as blocker:
        blocker.exec_driver_sql("SELECT 1")  # BEGIN IMMEDIATE: holds the write lock until rolled back
        response = client.post("/v1/claims", json={"text": "Blocked claim.", "speaker": "Someone"}, headers=writer)
        blocker.rollback()
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["retry-after"] == "1"
    listed = client.get("/v1/claims", headers=writer).json()["items"]
    assert listed == []
    assert (
        client.post("/v1/claims", json={"text": "Later claim.", "speaker": "Someone"}, headers=writer).status_code
        == 201
    )


def test_a_reply_that_cannot_be_rendered_stores_nothing(
    runtime: Runtime, client: TestClient, writer: dict[str, str]
) -> None:
    """The reply is rendered inside the write transaction: if rendering fails, the claim is rolled back."""
    with runtime.db.read() as session:
        before = session.execute(text("SELECT count(*) FROM claims")).scalar()
    response = client.post(
        "/v1/claims",
        content=b'{"text": "A claim.", "speaker": "Someone", "metadata": {"x": "\\udfff"}}',
        headers={**writer, "Content-Type": "application/json"},
    )
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["loc"] == ["body", "metadata", "x"]
    with runtime.db.read() as session:
        after = session.execute(text("SELECT count(*) FROM claims")).scalar()
    assert after == before
