"""The in-memory vector mirror (SQLite): the same answers as the exact scan, through every kind of write made by
another connection (another process, as far as the mirror can tell), and after its change log is pruned."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence

import numpy as np
import pytest
from sqlalchemy import Engine, delete, text, update

from db.database import Database
from db.engine import make_engine, make_session_factory
from db.migrate import upgrade
from db.models import Claim, ClaimEmbedding
from db.vector_index import VectorHit, VectorIndex
from db.vector_mirror import VectorMirror, prune_change_log
from service.config import Settings
from service.runtime import Runtime
from tests.conftest import wipe
from tests.test_vector_index import KEY, MODEL, VERSION, add_claims, unit_rows


@pytest.fixture(scope="module")
def migrated_sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The mirror is SQLite's (PostgreSQL searches its HNSW index): one migrated file for this module."""
    url = f"sqlite:///{tmp_path_factory.mktemp('mirror') / 'mirror.db'}"
    upgrade(url)
    return url


@pytest.fixture
def sqlite_url(migrated_sqlite_url: str) -> str:
    engine = make_engine(migrated_sqlite_url)
    wipe(engine)
    engine.dispose()
    return migrated_sqlite_url


@pytest.fixture
def reader(sqlite_url: str) -> Iterator[Database]:
    db = Database.connect(sqlite_url, vector_mirror=True)
    yield db
    db.dispose()


@pytest.fixture
def writer(sqlite_url: str) -> Iterator[Engine]:
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


def search_both(
    db: Database, query: np.ndarray, k: int, model_key: str = KEY, exclude: tuple[str, ...] = ()
) -> tuple[list[VectorHit], list[VectorHit]]:
    """(mirror's hits, exact scan's hits) in one read transaction."""
    with db.read() as session:
        index = VectorIndex(session, mirror=db.vector_mirror)
        return index.search(query, model_key, k, exclude), index.exact_search(query, model_key, k, exclude)


def assert_same(db: Database, queries: np.ndarray, k: int = 10, model_key: str = KEY) -> None:
    for query in queries:
        mirrored, exact = search_both(db, query, k, model_key)
        assert [h.claim_id for h in mirrored] == [h.claim_id for h in exact]
        np.testing.assert_allclose([h.cosine_distance for h in mirrored], [h.cosine_distance for h in exact], atol=1e-5)


def store(writer: Engine, vectors: np.ndarray) -> list[str]:
    """New claims with these vectors, written and committed by another connection; their ids in order."""
    with make_session_factory(writer)() as session:
        ids = add_claims(session, len(vectors))
        VectorIndex(session).upsert(ids, vectors, MODEL, VERSION)
        session.commit()
    return ids


def test_the_mirror_answers_like_the_exact_scan(reader: Database, writer: Engine) -> None:
    rng = np.random.default_rng(31)
    vectors = unit_rows(rng, 2000)
    ids = store(writer, vectors)
    assert reader.vector_mirror is not None
    assert_same(reader, unit_rows(rng, 20))
    assert_same(reader, vectors[:5], k=1)  # a stored vector finds itself first
    mirrored, exact = search_both(reader, vectors[3], 6, exclude=(ids[3], ids[10]))
    assert [h.claim_id for h in mirrored] == [h.claim_id for h in exact] and ids[3] not in {
        h.claim_id for h in mirrored
    }
    assert search_both(reader, vectors[0], 5, model_key="no-such-model@0") == ([], [])
    assert reader.vector_mirror.loads == 2  # each partition loaded once, then only replayed


def test_the_mirror_follows_writes_from_elsewhere(reader: Database, writer: Engine) -> None:
    rng = np.random.default_rng(37)
    factory = make_session_factory(writer)
    with factory() as session:
        ids = add_claims(session, 300)
        first = unit_rows(rng, 300)
        VectorIndex(session).upsert(ids, first, MODEL, VERSION)
        session.commit()
    queries = unit_rows(rng, 8)
    assert_same(reader, queries)  # loads the partition

    with factory() as session:  # new claims
        more = add_claims(session, 50, prefix="more")
        VectorIndex(session).upsert(more, unit_rows(rng, 50), MODEL, VERSION)
        session.commit()
    assert_same(reader, queries)
    with factory() as session:  # a replaced vector: the old one is gone, the new one found
        replacement = unit_rows(rng, 1)
        VectorIndex(session).upsert([ids[4]], replacement, MODEL, VERSION)
        session.commit()
    mirrored, _ = search_both(reader, replacement[0], 1)
    assert mirrored[0].claim_id == ids[4]
    assert ids[4] not in {h.claim_id for h in search_both(reader, first[4], 1)[0]}
    with factory() as session:  # deletes, ORM and cascading from plain SQL
        session.delete(session.get(Claim, ids[0]))
        session.execute(delete(Claim).where(Claim.id.in_(ids[1:40])))
        session.commit()
    assert_same(reader, np.vstack([queries, first[:3]]))
    with factory() as session:  # an UPDATE in place (no code of ours does it; the triggers still see it)
        moved = unit_rows(rng, 1)[0]
        session.execute(update(ClaimEmbedding).where(ClaimEmbedding.claim_id == ids[50]).values(embedding=moved))
        session.commit()
    assert search_both(reader, moved, 1)[0][0].claim_id == ids[50]
    with factory() as session:  # a zero vector is nobody's neighbour; a rolled-back write leaves no trace
        VectorIndex(session).upsert([ids[60]], np.zeros((1, 384), dtype=np.float32), MODEL, VERSION)
        session.commit()
        VectorIndex(session).upsert([ids[61]], unit_rows(rng, 1), MODEL, VERSION)
        session.rollback()
    assert_same(reader, np.vstack([queries, first[60:62]]), k=400)
    with factory() as session:  # another model, then the first dropped
        VectorIndex(session).upsert(ids[40:], unit_rows(rng, 260), "next-model", "1")
        session.commit()
        VectorIndex(session).drop_other_models("next-model@1")
        session.commit()
    assert search_both(reader, queries[0], 5) == ([], [])
    assert_same(reader, queries, model_key="next-model@1")
    assert reader.vector_mirror is not None and reader.vector_mirror.loads == 2


def test_a_pruned_change_log_reloads_the_partition(reader: Database, writer: Engine) -> None:
    rng = np.random.default_rng(41)
    factory = make_session_factory(writer)
    ids = store(writer, unit_rows(rng, 100))
    queries = unit_rows(rng, 5)
    assert_same(reader, queries)
    mirror = reader.vector_mirror
    assert mirror is not None and mirror.loads == 1
    with factory() as session:  # changes the mirror has not replayed, then all but the newest 10 entries pruned
        VectorIndex(session).upsert(ids[:30], unit_rows(rng, 30), MODEL, VERSION)
        session.execute(delete(Claim).where(Claim.id.in_(ids[30:40])))
        assert prune_change_log(session, keep=10) > 0
        session.commit()
        assert session.execute(text("SELECT count(*) FROM claim_vec_changes")).scalar_one() == 10
    assert_same(reader, queries)
    assert mirror.loads == 2  # it could not replay what was pruned, so it read the partition again
    with factory() as session:
        VectorIndex(session).upsert(ids[50:55], unit_rows(rng, 5), MODEL, VERSION)
        session.commit()
    assert_same(reader, queries)
    assert mirror.loads == 2  # and replays from there on


def test_many_small_changes_compact_and_stay_exact(sqlite_url: str, writer: Engine) -> None:
    """A long-lived copy through many replaced vectors: its matrix is rebuilt, its answers stay the scan's."""
    rng = np.random.default_rng(43)
    db = Database.connect(sqlite_url)
    db.vector_mirror = VectorMirror()  # by hand: a mirror is a plain object, not tied to how the Database was made
    factory = make_session_factory(writer)
    try:
        ids = store(writer, unit_rows(rng, 60))
        queries = unit_rows(rng, 4)
        for round_ in range(6):
            with factory() as session:
                chosen = [ids[int(i)] for i in rng.choice(60, size=25, replace=False)]
                VectorIndex(session).upsert(chosen, unit_rows(rng, 25), MODEL, VERSION)
                session.commit()
            assert_same(db, queries, k=15)
            partition = next(iter(db.vector_mirror._partitions.values()))
            assert partition.count <= 60 * 1.3, round_  # dead rows do not pile up
    finally:
        db.dispose()


def test_warming_loads_once_ahead_of_the_first_search(reader: Database, writer: Engine) -> None:
    rng = np.random.default_rng(47)
    with make_session_factory(writer)() as session:
        ids = add_claims(session, 40)
        vectors = unit_rows(rng, 40)
        vectors[7] = 0.0  # stored, but never anybody's neighbour
        VectorIndex(session).upsert(ids, vectors, MODEL, VERSION)
        session.commit()
    mirror = reader.vector_mirror
    assert mirror is not None
    with reader.read() as session:
        assert mirror.warm(session, KEY, 384) == 39
    assert mirror.loads == 1
    assert_same(reader, unit_rows(rng, 3))
    assert mirror.loads == 1  # the searches found it loaded


class _StampEncoder:
    """Only the stamp and dimension of an encoder: what warming the mirror reads."""

    name, version, dim = MODEL, VERSION, 384

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        raise AssertionError("warming encodes nothing")


def test_the_service_warms_its_mirror_while_loading_models(sqlite_url: str, writer: Engine) -> None:
    rng = np.random.default_rng(53)
    store(writer, unit_rows(rng, 25))
    runtime = Runtime.create(Settings(database_url=sqlite_url))
    try:
        mirror = runtime.db.vector_mirror
        assert mirror is not None and mirror.loads == 0  # on by default on SQLite
        runtime._warm_vector_mirror(_StampEncoder())
        assert mirror.loads == 1
        assert_same(runtime.db, unit_rows(rng, 2))
        assert mirror.loads == 1
    finally:
        runtime.db.dispose()


def test_concurrent_searches_beside_a_writer_never_fail_and_end_exact(reader: Database, writer: Engine) -> None:
    """Searches on four threads while another process's writes add, replace and delete vectors (so the copy
    replays, grows and compacts under them): no search fails or returns a vector of another model, and once
    the writes stop the copy answers as the exact scan does."""
    rng = np.random.default_rng(59)
    factory = make_session_factory(writer)
    ids = store(writer, unit_rows(rng, 200))
    queries = unit_rows(rng, 6)
    stop = threading.Event()
    errors: list[BaseException] = []

    def search() -> None:
        try:
            while not stop.is_set():
                for query in queries:
                    with reader.read() as session:
                        hits = VectorIndex(session, mirror=reader.vector_mirror).search(query, KEY, 10)
                    assert len(hits) == len({h.claim_id for h in hits})
                    assert all(0.0 <= h.cosine_distance <= 2.0 for h in hits)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=search) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        for round_ in range(12):
            with factory() as session:
                chosen = [ids[int(i)] for i in rng.choice(len(ids), size=40, replace=False)]
                VectorIndex(session).upsert(chosen, unit_rows(rng, 40), MODEL, VERSION)
                if round_ % 3 == 2:
                    session.execute(delete(Claim).where(Claim.id.in_(ids[-5:])))
                    ids = ids[:-5]
                more = add_claims(session, 10, prefix=f"round{round_}")
                VectorIndex(session).upsert(more, unit_rows(rng, 10), MODEL, VERSION)
                ids += more
                session.commit()
    finally:
        stop.set()
        for thread in threads:
            thread.join(30)
    assert not errors, errors[0]
    assert_same(reader, queries)
