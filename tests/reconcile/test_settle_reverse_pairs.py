"""An incremental run settles the pairs its reverse step judges from an older claim's side as that claim's own check
settles them (``CheckService.settled_many`` over its whole top-k, the new claims in it): a pair the older claim's
check reads as the judge's mistake (``uncorroborated``) raises no flag, as in a full run over the same record.
Real models (MiniLM, the hybrid judge), SQLite and PostgreSQL, both engines.

The record is that of ``tests/reconcile/test_settled_findings.py``: Gold Mobile's 500,000 is contradicted by its own
200,000 and, the judge says, entailed by Silver Telecom's 500,000, the less similar of the two (two companies: the
two do not conflict). Silver Telecom's figure is the new claim; two restatements of it fill its own top-k, so only
the reverse step, from Gold Mobile's side, judges the pair."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from embeddings.encoder import Encoder
from embeddings.judge import Judge
from reconcile.job import RunRequest
from service.config import Settings
from service.runtime import Runtime
from service.services.checking import UNCORROBORATED_SIGNAL, CheckService, Statement
from tests.reconcile.conftest import reconcile_settings
from tests.reconcile.runs import flags_touching, forget_runs, reconciled
from tests.reconcile.test_reconcile import add_claim
from tests.reconcile.test_settled_findings import GOLD_200, GOLD_500, SILVER_500

pytestmark = pytest.mark.slow

TOP_K = 2
# Closer to Silver Telecom's claim than Gold Mobile's is: they fill its top-k; Gold Mobile's top-k is its own
# 200,000 and Silver Telecom's 500,000.
FILLERS = [
    ("silver-said", "Silver Telecom said it gained 500,000 subscribers in 2023.", "Silver Telecom", "2024-01-01"),
    (
        "silver-report",
        "Silver Telecom gained 500,000 subscribers in 2023, its annual report shows.",
        "Silver Telecom",
        "2024-01-01",
    ),
]


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return reconcile_settings(database_url, tmp_path, encoder="minilm", judge="hybrid", reconcile_top_k=TOP_K)


@pytest.fixture
def runtime(settings: Settings, minilm: Encoder, hybrid: Judge) -> Iterator[Runtime]:
    rt = Runtime.create(settings)
    rt.use_models(minilm, hybrid)
    yield rt
    rt.close()


def _record_then_new_claim(runtime: Runtime) -> dict[str, str]:
    """The older claims reconciled, then Silver Telecom's stored: the ids by key. Asserts the case: Gold Mobile's
    own check finds Silver Telecom's claim and reads it as uncorroborated; Silver Telecom's does not find Gold
    Mobile's."""
    ids = {key: add_claim(runtime, text, speaker, said_at, key) for key, text, speaker, said_at in [GOLD_500, GOLD_200]}
    ids.update({key: add_claim(runtime, text, speaker, said_at, key) for key, text, speaker, said_at in FILLERS})
    reconciled(runtime, RunRequest())
    key, text, speaker, said_at = SILVER_500
    ids[key] = add_claim(runtime, text, speaker, said_at, key)
    checker = CheckService(runtime.db, runtime.settings, runtime.encoder, runtime.judge)
    old, new = checker.matches_many(
        [Statement(GOLD_500[1], TOP_K, (ids["gold-500"],)), Statement(SILVER_500[1], TOP_K, (ids["silver-500"],))]
    )
    settled = {m.claim.id: m.judgement for m in checker.settled(old)}
    assert settled.keys() == {ids["gold-200"], ids["silver-500"]}, settled
    assert settled[ids["gold-200"]].relation == "contradicts"
    assert UNCORROBORATED_SIGNAL in settled[ids["silver-500"]].signals
    assert ids["gold-500"] not in {m.claim.id for m in new}
    return ids


@pytest.mark.parametrize("engine", ["local", "ray"])
def test_a_reverse_pair_is_settled_as_the_older_claims_check_settles_it(
    runtime: Runtime, engine: str, request: pytest.FixtureRequest
) -> None:
    if engine == "ray":
        request.getfixturevalue("ray_cluster")
    _record_then_new_claim(runtime)
    incremental = reconciled(runtime, RunRequest(), engine)
    assert incremental.stats["scope"] == "incremental"
    assert incremental.stats["counts"]["reverse_pairs_judged"] == 1
    found = flags_touching(runtime, "silver-500")

    forget_runs(runtime)
    reconciled(runtime, RunRequest(full=True), engine)
    full = flags_touching(runtime, "silver-500")
    # Gold Mobile's check settles the pair away; Silver Telecom's own restatements are still its near-duplicates.
    assert not {flag for flag in full if "gold-500" in flag[2:4]}, full
    assert {flag[2:4] for flag in full} == {("silver-500", "silver-said"), ("silver-500", "silver-report")}, full
    assert found == full


def test_an_old_claim_whose_reached_match_is_its_closest_is_not_judged_further(runtime: Runtime) -> None:
    """Without Gold Mobile's own 200,000, Silver Telecom's claim is the closest of Gold Mobile's matches: nothing more
    similar could settle the pair, so its other match is not judged (the cost of a reverse pair as before), and
    the near-duplicate stands, as in a full run."""
    ids = {key: add_claim(runtime, text, speaker, said_at, key) for key, text, speaker, said_at in [GOLD_500, *FILLERS]}
    reconciled(runtime, RunRequest())
    key, text, speaker, said_at = SILVER_500
    ids[key] = add_claim(runtime, text, speaker, said_at, key)
    checker = CheckService(runtime.db, runtime.settings, runtime.encoder, runtime.judge)
    old, new = checker.matches_many(
        [Statement(GOLD_500[1], TOP_K, (ids["gold-500"],)), Statement(SILVER_500[1], TOP_K, (ids["silver-500"],))]
    )
    assert old[0].claim.id == ids["silver-500"] and old[0].judgement.relation == "entails", old
    assert ids["gold-500"] not in {m.claim.id for m in new}

    incremental = reconciled(runtime, RunRequest())
    assert incremental.stats["counts"]["reverse_pairs_judged"] == 1
    # Its own matches and the one older claim screened, each judged both ways; the reverse pair is not judged again.
    assert incremental.stats["counts"]["pairs_judged"] == 2 * (TOP_K + 1)
    found = flags_touching(runtime, "silver-500")
    forget_runs(runtime)
    reconciled(runtime, RunRequest(full=True))
    full = flags_touching(runtime, "silver-500")
    assert {flag[:4] for flag in full if "gold-500" in flag[2:4]} == {
        ("near_duplicate", "entails", "gold-500", "silver-500")
    }, full
    assert found == full
