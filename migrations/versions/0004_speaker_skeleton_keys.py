"""Speaker keys read names as they look (NFKC, no invisible characters, UTS #39 look-alikes folded), and the service
keeps its own secrets.

Recomputes every source's ``name_key`` and every alias's ``alias_key`` with the current ``speaker_key``. Sources
whose keys now meet ("Pentagon" and "Pentаgon" with a Cyrillic а were two sources) are merged into the oldest one:
their claims and the flags naming them as the statement's speaker move to it (the claims' ``updated_at`` is bumped,
so the next nightly run re-checks them, self-contradictions included), their names and aliases become its aliases,
a kind or role it lacks is taken from them, and its metadata lists their ids under ``merged_from``.

Also creates ``service_secrets`` (the generated key that signs list cursors, and later ones).

Downgrade drops ``service_secrets`` only: merged sources stay merged, and the new keys of plain names are the old
ones.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 03:00:00.000000
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

import db.types
from extraction.names import speaker_key

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_meta = sa.MetaData()
sources = sa.Table(
    "sources",
    _meta,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("name", sa.String(300)),
    sa.Column("name_key", sa.String(300)),
    sa.Column("kind", sa.String(20)),
    sa.Column("role", sa.String(300)),
    sa.Column("metadata", sa.JSON()),
    sa.Column("created_at", db.types.UtcDateTime(timezone=True)),
    sa.Column("updated_at", db.types.UtcDateTime(timezone=True)),
)
source_aliases = sa.Table(
    "source_aliases",
    _meta,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("source_id", sa.String(36)),
    sa.Column("alias", sa.String(300)),
    sa.Column("alias_key", sa.String(300)),
    sa.Column("created_at", db.types.UtcDateTime(timezone=True)),
)
claims = sa.Table(
    "claims",
    _meta,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("speaker_id", sa.String(36)),
    sa.Column("updated_at", db.types.UtcDateTime(timezone=True)),
)
flags = sa.Table(
    "flags",
    _meta,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("statement_speaker_id", sa.String(36)),
)


def upgrade() -> None:
    op.create_table(
        "service_secrets",
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("created_at", db.types.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_service_secrets")),
    )
    recompute_speaker_keys(op.get_bind())


def downgrade() -> None:
    op.drop_table("service_secrets")


# Plain classes: alembic loads this module outside sys.modules, where dataclasses cannot resolve annotations.
class _Alias:
    def __init__(self, text: str, key: str, row_id: str | None) -> None:
        self.text = text
        self.key = key
        self.row_id = row_id  # None: a merged source's name, to be inserted as an alias


class _Group:
    def __init__(self, survivor: Any) -> None:
        self.survivor = survivor
        self.members: list[Any] = []


def recompute_speaker_keys(conn: sa.Connection, written_forms: bool = False) -> dict[str, str]:
    """Recompute the keys and merge the sources they now join; returns {merged source id: surviving source id}.

    ``written_forms`` (from 0012 on, where an alias may have no key): a name or alias whose key the surviving source
    already has is kept as a written form, with no key, unless that source lists the same text, instead of dropped.
    The names statements were checked under are re-keyed first, where they have a key (``rekey_statement_speakers``).
    """
    rekey_statement_speakers(conn)
    source_rows = conn.execute(sa.select(sources).order_by(sources.c.created_at, sources.c.id)).all()
    alias_rows = conn.execute(
        sa.select(source_aliases).order_by(source_aliases.c.created_at, source_aliases.c.id)
    ).all()
    if not source_rows:
        return {}
    order = {row.id: index for index, row in enumerate(source_rows)}
    by_id = {row.id: row for row in source_rows}
    name_key = {row.id: speaker_key(row.name) or row.name_key for row in source_rows}
    aliases_of: dict[str, list[Any]] = {row.id: [] for row in source_rows}
    for alias in alias_rows:
        aliases_of.setdefault(alias.source_id, []).append(alias)

    # Union the sources that share a key (a name or an alias), the oldest source of each group as its root.
    parent = {row.id: row.id for row in source_rows}

    def root(source_id: str) -> str:
        while parent[source_id] != source_id:
            parent[source_id] = parent[parent[source_id]]
            source_id = parent[source_id]
        return source_id

    owner: dict[str, str] = {}
    for row in source_rows:
        keys = [name_key[row.id]] + [speaker_key(a.alias) or a.alias_key for a in aliases_of.get(row.id, [])]
        for key in keys:
            if key not in owner:
                owner[key] = row.id
                continue
            a, b = root(owner[key]), root(row.id)
            if a != b:
                older, newer = (a, b) if order[a] < order[b] else (b, a)
                parent[newer] = older

    groups: dict[str, _Group] = {}
    for row in source_rows:
        group = groups.setdefault(root(row.id), _Group(survivor=by_id[root(row.id)]))
        if row.id != group.survivor.id:
            group.members.append(row)

    now = datetime.now(UTC)
    merged: dict[str, str] = {}
    final_name_key: dict[str, str] = {}
    final_alias: dict[str, tuple[str, str | None]] = {}  # alias row id -> (source id, key: None a written form)
    new_aliases: list[dict[str, Any]] = []
    dropped_aliases: list[str] = []
    for group in groups.values():
        survivor = group.survivor
        taken = {name_key[survivor.id]}
        final_name_key[survivor.id] = name_key[survivor.id]
        candidates = [_Alias(a.alias, speaker_key(a.alias) or a.alias_key, a.id) for a in aliases_of[survivor.id]]
        for member in group.members:
            candidates.append(_Alias(member.name, name_key[member.id], None))
            candidates += [_Alias(a.alias, speaker_key(a.alias) or a.alias_key, a.id) for a in aliases_of[member.id]]
            merged[member.id] = survivor.id
        listed = {_folded(survivor.name)}
        for candidate in candidates:
            alias_key: str | None = candidate.key
            if alias_key in taken:
                if not written_forms or _folded(candidate.text) in listed:
                    if candidate.row_id is not None:
                        dropped_aliases.append(candidate.row_id)
                    continue
                alias_key = None  # another written form of a key the source has
            else:
                taken.add(candidate.key)
            listed.add(_folded(candidate.text))
            if candidate.row_id is None:
                new_aliases.append(
                    {
                        "id": str(uuid.uuid4()),
                        "source_id": survivor.id,
                        "alias": candidate.text,
                        "alias_key": alias_key,
                        "created_at": now,
                    }
                )
            else:
                final_alias[candidate.row_id] = (survivor.id, alias_key)

    # Move everything off the merged sources, then free every key that changes (a temporary, unique value), then
    # set the final keys: unique by construction, so no step meets a unique constraint.
    for member_id, survivor_id in merged.items():
        conn.execute(
            sa.update(claims).where(claims.c.speaker_id == member_id).values(speaker_id=survivor_id, updated_at=now)
        )
        conn.execute(
            sa.update(flags).where(flags.c.statement_speaker_id == member_id).values(statement_speaker_id=survivor_id)
        )
    changed_aliases = [
        a for a in alias_rows if a.id in dropped_aliases or final_alias.get(a.id) != (a.source_id, a.alias_key)
    ]
    for alias in changed_aliases:
        conn.execute(
            sa.update(source_aliases).where(source_aliases.c.id == alias.id).values(alias_key=f"#moving#{alias.id}")
        )
    changed_sources = [row for row in source_rows if row.id in merged or final_name_key[row.id] != row.name_key]
    for row in changed_sources:
        conn.execute(sa.update(sources).where(sources.c.id == row.id).values(name_key=f"#moving#{row.id}"))
    if dropped_aliases:
        conn.execute(sa.delete(source_aliases).where(source_aliases.c.id.in_(dropped_aliases)))
    for alias in changed_aliases:
        if alias.id in final_alias:
            source_id, key = final_alias[alias.id]
            conn.execute(
                sa.update(source_aliases)
                .where(source_aliases.c.id == alias.id)
                .values(source_id=source_id, alias_key=key)
            )
    if merged:
        conn.execute(sa.delete(source_aliases).where(source_aliases.c.source_id.in_(list(merged))))
        conn.execute(sa.delete(sources).where(sources.c.id.in_(list(merged))))
    for row in changed_sources:
        if row.id not in merged:
            conn.execute(sa.update(sources).where(sources.c.id == row.id).values(name_key=final_name_key[row.id]))
    if new_aliases:
        conn.execute(sa.insert(source_aliases), new_aliases)
    for group in groups.values():
        if group.members:
            _absorb(conn, group, now)
    return merged


def rekey_statement_speakers(conn: sa.Connection) -> None:
    """``flags.statement_speaker_key`` (migration 0022 on) with the live ``speaker_key``: the key of the name a
    statement was checked under when no source had it, which the queries compare with the sources' keys, so it is
    re-keyed with them. A database before 0022 (0016 and 0021 run this on the way up) has no such column yet: 0022
    keys it then."""
    if "statement_speaker_key" not in {column["name"] for column in sa.inspect(conn).get_columns("flags")}:
        return
    checked = sa.Table(
        "flags",
        sa.MetaData(),
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("statement_speaker_name", sa.String(300)),
        sa.Column("statement_speaker_key", sa.String(300)),
    )
    name, key = checked.c.statement_speaker_name, checked.c.statement_speaker_key
    rows = conn.execute(sa.select(name, key).where(name.is_not(None)).distinct()).all()
    for written, old_key in rows:
        new_key = speaker_key(written) or None
        if new_key != old_key:
            stale = key.is_(None) if old_key is None else key == old_key
            conn.execute(sa.update(checked).where(name == written, stale).values(statement_speaker_key=new_key))


def _folded(text: str) -> str:
    """A written form as the service compares them (``service.services.speakers.folded``)."""
    return " ".join(text.split()).casefold()


def _absorb(conn: sa.Connection, group: _Group, now: datetime) -> None:
    """The survivor takes a kind or role it lacks from the merged sources, and records their ids."""
    survivor = group.survivor
    kind = survivor.kind
    role = survivor.role
    for member in group.members:
        if kind == "unknown" and member.kind != "unknown":
            kind = member.kind
        role = role or member.role
    metadata = dict(survivor.metadata or {})
    metadata["merged_from"] = [*metadata.get("merged_from", []), *(m.id for m in group.members)]
    conn.execute(
        sa.update(sources)
        .where(sources.c.id == survivor.id)
        .values(kind=kind, role=role, metadata=metadata, updated_at=now)
    )
