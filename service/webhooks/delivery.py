"""The delivery worker: takes due deliveries from the outbox, POSTs them signed, records every attempt.

A worker runs as a thread of the API process (started in the app's lifespan) or alone (`claimledger webhooks
deliver`); several at once (processes, hosts) share the work safely. It keeps up to ``webhooks_concurrency``
deliveries in flight, each on its own: as one finishes, its slot is filled again, so a slow or dead receiver holds
one slot, never a whole round. Each delivery goes through:

1. **claim** — in one short write transaction, take due deliveries for the free slots (PostgreSQL: ``FOR UPDATE
   SKIP LOCKED``, so workers never wait on each other; SQLite: the write transaction itself excludes other
   writers), stamp them with this worker's token, push their next attempt out by a lease and log the attempt as
   started. A worker that dies mid-delivery leaves its rows to be taken again once the lease runs out; the next
   claim marks its unfinished attempt ``interrupted``.
2. **send** — with no transaction open, resolve and check the target again (``targets.pin``) and POST the stored
   body with its signature; the timeout bounds the whole attempt, the host name's lookup included
   (``AttemptDeadline``, ``targets.BoundedResolver``).
3. **record** — in a second short transaction, if the row still carries our token: the attempt's outcome, and
   ``delivered``, or another try after an exponential back-off with jitter, or ``failed`` after the last attempt.

A target (subscription) is sent one delivery at a time until it answers, and again after an attempt that found no
working receiver there (no answer, an address refused, 429 or 5xx); such *untried or failing* targets together hold
at most all slots of a worker but one. What the latest attempt found is the subscription's (``answered_at``,
``failing_at``, written as each attempt is recorded and read in the claim's query), not a worker's memory: every
worker, one that never sent there and one just restarted, knows a target another worker found dead or answering.
So a dead receiver's due retries never crowd out healthy ones: its other deliveries wait their turn (a retry may go
out later than its back-off, never sooner), and its first answer lets them all go again. A failing target's due
deliveries come after every other target's, however old, so a receiver that subscribes while dead ones have a
backlog is tried once one of their attempts ends, not after the backlog.

One at a time holds across workers too: the claim takes the subscription's probe lease (``probe_holder``,
``probe_lease_until``, a conditional UPDATE that only one worker's transaction can win) before an attempt to such a
target, recording the attempt gives it up, and a worker that dies holding it keeps the others off the target only
until it runs out with the delivery's own lease. So N workers never have N attempts hanging on one dead receiver.
A target that answers takes no lease: every worker sends to it at once.

Delivery is at least once: a worker killed after the receiver answered but before recording it sends again, with
the same ``X-Claimledger-Delivery`` id, so receivers dedupe on it.
"""

from __future__ import annotations

import contextlib
import logging
import random
import socket
import ssl
import sys
import threading
import time
from collections.abc import Collection, Sequence
from concurrent.futures import ALL_COMPLETED, FIRST_COMPLETED, Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

import httpx

from db.database import Database
from db.engine import patient_writes
from db.models import WebhookAttempt, WebhookSubscription
from db.repositories.webhooks import DELIVERED, FAILED, PENDING, WebhookRepository
from db.types import new_id, utcnow
from service.config import Settings
from service.webhooks.signing import sign
from service.webhooks.targets import (
    BoundedResolver,
    RefusedTargetError,
    ResolutionTimeoutError,
    Resolver,
    UnresolvableHostError,
    pin,
    resolve_host,
)

log = logging.getLogger("claimledger.webhooks")

USER_AGENT = "claimledger-webhooks/1"
MAX_ERROR_CHARS = 500
INTERRUPTED = "interrupted: the worker stopped before recording the outcome (the receiver may have it)"


@dataclass(frozen=True, slots=True)
class ClaimedDelivery:
    """What a worker needs to send one delivery, read when it was claimed (no session stays open)."""

    id: str
    subscription_id: str
    event: str
    url: str
    secret: str
    body: str
    token: str
    attempt: int  # the number this attempt will have


@dataclass(frozen=True, slots=True)
class AttemptResult:
    started_at: datetime
    status_code: int | None
    error: str | None
    duration_ms: float
    retry_after: float | None = None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300

    @property
    def target_failing(self) -> bool:
        """No working receiver there: no answer at all, or one that says it cannot take deliveries now. Another
        4xx is this delivery's problem, not the target's."""
        code = self.status_code
        return code is None or code == 429 or code >= 500


def backoff_seconds(attempt: int, settings: Settings, rng: random.Random) -> float:
    """After the ``attempt``-th failure: base * 2^(attempt-1), capped; the second half of it drawn at random, so
    deliveries that failed together (a receiver's outage) do not all come back at once."""
    delay = min(settings.webhooks_backoff_max_seconds, settings.webhooks_backoff_seconds * 2.0 ** (attempt - 1))
    return delay / 2 + rng.uniform(0.0, delay / 2)


def _retry_after(response: httpx.Response) -> float | None:
    if response.status_code not in (429, 503):
        return None
    value = response.headers.get("Retry-After", "").strip()
    return float(value) if value.isdigit() else None


def headers_for(delivery: ClaimedDelivery, body: bytes) -> dict[str, str]:
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Claimledger-Event": delivery.event,
        "X-Claimledger-Delivery": delivery.id,
        "X-Claimledger-Signature": sign(delivery.secret, body),
    }


@cache
def tls_context() -> ssl.SSLContext:
    """The TLS context every delivery client verifies targets with (certificates and host names checked, as httpx's
    default): one per process, since building one reads the CA bundle (20-35 ms) and an app makes a client per
    lifespan (issue 22: the test suite builds ~1,300 apps). Safe to share: a context only configures connections."""
    return httpx.create_ssl_context()


class AttemptDeadline:
    """Ends an attempt at the timeout as a whole, from the host name's lookup to the answer. httpx's timeouts bound
    each network operation, so a receiver answering a byte at a time, each within the timeout, held the attempt and
    its slot (past its lease) for as long as it went on; at the deadline the attempt's socket is shut down, which
    wakes the blocked read at once. The socket comes from httpcore's ``trace`` extension as the connection opens
    (every attempt opens its own). The lookup and the connection get only the time left (``remaining``)."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._started = time.monotonic()
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's trace callback: keep the socket of each connection the attempt opens."""
        if event != "connection.connect_tcp.complete" or info.get("return_value") is None:
            return
        sock = info["return_value"].get_extra_info("socket")
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._sockets.append(sock)
            if self.expired:  # connected just as the deadline passed
                self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    def remaining(self) -> float:
        """Seconds left before the deadline (0 once it has passed)."""
        return max(0.0, self.seconds - (time.monotonic() - self._started))

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):  # already closed: the attempt ended on its own
            sock.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> AttemptDeadline:
        self._started = time.monotonic()
        self._timer.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._timer.cancel()


def _answers(subscription: WebhookSubscription) -> bool:
    """Whether the target's latest recorded attempt found a working receiver (as ``WebhookRepository.answering``)."""
    answered, failing = subscription.answered_at, subscription.failing_at
    return answered is not None and (failing is None or answered >= failing)


class DeliveryWorker:
    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        resolver: Resolver = resolve_host,
        transport: httpx.BaseTransport | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.resolver = resolver
        self.lookups = BoundedResolver(resolver)  # an attempt waits for a lookup only until its deadline
        self.rng = rng or random.Random()  # noqa: S311 (jitter, not a secret)
        self.client = httpx.Client(
            timeout=httpx.Timeout(settings.webhooks_timeout_seconds),
            follow_redirects=False,
            transport=transport,
            verify=tls_context(),
            # A connection per attempt: the attempt's deadline shuts down the socket it opened, and a pooled one to a
            # pinned address was set up (its TLS name checked) for whichever host first used it.
            limits=httpx.Limits(max_keepalive_connections=0),
            trust_env=False,  # no proxy from the environment: it would connect instead of the checked address
        )
        self._pool: ThreadPoolExecutor | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        # Deliveries in flight, and per target (subscription id). Whether a target answers is the database's
        # (``WebhookSubscription.answered_at``/``failing_at``): this worker's own attempts are written there before
        # their slot is free, and other workers' are seen too.
        self._state = threading.Lock()
        self._busy = 0
        self._in_flight: set[Future[str | None]] = set()
        self._target_in_flight: dict[str, int] = {}

    # -- one delivery ------------------------------------------------------------------------------------------

    def claim(self, limit: int | None = None) -> list[ClaimedDelivery]:
        """Take up to ``limit`` (by default: every slot) due deliveries for this worker, no more than one for a target
        that is untried or failing, and those within their slots (none due: no write transaction is opened)."""
        limit = self.settings.webhooks_concurrency if limit is None else limit
        if limit <= 0:
            return []
        now = utcnow()
        with self.db.read() as session:
            if not WebhookRepository(session).any_due(now):
                return []
        token = new_id()
        with self._state:
            in_flight = dict(self._target_in_flight)
        with self.db.write() as session:
            # The lease counts from when the rows are ours, not from before a wait for the write lock.
            lease_until = utcnow() + timedelta(seconds=self.settings.webhooks_lease_seconds)
            repo = WebhookRepository(session)
            # Targets with a delivery in flight here that do not answer (as every worker has found) are on trial:
            # none of their other deliveries is taken, and theirs count against the slots for such targets.
            on_trial = set(in_flight) - repo.answering_among(in_flight)
            trial_slots = self._trial_slots() - sum(in_flight[t] for t in on_trial)
            claimed: list[ClaimedDelivery] = []
            spent = True
            while spent and not claimed:  # a batch of spent rows only: the due ones behind it are looked for too
                spent = False
                rows = repo.lock_due(now, limit, exclude_subscriptions=on_trial, only_answering=trial_slots <= 0)
                for row in rows:
                    for attempt in row.attempt_log:
                        if attempt.status_code is None and attempt.error is None:  # its worker died mid-attempt
                            attempt.error = row.last_error = INTERRUPTED
                    if row.attempts >= self.settings.webhooks_max_attempts:
                        row.status, row.next_attempt_at, row.claim_token = FAILED, None, None
                        spent = True
                        continue
                    if not _answers(row.subscription):  # one at a time, within the slots for such targets
                        if row.subscription_id in on_trial or trial_slots <= 0:
                            continue  # left due: taken once the target's delivery in flight is done
                        # ... and one at a time among all workers: the target's probe lease, for as long as ours.
                        if not repo.take_probe(row.subscription_id, token, lease_until, now):
                            on_trial.add(row.subscription_id)  # another worker's attempt is in flight there
                            continue
                        on_trial.add(row.subscription_id)
                        trial_slots -= 1
                    row.attempts += 1  # counted when it starts, so a delivery that kills its worker still runs out
                    row.claim_token, row.next_attempt_at = token, lease_until
                    repo.add_attempt(WebhookAttempt(delivery_id=row.id, number=row.attempts, attempted_at=now))
                    claimed.append(
                        ClaimedDelivery(
                            id=row.id,
                            subscription_id=row.subscription_id,
                            event=row.event,
                            url=row.subscription.url,
                            secret=row.subscription.secret,
                            body=row.body,
                            token=token,
                            attempt=row.attempts,
                        )
                    )
        return claimed

    def send(self, delivery: ClaimedDelivery) -> AttemptResult:
        """One POST, no transaction open. Never raises: a refusal or a network error is the attempt's result."""
        self._pause("before_post", delivery)
        started_at, started = utcnow(), time.perf_counter()
        body = delivery.body.encode()
        status_code: int | None = None
        error: str | None = None
        retry_after: float | None = None
        deadline = AttemptDeadline(self.settings.webhooks_timeout_seconds)

        def resolve_in_time(host: str, port: int) -> Sequence[str]:
            return self.lookups.resolve(host, port, deadline.remaining())

        try:
            with deadline:
                # One lookup, and its answer checked and connected to: never a second lookup that could differ.
                target = pin(delivery.url, self.settings.webhooks_allow_private, resolve_in_time)
                headers = {**headers_for(delivery, body), "Host": target.host_header}
                extensions = {**target.extensions, "trace": deadline.trace}
                # Connecting gets the time the lookup left, not a whole timeout of its own (the socket is only
                # known, and shut at the deadline, once connected).
                timeout = httpx.Timeout(max(deadline.remaining(), 0.001))
                with self.client.stream(
                    "POST", target.url, content=body, headers=headers, extensions=extensions, timeout=timeout
                ) as response:
                    status_code, retry_after = response.status_code, _retry_after(response)
            if not 200 <= status_code < 300:
                error = f"HTTP {status_code}"
        except RefusedTargetError as exc:
            error = f"refused: {exc}"
        except ResolutionTimeoutError as exc:
            error = f"timed out: {exc.host} did not resolve within {deadline.seconds:g} s"
        except UnresolvableHostError as exc:
            error = str(exc)
        except httpx.HTTPError as exc:
            # Connecting is given only the time left, so it can time out just before the deadline's timer fires.
            if deadline.expired or (isinstance(exc, httpx.TimeoutException) and not deadline.remaining()):
                error = f"timed out: no complete answer within {deadline.seconds:g} s"
            else:
                error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        except Exception as exc:  # anything else is this attempt's failure too: a delivery must never wedge its slot
            log.exception("webhook delivery %s: unexpected error", delivery.id)
            error = f"{type(exc).__name__}: {exc}"
        result = AttemptResult(
            started_at,
            status_code,
            error[:MAX_ERROR_CHARS] if error else None,
            round((time.perf_counter() - started) * 1000, 3),
            retry_after,
        )
        self._pause("after_post", delivery)
        return result

    def record(self, delivery: ClaimedDelivery, result: AttemptResult) -> str | None:
        """Log the attempt and move the delivery on; None when our lease was lost (another worker took the row
        after it ran out, or the subscription was deleted), in which case only what it found at the target is.
        On SQLite a time-out waiting for the write lock (the API busy with writes) is tried again for up to
        ``batch_write_retry_seconds`` rather than left for the lease to run out and the receiver to get it twice:
        nothing of the transaction is written before it has the lock."""
        with (
            patient_writes(self.settings.batch_write_retry_seconds, "CLAIMLEDGER_BATCH_WRITE_RETRY_SECONDS"),
            self.db.write() as session,
        ):
            repo = WebhookRepository(session)
            # What the attempt found at the target, for every worker's next claim (this one's included); true of the
            # target even when the lease was lost. The target's probe lease, if this attempt held it, ends with it:
            # the attempt is over, so another worker may try the target. Written before the delivery is locked: deleting the subscription
            # locks it, then its deliveries, and the other order could deadlock with it on PostgreSQL.
            repo.note_target(
                delivery.subscription_id, result.started_at, failing=result.target_failing, holder=delivery.token
            )
            row = repo.lock_delivery(delivery.id)
            if row is None or row.claim_token != delivery.token:
                log.warning(
                    "webhook delivery %s: lease lost before recording attempt %d", delivery.id, delivery.attempt
                )
                return None
            for attempt in row.attempt_log:
                if attempt.number == delivery.attempt:
                    attempt.attempted_at, attempt.duration_ms = result.started_at, result.duration_ms
                    attempt.status_code, attempt.error = result.status_code, result.error
            now = utcnow()
            row.claim_token, row.status_code = None, result.status_code
            if result.ok:
                row.status, row.delivered_at, row.last_error, row.next_attempt_at = DELIVERED, now, None, None
            elif row.attempts >= self.settings.webhooks_max_attempts:
                row.status, row.last_error, row.next_attempt_at = FAILED, result.error, None
            else:
                delay = backoff_seconds(row.attempts, self.settings, self.rng)
                if result.retry_after is not None:
                    delay = max(delay, min(result.retry_after, self.settings.webhooks_backoff_max_seconds))
                row.status, row.last_error = PENDING, result.error
                row.next_attempt_at = now + timedelta(seconds=delay)
            status = row.status
        log.info("webhook delivery %s (%s) attempt %d: %s", delivery.id, delivery.event, delivery.attempt, status)
        return status

    def deliver(self, delivery: ClaimedDelivery) -> str | None:
        """Send one claimed delivery and record the outcome (what a slot of the pool runs); the status recorded.
        The slot is free again, and its target's state recorded, before this returns."""
        target = delivery.subscription_id
        try:
            return self.record(delivery, self.send(delivery))
        except Exception:  # recording failed (the database): the lease runs out and the row is taken again
            log.exception("webhook delivery %s: recording attempt %d failed", delivery.id, delivery.attempt)
            return None
        finally:
            with self._state:
                self._busy -= 1
                left = self._target_in_flight.get(target, 0) - 1
                if left > 0:
                    self._target_in_flight[target] = left
                else:
                    self._target_in_flight.pop(target, None)

    def pump(self) -> int:
        """Fill the free slots with due deliveries, each sent and recorded on its own; how many were started."""
        started = 0
        while True:
            claimed = self.claim(self._free_slots())
            if not claimed:
                return started
            self._start(claimed)
            started += len(claimed)

    def _free_slots(self) -> int:
        with self._state:
            return self.settings.webhooks_concurrency - self._busy

    def _start(self, claimed: list[ClaimedDelivery]) -> None:
        if self._pool is None:
            self._pool = ThreadPoolExecutor(self.settings.webhooks_concurrency, thread_name_prefix="webhook-send")
        for delivery in claimed:
            target = delivery.subscription_id
            with self._state:
                self._busy += 1
                self._target_in_flight[target] = self._target_in_flight.get(target, 0) + 1
                self._in_flight = {f for f in self._in_flight if not f.done()}
                self._in_flight.add(self._pool.submit(self.deliver, delivery))

    def wait(self, timeout: float | None = None, *, every: bool = False) -> None:
        """Until one delivery in flight (``every``: all of them) is done, or ``timeout``."""
        with self._state:
            pending: Collection[Future[str | None]] = {f for f in self._in_flight if not f.done()}
        if pending:
            wait_for(pending, timeout, return_when=ALL_COMPLETED if every else FIRST_COMPLETED)

    def _busy_slots(self) -> int:
        with self._state:
            return self._busy

    def run_once(self) -> int:
        """One round: claim what is due for the free slots, send it, record each result, and wait for them all;
        how many deliveries were attempted. The thread's loop (``run``) never waits for a round: it refills each
        slot as it frees."""
        claimed = self.claim(self._free_slots())
        self._start(claimed)
        self.wait(every=True)
        return len(claimed)

    def drain(self) -> int:
        """Deliver until nothing is due now (later retries stay queued); the number of attempts made. Done only when
        a claim made with nothing in flight takes nothing: a claim made while a target's delivery is in flight
        passes over that target's other due deliveries, and the delivery can finish before the slots are looked at
        (on a loaded machine it did, and a due delivery was left behind)."""
        total = 0
        while True:
            idle = not self._busy_slots()
            started = self.pump()
            total += started
            if idle and not started:
                return total
            if self._busy_slots():
                self.wait()

    def _trial_slots(self) -> int:
        """How many slots untried or failing targets may hold together: all but one (kept for answering ones)."""
        return max(1, self.settings.webhooks_concurrency - 1)

    # -- running ---------------------------------------------------------------------------------------------

    def run(self, stop: threading.Event | None = None) -> None:
        """Deliver until ``stop`` is set, polling every ``webhooks_poll_seconds`` while nothing is due. A database
        error is logged and retried on the next poll: the worker outlives a restart of the database."""
        stop = stop or self._stop
        poll = self.settings.webhooks_poll_seconds
        while not stop.is_set():
            idle, started = not self._busy_slots(), 0
            try:
                started = self.pump()
            except Exception:  # the thread has no caller to raise to; the rows keep the state
                log.exception("webhook delivery: claiming failed; retrying")
                idle = True  # retried after the poll, not at once
            if self._busy_slots():  # a freed slot is filled at once; new events are looked for every poll meanwhile
                self.wait(poll)
            elif idle and not started:
                stop.wait(poll)
            # else what was in flight finished during the claims, which may have passed over its targets' other due
            # deliveries (as in drain): claim again now, not a poll later

    def start(self) -> threading.Thread:
        """Run in a daemon thread of this process (the API's lifespan)."""
        self._stop.clear()
        self._thread = threading.Thread(target=self.run, name="webhook-delivery", daemon=True)
        self._thread.start()
        return self._thread

    def stop(self, timeout: float = 5.0) -> None:
        """Stop claiming; deliveries in flight get until ``timeout`` to be recorded (the rest are taken again once
        their lease runs out)."""
        deadline = time.monotonic() + timeout
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        self.wait(max(0.0, deadline - time.monotonic()), every=True)

    def close(self) -> None:
        self.stop()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self.client.close()

    def _pause(self, where: str, delivery: ClaimedDelivery) -> None:
        if self.settings.webhooks_pause_at == where:
            # One write with its newline: print() writes the end separately, and a log line from another thread
            # landed between the two under load ("<id>{"time": ...").
            sys.stderr.write(f"webhooks: paused {where} {delivery.id}\n")
            sys.stderr.flush()
            while True:  # until killed: the no-event-lost tests SIGKILL the process here
                time.sleep(60)
