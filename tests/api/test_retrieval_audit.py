"""Retrieval as a fact-checker meets it: faults a hand-written audit found through /v1/check, on both backends.

- A pasted article or transcript repeats a claim in one of its sentences: the whole text's vector blurs it and the
  keyword query keeps only the first 32 content words, so neither index found it. Long statements are now also
  searched window by window (``embeddings.text_normalize.segments``, ``Retriever.candidates``).
- The judge read a long statement whole against each claim, so a contradiction in one of its sentences was lost
  among the others: each claim is now judged against the window that found it (``matched_text`` in the reply).
- The same statement asked with a larger ``top_k`` gave some claims another similarity, and so another order:
  fusion read as deep into each index's list as ``top_k``. Only the first ``retrieval_candidates`` count now.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from db.engine import make_session_factory
from embeddings.encoder import HashingEncoder, model_key
from embeddings.judge import Judge, Judgement
from embeddings.rule_judge import RuleJudge
from embeddings.text_normalize import SEGMENT_ABOVE_CHARS, normalize, segments
from service.app import create_app
from service.config import Settings
from service.runtime import Runtime
from service.services.checking import CheckService
from service.services.keys import KeyService
from service.services.retrieval import Candidate, Retriever

PLACES = ["Leeds", "Bristol", "Cardiff", "Glasgow", "Belfast", "Norwich", "Exeter", "Dundee", "Bangor", "Truro"]
TOPICS = [
    ("the library", "reopened after repairs to its leaking roof"),
    ("the marathon", "attracted runners from forty clubs"),
    ("the orchestra", "performed a programme of baroque concertos"),
    ("the harbour", "welcomed a fleet of restored sailing barges"),
]
# Forty sentences about other things, with far more than 32 content words; the record holds claims on the same
# places and subjects (not these sentences), which the whole text resembles more than it resembles its one claim.
FILLER = [f"In {place} {subject} {predicate}." for place in PLACES for subject, predicate in TOPICS]
NEIGHBOURS = [f"In {place} {subject} closed for the winter." for place in PLACES for subject, _ in TOPICS]
TARGET = "Unemployment in Ohio fell to 3.8 percent in April."
OTHER_TARGET = "Texas will spend $100 million on broadband for rural areas."


def _seed(client: TestClient, headers: dict[str, str]) -> dict[str, str]:
    texts = [*NEIGHBOURS, TARGET, OTHER_TARGET]
    claims = [
        {"text": t, "speaker": "Desk", "external_id": f"a{i}", "said_at": "2023-05-20"} for i, t in enumerate(texts)
    ]
    response = client.post("/v1/claims/bulk", json={"claims": claims}, headers=headers)
    assert response.status_code == 200, response.text
    return dict(zip(texts, response.json()["ids"], strict=True))


def _check(client: TestClient, headers: dict[str, str], text: str, top_k: int = 5) -> list[dict[str, Any]]:
    response = client.post("/v1/check", json={"text": text, "top_k": top_k}, headers=headers)
    assert response.status_code == 200, response.text
    matches: list[dict[str, Any]] = response.json()["matches"]
    return matches


def test_a_claim_repeated_deep_in_a_long_statement_comes_back_first(
    client: TestClient, make_key: Any, runtime: Runtime
) -> None:
    headers = make_key("read,write")
    ids = _seed(client, headers)
    for position in ("end", "middle"):
        half = len(FILLER) // 2
        if position == "end":
            statement = " ".join(FILLER) + " " + TARGET
        else:
            statement = " ".join(FILLER[:half]) + " " + TARGET + " " + " ".join(FILLER[half:])
        assert len(statement) > 4 * SEGMENT_ABOVE_CHARS
        matches = _check(client, headers, statement)
        assert matches[0]["claim"]["id"] == ids[TARGET], position
        # similar enough for the judge's relation to count (the stricter gate), as the sentence alone would be
        assert matches[0]["similarity"] >= runtime.settings.unsupported_relation_min_similarity, position
        assert matches[0]["claim"]["speaker"]["name"] == "Desk" and matches[0]["claim"]["said_at"] == "2023-05-20"


def test_two_claims_in_one_long_statement_both_come_back(client: TestClient, make_key: Any) -> None:
    headers = make_key("read,write")
    ids = _seed(client, headers)
    statement = " ".join([*FILLER[:6], TARGET, *FILLER[6:10], OTHER_TARGET, *FILLER[10:12]])
    found = [m["claim"]["id"] for m in _check(client, headers, statement, top_k=3)]
    assert sorted(found[:2]) == sorted([ids[TARGET], ids[OTHER_TARGET]])


def test_a_statement_up_to_the_window_is_read_whole(client: TestClient, make_key: Any) -> None:
    """Short statements are untouched: the claim a tweet-length statement repeats is matched as before."""
    headers = make_key("read,write")
    ids = _seed(client, headers)
    statement = f"{TARGET} {FILLER[0]} {FILLER[1]}"
    assert len(statement) <= SEGMENT_ABOVE_CHARS
    assert _check(client, headers, statement)[0]["claim"]["id"] == ids[TARGET]


def _app(database_url: str, judge: Judge, **overrides: Any) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """An app on the hashing encoder and ``judge`` with these settings, and a read-write key's headers."""
    settings = Settings(
        database_url=database_url, encoder="hashing", judge="rules", load_models_on_startup=False, **overrides
    )
    runtime = Runtime.create(settings)
    runtime.use_models(HashingEncoder(), judge)
    with make_session_factory(runtime.engine)() as session:
        _, token = KeyService(session).create("test", ["read", "write"])
        session.commit()
    with TestClient(create_app(settings, runtime), raise_server_exceptions=False) as client:
        yield client, {"Authorization": f"Bearer {token}"}
    runtime.close()


@pytest.fixture
def shallow(database_url: str) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """An app whose fusion reads the first 3 of each index's list, so a top_k of 10 reads deeper than that."""
    yield from _app(database_url, RuleJudge(), retrieval_candidates=3)


def test_a_claims_similarity_and_the_first_matches_do_not_depend_on_top_k(
    shallow: tuple[TestClient, dict[str, str]],
) -> None:
    """Asking for more matches lists more, but each claim keeps its similarity and the first ones their order: a
    claim below the fusion's depth in one index's list used to gain fusion and keyword score from it only when
    top_k reached that far."""
    client, headers = shallow
    texts = [*NEIGHBOURS, TARGET, OTHER_TARGET, "Ohio unemployment rose in December.", "Texas unemployment fell."]
    claims = [{"text": t, "speaker": "Desk"} for t in texts]
    assert client.post("/v1/claims/bulk", json={"claims": claims}, headers=headers).status_code == 200
    for statement in [TARGET, OTHER_TARGET, "Unemployment in Texas fell in April.", FILLER[3], FILLER[17]]:
        few = _check(client, headers, statement, top_k=3)
        many = _check(client, headers, statement, top_k=12)
        assert [m["claim"]["id"] for m in many[:3]] == [m["claim"]["id"] for m in few], statement
        assert [m["similarity"] for m in many[:3]] == [m["similarity"] for m in few], statement


class RecordingJudge:
    """The rule judge, remembering every (premise, hypothesis) pair it was given."""

    name = "recording"
    version = "1"

    def __init__(self, inner: Judge) -> None:
        self.inner = inner
        self.pairs: list[tuple[str, str]] = []

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        self.pairs.extend(pairs)
        return self.inner.judge(pairs)


class AlwaysEntails:
    """A judge that agrees with everything: only the gates can make a match neutral."""

    name = "always-entails"
    version = "1"

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        return [Judgement("entails", {"entailment": 0.9, "neutral": 0.05, "contradiction": 0.05}) for _ in pairs]


def _long_statement_with(sentence: str) -> str:
    statement = " ".join([*FILLER[:5], sentence, *FILLER[5:10]])
    assert len(statement) > SEGMENT_ABOVE_CHARS
    return statement


def test_the_retriever_names_the_window_that_found_a_claim(client: TestClient, make_key: Any, runtime: Runtime) -> None:
    """``Candidate.window`` is the index of the best-scoring window, None where the whole statement scored best;
    a window no better than the whole statement (here: the same text) leaves the whole statement's view."""
    ids = _seed(client, make_key("read,write"))
    statement = _long_statement_with(TARGET)
    windows = segments(normalize(statement))
    encoder = HashingEncoder()
    vectors = encoder.encode([statement, *windows])
    with runtime.db.read() as session:
        retriever = Retriever(session, runtime.settings)
        found = retriever.candidates(
            statement, vectors[0], model_key(encoder), 5, (), list(zip(windows, vectors[1:], strict=True))
        )
        by_id = {c.claim_id: c for c in found}
        assert by_id[ids[TARGET]].window == windows.index(TARGET)
        assert all(c.window is None or 0 <= c.window < len(windows) for c in found)
        same = retriever.candidates(statement, vectors[0], model_key(encoder), 5, (), [(statement, vectors[0])])
        assert [c.window for c in same] == [None] * len(same)
        assert retriever.candidates(statement, vectors[0], model_key(encoder), 5) == same


def test_a_claim_a_window_found_is_judged_against_that_window_both_ways(
    client: TestClient, make_key: Any, runtime: Runtime
) -> None:
    """The judge reads (claim, window) and (window, claim) for a claim a window found, never the whole paragraph
    against it; a short statement's pairs are read as before."""
    ids = _seed(client, make_key("read,write"))
    statement = _long_statement_with(TARGET)
    judge = RecordingJudge(RuleJudge())
    checker = CheckService(runtime.db, runtime.settings, HashingEncoder(), judge)
    matches = checker.matches(statement, 5)
    target = next(m for m in matches if m.claim.id == ids[TARGET])
    assert target.matched_text == TARGET
    assert (TARGET, TARGET) in judge.pairs
    assert all(statement not in pair for pair in judge.pairs if TARGET in pair)
    for match in matches:  # every match read against its own window, in both directions
        read = match.matched_text or normalize(statement)
        assert (match.claim.text, read) in judge.pairs and (read, match.claim.text) in judge.pairs
    judge.pairs.clear()
    short = checker.matches(TARGET, 5)
    assert all(m.matched_text is None for m in short)
    assert all(hypothesis == TARGET for _, hypothesis in judge.pairs[: len(short)])


def test_a_claim_a_window_found_is_matched_and_judged_as_that_window_alone(client: TestClient, make_key: Any) -> None:
    """Similarity, the similarity gate's signals and the relation of a window's match are what checking the window's
    sentence alone gives: the long statement's other sentences no longer dilute the judge's reading."""
    headers = make_key("read,write")
    ids = _seed(client, headers)
    for sentence in (TARGET, "Unemployment in Ohio rose to 5.1 percent in April.", OTHER_TARGET):
        long = next(m for m in _check(client, headers, _long_statement_with(sentence)) if m["matched_text"])
        alone = next(
            m for m in _check(client, headers, long["matched_text"]) if m["claim"]["id"] == long["claim"]["id"]
        )
        assert long["claim"]["id"] in ids.values()
        assert alone["matched_text"] is None
        for field in ("similarity", "relation", "probabilities", "reverse_probabilities", "signals"):
            assert long[field] == alone[field], (sentence, field)


@pytest.fixture
def credulous(database_url: str) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """An app whose judge agrees with every pair it reads, all of a check's matches judged, no similarity gate."""
    yield from _app(
        database_url,
        AlwaysEntails(),
        check_judge_max_matches=0,
        relation_min_similarity=0.0,
        unsupported_relation_min_similarity=0.0,
    )


def test_short_query_counts_the_content_words_of_the_window_that_matched(
    credulous: tuple[TestClient, dict[str, str]],
) -> None:
    """A window of two content words ("Vaccines work", padded with function words) asserts as little inside a
    paragraph as alone: its match is neutral (short_query), though the paragraph as a whole says plenty."""
    client, headers = credulous
    claims = [{"text": t, "speaker": "Desk"} for t in ["Vaccines work.", *NEIGHBOURS[:8]]]
    assert client.post("/v1/claims/bulk", json={"claims": claims}, headers=headers).status_code == 200
    window = "Vaccines work and that is all there is to it, as it was."
    matches = _check(client, headers, _long_statement_with(window), top_k=9)
    vaccines = next(m for m in matches if m["claim"]["text"] == "Vaccines work.")
    assert vaccines["matched_text"] == window
    assert vaccines["relation"] == "neutral" and "short_query" in vaccines["signals"]
    assert any(m["relation"] == "entails" for m in matches), "the paragraph's other windows still count"


@pytest.mark.parametrize("hnsw", [False, True], ids=["exact", "hnsw"])
def test_a_long_statements_views_searched_together_find_what_each_finds_alone(
    client: TestClient, make_key: Any, runtime: Runtime, hnsw: bool, request: pytest.FixtureRequest
) -> None:
    """``Retriever.pools`` (one query per index for a statement and all its windows) gives each view the pool
    ``pool`` gives it alone, to the last bit: keyword-only candidates (a shallow pool leaves many) and their
    cosines, an excluded claim, a zero vector; on PostgreSQL by the exact scan and by HNSW alike."""
    ids = _seed(client, make_key("read,write"))
    statement = " ".join([*FILLER[:6], TARGET, *FILLER[6:12], OTHER_TARGET])
    windows = segments(normalize(statement))
    encoder = HashingEncoder()
    vectors = encoder.encode([statement, *windows])
    views = [(statement, vectors[0]), *zip(windows, vectors[1:], strict=True), ("", np.zeros_like(vectors[0]))]
    settings = runtime.settings.model_copy(update={"retrieval_candidates": 3})
    key = model_key(encoder)
    if hnsw and runtime.engine.dialect.name == "sqlite":
        pytest.skip("SQLite always searches exactly")
    if hnsw:
        request.getfixturevalue("hnsw_index")  # built (a record this small gets none of its own)
    with runtime.db.read() as session:
        retriever = Retriever(session, settings, runtime.db.vector_mirror)
        if hnsw:
            retriever.vectors.exact_up_to = 0
        for exclude in ((), (ids[TARGET],)):
            together = [sorted(p, key=_by_id) for p in retriever.pools(views, key, 5, exclude)]  # a pool is a set
            alone = [sorted(retriever.pool(text, vector, key, 5, exclude), key=_by_id) for text, vector in views]
            assert together == alone
            assert any(c.dense_rank is None for pool in together for c in pool), "no keyword-only candidate"
            if exclude:
                assert all(c.claim_id != ids[TARGET] for pool in together for c in pool)


def _by_id(candidate: Candidate) -> str:
    return candidate.claim_id
