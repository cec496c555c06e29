"""Compare NLI models (raw and in the hybrid judge) on the files a contrast-training stage must not hurt, and on the
held-out minimal pairs it should help (issue 21).

    python -m benchmarks.compare_nli_models --models embeddings/nli/model .cache/nli-contrast/model \\
        --contrast-dev .cache/contrast/dev.jsonl.gz --out benchmarks/contrast_training.json \\
        --markdown benchmarks/CONTRAST_TRAINING.md

Files: ``lingnli.dev``, ``snli.test``, ``xnli_en.dev`` (the issue's floors), ``conjnli.dev`` and
``fever_symmetric.dev`` (evaluation-only challenge sets of ``../shared/data/nli-extra``), and the held-out contrast
pairs of ``embeddings.nli.contrast`` (sentences and antonym pairs never trained on), also per kind. Scoring is
``embeddings.nli.evaluate``'s: the model runs once per file and the hybrid judge reuses its probabilities.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from embeddings.nli.data import LABEL_TO_ID, read_pairs, read_pairs_file
from embeddings.nli.evaluate import classification_metrics, score_file
from embeddings.rule_judge import HYBRID_THRESHOLDS, HybridJudge, RuleJudge

NLI_FILES = ("lingnli.dev", "snli.test", "xnli_en.dev")
EXTRA_FILES = ("conjnli.dev", "fever_symmetric.dev")
CONTRAST_NAME = "contrast.dev"


def load_files(
    data_dir: Path, extra_dir: Path, contrast_dev: Path | None, per_kind: int = 0
) -> dict[str, tuple[list[Any], list[str]]]:
    """name -> (pairs, kinds); kinds are the contrast kinds (empty strings elsewhere)."""
    files: dict[str, tuple[list[Any], list[str]]] = {}
    for directory, names in ((data_dir, NLI_FILES), (extra_dir, EXTRA_FILES)):
        for name in names:
            if (directory / f"{name}.jsonl.gz").is_file():
                pairs = list(read_pairs(directory, name))
                files[name] = (pairs, [""] * len(pairs))
            else:
                print(f"skip {name}: not in {directory}", file=sys.stderr)
    if contrast_dev is not None and contrast_dev.is_file():
        import gzip

        with gzip.open(contrast_dev, "rt", encoding="utf-8") as handle:
            kinds = [json.loads(line)["kind"] for line in handle if line.strip()]
        pairs = list(read_pairs_file(contrast_dev, CONTRAST_NAME))
        if per_kind:  # a seeded sample of at most per_kind pairs of each kind: negation alone is half the file
            rng = random.Random(13)
            chosen = sorted(
                index
                for kind in sorted(set(kinds))
                for index in rng.sample([i for i, k in enumerate(kinds) if k == kind], min(per_kind, kinds.count(kind)))
            )
            pairs, kinds = [pairs[i] for i in chosen], [kinds[i] for i in chosen]
        files[CONTRAST_NAME] = (pairs, kinds)
    return files


def evaluate_model(model_dir: Path, precision: str, files: dict[str, tuple[list[Any], list[str]]]) -> dict[str, Any]:
    from embeddings.nli.model import NliCrossEncoder

    model = NliCrossEncoder(model_dir, precision=precision)
    hybrid = HybridJudge(model, HYBRID_THRESHOLDS)
    rules = RuleJudge(HYBRID_THRESHOLDS)
    report: dict[str, Any] = {"dir": str(model_dir), "version": model.version, "files": {}}
    for name, (pairs, kinds) in files.items():
        started = time.perf_counter()
        texts = [(p.premise, p.hypothesis) for p in pairs]
        gold = [p.label for p in pairs]
        probabilities = model.predict(texts)
        metrics, predictions = score_file(texts, gold, probabilities, hybrid, rules)
        entry: dict[str, Any] = {
            system: {
                "accuracy": metrics[system]["accuracy"],
                "contradiction_f1": metrics[system]["per_class"]["contradiction"]["f1"],
                "n": metrics[system]["n"],
            }
            for system in ("model", "hybrid")
        }
        if any(kinds):
            by_kind: dict[str, list[int]] = defaultdict(list)
            for index, kind in enumerate(kinds):
                by_kind[kind].append(index)
            entry["by_kind"] = {
                kind: {"n": len(indices)}
                | {
                    system: round(sum(predictions[system][i] == gold[i] for i in indices) / len(indices), 4)
                    for system in ("model", "hybrid")
                }
                for kind, indices in sorted(by_kind.items())
            }
            contradiction = LABEL_TO_ID["contradiction"]
            entry["contradiction_recall_both_ways"] = {
                system: classification_metrics(gold, predictions[system])["per_class"]["contradiction"]["recall"]
                for system in ("model", "hybrid")
            } | {"n": sum(g == contradiction for g in gold)}
        report["files"][name] = entry
        print(
            f"{model_dir} {name}: model {entry['model']['accuracy']:.4f} hybrid {entry['hybrid']['accuracy']:.4f}"
            f" ({time.perf_counter() - started:.0f}s)",
            file=sys.stderr,
            flush=True,
        )
    return report


def render_markdown(report: dict[str, Any]) -> str:
    models = report["models"]
    names = list(models[0]["files"])
    header = " | ".join(f"{m['label']} raw | {m['label']} hybrid" for m in models)
    lines = [
        "# Contrast training: shipped model against the new stage",
        "",
        f"Made by `{report['command']}` ({report['precision']}).",
        "",
        f"| file | n | {header} |",
        "| --- | ---: |" + " ---: | ---: |" * len(models),
    ]
    for name in names:
        cells = " | ".join(
            f"{m['files'][name]['model']['accuracy']:.4f} | {m['files'][name]['hybrid']['accuracy']:.4f}"
            for m in models
        )
        lines.append(f"| {name} | {models[0]['files'][name]['model']['n']} | {cells} |")
    if CONTRAST_NAME in names:
        lines += ["", f"Held-out contrast pairs by kind (accuracy, `{CONTRAST_NAME}`):", ""]
        lines += [f"| kind | n | {header} |", "| --- | ---: |" + " ---: | ---: |" * len(models)]
        for kind, row in models[0]["files"][CONTRAST_NAME]["by_kind"].items():
            cells = " | ".join(
                f"{m['files'][CONTRAST_NAME]['by_kind'][kind]['model']:.4f} | "
                f"{m['files'][CONTRAST_NAME]['by_kind'][kind]['hybrid']:.4f}"
                for m in models
            )
            lines.append(f"| {kind} | {row['n']} | {cells} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    from embeddings.nli.adapt import DEFAULT_EXTRA_DIR
    from embeddings.nli.train import DEFAULT_DATA_DIR

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", type=Path, nargs="*", default=[])
    parser.add_argument(
        "--include", type=Path, default=None, help="an earlier --out report whose models are listed first (not rerun)"
    )
    parser.add_argument("--labels", nargs="*", default=None, help="column names (default: shipped, new, new2...)")
    parser.add_argument("--contrast-dev", type=Path, default=Path(".cache/contrast/dev.jsonl.gz"))
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--extra-dir", type=Path, default=DEFAULT_EXTRA_DIR)
    parser.add_argument("--precision", default="fp32", choices=("fp32", "bf16"))
    parser.add_argument(
        "--per-kind", type=int, default=500, help="contrast dev pairs per kind at most, seeded sample (0: all)"
    )
    parser.add_argument("--files", nargs="*", default=None, help="only these files (default: all)")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--markdown", type=Path, default=None)
    args = parser.parse_args(argv)
    labels = args.labels or ["shipped", *(f"new{i or ''}" for i in range(len(args.models) - 1))]
    files = load_files(args.data_dir, args.extra_dir, args.contrast_dev, args.per_kind)
    if args.files:
        files = {name: value for name, value in files.items() if name in args.files}
    earlier: dict[str, Any] = json.loads(args.include.read_text()) if args.include else {"models": []}
    command = " ".join(["python -m benchmarks.compare_nli_models", *(sys.argv[1:] if argv is None else argv)])
    report: dict[str, Any] = {
        "command": "; ".join(filter(None, [earlier.get("command"), command])),
        "precision": args.precision,
        "models": [
            *earlier["models"],
            *(
                {"label": label} | evaluate_model(model_dir, args.precision, files)
                for label, model_dir in zip(labels, args.models, strict=True)
            ),
        ],
    }
    if args.out is not None:
        args.out.write_text(json.dumps(report, indent=2) + "\n")
    markdown = render_markdown(report)
    if args.markdown is not None:
        args.markdown.write_text(markdown)
    print(markdown)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
