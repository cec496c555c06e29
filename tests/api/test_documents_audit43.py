"""/v1/documents with article shapes newsroom systems really send (audit 43): HTML left in the text, German quote
marks and straight single ones, live-blog time stamps, a byte-order mark, emoji after a name and a claim longer than a claim may be.
Every claim's span must point at its own words."""

from __future__ import annotations

import time
from typing import Any

from fastapi.testclient import TestClient


def _post(client: TestClient, writer: dict[str, str], text: str, **extra: Any) -> list[dict[str, Any]]:
    response = client.post("/v1/documents", json={"text": text, **extra}, headers=writer)
    assert response.status_code == 201, response.text
    claims: list[dict[str, Any]] = response.json()["claims"]
    for claim in claims:
        start, end = claim["span"]
        assert text[start:end] == claim["text"], claim
    return claims


def _by_text(claims: list[dict[str, Any]]) -> dict[str, str]:
    return {c["text"]: c["speaker"]["name"] for c in claims}


def test_html_tags_and_entities_are_read_as_the_text_they_render(client: TestClient, writer: dict[str, str]) -> None:
    """A CMS export with <p> tags and entities: an entity quote mark opens a quotation, and no claim ends on half a
    tag or half an entity, or opens on a tag's closing bracket."""
    text = (
        "<p>&quot;We will rebuild the bridge before winter,&quot; Mayor Helen Okafor said.</p>\n"
        "<p>Councillor Tom Reid said the plan was &ldquo;reckless&rdquo;.</p>\n"
        "<p>The company said </mark><script>alert(4)</script> the leak was harmless.</p>"
    )
    claims = _by_text(_post(client, writer, text, title="Council budget"))
    assert claims.get("We will rebuild the bridge before winter") == "Helen Okafor", claims
    assert claims.get("the plan was &ldquo;reckless&rdquo;") == "Tom Reid", claims
    assert "the leak was harmless" in claims, claims


def test_german_quote_marks_live_blog_stamps_and_a_byte_order_mark(client: TestClient, writer: dict[str, str]) -> None:
    """„...“ closes where it opened (German), a paragraph opening on a straight single quote is quoted (the marks
    are not the claim's), curly quotes garbled by a wrong decoding ("â€œ") are quotes, a live blog's "10:31 BST | " is not the claim's, and a byte-order mark
    before "The minister" leaves "the minister" a description of this article, not a source named "minister"."""
    text = (
        "\ufeffThe minister said the reform would pass this year.\n\n"
        "``The figures are wrong,'' said analyst Peter Lamb.\n\n"
        "„Wir warten ab“, said German official Jonas Weber.\n\n"
        "'It is a disaster for the town,' said shopkeeper Lisa Grant.\n\n"
        "â€œWe will win this election,â€\x9d said candidate Paul Moss.\n\n"
        "10:31 BST | Ferries to the islands have been cancelled, CalMac said."
    )
    claims = _by_text(_post(client, writer, text, title="Reform vote"))
    assert claims.get("Wir warten ab") == "Jonas Weber", claims
    assert claims.get("It is a disaster for the town") == "Lisa Grant", claims
    assert claims.get("We will win this election") == "Paul Moss", claims
    assert claims.get("Ferries to the islands have been cancelled") == "CalMac", claims
    assert claims.get("the reform would pass this year") == "minister in “Reform vote”", claims


def test_a_claim_cut_to_the_longest_claim_keeps_its_span_and_whole_words(
    client: TestClient, writer: dict[str, str]
) -> None:
    """A reported clause longer than a claim's 5,000 characters is cut at a word, and its span with it; and an
    emoji after a speaker's name is not part of the name."""
    clauses = ", ".join(f"that district {i} would receive {i * 3} new teachers" for i in range(1, 200))
    text = f"The education minister said {clauses}.\n\n“It was terrifying,” said resident Jo Marsh 👋."
    claims = _post(client, writer, text)
    longest = max(claims, key=lambda c: len(c["text"]))
    assert 4_000 < len(longest["text"]) <= 5_000
    end = longest["span"][1]
    assert not (text[end - 1].isalnum() and text[end].isalnum()), text[end - 10 : end + 10]
    assert _by_text(claims).get("It was terrifying") == "Jo Marsh"


def test_markup_never_unclosed_takes_no_time(client: TestClient, writer: dict[str, str]) -> None:
    """Scripts and comments opened and never closed, tens of thousands of times: read in one pass (a regular
    expression looking for the close from every opening took minutes)."""
    text = "<!--<script>" * 15_000 + "\n“The road is closed,” said the mayor, Ann Lee."
    started = time.perf_counter()
    claims = _post(client, writer, text)
    assert time.perf_counter() - started < 20
    assert _by_text(claims).get("The road is closed") == "Ann Lee"
