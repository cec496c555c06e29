"""The speaker keys of fixed, hand-written names (tests/data/speaker_keys_golden.jsonl), checked by the suite.

A source's ``name_key`` is stored once, when the source is made: a change of ``extraction.names.speaker_key`` (a new
honorific, title or occupation, a new look-alike fold) leaves every source stored before under its old key, so the
same name sent again makes a second source and one speaker is split in two (Shri, Alhaji... in rules 32, repaired by
migration 0021). This file makes such a change fail here first:

    python -m tests.test_speaker_key_golden            # check: exit 1 and list the names whose key or form changed
    python -m tests.test_speaker_key_golden --write    # record the current keys and forms of the same names

To add names, append lines with only a "name" to the file, then ``--write``.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path

from extraction.names import speaker_key, split_role_prefix

GOLDEN_FILE = Path(__file__).resolve().parent / "data" / "speaker_keys_golden.jsonl"
WRITE_COMMAND = "python -m tests.test_speaker_key_golden --write"
ADVICE = (
    "A change of speaker keys needs a migration that re-keys the stored sources and merges those whose keys now meet "
    "(as migrations/versions/0004, 0016 and 0021 do: 0021 reruns 0016's steps, a new one can too); without it a "
    "name sent again makes a second source. A change of the stored form alone leaves sources stored before under "
    f"their old name (0016's step 1 renames them). Then regenerate the golden file: {WRITE_COMMAND}"
)


def stored_name(name: str) -> str:
    """The name a new source gets from ``name`` (``SpeakerService.resolve``): the bare name, no role before it."""
    _, bare = split_role_prefix(name)
    return bare or name.strip()


def record(name: str) -> dict[str, str]:
    return {"name": name, "key": speaker_key(name), "stored": stored_name(name)}


def _line(row: dict[str, str]) -> str:
    """One JSON line, letters as written; invisible and format characters escaped, so a reader sees them."""
    text = json.dumps(row, ensure_ascii=False)
    return "".join(f"\\u{ord(c):04x}" if unicodedata.category(c) in {"Cf", "Cc", "Zl", "Zp"} else c for c in text)


def load(path: Path = GOLDEN_FILE) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def changes(rows: list[dict[str, str]]) -> list[str]:
    """One line per recorded name whose key or stored form is no longer the recorded one."""
    found = []
    for row in rows:
        now = record(row["name"])
        for field in ("key", "stored"):
            if row.get(field) != now[field]:
                found.append(f"{row['name']!r}: {field} {row.get(field)!r} -> {now[field]!r}")
    return found


def write(path: Path = GOLDEN_FILE) -> int:
    rows = [record(row["name"]) for row in load(path)]
    path.write_text("".join(_line(row) + "\n" for row in rows), encoding="utf-8")
    return len(rows)


def test_speaker_keys_are_unchanged() -> None:
    rows = load()
    assert len(rows) >= 60 and len({r["name"] for r in rows}) == len(rows)
    found = changes(rows)
    assert not found, f"{len(found)} recorded speaker names read otherwise now:\n" + "\n".join(found) + f"\n{ADVICE}"


def test_the_guard_sees_a_changed_key(tmp_path: Path) -> None:
    """A row recorded under another key (as the rules before 7715134 keyed "Alhaji John Smith") is reported."""
    golden = tmp_path / "golden.jsonl"
    golden.write_text(
        _line({"name": "Alhaji John Smith", "key": "alhaji john smith", "stored": "Alhaji John Smith"}) + "\n"
        + _line(record("Peter Quinn")) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    assert changes(load(golden)) == [
        "'Alhaji John Smith': key 'alhaji john smith' -> 'john smith'",
        "'Alhaji John Smith': stored 'Alhaji John Smith' -> 'John Smith'",
    ]
    assert write(golden) == 2 and changes(load(golden)) == []


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="record the current keys and forms")
    args = parser.parse_args(argv)
    if args.write:
        print(f"wrote {write()} names to {GOLDEN_FILE}")
        return 0
    found = changes(load())
    for line in found:
        print(line)
    if found:
        print(ADVICE, file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
