"""The service's secrets: generated once and kept in the database (so a cursor one process issued pages in another,
and after a restart), or derived from CLAIMLEDGER_SECRET_KEY; never a built-in default."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from pydantic import SecretStr
from sqlalchemy import text

from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from service.app import create_app
from service.config import Settings
from service.runtime import Runtime
from service.secrets import get_or_create_secret


def _runtime(database_url: str, secret_key: str | None = None) -> Runtime:
    settings = Settings(
        database_url=database_url,
        encoder="hashing",
        judge="rules",
        load_models_on_startup=False,
        secret_key=SecretStr(secret_key) if secret_key is not None else None,
    )
    runtime = Runtime.create(settings)
    runtime.use_models(HashingEncoder(), RuleJudge(), None)
    return runtime


def test_a_generated_secret_is_kept_and_shared(runtime: Runtime) -> None:
    first = runtime.secrets.get_or_create_secret("ui-session")
    assert len(first) == 32
    assert runtime.secrets.get_or_create_secret("cursor") != first  # one secret per name
    other_process = _runtime(runtime.settings.database_url)
    try:
        assert other_process.secrets.get_or_create_secret("ui-session") == first
    finally:
        other_process.close()
    with runtime.db.read() as session:
        names = set(session.execute(text("SELECT name FROM service_secrets")).scalars())
    assert names == {"ui-session", "cursor"}


def test_a_secret_key_setting_derives_the_secrets_and_stores_nothing(runtime: Runtime) -> None:
    derived = get_or_create_secret(runtime.db, "cursor", "a long operator-managed secret")
    assert derived == get_or_create_secret(runtime.db, "cursor", "a long operator-managed secret")
    assert derived != get_or_create_secret(runtime.db, "cursor", "another operator-managed secret")
    assert derived != get_or_create_secret(runtime.db, "ui-session", "a long operator-managed secret")
    with runtime.db.read() as session:
        assert session.execute(text("SELECT count(*) FROM service_secrets")).scalar() == 0


def test_a_cursor_pages_in_another_process_on_the_same_database_but_not_under_another_key(
    runtime: Runtime, client: TestClient, writer: dict[str, str], make_key: Callable[[str], dict[str, str]]
) -> None:
    for i in range(3):
        client.post("/v1/claims", json={"text": f"Claim {i}.", "speaker": "Someone"}, headers=writer)
    cursor = client.get("/v1/claims", params={"limit": 1}, headers=writer).json()["next_cursor"]
    assert cursor
    for secret_key, status in ((None, 200), ("an operator-managed secret", 422)):
        other = _runtime(runtime.settings.database_url, secret_key)
        try:
            with TestClient(create_app(other.settings, other), raise_server_exceptions=False) as other_client:
                page = other_client.get("/v1/claims", params={"limit": 1, "cursor": cursor}, headers=writer)
            assert page.status_code == status, page.text
        finally:
            other.close()
