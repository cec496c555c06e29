"""Throughput of the nightly reconciliation: a record of N stored claims, then M new ones reconciled incrementally.

    python -m benchmarks.bench_reconcile [--sizes 2000,20000] [--new 2000] [--encoder hashing|minilm|PATH]
        [--judge rules|hybrid] [--database-url URL] [--section NAME] [--out benchmarks/RECONCILE_BENCH.md]

For each size N: a fresh database (a temporary SQLite file unless ``--database-url`` names an empty one) is
loaded with N synthetic claims through ``ClaimService`` (vectors included, as the API stores them) and marked as
reconciled; then M new claims arrive and ``claimledger reconcile`` (the same ``Reconciler``) checks them against
the whole record. Reported: claims/s (new claims over the check stage: retrieval, judging and writing flags),
pairs/s judged inside the run, the judge's raw pairs/s on the same machine (one batch of comparable pairs, no
database), time per stage, and new flags by kind. ``--sizes 2000,20000,100000`` adds the 100k point (long).

The claims are built from CLEF 2020 verified claims (../shared/data/clef2020-claim-matching) when present,
otherwise from templates: each stored claim is a verified claim said by one of 500 speakers, sometimes restated
("Officials said that ..."); the new claims repeat stored ones (near-duplicates), change a number or add a
negation (contradictions), or bring new verified claims. The markdown results replace the section ``--section``
of ``--out`` (default ``<encoder>-<judge>``), so runs with other models keep their own sections.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import re
import shlex
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from db.migrate import upgrade
from db.models import ReconciliationRun
from db.types import utcnow
from embeddings.encoder import Encoder, load_encoder
from embeddings.judge import Judge, Judgement
from embeddings.rule_judge import RuleJudge
from reconcile.job import Reconciler, RunRequest
from service.config import Settings
from service.runtime import Runtime, load_judge
from service.schemas import ClaimCreate
from service.services.claims import ClaimService

CLEF = Path("data/clef2020-claim-matching/verified_claims.docs.tsv")
OUT = Path(__file__).resolve().parent / "RECONCILE_BENCH.md"
SPEAKERS = 500
LOAD_BATCH = 1000
RAW_JUDGE_PAIRS = 2000
_NUMBER = re.compile(r"\b\d[\d,]*\b")
_NEGATABLE = re.compile(r"\b(is|are|was|were|has|have|had|will|can|did|does)\b")
_TEMPLATE_SUBJECTS = ["The governor", "The city council", "The health ministry", "A senator", "The central bank"]
_TEMPLATE_ACTS = ["cut spending by", "hired", "closed", "approved funding for", "reported"]
_TEMPLATE_OBJECTS = ["schools", "hospitals", "police officers", "new homes", "bridges"]


@dataclass(frozen=True, slots=True)
class Synthetic:
    text: str
    speaker: str
    said_at: date


def base_claims(shared_dir: Path) -> list[str]:
    path = shared_dir / CLEF
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as handle:
            texts = {" ".join((row.get("vclaim") or "").split()) for row in csv.DictReader(handle, delimiter="\t")}
        return sorted(t for t in texts if 5 <= len(t.split()) <= 60)
    rng = random.Random(7)
    return [
        f"{rng.choice(_TEMPLATE_SUBJECTS)} {rng.choice(_TEMPLATE_ACTS)} {rng.randint(2, 5000)} "
        f"{rng.choice(_TEMPLATE_OBJECTS)} in {rng.randint(1990, 2023)}."
        for _ in range(5000)
    ]


def restate(text: str, rng: random.Random) -> str:
    lead = rng.choice(["Officials said that", "According to reports,", "It was claimed that", "Critics say"])
    return f"{lead} {text[0].lower()}{text[1:]}" if text else text


def contradict(text: str, rng: random.Random) -> str:
    """A number changed if there is one, else a negation; else a flat denial."""
    number = _NUMBER.search(text)
    if number is not None:
        digits = number.group().replace(",", "")
        changed = str(int(digits) * rng.randint(2, 9) + rng.randint(1, 9)) if digits.isdigit() else "12"
        return text[: number.start()] + changed + text[number.end() :]
    verb = _NEGATABLE.search(text)
    if verb is not None:
        return text[: verb.end()] + " not" + text[verb.end() :]
    return f"It is false that {text[0].lower()}{text[1:]}"


def synthesize(bases: list[str], stored: int, new: int, seed: int = 13) -> tuple[list[Synthetic], list[Synthetic]]:
    """``stored`` claims for the record and ``new`` arrivals: 30 % repeats, 30 % contradictions, 40 % fresh."""
    rng = random.Random(seed)
    order = list(bases)
    rng.shuffle(order)
    fresh_pool = order[: max(1, len(order) // 5)]
    record_bases = order[len(fresh_pool) :] or order
    start = date(2018, 1, 1)

    def said(i: int) -> date:
        return start + timedelta(days=i % 2000)

    record = []
    for i in range(stored):
        text = record_bases[i % len(record_bases)]
        if i >= len(record_bases):  # the record is larger than the pool: later rounds restate
            text = restate(text, rng)
        record.append(Synthetic(text, f"Speaker {rng.randrange(SPEAKERS)}", said(i)))
    arrivals = []
    for i in range(new):
        roll = rng.random()
        if roll < 0.3:
            original = rng.choice(record)
            text = original.text if rng.random() < 0.5 else restate(original.text, rng)
        elif roll < 0.6:
            text = contradict(rng.choice(record).text, rng)
        else:
            text = fresh_pool[i % len(fresh_pool)]
        arrivals.append(Synthetic(text, f"Speaker {rng.randrange(SPEAKERS)}", said(stored + i)))
    return record, arrivals


def store(runtime: Runtime, claims: Sequence[Synthetic]) -> None:
    for start in range(0, len(claims), LOAD_BATCH):
        bodies = [
            ClaimCreate.model_validate({"text": c.text, "speaker": c.speaker, "said_at": c.said_at.isoformat()})
            for c in claims[start : start + LOAD_BATCH]
        ]
        ClaimService(runtime.db, runtime.encoder).create_many(bodies)


def mark_reconciled(runtime: Runtime) -> None:
    """As if last night's run had covered the record so far."""
    with runtime.session_factory() as session:
        now = utcnow()
        session.add(ReconciliationRun(status="succeeded", cutoff=now, started_at=now, finished_at=now))
        session.commit()


class RecordingJudge:
    """The judge under test, keeping the first pairs it is given so its raw rate is timed on the same pairs."""

    def __init__(self, judge: Judge, keep: int = RAW_JUDGE_PAIRS) -> None:
        self.inner = judge
        self.name, self.version = judge.name, judge.version
        self.keep = keep
        self.pairs: list[tuple[str, str]] = []

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        room = self.keep - len(self.pairs)
        if room > 0:
            self.pairs.extend(pairs[:room])
        return self.inner.judge(pairs)


def raw_judge_rate(judge: Judge, pairs: list[tuple[str, str]]) -> float:
    """Pairs per second for these pairs in one call: the judge alone, no database, no retrieval."""
    judge.judge(pairs[:16])  # warm-up
    started = time.perf_counter()
    judge.judge(pairs)
    return len(pairs) / (time.perf_counter() - started)


def raw_encoder_rate(encoder: Encoder, texts: list[str]) -> float:
    encoder.encode(texts[:16])
    started = time.perf_counter()
    encoder.encode(texts)
    return len(texts) / (time.perf_counter() - started)


def load(settings: Settings, encoder: Encoder, record: list[Synthetic], arrivals: list[Synthetic]) -> float:
    """Store the record, mark it reconciled, store the arrivals; the seconds it took."""
    upgrade(settings.database_url)
    runtime = Runtime.create(settings)
    runtime.use_models(encoder, RuleJudge())
    try:
        started = time.perf_counter()
        store(runtime, record)
        mark_reconciled(runtime)
        store(runtime, arrivals)
        return time.perf_counter() - started
    finally:
        runtime.close()  # the last connection out checkpoints SQLite's WAL: the file alone is the database


def bench_size(
    size: int,
    new: int,
    bases: list[str],
    encoder: Encoder,
    judge: Judge,
    settings: Settings,
    cached: Path | None = None,
    engine: str = "local",
) -> dict[str, Any]:
    """One size; with ``cached`` (a SQLite file), the loaded database is kept there and reused next time."""
    record, arrivals = synthesize(bases, size, new)
    database = Path(settings.database_url.removeprefix("sqlite:///"))
    if cached is not None and cached.is_file():
        shutil.copyfile(cached, database)
        load_s = None
    else:
        load_s = load(settings, encoder, record, arrivals)
        if cached is not None:
            cached.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(database, cached)
    runtime = Runtime.create(settings)
    recording = RecordingJudge(judge)
    runtime.use_models(encoder, recording)
    try:
        started = time.perf_counter()
        outcomes = Reconciler(runtime, engine=engine).run(RunRequest())
        wall_s = time.perf_counter() - started
    finally:
        runtime.close()
    outcome = outcomes[-1]
    if outcome.status != "succeeded":
        raise RuntimeError(f"the run failed: {outcome.error}")
    stats = outcome.stats
    timings = stats["timings_s"]
    check_s = timings["retrieve"] + timings["judge"] + timings["flag"]
    # On Ray the stage timings are summed over the actors; the wall time of the check stage is what a night costs.
    check_wall_s = max(wall_s - timings["embed"] - timings.get("engine", 0.0) - timings["report"], 1e-9)
    # Ray's actors judge with their own models: the raw rate is then measured on comparable pairs here.
    sample = recording.pairs or [(r.text, a.text) for r, a in zip(record, arrivals, strict=False)][:512]
    return {
        "engine": engine,
        "check_wall_s": check_wall_s,
        "claims_per_s_wall": stats["counts"]["claims_checked"] / check_wall_s,
        "stored": size,
        "new": new,
        "load_s": load_s,
        "wall_s": wall_s,
        "check_s": check_s,
        "claims_per_s": stats["counts"]["claims_checked"] / check_s if check_s else 0.0,
        "pairs": stats["counts"]["pairs_judged"],
        "pairs_per_s": stats["counts"]["pairs_judged"] / timings["judge"] if timings["judge"] else 0.0,
        "timings": timings,
        "flags": stats["flags_new"],
        "claims_checked": stats["counts"]["claims_checked"],
        "raw_pairs_per_s": raw_judge_rate(judge, sample) if sample else 0.0,
        "raw_pairs": len(sample),
    }


def _seconds(value: float | None) -> str:
    return "cached" if value is None else f"{value:.1f}s"


def render(args: argparse.Namespace, rows: list[dict[str, Any]], raw: dict[str, float], judge: Judge, key: str) -> str:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    lines = [
        f"### {args.section}",
        "",
        f"`python -m benchmarks.bench_reconcile {shlex.join(sys.argv[1:])}`",
        "",
        f"- machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {load[0]:.1f} at the end (other jobs share these CPUs; numbers are lower bounds)",
        f"- database: {args.backend_label}; encoder `{key}`; judge `{judge.name}@{judge.version}`; "
        f"top_k {args.top_k}, chunk size {args.chunk_size}",
        f"- encoder raw: {raw['encoder']:.0f} texts/s; *judge raw* below: the first {RAW_JUDGE_PAIRS:,} pairs the "
        "run judged, judged again in one call with no database",
        "",
        f"- engine: {args.engine}"
        + (f" ({args.ray_workers} Ray workers)" if args.engine == "ray" else "")
        + "; *claims/s (wall)* is over the check stage's wall time (after its workers started: *engine*); the "
        "retrieve, judge and flag columns are summed over the workers",
        "",
        "| stored | new | claims/s (wall) | claims/s (check) | pairs judged | pairs/s in run | judge raw pairs/s | "
        "run wall (s) | embed | engine | retrieve | judge | flag | report | new flags (contra / self / dup) |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        t, f = r["timings"], r["flags"]
        lines.append(
            f"| {r['stored']:,} | {r['new']:,} | {r['claims_per_s_wall']:.1f} | {r['claims_per_s']:.1f} | "
            f"{r['pairs']:,} | {r['pairs_per_s']:.0f} | "
            f"{r['raw_pairs_per_s']:.0f} | {r['wall_s']:.1f} | {t['embed']:.1f} | {t.get('engine', 0.0):.1f} | "
            f"{t['retrieve']:.1f} | "
            f"{t['judge']:.1f} | {t['flag']:.1f} | "
            f"{t['report']:.1f} | {f['contradiction']} / {f['self_contradiction']} / {f['near_duplicate']} |"
        )
    if len(rows) > 1:
        first = rows[0]
        growth = ", ".join(
            f"{r['stored'] // 1000}k: ×{r['check_s'] / first['check_s']:.2f}" for r in rows[1:] if first["check_s"]
        )
        lines += ["", f"Check-stage time relative to {first['stored'] // 1000}k stored claims: {growth}."]
    return "\n".join(lines) + "\n"


def replace_section(path: Path, name: str, body: str) -> None:
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    block = f"{start}\n{body}{end}\n"
    text = path.read_text(encoding="utf-8") if path.is_file() else HEADER
    if start in text and end in text:
        before, rest = text.split(start, 1)
        after = rest.split(end, 1)[1].lstrip("\n")
        text = before + block + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")


HEADER = """# Reconciliation benchmark

`benchmarks/bench_reconcile.py`: N synthetic claims stored (from CLEF 2020 verified claims), marked reconciled,
then 2,000 new claims reconciled incrementally (`claimledger reconcile`): each new claim is matched against the
whole record (top-k, dense + lexical), all pairs of a chunk are judged in one batch, flags are written.
*claims/s* counts new claims over the check stage (retrieve + judge + flag); *pairs/s in run* is pairs judged over
the judging time inside the run, next to the judge's raw rate on the same machine. Stage times are in seconds.
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--sizes", default="2000,20000", help="stored-claim counts, comma-separated (e.g. 2000,20000,100000)"
    )
    parser.add_argument("--new", type=int, default=2000, help="new claims to reconcile at each size")
    parser.add_argument("--encoder", default="hashing", help="hashing, minilm or a sentence-transformers path")
    parser.add_argument("--judge", default="rules", choices=["rules", "hybrid"])
    parser.add_argument("--database-url", default=None, help="an empty database to use (default: temporary SQLite)")
    parser.add_argument("--top-k", type=int, default=Settings().reconcile_top_k)
    parser.add_argument("--chunk-size", type=int, default=Settings().reconcile_chunk_size)
    parser.add_argument("--shared-dir", type=Path, default=Settings().shared_dir)
    parser.add_argument(
        "--cache-dir",
        type=Path,
        default=None,
        help="keep each loaded SQLite database here and reuse it (loading 20k claims with minilm takes long); "
        "the judge does not matter to the cache, so a rerun with --judge hybrid starts at once",
    )
    parser.add_argument("--engine", choices=["local", "ray"], default="local", help="where the check stage runs")
    parser.add_argument("--ray-workers", type=int, default=2, help="Ray actors (one CPU each) with --engine ray")
    parser.add_argument("--section", default=None, help="section of --out to replace (default: encoder-judge)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.database_url and len(sizes) > 1:
        parser.error("--database-url takes one size at a time (each size needs an empty database)")

    base = Settings(encoder=args.encoder, judge=args.judge, reconcile_top_k=args.top_k, ray_workers=args.ray_workers)
    encoder = load_encoder(args.encoder, base.encoder_batch_size)
    judge = load_judge(base)
    args.section = args.section or f"{encoder.name}-{args.judge}" + (
        "" if args.engine == "local" else f"-{args.engine}"
    )
    args.backend_label = "given database" if args.database_url else "SQLite + sqlite-vec (temporary file)"
    bases = base_claims(args.shared_dir)
    _, arrivals = synthesize(bases, 100, 500)
    raw = {"encoder": raw_encoder_rate(encoder, [a.text for a in arrivals])}
    print(f"encoder raw {raw['encoder']:.0f} texts/s", flush=True)
    rows = []
    for size in sizes:
        workdir = Path(tempfile.mkdtemp(prefix="bench-reconcile-"))
        try:
            url = args.database_url or f"sqlite:///{workdir / 'bench.db'}"
            settings = base.model_copy(
                update={
                    "database_url": url,
                    "reports_dir": workdir / "reports",
                    "reconcile_chunk_size": args.chunk_size,
                    "reconcile_overlap_seconds": 0.0,
                }
            )
            cached = None
            if args.cache_dir is not None and not args.database_url:
                cached = args.cache_dir / f"{encoder.name}@{encoder.version}-{size}-{args.new}.db"
            row = bench_size(size, args.new, bases, encoder, judge, settings, cached, args.engine)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        rows.append(row)
        print(
            f"stored {size} ({row['engine']}): {row['claims_per_s_wall']:.1f} claims/s wall, "
            f"{row['claims_per_s']:.1f} claims/s in stage time, {row['pairs_per_s']:.0f} pairs/s in run "
            f"(judge raw {row['raw_pairs_per_s']:.0f}), "
            f"wall {row['wall_s']:.1f}s (load {_seconds(row['load_s'])}), "
            f"stages {row['timings']}, flags {row['flags']}",
            flush=True,
        )
    replace_section(args.out, args.section, render(args, rows, raw, judge, f"{encoder.name}@{encoder.version}"))
    print(f"results in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
