"""The nightly job over author-less fact-checks (h105's reproduction, end to end through the API): ClaimReviews that
name no one for the claim are all stored under "Unknown", and two of them that conflict are two unknown speakers
disagreeing (``contradiction``, ``same_speaker`` false), not one speaker contradicting themself. Two fact-checks of
one named person's conflicting claims stay a ``self_contradiction``. Hashing encoder and rules judge; both
backends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from db.engine import make_session_factory
from db.models import Flag
from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from reconcile.job import Reconciler, RunRequest
from service.app import create_app
from service.runtime import Runtime
from service.services.keys import KeyService
from tests.reconcile.conftest import reconcile_settings


def review(url: str, text: str, date: str, author: str | None = None) -> dict[str, object]:
    item: dict[str, object] = {"@type": "Claim", "datePublished": date}
    if author is not None:
        item["author"] = {"@type": "Person", "name": author}
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": text,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": "FactNet"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    }


@pytest.fixture
def runtime(database_url: str, tmp_path: Path) -> Iterator[Runtime]:
    rt = Runtime.create(reconcile_settings(database_url, tmp_path))
    rt.use_models(HashingEncoder(), RuleJudge())
    yield rt
    rt.close()


def test_two_author_less_reviews_are_not_one_speaker_contradicting_themself(runtime: Runtime) -> None:
    with make_session_factory(runtime.engine)() as session:
        _, token = KeyService(session).create("t", ["read", "write"])
        session.commit()
    bridge = (
        "The Kesterton bridge collapsed on Monday morning.",
        "The Kesterton bridge did not collapse on Monday morning.",
    )
    ferry = (
        "The Orlen ferry sank in the harbour last winter.",
        "The Orlen ferry did not sink in the harbour last winter.",
    )
    with TestClient(create_app(runtime.settings, runtime)) as client:
        reply = client.post(
            "/v1/claimreviews",
            headers={"Authorization": f"Bearer {token}"},
            json=[
                review("https://f.example/1", bridge[0], "2025-10-06"),
                review("https://f.example/2", bridge[1], "2025-10-07"),
                review("https://f.example/3", ferry[0], "2025-10-06", author="Jonas Berg"),
                review("https://f.example/4", ferry[1], "2025-10-07", author="Jonas Berg"),
            ],
        )
        assert reply.status_code == 201, reply.text
        speakers = {c["text"]: c["speaker"]["name"] for c in reply.json()["claims"]}
        assert speakers == {bridge[0]: "Unknown", bridge[1]: "Unknown", ferry[0]: "Jonas Berg", ferry[1]: "Jonas Berg"}
    outcomes = Reconciler(runtime).run(RunRequest())
    assert [o.status for o in outcomes] == ["succeeded"]
    with runtime.session_factory() as session:
        flags = {
            (f.claim.text if f.claim else None, f.other_claim.text): (f.kind, f.same_speaker)
            for f in session.scalars(select(Flag)).unique()
        }
    assert flags == {
        (bridge[1], bridge[0]): ("contradiction", False),  # two people no one named
        (ferry[1], ferry[0]): ("self_contradiction", True),  # Jonas Berg, twice
    }
