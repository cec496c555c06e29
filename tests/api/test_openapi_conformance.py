"""The OpenAPI document says what the server takes, found by a schemathesis audit (positive and negative data
against the document): null where null means the default, no null where it is refused, a reconciliation's `since`
read as `said_at` is, a count that is a number, links that are URIs, and `full` with `since` refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

Headers = Callable[[str], dict[str, str]]


def _schemas(client: TestClient) -> dict[str, Any]:
    schemas: dict[str, Any] = client.get("/openapi.json").json()["components"]["schemas"]
    return schemas


def _allows_null(field: dict[str, Any]) -> bool:
    return field.get("type") == "null" or any(option.get("type") == "null" for option in field.get("anyOf", []))


def test_null_is_documented_where_it_means_the_default(client: TestClient, make_key: Headers) -> None:
    """A generated client can send `"kind": null` (and the others) only if the document allows it; the server
    takes each as the default, and the values the document gave before stay as they were."""
    schemas = _schemas(client)
    defaulted = {
        "ClaimCreate": ("kind", "metadata", "stance"),
        "CheckRequest": ("top_k", "stance"),
        "QuoteCreate": ("top_k",),
        "ReconciliationCreate": ("full",),
    }
    for model, fields in defaulted.items():
        for name in fields:
            field = schemas[model]["properties"][name]
            assert _allows_null(field), (model, name, field)
            assert field.get("default") is not None or name == "metadata", (model, name, field)  # {}: a factory
    # The values keep the field's title, which generators name their class after (ClaimCreateKind, not ...Type0).
    kind = schemas["ClaimCreate"]["properties"]["kind"]["anyOf"]
    assert {"type": "string", "enum": ["direct_quote", "indirect_quote", "statement"], "title": "Kind"} in kind
    metadata = schemas["ClaimCreate"]["properties"]["metadata"]["anyOf"]
    assert {"type": "object", "additionalProperties": True, "title": "Metadata"} in metadata
    top_k = schemas["CheckRequest"]["properties"]["top_k"]["anyOf"]
    assert {"type": "integer", "minimum": 1, "maximum": 100, "title": "Top K"} in top_k
    # Required fields stay required and never null.
    assert "text" in schemas["ClaimCreate"]["required"] and not _allows_null(
        schemas["ClaimCreate"]["properties"]["text"]
    )

    writer, admin = make_key("read,write"), make_key("admin")
    claim = {"text": "Ferry fares fell in May.", "speaker": "Harbour Board", "kind": None, "metadata": None}
    created = client.post("/v1/claims", json={**claim, "stance": None}, headers=writer)
    assert created.status_code == 201, created.text
    assert (created.json()["kind"], created.json()["metadata"], created.json()["stance"]) == (
        "statement",
        {},
        "asserts",
    )
    checked = client.post(
        "/v1/check", json={"text": "Ferry fares rose.", "top_k": None, "stance": None}, headers=writer
    )
    assert checked.status_code == 200, checked.text
    queued = client.post("/v1/reconciliations", json={"full": None}, headers=admin)
    assert queued.status_code == 202 and queued.json()["full"] is False, queued.text


def test_a_sources_name_and_kind_are_documented_as_never_null(client: TestClient, make_key: Headers) -> None:
    """PATCH /v1/sources/{id} refuses `"name": null` and `"kind": null` (leave them out to keep them) and takes
    `"role": null` (clears it): the document said all three were nullable."""
    properties = _schemas(client)["SourceUpdate"]["properties"]
    assert not _allows_null(properties["name"]) and properties["name"]["type"] == "string"
    assert not _allows_null(properties["kind"]) and "organisation" in properties["kind"]["enum"]
    assert _allows_null(properties["role"])

    writer = make_key("read,write")
    source = client.post("/v1/sources", json={"name": "Jonas Berg", "role": "minister"}, headers=writer).json()
    for field in ("name", "kind"):
        refused = client.patch(f"/v1/sources/{source['id']}", json={field: None}, headers=writer)
        assert refused.status_code == 422, refused.text
    cleared = client.patch(f"/v1/sources/{source['id']}", json={"role": None}, headers=writer)
    assert cleared.status_code == 200 and cleared.json()["role"] is None, cleared.text


def test_since_is_iso_text_read_as_said_at_is(client: TestClient, make_key: Headers) -> None:
    """`{"since": 0}` queued a run since 1970 and "20210501" (a basic ISO 8601 date, which `said_at` reads as
    2021-05-01) one since 1970-08-22: pydantic read numbers and digits as seconds since the epoch."""
    admin = make_key("admin")
    for since in (0, 1_700_000_000, 1.5, True, "0", "1700000000"):
        refused = client.post("/v1/reconciliations", json={"since": since}, headers=admin)
        assert refused.status_code == 422, (since, refused.text)
        assert refused.json()["errors"][0]["loc"] == ["body", "since"], refused.text
    for since, start in (("20210501", "2021-05-01T00:00:00+00:00"), ("2021-05-01T02:00:00+02:00", "2021-05-01T00:00")):
        queued = client.post("/v1/reconciliations", json={"since": since}, headers=admin)
        assert queued.status_code == 202, (since, queued.text)
        assert queued.json()["since"].startswith(start), queued.json()
    blank = client.post("/v1/reconciliations", json={"since": ""}, headers=admin)  # as `said_at: ""`: none
    assert blank.status_code == 202 and blank.json()["since"] is None, blank.text
    since = _schemas(client)["ReconciliationCreate"]["properties"]["since"]
    assert {"type": "string", "maxLength": 0} in since["anyOf"], since


def test_top_k_is_a_number_not_a_boolean_or_a_string(client: TestClient, make_key: Headers) -> None:
    """`"top_k": true` listed one match and `"top_k": "5"` five: the document says integer."""
    writer = make_key("read,write")
    client.post("/v1/claims", json={"text": "Tram fares fell in May.", "speaker": "Harbour Board"}, headers=writer)
    for top_k in (True, False, "5"):
        for path, body in (
            ("/v1/check", {"text": "Tram fares rose in May."}),
            ("/v1/quotes", {"quote": "Tram fares rose in May.", "speaker": "Harbour Board"}),
        ):
            refused = client.post(path, json={**body, "top_k": top_k}, headers=writer)
            assert refused.status_code == 422, (path, top_k, refused.text)
            assert refused.json()["errors"][0]["loc"] == ["body", "top_k"], refused.text
    whole = client.post("/v1/check", json={"text": "Tram fares rose in May.", "top_k": 5.0}, headers=writer)
    assert whole.status_code == 200, whole.text  # 5.0 is an integer to JSON Schema


def test_dates_links_and_full_with_since_are_documented_as_the_server_reads_them(
    client: TestClient, make_key: Headers
) -> None:
    """An empty `said_at` is none (the document allowed only a date, a datetime or null); a link is a URI (the
    server refuses one without its scheme); `full` with a `since` is a 422, now said beside the properties."""
    schemas = _schemas(client)
    for model, name in (("ClaimCreate", "said_at"), ("QuoteCreate", "said_at"), ("DocumentCreate", "published_at")):
        assert {"type": "string", "maxLength": 0} in schemas[model]["properties"][name]["anyOf"], (model, name)
    for model, name in (("ClaimCreate", "source_url"), ("QuoteCreate", "source_url"), ("DocumentCreate", "url")):
        (link,) = [o for o in schemas[model]["properties"][name]["anyOf"] if o.get("type") == "string"]
        assert link["format"] == "uri", (model, name, link)
    assert schemas["WebhookCreate"]["properties"]["url"]["format"] == "uri"
    both = schemas["ReconciliationCreate"]["not"]
    assert set(both["required"]) == {"full", "since"} and both["properties"]["full"] == {"const": True}

    writer, admin = make_key("read,write"), make_key("admin")
    claim = {"text": "Bridge tolls fell in May.", "speaker": "Harbour Board"}
    dated = client.post("/v1/claims", json={**claim, "said_at": ""}, headers=writer)
    assert dated.status_code == 201 and dated.json()["said_at"] is None, dated.text
    unlinked = client.post("/v1/claims", json={**claim, "source_url": "example.org/a"}, headers=writer)
    assert unlinked.status_code == 422, unlinked.text
    refused = client.post("/v1/reconciliations", json={"full": True, "since": "2021-05-01"}, headers=admin)
    assert refused.status_code == 422, refused.text
    for body in ({"full": True, "since": None}, {"full": True, "since": ""}, {"full": False, "since": "2021-05-01"}):
        assert client.post("/v1/reconciliations", json=body, headers=admin).status_code == 202, body
