"""Settings a deployment may still carry from earlier versions keep their meaning."""

from __future__ import annotations

import pytest

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
