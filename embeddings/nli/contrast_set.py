"""The hand-written contrast test set (``benchmarks/contrast/contrast_test.jsonl``): loading it, and telling
whether other pairs overlap it.

Each row is one pair of claim-style sentences labelled in both directions: ``label_ab`` with ``a`` as premise and
``b`` as hypothesis, ``label_ba`` the other way round. The set is for measuring only (``make eval-nli``); nothing
may train on it or mine rules from it, so a generator of training pairs checks its output with
``find_contrast_overlaps`` (or ``is_contrast_sentence`` for single sentences) and drops or fails on any hit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from embeddings.nli.data import LABELS

CONTRAST_TEST_FILE = Path(__file__).resolve().parents[2] / "benchmarks" / "contrast" / "contrast_test.jsonl"
DOMAINS: tuple[str, ...] = ("politics", "economy", "health", "courts", "sport", "weather", "conflict", "science")
FIELDS: tuple[str, ...] = ("id", "domain", "phenomenon", "a", "b", "label_ab", "label_ba")
DIRECTIONS: tuple[str, str] = ("ab", "ba")

_SPACES = re.compile(r"\s+")
_EDGE_PUNCTUATION = ".,;:!?\"'()[] "


@dataclass(frozen=True, slots=True)
class ContrastPair:
    id: str
    domain: str
    phenomenon: str
    a: str
    b: str
    label_ab: str
    label_ba: str

    def judgement(self, direction: str) -> tuple[str, str, str]:
        """(premise, hypothesis, gold label) for direction ``"ab"`` (a as premise) or ``"ba"``."""
        if direction == "ab":
            return self.a, self.b, self.label_ab
        if direction == "ba":
            return self.b, self.a, self.label_ba
        raise ValueError(f"direction must be 'ab' or 'ba', got {direction!r}")

    @property
    def contradicts(self) -> bool:
        """Gold: the two statements cannot both be true (symmetric, so either label says it)."""
        return self.label_ab == "contradiction"

    @property
    def kind(self) -> str:
        """The pair's class for counting: contradiction, entailment (in at least one direction) or neutral."""
        if self.contradicts:
            return "contradiction"
        return "entailment" if "entailment" in (self.label_ab, self.label_ba) else "neutral"


def _parse_row(line_number: int, row: object) -> ContrastPair:
    if not isinstance(row, dict) or set(row) != set(FIELDS):
        raise ValueError(f"line {line_number}: expected exactly the fields {', '.join(FIELDS)}")
    values = {name: row[name] for name in FIELDS}
    for name, value in values.items():
        if not isinstance(value, str) or not value.strip():
            raise ValueError(f"line {line_number}: {name} must be a non-empty string")
    for name in ("label_ab", "label_ba"):
        if values[name] not in LABELS:
            raise ValueError(f"line {line_number}: {name} {values[name]!r} is not one of {', '.join(LABELS)}")
    if values["domain"] not in DOMAINS:
        raise ValueError(f"line {line_number}: unknown domain {values['domain']!r}")
    return ContrastPair(**values)


def load_contrast_set(path: Path = CONTRAST_TEST_FILE) -> list[ContrastPair]:
    """Every pair of the file, in file order; a malformed row raises ``ValueError`` naming its line."""
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            pairs.append(_parse_row(number, json.loads(line)))
    return pairs


def normalise_sentence(text: str) -> str:
    """Case-folded, spaces collapsed, edge punctuation dropped: how overlap with the test set is decided, so that
    a copy with another full stop or capital still counts."""
    return _SPACES.sub(" ", text.casefold()).strip(_EDGE_PUNCTUATION)


@lru_cache(maxsize=4)
def contrast_sentences(path: Path = CONTRAST_TEST_FILE) -> frozenset[str]:
    """Every sentence of the test set (both sides of every pair), normalised."""
    return frozenset(normalise_sentence(text) for pair in load_contrast_set(path) for text in (pair.a, pair.b))


def is_contrast_sentence(text: str, path: Path = CONTRAST_TEST_FILE) -> bool:
    return normalise_sentence(text) in contrast_sentences(path)


def find_contrast_overlaps(pairs: Iterable[tuple[str, str]], path: Path = CONTRAST_TEST_FILE) -> list[tuple[str, str]]:
    """The (premise, hypothesis) pairs with either side a sentence of the test set: must be empty for training data.

    Sentence-level on purpose: a training pair that reuses one test sentence against a new partner still teaches
    the model that sentence, so it leaks as surely as a copied pair.
    """
    sentences = contrast_sentences(path)
    return [
        (premise, hypothesis)
        for premise, hypothesis in pairs
        if normalise_sentence(premise) in sentences or normalise_sentence(hypothesis) in sentences
    ]


def directional_judgements(pairs: Sequence[ContrastPair], direction: str) -> list[tuple[str, str, str]]:
    """(premise, hypothesis, gold label) of every pair in one direction."""
    return [pair.judgement(direction) for pair in pairs]
