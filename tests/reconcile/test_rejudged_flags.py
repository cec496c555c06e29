"""What a run says about flags it did not raise: open flags it judged again (still contradicting or no longer), a
pair one direction alone contradicts (reverse_contradiction kept), and a checked statement later stored as a claim
(one flag, not two). SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Claim, Flag, ReconciliationRun, RejudgedFlag
from embeddings.encoder import HashingEncoder
from embeddings.judge import Judgement
from embeddings.rule_judge import JudgeThresholds, RuleJudge
from reconcile.job import Reconciler, RunOutcome, RunRequest
from service.runtime import Runtime
from service.services.flags import CONTRADICTION_KINDS
from tests.reconcile.corpus import CorpusClaim, load_corpus
from tests.reconcile.test_reconcile import add_claim

Corpus = tuple[list[CorpusClaim], set[tuple[str, str, str]]]


def reconcile(runtime: Runtime, request: RunRequest | None = None) -> RunOutcome:
    outcomes = Reconciler(runtime).run(request or RunRequest())
    assert [o.status for o in outcomes] == ["succeeded"], [(o.status, o.error) for o in outcomes]
    return outcomes[-1]


def open_contradiction_ids(runtime: Runtime) -> set[str]:
    with runtime.session_factory() as session:
        stmt = select(Flag.id).where(Flag.status == "open", Flag.kind.in_(CONTRADICTION_KINDS))
        return set(session.scalars(stmt.where(Flag.claim_id.is_not(None))))


def test_a_full_run_reports_which_open_flags_still_contradict(runtime: Runtime, corpus: Corpus) -> None:
    load_corpus(runtime.session_factory, corpus[0])
    first = reconcile(runtime)
    assert first.stats["counts"]["flags_still_contradicting"] == 0  # nothing was flagged before it
    flagged = open_contradiction_ids(runtime)
    assert flagged

    again = reconcile(runtime, RunRequest(full=True))
    counts, rejudged = again.stats["counts"], again.stats["flags_rejudged"]
    assert counts["flags_new"] == 0
    assert counts["flags_still_contradicting"] == len(flagged) == rejudged["still_contradicting"]
    assert counts["flags_no_longer_contradicting"] == 0 == len(rejudged["no_longer_contradicting_flags"])


def test_after_raising_the_threshold_a_full_run_lists_flags_that_no_longer_contradict(
    runtime: Runtime, corpus: Corpus
) -> None:
    load_corpus(runtime.session_factory, corpus[0])
    reconcile(runtime)
    flagged = open_contradiction_ids(runtime)
    runtime.use_models(HashingEncoder(), RuleJudge(JudgeThresholds(contradiction_threshold=0.995)))

    outcome = reconcile(runtime, RunRequest(full=True))
    counts, rejudged = outcome.stats["counts"], outcome.stats["flags_rejudged"]
    gone = {item["flag_id"] for item in rejudged["no_longer_contradicting_flags"]}
    assert counts["flags_no_longer_contradicting"] == len(gone) > 0
    assert counts["flags_still_contradicting"] + len(gone) == len(flagged)
    assert gone <= flagged
    assert open_contradiction_ids(runtime) == flagged  # reported, not dismissed: a reviewer decides
    written = json.loads(Path(outcome.stats["reports"]["json"]).read_text(encoding="utf-8"))
    assert written["flags_rejudged"] == rejudged
    page = Path(outcome.stats["reports"]["html"]).read_text(encoding="utf-8")
    assert "Open flags judged again" in page and next(iter(gone)) in page


class OneWayJudge:
    """Finds the conflict only with the "against" sentence as premise, as a model may read one direction better."""

    name, version = "one-way", "1"

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        contradicts = Judgement("contradicts", {"entailment": 0.05, "neutral": 0.1, "contradiction": 0.85}, ["antonym"])
        neutral = Judgement("neutral", {"entailment": 0.2, "neutral": 0.43, "contradiction": 0.37}, ["low_overlap"])
        return [contradicts if "against" in premise else neutral for premise, _ in pairs]


def test_a_flag_found_in_the_reverse_direction_says_so(runtime: Runtime) -> None:
    """The flag reads the earlier claim as premise; when only the later one as premise finds the conflict, its
    signals carry reverse_contradiction, as /v1/check's do, whichever claim the job checked."""
    runtime.use_models(HashingEncoder(), OneWayJudge())
    add_claim(runtime, "The Coalition is in Iraq against the wishes of the government.", "Reuters", "2021-04-12", "b")
    reconcile(runtime)
    # Checked now, the earlier claim meets the later one as its match: the pair is seen from the other side.
    add_claim(
        runtime, "The Coalition is in Iraq at the request of the government.", "Iraqi military", "2021-04-10", "a"
    )
    reconcile(runtime)
    with runtime.session_factory() as session:
        flag = session.scalars(select(Flag)).unique().one()
        assert flag.claim is not None and flag.claim.external_id == "b"
        assert flag.relation == "contradicts"
        assert flag.probabilities["contradiction"] == 0.37  # the earlier claim as premise: no conflict that way
        assert flag.signals["names"] == ["antonym", "reverse_contradiction"]


def test_a_checked_statement_stored_later_is_not_flagged_twice(
    client: TestClient, make_key: Callable[[str], dict[str, str]], runtime: Runtime
) -> None:
    headers = make_key("read,write,review")
    on_record = {"text": "Turnout in the parliamentary election was 62 percent.", "speaker": "Electoral Commission"}
    assert client.post("/v1/claims", json={**on_record, "said_at": "2021-06-01"}, headers=headers).status_code == 201
    checked = client.post(
        "/v1/check",
        # as flags key statements: case and spacing aside, the same text
        json={"text": "turnout in the parliamentary  election was 80 percent.", "speaker": "Electoral Commission"},
        headers=headers,
    )
    assert checked.json()["verdict"] == "contradicted", checked.json()
    [statement_flag] = client.get("/v1/flags", headers=headers).json()["items"]
    assert statement_flag["claim"]["id"] is None
    stored = client.post(
        "/v1/claims",
        json={"text": "Turnout in the parliamentary election was 80 percent.", "speaker": "Electoral Commission"},
        headers=headers,
    )
    assert stored.status_code == 201

    reconcile(runtime)
    reconcile(runtime, RunRequest(full=True))
    [flag] = client.get("/v1/flags", headers=headers).json()["items"]
    assert flag["id"] == statement_flag["id"] and flag["origin"] == "check"
    assert flag["claim"]["id"] == stored.json()["id"]  # the stored claim is attached to the statement's flag

    # Reviewed, it stays one flag: a dismissed statement flag is not raised again as a pair of claims.
    review = {"status": "dismissed", "note": "different elections"}
    assert client.post(f"/v1/flags/{flag['id']}/review", json=review, headers=headers).status_code == 200
    reconcile(runtime, RunRequest(full=True))
    assert [f["id"] for f in client.get("/v1/flags", params={"status": "open"}, headers=headers).json()["items"]] == []
    assert len(client.get("/v1/flags", headers=headers).json()["items"]) == 1


def test_a_statement_flag_by_another_speaker_is_a_different_pair(
    client: TestClient, make_key: Callable[[str], dict[str, str]], runtime: Runtime
) -> None:
    headers = make_key("read,write")
    text_62, text_80 = (f"Turnout in the parliamentary election was {n} percent." for n in (62, 80))
    client.post(
        "/v1/claims",
        json={"text": text_62, "speaker": "Electoral Commission", "said_at": "2021-06-01"},
        headers=headers,
    )
    client.post("/v1/check", json={"text": text_80, "speaker": "Electoral Commission"}, headers=headers)
    assert client.post("/v1/claims", json={"text": text_80, "speaker": "a blogger"}, headers=headers).status_code == 201
    reconcile(runtime)
    flags = client.get("/v1/flags", headers=headers).json()["items"]
    assert sorted(f["claim"]["id"] is None for f in flags) == [False, True]


def test_a_chunks_commit_does_not_grow_with_the_flags_the_run_judged_again(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every open flag a run judged again was a list in the run's progress, written whole with each chunk's commit:
    on a record of look-alike claims (about 10,000 such flags) each chunk's write transaction grew with the run.
    A chunk writes notes for its own flags only; the report counts the same, and the run's end drops the notes."""
    for n in range(20):  # three chunks of seven claims: twenty figures for one quota
        add_claim(runtime, f"The cod quota was cut to {1000 + 50 * n} tonnes.", f"Minister {n}", "2024-01-02", f"q{n}")
    reconcile(runtime)
    flagged = open_contradiction_ids(runtime)
    assert len(flagged) > 20
    written: list[int] = []  # the size of the progress each chunk commits
    commit_chunk = Reconciler._commit_chunk

    def measured(self: Reconciler, session: Session, run: ReconciliationRun, progress: dict[str, Any]) -> None:
        written.append(len(json.dumps(progress)))
        commit_chunk(self, session, run, progress)

    monkeypatch.setattr(Reconciler, "_commit_chunk", measured)
    again = reconcile(runtime, RunRequest(full=True))
    assert again.stats["counts"]["flags_still_contradicting"] == len(flagged)
    assert len(written) == 3
    assert max(written) - min(written) < 200, written  # counters and timings only: not 39 bytes a flag
    with runtime.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(RejudgedFlag)) == 0


def _plant_old_flag(runtime: Runtime, claim_id: str, other_id: str) -> str:
    """A contradiction flag on a pair an earlier judge or encoder found, as a past run would have left it."""
    from service.services.flags import CONTRADICTION, FlagService

    judgement = Judgement("contradicts", {"entailment": 0.05, "neutral": 0.1, "contradiction": 0.85}, ["antonym"])
    with runtime.session_factory() as session:
        flags = FlagService(session)
        claims = {c.id: c for c in session.scalars(select(Claim).where(Claim.id.in_([claim_id, other_id])))}
        flag = flags.raise_for_claims(CONTRADICTION, claims[claim_id], claims[other_id], judgement, 0.4, "reconcile")
        assert flag is not None
        session.commit()
        return flag.id


def test_a_full_run_says_which_open_flags_it_did_not_judge_again(
    runtime: Runtime, database_url: str, tmp_path: Path
) -> None:
    """Judging again only the pairs its matches meet, a full run (the one asked whether open flags still hold) must
    not report 'N re-judged' as if that were all of them: a flag whose pair neither claim meets any more is counted
    and listed as not judged again."""
    from rich.console import Console

    from reconcile.cli import print_summary
    from tests.reconcile.conftest import reconcile_settings

    museum = add_claim(
        runtime, "The museum will display a collection of Roman coins until August.", "Museum", "2024-03-01", "m1"
    )
    add_claim(
        runtime,
        "The museum will display a collection of Roman coins until the end of August.",
        "Paper",
        "2024-03-02",
        "m2",
    )
    wheat = add_claim(
        runtime, "Wheat harvests in the region were the largest in a decade.", "Ministry", "2024-03-01", "w1"
    )
    add_claim(runtime, "Wheat harvests in the region were the largest in ten years.", "Farmers", "2024-03-02", "w2")
    reconcile(runtime)
    planted = _plant_old_flag(runtime, wheat, museum)

    narrow = Runtime.create(reconcile_settings(database_url, tmp_path, reconcile_top_k=1))
    narrow.use_models(HashingEncoder(), RuleJudge())
    try:
        outcome = reconcile(narrow, RunRequest(full=True))  # each claim meets only its near-repeat
    finally:
        narrow.close()
    counts, rejudged = outcome.stats["counts"], outcome.stats["flags_rejudged"]
    assert counts["flags_not_judged_again"] == 1 == rejudged["not_judged_again"]
    assert [f["flag_id"] for f in rejudged["not_judged_again_flags"]] == [planted]
    assert planted in open_contradiction_ids(runtime)  # reported, not dismissed
    page = Path(outcome.stats["reports"]["html"]).read_text(encoding="utf-8")
    assert "did not judge again" in page and planted in page
    console = Console(record=True, width=200)
    print_summary(console, outcome)
    assert "1 open not judged again" in console.export_text()

    wide = reconcile(runtime, RunRequest(full=True))  # top 10: the pair is met, judged again, no longer contradicting
    assert wide.stats["counts"]["flags_not_judged_again"] == 0
    assert [f["flag_id"] for f in wide.stats["flags_rejudged"]["no_longer_contradicting_flags"]] == [planted]
    incremental = reconcile(runtime)  # not a full run: most open flags are not its business
    assert "flags_not_judged_again" not in incremental.stats["counts"]
