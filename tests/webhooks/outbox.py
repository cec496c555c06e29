"""A runtime whose webhook deliveries stay in the outbox (no worker sends them), on the stand-in models: tests read
the payloads there."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from service.config import Settings
from service.runtime import Runtime


def outbox_runtime(database_url: str, **overrides: Any) -> Iterator[Runtime]:
    """For a fixture to ``yield from``: the runtime (with any settings ``overrides``), closed when the test ends."""
    settings = Settings(
        database_url=database_url,
        encoder="hashing",
        judge="rules",
        load_models_on_startup=False,
        webhooks_allow_private=True,
        webhooks_worker=False,
        **overrides,
    )
    rt = Runtime.create(settings)
    rt.use_models(HashingEncoder(), RuleJudge())
    yield rt
    rt.close()
