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
    "yoast-style @graph: the article's author is an @id pointing at a Person": (
        '<script type="application/ld+json">{"@graph": [{"@type": "WebSite", "@id": "https://n.example/#site"},'
        ' {"@type": "NewsArticle", "author": {"@id": "https://n.example/#/person/7"}, "datePublished": "2024-03-05"},'
        ' {"@type": "Person", "@id": "https://n.example/#/person/7", "name": "Ana Lima"}]}</script>',
        {"name": "Ana Lima", "from": "JSON-LD author"},
        {"value": "2024-03-05", "from": "JSON-LD datePublished"},
    ),
    "the article nested in a WebPage's mainEntity; a commenter named first": (
        '<script type="application/ld+json">{"@type": "WebPage", "mainEntity": {"@type": "NewsArticle",'
        ' "comment": [{"@type": "Comment", "author": {"name": "A Commenter"}}],'
        ' "author": {"@type": "Person", "name": ["Ana Lima", "A. Lima"]},'
        ' "datePublished": "2024-03-05T10:00:00+01:00"}}</script>',
        {"name": "Ana Lima", "from": "JSON-LD author"},
        {"value": "2024-03-05T10:00:00+01:00", "from": "JSON-LD datePublished"},
    ),
    "a byline's 'By' and two people; a date in a <time>": (
        '<meta name="Author" content="By Kim Park and Lee Chan">',
        {"name": "Kim Park", "from": "author meta tag"},
        {"value": "2024-03-05T10:00:00Z", "from": "datePublished"},
    ),
    "a JSON-LD author string with a byline's 'By:'": (
        '<script type="application/ld+json">{"@type": "NewsArticle", "author": "By: Ana Lima"}</script>',
        {"name": "Ana Lima", "from": "JSON-LD author"},
        None,
    ),
    "an organisation whose name has an 'and' stays whole": (
        '<meta name="author" content="Department of Health and Social Care">',
        {"name": "Department of Health and Social Care", "from": "author meta tag"},
        None,
    ),
}
TIME_ELEMENT = '<time itemprop="datePublished" datetime="2024-03-05T10:00:00Z">5 March 2024</time>'


@pytest.mark.parametrize("case", PAGES, ids=list(PAGES))
def test_page_metadata_gives_a_speaker_guess_and_a_date(page: Page, static_site: str, case: str) -> None:
    head, speaker, said_at = PAGES[case]
    page.goto(f"{static_site}/news-article.html")
    time = TIME_ELEMENT if "<time>" in case else ""
    page.set_content(f"<html><head>{head}</head><body>{time}<p id=q>“We will stay,” she said.</p></body></html>")
    page.add_script_tag(path=str(SHARED / "page.js"))
    page.locator("#q").select_text()
    read = page.evaluate("claimledger.readPage(document, window)")
    assert read["speaker"] == speaker
    assert read["saidAt"] == said_at
    assert read["quote"] == "We will stay,” she said."  # the opening mark goes, the text is kept as selected
    assert read["sourceUrl"] == f"{static_site}/news-article.html"


SELECTIONS = """<body>
<p id=notes>“The harbour will reopen in March<sup class=reference><a href="#fn1">[1]</a></sup> after the
  repairs.<sup><a href="#fn2">2</a></sup>”</p><p id=next>Officials agreed.</p>
<p id=power>It grew by 10<sup>3</sup> tonnes.</p>
<textarea id=field>The port is closed.</textarea><input id=secret type=password value="hunter2-secret">
<iframe id=frame srcdoc="<p id=inner>« Nous resterons. »</p>"></iframe>
</body>"""


def test_the_quote_is_the_text_the_reader_selected_wherever_it_is(page: Page, static_site: str) -> None:
    page.goto(f"{static_site}/news-article.html")
    page.set_content(SELECTIONS)
    page.add_script_tag(path=str(SHARED / "page.js"))
    quote = "() => claimledger.readPage(document, window).quote"

    # Footnote references are not words of the quote; a superscript that is part of the text stays.
    page.locator("#notes").select_text()
    assert page.evaluate(quote) == "The harbour will reopen in March after the repairs."
    assert page.evaluate("getSelection().toString()").count("[1]") == 1  # the reader's selection is left as it was
    page.evaluate(
        """() => { const r = document.createRange(); r.setStart(document.querySelector('#notes'), 0);
        r.setEnd(document.querySelector('#next').firstChild, 9); getSelection().removeAllRanges(); getSelection().addRange(r); }"""
    )
    assert page.evaluate(quote) == "The harbour will reopen in March after the repairs.” Officials"
    page.locator("#power").select_text()
    assert page.evaluate(quote) == "It grew by 103 tonnes."

    # A selection in a text field, or in an embedded same-origin frame; never a password field's value.
    page.evaluate(
        "() => { getSelection().removeAllRanges(); const t = document.querySelector('#field');"
        " t.focus(); t.setSelectionRange(4, 8); }"
    )
    assert page.evaluate(quote) == "port"
    page.evaluate("() => { const t = document.querySelector('#secret'); t.focus(); t.select(); }")
    assert page.evaluate(quote) == ""
    page.evaluate("() => document.activeElement.blur()")
    page.frame_locator("#frame").locator("#inner").select_text()
    assert page.evaluate(quote) == "Nous resterons."


def test_right_to_left_quotes_and_names_are_shown_right_to_left(page: Page) -> None:
    page.set_content("<html><body></body></html>")
    for script in ("api.js", "panel.js"):
        page.add_script_tag(path=str(SHARED / script))
    directions = page.evaluate(
        """() => {
        const host = document.createElement('div'); document.body.append(host);
        claimledger.createPanel(host, {page: {quote: 'سيعاد فتح الميناء في مارس.', speaker: {name: 'أحمد علي',
          from: 'author meta tag'}, saidAt: null, sourceUrl: 'https://news.example/a', title: ''}, settings: {}});
        const result = document.createElement('div'); document.body.append(result);
        claimledger.renderResult(document, result, {status: 201, replayed: false, data: {
          claim: {id: 'c1', speaker: {name: 'أحمد علي'}}, check: {verdict: 'unverified', matches: [
            {claim: {text: 'الميناء مغلق.', speaker: {name: 'وزارة النقل'}}, relation: 'neutral', similarity: 0.5}]}}});
        const dir = (selector) => getComputedStyle(document.querySelector(selector)).direction;
        return [dir('textarea[name=quote]'), dir('input[name=speaker]'), dir('.cl-match blockquote'),
                dir('.cl-match .cl-speaker')];
        }"""
    )
    assert directions == ["rtl", "rtl", "rtl", "rtl"]


def test_a_speaker_without_other_names_or_from_an_older_server_shows_none(page: Page) -> None:
    """A server older than `aliases` on a claim's speaker (the field absent), an empty list or a null: the match
    is shown as before, with no "also known as"; a list with names shows them."""
    page.set_content("<html><body></body></html>")
    for script in ("api.js", "panel.js"):
        page.add_script_tag(path=str(SHARED / script))
    heads = page.evaluate(
        """() => {
        const result = document.createElement('div'); document.body.append(result);
        const match = (speaker) => ({claim: {text: 'The port is closed.', speaker: speaker, said_at: '2024-01-02'},
                                     relation: 'neutral', similarity: 0.5});
        claimledger.renderResult(document, result, {status: 201, replayed: false, data: {
          claim: {id: 'c1', speaker: {name: 'Port Authority'}}, check: {verdict: 'unverified', matches: [
            match({id: 's1', name: 'Old Server'}), match({id: 's2', name: 'No Aliases', aliases: []}),
            match({id: 's3', name: 'Null Aliases', aliases: null}),
            match({id: 's4', name: 'Harbour Office', aliases: ['Port Office', '<i>HO</i>']})]}}});
        return [...result.querySelectorAll('.cl-match-head')].map((head) => head.textContent);
        }"""
    )
    assert [head.split(" · ")[0] for head in heads] == [
        "Old Server",
        "No Aliases",
        "Null Aliases",
        "Harbour Office (also known as Port Office, <i>HO</i>)",
    ]
    assert page.locator("i").count() == 0


def test_a_reply_that_never_comes_or_breaks_off_gives_the_form_back(page: Page) -> None:
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(SHARED / "api.js"))
    outcomes = page.evaluate(
        """async () => {
        const options = {baseUrl: 'https://claims.example.org', apiKey: 'k', idempotencyKey: 'i', body: {},
                         timeoutMs: 300, pageOrigin: 'https://news.example'};
        const aborted = [];
        const never = (url, request) => new Promise((resolve, reject) => request.signal.addEventListener(
          'abort', () => { aborted.push(true); reject(new DOMException('aborted', 'AbortError')); }));
        const cutOff = async () => ({ok: true, status: 201, headers: new Headers(),
                                     text: () => Promise.reject(new TypeError('network error'))});
        const endless = async () => ({ok: true, status: 201, headers: new Headers(), text: () => new Promise(() => {})});
        return [await claimledger.postQuote({...options, fetch: never}),
                await claimledger.postQuote({...options, fetch: cutOff}),
                await claimledger.postQuote({...options, fetch: endless}), aborted.length];
        }"""
    )
    never, cut_off, endless, aborted = outcomes
    assert never["ok"] is False and endless["ok"] is False and aborted == 1
    assert never["message"].startswith("No answer from https://claims.example.org in 1 seconds.")
    assert "press Check quote again" in never["message"] and endless["message"] == never["message"]
    assert cut_off == {
        "ok": False,
        "status": 0,
        "message": page.evaluate(
            "claimledger.describeNetworkFailure('https://claims.example.org', 'https://news.example')"
        ),
    }


def test_an_unreachable_server_names_the_origin_it_must_allow(page: Page) -> None:
    page.set_content("<html><body></body></html>")
    page.add_script_tag(path=str(SHARED / "api.js"))
    explain = "([url, origin]) => claimledger.describeNetworkFailure(url, origin)"
    extension = page.evaluate(explain, ["http://127.0.0.1:9", "chrome-extension://abc"])
    assert "Grant access to this server" in extension
    assert "this extension's origin (chrome-extension://abc) in CLAIMLEDGER_CORS_ORIGINS" in extension
    news = page.evaluate(explain, ["http://127.0.0.1:9", "https://news.example"])
    assert "this page's origin (https://news.example) in CLAIMLEDGER_CORS_ORIGINS" in news


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
    too_long = {
        "detail": "the request is not valid: body.quote: String should have at most 5000 characters (too long)",
        "errors": [{"loc": ["body", "quote"], "msg": "String should have at most 5000 characters"}],
    }
    assert page.evaluate(explain, [422, too_long, None]).count("at most 5000 characters") == 1  # said once
    assert page.evaluate(explain, [429, None, None]) == "Too many requests with this key (429)."
    assert page.evaluate("claimledger.normaliseBaseUrl(' https://claims.example.org/api/ ')") == (
        "https://claims.example.org/api"
    )
    assert page.evaluate("claimledger.isInsecureServer('http://claims.example.org')") is True
    assert page.evaluate("claimledger.isInsecureServer('http://127.0.0.1:8000')") is False
    keys = page.evaluate("[claimledger.newIdempotencyKey(), claimledger.newIdempotencyKey()]")
    assert keys[0] != keys[1]
    assert all(len(k) == len("plugin-") + 32 for k in keys)
