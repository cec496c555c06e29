"""The hand-written contrast test set: its file keeps the promised shape, and the loader's overlap check works."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from embeddings.nli.contrast_set import (
    CONTRAST_TEST_FILE,
    DOMAINS,
    FIELDS,
    find_contrast_overlaps,
    is_contrast_sentence,
    load_contrast_set,
    normalise_sentence,
)
from embeddings.nli.data import LABELS

MIN_PAIRS = 300


def test_every_row_has_exactly_the_schema_fields() -> None:
    lines = [line for line in CONTRAST_TEST_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [json.loads(line) for line in lines]
    assert all(list(row) == list(FIELDS) for row in rows)
    assert len(load_contrast_set()) == len(rows)


def test_counts_domains_and_both_directions() -> None:
    pairs = load_contrast_set()
    assert len(pairs) >= MIN_PAIRS
    per_domain = Counter(pair.domain for pair in pairs)
    assert set(per_domain) == set(DOMAINS)
    # "About evenly": no domain below three quarters of an even share.
    assert min(per_domain.values()) >= 0.75 * len(pairs) / len(DOMAINS)
    for pair in pairs:
        assert pair.label_ab in LABELS and pair.label_ba in LABELS
    kinds = Counter(pair.kind for pair in pairs)
    assert all(kinds[kind] >= 0.15 * len(pairs) for kind in LABELS)


def test_readme_counts_match_the_file() -> None:
    readme = (CONTRAST_TEST_FILE.parent / "README.md").read_text(encoding="utf-8")
    pairs = load_contrast_set()
    for domain in DOMAINS:
        kinds = Counter(pair.kind for pair in pairs if pair.domain == domain)
        row = f"| {domain} | {sum(kinds.values())} | {kinds['contradiction']} | {kinds['entailment']} | {kinds['neutral']} |"
        assert row in readme
    assert f"{len(pairs)} pairs" in readme


def test_ids_are_unique_and_name_their_domain() -> None:
    pairs = load_contrast_set()
    assert len({pair.id for pair in pairs}) == len(pairs)
    assert all(pair.id.startswith(f"{pair.domain}-") for pair in pairs)


def test_no_duplicate_pairs_in_either_order() -> None:
    pairs = load_contrast_set()
    keys = [frozenset((normalise_sentence(pair.a), normalise_sentence(pair.b))) for pair in pairs]
    duplicates = [key for key, count in Counter(keys).items() if count > 1]
    assert duplicates == []
    assert all(len(key) == 2 for key in keys), "a pair of a sentence with itself"


def test_contradiction_is_symmetric() -> None:
    asymmetric = [
        pair.id
        for pair in load_contrast_set()
        if (pair.label_ab == "contradiction") != (pair.label_ba == "contradiction")
    ]
    assert asymmetric == []


def test_the_design_cards_pairs_are_in_the_set() -> None:
    by_sides = {(pair.a, pair.b): pair for pair in load_contrast_set()}
    request = "The U.S.-led Coalition is in Iraq at the request of the Iraqi government."
    against = by_sides[(request, "The Coalition is in Iraq against the wishes of the Iraqi government.")]
    assert (against.label_ab, against.label_ba) == ("contradiction", "contradiction")
    asked = by_sides[(request, "Coalition forces are in Iraq because Baghdad asked them to be there.")]
    assert asked.label_ab == "entailment"
    assert asked.label_ba != "contradiction"


def test_overlap_check_finds_copies_and_passes_new_sentences() -> None:
    pair = load_contrast_set()[0]
    copied = (pair.a.upper().rstrip("."), "A sentence that is not in the test set at all.")
    reused_hypothesis = ("Another premise written for training.", f"  {pair.b}  ")
    fresh = ("The council approved the new cycle lanes.", "The council rejected the new cycle lanes.")
    assert find_contrast_overlaps([copied, reused_hypothesis, fresh]) == [copied, reused_hypothesis]
    assert is_contrast_sentence(pair.b.lower())
    assert not is_contrast_sentence(fresh[0])


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": "x-1"}, "expected exactly the fields"),
        (
            dict.fromkeys(FIELDS, "text") | {"domain": "politics", "label_ab": "agrees", "label_ba": "neutral"},
            "label_ab 'agrees'",
        ),
        (dict.fromkeys(FIELDS, "text") | {"domain": "fashion", "label_ab": "neutral", "label_ba": "neutral"}, "domain"),
        (
            dict.fromkeys(FIELDS, "text")
            | {"domain": "politics", "a": " ", "label_ab": "neutral", "label_ba": "neutral"},
            "a must be a non-empty string",
        ),
    ],
)
def test_malformed_rows_are_refused_with_their_line(tmp_path: Path, row: dict[str, str], message: str) -> None:
    path = tmp_path / "bad.jsonl"
    good = CONTRAST_TEST_FILE.read_text(encoding="utf-8").splitlines()[0]
    path.write_text(f"{good}\n{json.dumps(row)}\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2") as error:
        load_contrast_set(path)
    assert message in str(error.value)
