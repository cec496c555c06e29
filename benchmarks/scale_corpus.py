"""The synthetic record for the scale benchmark: up to a million distinct claim texts and their MiniLM vectors.

    nice -n 19 python -m benchmarks.scale_corpus --size 1000000 [--cache-dir .cache/scale] [--threads 2]

Texts are CLEF 2020 verified claims and the premises of the NLI training files (``../shared/data``), each said
once plainly and then again with varied suffixes (who said it, where, when) until ``--size`` distinct texts
exist. The order is round-robin over the variants of a shuffled list of bases, so any prefix is a record of its
own: the first 10k claims are 10k different bases, the first 100k about two variants of each, and so on; every
benchmark size reads a prefix of the same cache.

Vectors come from the service's encoder (``load_encoder("minilm")``, unit length, stored as float32) in shards of
``SHARD`` texts, written as ``.npy`` beside a manifest that records each shard's encoding rate and precision, so
a run that is stopped resumes where it was and the raw encoder rate on this machine is on record. Encoding a
million sentences takes hours on two cores: run it under ``nice -n 19`` in the background. ``--precision bf16``
(the default) runs the model's weights in bfloat16: 2.7 times less CPU than float32 on this machine's AVX512-BF16
cores, and every vector within cosine 0.9999 of the float32 one (512 corpus texts: minimum 0.99990, mean
0.99995); the index benchmarks only need real MiniLM geometry, not the last digit. ``--precision fp32`` encodes
as the service does.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import json
import os
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from service.config import REPO_ROOT, Settings

CACHE_DIR = REPO_ROOT / ".cache" / "scale"
CLEF_FILE = Path("data/clef2020-claim-matching/verified_claims.docs.tsv")
NLI_DIR = Path("data/nli")
SHARD = 10_000
SEED = 23

_SPEAKERS = [
    "the governor",
    "a senator",
    "the mayor",
    "the health minister",
    "a campaign spokesperson",
    "the central bank",
    "an opposition leader",
    "the police chief",
    "a union leader",
    "the finance ministry",
    "a local councillor",
    "the prime minister",
    "a school board member",
    "the state attorney general",
    "a party chairman",
    "the trade secretary",
]
_PLACES = [
    "Ohio",
    "Texas",
    "Lagos",
    "Manchester",
    "Toronto",
    "Sydney",
    "Nairobi",
    "Dublin",
    "Chicago",
    "Mumbai",
    "Denver",
    "Glasgow",
    "Auckland",
    "Phoenix",
    "Cape Town",
    "Vancouver",
    "Atlanta",
    "Leeds",
    "Boston",
    "Perth",
]
_OUTLETS = ["a radio interview", "a press briefing", "a televised debate", "a campaign rally", "a newsletter", "a post"]
_MONTHS = ["January", "March", "April", "June", "July", "September", "October", "December"]


@dataclass(frozen=True, slots=True)
class Corpus:
    texts: list[str]
    vectors: np.ndarray  # (len(texts), dim) float32, unit rows
    model_key: str


def _clean(text: str) -> str:
    return " ".join(text.split())


def base_texts(shared_dir: Path) -> list[str]:
    """Distinct CLEF verified claims and NLI training premises of 4 to 60 words, in a fixed shuffled order."""
    clef = shared_dir / CLEF_FILE
    if not clef.is_file():
        raise FileNotFoundError(f"{clef} is absent: the scale corpus needs the shared data (CLAIMLEDGER_SHARED_DIR)")
    found: set[str] = set()
    with clef.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            found.add(_clean(row.get("vclaim") or ""))
    for path in sorted((shared_dir / NLI_DIR).glob("*.train.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                found.add(_clean(json.loads(line)["premise"]))
    bases = sorted(t for t in found if 4 <= len(t.split()) <= 60)
    random.Random(SEED).shuffle(bases)
    return bases


def _variant(base: str, rng: random.Random) -> str:
    stem = base.rstrip(" .")
    speaker, place = rng.choice(_SPEAKERS), rng.choice(_PLACES)
    month, year = rng.choice(_MONTHS), rng.randint(1995, 2025)
    form = rng.randrange(4)
    if form == 0:
        return f"{stem}, {speaker} said in {place} in {month} {year}."
    if form == 1:
        return f"{stem} ({place}, {year})."
    if form == 2:
        return f"{stem}, according to {speaker} in {rng.choice(_OUTLETS)} ({month} {year})."
    return f"In {month} {year} {speaker} told {place} that {stem[0].lower()}{stem[1:]}."


def claim_texts(shared_dir: Path, size: int) -> list[str]:
    """``size`` distinct texts: every base once, then a suffixed variant of each, round after round."""
    bases = base_texts(shared_dir)
    rng = random.Random(SEED)
    seen: set[str] = set()
    texts: list[str] = []
    round_ = 0
    while len(texts) < size:
        for base in bases:
            text = base if round_ == 0 else _variant(base, rng)
            tries = 0
            while text in seen and tries < 8:
                text, tries = _variant(base, rng), tries + 1
            if text in seen:
                continue
            seen.add(text)
            texts.append(text)
            if len(texts) == size:
                break
        round_ += 1
    return texts


def _digest(texts: Sequence[str]) -> str:
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode())
        digest.update(b"\n")
    return digest.hexdigest()[:16]


def _shards(n: int) -> Iterator[tuple[int, int, int]]:
    for index, start in enumerate(range(0, n, SHARD)):
        yield index, start, min(n, start + SHARD)


def build(size: int, cache_dir: Path, shared_dir: Path, threads: int, precision: str = "bf16") -> dict[str, Any]:
    """Write (or finish writing) the texts and vector shards for ``size`` claims; the manifest."""
    import torch

    from embeddings.encoder import load_encoder, model_key

    if threads:
        torch.set_num_threads(threads)
    cache_dir.mkdir(parents=True, exist_ok=True)
    manifest_path = cache_dir / "manifest.json"
    manifest: dict[str, Any] = json.loads(manifest_path.read_text()) if manifest_path.is_file() else {}
    # The texts are a prefix-stable list: a smaller build after a larger one keeps the larger list on disk.
    texts = claim_texts(shared_dir, max(size, int(manifest.get("size", 0))))
    (cache_dir / "texts.txt").write_text("\n".join(texts) + "\n", encoding="utf-8")
    encoder = load_encoder("minilm")
    key = model_key(encoder)
    if precision == "bf16":
        model = getattr(encoder, "_model", None)
        if model is None:
            raise SystemExit("--precision bf16 needs the sentence-transformers encoder")
        model.to(torch.bfloat16)
    if manifest.get("model_key") not in (None, key):
        raise SystemExit(f"{cache_dir} holds vectors of {manifest['model_key']}, not {key}: use another --cache-dir")
    manifest.update({"model_key": key, "dim": encoder.dim, "shard": SHARD, "size": len(texts)})
    shards: dict[str, Any] = manifest.setdefault("shards", {})
    for index, start, end in _shards(size):
        name = f"vectors-{index:05d}.npy"
        chunk = texts[start:end]
        digest = _digest(chunk)
        if shards.get(name, {}).get("texts_sha256") == digest and (cache_dir / name).is_file():
            continue
        started = time.perf_counter()
        vectors = encoder.encode(chunk)
        seconds = time.perf_counter() - started
        vectors = vectors.astype(np.float32)
        vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        np.save(cache_dir / name, vectors)
        shards[name] = {
            "texts_sha256": digest,
            "count": len(chunk),
            "seconds": round(seconds, 2),
            "texts_per_s": round(len(chunk) / seconds, 1),
            "load_average": round(os.getloadavg()[0], 2),
            "threads": torch.get_num_threads(),
            "precision": precision,
        }
        manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        print(f"{name}: {len(chunk)} texts in {seconds:.0f}s ({len(chunk) / seconds:.0f}/s)", flush=True)
    done = [s for s in shards.values() if s["count"]]
    manifest["encoder_texts_per_s"] = round(
        sum(s["count"] for s in done) / max(1e-9, sum(s["seconds"] for s in done)), 1
    )
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def load(size: int, cache_dir: Path = CACHE_DIR) -> Corpus:
    """The first ``size`` claims of a built cache (texts and vectors); raises if the cache is too small."""
    manifest_path = cache_dir / "manifest.json"
    if not manifest_path.is_file():
        raise FileNotFoundError(f"no scale corpus in {cache_dir}: run python -m benchmarks.scale_corpus first")
    manifest = json.loads(manifest_path.read_text())
    covered = min(manifest["size"], -(-size // SHARD) * SHARD)  # whole shards, so each digest can be checked
    with (cache_dir / "texts.txt").open(encoding="utf-8") as handle:
        texts = [line.rstrip("\n") for _, line in zip(range(covered), handle, strict=False)]
    if len(texts) < size:
        raise FileNotFoundError(f"{cache_dir} holds {len(texts)} texts, fewer than {size}")
    parts: list[np.ndarray] = []
    for index, start, end in _shards(size):
        name = f"vectors-{index:05d}.npy"
        entry = manifest["shards"].get(name)
        if entry is None or entry["texts_sha256"] != _digest(texts[start : start + entry["count"]]):
            raise FileNotFoundError(f"{cache_dir / name} is missing or stale: build the corpus to {size} first")
        parts.append(np.load(cache_dir / name, mmap_mode="r")[: end - start])
    texts = texts[:size]
    return Corpus(texts, np.ascontiguousarray(np.concatenate(parts), dtype=np.float32), manifest["model_key"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--cache-dir", type=Path, default=CACHE_DIR)
    parser.add_argument("--shared-dir", type=Path, default=Settings().shared_dir)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: torch's default)")
    parser.add_argument("--precision", choices=["bf16", "fp32"], default="bf16")
    args = parser.parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    manifest = build(args.size, args.cache_dir, args.shared_dir, args.threads, args.precision)
    print(f"{args.size} claims in {args.cache_dir}; encoder {manifest['encoder_texts_per_s']} texts/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
