"""Claims over REST: create, validation, idempotency, bulk all-or-nothing, listing and pagination."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient

from db.hnsw import hnsw_ready
from service.runtime import Runtime
from tests.api.conftest import SEED_CLAIM
from tests.conftest import drop_hnsw


def test_create_claim_returns_the_stored_claim_with_its_speaker(client: TestClient, writer: dict[str, str]) -> None:
    response = client.post("/v1/claims", json=SEED_CLAIM, headers=writer)
    assert response.status_code == 201, response.text
    body = response.json()
    uuid.UUID(body["id"])
    assert body["text"] == SEED_CLAIM["text"]
    assert body["speaker"]["name"] == "Pentagon"
    uuid.UUID(body["speaker"]["id"])
    assert body["said_at"] == "2021-04-08"
    assert body["kind"] == "indirect_quote"
    assert body["source_url"] == "https://example.org/esta-iraq"
    assert body["metadata"] == {}
    assert "+00:00" in body["created_at"] or body["created_at"].endswith("Z")
    fetched = client.get(f"/v1/claims/{body['id']}", headers=writer)
    assert fetched.status_code == 200
    assert fetched.json() == body


def test_known_name_or_alias_resolves_to_the_same_source(client: TestClient, writer: dict[str, str]) -> None:
    first = client.post("/v1/claims", json={**SEED_CLAIM, "speaker": "the Pentagon"}, headers=writer).json()
    second = client.post("/v1/claims", json={"text": "Another claim.", "speaker": "Pentagon"}, headers=writer).json()
    assert first["speaker"]["id"] == second["speaker"]["id"]
    source_id = first["speaker"]["id"]
    alias = client.post(
        f"/v1/sources/{source_id}/aliases", json={"alias": "U.S. Department of Defense"}, headers=writer
    )
    assert alias.status_code == 200, alias.text
    assert alias.json()["aliases"] == ["U.S. Department of Defense"]
    third = client.post(
        "/v1/claims", json={"text": "A third claim.", "speaker": "U.S. Department of Defense"}, headers=writer
    ).json()
    assert third["speaker"]["id"] == source_id
    by_id = client.post("/v1/claims", json={"text": "By id.", "speaker_id": source_id}, headers=writer)
    assert by_id.status_code == 201
    assert by_id.json()["speaker"]["name"] == "Pentagon"
    listed = client.get(f"/v1/sources/{source_id}/claims", headers=writer).json()
    assert len(listed["items"]) == 4


def test_a_role_written_before_the_name_resolves_to_the_person(client: TestClient, writer: dict[str, str]) -> None:
    plain = client.post("/v1/claims", json={"text": "Talks went well.", "speaker": "Wayne Marotto"}, headers=writer)
    with_role = client.post(
        "/v1/claims",
        json={"text": "The talks are a natural progression.", "speaker": "Coalition Spokesman Col. Wayne Marotto"},
        headers=writer,
    )
    assert plain.status_code == with_role.status_code == 201
    assert with_role.json()["speaker"]["id"] == plain.json()["speaker"]["id"]
    source = client.get(f"/v1/sources/{plain.json()['speaker']['id']}", headers=writer).json()
    assert (source["name"], source["role"]) == ("Wayne Marotto", "Coalition Spokesman")
    created = client.post(
        "/v1/claims", json={"text": "Briefing.", "speaker": "Pentagon Press Secretary John Kirby"}, headers=writer
    ).json()["speaker"]
    assert (created["name"], created["role"]) == ("John Kirby", "Pentagon Press Secretary")
    other = client.post(
        "/v1/claims",
        json={"text": "A report.", "speaker": "Office of the Director of National Intelligence"},
        headers=writer,
    ).json()["speaker"]
    assert other["name"] == "Office of the Director of National Intelligence"


def test_datetime_said_at_keeps_its_zone(client: TestClient, writer: dict[str, str]) -> None:
    body = {**SEED_CLAIM, "said_at": "2021-04-08T09:30:00+02:00"}
    created = client.post("/v1/claims", json=body, headers=writer).json()
    assert created["said_at"] == "2021-04-08T07:30:00+00:00"


def test_validation_errors_are_problem_json(client: TestClient, writer: dict[str, str]) -> None:
    cases: list[dict[str, Any]] = [
        {"text": "no speaker"},
        {"text": "   ", "speaker": "X"},
        {"text": "x" * 5001, "speaker": "X"},
        {"text": "bad kind", "speaker": "X", "kind": "rumour"},
        {"text": "bad date", "speaker": "X", "said_at": "last Tuesday"},
        {"text": "unknown source", "speaker_id": str(uuid.uuid4())},
    ]
    for case in cases:
        response = client.post("/v1/claims", json=case, headers=writer)
        assert response.status_code == 422, (case, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        problem = response.json()
        assert set(problem) >= {"type", "title", "status", "detail", "errors"}
        assert problem["status"] == 422
        assert all({"loc", "msg"} <= set(e) for e in problem["errors"])


def test_malformed_json_and_wrong_types_are_422(client: TestClient, writer: dict[str, str]) -> None:
    bad = client.post("/v1/claims", content=b"{not json", headers={**writer, "Content-Type": "application/json"})
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")
    wrong = client.post("/v1/claims", json=["a", "list"], headers=writer)
    assert wrong.status_code == 422


def test_unknown_ids_are_404_problems(client: TestClient, reader: dict[str, str]) -> None:
    for path in (
        f"/v1/claims/{uuid.uuid4()}",
        "/v1/claims/not-a-uuid",
        f"/v1/sources/{uuid.uuid4()}",
        f"/v1/flags/{uuid.uuid4()}",
    ):
        response = client.get(path, headers=reader)
        assert response.status_code == 404, path
        assert response.json()["status"] == 404


def test_idempotency_key_replays_and_conflicts(client: TestClient, writer: dict[str, str]) -> None:
    headers = {**writer, "Idempotency-Key": "abc-123"}
    first = client.post("/v1/claims", json=SEED_CLAIM, headers=headers)
    again = client.post("/v1/claims", json=SEED_CLAIM, headers=headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    listed = client.get("/v1/claims", headers=writer).json()
    assert len(listed["items"]) == 1
    other = client.post("/v1/claims", json={**SEED_CLAIM, "text": "Something else."}, headers=headers)
    assert other.status_code == 409
    assert other.headers["content-type"].startswith("application/problem+json")


def test_external_id_is_not_duplicated(client: TestClient, writer: dict[str, str]) -> None:
    body = {**SEED_CLAIM, "external_id": "esta-7"}
    first = client.post("/v1/claims", json=body, headers=writer)
    second = client.post("/v1/claims", json=body, headers=writer)
    assert first.status_code == 201
    assert second.status_code == 201  # the contract's status for POST /v1/claims; nothing new was stored
    assert second.json() == first.json()
    found = client.get("/v1/claims", params={"external_id": "esta-7"}, headers=writer).json()
    assert [c["id"] for c in found["items"]] == [first.json()["id"]]


def test_bulk_is_ordered_deduplicated_and_all_or_nothing(client: TestClient, writer: dict[str, str]) -> None:
    claims = [{"text": f"Claim number {i}.", "speaker": f"Speaker {i % 3}", "external_id": f"e{i}"} for i in range(10)]
    created = client.post("/v1/claims/bulk", json={"claims": claims}, headers=writer)
    assert created.status_code == 200, created.text
    body = created.json()
    assert body["created"] == 10 and body["existing"] == 0
    assert len(body["ids"]) == 10 and len(set(body["ids"])) == 10
    for i, claim_id in enumerate(body["ids"]):
        assert client.get(f"/v1/claims/{claim_id}", headers=writer).json()["external_id"] == f"e{i}"
    again = client.post(
        "/v1/claims/bulk", json={"claims": [*claims[:5], {"text": "New one.", "speaker": "S"}]}, headers=writer
    )
    assert again.json()["created"] == 1 and again.json()["existing"] == 5
    assert again.json()["ids"][:5] == body["ids"][:5]
    bad = [{"text": "fine", "speaker": "S", "external_id": "x1"}, {"text": "", "speaker": "S"}]
    rejected = client.post("/v1/claims/bulk", json={"claims": bad}, headers=writer)
    assert rejected.status_code == 422
    assert any(e["loc"][:3] == ["body", "claims", 1] for e in rejected.json()["errors"])
    assert client.get("/v1/claims", params={"external_id": "x1"}, headers=writer).json()["items"] == []
    unknown_speaker = [
        {"text": "fine", "speaker": "S", "external_id": "x2"},
        {"text": "t", "speaker_id": str(uuid.uuid4())},
    ]
    rejected = client.post("/v1/claims/bulk", json={"claims": unknown_speaker}, headers=writer)
    assert rejected.status_code == 422
    assert "claims[1]" in rejected.json()["detail"]
    assert client.get("/v1/claims", params={"external_id": "x2"}, headers=writer).json()["items"] == []
    too_many = client.post("/v1/claims/bulk", json={"claims": [{"text": "t", "speaker": "s"}] * 1001}, headers=writer)
    assert too_many.status_code == 422


def test_list_paginates_with_cursor_and_filters(client: TestClient, writer: dict[str, str]) -> None:
    claims = [
        {"text": f"Statement {i}.", "speaker": "A" if i % 2 else "B", "said_at": f"2021-01-{i + 1:02d}"}
        for i in range(7)
    ]
    ids = client.post("/v1/claims/bulk", json={"claims": claims}, headers=writer).json()["ids"]
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params: dict[str, Any] = {"limit": 3}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/v1/claims", params=params, headers=writer).json()
        seen.extend(c["id"] for c in page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(ids) and len(seen) == 7
    speaker_a = client.get(f"/v1/claims/{ids[1]}", headers=writer).json()["speaker"]["id"]
    only_a = client.get("/v1/claims", params={"speaker_id": speaker_a}, headers=writer).json()["items"]
    assert {c["speaker"]["name"] for c in only_a} == {"A"} and len(only_a) == 3
    since = client.get("/v1/claims", params={"since": "2021-01-05"}, headers=writer).json()["items"]
    assert sorted(c["said_at"] for c in since) == ["2021-01-05", "2021-01-06", "2021-01-07"]
    assert client.get("/v1/claims", params={"limit": 501}, headers=writer).status_code == 422
    assert client.get("/v1/claims", params={"cursor": "garbage!"}, headers=writer).status_code == 422
    sources = client.get("/v1/sources", headers=writer).json()
    assert {s["name"] for s in sources["items"]} == {"A", "B"}


def test_huge_body_is_413_not_500(client: TestClient, writer: dict[str, str]) -> None:
    response = client.post(
        "/v1/claims",
        content=b'{"text": "' + b"x" * 6_000_000 + b'", "speaker": "X"}',
        headers={**writer, "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["status"] == 413


def test_ids_in_any_case_name_the_same_records(client: TestClient, writer: dict[str, str]) -> None:
    """A UUID reads the same in upper case (RFC 9562): an id a client upper-cases, in a body or a filter, names the
    record the path does, never an unknown source or an empty list; a filter that is no id at all is a 422."""
    first = client.post("/v1/claims", json=SEED_CLAIM, headers=writer).json()
    speaker = first["speaker"]["id"]
    by_id = client.post("/v1/claims", json={"text": "Troops will stay.", "speaker_id": speaker.upper()}, headers=writer)
    assert by_id.status_code == 201, by_id.text
    assert by_id.json()["speaker"]["id"] == speaker
    listed = client.get("/v1/claims", params={"speaker_id": speaker.upper()}, headers=writer).json()["items"]
    assert sorted(c["id"] for c in listed) == sorted([first["id"], by_id.json()["id"]])
    wrong = client.get("/v1/claims", params={"speaker_id": "the Pentagon"}, headers=writer)
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["loc"] == ["query", "speaker_id"]
    assert client.get("/v1/claims", params={"document_id": "x"}, headers=writer).status_code == 422
    # The contract's own spelling of the query, with its filters left empty, lists every claim.
    blank = client.get("/v1/claims?speaker_id=&since=&external_id=&document_id=", headers=writer).json()["items"]
    assert len(blank) == 2


def test_a_created_record_is_named_in_location_on_the_reply_and_its_replay(client: TestClient, make_key: Any) -> None:
    """201 (and 202) replies say where the new record is read, as CORS lets a browser read: ``Location``."""
    headers = make_key("read,write,admin")
    for path, body in (
        ("/v1/claims", SEED_CLAIM),
        ("/v1/sources", {"name": "Statistics Office"}),
        ("/v1/keys", {"name": "plugin", "scopes": ["read"]}),
        ("/v1/reconciliations", {}),
    ):
        keyed = {**headers, "Idempotency-Key": f"location-{path}"}
        first = client.post(path, json=body, headers=keyed)
        again = client.post(path, json=body, headers=keyed)
        assert first.status_code in (201, 202), first.text
        where = f"{path}/{first.json()['id']}"
        assert first.headers.get("Location") == again.headers.get("Location") == where, path
        assert client.get(where, headers=headers).status_code == 200, where
    bulk = client.post("/v1/claims/bulk", json={"claims": [SEED_CLAIM]}, headers=headers)
    assert bulk.status_code == 200 and "Location" not in bulk.headers


def test_a_date_in_any_iso_form_stays_a_date(client: TestClient, writer: dict[str, str]) -> None:
    """ISO 8601's basic form ("20210501") and "2021-W17-1" (a week date) are dates, as "2021-05-01" is: the claim
    keeps a date, not the midnight datetime the service would otherwise make of them."""
    for written, stored in (("20210501", "2021-05-01"), ("2021-W17-1", "2021-04-26"), (" 2021-05-01 ", "2021-05-01")):
        body = {"text": f"The port reopened ({written}).", "speaker": "Port authority", "said_at": written}
        created = client.post("/v1/claims", json=body, headers=writer)
        assert created.status_code == 201 and created.json()["said_at"] == stored, (written, created.text)


def test_since_typed_into_a_url_with_its_plus_unescaped_reads_as_meant(
    client: TestClient, writer: dict[str, str]
) -> None:
    """`curl '...?since=2021-04-08T09:00:00+02:00'` sends the "+" unescaped and it arrives as a space: after a time
    of day that can only be the offset's sign, so the filter reads it so instead of refusing the instant."""
    client.post("/v1/claims", json={**SEED_CLAIM, "said_at": "2021-04-08T08:30:00+00:00"}, headers=writer)
    for query, found in (("2021-04-08T09:00:00+02:00", 1), ("2021-04-08T11:00:00+02:00", 0)):
        raw = client.get(f"/v1/claims?since={query}", headers=writer)  # unescaped, as a shell user types it
        assert raw.status_code == 200, raw.text
        escaped = client.get("/v1/claims", params={"since": query}, headers=writer).json()["items"]
        assert len(raw.json()["items"]) == len(escaped) == found, query


def test_a_bulk_load_past_exact_search_gets_its_hnsw_index(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    """PostgreSQL keeps no HNSW index while a search scans every vector (inserts would pay its upkeep for
    nothing); the bulk write that takes the record past that size has it built in the background, and checks
    find the same claims before and after."""
    upkeep = runtime.db.hnsw_upkeep
    if upkeep is None:
        pytest.skip("SQLite searches every vector exactly: no HNSW index")
    upkeep.vectors_over = 12  # EXACT_SEARCH_UP_TO is 20,000; the same rule at a size a test can reach
    claims = [
        {"text": f"The dam on river {i} was finished in {1900 + i}.", "speaker": "Water board"} for i in range(20)
    ]
    try:
        reply = client.post("/v1/claims/bulk", json={"claims": claims[:10]}, headers=writer)
        assert reply.status_code == 200, reply.text
        upkeep.wait()
        with runtime.db.read() as session:
            assert not hnsw_ready(session)  # 10 vectors: searched exactly, no index
        upkeep._next_check = 0.0  # looked a moment ago; look again now
        reply = client.post("/v1/claims/bulk", json={"claims": claims[10:]}, headers=writer)
        assert reply.status_code == 200, reply.text
        upkeep.wait()
        assert upkeep.built_seconds is not None and upkeep.ready
        with runtime.db.read() as session:
            assert hnsw_ready(session)
        found = client.post("/v1/check", json={"text": claims[17]["text"]}, headers=writer)
        assert found.status_code == 200, found.text
        assert found.json()["matches"][0]["claim"]["text"] == claims[17]["text"]
    finally:
        drop_hnsw(runtime.engine)
