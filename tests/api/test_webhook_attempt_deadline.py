"""A delivery attempt ends at CLAIMLEDGER_WEBHOOKS_TIMEOUT_SECONDS as a whole, as docs/integration.md promises ("no
answer within the timeout (10 s) is retried").

httpx's timeouts bound each network operation, so a receiver that answered one byte at a time, each within the
timeout, held the attempt (and a worker's slot, past the lease) for as long as it went on: found by probing a running
server with such a receiver, whose 2 s attempt was still open after 12 s.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest

from service.config import Settings
from service.webhooks.delivery import ClaimedDelivery, DeliveryWorker
from service.webhooks.targets import UnresolvableHostError

TIMEOUT_SECONDS = 1.0
REPLY = b"HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n"


class DribblingReceiver:
    """Reads a request, then answers it a byte every ``gap`` seconds (about 9 s in all), each well within the
    per-read timeout: only a deadline on the whole attempt ends it early."""

    def __init__(self, gap: float = 0.2) -> None:
        self.gap = gap
        self.connections = 0
        self._listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(8)
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._listener.getsockname()[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                conn, _ = self._listener.accept()
            except OSError:
                return
            self.connections += 1
            threading.Thread(target=self._dribble, args=(conn,), daemon=True).start()

    def _dribble(self, conn: socket.socket) -> None:
        """Answers requests on the connection (kept alive, as HTTP/1.1 allows) until the sender hangs up."""
        with conn:
            conn.settimeout(30)
            while True:
                request = b""
                while b"\r\n\r\n" not in request:
                    try:
                        chunk = conn.recv(65536)
                    except OSError:
                        return
                    if not chunk:
                        return
                    request += chunk
                for byte in REPLY:
                    if self._stopped.is_set():
                        return
                    try:
                        conn.sendall(bytes([byte]))
                    except OSError:  # the sender hung up: what the deadline does
                        return
                    time.sleep(self.gap)

    def close(self) -> None:
        self._stopped.set()
        self._listener.close()


@pytest.fixture
def receiver() -> Iterator[DribblingReceiver]:
    r = DribblingReceiver()
    yield r
    r.close()


def claimed(url: str) -> ClaimedDelivery:
    return ClaimedDelivery(
        id="d-1",
        subscription_id="s-1",
        event="flag.created",
        url=url,
        secret="whsec_test",
        body='{"id": "e-1", "type": "flag.created", "created_at": "2026-01-01T00:00:00+00:00", "data": {}}',
        token="t-1",
        attempt=1,
    )


def worker_settings() -> Settings:
    return Settings(webhooks_allow_private=True, webhooks_timeout_seconds=TIMEOUT_SECONDS)


def test_a_receiver_answering_a_byte_at_a_time_is_cut_off_at_the_timeout(receiver: DribblingReceiver) -> None:
    worker = DeliveryWorker(None, worker_settings())  # type: ignore[arg-type]  # send() opens no transaction
    try:
        started = time.monotonic()
        result = worker.send(claimed(receiver.url))
        elapsed = time.monotonic() - started
    finally:
        worker.close()
    assert receiver.connections == 1
    # The reply would take about 9 s; the attempt ends at its 1 s deadline (and a loaded machine's slack).
    assert elapsed < TIMEOUT_SECONDS + 2.0, elapsed
    assert result.status_code is None and not result.ok and result.target_failing
    assert result.error is not None and "timed out" in result.error, result.error


def test_each_attempt_gets_a_connection_of_its_own(receiver: DribblingReceiver) -> None:
    """A connection is never reused for another attempt: the deadline holds the socket it shuts down, and a pooled
    connection to a pinned address was set up (TLS name checked) for whichever host first used it."""
    receiver.gap = 0.0
    worker = DeliveryWorker(None, worker_settings())  # type: ignore[arg-type]
    try:
        first, second = worker.send(claimed(receiver.url)), worker.send(claimed(receiver.url))
    finally:
        worker.close()
    assert first.ok and second.ok, (first, second)
    assert receiver.connections == 2


def test_a_host_that_does_not_resolve_is_still_its_own_error() -> None:
    def nowhere(host: str, port: int) -> list[str]:
        raise UnresolvableHostError(f"{host} does not resolve")

    worker = DeliveryWorker(None, worker_settings(), resolver=nowhere)  # type: ignore[arg-type]
    try:
        result = worker.send(claimed("http://hooks.example.invalid/x"))
    finally:
        worker.close()
    assert result.error == "hooks.example.invalid does not resolve"


# -- the host name's resolution is part of the attempt ------------------------------------------------------------

# How long a test's hanging resolution waits to be let go: long past the timeout, so an attempt that waits for it
# fails its time bound instead of hanging the test.
HANG_SECONDS = 8.0


class HangingResolver:
    """Resolves ``hang.test`` only once ``let_go`` is set (or ``HANG_SECONDS`` pass), and any other name to
    loopback; counts the lookups of each name begun."""

    def __init__(self) -> None:
        self.let_go = threading.Event()
        self.lookups: dict[str, int] = {}
        self._lock = threading.Lock()

    def __call__(self, host: str, port: int) -> list[str]:
        with self._lock:
            self.lookups[host] = self.lookups.get(host, 0) + 1
        if host == "hang.test":
            self.let_go.wait(HANG_SECONDS)
        return ["127.0.0.1"]


@pytest.fixture
def hanging() -> Iterator[HangingResolver]:
    resolver = HangingResolver()
    yield resolver
    resolver.let_go.set()  # the stray lookup ends with the test


def test_a_host_name_that_resolves_slowly_is_cut_off_at_the_timeout(hanging: HangingResolver) -> None:
    """Found by an integration audit: the deadline started after the lookup, so a resolver that hung kept the
    attempt, and its slot, open for as long as the lookup took."""
    worker = DeliveryWorker(None, worker_settings(), resolver=hanging)  # type: ignore[arg-type]
    try:
        started = time.monotonic()
        result = worker.send(claimed("http://hang.test/hook"))
        elapsed = time.monotonic() - started
    finally:
        worker.close()
    assert TIMEOUT_SECONDS * 0.9 <= elapsed < TIMEOUT_SECONDS + 1.5, elapsed
    assert result.status_code is None and not result.ok and result.target_failing
    assert result.error is not None and "timed out" in result.error and "hang.test" in result.error, result.error


def test_the_system_resolver_is_bounded_as_well(monkeypatch: pytest.MonkeyPatch, receiver: DribblingReceiver) -> None:
    """The default resolver (getaddrinfo, which nothing can interrupt) hanging for one name: the attempt still ends
    at the timeout, and a name that resolves at once is delivered to as before."""
    receiver.gap = 0.0
    real_getaddrinfo = socket.getaddrinfo
    let_go = threading.Event()

    def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host == "hang.test":
            let_go.wait(HANG_SECONDS)
            host = "127.0.0.1"
        elif host == "quick.test":
            host = "127.0.0.1"
        return real_getaddrinfo(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    port = receiver.port
    worker = DeliveryWorker(None, worker_settings())  # type: ignore[arg-type]
    try:
        started = time.monotonic()
        cut_off = worker.send(claimed(f"http://hang.test:{port}/hook"))
        elapsed = time.monotonic() - started
        delivered = worker.send(claimed(f"http://quick.test:{port}/hook"))
    finally:
        let_go.set()
        worker.close()
    assert elapsed < TIMEOUT_SECONDS + 1.5, elapsed
    assert cut_off.error is not None and "timed out" in cut_off.error, cut_off
    assert delivered.ok, delivered
    assert receiver.connections == 1  # only the name that resolved was connected to


def wait_for_lookups_to_end(host: str, timeout: float = 10.0) -> None:
    give_up = time.monotonic() + timeout
    while any(t.name == f"webhook-resolve {host}" for t in threading.enumerate()):
        assert time.monotonic() < give_up, "a lookup's thread outlived its lookup"
        time.sleep(0.01)


def test_a_name_still_resolving_gets_one_lookup_not_one_per_attempt(
    hanging: HangingResolver, receiver: DribblingReceiver
) -> None:
    """A lookup cannot be interrupted, so the one an attempt gave up on goes on in its thread; the next attempt to
    the same name waits for that lookup instead of starting another (a hanging resolver holds one thread per name,
    however many attempts), and once it has ended the name is looked up afresh, never from a kept answer."""
    receiver.gap = 0.0
    url = f"http://hang.test:{receiver.port}/hook"
    worker = DeliveryWorker(None, worker_settings(), resolver=hanging)  # type: ignore[arg-type]
    try:
        started = time.monotonic()
        first, second = worker.send(claimed(url)), worker.send(claimed(url))
        elapsed = time.monotonic() - started
        assert hanging.lookups == {"hang.test": 1}
        hanging.let_go.set()
        wait_for_lookups_to_end("hang.test")  # the stray one's thread ends with its lookup
        third = worker.send(claimed(url))
    finally:
        worker.close()
    assert elapsed < 2 * TIMEOUT_SECONDS + 1.5, elapsed
    assert first.error and "timed out" in first.error and second.error and "timed out" in second.error
    assert third.ok, third
    assert hanging.lookups == {"hang.test": 2}


def test_an_address_that_comes_slowly_is_still_checked_and_looked_up_once() -> None:
    """The bounded lookup hands its answer to the same check as before: the request goes to an address that was
    checked, from the one lookup made (never a second one that could answer otherwise)."""
    lookups: list[str] = []

    def slow_loopback(host: str, port: int) -> list[str]:
        lookups.append(host)
        time.sleep(TIMEOUT_SECONDS / 4)
        return ["127.0.0.1"]

    strict = Settings(webhooks_allow_private=False, webhooks_timeout_seconds=TIMEOUT_SECONDS)
    worker = DeliveryWorker(None, strict, resolver=slow_loopback)  # type: ignore[arg-type]
    try:
        result = worker.send(claimed("http://sneaky.test/hook"))
    finally:
        worker.close()
    assert result.error == "refused: sneaky.test (127.0.0.1) is a loopback address", result.error
    assert lookups == ["sneaky.test"]
