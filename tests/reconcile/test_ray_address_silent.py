"""Audit h126: a `--ray-address` where something accepts connections but is no Ray cluster that answers (a head whose
GCS hangs or is stopped, or another service on the port) failed in seconds only when nothing listened there. The
TCP probe let it through, and `ray.init` then retried the cluster id for about 13 minutes (20 tries of 40 s), the
run `running` and the lock held meanwhile. The probe now asks for gRPC's first answer (an HTTP/2 SETTINGS frame,
which Ray's GCS sends at once) and says in one line what it found instead."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from reconcile.engines import RayClusterUnreachableError, probe_ray_address
from tests.reconcile.conftest import GRPC_FIRST_ANSWER, answering_server


@contextmanager
def silent_server() -> Iterator[str]:
    """Accepts connections (the kernel does, from its backlog) and never answers: a stopped or hung head."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        yield f"127.0.0.1:{server.getsockname()[1]}"


def test_a_listener_that_never_answers_is_no_ray_cluster_and_is_said_so_in_seconds() -> None:
    with silent_server() as address:
        started = time.monotonic()
        with pytest.raises(RayClusterUnreachableError, match=rf"no Ray cluster answers at {address}: .*no answer"):
            probe_ray_address(address, timeout_s=1.0)
        assert time.monotonic() - started < 5


@pytest.mark.parametrize("address_form", ["{}", "ray://{}"])
def test_a_service_that_is_not_ray_is_said_to_be_no_ray_cluster(address_form: str) -> None:
    with (
        answering_server(b"HTTP/1.1 400 Bad Request\r\n\r\n") as address,
        pytest.raises(RayClusterUnreachableError, match=r"no Ray cluster answers at .*not gRPC"),
    ):
        probe_ray_address(address_form.format(address), timeout_s=1.0)


def test_a_grpc_server_passes_the_probe() -> None:
    with answering_server(GRPC_FIRST_ANSWER) as address:
        probe_ray_address(address, timeout_s=1.0)
        probe_ray_address(f"ray://{address}", timeout_s=1.0)


def test_with_tls_the_probe_only_connects(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ray with RAY_USE_TLS answers a TLS handshake, not HTTP/2 in the clear: the probe does not judge what it says."""
    monkeypatch.setenv("RAY_USE_TLS", "1")
    with silent_server() as address:
        probe_ray_address(address, timeout_s=1.0)


def test_the_answering_server_helper_answers_every_connection() -> None:
    """The helper the Ray address tests share: each connection gets the answer (several probes run per test)."""
    with answering_server(b"xyz") as address:
        host, port = address.rsplit(":", 1)
        for _ in range(3):
            with socket.create_connection((host, int(port)), timeout=2) as conn:
                assert conn.recv(3) == b"xyz"
    assert not any(t.name == "answering-server" and t.is_alive() for t in threading.enumerate())
