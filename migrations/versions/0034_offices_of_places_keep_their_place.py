"""offices_of_places_keep_their_place: an office "of" a place with no person's name after it is a speaker of its own,
keyed whole ("President of Portugal" keys "president of portugal", "Mayor of London" "mayor of london", "Secretary of
State" "secretary of state"). The rules took "President of" off as a title and left the place, so the president and
the country were one source, stored "Portugal" (role "President of"), and a quote of one against a claim of the other
was a false self-contradiction (h118's contract audit). With a person's name after the place, the place is part of
the role ("Mayor of London Sadiq Khan" is "Sadiq Khan", role "Mayor of London"): a source the rules stored as "London
Sadiq Khan" (role "Mayor of") or whole ("Governor of the Bank of England Andrew Bailey", which read as a bank's name)
is the person, and merges with the person's own source.

Upgrade reruns migration 0016's three steps with the live rules (``rekey_sources``, loaded by path, as 0031 does):
names cut inside an office ("London Sadiq Khan") or kept whole around a person's name are renamed to the person (the
old name kept as an alias, the office the role), every key recomputed, sources whose keys now meet merged into the
oldest, and flags whose two sides are now one source's marked ``same_speaker``.

It cannot split a source the old keys merged. A source stored "Portugal" keeps its name, its key "portugal", its
claims (the country's and the president's alike, no record tells them apart) and any role "President of" the office
gave it; a flag already marked ``same_speaker`` between them stays so. From now on "President of Portugal" sent again
makes (or finds) the source "President of Portugal", and "Portugal" finds the old source: the office's earlier claims
stay under the place, which only a reviewer can move. No stored name keys as a bare office's place now that did not
before, so no two sources merge for that reason.

Downgrade changes nothing: merged sources stay merged, and the old keys are not wanted back.

Revision ID: 0034
Revises: 0033
Create Date: 2026-12-07 12:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0034"
down_revision: str | None = "0033"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(op.get_bind(), datetime.now(UTC))


def downgrade() -> None:
    pass
