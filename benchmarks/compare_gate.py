"""What /v1/compare's similarity gate does: the judge alone against the judge as /v1/compare serves it.

Since stop 32, ``CheckService.compare`` gates each pair by the cosine of its two texts' embeddings exactly as
``/v1/check`` gates its matches (``gate_by_similarity``, floors ``relation_min_similarity`` 0.35 and
``unsupported_relation_min_similarity`` 0.55, ``framed_relation_min_similarity`` 0.25 for a contradiction told in one
frame, the service's defaults, not tuned here), and gates yes/no questions. This script runs that code itself
(``benchmarks.served``) on the hand-written contrast test set (both directions, and the symmetric flag over pairs)
and on our claim pairs (``benchmarks/nli_claims.jsonl``), with and without the gate, and writes
``benchmarks/compare_gate.json`` and ``benchmarks/COMPARE_GATE.md``.

    python -m benchmarks.compare_gate
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.report import write_reports
from benchmarks.served import compare_service
from embeddings.judge import Judgement, judge_both_ways
from embeddings.nli.contrast_set import CONTRAST_TEST_FILE, load_contrast_set
from embeddings.nli.data import LABEL_TO_ID
from embeddings.nli.evaluate import CLAIMS_FILE, RELATION_TO_LABEL, classification_metrics, flag_metrics
from service.config import REPO_ROOT, Settings
from service.schemas import Judged
from service.services.checking import LOW_SIMILARITY_SIGNAL, judge_pair

OUT_FILE = REPO_ROOT / "benchmarks" / "compare_gate.json"
MARKDOWN_FILE = REPO_ROOT / "benchmarks" / "COMPARE_GATE.md"
COMMAND = "python -m benchmarks.compare_gate"
SYSTEMS = ("judge", "served")


class Served:
    """The judge alone and the service's own /v1/compare (``CheckService.compare``), loaded once."""

    def __init__(self, settings: Settings) -> None:
        self.checker, self.judge = compare_service(settings)

    def __call__(self, pairs: Sequence[tuple[str, str]]) -> dict[str, Sequence[Judgement | Judged]]:
        """Each (premise, hypothesis) pair judged both ways by the judge alone, and as /v1/compare serves it."""
        return {
            "judge": judge_both_ways(self.judge, [judge_pair(p, h) for p, h in pairs]),
            "served": self.checker.compare(pairs),
        }


def _flags(judgements: Sequence[Judgement | Judged]) -> list[bool]:
    return [j.relation == "contradicts" for j in judgements]


def contrast_report(serve: Served) -> dict[str, Any]:
    """The contrast set, each pair judged as /v1/compare judges it (a as premise): the symmetric flag, and the
    relation it returns against the a->b gold label."""
    pairs = load_contrast_set(CONTRAST_TEST_FILE)
    results = serve([(p.a, p.b) for p in pairs])
    gold_flags = [p.contradicts for p in pairs]
    report: dict[str, Any] = {"pairs": len(pairs)}
    for system in SYSTEMS:
        relations = [RELATION_TO_LABEL[j.relation] for j in results[system]]
        metrics = classification_metrics([LABEL_TO_ID[p.label_ab] for p in pairs], [LABEL_TO_ID[r] for r in relations])
        report[system] = {
            "symmetric_flag": flag_metrics(gold_flags, _flags(results[system])),
            "ab_accuracy": metrics["accuracy"],
            "gated": sum(LOW_SIMILARITY_SIGNAL in j.signals for j in results[system]),
        }
    return report


def claims_report(serve: Served) -> dict[str, Any]:
    rows = [json.loads(line) for line in CLAIMS_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = serve([(r["premise"], r["hypothesis"]) for r in rows])
    gold = [r["label"] == "contradiction" for r in rows]
    return {
        "pairs": len(rows),
        **{
            system: {
                "flag": flag_metrics(gold, _flags(results[system])),
                "accuracy": round(
                    sum(RELATION_TO_LABEL[j.relation] == r["label"] for j, r in zip(results[system], rows, strict=True))
                    / len(rows),
                    4,
                ),
            }
            for system in SYSTEMS
        },
    }


def _flag_cells(flag: dict[str, Any]) -> str:
    """A flag's cells in a table row: flagged, precision, recall and F1."""
    return f"{flag['flagged']} | {flag['precision']:.4f} | {flag['recall']:.4f} | {flag['f1']:.4f}"


def render_markdown(report: dict[str, Any]) -> str:
    contrast, claims = report["contrast"], report["claims"]
    lines = [
        "# /v1/compare's similarity gate",
        "",
        f"Made by `{COMMAND}` ({report['seconds']:.0f} s). The judge (`{report['judge']}`) alone, and as /v1/compare "
        "serves it since stop 32: each pair gated by the cosine of its two texts' embeddings as /v1/check gates its "
        f"matches (floors {report['floors'][0]} and, for a relation no contradiction signal supports, "
        f"{report['floors'][1]}; a contradiction told in one frame, {report['floors'][2]}: the service's defaults, "
        "not tuned on these files).",
        "",
        f"Contrast test set ({contrast['pairs']} pairs, `benchmarks/contrast/`), a as premise and judged both ways:",
        "",
        "| system | flagged | precision | recall | F1 | a->b accuracy | pairs gated to neutral |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for system in SYSTEMS:
        scored = contrast[system]
        lines.append(
            f"| {system} | {_flag_cells(scored['symmetric_flag'])} | {scored['ab_accuracy']:.4f} | {scored['gated']} |"
        )
    lines += [
        "",
        f"Our claim pairs (`benchmarks/nli_claims.jsonl`, {claims['pairs']} pairs):",
        "",
        "| system | flagged | precision | recall | F1 | accuracy |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for system in SYSTEMS:
        lines.append(f"| {system} | {_flag_cells(claims[system]['flag'])} | {claims[system]['accuracy']:.4f} |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT_FILE)
    parser.add_argument("--markdown", type=Path, default=None)
    args = parser.parse_args(argv)
    settings = Settings()
    started = time.perf_counter()
    serve = Served(settings)
    report: dict[str, Any] = {
        "command": COMMAND,
        "judge": settings.judge,
        "floors": [
            settings.relation_min_similarity,
            settings.unsupported_relation_min_similarity,
            settings.framed_relation_min_similarity,
        ],
        "contrast": contrast_report(serve),
        "claims": claims_report(serve),
    }
    report["seconds"] = round(time.perf_counter() - started, 1)
    write_reports(args.out, report, args.markdown, render_markdown, OUT_FILE, MARKDOWN_FILE)
    print(render_markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
