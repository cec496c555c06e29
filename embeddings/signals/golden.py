"""The golden file: the signal reports of about 2,000 fixed pairs, checked by the test suite.

    python -m embeddings.signals.golden            # check: exit 1 and list the pairs whose report changed
    python -m embeddings.signals.golden --write    # recompute the reports of the same pairs, bump the counter
    python -m embeddings.signals.golden --write --select   # draw the pairs afresh (seeded), then write

The pairs come from the held-out and train NLI files under the shared data (drawn once, seeded: half among pairs
where some signal fired, half among the rest) and from the repository's own ``benchmarks/nli_claims.jsonl``. The
file stores no text from the shared data: only the file name, the line index, a short hash of the pair's text
(which tells a changed data file from a changed rule) and the expected report. Its first line records the rules
counter and the fingerprint of the word lists the reports were made with.

``RULES_VERSION`` (``embeddings.signals.version``) derives from this file and the word lists, so changing a list
or a signal's behaviour without ``--write`` fails the suite, and writing gives the judges a new version.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from embeddings.signals.lexicon import data_fingerprint
from embeddings.signals.report import SignalReport, iter_signal_reports

GOLDEN_FILE = Path(__file__).resolve().parent / "golden.jsonl"
REPO_ROOT = Path(__file__).resolve().parents[2]
CLAIMS_FILE = REPO_ROOT / "benchmarks" / "nli_claims.jsonl"
CLAIMS_NAME = "nli_claims.jsonl"
SEED = 21
# NLI files under <shared>/data/nli and how many pairs to draw from each (the claim set is taken whole).
DRAWS: dict[str, int] = {
    "snli.test.jsonl.gz": 120,
    "lingnli.dev.jsonl.gz": 120,
    "anli_r1.dev.jsonl.gz": 120,
    "anli_r2.dev.jsonl.gz": 120,
    "anli_r3.dev.jsonl.gz": 120,
    "sick.test.jsonl.gz": 120,
    "cad_snli.test.jsonl.gz": 120,
    "breaking_nli.test.jsonl.gz": 120,
    "scitail.test.jsonl.gz": 120,
    "glue_diagnostic.test.jsonl.gz": 120,
    "xnli_en.dev.jsonl.gz": 120,
    "fnc1.test.jsonl.gz": 120,
    "snli.train.jsonl.gz": 115,
    "mnli.train.jsonl.gz": 115,
    "lingnli.train.jsonl.gz": 115,
    "sick.train.jsonl.gz": 115,
}


def default_data_dir() -> Path:
    return Path(os.environ.get("CLAIMLEDGER_SHARED_DIR", REPO_ROOT.parent / "shared")) / "data" / "nli"


def pair_hash(premise: str, hypothesis: str) -> str:
    """Short hash of a pair's text: tells a changed data file from a changed rule."""
    return hashlib.sha256(f"{premise}\x1f{hypothesis}".encode()).hexdigest()[:12]


def report_record(report: SignalReport) -> dict[str, Any]:
    return asdict(report)


@dataclass(frozen=True, slots=True)
class GoldenPair:
    file: str
    line: int  # 0-based line index in the file
    pair: str  # pair_hash of its text
    report: dict[str, Any]

    def key(self) -> tuple[str, int]:
        return self.file, self.line


@dataclass(frozen=True, slots=True)
class Golden:
    rules: int  # the human-readable rules counter, bumped by every --write that changes something
    word_lists: str  # data_fingerprint() when written
    pairs: tuple[GoldenPair, ...]

    @classmethod
    def read(cls, path: Path = GOLDEN_FILE) -> Golden:
        lines = path.read_text(encoding="utf-8").splitlines()
        header = json.loads(lines[0])
        pairs = tuple(GoldenPair(**json.loads(line)) for line in lines[1:] if line.strip())
        return cls(int(header["rules"]), str(header["word_lists"]), pairs)

    def render(self) -> str:
        header = {"rules": self.rules, "word_lists": self.word_lists, "seed": SEED, "pairs": len(self.pairs)}
        rows = [json.dumps(asdict(pair), sort_keys=True, ensure_ascii=False) for pair in self.pairs]
        return "\n".join([json.dumps(header, sort_keys=True), *rows]) + "\n"


def read_file_lines(path: Path, wanted: set[int]) -> dict[int, tuple[str, str]]:
    """(premise, hypothesis) of the wanted line indices of one JSON-lines file (gzip'd or not)."""
    found: dict[int, tuple[str, str]] = {}
    last = max(wanted, default=-1)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if index > last:
                break
            if index in wanted:
                row = json.loads(line)
                found[index] = (row["premise"], row["hypothesis"])
    return found


def _all_pairs(path: Path) -> Iterator[tuple[int, str, str]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if line.strip():
                row = json.loads(line)
                yield index, row["premise"], row["hypothesis"]


def select(data_dir: Path) -> list[tuple[str, int]]:
    """Draw the (file, line) keys afresh: per NLI file half among pairs where a signal fires, half among the rest;
    then every claim-set pair."""
    keys: list[tuple[str, int]] = []
    for name, count in DRAWS.items():
        rows = list(_all_pairs(data_dir / name))
        reports = iter_signal_reports((premise, hypothesis) for _, premise, hypothesis in rows)
        firing: list[int] = []
        quiet: list[int] = []
        for (index, _, _), report in zip(rows, reports, strict=True):
            (firing if report.strengths else quiet).append(index)
        rng = random.Random(f"{SEED}:{name}")  # noqa: S311 - a reproducible sample, not a secret
        take = min(len(firing), count // 2)
        chosen = rng.sample(firing, take) + rng.sample(quiet, min(len(quiet), count - take))
        keys += [(name, index) for index in sorted(chosen)]
    keys += [(CLAIMS_NAME, index) for index, _, _ in _all_pairs(CLAIMS_FILE)]
    return keys


def load_texts(keys: Sequence[tuple[str, int]], data_dir: Path | None) -> dict[tuple[str, int], tuple[str, str]]:
    """The texts of the keys; NLI files are skipped when ``data_dir`` is None or lacks them."""
    by_file: dict[str, set[int]] = {}
    for name, index in keys:
        by_file.setdefault(name, set()).add(index)
    texts: dict[tuple[str, int], tuple[str, str]] = {}
    for name, indices in by_file.items():
        path = CLAIMS_FILE if name == CLAIMS_NAME else data_dir / name if data_dir is not None else None
        if path is None or not path.is_file():
            continue
        texts.update({(name, index): pair for index, pair in read_file_lines(path, indices).items()})
    return texts


def compute(keys: Sequence[tuple[str, int]], data_dir: Path | None) -> list[GoldenPair]:
    """Fresh reports for every key whose text is available."""
    texts = load_texts(keys, data_dir)
    present = [key for key in keys if key in texts]
    reports = iter_signal_reports(texts[key] for key in present)
    return [
        GoldenPair(name, index, pair_hash(*texts[(name, index)]), report_record(report))
        for (name, index), report in zip(present, reports, strict=True)
    ]


@dataclass(frozen=True, slots=True)
class CheckResult:
    checked: int
    missing_files: tuple[str, ...]  # files of the golden set absent here (the shared data)
    changed_text: tuple[str, ...]  # pairs whose text hash no longer matches: the data changed, not the rules
    changed_reports: tuple[str, ...]  # pairs whose report differs: the rules changed
    word_lists_changed: bool


def check(data_dir: Path | None, golden: Golden | None = None) -> CheckResult:
    """Compare today's reports with the golden file's, for every pair whose file is available."""
    golden = golden or Golden.read()
    fresh = {pair.key(): pair for pair in compute([pair.key() for pair in golden.pairs], data_dir)}
    missing = sorted({pair.file for pair in golden.pairs} - {key[0] for key in fresh})
    changed_text: list[str] = []
    changed_reports: list[str] = []
    for expected in golden.pairs:
        got = fresh.get(expected.key())
        if got is None:
            continue
        where = f"{expected.file}:{expected.line}"
        if got.pair != expected.pair:
            changed_text.append(where)
        elif got.report != expected.report:
            changed_reports.append(f"{where}: expected {expected.report}, got {got.report}")
    return CheckResult(
        checked=len(fresh),
        missing_files=tuple(missing),
        changed_text=tuple(changed_text),
        changed_reports=tuple(changed_reports),
        word_lists_changed=golden.word_lists != data_fingerprint(),
    )


def write(data_dir: Path, *, reselect: bool = False, path: Path = GOLDEN_FILE) -> Golden:
    """Recompute every report (of the stored pairs, or of a fresh selection) and write the file; the counter goes
    up by one when any report, the pair set or the word lists changed."""
    previous = Golden.read(path) if path.is_file() else None
    keys = select(data_dir) if reselect or previous is None else [pair.key() for pair in previous.pairs]
    pairs = tuple(compute(keys, data_dir))
    if len(pairs) != len(keys):
        raise FileNotFoundError(f"only {len(pairs)} of {len(keys)} pairs found under {data_dir}: need every file")
    fingerprint = data_fingerprint()
    rules = 1 if previous is None else previous.rules
    if previous is not None and (previous.pairs != pairs or previous.word_lists != fingerprint):
        rules += 1
    golden = Golden(rules, fingerprint, pairs)
    path.write_text(golden.render(), encoding="utf-8")
    return golden


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="recompute the reports and write the golden file")
    parser.add_argument("--select", action="store_true", help="with --write: draw the pairs afresh")
    parser.add_argument("--data-dir", type=Path, default=None, help="shared NLI data (default: ../shared/data/nli)")
    parser.add_argument("--rules", type=int, default=None, help="with --write: set the rules counter to this")
    args = parser.parse_args(argv)
    data_dir: Path = args.data_dir or default_data_dir()
    if args.write:
        golden = write(data_dir, reselect=args.select)
        if args.rules is not None and args.rules != golden.rules:
            golden = Golden(args.rules, golden.word_lists, golden.pairs)
            GOLDEN_FILE.write_text(golden.render(), encoding="utf-8")
        print(f"wrote {GOLDEN_FILE} ({len(golden.pairs)} pairs, rules {golden.rules})", file=sys.stderr)
        return 0
    result = check(data_dir)
    for line in (*result.changed_text, *result.changed_reports):
        print(line)
    if result.missing_files:
        print(f"not checked (absent under {data_dir}): {', '.join(result.missing_files)}", file=sys.stderr)
    if result.word_lists_changed:
        print("the word lists changed since the golden file was written", file=sys.stderr)
    failed = bool(result.changed_text or result.changed_reports or result.word_lists_changed)
    print(f"{result.checked} pairs checked: " + ("FAILED" if failed else "ok"), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
