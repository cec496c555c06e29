"""The reconciliation on a blank database per test (both backends), with the hashing encoder and the rule judge."""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from embeddings.encoder import Encoder, HashingEncoder, load_encoder
from embeddings.judge import Judge
from embeddings.rule_judge import RuleJudge
from reconcile.engines import _keeping_sigterm_handler
from service.config import Settings
from service.runtime import Runtime, load_judge

# The API fixtures (an app on `runtime`, keys with scopes) are the API suite's own; here they use this `runtime`.
from tests.api.conftest import client, make_key  # noqa: F401
from tests.conftest import SHARED_DIR
from tests.reconcile.corpus import CorpusClaim, build_corpus

# What a gRPC server (Ray's GCS) sends first on a connection: an empty HTTP/2 SETTINGS frame.
GRPC_FIRST_ANSWER = b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"


@contextmanager
def answering_server(answer: bytes) -> Iterator[str]:
    """A loopback server that sends ``answer`` on every connection (``GRPC_FIRST_ANSWER``: as a Ray head would), for
    the tests of what the Ray address probe lets through; its ``host:port``."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.1)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.sendall(answer)

    thread = threading.Thread(target=serve, name="answering-server", daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        server.close()


def reconcile_settings(database_url: str, tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "encoder": "hashing",
        "judge": "rules",
        "load_models_on_startup": False,
        "reports_dir": tmp_path / "reports",
        "reconcile_chunk_size": 7,
        "reconcile_overlap_seconds": 0.0,
        **overrides,
    }
    return Settings.model_validate(values)


@pytest.fixture
def ray_cluster() -> None:
    """A local Ray on loopback, started by the first test of this process that asks for it and kept to the end of its
    tests (pytest_sessionfinish below). A start costs seconds, and the actors of each run (reconcile/engines.py) 7 s
    to 17 s more for their models; kept only for the Ray tests right after each other, it was started again at each
    of the seven places the Ray tests come in the workers' order. Kept, the engine keeps its actors from run to run
    too. Idle, with its actors, it takes about 3% of a core. The test process keeps its own SIGTERM handler."""
    ray = pytest.importorskip("ray")
    if not ray.is_initialized():
        with _keeping_sigterm_handler():
            ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    ray = sys.modules.get("ray")
    if ray is not None and ray.is_initialized():
        ray.shutdown()


@pytest.fixture(scope="session")
def minilm() -> Encoder:
    """MiniLM, loaded once per test process for the wire-copy tests (it keeps no state). Kept per module, it was loaded
    again for each run of a module's tests: the Ray tests run apart from the rest of their modules (LONG_RUNNING)."""
    return load_encoder("minilm")


@pytest.fixture(scope="module")
def hybrid() -> Judge:
    """The shipped hybrid judge, loaded once per module of the tests that settle real judgements."""
    return load_judge(Settings(database_url="sqlite://", load_models_on_startup=False))


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return reconcile_settings(database_url, tmp_path)


@pytest.fixture
def runtime(settings: Settings) -> Iterator[Runtime]:
    rt = Runtime.create(settings)
    rt.use_models(HashingEncoder(), RuleJudge())
    yield rt
    rt.close()


@pytest.fixture(scope="session")
def corpus() -> tuple[list[CorpusClaim], set[tuple[str, str, str]]]:
    return build_corpus(SHARED_DIR if SHARED_DIR.is_dir() else None)
