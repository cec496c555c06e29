"""A journalist's second look at the same quote, a news page whose Content-Security-Policy blocks the request, and
the options page refusing a bad address or an empty key: the panel and the settings say what really happened.

Each test injects a random delay of 0-600 ms (into the server's answer or between steps), as a busy network or
machine would."""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, Route, expect

from tests.api.conftest import SEED_CLAIM
from tests.browser.conftest import ExtensionBrowser
from tests.browser.support import LiveServer
from tests.browser.test_bookmarklet import make_configured_bookmarklet, run_bookmarklet, stored_quotes
from tests.browser.test_extension import EXTENSION_DIR
from tests.browser.test_plugin_audit import open_panel_on

pytestmark = pytest.mark.browser

MAX_DELAY_SECONDS = 0.6
# Contradicts SEED_CLAIM (negation, same number).
CONTRADICTING = "The number of U.S. troops in Iraq has not dropped to about 2,500 over the past months."


def delay_then_continue(route: Route) -> None:
    time.sleep(random.uniform(0, MAX_DELAY_SECONDS))
    route.continue_()


@pytest.fixture
def cors_server(start_server: Callable[..., LiveServer], static_site: str) -> LiveServer:
    return start_server(cors_origins=[static_site])


def test_checking_the_same_quote_again_stores_it_once_and_it_does_not_support_itself(
    page: Page, cors_server: LiveServer, static_site: str
) -> None:
    """Closing the panel and checking the same quote from the same page again (a new Idempotency-Key) used to store
    a second copy, which the second check then listed as supporting the quote (same speaker, similarity 1.00):
    a contradicted quote turned "mixed", backed by itself."""
    key = cors_server.api_key("read,write")
    assert cors_server.api("POST", "/v1/claims", key, json={**SEED_CLAIM, "speaker": "Wire Desk"}).status_code == 201
    bookmarklet = make_configured_bookmarklet(page, cors_server.url, key)
    page.route(f"{cors_server.url}/v1/quotes", delay_then_continue)
    for _ in range(2):
        panel = open_panel_on(page, static_site, bookmarklet, CONTRADICTING)
        panel.get_by_label("Speaker", exact=True).fill("Pentagon")
        panel.get_by_role("button", name="Check quote").click()
        expect(panel.locator("[data-verdict]")).to_have_attribute("data-verdict", "contradicted")
        expect(panel.locator(".cl-match").filter(has_text="same speaker")).to_have_count(0)
    assert len(stored_quotes(cors_server, key)) == 1
    assert len(cors_server.api("GET", "/v1/flags?status=open", key).json()["items"]) == 1  # one contradiction flag


def test_a_page_whose_policy_blocks_the_request_is_named_not_the_servers_cors(
    page: Page, cors_server: LiveServer, static_site: str
) -> None:
    """The server allows the page's origin, but the page's own Content-Security-Policy (connect-src 'self') stops
    the request: the panel says so, rather than sending the journalist to the operator for a CORS setting."""
    key = cors_server.api_key("read,write")
    bookmarklet = make_configured_bookmarklet(page, cors_server.url, key)
    strict = (
        "<!doctype html><html lang=en><head><meta http-equiv=Content-Security-Policy content=\"connect-src 'self'\">"
        "<title>Strict news</title></head><body><article><p id=quote>" + CONTRADICTING + "</p></article></body></html>"
    )

    def strict_page(route: Route) -> None:
        time.sleep(random.uniform(0, MAX_DELAY_SECONDS))
        route.fulfill(status=200, body=strict, headers={"content-type": "text/html; charset=utf-8"})

    page.route(f"{static_site}/strict-news.html", strict_page)
    page.goto(f"{static_site}/strict-news.html")
    page.locator("#quote").select_text()
    panel = run_bookmarklet(page, bookmarklet)
    panel.get_by_label("Speaker", exact=True).fill("Pentagon")
    panel.get_by_role("button", name="Check quote").click()
    alert = panel.get_by_role("alert")
    expect(alert).to_contain_text("Content-Security-Policy")
    expect(alert).to_contain_text("use the browser extension")
    expect(alert).not_to_contain_text("CLAIMLEDGER_CORS_ORIGINS")
    expect(panel.get_by_label("Speaker", exact=True)).to_have_value("Pentagon")
    assert stored_quotes(cors_server, key) == []


def test_the_options_page_says_why_an_address_or_a_key_was_not_saved(
    launch_with_extension: Callable[[Path], ExtensionBrowser],
) -> None:
    """A bad address or an empty key after a good save: the browser's own validation used to stop the form before
    the page's script, leaving the earlier "Saved." next to settings that were not saved."""
    extension = launch_with_extension(EXTENSION_DIR)
    options = extension.extension_page("options.html")
    address, key = options.get_by_label(re.compile("server", re.I)), options.locator("#api-key")
    status, save = options.locator("#status"), options.get_by_role("button", name=re.compile("Save"))
    address.fill("https://claims.example.org/")
    key.fill("cl_good_key")
    save.click()
    expect(status).to_have_text("Saved.")
    for bad_address, bad_key, said in [
        ("claims.example.org", "cl_other_key", "must be a full URL"),
        ("https://other.example.org", "", "Enter the API key."),
    ]:
        options.wait_for_timeout(random.uniform(0, MAX_DELAY_SECONDS * 1000))
        address.fill(bad_address)
        key.fill(bad_key)
        save.click()
        expect(status).to_contain_text(said)
        expect(status).not_to_contain_text("Saved")
        stored = extension.service_worker.evaluate("() => chrome.storage.local.get(null)")
        assert stored == {"baseUrl": "https://claims.example.org", "apiKey": "cl_good_key"}
