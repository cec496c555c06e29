"""`claimledger judge export-reviews`: reviewed flags become NLI training pairs that the trainer reads."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from embeddings.nli.data import LABEL_TO_ID, read_pairs_file
from service.cli import app
from service.config import get_settings
from tests.api.conftest import SEED_CLAIM

DENIAL = {
    "text": "Forty soldiers were killed in the attack on the base near Kirkuk.",
    "speaker": "Iraqi Defence Ministry",
    "said_at": "2021-04-09",
    "kind": "indirect_quote",
    "stance": "denies",
}
RISEN = "U.S. troops in Iraq have risen to 10,000."
LATER_QUOTE = {
    "quote": "The number of U.S. troops in Iraq has risen to about 10,000.",
    "speaker": "Pentagon",
    "source_url": "https://example.org/later",
    "said_at": "2021-09-01",
}


@pytest.fixture
def cli_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The CLI reads the same database as the app under test."""
    monkeypatch.setenv("CLAIMLEDGER_DATABASE_URL", database_url)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def _flag_for(client: TestClient, headers: dict[str, str], text: str) -> dict[str, Any]:
    flags: list[dict[str, Any]] = client.get("/v1/flags", params={"status": "open"}, headers=headers).json()["items"]
    found = [f for f in flags if f["claim"]["text"] == text]
    assert len(found) == 1, flags
    return found[0]


def _export(tmp_path: Path, *args: str) -> tuple[list[dict[str, str]], str]:
    out = tmp_path / "reviews.jsonl"
    result = CliRunner().invoke(app, ["judge", "export-reviews", "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return rows, result.output


@pytest.mark.usefixtures("cli_database")
def test_confirmed_and_dismissed_flags_become_contradiction_and_neutral_pairs(
    client: TestClient, writer: dict[str, str], make_key: Callable[[str], dict[str, str]], tmp_path: Path
) -> None:
    bulk = {"claims": [SEED_CLAIM, DENIAL]}
    assert client.post("/v1/claims/bulk", json=bulk, headers=writer).status_code == 200
    assert client.post("/v1/check", json={"text": RISEN, "top_k": 2}, headers=writer).json()["verdict"] == (
        "contradicted"
    )
    quoted = client.post("/v1/quotes", json=LATER_QUOTE, headers=writer)
    assert quoted.status_code == 201, quoted.text
    denial_check = {"text": DENIAL["text"], "speaker": DENIAL["speaker"]}
    assert client.post("/v1/check", json=denial_check, headers=writer).json()["verdict"] == "contradicted"
    reviewer = make_key("review,read")
    confirmed = _flag_for(client, writer, RISEN)
    dismissed = _flag_for(client, writer, LATER_QUOTE["quote"])
    across = _flag_for(client, writer, DENIAL["text"])
    for flag, status in ((confirmed, "confirmed"), (dismissed, "dismissed"), (across, "confirmed")):
        reviewed = client.post(f"/v1/flags/{flag['id']}/review", json={"status": status}, headers=reviewer)
        assert reviewed.status_code == 200, reviewed.text

    rows, output = _export(tmp_path)
    assert "1 across stances skipped" in output
    pairs = {(row["premise"], row["hypothesis"], row["label"]) for row in rows}
    assert pairs == {
        (SEED_CLAIM["text"], RISEN, "contradiction"),
        (RISEN, SEED_CLAIM["text"], "contradiction"),
        (SEED_CLAIM["text"], LATER_QUOTE["quote"], "neutral"),
    }
    assert len(rows) == 3
    assert {row["flag_id"] for row in rows} == {confirmed["id"], dismissed["id"]}
    trained = list(read_pairs_file(tmp_path / "reviews.jsonl"))
    assert sorted(p.label for p in trained) == sorted(
        [LABEL_TO_ID["contradiction"], LABEL_TO_ID["contradiction"], LABEL_TO_ID["neutral"]]
    )

    one_way, _ = _export(tmp_path, "--one-way")
    assert len(one_way) == 2
    assert all(row["premise"] == SEED_CLAIM["text"] for row in one_way)
    future, output = _export(tmp_path, "--since", "2999-01-01")
    assert future == []
    assert output.startswith("0 training pairs from 0 reviewed flags")
    past, _ = _export(tmp_path, "--since", "2000-01-01T00:00:00Z")
    assert len(past) == 3


@pytest.mark.usefixtures("cli_database")
def test_an_unreviewed_flag_is_not_exported_and_a_bad_since_is_a_usage_error(
    client: TestClient, writer: dict[str, str], tmp_path: Path
) -> None:
    assert client.post("/v1/claims", json=SEED_CLAIM, headers=writer).status_code == 201
    client.post("/v1/check", json={"text": RISEN}, headers=writer)
    assert len(client.get("/v1/flags", params={"status": "open"}, headers=writer).json()["items"]) == 1
    rows, output = _export(tmp_path)
    assert rows == []
    assert output.startswith("0 training pairs from 0 reviewed flags")
    bad = CliRunner().invoke(app, ["judge", "export-reviews", "--out", str(tmp_path / "x.jsonl"), "--since", "soon"])
    assert bad.exit_code == 2
    assert "not an ISO 8601 date" in bad.output
