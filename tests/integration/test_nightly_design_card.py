"""The design card's pair, with the real models: the nightly job flags "…at the request of the Iraqi government"
against "…against the wishes of the Iraqi government" whichever arrives first, and not the restatement
"…because Baghdad asked them to be there"."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from db.models import Flag
from reconcile.job import Reconciler, RunRequest
from service.config import Settings
from service.runtime import Runtime
from service.schemas import ClaimCreate
from service.services.claims import ClaimService

pytestmark = pytest.mark.slow

REQUEST = "The U.S.-led Coalition is in Iraq at the request of the Iraqi government."
AGAINST = "The Coalition is in Iraq against the wishes of the Iraqi government."
RESTATED = "Coalition forces are in Iraq because Baghdad asked them to be there."


def contradictions_after_reconciling(
    database_url: str, real_models: Runtime, tmp_path: Path, arrivals: list[tuple[str, str]]
) -> set[frozenset[str]]:
    settings = Settings(database_url=database_url, load_models_on_startup=False, reports_dir=tmp_path / "reports")
    runtime = Runtime.create(settings)
    runtime.use_models(real_models.encoder, real_models.judge)
    try:
        service = ClaimService(runtime.db, runtime.encoder)
        for day, (text, speaker) in enumerate(arrivals, start=1):
            body = {"text": text, "speaker": speaker, "said_at": f"2021-04-{day:02d}"}
            service.create(ClaimCreate.model_validate(body))
        outcomes = Reconciler(runtime).run(RunRequest())
        assert [o.status for o in outcomes] == ["succeeded"]
        with runtime.db.read() as session:
            flags = session.scalars(select(Flag).where(Flag.relation == "contradicts")).unique().all()
            return {frozenset((f.claim.text if f.claim else "", f.other_claim.text)) for f in flags}
    finally:
        runtime.close()


@pytest.mark.parametrize("order", ["request first", "against first"])
def test_the_design_cards_pair_is_flagged_in_either_order(
    database_url: str, real_models: Runtime, tmp_path: Path, order: str
) -> None:
    claims = [(REQUEST, "Iraqi military"), (RESTATED, "a Coalition spokesman"), (AGAINST, "an Iraqi lawmaker")]
    if order == "against first":
        claims.reverse()
    flagged = contradictions_after_reconciling(database_url, real_models, tmp_path, claims)
    assert frozenset((REQUEST, AGAINST)) in flagged
    assert frozenset((REQUEST, RESTATED)) not in flagged
