"""Fit the hybrid judge's temperature, neutral weights and thresholds on data that is neither trained on nor reported.

    python -m benchmarks.calibrate_judge [--model-dir DIR] [--precision fp32|bf16|int8|auto] [--limit 1000] [--max-false-contradictions 0.1]
                                         [--out FILE.json]

Two calibration sets, kept apart from the floors' files and from what ``make eval-matching`` reports:

- NLI: held-out files of ``../shared/data/nli`` (``CALIBRATION_FILES``), only the pairs outside the 2,000-pair
  seeded sample that ``make eval-nli`` used to report, up to ``--limit`` each; scored by macro F1. ``make
  eval-nli`` now scores whole files, so its numbers for these three files include the calibration pairs;
  ``snli.test``, ``lingnli.dev``, ANLI and the claim set stay untouched by calibration.
- Claim matching: each CLEF 2020 *train* tweet with the fact-checked claim it repeats (premise the claim,
  hypothesis the tweet, both normalised, as ``/v1/check`` judges them). Such a pair must never come out
  "contradicts": the share that does is the false-contradiction rate.

The fits: the temperature that minimises the model's negative log-likelihood on the NLI set; then a grid over the
temperature (1, that fit, 2, 3), ``extra_content_weight``, ``low_overlap_weight`` and both thresholds, choosing the
best NLI macro F1 among settings whose false-contradiction rate is at most ``--max-false-contradictions`` (the
Pareto front of the two is written too). The model runs once per pair;
the grid re-combines its probabilities with the signals. The chosen values are printed and written with the
best rows as JSON; ``HYBRID_THRESHOLDS`` in ``embeddings/rule_judge.py`` is then set from that file by hand, so
a change of defaults is a reviewed commit.
"""

from __future__ import annotations

import argparse
import itertools
import random
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from benchmarks.eval_matching import load_claims, load_queries, prepare_run
from benchmarks.report import write_report
from embeddings.nli import PRECISIONS
from embeddings.nli.data import LABEL_TO_ID, LABELS, read_pairs
from embeddings.nli.evaluate import (
    classification_metrics,
    default_data_dir,
    expected_calibration_error,
    fit_temperature,
    negative_log_likelihood,
    sample_eval_file,
)
from embeddings.rule_judge import CONTRADICTION, ENTAILMENT, HYBRID_THRESHOLDS, HybridJudge, JudgeThresholds
from service.config import REPO_ROOT, Settings
from service.services.checking import judge_pair

# Held-out files the evaluation reports on a seeded sample of (``embeddings.nli.evaluate``: 2,000 pairs, seed 13);
# calibration reads only their *other* pairs. (Every unreported English dev file is in the training mix; FNC-1 is
# left out: its stance labels map poorly onto NLI, and its long article premises dominated the temperature fit.)
CALIBRATION_FILES: tuple[str, ...] = ("sick.test", "breaking_nli.test", "xnli_en.dev")
REPORTED_SAMPLE, REPORTED_SEED = 2000, 13  # the sample make eval-nli reported before it scored whole files
THRESHOLD_GRID = tuple(round(float(x), 2) for x in np.arange(0.34, 0.82, 0.02))
EXTRA_CONTENT_GRID = (0.0, 1.0, 2.0, 3.0, 4.0)
LOW_OVERLAP_GRID = (0.0, 1.5, 3.0)


def load_nli_pairs(data_dir: Path, limit: int, seed: int) -> list[tuple[str, str, int]]:
    """Up to ``limit`` seeded pairs from each calibration file, none of them in the evaluation's reported sample."""
    pooled: list[tuple[str, str, int]] = []
    for name in CALIBRATION_FILES:
        reported = set(sample_eval_file(data_dir, name, REPORTED_SAMPLE, REPORTED_SEED))
        pairs = [(p.premise, p.hypothesis, p.label) for p in read_pairs(data_dir, name)]
        pairs = [pair for pair in pairs if pair not in reported]
        if limit and len(pairs) > limit:
            pairs = random.Random(seed).sample(pairs, limit)
        pooled.extend(pairs)
    return pooled


def load_repeat_pairs(clef_dir: Path) -> list[tuple[str, str]]:
    """(claim, tweet) for every CLEF train tweet and each claim it repeats, normalised as /v1/check judges them."""
    claims = {c.external_id: c.text for c in load_claims(clef_dir)}
    return [
        judge_pair(claims[claim_id], query.text)
        for query in load_queries(clef_dir, "train")
        for claim_id in sorted(query.relevant)
        if claim_id in claims
    ]


def combined(judge: HybridJudge, pairs: Sequence[tuple[str, str]], probabilities: NDArray[Any]) -> tuple[Any, Any]:
    """The judge's probabilities after the signals, and which pairs it keeps neutral whatever (too short)."""
    judgements = judge.judge_with_probabilities(pairs, probabilities)
    mixed = np.array([[j.probabilities[label] for label in LABELS] for j in judgements], dtype=np.float64)
    forced = np.array(["short_hypothesis" in j.signals for j in judgements], dtype=bool)
    return mixed, forced


def relations_at(
    probabilities: NDArray[np.float64], forced_neutral: NDArray[np.bool_], contradiction: float, entailment: float
) -> NDArray[np.int64]:
    """``rule_judge._choose_relation`` vectorised (label ids), short hypotheses neutral."""
    best = probabilities.argmax(axis=1)
    chosen = best.copy()
    neutral = LABEL_TO_ID["neutral"]
    chosen[(best == CONTRADICTION) & (probabilities[:, CONTRADICTION] < contradiction)] = neutral
    chosen[(best == ENTAILMENT) & (probabilities[:, ENTAILMENT] < entailment)] = neutral
    chosen[forced_neutral] = neutral
    result: NDArray[np.int64] = chosen.astype(np.int64)
    return result


def grid_rows(
    model: Any,
    base: JudgeThresholds,
    nli: tuple[Sequence[tuple[str, str]], Sequence[int], NDArray[Any]],
    repeats: tuple[Sequence[tuple[str, str]], NDArray[Any]],
    temperatures: Sequence[float],
) -> list[dict[str, float]]:
    """Every grid point's NLI macro F1, accuracy, contradiction F1 and CLEF false-contradiction rate."""
    nli_pairs, gold, nli_probabilities = nli
    repeat_pairs, repeat_probabilities = repeats
    rows = []
    for extra, overlap in itertools.product(EXTRA_CONTENT_GRID, LOW_OVERLAP_GRID):
        for temperature in temperatures:
            thresholds = replace(base, extra_content_weight=extra, low_overlap_weight=overlap, temperature=temperature)
            judge = HybridJudge(model, thresholds)
            nli_mixed, nli_forced = combined(judge, nli_pairs, nli_probabilities)
            rep_mixed, rep_forced = combined(judge, repeat_pairs, repeat_probabilities)
            for contradiction in THRESHOLD_GRID:
                for entailment in THRESHOLD_GRID:
                    metrics = classification_metrics(
                        gold, [int(i) for i in relations_at(nli_mixed, nli_forced, contradiction, entailment)]
                    )
                    repeat_relations = relations_at(rep_mixed, rep_forced, contradiction, entailment)
                    rows.append(
                        {
                            "temperature": temperature,
                            "extra_content_weight": extra,
                            "low_overlap_weight": overlap,
                            "contradiction_threshold": contradiction,
                            "entailment_threshold": entailment,
                            "nli_macro_f1": metrics["macro_f1"],
                            "nli_accuracy": metrics["accuracy"],
                            "nli_contradiction_f1": metrics["per_class"]["contradiction"]["f1"],
                            "clef_false_contradiction": round(float(np.mean(repeat_relations == CONTRADICTION)), 4),
                            "clef_entails": round(float(np.mean(repeat_relations == ENTAILMENT)), 4),
                        }
                    )
    return rows


def pareto(rows: Sequence[dict[str, float]]) -> list[dict[str, float]]:
    """Grid points no other point beats on both NLI macro F1 and false contradictions, fewest false first."""
    front: list[dict[str, float]] = []
    for row in sorted(rows, key=lambda r: (r["clef_false_contradiction"], -r["nli_macro_f1"])):
        if not front or row["nli_macro_f1"] > front[-1]["nli_macro_f1"]:
            front.append(row)
    return front


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-dir", type=Path, default=None, help="exported model (default: embeddings/nli/model)")
    parser.add_argument("--data-dir", type=Path, default=None, help="shared NLI data (default: ../shared/data/nli)")
    parser.add_argument("--limit", type=int, default=1000, help="pairs per NLI calibration file; 0 = all")
    parser.add_argument(
        "--precision", choices=PRECISIONS, default="fp32", help="the model's precision (CLAIMLEDGER_NLI_PRECISION)"
    )
    parser.add_argument("--max-false-contradictions", type=float, default=0.10)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "benchmarks" / "judge_calibration.json")
    args = parser.parse_args(argv)

    data_dir = args.data_dir or default_data_dir()
    clef_dir = prepare_run(Settings(), 0)
    if clef_dir is None or not (data_dir / f"{CALIBRATION_FILES[0]}.jsonl.gz").is_file():
        print(f"skipped: the NLI calibration files ({data_dir}) or the CLEF data are absent (they live in ../shared)")
        return 0
    from embeddings.nli.model import NliCrossEncoder

    model = NliCrossEncoder(args.model_dir, precision=args.precision, threads=args.threads)
    rows = load_nli_pairs(data_dir, args.limit, args.seed)
    nli_pairs = [(premise, hypothesis) for premise, hypothesis, _ in rows]
    gold = [label for _, _, label in rows]
    repeat_pairs = load_repeat_pairs(clef_dir)
    print(f"{len(nli_pairs)} NLI calibration pairs, {len(repeat_pairs)} CLEF train repeats; model {model.version}")
    nli_probabilities = model.predict(nli_pairs).astype(np.float64)
    repeat_probabilities = model.predict(repeat_pairs).astype(np.float64)

    temperature = fit_temperature(nli_probabilities, gold)
    temperatures = sorted({HYBRID_THRESHOLDS.temperature, temperature, 2.0, 3.0})
    grid = grid_rows(
        model,
        HYBRID_THRESHOLDS,
        (nli_pairs, gold, nli_probabilities),
        (repeat_pairs, repeat_probabilities),
        temperatures,
    )
    allowed = [r for r in grid if r["clef_false_contradiction"] <= args.max_false_contradictions]
    allowed.sort(key=lambda r: (-r["nli_macro_f1"], r["clef_false_contradiction"]))
    unconstrained = sorted(grid, key=lambda r: -r["nli_macro_f1"])
    current = next(
        r
        for r in grid
        if all(
            r[name] == round(float(getattr(HYBRID_THRESHOLDS, name)), 2)
            for name in (
                "temperature",
                "extra_content_weight",
                "low_overlap_weight",
                "contradiction_threshold",
                "entailment_threshold",
            )
        )
    )
    report: dict[str, Any] = {
        "model": f"{model.name}@{model.version}",
        "nli_files": list(CALIBRATION_FILES),
        "nli_pairs": len(nli_pairs),
        "clef_train_repeats": len(repeat_pairs),
        "limit_per_file": args.limit,
        "seed": args.seed,
        "temperature": temperature,
        "nll_at_1": round(negative_log_likelihood(nli_probabilities, gold, 1.0), 4),
        "nll_at_fit": round(negative_log_likelihood(nli_probabilities, gold, temperature), 4),
        "ece_raw": expected_calibration_error(nli_probabilities, gold),
        "max_false_contradictions": args.max_false_contradictions,
        "shipped_defaults": current,
        "best_unconstrained": unconstrained[:5],
        "pareto": pareto(grid),
        "best_allowed": allowed[:10],
    }
    print(f"temperature {temperature} (NLL {report['nll_at_1']} at 1, {report['nll_at_fit']} fitted)")
    print(f"shipped defaults: {report['shipped_defaults']}")
    print(f"best unconstrained: {unconstrained[0]}")
    if allowed:
        report["recommended"] = {
            k: allowed[0][k]
            for k in (
                "temperature",
                "extra_content_weight",
                "low_overlap_weight",
                "contradiction_threshold",
                "entailment_threshold",
            )
        }
        print(f"best with false contradictions <= {args.max_false_contradictions}: {allowed[0]}")
        print(f"recommended: {report['recommended']}")
    else:
        print(f"no grid point keeps false contradictions at or below {args.max_false_contradictions}")
    write_report(args.out, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
