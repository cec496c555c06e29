"""Audit h95: a `--ray-address` in no form Ray takes, `auto` with no cluster running, and a cluster that refuses the
driver (token authentication) each say what is wrong in one line. Before, the first two loaded the models, printed
Ray's traceback and left a failed run behind; the third failed after seconds of Ray's warnings with only "Failed to
connect to Ray cluster at ADDRESS"."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from db.models import ReconciliationRun
from reconcile.cli import EXIT_FAILED, EXIT_USAGE, run_from_cli
from reconcile.engines import (
    RayAddressInvalidError,
    RayClusterUnreachableError,
    RayConnection,
    RayConnectionRefusedError,
    probe_ray_address,
)
from service.config import Settings
from service.runtime import Runtime
from tests.reconcile.conftest import GRPC_FIRST_ANSWER, answering_server
from tests.reconcile.corpus import CorpusClaim, load_corpus

Corpus = tuple[list[CorpusClaim], set[tuple[str, str, str]]]


@pytest.fixture
def listening_address() -> Iterator[str]:
    """Something answers gRPC's greeting here (as a Ray head would), so the probe lets the address through."""
    with answering_server(GRPC_FIRST_ANSWER) as address:
        yield address


@pytest.mark.parametrize("address", ["garbage:::", "localhost", "http://127.0.0.1:8265", "127.0.0.1:70000"])
def test_a_ray_address_in_no_form_ray_takes_is_refused_as_a_bad_argument(address: str) -> None:
    with pytest.raises(RayAddressInvalidError, match="is not host:port, ray://host:port or auto"):
        probe_ray_address(address)


@pytest.mark.parametrize("address", ["garbage:::", "localhost"])
def test_the_command_refuses_a_malformed_ray_address_before_the_models_load_and_records_no_run(
    runtime: Runtime, settings: Settings, corpus: Corpus, address: str, capsys: pytest.CaptureFixture[str]
) -> None:
    load_corpus(runtime.session_factory, corpus[0][:3])
    code = run_from_cli(None, False, settings=settings, engine="ray", ray_address=address)
    err = capsys.readouterr().err
    assert code == EXIT_USAGE, err
    assert "Traceback" not in err and "loading models" not in err
    assert [line for line in err.splitlines() if line.startswith("error:")] == [
        f"error: the Ray address {address!r} is not host:port, ray://host:port or auto"
    ]
    with runtime.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ReconciliationRun)) == 0


def test_auto_with_no_cluster_running_is_an_unreachable_cluster_in_one_line(
    runtime: Runtime, settings: Settings, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Ray's own "Could not find any running Ray instance" came as a traceback after the models loaded."""
    pytest.importorskip("ray")
    from ray._private import services

    def nothing_running(address: str) -> str:
        raise ConnectionError("Could not find any running Ray instance. Please specify the one to connect to.")

    monkeypatch.setattr(services, "canonicalize_bootstrap_address", nothing_running)
    with pytest.raises(RayClusterUnreachableError, match="no Ray cluster answers at auto: Could not find"):
        probe_ray_address("auto")
    assert run_from_cli(None, False, settings=settings, engine="ray", ray_address="auto") == EXIT_FAILED
    err = capsys.readouterr().err
    assert "Traceback" not in err and "loading models" not in err, err
    with runtime.session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ReconciliationRun)) == 0


def test_auto_probes_the_cluster_ray_finds(monkeypatch: pytest.MonkeyPatch, listening_address: str) -> None:
    pytest.importorskip("ray")
    from ray._private import services

    monkeypatch.setattr(services, "canonicalize_bootstrap_address", lambda address: listening_address)
    probe_ray_address("auto")


def test_a_cluster_that_refuses_a_driver_without_a_token_names_ray_auth_mode(
    settings: Settings, monkeypatch: pytest.MonkeyPatch, listening_address: str
) -> None:
    """`ray start --head` turns token authentication on once ~/.ray/auth_token exists (any local Ray run writes it);
    Ray sends no token to an explicit address unless RAY_AUTH_MODE=token, and its refusal read only "Failed to
    connect to Ray cluster at ...". The error now says what to set."""
    ray = pytest.importorskip("ray")
    if ray.is_initialized():
        pytest.skip("Ray is initialised in this process: the connection would use it")

    def refused(**_kwargs: Any) -> None:
        raise ConnectionError(f"Failed to connect to Ray cluster at {listening_address}")

    monkeypatch.setattr(ray, "init", refused)
    monkeypatch.delenv("RAY_AUTH_MODE", raising=False)
    connection = RayConnection(listening_address)
    with pytest.raises(RayConnectionRefusedError, match="RAY_AUTH_MODE=token") as refusal:
        connection.ensure(settings)
    assert str(refusal.value).startswith(f"Failed to connect to Ray cluster at {listening_address}")
    assert not connection.started
    monkeypatch.setenv("RAY_AUTH_MODE", "token")  # set: the cause is elsewhere, Ray's words alone
    with pytest.raises(RayConnectionRefusedError) as refusal:
        connection.ensure(settings)
    assert "RAY_AUTH_MODE" not in str(refusal.value)
