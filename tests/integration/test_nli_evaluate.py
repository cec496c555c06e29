"""`make eval-nli` on a small sample: the report it writes, and the shipped report it must leave alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from embeddings.nli.evaluate import DEFAULT_MARKDOWN, main
from tests.conftest import shared_path

pytestmark = pytest.mark.slow


def test_sample_report_with_another_out_leaves_the_shipped_markdown(tmp_path: Path) -> None:
    data_dir = shared_path("data", "nli")
    shipped = DEFAULT_MARKDOWN.read_text(encoding="utf-8")
    out = tmp_path / "sample.json"

    no_contrast = tmp_path / "absent.jsonl"  # the contrast set has a test of its own
    code = main(
        [
            "--data-dir",
            str(data_dir),
            "--files",
            "snli.test",
            "--limit",
            "40",
            "--contrast",
            str(no_contrast),
            "--out",
            str(out),
            "--no-cache",
        ]
    )

    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["command"] == (
        f"python -m embeddings.nli.evaluate --data-dir {data_dir} --files snli.test --limit 40 "
        f"--contrast {no_contrast} --out {out} --no-cache"
    )
    assert report["model"]["dir"] == "embeddings/nli/model"
    assert set(report["files"]) == {"snli.test", "nli_claims"}
    snli = report["files"]["snli.test"]
    assert snli["model"]["n"] == 40
    assert sum(map(sum, snli["hybrid"]["confusion"])) == 40
    assert 0.5 < snli["hybrid"]["accuracy"] <= 1.0  # the shipped judge is far above chance on SNLI
    assert DEFAULT_MARKDOWN.read_text(encoding="utf-8") == shipped
    assert not list(tmp_path.glob("*.md"))


def test_explicit_markdown_is_written(tmp_path: Path) -> None:
    data_dir = shared_path("data", "nli")
    out, markdown = tmp_path / "sample.json", tmp_path / "sample.md"

    arguments = ["--data-dir", str(data_dir), "--files", "snli.test", "--limit", "20", "--no-cache"]
    arguments += ["--contrast", str(tmp_path / "absent.jsonl")]  # the contrast set has a test of its own
    code = main([*arguments, "--out", str(out), "--markdown", str(markdown)])

    assert code == 0
    text = markdown.read_text(encoding="utf-8")
    assert text.startswith("# NLI evaluation\n")
    assert text.endswith("|\n") and not text.endswith("\n\n")
    assert "| snli.test | 20 |" in text


def test_translations_are_reported_apart_and_fit_nothing(tmp_path: Path) -> None:
    data_dir = shared_path("data", "nli")
    english_only, with_german = tmp_path / "en.json", tmp_path / "de.json"
    markdown = tmp_path / "de.md"
    arguments = ["--data-dir", str(data_dir), "--limit", "30", "--claims", str(tmp_path / "none.jsonl"), "--no-cache"]
    arguments += ["--contrast", str(tmp_path / "absent.jsonl")]  # the contrast set has a test of its own

    assert main([*arguments, "--files", "snli.test", "--out", str(english_only)]) == 0
    files = ["--files", "snli.test", "xnli_de.dev"]
    assert main([*arguments, *files, "--out", str(with_german), "--markdown", str(markdown)]) == 0

    report = json.loads(with_german.read_text(encoding="utf-8"))
    assert set(report["files"]) == {"snli.test", "xnli_de.dev"}
    assert report["files"]["xnli_de.dev"]["model"]["n"] == 30
    # The temperature is fitted on English files only: adding German leaves it where snli.test alone put it.
    assert report["fitted_temperature"] == json.loads(english_only.read_text(encoding="utf-8"))["fitted_temperature"]
    text = markdown.read_text(encoding="utf-8")
    translations = text.index("## XNLI in other languages")
    per_class = text.index("## Per-class F1 and confusion, hybrid judge")
    assert text.index("| snli.test | 30 |") < translations < text.index("| xnli_de.dev | 30 |") < per_class
    german_row = next(line for line in text[per_class:].splitlines() if line.startswith("| xnli_de.dev |"))
    confusion = german_row.rstrip(" |").rsplit("|", 1)[1]
    assert sum(int(count) for count in confusion.replace("/", " ").split()) == 30

    english = tmp_path / "english.json"
    assert main([*arguments, *files, "--english", "--out", str(english)]) == 0
    assert set(json.loads(english.read_text(encoding="utf-8"))["files"]) == {"snli.test"}


def test_contrast_set_is_judged_both_ways_and_reported(tmp_path: Path) -> None:
    contrast = tmp_path / "contrast.jsonl"
    rows = [
        (
            "politics-001",
            "antonym_predicate",
            "The council approved the new cycle lanes on Monday.",
            "The council rejected the new cycle lanes on Monday.",
            "contradiction",
            "contradiction",
        ),
        (
            "politics-002",
            "dropped_modifier",
            "The mayor opened the new bridge over the Tyne on Friday.",
            "The mayor opened the new bridge.",
            "entailment",
            "neutral",
        ),
        (
            "economy-001",
            "near_miss",
            "Car exports rose 4 percent in June.",
            "Car imports rose 4 percent in June.",
            "neutral",
            "neutral",
        ),
    ]
    fields = ("id", "phenomenon", "a", "b", "label_ab", "label_ba")
    contrast.write_text(
        "".join(
            json.dumps(dict(zip(fields, row, strict=True)) | {"domain": row[0].split("-")[0]}) + "\n" for row in rows
        ),
        encoding="utf-8",
    )
    out, markdown = tmp_path / "contrast.json", tmp_path / "contrast.md"
    absent = tmp_path / "absent"  # no NLI files, no claim set: only the contrast set is scored
    arguments = [
        "--data-dir",
        str(absent / "nli"),
        "--claims",
        str(absent / "claims.jsonl"),
        "--contrast",
        str(contrast),
        "--no-cache",
    ]

    assert main([*arguments, "--out", str(out), "--markdown", str(markdown)]) == 0

    whole = json.loads(out.read_text(encoding="utf-8"))
    assert whole["files"] == {}
    report = whole["contrast"]
    assert (report["pairs"], report["judgements"]) == (3, 6)
    assert report["pair_kinds"] == {"entailment": 1, "neutral": 1, "contradiction": 1}
    for system in ("model", "hybrid", "rules"):
        scored = report["systems"][system]
        assert [scored[scope]["n"] for scope in ("ab", "ba", "both")] == [3, 3, 6]
        assert scored["both"]["per_class"]["contradiction"]["support"] == 2
        assert scored["symmetric_flag"]["n"] == 3 and scored["symmetric_flag"]["contradictions"] == 1
        assert set(scored["by_domain"]) == {"politics", "economy"}
        assert scored["by_domain"]["politics"]["n"] == 4
        assert scored["floors_met"]["both"] == (
            scored["both"]["accuracy"] >= 0.92 and scored["both"]["per_class"]["contradiction"]["f1"] >= 0.90
        )
    text = markdown.read_text(encoding="utf-8")
    assert "## Contrast test set (hand-written, never trained on)" in text
    assert "| hybrid | both | 6 |" in text
