"""Requests answered before routing are labelled with their route template, read from the app's routes: the same
templates as the OpenAPI document's paths, without building that document (a few hundred ms of CPU per app)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from service.app import create_app
from service.metrics import UNMATCHED_ROUTE
from service.observability import documented_templates
from service.runtime import Runtime
from tests.api.test_observability import samples, value

SAMPLE_ID = "3f2c9b0e-0000-4000-8000-00000000abcd"


def test_templates_are_the_openapi_paths_in_order(runtime: Runtime) -> None:
    app = create_app(runtime.settings, runtime)
    templates = documented_templates(app)
    assert templates == list(app.openapi()["paths"])
    assert "/v1/claims/{claim_id}" in templates
    assert not any(template.startswith("/ui") for template in templates)  # the UI's pages are not in the document


def test_requests_answered_before_routing_are_labelled_without_the_openapi_document(
    runtime: Runtime, writer: dict[str, str]
) -> None:
    app = create_app(runtime.settings, runtime)
    nul = b'{"text": "a\\u0000b", "speaker": "x"}'
    json_headers = {**writer, "Content-Type": "application/json"}
    with TestClient(app, raise_server_exceptions=False) as client:
        assert client.post("/v1/claims", content=nul, headers=json_headers).status_code == 422
        assert client.patch(f"/v1/sources/{SAMPLE_ID}", content=nul, headers=json_headers).status_code == 422
        assert client.get("/no/such/page").status_code == 404
        assert client.post("/v1/no-such-collection", content=nul, headers=json_headers).status_code == 422
        found = samples(client)
    assert app.openapi_schema is None  # nobody asked for the document: it was not built
    total = "claimledger_http_requests_total"
    assert value(found, total, method="POST", route="/v1/claims", status="422") == 1.0
    assert value(found, total, method="PATCH", route="/v1/sources/{source_id}", status="422") == 1.0
    assert value(found, total, method="GET", route=UNMATCHED_ROUTE, status="404") == 1.0
    assert value(found, total, method="POST", route=UNMATCHED_ROUTE, status="422") == 1.0  # the guard's, unrouted
    assert not any(SAMPLE_ID in str(labels) or "no-such" in str(labels) for _, labels in found)
