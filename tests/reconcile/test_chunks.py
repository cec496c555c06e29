"""A pair found from both of its claims in one chunk: the same flag whichever claim searched first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from db.models import Claim
from embeddings.encoder import HashingEncoder
from embeddings.judge import Judgement
from embeddings.rule_judge import RuleJudge
from reconcile.chunks import ChunkClaim, check_chunk
from service.config import Settings
from service.services.checking import CheckService, ScoredMatch, Statement

LOW = {"entailment": 0.1, "neutral": 0.8, "contradiction": 0.1}
HIGH = {"entailment": 0.05, "neutral": 0.05, "contradiction": 0.9}
# Judged both ways, as every match is; the gate of one side's similarity made the first neutral.
NEUTRAL = Judgement("neutral", LOW, ["low_similarity"], reverse_probabilities=LOW, reverse_relation="neutral")
CONTRADICTS = Judgement(
    "contradicts", HIGH, ["antonym_swap"], reverse_probabilities=HIGH, reverse_relation="contradicts"
)


def _claim(claim_id: str, text: str, speaker_id: str, day: int) -> Claim:
    when = datetime(2021, 4, day, tzinfo=UTC)
    return Claim(id=claim_id, text=text, stance="asserts", speaker_id=speaker_id, said_at=when, created_at=when)


@pytest.mark.parametrize("gated_side", ["first", "second"])
def test_a_pair_is_flagged_when_either_sides_search_finds_the_contradiction(
    monkeypatch: pytest.MonkeyPatch, gated_side: str
) -> None:
    """The hybrid similarity of a pair depends on which claim searched for the other (0.91 one way, 0.84 the other
    in the flags audit), and so do the gates: the side whose search gated the pair neutral came first in the chunk
    and the other side's contradiction was dropped, so identical records gave different flags with other ids."""
    request = _claim("0a", "The Coalition is in Iraq at the request of the Iraqi government.", "marotto", 1)
    against = _claim("0b", "The Coalition is in Iraq against the wishes of the Iraqi government.", "militia", 2)
    seen_from = {request.id: (against, NEUTRAL, 0.84), against.id: (request, CONTRADICTS, 0.91)}
    if gated_side == "second":
        seen_from = {request.id: (against, CONTRADICTS, 0.91), against.id: (request, NEUTRAL, 0.84)}

    def matches_many(
        self: CheckService,
        statements: Sequence[Statement],
        judge_limit: int | None = None,
        relations_only: bool = False,
    ) -> list[list[ScoredMatch]]:
        found = []
        for statement in statements:
            other, judgement, similarity = seen_from[statement.exclude[0]]
            found.append([ScoredMatch(other, similarity, judgement, cosine=similarity)])
        return found

    monkeypatch.setattr(CheckService, "matches_many", matches_many)
    checker = CheckService(None, Settings(), HashingEncoder(), RuleJudge())  # type: ignore[arg-type]
    result = check_chunk(checker, [ChunkClaim.of(request), ChunkClaim.of(against)], top_k=5, duplicate_min=0.97)

    assert result.judged == [("0a", "0b")]
    assert [(f.kind, f.claim_id, f.other_claim_id, f.judgement.relation) for f in result.findings] == [
        ("contradiction", "0b", "0a", "contradicts")
    ]
