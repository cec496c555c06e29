"""Audit h95: a run that fails because the database connection (or a Ray worker) went away logs the reason in one
line; a lost PostgreSQL connection mid-run printed a 60-line traceback of the job's code before the command's own
`error:` line. A failure of the job's own code keeps its traceback."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import OperationalError

from reconcile.job import Reconciler, RunRequest
from service.runtime import Runtime
from tests.reconcile.corpus import CorpusClaim, load_corpus

Corpus = tuple[list[CorpusClaim], set[tuple[str, str, str]]]


def _failed_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "claimledger.reconcile" and "failed" in r.getMessage()]


def test_a_lost_database_connection_fails_the_run_in_one_log_line(
    runtime: Runtime, corpus: Corpus, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    load_corpus(runtime.session_factory, corpus[0][:3])
    shutdown = Exception("terminating connection due to administrator command\nSQL: SELECT ...")

    def connection_lost(self: Reconciler, run_id: str) -> None:
        raise OperationalError("SELECT claims.id FROM claims", {}, shutdown)

    monkeypatch.setattr(Reconciler, "_stage_check", connection_lost)
    with caplog.at_level(logging.ERROR, logger="claimledger.reconcile"):
        [outcome] = Reconciler(runtime).run(RunRequest())
    assert outcome.status == "failed"
    assert "terminating connection due to administrator command" in (outcome.error or "")
    [line] = _failed_lines(caplog)
    assert line.exc_info is None, "a traceback for an outage"
    assert line.getMessage().endswith(
        "OperationalError: (builtins.Exception) terminating connection due to administrator command"
    )


def test_a_failure_of_the_jobs_own_code_keeps_its_traceback(
    runtime: Runtime, corpus: Corpus, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    load_corpus(runtime.session_factory, corpus[0][:3])

    def broken(self: Reconciler, run_id: str) -> None:
        raise KeyError("stage")

    monkeypatch.setattr(Reconciler, "_stage_check", broken)
    with caplog.at_level(logging.ERROR, logger="claimledger.reconcile"):
        [outcome] = Reconciler(runtime).run(RunRequest())
    assert outcome.status == "failed"
    [line] = _failed_lines(caplog)
    assert line.exc_info is not None
