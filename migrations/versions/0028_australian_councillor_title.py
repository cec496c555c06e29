"""australian_councillor_title: extraction rules 47 take "Cr", the title Australian and New Zealand news give a
councillor ("Cr Andrew Smith", "Cr Smith said"), off a name as a title, as "Cllr" always was: "Cr Andrew Smith" is
stored as "Andrew Smith" and keyed "andrew smith". A source stored before keeps its old name and key, so "Andrew
Smith" sent again (or "Cr Andrew Smith", now keyed without the title) finds no source or the other one, and
"Cr Andrew Smith" and "Andrew Smith", two sources under the old keys, stay two speakers contradicting each other.
Written only as "Cr": "CR Bard" (a firm's initials) keeps its name.

Upgrade reruns migration 0016's three steps with the live rules (``rekey_sources``, loaded by path, as 0021, 0023,
0026 and 0027 do): titled names renamed to the bare name with the title as role (the old name kept as an alias), every
key recomputed, sources whose keys now meet merged into the oldest, and flags whose two sides are now one source's
marked ``same_speaker`` (a contradiction among them a self-contradiction).

Downgrade changes nothing: merged sources stay merged, and the old keys are not wanted back.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-07 05:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(op.get_bind(), datetime.now(UTC))


def downgrade() -> None:
    pass
