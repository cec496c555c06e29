"""Verdicts on the seed article: what ``POST /v1/check`` answers when a statement meets the whole record.

    python -m benchmarks.eval_verdicts [--claims benchmarks/nli_claims.jsonl] [--top-k 5] [--out FILE.json]

``make eval-nli`` scores the judge one (premise, hypothesis) pair at a time. A fact-checker sees something else:
a statement checked against *every* stored claim, where one false contradiction from a different claim on the
same topic turns "supported" into "mixed". This benchmark stores the distinct premises of the claim set
(``benchmarks/nli_claims.jsonl``: the seed article's claims, one speaker each) through ``ClaimService.bulk`` in
a fresh SQLite file, checks every hypothesis through ``CheckService.check`` (the code behind ``/v1/check``:
normalisation, hybrid retrieval, the judging limit, the similarity gates) with the service's default settings
and the configured judge, and compares the verdict with the one the pair's label implies:
entailment -> ``supported``; contradiction -> ``contradicted`` (``mixed`` also counts: the contradiction was
found); neutral -> ``unverified``. Other claims in the record can legitimately bear on a hypothesis, so a few
"errors" are arguable; the list of misses is printed for reading.

The similarity floors (``relation_min_similarity``, ``unsupported_relation_min_similarity``) were chosen with
this set in view, so these numbers are in-sample for the gates; the NLI model never saw the set.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks.report import write_report
from db.migrate import upgrade
from embeddings.nli.evaluate import CLAIMS_FILE, load_claims
from service.config import REPO_ROOT, Settings
from service.runtime import Runtime
from service.schemas import ClaimCreate
from service.services.checking import CheckService
from service.services.claims import ClaimService

OUT_FILE = REPO_ROOT / "benchmarks" / "verdict_eval.json"
EXPECTED: dict[str, tuple[str, ...]] = {
    "entailment": ("supported",),
    "contradiction": ("contradicted", "mixed"),
    "neutral": ("unverified",),
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--claims", type=Path, default=CLAIMS_FILE)
    parser.add_argument("--top-k", type=int, default=5)
    parser.add_argument("--out", type=Path, default=OUT_FILE)
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    rows = load_claims(args.claims)
    premises = sorted({row["premise"] for row in rows})

    with tempfile.TemporaryDirectory(prefix="claimledger-verdicts-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'verdicts.db'}"
        upgrade(url)
        settings = Settings(database_url=url, load_models_on_startup=False)
        runtime = Runtime.create(settings)
        runtime.load_models()
        if not runtime.models_ready:
            print(f"models failed to load: {runtime.load_error}")
            return 2
        bodies = [ClaimCreate(text=p, speaker=f"seed speaker {i + 1}") for i, p in enumerate(premises)]
        ClaimService(runtime.db, runtime.encoder).bulk(bodies)
        confusion: Counter[tuple[str, str]] = Counter()
        misses: list[dict[str, Any]] = []
        checker = CheckService(runtime.db, settings, runtime.encoder, runtime.judge)
        for row in rows:
            # What /v1/check answers, without raising its flags (one check's flags must not pile up in the record).
            scored = checker.matches(row["hypothesis"], args.top_k, judge_limit=settings.check_judge_max_matches)
            result = checker.result(scored, None)
            confusion[(row["label"], result.verdict)] += 1
            if result.verdict not in EXPECTED[row["label"]]:
                misses.append(
                    {
                        "statement": row["hypothesis"],
                        "label": row["label"],
                        "verdict": result.verdict,
                        "deciding": [
                            {
                                "relation": m.relation,
                                "similarity": m.similarity,
                                "signals": m.signals,
                                "claim": m.claim.text,
                            }
                            for m in result.matches
                            if m.relation != "neutral"
                        ],
                    }
                )
        judge = f"{runtime.judge.name}@{runtime.judge.version}"
        runtime.close()

    correct = sum(n for (label, verdict), n in confusion.items() if verdict in EXPECTED[label])
    by_label = {
        label: {verdict: n for (gold, verdict), n in sorted(confusion.items()) if gold == label} for label in EXPECTED
    }
    report = {
        "command": "python -m benchmarks.eval_verdicts",
        "judge": judge,
        "statements": len(rows),
        "stored_claims": len(premises),
        "top_k": args.top_k,
        "relation_min_similarity": settings.relation_min_similarity,
        "unsupported_relation_min_similarity": settings.unsupported_relation_min_similarity,
        "verdict_accuracy": round(correct / len(rows), 4) if rows else 0.0,
        "verdicts_by_label": by_label,
        "false_alarms": sum(
            n
            for (label, verdict), n in confusion.items()
            if label != "contradiction" and verdict in ("contradicted", "mixed")
        ),
        "misses": misses,
    }
    print(f"{judge}: {correct}/{len(rows)} verdicts as the labels imply ({report['verdict_accuracy']:.3f})")
    for label, verdicts in by_label.items():
        print(f"  {label:13} -> {verdicts}")
    print(f"  contradicted/mixed for a statement that is not a contradiction: {report['false_alarms']}")
    write_report(args.out, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
