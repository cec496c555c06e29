"""README.md's walk-through, request by request, with the real models: the bodies are read from its code block and
the reply is held to what its comments promise, so neither the README's sample nor the service's reply can drift
from the other unnoticed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from db.engine import make_session_factory
from service.app import create_app
from service.config import Settings
from service.runtime import Runtime
from service.services.keys import KeyService
from tests.conftest import shared_path

pytestmark = pytest.mark.slow

README = Path(__file__).resolve().parents[2] / "README.md"


def _walkthrough() -> str:
    """The walk-through's shell block."""
    section = README.read_text(encoding="utf-8").split("## Walk-through", 1)[1].split("\n## ", 1)[0]
    return section.split("```sh", 1)[1].split("```", 1)[0]


def _bodies(block: str) -> dict[str, dict[str, Any]]:
    """The JSON each curl posts (``-d '...'``), by path."""
    posts = re.findall(r"-X POST http://127\.0\.0\.1:8000(/v1/\w+).*?-d '(.*?)'", block, re.DOTALL)
    return {path: json.loads(body) for path, body in posts if not body.startswith("@")}


def _promised(block: str) -> str:
    """The ``# →`` comment: the check's reply as the README shows it."""
    return " ".join(line.lstrip("# ").strip() for line in block.splitlines() if line.startswith("#  ") or "# →" in line)


@pytest.fixture
def served(database_url: str, real_models: Runtime) -> Iterator[tuple[TestClient, dict[str, str]]]:
    runtime = Runtime.create(Settings(database_url=database_url, load_models_on_startup=False, extraction_processes=0))
    runtime.use_models(real_models.encoder, real_models.judge, real_models.extractor)
    try:
        with make_session_factory(runtime.engine)() as session:
            _, token = KeyService(session).create("walkthrough", ["read", "write", "review", "admin"])
            session.commit()
        with TestClient(create_app(runtime.settings, runtime), raise_server_exceptions=False) as client:
            yield client, {"Authorization": f"Bearer {token}"}
    finally:
        runtime.close()


def test_the_walkthroughs_check_answers_as_its_comment_says(served: tuple[TestClient, dict[str, str]]) -> None:
    client, headers = served
    block = _walkthrough()
    bodies = _bodies(block)
    promised = _promised(block)
    stored = client.post("/v1/claims", json=bodies["/v1/claims"], headers=headers)
    assert stored.status_code == 201, stored.text
    checked = client.post("/v1/check", json=bodies["/v1/check"], headers=headers)
    assert checked.status_code == 200, checked.text
    reply = checked.json()
    match = reply["matches"][0]
    assert f'"verdict": "{reply["verdict"]}"' in promised, (reply["verdict"], promised)
    assert f'"speaker": {{"name": "{match["claim"]["speaker"]["name"]}"' in promised, promised
    assert f'"relation": "{match["relation"]}"' in promised, promised
    first_signal = re.search(r'"signals": \["(\w+)"', promised)
    assert first_signal and first_signal.group(1) in match["signals"], (match["signals"], promised)
    assert match["reverse_probabilities"] is not None  # "both directions' probabilities"
    flags = client.get("/v1/flags?status=open", headers=headers).json()
    assert [flag["kind"] for flag in flags["items"]] == ["contradiction"] and "next_cursor" in flags


def test_the_walkthroughs_article_posted_twice_stores_it_once(served: tuple[TestClient, dict[str, str]]) -> None:
    """The README: posting the same article again "stores nothing and extracts nothing: the reply is the document
    on record with its claims (201, its `created_at` tells)"."""
    article = shared_path("fixtures", "esta-iraq-coalition-talks.txt")
    client, headers = served
    block = _walkthrough()
    assert article.name in block
    body = {
        "text": article.read_text(encoding="utf-8"),
        "url": "https://example.org/esta-iraq-coalition-talks",
        "published_at": "2021-04-10",
    }
    assert f'"url": "{body["url"]}", "published_at": "{body["published_at"]}"' in block
    first = client.post("/v1/documents", json=body, headers=headers)
    again = client.post("/v1/documents", json=body, headers=headers)
    assert first.status_code == again.status_code == 201, (first.text, again.text)
    stored, replayed = first.json(), again.json()
    assert replayed["id"] == stored["id"] and replayed["created_at"] == stored["created_at"]
    assert [c["id"] for c in replayed["claims"]] == [c["id"] for c in stored["claims"]] and stored["claims"]
    assert all(c["speaker"]["name"] and c["cue"] and c["span"] for c in stored["claims"])
    assert stored["unread_characters"] == 0
    listed = client.get("/v1/claims", params={"limit": 500}, headers=headers).json()["items"]
    assert len(listed) == len(stored["claims"])
