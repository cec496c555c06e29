"""letters_kept_in_speaker_keys: a letter whose look-alike (the UTS #39 skeleton speaker keys fold letters with) is
no letter or digit now keeps itself in the key (``extraction.confusables._letters_kept``). The skeleton writes the
Hebrew yod as an apostrophe, which the key drops, so "בנימין נתניהו" keyed as "בנמl נתנהl" and names that differ by a
yod ("גיל" Gil, "גל" Gal; "דינה" Dina, "דנה" Dana) were one source. A source stored before keeps its old key, so its
name written again (now "בנימיl נתניהl") finds no source and makes a second one.

Upgrade reruns migration 0016's three steps with the live rules (``rekey_sources``, loaded by path, as 0036 and 0037
do): every key recomputed, sources whose keys now meet merged into the oldest (none are expected: the new keys only
tell more letters apart), and flags whose two sides are now one source's marked ``same_speaker``. Sources the old
keys merged (a "גל" resolved to a stored "גיל") stay merged: which claims were whose is not on record.

Downgrade changes nothing: the old keys are not wanted back.

Revision ID: 0038
Revises: 0037
Create Date: 2026-12-07 18:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0038"
down_revision: str | None = "0037"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(op.get_bind(), datetime.now(UTC))


def downgrade() -> None:
    pass
