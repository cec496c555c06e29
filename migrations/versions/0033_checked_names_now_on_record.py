"""checked_names_now_on_record: a statement checked under a name no source had then, whose key a re-keying migration
has since made a source's, is that source's statement. Found by h111's upgrade audit: a record written under the
rules of 0020 held a check of "The Akureyri tunnel opened in 2021." under "Ólöf Þórsdóttir" against Olof
Thorsdottir's "... opened in 2015."; 0031 keys both names "olof thorsdottir", but the re-keying migrations mark only
the flags of sources they merge (0016's ``mark_same_speaker``), so the flag stayed a ``contradiction`` between two
speakers, and the same check sent again raised a second flag for the pair, a ``self_contradiction``.

Upgrade: ``mark_checked_names_on_record`` (0016's module, which ``rekey_sources`` runs for every later re-keying):
each flag whose statement is not stored (``claim_id`` null) and was checked under a name no source had
(``statement_speaker_id`` null), whose ``statement_speaker_key`` is now the name's or an alias's key of the source
of its other claim, takes that source as its statement's speaker; then 0016's ``mark_same_speaker`` marks it
``same_speaker`` and a ``contradiction`` a ``self_contradiction`` (pair key of that kind, a twin folded into the
older flag with both flags' reviews), as the service does when a source takes such a name
(``FlagService.mark_same_speaker``). The unattributed speaker ("Unknown") is nobody, as 0032 has it: its flags stay.

Downgrade changes nothing: the flags' old kind was the mistake.

Revision ID: 0033
Revises: 0032
Create Date: 2026-12-07 11:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0033"
down_revision: str | None = "0032"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_module("0016_occupations_before_speaker_names.py").mark_checked_names_on_record(
        op.get_bind(), datetime.now(UTC)
    )


def downgrade() -> None:
    pass
