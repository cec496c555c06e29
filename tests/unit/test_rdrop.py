"""Training aids: the R-Drop loss (zero KL without dropout, added with it), the weight average and bf16 autocast."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import torch
from torch import nn
from transformers import BertConfig, BertForSequenceClassification, BertTokenizer

from embeddings.nli import model as nli_model
from embeddings.nli.adapt import update_average
from embeddings.nli.data import NliPair
from embeddings.nli.train import accuracy, rdrop_loss, training_autocast, warn_without_native_bf16


def _tiny_model(dropout: float) -> Any:
    """A one-layer BERT classifier: adapt.py's model class at a size that runs in milliseconds."""
    torch.manual_seed(0)
    settings: dict[str, Any] = {
        "vocab_size": 40,
        "hidden_size": 16,
        "num_hidden_layers": 1,
        "num_attention_heads": 2,
        "intermediate_size": 32,
        "num_labels": 3,  # entailment, neutral, contradiction
        "hidden_dropout_prob": dropout,
        "attention_probs_dropout_prob": dropout,
    }
    return BertForSequenceClassification(BertConfig(**settings))


def _batch() -> tuple[dict[str, torch.Tensor], torch.Tensor]:
    generator = torch.Generator().manual_seed(1)
    ids = torch.randint(1, 40, (4, 7), generator=generator)
    batch = {"input_ids": ids, "token_type_ids": torch.zeros_like(ids), "attention_mask": torch.ones_like(ids)}
    return batch, torch.tensor([0, 1, 2, 1])


def test_without_dropout_the_two_draws_agree_and_the_loss_is_cross_entropy() -> None:
    model = _tiny_model(0.3).eval()
    batch, labels = _batch()
    expected = nn.CrossEntropyLoss()(model(**batch).logits, labels)

    loss = rdrop_loss(model, batch, labels, nn.CrossEntropyLoss(), weight=5.0)

    assert torch.allclose(loss, expected, atol=1e-6)


def test_with_dropout_the_divergence_adds_to_the_loss() -> None:
    model = _tiny_model(0.5).train()
    batch, labels = _batch()

    torch.manual_seed(2)
    plain = rdrop_loss(model, batch, labels, nn.CrossEntropyLoss(), weight=0.0)
    torch.manual_seed(2)  # the same dropout masks: only the KL weight differs
    weighted: Any = rdrop_loss(model, batch, labels, nn.CrossEntropyLoss(), weight=1.0)

    assert weighted.item() > plain.item() + 1e-6
    weighted.backward()
    assert model.classifier.weight.grad is not None


def test_moving_average_of_weights_moves_by_one_minus_decay() -> None:
    average = [torch.zeros(3), torch.full((2, 2), 4.0)]
    current = [torch.ones(3), torch.zeros(2, 2)]
    update_average(average, current, 0.75)
    assert torch.allclose(average[0], torch.full((3,), 0.25))
    assert torch.allclose(average[1], torch.full((2, 2), 3.0))
    assert torch.equal(current[0], torch.ones(3))  # the live weights are left alone
    update_average(average, current, 0.0)
    assert torch.equal(average[1], torch.zeros(2, 2))


def test_bf16_autocast_runs_the_forward_in_bf16_and_keeps_loss_and_weights_fp32() -> None:
    model = _tiny_model(0.1).train()
    batch, labels = _batch()
    with training_autocast(False):
        assert model(**batch).logits.dtype == torch.float32
    with training_autocast(True):
        assert model(**batch).logits.dtype == torch.bfloat16
        loss: Any = rdrop_loss(model, batch, labels, nn.CrossEntropyLoss(), weight=0.5)

    assert loss.dtype == torch.float32
    loss.backward()
    grad = model.classifier.weight.grad
    assert grad is not None
    assert grad.dtype == torch.float32
    assert model.classifier.weight.dtype == torch.float32


@pytest.mark.parametrize(
    ("flags", "bf16", "warned"), [("avx2 avx512f", True, True), ("avx2 amx_bf16", True, False), ("avx2", False, False)]
)
def test_bf16_training_warns_only_where_the_cpu_would_emulate_it(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    flags: str,
    bf16: bool,
    warned: bool,
) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(f"processor\t: 0\nflags\t\t: {flags}\n", encoding="utf-8")
    monkeypatch.setattr(nli_model, "CPUINFO", cpuinfo)
    warn_without_native_bf16(bf16)
    assert ("slower than fp32" in capsys.readouterr().out) == warned


def test_sample_accuracy_runs_without_autograd_and_leaves_the_model_training(tmp_path: Path) -> None:
    """The evaluation every N steps must not build autograd graphs (memory and time in the middle of training)."""
    vocab = tmp_path / "vocab.txt"
    vocab.write_text("\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *"abcdefghijklmnopqrstuvwxyz"]) + "\n")
    tokenizer = BertTokenizer(vocab_file=str(vocab))
    model = _tiny_model(0.1).train()
    seen: list[bool] = []
    model.register_forward_hook(lambda *_: seen.append(torch.is_inference_mode_enabled()))
    pairs = [NliPair("a b c", "a b", 0, "t"), NliPair("d e", "f g h", 2, "t"), NliPair("i", "j", 1, "t")]

    score = accuracy(model, tokenizer, pairs, max_length=16, batch_size=2)

    assert 0.0 <= score <= 1.0
    assert seen == [True, True]
    assert model.training
