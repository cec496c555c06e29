"""office_words_in_body_names: extraction rules 36 keep an office word that opens a body's name ("Premier League",
"Premier Inn", "Premier Foods", "Speaker Electronics", "President Hotel") in the name, as "General Motors" always
was: before, "Premier" was taken off as a title, so "Premier League" was stored as "League", role "Premier", under
the key "league", which "the league" and any other league shared. Now it keys "premier league".

Upgrade, in order:

1. Cut names. A source whose role is only office words and whose role and name read together as one body's name
   under the new rules (role "Premier", name "League") is renamed to the whole name, its role cleared: the role was
   the name's first word. The cut name is not kept as an alias: it was never the body's name, and keyed it would
   keep "the league" resolving to the Premier League. A speaker one article only described
   (``metadata.document_id``) keeps the name it was given, and is re-keyed in step 3.
2. to 4. Migration 0021's steps, rerun with the live rules (0016's, loaded by path): titled names renamed, every
   key (sources, aliases, checked statements' ``flags.statement_speaker_key``) recomputed by 0004's
   ``recompute_speaker_keys`` with written forms, sources whose keys now meet merged into the oldest, and flags
   whose two sides are now one source's marked ``same_speaker``.

What no migration can undo: under the old key one source took every name that keyed "league" ("Premier League",
"the League", a rival league's cut name), so claims of two bodies may already share it. It stays one source, under
the whole name; the claims are not split (nothing stored says which name each was sent under). A later "the
league" makes a source of its own.

Downgrade changes nothing: renamed and merged sources stay so, and the old keys are not wanted back.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-06 16:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

import db.types
from db.migrate import migration_module
from extraction.names import OFFICE_TITLES, leading_office, speaker_key, split_role_prefix

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

sources = sa.Table(
    "sources",
    sa.MetaData(),
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("name", sa.String(300)),
    sa.Column("role", sa.String(300)),
    sa.Column("kind", sa.String(20)),
    sa.Column("metadata", sa.JSON()),
    sa.Column("created_at", db.types.UtcDateTime(timezone=True)),
    sa.Column("updated_at", db.types.UtcDateTime(timezone=True)),
)


def upgrade() -> None:
    conn = op.get_bind()
    now = datetime.now(UTC)
    rejoin_cut_body_names(conn, now)
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(conn, now)


def downgrade() -> None:
    pass


def rejoin_cut_body_names(conn: sa.Connection, now: datetime) -> None:
    """Step 1: a body's name the old rules cut after an office word ("Premier" + "League") is whole again."""
    rows = conn.execute(sa.select(sources).order_by(sources.c.created_at, sources.c.id)).all()
    for row in rows:
        if (row.metadata or {}).get("document_id") or not row.role or not row.name:
            continue
        if not all(word.rstrip(".,").casefold() in OFFICE_TITLES for word in row.role.split()):
            continue
        # the extractor stored its roles in lower case ("premier"): the name's first word is written as a name's
        whole = " ".join(word[:1].upper() + word[1:] for word in row.role.split()) + f" {row.name}"
        if speaker_key(whole) == speaker_key(row.name) or leading_office(whole) is not None:
            continue  # "Premier" + "Li Qiang": still an office before a person's name
        if split_role_prefix(whole) != (None, whole):
            continue
        # a body, which the old rules made a person called "League" when they read an article
        kind = "organisation" if row.kind == "person" else row.kind
        conn.execute(
            sa.update(sources).where(sources.c.id == row.id).values(name=whole, role=None, kind=kind, updated_at=now)
        )
