"""Reading the shared NLI data: one gzip'd JSON-lines file per data set and split."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

LABELS: tuple[str, str, str] = ("entailment", "neutral", "contradiction")
LABEL_TO_ID: dict[str, int] = {name: i for i, name in enumerate(LABELS)}

# Files the shipped model is trained on: every train split plus the dev splits we do not report on.
TRAIN_FILES: tuple[str, ...] = (
    "lingnli.train",
    "mnli.train",
    "snli.train",
    "cad_snli.train",
    "mpe.train",
    "joci.train",
    "sick.train",
    "covidfact.train",
    "cb.train",
    "fracas.train",
    "snli.dev",
    "fever.dev",
    "fm2.dev",
    "covidfact.dev",
    "healthver.dev",
    "cad_snli.dev",
    "mpe.dev",
    "joci.dev",
    "cb.dev",
    "fracas.dev",
    "sick.dev",
)

# The train files of ``../shared/data/nli-extra`` (its SOURCES.md: the rest there are evaluation-only challenge sets).
EXTRA_TRAIN_FILES: tuple[str, ...] = ("conjnli.train", "taxinli.train", "citation_integrity.train")

# Files never trained on: the accuracy in the model card is measured on these.
EVAL_FILES: tuple[str, ...] = (
    "snli.test",
    "lingnli.dev",
    "anli_r1.dev",
    "anli_r2.dev",
    "anli_r3.dev",
    "sick.test",
    "cad_snli.test",
    "breaking_nli.test",
    "scitail.test",
    "glue_diagnostic.test",
    "xnli_en.dev",
    "fnc1.test",
)

# XNLI's dev set in its other 14 languages: the pairs of xnli_en.dev, translated by professional translators. Never
# trained on, and reported on their own: the model and the signals are English-only, so these show how the judge
# degrades on other languages, and they stay out of anything fitted on the held-out files (the temperature).
TRANSLATED_EVAL_FILES: tuple[str, ...] = tuple(
    f"xnli_{language}.dev"
    for language in ("ar", "bg", "de", "el", "es", "fr", "hi", "ru", "sw", "th", "tr", "ur", "vi", "zh")
)


@dataclass(frozen=True, slots=True)
class NliPair:
    premise: str
    hypothesis: str
    label: int
    source: str


def read_pairs(data_dir: Path, name: str) -> Iterator[NliPair]:
    """Yield the labelled pairs of one file, e.g. ``read_pairs(dir, "snli.test")``."""
    yield from read_pairs_file(data_dir / f"{name}.jsonl.gz", name)


def read_pairs_file(path: Path, source: str | None = None) -> Iterator[NliPair]:
    """Yield the labelled pairs of any JSON-lines file (gzip'd when it ends in .gz) with premise, hypothesis and
    label fields: the shared files, generated contrast pairs, exported reviews."""
    name = source or path.name.removesuffix(".gz").removesuffix(".jsonl")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            label = LABEL_TO_ID.get(row.get("label", ""))
            if label is None:
                continue
            yield NliPair(row["premise"], row["hypothesis"], label, name)
