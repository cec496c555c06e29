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

    code = main(["--data-dir", str(data_dir), "--files", "snli.test", "--limit", "40", "--out", str(out)])

    assert code == 0
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["command"] == (
        f"python -m embeddings.nli.evaluate --data-dir {data_dir} --files snli.test --limit 40 --out {out}"
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

    arguments = ["--data-dir", str(data_dir), "--files", "snli.test", "--limit", "20"]
    code = main([*arguments, "--out", str(out), "--markdown", str(markdown)])

    assert code == 0
    text = markdown.read_text(encoding="utf-8")
    assert text.startswith("# NLI evaluation\n")
    assert text.endswith("|\n") and not text.endswith("\n\n")
    assert "| snli.test | 20 |" in text
