"""The nightly reconciliation on a record with planted findings, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlalchemy.exc import OperationalError

from db.engine import make_engine, make_session_factory
from db.hnsw import hnsw_ready
from db.models import ClaimEmbedding, Flag, Lock, ReconciliationRun
from db.repositories.runs import LockRepository
from db.types import utcnow
from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from reconcile.cli import EXIT_LOCKED, EXIT_OK, EXIT_USAGE, run_from_cli
from reconcile.job import Reconciler, RunOutcome, RunRequest, queue_run
from reconcile.lock import RECONCILE_LOCK, DbLock, LockHeldError
from reconcile.worker import QueueWorker
from service.config import Settings
from service.runtime import Runtime
from service.schemas import ClaimCreate
from service.services.claims import ClaimService
from service.services.flags import FlagService
from tests.conftest import drop_hnsw
from tests.reconcile.corpus import CorpusClaim, claim_id, finding, flag_keys, load_corpus

Corpus = tuple[list[CorpusClaim], set[tuple[str, str, str]]]


def reconcile(runtime: Runtime, request: RunRequest | None = None) -> RunOutcome:
    outcomes = Reconciler(runtime).run(request or RunRequest())
    assert [o.status for o in outcomes] == ["succeeded"], [(o.status, o.error) for o in outcomes]
    return outcomes[-1]


def flagged_pairs(runtime: Runtime) -> set[tuple[str, str, str]]:
    with runtime.session_factory() as session:
        return {finding(kind, a, b) for kind, _, a, b, _ in flag_keys(session)}


def add_claim(
    runtime: Runtime, text: str, speaker: str, said_at: str, external_id: str, stance: str = "asserts"
) -> str:
    """The way the API stores a claim: through ClaimService, vector included."""
    body = ClaimCreate.model_validate(
        {"text": text, "speaker": speaker, "said_at": said_at, "external_id": external_id, "stance": stance}
    )
    claim, _ = ClaimService(runtime.db, runtime.encoder).create(body)
    return claim.id


def test_planted_findings_are_flagged(runtime: Runtime, corpus: Corpus) -> None:
    claims, planted = corpus
    load_corpus(runtime.session_factory, claims)
    outcome = reconcile(runtime)

    found = flagged_pairs(runtime)
    assert planted <= found, f"planted findings not flagged: {planted - found}"
    stats = outcome.stats
    assert stats["scope"] == "initial"
    assert stats["counts"]["claims_checked"] == len(claims)
    assert stats["model"]["embedded"] == len(claims)
    assert stats["counts"]["flags_new"] == len(found) == sum(stats["flags_new"].values())
    with runtime.session_factory() as session:
        flags = session.scalars(select(Flag)).unique().all()
        assert {f.origin for f in flags} == {"reconcile"}
        assert {f.run_id for f in flags} == {outcome.run_id}
        for flag in flags:
            assert flag.claim is not None
            # The flag's claim is the later statement; the other is the one on record before it.
            assert flag.claim.said_at is not None and flag.other_claim.said_at is not None
            assert flag.claim.said_at >= flag.other_claim.said_at
            if flag.kind == "self_contradiction":
                assert flag.same_speaker and flag.claim.speaker_id == flag.other_claim.speaker_id
            if flag.kind == "near_duplicate":
                assert flag.relation == "entails"
            else:
                assert flag.relation == "contradicts"
    # The report lists the self-contradictions with both dates and the speaker.
    self_contradictions = [t for t in stats["top_contradictions"] if t["kind"] == "self_contradiction"]
    pentagon = next(t for t in self_contradictions if t["claim"]["id"] == claim_id("plant-pentagon-risen"))
    assert (pentagon["other_claim"]["said_at"], pentagon["claim"]["said_at"]) == ("2021-04-08", "2021-06-15")
    assert pentagon["claim"]["speaker"] == pentagon["other_claim"]["speaker"] == "Pentagon"
    clusters = [{m["id"] for m in c["members"]} for c in stats["duplicate_clusters"]]
    assert {claim_id("seed-request"), claim_id("plant-request-repeated")} in clusters


@pytest.mark.parametrize(("slice_flags", "slice_seconds", "most"), [(2, 0.5, 2), (25, 0.0, 1)])
def test_a_chunk_that_finds_many_flags_writes_them_in_short_transactions(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, slice_flags: int, slice_seconds: float, most: int
) -> None:
    """A chunk of look-alike claims can find thousands of flags; written in the chunk's one transaction they held
    SQLite's write lock for tens of seconds, and the API's writes waited, then failed with 503. They go in slices
    of FLAG_SLICE, each its own transaction (the last one with the chunk's progress), and the run finds the same.
    A slice also ends after FLAG_SLICE_SECONDS: with many webhook subscriptions (a delivery row each) on a loaded
    machine, 25 flags took up to 1.8 s (here: no time at all, so one flag a transaction)."""
    monkeypatch.setattr("reconcile.job.FLAG_SLICE", slice_flags)
    monkeypatch.setattr("reconcile.job.FLAG_SLICE_SECONDS", slice_seconds)
    for n in range(6):  # one chunk of seven claims: six figures for one quota, every pair a contradiction
        add_claim(
            runtime, f"The cod quota was cut to {1000 + 250 * n} tonnes.", f"Minister {n}", f"2024-01-0{n + 1}", f"q{n}"
        )
    inserted = [0]
    per_commit: list[int] = []

    def count_flag(*_: object) -> None:
        inserted[0] += 1

    def close_transaction(*_: object) -> None:
        per_commit.append(inserted[0])
        inserted[0] = 0

    event.listen(Flag, "after_insert", count_flag)
    event.listen(runtime.engine, "commit", close_transaction)
    try:
        outcome = reconcile(runtime)
    finally:
        event.remove(Flag, "after_insert", count_flag)
        event.remove(runtime.engine, "commit", close_transaction)
    found = flagged_pairs(runtime)
    assert outcome.stats["counts"]["chunks"] == 1 and outcome.stats["counts"]["flags_new"] == len(found)
    assert len(found) > 2 and sum(per_commit) == len(found)  # more than one slice's worth in the chunk
    assert max(per_commit) <= most, per_commit


def test_the_report_is_built_while_the_run_holds_no_write_lock(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The report reads every flag of the run: 4.5 s for 11,520 flags, in the write transaction that pruned
    Idempotency-Key records, so on SQLite the API's writes waited the whole time (a 503 after the 5 s busy timeout).
    It is built in a read session: another writer gets in at once, on either backend."""
    from reconcile import report

    for n in range(6):
        add_claim(
            runtime, f"The cod quota was cut to {1000 + 250 * n} tonnes.", f"Minister {n}", f"2024-01-0{n + 1}", f"q{n}"
        )
    probe = make_engine(runtime.settings.database_url, busy_timeout_ms=100)
    wrote: list[bool] = []
    build_report = report.build_report

    def built_while_writing(*args: Any, **kwargs: Any) -> dict[str, Any]:
        try:
            with make_session_factory(probe)() as other:  # a writer as the API's: gets the lock, or waits and fails
                LockRepository(other).announce("test-probe", "probe", utcnow())
                other.commit()
            wrote.append(True)
        except OperationalError:
            wrote.append(False)
        return build_report(*args, **kwargs)

    monkeypatch.setattr(report, "build_report", built_while_writing)
    try:
        outcome = reconcile(runtime)
    finally:
        probe.dispose()
    assert outcome.stats["counts"]["flags_new"] > 0
    assert wrote == [True]


def test_a_writer_gets_in_between_the_slices_of_a_chunk(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    """On SQLite, a chunk's slices committed back to back left a waiting writer no moment to take the lock: it
    waited through the whole chain and failed after its busy timeout (the API's 503), though each slice was short.
    The job pauses between slices; every write of a writer beside it gets in."""
    if runtime.db.dialect != "sqlite":
        pytest.skip("PostgreSQL has no database-wide write lock")
    monkeypatch.setattr("reconcile.job.FLAG_SLICE", 1)
    raise_for_finding = FlagService.raise_for_finding

    def slow(self: FlagService, *args: Any, **kwargs: Any) -> Flag | None:
        raised = raise_for_finding(self, *args, **kwargs)
        time.sleep(0.2)  # a flag with many webhook subscriptions on a busy machine: the write lock is held
        return raised

    monkeypatch.setattr(FlagService, "raise_for_finding", slow)
    # One chunk, fifteen flags: fifteen slices, over 3 s of them. Every figure contradicts every other (none reads as
    # a year, as 2000 did: entailing beside contradicting, a claim is settled as /v1/check settles it).
    for n in range(6):
        add_claim(
            runtime, f"The cod quota was cut to {300 * 2**n} tonnes.", f"Minister {n}", f"2024-01-0{n + 1}", f"q{n}"
        )
    probe = make_engine(runtime.settings.database_url, busy_timeout_ms=1500)
    wrote: list[bool] = []
    done = threading.Event()

    def writer() -> None:
        while not done.is_set():
            try:
                with make_session_factory(probe)() as other:
                    LockRepository(other).announce("test-probe", "probe", utcnow())
                    other.commit()
                wrote.append(True)
            except OperationalError:
                wrote.append(False)
            time.sleep(0.05)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        outcome = reconcile(runtime)
    finally:
        done.set()
        thread.join()
        probe.dispose()
    assert outcome.stats["counts"]["flags_new"] == 15
    assert all(wrote), wrote
    assert len(wrote) > 10, wrote


def test_incremental_runs_check_only_what_changed(runtime: Runtime, corpus: Corpus) -> None:
    claims, _ = corpus
    load_corpus(runtime.session_factory, claims)
    first = reconcile(runtime)
    before = flagged_pairs(runtime)

    second = reconcile(runtime)
    assert second.stats["scope"] == "incremental"
    assert second.stats["counts"]["claims_checked"] == 0
    assert second.stats["counts"]["flags_new"] == 0
    assert second.stats["run"]["since"] == first.stats["run"]["cutoff"]

    new_id = add_claim(
        runtime,
        "The number of U.S. troops in Iraq has dropped to about 9,000 over the past months.",
        "a militia spokesman",
        "2021-10-01",
        "later-troops",
    )
    third = reconcile(runtime)
    assert third.stats["counts"]["claims_checked"] == 1
    assert third.stats["counts"]["flags_new"] >= 1
    new_pairs = flagged_pairs(runtime) - before
    assert ("contradiction", *sorted(("later-troops", "seed-troops"))) in new_pairs
    with runtime.session_factory() as session:
        new_flags = session.scalars(select(Flag).where(Flag.run_id == third.run_id)).unique().all()
        assert new_flags and all(new_id in (f.claim_id, f.other_claim_id) for f in new_flags)


def test_since_sets_the_window(runtime: Runtime, corpus: Corpus) -> None:
    claims, _ = corpus
    load_corpus(runtime.session_factory, claims)
    reconcile(runtime)
    checkpoint = utcnow()
    time.sleep(0.01)
    add_claim(runtime, "The Coalition will leave Iraq by the end of 2021.", "an analyst", "2021-08-01", "late-1")
    outcome = reconcile(runtime, RunRequest(since=checkpoint))
    assert outcome.stats["scope"] == "since"
    assert outcome.stats["counts"]["claims_checked"] == 1


def test_the_jobs_look_ups_never_hold_up_writers(runtime: Runtime) -> None:
    """On SQLite every ordinary transaction takes the write lock; the job's reads must not, or the API's writers
    (and the lock's heartbeat) would wait behind a night of look-ups."""
    reconciler = Reconciler(runtime)
    with reconciler.read_factory() as reader:
        assert reader.scalar(select(func.count()).select_from(Flag)) == 0  # a read transaction is open
        started = time.monotonic()
        # A blocked writer would wait out SQLite's busy timeout (sqlite_busy_timeout_ms) and then fail with
        # "database is locked"; the margin below is for a starved CPU (one insert took 5 s while a training run
        # held both cores).
        add_claim(runtime, "Writers are not blocked by the nightly job.", "an engineer", "2024-01-01", "w-1")
        assert time.monotonic() - started < 20


def test_full_rerun_redoes_all_without_duplicating_flags(runtime: Runtime, corpus: Corpus) -> None:
    claims, _ = corpus
    load_corpus(runtime.session_factory, claims)
    reconcile(runtime)
    with runtime.session_factory() as session:
        dismissed = session.scalars(select(Flag).order_by(Flag.pair_key).limit(1)).unique().one()
        FlagService(session).review(dismissed.id, "dismissed", "not a contradiction", None)
        session.commit()
        before = flag_keys(session)

    full = reconcile(runtime, RunRequest(full=True))
    assert full.stats["scope"] == "full"
    assert full.stats["counts"]["claims_checked"] == len(claims)
    assert full.stats["counts"]["flags_new"] == 0
    with runtime.session_factory() as session:
        assert flag_keys(session) == before  # same flags, and the reviewed one keeps its status
        assert session.get(Flag, dismissed.id).status == "dismissed"  # type: ignore[union-attr]


def test_a_second_run_is_refused_while_the_lock_is_held(runtime: Runtime, settings: Settings, corpus: Corpus) -> None:
    load_corpus(runtime.session_factory, corpus[0][:10])
    holder = DbLock(runtime.session_factory)
    holder.acquire()
    try:
        with pytest.raises(LockHeldError, match="another reconciliation holds"):
            Reconciler(runtime).run(RunRequest())
        assert run_from_cli(None, False, quiet=True, settings=settings) == EXIT_LOCKED
    finally:
        holder.release()
    with runtime.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ReconciliationRun)) == 0
    assert run_from_cli(None, False, quiet=True, settings=settings) == EXIT_OK
    assert run_from_cli("not a date", False, quiet=True, settings=settings) == EXIT_USAGE
    assert run_from_cli("2021-01-01", True, quiet=True, settings=settings) == EXIT_USAGE


def test_a_since_in_the_future_is_a_bad_argument_as_the_api_says(
    runtime: Runtime, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped year (2052 for 2025) must not read as a quiet night: exit 2 and no run, as the API's 422."""
    future = (utcnow() + timedelta(days=1)).date().isoformat()
    assert run_from_cli(future, False, quiet=True, settings=settings) == EXIT_USAGE
    assert "in the future" in capsys.readouterr().err
    with runtime.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ReconciliationRun)) == 0
    assert run_from_cli(utcnow().date().isoformat(), False, quiet=True, settings=settings) == EXIT_OK


def _plant_lock(runtime: Runtime, holder: str, heartbeat_age: timedelta) -> None:
    with runtime.session_factory() as session:
        at = utcnow() - heartbeat_age
        session.add(Lock(name=RECONCILE_LOCK, holder=holder, acquired_at=at, heartbeat_at=at))
        session.commit()


def test_a_stale_or_dead_holder_is_taken_over(runtime: Runtime, corpus: Corpus) -> None:
    load_corpus(runtime.session_factory, corpus[0][:10])
    # Another host, silent for longer than the stale timeout.
    _plant_lock(runtime, "elsewhere:4242:abc", timedelta(seconds=runtime.settings.reconcile_lock_stale_seconds + 5))
    reconcile(runtime)
    # This host, fresh heartbeat, but its process is gone (a SIGKILL'd run).
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    _plant_lock(runtime, f"{socket.gethostname()}:{gone.pid}:def", timedelta(0))
    reconcile(runtime)
    # Another host with a fresh heartbeat is alive as far as we can tell: refused.
    _plant_lock(runtime, "elsewhere:4242:ghi", timedelta(0))
    with pytest.raises(LockHeldError):
        Reconciler(runtime).run(RunRequest())


def test_the_commit_that_finishes_a_run_frees_the_lock(
    runtime: Runtime, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A client that polls a run until it reads `succeeded` and at once starts another must not get a 409: the
    lock goes in the same commit as the status, not in a later step a busy process may not have reached yet."""
    load_corpus(runtime.session_factory, corpus[0][:10])
    monkeypatch.setattr(DbLock, "release", lambda self: None)  # the process stalls after its last commit
    reconcile(runtime)
    assert DbLock(runtime.session_factory).current() is None
    with runtime.session_factory() as session:
        queued = queue_run(session, RunRequest(full=True))
        session.commit()
    outcome = Reconciler(runtime).run_queued(queued.id)
    assert outcome.status == "succeeded", outcome.error
    assert DbLock(runtime.session_factory).current() is None


class HashingEncoderV2(HashingEncoder):
    """The same vectors under a new version: the stored ones must all be replaced, never mixed."""

    version = "2"


def test_an_encoder_change_re_embeds_everything_without_mixing(runtime: Runtime, corpus: Corpus) -> None:
    claims, _ = corpus
    load_corpus(runtime.session_factory, claims)
    reconcile(runtime)
    before = flagged_pairs(runtime)
    add_claim(runtime, "Talks between Iraq and the Coalition will resume in July.", "an analyst", "2021-06-01", "x-1")

    upgraded = Runtime.create(runtime.settings)
    upgraded.use_models(HashingEncoderV2(), RuleJudge())
    try:
        outcome = reconcile(upgraded)
    finally:
        upgraded.close()
    model = outcome.stats["model"]
    assert model["model_changed"] is True and model["encoder"] == "hashing@2"
    assert model["embedded"] == model["vectors_dropped"] == len(claims) + 1
    assert outcome.stats["scope"] == "full"  # new vectors, new neighbours: the whole record is re-checked
    assert outcome.stats["counts"]["claims_checked"] == len(claims) + 1
    with runtime.session_factory() as session:
        keys = session.execute(select(ClaimEmbedding.model_key, func.count()).group_by(ClaimEmbedding.model_key)).all()
    assert [(str(k), int(n)) for k, n in keys] == [("hashing@2", len(claims) + 1)]
    assert before <= flagged_pairs(runtime)


def test_the_report_is_stored_and_written_as_json_and_html(runtime: Runtime, corpus: Corpus) -> None:
    claims, _ = corpus
    load_corpus(runtime.session_factory, claims)
    outcome = reconcile(runtime)
    paths = outcome.stats["reports"]
    json_path, html_path = Path(paths["json"]), Path(paths["html"])
    assert json_path.parent == runtime.settings.reports_dir.resolve()
    written = json.loads(json_path.read_text(encoding="utf-8"))
    assert written == outcome.stats
    with runtime.session_factory() as session:
        run = session.get(ReconciliationRun, outcome.run_id)
        assert run is not None and run.status == "succeeded" and run.stats == outcome.stats
        assert run.finished_at is not None and run.cutoff is not None
    assert set(written["timings_s"]) >= {"embed", "retrieve", "judge", "flag", "report", "total"}
    assert sum(day["contradiction"] for day in written["flags_per_day"]) == written["flags_new"]["contradiction"]
    page = html_path.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<svg" in page and "<script" not in page
    assert "has risen to about 3,500" in page and "Pentagon" in page


# -- the HTTP side ----------------------------------------------------------------------------------------------


def wait_for_run(client: TestClient, headers: dict[str, str], run_id: str, timeout: float = 120.0) -> dict[str, object]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body: dict[str, object] = client.get(f"/v1/reconciliations/{run_id}", headers=headers).json()
        if body["status"] in ("succeeded", "failed"):
            return body
        time.sleep(0.1)
    raise AssertionError(f"run {run_id} did not finish in {timeout}s")


@pytest.fixture
def worker(runtime: Runtime) -> Iterator[QueueWorker]:
    """A batch worker on a thread, as `claimledger worker` runs beside the server."""
    queue_worker = QueueWorker(runtime)
    thread, stop = queue_worker.start_thread()
    yield queue_worker
    stop.set()
    thread.join(30)


def test_api_starts_a_run_and_reports_it(
    client: TestClient,
    make_key: Callable[[str], dict[str, str]],
    runtime: Runtime,
    corpus: Corpus,
    worker: QueueWorker,
) -> None:
    claims, planted = corpus
    load_corpus(runtime.session_factory, claims)
    admin, reader = make_key("admin"), make_key("read")

    assert client.post("/v1/reconciliations", headers=reader).status_code == 403
    assert client.post("/v1/reconciliations").status_code == 401
    refused = client.post("/v1/reconciliations", json={"full": True, "since": "2021-01-01"}, headers=admin)
    assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"

    started = client.post("/v1/reconciliations", headers=admin)
    assert started.status_code == 202, started.text
    run_id = started.json()["id"]
    assert started.json()["status"] in ("queued", "running")
    done = wait_for_run(client, reader, run_id)
    assert done["status"] == "succeeded", done
    assert done["started_at"] and done["finished_at"]
    stats = done["stats"]
    assert isinstance(stats, dict) and stats["counts"]["flags_new"] >= len(planted)
    assert planted <= flagged_pairs(runtime)

    listed = client.get("/v1/reconciliations", headers=reader).json()
    assert [r["id"] for r in listed["items"]] == [run_id]
    report = client.get(f"/v1/reconciliations/{run_id}/report", headers=reader)
    assert report.status_code == 200 and "<svg" in report.text

    again = client.post("/v1/reconciliations", json={"full": True}, headers=admin)
    assert again.status_code == 202
    assert wait_for_run(client, reader, again.json()["id"])["status"] == "succeeded"


def test_api_queues_a_run_behind_the_one_holding_the_lock(
    client: TestClient, make_key: Callable[[str], dict[str, str]], runtime: Runtime
) -> None:
    """A run asked for while another is going (here a `claimledger reconcile` elsewhere) is 202 and waits its turn;
    asked for again before it starts, the same queued run comes back; a worker runs it once the lock is free."""
    admin, reader = make_key("admin"), make_key("read")
    holder = DbLock(runtime.session_factory)
    holder.acquire()
    worker = QueueWorker(runtime)
    try:
        queued = client.post("/v1/reconciliations", headers=admin)
        assert queued.status_code == 202, queued.text
        assert queued.json()["status"] == "queued"
        again = client.post("/v1/reconciliations", headers=admin)
        assert again.status_code == 202 and again.json()["id"] == queued.json()["id"]
        full = client.post("/v1/reconciliations", json={"full": True}, headers=admin)
        assert full.status_code == 202 and full.json()["id"] != queued.json()["id"]  # another request: its own run
        waiting = worker.run_pending()
        assert [(o.run_id, o.status) for o in waiting] == [(queued.json()["id"], "queued")]
        assert "another reconciliation holds" in (waiting[0].error or "")
        assert client.get(f"/v1/reconciliations/{queued.json()['id']}", headers=reader).json()["status"] == "queued"
    finally:
        holder.release()
    done = worker.run_pending()
    assert [(o.run_id, o.status) for o in done] == [
        (queued.json()["id"], "succeeded"),
        (full.json()["id"], "succeeded"),
    ]


def test_api_unknown_runs_are_404(client: TestClient, make_key: Callable[[str], dict[str, str]]) -> None:
    reader = make_key("read")
    for run_id in ("0b6f7a1e-0000-4000-8000-000000000000", "not-an-id"):
        response = client.get(f"/v1/reconciliations/{run_id}", headers=reader)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


def test_a_speaker_asserting_what_they_denied_is_a_self_contradiction_not_a_duplicate(runtime: Runtime) -> None:
    text = "Forty soldiers were killed in the attack on the base near Kirkuk."
    add_claim(runtime, text, "Iraqi Defence Ministry", "2021-04-09", "denial", stance="denies")
    add_claim(runtime, text, "Iraqi Defence Ministry", "2021-04-20", "admission")
    add_claim(runtime, text, "Reuters", "2021-04-10", "wire")
    outcome = reconcile(runtime)
    assert flagged_pairs(runtime) == {
        ("self_contradiction", "admission", "denial"),
        ("contradiction", "denial", "wire"),
        ("near_duplicate", "admission", "wire"),
    }
    top = next(t for t in outcome.stats["top_contradictions"] if t["kind"] == "self_contradiction")
    assert (top["claim"]["stance"], top["other_claim"]["stance"]) == ("asserts", "denies")


def test_a_record_past_exact_search_gets_its_hnsw_index_before_the_check_stage(runtime: Runtime) -> None:
    """PostgreSQL: a record loaded with no HNSW index (built when first needed) has it built before the job's
    searches, instead of scanning every vector once per claim all night."""
    upkeep = runtime.db.hnsw_upkeep
    if upkeep is None:
        pytest.skip("SQLite searches every vector exactly: no HNSW index")
    upkeep.vectors_over = 5  # EXACT_SEARCH_UP_TO is 20,000; the same rule at a size a test can reach
    for i in range(8):
        add_claim(runtime, f"The bridge over canal {i} reopened in {2000 + i}.", "Canal trust", "2024-01-02", f"b-{i}")
    try:
        with runtime.db.read() as session:
            assert not hnsw_ready(session)
        reconcile(runtime)
        assert upkeep.built_seconds is not None
        with runtime.db.read() as session:
            assert hnsw_ready(session)
    finally:
        drop_hnsw(runtime.engine)
