"""An article speaker's own name in another script written after the speaker's title rather than right after the
name ("Wang Yi, the foreign minister (王毅), told reporters"): the parenthetical closes the speaker's appositive, so it
is the speaker's other-script form, kept as an alias. A parenthetical that belongs to another noun ("citing the
Xinhua agency (新华社)", "the foreign minister of China (中国)", "a spokesman for the Foreign Ministry (外交部)") or
sits past a clause boundary adds none. The stored name stays the bare name either way."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from db.engine import make_session_factory
from extraction import AttributionExtractor
from service.app import create_app
from service.services.keys import KeyService
from tests.api.conftest import stand_in_runtime


@pytest.fixture
def client_and_writer(
    database_url: str, extractor: AttributionExtractor
) -> Iterator[tuple[TestClient, dict[str, str]]]:
    runtime = stand_in_runtime(database_url, extractor)
    with make_session_factory(runtime.engine)() as session:
        _, token = KeyService(session).create("test", ["read", "write"])
        session.commit()
    try:
        with TestClient(create_app(runtime.settings, runtime), raise_server_exceptions=False) as client:
            yield client, {"Authorization": f"Bearer {token}"}
    finally:
        runtime.close()


def article_speaker(client: TestClient, writer: dict[str, str], text: str) -> dict[str, Any]:
    posted = client.post("/v1/documents", json={"text": text, "url": "https://example.org/a"}, headers=writer)
    assert posted.status_code == 201, posted.text
    claims = posted.json()["claims"]
    assert len(claims) == 1, text
    speaker: dict[str, Any] = claims[0]["speaker"]
    return speaker


def claim_speaker_id(client: TestClient, writer: dict[str, str], speaker: str) -> str:
    created = client.post(
        "/v1/claims", json={"text": "Imports fell by two percent last year.", "speaker": speaker}, headers=writer
    )
    assert created.status_code == 201, created.text
    return str(created.json()["speaker"]["id"])


@pytest.mark.parametrize(
    ("text", "bare", "other"),
    [
        ("Wang Yi, the foreign minister (王毅), told reporters that imports fell by two percent last year.", "Wang Yi", "王毅"),
        ("Li Wei, China's foreign minister (李伟), said on Monday that exports rose by four percent last year.", "Li Wei", "李伟"),
        (
            '"Trade grew by ten percent last year," said Sergei Lavrov, Russia\'s foreign minister (Сергей Лавров).',
            "Sergei Lavrov",
            "Сергей Лавров",
        ),
    ],
)  # fmt: skip
def test_an_other_script_form_after_the_speakers_title_is_kept_as_an_alias(
    client_and_writer: tuple[TestClient, dict[str, str]], text: str, bare: str, other: str
) -> None:
    client, writer = client_and_writer
    speaker = article_speaker(client, writer, text)
    assert speaker["name"] == bare
    assert speaker["aliases"] == [other]
    assert claim_speaker_id(client, writer, other) == speaker["id"]


@pytest.mark.parametrize(
    ("text", "bare", "other"),
    [
        ('"Exports rose by four percent last year," said Li Wei, citing the Xinhua agency (新华社).', "Li Wei", "新华社"),
        ("Li Wei, a spokesman for the Foreign Ministry (外交部), said that exports rose by four percent last year.", "Li Wei", "外交部"),
        ("Wang Yi, the foreign minister of China (中国), said that exports rose by four percent last year.", "Wang Yi", "中国"),
        ("Wang Yi, an aide to the president (习近平), said that exports rose by four percent last year.", "Wang Yi", "习近平"),
        ("Li Wei, who met the minister (王毅), said that exports rose by four percent last year.", "Li Wei", "王毅"),
        ("Li Wei, the foreign minister, said on Monday (周一) that exports rose by four percent last year.", "Li Wei", "周一"),
    ],
)  # fmt: skip
def test_an_other_script_parenthetical_of_another_noun_adds_no_alias(
    client_and_writer: tuple[TestClient, dict[str, str]], text: str, bare: str, other: str
) -> None:
    client, writer = client_and_writer
    speaker = article_speaker(client, writer, text)
    assert speaker["name"] == bare
    assert speaker["aliases"] == []
    assert claim_speaker_id(client, writer, other) != speaker["id"]
