"""No transaction is open while a model works: a slow judge holds up no writer, and a writer that cannot get the
write lock in time gets 503 with Retry-After, with nothing stored."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from embeddings.judge import Judgement
from embeddings.rule_judge import RuleJudge
from service.runtime import Runtime
from tests.api.conftest import SEED_CLAIM


class _SlowJudge(RuleJudge):
    def __init__(self, seconds: float) -> None:
        super().__init__()
        self.seconds = seconds
        self.started = threading.Event()

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        self.started.set()
        time.sleep(self.seconds)
        return super().judge(pairs)


def test_a_check_being_judged_holds_up_no_writer(runtime: Runtime, client: TestClient, writer: dict[str, str]) -> None:
    assert client.post("/v1/claims", json=SEED_CLAIM, headers=writer).status_code == 201
    slow = _SlowJudge(3.0)
    runtime.use_models(runtime.encoder, slow, runtime.extractor)
    with ThreadPoolExecutor(2) as pool:
        checking = pool.submit(
            client.post, "/v1/check", json={"text": "U.S. troops in Iraq have risen to 10,000."}, headers=writer
        )
        assert slow.started.wait(10)
        started = time.monotonic()
        created = client.post("/v1/claims", json={"text": "A new claim.", "speaker": "Someone"}, headers=writer)
        listed = client.get("/v1/claims", params={"limit": 1}, headers=writer)
        waited = time.monotonic() - started
        assert not checking.done()  # the judge is still at work
        assert created.status_code == 201, created.text
        assert listed.status_code == 200
        assert waited < 2.0  # neither waited for the check's judge (3 s)
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
