"""Concurrent writers never lose or duplicate a claim: real threads against the real database."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient


def test_concurrent_writers_lose_and_duplicate_nothing(client: TestClient, writer: dict[str, str]) -> None:
    def post(i: int) -> tuple[int, str]:
        body = {"text": f"Concurrent claim {i}.", "speaker": "New Speaker", "external_id": f"c{i % 20}"}
        response = client.post("/v1/claims", json=body, headers=writer)
        return response.status_code, response.json()["id"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(post, range(60)))
    assert all(status == 201 for status, _ in results), results  # a known external_id answers as a new one does
    ids_by_external: dict[str, set[str]] = {}
    for i, (_, claim_id) in enumerate(results):
        ids_by_external.setdefault(f"c{i % 20}", set()).add(claim_id)
    assert all(len(ids) == 1 for ids in ids_by_external.values())
    listed = client.get("/v1/claims", params={"limit": 500}, headers=writer).json()["items"]
    assert len(listed) == 20
    assert len({c["speaker"]["id"] for c in listed}) == 1


def test_concurrent_idempotent_retries_create_once(client: TestClient, writer: dict[str, str]) -> None:
    headers = {**writer, "Idempotency-Key": "same-key"}
    body = {"text": "Only once.", "speaker": "Someone"}

    def post(_: int) -> tuple[int, str]:
        response = client.post("/v1/claims", json=body, headers=headers)
        return response.status_code, response.json()["id"]

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(post, range(12)))
    assert {status for status, _ in results} == {201}
    assert len({claim_id for _, claim_id in results}) == 1
    assert len(client.get("/v1/claims", headers=writer).json()["items"]) == 1


def test_concurrent_bulk_batches_all_land(client: TestClient, writer: dict[str, str]) -> None:
    def post(batch: int) -> list[str]:
        claims = [{"text": f"Batch {batch} claim {i}.", "speaker": f"Speaker {i % 4}"} for i in range(25)]
        response = client.post("/v1/claims/bulk", json={"claims": claims}, headers=writer)
        assert response.status_code == 200, response.text
        ids: list[str] = response.json()["ids"]
        return ids

    with ThreadPoolExecutor(max_workers=4) as pool:
        batches = list(pool.map(post, range(8)))
    all_ids = [i for batch in batches for i in batch]
    assert len(all_ids) == len(set(all_ids)) == 200
    listed = client.get("/v1/claims", params={"limit": 500}, headers=writer).json()["items"]
    assert len(listed) == 200
    sources = client.get("/v1/sources", headers=writer).json()["items"]
    assert sorted(s["name"] for s in sources) == ["Speaker 0", "Speaker 1", "Speaker 2", "Speaker 3"]
