"""Secrets the service makes for itself: made once, kept (0600), the same for every process that asks."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from service.config import Settings
from service.secrets import SECRET_BYTES, get_or_create_secret


def _secret_in(folder: str) -> bytes:
    return get_or_create_secret("shared", Settings(secrets_dir=Path(folder)))


def test_made_once_and_kept(tmp_path: Path) -> None:
    settings = Settings(secrets_dir=tmp_path / "secrets")
    first = get_or_create_secret("ui-session", settings)
    assert len(first) == SECRET_BYTES
    assert get_or_create_secret("ui-session", settings) == first
    assert get_or_create_secret("webhooks", settings) != first
    path = tmp_path / "secrets" / "ui-session.key"
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in path.parent.iterdir()) == ["ui-session.key", "webhooks.key"]  # no leftovers


def test_processes_starting_together_agree(tmp_path: Path) -> None:
    with multiprocessing.get_context("spawn").Pool(4) as pool:
        secrets = pool.map(_secret_in, [str(tmp_path)] * 8)
    assert len(set(secrets)) == 1


def test_a_damaged_secret_is_an_error_not_a_new_secret(tmp_path: Path) -> None:
    (tmp_path / "ui-session.key").write_text("abc\n")
    with pytest.raises(RuntimeError, match="no usable secret"):
        get_or_create_secret("ui-session", Settings(secrets_dir=tmp_path))


def test_names_are_plain(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="secret names"):
        get_or_create_secret("../escape", Settings(secrets_dir=tmp_path))
