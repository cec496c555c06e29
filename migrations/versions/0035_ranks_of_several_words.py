"""ranks_of_several_words: a rank of several words is dropped from a name whole and kept whole alone (rules 56). The
rules read only its last word as a rank, or none of it: "Air Vice-Marshal Clare Dunn" keyed "air vice marshal clare
dunn", "Air Vice Marshal Clare Dunn" was stored "Marshal Clare Dunn" (role "Air Vice"), "Field Marshal", "Air
Marshal", "Air Commodore" and "Commodore" stayed in the name, so one officer was two or three sources and a
contradiction between them no self-contradiction. Alone, "Major General" keyed "general" and "Air Chief Marshal"
"marshal": the rank's last word, the key of every general or marshal; they key whole now.

Upgrade reruns migration 0016's three steps with the live rules (``rekey_sources``, loaded by path, as 0034 does): a
name that opens with such a rank is renamed to the person (the old name kept as an alias), a name cut inside the
rank ("Marshal Clare Dunn", role "Air Vice") read with its role again, every key recomputed, sources whose keys now
meet merged into the oldest, and flags whose two sides are now one source's marked ``same_speaker``.

It cannot split a source the old keys merged: a source stored "General" (from "Major General said" alone, and any
other general's) keeps its name and key; "Major General" sent again makes (or finds) the source "Major General".

Downgrade changes nothing: merged sources stay merged, and the old keys are not wanted back.

Revision ID: 0035
Revises: 0034
Create Date: 2026-12-07 14:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0035"
down_revision: str | None = "0034"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(op.get_bind(), datetime.now(UTC))


def downgrade() -> None:
    pass
