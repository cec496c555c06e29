"""Long articles through the `POST /v1/documents` path, phase by phase (benchmarks/DOCUMENTS_BENCH.md).

    python -m benchmarks.bench_documents [--sizes 20000,50000,100000] [--record-articles 12] [--record-clef 300]
        [--threads 1] [--out benchmarks/documents_bench.json]

Articles: the PolNeAR dev articles (../shared/data/polnear-dev/text, the ones `make eval-attribution` reads),
sorted by name and joined paragraph by paragraph (cycled when a size needs more) up to each size. Record: CLEF 2020
verified claims plus the claims of the first ``--record-articles`` articles, posted as documents, so a long
article's claims find themselves and their neighbours on record. The record is built once into a template SQLite
file and copied fresh for every size, so each size starts from the same record.

Each size runs the route's own path: ``DocumentService.prepare`` (extraction in the worker process, encoding,
retrieval, the judge, settling) with no transaction open, then ``persist`` in one write transaction; the request
models (pooled encoder and judge, the extraction process) as the service builds them. The encoder, judge and
extractor are wrapped so each phase's time is measured where it is spent; "retrieval and settling" is the rest of
``prepare``. A fingerprint of what the route returns and stores (claims, speakers, spans, each match's record claim,
relation and rounded similarity, flags) lets two commits' runs be compared for identical output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.report import write_report
from embeddings.encoder import Encoder
from embeddings.judge import Judge, Judgement
from extraction.model import ExtractedClaim

OUT = Path(__file__).resolve().parent / "documents_bench.json"
POLNEAR = "data/polnear-dev"
CLEF = "data/clef2020-claim-matching"
PHASES = ("extraction", "encoding", "judge", "retrieval_and_settling", "write")


@dataclass
class PhaseClock:
    """Seconds spent per phase, added to by the wrapped models."""

    seconds: dict[str, float] = field(default_factory=lambda: defaultdict(float))

    def timed(self, phase: str, call: Callable[..., Any]) -> Callable[..., Any]:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                self.seconds[phase] += time.perf_counter() - started

        return wrapper


class TimedEncoder:
    """An encoder that counts its time as ``encoding``."""

    def __init__(self, inner: Encoder, clock: PhaseClock) -> None:
        self.name, self.version, self.dim = inner.name, inner.version, inner.dim
        self._encode = clock.timed("encoding", inner.encode)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        result: np.ndarray = self._encode(texts)
        return result


class TimedJudge:
    """A judge that counts its time as ``judge``."""

    def __init__(self, inner: Judge, clock: PhaseClock) -> None:
        self.name, self.version = inner.name, inner.version
        self._judge = clock.timed("judge", inner.judge)

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        result: list[Judgement] = self._judge(pairs)
        return result


def article_paragraphs(polnear: Path) -> list[str]:
    """The PolNeAR dev articles' paragraphs, articles sorted by file name."""
    paragraphs: list[str] = []
    for path in sorted((polnear / "text").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs += [p.strip() for p in text.split("\n\n") if p.strip()]
    return paragraphs


def long_article(paragraphs: Sequence[str], size: int) -> str:
    """Paragraphs joined in order (cycled) until ``size`` characters, cut there."""
    if not paragraphs:
        raise ValueError("no article paragraphs to build a long article from")
    chosen: list[str] = []
    total = 0
    while total < size:
        paragraph = paragraphs[len(chosen) % len(paragraphs)]
        chosen.append(paragraph)
        total += len(paragraph) + 2
    return "\n\n".join(chosen)[:size]


def build_record(
    template: Path, polnear: Path, record_articles: int, record_clef: int, loaded: tuple[Encoder, Judge]
) -> dict[str, int]:
    """The record every size starts from: CLEF verified claims and the first articles posted as documents."""
    from benchmarks.eval_matching import load_claims
    from db.migrate import upgrade
    from service.api.checking import check_service
    from service.config import Settings
    from service.runtime import Runtime
    from service.schemas import DocumentCreate
    from service.services.claims import ClaimService
    from service.services.documents import DocumentService

    url = f"sqlite:///{template}"
    upgrade(url)
    settings = Settings(database_url=url)
    runtime = Runtime.create(settings)
    try:
        runtime.use_models(*loaded)
        clef = settings.shared_dir / CLEF
        stored = 0
        if record_clef and (clef / "verified_claims.docs.tsv").is_file():
            stored = len(ClaimService(runtime.db, runtime.models.encoder).bulk(load_claims(clef)[:record_clef]).ids)
        models = runtime.models
        posted = sorted((polnear / "text").glob("*.txt"))[:record_articles]
        for path in posted:
            text = path.read_text(encoding="utf-8")
            body = DocumentCreate(text=text, title=path.stem[:200], url=f"https://example.org/polnear/{path.stem}")
            service = DocumentService(
                settings, models.encoder, models.extraction.extract, models.extraction.version, check_service(runtime)
            )
            prepared = service.prepare(body)
            with runtime.db.write() as session:
                service.persist(session, prepared)
        return {"clef_claims": stored, "articles": len(posted)}
    finally:
        runtime.close()


def _set_threads(threads: int) -> None:
    if threads:
        import torch

        torch.set_num_threads(threads)


def fingerprint(out: Any, matches: Sequence[Sequence[Any]], flags: Sequence[Any]) -> str:
    """A digest of what the route returns and stores; the article's own claims are named by their position."""
    position = {claim.id: str(i) for i, claim in enumerate(out.claims)}
    data = {
        "claims": [
            [c.text, c.span, c.speaker.name if c.speaker else None, c.kind, c.stance, c.cue] for c in out.claims
        ],
        "matches": [
            [[position.get(m.claim.id, m.claim.id), m.judgement.relation, round(m.similarity, 4)] for m in found]
            for found in matches
        ],
        "flags": sorted(
            [f.kind, f.relation, position.get(f.claim_id, f.claim_id), position.get(f.other_claim_id, f.other_claim_id)]
            for f in flags
        ),
        "unread": out.unread_characters,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def run_size(template: Path, text: str, loaded: tuple[Encoder, Judge]) -> dict[str, Any]:
    """One long article through prepare + persist on a fresh copy of the record."""
    from sqlalchemy import or_, select

    from db.models import Flag
    from service.config import Settings
    from service.runtime import Runtime
    from service.schemas import DocumentCreate
    from service.services.checking import CheckService
    from service.services.documents import DocumentService

    with tempfile.TemporaryDirectory(prefix="bench-documents-") as folder:
        database = Path(folder) / "record.db"
        shutil.copy(template, database)
        settings = Settings(database_url=f"sqlite:///{database}")
        runtime = Runtime.create(settings)
        try:
            runtime.use_models(*loaded)
            models = runtime.models
            models.extraction.warm_up()
            models.encoder.encode(["warm up"])
            clock = PhaseClock()
            encoder = TimedEncoder(models.encoder, clock)
            extract: Callable[[str], list[ExtractedClaim]] = clock.timed("extraction", models.extraction.extract)
            checker = CheckService(runtime.db, settings, encoder, TimedJudge(models.judge, clock))
            service = DocumentService(settings, encoder, extract, models.extraction.version, checker)
            body = DocumentCreate(
                text=text, title=f"Long article {len(text)}", url=f"https://example.org/long/{len(text)}"
            )
            started = time.perf_counter()
            prepared = service.prepare(body)
            prepare_s = time.perf_counter() - started
            with runtime.db.write() as session:
                write_started = time.perf_counter()
                out = service.persist(session, prepared)
            clock.seconds["write"] = time.perf_counter() - write_started
            total_s = time.perf_counter() - started
            spent = sum(clock.seconds[phase] for phase in ("extraction", "encoding", "judge"))
            clock.seconds["retrieval_and_settling"] = max(prepare_s - spent, 0.0)
            with runtime.db.read() as session:
                ids = [c.id for c in out.claims]
                raised = select(Flag).where(or_(Flag.claim_id.in_(ids), Flag.other_claim_id.in_(ids)))
                flags = list(session.scalars(raised))
                result = {
                    "characters": len(text),
                    "claims": len(out.claims),
                    "matches": sum(len(found) for found in prepared.matches),
                    "flags": len(flags),
                    "unread_characters": out.unread_characters,
                    "total_s": round(total_s, 2),
                    "phases_s": {phase: round(clock.seconds[phase], 2) for phase in PHASES},
                    "fingerprint": fingerprint(out, prepared.matches, flags),
                }
        finally:
            runtime.close()
    return result


def render(report: dict[str, Any]) -> str:
    """The Markdown table DOCUMENTS_BENCH.md shows."""
    lines = [
        "| characters | claims | matches | flags | total s | "
        + " | ".join(p.replace("_", " ") + " s" for p in PHASES)
        + " |",
        "| ---: | ---: | ---: | ---: | ---: | " + " | ".join("---:" for _ in PHASES) + " |",
    ]
    for row in report["results"]:
        phases = " | ".join(f"{row['phases_s'][p]:.2f}" for p in PHASES)
        lines.append(
            f"| {row['characters']:,} | {row['claims']} | {row['matches']} | {row['flags']} | {row['total_s']:.2f} | "
            f"{phases} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="20000,50000,100000", help="article lengths in characters, comma-separated")
    parser.add_argument("--record-articles", type=int, default=12, help="articles posted to the record first")
    parser.add_argument("--record-clef", type=int, default=300, help="CLEF verified claims stored first")
    parser.add_argument("--threads", type=int, default=1, help="torch threads (0: torch's default)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",") if size.strip()]
    if not sizes or min(sizes) < 1:
        parser.error("--sizes takes positive character counts")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from embeddings.encoder import load_encoder
    from embeddings.signals.wordnet import load_tables
    from service.config import Settings
    from service.runtime import load_judge

    settings = Settings()
    polnear = settings.shared_dir / POLNEAR
    if not (polnear / "text").is_dir():
        print(f"skipped: {polnear} is absent (the PolNeAR articles live in ../shared; set CLAIMLEDGER_SHARED_DIR)")
        return 0
    paragraphs = article_paragraphs(polnear)
    with tempfile.TemporaryDirectory(prefix="bench-documents-record-") as folder:
        template = Path(folder) / "record.db"
        _set_threads(args.threads)
        load_tables()
        loaded = (load_encoder(settings.encoder, settings.encoder_batch_size), load_judge(settings))
        print("building the record ...", flush=True)
        record = build_record(template, polnear, args.record_articles, args.record_clef, loaded)
        results = []
        for size in sizes:
            row = run_size(template, long_article(paragraphs, size), loaded)
            print(json.dumps(row), flush=True)
            results.append(row)
    report = {
        "command": " ".join(["python -m benchmarks.bench_documents", *(argv if argv is not None else sys.argv[1:])]),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(),
        },
        "torch_threads": args.threads,
        "record": record,
        "results": results,
    }
    write_report(args.out, report)
    print(render(report), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
