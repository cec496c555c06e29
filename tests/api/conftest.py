"""An app per test on a blank database, with the hashing encoder and the rule judge (fast, deterministic)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from db.engine import make_session_factory
from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from extraction import AttributionExtractor
from service.app import create_app
from service.config import Settings, get_settings
from service.runtime import Runtime
from service.services.keys import KeyService

SEED_CLAIM = {
    "text": "According to the Pentagon, the number of U.S. troops in Iraq has dropped to about 2,500 over the past months.",
    "speaker": "the Pentagon",
    "said_at": "2021-04-08",
    "source_url": "https://example.org/esta-iraq",
    "kind": "indirect_quote",
}


def stand_in_runtime(database_url: str, extractor: AttributionExtractor) -> Runtime:
    """A runtime with the hashing encoder, the rules judge and ``extractor``, reading articles on a thread: the
    default (one worker process) spawned a process that loaded spaCy again for every test that posts a document (~3 s
    of CPU each). The process pool itself is tests/unit/test_inference.py's; tests/api/test_webhooks.py keeps the
    default end to end."""
    settings = Settings(
        database_url=database_url,
        encoder="hashing",
        judge="rules",
        load_models_on_startup=False,
        extraction_processes=0,
    )
    rt = Runtime.create(settings)
    rt.use_models(HashingEncoder(), RuleJudge(), extractor)
    return rt


@pytest.fixture
def runtime(database_url: str, extractor: AttributionExtractor) -> Iterator[Runtime]:
    rt = stand_in_runtime(database_url, extractor)
    yield rt
    rt.close()


@pytest.fixture
def client(runtime: Runtime) -> Iterator[TestClient]:
    app = create_app(runtime.settings, runtime)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def make_key(runtime: Runtime) -> Callable[[str], dict[str, str]]:
    """Authorization headers for a new key with these comma-separated scopes."""

    def make(scopes: str) -> dict[str, str]:
        with make_session_factory(runtime.engine)() as session:
            _, token = KeyService(session).create("test", scopes.split(","))
            session.commit()
        return {"Authorization": f"Bearer {token}"}

    return make


@pytest.fixture
def writer(make_key: Callable[[str], dict[str, str]]) -> dict[str, str]:
    return make_key("read,write")


@pytest.fixture
def reader(make_key: Callable[[str], dict[str, str]]) -> dict[str, str]:
    return make_key("read")


@pytest.fixture
def admin(make_key: Callable[[str], dict[str, str]]) -> dict[str, str]:
    return make_key("admin")


@pytest.fixture
def cli_env(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    """The CLI on the test's database (its settings are cached per process: cleared around the test)."""
    monkeypatch.setenv("CLAIMLEDGER_DATABASE_URL", runtime.settings.database_url)
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[CliRunner, str]]:
    """The CLI on a new SQLite file (not created yet), with the hashing encoder and the rule judge; a reconciliation
    runs locally in chunks of 5 claims (several progress lines from a small record), with no overlap window."""
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    for name, value in {
        "DATABASE_URL": url,
        "ENCODER": "hashing",
        "JUDGE": "rules",
        "LOAD_MODELS_ON_STARTUP": "false",
        "REPORTS_DIR": str(tmp_path / "reports"),
        "RECONCILE_CHUNK_SIZE": "5",
        "RECONCILE_OVERLAP_SECONDS": "0",
        "RECONCILE_ENGINE": "local",
    }.items():
        monkeypatch.setenv(f"CLAIMLEDGER_{name}", value)
    get_settings.cache_clear()
    yield CliRunner(), url
    get_settings.cache_clear()
