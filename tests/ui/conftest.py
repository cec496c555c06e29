"""The review UI over HTTP (Starlette's TestClient, no browser) on a blank database per test, both backends.

`ui` signs in like a browser does: it reads the login form's CSRF token, posts the key, keeps the cookie.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from db.engine import make_session_factory
from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from service.app import create_app
from service.config import Settings
from service.runtime import Runtime
from service.services.keys import KeyService

CSRF_INPUT = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    """The CSRF token a page's forms carry."""
    found = CSRF_INPUT.search(html)
    assert found is not None, "the page has no form with a CSRF token"
    return found.group(1)


def ui_settings(database_url: str, tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "encoder": "hashing",
        "judge": "rules",
        "load_models_on_startup": False,
        "reports_dir": tmp_path / "reports",
        **overrides,
    }
    return Settings.model_validate(values)


@pytest.fixture
def runtime(database_url: str, tmp_path: Path) -> Iterator[Runtime]:
    rt = Runtime.create(ui_settings(database_url, tmp_path))
    rt.use_models(HashingEncoder(), RuleJudge())
    yield rt
    rt.close()


@pytest.fixture
def client(runtime: Runtime) -> Iterator[TestClient]:
    with TestClient(create_app(runtime.settings, runtime), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def make_token(runtime: Runtime) -> Callable[[str], str]:
    """A new API key's token with these comma-separated scopes."""

    def make(scopes: str) -> str:
        with make_session_factory(runtime.engine)() as session:
            _, token = KeyService(session).create(f"{scopes} key", scopes.split(","))
            session.commit()
        return token

    return make


def sign_in(client: TestClient, token: str, next_path: str | None = None) -> Any:
    """The login form read, then posted with its CSRF token (as a browser does); the 303 is not followed."""
    form = client.get("/ui/login", params={"next": next_path} if next_path else None)
    assert form.status_code == 200, form.text
    data = {"key": token, "csrf_token": csrf_of(form.text)}
    if next_path:
        data["next"] = next_path
    return client.post("/ui/login", data=data, follow_redirects=False)


@pytest.fixture
def reviewer(client: TestClient, make_token: Callable[[str], str]) -> TestClient:
    """The client, signed in with a review-scoped key."""
    response = sign_in(client, make_token("review"))
    assert response.status_code == 303, response.text
    return client
