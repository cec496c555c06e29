"""An article's claims are matched in one batch (``Retriever.candidates_many``) and only the matches that can keep
a relation go to the judge (``CheckService.judge_retrieved(relations_only=True)``): each claim's matches, their
relations and similarities are those it gets searched and judged alone."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from db.models import Claim
from embeddings.encoder import model_key
from embeddings.judge import Judgement
from embeddings.signals import CONTRADICTION_SIGNALS
from embeddings.text_normalize import normalize, normalize_or_keep, segments
from service.runtime import Runtime
from service.services.checking import CheckService, Statement
from service.services.retrieval import Candidate, Retriever

RECORD = [
    "The harbour bridge will close for repairs on Monday, the council said.",
    "The harbour bridge reopened to traffic after three weeks of repairs.",
    "Ferry fares in the harbour will rise by ten percent next year.",
    "The council approved a new budget for schools and roads.",
    "Rainfall in the region was the highest since records began.",
    "The museum welcomed two million visitors last year.",
    "A new stadium will be built on the harbour front by 2030.",
    "Bus drivers voted to strike over pay next month.",
]
STATEMENTS = [
    "The harbour bridge will close for repairs on Monday",
    "Ferry fares will rise next year",
    "Parliament debated the fishing quota late into the night",
    "The stadium on the harbour front will open in 2030. Bus drivers will strike next month. "
    "The museum had two million visitors. Rainfall was the highest since records began in the region. "
    "The council's budget for roads and schools was approved after a long debate on Tuesday evening. "
    "Ferry fares in the harbour will rise by ten percent, and the harbour bridge will close for repairs. "
    "Rainfall in the region was the highest since records began, forecasters said on Wednesday.",
]


class _RecordingJudge:
    """Calls every pair a contradiction with an explicit signal (so only ``relation_min_similarity`` gates it),
    and records the pairs it was asked about."""

    name, version = "recording", "1"

    def __init__(self) -> None:
        self.asked: list[tuple[str, str]] = []

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        self.asked.extend(pairs)
        signal = sorted(CONTRADICTION_SIGNALS)[0]
        return [Judgement("contradicts", {"entailment": 0.1, "neutral": 0.1, "contradiction": 0.8}, [signal])] * len(
            pairs
        )


def _seed(client: TestClient, writer: dict[str, str]) -> None:
    claims = [{"text": text, "speaker": f"Desk {n}"} for n, text in enumerate(RECORD)]
    assert client.post("/v1/claims/bulk", json={"claims": claims}, headers=writer).status_code == 200


def test_far_off_matches_skip_the_judge_and_keep_their_relations(
    runtime: Runtime, client: TestClient, writer: dict[str, str]
) -> None:
    _seed(client, writer)
    settings = runtime.settings.model_copy(update={"relation_min_similarity": 0.3})
    statements = [Statement(text, 5) for text in STATEMENTS]
    every = _RecordingJudge()
    alone = CheckService(runtime.db, settings, runtime.encoder, every).matches_many(statements, judge_limit=5)
    some = _RecordingJudge()
    found = CheckService(runtime.db, settings, runtime.encoder, some).matches_many(
        statements, judge_limit=5, relations_only=True
    )
    assert [[(m.claim.id, m.judgement.relation, m.similarity) for m in ms] for ms in found] == [
        [(m.claim.id, m.judgement.relation, m.similarity) for m in ms] for ms in alone
    ]
    close = [m for ms in alone for m in ms if min(m.similarity, m.cosine or 0.0) >= settings.relation_min_similarity]
    far = [m for ms in alone for m in ms if m not in close]
    assert close and far, "the record must give both kinds of match"
    assert {m.judgement.relation for m in close} == {"contradicts"}
    # both ways: two model readings a judged match, none for a far-off one
    assert len(some.asked) == 2 * len(close) < len(every.asked)
    judged_claims = {premise for premise, _ in some.asked[: len(some.asked) // 2]}
    assert judged_claims == {normalize_or_keep(m.claim.text) for m in close}


def test_an_articles_claims_searched_together_find_what_each_finds_alone(
    runtime: Runtime, client: TestClient, writer: dict[str, str]
) -> None:
    _seed(client, writer)
    encoder = runtime.encoder
    key = model_key(encoder)
    vectors = encoder.encode(STATEMENTS)
    windows = [
        [(w, v) for w, v in zip(ws, encoder.encode(ws) if ws else [], strict=True)]
        for ws in (segments(normalize(t)) for t in STATEMENTS)
    ]
    assert any(windows), "one statement must be long enough to be searched by its windows"
    # the long statement first: its windows' pools come before the other statements' in the one batch
    asked = [(t, v, w) for t, v, w in zip(STATEMENTS, vectors, windows, strict=True)][::-1]
    with runtime.db.read() as session:
        retriever = Retriever(session, runtime.settings)
        for k, exclude in ((3, ()), (6, (_first_claim_id(runtime),))):
            together = retriever.candidates_many(asked, key, k, exclude)
            alone = [retriever.pools([(t, v), *w], key, k, exclude) for t, v, w in asked]
            assert [len(a) for a in alone] == [1 + len(w) for _, _, w in asked]
            _assert_same(together, [retriever.candidates(t, v, key, k, exclude, w) for t, v, w in asked])
            assert any(c.window is not None for cs in together for c in cs)


def test_statements_asking_differently_are_searched_each_as_asked(
    runtime: Runtime, client: TestClient, writer: dict[str, str]
) -> None:
    _seed(client, writer)
    checker = CheckService(runtime.db, runtime.settings, runtime.encoder, _RecordingJudge())
    excluded = _first_claim_id(runtime)
    statements = [
        Statement(STATEMENTS[0], 2),
        Statement(STATEMENTS[0], 6, exclude=(excluded,)),
        Statement(STATEMENTS[3], 4),
        Statement(STATEMENTS[1], 2),
    ]
    together = checker.retrieve_many(statements)
    for n, statement in enumerate(statements):
        alone = checker.retrieve_many([statement])
        _assert_same([together.candidates[n]], [alone.candidates[0]])
        assert [w for w, _ in together.windows[n]] == [w for w, _ in alone.windows[0]]
    assert len(together.candidates[0]) == 2 and len(together.candidates[1]) == 6
    assert excluded not in {c.claim_id for c in together.candidates[1]}
    assert excluded in {c.claim_id for c in together.candidates[0]}


def _assert_same(found: Sequence[Sequence[Candidate]], expected: Sequence[Sequence[Candidate]]) -> None:
    """The same candidates in the same order, found by the same views at the same ranks, with the same features:
    to the bit on SQLite; on PostgreSQL a keyword score summed in one statement for many queries may differ in its
    last bit (the order the rows are summed in), so the features are compared to 1e-12."""
    assert [[(c.claim_id, c.window, c.dense_rank, c.lexical_rank) for c in cs] for cs in found] == [
        [(c.claim_id, c.window, c.dense_rank, c.lexical_rank) for c in cs] for cs in expected
    ]
    for cs, es in zip(found, expected, strict=True):
        for c, e in zip(cs, es, strict=True):
            features = (c.similarity, c.score, c.cosine, c.fused, c.lexical)
            assert features == pytest.approx(
                (e.similarity, e.score, e.cosine, e.fused, e.lexical), rel=1e-12, abs=1e-12
            )


def _first_claim_id(runtime: Runtime) -> str:
    with runtime.db.read() as session:
        found = session.scalar(select(Claim.id).where(Claim.text == RECORD[0]))
        assert found is not None
        return str(found)
