"""`claimledger db copy --to URL`: the whole record moved from the embedded SQLite to PostgreSQL, then read back
through the API there (keys, flags and their reviews, documents, aliases, webhooks, vectors and the keyword index),
and the two refusals (a target that already holds a record, a source behind head)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Integer, func, select
from typer.testing import CliRunner, Result

from db.copy import copied_tables, copy_record
from db.engine import make_engine, make_session_factory
from db.lexical_index import LexicalIndex
from db.migrate import upgrade
from db.models import Base
from extraction import AttributionExtractor
from service.app import create_app
from service.cli import app as cli_app
from service.config import get_settings
from service.services.keys import KeyService
from tests.api.conftest import SEED_CLAIM, stand_in_runtime
from tests.conftest import BACKENDS, new_database_url

pytestmark = pytest.mark.skipif("postgresql" not in BACKENDS, reason="copies into PostgreSQL")

ARTICLE = (
    "Finance Minister Jonas Berg said on Monday that the budget deficit would fall to 2 percent next year. "
    '"We will not raise income taxes," Berg told reporters in Oslo.'
)
LATER_QUOTE = {
    "quote": "The number of U.S. troops in Iraq has risen to about 10,000.",
    "speaker": "Pentagon",
    "source_url": "https://example.org/later",
    "said_at": "2021-09-01",
}


@dataclass
class Record:
    """What the source record holds, as its API showed it before the copy."""

    url: str
    admin: dict[str, str]
    counts: dict[str, int]
    flag_id: str
    document_id: str
    pentagon_id: str
    check: list[tuple[str, float]]


def _counts(url: str) -> dict[str, int]:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in Base.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def _rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table as the models read it (datetimes, booleans, JSON and vectors typed)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return {
                t.name: [
                    tuple(v.tolist() if isinstance(v, np.ndarray) else v for v in row)
                    for row in conn.execute(select(t).order_by(*t.primary_key.columns))
                ]
                for t in Base.metadata.sorted_tables
                if t.name != "locks"
            }
    finally:
        engine.dispose()


def _check(client: TestClient, headers: dict[str, str]) -> list[tuple[str, float]]:
    response = client.post("/v1/check", json={"text": SEED_CLAIM["text"], "top_k": 3}, headers=headers)
    assert response.status_code == 200, response.text
    return [(m["claim"]["id"], m["similarity"]) for m in response.json()["matches"]]


def _copy(source_url: str, target_url: str, monkeypatch: pytest.MonkeyPatch) -> Result:
    monkeypatch.setenv("CLAIMLEDGER_DATABASE_URL", source_url)
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(cli_app, ["db", "copy", "--to", target_url])
    finally:
        get_settings.cache_clear()


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory, extractor: AttributionExtractor) -> Record:
    """A SQLite record written through the API: claims, a speaker's alias, an article's claims, a flag and its
    review, API keys and a webhook subscription."""
    url = f"sqlite:///{tmp_path_factory.mktemp('copy') / 'source.db'}"
    upgrade(url)
    runtime = stand_in_runtime(url, extractor)
    with make_session_factory(runtime.engine)() as session:
        _, token = KeyService(session).create("operator", ["admin", "read", "write", "review"])
        session.commit()
    admin = {"Authorization": f"Bearer {token}"}
    try:
        with TestClient(create_app(runtime.settings, runtime), raise_server_exceptions=False) as client:
            claims = [SEED_CLAIM, {"text": "The weather in Sulaimani was sunny on Saturday.", "speaker": "ESTA"}]
            assert client.post("/v1/claims/bulk", json={"claims": claims}, headers=admin).status_code == 200
            quote = client.post("/v1/quotes", json=LATER_QUOTE, headers=admin)
            assert quote.status_code == 201, quote.text
            pentagon_id = quote.json()["claim"]["speaker"]["id"]
            alias = client.post(
                f"/v1/sources/{pentagon_id}/aliases", json={"alias": "US Defense Department"}, headers=admin
            )
            assert alias.status_code in (200, 201), alias.text
            (flag,) = client.get("/v1/flags", headers=admin).json()["items"]
            review = client.post(
                f"/v1/flags/{flag['id']}/review", json={"status": "confirmed", "note": "checked"}, headers=admin
            )
            assert review.status_code == 200, review.text
            document = client.post(
                "/v1/documents", json={"text": ARTICLE, "url": "https://example.org/budget"}, headers=admin
            )
            assert document.status_code == 201, document.text
            assert document.json()["claims"], document.text
            hook = client.post(
                "/v1/webhooks", json={"url": "https://93.184.216.34/hook", "events": ["flag.created"]}, headers=admin
            )
            assert hook.status_code == 201, hook.text
            check = _check(client, admin)
    finally:
        runtime.close()
    return Record(url, admin, _counts(url), flag["id"], document.json()["id"], pentagon_id, check)


def test_the_copy_carries_the_whole_record_to_postgresql(
    source: Record,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    extractor: AttributionExtractor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    target_url = new_database_url("postgresql", request, "claimledger_copy_target")
    copied = _copy(source.url, target_url, monkeypatch)
    assert copied.exit_code == 0, copied.output
    assert _counts(target_url) == source.counts
    assert _rows(target_url) == _rows(source.url)
    assert source.counts["claims"] >= 4 and source.counts["claim_embeddings"] == source.counts["claims"]
    assert "claims" in copied.stdout and "differs" not in copied.stdout

    runtime = stand_in_runtime(target_url, extractor)
    try:
        with TestClient(create_app(runtime.settings, runtime), raise_server_exceptions=False) as client:
            keys = client.get("/v1/keys", headers=source.admin)
            assert keys.status_code == 200, keys.text  # the same key authenticates
            flag = client.get(f"/v1/flags/{source.flag_id}", headers=source.admin).json()
            assert flag["status"] == "confirmed"
            assert [(r["status"], r["note"]) for r in flag["reviews"]] == [("confirmed", "checked")]
            document = client.get(f"/v1/documents/{source.document_id}", headers=source.admin).json()
            assert document["url"] == "https://example.org/budget" and document["claims"]  # the API gives no text back
            speaker = client.get(f"/v1/sources/{source.pentagon_id}", headers=source.admin).json()
            assert "US Defense Department" in [a if isinstance(a, str) else a["alias"] for a in speaker["aliases"]]
            hooks = client.get("/v1/webhooks", headers=source.admin).json()["items"]
            assert [h["url"] for h in hooks] == ["https://93.184.216.34/hook"]
            check = _check(client, source.admin)
            assert [claim for claim, _ in check] == [claim for claim, _ in source.check]
            assert [round(s, 4) for _, s in check] == [round(s, 4) for _, s in source.check]
        with make_session_factory(runtime.engine)() as session:
            hits = LexicalIndex(session).search("Sulaimani weather", 5)
            weather = session.execute(
                select(Base.metadata.tables["claims"].c.id).where(
                    Base.metadata.tables["claims"].c.text.like("%Sulaimani%")
                )
            ).scalar_one()
            assert [hit.claim_id for hit in hits] == [weather]
    finally:
        runtime.close()

    back = f"sqlite:///{tmp_path / 'back.db'}"  # and back again: PostgreSQL into SQLite
    assert _copy(target_url, back, monkeypatch).exit_code == 0
    assert _rows(back) == _rows(target_url)

    held = _counts(target_url)  # the target's delivery worker has since tried the copied pending delivery
    again = _copy(source.url, target_url, monkeypatch)
    assert again.exit_code == 1, again.output
    assert "already holds" in again.output
    assert _counts(target_url) == held


def test_a_source_behind_head_is_refused_and_the_target_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    behind = f"sqlite:///{tmp_path / 'behind.db'}"
    upgrade(behind, "0045")
    target = tmp_path / "target.db"
    refused = _copy(behind, f"sqlite:///{target}", monkeypatch)
    assert refused.exit_code == 1, refused.output
    assert "claimledger db upgrade" in refused.output
    assert not target.exists() or target.stat().st_size == 0


def test_a_copy_that_fails_part_way_leaves_the_target_empty_to_run_again(source: Record, tmp_path: Path) -> None:
    target = f"sqlite:///{tmp_path / 'target.db'}"

    def fail_at_flags(table: str, done: int, total: int) -> None:
        if table == "flags":
            raise RuntimeError("connection lost")

    with pytest.raises(RuntimeError, match="connection lost"):
        copy_record(source.url, target, on_progress=fail_at_flags)
    assert set(_counts(target).values()) == {0}
    counts = copy_record(source.url, target)
    assert all(count.matches for count in counts)
    assert _counts(target) == source.counts


@pytest.mark.parametrize(
    ("source_url", "to", "code", "said"),
    [
        ("sqlite://", "sqlite:///{tmp}/t.db", 1, "error: CLAIMLEDGER_DATABASE_URL "),
        ("sqlite:///{tmp}/s.db", "sqlite://", 2, "error: --to: "),
        ("sqlite:///{tmp}/s.db", "not a url", 2, "error: --to is no database URL"),
        ("sqlite:///{tmp}/s.db", "mysql://u@h/d", 2, "error: --to: unsupported database URL"),
        ("sqlite:///{tmp}/s.db", "sqlite:///{tmp}/s.db", 1, "error: the target is the configured database itself"),
    ],
)
def test_a_url_the_copy_cannot_use_is_one_error_line(
    source_url: str, to: str, code: int, said: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused = _copy(source_url.format(tmp=tmp_path), to.format(tmp=tmp_path), monkeypatch)
    assert refused.exit_code == code, refused.output
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(said), refused.stderr
    assert refused.stdout == "" and list(tmp_path.iterdir()) == []


def test_no_copied_table_has_a_sequence_the_copy_would_have_to_set() -> None:
    """db/copy.py sets no sequence after the load: every key is a UUID or a name. An integer key added to the
    models would need one set past the copied rows (setval on PostgreSQL)."""
    integer_keys = [
        f"{table.name}.{column.name}"
        for table in copied_tables()
        for column in table.primary_key.columns
        if isinstance(column.type, Integer)
    ]
    assert integer_keys == []
