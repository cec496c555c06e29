"""The server starts its extraction worker while it loads the models, so /readyz says ready only once the first
article would not wait seconds for a worker process to spawn and load spaCy."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import service.runtime as runtime_module
from db.migrate import upgrade
from service.config import Settings
from service.runtime import Runtime


@pytest.fixture
def runtime_with_lent_models(
    real_models: Runtime, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[Runtime]:
    """A server's runtime on a blank record whose loaders hand out the session's models (loading them again would
    take seconds). The worker's start-up does not depend on the backend: SQLite only."""
    monkeypatch.setattr(runtime_module, "load_encoder", lambda *args, **kwargs: real_models.encoder)
    monkeypatch.setattr(runtime_module, "load_judge", lambda *args, **kwargs: real_models.judge)
    url = f"sqlite:///{tmp_path / 'record.db'}"
    upgrade(url)
    settings = Settings(database_url=url, load_models_on_startup=False, extraction_processes=1)
    runtime = Runtime.create(settings)
    yield runtime
    runtime.close()


def test_the_server_load_starts_the_extraction_worker_before_it_is_ready(runtime_with_lent_models: Runtime) -> None:
    runtime = runtime_with_lent_models
    runtime.load_models_in_background().join(timeout=120)
    assert runtime.models_ready, runtime.load_error
    assert runtime.models.extraction.started
    claims = runtime.models.extraction.extract('"We will appeal the ruling," the mayor said on Monday.')
    assert [claim.speaker.mention for claim in claims] == ["the mayor"]


def test_a_batch_load_starts_no_extraction_worker(runtime_with_lent_models: Runtime) -> None:
    """The worker and the nightly job load the models too, and never read an article."""
    runtime = runtime_with_lent_models
    runtime.load_models()
    assert runtime.models_ready, runtime.load_error
    assert not runtime.models.extraction.started


def test_a_load_reads_the_signals_wordnet_tables(runtime_with_lent_models: Runtime) -> None:
    """The WordNet tables every judge's signals read (over half a second, with the unattested nouns) are read
    with the models, so the first request after /readyz does not pay for them."""
    from embeddings.signals import wordnet

    for table in (wordnet._words, wordnet._hypernyms, wordnet._irregular_verb_bases):
        table.cache_clear()
    runtime_with_lent_models.load_models()
    assert runtime_with_lent_models.models_ready, runtime_with_lent_models.load_error
    assert wordnet._words.cache_info().currsize == 1
    assert wordnet._hypernyms.cache_info().currsize == 1
