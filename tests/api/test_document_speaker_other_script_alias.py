"""An article's speaker written with its own name in another script in parentheses ("Li Wei (李伟), a spokesman
..., said") keeps that form as the source's alias, as the same name sent to /v1/claims does: a later claim under
"李伟" is the same speaker. A description in parentheses ("(Labour)") adds no alias."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient


def article_speaker(client: TestClient, writer: dict[str, str], text: str) -> dict[str, Any]:
    posted = client.post("/v1/documents", json={"text": text, "url": "https://example.org/a"}, headers=writer)
    assert posted.status_code == 201, posted.text
    claims = posted.json()["claims"]
    assert claims, text
    speaker: dict[str, Any] = claims[0]["speaker"]
    return speaker


def claim_speaker(client: TestClient, writer: dict[str, str], speaker: str) -> dict[str, Any]:
    created = client.post(
        "/v1/claims", json={"text": "Imports fell by two percent last year.", "speaker": speaker}, headers=writer
    )
    assert created.status_code == 201, created.text
    out: dict[str, Any] = created.json()["speaker"]
    return out


@pytest.mark.parametrize(
    ("text", "bare", "other"),
    [
        (
            "Li Wei (李伟), a spokesman for the Foreign Ministry, said on Monday that exports rose by four percent "
            "last year.",
            "Li Wei",
            "李伟",
        ),
        (
            '"Exports rose by four percent last year," said Vladimir Putin (Владимир Путин).',
            "Vladimir Putin",
            "Владимир Путин",
        ),
    ],
)
def test_an_article_speakers_other_script_form_is_kept_as_an_alias(
    client: TestClient, writer: dict[str, str], text: str, bare: str, other: str
) -> None:
    speaker = article_speaker(client, writer, text)
    assert speaker["name"] == bare
    assert speaker["aliases"] == [other]
    assert claim_speaker(client, writer, other)["id"] == speaker["id"]


def test_an_article_speakers_description_in_parentheses_adds_no_alias(
    client: TestClient, writer: dict[str, str]
) -> None:
    text = "Jane Doe (Labour), a member of parliament, said on Monday that exports rose by four percent last year."
    speaker = article_speaker(client, writer, text)
    assert speaker["name"] == "Jane Doe"
    assert speaker["aliases"] == []
    assert claim_speaker(client, writer, "Labour")["id"] != speaker["id"]
