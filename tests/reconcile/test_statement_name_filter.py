"""A statement checked under a name no source had (the flag keeps the name as written) is that speaker's flag once a
source's name or alias has the name's key: the review queue's speaker filter lists it (in SQL, so pages stay whole),
the speaker's flag counts count it, and a merge that makes both its sides one speaker's marks it a
self-contradiction. Another name's statements stay out. SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from db.engine import make_session_factory
from db.models import Flag, Source
from db.repositories.flags import FlagRepository
from extraction import speaker_key
from service.runtime import Runtime
from tests.reconcile.test_statement_flag_speaker import NEW_SPEAKER, ON_RECORD, STATEMENT, all_flags
from tests.ui.conftest import sign_in

Headers = dict[str, str]
# Other statements the claim on record contradicts, each checked once (one flag each).
MORE = [f"Turnout in the parliamentary election was {n} percent." for n in (81, 82, 83)]
OTHER_SPEAKER = "Independent Observers"  # another key: its statements are not the mission's


def check(client: TestClient, headers: Headers, text: str, speaker: str) -> str:
    """``text`` checked under ``speaker`` (contradicted by the claim on record): the id of its new flag."""
    before = {f["id"] for f in all_flags(client, headers)}
    reply = client.post("/v1/check", json={"text": text, "speaker": speaker}, headers=headers)
    assert reply.json()["verdict"] == "contradicted", reply.json()
    [new] = [f for f in all_flags(client, headers) if f["id"] not in before]
    assert new["claim"]["id"] is None
    return str(new["id"])


def source_for(client: TestClient, headers: Headers, speaker: str, text: str) -> str:
    """A source named ``speaker`` put on record by storing one unrelated claim of theirs: its id."""
    reply = client.post("/v1/claims", json={"text": text, "speaker": speaker}, headers=headers)
    assert reply.status_code == 201, reply.text
    return str(reply.json()["speaker"]["id"])


def queue(client: TestClient, speaker: str) -> list[str]:
    page = client.get("/ui/flags", params={"speaker": speaker})
    assert page.status_code == 200, page.text
    return re.findall(r'<h2 id="flag-([0-9a-f-]+)">', page.text)


def test_the_speaker_filter_and_counts_take_in_statements_checked_under_their_name_or_alias(
    client: TestClient, make_key: Callable[[str], Headers], runtime: Runtime
) -> None:
    headers = make_key("read,write,admin")
    assert client.post("/v1/claims", json=ON_RECORD, headers=headers).status_code == 201
    # Checked before any source has the name: written differently each time, all of one key.
    theirs = [
        check(client, headers, STATEMENT, NEW_SPEAKER),
        check(client, headers, MORE[0], f"  {NEW_SPEAKER.upper()} "),
        check(client, headers, MORE[1], f"Spokesman {NEW_SPEAKER}"),
    ]
    other = check(client, headers, MORE[2], OTHER_SPEAKER)
    assert len({speaker_key(n) for n in (NEW_SPEAKER, f"Spokesman {NEW_SPEAKER}")}) == 1
    assert speaker_key(OTHER_SPEAKER) != speaker_key(NEW_SPEAKER)
    with runtime.session_factory() as session:
        stored = session.execute(
            select(Flag.statement_speaker_id, Flag.statement_speaker_name, Flag.statement_speaker_key)
        ).all()
    assert all(i is None and n for i, n, _ in stored)  # the names as written, no source
    # With their keys, which the speaker filter compares in SQL.
    assert all(n is not None and k == speaker_key(n) for _, n, k in stored)

    mission = source_for(client, headers, NEW_SPEAKER, "The mission's observers were deployed to all districts.")
    assert sign_in(client, make_key("review")["Authorization"].removeprefix("Bearer ")).status_code == 303
    assert sorted(queue(client, NEW_SPEAKER)) == sorted(theirs)
    # Renamed: the old name is an alias, and its key still finds the statements; the new name finds them too.
    renamed = client.patch(f"/v1/sources/{mission}", json={"name": "Observer Mission"}, headers=headers)
    assert renamed.status_code == 200, renamed.text
    assert sorted(queue(client, "Observer Mission")) == sorted(theirs)
    assert sorted(queue(client, mission)) == sorted(theirs)
    assert other not in queue(client, "Observer Mission")

    with make_session_factory(runtime.engine)() as session:
        flags = FlagRepository(session)
        assert flags.count_for_speaker(mission) == {"open": 3}
        # Paged one at a time in the queue's order: every one of theirs once, no page left short or empty early.
        seen: list[str] = []
        after: Any = None
        while page := flags.review_queue(1, after, speaker_id=mission):
            assert len(page) == 1
            seen.append(page[0].id)
            after = (1 if page[0].status != "open" else 0, page[0].created_at, page[0].id)
        assert sorted(seen) == sorted(theirs)
        assert flags.review_queue(3, speaker_id=mission)[-1].id == seen[2]
        # The claim on record's speaker: every flag (the other side is theirs).
        on_record = session.scalars(select(Source.id).where(Source.name == ON_RECORD["speaker"])).one()
        assert flags.count_for_speaker(on_record) == {"open": 4}


def test_a_merge_that_makes_a_statement_and_the_claim_on_record_one_speakers_marks_it(
    client: TestClient, make_key: Callable[[str], Headers]
) -> None:
    """The statement was checked under a name that becomes a source, merged into the speaker of the claim it
    contradicts: the flag is a self-contradiction, as one between two stored claims would be; another name's flag is
    left a contradiction."""
    headers = make_key("read,write,admin")
    keep = source_for(client, headers, ON_RECORD["speaker"], ON_RECORD["text"])
    flag_id = check(client, headers, STATEMENT, NEW_SPEAKER)
    other = check(client, headers, MORE[0], OTHER_SPEAKER)
    mission = source_for(client, headers, NEW_SPEAKER, "The mission's observers were deployed to all districts.")
    merged = client.post(f"/v1/sources/{keep}/merge", json={"source_id": mission}, headers=headers)
    assert merged.status_code == 200, merged.text
    kinds = {f["id"]: f["kind"] for f in all_flags(client, headers)}
    assert kinds == {flag_id: "self_contradiction", other: "contradiction"}
    # The statement's side now names the merged speaker with its id, not the name alone.
    speakers = {f["id"]: f["claim"]["speaker"] for f in all_flags(client, headers)}
    assert speakers[flag_id]["id"] == keep
    assert speakers[other] == {"id": None, "name": OTHER_SPEAKER, "kind": None, "role": None, "aliases": []}


def test_a_name_no_source_has_filters_the_queue_to_the_statements_checked_under_it(
    client: TestClient, make_key: Callable[[str], Headers]
) -> None:
    """The flag card shows the name a statement was checked under before any source has it; typed into the filter
    box, that name lists those flags (any written form of its key), not "No speaker is called ..."."""
    headers = make_key("read,write,admin")
    assert client.post("/v1/claims", json=ON_RECORD, headers=headers).status_code == 201
    theirs = [
        check(client, headers, STATEMENT, NEW_SPEAKER),
        check(client, headers, MORE[0], f"Spokesman {NEW_SPEAKER}"),
    ]
    check(client, headers, MORE[1], OTHER_SPEAKER)
    assert sign_in(client, make_key("review")["Authorization"].removeprefix("Bearer ")).status_code == 303
    page = client.get("/ui/flags", params={"speaker": f" {NEW_SPEAKER.lower()} "})
    assert "No speaker is called" not in page.text
    assert "which no source has yet" in page.text
    assert sorted(queue(client, NEW_SPEAKER.lower())) == sorted(theirs)
    # A name neither a source nor a checked statement has is still said to be no one's.
    nobody = client.get("/ui/flags", params={"speaker": "Nobody Atall"})
    assert "No speaker is called" in nobody.text and not queue(client, "Nobody Atall")
