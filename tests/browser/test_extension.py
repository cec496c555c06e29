"""The Manifest V3 extension, loaded unpacked into a real Chromium: options saved, the toolbar button pressed on a
local news page with a quote selected, the panel's form filled in its iframe, the verdict and matches shown, the
quote stored once, through CORS from the extension's own origin."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Frame, Locator, Page, expect

from tests.api.conftest import SEED_CLAIM
from tests.browser.conftest import ExtensionBrowser
from tests.browser.support import REPO_ROOT, LiveServer

pytestmark = pytest.mark.browser

EXTENSION_DIR = REPO_ROOT / "plugin" / "extension"
# Fixed by the manifest's "key", so the origin to allow in CLAIMLEDGER_CORS_ORIGINS is known in advance.
EXTENSION_ID = "jhglmnboamfigbpdjgijcdbnoogmmeba"
QUOTE = "The number of U.S. troops in Iraq has risen to about 10,000."


def test_manifest_is_version_3_and_asks_only_for_what_it_uses() -> None:
    manifest = json.loads((EXTENSION_DIR / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["manifest_version"] == 3
    assert sorted(manifest["permissions"]) == ["activeTab", "contextMenus", "scripting", "storage"]
    assert "host_permissions" not in manifest  # the server's origin is an optional grant, asked for in the options
    assert "content_scripts" not in manifest  # nothing runs on a page until the user asks
    for path in ("background.js", "options.html", "panel.html", "overlay.js"):
        assert (EXTENSION_DIR / path).is_file(), path


def open_panel(extension: ExtensionBrowser, page: Page) -> Frame:
    """Press the toolbar button and return the panel's frame (an out-of-process chrome-extension:// frame inside
    the page's overlay; Playwright reaches it through page.frames, not through the shadow root)."""
    before = set(page.frames)
    extension.trigger_action(page)
    deadline = time.monotonic() + 30  # a busy 2-core machine starts the extension's worker slowly
    click_again = time.monotonic() + 5
    while time.monotonic() < deadline:
        if time.monotonic() > click_again:
            # A click that reached a service worker still starting up is lost, as for a user: click again.
            extension.trigger_action(page)
            click_again = time.monotonic() + 5
        panels = [
            f
            for f in page.frames
            if f not in before and f.url.startswith(f"chrome-extension://{EXTENSION_ID}/panel.html#")
        ]
        if panels:
            panels[0].wait_for_load_state()
            return panels[0]
        page.wait_for_timeout(50)
    raise AssertionError("the extension's panel did not open on the page")


def configured_article(extension: ExtensionBrowser, server: LiveServer, static_site: str) -> Page:
    """The extension set to `server` with a write key (what its options page stores), and the news article open
    in a new tab of its browser."""
    writer = server.api_key("write", name="extension")
    extension.service_worker.evaluate(
        "([baseUrl, apiKey]) => chrome.storage.local.set({baseUrl, apiKey})", [server.url, writer]
    )
    article = extension.context.new_page()
    article.goto(f"{static_site}/news-article.html")
    return article


def test_extension_checks_a_selected_quote_on_a_news_page(
    launch_with_extension: Callable[[Path], ExtensionBrowser],
    start_server: Callable[..., LiveServer],
    static_site: str,
    save_screenshot: Callable[[Page | Locator, str], Path | None],
) -> None:
    extension = launch_with_extension(EXTENSION_DIR)
    assert extension.extension_id == EXTENSION_ID
    server = start_server(cors_origins=[f"chrome-extension://{EXTENSION_ID}"])
    admin = server.api_key("read,write")
    assert server.api("POST", "/v1/claims", admin, json=SEED_CLAIM).status_code == 201
    writer = server.api_key("write", name="extension")

    article = extension.context.new_page()
    article.goto(f"{static_site}/news-article.html")
    article.locator("#troops-quote").select_text()

    # Not configured yet: the panel says so and offers the settings.
    panel = open_panel(extension, article)
    expect(panel.get_by_role("alert")).to_contain_text("Set the claimledger server address and an API key")
    with extension.context.expect_page() as opened:
        panel.get_by_role("button", name="Open the settings").click()
    options = opened.value
    options.wait_for_load_state()
    assert options.url == f"chrome-extension://{EXTENSION_ID}/options.html"
    expect(options.locator("#origin")).to_have_text(f"chrome-extension://{EXTENSION_ID}")
    options.get_by_label("claimledger server address").fill(server.url + "/")
    options.get_by_label("API key").fill(writer)
    options.get_by_role("button", name="Save").click()
    expect(options.locator("#status")).to_have_text("Saved.")
    expect(options.locator("#access")).to_contain_text("CLAIMLEDGER_CORS_ORIGINS")
    save_screenshot(options, "extension-options.png")
    options.close()

    article.bring_to_front()
    article.locator("#troops-quote").select_text()
    panel = open_panel(extension, article)
    expect(panel.get_by_label("Quote", exact=True)).to_have_value(QUOTE)
    speaker = panel.get_by_label("Speaker", exact=True)
    expect(speaker).to_have_value("Dana Reporter")
    expect(panel.locator("#cl-speaker-hint")).to_contain_text("A guess from the page's JSON-LD author")
    expect(panel.get_by_label("Said on", exact=True)).to_have_value("2021-09-01T09:30:00Z")
    speaker.fill("Pentagon")
    panel.get_by_role("button", name="Check quote").dblclick()

    expect(panel.locator("[data-verdict]")).to_have_attribute("data-verdict", "contradicted")
    expect(panel.locator(".cl-stored")).to_have_text("Stored as a direct quote by Pentagon.")
    top = panel.locator(".cl-match").first
    expect(top.locator(".cl-speaker")).to_have_text("Pentagon")
    expect(top.locator(".cl-rel-contradicts")).to_have_text("contradicts")
    expect(top).to_contain_text(re.compile(r"2021-04-08 · contradicts · similarity 0\.\d\d · same speaker"))
    expect(top.locator(".cl-signals")).to_contain_text("signals: number mismatch")  # words, as the review UI
    expect(top.locator(".cl-signals")).not_to_contain_text("_")
    save_screenshot(article, "extension-overlay.png")

    items = server.api("GET", "/v1/claims", admin).json()["items"]
    quotes = [claim for claim in items if claim["kind"] == "direct_quote"]
    assert len(quotes) == 1, "a double click stored the quote twice"
    assert quotes[0]["text"] == QUOTE
    assert quotes[0]["speaker"]["name"] == "Pentagon"
    assert quotes[0]["source_url"] == f"{static_site}/news-article.html"

    # The page hosts the panel's frame but cannot look inside it, and the key never reaches the page.
    assert (
        article.evaluate(
            "() => document.querySelector('claimledger-overlay').shadowRoot.querySelector('iframe').contentDocument"
        )
        is None
    )
    assert writer not in article.content()
    assert writer not in json.dumps(article.evaluate("() => ({...localStorage, ...sessionStorage})"))

    # The click removes the button's own frame (the extension's out-of-process panel): Playwright's click, or a
    # dispatched event, then races the frame's removal and fails ("Frame was detached", or a time-out waiting for
    # the input acknowledgement) on a loaded machine. So the button clicks itself just after this call returns;
    # its handler is the one a user's click runs, and the overlay must still go away.
    close = panel.get_by_role("button", name="Close")
    expect(close).to_be_enabled()
    close.evaluate("button => setTimeout(() => button.click(), 0)")
    expect(article.locator("claimledger-overlay")).to_have_count(0)


def test_extension_says_which_origin_a_server_without_cors_must_allow(
    launch_with_extension: Callable[[Path], ExtensionBrowser],
    start_server: Callable[..., LiveServer],
    static_site: str,
) -> None:
    """A server that does not list the extension (and no access granted) looks unreachable from the panel: the
    message must say how to fix that, not only ask whether the server runs; the form keeps what was typed."""
    extension = launch_with_extension(EXTENSION_DIR)
    server = start_server()  # no CLAIMLEDGER_CORS_ORIGINS
    article = configured_article(extension, server, static_site)
    article.locator("#troops-quote").select_text()
    panel = open_panel(extension, article)
    panel.get_by_label("Speaker", exact=True).fill("Pentagon")
    panel.get_by_role("button", name="Check quote").click()
    alert = panel.get_by_role("alert")
    expect(alert).to_contain_text(f"Could not reach {server.url}")
    expect(alert).to_contain_text("Grant access to this server")
    expect(alert).to_contain_text(f"(chrome-extension://{EXTENSION_ID}) in CLAIMLEDGER_CORS_ORIGINS")
    expect(panel.get_by_label("Quote", exact=True)).to_have_value(QUOTE)
    expect(panel.get_by_label("Speaker", exact=True)).to_have_value("Pentagon")
    expect(panel.get_by_role("button", name="Check quote")).to_be_enabled()
