"""A new speaker's key is looked up before its lock is taken (PostgreSQL). A writer that made the same speaker and
committed between that look-up and the lock left no lock to wait for, so the absence read before was trusted: a
second ``POST /v1/sources`` of one name answered 201 for the winner's source instead of 409 (seen once in CI, under
load: ``test_a_source_registered_by_several_clients_at_once_is_201_once_and_409_after``)."""

from __future__ import annotations

from collections.abc import Iterable

import pytest
from fastapi.testclient import TestClient

from db.repositories.sources import SourceRepository
from service.runtime import Runtime
from service.services.speakers import SpeakerService


def test_a_source_made_and_committed_between_look_up_and_lock_is_409(
    client: TestClient, runtime: Runtime, writer: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    if runtime.engine.dialect.name != "postgresql":
        pytest.skip("SQLite's write transaction admits one writer from its start: no key locks, no window")
    real_hold_keys = SourceRepository.hold_keys
    other_writer_done: list[str] = []

    def another_writer_commits_first(self: SourceRepository, keys: Iterable[str]) -> bool:
        wanted = list(keys)
        if wanted and not other_writer_done:
            with runtime.db.write() as session:  # another client's whole request, committed in the window
                other_writer_done.append(SpeakerService(session).resolve("Window Source").id)
        return real_hold_keys(self, wanted)

    monkeypatch.setattr(SourceRepository, "hold_keys", another_writer_commits_first)
    response = client.post("/v1/sources", json={"name": "Window Source"}, headers=writer)
    assert other_writer_done, "the other writer never ran: the window moved"
    assert response.status_code == 409, response.text
