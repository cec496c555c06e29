"""speaker_keys_by_letter_position: a speaker key no longer reads the case of letters beyond ASCII.

The key folds look-alike letters with the UTS #39 confusable skeleton, which folds a capital and its small letter
apart (Cyrillic "К" to "K", "к" to "ĸ"; Greek "Η" to "h", "η" to "n̩"), and Turkish "İ" casefolds to "i" and a dot
above: "Олександр Коваленко", "ОЛЕКСАНДР КОВАЛЕНКО" and "олександр коваленко" were three keys, so three sources.
Now each non-ASCII letter is read in the case its place in its word gives it (a word's first letter upper, the rest
lower), as a Title Case name is written, and a dot above after "i" or "j" is dropped ("İsmail" keys "ismail", as
"Ismail" does). Title Case names keep their keys; names written in capitals or in lower case beyond ASCII, and
names with "İ", get the Title Case form's key. ASCII names keep theirs.

Upgrade reruns migration 0016's steps with the live rules (``rekey_sources``, loaded by path, as 0021 and 0023 do):
every key (sources, aliases, checked statements' ``flags.statement_speaker_key``) recomputed, sources whose keys now
meet merged into the oldest (its name kept, the others' names kept as aliases, their claims moved to it), and flags
whose two sides are now one source's marked ``same_speaker``. It frees every key that changes before it sets the
final ones, so PostgreSQL's triggers of 0024 refuse nothing.

What no migration can undo: the merge. Two sources that were one speaker in two cases become one; nothing stored
says which claims came under which case, so a downgrade cannot split them again.

Downgrade changes nothing: merged sources stay merged, and the old keys are not wanted back.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-06 21:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(op.get_bind(), datetime.now(UTC))


def downgrade() -> None:
    pass
