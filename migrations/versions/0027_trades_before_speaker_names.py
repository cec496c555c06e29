"""trades_before_speaker_names: extraction rules 44 take a person's trade written before their name off as the role,
as occupations were since 0016: "Economist Priya Shah", "Harbour master Eli Fors", "Ferry operator Tor Lie" (a
common noun for a person, after at most two lowercase words, before a known given name and a surname) are stored as
"Priya Shah", "Eli Fors", "Tor Lie" and keyed so; a party's member noun too ("Republican Donald Trump"). A source
stored before keeps its old name and key, so "Priya Shah" sent again made a second source, and "Economist Priya
Shah" and "Priya Shah", two sources under the old keys, stayed two speakers contradicting each other.

Upgrade reruns migration 0016's three steps with the live rules (``rekey_sources``, loaded by path, as 0021, 0023
and 0026 do): titled names renamed to the bare name with the trade as role (the old name kept as an alias), every
key recomputed, sources whose keys now meet merged into the oldest, and flags whose two sides are now one source's
marked ``same_speaker`` (a contradiction among them a self-contradiction). A speaker one article only described
keeps its name. "Harbour Master Ltd" (no person's name after the trade) and "Baker Joan Fisher" (a capitalised
trade that is also a given name) keep theirs.

Downgrade changes nothing: merged sources stay merged, and the old keys are not wanted back.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-07 03:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(op.get_bind(), datetime.now(UTC))


def downgrade() -> None:
    pass
