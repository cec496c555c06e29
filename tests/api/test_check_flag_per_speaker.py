"""A checked statement's flag is one speaker's: the same words checked with no speaker, or as another speaker's, are
another pair (README, "a statement checked with no speaker, or another speaker's same words, is another pair").
Found by h154's end-to-end audit: the pair key held the words and the claim only, so a statement checked as nobody's
(and dismissed) swallowed the same words checked later as Sara Lund's: verdict contradicted, no flag to review."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import SEED_CLAIM

RISEN = "The number of U.S. troops in Iraq has risen to about 10,000."


def _flags(client: TestClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    reply = client.get("/v1/flags", params={"limit": 100}, headers=headers)
    assert reply.status_code == 200, reply.text
    items: list[dict[str, Any]] = reply.json()["items"]
    return items


def _check(client: TestClient, writer: dict[str, str], speaker: str | None) -> None:
    body: dict[str, Any] = {"text": RISEN, **({"speaker": speaker} if speaker is not None else {})}
    reply = client.post("/v1/check", json=body, headers=writer)
    assert reply.status_code == 200, reply.text
    assert reply.json()["verdict"] == "contradicted", reply.text


def _speakers(flags: list[dict[str, Any]]) -> list[str | None]:
    """Each flag's statement speaker's name (None: checked with no speaker), oldest flag first."""
    return [f["claim"]["speaker"]["name"] if f["claim"]["speaker"] else None for f in flags]


def test_a_named_speaker_s_words_flagged_as_nobody_s_raise_their_own_flag(
    client: TestClient, writer: dict[str, str], make_key: Callable[[str], dict[str, str]]
) -> None:
    client.post("/v1/claims", json=SEED_CLAIM, headers=writer).raise_for_status()
    _check(client, writer, None)
    (anonymous,) = _flags(client, writer)
    dismissed = client.post(
        f"/v1/flags/{anonymous['id']}/review", json={"status": "dismissed"}, headers=make_key("review")
    )
    assert dismissed.status_code == 200, dismissed.text

    _check(client, writer, "Sara Lund")  # a name no source has
    flags = _flags(client, writer)
    assert _speakers(flags) == [None, "Sara Lund"]
    assert [f["status"] for f in flags] == ["dismissed", "open"]

    for again in (None, "Sara Lund", "SARA  LUND", "sara lund"):  # the same two speakers: no third flag
        _check(client, writer, again)
    assert _speakers(_flags(client, writer)) == [None, "Sara Lund"]


def test_another_speaker_s_same_words_are_another_pair_and_one_speaker_s_names_one(
    client: TestClient, writer: dict[str, str]
) -> None:
    client.post("/v1/claims", json=SEED_CLAIM, headers=writer).raise_for_status()
    reyes = {**SEED_CLAIM, "text": "Fuel duty will not change this year.", "speaker": "Tomas Reyes"}
    stored = client.post("/v1/claims", json=reyes, headers=writer)
    assert stored.status_code == 201, stored.text
    reyes_id = stored.json()["speaker"]["id"]
    alias = client.post(f"/v1/sources/{reyes_id}/aliases", json={"alias": "Finance Chief Reyes"}, headers=writer)
    assert alias.status_code in (200, 201), alias.text

    _check(client, writer, "Tomas Reyes")
    (first,) = _flags(client, writer)
    assert first["claim"]["speaker"]["id"] == reyes_id

    _check(client, writer, "Sara Lund")  # speaker B's same words: a flag of B's
    flags = _flags(client, writer)
    assert _speakers(flags) == ["Tomas Reyes", "Sara Lund"]
    assert flags[1]["claim"]["speaker"]["id"] is None  # a name no source has, shown as written

    for again in ("TOMAS REYES", "Finance Chief Reyes", "Sara Lund", "sara lund"):  # one speaker, any name of theirs
        _check(client, writer, again)
    _check(client, writer, None)
    _check(client, writer, None)  # nobody's twice: one flag
    assert _speakers(_flags(client, writer)) == ["Tomas Reyes", "Sara Lund", None]


def test_two_speakers_made_one_keep_one_flag_of_their_same_words(
    client: TestClient, writer: dict[str, str], admin: dict[str, str]
) -> None:
    """Two speakers' flags of the same words are one speaker's once a merge (or a name taken) makes them one: the
    older is kept with the reviews of both, as a merge folds other repeats, and the words checked again raise none."""
    client.post("/v1/claims", json=SEED_CLAIM, headers=writer).raise_for_status()
    ids = {}
    for name in ("Sara Lund", "S. Lund"):
        said = {**SEED_CLAIM, "text": f"{name} spoke on schools.", "speaker": name}
        stored = client.post("/v1/claims", json=said, headers=writer)
        assert stored.status_code == 201, stored.text
        ids[name] = stored.json()["speaker"]["id"]
        _check(client, writer, name)
    _check(client, writer, "Lund S")  # a name no source has, taken as an alias below
    first, second, third = _flags(client, writer)
    assert _speakers([first, second, third]) == ["Sara Lund", "S. Lund", "Lund S"]

    merged = client.post(f"/v1/sources/{ids['Sara Lund']}/merge", json={"source_id": ids["S. Lund"]}, headers=admin)
    assert merged.status_code == 200, merged.text
    assert [f["id"] for f in _flags(client, writer)] == [first["id"], third["id"]]
    alias = client.post(f"/v1/sources/{ids['Sara Lund']}/aliases", json={"alias": "Lund S"}, headers=writer)
    assert alias.status_code in (200, 201), alias.text
    assert [f["id"] for f in _flags(client, writer)] == [first["id"]]
    for again in ("Sara Lund", "S. Lund", "Lund S"):
        _check(client, writer, again)
    assert [f["id"] for f in _flags(client, writer)] == [first["id"]]
