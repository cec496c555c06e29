"""The reconciliation on a blank database per test (both backends), with the hashing encoder and the rule judge."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from service.config import Settings
from service.runtime import Runtime

# The API fixtures (an app on `runtime`, keys with scopes) are the API suite's own; here they use this `runtime`.
from tests.api.conftest import client, make_key  # noqa: F401
from tests.conftest import SHARED_DIR
from tests.reconcile.corpus import CorpusClaim, build_corpus


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


@pytest.fixture(scope="module")
def ray_cluster() -> Iterator[None]:
    """One local Ray on loopback for a module that asks for it (starting one costs seconds); its engines reuse it."""
    ray = pytest.importorskip("ray")
    ray.init(num_cpus=2, include_dashboard=False, _node_ip_address="127.0.0.1", log_to_driver=False)
    yield
    ray.shutdown()


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
