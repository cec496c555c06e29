"""The real models, loaded once per test process and lent to each test's own runtime on its own blank database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from service.config import Settings
from service.runtime import Runtime


@pytest.fixture(scope="session")
def real_models() -> Iterator[Runtime]:
    runtime = Runtime.create(Settings(database_url="sqlite://", load_models_on_startup=False))
    runtime.load_models()
    assert runtime.models_ready, runtime.load_error
    yield runtime
    runtime.close()
