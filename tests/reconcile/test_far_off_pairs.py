"""The nightly job sends no far-off pair to the judge: a match below ``relation_min_similarity`` (by the lower of its
similarity and cosine) is neutral by the similarity gate whatever the judge says, so it takes the screen's
judgement (``CheckService.judge_retrieved(relations_only=True)``), and the flags are those of judging every match.
Where a far-off match could be a near-duplicate by its cosine alone (a ``duplicate_min_similarity`` below
``relation_min_similarity``), the flag keeps that match's judgement, so the chunk is judged whole."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import delete, select

from db.models import Claim, Flag, ReconciliationRun
from embeddings.encoder import HashingEncoder
from embeddings.judge import Judgement
from embeddings.rule_judge import RuleJudge
from reconcile import chunks
from reconcile.job import Reconciler, RunRequest
from service.runtime import Runtime
from service.services.checking import CheckService, Statement, judge_pair
from tests.reconcile.corpus import CorpusClaim, load_corpus

Corpus = tuple[list[CorpusClaim], set[tuple[str, str, str]]]
Pair = tuple[str, str]


class _CountingJudge:
    """The rule judge, recording every pair it is asked about."""

    def __init__(self) -> None:
        self.inner = RuleJudge()
        self.name, self.version = self.inner.name, self.inner.version
        self.asked: list[Pair] = []

    def judge(self, pairs: Sequence[Pair]) -> list[Judgement]:
        self.asked.extend(pairs)
        return self.inner.judge(pairs)


def _run(runtime: Runtime, request: RunRequest) -> tuple[set[tuple[Any, ...]], list[Pair], int]:
    """One run on a fresh judge: its flags whole (probabilities and signals too), the pairs judged, ``pairs_judged``.
    The flags and runs are then deleted, so the next run starts from the same record."""
    judge = _CountingJudge()
    runtime.use_models(HashingEncoder(), judge)
    outcomes = Reconciler(runtime).run(request)
    assert [o.status for o in outcomes] == ["succeeded"], [(o.status, o.error) for o in outcomes]
    with runtime.session_factory() as session:
        flags = {
            (
                f.kind,
                f.relation,
                f.claim.external_id if f.claim else None,
                f.other_claim.external_id,
                repr(sorted(f.probabilities.items())),
                repr(sorted((f.reverse_probabilities or {}).items())),
                repr(f.signals),
                f.similarity,
            )
            for f in session.scalars(select(Flag)).unique()
        }
        session.execute(delete(Flag))
        session.execute(delete(ReconciliationRun))
        session.commit()
    return flags, judge.asked, int(outcomes[-1].stats["counts"]["pairs_judged"])


def _far_off(runtime: Runtime) -> set[Pair]:
    """Every pair (as the judge reads it, both ways) that a claim's search finds below ``relation_min_similarity``
    (after a run: the run stores the vectors)."""
    checker = CheckService(runtime.db, runtime.settings, runtime.encoder, RuleJudge())
    with runtime.session_factory() as session:
        claims = [(c.id, c.text) for c in session.scalars(select(Claim))]
    top_k = runtime.settings.reconcile_top_k
    retrieval = checker.retrieve_many([Statement(text, top_k, (claim_id,)) for claim_id, text in claims])
    floor = runtime.settings.relation_min_similarity
    far: set[Pair] = set()
    for (_, text), candidates in zip(claims, retrieval.candidates, strict=True):
        for c in candidates:
            if min(c.similarity, c.cosine) < floor:
                pair = judge_pair(retrieval.claims[c.claim_id].text, text)
                far.update({pair, (pair[1], pair[0])})
    return far


@pytest.mark.parametrize("incremental", [False, True])
def test_far_off_pairs_skip_the_judge_and_the_flags_stay(
    runtime: Runtime, corpus: Corpus, monkeypatch: pytest.MonkeyPatch, incremental: bool
) -> None:
    claims, _ = corpus
    load_corpus(runtime.session_factory, claims)
    # An incremental run over the whole record goes through the reverse step's judge call (``_with_reverse_pairs``).
    request = RunRequest(since=datetime(2000, 1, 1, tzinfo=UTC)) if incremental else RunRequest(full=True)
    flags, asked, pairs_judged = _run(runtime, request)
    with monkeypatch.context() as judged_whole:
        judged_whole.setattr(chunks, "_relations_only", lambda *args: False)  # every match judged, as before
        flags_before, asked_before, pairs_judged_before = _run(runtime, request)

    assert flags and flags == flags_before
    skipped = set(asked_before) - set(asked)
    assert skipped and len(asked) < len(asked_before)
    assert skipped <= _far_off(runtime)
    assert set(asked) <= set(asked_before)
    # ``pairs_judged`` counts the judgements made: the far-off pairs are no longer among them.
    assert (pairs_judged, pairs_judged_before) == (len(asked), len(asked_before))


def test_a_far_off_pair_that_could_be_a_near_duplicate_is_judged(runtime: Runtime, corpus: Corpus) -> None:
    """A ``duplicate_min_similarity`` below ``relation_min_similarity`` makes far-off pairs near-duplicates by their
    cosine alone, and a flag keeps its pair's judgement: the chunks are judged whole, far-off pairs included."""
    claims, _ = corpus
    load_corpus(runtime.session_factory, claims)
    runtime.settings = runtime.settings.model_copy(update={"duplicate_min_similarity": 0.1})
    _, asked, _ = _run(runtime, RunRequest(full=True))
    assert _far_off(runtime) & set(asked)
