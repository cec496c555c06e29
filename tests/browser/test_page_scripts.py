"""The browser side of CORS, and the plugin's shared scripts in a real page: what it reads from a news page's
metadata, and what it tells a person for each refusal."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page

from tests.browser.support import REPO_ROOT, LiveServer

pytestmark = pytest.mark.browser

SHARED = REPO_ROOT / "plugin" / "extension" / "shared"
QUOTE = {"quote": "Coalition troops are in Iraq at the request of the government.", "speaker": "Iraqi military"}
FETCH_FROM_PAGE = """async ([url, key, body]) => {
  try {
    const response = await fetch(url + "/v1/quotes", {method: "POST", body: JSON.stringify(body),
      headers: {"Authorization": "Bearer " + key, "Content-Type": "application/json", "Idempotency-Key": "page-1"}});
    return {status: response.status, replayed: response.headers.get("Idempotent-Replayed")};
  } catch (error) {
    return {error: error.name + ": " + error.message};
  }
}"""


def test_a_page_can_call_the_api_only_from_an_allowed_origin(
    page: Page, start_server: Callable[..., LiveServer], static_site: str
) -> None:
    allowed = start_server(cors_origins=[static_site])
    other_origin_only = start_server(cors_origins=["https://newsroom.example"])
    unset = start_server()
    key = allowed.api_key("read,write")
    page.goto(f"{static_site}/news-article.html")

    first = page.evaluate(FETCH_FROM_PAGE, [allowed.url, key, QUOTE])
    assert first == {"status": 201, "replayed": None}
    again = page.evaluate(FETCH_FROM_PAGE, [allowed.url, key, QUOTE])
    assert again == {"status": 201, "replayed": "true"}  # an exposed header, readable by the page
    for server in (other_origin_only, unset):
        refused = page.evaluate(FETCH_FROM_PAGE, [server.url, key, {**QUOTE, "quote": "Another quote entirely."}])
        assert refused == {"error": "TypeError: Failed to fetch"}
    # The browser refused at the preflight: the request itself never reached the server, nothing was stored.
    claims = allowed.api("GET", "/v1/claims", key).json()["items"]
    assert [c["text"] for c in claims] == [QUOTE["quote"]]


PAGES = {
    "json-ld author in a @graph, and a date": (
        '<script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle",'
        ' "author": {"@type": "Person", "name": "Ana Lima"}, "datePublished": "2024-02-03"}]}</script>'
        '<meta name="author" content="Somebody Else">',
        {"name": "Ana Lima", "from": "JSON-LD author"},
        {"value": "2024-02-03", "from": "JSON-LD datePublished"},
    ),
    "json-ld creator as a string": (
        '<script type="application/ld+json">[{"@type": "Article", "creator": "Ministry of Health"}]</script>',
        {"name": "Ministry of Health", "from": "JSON-LD creator"},
        None,
    ),
    "meta author; article:author a profile URL; a bad date": (
        '<meta property="article:author" content="https://example.org/staff/1">'
        '<meta name="author" content="  Kim   Park ">'
        '<meta property="article:published_time" content="last Tuesday">',
        {"name": "Kim Park", "from": "author meta tag"},
        None,
    ),
    "only a profile URL, broken JSON-LD": (
        '<meta property="article:author" content="https://example.org/staff/1">'
        '<script type="application/ld+json">{not json</script>'
        '<meta property="article:published_time" content="2021-09-01T09:30:00+02:00">',
        None,
        {"value": "2021-09-01T09:30:00+02:00", "from": "article:published_time"},
    ),
}


@pytest.mark.parametrize("case", PAGES, ids=list(PAGES))
def test_page_metadata_gives_a_speaker_guess_and_a_date(page: Page, static_site: str, case: str) -> None:
    head, speaker, said_at = PAGES[case]
    page.goto(f"{static_site}/news-article.html")
    page.set_content(f"<html><head>{head}</head><body><p id=q>“We will stay,” she said.</p></body></html>")
    page.add_script_tag(path=str(SHARED / "page.js"))
    page.locator("#q").select_text()
    read = page.evaluate("claimledger.readPage(document, window)")
    assert read["speaker"] == speaker
    assert read["saidAt"] == said_at
    assert read["quote"] == "We will stay,” she said."  # the opening mark goes, the text is kept as selected
    assert read["sourceUrl"] == f"{static_site}/news-article.html"


def test_every_refusal_is_explained_with_its_status(page: Page) -> None:
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(SHARED / "api.js"))
    explain = "([status, problem, retryAfter]) => claimledger.describeFailure(status, problem, retryAfter)"
    expected = {
        401: "API key was not accepted (401)",
        403: "needs the write scope",
        409: "clashes with an earlier one (409)",
        413: "too long for the server (413)",
        422: "could not accept the quote (422)",
        429: "Too many requests with this key (429). Try again in 7 seconds.",
        500: "The server failed (500)",
        502: "The server failed (502)",
        503: "not ready or is busy (503). Try again in 7 seconds.",
    }
    problem = {"detail": "the detail", "errors": [{"loc": ["body", "said_at"], "msg": "bad date"}]}
    for status, words in expected.items():
        message = page.evaluate(explain, [status, problem, "7"])
        assert words in message, (status, message)
        assert "The server said: the detail" in message
    assert "(said_at: bad date)" in page.evaluate(explain, [422, problem, None])
    assert page.evaluate(explain, [429, None, None]) == "Too many requests with this key (429)."
    assert page.evaluate("claimledger.normaliseBaseUrl(' https://claims.example.org/api/ ')") == (
        "https://claims.example.org/api"
    )
    assert page.evaluate("claimledger.isInsecureServer('http://claims.example.org')") is True
    assert page.evaluate("claimledger.isInsecureServer('http://127.0.0.1:8000')") is False
    keys = page.evaluate("[claimledger.newIdempotencyKey(), claimledger.newIdempotencyKey()]")
    assert keys[0] != keys[1]
    assert all(len(k) == len("plugin-") + 32 for k in keys)
