"""The exported NLI cross-encoder, loaded for inference on CPU.

The export (``embeddings.nli.train.export``) is a Hugging Face ``BertForSequenceClassification`` directory with
fp16 safetensors; it is loaded here as fp32, because fp16 matmuls on CPU are slow or unsupported. Loading never
touches the network (``local_files_only``), and a missing directory or weights file fails with a message that
says what to do.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any, get_args

import numpy as np
import torch
from numpy.typing import NDArray

from embeddings.nli import PRECISIONS, Precision
from embeddings.nli.batches import length_batches
from embeddings.nli.data import LABELS

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL_DIR_ENV = "CLAIMLEDGER_NLI_MODEL_DIR"
WEIGHTS_FILE = "model.safetensors"
MAX_LENGTH = 128  # the length the model was trained with
CPUINFO = Path("/proc/cpuinfo")


class ModelNotFoundError(FileNotFoundError):
    """The model directory or one of its files is missing."""


def resolve_model_dir(model_dir: str | Path | None = None) -> Path:
    """The directory to load: the argument, else ``$CLAIMLEDGER_NLI_MODEL_DIR``, else ``embeddings/nli/model``."""
    if model_dir is not None:
        return Path(model_dir)
    from_env = os.environ.get(MODEL_DIR_ENV)
    return Path(from_env) if from_env else DEFAULT_MODEL_DIR


def weights_digest(model_dir: Path) -> str:
    """sha256 of the weights file: identifies exactly which model made a stored judgement."""
    digest = hashlib.sha256()
    with (model_dir / WEIGHTS_FILE).open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _check_model_dir(model_dir: Path) -> None:
    hint = (
        f"Train and export it with `python -m embeddings.nli.train --out {model_dir}`, or point "
        f"{MODEL_DIR_ENV} (or the model_dir argument) at an exported model directory."
    )
    if not model_dir.is_dir():
        raise ModelNotFoundError(f"NLI model directory {model_dir} does not exist. {hint}")
    for required in ("config.json", WEIGHTS_FILE, "tokenizer.json"):
        if not (model_dir / required).is_file():
            raise ModelNotFoundError(f"NLI model directory {model_dir} has no {required}. {hint}")


def quantize_linear_layers(model: Any) -> Any:
    """Dynamic int8 quantisation of every Linear layer (weights int8, activations quantised per batch).

    torch.ao.quantization is deprecated in favour of torchao, which this project does not ship; it still works in
    torch 2.13, so its deprecation warnings are silenced here rather than shown on every start.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)  # type: ignore[no-untyped-call]


def cpu_has_native_bf16(cpuinfo: Path | None = None) -> bool:
    """True when the CPU computes bfloat16 in hardware (AVX512-BF16 or AMX), where bf16 matmuls are about twice
    as fast as fp32; elsewhere torch emulates them and bf16 would be slower, so ``auto`` keeps fp32."""
    try:
        text = (cpuinfo or CPUINFO).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    for line in text.splitlines():
        if line.startswith("flags"):
            flags = set(line.partition(":")[2].split())
            return bool(flags & {"avx512_bf16", "amx_bf16"})
    return False


def resolve_precision(precision: str) -> Precision:
    """``auto``: bf16 where the CPU has it natively, else fp32 (int8 is never chosen for you: it costs accuracy)."""
    if precision == "auto":
        return "bf16" if cpu_has_native_bf16() else "fp32"
    if precision in get_args(Precision):
        return precision  # type: ignore[return-value]
    raise ValueError(f"unknown NLI precision {precision!r}; expected one of {', '.join(PRECISIONS)}")


class NliCrossEncoder:
    """(premise, hypothesis) pairs in, softmax probabilities in LABELS order (entailment, neutral, contradiction).

    ``precision``: ``fp32``; ``bf16`` runs the forward pass under CPU autocast (matmuls in bfloat16, softmax and
    layer norms in fp32; weights stay fp32), about 1.7x faster where the CPU has native bf16, with probabilities
    within about 0.01 of fp32's and the same accuracy (``benchmarks/nli_eval_bf16.json``); ``int8`` applies torch
    dynamic quantisation to the Linear layers (faster still, about a point less accurate:
    ``benchmarks/NLI_EVAL.md``); ``auto`` picks bf16 or fp32 by the CPU. ``threads`` sets torch's intra-op thread
    count, which is process-wide.
    """

    name = "nli-cross-encoder"

    def __init__(
        self,
        model_dir: str | Path | None = None,
        *,
        precision: str = "fp32",
        threads: int | None = None,
        max_length: int = MAX_LENGTH,
    ) -> None:
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        self.model_dir = resolve_model_dir(model_dir)
        _check_model_dir(self.model_dir)
        if threads is not None:
            torch.set_num_threads(threads)
        self.max_length = max_length
        self.precision: Precision = resolve_precision(precision)
        self.quantized = self.precision == "int8"
        self.tokenizer: Any = AutoTokenizer.from_pretrained(self.model_dir, local_files_only=True)
        model: Any = AutoModelForSequenceClassification.from_pretrained(
            self.model_dir, local_files_only=True, dtype=torch.float32
        )
        model = model.to(torch.float32).eval()
        if self.quantized:
            model = quantize_linear_layers(model)
        self.model: Any = model
        self._column_order = self._label_columns(model.config.id2label)
        # The precision is part of the version: bf16 and int8 probabilities differ slightly from fp32's.
        self.version = weights_digest(self.model_dir)[:12] + ("" if self.precision == "fp32" else f"-{self.precision}")
        meta_path = self.model_dir / "training_meta.json"
        self.training_meta: dict[str, Any] = json.loads(meta_path.read_text()) if meta_path.is_file() else {}

    @staticmethod
    def _label_columns(id2label: dict[int, str]) -> list[int]:
        """Model output column for each of LABELS, so a model exported with another label order still works."""
        by_name = {str(name).lower(): int(index) for index, name in id2label.items()}
        missing = [label for label in LABELS if label not in by_name]
        if missing:
            raise ValueError(f"model labels {sorted(by_name)} lack {missing}; expected {list(LABELS)}")
        return [by_name[label] for label in LABELS]

    def _autocast(self) -> AbstractContextManager[Any]:
        if self.precision == "bf16":
            return torch.autocast("cpu", dtype=torch.bfloat16)
        return nullcontext()

    @torch.inference_mode()
    def predict(self, pairs: Sequence[tuple[str, str]], batch_size: int = 64) -> NDArray[np.float32]:
        """Probabilities of shape (len(pairs), 3), in input order. The pairs are tokenized once, then run in
        batches of at most ``batch_size`` planned by length (``length_batches``): a batch of merged requests'
        pairs of mixed lengths pads little, and a batch of like lengths stays one forward pass."""
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        result = np.zeros((len(pairs), len(LABELS)), dtype=np.float32)
        if not pairs:
            return result
        tokens = self.tokenizer(
            [premise for premise, _ in pairs],
            [hypothesis for _, hypothesis in pairs],
            truncation=True,
            max_length=self.max_length,
        )
        for chunk in length_batches([len(ids) for ids in tokens["input_ids"]], batch_size):
            encoded = self.tokenizer.pad(
                {name: [values[i] for i in chunk] for name, values in tokens.items()}, return_tensors="pt"
            )
            with self._autocast():
                logits = self.model(**encoded).logits[:, self._column_order]
            result[chunk] = torch.softmax(logits.float(), dim=-1).numpy()
        return result
