"""POST /v1/claimreviews: schema.org ClaimReview JSON-LD (single, list, DataFeed) in as claims with their ratings;
ratings shown in /v1/check matches and in the claim's ClaimReview export, which imports back adding nothing.

The examples are written by hand in the shapes PolitiFact and Full Fact publish (and Google's DataFeed guide
shows); names and URLs are made up.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.runtime import Runtime
from tests.api.claimreview_support import counts, import_reviews
from tests.api.conftest import SEED_CLAIM

POLITIFACT_STYLE: dict[str, Any] = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://www.politifact.example/factchecks/2021/apr/14/jane-senator/no-us-troops-iraq-have-not-risen-10000/",
    "datePublished": "2021-04-14",
    "author": {"@type": "Organization", "name": "PolitiFact", "url": "https://www.politifact.example"},
    "claimReviewed": "U.S. troops in Iraq have risen to 10,000.",
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Jane Senator", "jobTitle": "Senator"},
        "datePublished": "2021-04-12",
        "appearance": [
            {"@type": "CreativeWork", "url": "https://tv.example.org/interviews/2021-04-12-senator"},
            {"@type": "CreativeWork", "url": "https://social.example.org/janesenator/status/1"},
        ],
    },
    "reviewRating": {
        "@type": "Rating",
        "ratingValue": 1,
        "bestRating": 6,
        "worstRating": 1,
        "alternateName": "False",
        "image": "https://www.politifact.example/img/false.jpg",
    },
    "reviewBody": "The Pentagon says about 2,500 U.S. troops remain in Iraq.",
}

# Full Fact: no person named for the claim, a text rating, the review's own date and URL only.
FULL_FACT_STYLE: dict[str, Any] = {
    "@context": "http://schema.org",
    "@type": "ClaimReview",
    "url": "https://fullfact.example/health/nhs-nurses-numbers/",
    "datePublished": "2021-03-02T09:30:00+00:00",
    "author": {"@type": "Organization", "name": "Full Fact"},
    "claimReviewed": "There are 50,000 more nurses in the NHS than last year.",
    "itemReviewed": {"@type": "Claim", "firstAppearance": {"@type": "CreativeWork"}},
    "reviewRating": {"@type": "Rating", "alternateName": "Misleading: the rise is about 11,000"},
}


def test_a_politifact_style_review_becomes_a_rated_claim_and_reimporting_adds_nothing(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    result = import_reviews(client, writer, POLITIFACT_STYLE)
    assert (result["created"], result["existing"], result["reviews_created"]) == (1, 0, 1)
    [claim] = result["claims"]
    assert claim["text"] == "U.S. troops in Iraq have risen to 10,000."
    assert claim["speaker"]["name"] == "Jane Senator"
    assert claim["said_at"] == "2021-04-12"
    assert claim["source_url"] == "https://tv.example.org/interviews/2021-04-12-senator"
    assert claim["stance"] == "asserts"
    [review] = claim["reviews"]
    assert review == {
        "id": review["id"],
        "rating": "False",
        "rating_value": 1,
        "best_rating": 6,
        "worst_rating": 1,
        "author": "PolitiFact",
        "url": POLITIFACT_STYLE["url"],
        "date_published": "2021-04-14",
    }
    stored = client.get(f"/v1/claims/{claim['id']}", headers=writer).json()
    assert stored["text"] == claim["text"] and stored["speaker"]["id"] == claim["speaker"]["id"]

    again = import_reviews(client, writer, POLITIFACT_STYLE)
    assert (again["created"], again["existing"], again["reviews_created"]) == (0, 1, 0)
    assert again["claims"][0]["id"] == claim["id"]
    assert again["claims"][0]["reviews"] == [review]
    # Another review URL for the same claim (same text, speaker, date) is a second review of the one claim.
    other = copy.deepcopy(POLITIFACT_STYLE)
    other["url"] = "https://checkers.example.net/2021/troops"
    other["author"] = {"@type": "Organization", "name": "Checkers"}
    other["reviewRating"] = {"@type": "Rating", "alternateName": "Pants on Fire", "ratingValue": "0"}
    third = import_reviews(client, writer, other)
    assert (third["created"], third["existing"], third["reviews_created"]) == (0, 1, 1)
    assert [r["author"] for r in third["claims"][0]["reviews"]] == ["PolitiFact", "Checkers"]
    assert third["claims"][0]["reviews"][1]["rating_value"] == 0
    assert counts(runtime) == (1, 2)


def test_the_same_review_url_reimported_with_edited_wording_adds_nothing(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    """Fact-checkers edit published reviews (wording, the claim's date); the review's URL still names it."""
    first = import_reviews(client, writer, POLITIFACT_STYLE)
    before = counts(runtime)
    edited = copy.deepcopy(POLITIFACT_STYLE)
    edited["claimReviewed"] = "US troops in Iraq rose to 10,000, the senator said."
    edited["itemReviewed"]["datePublished"] = "2021-04-13"
    again = import_reviews(client, writer, edited)
    assert (again["created"], again["existing"], again["reviews_created"]) == (0, 1, 0)
    assert again["claims"][0]["id"] == first["claims"][0]["id"]
    assert counts(runtime) == before


def test_a_list_and_a_datafeed_in_both_element_shapes(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    listed = import_reviews(client, writer, [FULL_FACT_STYLE, POLITIFACT_STYLE])
    assert (listed["created"], listed["existing"]) == (2, 0)
    full_fact = listed["claims"][0]
    assert full_fact["speaker"]["name"] == "Unknown"
    assert full_fact["said_at"] == "2021-03-02T09:30:00+00:00"  # no itemReviewed.datePublished: the review's
    assert full_fact["source_url"] == FULL_FACT_STYLE["url"]  # no appearance URL: the review's
    assert full_fact["reviews"][0]["rating"] == "Misleading: the rise is about 11,000"
    assert full_fact["reviews"][0]["rating_value"] is None

    feed_review = copy.deepcopy(POLITIFACT_STYLE)
    feed_review["url"] = "https://www.politifact.example/factchecks/2021/may/02/jane-senator/bases/"
    feed_review["claimReviewed"] = "The United States has closed every base in Iraq."
    feed_review["itemReviewed"]["datePublished"] = "2021-05-01"
    feed = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dateModified": "2021-05-03T10:00:00Z",
        "dataFeedElement": [
            {
                "@type": "DataFeedItem",
                "dateCreated": "2021-05-02T08:00:00Z",
                "item": [feed_review, copy.deepcopy(FULL_FACT_STYLE)],
            },
            copy.deepcopy(POLITIFACT_STYLE),  # a ClaimReview straight in dataFeedElement
            {"@type": "DataFeedItem", "item": {**copy.deepcopy(POLITIFACT_STYLE), "url": "https://x.example/dup"}},
        ],
    }
    fed = import_reviews(client, writer, feed)
    assert [c["text"] for c in fed["claims"]] == [
        "The United States has closed every base in Iraq.",
        FULL_FACT_STYLE["claimReviewed"],
        POLITIFACT_STYLE["claimReviewed"],
        POLITIFACT_STYLE["claimReviewed"],
    ]
    assert (fed["created"], fed["existing"], fed["reviews_created"]) == (1, 3, 2)
    assert fed["claims"][2]["id"] == fed["claims"][3]["id"]
    assert counts(runtime) == (3, 4)


def test_reviews_without_a_url_dedupe_on_claim_author_rating_and_date(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    no_url = {k: v for k, v in POLITIFACT_STYLE.items() if k != "url"}
    first = import_reviews(client, writer, [no_url, no_url])
    assert (first["created"], first["existing"], first["reviews_created"]) == (1, 1, 1)
    assert import_reviews(client, writer, no_url)["reviews_created"] == 0
    relabelled = copy.deepcopy(no_url)
    relabelled["reviewRating"]["alternateName"] = "Mostly false"
    assert import_reviews(client, writer, relabelled)["reviews_created"] == 1
    assert counts(runtime) == (1, 2)


def test_a_review_of_a_claim_already_on_record_is_attached_to_it(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    on_record = client.post(
        "/v1/claims",
        json={"text": POLITIFACT_STYLE["claimReviewed"], "speaker": "Jane Senator", "said_at": "2021-04-12"},
        headers=writer,
    ).json()
    result = import_reviews(client, writer, POLITIFACT_STYLE)
    assert (result["created"], result["existing"]) == (0, 1)
    assert result["claims"][0]["id"] == on_record["id"]
    assert counts(runtime) == (1, 1)


def test_an_invalid_item_is_named_and_nothing_of_the_batch_is_stored(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    missing_text = {k: v for k, v in FULL_FACT_STYLE.items() if k != "claimReviewed"}
    response = client.post("/v1/claimreviews", json=[POLITIFACT_STYLE, missing_text], headers=writer)
    assert response.status_code == 422
    problem = response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "ClaimReview 1 ([1])" in problem["detail"] and "claimReviewed" in problem["detail"]
    assert problem["errors"][0]["loc"] == ["body", 1, "claimReviewed"]
    assert problem["errors"][0]["index"] == 1

    bad_rating = copy.deepcopy(POLITIFACT_STYLE)
    bad_rating["reviewRating"]["ratingValue"] = "one"
    feed = {"@type": "DataFeed", "dataFeedElement": [POLITIFACT_STYLE, {"@type": "DataFeedItem", "item": [bad_rating]}]}
    response = client.post("/v1/claimreviews", json=feed, headers=writer)
    assert response.status_code == 422
    assert "ClaimReview 1 (dataFeedElement[1].item[0])" in response.json()["detail"]
    assert response.json()["errors"][0]["loc"] == [
        "body",
        "dataFeedElement",
        1,
        "item",
        0,
        "reviewRating",
        "ratingValue",
    ]

    bad_date = copy.deepcopy(POLITIFACT_STYLE)
    bad_date["itemReviewed"]["datePublished"] = "last Tuesday"
    no_rating = {k: v for k, v in POLITIFACT_STYLE.items() if k != "reviewRating"}
    ftp_url = {**POLITIFACT_STYLE, "url": "ftp://files.example.org/review"}
    too_long = {**POLITIFACT_STYLE, "claimReviewed": "x" * 5001}
    for body in (
        [],
        {"@type": "DataFeed", "dataFeedElement": []},
        "a string",
        [POLITIFACT_STYLE, "not an object"],
        {"@type": "NewsArticle", "headline": "Not a fact-check"},
        bad_date,
        no_rating,
        ftp_url,
        too_long,
    ):
        response = client.post("/v1/claimreviews", json=body, headers=writer)
        assert response.status_code == 422, (body, response.text)
    assert counts(runtime) == (0, 0)


def test_checks_show_who_rated_a_matched_claim(client: TestClient, writer: dict[str, str]) -> None:
    assert client.post("/v1/claims", json=SEED_CLAIM, headers=writer).status_code == 201
    import_reviews(client, writer, POLITIFACT_STYLE)
    result = client.post("/v1/check", json={"text": "U.S. troops in Iraq have risen to 10,000."}, headers=writer).json()
    by_text = {m["claim"]["text"]: m for m in result["matches"]}
    rated = by_text[POLITIFACT_STYLE["claimReviewed"]]
    assert [(r["rating"], r["author"], r["url"]) for r in rated["reviews"]] == [
        ("False", "PolitiFact", POLITIFACT_STYLE["url"])
    ]
    assert by_text[SEED_CLAIM["text"]]["reviews"] == []
    quote = {"quote": "Troops in Iraq have risen to 10,000, the senator said again.", "speaker": "Jane Senator"}
    quoted = client.post("/v1/quotes", json=quote, headers=writer).json()
    assert any(r["author"] == "PolitiFact" for m in quoted["check"]["matches"] for r in m["reviews"])


def test_the_export_imports_back_adding_nothing(client: TestClient, runtime: Runtime, writer: dict[str, str]) -> None:
    claim = import_reviews(client, writer, [POLITIFACT_STYLE, FULL_FACT_STYLE])["claims"][0]
    # A flag on the claim too: the export carries claimledger's own review of it, which an import never stores.
    check = client.post(
        "/v1/check", json={"text": "U.S. troops in Iraq have fallen to 2,500.", "top_k": 3}, headers=writer
    )
    assert check.json()["verdict"] == "contradicted"
    flags = client.get("/v1/flags", params={"claim_id": claim["id"]}, headers=writer).json()["items"]
    assert flags, "the check should have flagged the imported claim"
    denied = client.post(
        "/v1/claims",
        json={
            "text": "Troops were withdrawn from Erbil",
            "speaker": "Ministry",
            "said_at": "2021-06-01",
            "stance": "denies",
        },
        headers=writer,
    ).json()
    before = counts(runtime)
    for claim_id in (claim["id"], denied["id"]):
        exported = client.get(f"/v1/claims/{claim_id}/claimreview", headers=writer)
        assert exported.status_code == 200
        assert exported.headers["content-type"].startswith("application/ld+json")
        document = exported.json()
        if claim_id == claim["id"]:
            imported = [p for p in document["hasPart"] if p.get("url") == POLITIFACT_STYLE["url"]]
            assert imported and imported[0]["reviewRating"]["alternateName"] == "False"
            assert imported[0]["author"]["name"] == "PolitiFact"
            assert any(p["author"]["name"] == "claimledger" for p in document["hasPart"])  # the flag's review
        result = import_reviews(client, writer, document)
        assert (result["created"], result["existing"], result["reviews_created"]) == (0, 1, 0)
        assert result["claims"][0]["id"] == claim_id
    assert counts(runtime) == before


def test_import_needs_write_and_honours_idempotency_keys(
    client: TestClient, runtime: Runtime, reader: dict[str, str], writer: dict[str, str]
) -> None:
    assert client.post("/v1/claimreviews", json=POLITIFACT_STYLE, headers=reader).status_code == 403
    headers = {**writer, "Idempotency-Key": "feed-2021-04-14"}
    first = client.post("/v1/claimreviews", json=POLITIFACT_STYLE, headers=headers)
    replay = client.post("/v1/claimreviews", json=POLITIFACT_STYLE, headers=headers)
    assert first.status_code == replay.status_code == 201
    assert replay.headers.get("Idempotent-Replayed") == "true" and replay.json() == first.json()
    assert client.post("/v1/claimreviews", json=FULL_FACT_STYLE, headers=headers).status_code == 409
    assert counts(runtime) == (1, 1)


def test_an_imported_fact_check_is_the_claims_rating_until_a_reviewer_rules(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    claim = import_reviews(client, writer, POLITIFACT_STYLE)["claims"][0]
    document = client.get(f"/v1/claims/{claim['id']}/claimreview", headers=writer).json()
    assert document["reviewRating"]["alternateName"] == "False"
    assert document["reviewRating"]["ratingValue"] == POLITIFACT_STYLE["reviewRating"]["ratingValue"]
    assert document["author"]["name"] == "PolitiFact"
    assert document["url"] == POLITIFACT_STYLE["url"]
    assert [p["url"] for p in document["hasPart"]] == [POLITIFACT_STYLE["url"]]
    before = counts(runtime)
    again = import_reviews(client, writer, document)
    assert (again["created"], again["existing"], again["reviews_created"]) == (0, 1, 0)
    assert counts(runtime) == before


def test_the_openapi_document_gives_the_export_its_json_ld_media_type_and_shape(
    client: TestClient, writer: dict[str, str]
) -> None:
    """What /openapi.json says of the export is what is served: application/ld+json, with the fields it requires."""
    operation = client.get("/openapi.json").json()["paths"]["/v1/claims/{claim_id}/claimreview"]["get"]
    content = operation["responses"]["200"]["content"]
    assert list(content) == ["application/ld+json"]
    reference = content["application/ld+json"]["schema"]["$ref"]
    schema = client.get("/openapi.json").json()["components"]["schemas"][reference.rsplit("/", 1)[-1]]
    claim = import_reviews(client, writer, POLITIFACT_STYLE)["claims"][0]
    exported = client.get(f"/v1/claims/{claim['id']}/claimreview", headers=writer)
    assert exported.headers["content-type"].startswith("application/ld+json")
    document = exported.json()
    assert set(schema["required"]) <= set(document)
    assert (document["@context"], document["@type"], document["identifier"]) == (
        "https://schema.org",
        "ClaimReview",
        claim["id"],
    )


@pytest.mark.parametrize(
    ("kind", "role", "schema_type"),
    [("person", "Senator", "Person"), ("organisation", "ministry", "Organization"), ("unknown", "spokesman", "Thing")],
)
def test_the_export_gives_a_role_as_job_title_only_to_a_person(
    client: TestClient, writer: dict[str, str], kind: str, role: str, schema_type: str
) -> None:
    """schema.org defines ``jobTitle`` on Person alone: an organisation's or an unknown speaker's role is its
    ``description`` (a property every Thing has), so validators read the author as written."""
    source = client.post("/v1/sources", json={"name": f"Speaker {kind}", "kind": kind, "role": role}, headers=writer)
    assert source.status_code == 201, source.text
    claim = client.post(
        "/v1/claims", json={"text": "The bridge will reopen in May.", "speaker": f"Speaker {kind}"}, headers=writer
    ).json()
    author = client.get(f"/v1/claims/{claim['id']}/claimreview", headers=writer).json()["itemReviewed"]["author"]
    assert author["@type"] == schema_type
    if schema_type == "Person":
        assert author["jobTitle"] == role and "description" not in author
    else:
        assert "jobTitle" not in author and author["description"] == role
