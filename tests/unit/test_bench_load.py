"""benchmarks/bench_load.py's server options: ``--workers`` and ``--torch-threads`` reach ``claimledger serve``, the
defaults add nothing, and with several processes the per-phase model work is marked unavailable, not misread."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import httpx
import pytest

from benchmarks import bench_load
from benchmarks.bench_load import MODELS_UNAVAILABLE, Server, model_totals, model_work, process_tree_rss, server_options


def test_the_defaults_add_no_argument_and_no_environment() -> None:
    assert server_options(1, None) == ([], {})


def test_workers_and_threads_become_a_serve_argument_and_the_torch_setting() -> None:
    assert server_options(2, 1) == (["--workers", "2"], {"CLAIMLEDGER_TORCH_THREADS": "1"})
    assert server_options(1, 1) == ([], {"CLAIMLEDGER_TORCH_THREADS": "1"})
    for workers, threads in ((0, None), (1, 0)):
        with pytest.raises(ValueError, match="at least 1"):
            server_options(workers, threads)


def test_an_impossible_option_stops_before_any_work(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        bench_load.main(["--workers", "0"])
    assert stopped.value.code == 2
    assert "--workers must be at least 1" in capsys.readouterr().err


class _Popen:
    def __init__(self, argv: list[str], env: dict[str, str], **_: Any) -> None:
        self.argv, self.env, self.pid = argv, env, 0

    def terminate(self) -> None:
        pass

    def wait(self, _timeout: float) -> int:
        return 0


def _server(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, workers: int, threads: int | None) -> Server:
    """A ``Server`` whose subprocesses and readiness probe are stand-ins: what it would have run, recorded."""
    monkeypatch.setattr(
        subprocess, "run", lambda argv, **_: subprocess.CompletedProcess(argv, 0, stdout="key-1\n", stderr="")
    )
    monkeypatch.setattr(subprocess, "Popen", _Popen)
    monkeypatch.setattr(httpx, "get", lambda url, **_: httpx.Response(200, request=httpx.Request("GET", url)))
    serve_args, serve_env = server_options(workers, threads)
    return Server(tmp_path, serve_env, serve_args)


def test_the_server_is_started_with_the_options(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    server = _server(monkeypatch, tmp_path, 2, 1)
    process = server.process
    assert isinstance(process, _Popen)
    assert process.argv[1:] == ["serve", "--port", str(server.port), "--workers", "2"]
    assert process.env["CLAIMLEDGER_TORCH_THREADS"] == "1"
    assert server.workers == 2


def test_the_default_server_is_started_as_before(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("CLAIMLEDGER_TORCH_THREADS", raising=False)
    server = _server(monkeypatch, tmp_path, 1, None)
    process = server.process
    assert isinstance(process, _Popen)
    assert process.argv[1:] == ["serve", "--port", str(server.port)]
    assert "CLAIMLEDGER_TORCH_THREADS" not in process.env
    assert server.workers == 1


def test_several_processes_report_the_model_work_as_unavailable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    server = _server(monkeypatch, tmp_path, 2, 1)
    monkeypatch.setattr(httpx, "get", lambda *_, **__: pytest.fail("a scrape reaches one process only"))
    assert model_totals(server) is None
    assert model_work(None, None) == {"unavailable": MODELS_UNAVAILABLE}


def test_one_process_reports_the_model_work_between_scrapes() -> None:
    before = {"encoder_seconds_count": 2.0, "encoder_size_sum": 5.0, "encoder_seconds_sum": 0.5}
    after = {"encoder_seconds_count": 6.0, "encoder_size_sum": 9.0, "encoder_seconds_sum": 1.25, "judge_size_sum": 12}
    work = model_work(before, after)
    assert work["encoder"] == {"calls": 4, "items": 4, "seconds": 0.75}
    assert work["judge"] == {"calls": 0, "items": 12, "seconds": 0.0}


def _process(proc: Path, pid: int, parent: int, rss_kb: int | None, command: str) -> None:
    folder = proc / str(pid)
    folder.mkdir()
    rss = f"VmRSS:\t{rss_kb} kB\n" if rss_kb is not None else ""
    (folder / "status").write_text(f"Name:\tpython\nPid:\t{pid}\nPPid:\t{parent}\n{rss}", encoding="utf-8")
    (folder / "cmdline").write_bytes(command.replace(" ", "\0").encode() + b"\0")


def test_the_server_memory_covers_its_whole_process_tree_and_nothing_else(tmp_path: Path) -> None:
    _process(tmp_path, 10, 1, 102_400, "claimledger serve --workers 2")
    _process(tmp_path, 11, 10, 512_000, "python -c spawn_main")
    _process(tmp_path, 12, 11, None, "zombie")
    _process(tmp_path, 13, 10, 204_800, "python -c spawn_main")
    _process(tmp_path, 14, 1, 999_999, "a neighbour")
    found = process_tree_rss(10, tmp_path)
    assert [p["pid"] for p in found] == [10, 11, 13, 12]
    assert [p["rss_mb"] for p in found] == [100.0, 500.0, 200.0, 0.0]
    assert found[0]["command"] == "claimledger serve --workers 2"
    assert process_tree_rss(99, tmp_path) == []
