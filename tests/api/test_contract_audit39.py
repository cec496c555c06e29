"""Contract conformance found by an audit driving the service through the contract alone: empty query values,
every 422 listing its errors, and null for a field with a default."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from httpx2 import Response

from service.api.query import without_empty_values

JSON = {"Content-Type": "application/json"}


def _assert_problem(response: Response, status: int) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, object] = response.json()
    assert body["status"] == status and isinstance(body["title"], str) and isinstance(body["detail"], str)
    return body


def test_without_empty_values_keeps_the_others_as_sent() -> None:
    assert without_empty_values(b"limit=&cursor=") == b""
    assert (
        without_empty_values(b"limit=5&cursor=&speaker_id=&since=2021-05-01%2B02") == b"limit=5&since=2021-05-01%2B02"
    )
    assert without_empty_values(b"status&status=open&x=+") == b"status=open&x=+"


def test_an_empty_limit_or_cursor_is_the_first_page_at_the_default_size(
    client: TestClient, writer: dict[str, str], reader: dict[str, str]
) -> None:
    """httpx (and so FastAPI's TestClient) sends params={"cursor": None} as `cursor=`: a walk's first page."""
    ids = [
        client.post(
            "/v1/claims", json={"text": f"Ferry fares rose {i} percent.", "speaker": "Ferry Co"}, headers=writer
        ).json()["id"]
        for i in range(5)
    ]
    first = client.get("/v1/claims", params={"limit": None, "cursor": None}, headers=reader)
    assert first.status_code == 200, first.text
    assert [c["id"] for c in first.json()["items"]] == ids and first.json()["next_cursor"] is None
    seen: list[str] = []
    cursor: str | None = None
    while True:
        page = client.get("/v1/claims", params={"limit": 2, "cursor": cursor}, headers=reader)
        assert page.status_code == 200, page.text
        seen += [c["id"] for c in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            break
    assert seen == ids
    for path in (
        "/v1/claims?limit=&cursor=&speaker_id=&since=&external_id=",
        "/v1/flags?status=&kind=&cursor=",
        "/v1/sources?limit=&name=",
    ):
        response = client.get(path, headers=reader)
        assert response.status_code == 200, (path, response.text)
    assert client.get("/v1/flags", params={"status": None}, headers=reader).status_code == 200


def test_every_422_lists_its_errors(client: TestClient, writer: dict[str, str]) -> None:
    """A check the service makes beyond the schema (a speaker name with no letters) is a validation error too."""
    for path, body in (
        ("/v1/claims", {"text": "A claim with an odd speaker.", "speaker": "???"}),
        ("/v1/quotes", {"quote": "A quote with an odd speaker.", "speaker": "???"}),
    ):
        problem = _assert_problem(client.post(path, json=body, headers=writer), 422)
        errors = problem["errors"]
        assert isinstance(errors, list) and errors, problem
        assert all(isinstance(e["loc"], list) and e["loc"][0] == "body" and isinstance(e["msg"], str) for e in errors)


def test_null_for_a_field_with_a_default_takes_the_default(
    client: TestClient, writer: dict[str, str], reader: dict[str, str], make_key: Callable[[str], dict[str, str]]
) -> None:
    """The contract's example sends `"document_id": null` for a field it does not set; so may a client for
    `kind` or `metadata`."""
    body = {
        "text": "Bus fares fell in May.",
        "speaker": "Transit Board",
        "kind": None,
        "metadata": None,
        "stance": None,
    }
    created = client.post("/v1/claims", json=body, headers=writer)
    assert created.status_code == 201, created.text
    assert created.json()["kind"] == "statement" and created.json()["metadata"] == {}
    bulk = client.post(
        "/v1/claims/bulk", json={"claims": [{**body, "text": "Bus fares fell in June."}]}, headers=writer
    )
    assert bulk.status_code == 200, bulk.text
    check = client.post("/v1/check", json={"text": "Bus fares rose in May.", "top_k": None}, headers=reader)
    assert check.status_code == 200, check.text
    quote = client.post(
        "/v1/quotes", json={"quote": "Fares will fall.", "speaker": "Transit Board", "top_k": None}, headers=writer
    )
    assert quote.status_code == 201, quote.text
    run = client.post("/v1/reconciliations", json={"full": None}, headers=make_key("admin"))
    assert run.status_code == 202, run.text
    # Required fields stay required.
    _assert_problem(client.post("/v1/claims", json={"text": None, "speaker": "Transit Board"}, headers=writer), 422)
