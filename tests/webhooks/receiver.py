"""A webhook receiver for tests: a small HTTP server on 127.0.0.1 that can be down, answer errors, be slow or hang,
and checks every delivery's signature. Like a careful real receiver it dedupes on X-Claimledger-Delivery."""

from __future__ import annotations

import contextlib
import json
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from service.webhooks.signing import verify


@dataclass(frozen=True)
class Received:
    headers: dict[str, str]
    body: bytes
    signature_ok: bool
    status: int  # what the receiver answered
    path: str

    @property
    def delivery_id(self) -> str:
        return self.headers.get("x-claimledger-delivery", "")

    @property
    def json(self) -> dict[str, Any]:
        payload: dict[str, Any] = json.loads(self.body)
        return payload


@dataclass
class Receiver:
    """Bound from the start (so its URL is known) but refusing connections until ``up()``."""

    secret: str | None = None
    # Statuses to answer, in order; once used up, 200.
    answers: list[int] = field(default_factory=list)
    answer_headers: dict[str, str] = field(default_factory=dict)  # sent with every answer
    received: list[Received] = field(default_factory=list)
    server_names: list[str | None] = field(default_factory=list)  # TLS: the SNI of every handshake
    # Seconds each request is held before it is answered: a slow receiver, or (longer than the sender's timeout) one
    # that hangs; close() lets every held request go.
    hold: float = 0.0
    _sock: socket.socket = field(init=False)
    _port: int = field(init=False)
    _server: ThreadingHTTPServer | None = field(default=None, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _closing: threading.Event = field(default_factory=threading.Event, init=False)

    def __post_init__(self) -> None:
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self._port = int(self._sock.getsockname()[1])  # kept: wrapping the socket for TLS detaches this one

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def url_for(self, host: str, scheme: str = "http") -> str:
        return f"{scheme}://{host}:{self.port}/hooks"

    def up(self, tls: ssl.SSLContext | None = None) -> Receiver:
        """Start answering; with ``tls`` (a server context holding a certificate), over HTTPS."""
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                headers = {k.lower(): v for k, v in self.headers.items()}
                status = receiver._record(headers, body, self.path)
                if receiver.hold:
                    receiver._closing.wait(receiver.hold)
                with contextlib.suppress(OSError):  # a sender that gave up on a held request has hung up
                    self.send_response(status)
                    for name, value in receiver.answer_headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", "0")
                    self.end_headers()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler, bind_and_activate=False)
        server.socket.close()
        server.socket = self._sock
        server.server_name, server.server_port = "127.0.0.1", self.port
        server.server_activate()
        if tls is not None:
            tls.sni_callback = lambda _sock, name, _ctx: receiver.server_names.append(name)
            server.socket = tls.wrap_socket(server.socket, server_side=True)
        threading.Thread(target=server.serve_forever, name="webhook-receiver", daemon=True).start()
        self._server = server
        return self

    def close(self) -> None:
        self._closing.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        else:
            self._sock.close()

    def _record(self, headers: dict[str, str], body: bytes, path: str) -> int:
        with self._lock:
            ok = self.secret is not None and verify(self.secret, body, headers.get("x-claimledger-signature"))
            status = self.answers.pop(0) if self.answers else 200
            self.received.append(Received(headers, body, ok, status, path))
            return status

    def processed(self) -> dict[str, Received]:
        """What a deduping receiver acts on: the first signed request of each delivery id that it acknowledged."""
        with self._lock:
            out: dict[str, Received] = {}
            for item in self.received:
                if item.signature_ok and 200 <= item.status < 300:
                    out.setdefault(item.delivery_id, item)
            return out

    def wait_for(self, condition: Callable[[Receiver], bool], timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition(self):
            if time.monotonic() > deadline:
                raise AssertionError(f"the receiver never saw what it waited for; it got {len(self.received)}")
            time.sleep(0.05)
