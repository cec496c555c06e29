"""The check stage's unit of work: a chunk of claims in, the pairs to flag out, as plain data.

Plain data so that a chunk can be checked anywhere the record can be read (this process, or a Ray actor on another
machine) and its findings shipped back to the one process that writes them (``reconcile.job``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

from db.models import Claim
from embeddings.judge import Judge, Judgement
from service.services.checking import CheckService, ScoredMatch, Statement
from service.services.flags import NEAR_DUPLICATE, Finding, contradiction_kind

NEAR_DUPLICATE_SIGNAL = "near_duplicate"


@dataclass(frozen=True, slots=True)
class ChunkClaim:
    """What checking needs of a claim of the chunk."""

    id: str
    text: str
    stance: str
    speaker_id: str
    said_at: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, claim: Claim) -> ChunkClaim:
        return cls(claim.id, claim.text, claim.stance, claim.speaker_id, claim.said_at, claim.created_at)


@dataclass(slots=True)
class ChunkResult:
    findings: list[Finding] = field(default_factory=list)
    # Every pair of claims the chunk judged (ids in order), flagged or not: the job tells from it which open flags
    # it judged again and whether they still hold (``reconcile.job``, ``flags_rejudged`` in the report).
    judged: list[tuple[str, str]] = field(default_factory=list)
    pairs_judged: int = 0
    retrieve_s: float = 0.0
    judge_s: float = 0.0


class TimedJudge:
    """A judge that counts the pairs it judges and the time it takes (for the report)."""

    def __init__(self, judge: Judge) -> None:
        self.inner = judge
        self.name, self.version = judge.name, judge.version
        self.pairs = 0
        self.seconds = 0.0

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        started = time.perf_counter()
        judgements = self.inner.judge(pairs)
        self.seconds += time.perf_counter() - started
        self.pairs += len(pairs)
        return judgements


def _order_key(claim: ChunkClaim) -> tuple[datetime, datetime, str]:
    """Earlier statement first: by when it was said, else when it was recorded; ids break ties."""
    return (claim.said_at or claim.created_at, claim.created_at, claim.id)


def _entails_one_way(judgement: Judgement) -> bool:
    return "entails" in (judgement.relation, judgement.reverse_relation)


def _entails_both_ways(judgement: Judgement) -> bool:
    return judgement.relation == judgement.reverse_relation == "entails"


def _cosine(match: ScoredMatch) -> float:
    """The embeddings' plain cosine (the near-duplicate test), else the reported similarity."""
    return match.similarity if match.cosine is None else match.cosine


def check_chunk(checker: CheckService, claims: Sequence[ChunkClaim], top_k: int, duplicate_min: float) -> ChunkResult:
    """Match and judge every claim of the chunk as /v1/check does, all at once (``CheckService.matches_many``: one
    encoder call, one read transaction, one judge call for every match of the chunk, each judged both ways), then
    sort the pairs into contradictions (``self_contradiction`` when one speaker said both) and near-duplicates
    (near-verbatim, or an entailment that holds both ways). A pair whose two claims are both in the chunk is kept
    once, as the stronger of its two findings (``_stronger``): each side judged it both ways, but its similarity,
    and so its gates, depend on which claim searched for the other; across chunks either side's flag stands too."""
    result = ChunkResult()
    started = time.perf_counter()
    judge = TimedJudge(checker.judge)
    checker = CheckService(checker.db, checker.settings, checker.encoder, judge)
    statements = [Statement(c.text, top_k, exclude=(c.id,), stance=c.stance) for c in claims]
    found: dict[tuple[str, str], Finding | None] = {}
    for claim, matches in zip(claims, checker.matches_many(statements), strict=True):
        for match in matches:
            pair = (claim.id, match.claim.id) if claim.id < match.claim.id else (match.claim.id, claim.id)
            finding = _finding(claim, match, duplicate_min)
            found[pair] = _stronger(found[pair], finding) if pair in found else finding
    result.findings = [finding for finding in found.values() if finding is not None]
    result.judged = sorted(found)
    result.pairs_judged, result.judge_s = judge.pairs, judge.seconds
    result.retrieve_s = time.perf_counter() - started - judge.seconds
    return result


def _stronger(first: Finding | None, second: Finding | None) -> Finding | None:
    """Of one pair's findings from its two sides: a contradiction before a near-duplicate before none, then the
    higher similarity, so the same record gives the same flags whichever of its claims has the lower id."""
    candidates = [f for f in (first, second) if f is not None]
    if not candidates:
        return None
    return max(candidates, key=lambda f: (f.kind != NEAR_DUPLICATE, f.similarity or 0.0))


def _finding(claim: ChunkClaim, match: ScoredMatch, duplicate_min: float) -> Finding | None:
    other = ChunkClaim.of(match.claim)
    later, earlier = (claim, other) if _order_key(other) <= _order_key(claim) else (other, claim)
    # The judgement reads the matched claim as premise; a flag reads the earlier claim as premise.
    judgement = match.judgement if later is claim else match.judgement.reversed()
    same_speaker = later.speaker_id == earlier.speaker_id
    if judgement.relation == "contradicts":
        kind = contradiction_kind(same_speaker)
    elif _entails_both_ways(judgement) or (_entails_one_way(judgement) and _cosine(match) >= duplicate_min):
        kind, judgement = NEAR_DUPLICATE, replace(judgement, relation="entails")
    elif _cosine(match) >= duplicate_min and claim.stance == other.stance:
        kind = NEAR_DUPLICATE
        judgement = replace(judgement, relation="entails", signals=[*judgement.signals, NEAR_DUPLICATE_SIGNAL])
    else:
        return None
    return Finding(kind, later.id, earlier.id, same_speaker, judgement, match.similarity)
