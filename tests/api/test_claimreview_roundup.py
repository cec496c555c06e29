"""A fact-checker's roundup page (a weekly roundup, a debate fact-check) publishes several ClaimReviews, each of a
different claim, under one page URL: a review is its URL together with the claim it reviews, so the page's
first import stores one review per claim and importing it again stores nothing.

A claim whose text (speaker, date) is not on record is still the claim reviewed before at the same URL when that is
the same review: the URL holds exactly one review on record and the request exactly one ClaimReview at that URL (a
single-claim page re-published with edited wording). Hand-written examples (h175); names and URLs are made up.
"""

from __future__ import annotations

import copy
from typing import Any

from fastapi.testclient import TestClient

from service.runtime import Runtime
from tests.api.claimreview_support import counts, import_reviews

ROUNDUP_URL = "https://factcheck.example.org/2024/05/debate-fact-check/"


def roundup_review(text: str, speaker: str, rating: str) -> dict[str, Any]:
    return {
        "@type": "ClaimReview",
        "url": ROUNDUP_URL,
        "datePublished": "2024-05-10",
        "author": {"@type": "Organization", "name": "Example Fact Check"},
        "claimReviewed": text,
        "itemReviewed": {
            "@type": "Claim",
            "author": {"@type": "Person", "name": speaker},
            "datePublished": "2024-05-09",
        },
        "reviewRating": {"@type": "Rating", "alternateName": rating},
    }


ROUNDUP_PAGE: dict[str, Any] = {
    "@context": "https://schema.org",
    "@graph": [
        {"@type": "WebPage", "@id": ROUNDUP_URL, "name": "Debate night: what the candidates got wrong"},
        roundup_review("Violent crime has doubled since 2020.", "Mara Quist", "False"),
        roundup_review("The city hired 400 new teachers last year.", "Tomas Brell", "Mostly true"),
        roundup_review("Bus fares have not risen in a decade.", "Mara Quist", "Misleading"),
    ],
}


def exported_ratings(client: TestClient, headers: dict[str, str], claim_id: str) -> list[tuple[str, str]]:
    response = client.get(f"/v1/claims/{claim_id}/claimreview", headers=headers)
    assert response.status_code == 200, response.text
    return [(p["url"], p["reviewRating"]["alternateName"]) for p in response.json()["hasPart"] if "url" in p]


def test_a_roundup_page_stores_one_review_per_claim_and_reimporting_it_adds_nothing(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    imported = import_reviews(client, writer, ROUNDUP_PAGE)
    assert (imported["created"], imported["existing"], imported["reviews_created"]) == (3, 0, 3)
    ids = [c["id"] for c in imported["claims"]]
    assert len(set(ids)) == 3
    assert [[r["rating"] for r in c["reviews"]] for c in imported["claims"]] == [
        ["False"],
        ["Mostly true"],
        ["Misleading"],
    ]
    for claim_id, rating in zip(ids, ["False", "Mostly true", "Misleading"], strict=True):
        assert exported_ratings(client, writer, claim_id) == [(ROUNDUP_URL, rating)]
    assert counts(runtime) == (3, 3)

    again = import_reviews(client, writer, ROUNDUP_PAGE)
    assert (again["created"], again["existing"], again["reviews_created"]) == (0, 3, 0)
    assert [c["id"] for c in again["claims"]] == ids
    # The URL as written differently (host case, no trailing slash) is the same page.
    variant = copy.deepcopy(ROUNDUP_PAGE)
    for node in variant["@graph"][1:]:
        node["url"] = "https://FactCheck.example.org/2024/05/debate-fact-check"
    assert import_reviews(client, writer, variant)["reviews_created"] == 0
    assert counts(runtime) == (3, 3)


def test_a_roundup_pages_claims_each_export_and_import_back_adding_nothing(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    ids = [c["id"] for c in import_reviews(client, writer, ROUNDUP_PAGE)["claims"]]
    before = counts(runtime)
    for claim_id in ids:
        document = client.get(f"/v1/claims/{claim_id}/claimreview", headers=writer).json()
        result = import_reviews(client, writer, document)
        assert (result["created"], result["reviews_created"]) == (0, 0)
        assert result["claims"][0]["id"] == claim_id
    assert counts(runtime) == before


def test_a_claim_added_to_a_page_imported_before_is_a_claim_and_review_of_its_own(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    """A live fact-check page grows: the page first held one ClaimReview, now two. The request holds two
    ClaimReviews at the URL, so the new claim's is not taken for the review on record."""
    first_only = {**ROUNDUP_PAGE, "@graph": ROUNDUP_PAGE["@graph"][:2]}
    first = import_reviews(client, writer, first_only)
    grown = {**ROUNDUP_PAGE, "@graph": ROUNDUP_PAGE["@graph"][:3]}
    result = import_reviews(client, writer, grown)
    assert (result["created"], result["existing"], result["reviews_created"]) == (1, 1, 1)
    assert result["claims"][0]["id"] == first["claims"][0]["id"]
    assert result["claims"][1]["id"] != first["claims"][0]["id"]
    assert exported_ratings(client, writer, result["claims"][1]["id"]) == [(ROUNDUP_URL, "Mostly true")]
    assert counts(runtime) == (2, 2)


def test_one_reworded_claimreview_at_a_roundup_url_is_not_taken_for_one_of_its_reviews(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    """The URL holds three reviews on record: which of them a reworded ClaimReview is cannot be told, so it is a
    claim with a review of its own (the three on record stay as they were)."""
    import_reviews(client, writer, ROUNDUP_PAGE)
    reworded = roundup_review("Violent crime has more than doubled since 2020.", "Mara Quist", "False")
    result = import_reviews(client, writer, reworded)
    assert (result["created"], result["reviews_created"]) == (1, 1)
    assert counts(runtime) == (4, 4)


def test_a_single_claim_page_republished_with_edited_wording_keeps_its_claim_and_review(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    """One review on record at the URL and one ClaimReview at it in the request: the same review."""
    single = roundup_review("Violent crime has doubled since 2020.", "Mara Quist", "False")
    single["url"] = "https://factcheck.example.org/2024/05/crime-doubled/"
    first = import_reviews(client, writer, single)
    edited = copy.deepcopy(single)
    edited["claimReviewed"] = "Violent crime has doubled since 2020, Quist said."
    again = import_reviews(
        client, writer, [edited, roundup_review("Another claim on another page.", "Tomas Brell", "False")]
    )
    assert (again["created"], again["reviews_created"]) == (1, 1)  # only the other page's
    assert again["claims"][0]["id"] == first["claims"][0]["id"]
    assert counts(runtime) == (2, 2)
