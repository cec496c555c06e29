"""Alembic environment: the URL comes from settings (or the caller's connection), the metadata from db.models."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy import Connection, text

from db.engine import make_engine
from db.models import Base
from service.config import get_settings

config = context.config
target_metadata = Base.metadata

# Objects that exist only on one backend and are created by hand in migrations (FTS5 and vec0 tables and their
# shadow tables, the FTS5 table's content on SQLite, PostgreSQL's stored tsvector column and keyword postings,
# expression indexes): autogenerate must not report them.
BACKEND_ONLY_PREFIXES = (
    "claims_fts",
    "claim_keyword_texts",
    "claim_vec_",
    "claim_terms",
    "pk_claim_terms",
    "fts_vector",
    "fts_length",
    "ix_claim_embeddings_hnsw",
    "ix_claims_text_tsv",
    "ix_claims_fts_vector",
)


# pg_advisory_xact_lock's key for "migrating this database": any constant no other code uses.
MIGRATION_LOCK_KEY = 0x636C6D69  # "clmi"


def include_name(name: str | None, type_: str, _parent: Any) -> bool:
    return not (name and name.startswith(BACKEND_ONLY_PREFIXES))


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        include_name=include_name,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # One migrator at a time: two processes starting on an empty database (two replicas, or `serve` and a
            # `keys create`) would both create alembic_version. The later one waits, then finds nothing to do.
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    url = config.attributes.get("database_url") or get_settings().database_url
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            run_with(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported: run against a database")
run_migrations_online()
