"""pro_tempore_and_provincial_members_in_speaker_keys: "pro tempore" (or "pro tem") after an office is part of the
office (``extraction.names.pro_tempore``): "Senate President Pro Tempore Dale Kessler" is "Dale Kessler", where it
keyed as "pro tempore dale kessler"; the extractor, cut by the recogniser after "Senate President", stored "Pro
Tempore Dale Kessler" with the role "Senate president". The members' letters of Canada's provinces ("MPP",
"MHA", "MNA") are a seat's letters like "MP" and "MLA": "Jo Hart MPP" is "Jo Hart". A source stored before keeps
its old key, so the same person named again makes a second source, and a contradiction between the two forms is
never a self-contradiction.

Upgrade reruns migration 0016's three steps with the live rules (``rekey_sources``, loaded by path, as 0038 does):
titled names renamed (a name cut inside the office is read with its role: "Senate president" + "Pro Tempore Dale
Kessler"), every key recomputed, sources whose keys now meet merged into the oldest, and flags whose two sides are
now one source's marked ``same_speaker``. An office written alone ("Speaker Pro Tempore", which keyed as "pro
tempore") keeps its name and takes the whole office as its key.

Downgrade changes nothing: the old keys are not wanted back.

Revision ID: 0042
Revises: 0041
Create Date: 2026-12-07 20:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0042"
down_revision: str | None = "0041"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(op.get_bind(), datetime.now(UTC))


def downgrade() -> None:
    pass
