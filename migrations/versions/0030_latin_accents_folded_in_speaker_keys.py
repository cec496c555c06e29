"""latin_accents_folded_in_speaker_keys: speaker keys fold the diacritics of Latin letters (``speaker_key``'s
``_without_latin_marks``): news outlets often drop them, and "Inès Okafor" and "Ines Okafor", "José Manuel Albares"
and "Jose Manuel Albares" are one person, keyed "ines okafor" and "jose manuel albares". The stored name keeps its
accents; only the key folds. Letters of other scripts keep their marks. A source stored before keeps its old key
("inès okafor"), so "Inès Okafor" sent again finds no source or the unaccented one, and an accented and an
unaccented source of one person stay two speakers contradicting each other.

Upgrade reruns migration 0016's three steps with the live rules (``rekey_sources``, loaded by path, as 0021, 0023,
0026, 0027 and 0028 do): every key recomputed, sources whose keys now meet merged into the oldest, and flags whose two
sides are now one source's marked ``same_speaker`` (a contradiction among them a self-contradiction).

Downgrade changes nothing: merged sources stay merged, and the old keys are not wanted back.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-07 06:15:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(op.get_bind(), datetime.now(UTC))


def downgrade() -> None:
    pass
