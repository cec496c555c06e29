"""An incremental run judges the pairs a full run would: also those where an old claim's own search finds a new
claim that does not find it back (its top-k filled with closer claims), on both engines."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import delete

from db.models import Flag, ReconciliationRun
from reconcile import chunks
from reconcile.job import RunRequest
from service.config import Settings
from service.runtime import Runtime
from service.schemas import ClaimCreate
from service.services.checking import CheckService
from service.services.claims import ClaimService
from tests.reconcile.conftest import reconcile_settings
from tests.reconcile.corpus import CorpusClaim, flag_keys, load_corpus
from tests.reconcile.runs import flags_touching, forget_runs, reconciled

TOP_K = 2
# The old claim's nearest claims are the new claim and one repeat; the new claim's two nearest are the repeats,
# which share its wording more closely than the old claim, whose number it contradicts.
OLD = ("old", "The number of U.S. troops in Iraq has dropped to about 2,500 over the past months.", "the Pentagon")
REPEATS = [
    (
        "repeat-lawmaker",
        "The number of U.S. troops in Iraq has dropped to about 5,000 over the past months, an Iraqi lawmaker said.",
        "an Iraqi lawmaker",
    ),
    (
        "repeat-militia",
        "The number of U.S. troops in Iraq has dropped to about 5,000 over the past months, a militia spokesman said.",
        "a militia spokesman",
    ),
]
NEW = (
    "new",
    "The number of U.S. troops in Iraq has dropped to about 5,000 over the past months, a local paper said.",
    "a local paper",
)
Corpus = tuple[list[CorpusClaim], set[tuple[str, str, str]]]


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return reconcile_settings(database_url, tmp_path, reconcile_top_k=TOP_K)


def _add(runtime: Runtime, key: str, text: str, speaker: str) -> str:
    body = ClaimCreate.model_validate({"text": text, "speaker": speaker, "said_at": "2021-05-01", "external_id": key})
    claim, _ = ClaimService(runtime.db, runtime.encoder).create(body)
    return claim.id


def _record_then_new_claim(runtime: Runtime) -> dict[str, str]:
    """The old claims reconciled (the run before), then the new claim stored: the ids by key."""
    ids = {key: _add(runtime, key, text, speaker) for key, text, speaker in [OLD, *REPEATS]}
    reconciled(runtime, RunRequest())
    ids[NEW[0]] = _add(runtime, *NEW)
    # The case itself: the old claim's own top-k holds the new claim, the new claim's does not hold the old one.
    checker = CheckService(runtime.db, runtime.settings, runtime.encoder, runtime.judge)
    found_by_old = [m.claim.id for m in checker.matches(OLD[1], TOP_K, exclude=(ids["old"],))]
    found_by_new = [m.claim.id for m in checker.matches(NEW[1], TOP_K, exclude=(ids["new"],))]
    assert ids["new"] in found_by_old, found_by_old
    assert ids["old"] not in found_by_new, found_by_new
    return ids


def test_an_incremental_run_flags_what_a_full_run_flags_about_the_new_claim(runtime: Runtime) -> None:
    _record_then_new_claim(runtime)
    incremental = reconciled(runtime, RunRequest())
    assert incremental.stats["scope"] == "incremental"
    assert incremental.stats["counts"]["claims_checked"] == 1
    found = flags_touching(runtime, "new")
    assert {flag[:2] for flag in found if "old" in flag[2:4]} == {("contradiction", "contradicts")}, found
    assert incremental.stats["counts"]["reverse_pairs_judged"] == 1
    # Its own matches and the one older claim screened, each judged both ways; the reverse pair is not judged again;
    # and the old claim's other, closer match, judged both ways to settle its check (``reconcile.chunks._whole_checks``).
    assert incremental.stats["counts"]["pairs_judged"] == 2 * (TOP_K + 1) + 2

    forget_runs(runtime)
    full = reconciled(runtime, RunRequest(full=True))
    assert full.stats["counts"]["reverse_pairs_judged"] == 0  # every claim searched: nothing to look for
    assert flags_touching(runtime, "new") == found


def test_no_reverse_candidates_is_the_old_behaviour(runtime: Runtime, settings: Settings) -> None:
    """``reconcile_reverse_candidates`` 0 turns the reverse step off: the pair is missed, as before it."""
    runtime.settings = settings.model_copy(update={"reconcile_reverse_candidates": 0})
    _record_then_new_claim(runtime)
    incremental = reconciled(runtime, RunRequest())
    assert incremental.stats["counts"]["reverse_pairs_judged"] == 0
    assert not {flag for flag in flags_touching(runtime, "new") if "old" in flag[2:4]}


def test_a_reverse_pair_needs_the_old_claim_out_of_the_window(runtime: Runtime) -> None:
    """A ``since`` run whose window holds the old claim too: the old claim searches itself, no reverse pair."""
    _record_then_new_claim(runtime)
    outcome = reconciled(runtime, RunRequest(since=datetime(2000, 1, 1, tzinfo=UTC)))
    assert outcome.stats["counts"]["claims_checked"] == 4
    assert outcome.stats["counts"]["reverse_pairs_judged"] == 0
    assert any("old" in flag[2:4] for flag in flags_touching(runtime, "new"))


def _flags_then_undo(runtime: Runtime, run_id: str) -> set[tuple[str, str, str, str, str]]:
    """The record's flags after a run, then the run and its flags taken out, so the next run judges the same window."""
    with runtime.session_factory() as session:
        flags = flag_keys(session)
        session.execute(delete(Flag).where(Flag.run_id == run_id))
        session.execute(delete(ReconciliationRun).where(ReconciliationRun.id == run_id))
        session.commit()
    return flags


def test_screening_the_older_claims_drops_only_pairs_that_cannot_be_flagged(
    runtime: Runtime, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reverse step searches only for the older claims whose pair could be flagged (judged related, or
    near-verbatim): on the test record, the same flags as searching for every older claim past the cosine floor."""
    claims, _ = corpus
    old = [c for c in claims if not c.key.startswith("plant-")]
    load_corpus(runtime.session_factory, old)
    reconciled(runtime, RunRequest())
    for claim in claims:
        if claim.key.startswith("plant-"):
            _add(runtime, claim.key, claim.text, claim.speaker)
    screened = reconciled(runtime, RunRequest())
    screened_flags = _flags_then_undo(runtime, screened.run_id)
    monkeypatch.setattr(chunks, "_related", lambda _judgement: True)
    unscreened = reconciled(runtime, RunRequest())
    with runtime.session_factory() as session:
        assert flag_keys(session) == screened_flags
    reverse = [o.stats["counts"]["reverse_pairs_judged"] for o in (screened, unscreened)]
    assert reverse[0] < reverse[1], reverse  # searched for fewer older claims, the same flags


def test_the_ray_engine_finds_the_reverse_pairs_the_local_engine_finds(runtime: Runtime, ray_cluster: None) -> None:
    _record_then_new_claim(runtime)
    local = reconciled(runtime, RunRequest())
    local_flags = _flags_then_undo(runtime, local.run_id)
    on_ray = reconciled(runtime, RunRequest(), engine="ray")
    assert on_ray.stats["scope"] == "incremental"
    assert on_ray.stats["counts"]["reverse_pairs_judged"] == local.stats["counts"]["reverse_pairs_judged"] == 1
    with runtime.session_factory() as session:
        assert flag_keys(session) == local_flags
