"""Claim matching on CLEF 2020 CheckThat! Task 2 (English), through the service's own code.

    python -m benchmarks.eval_matching [--split dev|train|both] [--approach NAME|all] [--database-url URL]
                                       [--limit N] [--out FILE.json]

1. The 10,389 verified claims go into a database (a fresh temporary SQLite file unless ``--database-url`` names
   one) through ``ClaimService.bulk``, the code behind ``POST /v1/claims/bulk``, 1,000 at a time: the claim is
   ``text``, the fact-check's headline is ``metadata["title"]`` (which the index embeds with the text, see
   ``embeddings.text_normalize.index_text``), ``external_id`` is ``clef2020:<id>``. A database that already
   holds them is reused (bulk returns known ``external_id``s as existing and indexes nothing).
2. Every tweet goes through ``CheckService.matches``, the code behind ``POST /v1/check``, with the real
   all-MiniLM-L6-v2 encoder and the rule judge (``--judge hybrid``: the service's NLI judge), ``top_k`` = 10.
   Torch runs on one thread (``--threads``): single statements encode fastest so on a small machine, and the
   metrics do not depend on it. With a judge, the relations it gave the top 5 are counted too: for the claim a
   tweet repeats ("contradicts" there is a false alarm) and for the other matches.
3. MAP@5 (the task's measure), MRR@10 and Recall@1/5/10 are printed and written to
   ``benchmarks/matching_results.json``.

The judge labels matches but never reorders them (matches are sorted by ``similarity``, which the retriever
computes before the judge runs), so ``--judge none`` (a stub that calls everything neutral) gives the same
ranking and metrics, only faster.

Approaches are settings, not code paths: ``dense`` (cosine only), ``bm25`` (the lexical index only), ``rrf``
(reciprocal-rank fusion, similarity a calibrated fused score), ``rerank`` (fusion, then the second-stage
score: the shipped default). No weight was fitted on the dev tweets (see ``benchmarks.tune_matching``).
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.report import write_report
from db.database import Database
from db.migrate import upgrade
from embeddings.encoder import Encoder, load_encoder
from embeddings.judge import Judge, Judgement
from service.config import REPO_ROOT, Settings
from service.schemas import ClaimCreate
from service.services.checking import CheckService
from service.services.claims import ClaimService

DATASET = "data/clef2020-claim-matching"
EXTERNAL_PREFIX = "clef2020:"
BATCH = 1000
TOP_K = 10
RESULTS_FILE = REPO_ROOT / "benchmarks" / "matching_results.json"

# Each approach is a set of retrieval settings over the same stored claims; "rerank" is the shipped default.
PLAIN = {"similarity_slope": 1.0, "similarity_intercept": 0.0}
APPROACHES: dict[str, dict[str, Any]] = {
    # all-MiniLM-L6-v2 cosine alone (the keyword index is not consulted).
    "dense": {
        "lexical_weight": 0.0,
        "rerank_fusion_weight": 0.0,
        "rerank_cosine_weight": 1.0,
        "rerank_lexical_weight": 0.0,
        **PLAIN,
    },
    # The keyword index alone (FTS5 BM25 on SQLite), ranked by its own order.
    "bm25": {
        "dense_weight": 0.0,
        "lexical_weight": 1.0,
        "rerank_fusion_weight": 1.0,
        "rerank_cosine_weight": 0.0,
        "rerank_lexical_weight": 0.0,
        **PLAIN,
    },
    # Textbook reciprocal rank fusion: k = 60, equal weights, ranked by the fused score alone.
    "rrf": {
        "dense_weight": 1.0,
        "lexical_weight": 1.0,
        "rrf_k": 60,
        "rerank_fusion_weight": 1.0,
        "rerank_cosine_weight": 0.0,
        "rerank_lexical_weight": 0.0,
        **PLAIN,
    },
    # The shipped defaults (service/config.py): tuned fusion, then the second-stage score, calibrated.
    "rerank": {},
}


class NeutralJudge:
    """Calls every pair neutral: for retrieval-only runs (the ranking never depends on the judge)."""

    name = "neutral-stub"
    version = "1"

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        return [Judgement("neutral", {"entailment": 0.0, "neutral": 1.0, "contradiction": 0.0}) for _ in pairs]


@dataclass(frozen=True, slots=True)
class Query:
    id: str
    text: str
    relevant: frozenset[str]  # external ids of the claims the tweet repeats


def read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return rows[1:]


def load_claims(data_dir: Path) -> list[ClaimCreate]:
    return [
        ClaimCreate(
            text=row[1].strip(),
            speaker="Snopes fact-check",
            external_id=f"{EXTERNAL_PREFIX}{row[0]}",
            metadata={"title": row[2].strip()} if len(row) > 2 and row[2].strip() else {},
        )
        for row in read_tsv(data_dir / "verified_claims.docs.tsv")
    ]


def prepare_run(settings: Settings, threads: int) -> Path | None:
    """Offline model loading, torch's thread count, and the CLEF folder (None, said aloud, when it is absent)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    data_dir = settings.shared_dir / DATASET
    if not (data_dir / "verified_claims.docs.tsv").is_file():
        print(f"skipped: {data_dir} is absent (the CLEF 2020 data lives in ../shared; set CLAIMLEDGER_SHARED_DIR)")
        return None
    if threads:
        import torch

        torch.set_num_threads(threads)
    return data_dir


def load_queries(data_dir: Path, split: str) -> list[Query]:
    relevant: dict[str, set[str]] = {}
    with (data_dir / split / "tweet-vclaim-pairs.qrels").open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 4 and parts[3] != "0":
                relevant.setdefault(parts[0], set()).add(f"{EXTERNAL_PREFIX}{parts[2]}")
    return [
        Query(row[0], row[1], frozenset(relevant[row[0]]))
        for row in read_tsv(data_dir / split / "tweets.queries.tsv")
        if row[0] in relevant
    ]


def average_precision_at(ranked: Sequence[str], relevant: frozenset[str], k: int) -> float:
    """AP@k as the task's scorer computes it: precision at each relevant hit within the top k, over |relevant|."""
    hits, total = 0, 0.0
    for rank, item in enumerate(ranked[:k], start=1):
        if item in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant) if relevant else 0.0


def scores(rankings: Sequence[Sequence[str]], queries: Sequence[Query]) -> dict[str, float]:
    ap: list[float] = []
    rr: list[float] = []
    r1: list[float] = []
    r5: list[float] = []
    r10: list[float] = []
    for ranked, query in zip(rankings, queries, strict=True):
        ap.append(average_precision_at(ranked, query.relevant, 5))
        rr.append(next((1.0 / i for i, item in enumerate(ranked, start=1) if item in query.relevant), 0.0))
        for bucket, k in ((r1, 1), (r5, 5), (r10, 10)):
            bucket.append(len(set(ranked[:k]) & query.relevant) / len(query.relevant))
    return {
        "queries": len(queries),
        "map@5": round(float(np.mean(ap)), 4),
        "mrr@10": round(float(np.mean(rr)), 4),
        "recall@1": round(float(np.mean(r1)), 4),
        "recall@5": round(float(np.mean(r5)), 4),
        "recall@10": round(float(np.mean(r10)), 4),
    }


def relation_counts(
    rankings: Sequence[Sequence[str]], relations: Sequence[Sequence[str]], queries: Sequence[Query], k: int = 5
) -> dict[str, dict[str, int]]:
    """What the judge called the top-k matches: the claim each tweet repeats (should entail, or at worst be
    neutral: "contradicts" there is a false alarm) and the other matches (mostly neutral)."""
    counts: dict[str, dict[str, int]] = {
        group: dict.fromkeys(("entails", "neutral", "contradicts"), 0) for group in ("repeated_claim", "other_matches")
    }
    for ranked, judged, query in zip(rankings, relations, queries, strict=True):
        for external_id, relation in list(zip(ranked, judged, strict=True))[:k]:
            counts["repeated_claim" if external_id in query.relevant else "other_matches"][relation] += 1
    return counts


class Progress:
    """A one-line progress bar on stderr (done/total, rate, time left)."""

    def __init__(self, total: int, desc: str) -> None:
        self.total, self.desc, self.done = total, desc, 0
        self.started = time.perf_counter()
        self.shown = 0.0

    def update(self, n: int = 1) -> None:
        self.done += n
        now = time.perf_counter()
        if now - self.shown < 0.5 and self.done < self.total:
            return
        self.shown = now
        elapsed = now - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        width = 30
        filled = int(width * self.done / self.total) if self.total else width
        sys.stderr.write(
            f"\r{self.desc}: [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} "
            f"{rate:.1f}/s, {left:.0f}s left "
        )
        if self.done >= self.total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def batches(items: Sequence[ClaimCreate], size: int) -> Iterator[Sequence[ClaimCreate]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def ingest(db: Database, encoder: Encoder, claims: Sequence[ClaimCreate]) -> dict[str, int]:
    """Store the claims through the bulk service (encoded, then one write transaction per batch of 1,000), with a
    progress bar."""
    created = existing = 0
    bar = Progress(len(claims), "ingest (bulk)")
    service = ClaimService(db, encoder)
    for batch in batches(claims, BATCH):
        result = service.bulk(batch)
        created += result.created
        existing += result.existing
        bar.update(len(batch))
    return {"created": created, "existing": existing}


def run_queries(
    db: Database,
    settings: Settings,
    encoder: Encoder,
    judge: Judge,
    queries: Sequence[Query],
    desc: str,
    relations: list[list[str]] | None = None,
) -> tuple[list[list[str]], list[float]]:
    """Each tweet through CheckService.matches (what POST /v1/check runs, with its judging limit); the ranked
    external ids and ms each, and the matches' relations appended to ``relations`` when given."""
    rankings: list[list[str]] = []
    millis: list[float] = []
    service = CheckService(db, settings, encoder, judge)
    bar = Progress(len(queries), desc)
    for query in queries:
        started = time.perf_counter()
        matches = service.matches(query.text, TOP_K, judge_limit=settings.check_judge_max_matches)
        millis.append(1000 * (time.perf_counter() - started))
        rankings.append([m.claim.external_id or "" for m in matches])
        if relations is not None:
            relations.append([m.judgement.relation for m in matches])
        bar.update()
    return rankings, millis


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "train", "both"], default="both")
    parser.add_argument("--approach", choices=[*APPROACHES, "all"], default="rerank")
    parser.add_argument("--database-url", default=None, help="default: a fresh temporary SQLite file")
    parser.add_argument("--limit", type=int, default=None, help="only the first N tweets of each split")
    parser.add_argument("--encoder", default="minilm")
    parser.add_argument(
        "--judge", choices=["rules", "hybrid", "none"], default="rules", help="hybrid: also count relations"
    )
    parser.add_argument("--threads", type=int, default=1, help="torch threads for the encoder (0: torch's default)")
    parser.add_argument("--out", type=Path, default=RESULTS_FILE)
    args = parser.parse_args(argv)

    base = Settings()
    found = prepare_run(base, args.threads)
    if found is None:
        return 0
    data_dir = found
    splits = ["dev", "train"] if args.split == "both" else [args.split]
    approaches = list(APPROACHES) if args.approach == "all" else [args.approach]
    with tempfile.TemporaryDirectory(prefix="claimledger-eval-") as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'clef2020.db'}"
        upgrade(url)
        db = Database.connect(url)
        encoder = load_encoder(args.encoder)
        if args.judge == "rules":
            from embeddings.rule_judge import RuleJudge

            judge: Judge = RuleJudge()
        elif args.judge == "hybrid":
            from service.runtime import load_judge

            judge = load_judge(base)
        else:
            judge = NeutralJudge()
        claims = load_claims(data_dir)
        started = time.perf_counter()
        stored = ingest(db, encoder, claims)
        ingest_s = time.perf_counter() - started
        report: dict[str, Any] = {
            "dataset": "CLEF 2020 CheckThat! Task 2 (English)",
            "database": db.dialect,
            "encoder": f"{encoder.name}@{encoder.version}",
            "judge": f"{judge.name}@{judge.version}",
            "top_k": TOP_K,
            "claims": len(claims),
            "ingest": {**stored, "seconds": round(ingest_s, 1)},
            "results": {},
        }
        for approach in approaches:
            settings = base.model_copy(update={"database_url": url, **APPROACHES[approach]})
            report["results"][approach] = {"settings": APPROACHES[approach]}
            for split in splits:
                queries = load_queries(data_dir, split)[: args.limit]
                relations: list[list[str]] = []
                rankings, millis = run_queries(db, settings, encoder, judge, queries, f"{approach}/{split}", relations)
                result: dict[str, Any] = dict(scores(rankings, queries))
                if args.judge != "none":
                    result["relations_top5"] = relation_counts(rankings, relations, queries)
                result["median_ms"] = round(float(np.median(millis)), 1)
                report["results"][approach][split] = result
        db.dispose()

    print(f"CLEF 2020 CheckThat! Task 2, {len(claims)} verified claims on {report['database']}, {report['encoder']}")
    print(f"{'approach':8} {'split':5} {'n':>4} {'MAP@5':>6} {'MRR':>6} {'R@1':>6} {'R@5':>6} {'R@10':>6} {'ms':>6}")
    for approach, by_split in report["results"].items():
        for split in splits:
            r = by_split[split]
            print(
                f"{approach:8} {split:5} {r['queries']:>4} {r['map@5']:>6.4f} {r['mrr@10']:>6.4f} "
                f"{r['recall@1']:>6.4f} {r['recall@5']:>6.4f} {r['recall@10']:>6.4f} {r['median_ms']:>6.1f}"
            )
            if "relations_top5" in r:
                print(f"{'':15} relations in the top 5: {r['relations_top5']}")
    write_report(args.out, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
