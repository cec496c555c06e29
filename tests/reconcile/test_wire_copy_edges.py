"""Wire copies at the edges: a chunk resumed after some of its flags were committed, copies chained over more than
two days, and a copy stored through the API while the nightly job raises the story's flag. Both backends; the
record is the wire story of test_wire_copies (MiniLM and the rule judge)."""

from __future__ import annotations

import itertools
import threading
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import reconcile.engines as engines_module
import reconcile.job as job_module
from db.models import Claim, Flag, ReconciliationRun
from embeddings.judge import Judgement
from reconcile.chunks import ChunkResult, check_chunk
from reconcile.job import Interrupted, Reconciler, RunRequest
from service.runtime import Runtime
from service.services.flags import (
    CONTRADICTION,
    COPY_PAIR_NOT_FLAGGED,
    COPY_PAIR_ON_FLAG,
    Finding,
    FlagService,
)
from service.services.speakers import SpeakerService
from tests.reconcile import test_wire_copies as wire
from tests.reconcile.test_wire_copies import (
    FEWER,
    MINISTER,
    SCHOOLS,
    UNION,
    UNION_FIGURE,
    WIRE,
    flags,
    reconcile,
    store,
)

# The wire-copy tests' fixtures: a runtime on each backend with MiniLM (tests/reconcile/conftest.py) and the rule judge.
settings, runtime = wire.settings, wire.runtime

COUNTS = (COPY_PAIR_NOT_FLAGGED, COPY_PAIR_ON_FLAG, "flags_new", "claims_checked", "pairs_judged", "chunks")
CONTRADICTS = Judgement("contradicts", {"entailment": 0.02, "neutral": 0.08, "contradiction": 0.9})


def forget_runs(runtime: Runtime) -> None:
    with runtime.session_factory() as session:
        session.execute(delete(Flag))
        session.execute(delete(ReconciliationRun))
        session.commit()


def test_a_chunk_resumed_after_its_first_flags_were_committed_counts_its_copies_once(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A chunk commits its flags a slice at a time and its counts with its progress: killed after the slice that
    raised the story's flag, the chunk is redone, and its copy pairs are counted as a run never interrupted counts
    them (the redone flag-raising finding is no copy pair "on an existing flag")."""
    store(runtime, [*WIRE, *UNION_FIGURE])
    monkeypatch.setattr(job_module, "FLAG_SLICE", 1)
    with runtime.session_factory() as session:
        keys = {c.id: c.external_id or "" for c in session.scalars(select(Claim))}

    def flag_pair_last(*args: Any, **kwargs: Any) -> ChunkResult:
        """The chunk's findings with the pair the story's flag is on last: the one finding raised first is
        another copy pair, moved onto the earliest copies (as a record in another order would have it)."""
        result = check_chunk(*args, **kwargs)
        flagged = {"union-reuters", "wire-ap"}
        result.findings.sort(key=lambda f: {keys[f.claim_id], keys[f.other_claim_id]} == flagged)
        return result

    monkeypatch.setattr(engines_module, "check_chunk", flag_pair_last)

    def killed_once_a_flag_is_in(self: Reconciler, held_s: float) -> None:
        with runtime.session_factory() as session:
            if session.scalars(select(Flag.id)).first() is not None:
                raise Interrupted("killed after the chunk's slice that raised the flag was committed")

    with monkeypatch.context() as patch:
        patch.setattr(Reconciler, "_let_writers_in", killed_once_a_flag_is_in)
        with pytest.raises(Interrupted):
            Reconciler(runtime).run(RunRequest())
    with runtime.session_factory() as session:
        run = session.scalars(select(ReconciliationRun)).one()
        assert run.status == "running" and run.progress["chunks"] == 0  # its one checking chunk was cut short
    resumed = reconcile(runtime)
    assert resumed.stats["run"]["resumes"] == 1
    resumed_flags = flags(runtime)
    forget_runs(runtime)
    uninterrupted = reconcile(runtime)
    assert resumed_flags == flags(runtime)
    assert {n: resumed.stats["counts"][n] for n in COUNTS} == {n: uninterrupted.stats["counts"][n] for n in COUNTS}
    assert uninterrupted.stats["counts"][COPY_PAIR_NOT_FLAGGED] == 3 + 1


# The minister's words carried on three days, each two days after the one before: the first and the last four days
# apart, linked by the middle one. The union's figure contradicts the story.
CHAIN = [
    ("day-1", SCHOOLS, MINISTER, "2024-03-05", "https://one.example/schools"),
    ("day-2", SCHOOLS, MINISTER, "2024-03-07", "https://two.example/schools"),
    ("day-3", SCHOOLS, MINISTER, "2024-03-09", "https://three.example/schools"),
]
CHAIN_UNION = [("union", FEWER, UNION, "2024-05-02", "https://union.example/figure")]
CHAIN_FLAGS = {("contradiction", "union", "day-1"): {"claim": set(), "other_claim": {"day-2", "day-3"}}}


def test_copies_chained_over_days_are_one_flag_whatever_order_the_findings_come_in(database_url: str) -> None:
    """Copies are pairs said within two days; a chain of them is one statement, whose flag is on its earliest copy
    and lists every other: the same one flag whichever of the three findings is raised first."""
    from db.engine import make_engine, make_session_factory

    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            speakers = SpeakerService(session)
            minister, union = speakers.resolve(MINISTER), speakers.resolve(UNION)
            days = [_claim(session, key, text, minister, said) for key, text, _, said, _ in CHAIN]
            figure = _claim(session, "union", FEWER, union, "2024-05-02")
            keys = {c.id: c.external_id or "" for c in [*days, figure]}
            seen = set()
            for order in itertools.permutations(days):
                for day in order:
                    finding = Finding(CONTRADICTION, figure.id, day.id, False, CONTRADICTS, 0.9)
                    FlagService(session).raise_for_finding(finding, "reconcile")
                raised = {
                    (keys[f.claim_id or ""], keys[f.other_claim_id]): sorted(
                        keys[ref["id"]] for ref in (f.signals.get("copies") or {}).get("other_claim", [])
                    )
                    for f in session.scalars(select(Flag)).unique()
                }
                seen.add(repr(raised))
                assert raised == {("union", "day-1"): ["day-2", "day-3"]}, [keys[d.id] for d in order]
                session.execute(delete(Flag))
                session.flush()
            assert len(seen) == 1
    finally:
        engine.dispose()


def _claim(session: Session, key: str, text: str, speaker: Any, said: str) -> Claim:
    at = datetime.fromisoformat(said).replace(tzinfo=UTC)
    claim = Claim(
        text=text, speaker=speaker, said_at=at, said_at_is_date=True, external_id=key, source_url=f"https://{key}/"
    )
    session.add(claim)
    session.flush()
    return claim


def test_copies_chained_over_days_raise_the_same_flag_in_full_and_incremental_runs(runtime: Runtime) -> None:
    store(runtime, CHAIN)
    first = reconcile(runtime)
    assert flags(runtime) == {}  # day-1 and day-3 are copies through day-2: no repetition flagged
    assert first.stats["counts"][COPY_PAIR_NOT_FLAGGED] == 3
    store(runtime, CHAIN_UNION)
    reconcile(runtime)
    incremental = flags(runtime)
    assert incremental == CHAIN_FLAGS
    forget_runs(runtime)
    reconcile(runtime, RunRequest(full=True))
    assert flags(runtime) == incremental


def test_a_copy_stored_through_the_api_while_the_job_raises_the_storys_flag_joins_it(database_url: str) -> None:
    """The nightly job raises the story's flag on its earliest copy (A) and has not committed; meanwhile a document
    stores an earlier copy (A0) and flags it against the same statement. Two flags for one story unless the second
    writer waits for the first and then finds its flag (PostgreSQL: both transactions run at once; SQLite: the
    second waits for the write lock)."""
    from db.engine import make_engine, make_session_factory

    engine = make_engine(database_url)
    factory = make_session_factory(engine)
    try:
        with factory() as session:
            speakers = SpeakerService(session)
            minister, union = speakers.resolve(MINISTER), speakers.resolve(UNION)
            a = _timed(session, "ap", SCHOOLS, minister.id, "2024-03-05T08:00:00")
            b = _timed(session, "yahoo", SCHOOLS, minister.id, "2024-03-05T20:00:00")
            x = _timed(session, "reuters", FEWER, union.id, "2024-05-02T09:00:00")
            session.commit()
            ids = (a.id, b.id, x.id, minister.id)
        a_id, b_id, x_id, minister_id = ids

        job = factory()
        raised = FlagService(job).raise_for_finding(Finding(CONTRADICTION, x_id, b_id, False, CONTRADICTS, 0.9), "job")
        assert raised is not None and raised.other_claim_id == a_id  # on the earliest copy, not yet committed
        failures: list[BaseException] = []

        def document_stores_an_earlier_copy() -> None:
            try:
                with factory() as api:
                    a0 = _timed(api, "a0", SCHOOLS, minister_id, "2024-03-05T06:00:00")
                    stored_x = api.get(Claim, x_id)
                    assert stored_x is not None
                    FlagService(api).raise_for_claims(CONTRADICTION, stored_x, a0, CONTRADICTS, 0.9, "document")
                    api.commit()
            except BaseException as exc:  # reported by the main thread
                failures.append(exc)

        writer = threading.Thread(target=document_stores_an_earlier_copy)
        writer.start()
        writer.join(timeout=1.5)  # it finishes now unless it waits for the job's transaction
        job.commit()
        job.close()
        writer.join(timeout=30)
        assert not writer.is_alive() and not failures, failures
        with factory() as session:
            keys = {c.id: c.external_id or "" for c in session.scalars(select(Claim))}
            story = [
                (
                    keys[f.other_claim_id],
                    sorted(keys[r["id"]] for r in f.signals.get("copies", {}).get("other_claim", [])),
                )
                for f in session.scalars(select(Flag)).unique()
            ]
        assert len(story) == 1, story
        ((on, listed),) = story
        assert sorted([on, *listed]) == ["a0", "ap", "yahoo"]
    finally:
        engine.dispose()


def _timed(session: Session, key: str, text: str, speaker_id: str, said: str) -> Claim:
    at = datetime.fromisoformat(said).replace(tzinfo=UTC)
    claim = Claim(text=text, speaker_id=speaker_id, said_at=at, external_id=key, source_url=f"https://{key}.example/")
    session.add(claim)
    session.flush()
    return claim


def test_the_ray_engine_raises_the_same_flag_on_chained_copies(runtime: Runtime, ray_cluster: None) -> None:
    store(runtime, [*CHAIN, *CHAIN_UNION])
    reconcile(runtime, RunRequest(full=True), engine="ray")
    assert flags(runtime) == CHAIN_FLAGS


def test_a_chain_carried_night_by_night_joins_the_flag_raised_on_its_first_copy(runtime: Runtime) -> None:
    """The story's flag raised the first night, on the only copy then; each later night's copy (two days after the
    one before, four after the first by the third night) joins it, as a full run on the final record lists it."""
    store(runtime, [CHAIN[0], *CHAIN_UNION])
    reconcile(runtime)
    for later in CHAIN[1:]:
        store(runtime, [later])
        assert reconcile(runtime).stats["counts"]["flags_new"] == 0
    assert flags(runtime) == CHAIN_FLAGS
    forget_runs(runtime)
    reconcile(runtime, RunRequest(full=True))
    assert flags(runtime) == CHAIN_FLAGS
