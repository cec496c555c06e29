"""The review web UI in a real Chromium against a live server: sign-in (a wrong key refused), the queue, a review
recorded in three clicks, the check, speaker, article and report pages, keyboard only, without JavaScript, no
Content-Security-Policy violation; and page times on 10,000 claims and 1,000 flags (a generous bound; the
measured numbers are benchmarks/UI_TIMINGS.md's)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Locator, Page, Route, ViewportSize, expect

from benchmarks.bench_ui import TARGET_MS, markdown_table, measure_pages, sign_in
from benchmarks.ui_record import seed_review_record
from db.engine import make_session_factory
from embeddings.encoder import HashingEncoder
from reconcile.job import Reconciler, RunRequest
from tests.api.conftest import SEED_CLAIM
from tests.browser.support import LiveServer
from tests.ui.records import store_claim, store_document, store_flag

pytestmark = pytest.mark.browser

QUOTE = "The number of U.S. troops in Iraq has risen to about 10,000."
ARTICLE = (
    "BAGHDAD — Iraq and the United States held a new round of technical talks on Wednesday.\n\n"
    '"The number of U.S. troops in Iraq has dropped to about 2,500," the Pentagon said in a statement.\n\n'
    "Coalition spokesman Col. Wayne Marotto said the talks were in keeping with commitments made during the "
    "Strategic Dialogue. Iraqi officials said the next meeting would be held in Baghdad."
)
# A page that renders slower than this in the test is broken, not just slow on a busy machine; the 200 ms target
# is measured by `make bench-ui` (benchmarks/UI_TIMINGS.md).
GENEROUS_BOUND_MS = 1500.0
Shot = Callable[[Page | Locator, str], Path | None]


@pytest.fixture
def csp_violations(page: Page) -> Iterator[list[str]]:
    """Console errors the Content-Security-Policy raised on the page; the test fails on any."""
    found: list[str] = []

    def note(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            found.append(message.text)

    page.on("console", note)
    yield found
    assert not found, f"the page broke its own Content-Security-Policy: {found}"


def raise_flag(server: LiveServer, admin: str) -> str:
    """A claim on record, then a quote contradicting it (as the newsroom plugin sends it): one open flag."""
    assert server.api("POST", "/v1/claims", admin, json=SEED_CLAIM).status_code == 201
    quote = {"quote": QUOTE, "speaker": "an Iraqi lawmaker", "said_at": "2021-05-01"}
    assert server.api("POST", "/v1/quotes", admin, json=quote).status_code == 201
    flags = server.api("GET", "/v1/flags?status=open", admin).json()["items"]
    assert len(flags) == 1
    return str(flags[0]["id"])


def queue_of_one_flag(page: Page, start_server: Callable[..., LiveServer]) -> None:
    """A server with one open contradiction flag, and its queue on the page for reviewer Ana."""
    server = start_server()
    raise_flag(server, server.api_key("read,write,admin", name="admin"))
    sign_in(page, server.url, server.api_key("review", name="Ana"))
    expect(page.locator("article.flag")).to_have_count(1)


def test_sign_in_and_a_review_in_three_clicks(
    page: Page,
    start_server: Callable[..., LiveServer],
    tmp_path: Path,
    save_screenshot: Shot,
    csp_violations: list[str],
) -> None:
    server = start_server()
    admin = server.api_key("read,write,admin", name="admin")
    flag_id = raise_flag(server, admin)
    key = server.api_key("review", name="Ana (fact-checker)")

    page.goto(f"{server.url}/ui/flags")  # typed, not clicked: the way in without a session is the login page
    expect(page).to_have_url(f"{server.url}/ui/login?next=%2Fui%2Fflags")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to review")
    save_screenshot(page, "ui-login.png")
    page.get_by_label("API key").fill("clk_000000000000_this-is-not-a-key")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("That key is not valid.")
    page.get_by_label("API key").fill(server.api_key("read,write", name="no review scope"))
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("needs the review scope")

    clicks = 0
    page.get_by_label("API key").fill(key)
    page.get_by_role("button", name="Sign in").click()
    clicks += 1
    expect(page).to_have_url(f"{server.url}/ui/flags")
    card = page.locator("article.flag").first
    expect(card).to_contain_text(QUOTE)
    expect(card).to_contain_text(SEED_CLAIM["text"])
    expect(card).to_contain_text("number mismatch")
    expect(page.get_by_text("Signed in as")).to_contain_text("Ana (fact-checker)")
    save_screenshot(page, "ui-flags.png")
    card.get_by_role("link", name=re.compile(r"^Review")).click()
    clicks += 1
    expect(page).to_have_url(f"{server.url}/ui/flags/{flag_id}")
    page.get_by_label("Note").fill("The Pentagon's own figure is 2,500; 10,000 is wrong.")  # typing, not a click
    save_screenshot(page, "ui-flag.png")
    page.get_by_role("button", name="Confirm", exact=True).click()
    clicks += 1

    expect(page.get_by_role("status")).to_contain_text("Review recorded: confirmed.")
    assert clicks == 3, f"a review took {clicks} clicks from the login page"
    recorded = server.api("GET", f"/v1/flags/{flag_id}", admin).json()
    assert recorded["status"] == "confirmed"
    assert [r["note"] for r in recorded["reviews"]] == ["The Pentagon's own figure is 2,500; 10,000 is wrong."]
    history = page.get_by_role("table").filter(has_text="decision")
    expect(history).to_contain_text("Ana (fact-checker)")

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{server.url}/ui/login")
    page.goto(f"{server.url}/ui/flags/{flag_id}")
    expect(page).to_have_url(re.compile(r"/ui/login\?next="))


def test_the_queue_filters_with_and_without_javascript(
    browser: Browser, start_server: Callable[..., LiveServer], tmp_path: Path
) -> None:
    server = start_server()
    admin = server.api_key("read,write,admin", name="admin")
    flag_id = raise_flag(server, admin)
    key = server.api_key("review", name="Ana")
    for javascript in (True, False):
        context = browser.new_context(java_script_enabled=javascript)
        page = context.new_page()
        try:
            sign_in(page, server.url, key)
            page.get_by_label("Status").select_option("dismissed")
            if not javascript:
                page.get_by_role("button", name="Filter").click()  # with htmx, changing the select is enough
            expect(page.get_by_text("No flags match.")).to_be_visible()
            expect(page).to_have_url(re.compile(r"status=dismissed"))
            page.get_by_label("Status").select_option("open")
            page.get_by_label("Kind").select_option("contradiction")
            page.get_by_role("button", name="Filter").click()
            expect(page.locator("article.flag")).to_have_count(1)
            if not javascript:  # a review without JavaScript: a plain form post and a redirect
                page.locator("article.flag").get_by_role("link", name=re.compile("^Review")).click()
                page.get_by_role("button", name="Dismiss", exact=True).click()
                expect(page.get_by_role("status")).to_contain_text("Review recorded: dismissed.")
        finally:
            context.close()
    assert server.api("GET", f"/v1/flags/{flag_id}", admin).json()["status"] == "dismissed"


def test_a_filter_changed_while_the_queue_is_loading_is_not_lost(
    page: Page, start_server: Callable[..., LiveServer], csp_violations: list[str]
) -> None:
    """Two filters changed one after the other while the first answer is still on its way (a slow server, a quick
    hand): the queue ends up filtered by both, as the selects show, never by the first alone with the second
    choice silently undone when the first answer replaces the form."""
    queue_of_one_flag(page, start_server)

    def slowly(route: Route) -> None:
        page.wait_for_timeout(700)  # the queue's answer takes a while: the next change comes before it
        route.continue_()

    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.route(re.compile(r"/ui/flags\?"), slowly)
    page.get_by_label("Kind").select_option("self_contradiction")
    page.get_by_label("Status").select_option("open")
    # Both answers, however they were sent, are in (a fixed wait of 2.5 s was not always enough on a loaded machine).
    expect(page).to_have_url(re.compile(r"status=open&kind=self_contradiction"))
    expect(page.get_by_label("Kind")).to_have_value("self_contradiction")
    expect(page.get_by_label("Status")).to_have_value("open")
    expect(page.get_by_text("No flags match.")).to_be_visible()  # the one flag is a contradiction

    # A name typed while an answer is on its way stays typed; Enter then filters by it, aborting nothing.
    page.get_by_label("Kind").select_option("contradiction")
    page.get_by_label("Speaker").fill("Pentagon")
    expect(page).to_have_url(re.compile(r"kind=contradiction&speaker=$"))  # that answer is in (not a fixed wait)
    expect(page.get_by_label("Speaker")).to_have_value("Pentagon")
    page.get_by_label("Speaker").press("Enter")
    expect(page).to_have_url(re.compile(r"kind=contradiction&speaker=Pentagon"))
    expect(page.locator("article.flag")).to_have_count(1)
    page.go_back()  # the address and the form agree again after going back
    expect(page).to_have_url(re.compile(r"kind=contradiction&speaker=$"))
    expect(page.get_by_label("Speaker")).to_have_value("")
    assert not errors, errors  # no request was aborted (htmx logs each abort as an error)


def test_a_filter_changed_as_the_last_answer_lands_keeps_the_form(
    page: Page, start_server: Callable[..., LiveServer], csp_violations: list[str]
) -> None:
    """A filter changed in the instant the previous answer is swapped in (before htmx settles it), then another while
    that request is on its way. The form once lost its hold on the first request there, sent the second beside it,
    and the answer that came second, aimed at a queue already replaced, took the whole filter form with it: no
    selects, no Filter button, until the page was loaded again (seen in CI as a click that never found its button)."""
    queue_of_one_flag(page, start_server)

    def slowly(route: Route) -> None:
        if "kind=&" in route.request.url and "status=open" in route.request.url:
            page.wait_for_timeout(600)  # the first change's answer is on its way when the second change comes
        route.continue_()

    page.route(re.compile(r"/ui/flags\?"), slowly)
    page.evaluate(
        """() => document.addEventListener("htmx:afterSwap", () => {
             const status = document.getElementById("f-status");
             status.value = "open";
             status.dispatchEvent(new Event("change", {bubbles: true}));
           }, {once: true})"""
    )
    # "dismissed" is in once "open", sent as its answer landed, goes out (a fixed 300 ms wait was too short for the
    # first answer on a loaded machine, and the change came before it: the race went untested).
    with page.expect_request(lambda r: "status=open" in r.url and "kind=&" in r.url):
        page.get_by_label("Status").select_option("dismissed")
    with page.expect_response(lambda r: "status=open" in r.url and "kind=&" in r.url):
        page.get_by_label("Kind").select_option("contradiction")  # while "open" is still on its way
    expect(page).to_have_url(re.compile(r"status=open&kind=contradiction"))  # both answers are in
    expect(page.locator("form#filters")).to_have_count(1)
    expect(page.get_by_label("Status")).to_have_value("open")
    expect(page.get_by_label("Kind")).to_have_value("contradiction")
    expect(page).to_have_url(re.compile(r"status=open&kind=contradiction"))
    expect(page.locator("article.flag")).to_have_count(1)
    page.get_by_role("button", name="Filter").click()  # still there, and still filters
    expect(page.locator("article.flag")).to_have_count(1)


def test_a_review_by_keyboard_alone(
    page: Page, start_server: Callable[..., LiveServer], tmp_path: Path, csp_violations: list[str]
) -> None:
    server = start_server()
    admin = server.api_key("read,write,admin", name="admin")
    flag_id = raise_flag(server, admin)
    page.goto(f"{server.url}/ui/login?next=/ui/flags/{flag_id}")
    page.keyboard.type(server.api_key("review"))  # the key field has the focus
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{server.url}/ui/flags/{flag_id}")

    def tab_to(name: str, limit: int = 40) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            focused = page.evaluate(
                "() => { const e = document.activeElement;"
                " return (e.labels && e.labels[0] ? e.labels[0].textContent : e.textContent).trim(); }"
            )
            if str(focused).startswith(name):
                return
        raise AssertionError(f"{name!r} is not reachable with Tab")

    tab_to("Note")
    page.keyboard.type("Checked against the Pentagon's statement.")
    tab_to("Dismiss", limit=3)
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Review recorded: dismissed.")
    assert server.api("GET", f"/v1/flags/{flag_id}", admin).json()["status"] == "dismissed"


def test_checking_a_statement(
    page: Page,
    start_server: Callable[..., LiveServer],
    tmp_path: Path,
    save_screenshot: Shot,
    csp_violations: list[str],
) -> None:
    server = start_server()
    admin = server.api_key("read,write,admin", name="admin")
    assert server.api("POST", "/v1/claims", admin, json=SEED_CLAIM).status_code == 201
    sign_in(page, server.url, server.api_key("review"))
    page.get_by_role("link", name="Check a statement").click()
    page.get_by_label("Statement").fill(QUOTE)
    page.get_by_label("Speaker (optional)").fill("an Iraqi lawmaker")
    page.get_by_label("Said on (optional)").fill("2021-05-01")
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.locator(".verdict")).to_have_text("contradicted")
    # htmx replaced the page's main part: focus is on the verdict (not lost to <body>), in a live region.
    expect(page.get_by_role("heading", name=re.compile(r"^Verdict"))).to_be_focused()
    expect(page.locator("#check-result")).to_have_attribute("aria-live", "polite")
    match = page.locator("li.match").first
    expect(match).to_contain_text(SEED_CLAIM["text"])
    expect(match).to_contain_text("number mismatch")
    expect(match.get_by_role("table")).to_contain_text("statement → claim")  # both directions shown
    expect(page.get_by_label("Statement")).to_have_value(QUOTE)  # the form keeps what was checked
    save_screenshot(page, "ui-check.png")
    flags = server.api("GET", "/v1/flags?status=open", admin).json()["items"]
    assert [f["claim"]["text"] for f in flags] == [QUOTE]  # raised as /v1/check raises it

    page.get_by_label("Statement").fill("")
    page.get_by_label("Statement").evaluate("e => e.removeAttribute('required')")
    page.get_by_role("button", name="Check", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("could not be checked")
    expect(page.get_by_role("alert")).to_be_focused()


def test_a_check_sent_before_the_page_script_ran_still_puts_focus_on_the_verdict(
    browser: Browser, start_server: Callable[..., LiveServer]
) -> None:
    """Check pressed before htmx has run (a slow line, a quick hand; or no JavaScript at all) sends the form as a
    plain post and loads the answer as a whole page: focus must still land on the verdict, or on the list of what
    was refused, as it does when htmx swaps the answer in, not stay at the top of a page the answer is far down
    (seen in CI-like runs as a verdict shown but not focused when the page's scripts came late)."""
    server = start_server()
    admin = server.api_key("read,write,admin", name="admin")
    assert server.api("POST", "/v1/claims", admin, json=SEED_CLAIM).status_code == 201
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        sign_in(page, server.url, server.api_key("review"))
        page.goto(f"{server.url}/ui/check")
        page.get_by_label("Statement").fill(QUOTE)
        page.get_by_role("button", name="Check", exact=True).click()
        expect(page.locator(".verdict")).to_have_text("contradicted")
        expect(page.get_by_role("heading", name=re.compile(r"^Verdict"))).to_be_focused()
        page.get_by_label("Statement").fill("   ")
        page.get_by_role("button", name="Check", exact=True).click()
        expect(page.get_by_role("alert")).to_contain_text("could not be checked")
        expect(page.get_by_role("alert")).to_be_focused()
    finally:
        context.close()


def test_an_article_and_a_speakers_claims(
    page: Page,
    start_server: Callable[..., LiveServer],
    tmp_path: Path,
    save_screenshot: Shot,
    csp_violations: list[str],
    extractor: object,
) -> None:
    server = start_server(extractor=extractor)
    admin = server.api_key("read,write,admin", name="admin")
    document = {
        "text": ARTICLE,
        "url": "https://example.org/coalition-talks",
        "title": "Coalition talks resume",
        "published_at": "2021-04-10",
    }
    stored = server.api("POST", "/v1/documents", admin, json=document)
    assert stored.status_code == 201, stored.text
    claims = [c for c in stored.json()["claims"] if c["span"]]
    assert claims, "the extractor found no attributed claim with a span"
    sign_in(page, server.url, server.api_key("review"))

    page.goto(f"{server.url}/ui/documents/{stored.json()['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Coalition talks resume")
    marks = page.locator(".article-text mark")
    expect(marks.first).to_be_visible()
    highlighted = " ".join(marks.all_text_contents())
    for claim in claims:  # every span is highlighted, titled with its speaker
        start, end = claim["span"]
        assert ARTICLE[start:end] in highlighted or all(part in highlighted for part in ARTICLE[start:end].split())
        title = page.locator(".article-text mark", has_text=ARTICLE[start:end][:20]).first.get_attribute("title")
        assert title is not None and claim["speaker"]["name"] in title
    expect(page.locator(".article-text")).to_contain_text("held a new round of technical talks")
    save_screenshot(page, "ui-document.png")

    pentagon = next(c for c in claims if "Pentagon" in c["speaker"]["name"])
    page.locator(".doc-claims").get_by_role("link", name=pentagon["speaker"]["name"]).first.click()
    expect(page).to_have_url(f"{server.url}/ui/sources/{pentagon['speaker']['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text(pentagon["speaker"]["name"])
    expect(page.locator("ol.timeline")).to_contain_text(pentagon["text"])
    page.get_by_role("link", name="In its article").first.click()
    expect(page).to_have_url(f"{server.url}/ui/documents/{stored.json()['id']}")

    # A later contradicting quote: the speaker's page lists the flag under the claim, newest claim first.
    quote = {"quote": QUOTE, "speaker": pentagon["speaker"]["name"], "said_at": "2021-06-01"}
    assert server.api("POST", "/v1/quotes", admin, json=quote).status_code == 201
    page.goto(f"{server.url}/ui/sources/{pentagon['speaker']['id']}")
    expect(page.locator("ol.timeline > li").first).to_contain_text(QUOTE)
    expect(page.locator("ul.flag-links").first).to_contain_text("self contradiction")
    save_screenshot(page, "ui-source.png")


def test_the_reconciliation_report_page(
    page: Page,
    start_server: Callable[..., LiveServer],
    tmp_path: Path,
    save_screenshot: Shot,
    csp_violations: list[str],
) -> None:
    server = start_server(reports_dir=tmp_path / "reports")
    admin = server.api_key("read,write,admin", name="admin")
    for claim in (
        SEED_CLAIM,
        {**SEED_CLAIM, "text": "The number of U.S. troops in Iraq has risen to about 3,500.", "said_at": "2021-06-15"},
    ):
        assert server.api("POST", "/v1/claims", admin, json=claim).status_code == 201
    outcome = Reconciler(server.runtime).run(RunRequest(full=True))[-1]
    assert outcome.status == "succeeded"
    sign_in(page, server.url, server.api_key("review"))
    page.get_by_role("link", name="Reconciliation reports").click()
    page.get_by_role("link", name=re.compile(r"^Report")).click()
    expect(page).to_have_url(f"{server.url}/ui/reconciliations/{outcome.run_id}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Reconciliation {outcome.run_id}")
    expect(page.get_by_role("img", name="flags raised per day")).to_be_visible()
    expect(page.locator("body")).to_contain_text("has risen to about 3,500")
    save_screenshot(page, "ui-reconciliation.png")
    top = page.get_by_role("table").filter(has_text="P(contradiction)")
    top.get_by_role("link", name="self contradiction").click()  # the report's top contradiction, for review
    expect(page).to_have_url(re.compile(r"/ui/flags/[0-9a-f-]{36}$"))
    expect(page.get_by_role("button", name="Confirm", exact=True)).to_be_visible()


PHONE: ViewportSize = {"width": 390, "height": 844}


def test_every_page_fits_a_phone_and_loads_without_errors(
    browser: Browser, start_server: Callable[..., LiveServer], tmp_path: Path
) -> None:
    """At 390 px no page scrolls sideways (wide tables scroll on their own, the chart shrinks); no page load asks
    for anything missing (a favicon) or logs an error; a check-raised flag's "speaker not given · date unknown ·
    statement" is one size."""
    server = start_server(reports_dir=tmp_path / "reports")
    admin = server.api_key("read,write,admin", name="admin")
    flag_id = raise_flag(server, admin)
    later = {
        **SEED_CLAIM,
        "text": "The number of U.S. troops in Iraq has risen to about 3,500.",
        "said_at": "2021-06-15",
    }
    assert server.api("POST", "/v1/claims", admin, json=later).status_code == 201
    assert server.api("POST", "/v1/check", admin, json={"text": QUOTE}).status_code == 200  # no speaker, no date
    outcome = Reconciler(server.runtime).run(RunRequest(full=True))[-1]
    assert outcome.status == "succeeded" and outcome.stats["top_contradictions"]
    with make_session_factory(server.runtime.engine)() as session:
        document = store_document(session, ARTICLE)
        start = ARTICLE.index("The number")
        store_claim(session, ARTICLE[start : start + 60], "the Pentagon", document_id=document.id,
                    span_start=start, span_end=start + 60)  # fmt: skip
        session.commit()
        document_id = document.id
    source_id = server.api("GET", f"/v1/flags/{flag_id}", admin).json()["other_claim"]["speaker"]["id"]

    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    failures: list[str] = []
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: failures.append(m.text) if m.type == "error" else None)
    try:
        page.goto(f"{server.url}/ui/login")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], "/ui/login"
        sign_in(page, server.url, server.api_key("review"))
        for path in (
            "/ui/flags",
            f"/ui/flags/{flag_id}",
            "/ui/check",
            f"/ui/sources/{source_id}",
            f"/ui/documents/{document_id}",
            "/ui/reconciliations",
            f"/ui/reconciliations/{outcome.run_id}",
        ):
            page.goto(server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{path} is {width} px wide"
        expect(page.get_by_role("img", name="flags raised per day")).to_be_visible()

        page.goto(f"{server.url}/ui/flags?status=open")
        meta = page.locator("article.flag .meta", has_text="speaker not given").first
        expect(meta).to_contain_text("date unknown")
        sizes = meta.evaluate(
            "e => [getComputedStyle(e).fontSize, ...[...e.querySelectorAll('.unknown')].map(u => getComputedStyle(u).fontSize)]"
        )
        assert len(sizes) == 3 and len(set(sizes)) == 1, sizes
    finally:
        context.close()
    assert not failures, failures


def test_a_review_history_on_a_phone_keeps_short_words_whole(
    browser: Browser, start_server: Callable[..., LiveServer]
) -> None:
    """At 390 px a review's decision ("dismissed"), a short reviewer name and the date are never cut mid-word
    ("dismisse|d", "A|na", "2026-12-|06") to give a long note the room; the note wraps instead, and the page still does not scroll sideways."""
    server = start_server()
    admin = server.api_key("read,write,admin", name="admin")
    flag_id = raise_flag(server, admin)
    note = "Not the same figure: the lawmaker spoke of contractors as well as troops, which the Pentagon did not count."
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    try:
        sign_in(page, server.url, server.api_key("review", name="Ana"))
        page.goto(f"{server.url}/ui/flags/{flag_id}")
        page.get_by_label("Note").fill(note)
        page.get_by_role("button", name="Dismiss", exact=True).click()
        row = page.locator("table.history tbody tr").first
        expect(row).to_contain_text(note)
        lines = """e => {  // the lines the cell's text takes: the distinct tops of its text's boxes
            const tops = new Set(), walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT), r = document.createRange();
            while (walk.nextNode()) {
                r.selectNodeContents(walk.currentNode);
                for (const box of r.getClientRects()) tops.add(Math.round(box.top));
            }
            return tops.size;
        }"""
        for column, word in ((2, "dismissed"), (3, "Ana")):
            cell = row.locator(f"td:nth-child({column})")
            expect(cell).to_have_text(word)
            assert cell.evaluate(lines) == 1, f"{word!r} is cut across lines"
        when = row.locator("td.when")
        expect(when).to_have_text(re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d UTC$"))
        date_lines = """e => {  // the lines the date (the cell's first ten characters, "2026-12-06") takes
            const tops = new Set(), walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT), r = document.createRange();
            let seen = 0;
            while (walk.nextNode() && seen < 10) {
                const node = walk.currentNode;
                for (let i = 0; i < node.length && seen < 10; i++, seen++) {
                    r.setStart(node, i);
                    r.setEnd(node, i + 1);
                    for (const box of r.getClientRects()) tops.add(Math.round(box.top));
                }
            }
            return tops.size;
        }"""
        assert when.evaluate(date_lines) == 1, "the date is cut at a hyphen"
        assert row.locator("td.note, td:nth-child(4)").first.evaluate(lines) > 1  # the note wraps instead
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    finally:
        context.close()


def test_pages_on_ten_thousand_claims_and_a_thousand_flags(
    page: Page, start_server: Callable[..., LiveServer], tmp_path: Path, database_url: str
) -> None:
    """Every page loads well within a generous bound on the seeded record (the times are printed; the 200 ms
    target is measured by `make bench-ui` into benchmarks/UI_TIMINGS.md)."""
    if not database_url.startswith("sqlite"):
        pytest.skip("the page-time target is for the embedded default (SQLite)")
    server = start_server()
    with make_session_factory(server.runtime.engine)() as session:
        record = seed_review_record(session, HashingEncoder())
    assert (record.claims, record.flags) == (10_000, 1_000)
    timings = measure_pages(page, server.url, record, server.api_key("review"), repeats=3)
    print(f"\nReview UI on {record.claims} claims / {record.flags} flags (target {TARGET_MS:.0f} ms rendered):")
    print(markdown_table(timings))
    slow = [(t.name, round(t.rendered_ms)) for t in timings if t.rendered_ms > GENEROUS_BOUND_MS]
    assert not slow, f"pages over {GENEROUS_BOUND_MS:.0f} ms: {slow}"


def test_a_word_longer_than_a_line_breaks_instead_of_widening_the_page(
    browser: Browser, start_server: Callable[..., LiveServer]
) -> None:
    """Claims, names, notes and links come from the record and can hold a "word" longer than a line (a URL, a hash, a
    run of characters): it wraps inside its column; neither the page nor the two claims side by side grow wider
    than the window, on a desktop or a phone."""
    server = start_server()
    admin = server.api_key("read,write,admin", name="admin")
    word = "Supercalifragilistic" * 40
    speaker = "Speaker" + "Z" * 250
    claim = {"text": f"The {word} program was approved in 2020.", "speaker": speaker, "said_at": "2020-01-01"}
    assert server.api("POST", "/v1/claims", admin, json=claim).status_code == 201
    quote = {"quote": f"The {word} program was not approved in 2020.", "speaker": speaker, "said_at": "2021-01-01"}
    assert server.api("POST", "/v1/quotes", admin, json=quote).status_code == 201
    flags = server.api("GET", "/v1/flags?status=open", admin).json()["items"]
    assert len(flags) == 1
    flag_id, source_id = flags[0]["id"], flags[0]["claim"]["speaker"]["id"]
    key = server.api_key("review", name="Reviewer " + "R" * 150)
    desktop: ViewportSize = {"width": 1280, "height": 900}
    for viewport in (desktop, PHONE):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        try:
            sign_in(page, server.url, key)
            page.goto(f"{server.url}/ui/flags/{flag_id}")
            if viewport is PHONE:
                page.get_by_label("Note").fill("see " + "x" * 600)
                page.get_by_role("button", name="Confirm", exact=True).click()
                expect(page.get_by_role("status")).to_contain_text("Review recorded: confirmed.")
            for path in ("/ui/flags", f"/ui/flags/{flag_id}", f"/ui/sources/{source_id}"):
                page.goto(server.url + path)
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= viewport["width"], f"{path} is {width} px wide at {viewport['width']} px"
            if viewport is not PHONE:
                page.goto(f"{server.url}/ui/flags/{flag_id}")
                sides = page.locator(".pair .claim").evaluate_all(
                    "els => els.map(e => e.getBoundingClientRect().width)"
                )
                assert len(sides) == 2 and abs(sides[0] - sides[1]) < 2, sides  # still two equal columns
        finally:
            context.close()


def test_right_to_left_claims_and_names_are_shown_right_to_left(
    page: Page, start_server: Callable[..., LiveServer]
) -> None:
    """Claims and names in Arabic or Hebrew read right to left beside English ones (``dir="auto"``: each element
    takes the direction of its own first strong character), on the flag, the speaker's page and the check box."""
    server = start_server()
    with make_session_factory(server.runtime.engine)() as session:
        arabic = store_claim(session, "القوات الأمريكية موجودة في العراق بطلب من الحكومة.", "وزارة الدفاع العراقية")
        english = store_claim(session, "U.S. forces are in Iraq against the government's will.", "A lawmaker")
        flag_id, source_id = store_flag(session, english, arabic).id, arabic.speaker_id
        session.commit()
    sign_in(page, server.url, server.api_key("review"))

    def direction(selector: str) -> list[str]:
        found: list[str] = page.locator(selector).evaluate_all("els => els.map(e => getComputedStyle(e).direction)")
        return found

    page.goto(f"{server.url}/ui/flags/{flag_id}")
    assert direction(".pair .claim blockquote.text") == ["rtl", "ltr"]  # On record (Arabic), Statement checked
    assert direction(f'.pair .claim a[href="/ui/sources/{source_id}"]') == ["rtl"]
    page.goto(f"{server.url}/ui/sources/{source_id}")
    assert direction("h1") == ["rtl"]
    assert direction(".timeline blockquote.text") == ["rtl"]
    page.goto(f"{server.url}/ui/check")
    page.get_by_label("Statement").fill("القوات الأمريكية غادرت العراق.")
    assert direction("textarea#text") == ["rtl"]
