"""Checking a statement against the record: retrieve, judge all matches in one batch, verdict, flags."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from db.models import Claim, Source
from db.repositories.claims import ClaimRepository
from embeddings.encoder import Encoder, model_key
from embeddings.judge import Judge, Judgement, across_stances
from embeddings.rule_judge import RuleJudge
from embeddings.signals import CONTRADICTION_SIGNALS
from embeddings.text_normalize import is_short, normalize_or_keep
from service.config import Settings
from service.schemas import (
    CheckResult,
    Judged,
    MatchOut,
    Probabilities,
    SaidAt,
    Verdict,
)
from service.serializers import claim_out
from service.services.flags import FlagService, contradiction_kind
from service.services.retrieval import Retriever
from service.services.speakers import SpeakerService

NOT_JUDGED_SIGNAL = "not_judged"
LOW_SIMILARITY_SIGNAL = "low_similarity"


def verdict_of(relations: Sequence[str]) -> Verdict:
    """The contract's rule: contradicted / supported / mixed / unverified."""
    contradicts = "contradicts" in relations
    entails = "entails" in relations
    if contradicts and entails:
        return "mixed"
    if contradicts:
        return "contradicted"
    if entails:
        return "supported"
    return "unverified"


def judge_pair(premise: str, hypothesis: str) -> tuple[str, str]:
    """What the judge reads: both texts normalised (no links, handles in words), as given when nothing is left."""
    return normalize_or_keep(premise), normalize_or_keep(hypothesis)


def not_judged(screened: Judgement) -> Judgement:
    """A match past the check's judging limit: neutral, with the signals' probabilities and what fired."""
    return Judgement("neutral", screened.probabilities, [*screened.signals, NOT_JUDGED_SIGNAL])


def judged(judgement: Judgement) -> Judged:
    return Judged(
        relation=judgement.relation,
        probabilities=Probabilities.model_validate(judgement.probabilities),
        signals=list(judgement.signals),
    )


def gate_by_similarity(judgement: Judgement, similarity: float, settings: Settings) -> Judgement:
    """A pair about different things is neutral, whatever the judge makes of it: NLI models tend to call
    unrelated sentences contradictory, and a far-off match must never decide a verdict or raise a flag.

    Below ``relation_min_similarity`` every relation goes. A relation with no explicit contradiction signal (the
    model's word alone) must also reach ``unsupported_relation_min_similarity``: two different claims on one topic
    ("the talks were held in Doha" against "three sessions of talks have been held") are where the model errs,
    while a contradiction it finds alone restates the same event, so it is close (``benchmarks/eval_verdicts.py``).
    """
    if judgement.relation == "neutral":
        return judgement
    floor = settings.relation_min_similarity
    if not CONTRADICTION_SIGNALS.intersection(judgement.signals):
        floor = max(floor, settings.unsupported_relation_min_similarity)
    if similarity >= floor:
        return judgement
    return Judgement("neutral", judgement.probabilities, [*judgement.signals, LOW_SIMILARITY_SIGNAL])


def for_stances(judgement: Judgement, premise_stance: str, hypothesis_stance: str) -> Judgement:
    """The judge reads the texts; a claim stored as denied ("X denied that <text>") means the opposite of its
    text, so where exactly one side is a denial the relation is reversed (``embeddings.judge.across_stances``)."""
    return judgement if premise_stance == hypothesis_stance else across_stances(judgement)


@dataclass(frozen=True, slots=True)
class ScoredMatch:
    claim: Claim
    similarity: float
    judgement: Judgement
    cosine: float | None = None  # the embeddings' raw cosine; ``similarity`` is the calibrated retrieval score


class CheckService:
    def __init__(self, session: Session, settings: Settings, encoder: Encoder, judge: Judge) -> None:
        self.session = session
        self.settings = settings
        self.encoder = encoder
        self.judge = judge
        self.screen = RuleJudge()  # cheap signal-only probabilities for matches past the judging limit
        self.retriever = Retriever(session, settings)
        self.claims = ClaimRepository(session)
        self.flags = FlagService(session)

    def matches(
        self,
        text: str,
        top_k: int,
        exclude: Sequence[str] = (),
        judge_limit: int | None = None,
        stance: str = "asserts",
    ) -> list[ScoredMatch]:
        """Nearest prior claims, each judged as premise against ``text``; highest similarity first.

        ``stance`` is the text's own: "denies" when it is a stored denial (``for_stances`` reverses the relation
        to every claim whose stance differs).

        Retrieval and the judge see the normalised texts (``embeddings.text_normalize``: links, handles and tweet
        trailers carry no claim, and cost the cross-encoder time). With ``judge_limit`` only that many matches,
        the most similar, go to the judge; the rest are neutral (``not_judged``) with signal-only probabilities.
        """
        query = self.encoder.encode([normalize_or_keep(text)])[0]
        candidates = self.retriever.candidates(text, query, model_key(self.encoder), top_k, exclude)
        claims = self.claims.get_many([c.claim_id for c in candidates])
        kept = [c for c in candidates if c.claim_id in claims]
        judged_count = len(kept) if not judge_limit else min(judge_limit, len(kept))
        pairs = [judge_pair(claims[c.claim_id].text, text) for c in kept]
        judgements = self.judge.judge(pairs[:judged_count]) + [
            not_judged(j) for j in self.screen.judge(pairs[judged_count:])
        ]
        short = is_short(text, self.settings.min_query_content_words)
        scored = [
            ScoredMatch(
                claims[c.claim_id],
                c.similarity,
                self._gate_short(
                    gate_by_similarity(for_stances(j, claims[c.claim_id].stance, stance), c.similarity, self.settings),
                    short,
                ),
                c.cosine,
            )
            for c, j in zip(kept, judgements, strict=True)
        ]
        scored.sort(key=lambda m: -m.similarity)  # stable: equal similarities keep the retriever's order
        return scored

    @staticmethod
    def _gate_short(judgement: Judgement, short: bool) -> Judgement:
        """A statement of one or two content words ("troops Iraq") asserts too little to agree or disagree with
        anything: its matches are listed, but as neutral, whatever their similarity."""
        if not short or judgement.relation == "neutral":
            return judgement
        return Judgement("neutral", judgement.probabilities, [*judgement.signals, "short_query"])

    def _flaggable(self, match: ScoredMatch) -> bool:
        return match.judgement.relation == "contradicts"

    def check(
        self, text: str, speaker_name: str | None, said_at: SaidAt | None, top_k: int, stance: str = "asserts"
    ) -> CheckResult:
        speaker: Source | None = SpeakerService(self.session).find(speaker_name) if speaker_name else None
        scored = self.matches(text, top_k, judge_limit=self.settings.check_judge_max_matches, stance=stance)
        for match in scored:
            if self._flaggable(match):
                self.flags.raise_for_statement(
                    text,
                    speaker,
                    said_at.at if said_at else None,
                    match.claim,
                    match.judgement,
                    match.similarity,
                    judge_version=f"{self.judge.name}@{self.judge.version}",
                )
        return self._result(scored, speaker.id if speaker else None)

    def check_claim(self, claim: Claim, top_k: int, origin: str) -> CheckResult:
        """Check a stored claim against everything else on record, flagging contradictions (quotes, documents)."""
        scored = self.matches(
            claim.text,
            top_k,
            exclude=[claim.id],
            judge_limit=self.settings.check_judge_max_matches,
            stance=claim.stance,
        )
        for match in scored:
            if self._flaggable(match):
                self.flags.raise_for_claims(
                    contradiction_kind(claim.speaker_id == match.claim.speaker_id),
                    claim,
                    match.claim,
                    match.judgement,
                    match.similarity,
                    origin,
                    judge_version=f"{self.judge.name}@{self.judge.version}",
                )
        return self._result(scored, claim.speaker_id)

    def _result(self, scored: Sequence[ScoredMatch], speaker_id: str | None) -> CheckResult:
        matches = [
            MatchOut(
                claim=claim_out(m.claim),
                similarity=round(m.similarity, 6),
                cosine=None if m.cosine is None else round(min(1.0, max(-1.0, m.cosine)), 6),
                relation=m.judgement.relation,
                probabilities=Probabilities.model_validate(m.judgement.probabilities),
                same_speaker=speaker_id is not None and m.claim.speaker_id == speaker_id,
                signals=list(m.judgement.signals),
            )
            for m in scored
        ]
        return CheckResult(verdict=verdict_of([m.relation for m in matches]), matches=matches)

    def compare(self, pairs: Sequence[tuple[str, str]]) -> list[Judged]:
        return [judged(j) for j in self.judge.judge([judge_pair(p, h) for p, h in pairs])]
