"""The operating point for contradiction flags: a precision/recall curve on a held-back slice of claim-style dev
data, and precision/recall at the shipped point on claim-style test data.

    python -m benchmarks.calibrate_flags [--model-dir DIR] [--precision fp32] [--seed 13]
                                         [--out benchmarks/flag_calibration.json]
                                         [--markdown benchmarks/FLAG_CALIBRATION.md]

A flag is raised when the hybrid judge calls a pair "contradicts". With the signal weights fixed, that decision is
made by two numbers: the temperature that divides the model's log-probabilities before the signals are added, and
``contradiction_threshold`` (the pair contradicts when P(contradiction) after the signals is the largest of the
three and reaches it). ``HYBRID_THRESHOLDS`` ships temperature 1.0 and threshold 0.4, and
``CLAIMLEDGER_CONTRADICTION_THRESHOLD`` overrides the threshold. The sweep covers both numbers, in two modes:
symmetric (flag when either direction contradicts: what the service does, ``embeddings.judge.both_ways``) and one
way (the claim on record as premise only, as the service judged before). The service's similarity gates are not
modelled: these are given pairs, not retrieval results.

Data, and why:

- **Calibration slice** (the curve, and the point it recommends): ``citation_integrity.dev`` (scientific claims
  against the evidence they cite: the only dev file of claims with gold contradictions), ``wice.dev`` (Wikipedia
  claims against their cited sources: supported or partly supported, so every flag there is false) and a seeded
  half of the CLEF 2020 *dev* tweets paired with the fact-checked claim each repeats (a repeat never contradicts
  its claim, so every flag is false). Dev splits only; the CLEF *train* repeats are out because the shipped model
  was adapted on them.
- **Test** (reported, never chosen on): ``citation_integrity.test``, ``fever_symmetric.dev`` (an evaluation-only
  FEVER set whose claims cannot be judged without the evidence), ``wice.test`` and the other half of the CLEF dev
  repeats.
- Never: the contrast test set (``benchmarks/contrast``), the floors' files, ``benchmarks/nli_claims.jsonl`` (the
  shipped thresholds were set with it in view) and any file the model trained on.

The recommended point is the one with the highest recall at precision >= ``--min-precision`` (0.60, issue 21's
target) on the pooled calibration slice. ``HYBRID_THRESHOLDS`` is then changed by hand, if at all, so a change of
the shipped point is a reviewed commit. The model runs once per pair and direction; the sweep re-combines.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from benchmarks.calibrate_judge import combined
from benchmarks.eval_matching import Query, load_claims, load_queries, prepare_run
from benchmarks.report import write_reports
from embeddings.nli import PRECISIONS
from embeddings.nli.data import LABEL_TO_ID, read_pairs
from embeddings.nli.evaluate import default_data_dir, default_extra_data_dir, flag_metrics
from embeddings.rule_judge import CONTRADICTION, HYBRID_THRESHOLDS, HybridJudge
from service.config import REPO_ROOT, Settings
from service.services.checking import judge_pair

OUT_FILE = REPO_ROOT / "benchmarks" / "flag_calibration.json"
MARKDOWN_FILE = REPO_ROOT / "benchmarks" / "FLAG_CALIBRATION.md"
CALIBRATION_FILES: tuple[str, ...] = ("citation_integrity.dev", "wice.dev")
TEST_FILES: tuple[str, ...] = ("citation_integrity.test", "fever_symmetric.dev", "wice.test")
CLEF_CALIBRATION, CLEF_TEST = "clef2020_dev_repeats.calibration", "clef2020_dev_repeats.test"
THRESHOLDS: tuple[float, ...] = tuple(round(float(t), 2) for t in np.arange(0.34, 0.99, 0.02))
TEMPERATURES: tuple[float, ...] = (1.0, 1.5, 2.0, 3.0)
MODES: tuple[str, ...] = ("symmetric", "one_way")  # the first is how the service flags
TARGET_PRECISION, TARGET_RECALL = 0.60, 0.50
MIN_FLAGS_FOR_PRECISION = 10  # the "best precision" of the reading ignores points with fewer flags than this


@dataclass(frozen=True, slots=True)
class Source:
    """One file's pairs (premise = the claim on record or the evidence), and which are gold contradictions."""

    name: str
    pairs: list[tuple[str, str]]
    contradicts: list[bool]


def nli_source(folder: Path, name: str) -> Source:
    rows = list(read_pairs(folder, name))
    return Source(
        name,
        [(row.premise, row.hypothesis) for row in rows],
        [row.label == LABEL_TO_ID["contradiction"] for row in rows],
    )


def clef_dev_sources(clef_dir: Path, seed: int) -> tuple[Source, Source]:
    """(claim, tweet) for each CLEF dev tweet and each claim it repeats, normalised as /v1/check judges them; the
    tweets split in two halves by a seeded shuffle (calibration, test), so no tweet is on both sides."""
    claims = {c.external_id: c.text for c in load_claims(clef_dir)}
    queries = sorted(load_queries(clef_dir, "dev"), key=lambda q: q.id)
    random.Random(seed).shuffle(queries)
    half = len(queries) // 2

    def repeats(chosen: Sequence[Query], name: str) -> Source:
        pairs = [
            judge_pair(claims[claim_id], query.text)
            for query in chosen
            for claim_id in sorted(query.relevant)
            if claim_id in claims
        ]
        return Source(name, pairs, [False] * len(pairs))

    return repeats(queries[:half], CLEF_CALIBRATION), repeats(queries[half:], CLEF_TEST)


def contradiction_scores(
    model: Any, source: Source, temperatures: Sequence[float], batch_size: int
) -> dict[float, NDArray[np.float64]]:
    """Per temperature, an (n, 2) array: P(contradiction) after the signals in each direction (premise first, then
    reversed), or -1 where the judge could not call it a contradiction whatever the threshold (not the most
    probable relation, or a hypothesis too short to judge)."""
    reversed_pairs = [(hypothesis, premise) for premise, hypothesis in source.pairs]
    probabilities = model.predict([*source.pairs, *reversed_pairs], batch_size=batch_size).astype(np.float64)
    n = len(source.pairs)
    scores: dict[float, NDArray[np.float64]] = {}
    for temperature in temperatures:
        judge = HybridJudge(model, replace(HYBRID_THRESHOLDS, temperature=temperature))
        columns = []
        for pairs, part in ((source.pairs, probabilities[:n]), (reversed_pairs, probabilities[n:])):
            mixed, forced = combined(judge, pairs, part)
            eligible = (mixed.argmax(axis=1) == CONTRADICTION) & ~forced
            columns.append(np.where(eligible, mixed[:, CONTRADICTION], -1.0))
        scores[temperature] = np.stack(columns, axis=1)
    return scores


def flags_at(scores: NDArray[np.float64], threshold: float, mode: str) -> list[bool]:
    """The shipped decision rule at ``threshold``: the first column alone (one way) or either column."""
    decided = scores[:, 0] if mode == "one_way" else scores.max(axis=1)
    return [bool(value >= threshold) for value in decided]


def pooled_metrics(
    sources: Sequence[Source],
    scores: dict[str, dict[float, NDArray[np.float64]]],
    temperature: float,
    threshold: float,
    mode: str,
) -> dict[str, Any]:
    gold = [g for source in sources for g in source.contradicts]
    flagged = [f for source in sources for f in flags_at(scores[source.name][temperature], threshold, mode)]
    return flag_metrics(gold, flagged)


def operating_point(
    sources: Sequence[Source],
    scores: dict[str, dict[float, NDArray[np.float64]]],
    temperature: float,
    threshold: float,
    mode: str,
) -> dict[str, Any]:
    """Pooled and per-file flag precision/recall at one point, with the target's verdict on the pool."""
    pooled = pooled_metrics(sources, scores, temperature, threshold, mode)
    return {
        "temperature": temperature,
        "contradiction_threshold": threshold,
        "mode": mode,
        "pooled": pooled,
        "target_met": pooled["precision"] >= TARGET_PRECISION and pooled["recall"] >= TARGET_RECALL,
        "files": {
            source.name: flag_metrics(source.contradicts, flags_at(scores[source.name][temperature], threshold, mode))
            for source in sources
        },
    }


def recommend(curve: Sequence[dict[str, Any]], min_precision: float) -> dict[str, Any]:
    """Highest recall at precision >= ``min_precision`` (then higher precision, then the higher threshold); with no
    such point, the best F1."""
    allowed = [row for row in curve if row["precision"] >= min_precision and row["flagged"]]
    if allowed:
        best = max(allowed, key=lambda r: (r["recall"], r["precision"], r["contradiction_threshold"]))
        return best | {"rule": f"highest recall at precision >= {min_precision}"}
    best = max(curve, key=lambda r: (r["f1"], r["precision"]))
    return best | {"rule": f"no point reaches precision {min_precision}: best F1"}


def _point_row(label: str, point: dict[str, Any]) -> str:
    pooled = point["pooled"]
    return (
        f"| {label} | {point['mode']} | {point['temperature']} | {point['contradiction_threshold']} | "
        f"{pooled['flagged']} | {pooled['precision']:.4f} | {pooled['recall']:.4f} | {pooled['f1']:.4f} | "
        f"{'met' if point['target_met'] else 'not met'} |"
    )


def _reading(report: dict[str, Any]) -> str:
    """What the numbers say, in one paragraph made from them (so a rerun cannot leave it stale)."""
    sentences = []
    for mode in MODES:
        curve = [row for row in report["curves"][mode] if row["flagged"] >= MIN_FLAGS_FOR_PRECISION]
        best = max(curve, key=lambda r: (r["precision"], r["recall"]))
        recall_span = (min(r["recall"] for r in curve), max(r["recall"] for r in curve))
        test = report["shipped"][mode]["pooled"]
        sentences.append(
            f"{mode}: on the calibration slice the best precision anywhere on the curve is {best['precision']:.2f} "
            f"(T={best['temperature']}, threshold {best['contradiction_threshold']}, recall {best['recall']:.2f}) and "
            f"recall only moves between {recall_span[0]:.2f} and {recall_span[1]:.2f}; at the shipped point the "
            f"pooled test data gives precision {test['precision']:.2f} at recall {test['recall']:.2f} (target "
            f"{'met' if report['shipped'][mode]['target_met'] else 'not met'})"
        )
    return (
        "**Reading.** "
        + "; ".join(sentences)
        + ". The pooled numbers depend on the mix of files: the per-file table below says where flags go wrong."
    )


def render_markdown(report: dict[str, Any]) -> str:
    shipped = report["shipped"]
    lines = [
        "# Flag operating point (contradiction precision and recall on claim-style data)",
        "",
        f"Made by `{report['command']}` (model `{report['model']}`, {report['precision']}). A flag is the hybrid "
        'judge\'s "contradicts"; the sweep varies the temperature and `contradiction_threshold` with the signal '
        "weights as shipped. **symmetric**: flagged when either direction contradicts (how the service flags, "
        "`embeddings.judge.both_ways`); **one_way**: the claim on record as premise only (how it flagged before). "
        "The service's similarity gates are not modelled. "
        "How the slices were chosen: `benchmarks/calibrate_flags.py`.",
        "",
        "Calibration slice (dev): "
        + ", ".join(f"`{name}` ({n} pairs, {c} contradictions)" for name, (n, c) in report["calibration_sizes"].items())
        + ". Test: "
        + ", ".join(f"`{name}` ({n} pairs, {c} contradictions)" for name, (n, c) in report["test_sizes"].items())
        + ". `wice` and the CLEF repeats have no gold contradiction: there they only count false flags.",
        "",
        f"Target (issue 21): contradiction precision >= {TARGET_PRECISION} at recall >= {TARGET_RECALL}, at the "
        "shipped operating point, on the claim-style test data (pooled).",
        "",
        _reading(report),
        "",
        "## At the shipped point and the recommended one",
        "",
        "| point | mode | temperature | threshold | flagged | precision | recall | F1 | target |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for mode in MODES:
        lines.append(_point_row("shipped, calibration slice", report["shipped_calibration"][mode]))
        lines.append(_point_row("shipped, **test**", shipped[mode]))
    for mode in MODES:
        recommended = report["recommended"][mode]
        lines.append(_point_row("recommended, calibration slice", recommended["calibration"]))
        lines.append(_point_row("recommended, **test**", recommended["test"]))
    lines += [
        "",
        "Recommended, on the calibration slice: "
        + "; ".join(f"{mode}: {report['recommended'][mode]['calibration']['rule']}" for mode in MODES)
        + ".",
        "",
        "Per file at the shipped point:",
        "",
        "| file | slice | mode | pairs | contradictions | flagged | precision | recall | F1 |",
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for part, points in (("calibration", report["shipped_calibration"]), ("test", shipped)):
        for mode in MODES:
            for name, metrics in points[mode]["files"].items():
                lines.append(
                    f"| {name} | {part} | {mode} | {metrics['n']} | {metrics['contradictions']} | "
                    f"{metrics['flagged']} | {metrics['precision']:.4f} | {metrics['recall']:.4f} | {metrics['f1']:.4f} |"
                )
    for mode in MODES:
        lines += [
            "",
            f"## Curve on the calibration slice, {mode}",
            "",
            "Precision / recall (flags) at each `contradiction_threshold` (rows) and temperature (columns); below "
            "1/3 the threshold changes nothing, since a flag also needs contradiction to be the most probable "
            "relation.",
            "",
            "| threshold | " + " | ".join(f"T={t}" for t in report["temperatures"]) + " |",
            "| ---: | " + " | ".join("---" for _ in report["temperatures"]) + " |",
        ]
        curve = report["curves"][mode]
        for threshold in report["thresholds"]:
            cells = []
            for temperature in report["temperatures"]:
                row = next(
                    r for r in curve if r["temperature"] == temperature and r["contradiction_threshold"] == threshold
                )
                cells.append(f"{row['precision']:.2f} / {row['recall']:.2f}")
            lines.append(f"| {threshold} | " + " | ".join(cells) + " |")
    return "\n".join(lines).rstrip("\n") + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-dir", type=Path, default=None, help="exported model (default: embeddings/nli/model)")
    parser.add_argument("--data-dir", type=Path, default=None, help="shared NLI data (default: ../shared/data/nli)")
    parser.add_argument("--precision", choices=PRECISIONS, default="fp32")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--seed", type=int, default=13, help="the split of the CLEF dev tweets")
    parser.add_argument("--min-precision", type=float, default=TARGET_PRECISION)
    parser.add_argument("--out", type=Path, default=OUT_FILE)
    parser.add_argument(
        "--markdown", type=Path, default=None, help="default: FLAG_CALIBRATION.md with the default --out"
    )
    args = parser.parse_args(argv)

    extra_dir = default_extra_data_dir(args.data_dir or default_data_dir())
    clef_dir = prepare_run(Settings(), 0)
    missing = [name for name in (*CALIBRATION_FILES, *TEST_FILES) if not (extra_dir / f"{name}.jsonl.gz").is_file()]
    if clef_dir is None or missing:
        print(f"skipped: {', '.join(missing) or 'the CLEF data'} absent (they live in ../shared)")
        return 0
    from embeddings.nli.model import NliCrossEncoder

    model = NliCrossEncoder(args.model_dir, precision=args.precision, threads=args.threads)
    clef_calibration, clef_test = clef_dev_sources(clef_dir, args.seed)
    calibration = [*(nli_source(extra_dir, name) for name in CALIBRATION_FILES), clef_calibration]
    test = [*(nli_source(extra_dir, name) for name in TEST_FILES), clef_test]
    temperatures = sorted({HYBRID_THRESHOLDS.temperature, *TEMPERATURES})
    scores: dict[str, dict[float, NDArray[np.float64]]] = {}
    for source in (*calibration, *test):
        started = time.perf_counter()
        scores[source.name] = contradiction_scores(model, source, temperatures, args.batch_size)
        print(
            f"{source.name}: {len(source.pairs)} pairs, both ways ({time.perf_counter() - started:.1f}s)",
            file=sys.stderr,
        )

    curves = {
        mode: [
            {"temperature": t, "contradiction_threshold": threshold}
            | pooled_metrics(calibration, scores, t, threshold, mode)
            for t in temperatures
            for threshold in THRESHOLDS
        ]
        for mode in MODES
    }
    shipped_t, shipped_threshold = HYBRID_THRESHOLDS.temperature, HYBRID_THRESHOLDS.contradiction_threshold
    recommended: dict[str, Any] = {}
    for mode in MODES:
        best = recommend(curves[mode], args.min_precision)
        point = (best["temperature"], best["contradiction_threshold"], mode)
        recommended[mode] = {
            "calibration": operating_point(calibration, scores, *point) | {"rule": best["rule"]},
            "test": operating_point(test, scores, *point),
        }
    report: dict[str, Any] = {
        "command": " ".join(["python -m benchmarks.calibrate_flags", *(sys.argv[1:] if argv is None else argv)]),
        "model": f"{model.name}@{model.version}",
        "precision": model.precision,
        "seed": args.seed,
        "target": {"precision": TARGET_PRECISION, "recall": TARGET_RECALL},
        "calibration_sizes": {s.name: (len(s.pairs), sum(s.contradicts)) for s in calibration},
        "test_sizes": {s.name: (len(s.pairs), sum(s.contradicts)) for s in test},
        "temperatures": temperatures,
        "thresholds": list(THRESHOLDS),
        "shipped_calibration": {
            mode: operating_point(calibration, scores, shipped_t, shipped_threshold, mode) for mode in MODES
        },
        "shipped": {mode: operating_point(test, scores, shipped_t, shipped_threshold, mode) for mode in MODES},
        "recommended": recommended,
        "curves": curves,
    }
    for mode in MODES:
        pooled = report["shipped"][mode]["pooled"]
        print(
            f"shipped point ({mode}) on the test data: precision {pooled['precision']:.4f}, recall "
            f"{pooled['recall']:.4f}; recommended on calibration: T={recommended[mode]['calibration']['temperature']}, "
            f"threshold {recommended[mode]['calibration']['contradiction_threshold']}"
        )
    write_reports(args.out, report, args.markdown, render_markdown, OUT_FILE, MARKDOWN_FILE)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
