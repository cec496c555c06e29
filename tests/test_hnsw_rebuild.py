"""`claimledger db reindex-hnsw`: the HNSW index rebuilt with other parameters, searches answered throughout."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import numpy as np
import pytest
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from db.engine import make_engine, make_session_factory
from db.hnsw import HNSW_INDEX, BuildProgress, hnsw_parameters, rebuild_hnsw
from db.vector_index import VectorIndex
from service import cli
from service.config import get_settings
from tests.conftest import drop_hnsw
from tests.test_vector_index import KEY, MODEL, VERSION, add_claims, unit_rows


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    """The test database's engine with the index as ``HnswUpkeep`` builds it (pgvector's defaults); dropped
    afterwards, as the migrated database has none until the record needs it."""
    eng = make_engine(database_url)
    if eng.dialect.name == "postgresql":
        rebuild_hnsw(eng, 16, 64, concurrently=False)
    yield eng
    drop_hnsw(eng)
    eng.dispose()


def store(engine: Engine, count: int) -> tuple[list[str], np.ndarray]:
    vectors = unit_rows(np.random.default_rng(3), count)
    with make_session_factory(engine)() as session:
        ids = add_claims(session, count)
        VectorIndex(session).upsert(ids, vectors, MODEL, VERSION)
        session.commit()
    return ids, vectors


def test_rebuild_swaps_in_the_new_graph_while_searches_go_on(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("the HNSW index is PostgreSQL's")
    ids, vectors = store(engine, 400)
    assert hnsw_parameters(engine) == {"m": 16, "ef_construction": 64}  # pgvector's defaults
    searched: list[str] = []
    failures: list[BaseException] = []
    done = threading.Event()

    def search_meanwhile() -> None:  # the old index keeps answering while the new one is built beside it
        with make_session_factory(engine)() as session:
            index = VectorIndex(session, hnsw_ef_search=100, exact_up_to=0)
            while not done.is_set():
                try:
                    searched.append(index.search(vectors[7], KEY, 1)[0].claim_id)
                except BaseException as exc:  # reported below
                    failures.append(exc)
                    return
                session.rollback()

    reports: list[BuildProgress] = []
    searcher = threading.Thread(target=search_meanwhile)
    searcher.start()
    try:
        seconds = rebuild_hnsw(engine, 8, 32, maintenance_work_mem="64MB", on_progress=reports.append)
    finally:
        done.set()
        searcher.join()
    assert seconds > 0
    assert not failures and searched and set(searched) == {ids[7]}
    assert hnsw_parameters(engine) == {"m": 8, "ef_construction": 32}
    with engine.connect() as conn:
        names = set(
            conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'claim_embeddings'")).scalars()
        )
    assert HNSW_INDEX in names and not any(n.endswith("_rebuild") for n in names)
    with make_session_factory(engine)() as session:
        index = VectorIndex(session, hnsw_ef_search=100, exact_up_to=0)
        assert [index.search(vectors[i], KEY, 1)[0].claim_id for i in (0, 150, 399)] == [ids[0], ids[150], ids[399]]
    for report in reports:
        assert report.phase and report.done >= 0 and (report.total == 0 or report.done <= report.total)


def test_rebuild_refuses_parameters_pgvector_would_reject(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        with pytest.raises(ValueError, match="SQLite searches every vector exactly"):
            rebuild_hnsw(engine, 16, 64)
        return
    for m, ef_construction, memory in ((1, 64, "1GB"), (16, 20, "1GB"), (16, 64, "lots")):
        with pytest.raises(ValueError, match=r"m must be|maintenance_work_mem"):
            rebuild_hnsw(engine, m, ef_construction, maintenance_work_mem=memory)
    assert hnsw_parameters(engine) == {"m": 16, "ef_construction": 64}


def test_cli_reindexes_postgresql_and_explains_sqlite(
    engine: Engine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CLAIMLEDGER_DATABASE_URL", database_url)
    get_settings.cache_clear()
    reindex = ["db", "reindex-hnsw", "--m", "12", "--ef-construction", "48"]
    try:
        result = CliRunner().invoke(cli.app, reindex)
        if database_url.startswith("postgresql"):
            drop_hnsw(engine)  # a record with no index yet gets one
            first_build = CliRunner().invoke(cli.app, reindex)
    finally:
        get_settings.cache_clear()
    if database_url.startswith("postgresql"):
        assert result.exit_code == 0, result.output
        assert "m 12, ef_construction 48 (was m 16, ef_construction 64)" in result.output
        assert first_build.exit_code == 0, first_build.output
        assert "m 12, ef_construction 48 (there was none)" in first_build.output
        assert hnsw_parameters(engine) == {"m": 12, "ef_construction": 48}
    else:
        assert result.exit_code == 1
        assert "no HNSW index to rebuild" in result.output
