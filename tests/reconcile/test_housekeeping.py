"""The nightly job's housekeeping: Idempotency-Key records past their time-to-live are deleted and counted."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from db.models import IdempotencyRecord
from db.types import utcnow
from reconcile.job import Reconciler, RunRequest
from service.runtime import Runtime
from service.services.keys import KeyService


def _record(key_id: str, key: str, age: timedelta) -> IdempotencyRecord:
    return IdempotencyRecord(
        api_key_id=key_id,
        endpoint="POST /v1/claims",
        key=key,
        request_sha256="0" * 64,
        status_code=201,
        response_body={"id": key},
        created_at=utcnow() - age,
    )


def test_a_run_prunes_expired_idempotency_records(runtime: Runtime) -> None:
    assert runtime.settings.idempotency_ttl_hours == 24
    with runtime.db.write() as session:
        api_key, _ = KeyService(session).create("client", ["write"])
        session.add_all(
            [
                _record(api_key.id, "last-week", timedelta(days=7)),
                _record(api_key.id, "yesterday", timedelta(hours=25)),
                _record(api_key.id, "this-morning", timedelta(hours=3)),
            ]
        )
    (outcome,) = Reconciler(runtime).run(RunRequest())
    assert outcome.status == "succeeded", outcome.error
    assert outcome.stats["counts"]["idempotency_records_pruned"] == 2
    with runtime.db.read() as session:
        assert [r.key for r in session.scalars(select(IdempotencyRecord))] == ["this-morning"]
    (again,) = Reconciler(runtime).run(RunRequest())
    assert again.stats["counts"]["idempotency_records_pruned"] == 0
