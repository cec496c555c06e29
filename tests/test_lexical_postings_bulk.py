"""PostgreSQL's keyword postings (``claim_terms``, 0010) under multi-row writes: written once per statement (0018)
and always exactly what each stored claim's ``fts_vector`` and ``fts_length`` say."""

from __future__ import annotations

import random

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db.engine import make_engine, make_session_factory
from db.migrate import downgrade, upgrade
from db.models import Claim, Source
from tests.conftest import BACKENDS, new_database_url
from tests.test_lexical_index import TOKENISATION, store
from tests.test_lexical_invisible import CONTEXTS, STORED_WITH_INVISIBLE

DERIVED = text(
    "SELECT u.lexeme, c.id, coalesce(array_length(u.positions, 1), 1), c.fts_length "
    "FROM claims c CROSS JOIN LATERAL unnest(c.fts_vector) AS u ORDER BY 1, 2"
)
POSTINGS = text("SELECT lexeme, CAST(claim_id AS text), tf, len FROM claim_terms ORDER BY 1, 2")
# Calls of the postings trigger functions in this transaction (track_functions is set for it).
POSTINGS_CALLS = text(
    "SELECT coalesce(sum(calls), 0) FROM pg_stat_xact_user_functions WHERE funcname LIKE 'claimledger_claim_terms%'"
)
WORDS = [
    "ferry",
    "ferries",
    "harbour",
    "bridge",
    "toll",
    "tolls",
    "rose",
    "fell",
    "senator",
    "café",
    "naïve",
    "9/11",
    "COVID-19",
    "U.S.",
    "us",
    "as",
    "the",
    "of",
    "in",
    "budget",
    "minister",
    "said",
    "spending",
    "2,500",
    "percent",
    "closed",
    "opened",
    "tunnel",
    "council",
    "voters",
    "coalition",
    "Iraq",
]


def texts(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 30))) for _ in range(count)]


# Claims whose stored tokens are not what 0008's (0013's) generated expressions compute from their text.
NOT_AS_GENERATED = text(
    "SELECT text FROM claims WHERE fts_vector IS DISTINCT FROM claimledger_fts_vector(text) OR fts_length "
    "IS DISTINCT FROM coalesce(array_length(string_to_array(btrim(claimledger_fts_text(text)), ' '), 1), 0)"
)


def assert_postings_derived(session: Session) -> None:
    """The postings are the stored tokens', and those are the text's."""
    assert session.execute(POSTINGS).all() == session.execute(DERIVED).all()
    assert session.execute(NOT_AS_GENERATED).scalars().all() == []


def postings_calls(session: Session) -> int:
    return int(session.execute(POSTINGS_CALLS).scalar_one())


def test_postgresql_a_bulk_write_keeps_the_postings_in_one_call_a_statement(database_url: str) -> None:
    """A flush of 500 claims (one multi-row INSERT, as bulk ingest writes) and a DELETE of 300 each run the postings
    function once, not once a claim; text edits, upserts and writable CTEs leave the postings exactly derived."""
    if not database_url.startswith("postgresql"):
        pytest.skip("the postings table is PostgreSQL's (FTS5 keeps its own)")
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            session.execute(text("SET LOCAL track_functions = 'pl'"))
            ids = store(session, texts(500, 1))
            assert postings_calls(session) == 1
            assert_postings_derived(session)
            session.execute(text("DELETE FROM claims WHERE id = ANY(CAST(:ids AS text[]))"), {"ids": ids[:300]})
            assert postings_calls(session) == 2
            assert_postings_derived(session)
            session.commit()

            # Edits: several texts changed in one statement, one set to itself, other columns only.
            edits = dict(zip(ids[300:310], texts(10, 2), strict=True))
            session.execute(
                text(
                    "UPDATE claims SET text = e.t FROM unnest(CAST(:ids AS text[]), CAST(:ts AS text[])) e(id, t) "
                    "WHERE claims.id = e.id"
                ),
                {"ids": list(edits), "ts": list(edits.values())},
            )
            session.execute(text("UPDATE claims SET text = text WHERE id = ANY(CAST(:ids AS text[]))"), {"ids": ids})
            session.execute(
                text("UPDATE claims SET stance = 'denies' WHERE id = ANY(CAST(:ids AS text[]))"), {"ids": ids}
            )
            assert_postings_derived(session)
            session.commit()

            # An upsert: the conflicting rows are updated (their text too), the others inserted.
            speaker_id = session.scalar(select(Source.id))
            session.execute(
                text("UPDATE claims SET external_id = 'ext-' || id WHERE id = ANY(CAST(:ids AS text[]))"),
                {"ids": ids[300:320]},
            )
            rows = [(f"ext-{i}", t) for i, t in zip(ids[300:320], texts(20, 3), strict=True)]
            rows += [(f"ext-new-{n}", t) for n, t in enumerate(texts(20, 4))]
            session.execute(
                text(
                    "INSERT INTO claims (id, text, speaker_id, said_at_is_date, kind, stance, external_id, metadata, "
                    "created_at, updated_at) SELECT gen_random_uuid()::text, r.t, :speaker, false, 'statement', "
                    "'asserts', r.x, '{}'::json, now(), now() FROM unnest(CAST(:xs AS text[]), CAST(:ts AS text[])) "
                    "r(x, t) ON CONFLICT (external_id) DO UPDATE SET text = excluded.text"
                ),
                {"speaker": speaker_id, "xs": [x for x, _ in rows], "ts": [t for _, t in rows]},
            )
            session.execute(
                text(
                    "INSERT INTO claims (id, text, speaker_id, said_at_is_date, kind, stance, external_id, metadata, "
                    "created_at, updated_at) SELECT gen_random_uuid()::text, 'never stored', :speaker, false, "
                    "'statement', 'asserts', x, '{}'::json, now(), now() FROM unnest(CAST(:xs AS text[])) x "
                    "ON CONFLICT (external_id) DO NOTHING"
                ),
                {"speaker": speaker_id, "xs": [x for x, _ in rows]},
            )
            assert_postings_derived(session)
            assert session.scalar(text("SELECT count(*) FROM claim_terms WHERE lexeme = 'never'")) == 0
            session.commit()

            # One statement deleting some claims and inserting copies of them under new ids.
            session.execute(
                text(
                    "WITH gone AS (DELETE FROM claims WHERE id = ANY(CAST(:ids AS text[])) RETURNING *) "
                    "INSERT INTO claims (id, text, speaker_id, said_at_is_date, kind, stance, metadata, created_at, "
                    "updated_at) SELECT gen_random_uuid()::text, text || ' copy', speaker_id, said_at_is_date, kind, "
                    "stance, metadata, created_at, updated_at FROM gone"
                ),
                {"ids": ids[320:400]},
            )
            assert_postings_derived(session)
            session.rollback()
            assert_postings_derived(session)

            # The ORM's own writes: a flush deleting several claims and adding others.
            for claim_id in ids[400:450]:
                session.delete(session.get(Claim, claim_id))
            session.add_all([Claim(text=t, speaker_id=speaker_id) for t in texts(50, 5)])
            session.commit()
            assert_postings_derived(session)
            assert session.scalar(text("SELECT count(*) FROM claims")) == 500 - 300 - 50 + 20 + 50
    finally:
        engine.dispose()


def test_postgresql_postings_stay_derived_across_0018_and_its_downgrade(request: pytest.FixtureRequest) -> None:
    """Claims written under 0010's row triggers, then under 0018's statement triggers, then under the row
    triggers its downgrade puts back: the postings are each claim's, exactly, throughout."""
    if "postgresql" not in BACKENDS:
        pytest.skip("the postings table is PostgreSQL's (FTS5 keeps its own)")
    url = new_database_url("postgresql", request, "claimledger_postings_0018")
    upgrade(url, "0017")
    engine = make_engine(url)
    try:
        for step, revision in enumerate(("head", "0017", "head")):
            with make_session_factory(engine)() as session:
                ids = store(session, texts(200, 10 + step))
                session.execute(text("DELETE FROM claims WHERE id = ANY(CAST(:ids AS text[]))"), {"ids": ids[:50]})
                session.commit()
                assert_postings_derived(session)
            engine.dispose()
            (upgrade if revision == "head" else downgrade)(url, revision)
            with make_session_factory(engine)() as session:
                assert_postings_derived(session)
    finally:
        engine.dispose()


def test_postgresql_a_claims_tokens_are_computed_as_the_generated_columns_were(database_url: str) -> None:
    """0018 computes ``fts_vector`` and ``fts_length`` in a trigger (``claimledger_fts_text`` once a claim): they are
    what 0008's generated expressions give, for every text the keyword tests know, through inserts and edits, and
    ``UPDATE claims SET text = text`` computes them again after the tokenising function changes (0017's
    re-index)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("the stored tokens are PostgreSQL's (FTS5 keeps its own)")
    long_word = "x" * 3000  # past PostgreSQL's 2047-byte lexeme limit: a token it does not index
    edge = ["", " ", "!!!", "us as is", f"a {long_word} b", "Ünïcödé ﬁle ½ ²", *texts(50, 20)]
    edge += [t for _, t in TOKENISATION] + CONTEXTS + [t for t, _, _ in STORED_WITH_INVISIBLE]
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ids = store(session, edge)
            session.commit()
            assert_postings_derived(session)
            columns = session.execute(
                text(
                    "SELECT attname, attgenerated FROM pg_attribute WHERE attrelid = "
                    "'claims'::regclass AND attname IN ('fts_vector', 'fts_length')"
                )
            ).all()
            assert sorted(columns) == [("fts_length", ""), ("fts_vector", "")]  # written once, by the trigger
            session.execute(
                text("UPDATE claims SET text = reverse(text) WHERE id = ANY(CAST(:ids AS text[]))"), {"ids": ids[::2]}
            )
            session.commit()
            assert_postings_derived(session)
            body = str(session.scalar(text("SELECT prosrc FROM pg_proc WHERE proname = 'claimledger_fts_text'")))
            session.execute(
                text(
                    "CREATE OR REPLACE FUNCTION claimledger_fts_text(input text) RETURNS text LANGUAGE sql "
                    f"IMMUTABLE STRICT PARALLEL SAFE AS $$ SELECT 'zzz ' || ({body.strip().removeprefix('SELECT')}) $$"
                )
            )
            session.execute(text("UPDATE claims SET text = text"))
            assert session.execute(NOT_AS_GENERATED).scalars().all() == []
            assert session.scalar(text("SELECT count(*) FROM claims WHERE fts_vector @@ 'zzz'::tsquery")) == len(ids)
            session.rollback()
            assert_postings_derived(session)
    finally:
        engine.dispose()
