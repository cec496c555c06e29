"""benchmarks/bench_documents.py: long articles built from the PolNeAR texts, timed phase by phase on the route's
path, with a fingerprint that only changes when the output does."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.bench_documents import (
    PHASES,
    PhaseClock,
    TimedEncoder,
    article_paragraphs,
    build_record,
    long_article,
    render,
    run_size,
)
from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge

ARTICLE_A = (
    "Coalition talks\n\n"
    "The U.S.-led Coalition is in Iraq at the request of the Iraqi government, the embassy said on Tuesday.\n\n"
    '"We will stay as long as we are asked to," spokesman John Smith told reporters.'
)
ARTICLE_B = (
    "Budget\n\n"
    "The finance minister, Maria Lopez, said the deficit fell by 3 percent last year.\n\n"
    "Opposition leader Tom Brown said the deficit rose by 3 percent last year."
)


def _polnear(tmp_path: Path) -> Path:
    folder = tmp_path / "polnear" / "text"
    folder.mkdir(parents=True)
    (folder / "b_budget.txt").write_text(ARTICLE_B, encoding="utf-8")
    (folder / "a_coalition.txt").write_text(ARTICLE_A, encoding="utf-8")
    return folder.parent


def test_paragraphs_come_in_file_name_order(tmp_path: Path) -> None:
    paragraphs = article_paragraphs(_polnear(tmp_path))
    assert paragraphs[0] == "Coalition talks"
    assert paragraphs[3] == "Budget"
    assert len(paragraphs) == 6


def test_a_long_article_cycles_the_paragraphs_and_stops_at_the_size() -> None:
    text = long_article(["One two.", "Three four."], 50)
    assert len(text) == 50
    assert text.startswith("One two.\n\nThree four.\n\nOne two.")
    assert long_article(["A long paragraph."], 5) == "A lon"
    with pytest.raises(ValueError, match="no article paragraphs"):
        long_article([], 10)


def test_the_timed_encoder_counts_its_time_and_changes_nothing() -> None:
    clock = PhaseClock()
    inner = HashingEncoder(dim=64)
    timed = TimedEncoder(inner, clock)
    assert (timed.name, timed.version, timed.dim) == (inner.name, inner.version, 64)
    assert (timed.encode(["a claim"]) == inner.encode(["a claim"])).all()
    assert clock.seconds["encoding"] > 0


def test_each_size_runs_the_route_path_and_the_same_input_gives_the_same_fingerprint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Extraction in this process: each record the benchmark opens started a worker process that loaded spaCy anew.
    monkeypatch.setenv("CLAIMLEDGER_EXTRACTION_PROCESSES", "0")
    polnear = _polnear(tmp_path)
    template = tmp_path / "record.db"
    loaded = (HashingEncoder(), RuleJudge())
    record = build_record(template, polnear, 1, 0, loaded)
    assert record == {"clef_claims": 0, "articles": 1}
    text = long_article(article_paragraphs(polnear), 600)
    first = run_size(template, text, loaded)
    second = run_size(template, text, loaded)
    assert first["characters"] == 600
    assert first["claims"] >= 3  # the embassy, the spokesman, the minister, the opposition leader
    assert first["matches"] > 0  # the coalition article is on record
    assert set(first["phases_s"]) == set(PHASES)
    assert first["fingerprint"] == second["fingerprint"]
    other = run_size(template, long_article(article_paragraphs(polnear), 300), loaded)
    assert other["fingerprint"] != first["fingerprint"]
    table = render({"results": [first]})
    assert "| 600 |" in table and table.count("\n") == 3
