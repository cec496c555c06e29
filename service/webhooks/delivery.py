"""The delivery worker: takes due deliveries from the outbox, POSTs them signed, records every attempt.

A worker runs as a thread of the API process (started in the app's lifespan) or alone (`claimledger webhooks
deliver`); several at once (processes, hosts) share the work safely. Each round:

1. **claim** — in one short write transaction, take up to a batch of due deliveries (PostgreSQL: ``FOR UPDATE
   SKIP LOCKED``, so workers never wait on each other; SQLite: the write transaction itself excludes other
   writers), stamp them with this worker's token, push their next attempt out by a lease and log the attempt as
   started. A worker that dies mid-delivery leaves its rows to be taken again once the lease runs out; the next
   claim marks its unfinished attempt ``interrupted``.
2. **send** — with no transaction open, resolve and check the target again (``targets.pin``) and POST the stored
   body with its signature; a timeout bounds every call.
3. **record** — in a second short transaction, if the row still carries our token: the attempt's outcome, and
   ``delivered``, or another try after an exponential back-off with jitter, or ``failed`` after the last attempt.

Delivery is at least once: a worker killed after the receiver answered but before recording it sends again, with
the same ``X-Claimledger-Delivery`` id, so receivers dedupe on it.
"""

from __future__ import annotations

import logging
import random
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx

from db.database import Database
from db.models import WebhookAttempt
from db.repositories.webhooks import DELIVERED, FAILED, PENDING, WebhookRepository
from db.types import new_id, utcnow
from service.config import Settings
from service.webhooks.signing import sign
from service.webhooks.targets import RefusedTargetError, Resolver, UnresolvableHostError, pin, resolve_host

log = logging.getLogger("claimledger.webhooks")

USER_AGENT = "claimledger-webhooks/1"
MAX_ERROR_CHARS = 500
INTERRUPTED = "interrupted: the worker stopped before recording the outcome (the receiver may have it)"


@dataclass(frozen=True, slots=True)
class ClaimedDelivery:
    """What a worker needs to send one delivery, read when it was claimed (no session stays open)."""

    id: str
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
        self.rng = rng or random.Random()  # noqa: S311 (jitter, not a secret)
        self.client = httpx.Client(
            timeout=httpx.Timeout(settings.webhooks_timeout_seconds),
            follow_redirects=False,
            transport=transport,
            trust_env=False,  # no proxy from the environment: it would connect instead of the checked address
        )
        self._pool: ThreadPoolExecutor | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- one round ---------------------------------------------------------------------------------------------

    def claim(self) -> list[ClaimedDelivery]:
        """Take due deliveries for this worker (none: no write transaction is opened at all)."""
        now = utcnow()
        with self.db.read() as session:
            if not WebhookRepository(session).any_due(now):
                return []
        token = new_id()
        lease_until = now + timedelta(seconds=self.settings.webhooks_lease_seconds)
        with self.db.write() as session:
            repo = WebhookRepository(session)
            # As many as are sent at once: the round then takes about one timeout, well inside the lease.
            rows = repo.lock_due(now, self.settings.webhooks_concurrency)
            claimed = []
            for row in rows:
                for attempt in row.attempt_log:
                    if attempt.status_code is None and attempt.error is None:  # its worker died mid-attempt
                        attempt.error = row.last_error = INTERRUPTED
                if row.attempts >= self.settings.webhooks_max_attempts:
                    row.status, row.next_attempt_at, row.claim_token = FAILED, None, None
                    continue
                row.attempts += 1  # counted when it starts, so a delivery that kills its worker still runs out
                row.claim_token, row.next_attempt_at = token, lease_until
                repo.add_attempt(WebhookAttempt(delivery_id=row.id, number=row.attempts, attempted_at=now))
                claimed.append(
                    ClaimedDelivery(
                        id=row.id,
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
        try:
            target = pin(delivery.url, self.settings.webhooks_allow_private, self.resolver)
            headers = {**headers_for(delivery, body), "Host": target.host_header}
            with self.client.stream(
                "POST", target.url, content=body, headers=headers, extensions=target.extensions
            ) as response:
                status_code, retry_after = response.status_code, _retry_after(response)
            if not 200 <= status_code < 300:
                error = f"HTTP {status_code}"
        except RefusedTargetError as exc:
            error = f"refused: {exc}"
        except UnresolvableHostError as exc:
            error = str(exc)
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        except Exception as exc:  # anything else is this attempt's failure too: a delivery must never wedge a round
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
        after it ran out, or the subscription was deleted), in which case nothing is written."""
        with self.db.write() as session:
            repo = WebhookRepository(session)
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

    def run_once(self) -> int:
        """Claim what is due, send it (concurrently), record each result; how many deliveries were attempted."""
        claimed = self.claim()
        if not claimed:
            return 0
        if len(claimed) == 1 or self.settings.webhooks_concurrency == 1:
            results = [self.send(d) for d in claimed]
        else:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.settings.webhooks_concurrency, thread_name_prefix="webhook-send")
            results = list(self._pool.map(self.send, claimed))
        for delivery, result in zip(claimed, results, strict=True):
            self.record(delivery, result)
        return len(claimed)

    def drain(self) -> int:
        """Rounds until nothing is due now (later retries stay queued); the number of attempts made."""
        total = 0
        while attempted := self.run_once():
            total += attempted
        return total

    # -- running ---------------------------------------------------------------------------------------------

    def run(self, stop: threading.Event | None = None) -> None:
        """Deliver until ``stop`` is set, polling every ``webhooks_poll_seconds`` while nothing is due. A database
        error is logged and retried on the next poll: the worker outlives a restart of the database."""
        stop = stop or self._stop
        while not stop.is_set():
            try:
                attempted = self.run_once()
            except Exception:  # the thread has no caller to raise to; the rows keep the state
                log.exception("webhook delivery round failed; retrying")
                attempted = 0
            if not attempted:
                stop.wait(self.settings.webhooks_poll_seconds)

    def start(self) -> threading.Thread:
        """Run in a daemon thread of this process (the API's lifespan)."""
        self._stop.clear()
        self._thread = threading.Thread(target=self.run, name="webhook-delivery", daemon=True)
        self._thread.start()
        return self._thread

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

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
