"""optional_marks_of_greek_arabic_hebrew_in_speaker_keys: speaker keys drop the marks ordinary Greek, Arabic and
Hebrew writing leaves out (``speaker_key``'s ``_without_optional_marks``, the marks named in
``extraction/data/optional_marks.json``): Greek capitals carry no tonos, so "ΚΥΡΙΑΚΟΣ ΜΗΤΣΟΤΑΚΗΣ" and "Κυριάκος
Μητσοτάκης" are one person; Arabic short vowels, shadda, sukun, tanwin and tatweel and Hebrew points are optional
("مُحَمَّد" is "محمد", "שָׁלוֹם" is "שלום"). The stored name keeps its marks; only the key drops them. A source stored
before keeps its old key ("kupiáĸoo mn̩ᴛooᴛáĸn̩o"), so the name written without its marks finds no source or another,
and a marked and an unmarked source of one person stay two speakers contradicting each other.

Upgrade reruns migration 0016's three steps with the live rules (``rekey_sources``, loaded by path, as 0030 and 0036
do): every key recomputed, sources whose keys now meet merged into the oldest, and flags whose two sides are now one
source's marked ``same_speaker`` (a contradiction among them a self-contradiction).

Downgrade changes nothing: merged sources stay merged, and the old keys are not wanted back.

Revision ID: 0037
Revises: 0036
Create Date: 2026-12-07 17:30:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from alembic import op

from db.migrate import migration_module

revision: str = "0037"
down_revision: str | None = "0036"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    migration_module("0016_occupations_before_speaker_names.py").rekey_sources(op.get_bind(), datetime.now(UTC))


def downgrade() -> None:
    pass
