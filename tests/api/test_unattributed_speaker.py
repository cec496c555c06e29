"""The speaker "Unknown" (the contract's word for a ClaimReview without ``itemReviewed.author.name``) is
nobody: two of its claims are not one speaker's. A check, a quote or a merge that meets two of them says
``same_speaker: false`` and raises a ``contradiction``, never a ``self_contradiction`` (h105's audit: every
author-less fact-check shared the one source, so any two that conflicted were "Unknown contradicting itself")."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi.testclient import TestClient

from db.models import Claim, Source
from extraction import speaker_key
from service.services.flags import copies_of_one_statement
from service.services.speakers import UNATTRIBUTED_SPEAKER_KEY, UNKNOWN_SPEAKER

COLLAPSED = "The Kesterton bridge collapsed on Monday morning."
NOT_COLLAPSED = "The Kesterton bridge did not collapse on Monday morning."


def author_less_review(url: str, text: str, date: str) -> dict[str, object]:
    """A fact-check naming no one for the claim it rates (Full Fact's shape)."""
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": url,
        "claimReviewed": text,
        "itemReviewed": {"@type": "Claim", "datePublished": date},
        "author": {"@type": "Organization", "name": "FactNet"},
        "reviewRating": {"@type": "Rating", "alternateName": "False"},
    }


def _import_author_less(client: TestClient, headers: dict[str, str]) -> dict[str, Any]:
    reply = client.post(
        "/v1/claimreviews",
        json=[author_less_review("https://factnet.example/1", COLLAPSED, "2025-10-06")],
        headers=headers,
    )
    assert reply.status_code == 201, reply.text
    (claim,) = reply.json()["claims"]
    assert claim["speaker"]["name"] == UNKNOWN_SPEAKER
    return dict(claim)


def test_the_unattributed_key_is_the_key_of_the_contracts_word() -> None:
    assert UNATTRIBUTED_SPEAKER_KEY == speaker_key("Unknown") == speaker_key(UNKNOWN_SPEAKER)


def test_a_statement_checked_as_unknowns_is_not_one_speaker_with_an_author_less_claim(
    client: TestClient, writer: dict[str, str]
) -> None:
    stored = _import_author_less(client, writer)
    reply = client.post("/v1/check", json={"text": NOT_COLLAPSED, "speaker": "Unknown"}, headers=writer)
    assert reply.status_code == 200, reply.text
    (match,) = [m for m in reply.json()["matches"] if m["claim"]["id"] == stored["id"]]
    assert (match["relation"], match["same_speaker"]) == ("contradicts", False)
    flags = client.get("/v1/flags", headers=writer).json()["items"]
    assert [(f["kind"], f["same_speaker"], f["other_claim"]["id"]) for f in flags] == [
        ("contradiction", False, stored["id"])
    ]


def test_a_quote_stored_as_unknowns_does_not_contradict_itself(client: TestClient, writer: dict[str, str]) -> None:
    stored = _import_author_less(client, writer)
    reply = client.post("/v1/quotes", json={"quote": NOT_COLLAPSED, "speaker": "Unknown"}, headers=writer)
    assert reply.status_code == 201, reply.text
    body = reply.json()
    assert body["claim"]["speaker"]["id"] == stored["speaker"]["id"]  # the one source "Unknown"
    (match,) = [m for m in body["check"]["matches"] if m["claim"]["id"] == stored["id"]]
    assert (match["relation"], match["same_speaker"]) == ("contradicts", False)
    flags = client.get("/v1/flags", headers=writer).json()["items"]
    assert [(f["kind"], f["same_speaker"]) for f in flags] == [("contradiction", False)]


def test_a_source_merged_into_unknown_does_not_make_its_flags_self_contradictions(
    client: TestClient, writer: dict[str, str], admin: dict[str, str]
) -> None:
    stored = _import_author_less(client, writer)
    quoted = client.post("/v1/quotes", json={"quote": NOT_COLLAPSED, "speaker": "Ada Tipster"}, headers=writer)
    assert quoted.status_code == 201, quoted.text
    tipster = quoted.json()["claim"]["speaker"]["id"]
    merged = client.post(f"/v1/sources/{stored['speaker']['id']}/merge", json={"source_id": tipster}, headers=admin)
    assert merged.status_code == 200, merged.text
    assert merged.json()["flags_to_self_contradiction"] == 0
    flags = client.get("/v1/flags", headers=writer).json()["items"]
    assert [(f["kind"], f["same_speaker"]) for f in flags] == [("contradiction", False)]


def _claim(claim_id: str, speaker: Source, said_on: int) -> Claim:
    said_at = datetime(2025, 10, said_on, tzinfo=UTC)
    return Claim(
        id=claim_id,
        text=COLLAPSED,
        speaker_id=speaker.id,
        speaker=speaker,
        stance="asserts",
        said_at=said_at,
        said_at_is_date=True,
        created_at=said_at,
    )


def test_two_author_less_claims_of_the_same_words_are_no_wire_copies() -> None:
    """Copies of one statement are one speaker's words carried twice; two fact-checks naming no one may rate two
    people's, so each stays a statement of its own (a near-duplicate the job flags, not one statement)."""
    unknown = Source(id="s-unknown", name=UNKNOWN_SPEAKER, name_key=UNATTRIBUTED_SPEAKER_KEY)
    named = Source(id="s-berg", name="Jonas Berg", name_key="jonas berg")
    assert not copies_of_one_statement(_claim("c1", unknown, 6), _claim("c2", unknown, 7))
    assert copies_of_one_statement(_claim("c3", named, 6), _claim("c4", named, 7))
