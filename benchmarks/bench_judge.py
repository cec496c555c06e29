"""Throughput of the judge: raw NLI model vs HybridJudge, fp32, bf16 (where the CPU has it natively) and int8, at batch sizes 1, 16 and 64.

    python -m benchmarks.bench_judge [--model-dir DIR] [--pairs 256] [--threads 1] [--out FILE.json]

Pairs are the claim benchmark's (premise, hypothesis) pairs, cycled to ``--pairs``: claim-length sentences, as
the service sees them. A batch size of b means calls of b pairs each (``/v1/check`` judges its top_k matches in
one call), so batch size 1 is the latency of judging a single pair. The rule judge is timed too, as the cost of
the signals alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from functools import partial
from itertools import cycle, islice
from pathlib import Path
from typing import Any

from benchmarks.report import write_report
from embeddings.nli.evaluate import CLAIMS_FILE, load_claims
from embeddings.rule_judge import HybridJudge, RuleJudge

BATCH_SIZES = (1, 16, 64)


def time_calls(
    run: Callable[[Sequence[tuple[str, str]]], object], pairs: list[tuple[str, str]], batch: int
) -> dict[str, float]:
    """Pairs per second and milliseconds per call when ``pairs`` go through ``run`` in calls of ``batch``."""
    run(pairs[:batch])  # warm-up: first-call allocations are not what a running service pays
    started = time.perf_counter()
    calls = 0
    for start in range(0, len(pairs), batch):
        run(pairs[start : start + batch])
        calls += 1
    seconds = time.perf_counter() - started
    return {"pairs_per_s": round(len(pairs) / seconds, 1), "ms_per_call": round(1000 * seconds / calls, 2)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-dir", type=Path, default=None)
    parser.add_argument("--pairs", type=int, default=256)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="also write the results as JSON")
    args = parser.parse_args(argv)

    from embeddings.nli.model import ModelNotFoundError, NliCrossEncoder, cpu_has_native_bf16

    rows = load_claims(CLAIMS_FILE)
    pairs = list(islice(cycle([(row["premise"], row["hypothesis"]) for row in rows]), args.pairs))
    results: dict[str, Any] = {"pairs": len(pairs), "threads": args.threads, "runs": []}
    rules = RuleJudge()
    for batch in BATCH_SIZES:
        results["runs"].append(
            {"system": "rules", "precision": "-", "batch": batch, **time_calls(rules.judge, pairs, batch)}
        )
    precisions = ["fp32", "bf16", "int8"] if cpu_has_native_bf16() else ["fp32", "int8"]
    for precision in precisions:
        try:
            model = NliCrossEncoder(args.model_dir, precision=precision, threads=args.threads)
        except ModelNotFoundError as error:
            print(error, file=sys.stderr)
            return 2
        results["model_version"] = model.version.removesuffix(f"-{precision}")
        for batch in BATCH_SIZES:
            hybrid = HybridJudge(model, batch_size=batch)
            predict = partial(model.predict, batch_size=batch)
            results["runs"].append(
                {"system": "model", "precision": precision, "batch": batch, **time_calls(predict, pairs, batch)}
            )
            results["runs"].append(
                {"system": "hybrid", "precision": precision, "batch": batch, **time_calls(hybrid.judge, pairs, batch)}
            )
    print(f"{len(pairs)} claim pairs, {args.threads} torch thread(s), model {results['model_version']}")
    print(f"{'system':8} {'precision':9} {'batch':>5} {'pairs/s':>9} {'ms/call':>9}")
    for run in results["runs"]:
        print(
            f"{run['system']:8} {run['precision']:9} {run['batch']:>5} {run['pairs_per_s']:>9} {run['ms_per_call']:>9}"
        )
    if args.out:
        write_report(args.out, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
