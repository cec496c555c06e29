"""What a bigger base would cost per judgement: raw-model pairs/s of the shipped MiniLM-L6 cross-encoder against the
architectures of the bigger bases that install offline or nearly (issue 21, item 4).

    python -m benchmarks.bench_base_models [--pairs 192] [--threads 2] [--out benchmarks/base_model_latency.json]

Latency depends on the architecture, not on the weights, so the bigger bases are timed as randomly initialised
models of their exact shape (MiniLM-L12-H384: 12 layers of 384; MPNet-base, the shape of all-mpnet-base-v2: 12
layers of 768), with the shipped tokenizer, through ``NliCrossEncoder`` on the service's bf16 path, on the claim
benchmark's pairs at batch 6 (``/v1/check``: 3 matches judged both ways) and 64 (the nightly job).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from collections.abc import Sequence
from itertools import cycle, islice
from pathlib import Path
from typing import Any

from embeddings.nli.data import LABELS
from embeddings.nli.evaluate import CLAIMS_FILE, load_claims
from embeddings.nli.model import DEFAULT_MODEL_DIR

BATCHES = (6, 64)
WORK_DIR = Path(".cache/base-architectures")


def architecture(name: str, folder: Path) -> Path:
    """A randomly initialised model directory of this shape, with the shipped tokenizer."""
    import torch
    from transformers import BertConfig, BertForSequenceClassification, MPNetConfig, MPNetForSequenceClassification

    labels: dict[str, Any] = {"id2label": dict(enumerate(LABELS)), "label2id": {n: i for i, n in enumerate(LABELS)}}
    torch.manual_seed(0)
    model: Any
    if name == "minilm-l12-h384":
        model = BertForSequenceClassification(
            BertConfig(hidden_size=384, num_hidden_layers=12, num_attention_heads=12, intermediate_size=1536, **labels)
        )
    else:
        model = MPNetForSequenceClassification(
            MPNetConfig(vocab_size=30527, hidden_size=768, num_hidden_layers=12, num_attention_heads=12, **labels)
        )
    target = folder / name
    target.mkdir(parents=True, exist_ok=True)
    model.to(torch.float16).save_pretrained(target, safe_serialization=True)
    for file in ("tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(DEFAULT_MODEL_DIR / file, target / file)
    if name.startswith("mpnet"):  # MPNet takes no token types
        config = json.loads((target / "tokenizer_config.json").read_text())
        config["model_input_names"] = ["input_ids", "attention_mask"]
        (target / "tokenizer_config.json").write_text(json.dumps(config))
    return target


def pairs_per_second(model_dir: Path, pairs: list[tuple[str, str]], batch: int) -> float:
    from embeddings.nli.model import NliCrossEncoder

    model = NliCrossEncoder(model_dir, precision="bf16")
    model.predict(pairs[:batch], batch_size=batch)  # warm-up
    started = time.perf_counter()
    for start in range(0, len(pairs), batch):
        model.predict(pairs[start : start + batch], batch_size=batch)
    return round(len(pairs) / (time.perf_counter() - started), 1)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=192)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    rows = load_claims(CLAIMS_FILE)
    pairs = list(islice(cycle([(row["premise"], row["hypothesis"]) for row in rows]), args.pairs))
    models = {
        "minilm-l6-h384 (shipped)": DEFAULT_MODEL_DIR,
        "minilm-l12-h384": architecture("minilm-l12-h384", WORK_DIR),
        "mpnet-base (all-mpnet-base-v2)": architecture("mpnet-base", WORK_DIR),
    }
    results: dict[str, Any] = {
        "command": " ".join(["python -m benchmarks.bench_base_models", *(sys.argv[1:] if argv is None else argv)]),
        "pairs": len(pairs),
        "threads": args.threads,
        "precision": "bf16",
        "models": {},
    }
    for name, folder in models.items():
        results["models"][name] = {f"batch_{b}_pairs_per_s": pairs_per_second(folder, pairs, b) for b in BATCHES}
        print(name, results["models"][name], file=sys.stderr, flush=True)
    text = json.dumps(results, indent=2) + "\n"
    if args.out is not None:
        args.out.write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
