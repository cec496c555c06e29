"""Secrets the service makes for itself: generated at random on first use and kept, so they survive restarts.

A secret lives in ``settings.secrets_dir / <name>.key`` (mode 0600). Two processes starting at once agree on
one: each writes a candidate to a private temporary file and links it into place; the link fails for all but
the first, and the others read the winner's. Nothing here has a default value: an unset secret is generated,
never guessed.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import tempfile
from pathlib import Path

from service.config import Settings, get_settings

SECRET_BYTES = 32
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")


def get_or_create_secret(name: str, settings: Settings | None = None) -> bytes:
    """The secret called ``name``, created (``SECRET_BYTES`` random bytes, hex-encoded on disk) if absent."""
    if not _NAME.match(name):
        raise ValueError(f"secret names are short lowercase words, not {name!r}")
    folder = (settings or get_settings()).secrets_dir
    path = folder / f"{name}.key"
    existing = _read(path)
    if existing is not None:
        return existing
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    candidate = secrets.token_hex(SECRET_BYTES)
    fd, partial = tempfile.mkstemp(prefix=f".{name}.", dir=folder)  # created 0600
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(candidate + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileExistsError):  # another process made it first: theirs is kept
            os.link(partial, path)  # atomic, and never replaces an existing file
    finally:
        os.unlink(partial)
    stored = _read(path)
    if stored is None:
        raise RuntimeError(f"the secret {name!r} could not be kept in {path}")
    return stored


def _read(path: Path) -> bytes | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    if len(text) < 2 * SECRET_BYTES:
        raise RuntimeError(f"{path} holds no usable secret (too short); remove it to have a new one made")
    return bytes.fromhex(text)
