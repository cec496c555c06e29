"""The check stage's unit of work: a chunk of claims in, the pairs to flag out, as plain data.

Plain data so that a chunk can be checked anywhere the record can be read (this process, or a Ray actor on another
machine) and its findings shipped back to the one process that writes them (``reconcile.job``).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

import numpy as np

from db.models import Claim
from embeddings.judge import Judge, Judgement, judge_both_ways
from embeddings.text_normalize import normalize, segments
from service.config import Settings
from service.services.checking import (
    UNCORROBORATED_SIGNAL,
    CheckService,
    Retrieval,
    ScoredMatch,
    Statement,
    judge_pair,
)
from service.services.flags import NEAR_DUPLICATE, Finding, contradiction_kind
from service.services.retrieval import Candidate
from service.services.speakers import one_speaker, speaker_name_key

NEAR_DUPLICATE_SIGNAL = "near_duplicate"


@dataclass(frozen=True, slots=True)
class ChunkClaim:
    """What checking needs of a claim of the chunk."""

    id: str
    text: str
    stance: str
    speaker_id: str
    # The speaker's key (``Source.name_key``): whether two claims of one source are one speaker's (``one_speaker``:
    # the unattributed speaker's are not) is told where findings are made, with no session.
    speaker_name_key: str | None
    said_at: datetime | None
    created_at: datetime

    @classmethod
    def of(cls, claim: Claim) -> ChunkClaim:
        return cls(
            claim.id,
            claim.text,
            claim.stance,
            claim.speaker_id,
            speaker_name_key(claim),
            claim.said_at,
            claim.created_at,
        )


@dataclass(slots=True)
class ChunkResult:
    findings: list[Finding] = field(default_factory=list)
    # Every pair of claims the chunk judged (ids in order), flagged or not: the job tells from it which open flags
    # it judged again and whether they still hold (``reconcile.job``, ``flags_rejudged`` in the report).
    judged: list[tuple[str, str]] = field(default_factory=list)
    # Every judgement the chunk's judge made: its matches both ways, the reverse step's screening and its old claims'
    # other matches (``_whole_checks``), and its settling pairs (a mixed claim's entailing against its contradicting
    # matches, both ways: ``CheckService.settled_many``).
    # Far-off matches, neutral whatever the judge says, take the signal screen's judgement and are not counted
    # (``_relations_only``); they are in ``judged``.
    pairs_judged: int = 0
    # Pairs judged because an old claim's own search would find a chunk claim (``_reverse_pairs``); in pairs_judged.
    reverse_pairs_judged: int = 0
    # The pairs a chunk claim's (or a reverse step's old claim's) settled check read as the judge's mistake
    # (``uncorroborated``), ids in order: a pair whose other claim searches in another chunk of the run is settled
    # across the two (``PairSide``).
    settled: list[tuple[str, str]] = field(default_factory=list)
    retrieve_s: float = 0.0
    judge_s: float = 0.0


class TimedJudge:
    """A judge that counts the pairs it judges and the time it takes (for the report). Pairs judged ahead of the
    chunk's judge call (``remember``: the reverse step's) are answered from memory there, not judged twice."""

    def __init__(self, judge: Judge) -> None:
        self.inner = judge
        self.name, self.version = judge.name, judge.version
        self.pairs = 0
        self.seconds = 0.0
        self.remembered: dict[tuple[str, str], Judgement] = {}
        self.remember = False  # while judging ``ahead``

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        todo = [pair for pair in pairs if pair not in self.remembered]
        started = time.perf_counter()
        judged = iter(self.inner.judge(todo) if todo else [])
        self.seconds += time.perf_counter() - started
        self.pairs += len(todo)
        judgements = [self.remembered[pair] if pair in self.remembered else next(judged) for pair in pairs]
        if self.remember:
            self.remembered.update(zip(pairs, judgements, strict=True))
        return judgements

    def ahead(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        """Each pair judged both ways (``judge_both_ways``), remembered for the chunk's judge call."""
        self.remember = True
        try:
            return judge_both_ways(self, pairs)
        finally:
            self.remember = False


@dataclass(frozen=True, slots=True)
class ReverseRow:
    """An old claim the reverse step judges from its own side (``_reverse_pairs``): the statement it searches with,
    and its whole top_k as its own check retrieves it (``candidates``, ``windows``), for settling (``_whole_checks``)."""

    old: ChunkClaim
    statement: Statement
    candidates: list[Candidate]
    windows: list[tuple[str, np.ndarray]]


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


def check_chunk(
    checker: CheckService,
    claims: Sequence[ChunkClaim],
    top_k: int,
    duplicate_min: float,
    since: datetime | None = None,
    reverse_candidates: int = 0,
) -> ChunkResult:
    """Match and judge every claim of the chunk as /v1/check does, all at once (``CheckService.matches_many``: one
    encoder call, one read transaction, one judge call for every match of the chunk, each judged both ways, but the
    far-off ones, neutral whatever the judge says: ``_relations_only``), then
    sort the pairs into contradictions (``self_contradiction`` when one speaker said both) and near-duplicates
    (near-verbatim, or an entailment that holds both ways). A pair whose two claims are both in the chunk is kept
    once, as the stronger of its two findings (``_stronger``): each side judged it both ways, but its similarity,
    and so its gates, depend on which claim searched for the other; the job does the same across chunks.

    Each chunk claim's matches are then settled as its own check settles them (``CheckService.settled_many``, one
    more judge call for all the chunk's claims both entailed and contradicted): where its entailing and
    contradicting matches do not conflict, the less similar side is the judge's mistake (``uncorroborated``). That
    is a reading of the pair's judgement, which is the same from either side (both ways, the same texts), so the
    pair is then read as the settling check reads it whichever side found it: the other claim's own check, with
    nothing to settle, would keep the mistake ("Silver Telecom gained 500,000 subscribers" and "Gold Mobile gained
    500,000 subscribers" as near-duplicates, beside Gold Mobile's own 200,000). A pair whose other claim searches in
    another chunk of the run is settled there: the job keeps the earlier chunk's side of it (``ChunkResult.settled``
    and the finding, a ``PairSide``) for the later one (``settled_pair``). A pair the reverse step judges from an
    old claim's side is settled as that claim's own check settles it, over its whole top_k (``_whole_checks``: its
    other matches judged too, where they could settle the pair); a pair among a chunk claim's own matches is judged
    from that side only, so an incremental run settles it as the new claim's check (and ``POST /v1/documents``
    storing it) would.

    ``since``: the lower bound of an incremental run's window (None: every claim up to the cutoff is in it). Claims
    at or before it do not search in this run, so a pair where an old claim would find a chunk claim among its own
    top ``top_k`` and not the other way round would be missed: the reverse step (``_reverse_pairs``) looks for those
    among each chunk claim's next ``reverse_candidates`` matches and judges them in the same judge call, as the old
    claim's own search would have judged them."""
    result = ChunkResult()
    started = time.perf_counter()
    judge = TimedJudge(checker.judge)
    checker = CheckService(checker.db, checker.settings, checker.encoder, judge)
    statements = [Statement(c.text, top_k, exclude=(c.id,), stance=c.stance) for c in claims]
    # The wider list is the candidates the pool reads anyway (``Retriever.pools``): no deeper search.
    wide = max(top_k, min(reverse_candidates, checker.settings.retrieval_candidates))
    wholes: dict[int, list[ScoredMatch]] = {}  # the reverse step's old claims' whole checks, by row of ``matched``
    if not claims:
        searchers, matched = [], []
    elif since is None or wide == top_k:
        # Far-off matches skip the judge (``_relations_only``); judged whole where one could be a near-duplicate.
        searchers, matched = list(claims), checker.matches_many(statements, relations_only=True)
        seen = ((m.similarity, _cosine(m)) for ms in matched for m in ms)
        if not _relations_only(seen, checker.settings, duplicate_min):
            matched = checker.matches_many(statements)
    else:
        searchers, matched, wholes = _with_reverse_pairs(checker, judge, claims, statements, wide, since, duplicate_min)
    # Each chunk claim's matches settled as its own check settles them, and each old claim's of the reverse step that
    # its whole check could settle (``_whole_checks``), in one more judge call for the whole chunk; an old claim's
    # row is then narrowed back to the chunk claims it reaches.
    rows = sorted(wholes)
    settled = checker.settled_many([*matched[: len(claims)], *(wholes[row] for row in rows)])
    matched[: len(claims)] = settled[: len(claims)]
    for row, whole in zip(rows, settled[len(claims) :], strict=True):
        reaching = {match.claim.id for match in matched[row]}
        matched[row] = [match for match in whole if match.claim.id in reaching]
    # Each pair's sides, one per claim that found the other, read together as one pair (``settled_pair``): a pair a
    # claim's check settled away is read as that check reads it, from whichever side it was found.
    sides: dict[tuple[str, str], list[PairSide]] = {}
    for position, (claim, matches) in enumerate(zip(searchers, matched, strict=True)):
        for match in matches:
            side = PairSide(_finding(claim, match, duplicate_min), _uncorroborated(match))
            sides.setdefault(ordered_pair(claim.id, match.claim.id), []).append(side)
            result.reverse_pairs_judged += position >= len(claims)
    found = {pair: settled_pair(pair_sides) for pair, pair_sides in sides.items()}
    result.findings = [finding for finding in found.values() if finding is not None]
    result.judged = sorted(found)
    result.settled = sorted(pair for pair, pair_sides in sides.items() if any(side.settled for side in pair_sides))
    result.pairs_judged, result.judge_s = judge.pairs, judge.seconds
    result.retrieve_s = time.perf_counter() - started - judge.seconds
    return result


def _with_reverse_pairs(
    checker: CheckService,
    judge: TimedJudge,
    claims: Sequence[ChunkClaim],
    statements: list[Statement],
    wide: int,
    since: datetime,
    duplicate_min: float,
) -> tuple[list[ChunkClaim], list[list[ScoredMatch]], dict[int, list[ScoredMatch]]]:
    """``matches_many`` for the chunk's statements and, in the same judge call, for the old claims that would find
    one of them (``_reverse_pairs``): who searched, and what each found, in order; and the old claims' whole checks
    where their settling could read a pair they reach otherwise (``_whole_checks``)."""
    retrieval = checker.retrieve_many([replace(s, top_k=wide) for s in statements])
    wider = retrieval.candidates
    # Each claim's own matches: the first top_k of the wider list (the same pool, ordered the same way).
    top_k = statements[0].top_k
    retrieval.candidates = [cs[:top_k] for cs in wider]
    reverse = _reverse_pairs(checker, judge, claims, wider, retrieval, top_k, since)
    searchers = [*claims, *(r.old for r in reverse)]
    seen = ((c.similarity, c.cosine) for cs in retrieval.candidates for c in cs)
    only = _relations_only(seen, checker.settings, duplicate_min)
    matched = checker.judge_retrieved([*statements, *(r.statement for r in reverse)], retrieval, relations_only=only)
    return searchers, matched, _whole_checks(checker, reverse, matched, len(claims), retrieval)


def _whole_checks(
    checker: CheckService,
    reverse: Sequence[ReverseRow],
    matched: list[list[ScoredMatch]],
    first: int,
    retrieval: Retrieval,
) -> dict[int, list[ScoredMatch]]:
    """The reverse step's old claims whose whole check could settle a pair they reach, each as that check's matches
    (its whole top_k: the reached chunk claims' matches as judged, the rest judged now, in one judge call): by row
    of ``matched`` (``first``: the first old claim's row), for ``CheckService.settled_many``.

    Settling reads a row's relations only, and reads a match as the judge's mistake only where the other side's
    best match is more similar than its own side's: so a row whose related (entailing or contradicting) reached
    matches are its most similar (none of its whole top_k more similar) keeps them whatever the rest says, and needs
    no more judging. The rest are judged ``relations_only`` (far off: neutral whatever the judge says); they raise
    nothing here (pairs of two old claims are not this run's)."""
    needed = []
    for position, row in enumerate(reverse):
        related = [m.similarity for m in matched[first + position] if m.judgement.relation in RELATED]
        if related and max(c.similarity for c in row.candidates) > min(related):
            needed.append(position)
    if not needed:
        return {}
    reached = [{m.claim.id for m in matched[first + position]} for position in needed]
    rest = Retrieval(
        [[c for c in reverse[p].candidates if c.claim_id not in ids] for p, ids in zip(needed, reached, strict=True)],
        [reverse[p].windows for p in needed],
        retrieval.claims,
        retrieval.ratings,
    )
    judged = checker.judge_retrieved([reverse[p].statement for p in needed], rest, relations_only=True)
    wholes: dict[int, list[ScoredMatch]] = {}
    for position, others in zip(needed, judged, strict=True):
        order = {c.claim_id: n for n, c in enumerate(reverse[position].candidates)}
        # Ordered as ``judge_retrieved`` orders one list: the more similar first, ties in the retriever's order.
        whole = sorted([*matched[first + position], *others], key=lambda m: (-m.similarity, order[m.claim.id]))
        wholes[first + position] = whole
    return wholes


def _relations_only(found: Iterable[tuple[float, float]], settings: Settings, duplicate_min: float) -> bool:
    """Whether the chunk's far-off matches may skip the judge (``judge_retrieved``'s ``relations_only``: below
    ``relation_min_similarity`` by the lower of similarity and cosine, neutral whatever the judge says); ``found``:
    each match's similarity and cosine. Neither a flag nor the settling reads anything else of a neutral match,
    unless it is a near-duplicate by its cosine alone (``_finding``: the flag keeps that judgement's probabilities
    and signals), so a chunk with a far-off match at ``duplicate_min`` is judged whole, as before. With the
    defaults (0.35, 0.95) there is none: a cosine of 0.95 is a similarity of about 0.8 (the calibration in
    ``service.services.retrieval``). The far-off pairs stay in ``ChunkResult.judged`` (an open flag among them is
    reported no longer contradicting, as the gate made it before) but not in ``pairs_judged``."""
    floor = settings.relation_min_similarity
    return not any(min(similarity, cosine) < floor and cosine >= duplicate_min for similarity, cosine in found)


def _reverse_pairs(
    checker: CheckService,
    judge: TimedJudge,
    claims: Sequence[ChunkClaim],
    wider: list[list[Candidate]],
    retrieval: Retrieval,
    top_k: int,
    since: datetime,
) -> list[ReverseRow]:
    """The old claims whose own search would find a chunk claim it does not find itself, each as the statement it
    would search with, its retrieval (appended to ``retrieval``) narrowed to those chunk claims, and its whole
    top_k (``ReverseRow``).

    Candidates are each chunk claim's matches past its own top_k in its wider list, stored at or before ``since``
    (a claim changed later is in this window, or the next, and searches itself), whose cosine reaches the lowest
    similarity at which any pair can be flagged (``flaggable_cosine``): the cosine is the same from either side,
    and below it every relation is gated neutral and the near-duplicate tests fail. Each candidate's top_k is
    then retrieved as its own check would retrieve it (its stored vector, no encoding) and the pair kept when the
    chunk claim is among them."""
    settings = checker.settings
    floor = flaggable_cosine(settings)
    wanted: dict[str, set[str]] = {}
    screened: list[tuple[ChunkClaim, Claim, float]] = []  # (chunk claim, old claim, cosine) to judge first
    for claim, candidates in zip(claims, wider, strict=True):
        for candidate in candidates[top_k:]:
            stored = retrieval.claims.get(candidate.claim_id)
            if stored is None or stored.updated_at > since:
                continue
            # Both read whole (no window of either): the cosine and the judged texts are those of the old claim's side.
            if candidate.window is None and not segments(normalize(stored.text)):
                if candidate.cosine >= floor:
                    screened.append((claim, stored, candidate.cosine))
            else:
                wanted.setdefault(stored.id, set()).add(claim.id)
    judgements = judge.ahead([judge_pair(claim.text, stored.text) for claim, stored, _ in screened])
    for (claim, stored, cosine), judgement in zip(screened, judgements, strict=True):
        if _related(judgement) or cosine >= settings.duplicate_min_similarity:
            wanted.setdefault(stored.id, set()).add(claim.id)
    olds = [ChunkClaim.of(retrieval.claims[claim_id]) for claim_id in sorted(wanted)]
    if not olds:
        return []
    vectors = checker.stored_vectors([old.id for old in olds])
    statements = [
        Statement(old.text, top_k, exclude=(old.id,), stance=old.stance, vector=vectors.get(old.id)) for old in olds
    ]
    found = checker.retrieve_many(statements)
    kept: list[ReverseRow] = []
    for old, statement, candidates, windows in zip(olds, statements, found.candidates, found.windows, strict=True):
        reaching = [c for c in candidates if c.claim_id in wanted[old.id]]
        if reaching:
            kept.append(ReverseRow(old, statement, candidates, windows))
            retrieval.candidates.append(reaching)
            retrieval.windows.append(windows)
    retrieval.claims.update(found.claims)
    retrieval.ratings.update(found.ratings)
    return kept


def ordered_pair(a: str, b: str) -> tuple[str, str]:
    """Two claims' ids as one pair whichever found the other: the chunk's findings and ``ChunkResult.judged`` are
    keyed so, and the job reads them so."""
    return (a, b) if a < b else (b, a)


def _uncorroborated(match: ScoredMatch) -> bool:
    """The match's relation was the judge's mistake by its searcher's settled check (``CheckService.settled_many``)."""
    return UNCORROBORATED_SIGNAL in match.judgement.signals


RELATED = ("entails", "contradicts")


def _related(judgement: Judgement) -> bool:
    """Either direction contradicts or entails: the gates and stances only ever make a relation neutral or swap
    it, so a pair judged neutral both ways is flagged only as a near-verbatim near-duplicate."""
    return judgement.relation != "neutral" or judgement.reverse_relation not in (None, "neutral")


def flaggable_cosine(settings: Settings) -> float:
    """The lowest cosine at which a pair can be flagged: a relation needs the similarity gate
    (``gate_by_similarity``: at least ``relation_min_similarity``), a near-duplicate without one
    ``duplicate_min_similarity``."""
    return min(settings.relation_min_similarity, settings.duplicate_min_similarity)


@dataclass(frozen=True, slots=True)
class PairSide:
    """What one claim's search made of a pair whose other claim searches in another chunk of the run: its finding
    (None: no flag from this side) and whether its settled check read the pair as ``uncorroborated``. The job keeps
    the earlier chunk's side until the later one's (``reconcile.job``) and settles the two with ``settled_pair``."""

    finding: Finding | None
    settled: bool


def settled_pair(sides: Sequence[PairSide]) -> Finding | None:
    """A pair's finding from its sides, within a chunk (``check_chunk``) or across two (``reconcile.job``): once any
    side's check settled the pair away, only a side that settled it keeps its finding (an ``uncorroborated`` match
    is no relation, though it may still be a near-verbatim near-duplicate); then the strongest (``_stronger``). So
    the flags do not depend on where the run's chunk boundaries fall."""
    settled = any(side.settled for side in sides)
    found: Finding | None = None
    for side in sides:
        if side.settled or not settled:
            found = _stronger(found, side.finding)
    return found


def _stronger(first: Finding | None, second: Finding | None) -> Finding | None:
    """Of one pair's findings from its two sides: a contradiction before a near-duplicate before none, then the
    higher similarity, so the same record gives the same flags whichever of its claims has the lower id."""
    candidates = [f for f in (first, second) if f is not None]
    if not candidates:
        return None
    return max(candidates, key=lambda f: (f.kind != NEAR_DUPLICATE, f.similarity or 0.0))


def _finding(claim: ChunkClaim, match: ScoredMatch, duplicate_min: float) -> Finding | None:
    if not _related(match.judgement) and _cosine(match) < duplicate_min:
        # No flag, whichever claim is the earlier; a far-off match's screened judgement is one way only (not reversible).
        return None
    other = ChunkClaim.of(match.claim)
    later, earlier = (claim, other) if _order_key(other) <= _order_key(claim) else (other, claim)
    # The judgement reads the matched claim as premise; a flag reads the earlier claim as premise.
    judgement = match.judgement if later is claim else match.judgement.reversed()
    same_speaker = one_speaker(later.speaker_id, earlier.speaker_id, later.speaker_name_key)
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
