"""What the ClaimReview import tests share: posting a document to the import and counting what the record holds."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from db.models import Claim, ClaimReview
from service.runtime import Runtime


def import_reviews(client: TestClient, headers: dict[str, str], body: Any, **kwargs: Any) -> dict[str, Any]:
    """The reply of an import that must succeed (201)."""
    response = client.post("/v1/claimreviews", json=body, headers=headers, **kwargs)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def counts(runtime: Runtime) -> tuple[int, int]:
    """How many claims and reviews are on record."""
    with runtime.db.read() as session:
        claims = session.scalar(select(func.count()).select_from(Claim)) or 0
        reviews = session.scalar(select(func.count()).select_from(ClaimReview)) or 0
    return int(claims), int(reviews)
