"""The OpenAPI document tells the truth: a client generated from it (openapi-python-client) creates a claim, reads it
back (and as ClaimReview JSON-LD), checks a statement, replays an Idempotency-Key, and parses a 422 and a 404 as its
Problem model, against a live uvicorn serving the app.

The generator pins an older typer than the service, so it lives in a venv of its own (`make openapi-client-tool`,
run by `make test`); CLAIMLEDGER_OPENAPI_CLIENT_GENERATOR names another executable."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from service.app import create_app
from service.config import Settings
from service.runtime import Runtime
from tests.browser.support import LiveServer
from tests.conftest import REPO_ROOT

GENERATOR = Path(
    os.environ.get(
        "CLAIMLEDGER_OPENAPI_CLIENT_GENERATOR", REPO_ROOT / ".venv-tools" / "openapi" / "bin" / "openapi-python-client"
    )
)
PACKAGE = "claimledger_client"


@pytest.fixture(scope="session")
def client_package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The Python client openapi-python-client generates from the service's OpenAPI document, imported."""
    if not GENERATOR.exists():
        pytest.skip(f"{GENERATOR} is absent: run `make openapi-client-tool` (make test does)")
    folder = tmp_path_factory.mktemp("openapi-client")
    schema = create_app(Settings(database_url="sqlite://", load_models_on_startup=False)).openapi()
    (folder / "openapi.json").write_text(json.dumps(schema), encoding="utf-8")
    (folder / "config.yaml").write_text(
        f"post_hooks: []\nproject_name_override: claimledger-client\npackage_name_override: {PACKAGE}\n",
        encoding="utf-8",
    )
    generated = subprocess.run(
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(folder / "openapi.json"),
            "--config",
            str(folder / "config.yaml"),
            "--meta",
            "none",
            "--output-path",
            str(folder / PACKAGE),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert "Warning" not in generated.stdout + generated.stderr, generated.stdout + generated.stderr
    sys.path.insert(0, str(folder))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(folder))
        for name in [m for m in sys.modules if m == PACKAGE or m.startswith(PACKAGE + ".")]:
            del sys.modules[name]


@pytest.fixture
def server(database_url: str) -> Iterator[LiveServer]:
    settings = Settings(database_url=database_url, encoder="hashing", judge="rules", load_models_on_startup=False)
    runtime = Runtime.create(settings)
    runtime.use_models(HashingEncoder(), RuleJudge(), None)
    live = LiveServer(runtime).start()
    yield live
    live.stop()


def _module(name: str) -> Any:
    return importlib.import_module(f"{PACKAGE}.{name}")


def test_a_generated_client_round_trips_and_parses_problems(client_package: ModuleType, server: LiveServer) -> None:
    models = _module("models")
    create_claim = _module("api.claims.create_claim_v1_claims_post")
    get_claim = _module("api.claims.get_claim_v1_claims_claim_id_get")
    get_claim_review = _module("api.claims.get_claim_review_v1_claims_claim_id_claimreview_get")
    check = _module("api.checking.check_v1_check_post")
    client = client_package.AuthenticatedClient(base_url=server.url, token=server.api_key("read,write"), timeout=30)

    body = models.ClaimCreate(
        text="The number of U.S. troops in Iraq has dropped to about 2,500.",
        speaker="the Pentagon",
        said_at=date(2021, 4, 8),
        kind=models.ClaimCreateKind.INDIRECT_QUOTE,
        metadata=models.ClaimCreateMetadata.from_dict({"desk": "defence"}),
    )
    created = create_claim.sync_detailed(client=client, body=body, idempotency_key="first-try")
    assert created.status_code == 201, created.content
    claim = created.parsed
    assert isinstance(claim, models.ClaimOut)
    assert claim.speaker.name == "Pentagon" and claim.said_at == "2021-04-08"
    assert claim.metadata.to_dict() == {"desk": "defence"}

    replayed = create_claim.sync_detailed(client=client, body=body, idempotency_key="first-try")
    assert replayed.headers["Idempotent-Replayed"] == "true" and replayed.parsed.id == claim.id

    fetched = get_claim.sync(claim.id, client=client)
    assert isinstance(fetched, models.ClaimOut) and fetched.to_dict() == claim.to_dict()

    # The ClaimReview export is documented as the JSON-LD it is served as, and the client parses it as such.
    review = get_claim_review.sync_detailed(claim.id, client=client)
    assert review.status_code == 200 and review.headers["content-type"].startswith("application/ld+json")
    assert isinstance(review.parsed, models.ClaimReviewExport)
    assert review.parsed.identifier == claim.id and review.parsed.claim_reviewed == claim.text

    checked = check.sync(client=client, body=models.CheckRequest(text="U.S. troops in Iraq have risen to 10,000."))
    assert isinstance(checked, models.CheckResult)
    assert checked.verdict.value in ("contradicted", "supported", "mixed", "unverified")
    assert claim.id in {match.claim.id for match in checked.matches}

    invalid = create_claim.sync_detailed(
        client=client, body=models.ClaimCreate(text="A claim.", speaker="X", said_at="9999-12-31T23:59:59-01:00")
    )
    assert invalid.status_code == 422
    problem = invalid.parsed
    assert isinstance(problem, models.Problem) and problem.status == 422
    assert [error.loc for error in problem.errors] == [["body", "said_at"]]
    assert isinstance(problem.errors[0], models.ProblemError) and problem.errors[0].msg

    missing = get_claim.sync_detailed(str(uuid.uuid4()), client=client)
    assert missing.status_code == 404
    assert isinstance(missing.parsed, models.Problem) and missing.parsed.status == 404
    assert missing.parsed.title == "Not Found" and missing.parsed.detail


def test_the_document_describes_errors_as_the_server_sends_them() -> None:
    schema = create_app(Settings(database_url="sqlite://", load_models_on_startup=False)).openapi()
    assert "HTTPValidationError" not in schema["components"]["schemas"]
    problem = schema["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail"}
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            if path.startswith("/v1/"):
                assert {"401", "403", "429", "503"} <= set(responses), (method, path)
                assert "Retry-After" in responses["429"]["headers"] and "Retry-After" in responses["503"]["headers"]
            if "requestBody" in operation:
                assert {"413", "422"} <= set(responses), (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)
            for code, response in responses.items():
                if int(code) >= 400 and path.startswith("/v1/"):
                    assert response["content"] == {
                        "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                    }, (method, path, code)
    creating = [("/v1/claims", "post"), ("/v1/claims/bulk", "post"), ("/v1/quotes", "post")]
    creating += [("/v1/documents", "post"), ("/v1/sources", "post"), ("/v1/reconciliations", "post")]
    creating += [("/v1/keys", "post"), ("/v1/webhooks", "post"), ("/v1/claimreviews", "post")]
    for path, method in creating:
        operation = schema["paths"][path][method]
        assert "Idempotency-Key" in [p["name"] for p in operation["parameters"] if p["in"] == "header"], path
        assert "409" in operation["responses"], path
    claim_create = schema["components"]["schemas"]["ClaimCreate"]
    assert claim_create["allOf"] == [{"anyOf": [{"required": ["speaker"]}, {"required": ["speaker_id"]}]}]
