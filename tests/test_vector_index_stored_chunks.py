"""``VectorIndex.stored`` reads its ids in chunks (``STORED_CHUNK``): an article's claims ask for all their
candidates' vectors in one ``cosines_many``, more ids than SQLite takes in one statement."""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pytest
from sqlalchemy import Engine

from db import vector_index
from db.engine import make_engine, make_session_factory
from db.vector_index import VectorIndex
from tests.test_vector_index import KEY, MODEL, VERSION, add_claims, unit_rows


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


def test_vectors_read_in_chunks_are_every_vector_asked_for(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(11)
    with make_session_factory(engine)() as session:
        ids = add_claims(session, 23)
        vectors = unit_rows(rng, 23)
        VectorIndex(session).upsert(ids[:20], vectors[:20], MODEL, VERSION)  # the last three have no vector
        session.commit()
        asked = [*ids[::-1], "no-such-claim"]
        whole = VectorIndex(session).stored(KEY, asked)
        monkeypatch.setattr(vector_index, "STORED_CHUNK", 4)
        chunked = VectorIndex(session).stored(KEY, asked)
        queries = [(vectors[n], ids[n : n + 9]) for n in range(0, 20, 3)]
        cosines = VectorIndex(session).cosines_many(queries, KEY)
    assert sorted(whole) == sorted(chunked) == sorted(ids[:20])
    for claim_id, vector in zip(ids[:20], vectors[:20], strict=True):
        assert np.array_equal(chunked[claim_id], whole[claim_id])
        assert np.allclose(chunked[claim_id], vector, atol=1e-6)
    for (vector, named), found in zip(queries, cosines, strict=True):
        expected = {c: float(np.dot(vector, whole[c])) for c in named if c in whole}
        assert found == pytest.approx(expected, abs=1e-5)
