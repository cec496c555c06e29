"""arabic_letter_variants_in_speaker_keys: letters that writers of one name use for one another are one letter in
speaker keys (``extraction/data/interchangeable_letters.json``, folded before the look-alike skeleton): an Arabic
alef with a hamza or a madda, or an alef wasla, is the bare alef ("أحمد" and "احمد", "إبراهيم" and "ابراهيم"), a teh
marbuta is a heh ("فاطمة" and "فاطمه"). The skeleton kept these apart; it already wrote the alef maksura, Farsi yeh
and yeh as one letter and the keheh as kaf, whose keys do not move. A source stored before keeps its old key, so
the same person written the other way makes a second source, and a contradiction between the two forms is never a
self-contradiction.

Upgrade reruns migration 0016's three steps with the live rules (``rekey_sources``, loaded by path, as 0038 and
0042 do): every key recomputed, sources whose keys now meet merged into the oldest, and flags whose two sides are
now one source's marked ``same_speaker``.

Downgrade changes nothing: the old keys are not wanted back.

Revision ID: 0043
Revises: 0042
Create Date: 2026-12-07 21:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0043"
down_revision: str | None = "0042"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(op.get_bind(), datetime.now(UTC))


def downgrade() -> None:
    pass
