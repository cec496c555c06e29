"""A statement checked under a speaker name not yet on record, then stored as a claim under that name, keeps its one
flag: the flag remembers the name as written, and the claim stored under a name that resolves to the same speaker
(its key, an alias, a renamed or merged source's old name) is attached to it, by the store (/v1/quotes) or by the
nightly job. Another speaker's same words are another pair. SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from db.models import Flag
from reconcile.job import RunRequest
from service.runtime import Runtime
from tests.reconcile.test_rejudged_flags import reconcile

ON_RECORD = {
    "text": "Turnout in the parliamentary election was 62 percent.",
    "speaker": "Electoral Commission",
    "said_at": "2021-06-01",
}
STATEMENT = "Turnout in the parliamentary election was 80 percent."
NEW_SPEAKER = "Independent Observers Mission"

Headers = dict[str, str]


def store(client: TestClient, headers: Headers, route: str, text: str, speaker: str) -> str:
    """Store ``text`` as ``speaker``'s claim the way a client would (one claim, a bulk load or a quote); its id."""
    if route == "claims":
        reply = client.post("/v1/claims", json={"text": text, "speaker": speaker}, headers=headers)
        assert reply.status_code == 201, reply.text
        return str(reply.json()["id"])
    if route == "bulk":
        reply = client.post("/v1/claims/bulk", json={"claims": [{"text": text, "speaker": speaker}]}, headers=headers)
        assert reply.status_code == 200, reply.text
        [claim_id] = reply.json()["ids"]
        return str(claim_id)
    reply = client.post("/v1/quotes", json={"quote": text, "speaker": speaker}, headers=headers)
    assert reply.status_code == 201, reply.text
    return str(reply.json()["claim"]["id"])


def check_statement(client: TestClient, headers: Headers, speaker: str) -> dict[str, Any]:
    """The statement checked under ``speaker`` (contradicted by the claim on record): its one flag."""
    assert client.post("/v1/claims", json=ON_RECORD, headers=headers).status_code == 201
    checked = client.post("/v1/check", json={"text": STATEMENT, "speaker": speaker}, headers=headers)
    assert checked.json()["verdict"] == "contradicted", checked.json()
    [flag] = all_flags(client, headers)
    assert flag["claim"]["id"] is None and flag["origin"] == "check"
    return flag


def all_flags(client: TestClient, headers: Headers) -> list[dict[str, Any]]:
    return list(client.get("/v1/flags", params={"limit": 100}, headers=headers).json()["items"])


def assert_one_flag_on(client: TestClient, headers: Headers, runtime: Runtime, flag_id: str, claim_id: str) -> None:
    """After an incremental and a full run: the statement's flag alone, now on the stored claim, none new."""
    for request in (RunRequest(), RunRequest(full=True)):
        outcome = reconcile(runtime, request)
        assert outcome.stats["counts"]["flags_new"] == 0, outcome.stats["flags_new"]
    [flag] = all_flags(client, headers)
    assert flag["id"] == flag_id and flag["origin"] == "check"
    assert flag["claim"]["id"] == claim_id


@pytest.mark.parametrize("route", ["claims", "bulk", "quotes"])
def test_a_statement_checked_under_a_new_speaker_and_stored_by_them_keeps_its_one_flag(
    client: TestClient, make_key: Callable[[str], Headers], runtime: Runtime, route: str
) -> None:
    headers = make_key("read,write")
    flag = check_statement(client, headers, NEW_SPEAKER)
    claim_id = store(client, headers, route, STATEMENT, NEW_SPEAKER)
    # The store itself raised no second flag (a quote is checked as it is stored).
    assert [f["id"] for f in all_flags(client, headers)] == [flag["id"]]
    assert_one_flag_on(client, headers, runtime, flag["id"], claim_id)
    with runtime.session_factory() as session:
        attached = session.get(Flag, flag["id"])
        assert attached is not None and attached.claim is not None
        # The speaker is now on record: the statement's speaker is theirs (a later merge moves it); the name as
        # written at the check stays.
        assert attached.statement_speaker_id == attached.claim.speaker_id
        assert attached.statement_speaker_name == NEW_SPEAKER


def test_the_name_is_compared_as_speakers_are_keyed(
    client: TestClient, make_key: Callable[[str], Headers], runtime: Runtime
) -> None:
    """Case, spacing and a title written before the name aside, it is the same speaker (``speaker_key``)."""
    headers = make_key("read,write")
    flag = check_statement(client, headers, "independent  OBSERVERS mission")
    claim_id = store(client, headers, "claims", STATEMENT, f"Spokesman {NEW_SPEAKER}")
    assert_one_flag_on(client, headers, runtime, flag["id"], claim_id)


def test_another_speaker_storing_the_same_words_is_another_pair(
    client: TestClient, make_key: Callable[[str], Headers], runtime: Runtime
) -> None:
    headers = make_key("read,write")
    flag = check_statement(client, headers, NEW_SPEAKER)
    claim_id = store(client, headers, "claims", STATEMENT, "Election Watch Blog")
    outcome = reconcile(runtime)
    assert outcome.stats["counts"]["flags_new"] == 1
    flags = {f["id"]: f for f in all_flags(client, headers)}
    assert len(flags) == 2
    assert flags.pop(flag["id"])["claim"]["id"] is None  # the checked statement's flag stays the statement's
    [(_, claim_flag)] = flags.items()
    assert claim_flag["claim"]["id"] == claim_id and claim_flag["origin"] == "reconcile"
    assert reconcile(runtime, RunRequest(full=True)).stats["counts"]["flags_new"] == 0


def test_a_statement_checked_without_a_speaker_is_not_attached(
    client: TestClient, make_key: Callable[[str], Headers], runtime: Runtime
) -> None:
    """A statement checked with no speaker is nobody's: as before, a stored claim of the words is another pair."""
    headers = make_key("read,write")
    assert client.post("/v1/claims", json=ON_RECORD, headers=headers).status_code == 201
    assert client.post("/v1/check", json={"text": STATEMENT}, headers=headers).json()["verdict"] == "contradicted"
    store(client, headers, "claims", STATEMENT, NEW_SPEAKER)
    reconcile(runtime)
    assert sorted(f["claim"]["id"] is None for f in all_flags(client, headers)) == [False, True]


def test_a_speaker_renamed_or_merged_before_the_claim_is_stored_is_still_the_statements(
    client: TestClient, make_key: Callable[[str], Headers], runtime: Runtime
) -> None:
    """The name checked became a source, then that source was renamed (the old name stays an alias), or merged
    into another (its name moves over as an alias): a claim stored under the new name is the statement's."""
    headers = make_key("read,write,admin")
    flag = check_statement(client, headers, NEW_SPEAKER)
    other = "The mission's observers were deployed to all districts."
    made = client.post("/v1/claims", json={"text": other, "speaker": NEW_SPEAKER}, headers=headers).json()
    source_id = made["speaker"]["id"]
    renamed = client.patch(f"/v1/sources/{source_id}", json={"name": "Observer Mission"}, headers=headers)
    assert renamed.status_code == 200, renamed.text
    keep = client.post(
        "/v1/claims", json={"text": "Observers will publish a report.", "speaker": "OSCE Observers"}, headers=headers
    ).json()["speaker"]["id"]
    merged = client.post(f"/v1/sources/{keep}/merge", json={"source_id": source_id}, headers=headers)
    assert merged.status_code == 200, merged.text

    claim_id = store(client, headers, "claims", STATEMENT, "OSCE Observers")
    assert_one_flag_on(client, headers, runtime, flag["id"], claim_id)


def test_an_attached_flag_follows_its_speaker_through_a_merge(
    client: TestClient, make_key: Callable[[str], Headers], runtime: Runtime
) -> None:
    """Attached, the flag names the speaker on record; merged into another source, it is still the claim's one
    flag on the next full run."""
    headers = make_key("read,write,admin")
    flag = check_statement(client, headers, NEW_SPEAKER)
    claim_id = store(client, headers, "claims", STATEMENT, NEW_SPEAKER)
    reconcile(runtime)
    keep = client.post(
        "/v1/claims", json={"text": "Observers will publish a report.", "speaker": "OSCE Observers"}, headers=headers
    ).json()["speaker"]["id"]
    with runtime.session_factory() as session:
        source_id = session.scalars(select(Flag.statement_speaker_id).where(Flag.id == flag["id"])).one()
    assert source_id is not None
    assert client.post(f"/v1/sources/{keep}/merge", json={"source_id": source_id}, headers=headers).status_code == 200
    assert_one_flag_on(client, headers, runtime, flag["id"], claim_id)


def test_a_statement_flag_shows_the_name_it_was_checked_under(
    client: TestClient, make_key: Callable[[str], Headers]
) -> None:
    """Before the statement is stored, its side of the flag names the speaker as the check gave it, with no id (no
    source to fetch), in the list, and the flag itself; a check with no speaker names nobody."""
    headers = make_key("read,write,review")
    flag = check_statement(client, headers, f"  {NEW_SPEAKER} ")
    assert flag["claim"]["speaker"] == {"id": None, "name": NEW_SPEAKER, "kind": None, "role": None, "aliases": []}
    one = client.get(f"/v1/flags/{flag['id']}", headers=headers).json()
    assert one["claim"]["speaker"] == flag["claim"]["speaker"]
    client.post("/v1/check", json={"text": "Turnout in the parliamentary election was 85 percent."}, headers=headers)
    unnamed = [f for f in all_flags(client, headers) if f["id"] != flag["id"]]
    assert unnamed and all(f["claim"]["speaker"] is None for f in unnamed)
