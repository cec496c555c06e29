"""Hybrid retrieval through /v1/check: keyword-only matches, fusion order, short queries, tweet noise.

The hashing encoder knows no meaning, only shared words and trigrams, which is enough to set the dense and the
keyword rankings against each other.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from fastapi.testclient import TestClient

from db.engine import make_session_factory
from embeddings.encoder import HashingEncoder, model_key
from embeddings.judge import Judgement
from embeddings.rule_judge import RuleJudge
from embeddings.text_normalize import normalize
from service.app import create_app
from service.config import Settings
from service.runtime import Runtime
from service.services.keys import KeyService
from service.services.retrieval import Candidate, Retriever, second_stage

FILLERS = [f"The city council approved the new budget for roads and schools on day {n}." for n in range(1, 13)]
FERRY = "A ferry sank near Zanzibar harbour."


def _headers(runtime: Runtime) -> dict[str, str]:
    with make_session_factory(runtime.engine)() as session:
        _, token = KeyService(session).create("test", ["read", "write"])
        session.commit()
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def small_pool(database_url: str) -> Iterator[tuple[TestClient, Runtime, dict[str, str]]]:
    """An app whose indexes each return only two candidates, so a claim can be found by one index alone."""
    settings = Settings(
        database_url=database_url,
        encoder="hashing",
        judge="rules",
        load_models_on_startup=False,
        retrieval_candidates=2,
    )
    runtime = Runtime.create(settings)
    runtime.use_models(HashingEncoder(), RuleJudge())
    with TestClient(create_app(settings, runtime), raise_server_exceptions=False) as client:
        yield client, runtime, _headers(runtime)
    runtime.close()


def _seed(client: TestClient, headers: dict[str, str], texts: list[str]) -> list[str]:
    claims = [{"text": t, "speaker": "City Desk", "external_id": f"c{i}"} for i, t in enumerate(texts)]
    response = client.post("/v1/claims/bulk", json={"claims": claims}, headers=headers)
    assert response.status_code == 200, response.text
    ids: list[str] = response.json()["ids"]
    return ids


def _check(client: TestClient, headers: dict[str, str], text: str, top_k: int = 10) -> dict[str, Any]:
    response = client.post("/v1/check", json={"text": text, "top_k": top_k}, headers=headers)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


def test_a_claim_only_the_keyword_index_finds_is_returned(
    small_pool: tuple[TestClient, Runtime, dict[str, str]],
) -> None:
    client, runtime, headers = small_pool
    # Run-together words: close to the query in the hashing encoder's trigrams, no word in common with it.
    lookalikes = [f"Citycouncil budgetroads schoolsplan item{n}" for n in range(12)]
    ids = _seed(client, headers, [*lookalikes, FERRY])
    query = "Zanzibar ferry: city council budget for roads"
    with make_session_factory(runtime.engine)() as session:
        retriever = Retriever(session, runtime.settings)
        vector = HashingEncoder().encode([normalize(query)])[0]
        pool = {c.claim_id: c for c in retriever.pool(query, vector, model_key(HashingEncoder()), 10)}
    assert ids[-1] in pool, "the keyword index must bring in the ferry claim"
    assert pool[ids[-1]].dense_rank is None, "the ferry claim must not be among the ten nearest vectors"
    assert pool[ids[-1]].lexical_rank == 0
    result = _check(client, headers, query)
    assert FERRY in [m["claim"]["text"] for m in result["matches"]]


def test_fusion_puts_a_claim_both_indexes_rank_first_on_top_and_similarity_orders_the_reply(
    client: TestClient, writer: dict[str, str]
) -> None:
    texts = [
        *FILLERS,
        FERRY,
        "Ferry services to Zanzibar resumed on Monday after the storm.",
        "A boat capsized off the coast of Tanzania.",
    ]
    _seed(client, writer, texts)
    result = _check(client, writer, "Zanzibar ferry sank near the harbour")
    matches = result["matches"]
    assert matches[0]["claim"]["text"] == FERRY
    similarities = [m["similarity"] for m in matches]
    assert similarities == sorted(similarities, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in similarities)
    assert all(m["cosine"] is not None and -1.0 <= m["cosine"] <= 1.0 for m in matches)


def test_second_stage_orders_by_the_weighted_score_and_calibrates_similarity() -> None:
    settings = Settings(
        rerank_fusion_weight=1.0,
        rerank_cosine_weight=0.5,
        rerank_lexical_weight=0.0,
        similarity_slope=0.8,
        similarity_intercept=0.1,
    )
    pool = [
        Candidate("dense-only", 0.0, 0.0, cosine=0.9, fused=0.45, dense_rank=0),
        Candidate("both", 0.0, 0.0, cosine=0.8, fused=0.9, dense_rank=1, lexical_rank=0),
        Candidate("keyword-only", 0.0, 0.0, cosine=0.2, fused=0.55, lexical=1.0, lexical_rank=1),
        Candidate("tie-low-cosine", 0.0, 0.0, cosine=0.25, fused=0.625),
        Candidate("tie-high-cosine", 0.0, 0.0, cosine=0.5, fused=0.5),
    ]
    ranked = second_stage(pool, settings)
    assert [c.claim_id for c in ranked] == ["both", "dense-only", "tie-high-cosine", "tie-low-cosine", "keyword-only"]
    top = ranked[0]
    assert top.score == pytest.approx(0.9 + 0.5 * 0.8)
    assert top.similarity == 1.0  # 0.8 * 1.3 + 0.1 clipped
    assert ranked[-1].similarity == pytest.approx(0.8 * (0.55 + 0.1) + 0.1)
    plain = Settings(
        rerank_fusion_weight=0.0,
        rerank_cosine_weight=1.0,
        rerank_lexical_weight=0.0,
        similarity_slope=1.0,
        similarity_intercept=0.0,
    )
    by_cosine = second_stage(pool, plain)
    assert [c.claim_id for c in by_cosine][:2] == ["dense-only", "both"]
    assert [c.similarity for c in by_cosine][:2] == [pytest.approx(0.9), pytest.approx(0.8)]


class AlwaysEntails:
    """A judge that agrees with everything: what is left to stop a short query from being "supported"."""

    name = "always-entails"
    version = "1"

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        return [Judgement("entails", {"entailment": 0.9, "neutral": 0.05, "contradiction": 0.05}) for _ in pairs]


@pytest.fixture
def credulous(database_url: str) -> Iterator[tuple[TestClient, dict[str, str]]]:
    settings = Settings(database_url=database_url, encoder="hashing", judge="rules", load_models_on_startup=False)
    runtime = Runtime.create(settings)
    runtime.use_models(HashingEncoder(), AlwaysEntails())
    with TestClient(create_app(settings, runtime), raise_server_exceptions=False) as client:
        yield client, _headers(runtime)
    runtime.close()


def test_short_query_returns_matches_but_never_a_relation(client: TestClient, writer: dict[str, str]) -> None:
    _seed(client, writer, ["Vaccines work.", *FILLERS[:3]])
    result = _check(client, writer, "Vaccines work")
    assert result["matches"], "a two-word query must still return matches"
    assert result["matches"][0]["claim"]["text"] == "Vaccines work."
    assert result["matches"][0]["similarity"] > 0.9
    assert result["verdict"] == "unverified"
    assert all(m["relation"] == "neutral" for m in result["matches"])


def test_short_query_is_neutral_even_when_the_judge_agrees(credulous: tuple[TestClient, dict[str, str]]) -> None:
    client, headers = credulous
    _seed(client, headers, ["Vaccines work.", *FILLERS[:3]])
    short = _check(client, headers, "#Vaccines work https://t.co/x")
    assert short["matches"][0]["claim"]["text"] == "Vaccines work."
    assert short["verdict"] == "unverified"
    assert all(m["relation"] == "neutral" for m in short["matches"])
    assert "short_query" in short["matches"][0]["signals"]
    longer = _check(client, headers, "Vaccines work, the studies show.")
    assert longer["matches"][0]["claim"]["text"] == "Vaccines work."
    assert longer["verdict"] == "supported"
    assert longer["matches"][0]["relation"] == "entails"
    assert all("short_query" not in m["signals"] for m in longer["matches"])


def test_a_question_is_neutral_even_when_the_judge_agrees(credulous: tuple[TestClient, dict[str, str]]) -> None:
    """Audit 11: a yes/no question asserts nothing, so /v1/check gives it no verdict and /v1/compare no relation,
    whatever the judge reads into it."""
    client, headers = credulous
    _seed(client, headers, ["The water in the lake is safe to drink.", *FILLERS[:3]])
    asked = _check(client, headers, "Is the water in the lake safe to drink?")
    assert asked["matches"][0]["claim"]["text"] == "The water in the lake is safe to drink."
    assert asked["verdict"] == "unverified"
    assert "question" in asked["matches"][0]["signals"]
    said = _check(client, headers, "The water in the lake is safe to drink, tests show.")
    assert said["verdict"] == "supported"
    pairs = [
        {"a": "The water in the lake is safe to drink.", "b": "IS THE WATER IN THE LAKE SAFE TO DRINK?"},
        {"a": "The water in the lake is safe to drink.", "b": "The lake's water is safe to drink."},
    ]
    response = client.post("/v1/compare", json={"pairs": pairs}, headers=headers)
    assert response.status_code == 200
    asked_pair, said_pair = response.json()["results"]
    assert asked_pair["relation"] == "neutral" and "question" in asked_pair["signals"]
    assert said_pair["relation"] == "entails"


def test_tweet_noise_does_not_change_the_match(client: TestClient, writer: dict[str, str]) -> None:
    _seed(client, writer, [*FILLERS, FERRY, "Donald Trump said the ferry was safe."])
    clean = _check(client, writer, "A ferry sank near Zanzibar harbour")
    noisy = _check(
        client,
        writer,
        "OMG a ferry sank near #ZanzibarHarbour!! https://t.co/AbC123 pic.twitter.com/xYz — Jane Doe 🥶 "
        "(@janedoe) January 5, 2020",
    )
    assert noisy["matches"][0]["claim"]["text"] == clean["matches"][0]["claim"]["text"] == FERRY
    handle = _check(client, writer, "@realDonaldTrump: the #ferry was safe https://t.co/x")
    assert handle["matches"][0]["claim"]["text"] == "Donald Trump said the ferry was safe."


def test_a_stored_claim_is_indexed_without_its_links(client: TestClient, writer: dict[str, str]) -> None:
    _seed(client, writer, ["The mayor banned bicycles downtown https://t.co/xyz123", *FILLERS[:2]])
    result = _check(client, writer, "the MAYOR banned bicycles downtown")
    assert result["matches"][0]["cosine"] > 0.999


def test_lexical_query_terms_skip_function_words() -> None:
    from db.lexical_index import query_terms

    assert query_terms("The ferry sank, and the crew said it was fine!") == ["ferry", "sank", "crew", "fine"]
    assert query_terms("Is it?") == ["is", "it"]
    assert query_terms('a "quoted" OR NEAR(x) * ^term') == ["quoted", "near", "term"]
