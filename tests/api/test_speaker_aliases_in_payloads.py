"""A claim's speaker is shown with the source's aliases wherever the claim is served: claim replies, /v1/check
matches, GET /v1/flags (a page and one flag) and the ``flag.created`` webhook, which stays the flag as GET /v1/flags
shows it. A fact-checker reading a flag on the "Iraqi military" learns it is also the "Iraqi Security Media Cell".

The aliases cost a constant number of queries: a page of flags reads them in one query per side whatever the number
of flags, and a new flag's payload in one query for all its speakers, only when someone subscribes."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine

from db.models import Flag, SourceAlias, WebhookDelivery, WebhookSubscription
from embeddings.judge import Judgement
from service.runtime import Runtime
from service.services.claims import get_claim_or_404
from service.services.flags import Finding, FlagService
from tests.ui.records import store_claim, store_flag
from tests.webhooks.outbox import outbox_runtime

JUDGEMENT = Judgement("contradicts", {"entailment": 0.05, "neutral": 0.1, "contradiction": 0.85}, ["number_mismatch"])
IRAQI_MILITARY = {
    "name": "Iraqi military",
    "kind": "organisation",
    "aliases": ["Iraqi Security Media Cell", "Joint Operations Command"],
}
PENTAGON = {"name": "Pentagon", "kind": "organisation", "aliases": ["US Department of Defense"]}


@pytest.fixture
def runtime(database_url: str) -> Iterator[Runtime]:
    """The API on the stand-in models, webhooks queued but not sent (the payloads are read from the outbox)."""
    yield from outbox_runtime(database_url)


def make_source(client: TestClient, headers: dict[str, str], body: dict[str, Any]) -> dict[str, Any]:
    created = client.post("/v1/sources", json=body, headers=headers)
    assert created.status_code == 201, created.text
    source: dict[str, Any] = created.json()
    assert len(source["aliases"]) == len(body["aliases"])
    return source


def subscribe(runtime: Runtime) -> None:
    with runtime.session_factory() as session:
        session.add(WebhookSubscription(url="http://hook.invalid/x", events=["flag.created"], secret="s" * 32))
        session.commit()


def payloads(runtime: Runtime) -> dict[str, dict[str, Any]]:
    """Each ``flag.created`` delivery's data, by flag id."""
    with runtime.read_factory() as session:
        bodies = [json.loads(body) for body in session.scalars(select(WebhookDelivery.body))]
    return {body["data"]["id"]: body["data"] for body in bodies if body["type"] == "flag.created"}


def test_claim_replies_and_check_matches_show_the_speakers_aliases(
    client: TestClient, make_key: Callable[[str], dict[str, str]]
) -> None:
    writer = make_key("read,write")
    source = make_source(client, writer, IRAQI_MILITARY)
    expected = client.get(f"/v1/sources/{source['id']}", headers=writer).json()["aliases"]
    assert sorted(expected) == sorted(IRAQI_MILITARY["aliases"])
    body = {"text": "Rocket fire hit the Balad air base on Sunday.", "speaker": "Iraqi Security Media Cell"}
    created = client.post("/v1/claims", json=body, headers=writer)
    assert created.status_code == 201, created.text
    claim = created.json()
    shown = {
        "POST /v1/claims": claim["speaker"],
        "GET /v1/claims/{id}": client.get(f"/v1/claims/{claim['id']}", headers=writer).json()["speaker"],
        "GET /v1/claims": client.get("/v1/claims", headers=writer).json()["items"][0]["speaker"],
        "GET /v1/sources/{id}/claims": client.get(f"/v1/sources/{source['id']}/claims", headers=writer).json()["items"][
            0
        ]["speaker"],
        "POST /v1/check": client.post("/v1/check", json={"text": body["text"]}, headers=writer).json()["matches"][0][
            "claim"
        ]["speaker"],
    }
    for where, speaker in shown.items():
        assert speaker["id"] == source["id"], where
        assert speaker.get("aliases") == expected, where


def test_flags_and_their_webhooks_show_both_sides_speakers_aliases(
    client: TestClient, runtime: Runtime, make_key: Callable[[str], dict[str, str]]
) -> None:
    """Three ways a flag is raised, each rendering its payload from what it loaded: a checked statement (the
    statement's speaker and the claim it contradicts, read for the payload), a quote stored (the claims its check
    matched) and the nightly job's finding (two claims read by id). Each side's speaker carries its aliases, in
    GET /v1/flags, GET /v1/flags/{id} and the webhook alike."""
    writer = make_key("read,write")
    iraqi, pentagon = make_source(client, writer, IRAQI_MILITARY), make_source(client, writer, PENTAGON)
    aliases = {
        s["id"]: client.get(f"/v1/sources/{s['id']}", headers=writer).json()["aliases"] for s in (iraqi, pentagon)
    }
    subscribe(runtime)
    on_record = {"text": "The number of U.S. troops in Iraq has dropped to about 2,500.", "speaker": "Pentagon"}
    assert client.post("/v1/claims", json=on_record, headers=writer).status_code == 201
    # A checked statement by the Iraqi military under an alias, against the Pentagon's claim.
    checked = {"text": "U.S. troops in Iraq have risen to 10,000.", "speaker": "Iraqi Security Media Cell"}
    assert client.post("/v1/check", json=checked, headers=writer).json()["verdict"] == "contradicted"
    # A quote stored and checked (POST /v1/quotes) that contradicts the claim on record.
    posted = {"quote": "The number of U.S. troops in Iraq has risen to about 9,000.", "speaker": "Iraqi military"}
    assert client.post("/v1/quotes", json=posted, headers=writer).status_code == 201
    # The nightly job's finding between two stored claims.
    later = {"text": "Coalition troops in Iraq number about 7,000.", "speaker": "Joint Operations Command"}
    later_id = client.post("/v1/claims", json=later, headers=writer).json()["id"]
    earlier_id = client.get("/v1/claims", params={"speaker_id": pentagon["id"]}, headers=writer).json()["items"][0][
        "id"
    ]
    with runtime.session_factory() as session:
        finding = Finding("contradiction", later_id, earlier_id, False, JUDGEMENT, 0.8)
        FlagService(session).raise_for_finding(finding, "reconcile")
        session.commit()

    listed = client.get("/v1/flags", params={"limit": 50}, headers=writer).json()["items"]
    assert {f["origin"] for f in listed} == {"check", "quote", "reconcile"}, listed
    delivered = payloads(runtime)
    sides = 0
    for flag in listed:
        assert delivered[flag["id"]] == flag  # the webhook is the flag as GET /v1/flags shows it
        assert client.get(f"/v1/flags/{flag['id']}", headers=writer).json() == flag
        for side in ("claim", "other_claim"):
            speaker = flag[side]["speaker"]
            assert speaker is not None and speaker["id"] in aliases, (side, flag)
            assert speaker.get("aliases") == aliases[speaker["id"]], (side, flag)
            sides += 1
    assert sides == 2 * len(listed)
    assert any(f["claim"]["speaker"]["id"] == iraqi["id"] and f["claim"]["id"] is None for f in listed)


class Statements:
    """The SQL statements every engine executes while ``on``."""

    def __init__(self) -> None:
        self.on = False
        self.seen: list[str] = []
        event.listen(Engine, "before_cursor_execute", self._statement)

    def _statement(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if self.on:
            self.seen.append(" ".join(statement.split()))

    def during(self, fn: Callable[[], Any]) -> tuple[Any, list[str]]:
        self.seen, self.on = [], True
        try:
            return fn(), self.seen
        finally:
            self.on = False

    def close(self) -> None:
        event.remove(Engine, "before_cursor_execute", self._statement)


@pytest.fixture
def statements() -> Iterator[Statements]:
    s = Statements()
    yield s
    s.close()


def alias_reads(seen: list[str]) -> int:
    return sum(1 for s in seen if "FROM source_aliases" in s)


def test_a_page_of_flags_reads_the_aliases_in_constant_queries(
    client: TestClient, runtime: Runtime, reader: dict[str, str], statements: Statements
) -> None:
    """A page of 2 flags and a page of 12, every side by its own speaker with two aliases: the same number of
    statements, and every speaker shown with its aliases."""

    def add_flags(n: int, first: int) -> None:
        with runtime.session_factory() as session:
            for i in range(first, first + n):
                sides = []
                for side in ("a", "b"):
                    name = f"Ministry {i}{side}"
                    claim = store_claim(session, f"Spending rose {i + 1} percent in {2000 + i}.", name)
                    for alias in (f"{name} press office", f"{name} spokesperson"):
                        claim.speaker.aliases.append(SourceAlias(alias=alias, alias_key=None))
                    sides.append(claim)
                store_flag(session, sides[0], sides[1])
            session.commit()

    def page() -> tuple[list[dict[str, Any]], list[str]]:
        reply, seen = statements.during(lambda: client.get("/v1/flags", params={"limit": 100}, headers=reader))
        assert reply.status_code == 200, reply.text
        items: list[dict[str, Any]] = reply.json()["items"]
        return items, seen

    client.get("/v1/flags", headers=reader)  # the key's first use and the app's caches, outside the counts
    add_flags(2, 0)
    small, small_statements = page()
    add_flags(10, 2)
    large, large_statements = page()
    assert len(small) == 2 and len(large) == 12
    for flag in large:
        for side in ("claim", "other_claim"):
            speaker = flag[side]["speaker"]
            assert speaker.get("aliases") == [f"{speaker['name']} {w}" for w in ("press office", "spokesperson")]
    assert len(large_statements) == len(small_statements), (small_statements, large_statements)
    assert alias_reads(large_statements) <= 3, large_statements  # one per side a speaker can be on, at most


def test_a_new_flags_payload_reads_all_its_speakers_aliases_in_one_query(
    runtime: Runtime, make_key: Callable[[str], dict[str, str]], client: TestClient, statements: Statements
) -> None:
    """The nightly job's finding reads its two claims without aliases (no subscriber, no payload): a subscriber adds
    one query for both speakers' aliases, not one per speaker."""
    writer = make_key("read,write")
    make_source(client, writer, IRAQI_MILITARY)
    make_source(client, writer, PENTAGON)
    a = client.post("/v1/claims", json={"text": "Troops number 2,500.", "speaker": "Pentagon"}, headers=writer)
    b = client.post("/v1/claims", json={"text": "Troops number 9,000.", "speaker": "Iraqi military"}, headers=writer)
    c = client.post("/v1/claims", json={"text": "Troops number 4,000.", "speaker": "Pentagon"}, headers=writer)
    assert a.status_code == b.status_code == c.status_code == 201
    subscribe(runtime)
    with runtime.session_factory() as session:
        session.execute(select(func.count()).select_from(Flag))
        finding = Finding("contradiction", b.json()["id"], a.json()["id"], False, JUDGEMENT, 0.8)
        flag, seen = statements.during(lambda: FlagService(session).raise_for_finding(finding, "reconcile"))
        assert flag is not None
        assert alias_reads(seen) == 1, seen
        other = get_claim_or_404(session, c.json()["id"])
        session.expire(other.speaker, ["aliases"])  # as a speaker read without them would be
        said_by = get_claim_or_404(session, b.json()["id"]).speaker
        session.expire(said_by, ["aliases"])
        text = "Troops number 12,000."
        statement_flag, seen = statements.during(
            lambda: FlagService(session).raise_for_statement(text, said_by, None, other, JUDGEMENT, 0.8)
        )
        assert statement_flag is not None
        assert alias_reads(seen) == 1, seen
        session.commit()
    delivered = payloads(runtime)
    for flag_id in (flag.id, statement_flag.id):
        shown = client.get(f"/v1/flags/{flag_id}", headers=writer).json()
        assert delivered[flag_id] == shown
        assert all(shown[side]["speaker"]["aliases"] for side in ("claim", "other_claim"))


def test_a_new_speaker_is_shown_with_no_aliases_without_reading_them(
    client: TestClient, writer: dict[str, str], statements: Statements
) -> None:
    """A source made for a claim's new speaker has no aliases, and the reply says so without asking the database
    (an article's new speakers would otherwise cost a query each)."""
    body = {"text": "The harbour will reopen in May.", "speaker": "Harbour Board"}
    client.post("/v1/claims", json={"text": "A first claim.", "speaker": "Someone"}, headers=writer)  # warm-up
    created, seen = statements.during(lambda: client.post("/v1/claims", json=body, headers=writer))
    assert created.status_code == 201, created.text
    assert created.json()["speaker"]["aliases"] == []
    assert alias_reads(seen) == 0, seen


def test_the_openapi_document_describes_the_speakers_aliases(client: TestClient) -> None:
    """Generated clients read ``aliases`` off every speaker: a required list of strings, described, and the
    ``flag.created`` webhook's data (a flag) reaches it through both sides' claims."""
    document = client.get("/openapi.json").json()
    speaker = document["components"]["schemas"]["SpeakerRef"]
    assert "aliases" in speaker["required"]
    field = speaker["properties"]["aliases"]
    assert field["type"] == "array" and field["items"] == {"type": "string"}
    assert "GET /v1/sources/{id}" in field["description"]
    assert document["components"]["schemas"]["SourceOut"]["properties"]["aliases"]["items"] == field["items"]
    flag = document["components"]["schemas"]["FlagOut"]["properties"]
    claim = document["components"]["schemas"]["ClaimOut"]["properties"]["speaker"]
    assert claim == {"$ref": "#/components/schemas/SpeakerRef"}  # a stored claim always has its speaker
    statement = document["components"]["schemas"]["FlagClaimOut"]["properties"]["speaker"]
    assert {"$ref": "#/components/schemas/SpeakerRef"} in statement["anyOf"]  # a checked statement may name nobody
    assert all("ClaimOut" in json.dumps(flag[side]) for side in ("claim", "other_claim"))
    webhook = json.dumps(document["webhooks"]["flag.created"])
    assert "FlagOut" in webhook
