"""given_names_in_ukrainian_transliteration: Ukrainian given names in the Latin letters English-language news writes
them in ("Volodymyr", "Oleksandr", "Dmytro") are known given names (rules 57). No list knew them, so an office of a
place before such a name ("President of Ukraine Volodymyr Zelensky", "Foreign Minister of Ukraine Dmytro Kuleba")
stayed in the name and its key, and the same person written "Volodymyr Zelensky" was a second source.

Upgrade reruns migration 0016's three steps with the live rules (``rekey_sources``, loaded by path, as 0034 and 0035
do): a name that opens with such an office is renamed to the person (the old name kept as an alias), every key
recomputed, sources whose keys now meet merged into the oldest, and flags whose two sides are now one source's
marked ``same_speaker``.

Downgrade changes nothing: merged sources stay merged, and the old keys are not wanted back.

Revision ID: 0036
Revises: 0035
Create Date: 2026-12-07 15:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0036"
down_revision: str | None = "0035"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(op.get_bind(), datetime.now(UTC))


def downgrade() -> None:
    pass
