"""The vector index on both backends: KNN (vec0 on SQLite, HNSW on PostgreSQL) against the exact scan, and the
vec0 table kept in step with ``claim_embeddings`` by every write (upsert, replace, drop, cascading deletes)."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from sqlalchemy import Engine, delete, func, select, text
from sqlalchemy.orm import Session

from db.engine import make_engine, make_session_factory
from db.hnsw import BUILD_LOCK_KEY, HnswUpkeep, hnsw_ready
from db.models import Claim, ClaimEmbedding, Source
from db.vector_index import VectorIndex
from tests.conftest import drop_hnsw

DIM = 384
MODEL, VERSION = "test-model", "1"
KEY = f"{MODEL}@{VERSION}"


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


def unit_rows(rng: np.random.Generator, n: int, dim: int = DIM) -> np.ndarray:
    vectors = rng.standard_normal((n, dim)).astype(np.float32)
    unit: np.ndarray = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    return unit


def add_claims(session: Session, n: int, prefix: str = "c") -> list[str]:
    speaker = session.scalar(select(Source).where(Source.name_key == "desk"))
    if speaker is None:
        speaker = Source(name="Desk", name_key="desk")
        session.add(speaker)
    claims = [Claim(text=f"{prefix} statement {i}", speaker=speaker) for i in range(n)]
    session.add_all(claims)
    session.flush()
    return [c.id for c in claims]


def vec0_count(session: Session, model_key: str | None = None) -> int:
    """Rows in the vec0 table (SQLite), for one model or all."""
    if model_key is None:
        return int(session.execute(text("SELECT count(*) FROM claim_vec_384")).scalar_one())
    return int(
        session.execute(text("SELECT count(*) FROM claim_vec_384 WHERE model_key = :k"), {"k": model_key}).scalar_one()
    )


def embedding_count(session: Session, model_key: str | None = None) -> int:
    stmt = select(func.count()).select_from(ClaimEmbedding).where(ClaimEmbedding.dim == DIM)
    if model_key is not None:
        stmt = stmt.where(ClaimEmbedding.model_key == model_key)
    return int(session.scalar(stmt) or 0)


def assert_in_step(session: Session) -> None:
    """On SQLite the vec0 index holds exactly the 384-dimensional rows of claim_embeddings, model by model."""
    if session.get_bind().dialect.name != "sqlite":
        return
    stored = session.execute(
        select(ClaimEmbedding.id, ClaimEmbedding.claim_id, ClaimEmbedding.model_key).where(ClaimEmbedding.dim == DIM)
    ).all()
    indexed = session.execute(text("SELECT embedding_id, claim_id, model_key FROM claim_vec_384")).all()
    assert sorted(map(tuple, indexed)) == sorted(map(tuple, stored))


@pytest.mark.usefixtures("hnsw_index")
def test_knn_matches_the_exact_scan_on_random_vectors(engine: Engine) -> None:
    rng = np.random.default_rng(23)
    vectors = unit_rows(rng, 3000)
    queries = unit_rows(rng, 25)
    with make_session_factory(engine)() as session:
        ids = add_claims(session, len(vectors))
        VectorIndex(session).upsert(ids, vectors, MODEL, VERSION)
        session.commit()
        index = VectorIndex(session, hnsw_ef_search=200, exact_up_to=0)  # the HNSW index, however small the record
        recall = []
        for query in queries:
            knn = index.search(query, KEY, 10)
            exact = index.exact_search(query, KEY, 10)
            assert len(knn) == len(exact) == 10
            truth = [ids[i] for i in np.argsort(-(vectors @ query), kind="stable")[:10]]
            assert [h.claim_id for h in exact] == truth  # the reference itself is right
            recall.append(len({h.claim_id for h in knn} & set(truth)) / 10)
            if engine.dialect.name == "sqlite":  # vec0 is exact: same claims, same order, same distances
                assert [h.claim_id for h in knn] == truth
                np.testing.assert_allclose(
                    [h.cosine_distance for h in knn], [h.cosine_distance for h in exact], atol=1e-6
                )
            session.rollback()
        # HNSW is approximate; 3,000 random 384-d vectors (no structure to exploit) are a hard case for it.
        assert float(np.mean(recall)) >= (1.0 if engine.dialect.name == "sqlite" else 0.95)


def test_a_small_record_is_searched_exactly_on_both_backends(engine: Engine) -> None:
    """Up to EXACT_SEARCH_UP_TO vectors PostgreSQL scans them all, as SQLite does: the same record gives the same
    neighbours in the same order on both backends. HNSW did not: it walks every model's vectors and filters by
    model afterwards, so with a second model's vectors beside the first (an encoder change under way) a search
    came back with fewer hits than asked for, and missed some of the nearest."""
    rng = np.random.default_rng(29)
    vectors = unit_rows(rng, 1500)
    beside = vectors + 0.05 * unit_rows(rng, 1500)
    beside /= np.linalg.norm(beside, axis=1, keepdims=True)
    with make_session_factory(engine)() as session:
        ids = add_claims(session, len(vectors))
        VectorIndex(session).upsert(ids, vectors, MODEL, VERSION)
        VectorIndex(session).upsert(ids, beside, "next-model", "1")
        session.commit()
        if engine.dialect.name == "postgresql":  # statistics, as autovacuum keeps them: the planner takes the index
            session.execute(text("ANALYZE claim_embeddings"))
            session.commit()
        index = VectorIndex(session, hnsw_ef_search=40)
        for query in unit_rows(rng, 10):
            order = np.argsort(-(vectors @ query), kind="stable")[:50]
            hits = index.search(query, KEY, 50)
            assert [h.claim_id for h in hits] == [ids[i] for i in order]
            np.testing.assert_allclose([h.cosine_distance for h in hits], 1.0 - vectors[order] @ query, atol=1e-5)
            session.rollback()


@pytest.mark.usefixtures("hnsw_index")
def test_postgresql_leaves_a_larger_record_to_hnsw(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past ``exact_up_to`` rows (counted before the table is analysed, then estimated from its pages as the
    planner does, so rows added since the last ANALYZE count) the HNSW index answers, not the scan. Vectors go in
    by COPY, which extends the table by many pages at once: right after the first 300 rows about half its pages are
    still empty (the estimate reads a low density until they fill), so the rows added since are 900."""
    if engine.dialect.name != "postgresql":
        pytest.skip("SQLite always searches exactly")
    rng = np.random.default_rng(31)
    vectors = unit_rows(rng, 1200)
    with make_session_factory(engine)() as session:
        ids = add_claims(session, len(vectors))
        VectorIndex(session).upsert(ids[:300], vectors[:300], MODEL, VERSION)
        session.commit()
        assert VectorIndex(session, exact_up_to=350)._pg_small()  # 300 rows, counted or estimated
        assert not VectorIndex(session, exact_up_to=250)._pg_small()
        session.execute(text("ANALYZE claim_embeddings"))
        session.commit()
        assert VectorIndex(session, exact_up_to=350)._pg_small()  # estimated from the statistics
        VectorIndex(session).upsert(ids[300:], vectors[300:], MODEL, VERSION)
        session.commit()
        assert not VectorIndex(session, exact_up_to=450)._pg_small()  # 900 more rows, not yet analysed, count
        assert VectorIndex(session, exact_up_to=0)._pg_small() is False

        scanned: list[str] = []

        def scan(*args: object, **kwargs: object) -> list[object]:
            scanned.append("exact")
            return []

        hnsw = VectorIndex(session, exact_up_to=450)
        monkeypatch.setattr(hnsw, "exact_search", scan)
        assert hnsw.search(vectors[5], KEY, 3)[0].claim_id == ids[5] and not scanned
        exact = VectorIndex(session, exact_up_to=10_000)
        monkeypatch.setattr(exact, "exact_search", scan)
        assert exact.search(vectors[5], KEY, 3) == [] and scanned == ["exact"]


def test_postgresql_builds_the_hnsw_index_when_the_record_first_needs_it(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No index on a record searched exactly (every insert would pay its upkeep for nothing). Past the size, with
    none yet, searches stay exact and ask for it; it is built in the background, once, and then answers."""
    if engine.dialect.name != "postgresql":
        pytest.skip("the HNSW index is PostgreSQL's")
    drop_hnsw(engine)
    rng = np.random.default_rng(37)
    vectors = unit_rows(rng, 400)
    upkeep = HnswUpkeep(engine, 300)
    try:
        with make_session_factory(engine)() as session:
            ids = add_claims(session, len(vectors))
            VectorIndex(session).upsert(ids[:250], vectors[:250], MODEL, VERSION)
            session.commit()
            upkeep.request()  # 250 vectors: searched exactly, no index wanted
            upkeep.wait()
            assert not hnsw_ready(session) and upkeep.built_seconds is None
            VectorIndex(session).upsert(ids[250:], vectors[250:], MODEL, VERSION)
            session.commit()

            scanned: list[str] = []
            index = VectorIndex(session, exact_up_to=300, hnsw_upkeep=upkeep)
            real_scan = index.exact_search

            def scan(*args: object, **kwargs: object) -> object:
                scanned.append("exact")
                return real_scan(*args, **kwargs)  # type: ignore[arg-type]

            monkeypatch.setattr(index, "exact_search", scan)
            upkeep._next_check = 0.0  # the size was looked at a moment ago; look again now
            assert index.search(vectors[5], KEY, 3)[0].claim_id == ids[5]
            assert scanned == ["exact"]  # no index yet: the exact answer, and the index asked for
            session.rollback()
            upkeep.wait()
            assert upkeep.built_seconds is not None and upkeep.ready and hnsw_ready(session)
            session.rollback()
            assert index.search(vectors[6], KEY, 3)[0].claim_id == ids[6]
            assert scanned == ["exact"]  # the index answers now
    finally:
        upkeep.close()
        drop_hnsw(engine)


def test_one_hnsw_build_at_a_time_per_database(engine: Engine) -> None:
    """Two processes' upkeeps (the API's, a worker's) asking at once: one builds, the other leaves it to it."""
    if engine.dialect.name != "postgresql":
        pytest.skip("the HNSW index is PostgreSQL's")
    drop_hnsw(engine)
    rng = np.random.default_rng(41)
    with make_session_factory(engine)() as session:
        ids = add_claims(session, 300)
        VectorIndex(session).upsert(ids, unit_rows(rng, 300), MODEL, VERSION)
        session.commit()
    other = make_engine(str(engine.url.render_as_string(hide_password=False)))
    first, second = HnswUpkeep(engine, 100), HnswUpkeep(other, 100)
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as holder:
            holder.execute(text("SELECT pg_advisory_lock(:k)"), {"k": BUILD_LOCK_KEY})  # a build under way elsewhere
            second.request()
            second.wait()
            assert second.built_seconds is None and not second.ready
            holder.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": BUILD_LOCK_KEY})
        first.request()
        first.wait()
        assert first.built_seconds is not None and first.ready
        second._next_check = 0.0
        second.request()
        second.wait()
        assert second.built_seconds is None and second.ready  # found in place, not built again
    finally:
        first.close()
        second.close()
        other.dispose()
        drop_hnsw(engine)


def test_a_closed_upkeep_builds_nothing(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("the HNSW index is PostgreSQL's")
    drop_hnsw(engine)
    with make_session_factory(engine)() as session:
        ids = add_claims(session, 50)
        VectorIndex(session).upsert(ids, unit_rows(np.random.default_rng(43), 50), MODEL, VERSION)
        session.commit()
    upkeep = HnswUpkeep(engine, 10)
    upkeep.close()
    upkeep.request()
    upkeep.wait()
    with engine.connect() as conn:
        assert not hnsw_ready(conn)


def test_search_respects_model_key_exclusions_and_k(engine: Engine) -> None:
    rng = np.random.default_rng(5)
    with make_session_factory(engine)() as session:
        ids = add_claims(session, 40)
        a, b = unit_rows(rng, 40), unit_rows(rng, 40)
        VectorIndex(session).upsert(ids, a, MODEL, VERSION)
        VectorIndex(session).upsert(ids[:20], b[:20], "other-model", "2")
        session.commit()
        index = VectorIndex(session)
        query = a[7]
        hits = index.search(query, KEY, 5)
        assert hits[0].claim_id == ids[7] and hits[0].cosine_distance == pytest.approx(0.0, abs=1e-5)
        excluded = index.search(query, KEY, 5, exclude=[ids[7], hits[1].claim_id])
        assert [h.claim_id for h in excluded] == [h.claim_id for h in index.search(query, KEY, 7)][2:7]
        assert ids[7] not in {h.claim_id for h in excluded}
        other = index.search(b[3], "other-model@2", 50)
        assert len(other) == 20 and other[0].claim_id == ids[3]  # only that model's 20 vectors
        assert index.search(query, "no-such-model@0", 5) == []
        assert index.search(query, KEY, 0) == []


def test_upsert_replace_drop_and_deletes_keep_the_index_in_step(engine: Engine) -> None:
    rng = np.random.default_rng(9)
    with make_session_factory(engine)() as session:
        ids = add_claims(session, 30)
        first = unit_rows(rng, 30)
        VectorIndex(session).upsert(ids, first, MODEL, VERSION)
        session.commit()
        assert_in_step(session)

        # Replacing a claim's vector: the old one is no longer found, the new one is.
        replacement = unit_rows(rng, 1)[0]
        VectorIndex(session).upsert([ids[4]], replacement[None, :], MODEL, VERSION)
        session.commit()
        assert_in_step(session)
        assert embedding_count(session, KEY) == 30
        index = VectorIndex(session)
        assert index.search(replacement, KEY, 1)[0].claim_id == ids[4]
        assert ids[4] not in {h.claim_id for h in index.search(first[4], KEY, 1)}

        # A second model beside the first, then the first dropped.
        second = unit_rows(rng, 30)
        VectorIndex(session).upsert(ids, second, "next-model", "1")
        session.commit()
        assert_in_step(session)
        assert VectorIndex(session).drop_other_models("next-model@1") == 30
        session.commit()
        assert_in_step(session)
        assert VectorIndex(session).search(first[0], KEY, 5) == []
        assert VectorIndex(session).search(second[0], "next-model@1", 1)[0].claim_id == ids[0]

        # Deleting claims (ORM and plain SQL) cascades to their vectors, and so to the index.
        session.delete(session.get(Claim, ids[0]))
        session.execute(delete(Claim).where(Claim.id.in_(ids[1:3])))
        session.commit()
        assert_in_step(session)
        assert embedding_count(session) == 27
        if engine.dialect.name == "sqlite":
            assert vec0_count(session) == 27
        assert {ids[0], ids[1], ids[2]}.isdisjoint({h.claim_id for h in index.search(second[1], "next-model@1", 30)})

        # A rolled-back write leaves the index as it was.
        VectorIndex(session).upsert([ids[5]], unit_rows(rng, 1), "next-model", "1")
        session.rollback()
        assert_in_step(session)


def test_equal_distances_come_in_storage_order(engine: Engine) -> None:
    """Claims with the same text have the same vector; the first stored is found first, on either path."""
    rng = np.random.default_rng(11)
    same = unit_rows(rng, 1)[0]
    with make_session_factory(engine)() as session:
        ids = add_claims(session, 12)
        noise = unit_rows(rng, 2)
        vectors = np.stack([same if i % 6 != 5 else noise[i // 6] for i in range(12)])
        for claim_id, vector in zip(ids, vectors, strict=True):  # one flush each: storage order is ids order
            VectorIndex(session).upsert([claim_id], vector[None, :], MODEL, VERSION)
        session.commit()
        expected = [i for i in ids if ids.index(i) % 6 != 5]
        index = VectorIndex(session)
        assert [h.claim_id for h in index.exact_search(same, KEY, 10)] == expected
        if engine.dialect.name == "sqlite":  # vec0 returns ties newest first; the index puts them back in order
            assert [h.claim_id for h in index.search(same, KEY, 10)] == expected
            assert [h.claim_id for h in index.search(same, KEY, 3)] == expected[:3]


def test_other_dimensions_are_searched_exactly(engine: Engine) -> None:
    rng = np.random.default_rng(3)
    with make_session_factory(engine)() as session:
        ids = add_claims(session, 15)
        vectors = unit_rows(rng, 15, dim=16)
        VectorIndex(session).upsert(ids, vectors, "small", "1")
        session.commit()
        assert_in_step(session)  # nothing of dimension 16 enters the vec0 table
        hits = VectorIndex(session).search(vectors[2], "small@1", 3)
        assert [h.claim_id for h in hits] == [ids[i] for i in np.argsort(-(vectors @ vectors[2]))[:3]]


def test_a_zero_vector_is_nobodys_neighbour(engine: Engine) -> None:
    rng = np.random.default_rng(4)
    with make_session_factory(engine)() as session:
        ids = add_claims(session, 4)
        vectors = unit_rows(rng, 4)
        vectors[1] = 0.0
        VectorIndex(session).upsert(ids, vectors, MODEL, VERSION)
        session.commit()
        for search in (VectorIndex(session).search, VectorIndex(session).exact_search):
            assert [h.claim_id for h in search(vectors[0], KEY, 10)] == [
                ids[i] for i in sorted((0, 2, 3), key=lambda i: -float(vectors[i] @ vectors[0]))
            ]


def test_stored_vectors_read_back_bit_for_bit_with_their_model(engine: Engine) -> None:
    """Whatever the input's dtype or layout, each claim's row holds its float32 vector exactly, stamped with the
    model, its version and dimension (on PostgreSQL the rows go in by binary COPY, not an INSERT)."""
    rng = np.random.default_rng(5)
    wide = rng.standard_normal((40, DIM))  # float64, and a strided view below
    with make_session_factory(engine)() as session:
        ids = add_claims(session, 20)
        VectorIndex(session).upsert(ids, wide[::2], MODEL, VERSION)
        session.commit()
        rows = session.execute(select(ClaimEmbedding).where(ClaimEmbedding.claim_id.in_(ids))).scalars().all()
        assert len(rows) == 20 and len({r.id for r in rows}) == 20
        by_claim = {r.claim_id: r for r in rows}
        for claim_id, vector in zip(ids, wide[::2], strict=True):
            row = by_claim[claim_id]
            assert (row.model_key, row.model_name, row.model_version, row.dim) == (KEY, MODEL, VERSION, DIM)
            assert row.embedding.dtype == np.float32
            assert np.array_equal(row.embedding, vector.astype(np.float32))
            assert row.created_at.tzinfo is not None
        stored = VectorIndex(session).stored(KEY, ids)
        assert np.array_equal(stored[ids[3]], wide[6].astype(np.float32))
        assert VectorIndex(session).exact_search(wide[8].astype(np.float32), KEY, 1)[0].claim_id == ids[4]


def test_the_vector_type_is_looked_up_once_per_connection(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL: the binary COPY needs the ``vector`` type's oid, which each database gives its own; it is read
    from the catalog once per connection, not on every write, and a new connection reads it again."""
    if engine.dialect.name != "postgresql":
        pytest.skip("the binary COPY is PostgreSQL's")
    from psycopg.types import TypeInfo

    import db.vector_index as vector_index

    lookups: list[str] = []

    class CountingTypeInfo(TypeInfo):
        @classmethod
        def fetch(cls, conn: object, name: object) -> object:  # type: ignore[override]
            lookups.append(str(name))
            return TypeInfo.fetch(conn, name)  # type: ignore[call-overload]

    monkeypatch.setattr(vector_index, "TypeInfo", CountingTypeInfo)
    rng = np.random.default_rng(11)
    with make_session_factory(engine)() as session:
        ids = add_claims(session, 6)
        for start in (0, 2, 4):
            VectorIndex(session).upsert(ids[start : start + 2], unit_rows(rng, 2), MODEL, VERSION)
        session.commit()
        assert lookups == ["vector"]
        assert embedding_count(session, KEY) == 6
    engine.dispose()  # the next session gets a new connection, which looks the type up for itself
    with make_session_factory(engine)() as session:
        VectorIndex(session).upsert(ids[:1], unit_rows(rng, 1), MODEL, VERSION)
        session.commit()
        assert lookups == ["vector", "vector"]
        assert embedding_count(session, KEY) == 6
