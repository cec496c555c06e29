"""/v1/check finds a claim stored with soft hyphens (text pasted from a PDF or a web page) by a statement typed
plainly, through both indexes: its vector (the encoder reads ``normalize``'s text, without them) and its keywords
(migration 0017: the keyword index reads ``keyword_text``, without them)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from db.engine import make_session_factory
from embeddings.encoder import HashingEncoder, model_key
from embeddings.rule_judge import RuleJudge
from embeddings.text_normalize import normalize
from service.app import create_app
from service.config import Settings
from service.runtime import Runtime
from service.services.retrieval import Retriever
from tests.api.test_retrieval import FILLERS, _check, _headers, _seed

PASTED = "The co\u00adali\u00adtion troops are sta\u00adtioned in Iraq ille\u00adgally."
TYPED = "Coalition troops stationed in Iraq illegally"


@pytest.fixture
def app(database_url: str) -> Iterator[tuple[TestClient, Runtime, dict[str, str]]]:
    settings = Settings(database_url=database_url, encoder="hashing", judge="rules", load_models_on_startup=False)
    runtime = Runtime.create(settings)
    runtime.use_models(HashingEncoder(), RuleJudge())
    with TestClient(create_app(settings, runtime), raise_server_exceptions=False) as client:
        yield client, runtime, _headers(runtime)
    runtime.close()


def test_a_claim_pasted_with_soft_hyphens_is_matched_by_keywords_and_vector(
    app: tuple[TestClient, Runtime, dict[str, str]],
) -> None:
    client, runtime, headers = app
    # A claim that shares three of the statement's words with it, where the pasted claim shares two unless its
    # words are read whole.
    ids = _seed(client, headers, [*FILLERS, PASTED, "Coalition troops were stationed in Kuwait.", "Troops left Basra."])
    with make_session_factory(runtime.engine)() as session:
        vector = HashingEncoder().encode([normalize(TYPED)])[0]
        pool = {
            c.claim_id: c
            for c in Retriever(session, runtime.settings).pool(TYPED, vector, model_key(HashingEncoder()), 10)
        }
    pasted = pool[ids[len(FILLERS)]]
    assert (pasted.dense_rank, pasted.lexical_rank) == (0, 0)
    match = _check(client, headers, TYPED)["matches"][0]
    assert match["claim"]["text"] == PASTED  # the stored text as given, soft hyphens and all
