"""Raising a flag with many webhook subscriptions: the cost of one flag must not grow with the subscribers.

Each flag writes its ``flag.created`` deliveries in the transaction that raises it, and the nightly job's flag
slices and POST /v1/check hold the write lock while they do, so the per-flag work is counted here in SQL
statements (on the write engine) and ORM objects: a subscriber adds one INSERT for all of them, the payload is
rendered once, and looking for an earlier flag of the pair reads ids, not whole flags with their claims."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine

from db.models import Flag, WebhookDelivery, WebhookSubscription
from embeddings.judge import Judgement
from service.runtime import Runtime
from service.schemas import ClaimCreate
from service.serializers import flag_out
from service.services.claims import ClaimService, get_claim_or_404
from service.services.flags import Finding, FlagService
from service.webhooks import events
from tests.webhooks.outbox import outbox_runtime

JUDGEMENT = Judgement("contradicts", {"entailment": 0.05, "neutral": 0.1, "contradiction": 0.85}, ["number_mismatch"])


@pytest.fixture
def runtime(database_url: str) -> Iterator[Runtime]:
    yield from outbox_runtime(database_url)


def add_claims(runtime: Runtime, n: int) -> list[str]:
    """Look-alike claims of two speakers (every pair a contradiction of numbers)."""
    ids = []
    for i in range(n):
        body = ClaimCreate.model_validate(
            {"text": f"The herring quota was cut to {1000 + 7 * i} tonnes.", "speaker": f"Fisheries {i % 2}"}
        )
        claim, _ = ClaimService(runtime.db, runtime.encoder).create(body)
        ids.append(claim.id)
    return ids


def subscribe(runtime: Runtime, n: int) -> list[str]:
    with runtime.session_factory() as session:
        subscriptions = [
            WebhookSubscription(url=f"http://hook{i}.invalid/x", events=["flag.created"], secret="s" * 32)
            for i in range(n)
        ]
        session.add_all(subscriptions)
        session.commit()
        return [s.id for s in subscriptions]


class Counted:
    """The SQL statements the write engine executes (an executemany once) and the WebhookDelivery objects built,
    while ``on``."""

    def __init__(self, engine: Engine) -> None:
        self.on = False
        self.statements: list[str] = []
        self.delivery_objects = 0
        self.engine = engine
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(WebhookDelivery, "init", self._delivery)

    def _statement(self, _conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if self.on:
            self.statements.append(" ".join(statement.split()))

    def _delivery(self, *_: Any) -> None:
        if self.on:
            self.delivery_objects += 1

    def during(self, fn: Callable[..., Flag | None], *args: Any) -> tuple[Flag | None, list[str]]:
        """``fn(*args)`` and the statements it executed."""
        self.statements, self.delivery_objects, self.on = [], 0, True
        try:
            return fn(*args), self.statements
        finally:
            self.on = False

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(WebhookDelivery, "init", self._delivery)


@pytest.fixture
def counted(runtime: Runtime) -> Iterator[Counted]:
    c = Counted(runtime.engine)
    yield c
    c.close()


def deliveries_of(runtime: Runtime, flag_id: str) -> list[WebhookDelivery]:
    with runtime.read_factory() as session:
        rows = session.scalars(select(WebhookDelivery)).unique().all()
        return [r for r in rows if json.loads(r.body)["data"]["id"] == flag_id]


def test_a_flags_statements_do_not_grow_with_the_subscriptions(runtime: Runtime, counted: Counted) -> None:
    ids = add_claims(runtime, 12)
    pairs = iter(zip(ids[1::2], ids[0::2], strict=True))  # each a new pair (later claim, earlier claim)
    per_finding: dict[int, int] = {}
    per_statement: dict[int, int] = {}
    subscribed = 0
    for subs in (0, 1, 17):
        subscribe(runtime, subs - subscribed)
        subscribed = subs
        with runtime.session_factory() as session:
            session.execute(select(func.count()).select_from(Flag))  # the transaction has begun
            claim_id, other_id = next(pairs)
            finding = Finding("contradiction", claim_id, other_id, False, JUDGEMENT, 0.9)
            pair_flag, statements = counted.during(FlagService(session).raise_for_finding, finding, "reconcile")
            assert pair_flag is not None
            per_finding[subs] = len(statements)
            inserts = [s for s in statements if s.startswith("INSERT INTO webhook_deliveries")]
            assert len(inserts) == (1 if subs else 0), statements  # one INSERT for every subscriber
            assert counted.delivery_objects == 0  # rows, not an ORM object per subscriber

            other = get_claim_or_404(session, next(pairs)[1])
            text = f"The herring quota was cut to {subs + 3} tonnes."
            statement_flag, statements = counted.during(
                FlagService(session).raise_for_statement, text, None, None, other, JUDGEMENT, 0.9
            )
            assert statement_flag is not None
            per_statement[subs] = len(statements)
            assert counted.delivery_objects == 0
            session.commit()
        for flag in (pair_flag, statement_flag):
            assert len(deliveries_of(runtime, flag.id)) == subs
    # Subscribers add the same statements a flag whatever their number: the deliveries' one INSERT, and for a
    # checked statement the claim it contradicts, read once with its speaker for the payload (a pair of claims
    # was read to look for earlier flags, without the speakers' aliases, so its payload reads those, both
    # speakers' in one query; the statement's claim was read here with them); a new flag has no reviews to read.
    assert per_finding[17] == per_finding[1] == per_finding[0] + 2, per_finding
    assert per_statement[17] == per_statement[1] == per_statement[0] + 2, per_statement


def test_a_pair_flagged_before_is_found_without_loading_a_flag(runtime: Runtime, counted: Counted) -> None:
    later, earlier = add_claims(runtime, 2)[::-1]
    subscribe(runtime, 3)
    finding = Finding("contradiction", later, earlier, False, JUDGEMENT, 0.9)
    with runtime.session_factory() as session:
        assert FlagService(session).raise_for_finding(finding, "reconcile") is not None
        session.commit()
    with runtime.session_factory() as session:
        session.execute(select(func.count()).select_from(Flag))
        again, statements = counted.during(FlagService(session).raise_for_finding, finding, "reconcile")
        other = get_claim_or_404(session, earlier)
        text = "The herring quota was cut to 3 tonnes."
        assert FlagService(session).raise_for_statement(text, None, None, other, JUDGEMENT, 0.9) is not None
        statement_again, statement_statements = counted.during(
            FlagService(session).raise_for_statement, text, None, None, other, JUDGEMENT, 0.9
        )
        session.commit()
    assert again is None and statement_again is None
    # The two claims (the statement keys need their texts), then every key the pair may be flagged under at once.
    assert len(statements) == 2, statements
    assert len(statement_statements) == 1, statement_statements
    assert not any("flags.statement_text" in s for s in statements + statement_statements)  # ids, not whole flags


def test_the_payload_is_rendered_once_a_flag_and_is_the_flag_as_the_api_shows_it(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    later, earlier, third = add_claims(runtime, 3)[::-1]
    subscription_ids = subscribe(runtime, 17)
    rendered: list[str] = []
    render = events.FlagCreated.data

    def counting(self: events.FlagCreated, subject: Flag) -> dict[str, Any]:
        rendered.append(subject.id)
        return render(self, subject)

    monkeypatch.setattr(events.FlagCreated, "data", counting)
    with runtime.session_factory() as session:
        service = FlagService(session)
        pair = service.raise_for_finding(Finding("contradiction", later, earlier, False, JUDGEMENT, 0.9), "job")
        other = get_claim_or_404(session, third)
        speaker = other.speaker
        statement = service.raise_for_statement("The quota was 1 tonne.", speaker, None, other, JUDGEMENT, 0.8)
        assert pair is not None and statement is not None
        session.commit()
    assert rendered == [pair.id, statement.id]
    for flag in (pair, statement):
        rows = deliveries_of(runtime, flag.id)
        assert sorted(r.subscription_id for r in rows) == sorted(subscription_ids)
        assert len({(r.body, r.event_id) for r in rows}) == 1  # one event, the same bytes for every subscriber
        assert {(r.status, r.attempts, r.event) for r in rows} == {("pending", 0, "flag.created")}
        with runtime.read_factory() as session:
            shown = flag_out(session.get(Flag, flag.id)).model_dump(mode="json")  # type: ignore[arg-type]
        assert json.loads(rows[0].body)["data"] == shown


def test_a_subscription_deleted_between_two_flags_of_one_session_costs_no_flag(runtime: Runtime) -> None:
    """The job raises slice after slice in one session: each flag reads the subscriptions again, so one deleted
    meanwhile gets no delivery (a delivery for it would fail its foreign key and lose the flag's savepoint)."""
    a, b, c, d = add_claims(runtime, 4)
    keep, gone = subscribe(runtime, 2)
    with runtime.session_factory() as session:
        service = FlagService(session)
        first = service.raise_for_finding(Finding("contradiction", b, a, False, JUDGEMENT, 0.9), "reconcile")
        session.commit()
        with runtime.session_factory() as other:
            subscription = other.get(WebhookSubscription, gone)
            assert subscription is not None
            other.delete(subscription)
            other.commit()
        second = service.raise_for_finding(Finding("contradiction", d, c, False, JUDGEMENT, 0.9), "reconcile")
        session.commit()
    assert first is not None and second is not None
    assert [r.subscription_id for r in deliveries_of(runtime, second.id)] == [keep]
