"""What several reconciliation tests do around a run: run it and require success, read the flags touching one
claim, forget the runs (and their flags) to run again from scratch, and store the cod-quota record whose checks
settle pairs away."""

from __future__ import annotations

from sqlalchemy import delete

from db.models import Flag, ReconciliationRun
from reconcile.job import Reconciler, RunOutcome, RunRequest
from service.runtime import Runtime
from service.services.checking import UNCORROBORATED_SIGNAL, CheckService, Statement
from tests.reconcile.corpus import flag_keys
from tests.reconcile.test_reconcile import add_claim

FlagKey = tuple[str, str, str, str, str]


def reconciled(runtime: Runtime, request: RunRequest, engine: str = "local") -> RunOutcome:
    """The run's last outcome, which must have succeeded."""
    outcomes = Reconciler(runtime, engine=engine).run(request)
    assert [o.status for o in outcomes] == ["succeeded"], [(o.status, o.error) for o in outcomes]
    return outcomes[-1]


def flags_touching(runtime: Runtime, key: str) -> set[FlagKey]:
    """The flags with the claim of external id ``key`` on either side."""
    with runtime.session_factory() as session:
        return {flag for flag in flag_keys(session) if key in flag[2:4]}


def forget_runs(runtime: Runtime) -> None:
    """No run and no flag on record: the next run starts as the first did."""
    with runtime.session_factory() as session:
        session.execute(delete(Flag))
        session.execute(delete(ReconciliationRun))
        session.commit()


def store_cod_quotas(runtime: Runtime) -> set[frozenset[str | None]]:
    """Six ministers' cod quotas, 1000-2250 tonnes (q0-q5), and the pairs their own checks settle away (read as
    ``uncorroborated``): the rule judge reads 2000 as a year, so "2000 tonnes" entails the other quotas, which
    contradict each other, and each claim is both entailed and contradicted. Asserts there is such a pair."""
    keys = {}
    for n in range(6):
        text = f"The cod quota was cut to {1000 + 250 * n} tonnes."
        keys[add_claim(runtime, text, f"Minister {n}", f"2024-01-0{n + 1}", f"q{n}")] = (f"q{n}", text)
    checker = CheckService(runtime.db, runtime.settings, runtime.encoder, runtime.judge)
    statements = [
        Statement(text, runtime.settings.reconcile_top_k, (claim_id,)) for claim_id, (_, text) in keys.items()
    ]
    settled_away = {
        frozenset((keys[claim_id][0], match.claim.external_id))
        for claim_id, matches in zip(keys, checker.settled_many(checker.matches_many(statements)), strict=True)
        for match in matches
        if UNCORROBORATED_SIGNAL in match.judgement.signals
    }
    assert settled_away
    return settled_away
