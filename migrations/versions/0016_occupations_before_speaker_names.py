"""occupations_before_speaker_names: an occupation written before a person's name ("Coach Diego Sanz", "defence
lawyer Tom Hale", "Chief Executive Sam Ng") is a role, not part of the name, as an office always was
(``extraction.names.JOB_TITLES``). Under the old keys "Coach Diego Sanz" and "Diego Sanz" were two sources, and
the person contradicting themself was two speakers contradicting each other.

Upgrade, in order:

1. Names. A source whose stored name opens with a title the new rules take is renamed to the bare name, its role
   filled with the occupation when it has none; the old name stays an alias, as a rename keeps it, so whatever
   resolved to the source still does. A name the old rules cut inside a title ("Executive Sam Ng", role "Chief",
   from "Chief Executive Sam Ng") is read again with its role before it: "Sam Ng", role "Chief Executive". A
   speaker one article only described (``metadata.document_id``) keeps the name it was given.
2. Keys. Migration 0004's ``recompute_speaker_keys``, with written forms: every key recomputed with the live
   ``speaker_key``, sources whose keys now meet merged into the oldest (claims, checked statements, names and
   aliases move; the moved claims' ``updated_at`` is bumped so the nightly run re-checks them).
3. Flags. Every flag whose two sides are now one merged source's is marked ``same_speaker``, and a contradiction
   among them becomes a self-contradiction with that kind's pair key, as the merge endpoint does
   (``FlagService.mark_same_speaker``); where that key is already another flag's, the older of the two is kept,
   with the reviews of both (the latest sets its status).

Downgrade changes nothing: merged sources stay merged, and the old keys are not wanted back.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05 18:00:00.000000
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

import db.types
from db.migrate import migration_module
from extraction.names import leading_office, speaker_key, split_role_prefix

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CONTRADICTION = "contradiction"  # service.services.flags' kinds when this was written
SELF_CONTRADICTION = "self_contradiction"
# A checked statement's key after its kind once it names the speaker (migration 0044): stmt, words, claim, speaker.
STATEMENT_KEY_PARTS = 4
UNATTRIBUTED_NAME = "Unknown"  # service.services.speakers' unattributed speaker (nobody in particular, 0032)

_meta = sa.MetaData()
sources = sa.Table(
    "sources",
    _meta,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("name", sa.String(300)),
    sa.Column("name_key", sa.String(300)),
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
claims = sa.Table("claims", _meta, sa.Column("id", sa.String(36), primary_key=True), sa.Column("speaker_id"))
flags = sa.Table(
    "flags",
    _meta,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("pair_key", sa.String(200)),
    sa.Column("kind", sa.String(30)),
    sa.Column("status", sa.String(20)),
    sa.Column("claim_id", sa.String(36)),
    sa.Column("statement_text", sa.Text()),
    sa.Column("statement_speaker_id", sa.String(36)),
    sa.Column("other_claim_id", sa.String(36)),
    sa.Column("same_speaker", sa.Boolean()),
    sa.Column("created_at", db.types.UtcDateTime(timezone=True)),
    sa.Column("updated_at", db.types.UtcDateTime(timezone=True)),
)
flag_reviews = sa.Table(
    "flag_reviews",
    _meta,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("flag_id", sa.String(36)),
    sa.Column("status", sa.String(20)),
    sa.Column("created_at", db.types.UtcDateTime(timezone=True)),
)
rejudged = sa.Table("reconciliation_rejudged_flags", _meta, sa.Column("run_id"), sa.Column("flag_id"))


def upgrade() -> None:
    rekey_sources(op.get_bind(), datetime.now(UTC))


def rekey_sources(conn: sa.Connection, now: datetime) -> None:
    """The three steps with the live rules: titled names renamed, every key recomputed (0004's
    ``recompute_speaker_keys``, checked statements' keys too), flags of merged sources marked ``same_speaker``, and
    so are statements checked under a name whose key is now their other claim's speaker's (added by 0033). A
    later change of the keys reruns them (0021, 0023)."""
    rename_titled_sources(conn, now)
    merged = migration_module("0004_speaker_skeleton_keys.py").recompute_speaker_keys(conn, written_forms=True)
    for survivor_id in sorted(set(merged.values())):
        mark_same_speaker(conn, survivor_id, now)
    mark_checked_names_on_record(conn, now)


def downgrade() -> None:
    pass


def rename_titled_sources(conn: sa.Connection, now: datetime) -> None:
    """Step 1: names that open with a title under the new rules (their key changes) lose it to the role; the old
    name stays an alias (with no key yet: the recompute gives it its own, or keeps it a written form of the
    name's)."""
    rows = conn.execute(sa.select(sources).order_by(sources.c.created_at, sources.c.id)).all()
    for row in rows:
        if (row.metadata or {}).get("document_id"):
            continue
        written, role = row.name, row.role
        if row.role and _cut_inside_title(row.role, row.name, row.name_key):
            written, role = f"{row.role} {row.name}", None  # the old role was the title's first word
        elif speaker_key(row.name) == row.name_key:
            continue  # the key stands: a name the new words do not touch keeps its form
        written_role, bare = split_role_prefix(written)
        if not bare or bare == row.name:
            continue
        role = role or written_role or leading_office(written)
        conn.execute(sa.update(sources).where(sources.c.id == row.id).values(name=bare, role=role, updated_at=now))
        conn.execute(
            sa.insert(source_aliases).values(
                id=str(uuid.uuid4()), source_id=row.id, alias=row.name, alias_key=None, created_at=now
            )
        )


def mark_checked_names_on_record(conn: sa.Connection, now: datetime) -> None:
    """Statements checked under a name no source had, whose key is now the source's of the claim they were flagged
    against (a name, or an alias, the new keys join with the one checked): that source's statements, so one speaker
    on both sides (``mark_same_speaker``), as the service marks them when a source takes such a name. A re-keying
    joins names without merging any source ("Ólöf Þórsdóttir" checked, "Olof Thorsdottir" on record), which step 3
    alone misses (migration 0033). Before 0022 there is no statement key to compare: nothing to do."""
    if "statement_speaker_key" not in {column["name"] for column in sa.inspect(conn).get_columns("flags")}:
        return
    checked = sa.Table(
        "flags",
        sa.MetaData(),
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("claim_id", sa.String(36)),
        sa.Column("statement_speaker_id", sa.String(36)),
        sa.Column("statement_speaker_key", sa.String(300)),
        sa.Column("other_claim_id", sa.String(36)),
        sa.Column("same_speaker", sa.Boolean()),
    )
    keyed = sa.union(
        sa.select(sources.c.id.label("source_id"), sources.c.name_key.label("key")),
        sa.select(source_aliases.c.source_id, source_aliases.c.alias_key).where(
            source_aliases.c.alias_key.is_not(None)
        ),
    ).subquery()
    rows = conn.execute(
        sa.select(checked.c.id, claims.c.speaker_id)
        .join(claims, claims.c.id == checked.c.other_claim_id)
        .join(keyed, sa.and_(keyed.c.key == checked.c.statement_speaker_key, keyed.c.source_id == claims.c.speaker_id))
        .where(
            checked.c.claim_id.is_(None), checked.c.statement_speaker_id.is_(None), checked.c.same_speaker.is_(False)
        )
    ).all()
    unattributed = speaker_key(UNATTRIBUTED_NAME)
    nobody = set(conn.execute(sa.select(sources.c.id).where(sources.c.name_key == unattributed)).scalars())
    speakers = sorted({str(row.speaker_id) for row in rows} - nobody)
    for flag_id, speaker_id in rows:
        if speaker_id in nobody:
            continue
        conn.execute(sa.update(checked).where(checked.c.id == flag_id).values(statement_speaker_id=speaker_id))
    for speaker_id in speakers:
        mark_same_speaker(conn, speaker_id, now)


def _cut_inside_title(role: str, name: str, stored_key: str) -> bool:
    """Whether the old rules split a title in two, its first words the role and the rest opening the name: read
    together the name's key loses those words ("Chief" + "Executive Sam Ng" keys as "sam ng", where the old rules
    stored "executive sam ng"). The key stored, not the name keyed again: live rules that take "Executive" alone
    off as well (a trade, rules 44) would key the cut name as the whole, and the title's first word be the role."""
    whole = speaker_key(f"{role} {name}")
    return bool(whole) and whole != stored_key and stored_key.endswith(" " + whole)


def mark_same_speaker(conn: sa.Connection, speaker_id: str, now: datetime) -> None:
    """Step 3 for one merged source: its flags whose two sides are both its own are ``same_speaker``, and its
    contradictions self-contradictions (a repeat of a pair already flagged so is folded into the older flag)."""
    theirs = sa.select(claims.c.id).where(claims.c.speaker_id == speaker_id)
    unmarked = conn.execute(
        sa.select(flags)
        .where(flags.c.same_speaker.is_(False), flags.c.other_claim_id.in_(theirs))
        .where(
            sa.or_(
                flags.c.claim_id.in_(theirs),
                sa.and_(flags.c.claim_id.is_(None), flags.c.statement_speaker_id == speaker_id),
            )
        )
        .order_by(flags.c.created_at, flags.c.id)
    ).all()
    for flag in unmarked:
        values: dict[str, Any] = {"same_speaker": True, "updated_at": now}
        prefix = CONTRADICTION + ":"
        if flag.kind == CONTRADICTION and flag.pair_key.startswith(prefix):
            pair_key = _self_contradiction_key(flag.pair_key[len(prefix) :], speaker_id)
            twin = conn.execute(sa.select(flags).where(flags.c.pair_key == pair_key)).first()
            if twin is not None:
                kept, dropped = sorted((flag, twin), key=lambda f: (f.created_at, f.id))
                _fold(conn, kept.id, dropped.id)
                if kept.id == twin.id:
                    continue
            values.update(kind=SELF_CONTRADICTION, pair_key=pair_key)
        conn.execute(sa.update(flags).where(flags.c.id == flag.id).values(**values))
    _fold_statement_repeats(conn, speaker_id)


def _fold_statement_repeats(conn: sa.Connection, speaker_id: str) -> None:
    """The same words checked as two sources' against one claim are two flags once keys name the speaker (migration
    0044); merged, the sources are one speaker and the flags one pair: the oldest kept, with the reviews of all, as
    the service folds them (``FlagService.mark_same_speaker``). Before 0044 one key held both: nothing to fold."""
    theirs = conn.execute(
        sa.select(flags.c.id, flags.c.kind, flags.c.statement_text, flags.c.other_claim_id)
        .where(flags.c.statement_text.is_not(None), flags.c.statement_speaker_id == speaker_id)
        .order_by(flags.c.created_at, flags.c.id)
    ).all()
    kept: dict[tuple[str, str, str], str] = {}
    for flag_id, kind, text, other_claim_id in theirs:
        words = " ".join(str(text).lower().split())  # as the service's ``statement_fingerprint`` reads them
        first = kept.setdefault((kind, words, other_claim_id), flag_id)
        if first != flag_id:
            _fold(conn, first, flag_id)


def _self_contradiction_key(pair: str, speaker_id: str) -> str:
    """The pair key of kind ``self_contradiction`` for a contradiction's ``pair`` (its key after "contradiction:"):
    the pair keys' form is "{kind}:...". A checked statement's key naming its speaker (migration 0044 on) names this
    speaker now, as the service keys it (``statement_pair_key``): checked under a name this speaker has taken, or
    as a source merged into them, it is theirs."""
    parts = pair.split(":")
    if len(parts) == STATEMENT_KEY_PARTS and parts[0] == "stmt":
        part = migration_module("0044_checked_statement_pair_keys_name_the_speaker.py").speaker_part(speaker_id, None)
        pair = ":".join([*parts[:-1], part])
    return f"{SELF_CONTRADICTION}:{pair}"


def _fold(conn: sa.Connection, kept_id: str, dropped_id: str) -> None:
    """``dropped`` repeats ``kept``'s pair: its reviews move over (the latest of all sets the status), then it goes."""
    conn.execute(sa.update(flag_reviews).where(flag_reviews.c.flag_id == dropped_id).values(flag_id=kept_id))
    latest = conn.execute(
        sa.select(flag_reviews.c.status)
        .where(flag_reviews.c.flag_id == kept_id)
        .order_by(flag_reviews.c.created_at.desc(), flag_reviews.c.id.desc())
        .limit(1)
    ).scalar()
    if latest is not None:
        conn.execute(sa.update(flags).where(flags.c.id == kept_id).values(status=latest))
    conn.execute(sa.delete(rejudged).where(rejudged.c.flag_id == dropped_id))
    conn.execute(sa.delete(flags).where(flags.c.id == dropped_id))
