"""Full NLI training on a lent GPU (``make train-nli-gpu``), from a bundle of every training pair prepared here.

The device machine is a bare copy of the working tree with its own Python (torch, transformers, safetensors; no
spaCy, no shared data, no network), and it sends back at most 8 files of 16 MiB. So the run has three steps:

1. here, on CPU: ``python -m embeddings.nli.train_gpu bundle`` writes ``.cache/gpu-bundle/``: every training pair
   (the shared NLI train files, the nli-extra train files, the generated contrast pairs, the CLEF claim pairs,
   exported reviews with ``--extra-train``) and 1,000-pair samples of ``snli.test`` and ``lingnli.dev`` for progress,
   one gzip'd JSON-lines file each (about 10 MB; the working tree may carry 64 MiB in all);
2. on the device (``carry=[".cache/gpu-bundle"]``): ``python3 -m embeddings.nli.train_gpu train --bundle
   .cache/gpu-bundle --out $OUT/model`` trains for ``--epochs`` from ``--base`` (default: the shipped model; a
   bigger base only where its weights travel), exports fp16 safetensors and splits the weights into parts of at
   most 15 MiB;
3. here: ``python -m embeddings.nli.train_gpu join --parts <files_at>/model --out DIR`` checks the parts'
   SHA-256, joins them and leaves an exported model directory that ``NliCrossEncoder`` loads.

``--device cpu --max-steps 5`` is the smoke run that keeps this script honest without a GPU.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import random
import shutil
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import torch
from torch import nn

from embeddings.nli.data import EXTRA_TRAIN_FILES, LABELS, TRAIN_FILES, NliPair, read_pairs, read_pairs_file
from embeddings.nli.train import DEFAULT_DATA_DIR, adamw, collate, make_batches, rdrop_loss, warmup_linear_decay

DEFAULT_BUNDLE = Path(".cache/gpu-bundle")
DEFAULT_BASE = Path(__file__).resolve().parent / "model"
PART_BYTES = 15 * 1024 * 1024
WEIGHTS = "model.safetensors"
PROGRESS_FILES = ("snli.test", "lingnli.dev")


def _write_jsonl(pairs: Sequence[NliPair], path: Path) -> None:
    with path.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as handle:
        for p in pairs:
            row = {"premise": p.premise, "hypothesis": p.hypothesis, "label": LABELS[p.label], "source": p.source}
            handle.write((json.dumps(row, ensure_ascii=False) + "\n").encode())


def bundle(args: argparse.Namespace) -> None:
    """Every training pair and the progress samples, as files the device run reads (step 1)."""
    from embeddings.encoder import load_encoder
    from embeddings.nli.adapt import DEFAULT_CLEF_DIR, clef_pairs

    pairs = [p for name in TRAIN_FILES for p in read_pairs(args.data_dir, name)]
    pairs += [p for name in EXTRA_TRAIN_FILES for p in read_pairs(args.extra_dir, name)]
    for path in args.extra_train:
        pairs += list(read_pairs_file(path))
    clef_dir = args.clef_dir or DEFAULT_CLEF_DIR
    if clef_dir.is_dir():
        pairs += clef_pairs(clef_dir, 2, load_encoder("minilm"))
    args.out.mkdir(parents=True, exist_ok=True)
    _write_jsonl(pairs, args.out / "train.jsonl.gz")
    for name in PROGRESS_FILES:
        pool = list(read_pairs(args.data_dir, name))
        sample = random.Random(13).sample(pool, min(1000, len(pool)))  # noqa: S311 - seeded
        _write_jsonl(sample, args.out / f"{name}.sample.jsonl.gz")
    sources: dict[str, int] = {}
    for p in pairs:
        sources[p.source] = sources.get(p.source, 0) + 1
    (args.out / "bundle.json").write_text(json.dumps({"pairs": len(pairs), "sources": sources}, indent=2) + "\n")
    size = sum(f.stat().st_size for f in args.out.iterdir())
    print(f"{len(pairs)} training pairs, {size / 2**20:.1f} MiB -> {args.out}", flush=True)


@torch.inference_mode()
def _accuracy(model: Any, tokenizer: Any, pairs: Sequence[NliPair], device: str, autocast: bool) -> float:
    model.eval()
    correct = 0
    for start in range(0, len(pairs), 128):
        chunk = pairs[start : start + 128]
        enc = tokenizer(
            [p.premise for p in chunk],
            [p.hypothesis for p in chunk],
            truncation=True,
            max_length=128,
            padding=True,
            return_tensors="pt",
        ).to(device)
        with torch.autocast(device_type=device, dtype=torch.bfloat16, enabled=autocast):
            predicted = model(**enc).logits.argmax(-1).cpu()
        correct += int((predicted == torch.tensor([p.label for p in chunk])).sum())
    model.train()
    return round(correct / max(1, len(pairs)), 4)


def split_weights(out: Path, part_bytes: int = PART_BYTES) -> list[str]:
    """Split the weights file into parts the device tool can bring back; record their digests."""
    data = (out / WEIGHTS).read_bytes()
    names = []
    for index in range(math.ceil(len(data) / part_bytes)):
        name = f"{WEIGHTS}.part{index:02d}"
        (out / name).write_bytes(data[index * part_bytes : (index + 1) * part_bytes])
        names.append(name)
    manifest = {"parts": names, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    meta = json.loads((out / "training_meta.json").read_text())
    meta["weights_parts"] = manifest
    (out / "training_meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    (out / WEIGHTS).unlink()
    return names


def join(args: argparse.Namespace) -> None:
    """Reassemble the weights from the parts brought back, check the digest, write a loadable model dir (step 3)."""
    meta = json.loads((args.parts / "training_meta.json").read_text())
    manifest = meta.pop("weights_parts")
    data = b"".join((args.parts / name).read_bytes() for name in manifest["parts"])
    if hashlib.sha256(data).hexdigest() != manifest["sha256"]:
        raise SystemExit("the joined weights do not match the digest recorded on the device: parts missing or cut")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / WEIGHTS).write_bytes(data)
    for name in ("config.json", "tokenizer.json", "tokenizer_config.json"):
        shutil.copyfile(args.parts / name, args.out / name)
    (args.out / "training_meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"joined {len(manifest['parts'])} parts ({len(data)} bytes) -> {args.out}", flush=True)


def train(args: argparse.Namespace) -> None:
    """Train from ``--base`` on the bundle and export fp16 weights in parts (step 2)."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    device = args.device
    if device == "cuda" and not torch.cuda.is_available():
        raise SystemExit("no CUDA device here: use --device cpu for a smoke run")
    torch.manual_seed(args.seed)
    pairs = list(read_pairs_file(args.bundle / "train.jsonl.gz"))
    random.Random(args.seed).shuffle(pairs)  # noqa: S311 - seeded order
    progress = {name: list(read_pairs_file(args.bundle / f"{name}.sample.jsonl.gz")) for name in PROGRESS_FILES}
    if args.max_steps:
        progress = {name: sample[:64] for name, sample in progress.items()}
    tokenizer = AutoTokenizer.from_pretrained(args.base, local_files_only=True)
    model: Any = AutoModelForSequenceClassification.from_pretrained(
        args.base,
        local_files_only=True,
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id={name: i for i, name in enumerate(LABELS)},
        ignore_mismatched_sizes=True,  # a sentence-transformer base gets a new 3-way head
    )
    model = model.to(torch.float32).to(device)
    model.train()
    enc = tokenizer([p.premise for p in pairs], [p.hypothesis for p in pairs], truncation=True, max_length=128)
    encoded: list[list[int]] = enc["input_ids"]
    types: list[list[int]] = enc["token_type_ids"]
    labels = torch.tensor([p.label for p in pairs])
    lengths = [len(e) for e in encoded]
    steps_per_epoch = math.ceil(len(pairs) / args.batch_size)
    total_steps = int(steps_per_epoch * args.epochs)
    if args.max_steps:
        total_steps = min(total_steps, args.max_steps)
    optimizer = adamw(model, args.lr)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, warmup_linear_decay(total_steps, args.warmup))
    loss_fn = nn.CrossEntropyLoss()
    autocast = args.bf16 and device == "cuda"
    started = time.time()
    log: list[dict[str, Any]] = []
    step = 0
    while step < total_steps:
        for idx in make_batches(lengths, args.batch_size, args.seed, step // steps_per_epoch):
            if step >= total_steps:
                break
            batch = {k: v.to(device) for k, v in collate(encoded, types, idx, tokenizer.pad_token_id).items()}
            target = labels[idx].to(device)
            loss: Any
            with torch.autocast(device_type=device, dtype=torch.bfloat16, enabled=autocast):
                if args.rdrop > 0:
                    loss = rdrop_loss(model, batch, target, loss_fn, args.rdrop)
                else:
                    loss = loss_fn(model(**batch).logits.float(), target)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            if step % args.log_every == 0 or step == total_steps:
                record: dict[str, Any] = {"step": step, "total_steps": total_steps, "loss": round(loss.item(), 4)}
                record["elapsed_s"] = round(time.time() - started, 1)
                if step % args.eval_every == 0 or step == total_steps:
                    for name, sample in progress.items():
                        record[f"acc_{name}"] = _accuracy(model, tokenizer, sample, device, autocast)
                log.append(record)
                print(json.dumps(record), flush=True)
    bundle_meta = json.loads((args.bundle / "bundle.json").read_text())
    model = model.to("cpu")
    meta = {
        "script": "embeddings/nli/train_gpu.py",
        "base": str(args.base),
        "device": torch.cuda.get_device_name(0) if device == "cuda" else device,
        "train_pairs": len(pairs),
        "bundle_sources": bundle_meta.get("sources", {}),
        "steps": total_steps,
        "seconds": round(time.time() - started),
        "hyperparameters": {k: str(v) for k, v in vars(args).items() if k not in ("bundle", "out", "command")},
        "labels": list(LABELS),
        "log": log,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    model.to(torch.float16).save_pretrained(args.out, safe_serialization=True)
    tokenizer.save_pretrained(args.out)
    (args.out / "training_meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    for extra in args.out.iterdir():
        if extra.name not in ("config.json", "tokenizer.json", "tokenizer_config.json", "training_meta.json", WEIGHTS):
            extra.unlink()  # the device tool brings back 8 files at most
    parts = split_weights(args.out)
    print(f"exported {len(parts)} weight parts -> {args.out}", flush=True)


def main(argv: Sequence[str] | None = None) -> None:
    from embeddings.nli.adapt import DEFAULT_EXTRA_DIR

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    make_bundle = commands.add_parser("bundle", help="here: every training pair, for the device run")
    make_bundle.add_argument("--out", type=Path, default=DEFAULT_BUNDLE)
    make_bundle.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    make_bundle.add_argument("--extra-dir", type=Path, default=DEFAULT_EXTRA_DIR)
    make_bundle.add_argument("--clef-dir", type=Path, default=None)
    make_bundle.add_argument(
        "--extra-train", type=Path, action="append", default=[], help="contrast pairs, exported reviews"
    )
    run = commands.add_parser("train", help="on the device: train and export weights in parts")
    run.add_argument("--bundle", type=Path, default=DEFAULT_BUNDLE)
    run.add_argument("--base", type=Path, default=DEFAULT_BASE, help="a model directory to start from")
    run.add_argument("--out", type=Path, required=True)
    run.add_argument("--device", default="cuda", choices=("cuda", "cpu"))
    run.add_argument("--epochs", type=float, default=3.0)
    run.add_argument("--batch-size", type=int, default=64)
    run.add_argument("--lr", type=float, default=3e-5, help="3e-5 from the shipped model; ~1e-4 from a new head")
    run.add_argument("--warmup", type=float, default=0.05)
    run.add_argument("--rdrop", type=float, default=0.5)
    run.add_argument("--bf16", action=argparse.BooleanOptionalAction, default=True, help="bf16 autocast on CUDA")
    run.add_argument("--seed", type=int, default=13)
    run.add_argument("--max-steps", type=int, default=0, help="stop after N steps (smoke runs)")
    run.add_argument("--log-every", type=int, default=100)
    run.add_argument("--eval-every", type=int, default=1000)
    joined = commands.add_parser("join", help="here: reassemble the weights brought back")
    joined.add_argument("--parts", type=Path, required=True)
    joined.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    {"bundle": bundle, "train": train, "join": join}[args.command](args)


if __name__ == "__main__":
    main()
