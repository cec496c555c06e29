"""A pasted paragraph with the real models: the judge reads each matched claim against the sentence that matched it.

The NLI cross-encoder reading a six-sentence paragraph against a one-sentence claim found the paragraph "neutral"
(even entailing, one way) and lost the contradiction one of its sentences makes; the claim is now judged against
its best window (``service.services.checking.matched_window``), as that sentence would be checked alone.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Any, NamedTuple

import pytest
from fastapi.testclient import TestClient

from db.engine import make_session_factory
from embeddings.text_normalize import SEGMENT_ABOVE_CHARS
from service.app import create_app
from service.config import Settings
from service.runtime import Runtime
from service.services.keys import KeyService
from tests.ui.conftest import csrf_of, sign_in

pytestmark = pytest.mark.slow

REQUEST = "The Coalition is in Iraq at the request of the Iraqi government."
OTHER_CLAIMS = [
    "The number of U.S. troops in Iraq has dropped to about 2,500.",
    "The city council approved a new budget for roads and schools.",
]
AGAINST = "Officials said the Coalition is in Iraq against the wishes of the Iraqi government."
RESTATED = "Officials said the Coalition is in Iraq at the request of the Iraqi government."
FILLER = [
    "Iraqi military officials met Coalition commanders in Baghdad on Saturday for technical talks.",
    "The meeting followed the April strategic dialogue between Washington and Baghdad.",
    "Both delegations discussed the schedule of future meetings and the agenda for the coming months.",
    "Among the issues on the agenda were militia groups and the country's economic crisis.",
    "A spokesman said the talks were a natural progression of the ongoing dialogue.",
]


def paragraph(sentence: str) -> str:
    """The sentence fourth of six, among sentences about other things: over the 400 characters searched by window."""
    text = " ".join([*FILLER[:3], sentence, *FILLER[3:]])
    assert len(text) > SEGMENT_ABOVE_CHARS
    return text


class Served(NamedTuple):
    client: TestClient
    headers: dict[str, str]  # a read and write key's
    review_token: str  # for the review UI


@pytest.fixture
def client(database_url: str, real_models: Runtime) -> Iterator[Served]:
    """The app with the real models on a blank database holding the claim and two others."""
    runtime = Runtime.create(Settings(database_url=database_url, load_models_on_startup=False))
    runtime.use_models(real_models.encoder, real_models.judge, real_models.extractor)
    with make_session_factory(runtime.engine)() as session:
        _, token = KeyService(session).create("integration", ["read", "write"])
        _, review_token = KeyService(session).create("integration review", ["review"])
        session.commit()
    with TestClient(create_app(runtime.settings, runtime), raise_server_exceptions=False) as test_client:
        headers = {"Authorization": f"Bearer {token}"}
        claims = [{"text": t, "speaker": "Iraqi military", "said_at": "2021-04-07"} for t in [REQUEST, *OTHER_CLAIMS]]
        response = test_client.post("/v1/claims/bulk", json={"claims": claims}, headers=headers)
        assert response.status_code == 200, response.text
        yield Served(test_client, headers, review_token)
    runtime.close()


def match_of(matches: list[dict[str, Any]], claim_text: str) -> dict[str, Any]:
    found = [m for m in matches if m["claim"]["text"] == claim_text]
    assert found, f"{claim_text!r} not among {[m['claim']['text'] for m in matches]}"
    return found[0]


def test_a_contradiction_buried_in_a_paragraph_is_flagged(client: Served) -> None:
    test_client, headers, _ = client
    response = test_client.post("/v1/check", json={"text": paragraph(AGAINST), "top_k": 3}, headers=headers)
    assert response.status_code == 200, response.text
    match = match_of(response.json()["matches"], REQUEST)
    assert match["relation"] == "contradicts", match
    assert match["matched_text"] == AGAINST
    assert response.json()["verdict"] in ("contradicted", "mixed")
    flags = test_client.get("/v1/flags", params={"status": "open"}, headers=headers)
    assert flags.status_code == 200, flags.text
    assert [f["other_claim"]["text"] for f in flags.json()["items"]] == [REQUEST]


def test_a_paragraph_restating_the_claim_is_no_contradiction(client: Served) -> None:
    test_client, headers, _ = client
    response = test_client.post("/v1/check", json={"text": paragraph(RESTATED), "top_k": 3}, headers=headers)
    assert response.status_code == 200, response.text
    match = match_of(response.json()["matches"], REQUEST)
    assert match["relation"] == "entails", match
    assert match["matched_text"] == RESTATED


def test_a_long_quote_is_judged_by_its_window_too(client: Served) -> None:
    """/v1/quotes checks as /v1/check does: the contradiction in a long quote is found and flagged against the
    stored claim."""
    test_client, headers, _ = client
    body = {"quote": paragraph(AGAINST), "speaker": "an Iraqi lawmaker", "source_url": "https://example.org/q"}
    response = test_client.post("/v1/quotes", json=body, headers=headers)
    assert response.status_code == 201, response.text
    match = match_of(response.json()["check"]["matches"], REQUEST)
    assert match["relation"] == "contradicts", match
    assert match["matched_text"] == AGAINST


@pytest.mark.parametrize("paragraph_side", ["a", "b"])
def test_compare_reads_a_paragraph_by_its_window_nearest_the_other_text(client: Served, paragraph_side: str) -> None:
    """/v1/compare judges as /v1/check does: a paragraph on either side is read by its sentence nearest the other
    text, so the contradiction one sentence makes is found and a restatement stays one."""
    test_client, headers, _ = client
    relations = {}
    for sentence in (AGAINST, RESTATED):
        long, short = paragraph(sentence), REQUEST
        pair = {"a": long, "b": short} if paragraph_side == "a" else {"a": short, "b": long}
        response = test_client.post("/v1/compare", json={"pairs": [pair]}, headers=headers)
        assert response.status_code == 200, response.text
        relations[sentence] = response.json()["results"][0]["relation"]
    assert relations[AGAINST] == "contradicts", relations
    assert relations[RESTATED] != "contradicts", relations


def test_a_short_statement_is_read_whole(client: Served) -> None:
    test_client, headers, _ = client
    response = test_client.post("/v1/check", json={"text": AGAINST}, headers=headers)
    match = match_of(response.json()["matches"], REQUEST)
    assert match["relation"] == "contradicts"
    assert match["matched_text"] is None


def test_the_check_page_shows_the_sentence_the_claim_was_judged_against(client: Served) -> None:
    test_client, _, review_token = client
    assert sign_in(test_client, review_token).status_code == 303
    form = test_client.get("/ui/check")
    statement = {"text": paragraph(AGAINST), "speaker": "", "said_at": "", "stance": "asserts"}
    page = test_client.post("/ui/check", data={**statement, "csrf_token": csrf_of(form.text)})
    assert page.status_code == 200, page.text
    matched = '<q dir="auto">' + html.escape(AGAINST) + "</q>"  # read in the statement's own direction
    assert "Judged against the part of the statement that matched: " + matched in page.text
