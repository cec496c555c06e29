"""honorifics_before_speaker_names: extraction rules 32 (7715134) made Shri, Shrimati, Smt, Alhaji and Alhaja
honorifics, as Mr and Dr were, and rules 33 the Malaysian styles (Datuk, Dato', Datin, Datuk Seri, Tan Sri) and the
Irish "TD" after a name, as "MP" was: "Alhaji John Smith" is stored as "John Smith" and keyed "john smith", no longer
"alhaji john smith"; "Datuk Seri Anwar Ibrahim" is "Anwar Ibrahim", "Jo Hart TD" is "Jo Hart". A source stored before keeps its old name and key, so the same name sent again made a second
source, and "Shri Ravindra Kulkarni" and "Ravindra Kulkarni", two sources under the old keys, stayed two speakers.

Upgrade reruns migration 0016's three steps with the live rules (loaded by path, as 0016 loads 0004):

1. Names. A source whose key changes is renamed to the name as now stored ("Ravindra Kulkarni"); the old name stays
   an alias, with no key of its own. A speaker one article only described (``metadata.document_id``) keeps its name.
2. Keys. 0004's ``recompute_speaker_keys``, with written forms: sources whose keys now meet are merged into the
   oldest (claims, checked statements, names and aliases move; the moved claims are re-checked by the nightly run).
3. Flags. A flag whose two sides are now one merged source's is ``same_speaker``, a contradiction among them a
   self-contradiction (a repeat of a pair already flagged so is folded into the older flag, with its reviews).

Downgrade changes nothing: merged sources stay merged, and the old keys are not wanted back.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-06 14:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(op.get_bind(), datetime.now(UTC))


def downgrade() -> None:
    pass
