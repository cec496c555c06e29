"""docs/examples/newsroom_client.py against a live claimledger (uvicorn on a free port, as the browser tests run it):
a quote submitted while the models still load (503 + Retry-After) and through a rate limiter (429), its verdict
and matches read; a webhook subscribed, delivered by the server's own worker and verified with the example's code."""

from __future__ import annotations

import importlib.util
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import ModuleType
from typing import Any

import httpx
import pytest

from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from service.config import Settings
from service.runtime import Runtime
from service.webhooks.signing import sign
from tests.api.conftest import SEED_CLAIM
from tests.browser.support import LiveServer
from tests.conftest import REPO_ROOT

EXAMPLE = REPO_ROOT / "docs" / "examples" / "newsroom_client.py"


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("newsroom_client", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


example = load_example()


@pytest.fixture
def server(database_url: str) -> Iterator[LiveServer]:
    settings = Settings(
        database_url=database_url,
        encoder="hashing",
        judge="rules",
        load_models_on_startup=False,
        extraction_processes=0,
        webhooks_allow_private=True,  # the newsroom's receiver below is on loopback
        webhooks_poll_seconds=0.1,
    )
    runtime = Runtime.create(settings)  # models not loaded yet: requests get 503 with Retry-After
    live = LiveServer(runtime).start()
    yield live
    live.stop()
    runtime.close()


class NewsroomReceiver:
    """The newsroom's webhook endpoint, built on the example's handle_delivery."""

    def __init__(self) -> None:
        self.secret = ""
        self.events: list[dict[str, Any]] = []
        self.rejected = 0
        self.seen: set[str] = set()
        self.arrived = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                try:
                    event = example.handle_delivery(receiver.secret, dict(self.headers.items()), body, receiver.seen)
                except ValueError:
                    receiver.rejected += 1
                    self.send_response(401)
                else:
                    if event is not None:
                        receiver.events.append(event)
                        receiver.arrived.set()
                    self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/claimledger"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class RateLimitedOnce(httpx.BaseTransport):
    """A gateway in front of the service that answers the first POST with 429 and Retry-After: 2."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.limited = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "POST" and self.limited == 0:
            self.limited += 1
            problem = {"type": "about:blank", "title": "Too Many Requests", "status": 429, "detail": "slow down"}
            return httpx.Response(429, headers={"Retry-After": "2"}, json=problem)
        return self.inner.handle_request(request)


def test_the_newsroom_example_end_to_end(server: LiveServer, capsys: pytest.CaptureFixture[str]) -> None:
    write_key, admin_key = server.api_key("read,write"), server.api_key("read,write,admin")
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        """The client's wait, recorded and cut short; the models finish loading while it waits."""
        waits.append(seconds)
        if not server.runtime.models_ready:
            server.runtime.use_models(HashingEncoder(), RuleJudge())
        time.sleep(min(seconds, 0.2))

    # The models are not loaded yet: the first request gets 503 with Retry-After.
    client = example.ClaimledgerClient(server.url, write_key, sleep=sleep, max_attempts=20)
    first = client.submit_quote(
        SEED_CLAIM["text"], "the Pentagon", source_url="https://example.org/esta-iraq", said_at="2021-04-08"
    )
    assert first["claim"]["speaker"]["name"] == "Pentagon"
    assert waits and waits[0] == 5.0  # the service's Retry-After while its models load

    # Behind a gateway that rate limits: 429, then the same request (same Idempotency-Key) goes through.
    gateway = RateLimitedOnce()
    limited = example.ClaimledgerClient(server.url, write_key, sleep=sleep, transport=gateway)
    waits.clear()
    result = limited.submit_quote(
        "The number of U.S. troops in Iraq has risen to about 10,000.", "Pentagon", idempotency_key="story-1234-q1"
    )
    assert gateway.limited == 1 and waits == [2.0]
    assert result["check"]["verdict"] == "contradicted"
    top = result["check"]["matches"][0]
    assert top["claim"]["speaker"]["name"] == "Pentagon" and top["same_speaker"] is True
    lines = example.describe(result["check"])
    assert lines[0] == "verdict: contradicted"
    assert "contradicts" in lines[1] and "(Pentagon, 2021-04-08)" in lines[1]
    # Submitting it again under the same key stores nothing new: the first reply comes back.
    again = limited.submit_quote(
        "The number of U.S. troops in Iraq has risen to about 10,000.", "Pentagon", idempotency_key="story-1234-q1"
    )
    assert again == result
    with pytest.raises(example.ClaimledgerError) as refused:
        limited.submit_quote("", "Pentagon")
    assert refused.value.status == 422

    # Webhooks: subscribe (admin key), then a contradicting quote raises a flag the server delivers.
    receiver = NewsroomReceiver()
    admin = example.ClaimledgerClient(server.url, admin_key, sleep=sleep)
    try:
        hook = admin.subscribe(receiver.url, ["flag.created"])
        receiver.secret = hook["secret"]
        client.submit_quote("U.S. troops in Iraq have risen to 10,000.", "Jane Senator", said_at="2021-09-01")
        assert receiver.arrived.wait(30), "no webhook arrived"
        [event] = receiver.events
        assert event["type"] == "flag.created"
        assert event["data"]["relation"] == "contradicts"
        assert event["data"]["claim"]["speaker"]["name"] == "Jane Senator"
        deadline = time.monotonic() + 15
        while (delivery := admin.deliveries(hook["id"])[0])["status"] != "delivered":  # recorded after the answer
            assert time.monotonic() < deadline, delivery
            time.sleep(0.1)
        assert delivery["status_code"] == 204 and delivery["attempts"] == 1
        assert receiver.rejected == 0
        # The example's check agrees with the service's signature, and refuses an altered body or another secret.
        body = json.dumps(event).encode()
        signature = sign(hook["secret"], body)
        assert example.verify_signature(hook["secret"], body, signature)
        assert not example.verify_signature(hook["secret"], body + b" ", signature)
        assert not example.verify_signature("whsec_guess", body, signature)
        with pytest.raises(ValueError, match="Signature"):
            example.handle_delivery(hook["secret"], {"X-Claimledger-Signature": "sha256=00"}, body, set())
    finally:
        receiver.close()
        for c in (client, limited, admin):
            c.close()

    # And as a script.
    assert (
        example.main(
            [
                "--url",
                server.url,
                "--key",
                write_key,
                "--quote",
                "Troops in Iraq number 10,000.",
                "--speaker",
                "Jane Senator",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.startswith("stored claim ") and "verdict: " in out and "(Pentagon, 2021-04-08)" in out
