"""A review form that went stale while it was open, in a real Chromium against a live server, with every UI request
delayed 0-600 ms (a slow server): a flag reviewed meanwhile in another tab is not reviewed over silently, and a form
whose session changed (signed out and in again elsewhere) is refused without losing the note typed into it."""

from __future__ import annotations

import os
import random
import re
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Route, expect

from benchmarks.bench_ui import sign_in
from tests.browser.support import LiveServer
from tests.browser.test_review_ui import raise_flag

pytestmark = pytest.mark.browser

MAX_DELAY_MS = 600


@pytest.fixture
def slow_ui(page: Page) -> Iterator[None]:
    """Every request under /ui of the page's browser context waits 0-600 ms first, as on a slow server; the seed is
    CLAIMLEDGER_UI_DELAY_SEED's when set (to replay a run), else random. Requests still waiting when the test ends
    are let go (the context is closing: no error of the test's)."""
    rng = random.Random(os.environ.get("CLAIMLEDGER_UI_DELAY_SEED"))

    def slowly(route: Route) -> None:
        try:
            page.wait_for_timeout(rng.randint(0, MAX_DELAY_MS))
            route.continue_()
        except PlaywrightError:
            pass  # the page or its context closed while the request waited

    page.context.route(re.compile(r"/ui/"), slowly)
    yield
    page.context.unroute_all(behavior="ignoreErrors")


def test_a_decision_from_a_tab_left_open_while_the_flag_was_reviewed_is_not_recorded_over_it(
    page: Page, start_server: Callable[..., LiveServer], slow_ui: None
) -> None:
    """Two tabs on one flag: the first confirms it, then the second, still showing it open, dismisses it. The
    second is told who decided what meanwhile, nothing is recorded, and its note stays typed; sending it again,
    now knowing, records it."""
    server = start_server()
    admin = server.api_key("read,write,admin", name="admin")
    flag_id = raise_flag(server, admin)
    sign_in(page, server.url, server.api_key("review", name="Ana"))
    second = page.context.new_page()
    second.goto(f"{server.url}/ui/flags/{flag_id}")
    page.goto(f"{server.url}/ui/flags/{flag_id}")

    page.get_by_label("Note").fill("They conflict: 2,500 against 10,000.")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status")).to_contain_text("Review recorded: confirmed.")

    second.get_by_label("Note").fill("Different dates: no conflict.")
    second.get_by_role("button", name="Dismiss").click()
    alert = second.get_by_role("alert")
    expect(alert).to_contain_text("reviewed while this page was open")
    expect(alert).to_be_focused()  # where a keyboard or screen reader user is taken: the reason, not the top
    expect(alert).to_contain_text("confirmed by Ana")
    expect(alert).to_contain_text("Your decision (dismissed) was not recorded")
    expect(second.get_by_label("Note")).to_have_value("Different dates: no conflict.")
    expect(second.locator("h1 .badge")).to_have_text("confirmed")
    shown = server.api("GET", f"/v1/flags/{flag_id}", admin).json()
    assert (shown["status"], len(shown["reviews"])) == ("confirmed", 1)

    second.get_by_role("button", name="Dismiss").click()  # sent again, knowing the other decision
    expect(second.get_by_role("status")).to_contain_text("Review recorded: dismissed.")
    shown = server.api("GET", f"/v1/flags/{flag_id}", admin).json()
    assert shown["status"] == "dismissed"
    assert [r["note"] for r in shown["reviews"]] == [
        "They conflict: 2,500 against 10,000.",
        "Different dates: no conflict.",
    ]


def test_a_double_click_on_a_tab_in_step_still_records_one_review(
    page: Page, start_server: Callable[..., LiveServer], slow_ui: None
) -> None:
    """The stale-form check does not turn a double click (the same form sent twice) into a conflict: one review,
    and the page says it was recorded."""
    server = start_server()
    admin = server.api_key("read,write,admin", name="admin")
    flag_id = raise_flag(server, admin)
    sign_in(page, server.url, server.api_key("review", name="Ana"))
    page.goto(f"{server.url}/ui/flags/{flag_id}")
    page.get_by_role("button", name="Confirm").dblclick()
    expect(page.get_by_role("status")).to_contain_text("Review recorded: confirmed.")
    assert len(server.api("GET", f"/v1/flags/{flag_id}", admin).json()["reviews"]) == 1


def test_a_review_sent_after_signing_in_again_elsewhere_keeps_its_note(
    page: Page, start_server: Callable[..., LiveServer], slow_ui: None
) -> None:
    """A flag open in one tab with a note typed; the reviewer signs out and in again in another tab, which changes
    the session's CSRF token. Confirm in the first tab is refused (403, nothing recorded) on the flag's own page
    with the note still there and a form of the new session, so Confirm again records it."""
    server = start_server()
    admin = server.api_key("read,write,admin", name="admin")
    flag_id = raise_flag(server, admin)
    key = server.api_key("review", name="Ana")
    sign_in(page, server.url, key)
    page.goto(f"{server.url}/ui/flags/{flag_id}")
    page.get_by_label("Note").fill("A long note the reviewer would hate to type again.")

    other = page.context.new_page()
    other.goto(f"{server.url}/ui/flags")
    other.get_by_role("button", name="Sign out").click()
    expect(other).to_have_url(re.compile(r"/ui/login"))
    other.get_by_label("API key").fill(key)
    other.get_by_role("button", name="Sign in").click()
    expect(other).to_have_url(f"{server.url}/ui/flags")

    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Confirm").click()
    assert posted.value.status == 403
    expect(page.get_by_role("alert")).to_contain_text("Nothing was recorded")
    expect(page.get_by_label("Note")).to_have_value("A long note the reviewer would hate to type again.")
    assert server.api("GET", f"/v1/flags/{flag_id}", admin).json()["status"] == "open"

    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status")).to_contain_text("Review recorded: confirmed.")
    reviews = server.api("GET", f"/v1/flags/{flag_id}", admin).json()["reviews"]
    assert [r["note"] for r in reviews] == ["A long note the reviewer would hate to type again."]


def test_a_check_sent_after_signing_in_again_elsewhere_keeps_the_statement(
    page: Page, start_server: Callable[..., LiveServer], slow_ui: None
) -> None:
    """The check form, refused for a changed session (403), comes back as it was filled, ready to send again."""
    server = start_server()
    key = server.api_key("review", name="Ana")
    sign_in(page, server.url, key)
    page.goto(f"{server.url}/ui/check")
    page.get_by_label("Statement").fill("The number of U.S. troops in Iraq has risen to about 10,000.")
    page.get_by_label("Speaker (optional)").fill("an Iraqi lawmaker")

    other = page.context.new_page()
    other.goto(f"{server.url}/ui/flags")
    other.get_by_role("button", name="Sign out").click()
    other.get_by_label("API key").fill(key)
    other.get_by_role("button", name="Sign in").click()
    expect(other).to_have_url(f"{server.url}/ui/flags")

    with page.expect_response(lambda r: r.request.method == "POST") as posted:
        page.get_by_role("button", name="Check").click()
    assert posted.value.status == 403
    expect(page.get_by_role("alert")).to_contain_text("Nothing was checked")
    expect(page.get_by_label("Statement")).to_have_value("The number of U.S. troops in Iraq has risen to about 10,000.")
    expect(page.get_by_label("Speaker (optional)")).to_have_value("an Iraqi lawmaker")
    page.get_by_role("button", name="Check").click()
    expect(page.locator("#main")).to_contain_text("Verdict")


def test_a_flags_address_after_a_review_claims_no_decision_the_flag_no_longer_has(
    page: Page, start_server: Callable[..., LiveServer], slow_ui: None
) -> None:
    """The address a review lands on (``?reviewed=confirmed``), loaded again after a later review (history,
    a bookmark, a link pasted to a colleague), or typed, says "Review recorded" only while that is the flag's latest
    decision and the reader's own."""
    server = start_server()
    admin = server.api_key("read,write,admin", name="admin")
    flag_id = raise_flag(server, admin)
    sign_in(page, server.url, server.api_key("review", name="Ana"))
    page.goto(f"{server.url}/ui/flags/{flag_id}?reviewed=confirmed")  # typed: nothing was reviewed
    expect(page.locator("h1 .badge")).to_have_text("open")
    expect(page.get_by_text("Review recorded")).to_have_count(0)

    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("status")).to_contain_text("Review recorded: confirmed.")
    confirmed_url = page.url
    page.get_by_role("button", name="Dismiss").click()
    expect(page.get_by_role("status")).to_contain_text("Review recorded: dismissed.")
    dismissed_url = page.url

    page.goto(confirmed_url)
    expect(page.locator("h1 .badge")).to_have_text("dismissed")
    expect(page.get_by_text("Review recorded")).to_have_count(0)

    other = page.context.browser.new_context() if page.context.browser else None
    assert other is not None
    try:
        colleague = other.new_page()
        sign_in(colleague, server.url, server.api_key("review", name="Bo"))
        colleague.goto(dismissed_url)  # Ana's decision, not Bo's: Bo recorded nothing
        expect(colleague.locator("h1 .badge")).to_have_text("dismissed")
        expect(colleague.get_by_text("Review recorded")).to_have_count(0)
    finally:
        other.close()
