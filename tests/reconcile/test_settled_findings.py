"""The nightly job settles a claim's matches as ``/v1/check`` settles a statement's (``CheckService.settled_many``):
a claim both entailed and contradicted by two claims that do not conflict with each other keeps the relation of
the more similar one, so the night raises no flag the claim's own check would not. Where the record does disagree
with itself, every flag stands. Real models (MiniLM, the hybrid judge), SQLite and PostgreSQL.

The texts are those of ``tests/integration/test_check_verdict_conflicts.py``, whose judgements /v1/check shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from embeddings.encoder import Encoder
from embeddings.judge import Judge
from reconcile.job import Reconciler, RunOutcome, RunRequest
from service.config import Settings
from service.runtime import Runtime
from service.services.checking import UNCORROBORATED_SIGNAL, CheckService, Statement
from tests.reconcile.conftest import reconcile_settings
from tests.reconcile.corpus import flag_keys
from tests.reconcile.test_reconcile import add_claim

pytestmark = pytest.mark.slow

# Gold Mobile's 500,000 is contradicted by its own 200,000 and, the judge says, entailed by Silver Telecom's 500,000:
# two companies, so the two do not conflict, and the less similar entailment is the judge's mistake.
GOLD_500 = ("gold-500", "Gold Mobile gained 500,000 subscribers in 2023.", "Gold Mobile", "2024-01-03")
GOLD_200 = ("gold-200", "Gold Mobile gained 200,000 subscribers in 2023.", "Gold Mobile", "2024-01-02")
SILVER_500 = ("silver-500", "Silver Telecom gained 500,000 subscribers in 2023.", "Silver Telecom", "2024-01-01")
# A speaker who contradicts herself, and another who repeats her first word: the record disagrees with itself.
NOT_CLOSE = ("not-close", "The city will not close the central library.", "Dana Ortiz", "2024-01-10")
CLOSE = ("close", "The city will close the central library in May.", "Dana Ortiz", "2024-03-02")
NOT_CLOSE_AGAIN = ("not-close-again", "The city will not close the central library.", "Ana Ruiz", "2024-04-02")

Row = tuple[str, str, str, str]
FlagKey = tuple[str, str, str, str, str]


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return reconcile_settings(database_url, tmp_path, encoder="minilm", judge="hybrid")


@pytest.fixture
def runtime(settings: Settings, minilm: Encoder, hybrid: Judge) -> Iterator[Runtime]:
    rt = Runtime.create(settings)
    rt.use_models(minilm, hybrid)
    yield rt
    rt.close()


def _store(runtime: Runtime, rows: list[Row]) -> dict[str, str]:
    return {key: add_claim(runtime, text, speaker, said_at, key) for key, text, speaker, said_at in rows}


def _reconcile(runtime: Runtime, request: RunRequest) -> RunOutcome:
    outcomes = Reconciler(runtime).run(request)
    assert [o.status for o in outcomes] == ["succeeded"], [(o.status, o.error) for o in outcomes]
    return outcomes[-1]


def _flags(runtime: Runtime) -> set[FlagKey]:
    with runtime.session_factory() as session:
        return flag_keys(session)


def _checked(runtime: Runtime, row: Row, claim_id: str) -> dict[str, tuple[str, list[str]]]:
    """The stored claim's words checked as /v1/check checks them (itself left out): relation and signals by text."""
    checker = CheckService(runtime.db, runtime.settings, runtime.encoder, runtime.judge)
    matches = checker.settled(
        checker.matches_many([Statement(row[1], runtime.settings.reconcile_top_k, (claim_id,))])[0]
    )
    return {m.claim.text: (m.judgement.relation, m.judgement.signals) for m in matches}


def test_a_full_run_raises_no_flag_the_claims_own_check_settles_away(runtime: Runtime) -> None:
    ids = _store(runtime, [SILVER_500, GOLD_200, GOLD_500])
    checked = _checked(runtime, GOLD_500, ids["gold-500"])
    assert checked[GOLD_200[1]][0] == "contradicts"
    assert checked[SILVER_500[1]][0] == "neutral" and UNCORROBORATED_SIGNAL in checked[SILVER_500[1]][1]

    outcome = _reconcile(runtime, RunRequest(full=True))
    flags = _flags(runtime)
    # The contradiction the check reports is flagged; Silver Telecom's figure is no near-duplicate of Gold Mobile's,
    # though Silver Telecom's own check (nothing contradicts it) reads the pair as entailing both ways.
    assert flags == {("self_contradiction", "contradicts", "gold-500", "gold-200", "open")}, flags
    # Every claim judged against its two matches both ways, and the settling pair (Silver's 500,000 against Gold's
    # 200,000) both ways: all judgements are in pairs_judged.
    assert outcome.stats["counts"]["pairs_judged"] == 3 * 2 * 2 + 2


def test_an_incremental_run_settles_the_new_claim_as_its_check_does(runtime: Runtime) -> None:
    _store(runtime, [SILVER_500, GOLD_200])
    _reconcile(runtime, RunRequest())
    assert _flags(runtime) == set()  # two companies, two figures
    _store(runtime, [GOLD_500])

    _reconcile(runtime, RunRequest())
    assert _flags(runtime) == {("self_contradiction", "contradicts", "gold-500", "gold-200", "open")}


def test_a_record_that_disagrees_with_itself_keeps_its_flags(runtime: Runtime) -> None:
    ids = _store(runtime, [NOT_CLOSE, CLOSE, NOT_CLOSE_AGAIN])
    checked = _checked(runtime, NOT_CLOSE_AGAIN, ids["not-close-again"])
    assert checked[NOT_CLOSE[1]][0] == "entails" and checked[CLOSE[1]][0] == "contradicts"  # mixed, and it stays

    _reconcile(runtime, RunRequest(full=True))
    assert _flags(runtime) == {
        ("self_contradiction", "contradicts", "close", "not-close", "open"),
        ("contradiction", "contradicts", "not-close-again", "close", "open"),
        ("near_duplicate", "entails", "not-close-again", "not-close", "open"),
    }


def test_a_contradiction_the_claims_check_reads_as_uncorroborated_is_not_flagged(runtime: Runtime) -> None:
    """The contradicting side the weaker one: the judge of ``tests/api/test_document_claims_settled.py`` reads the
    statement as contradicted by the longer reading, and as entailed by the closer claim it finds compatible with
    that reading. /v1/check then says "supported"; the night must not flag the pair, from either claim's side (the
    longer reading's own check has nothing to settle, and reads the pair as a contradiction)."""
    from tests.api.test_document_claims_settled import ON_RECORD, OTHER_READING, STATEMENT, _InconsistentJudge

    runtime.use_models(runtime.encoder, _InconsistentJudge())
    rows = [
        ("on-record", ON_RECORD, "City Museum", "2020-01-02"),
        ("other-reading", OTHER_READING, "Arts Weekly", "2020-01-03"),
        ("statement", STATEMENT, "Ana Ruiz", "2020-01-15"),
    ]
    ids = _store(runtime, rows)
    checked = _checked(runtime, rows[2], ids["statement"])
    assert checked[ON_RECORD][0] == "entails"
    assert checked[OTHER_READING] == ("neutral", [UNCORROBORATED_SIGNAL])

    _reconcile(runtime, RunRequest(full=True))
    # The entailment stands, as the check reads it: the statement restates the claim on record.
    assert _flags(runtime) == {("near_duplicate", "entails", "statement", "on-record", "open")}
