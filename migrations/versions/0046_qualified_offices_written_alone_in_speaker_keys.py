"""qualified_offices_written_alone_in_speaker_keys: an office whose first words qualify the rest, written alone, is
kept whole as its own name and key, as 0045's offices are (``extraction.names.office_written_alone``): "Chief" before
an office or rank ("the Chief Constable", "Deputy Chief Constable", "the Chief Justice", "the Chief Rabbi"), and
qualifiers before an office named by its remit ("Deputy Foreign Minister", "the Deputy First Minister", "the Chief
Medical Officer"). Before, the first words were taken off as a role: "the Chief Constable" was stored as "Constable",
role "Chief", under the key "constable", which "the Constable" shared, and "Deputy Foreign Minister" took the key of
"Foreign Minister" (h158's leftovers). Now they key "chief constable" and "deputy foreign minister".

Upgrade, in order, as 0045's:

1. Cut offices. A source whose role and name read together as an office written alone under the new rules (role
   "Chief", name "Constable"; role "Deputy", name "Foreign Minister") is renamed to the whole office, its role
   cleared: the role was the office's first words. The cut name is not kept as an alias. A speaker one article only
   described (``metadata.document_id``) keeps the name it was given, and is re-keyed in step 2.
2. Migration 0016's three steps with the live rules (``rekey_sources``, loaded by path): every key recomputed
   (checked statements' too), sources whose keys now meet merged into the oldest, and flags whose two sides are now
   one source's marked ``same_speaker``.

What no migration can undo: under the old key one source took every name that keyed "constable" or "foreign
minister", so claims of two speakers may already share it. It stays one source; the claims are not split.

Downgrade changes nothing: renamed and merged sources stay so, and the old keys are not wanted back.

Revision ID: 0046
Revises: 0045
Create Date: 2026-12-07 21:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0046"
down_revision: str | None = "0045"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    conn = op.get_bind()
    now = datetime.now(UTC)
    migration_module("0045_offices_written_alone_in_speaker_keys.py").rejoin_cut_offices(conn, now)
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(conn, now)


def downgrade() -> None:
    pass
