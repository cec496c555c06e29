"""POST /v1/reconciliations' body (strict, in the API's words), its OpenAPI, and the CLI summary as it reads in a
log file."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rich.console import Console

from reconcile.cli import EXIT_USAGE, print_summary, run_from_cli
from reconcile.job import RunOutcome
from service.config import Settings
from service.schemas import since_not_in_future
from service.services.flags import COPY_PAIR_NOT_FLAGGED, COPY_PAIR_ON_FLAG

Headers = Callable[[str], dict[str, str]]


def test_the_body_is_strict_and_says_full_or_since(client: TestClient, make_key: Headers) -> None:
    admin = make_key("admin")
    both = client.post("/v1/reconciliations", json={"full": True, "since": "2021-01-01"}, headers=admin)
    assert both.status_code == 422
    assert "give `full` or `since`, not both" in both.json()["detail"] and "--" not in both.json()["detail"]
    for full in ("yes", 1, "true"):
        assert client.post("/v1/reconciliations", json={"full": full}, headers=admin).status_code == 422, full
    future = client.post("/v1/reconciliations", json={"since": "2999-01-01"}, headers=admin)
    assert future.status_code == 422 and "in the future" in future.text
    dated = client.post("/v1/reconciliations", json={"since": "2021-01-01"}, headers=admin)
    assert dated.status_code == 202 and dated.json()["since"].startswith("2021-01-01T00:00:00")
    assert dated.json()["stats"] == {}  # nothing before it has run


def test_the_openapi_documents_the_body_the_stats_and_the_flag_order(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    since = schemas["ReconciliationCreate"]["properties"]["since"]
    assert {"format": "date", "type": "string"} in since["anyOf"]
    assert {"format": "date-time", "type": "string"} in since["anyOf"]
    # null is the default (false), as the server reads it: boolean or null, never a string
    assert [o["type"] for o in schemas["ReconciliationCreate"]["properties"]["full"]["anyOf"]] == ["boolean", "null"]
    stats = next(schemas[name] for name in schemas if name.startswith("ReconciliationStats"))
    assert {"counts", "flags_new", "flags_rejudged", "top_contradictions", "timings_s", "settings_changed"} <= set(
        stats["properties"]
    )  # settings_changed: docs/scheduling.md names it among the report's fields
    assert stats.get("additionalProperties") is True  # more may be added
    counts = next(schemas[name] for name in schemas if name.startswith("ReconciliationCounts"))
    assert {COPY_PAIR_NOT_FLAGGED, COPY_PAIR_ON_FLAG} <= set(counts["properties"])  # as the report names them
    assert "reverse_pairs_judged" in counts["properties"]  # the reverse-neighbour step's count
    flags = spec["paths"]["/v1/flags"]["get"]["description"]
    assert "Oldest first" in flags


def _outcome() -> RunOutcome:
    def claim(text: str, speaker: str, stance: str) -> dict[str, Any]:
        return {"text": text, "speaker": speaker, "said_at": "2021-04-09", "stance": stance}

    pair = {
        "kind": "contradiction",
        "contradiction": 0.9,
        "other_claim": claim("40 soldiers had been killed", "Defence Ministry", "denies"),
        "claim": claim("40 soldiers were killed in the attack.", "Reuters", "asserts"),
    }
    stats = {
        "run": {"since": None, "resumes": 0},
        "scope": "full",
        "model": {"judge": "rules@1", "embedded": 0, "vectors_dropped": 0, "model_changed": False, "encoder": "h"},
        "counts": {
            "claims_checked": 32,
            "claims_total": 32,
            "pairs_judged": 640,
            "flags_new": 0,
            "flags_still_contradicting": 3,
            "flags_no_longer_contradicting": 1,
        },
        "flags_new": {"contradiction": 0},
        "flags_rejudged": {
            "still_contradicting": 3,
            "no_longer_contradicting": 1,
            "no_longer_contradicting_flags": [pair],
        },
        "top_contradictions": [pair],
        "timings_s": {"total": 1.0},
        "reports": {"html": "/r/x.html", "json": "/r/x.json"},
    }
    return RunOutcome("run-1", "succeeded", stats)


def test_the_summary_shows_denials_counts_rejudged_flags_and_is_not_padded() -> None:
    out = io.StringIO()
    print_summary(Console(file=out, highlight=False, markup=False, soft_wrap=True), _outcome())
    text = out.getvalue()
    assert "denied: “40 soldiers had been killed” — Defence Ministry" in text
    assert "vs “40 soldiers were killed in the attack.”" in text  # an assertion has no prefix
    assert "open flags re-judged  4: 3 still contradicting, 1 no longer" in text
    assert "no longer contradicting (still open: dismiss if right):" in text
    assert "judgements" in text and "640, each pair both ways" in text and "pairs judged" not in text
    assert all(line == line.rstrip() for line in text.splitlines())


def test_the_cli_and_the_api_refuse_a_future_since_by_one_rule(
    client: TestClient, make_key: Headers, settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    """`claimledger reconcile --since` and POST /v1/reconciliations apply the same rule, in the same words."""
    refusal = "since 2999-01-01T00:00:00+00:00 is in the future: nothing has changed after it"
    api = client.post("/v1/reconciliations", json={"since": "2999-01-01"}, headers=make_key("admin"))
    assert api.status_code == 422 and refusal in api.text
    assert run_from_cli("2999-01-01", False, quiet=True, settings=settings) == EXIT_USAGE
    assert refusal in capsys.readouterr().err
    now = datetime(2024, 5, 1, tzinfo=UTC)
    assert since_not_in_future(now, now=now) == now
    with pytest.raises(ValueError, match="in the future"):
        since_not_in_future(now + timedelta(seconds=1), now=now)
