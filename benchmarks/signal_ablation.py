"""What each signal is worth to the hybrid judge: every held-out file judged with all signals, then with each one
switched off in turn, and the change in pairs judged right.

    python -m benchmarks.signal_ablation [--model-dir DIR] [--precision fp32] [--files snli.test lingnli.dev ...]
                                         [--clef-matches] [--out benchmarks/signal_ablation.json]
                                         [--markdown benchmarks/SIGNAL_ABLATION.md]

The model runs once per file (its probabilities are cached under ``.cache/nli-probabilities/``, keyed by model
version, precision and the file's pairs, so a rerun after a rule change costs seconds); the signals run once per
file too, and switching one off removes it from each report before the judge combines it with the model, exactly
as if it had not fired (so it also stops gating ``extra_content``, ``number_match`` and the paraphrase boost). The
rule judge (signals alone, the service's fallback) is scored the same way. A signal whose removal costs nothing on
any file, for either judge, is a candidate for removal; the table is re-run whenever the model changes.

Besides the NLI files, ``clef_repeats``: every CLEF 2020 train and dev tweet against the fact-checked claim it
repeats (normalised and judged both ways, as ``/v1/check`` judges them), where "right" is anything but a
contradiction in either direction: the false
flags the ``extra_content`` and ``number_match`` signals were made to prevent. ``--clef-matches`` also runs every
CLEF tweet through ``/v1/check``'s own retrieval (the 10,375 verified claims indexed in a temporary SQLite file,
minutes) and counts the relations the judge gives the matches it judges, for the claim a tweet repeats and for the
other matches, with each signal switched off: claim matching is what the signals are for, and a relation there has
no gold label beyond "the repeated claim is no contradiction". It also judges the example pairs of issue 21 with all
signals and without ``antonym_swap``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from benchmarks.report import write_reports
from embeddings.judge import Judgement, both_ways, reversed_pairs
from embeddings.nli import PRECISIONS
from embeddings.nli.data import EVAL_FILES, LABEL_TO_ID, LABELS
from embeddings.nli.evaluate import CLAIMS_FILE, CLAIMS_NAME, RELATION_TO_LABEL, default_data_dir, load_claims
from embeddings.nli.evaluate import sample_eval_file as read_eval_file
from embeddings.nli.probability_cache import cached_probabilities
from embeddings.rule_judge import HYBRID_THRESHOLDS, JudgeThresholds, RuleJudge, combine, model_logits
from embeddings.signals import SIGNAL_NAMES, SignalReport, iter_signal_reports

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO_ROOT / "benchmarks" / "signal_ablation.json"
DEFAULT_MARKDOWN = REPO_ROOT / "benchmarks" / "SIGNAL_ABLATION.md"
ALL = "all signals"
CLEF_NAME = "clef_repeats"
NOT_A_CONTRADICTION = -1  # the gold "label" of a CLEF repeat: any relation but contradiction is right

# The example table of issue 21 ("a judge that gets claim contradictions right"), as filed: what the judge said then.
ISSUE_EXAMPLES: tuple[tuple[str, str, str], ...] = (
    (
        "The court upheld the ban on the pesticide.",
        "The court overturned the ban on the pesticide.",
        "entails (0.90)",
    ),
    (
        "The river is rising after days of heavy rain.",
        "The river is falling after days of heavy rain.",
        "entails (0.85)",
    ),
    ("The senator voted against the bill.", "The senator voted for the bill.", "entails (0.69)"),
    (
        "The Coalition is in Iraq against the wishes of the Iraqi government.",
        "The U.S.-led Coalition is in Iraq at the request of the Iraqi government.",
        "entails (0.72)",
    ),
    ("Exports increased by 12 percent last year.", "Imports increased by 12 percent last year.", "entails (0.85)"),
    ("The summit took place in Geneva.", "The summit ended without a joint statement.", "contradicts (0.84)"),
    # The issue's target: this restatement must not be flagged.
    (
        "The U.S.-led Coalition is in Iraq at the request of the Iraqi government.",
        "Coalition forces are in Iraq because Baghdad asked them to be there.",
        "(target: not contradicts)",
    ),
)


def without(report: SignalReport, signal: str | None) -> SignalReport:
    """The report as if ``signal`` had not fired."""
    if signal is None or signal not in report.strengths:
        return report
    strengths = {name: strength for name, strength in report.strengths.items() if name != signal}
    return replace(report, strengths=strengths, plain_negation=report.plain_negation and signal != "negation")


def _right(relation: str, gold: int) -> bool:
    if gold == NOT_A_CONTRADICTION:
        return relation != "contradicts"
    return LABEL_TO_ID[RELATION_TO_LABEL[relation]] == gold


def load_clef_repeats(clef_dir: Path) -> list[tuple[str, str]]:
    """(claim, tweet) for every CLEF train and dev tweet and each claim it repeats, normalised as /v1/check does."""
    from benchmarks.eval_matching import load_claims as load_clef_claims
    from benchmarks.eval_matching import load_queries
    from service.services.checking import judge_pair

    claims = {claim.external_id: claim.text for claim in load_clef_claims(clef_dir)}
    return [
        judge_pair(claims[claim_id], query.text)
        for split in ("train", "dev")
        for query in load_queries(clef_dir, split)
        for claim_id in sorted(query.relevant)
        if claim_id in claims
    ]


def record_clef_matches(clef_dir: Path) -> list[tuple[str, str, bool]]:
    """(premise, hypothesis, is the repeated claim) for every pair ``/v1/check``'s judge reads for the CLEF train and
    dev tweets: each tweet's most similar matches, up to ``check_judge_max_matches``, normalised as judged."""
    from benchmarks.eval_matching import APPROACHES, NeutralJudge, ingest, load_queries, prepare_run, run_queries
    from benchmarks.eval_matching import load_claims as load_clef_claims
    from db.database import Database
    from db.migrate import upgrade
    from embeddings.encoder import load_encoder
    from service.config import Settings
    from service.services.checking import judge_pair

    class RecordingJudge(NeutralJudge):
        """Calls everything neutral (retrieval does not depend on the judge) and keeps what it was asked."""

        def __init__(self) -> None:
            self.pairs: list[tuple[str, str]] = []

        def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
            # /v1/check judges every match both ways in one call (``judge_both_ways``): keep the forward half.
            half = list(pairs[: len(pairs) // 2])
            self.pairs.extend(half if list(pairs) == reversed_pairs(half) else pairs)
            return super().judge(pairs)

    base = Settings()
    prepare_run(base, 1)
    claims = load_clef_claims(clef_dir)
    texts = {claim.external_id: claim.text for claim in claims}
    recorded: list[tuple[str, str, bool]] = []
    with tempfile.TemporaryDirectory(prefix="claimledger-ablation-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'clef2020.db'}"
        upgrade(url)
        database = Database.connect(url)
        encoder = load_encoder("minilm")
        ingest(database, encoder, claims)
        settings = base.model_copy(update={"database_url": url, **APPROACHES["rerank"]})
        for split in ("train", "dev"):
            queries = load_queries(clef_dir, split)
            judge = RecordingJudge()
            run_queries(database, settings, encoder, judge, queries, f"clef {split}")
            repeats = {judge_pair(texts[c], q.text) for q in queries for c in q.relevant if c in texts}
            recorded += [(premise, hypothesis, (premise, hypothesis) in repeats) for premise, hypothesis in judge.pairs]
    return recorded


@dataclass(frozen=True, slots=True)
class Direction:
    """One direction of a file's pairs: the model's probabilities and the signal reports."""

    probabilities: NDArray[np.floating[Any]]
    reports: Sequence[SignalReport]


def _relations(
    forward: Direction, backward: Direction | None, signal: str | None, thresholds: JudgeThresholds, rules: bool
) -> list[str]:
    """Each pair's relation with ``signal`` switched off: the hybrid's (or, with ``rules``, the rule judge's), in
    both directions combined as the service does (``judge_both_ways``) when ``backward`` is given."""
    rule_judge = RuleJudge(thresholds) if rules else None

    def judged(direction: Direction) -> list[Judgement]:
        logits = model_logits(direction.probabilities, thresholds.temperature)
        kept = [without(report, signal) for report in direction.reports]
        return [
            combine(rule_judge.prior(report) if rule_judge else logits[row], report, thresholds)
            for row, report in enumerate(kept)
        ]

    forwards = judged(forward)
    if backward is None:
        return [judgement.relation for judgement in forwards]
    return [both_ways(f, b).relation for f, b in zip(forwards, judged(backward), strict=True)]


def relations_without_each_signal(
    forward: Direction, backward: Direction | None, groups: Sequence[str], hybrid: JudgeThresholds
) -> dict[str, dict[str, dict[str, int]]]:
    """For every variant (all signals, each one off): per group, how many pairs got each relation."""
    result: dict[str, dict[str, dict[str, int]]] = {}
    for signal in (None, *SIGNAL_NAMES):
        counts: dict[str, dict[str, int]] = {
            group: dict.fromkeys(("entails", "neutral", "contradicts"), 0) for group in sorted(set(groups))
        }
        for group, relation in zip(groups, _relations(forward, backward, signal, hybrid, rules=False), strict=True):
            counts[group][relation] += 1
        result[ALL if signal is None else signal] = counts
    return result


def ablate_file(
    forward: Direction,
    gold: Sequence[int],
    hybrid: JudgeThresholds,
    rules: JudgeThresholds,
    backward: Direction | None = None,
) -> dict[str, Any]:
    """Pairs right with every signal and, per signal, the change when it is switched off (hybrid and rules);
    ``backward``: judge both ways, as the service does, where the gold relation is symmetric (CLEF repeats)."""
    result: dict[str, Any] = {"n": len(gold), "fired": {}, "hybrid": {}, "rules": {}}
    for signal in (None, *SIGNAL_NAMES):
        key = ALL if signal is None else signal
        for system, thresholds in (("hybrid", hybrid), ("rules", rules)):
            relations = _relations(forward, backward, signal, thresholds, rules=system == "rules")
            result[system][key] = sum(_right(relation, g) for relation, g in zip(relations, gold, strict=True))
        if signal is not None:
            result["fired"][signal] = sum(signal in report.strengths for report in forward.reports)
    return result


def judge_examples(model: Any, thresholds: JudgeThresholds) -> list[dict[str, Any]]:
    """The issue's example pairs: the hybrid's relation and P(contradiction), with and without ``antonym_swap``."""
    pairs = [(premise, hypothesis) for premise, hypothesis, _ in ISSUE_EXAMPLES]
    probabilities = np.asarray(model.predict(pairs), dtype=np.float32)
    logits = model_logits(probabilities, thresholds.temperature)
    rows = []
    for row, (report, (premise, hypothesis, filed)) in enumerate(
        zip(iter_signal_reports(pairs), ISSUE_EXAMPLES, strict=True)
    ):
        with_rule = combine(logits[row], report, thresholds)
        without_rule = combine(logits[row], without(report, "antonym_swap"), thresholds)
        rows.append(
            {
                "premise": premise,
                "hypothesis": hypothesis,
                "filed": filed,
                "model": {label: round(float(p), 3) for label, p in zip(LABELS, probabilities[row], strict=True)},
                "signals": with_rule.signals,
                "with": [with_rule.relation, round(with_rule.probabilities["contradiction"], 3)],
                "without_antonym_swap": [without_rule.relation, round(without_rule.probabilities["contradiction"], 3)],
            }
        )
    return rows


def _delta(value: int) -> str:
    return "0" if value == 0 else f"{value:+d}"


def render_markdown(report: dict[str, Any]) -> str:
    files: dict[str, dict[str, Any]] = report["files"]
    names = list(files)
    lines = [
        "# Signal ablation",
        "",
        f"Model `{report['model']['version']}` ({report['model']['precision']}), hybrid judge as shipped "
        f"(`HYBRID_THRESHOLDS`), rules `{report['rules_version']}`. Made by `{report['command']}`.",
        "",
        "Each cell: the change in pairs judged right when that signal is switched off (removed from every report "
        "before the judge combines it with the model); negative means the signal earns its place. The first row "
        "gives the pairs right with every signal, and `fired` how often the signal fires. `rules` is the rule "
        "judge (signals alone, the service's fallback). `clef_repeats`: CLEF 2020 tweets against the claim they "
        "repeat, judged both ways as the service does, right when neither direction is a contradiction.",
        "",
        "| signal | " + " | ".join(names) + " | total | rules judge, total |",
        "| --- | " + " | ".join("---:" for _ in names) + " | ---: | ---: |",
    ]
    lines.append(
        f"| {ALL} (pairs right / n) | "
        + " | ".join(f"{files[n]['hybrid'][ALL]} / {files[n]['n']}" for n in names)
        + f" | {sum(files[n]['hybrid'][ALL] for n in names)} | {sum(files[n]['rules'][ALL] for n in names)} |"
    )
    for signal in SIGNAL_NAMES:
        cells = [_delta(files[n]["hybrid"][signal] - files[n]["hybrid"][ALL]) for n in names]
        total = sum(files[n]["hybrid"][signal] - files[n]["hybrid"][ALL] for n in names)
        rules_total = sum(files[n]["rules"][signal] - files[n]["rules"][ALL] for n in names)
        lines.append(f"| {signal} off | " + " | ".join(cells) + f" | {_delta(total)} | {_delta(rules_total)} |")
    lines.append(
        "| fired | "
        + " | ".join(
            " ".join(f"{s}:{files[n]['fired'][s]}" for s in SIGNAL_NAMES if files[n]["fired"][s]) for n in names
        )
        + " | | |"
    )
    matches = report.get("clef_matches")
    if matches:
        lines += [
            "",
            "## CLEF matches judged by /v1/check",
            "",
            f"The {matches['n']} pairs the judge reads for the CLEF 2020 train and dev tweets (each tweet's "
            "most similar matches, up to `check_judge_max_matches`), judged both ways as the service does, before its "
            "similarity gate: the "
            "relations given to the claim a tweet repeats and to the other matches, entails / neutral / "
            "contradicts.",
            "",
            "| signal | repeated claim | other matches |",
            "| --- | --- | --- |",
        ]
        for variant, counts in matches["relations"].items():
            cells = [
                " / ".join(str(counts[group][relation]) for relation in ("entails", "neutral", "contradicts"))
                for group in ("repeated claim", "other match")
            ]
            label = variant if variant == ALL else f"{variant} off"
            lines.append(f"| {label} | {cells[0]} | {cells[1]} |")
    examples = report.get("examples")
    if examples:
        lines += [
            "",
            "## The example pairs of issue 21",
            "",
            "| premise | hypothesis | filed | model E / N / C | signals | hybrid: relation (P contradiction) | without `antonym_swap` |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for row in examples:
            model = " / ".join(f"{row['model'][label]:.2f}" for label in LABELS)
            lines.append(
                f"| {row['premise']} | {row['hypothesis']} | {row['filed']} | {model} | "
                f"{', '.join(row['signals']) or '-'} | {row['with'][0]} ({row['with'][1]:.2f}) | "
                f"{row['without_antonym_swap'][0]} ({row['without_antonym_swap'][1]:.2f}) |"
            )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-dir", type=Path, default=None)
    parser.add_argument("--data-dir", type=Path, default=None, help="shared NLI data (default: ../shared/data/nli)")
    parser.add_argument("--files", nargs="*", default=None, help=f"subset of {', '.join(EVAL_FILES)} and nli_claims")
    parser.add_argument("--precision", choices=PRECISIONS, default="fp32")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument(
        "--markdown", type=Path, default=None, help="default: SIGNAL_ABLATION.md with the default --out"
    )
    parser.add_argument(
        "--clef-matches", action="store_true", help="also judge the CLEF tweets' matches through /v1/check's retrieval"
    )
    args = parser.parse_args(argv)

    from embeddings.nli.model import ModelNotFoundError, NliCrossEncoder
    from embeddings.signals import RULES_VERSION

    try:
        model = NliCrossEncoder(args.model_dir, precision=args.precision)
    except ModelNotFoundError as error:
        print(error, file=sys.stderr)
        return 2
    data_dir = args.data_dir or default_data_dir()
    names = list(args.files) if args.files else [*EVAL_FILES, CLAIMS_NAME, CLEF_NAME]
    clef_dir = data_dir.parent / "clef2020-claim-matching"
    rules = RuleJudge().thresholds

    def direction(name: str, pairs: Sequence[tuple[str, str]]) -> Direction:
        return Direction(cached_probabilities(model, name, pairs, args.batch_size)[0], list(iter_signal_reports(pairs)))

    report: dict[str, Any] = {
        "command": " ".join(["python -m benchmarks.signal_ablation", *(sys.argv[1:] if argv is None else argv)]),
        "model": {"version": model.version, "precision": model.precision},
        "rules_version": RULES_VERSION,
        "files": {},
    }
    for name in names:
        if name == CLAIMS_NAME:
            rows = load_claims(CLAIMS_FILE)
            pairs = [(row["premise"], row["hypothesis"]) for row in rows]
            gold = [LABEL_TO_ID[row["label"]] for row in rows]
        elif name == CLEF_NAME and clef_dir.is_dir():
            pairs = load_clef_repeats(clef_dir)
            gold = [NOT_A_CONTRADICTION] * len(pairs)
        elif (data_dir / f"{name}.jsonl.gz").is_file():
            sampled = read_eval_file(data_dir, name, 0, 0)
            pairs = [(p, h) for p, h, _ in sampled]
            gold = [g for _, _, g in sampled]
        else:
            print(f"skip {name}: not found under {data_dir}", file=sys.stderr)
            continue
        # A repeat must not contradict either way round (the service judges both); NLI labels are directional.
        backward = direction(f"{name}-reversed", reversed_pairs(pairs)[len(pairs) :]) if name == CLEF_NAME else None
        report["files"][name] = ablate_file(direction(name, pairs), gold, HYBRID_THRESHOLDS, rules, backward)
        print(f"{name}: {report['files'][name]['hybrid'][ALL]} of {len(pairs)} right", file=sys.stderr)
    if args.clef_matches and clef_dir.is_dir():
        recorded = record_clef_matches(clef_dir)
        pairs = [(premise, hypothesis) for premise, hypothesis, _ in recorded]
        groups = ["repeated claim" if repeat else "other match" for _, _, repeat in recorded]
        forward = direction("clef_matches", pairs)
        backward = direction("clef_matches-reversed", reversed_pairs(pairs)[len(pairs) :])
        report["clef_matches"] = {
            "n": len(pairs),
            "relations": relations_without_each_signal(forward, backward, groups, HYBRID_THRESHOLDS),
        }
    report["examples"] = judge_examples(model, HYBRID_THRESHOLDS)
    write_reports(args.out, report, args.markdown, render_markdown, DEFAULT_OUT, DEFAULT_MARKDOWN)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
