"""Checking a statement against the record: retrieve, judge all matches in one batch, verdict, flags.

The phases never overlap: the statement is encoded with no session open, candidates and their claims are read in
one short read transaction, every match is judged in both directions in one judge call with no session open, and
flags are written in one short write transaction at the end (its reply is built first). A statement both entailed
and contradicted takes one more, small judge call: its entailing and contradicting claims against each other
(``CheckService.settled``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from sqlalchemy.orm import Session

from db.database import Database
from db.models import Claim, Source
from db.repositories.claims import ClaimRepository
from db.vector_index import VectorIndex
from embeddings.encoder import Encoder, model_key
from embeddings.judge import Judge, Judgement, Relation, across_stances, judge_both_ways
from embeddings.reported_speech import reported_content
from embeddings.rule_judge import RuleJudge
from embeddings.signals import CONTRADICTION_SIGNALS
from embeddings.signals.frames import framed_conflict, worded_alike
from embeddings.text_normalize import is_short, is_yes_no_question, normalize, normalize_or_keep, segments
from service.config import Settings
from service.schemas import (
    CheckResult,
    ClaimReviewRating,
    Judged,
    MatchOut,
    Probabilities,
    SaidAt,
    Verdict,
)
from service.serializers import claim_out
from service.services.claimreviews import ratings_for_claims
from service.services.flags import FlagService, contradiction_kind
from service.services.retrieval import Candidate, Retriever
from service.services.speakers import SpeakerService, claims_of_one_speaker, one_speaker

NOT_JUDGED_SIGNAL = "not_judged"
LOW_SIMILARITY_SIGNAL = "low_similarity"
SHORT_QUERY_SIGNAL = "short_query"
QUESTION_SIGNAL = "question"
UNCORROBORATED_SIGNAL = "uncorroborated"
CONFLICT_SIDE = 3  # entailing and contradicting matches each judged against the other side: the judging limit


def neutralised(judgement: Judgement, signal: str) -> Judgement:
    """The pair read as neutral (both ways), whatever the judge said, with the reason as a signal."""
    reverse: Relation | None = "neutral" if judgement.reverse_relation is not None else None
    return replace(judgement, relation="neutral", signals=[*judgement.signals, signal], reverse_relation=reverse)


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
    """What the judge reads: both texts normalised (no links, handles in words), as given when nothing is left.
    (Its signals read them without a reporting frame: ``runtime.load_judge``.)"""
    return normalize_or_keep(premise), normalize_or_keep(hypothesis)


def not_judged(screened: Judgement) -> Judgement:
    """A match past the check's judging limit: neutral, with the signals' probabilities and what fired."""
    return neutralised(screened, NOT_JUDGED_SIGNAL)


def probabilities_out(probabilities: dict[str, float] | None) -> Probabilities | None:
    return None if probabilities is None else Probabilities.model_validate(probabilities)


def judged(judgement: Judgement, similarity: float) -> Judged:
    return Judged(
        relation=judgement.relation,
        probabilities=Probabilities.model_validate(judgement.probabilities),
        reverse_probabilities=probabilities_out(judgement.reverse_probabilities),
        similarity=round(similarity, 6),
        signals=list(judgement.signals),
    )


def nearest_window(windows: Sequence[str], other: np.ndarray, vectors: dict[str, np.ndarray]) -> str | None:
    """The window (of a long text) whose embedding is nearest ``other``; None for a text with no windows."""
    return max(windows, key=lambda window: cosine(vectors[window], other), default=None)


def cosine(a: np.ndarray, b: np.ndarray) -> float:
    """Cosine of two embeddings, clipped to [-1, 1] (rounding can leave a unit vector's self-cosine above 1)."""
    denominator = float(np.linalg.norm(a) * np.linalg.norm(b))
    return 0.0 if denominator == 0.0 else min(1.0, max(-1.0, float(np.dot(a, b)) / denominator))


def gate_by_similarity(
    judgement: Judgement, similarity: float, settings: Settings, pair: tuple[str, str] | None = None
) -> Judgement:
    """A pair about different things is neutral, whatever the judge makes of it: NLI models tend to call
    unrelated sentences contradictory, and a far-off match must never decide a verdict or raise a flag.

    Below ``relation_min_similarity`` every relation goes. A relation with no explicit contradiction signal (the
    model's word alone) must also reach ``unsupported_relation_min_similarity``: two different claims on one topic
    ("the talks were held in Doha" against "three sessions of talks have been held") are where the model errs,
    while a contradiction it finds alone restates the same event, so it is close (``benchmarks/eval_verdicts.py``).
    A contradiction whose opposite or negation is told in one frame (``pair``, the texts judged, read by
    ``signals.frames.framed_conflict``: "Nordvik Shipping made a net loss in the second quarter" against "it made a
    net profit of 85 million euros in the second quarter, up from ...") needs only ``framed_relation_min_similarity``:
    the claim's detail and its pronoun lower the cosine, not the subject (issue 21, gate audit). A contradiction
    between two statements worded alike (``signals.frames.worded_alike``) needs only ``relation_min_similarity``:
    on training pairs (h113: citation_integrity, covidfact and MultiNLI train) the 0.55 floor dropped 176
    contradictions against 129 other pairs; the exception gives back 38 of them against 11 other pairs, and passes
    4 of 799 near-topic mismatches (a hypothesis against another row's most similar premise).
    """
    if judgement.relation == "neutral":
        return judgement
    floor = settings.relation_min_similarity
    if not CONTRADICTION_SIGNALS.intersection(judgement.signals):
        floor = max(floor, settings.unsupported_relation_min_similarity)
    if similarity >= floor:
        return judgement
    # read only where it decides (the texts analysed again): between the two floors
    if similarity >= settings.relation_min_similarity and alike_contradiction(judgement, pair):
        return judgement
    if framed(judgement, similarity, settings, pair):
        return judgement
    return neutralised(judgement, LOW_SIMILARITY_SIGNAL)


def alike_contradiction(judgement: Judgement, pair: tuple[str, str] | None) -> bool:
    """A contradiction between two texts worded alike (``gate_by_similarity``)."""
    return pair is not None and judgement.relation == "contradicts" and worded_alike(*pair)


def framed(judgement: Judgement, similarity: float, settings: Settings, pair: tuple[str, str] | None) -> bool:
    """A contradiction with an explicit signal whose opposite or negation is told in one frame, and at least
    ``framed_relation_min_similarity`` alike (``gate_by_similarity``)."""
    return (
        pair is not None
        and judgement.relation == "contradicts"
        and similarity >= settings.framed_relation_min_similarity
        and bool(CONTRADICTION_SIGNALS.intersection(judgement.signals))
        and framed_conflict(*pair)
    )


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
    reviews: tuple[ClaimReviewRating, ...] = ()  # the claim's imported fact-checks
    matched_text: str | None = None  # the window of a long statement the claim was found by and judged against


@dataclass(frozen=True, slots=True)
class Statement:
    """A text to match against the record: its own stance, claims to leave out, and its vector if known."""

    text: str
    top_k: int
    exclude: tuple[str, ...] = ()
    stance: str = "asserts"
    vector: np.ndarray | None = None


@dataclass(slots=True)
class Retrieval:
    """What ``CheckService.retrieve_many`` read for some statements, one list per statement in their order: the
    candidates (best first) and the long text's windows; and the claims found, with their fact-checks."""

    candidates: list[list[Candidate]]
    windows: list[list[tuple[str, np.ndarray]]]
    claims: dict[str, Claim]
    ratings: dict[str, list[ClaimReviewRating]]


def gate_short(judgement: Judgement, short: bool) -> Judgement:
    """A statement of one or two content words ("troops Iraq") asserts too little to agree or disagree with
    anything: its matches are listed, but as neutral, whatever their similarity."""
    if not short or judgement.relation == "neutral":
        return judgement
    return neutralised(judgement, SHORT_QUERY_SIGNAL)


def gate_question(judgement: Judgement, asks: bool) -> Judgement:
    """A yes/no question ("Is the water in the lake safe to drink?") asserts nothing, so no claim supports or
    contradicts it: its matches are listed, but as neutral (verdict ``unverified``). The judge reads it as the
    assertion it names: NLI corpora label question hypotheses as if asserted, and the model calls the claim's own
    words, asked, an entailment. Two questions are left to the judge: they can restate each other."""
    if not asks or judgement.relation == "neutral":
        return judgement
    return neutralised(judgement, QUESTION_SIGNAL)


def asks_against(statement: str, claim: str) -> bool:
    """The statement is a yes/no question and the claim is not (``gate_question``)."""
    return is_yes_no_question(statement) and not is_yes_no_question(claim)


def matched_window(candidate: Candidate, windows: Sequence[tuple[str, np.ndarray]]) -> str | None:
    """The window of a long statement that found this claim best (``Retriever.candidates``), which the judge then
    reads instead of the whole statement; None when the whole statement did (every statement up to
    ``SEGMENT_ABOVE_CHARS``). An NLI model reading a paragraph against a one-sentence claim finds the paragraph's
    other sentences "neutral" and loses the one that contradicts the claim; the window is the sentence (or the few
    short ones packed together) the claim's similarity was measured on, so the judge, the similarity gate and
    ``short_query`` all read the same text. A window is taken alone, without the sentence before it: a pronoun
    at its start ("It added that ...") stays unresolved, as it was for retrieval."""
    if candidate.window is None:
        return None
    return windows[candidate.window][0]


def in_conflict(relation: str, stance: str, other_stance: str) -> bool:
    """Two stored claims contradict each other: their texts do (same stance), or one denies what the other's text
    entails (``for_stances``)."""
    return relation == ("contradicts" if stance == other_stance else "entails")


def _conflict_sides(scored: list[ScoredMatch]) -> tuple[list[ScoredMatch], list[ScoredMatch]] | None:
    """The most similar ``CONFLICT_SIDE`` entailing and contradicting matches of a statement that has both, else
    None (``CheckService.settled_many``)."""
    entailing = [m for m in scored if m.judgement.relation == "entails"][:CONFLICT_SIDE]
    contradicting = [m for m in scored if m.judgement.relation == "contradicts"][:CONFLICT_SIDE]
    return (entailing, contradicting) if entailing and contradicting else None


def flaggable(match: ScoredMatch) -> bool:
    return match.judgement.relation == "contradicts"


class CheckService:
    def __init__(self, db: Database, settings: Settings, encoder: Encoder, judge: Judge) -> None:
        self.db = db
        self.settings = settings
        self.encoder = encoder
        self.judge = judge
        # cheap signal-only probabilities for matches past the judging limit, read as the judge's signals read them
        self.screen = RuleJudge(signal_text=reported_content)

    @property
    def judge_version(self) -> str:
        return f"{self.judge.name}@{self.judge.version}"

    def matches_many(
        self, statements: Sequence[Statement], judge_limit: int | None = None, relations_only: bool = False
    ) -> list[list[ScoredMatch]]:
        """Each statement's nearest prior claims, judged; highest similarity first. One encoder call (for the
        statements without a vector), one read transaction, one judge call for every judged pair both ways.

        Each match is judged as premise against the statement and the other way round (``judge_both_ways``):
        the pair contradicts when either direction does. A statement's ``stance`` of "denies" (a stored denial)
        reverses the relation to every claim whose stance differs (``for_stances``).

        Retrieval and the judge see the normalised texts (``embeddings.text_normalize``: links, handles and tweet
        trailers carry no claim, and cost the cross-encoder time). With ``judge_limit`` only that many matches
        per statement, the most similar, go to the judge; the rest are neutral (``not_judged``) with signal-only
        probabilities. A claim a long statement's window found best is judged against that window
        (``matched_window``), and ``short_query`` counts that window's content words. ``relations_only``: see
        ``judge_retrieved``.
        """
        if not statements:
            return []
        return self.judge_retrieved(statements, self.retrieve_many(statements), judge_limit, relations_only)

    def retrieve_many(self, statements: Sequence[Statement]) -> Retrieval:
        """The retrieval half of ``matches_many``, no judging: each statement's top ``top_k`` candidates (best
        first), its long text's windows, and the claims found with their fact-checks. One encoder call for the
        statements without a vector, one read transaction."""
        vectors, windows = self._vectors(statements)
        key = model_key(self.encoder)
        with self.db.read() as session:
            retriever = Retriever(session, self.settings, self.db.vector_mirror, self.db.hnsw_upkeep)
            # statements asking alike (an article's claims) searched together (``Retriever.candidates_many``)
            together: dict[tuple[int, tuple[str, ...]], list[int]] = {}
            for i, s in enumerate(statements):
                together.setdefault((s.top_k, tuple(s.exclude)), []).append(i)
            found: dict[int, list[Candidate]] = {}
            for (top_k, exclude), group in together.items():
                asked = [(statements[i].text, vectors[i], windows[i]) for i in group]
                found.update(zip(group, retriever.candidates_many(asked, key, top_k, exclude), strict=True))
            candidates = [found[i] for i in range(len(statements))]
            claims = ClaimRepository(session).get_many(sorted({c.claim_id for cs in candidates for c in cs}))
            ratings = ratings_for_claims(session, list(claims))
        return Retrieval(candidates, windows, claims, ratings)

    def stored_vectors(self, claim_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of these claims from the configured encoder (claims without one are left out): the
        vector a claim's text is encoded to (``encode_claim_texts``), read instead of encoded again."""
        if not claim_ids:
            return {}
        with self.db.read() as session:
            return VectorIndex(session).stored(model_key(self.encoder), claim_ids)

    def judge_retrieved(
        self,
        statements: Sequence[Statement],
        retrieval: Retrieval,
        judge_limit: int | None = None,
        relations_only: bool = False,
    ) -> list[list[ScoredMatch]]:
        """The judging half of ``matches_many``: each statement's retrieved candidates (``retrieval``, one list per
        statement, in order) judged in one call, gated and sorted.

        ``relations_only``: the caller reads the matches' relations and nothing else of a neutral match (an
        article's claims: their flags and their settling), so a match below ``relation_min_similarity``, neutral
        whatever the judge says (``gate_by_similarity``), is not sent to the judge: it takes the screen's
        signal-only judgement, neutralised (``low_similarity``). Most of a long article's matches on a small record
        are such far-off neighbours, and the judge's model was most of the article's time."""
        windows, claims, ratings = retrieval.windows, retrieval.claims, retrieval.ratings
        kept = [[c for c in cs if c.claim_id in claims] for cs in retrieval.candidates]
        judged_counts = [len(k) if not judge_limit else min(judge_limit, len(k)) for k in kept]
        matched = [[matched_window(c, ws) for c in k] for k, ws in zip(kept, windows, strict=True)]
        # what the judge reads of each match: the claim against the statement, or the window it was found by
        read = [
            [judge_pair(claims[c.claim_id].text, m or s.text) for c, m in zip(k, ms, strict=True)]
            for s, k, ms in zip(statements, kept, matched, strict=True)
        ]
        floor = self.settings.relation_min_similarity
        framed_floor = min(floor, self.settings.framed_relation_min_similarity)

        def far_off(candidate: Candidate, pair: tuple[str, str]) -> bool:
            """Below every floor the pair could meet (``gate_by_similarity``): not worth the judge's time."""
            alike = min(candidate.similarity, candidate.cosine)
            if alike >= floor:
                return False
            return alike < framed_floor or not framed_conflict(*pair)

        # each match's way: judged (True), or screened (False: past the judging limit, or far off when relations_only)
        judged_ways = [
            [
                position < n and not (relations_only and far_off(c, pair))
                for position, (c, pair) in enumerate(zip(k, rs, strict=True))
            ]
            for k, rs, n in zip(kept, read, judged_counts, strict=True)
        ]
        pairs = [
            pair for rs, ways in zip(read, judged_ways, strict=True) for pair, way in zip(rs, ways, strict=True) if way
        ]
        screened_pairs = [
            pair
            for rs, ways in zip(read, judged_ways, strict=True)
            for pair, way in zip(rs, ways, strict=True)
            if not way
        ]
        judgements = iter(judge_both_ways(self.judge, pairs))
        screened = iter(self.screen.judge(screened_pairs))
        results: list[list[ScoredMatch]] = []
        minimum = self.settings.min_query_content_words
        for s, k, ms, rs, n, ways in zip(statements, kept, matched, read, judged_counts, judged_ways, strict=True):
            short_whole = is_short(s.text, minimum)
            asks_whole = is_yes_no_question(normalize_or_keep(s.text))
            scored = []
            for position, (c, m, pair, way) in enumerate(zip(k, ms, rs, ways, strict=True)):
                if way:
                    judgement = next(judgements)
                elif position < n:  # far off: neutral by the similarity gate below, whatever the judge said
                    judgement = neutralised(next(screened), LOW_SIMILARITY_SIGNAL)
                else:
                    judgement = not_judged(next(screened))
                claim = claims[c.claim_id]
                judgement = for_stances(judgement, claim.stance, s.stance)
                short = short_whole if m is None else is_short(m, minimum)
                # Gated by the lower of the calibrated similarity and the plain cosine: keyword rank lifts a claim that
                # shares the statement's words about another subject, which ranks it but makes it no more alike.
                alike = min(c.similarity, c.cosine)
                judgement = gate_short(gate_by_similarity(judgement, alike, self.settings, pair), short)
                asks = asks_whole if m is None else is_yes_no_question(normalize_or_keep(m))
                judgement = gate_question(judgement, asks and not is_yes_no_question(claim.text))
                reviews = tuple(ratings.get(claim.id, ()))
                scored.append(ScoredMatch(claim, c.similarity, judgement, c.cosine, reviews, matched_text=m))
            scored.sort(key=lambda m: -m.similarity)  # stable: equal similarities keep the retriever's order
            results.append(scored)
        return results

    def _vectors(self, statements: Sequence[Statement]) -> tuple[list[np.ndarray], list[list[tuple[str, np.ndarray]]]]:
        """Each statement's vector (encoded unless given) and its long text's windows with theirs
        (``text_normalize.segments``; none for most statements). The windows are encoded in a call of their own:
        a batch is padded to its longest text, and a long statement beside its short windows made them cost as
        much as it does (2.4 s instead of 0.3 s for a 2,300-character statement on 2 CPUs)."""
        missing = [i for i, s in enumerate(statements) if s.vector is None]
        by_index: dict[int, np.ndarray] = {}
        if missing:
            encoded = self.encoder.encode([normalize_or_keep(statements[i].text) for i in missing])
            by_index = dict(zip(missing, encoded, strict=True))
        vectors = [s.vector if s.vector is not None else by_index[i] for i, s in enumerate(statements)]
        parts = [segments(normalize(s.text)) for s in statements]
        flat = [w for ws in parts for w in ws]
        window_vectors = iter(self.encoder.encode(flat) if flat else [])
        return vectors, [[(w, next(window_vectors)) for w in ws] for ws in parts]

    def matches(
        self,
        text: str,
        top_k: int,
        exclude: Sequence[str] = (),
        judge_limit: int | None = None,
        stance: str = "asserts",
        vector: np.ndarray | None = None,
    ) -> list[ScoredMatch]:
        """One statement's matches (``matches_many``), its conflicts settled (``settled``)."""
        return self.settled(self.matches_many([Statement(text, top_k, tuple(exclude), stance, vector)], judge_limit)[0])

    def settled(self, scored: list[ScoredMatch]) -> list[ScoredMatch]:
        """One statement's matches settled (``settled_many``)."""
        return self.settled_many([scored])[0]

    def settled_many(self, statements: Sequence[list[ScoredMatch]]) -> list[list[ScoredMatch]]:
        """Each statement's matches, a statement both entailed and contradicted ``mixed`` only if the record
        disagrees with itself; one judge call for all the statements (an article's claims).

        A claim that entails the statement and one that contradicts it cannot both be true, so they contradict each
        other. The most similar ``CONFLICT_SIDE`` of each side are judged against each other as /v1/compare judges
        a pair (``compare``: both ways, the similarity gate). If some pair conflicts (``in_conflict``) the record
        does disagree and every relation stands. If none does, one side is the judge's mistake: the side whose best
        match is less similar is read as neutral (``uncorroborated``), so neither its verdict nor its flag stands.
        A claim on the same subject with another figure, year or company is where the judge errs ("Silver Telecom
        gained 500,000" read as entailing "Gold Mobile gained 500,000", beside Gold Mobile's own 200,000), and the
        claim the statement is about is the more similar one. Equal best similarities leave ``mixed``."""
        sides = [_conflict_sides(scored) for scored in statements]
        pairs = [(e, c) for found in sides if found for e in found[0] for c in found[1]]
        judged_pairs = iter(self.compare([(e.claim.text, c.claim.text) for e, c in pairs]) if pairs else [])
        settled = []
        for scored, found in zip(statements, sides, strict=True):
            if found is None:
                settled.append(scored)
                continue
            entailing, contradicting = found
            conflicts = [
                in_conflict(next(judged_pairs).relation, e.claim.stance, c.claim.stance)
                for e in entailing
                for c in contradicting
            ]
            best_entailing = max(m.similarity for m in entailing)
            best_contradicting = max(m.similarity for m in contradicting)
            if any(conflicts) or best_entailing == best_contradicting:
                settled.append(scored)
                continue
            weaker = "contradicts" if best_entailing > best_contradicting else "entails"
            settled.append(
                [
                    replace(m, judgement=neutralised(m.judgement, UNCORROBORATED_SIGNAL))
                    if m.judgement.relation == weaker
                    else m
                    for m in scored
                ]
            )
        return settled

    def check(
        self, text: str, speaker_name: str | None, said_at: SaidAt | None, top_k: int, stance: str = "asserts"
    ) -> CheckResult:
        """Match and judge a statement; contradictions raise open flags (once per pair) in one short write."""
        speaker: Source | None = None
        if speaker_name:
            with self.db.read() as session:
                speaker = SpeakerService(session).find_unambiguous(speaker_name, ["body", "speaker"])
        scored = self.matches(text, top_k, judge_limit=self.settings.check_judge_max_matches, stance=stance)
        result = self.result(scored, speaker)
        contradictions = [m for m in scored if flaggable(m)]
        if contradictions:
            with self.db.write() as session:
                flags = FlagService(session)
                for match in contradictions:
                    flags.raise_for_statement(
                        text,
                        speaker,
                        said_at,
                        match.claim,
                        match.judgement,
                        match.similarity,
                        judge_version=self.judge_version,
                        speaker_name=speaker_name,
                    )
        return result

    def raise_claim_flags(self, session: Session, claim: Claim, scored: Sequence[ScoredMatch], origin: str) -> None:
        """Within the caller's write transaction: flag a just-stored claim against the claims it contradicts."""
        flags = FlagService(session)
        for match in scored:
            if flaggable(match):
                flags.raise_for_claims(
                    contradiction_kind(claims_of_one_speaker(claim, match.claim)),
                    claim,
                    match.claim,
                    match.judgement,
                    match.similarity,
                    origin,
                    judge_version=self.judge_version,
                )

    def result(self, scored: Sequence[ScoredMatch], speaker: Source | None) -> CheckResult:
        """The check's reply: its matches, each ``same_speaker`` where ``speaker`` (the statement's, if known) said
        the matched claim too (``one_speaker``), and the verdict."""
        speaker_id, speaker_name_key = (speaker.id, speaker.name_key) if speaker is not None else (None, None)
        matches = [
            MatchOut(
                claim=claim_out(m.claim),
                similarity=round(m.similarity, 6),
                cosine=None if m.cosine is None else round(min(1.0, max(-1.0, m.cosine)), 6),
                relation=m.judgement.relation,
                probabilities=Probabilities.model_validate(m.judgement.probabilities),
                reverse_probabilities=probabilities_out(m.judgement.reverse_probabilities),
                same_speaker=one_speaker(speaker_id, m.claim.speaker_id, speaker_name_key),
                signals=list(m.judgement.signals),
                reviews=list(m.reviews),
                matched_text=m.matched_text,
            )
            for m in scored
        ]
        return CheckResult(verdict=verdict_of([m.relation for m in matches]), matches=matches)

    def compare(self, pairs: Sequence[tuple[str, str]]) -> list[Judged]:
        """Each (premise, hypothesis) pair judged both ways in one batch and gated by the cosine of the two texts'
        embeddings, as /v1/check judges and gates its matches: a pair about different things ("The bridge was
        closed on Tuesday." / "Bananas are yellow.") is neutral (``low_similarity``), not the contradiction an NLI
        model reads into two unrelated sentences. A text over ``SEGMENT_ABOVE_CHARS`` is read by its window
        (``text_normalize.segments``) nearest the other text, as /v1/check judges a long statement's match by the
        window that found it: the model reading a paragraph against one sentence finds it neutral and loses the
        sentence that contradicts it."""
        normalised = [judge_pair(p, h) for p, h in pairs]
        windows = {t: segments(t) for pair in normalised for t in pair}
        texts = sorted({*windows, *(w for ws in windows.values() for w in ws)})
        vectors = dict(zip(texts, self.encoder.encode(texts), strict=True))
        read = []
        for premise, hypothesis in normalised:
            hypothesis_read = nearest_window(windows[hypothesis], vectors[premise], vectors) or hypothesis
            premise_read = nearest_window(windows[premise], vectors[hypothesis_read], vectors) or premise
            read.append((premise_read, hypothesis_read))
        results = []
        for (premise, hypothesis), judgement in zip(read, judge_both_ways(self.judge, read), strict=True):
            similarity = cosine(vectors[premise], vectors[hypothesis])
            asks = asks_against(hypothesis, premise) or asks_against(premise, hypothesis)
            gated = gate_question(gate_by_similarity(judgement, similarity, self.settings, (premise, hypothesis)), asks)
            results.append(judged(gated, similarity))
        return results
