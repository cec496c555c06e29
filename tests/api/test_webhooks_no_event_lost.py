"""No event lost: `claimledger serve` is SIGKILLed after a flag has committed but before its webhook was recorded as
delivered; a worker started afterwards (`claimledger webhooks deliver`) delivers it, signed, and a receiver that
dedupes on X-Claimledger-Delivery acts on it exactly once.

The server stops at a known point through the test hook CLAIMLEDGER_WEBHOOKS_PAUSE_AT: ``before_post`` (the
delivery is claimed, nothing sent yet) or ``after_post`` (the receiver has it, the answer is not recorded: it is
sent again under the same delivery id).
"""

from __future__ import annotations

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from db.engine import make_engine, make_session_factory
from db.models import Flag, WebhookDelivery
from service.services.keys import KeyService
from service.webhooks.delivery import INTERRUPTED
from tests.api.conftest import SEED_CLAIM
from tests.conftest import REPO_ROOT
from tests.webhooks.receiver import Receiver

STARTUP_TIMEOUT = 180.0
LEASE_SECONDS = 3


class Process:
    """A `python -m service.cli ...` subprocess with its stderr read line by line (the worktree's code: cwd)."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.popen = subprocess.Popen(
            [sys.executable, "-m", "service.cli", *args],
            cwd=REPO_ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.popen.stderr is not None
        for line in self.popen.stderr:
            self.lines.put(line)
        self.lines.put("")  # EOF

    def wait_for_line(self, pattern: str, timeout: float = STARTUP_TIMEOUT) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"never saw {pattern!r}; stderr: {''.join(self.seen)[-3000:]}") from None
            self.seen.append(line)
            if (match := re.search(pattern, line)) is not None:
                return match
            if line == "":
                raise AssertionError(f"exited ({self.popen.wait()}) before {pattern!r}: {''.join(self.seen)[-3000:]}")

    def stop(self, how: signal.Signals = signal.SIGKILL) -> int:
        if self.popen.poll() is None:
            self.popen.send_signal(how)
        return self.popen.wait(timeout=30)


def service_env(database_url: str, tmp_path: Path, pause_at: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CLAIMLEDGER_WEBHOOKS_")}
    env.update(
        {
            "CLAIMLEDGER_DATABASE_URL": database_url,
            "CLAIMLEDGER_ENCODER": "hashing",
            "CLAIMLEDGER_JUDGE": "rules",
            "CLAIMLEDGER_EXTRACTION_PROCESSES": "0",
            "CLAIMLEDGER_REPORTS_DIR": str(tmp_path / "reports"),
            "CLAIMLEDGER_WEBHOOKS_ALLOW_PRIVATE": "true",
            "CLAIMLEDGER_WEBHOOKS_POLL_SECONDS": "0.2",
            "CLAIMLEDGER_WEBHOOKS_TIMEOUT_SECONDS": "2",
            "CLAIMLEDGER_WEBHOOKS_LEASE_SECONDS": str(LEASE_SECONDS),
            "CLAIMLEDGER_WEBHOOKS_PAUSE_AT": pause_at,
        }
    )
    return env


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver().up()
    yield r
    r.close()


def wait_ready(base: str) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("the server never became ready")


@pytest.mark.parametrize("pause_at", ["before_post", "after_post"])
def test_a_flag_committed_before_a_crash_is_delivered_after_restart_exactly_once(
    database_url: str, tmp_path: Path, receiver: Receiver, pause_at: str
) -> None:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            _, token = KeyService(session).create("kill-test", ["read", "write", "admin"])
            session.commit()
        headers = {"Authorization": f"Bearer {token}"}

        server = Process(["serve", "--port", "0", "--no-batch-worker"], service_env(database_url, tmp_path, pause_at))
        try:
            base = server.wait_for_line(r"Uvicorn running on (http://\S+)").group(1)
            wait_ready(base)
            hook = httpx.post(
                f"{base}/v1/webhooks", json={"url": receiver.url, "events": ["flag.created"]}, headers=headers
            )
            assert hook.status_code == 201, hook.text
            receiver.secret = hook.json()["secret"]
            assert httpx.post(f"{base}/v1/claims", json=SEED_CLAIM, headers=headers, timeout=30).status_code == 201
            quote = {"quote": "The number of U.S. troops in Iraq has risen to about 10,000.", "speaker": "Pentagon"}
            reply = httpx.post(f"{base}/v1/quotes", json=quote, headers=headers, timeout=30)
            assert reply.status_code == 201, reply.text  # the flag and its delivery row have committed
            delivery_id = server.wait_for_line(rf"webhooks: paused {pause_at} (\S+)", timeout=60).group(1)
            assert server.stop(signal.SIGKILL) == -signal.SIGKILL
        finally:
            server.stop(signal.SIGKILL)

        with make_session_factory(engine)() as session:
            flag = session.scalars(select(Flag)).one()
            row = session.scalars(select(WebhookDelivery)).one()
            assert row.id == delivery_id
            # Claimed by the dead process, its outcome never recorded: still pending, the attempt still open.
            assert (row.status, row.attempts, row.delivered_at) == ("pending", 1, None)
            assert row.claim_token is not None
            assert [(a.number, a.status_code, a.error) for a in row.attempt_log] == [(1, None, None)]
        sent_before_crash = len(receiver.received)
        assert sent_before_crash == (1 if pause_at == "after_post" else 0)

        worker = Process(["webhooks", "deliver"], service_env(database_url, tmp_path, "none"))
        try:
            # The dead worker's lease runs out, then the new worker takes the delivery.
            receiver.wait_for(lambda r: len(r.received) == sent_before_crash + 1, timeout=LEASE_SECONDS + 60)
            deadline = time.monotonic() + 30
            while True:
                with make_session_factory(engine)() as session:
                    found = session.get(WebhookDelivery, delivery_id)
                    assert found is not None
                    if found.status == "delivered":
                        break
                assert time.monotonic() < deadline, "the delivery was never recorded as delivered"
                time.sleep(0.1)
            assert (found.attempts, found.status_code) == (2, 200)
            # The delivery log shows both attempts: the one the crash cut short, and the one that got through.
            log = [(a.number, a.status_code, a.error) for a in found.attempt_log]
            assert log == [(1, None, INTERRUPTED), (2, 200, None)]
            time.sleep(1.0)  # nothing more arrives
            assert worker.stop(signal.SIGTERM) == 0  # a clean stop on SIGTERM
        finally:
            worker.stop(signal.SIGKILL)
    finally:
        engine.dispose()

    # One delivery id for the one event; every request carried it, signed; acted on exactly once.
    assert {r.delivery_id for r in receiver.received} == {delivery_id}
    assert all(r.signature_ok for r in receiver.received)
    assert len(receiver.received) == sent_before_crash + 1
    processed = receiver.processed()
    assert list(processed) == [delivery_id]
    event: dict[str, Any] = json.loads(processed[delivery_id].body)
    assert event["type"] == "flag.created"
    assert event["data"]["id"] == flag.id
    assert event["data"]["kind"] == "self_contradiction"
