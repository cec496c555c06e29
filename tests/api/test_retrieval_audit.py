"""Retrieval as a fact-checker meets it: faults a hand-written audit found through /v1/check, on both backends.

- A pasted article or transcript repeats a claim in one of its sentences: the whole text's vector blurs it and the
  keyword query keeps only the first 32 content words, so neither index found it. Long statements are now also
  searched window by window (``embeddings.text_normalize.segments``, ``Retriever.candidates``).
- The same statement asked with a larger ``top_k`` gave some claims another similarity, and so another order:
  fusion read as deep into each index's list as ``top_k``. Only the first ``retrieval_candidates`` count now.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from db.engine import make_session_factory
from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from embeddings.text_normalize import SEGMENT_ABOVE_CHARS
from service.app import create_app
from service.config import Settings
from service.runtime import Runtime
from service.services.keys import KeyService

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


@pytest.fixture
def shallow(database_url: str) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """An app whose fusion reads the first 3 of each index's list, so a top_k of 10 reads deeper than that."""
    settings = Settings(
        database_url=database_url,
        encoder="hashing",
        judge="rules",
        load_models_on_startup=False,
        retrieval_candidates=3,
    )
    runtime = Runtime.create(settings)
    runtime.use_models(HashingEncoder(), RuleJudge())
    with make_session_factory(runtime.engine)() as session:
        _, token = KeyService(session).create("test", ["read", "write"])
        session.commit()
    with TestClient(create_app(settings, runtime), raise_server_exceptions=False) as client:
        yield client, {"Authorization": f"Bearer {token}"}
    runtime.close()


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
