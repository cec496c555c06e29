"""The signal registry and the word lists behind it: every signal is weighed, every list entry says where it came
from, and another antonym list plugs in as a data source."""

from __future__ import annotations

import re
from dataclasses import fields
from pathlib import Path

import pytest

from embeddings.nli.data import EVAL_FILES
from embeddings.rule_judge import HYBRID_THRESHOLDS, JudgeThresholds
from embeddings.signals import CONTRADICTION_SIGNALS, SIGNAL_NAMES, SIGNAL_WEIGHTS, SIGNALS, Polarity
from embeddings.signals.lexicon import DATA_DIR, AntonymGroup, LexiconError, antonym_groups, data_files, read_table

ORIGIN_FORM = re.compile(r"^(rules-\d+ \([0-9a-f]{7}\)|issue \d+)[: ]")


def test_the_registry_derives_names_polarities_and_weights() -> None:
    assert tuple(signal.name for signal in SIGNALS) == SIGNAL_NAMES
    assert len(set(SIGNAL_NAMES)) == len(SIGNAL_NAMES)
    assert {s.name for s in SIGNALS if s.polarity is Polarity.CONTRADICTION} == CONTRADICTION_SIGNALS
    assert {"number_mismatch", "negation", "antonym"} <= CONTRADICTION_SIGNALS
    assert "low_overlap" not in CONTRADICTION_SIGNALS
    threshold_fields = {f.name for f in fields(JudgeThresholds)}
    for signal in SIGNALS:
        # Every signal is weighed by a JudgeThresholds field whose default is the registry's weight.
        assert f"{signal.name}_weight" in threshold_fields, signal.name
        assert JudgeThresholds().weight(signal.name) == SIGNAL_WEIGHTS[signal.name]
        expected = SIGNAL_WEIGHTS[signal.name] if signal.polarity is Polarity.CONTRADICTION else 0.0
        assert JudgeThresholds().signal_weight(signal.name) == expected
    assert HYBRID_THRESHOLDS.signal_weight("negation", plain_negation=True) == HYBRID_THRESHOLDS.plain_negation_weight


def test_every_word_list_entry_records_its_origin() -> None:
    names = {path.name for path in data_files()}
    assert {"antonyms.tsv", "negations.tsv", "stopwords.tsv", "places.tsv", "qualifiers.tsv"} <= names
    for path in data_files():
        header = next(line for line in path.read_text().splitlines() if line and not line.startswith("#"))
        columns = header.split("\t")
        assert columns[-1] == "origin", path.name
        entries = read_table(path, columns[:-1])
        assert entries, path.name
        keys = [tuple(entry[column] for column in columns[:-1]) for entry in entries]
        assert len(set(keys)) == len(keys), f"{path.name} repeats an entry"
        for entry in entries:
            assert ORIGIN_FORM.match(entry.origin), f"{path.name}: {entry.values}"
            # An entry taken from an evaluation file says so, since that file's figure is then optimistic.
            for name in EVAL_FILES:
                if name in entry.origin:
                    assert f"errors read in {name}" in entry.origin, f"{path.name}: {entry.values}"


def test_a_row_without_an_origin_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "antonyms.tsv"
    path.write_text("side_a\tside_b\torigin\nrise\tfall\n")
    with pytest.raises(LexiconError, match="expected 3 non-empty columns"):
        read_table(path, ("side_a", "side_b"))
    path.write_text("side_a\tside_b\nrise\tfall\n")
    with pytest.raises(LexiconError, match="header"):
        read_table(path, ("side_a", "side_b"))


def test_another_antonym_list_plugs_in_as_a_source(tmp_path: Path) -> None:
    extra = tmp_path / "wordnet.tsv"
    extra.write_text("# a further lexicon\nside_a\tside_b\torigin\nuphold\toverturn\tWordNet 3.0: derived\n")
    own = antonym_groups((DATA_DIR / "antonyms.tsv",))
    combined = antonym_groups((DATA_DIR / "antonyms.tsv", extra))
    assert combined == (*own, AntonymGroup(("uphold",), ("overturn",)))
    with_kind = tmp_path / "with_kind.tsv"
    with_kind.write_text("side_a\tside_b\tkind\torigin\nuphold\toverturn\tverb\tWordNet 3.0: derived\n")
    assert antonym_groups((with_kind,)) == (AntonymGroup(("uphold",), ("overturn",), "verb"),)
