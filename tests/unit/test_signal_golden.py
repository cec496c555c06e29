"""The golden file of signal reports (embeddings/signals/golden.jsonl) and the RULES_VERSION derived from it.

Changing a signal's behaviour or a word list without ``python -m embeddings.signals.golden --write`` fails here.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from embeddings.signals import RULES_VERSION
from embeddings.signals.golden import CLAIMS_NAME, DRAWS, GOLDEN_FILE, Golden, check, write
from embeddings.signals.lexicon import data_fingerprint
from embeddings.signals.version import rules_version
from tests.conftest import shared_path


def _report_changes(result_lines: tuple[str, ...]) -> str:
    return "\n".join(result_lines[:10]) + ("\n..." if len(result_lines) > 10 else "")


def test_the_claim_set_part_matches_todays_reports() -> None:
    """The repository's own pairs: checked on every machine."""
    golden = Golden.read()
    result = check(None, golden)
    assert result.checked == sum(pair.file == CLAIMS_NAME for pair in golden.pairs) > 100
    assert not result.changed_text, "benchmarks/nli_claims.jsonl changed: rewrite the golden file"
    assert not result.changed_reports, _report_changes(result.changed_reports)


def test_the_nli_part_matches_todays_reports() -> None:
    data_dir = shared_path("data", "nli")
    golden = Golden.read()
    result = check(data_dir, golden)
    assert not result.missing_files
    assert result.checked == len(golden.pairs) >= 2000
    assert not result.changed_text, f"the shared data changed under these pairs: {result.changed_text[:5]}"
    assert not result.changed_reports, _report_changes(result.changed_reports)


def test_the_golden_file_was_written_with_todays_word_lists() -> None:
    assert Golden.read().word_lists == data_fingerprint(), (
        "a word list changed: run python -m embeddings.signals.golden --write"
    )


def test_the_golden_file_covers_every_drawn_file_and_the_claim_set() -> None:
    golden = Golden.read()
    files = {pair.file for pair in golden.pairs}
    assert files == {*DRAWS, CLAIMS_NAME}
    assert len({pair.key() for pair in golden.pairs}) == len(golden.pairs)
    fired = sum(bool(pair.report["strengths"]) for pair in golden.pairs)
    assert fired > len(golden.pairs) // 3  # half the NLI draws were taken among pairs where a signal fires


def test_rules_version_follows_the_golden_file_and_the_word_lists(tmp_path: Path) -> None:
    golden = Golden.read()
    assert rules_version() == RULES_VERSION
    assert RULES_VERSION.startswith(f"{golden.rules}-")
    changed = tmp_path / "golden.jsonl"
    first = golden.pairs[0]
    other_report = {**first.report, "coverage": 1.0 - first.report["coverage"]}
    changed.write_text(Golden(golden.rules, golden.word_lists, (replace(first, report=other_report),)).render())
    assert rules_version(changed) != rules_version(GOLDEN_FILE)
    assert rules_version(GOLDEN_FILE, word_lists="another list") != RULES_VERSION


def test_write_bumps_the_counter_only_when_a_report_changes(tmp_path: Path) -> None:
    claims = [pair for pair in Golden.read().pairs if pair.file == CLAIMS_NAME][:5]
    path = tmp_path / "golden.jsonl"
    path.write_text(Golden(3, data_fingerprint(), tuple(claims)).render())
    assert write(tmp_path, path=path).rules == 3  # the same reports: the same counter
    stale = replace(claims[0], report={**claims[0].report, "strengths": {"antonym": 1.0}})
    path.write_text(Golden(3, data_fingerprint(), (stale, *claims[1:])).render())
    rewritten = write(tmp_path, path=path)
    assert rewritten.rules == 4
    assert rewritten.pairs == tuple(claims)
    assert json.loads(path.read_text().splitlines()[0])["rules"] == 4
