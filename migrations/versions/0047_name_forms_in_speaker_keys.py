"""name_forms_in_speaker_keys: forms a newsroom writes one person's name in key as one (h170's audit through the
API, ``extraction.names.speaker_key``):

- a role or title before a surname that opens with a lower-case particle is set aside as before any other name:
  "Commission President von der Leyen" and "Mr. al-Kadhimi" were sources of their own under the keys "commission
  president von der leyen" and "mr al kadhimi"; now they are "von der Leyen" and "al-Kadhimi" (role "Commission
  President"), and "Mr d'Alema" is "d'Alema";
- an acute accent typed for an apostrophe ("Sinéad O´Connor") is the apostrophe: NFKC made it a space and a combining
  mark, and the key "sinead o ́connor" split the speaker from "Sinéad O'Connor" ("sinead oconnor");
- initials are one word however they are spaced: "J. K. Rowling" and "J K Rowling" keyed "j k rowling", "J.K.
  Rowling" and "JK Rowling" "jk rowling"; now all four key "jk rowling". A lone initial stays a word ("george w bush").

Upgrade: migration 0016's three steps with the live rules (``rekey_sources``, loaded by path), as 0046 runs them:
names that open with a title the new rules take are renamed to the bare name (the old name an alias), every key
recomputed (checked statements' too), sources whose keys now meet merged into the oldest, and flags whose two sides
are now one source's marked ``same_speaker``.

What no migration can undo: "A K Antony" was read with "A" as an article and stored as "K Antony"; the name as sent is
gone, so that source keeps its name (sent again, "A K Antony" now keys "ak antony", as "A.K. Antony" does).

Downgrade changes nothing: renamed and merged sources stay so, and the old keys are not wanted back.

Revision ID: 0047
Revises: 0046
Create Date: 2026-12-07 23:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0047"
down_revision: str | None = "0046"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(op.get_bind(), datetime.now(UTC))


def downgrade() -> None:
    pass
