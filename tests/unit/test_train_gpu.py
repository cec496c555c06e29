"""The GPU training script, run on CPU for a few steps: train from the shipped model, split the weights into parts
the device tool can bring back, join them, and load the result as the service does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embeddings.nli.data import EXTRA_TRAIN_FILES, LABELS, TRAIN_FILES, NliPair, read_pairs_file
from embeddings.nli.model import DEFAULT_MODEL_DIR, NliCrossEncoder
from embeddings.nli.train_gpu import PART_BYTES, _write_jsonl, main

pytestmark = pytest.mark.slow  # loads and trains the real model for two steps


def _tiny_bundle(folder: Path) -> None:
    folder.mkdir()
    pairs = [
        NliPair("The court upheld the ban.", "The court overturned the ban.", LABELS.index("contradiction"), "t"),
        NliPair("Prices rose in May.", "Prices fell in May.", LABELS.index("contradiction"), "t"),
        NliPair("The talks were held in Baghdad.", "Talks were held.", LABELS.index("entailment"), "t"),
        NliPair("Exports rose.", "Imports rose.", LABELS.index("neutral"), "t"),
    ] * 4
    _write_jsonl(pairs, folder / "train.jsonl.gz")
    for name in ("snli.test", "lingnli.dev"):
        _write_jsonl(pairs[:4], folder / f"{name}.sample.jsonl.gz")
    (folder / "bundle.json").write_text(json.dumps({"pairs": len(pairs), "sources": {"t": len(pairs)}}))


def test_cpu_smoke_run_exports_parts_that_join_into_a_loadable_model(tmp_path: Path) -> None:
    _tiny_bundle(tmp_path / "bundle")
    out = tmp_path / "out"
    smoke = ["--device", "cpu", "--max-steps", "2", "--batch-size", "8", "--log-every", "1", "--eval-every", "2"]
    main(["train", "--bundle", str(tmp_path / "bundle"), "--base", str(DEFAULT_MODEL_DIR), "--out", str(out), *smoke])
    files = sorted(p.name for p in out.iterdir())
    assert len(files) <= 8  # what the device tool brings back
    parts = [name for name in files if name.startswith("model.safetensors.part")]
    assert len(parts) >= 3
    assert all((out / name).stat().st_size <= PART_BYTES for name in parts)
    meta = json.loads((out / "training_meta.json").read_text())
    assert meta["steps"] == 2
    assert meta["log"][-1]["step"] == 2
    assert "acc_lingnli.dev" in meta["log"][-1]
    joined = tmp_path / "model"
    main(["join", "--parts", str(out), "--out", str(joined)])
    model = NliCrossEncoder(joined)
    probabilities = model.predict([("Prices rose in May.", "Prices fell in May.")])
    assert probabilities.shape == (1, 3)
    assert abs(float(probabilities.sum()) - 1.0) < 1e-5
    (out / parts[0]).write_bytes(b"cut")
    with pytest.raises(SystemExit, match="digest"):
        main(["join", "--parts", str(out), "--out", str(tmp_path / "broken")])


def test_bundle_packs_every_train_file_the_extra_files_and_progress_samples(tmp_path: Path) -> None:
    data, extra = tmp_path / "nli", tmp_path / "nli-extra"
    data.mkdir()
    extra.mkdir()
    pair = NliPair("A man sleeps.", "A man is awake.", LABELS.index("contradiction"), "x")
    for name in (*TRAIN_FILES, "snli.test", "lingnli.dev"):
        _write_jsonl([pair, pair], data / f"{name}.jsonl.gz")
    for name in EXTRA_TRAIN_FILES:
        _write_jsonl([pair], extra / f"{name}.jsonl.gz")
    reviews = tmp_path / "reviews.jsonl"
    reviews.write_text(json.dumps({"premise": "a", "hypothesis": "b", "label": "neutral"}) + "\n")
    out = tmp_path / "bundle"
    sources = ["--data-dir", str(data), "--extra-dir", str(extra), "--clef-dir", str(tmp_path / "no-clef")]
    main(["bundle", "--out", str(out), *sources, "--extra-train", str(reviews)])
    pairs = list(read_pairs_file(out / "train.jsonl.gz"))
    assert len(pairs) == 2 * len(TRAIN_FILES) + len(EXTRA_TRAIN_FILES) + 1
    assert json.loads((out / "bundle.json").read_text())["pairs"] == len(pairs)
    assert len(list(read_pairs_file(out / "lingnli.dev.sample.jsonl.gz"))) == 2
