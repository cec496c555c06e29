"""Audit h95: a batch worker whose database stops answering keeps polling (it did) and says so in one line, once a
minute, then once more when the database is back; it logged a full traceback on every pass, 115 lines a second while
PostgreSQL was down. A failure of anything else keeps its traceback."""

from __future__ import annotations

import logging
import threading

import pytest
from sqlalchemy.exc import OperationalError

from reconcile.job import RunOutcome
from reconcile.worker import QueueWorker
from service.runtime import Runtime

DOWN = OperationalError("SELECT 1", {}, Exception('connection to server on socket ".s.PGSQL.5432" failed\nIs it up?'))


class _Passes:
    """``run_pending`` for ``passes`` polls: the database away for the first ``down`` of them; the worker is told to
    stop after the last."""

    def __init__(self, passes: int, down: int, failure: Exception = DOWN) -> None:
        self.passes, self.down, self.failure, self.done = passes, down, failure, 0
        self.stop = threading.Event()

    def __call__(self) -> list[RunOutcome]:
        self.done += 1
        if self.done >= self.passes:
            self.stop.set()
        if self.done <= self.down:
            raise self.failure
        return []


def _serve(worker: QueueWorker, passes: _Passes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker, "run_pending", passes)
    monkeypatch.setattr(worker.runtime.settings, "worker_poll_seconds", 0.01)
    worker.serve(passes.stop)


def test_an_unreachable_database_is_one_line_then_one_when_it_answers_again(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    worker = QueueWorker(runtime)
    with caplog.at_level(logging.INFO, logger="claimledger.worker"):
        _serve(worker, _Passes(passes=8, down=5), monkeypatch)
    lines = [r for r in caplog.records if r.name == "claimledger.worker"]
    assert [(r.levelname, r.exc_info) for r in lines] == [("ERROR", None), ("INFO", None)]
    assert 'connection to server on socket ".s.PGSQL.5432" failed' in lines[0].getMessage()
    assert lines[1].getMessage() == "the database answers again"


def test_any_other_failure_of_a_pass_keeps_its_traceback(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    worker = QueueWorker(runtime)
    with caplog.at_level(logging.INFO, logger="claimledger.worker"):
        _serve(worker, _Passes(passes=3, down=2, failure=KeyError("run")), monkeypatch)
    failed = [r for r in caplog.records if r.name == "claimledger.worker" and r.levelname == "ERROR"]
    assert len(failed) == 2 and all(r.exc_info is not None for r in failed)
