"""Stage 3: adapt the exported NLI cross-encoder to claim matching, with replay of the general NLI mix.

    python -m embeddings.nli.adapt --model-dir .cache/nli-train/model-e2 --out .cache/nli-train/model-e3 --rdrop 0.5

Why: trained on short NLI hypotheses, the model read a tweet that repeats a fact-checked claim (the premise) as a
contradiction about 70 % of the time on CLEF 2020 *train* (``benchmarks.calibrate_judge``): a flag on nearly
every repeat. This stage shows it the pairs the service judges, from the CLEF 2020 train split only (dev stays
for reporting):

- the claim and a tweet that repeats it, both ways round, labelled entailment (``/v1/check`` reports a repeat
  as support: the statement says what the record says);
- the tweet and the nearest claims it does *not* repeat (by all-MiniLM-L6-v2 cosine), labelled neutral;

mixed with ``--replay`` pairs drawn (seeded) from the general training mix so the NLI skills stay, and with every
pair of the ``--focus-files`` (the MultiNLI-style ``lingnli.train`` and ``mnli.train`` in ``make train-nli``):
training the claim pairs *alongside* them, rather than after, keeps what the extra MultiNLI-style passes teach (a
separate adaptation after such passes undid half of their gain on ``lingnli.dev``). One linear schedule, seeded;
texts are normalised as the service normalises them. The result is exported like
``train.py``'s, with the stage recorded in ``training_meta.json``.

``make train-nli`` runs it with ``--rdrop 0.5``: each batch passes through the model twice under dropout and the
symmetric KL divergence between the two predictions joins the loss (R-Drop). Plain extra passes had left
``lingnli.dev`` where it was; R-Drop lifted it, whether added as a fourth stage (the model shipped in sessions 7-10)
or, better, throughout this one.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from embeddings.encoder import Encoder, load_encoder
from embeddings.nli.data import EXTRA_TRAIN_FILES, LABEL_TO_ID, TRAIN_FILES, NliPair, read_pairs, read_pairs_file
from embeddings.nli.train import (
    BF16_HELP,
    DEFAULT_DATA_DIR,
    RDROP_HELP,
    accuracy,
    collate,
    export,
    make_batches,
    rdrop_loss,
    training_autocast,
    warmup_linear_decay,
    warn_without_native_bf16,
)
from embeddings.text_normalize import normalize_or_keep

DEFAULT_CLEF_DIR = DEFAULT_DATA_DIR.parent / "clef2020-claim-matching"
DEFAULT_EXTRA_DIR = DEFAULT_DATA_DIR.parent / "nli-extra"


def _read_tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle, delimiter="\t"))[1:]


def clef_pairs(clef_dir: Path, negatives: int, encoder: Encoder) -> list[NliPair]:
    """Repeats (both directions, entailment) and nearest non-repeated claims (neutral) for the train tweets."""
    claims = {row[0]: normalize_or_keep(row[1].strip()) for row in _read_tsv(clef_dir / "verified_claims.docs.tsv")}
    tweets = {row[0]: normalize_or_keep(row[1]) for row in _read_tsv(clef_dir / "train" / "tweets.queries.tsv")}
    repeats: dict[str, set[str]] = {}
    for line in (clef_dir / "train" / "tweet-vclaim-pairs.qrels").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] != "0" and parts[0] in tweets and parts[2] in claims:
            repeats.setdefault(parts[0], set()).add(parts[2])
    claim_ids = sorted(claims)
    claim_vectors = encoder.encode([claims[i] for i in claim_ids])
    tweet_ids = sorted(repeats)
    tweet_vectors = encoder.encode([tweets[i] for i in tweet_ids])
    pairs: list[NliPair] = []
    for tweet_id, vector in zip(tweet_ids, tweet_vectors, strict=True):
        tweet = tweets[tweet_id]
        for claim_id in sorted(repeats[tweet_id]):
            pairs.append(NliPair(claims[claim_id], tweet, LABEL_TO_ID["entailment"], "clef2020.train"))
            pairs.append(NliPair(tweet, claims[claim_id], LABEL_TO_ID["entailment"], "clef2020.train"))
        order = np.argsort(-(claim_vectors @ vector))
        others = [
            claim_ids[i] for i in order[: negatives + len(repeats[tweet_id])] if claim_ids[i] not in repeats[tweet_id]
        ]
        for claim_id in others[:negatives]:
            pairs.append(NliPair(claims[claim_id], tweet, LABEL_TO_ID["neutral"], "clef2020.train"))
    return pairs


TOPICAL_FILES: tuple[str, ...] = ("lingnli.train", "mnli.train")


def topical_neutrals(
    data_dir: Path, count: int, seed: int, encoder: Encoder, band: tuple[float, float] = (0.35, 0.8)
) -> list[NliPair]:
    """Premises paired with the nearest hypothesis written for *another* premise, labelled neutral.

    The service meets this pair all the time: a statement against a stored claim on the same topic that neither
    follows from it nor denies it ("the talks were held in Doha" against "three sessions of talks have been
    held"), and the model, taught by SNLI that a different scene is a contradiction, said contradiction to a
    third of them. Only MultiNLI-style files are used: their guidelines make an unrelated hypothesis neutral.
    Hypotheses closer than ``band[1]`` (cosine) may restate the premise and are skipped; ones below ``band[0]``
    are off-topic and teach nothing new.
    """
    if count <= 0:
        return []
    own: dict[str, set[str]] = {}  # each premise's own hypotheses: never its "unrelated" partner
    for row in (p for name in TOPICAL_FILES for p in read_pairs(data_dir, name)):
        own.setdefault(row.premise, set()).add(row.hypothesis)
    chosen = random.Random(seed).sample(sorted(own), min(len(own), count * 2))  # noqa: S311 - seeded sample
    hypotheses = sorted(set().union(*own.values()))
    premise_vectors = encoder.encode(chosen)
    hypothesis_vectors = encoder.encode(hypotheses)
    pairs: list[NliPair] = []
    for premise, vector in zip(chosen, premise_vectors, strict=True):
        scores = hypothesis_vectors @ vector
        for index in np.argsort(-scores)[:20]:
            if band[0] <= scores[index] < band[1] and hypotheses[index] not in own[premise]:
                pairs.append(NliPair(premise, hypotheses[index], LABEL_TO_ID["neutral"], "topical_neutral"))
                break
        if len(pairs) >= count:
            break
    return pairs


def swapped_contradictions(pairs: list[NliPair], share: float, seed: int) -> list[NliPair]:
    """A seeded ``share`` of the contradictions, premise and hypothesis swapped (still contradictions).

    Contradiction is symmetric, but the model learnt it from how hypotheses are written: on ``lingnli.dev``
    contradictions it finds 68 % as written and 37 % swapped. The service judges both ways round (the nightly
    job's backward check, a stored claim against a new one), so it needs the relation, not the writing style.
    """
    if share <= 0.0:
        return []
    contradictions = [p for p in pairs if p.label == LABEL_TO_ID["contradiction"]]
    chosen = random.Random(seed).sample(contradictions, round(len(contradictions) * min(share, 1.0)))  # noqa: S311
    return [NliPair(p.hypothesis, p.premise, p.label, f"{p.source}:swapped") for p in chosen]


def update_average(average: list[torch.Tensor], current: list[torch.Tensor], decay: float) -> None:
    """One exponential-moving-average step, in place: ``average = decay * average + (1 - decay) * current``.

    The average of the weights over the end of a run sits in a flatter spot than the last step's weights, which
    helps a small model on held-out data at no cost per judgement.
    """
    with torch.no_grad():
        torch._foreach_lerp_(average, current, 1.0 - decay)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--model-dir", type=Path, required=True, help="the exported model to adapt (stage 2's for stage 3)"
    )
    parser.add_argument("--out", type=Path, default=Path("embeddings/nli/model"))
    parser.add_argument("--data-dir", type=Path, default=DEFAULT_DATA_DIR)
    parser.add_argument("--clef-dir", type=Path, default=DEFAULT_CLEF_DIR)
    parser.add_argument("--negatives", type=int, default=2, help="non-repeated nearest claims per tweet")
    parser.add_argument(
        "--no-clef", action="store_true", help="leave the CLEF pairs out (a stage on a model that has had them)"
    )
    parser.add_argument("--replay", type=int, default=9000, help="general NLI pairs mixed in")
    parser.add_argument(
        "--topical-neutrals", type=int, default=0, help="premises paired with another premise's nearest hypothesis"
    )
    parser.add_argument(
        "--focus-files",
        default="",
        help="comma-separated NLI files trained on in full alongside the CLEF pairs (replay draws from the rest)",
    )
    parser.add_argument(
        "--focus-sample", type=int, default=0, help="a seeded sample of this many focus pairs (0: every pair)"
    )
    parser.add_argument("--extra-dir", type=Path, default=DEFAULT_EXTRA_DIR, help="../shared/data/nli-extra")
    parser.add_argument(
        "--extra-sample", type=int, default=0, help="a seeded sample of this many extra pairs (0: every pair)"
    )
    parser.add_argument(
        "--extra-files",
        default="",
        help=f"comma-separated train files of --extra-dir trained on in full (of {', '.join(EXTRA_TRAIN_FILES)})",
    )
    parser.add_argument(
        "--extra-train",
        type=Path,
        action="append",
        default=[],
        help="a JSON-lines file of pairs (premise, hypothesis, label) trained on in full: generated contrast pairs"
        " (embeddings.nli.contrast), exported reviews (claimledger judge export-reviews); repeatable",
    )
    parser.add_argument(
        "--swap-contradictions",
        type=float,
        default=0.0,
        help="share of the focus contradictions also trained the other way round (hypothesis as premise)",
    )
    parser.add_argument(
        "--label-smoothing", type=float, default=0.0, help="share of each target spread over all labels (experiment)"
    )
    parser.add_argument("--rdrop", type=float, default=0.0, help=RDROP_HELP)
    parser.add_argument(
        "--ema",
        type=float,
        default=0.0,
        help="export the exponential moving average of the weights with this decay (e.g. 0.998) instead of the"
        " last step's weights; 0: off",
    )
    parser.add_argument(
        "--ema-start", type=float, default=0.5, help="share of the steps after which the moving average starts"
    )
    parser.add_argument(
        "--keep-last", type=Path, default=None, help="with --ema: also export the last step's weights here"
    )
    parser.add_argument("--bf16", action="store_true", help=BF16_HELP)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--warmup", type=float, default=0.1)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--eval-size", type=int, default=1000)
    parser.add_argument("--eval-every", type=int, default=0, help="sample accuracy every N steps (0: at the end)")
    args = parser.parse_args()
    warn_without_native_bf16(args.bf16)
    focus_files = tuple(name for name in args.focus_files.split(",") if name)
    unknown = [name for name in focus_files if name not in TRAIN_FILES]
    if unknown:
        parser.error(f"--focus-files must be training files, not {', '.join(unknown)}")
    extra_files = tuple(name for name in args.extra_files.split(",") if name)
    unknown = [name for name in extra_files if name not in EXTRA_TRAIN_FILES]
    if unknown:
        parser.error(f"--extra-files must be nli-extra train files, not {', '.join(unknown)}")
    missing = [str(path) for path in args.extra_train if not path.is_file()]
    if missing:
        parser.error(f"--extra-train file not found: {', '.join(missing)}")
    if not 0.0 <= args.ema < 1.0 or not 0.0 <= args.ema_start < 1.0:
        parser.error("--ema and --ema-start must be within [0, 1)")
    if args.keep_last is not None and not args.ema:
        parser.error("--keep-last needs --ema")

    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    torch.set_num_threads(args.threads)
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    encoder = load_encoder("minilm")  # all-MiniLM-L6-v2 finds the nearest claims and hypotheses
    in_domain = [] if args.no_clef else clef_pairs(args.clef_dir, args.negatives, encoder)
    topical = topical_neutrals(args.data_dir, args.topical_neutrals, args.seed, encoder)
    focus = [p for name in focus_files for p in read_pairs(args.data_dir, name)]
    if args.focus_sample and args.focus_sample < len(focus):
        focus = random.Random(args.seed).sample(focus, args.focus_sample)  # noqa: S311 - seeded sample
    extra = [p for name in extra_files for p in read_pairs(args.extra_dir, name)]
    extra += [p for path in args.extra_train for p in read_pairs_file(path)]
    if args.extra_sample and args.extra_sample < len(extra):
        extra = random.Random(args.seed).sample(extra, args.extra_sample)  # noqa: S311 - seeded sample
    swapped = swapped_contradictions(focus, args.swap_contradictions, args.seed)
    focus += swapped
    general = [p for name in TRAIN_FILES if name not in focus_files for p in read_pairs(args.data_dir, name)]
    replay = random.Random(args.seed).sample(general, min(args.replay, len(general)))  # noqa: S311 - seeded sample
    pairs = in_domain + topical + focus + extra + replay
    random.Random(args.seed).shuffle(pairs)  # noqa: S311 - seeded order
    eval_sets = {
        name: random.Random(13).sample(list(read_pairs(args.data_dir, name)), args.eval_size)  # noqa: S311
        for name in ("snli.test", "lingnli.dev")
    }
    print(
        f"{len(in_domain)} CLEF train pairs + {len(topical)} topical neutrals + {len(focus)} focus pairs"
        f" ({', '.join(focus_files) or 'none'}; {len(swapped)} of them swapped contradictions)"
        f" + {len(extra)} extra pairs ({', '.join([*extra_files, *map(str, args.extra_train)]) or 'none'})"
        f" + {len(replay)} replayed NLI pairs",
        flush=True,
    )

    tokenizer = AutoTokenizer.from_pretrained(args.model_dir, local_files_only=True)
    model: Any = AutoModelForSequenceClassification.from_pretrained(args.model_dir, local_files_only=True)
    model = model.to(torch.float32)
    model.train()
    enc = tokenizer(
        [p.premise for p in pairs], [p.hypothesis for p in pairs], truncation=True, max_length=args.max_length
    )
    encoded: list[list[int]] = enc["input_ids"]
    types: list[list[int]] = enc["token_type_ids"]
    labels = torch.tensor([p.label for p in pairs])
    steps_per_epoch = math.ceil(len(pairs) / args.batch_size)
    total_steps = max(1, int(steps_per_epoch * args.epochs))
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, warmup_linear_decay(total_steps, args.warmup))
    loss_fn = nn.CrossEntropyLoss(label_smoothing=args.label_smoothing)
    started = time.time()
    step = 0
    running: float | None = None
    lengths = [len(e) for e in encoded]
    parameters = [p for p in model.parameters() if p.requires_grad]
    ema_from = max(1, int(total_steps * args.ema_start)) if args.ema else total_steps + 1
    average: list[torch.Tensor] = []

    def sample_accuracy(prefix: str) -> dict[str, float]:
        """Accuracy of the model as it stands on each seeded evaluation sample, keyed ``<prefix><file>``."""
        return {
            f"{prefix}{name}": round(accuracy(model, tokenizer, s, args.max_length), 4) for name, s in eval_sets.items()
        }

    while step < total_steps:
        for idx in make_batches(lengths, args.batch_size, args.seed, step // steps_per_epoch):
            if step >= total_steps:
                break
            batch = collate(encoded, types, idx, tokenizer.pad_token_id)
            loss: Any  # nn.Module calls are untyped; Tensor.backward is too
            with training_autocast(args.bf16):
                if args.rdrop > 0:
                    loss = rdrop_loss(model, batch, labels[idx], loss_fn, args.rdrop)
                else:
                    loss = loss_fn(model(**batch).logits.float(), labels[idx])
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            if step == ema_from:
                average = [p.detach().clone() for p in parameters]
            elif step > ema_from:
                update_average(average, [p.detach() for p in parameters], args.ema)
            running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
            if step % 50 == 0 or step == total_steps:
                print(
                    json.dumps({"step": step, "total_steps": total_steps, "loss": round(running, 4)})
                    + f" {time.time() - started:.0f}s",
                    flush=True,
                )
            if args.eval_every and step % args.eval_every == 0 and step < total_steps:
                print(json.dumps({"step": step, **sample_accuracy("")}), flush=True)
    scores = sample_accuracy("acc_")
    print(json.dumps(scores), flush=True)
    if average:
        if args.keep_last is not None:
            export(model, tokenizer, args.keep_last, {"note": "last-step weights of an --ema run", "scores": scores})
        with torch.no_grad():
            for parameter, averaged in zip(parameters, average, strict=True):
                parameter.copy_(averaged)
        scores = sample_accuracy("acc_")
        print(json.dumps({"ema": scores}), flush=True)
    stage2_meta_path = args.model_dir / "training_meta.json"
    meta: dict[str, Any] = json.loads(stage2_meta_path.read_text()) if stage2_meta_path.is_file() else {}
    earlier = meta.pop("adaptation", None)  # an adaptation of an adapted model: keep every stage's record
    stages: list[dict[str, Any]] = [*meta.pop("adaptations", []), *([earlier] if earlier else [])]
    meta["adaptations"] = [
        *stages,
        {
            "script": "embeddings/nli/adapt.py",
            "data": "CLEF 2020 CheckThat! Task 2 train split (research use): repeats both ways as entailment, "
            f"{args.negatives} nearest non-repeated claims per tweet as neutral",
            "clef_pairs": len(in_domain),
            "focus_files": list(focus_files),
            "focus_pairs": len(focus),
            "extra_files": [*extra_files, *(str(path) for path in args.extra_train)],
            "extra_pairs": len(extra),
            "swapped_contradiction_pairs": len(swapped),
            "topical_neutral_pairs": len(topical),
            "replay_pairs": len(replay),
            "steps": total_steps,
            "seconds": round(time.time() - started),
            "hyperparameters": {
                k: str(v) for k, v in vars(args).items() if k not in ("data_dir", "clef_dir", "extra_dir", "out")
            },
            "sample_accuracy": scores,
        },
    ]
    export(model, tokenizer, args.out, meta)
    print(f"exported to {args.out}", flush=True)


if __name__ == "__main__":
    main()
