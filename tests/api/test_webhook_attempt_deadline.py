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
    def url(self) -> str:
        return f"http://127.0.0.1:{self._listener.getsockname()[1]}/hook"

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
