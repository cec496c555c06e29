"""Two first sends of one quote to /v1/quotes at once, with no external_id (a bookmarklet on a plain-http page).

Each looked for the quote on record (``QuoteRecord.find``) in its read transaction, before either wrote: both found
nothing and both stored it, two claims where a send a moment later finds the first. The look is made again in the
write transaction, where SQLite's write lock and (PostgreSQL) a lock on the quote's page and words keep the two
apart: the second finds the first's claim and answers it as a send a moment later is answered. On both backends.

The app runs each request on a thread of its own, not the sender's: the pauses below go by the order requests come
to them."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from db.database import Database
from service.runtime import Runtime
from service.services.checking import CheckService, ScoredMatch
from service.services.claims import ClaimService, PreparedClaims

WAIT_SECONDS = 10.0
SENDERS = 2
QUOTE = {
    "quote": "The city will not close the Northgate library.",
    "speaker": "Helena Marsh",
    "source_url": "http://news.example/a2",
    "said_at": "2026-03-05",
}
ALIAS = "H. Marsh"


class Arrivals:
    """How many requests have come to a point, and a wait for more."""

    def __init__(self) -> None:
        self.count = 0
        self.changed = threading.Condition()

    def arrive(self) -> int:
        with self.changed:
            self.count += 1
            self.changed.notify_all()
            return self.count

    def wait_for(self, count: int, seconds: float) -> bool:
        with self.changed:
            return self.changed.wait_for(lambda: self.count >= count, seconds)


REPLIED = Arrivals()  # senders that have their reply


@pytest.fixture(autouse=True)
def _no_reply_yet() -> None:
    REPLIED.count = 0


def _other_stores_or_waits(db: Database, stored: Arrivals) -> None:
    """Return once the other sender is about to store a claim too or (PostgreSQL) waits on a lock. SQLite's second
    writer waits at its BEGIN IMMEDIATE, which shows nowhere: a short wait."""
    if db.dialect != "postgresql":
        stored.wait_for(SENDERS, 0.3)
        return
    deadline = time.monotonic() + WAIT_SECONDS
    with db.engine.connect() as conn:
        while time.monotonic() < deadline and not stored.wait_for(SENDERS, 0.01):
            if conn.execute(text("SELECT count(*) FROM pg_locks WHERE NOT granted")).scalar_one():
                return
            conn.rollback()  # a fresh snapshot of pg_locks for the next look


@pytest.fixture
def both_look_before_either_stores(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    """The two senders' checks (run between the look and the write) wait for each other, so both have looked before
    either writes; then the first sender about to store a claim waits until the other is about to store one too or
    waits on a lock, as two writes a moment apart do."""
    looked = threading.Barrier(SENDERS, timeout=WAIT_SECONDS)
    stored = Arrivals()
    matches, persist = CheckService.matches, ClaimService.persist

    def matches_once_both_looked(self: CheckService, *args: Any, **kwargs: Any) -> list[ScoredMatch]:
        looked.wait()
        return matches(self, *args, **kwargs)

    def persist_once_the_other_is_on_its_way(session: Any, prepared: PreparedClaims) -> Sequence[Any]:
        if stored.arrive() == 1:
            _other_stores_or_waits(runtime.db, stored)
        return persist(session, prepared)

    monkeypatch.setattr(CheckService, "matches", matches_once_both_looked)
    monkeypatch.setattr(ClaimService, "persist", staticmethod(persist_once_the_other_is_on_its_way))


@pytest.fixture
def one_checks_once_the_other_replied(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sender whose check comes first has looked and found nothing; it waits there until the other has looked,
    stored the quote and replied, so that its check finds the claim the other stored among its matches."""
    checks = Arrivals()
    matches = CheckService.matches

    def matches_in_turn(self: CheckService, *args: Any, **kwargs: Any) -> list[ScoredMatch]:
        if checks.arrive() == 1:
            assert checks.wait_for(SENDERS, WAIT_SECONDS)
            assert REPLIED.wait_for(1, WAIT_SECONDS)
        return matches(self, *args, **kwargs)

    monkeypatch.setattr(CheckService, "matches", matches_in_turn)


def _send_at_once(client: TestClient, writer: dict[str, str], bodies: list[dict[str, str]]) -> list[Any]:
    replies: list[Any] = [None] * len(bodies)

    def send(i: int) -> None:
        try:
            replies[i] = client.post("/v1/quotes", json=bodies[i], headers=writer)
        except BaseException as exc:  # shown by the assertion below
            replies[i] = exc
        REPLIED.arrive()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_SECONDS * 3)
    assert [getattr(r, "status_code", r) for r in replies] == [201, 201], [getattr(r, "text", r) for r in replies]
    return [r.json() for r in replies]


def _stored_once(client: TestClient, writer: dict[str, str], first: dict[str, Any], second: dict[str, Any]) -> None:
    """One claim on record, both replies that claim, checked against everything else, never against itself."""
    claim_id = first["claim"]["id"]
    assert second["claim"]["id"] == claim_id
    assert second["claim"] == first["claim"]
    for reply in (first, second):
        assert all(m["claim"]["id"] != claim_id for m in reply["check"]["matches"])
    listed = client.get("/v1/claims", params={"limit": 100}, headers=writer).json()["items"]
    assert [c["id"] for c in listed] == [claim_id]


@pytest.mark.parametrize(
    "again",
    [
        pytest.param({}, id="as-sent"),
        pytest.param(
            {"source_url": "HTTP://News.Example:80/a2", "quote": "“The city will not close the Northgate  library”"},
            id="page-and-words-written-otherwise",
        ),
        pytest.param({"speaker": ALIAS, "external_id": "plugin-quote-typed-as-h-marsh"}, id="under-an-alias"),
    ],
)
def test_one_quote_sent_twice_at_once_is_stored_once(
    client: TestClient, writer: dict[str, str], both_look_before_either_stores: None, again: dict[str, str]
) -> None:
    """The panel's external_id hashes the speaker as typed: under an alias it is another, and finds nothing."""
    if again.get("speaker") == ALIAS:
        source = client.post("/v1/sources", json={"name": QUOTE["speaker"]}, headers=writer).json()["id"]
        added = client.post(f"/v1/sources/{source}/aliases", json={"alias": ALIAS}, headers=writer)
        assert added.status_code in (200, 201), added.text
    first, second = _send_at_once(client, writer, [QUOTE, {**QUOTE, **again}])
    _stored_once(client, writer, first, second)


def test_a_quote_stored_by_a_send_at_once_before_the_check_is_not_its_own_match(
    client: TestClient, writer: dict[str, str], one_checks_once_the_other_replied: None
) -> None:
    """The later send's look found nothing, so its check left nothing out and found the other's claim (the same
    words, entailing). The claim it answers is that one, never listed as its own match."""
    first, second = _send_at_once(client, writer, [QUOTE, QUOTE])
    _stored_once(client, writer, first, second)
