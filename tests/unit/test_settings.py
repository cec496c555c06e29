"""Settings a deployment may still carry from earlier versions keep their meaning; a value the service cannot use
is refused at start-up rather than ignored."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from service.config import Settings


@pytest.mark.parametrize(
    ("env", "precision"),
    [
        ({"CLAIMLEDGER_NLI_QUANTIZE": "true"}, "int8"),
        ({"CLAIMLEDGER_NLI_QUANTIZE": "true", "CLAIMLEDGER_NLI_PRECISION": "fp32"}, "fp32"),  # the newer wins
        ({"CLAIMLEDGER_NLI_QUANTIZE": "false"}, "auto"),
        ({}, "auto"),
    ],
)
def test_the_earlier_quantize_switch_still_asks_for_int8(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], precision: str
) -> None:
    for name in ("CLAIMLEDGER_NLI_QUANTIZE", "CLAIMLEDGER_NLI_PRECISION"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert Settings().nli_precision == precision


def test_a_misspelt_judge_is_refused_not_read_as_the_hybrid_judge(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any value but "rules" used to load the hybrid judge, so CLAIMLEDGER_JUDGE=rule went unnoticed."""
    monkeypatch.setenv("CLAIMLEDGER_JUDGE", "rule")
    with pytest.raises(ValidationError, match="judge"):
        Settings()
    monkeypatch.setenv("CLAIMLEDGER_JUDGE", "rules")
    assert Settings().judge == "rules"


@pytest.mark.parametrize(("value", "level"), [("INFO", "info"), (" Debug ", "debug"), ("warning", "warning")])
def test_the_log_level_is_read_in_any_case(monkeypatch: pytest.MonkeyPatch, value: str, level: str) -> None:
    monkeypatch.setenv("CLAIMLEDGER_LOG_LEVEL", value)
    assert Settings().log_level == level


def test_a_log_level_uvicorn_does_not_know_is_refused_at_start_up(monkeypatch: pytest.MonkeyPatch) -> None:
    """It used to reach the logging set-up, which ended `claimledger serve` in a traceback."""
    monkeypatch.setenv("CLAIMLEDGER_LOG_LEVEL", "verbose")
    with pytest.raises(ValidationError, match="log_level"):
        Settings()
