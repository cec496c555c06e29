"""/v1/check's verdict when one statement is both entailed and contradicted, with the real models.

"mixed" says the record disagrees with itself: a claim that entails the statement and one that contradicts it
cannot both be true. When the judge, reading the two claims against each other, finds no conflict, one of the
statement's two relations is the judge's mistake, and the less similar one goes (``CheckService.settled``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from db.engine import make_session_factory
from service.app import create_app
from service.config import Settings
from service.runtime import Runtime
from service.services.checking import UNCORROBORATED_SIGNAL
from service.services.keys import KeyService

pytestmark = pytest.mark.slow


@pytest.fixture
def served(database_url: str, real_models: Runtime) -> Iterator[tuple[TestClient, dict[str, str]]]:
    runtime = Runtime.create(Settings(database_url=database_url, load_models_on_startup=False, extraction_processes=0))
    runtime.use_models(real_models.encoder, real_models.judge, real_models.extractor)
    try:
        with make_session_factory(runtime.engine)() as session:
            _, token = KeyService(session).create("verdicts", ["read", "write", "review"])
            session.commit()
        with TestClient(create_app(runtime.settings, runtime), raise_server_exceptions=False) as client:
            yield client, {"Authorization": f"Bearer {token}"}
    finally:
        runtime.close()


def _check(served: tuple[TestClient, dict[str, str]], claims: list[dict[str, str]], text: str) -> dict[str, object]:
    client, headers = served
    assert client.post("/v1/claims/bulk", json={"claims": claims}, headers=headers).status_code == 200
    response = client.post("/v1/check", json={"text": text}, headers=headers)
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


def test_another_companys_figure_does_not_make_a_contradicted_figure_mixed(
    served: tuple[TestClient, dict[str, str]],
) -> None:
    """The judge reads Silver Telecom's 500,000 as entailing "Gold Mobile gained 500,000", beside Gold Mobile's own
    200,000, which contradicts it; the two claims do not contradict each other (two companies), so the record holds
    no conflict and the less similar entailment is neutral: contradicted, not mixed."""
    claims = [
        {"text": "Silver Telecom gained 500,000 subscribers in 2023.", "speaker": "Silver Telecom"},
        {"text": "Gold Mobile gained 200,000 subscribers in 2023.", "speaker": "Gold Mobile"},
    ]
    result = _check(served, claims, "Gold Mobile gained 500,000 subscribers in 2023.")
    assert result["verdict"] == "contradicted"
    matches = {m["claim"]["text"]: m for m in result["matches"]}  # type: ignore[attr-defined]
    assert matches[claims[1]["text"]]["relation"] == "contradicts"
    other = matches[claims[0]["text"]]
    assert other["relation"] == "neutral"
    assert UNCORROBORATED_SIGNAL in other["signals"]
    client, headers = served
    flags = client.get("/v1/flags", params={"status": "open"}, headers=headers).json()["items"]
    assert [f["other_claim"]["text"] for f in flags] == [claims[1]["text"]]


def test_a_speaker_contradicting_themself_stays_mixed(served: tuple[TestClient, dict[str, str]]) -> None:
    """Where the two claims do contradict each other the record disagrees with itself, and the verdict says so."""
    claims = [
        {"text": "The city will not close the central library.", "speaker": "Dana Ortiz", "said_at": "2024-01-10"},
        {"text": "The city will close the central library in May.", "speaker": "Dana Ortiz", "said_at": "2024-03-02"},
    ]
    result = _check(served, claims, "The city will not close the central library.")
    assert result["verdict"] == "mixed"
    relations = {m["claim"]["text"]: m["relation"] for m in result["matches"]}  # type: ignore[attr-defined]
    assert relations == {claims[0]["text"]: "entails", claims[1]["text"]: "contradicts"}
