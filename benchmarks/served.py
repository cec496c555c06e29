"""The service's own ``/v1/compare`` for the benchmarks that measure what it serves.

Building ``CheckService`` here, rather than re-creating its steps, keeps the benchmarks exact when the serving code
changes (windows of long texts, the yes/no question gate, the similarity gate's floors): stop 50 found that
``compare_gate``'s copy of the steps had missed two of them.
"""

from __future__ import annotations

from db.database import Database
from embeddings.encoder import load_encoder
from embeddings.rule_judge import HybridJudge
from service.config import Settings
from service.runtime import load_judge
from service.services.checking import CheckService

# /v1/compare reads no record, but CheckService is built with a database: an in-memory one, never connected to.
UNUSED_DATABASE_URL = "sqlite://"


def compare_service(settings: Settings) -> tuple[CheckService, HybridJudge]:
    """The service's /v1/compare with the encoder and judge the service loads from ``settings``, and that judge
    (the benchmarks also read it alone, and its thresholds)."""
    judge = load_judge(settings)
    if not isinstance(judge, HybridJudge):
        raise SystemExit(f"the served rows measure the hybrid judge, not {settings.judge!r} (CLAIMLEDGER_JUDGE)")
    encoder = load_encoder(settings.encoder)
    return CheckService(Database.connect(UNUSED_DATABASE_URL), settings, encoder, judge), judge
