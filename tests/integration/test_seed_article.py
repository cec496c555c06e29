"""The seed article end to end with the real models: MiniLM, the trained NLI judge and the spaCy extractor."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from db.engine import make_session_factory
from db.migrate import upgrade
from service.app import create_app
from service.config import Settings
from service.runtime import Runtime
from service.services.keys import KeyService
from tests.conftest import _pg_url, new_database_url, shared_path

pytestmark = pytest.mark.slow


@contextmanager
def _serving(database_url: str, real_models: Runtime) -> Iterator[tuple[TestClient, dict[str, str]]]:
    # extraction_processes=0: the article is read with the loaded extractor, not by a worker process loading spaCy
    runtime = Runtime.create(Settings(database_url=database_url, load_models_on_startup=False, extraction_processes=0))
    runtime.use_models(real_models.encoder, real_models.judge, real_models.extractor)
    try:
        with make_session_factory(runtime.engine)() as session:
            _, token = KeyService(session).create("integration", ["read", "write", "review"])
            session.commit()
        with TestClient(create_app(runtime.settings, runtime), raise_server_exceptions=False) as test_client:
            yield test_client, {"Authorization": f"Bearer {token}"}
    finally:
        runtime.close()


@pytest.fixture
def client(database_url: str, real_models: Runtime) -> Iterator[tuple[TestClient, dict[str, str]]]:
    with _serving(database_url, real_models) as served:
        yield served


_SEEDED: dict[str, str] = {}  # by backend: the database the article was posted to once, copied for each test
_COPIES = itertools.count()


@pytest.fixture
def seeded(
    database_url: str, request: pytest.FixtureRequest, real_models: Runtime
) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """A client on a database of the test's own that holds the article as POST /v1/documents stored it: posted once
    per backend and copied for each test (with the real models, each post took seconds)."""
    backend = "postgresql" if database_url.startswith("postgresql") else "sqlite"
    if backend not in _SEEDED:
        template = new_database_url(backend, request, "claimledger_seeded_template")
        upgrade(template)
        with _serving(template, real_models) as (test_client, headers):
            _post_article(test_client, headers)
        _SEEDED[backend] = template
    if backend == "sqlite":
        copy = request.getfixturevalue("tmp_path") / "seeded.db"
        source = Path(_SEEDED[backend].removeprefix("sqlite:///"))
        assert not source.with_name(f"{source.name}-wal").exists()  # closed, so checkpointed: the file holds it all
        shutil.copyfile(source, copy)
        url = f"sqlite:///{copy}"
    else:
        server, name = request.getfixturevalue("pg_server"), f"claimledger_seeded_{next(_COPIES)}"
        server.psql(f"CREATE DATABASE {name} TEMPLATE claimledger_seeded_template;")
        url = _pg_url(server, name)
    with _serving(url, real_models) as served:
        yield served
    if backend == "postgresql":
        server.psql(f"DROP DATABASE {name};")


def _post_article(client: TestClient, headers: dict[str, str]) -> dict[str, object]:
    text = shared_path("fixtures", "esta-iraq-coalition-talks.txt").read_text(encoding="utf-8")
    body = {
        "text": text,
        "url": "https://example.org/esta",
        "title": "Iraq, Coalition talks",
        "published_at": "2021-04-10",
    }
    response = client.post("/v1/documents", json=body, headers=headers)
    assert response.status_code == 201, response.text
    document: dict[str, object] = response.json()
    return document


def test_article_claims_are_extracted_with_shared_speakers(client: tuple[TestClient, dict[str, str]]) -> None:
    test_client, headers = client
    document = _post_article(test_client, headers)
    text = shared_path("fixtures", "esta-iraq-coalition-talks.txt").read_text(encoding="utf-8")
    claims = document["claims"]
    assert isinstance(claims, list)
    by_speaker: dict[str, list[dict[str, Any]]] = {}
    for claim in claims:
        start, end = claim["span"]
        assert text[start:end] == claim["text"]
        assert 0 < claim["confidence"] <= 1
        assert claim["source_url"] == "https://example.org/esta"
        assert claim["said_at"] == "2021-04-10"
        by_speaker.setdefault(claim["speaker"]["name"], []).append(claim)
    military = by_speaker["Iraqi military"]
    assert len(military) >= 5
    assert len({c["speaker"]["id"] for c in military}) == 1
    assert any("at the request of the Iraqi government" in c["text"] for c in military)
    assert any("redeployment of combat forces" in c["text"] for c in military)
    assert any("working plan" in c["text"] for c in military)
    assert any("natural progression" in c["text"] for c in by_speaker["Wayne Marotto"])
    assert any("2,500" in c["text"] for c in by_speaker["Pentagon"])
    fetched = test_client.get(f"/v1/documents/{document['id']}", headers=headers).json()
    assert [c["id"] for c in fetched["claims"]] == [c["id"] for c in claims]


@pytest.mark.parametrize(
    ("statement", "speaker"),
    [
        ("U.S. troops in Iraq have risen to 10,000.", "Pentagon"),
        ("Coalition troops are in Iraq against the will of the Iraqi government.", "Iraqi military"),
        # The design card's pair as reported speech: the frame's words kept the signals from aligning the two.
        (
            "The Coalition is in Iraq against the wishes of the Iraqi government, a spokesman for the militia said.",
            "Iraqi military",
        ),
        (
            "A militia spokesman told reporters on Monday that the Coalition is in Iraq against the wishes of the "
            "Iraqi government.",
            "Iraqi military",
        ),
    ],
)
def test_contradictions_of_the_article_are_found(
    seeded: tuple[TestClient, dict[str, str]], statement: str, speaker: str
) -> None:
    test_client, headers = seeded
    result = test_client.post("/v1/check", json={"text": statement, "top_k": 5}, headers=headers).json()
    assert result["verdict"] in ("contradicted", "mixed"), result
    contradicting = [m for m in result["matches"] if m["relation"] == "contradicts"]
    assert contradicting[0]["claim"]["speaker"]["name"] == speaker
    flags = test_client.get("/v1/flags", params={"status": "open"}, headers=headers).json()["items"]
    assert any(f["other_claim"]["speaker"]["name"] == speaker for f in flags)


def test_a_paraphrase_is_supported(seeded: tuple[TestClient, dict[str, str]]) -> None:
    test_client, headers = seeded
    statement = "The U.S.-led Coalition is in Iraq because the Iraqi government asked for it."
    result = test_client.post("/v1/check", json={"text": statement, "top_k": 5}, headers=headers).json()
    assert result["verdict"] == "supported", result
    assert result["matches"][0]["claim"]["speaker"]["name"] == "Iraqi military"


def test_the_pentagons_figure_restated_is_no_contradiction(seeded: tuple[TestClient, dict[str, str]]) -> None:
    # "dropped to about 2,500" and "about 2,500 remain" agree on the figure: the model alone called it a conflict.
    test_client, headers = seeded
    statement = "About 2,500 U.S. troops remain in Iraq."
    result = test_client.post("/v1/check", json={"text": statement, "top_k": 5}, headers=headers).json()
    assert result["verdict"] not in ("contradicted", "mixed"), result
    pentagon = next(m for m in result["matches"] if m["claim"]["speaker"]["name"] == "Pentagon")
    assert pentagon["relation"] != "contradicts"
    assert "number_match" in pentagon["signals"]


def test_compare_uses_the_trained_judge(client: tuple[TestClient, dict[str, str]]) -> None:
    test_client, headers = client
    pairs = [
        {
            "a": "The number of U.S. troops in Iraq has dropped to about 2,500.",
            "b": "U.S. troops in Iraq rose to 10,000.",
        },
        {"a": "A man is playing a guitar on stage.", "b": "A man is performing music."},
        {"a": "Troops dropped to about 2,500.", "b": "Troops rose to 10,000."},  # the issue's short form
    ]
    results = test_client.post("/v1/compare", json={"pairs": pairs}, headers=headers).json()["results"]
    assert results[0]["relation"] == "contradicts"
    assert "number_mismatch" in results[0]["signals"]
    assert results[1]["relation"] == "entails"
    assert results[2]["relation"] == "contradicts"
    assert {"number_mismatch", "antonym"} <= set(results[2]["signals"])


# Issue 21's table: the pairs the judge got wrong, through /v1/compare as a new user would send them, plus the role
# swaps its item 2 names. Each must contradict in both directions; relations that hold both ways and passives not.
CONTRADICTING_PAIRS = (
    ("The court upheld the ban on the pesticide.", "The court overturned the ban on the pesticide."),
    ("The river is rising after days of heavy rain.", "The river is falling after days of heavy rain."),
    ("The senator voted against the bill.", "The senator voted for the bill."),
    (
        "The Coalition is in Iraq against the wishes of the Iraqi government.",
        "The U.S.-led Coalition is in Iraq at the request of the Iraqi government.",
    ),
    ("Arsenal beat Chelsea in the cup final on Sunday.", "Chelsea beat Arsenal in the cup final on Sunday."),
    ("The river in Eastport is rising and the old town may flood tonight.", "The river in Eastport is falling."),
)
NOT_CONTRADICTING_PAIRS = (
    ("The prime minister met the president in Paris.", "The president met the prime minister in Paris."),
    ("Smith defeated Jones in the runoff.", "Jones was defeated by Smith in the runoff."),
    ("The union signed an agreement with the company.", "The company signed an agreement with the union."),
)


def test_the_issue_tables_contradictions_both_ways(client: tuple[TestClient, dict[str, str]]) -> None:
    test_client, headers = client
    pairs = [{"a": a, "b": b} for a, b in (*CONTRADICTING_PAIRS, *NOT_CONTRADICTING_PAIRS)]
    pairs += [{"a": b, "b": a} for a, b in CONTRADICTING_PAIRS]
    results = test_client.post("/v1/compare", json={"pairs": pairs}, headers=headers).json()["results"]
    count = len(CONTRADICTING_PAIRS)
    for pair, result in zip(pairs, results, strict=True):
        expected = pair in pairs[:count] or pair in pairs[-count:]
        assert (result["relation"] == "contradicts") is expected, (pair, result)
        if expected:
            assert {"antonym_swap", "role_swap"} & set(result["signals"]), (pair, result)


# Unrelated sentences, which an NLI model trained on image captions reads as contradictory, and issue 21's "another
# proposition about the same event": /v1/compare gates them by similarity as /v1/check gates its matches.
UNRELATED_PAIRS = (
    ("The bridge was closed on Tuesday.", "Bananas are yellow."),
    ("Penguins live in Antarctica.", "The central bank raised interest rates."),
    ("The mayor opened a new library.", "The striker scored twice."),
    ("The summit took place in Geneva.", "The summit ended without a joint statement."),
)


def test_compare_calls_pairs_about_different_things_neutral(client: tuple[TestClient, dict[str, str]]) -> None:
    test_client, headers = client
    pairs = [{"a": a, "b": b} for a, b in UNRELATED_PAIRS] + [
        {"a": CONTRADICTING_PAIRS[0][0], "b": CONTRADICTING_PAIRS[0][1]}
    ]
    results = test_client.post("/v1/compare", json={"pairs": pairs}, headers=headers).json()["results"]
    for pair, result in zip(pairs[:-1], results, strict=False):
        assert result["relation"] == "neutral", (pair, result)
        assert "low_similarity" in result["signals"], (pair, result)
        assert result["similarity"] < 0.55, (pair, result)
    assert results[-1]["relation"] == "contradicts"
    assert results[-1]["similarity"] > 0.8


# The design card's claim and its denial in other words: no word of "at the request of" is negated, so only the
# plain "never" and the model tell them apart, and the two sentences' cosine (0.52) is under the 0.55 floor for a
# relation no signal backs. The one-sided negation the signals align to the claim's content is explicit evidence:
# the 0.35 floor applies, and the pair contradicts both ways (a contract audit reported it neutral, low_similarity).
DESIGN_CARD_CLAIM = "The U.S.-led Coalition is in Iraq at the request of the Iraqi government."
DESIGN_CARD_DENIAL = "The Iraqi government never asked the U.S.-led Coalition to be in Iraq."


def test_the_design_cards_claim_denied_in_other_words_contradicts(client: tuple[TestClient, dict[str, str]]) -> None:
    test_client, headers = client
    pairs = [{"a": DESIGN_CARD_CLAIM, "b": DESIGN_CARD_DENIAL}, {"a": DESIGN_CARD_DENIAL, "b": DESIGN_CARD_CLAIM}]
    results = test_client.post("/v1/compare", json={"pairs": pairs}, headers=headers).json()["results"]
    for pair, result in zip(pairs, results, strict=True):
        assert result["relation"] == "contradicts", (pair, result)
        assert "negation" in result["signals"], (pair, result)
        assert result["similarity"] < 0.55, (pair, result)  # so the lower floor is what lets it through
    claim = {"text": DESIGN_CARD_CLAIM, "speaker": "Iraqi military", "said_at": "2021-04-10"}
    assert test_client.post("/v1/claims", json=claim, headers=headers).status_code == 201
    result = test_client.post("/v1/check", json={"text": DESIGN_CARD_DENIAL, "top_k": 5}, headers=headers).json()
    assert result["verdict"] == "contradicted", result
    assert result["matches"][0]["claim"]["text"] == DESIGN_CARD_CLAIM
    assert result["matches"][0]["relation"] == "contradicts"
    assert "low_similarity" not in result["matches"][0]["signals"]


def test_the_articles_central_claim_denied_in_other_words_is_found(seeded: tuple[TestClient, dict[str, str]]) -> None:
    test_client, headers = seeded
    result = test_client.post("/v1/check", json={"text": DESIGN_CARD_DENIAL, "top_k": 5}, headers=headers).json()
    assert result["verdict"] in ("contradicted", "mixed"), result
    contradicting = [m for m in result["matches"] if m["relation"] == "contradicts"]
    assert "at the request of the Iraqi government" in contradicting[0]["claim"]["text"]
    assert contradicting[0]["claim"]["speaker"]["name"] == "Iraqi military"
