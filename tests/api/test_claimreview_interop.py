"""POST /v1/claimreviews against the ClaimReview JSON-LD shapes fact-checkers actually publish (schema.org and
Google's fact-check markup allow them all): a page's ``@graph``, prefixed or IRI types, HTML escapes left in the
text, review URLs differing in host case or trailing slash, roundup pages, and a 1,000-item feed.

Hand-written examples (h172's audit); names and URLs are made up.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest
from fastapi.testclient import TestClient

import service.services.claimreviews as claimreviews
from extraction import speaker_key
from service.runtime import Runtime
from tests.api.claimreview_support import counts, import_reviews

REVIEW: dict[str, Any] = {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    "url": "https://factcheck.example.org/2024/05/crime-doubled/",
    "datePublished": "2024-05-03",
    "author": {"@type": "Organization", "name": "Example Fact Check"},
    "claimReviewed": "Violent crime has doubled since 2020.",
    "itemReviewed": {
        "@type": "Claim",
        "author": {"@type": "Person", "name": "Mara Quist"},
        "datePublished": "2024-05-01",
        "appearance": [{"@type": "CreativeWork", "url": "https://news.example.org/quist-speech"}],
    },
    "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1, "alternateName": "False"},
}


def review(**changes: Any) -> dict[str, Any]:
    out = copy.deepcopy(REVIEW)
    out.update(copy.deepcopy(changes))
    return out


def claim_item(**changes: Any) -> dict[str, Any]:
    out: dict[str, Any] = copy.deepcopy(REVIEW["itemReviewed"])
    out.update(copy.deepcopy(changes))
    return out


def test_a_pages_graph_gives_its_claimreviews_and_ignores_the_rest(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    """A CMS writes one @graph per page: WebPage, Organization, BreadcrumbList and the ClaimReview, whose author is
    often a reference (``{"@id": ...}``) to the page's Organization."""
    org = {"@type": "Organization", "@id": "https://factcheck.example.org/#org", "name": "Example Fact Check"}
    node = {k: v for k, v in review(author={"@id": org["@id"]}).items() if k != "@context"}
    page: dict[str, Any] = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": "https://factcheck.example.org/p#page", "publisher": {"@id": org["@id"]}},
            org,
            {"@type": "BreadcrumbList", "itemListElement": []},
            node,
        ],
    }
    result = import_reviews(client, writer, page)
    assert (result["created"], result["reviews_created"]) == (1, 1)
    assert result["claims"][0]["reviews"][0]["author"] == "Example Fact Check"

    without = {"@graph": [{"@type": "WebPage"}, org]}
    response = client.post("/v1/claimreviews", json=without, headers=writer)
    assert response.status_code == 422 and "no ClaimReview" in response.json()["detail"]
    bad = copy.deepcopy(page)
    bad["@graph"].append(review(claimReviewed="Police numbers fell by half.", reviewRating={"ratingValue": "one"}))
    response = client.post("/v1/claimreviews", json=bad, headers=writer)
    assert response.status_code == 422
    assert "ClaimReview 1 (@graph[4])" in response.json()["detail"]
    assert counts(runtime) == (1, 1)


def test_prefixed_and_iri_schema_terms_are_schema_terms(client: TestClient, writer: dict[str, str]) -> None:
    prefixed = {
        "@context": {"schema": "https://schema.org/"},
        "@type": "schema:ClaimReview",
        "schema:url": "https://factcheck.example.org/prefixed",
        "schema:claimReviewed": "Violent crime has doubled since 2020.",
        "schema:itemReviewed": {"@type": "schema:Claim", "schema:author": {"schema:name": "Mara Quist"}},
        "schema:reviewRating": {"@type": "schema:Rating", "schema:alternateName": "False"},
    }
    iri = review(**{"@type": "http://schema.org/ClaimReview", "url": "https://factcheck.example.org/iri"})
    own_prefix = {
        "@context": [{"sdo": "http://schema.org/"}],
        "@type": "sdo:ClaimReview",
        "sdo:claimReviewed": "Police numbers fell by half.",
        "sdo:itemReviewed": {"sdo:author": "Mara Quist"},
        "https://schema.org/reviewRating": {"sdo:alternateName": "False"},
    }
    result = import_reviews(client, writer, [prefixed, iri, own_prefix])
    assert [c["speaker"]["name"] for c in result["claims"]] == ["Mara Quist"] * 3
    assert result["claims"][2]["reviews"][0]["rating"] == "False"
    assert result["claims"][0]["reviews"][0]["rating"] == "False"


def test_html_escapes_left_in_the_json_ld_are_read_as_text(client: TestClient, writer: dict[str, str]) -> None:
    escaped = review(
        claimReviewed="  &#8220;Violent crime has doubled&#8221; &amp; more\n ",
        itemReviewed=claim_item(author={"@type": "Person", "name": "Mara O&#39;Quist"}),
        author={"name": "Fact &amp; Fiction"},
    )
    claim = import_reviews(client, writer, escaped)["claims"][0]
    assert claim["text"] == "\u201cViolent crime has doubled\u201d & more"
    assert claim["speaker"]["name"] == "Mara O'Quist"
    assert claim["reviews"][0]["author"] == "Fact & Fiction"


def test_the_first_appearance_with_a_url_is_the_claims_source(client: TestClient, writer: dict[str, str]) -> None:
    appearances = [{"@type": "CreativeWork", "name": "TV interview"}, {"url": "https://news.example.org/second"}]
    claim = import_reviews(client, writer, review(itemReviewed=claim_item(appearance=appearances)))["claims"][0]
    assert claim["source_url"] == "https://news.example.org/second"


@pytest.mark.parametrize(
    "again",
    [
        "https://factcheck.example.org/2024/05/crime-doubled",
        "https://FactCheck.Example.ORG/2024/05/crime-doubled/",
        "HTTPS://factcheck.example.org/2024/05/crime-doubled",
    ],
)
def test_a_review_url_differing_in_case_of_host_or_trailing_slash_is_the_same_review(
    client: TestClient, runtime: Runtime, writer: dict[str, str], again: str
) -> None:
    first = import_reviews(client, writer, review())
    reimported = import_reviews(client, writer, review(url=again))
    assert (reimported["created"], reimported["reviews_created"]) == (0, 0)
    reworded = import_reviews(client, writer, review(url=again, claimReviewed="Violent crime has doubled since 2020!"))
    assert reworded["claims"][0]["id"] == first["claims"][0]["id"]  # the review's URL names the claim on record
    assert counts(runtime) == (1, 1)


def test_anchors_of_a_roundup_page_are_distinct_reviews(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    first = review(url="https://factcheck.example.org/roundup#claim-1")
    second = review(url="https://factcheck.example.org/roundup#claim-2", claimReviewed="Police numbers fell by half.")
    result = import_reviews(client, writer, [first, second])
    assert (result["created"], result["reviews_created"]) == (2, 2)
    assert counts(runtime) == (2, 2)


def test_a_roundup_pages_one_url_keeps_each_claim_its_own_on_reimport(
    client: TestClient, writer: dict[str, str]
) -> None:
    """One page URL on ClaimReviews of two claims: the same text finds its own claim before the URL finds the
    first claim reviewed there."""
    first = review(url="https://factcheck.example.org/roundup")
    second = review(url="https://factcheck.example.org/roundup", claimReviewed="Police numbers fell by half.")
    imported = import_reviews(client, writer, [first, second])
    again = import_reviews(client, writer, [first, second])
    assert [c["id"] for c in again["claims"]] == [c["id"] for c in imported["claims"]]
    assert [c["text"] for c in again["claims"]] == [first["claimReviewed"], second["claimReviewed"]]


def test_a_thousand_item_feed_keys_each_speaker_name_a_bounded_number_of_times(
    client: TestClient, runtime: Runtime, writer: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Persisting compared every item with every new one by a speaker key computed per comparison: ~500,000 keys,
    about 40 s holding the write transaction for 1,000 items."""
    calls = 0

    def counting(name: str) -> str:
        nonlocal calls
        calls += 1
        return speaker_key(name)

    monkeypatch.setattr(claimreviews, "speaker_key", counting)
    feed = {
        "@type": "DataFeed",
        "dataFeedElement": [
            {
                "@type": "DataFeedItem",
                "item": [
                    review(
                        url=f"https://factcheck.example.org/2024/{i}/",
                        claimReviewed=f"Claim number {i} about the budget of district {i % 37}.",
                        itemReviewed=claim_item(author={"name": f"Speaker {i % 50}"}),
                    )
                ],
            }
            for i in range(1000)
        ],
    }
    result = import_reviews(client, writer, feed)
    assert result["created"] == 1000
    assert calls <= 2 * 1000, calls
    assert import_reviews(client, writer, feed)["reviews_created"] == 0
    assert counts(runtime) == (1000, 1000)


ACCEPTED_SHAPES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("context http", review(**{"@context": "http://schema.org"}), {}),
    ("context object", review(**{"@context": {"@vocab": "https://schema.org/"}}), {}),
    ("context list", review(**{"@context": ["https://schema.org", {"fc": "https://x.example/ns#"}]}), {}),
    ("type list", review(**{"@type": ["ClaimReview"]}), {}),
    ("item a CreativeWork", review(itemReviewed=claim_item(**{"@type": "CreativeWork"})), {"speaker": "Mara Quist"}),
    ("authors listed", review(itemReviewed=claim_item(author=[{"name": "Mara Quist"}, {"name": "T"}])), {}),
    ("author a string", review(itemReviewed=claim_item(author="Mara Quist")), {"speaker": "Mara Quist"}),
    ("author sameAs only", review(itemReviewed=claim_item(author={"sameAs": "https://w.example/q"})), {}),
    ("review author a string", review(author="Example Fact Check"), {}),
    ("one appearance", review(itemReviewed=claim_item(appearance={"url": "https://n.example/1"})), {}),
    (
        "firstAppearance",
        review(itemReviewed={"author": "Mara Quist", "firstAppearance": {"url": "https://n.example/f"}}),
        {"source_url": "https://n.example/f"},
    ),
    ("rating as strings", review(reviewRating={"ratingValue": "1", "bestRating": "5"}), {"rating_value": 1}),
    ("rating only named", review(reviewRating={"alternateName": "Misleading"}), {"rating_value": None}),
    ("datetime millis Z", review(datePublished="2024-05-02T10:00:00.000Z"), {"date": "2024-05-02T10:00:00+00:00"}),
    ("datetime no zone", review(datePublished="2024-05-02T10:00:00"), {"date": "2024-05-02T10:00:00+00:00"}),
    ("datetime +02:00", review(datePublished="2024-05-02T10:00:00+02:00"), {"date": "2024-05-02T08:00:00+00:00"}),
]


@pytest.mark.parametrize(("shape", "body", "expected"), ACCEPTED_SHAPES, ids=[s[0] for s in ACCEPTED_SHAPES])
def test_publishers_shapes_are_accepted_and_mapped(
    client: TestClient, writer: dict[str, str], shape: str, body: dict[str, Any], expected: dict[str, Any]
) -> None:
    claim = import_reviews(client, writer, body)["claims"][0]
    rating = claim["reviews"][0]
    assert claim["speaker"]["name"] == expected.get("speaker", claim["speaker"]["name"])
    assert claim["source_url"] == expected.get("source_url", claim["source_url"])
    assert rating["rating_value"] == expected.get("rating_value", rating["rating_value"])
    if "date" in expected:
        at = datetime.fromisoformat(rating["date_published"])
        assert at.astimezone(UTC) == datetime.fromisoformat(expected["date"])
    assert client.get(f"/v1/claims/{claim['id']}/claimreview", headers=writer).status_code == 200


def test_two_fact_checkers_of_one_claim_are_one_claim_with_two_reviews(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    other = review(url="https://other-checker.example.net/quist-crime", author={"name": "Other Checker"})
    result = import_reviews(client, writer, [review(), other])
    assert (result["created"], result["existing"], result["reviews_created"]) == (1, 1, 2)
    export = client.get(f"/v1/claims/{result['claims'][0]['id']}/claimreview", headers=writer).json()
    assert {part["author"]["name"] for part in export["hasPart"]} == {"Example Fact Check", "Other Checker"}
    back = import_reviews(client, writer, export)
    assert (back["created"], back["reviews_created"]) == (0, 0)
    assert counts(runtime) == (1, 2)


def test_graph_references_are_followed_a_few_hops_and_never_blow_up(client: TestClient, writer: dict[str, str]) -> None:
    """The claim and its author as references (two hops) are read; a chain of 3,000 references (recursion) or
    nodes each naming the next 10 times (exponential copying) import promptly."""
    graph: list[dict[str, Any]] = [
        {"@id": f"#n{i}", "name": f"Node {i}", "knows": [{"@id": f"#n{i + 1}"}] * 10} for i in range(3000)
    ]
    node = {k: v for k, v in review(itemReviewed={"@id": "#claim"}, author={"@id": "#n0"}).items() if k != "@context"}
    graph += [
        node,
        {"@id": "#claim", "@type": "Claim", "author": {"@id": "#mara"}, "appearance": {"@id": "#claim"}},
        {"@id": "#mara", "@type": "Person", "name": "Mara Quist", "knows": {"@id": "#claim"}},
    ]
    claim = import_reviews(client, writer, {"@context": "https://schema.org", "@graph": graph})["claims"][0]
    assert claim["speaker"]["name"] == "Mara Quist"
    assert claim["reviews"][0]["author"] == "Node 0"
