"""clergy_styles_off_speaker_names: speaker names lose the British and Commonwealth clergy styles the rules did not
know, as "Rev" and "Rt" always were: an archdeacon's "the Ven" ("Venerable") and the Church of England's "Revd",
with its grades ("the Very Revd", "the Most Revd", "the Rt Revd"). "the Ven Margaret Tull" is stored as "Margaret
Tull" and keyed "margaret tull". A source stored before keeps its old name and key ("Ven Margaret Tull", "ven
margaret tull"), so "Margaret Tull" sent again finds no source or the other one, and the styled and the plain source
of one person stay two speakers contradicting each other. "Very" and "Most" alone, "Venables" and the Dutch "van de
Ven" keep their words.

The same re-keying writes the Icelandic "ð" and "þ" as "d" and "th", as English-language news does: "ð" folded to the
partial-differential sign and a stroke, which split the word ("Ólafur Sigurðsson" keyed "olafur sigur ̵sson"), so
"Olafur Sigurdsson" was another speaker (h105's audit).

Upgrade reruns migration 0016's three steps with the live rules (``rekey_sources``, loaded by path, as 0021, 0023,
0026, 0027, 0028 and 0030 do): styled names renamed to the bare name (the old name kept as an alias), every key
recomputed, sources whose keys now meet merged into the oldest, and flags whose two sides are now one source's marked
``same_speaker`` (a contradiction among them a self-contradiction).

Downgrade changes nothing: merged sources stay merged, and the old keys are not wanted back.

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-07 08:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(op.get_bind(), datetime.now(UTC))


def downgrade() -> None:
    pass
