"""The word lists the signals use, read from the tab-separated files in ``data/``.

Every file has a header row and an ``origin`` column that says where each entry came from ("rules-1 (132b206):
general English", "rules-6 (6bc902e): from errors read in lingnli.dev", ...); lines starting with ``#`` are
comments. Entries whose origin names an evaluation file were read from that file's errors, so that file's figure
is optimistic wherever they apply. A list is code: changing one changes ``RULES_VERSION`` (``version.py``) and
must be followed by ``python -m embeddings.signals.golden --write``.

Antonyms come from ``ANTONYM_SOURCES``: further files in the same three-column format (``side_a``, ``side_b``,
``origin``; each side one or more space-separated words; optionally a ``kind`` column, the part of speech, before
``origin``) are read after ``antonyms.tsv``, so a lexicon derived from WordNet can be plugged in by adding its path
there.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
ORIGIN = "origin"

# Antonym lists, in the order they are read (the first list that names a word decides its lemma).
ANTONYM_SOURCES: tuple[Path, ...] = (DATA_DIR / "antonyms.tsv",)


class LexiconError(ValueError):
    """A data file that does not have the shape its reader expects."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of a data file: its columns by name (``origin`` included)."""

    values: dict[str, str]
    origin: str

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    def words(self, column: str) -> tuple[str, ...]:
        """A space-separated column as its words."""
        return tuple(self.values[column].split())


def read_table(path: Path, columns: Sequence[str]) -> tuple[Entry, ...]:
    """Rows of one tab-separated file whose header must be ``columns`` followed by ``origin``."""
    header: list[str] | None = None
    rows: list[Entry] = []
    expected = [*columns, ORIGIN]
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            if cells != expected:
                raise LexiconError(f"{path.name}: header {cells} is not {expected}")
            header = cells
            continue
        if len(cells) != len(header) or not all(cell.strip() for cell in cells):
            raise LexiconError(f"{path.name}:{number}: expected {len(header)} non-empty columns, got {cells}")
        values = dict(zip(header, cells, strict=True))
        rows.append(Entry(values, values[ORIGIN]))
    if header is None:
        raise LexiconError(f"{path.name}: no header row")
    return tuple(rows)


def table(name: str, columns: Sequence[str]) -> tuple[Entry, ...]:
    """Rows of ``data/<name>.tsv``."""
    return read_table(DATA_DIR / f"{name}.tsv", columns)


def words_with_role(role: str) -> tuple[str, ...]:
    """The words of ``roles.tsv`` with one role, in file order."""
    return tuple(entry["word"] for entry in _roles() if entry["role"] == role)


@cache
def _roles() -> tuple[Entry, ...]:
    return table("roles", ("word", "role"))


@dataclass(frozen=True, slots=True)
class AntonymGroup:
    """Words of side A oppose words of side B; ``kind`` is their part of speech ("" when the source gives none)."""

    side_a: tuple[str, ...]
    side_b: tuple[str, ...]
    kind: str = ""


def antonym_groups(sources: Iterable[Path] = ANTONYM_SOURCES) -> tuple[AntonymGroup, ...]:
    """The groups of every antonym source, in order. A source has the columns ``side_a``, ``side_b`` and
    ``origin``, optionally with ``kind`` (verb, adjective, adverb, noun) before ``origin``."""
    groups: list[AntonymGroup] = []
    for path in sources:
        try:
            entries = read_table(path, ("side_a", "side_b", "kind"))
        except LexiconError:
            entries = read_table(path, ("side_a", "side_b"))
        groups += [
            AntonymGroup(entry.words("side_a"), entry.words("side_b"), entry.values.get("kind", ""))
            for entry in entries
        ]
    return tuple(groups)


def data_files() -> tuple[Path, ...]:
    """Every word list the signals read: the files of ``data/`` and any further antonym source."""
    return tuple(sorted({*DATA_DIR.glob("*.tsv"), *ANTONYM_SOURCES}))


def data_fingerprint() -> str:
    """Hash of every word list's name and content: part of ``RULES_VERSION``."""
    digest = hashlib.sha256()
    for path in data_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
