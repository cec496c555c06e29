"""The plugin and what the reader selected, in a real Chromium against a live server: a panel opened from a selected
quote alone (no element of the page had the keyboard focus) gives the focus back to the quote when it closes, with
the selection as it was (bookmarklet and extension); control characters are left out of a quote and a speaker as
the server would refuse them, and a selection of nothing but invisible characters (bidi controls, zero-width and
other format or control characters) counts as no selection, never a 422."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import ExtensionBrowser
from tests.browser.support import LiveServer
from tests.browser.test_bookmarklet import make_configured_bookmarklet, run_bookmarklet, stored_quotes
from tests.browser.test_extension import EXTENSION_DIR, EXTENSION_ID, configured_article, open_panel
from tests.browser.test_plugin_a11y import ZERO_WIDTH

pytestmark = pytest.mark.browser

QUOTE = "The number of U.S. troops in Iraq has risen to about 10,000."
# The news page with a link above the article and one right after the quote's paragraph; the quote (as `text`)
# selected as a mouse selects it: no element of the page has the focus.
SELECT_WITHOUT_FOCUS = """text => {
  const span = document.getElementById("troops-quote");
  span.textContent = text;
  const top = document.createElement("a");
  top.id = "top-link";
  top.href = "#top";
  top.textContent = "Home";
  document.body.prepend(top);
  const next = document.createElement("a");
  next.id = "next-link";
  next.href = "#next";
  next.textContent = "Read more";
  span.closest("p").after(next);
  const range = document.createRange();
  range.selectNodeContents(span);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
  return document.activeElement === document.body;
}"""
# Where the keyboard focus is, looking into shadow roots: a node that is still in the page, or null.
FOCUS = """() => {
  let at = document.activeElement;
  while (at && at.shadowRoot && at.shadowRoot.activeElement) at = at.shadowRoot.activeElement;
  return at && at.isConnected ? (at.id || at.tagName) : null;
}"""
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f"
# Format and control characters a page can hold that show nothing: soft hyphen, Arabic letter mark, the invisible
# operators, a C0 control (BEL), DEL and a C1 control.
OTHER_INVISIBLE = "\u00ad\u061c\u2061\u2062\u0007\u007f\u0085"


@pytest.fixture
def cors_server(start_server: Callable[..., LiveServer], static_site: str) -> LiveServer:
    return start_server(cors_origins=[static_site])


def open_bookmarklet_on(page: Page, site: str, bookmarklet: str, text: str) -> Locator:
    page.goto(f"{site}/news-article.html")
    assert page.evaluate(SELECT_WITHOUT_FOCUS, text)
    return run_bookmarklet(page, bookmarklet)


def assert_back_at_the_quote(page: Page) -> None:
    """The focus is on the quote's element (not in the panel that is gone, not at the top of the page), the quote
    is selected again, and Tab goes on to the link after it."""
    assert page.evaluate(FOCUS) == "troops-quote"
    assert page.evaluate("() => getSelection().toString()") == QUOTE
    page.keyboard.press("Tab")
    expect(page.locator("#next-link")).to_be_focused(timeout=10_000)
    # What the page holds is as it was: the quote's element keeps no tabindex once the focus moved on.
    assert page.evaluate("() => document.getElementById('troops-quote').hasAttribute('tabindex')") is False


@pytest.mark.parametrize("how", ["escape", "close button"])
def test_closing_the_bookmarklet_panel_returns_to_the_selected_quote(
    page: Page, cors_server: LiveServer, static_site: str, how: str
) -> None:
    """Opened from a selection alone, the panel gave the focus back to nothing: it stayed in the removed panel,
    and Tab started again from the end of the page."""
    writer = cors_server.api_key("write")
    bookmarklet = make_configured_bookmarklet(page, cors_server.url, writer)
    panel = open_bookmarklet_on(page, static_site, bookmarklet, QUOTE)
    expect(panel.get_by_label("Speaker", exact=True)).to_be_focused(timeout=10_000)
    if how == "escape":
        page.keyboard.press("Escape")
    else:
        panel.get_by_role("button", name="Close").focus()
        page.keyboard.press("Enter")
    expect(page.locator("claimledger-bookmarklet")).to_have_count(0, timeout=10_000)
    assert_back_at_the_quote(page)


def test_a_quote_the_page_removed_meanwhile_leaves_the_focus_on_the_page(
    page: Page, cors_server: LiveServer, static_site: str
) -> None:
    """The page's script replaced the article while the panel was open: closing neither fails nor focuses it."""
    writer = cors_server.api_key("write")
    bookmarklet = make_configured_bookmarklet(page, cors_server.url, writer)
    panel = open_bookmarklet_on(page, static_site, bookmarklet, QUOTE)
    expect(panel.get_by_label("Speaker", exact=True)).to_be_focused(timeout=10_000)
    page.evaluate("() => document.querySelector('article').remove()")
    page.keyboard.press("Escape")
    expect(page.locator("claimledger-bookmarklet")).to_have_count(0, timeout=10_000)
    assert page.evaluate("() => document.activeElement === document.body")


def test_closing_the_extension_panel_returns_to_the_selected_quote(
    launch_with_extension: Callable[[Path], ExtensionBrowser],
    start_server: Callable[..., LiveServer],
    static_site: str,
) -> None:
    extension = launch_with_extension(EXTENSION_DIR)
    server = start_server(cors_origins=[f"chrome-extension://{EXTENSION_ID}"])
    article = configured_article(extension, server, static_site)
    assert article.evaluate(SELECT_WITHOUT_FOCUS, QUOTE)
    panel = open_panel(extension, article)
    expect(panel.get_by_label("Speaker", exact=True)).to_be_focused(timeout=10_000)
    # Sent from inside the frame just after this call returns (see test_plugin_a11y: the frame removes itself).
    panel.get_by_label("Speaker", exact=True).evaluate(
        "e => setTimeout(() => e.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true})), 0)"
    )
    expect(article.locator("claimledger-overlay")).to_have_count(0, timeout=10_000)
    assert_back_at_the_quote(article)


def test_control_characters_are_left_out_of_the_quote_and_the_speaker(
    page: Page, cors_server: LiveServer, static_site: str
) -> None:
    """A NUL in the page's text made the server refuse the quote (422, a raw "Value error"); other control
    characters show nothing either. Left out, the quote reads as it did on the page and is stored."""
    writer = cors_server.api_key("read,write")
    bookmarklet = make_configured_bookmarklet(page, cors_server.url, writer)
    with_controls = "The number\u0000 of U.S. troops\u0007 in Iraq has risen\u007f to about\u0085 10,000."
    panel = open_bookmarklet_on(page, static_site, bookmarklet, with_controls)
    expect(panel.get_by_label("Quote", exact=True)).to_have_value(QUOTE, timeout=10_000)
    panel.get_by_label("Quote", exact=True).fill(with_controls)  # typed or pasted: the same
    panel.get_by_label("Speaker", exact=True).fill("Dana\u0000 Reporter\u0007")
    panel.get_by_role("button", name="Check quote").click()
    expect(panel.locator("[data-verdict]")).to_be_visible(timeout=10_000)
    expect(panel.locator(".cl-error")).to_have_text("", timeout=10_000)
    stored = stored_quotes(cors_server, writer)
    assert [q["text"] for q in stored] == [QUOTE]
    speaker = stored[0]["speaker"]
    assert isinstance(speaker, dict) and speaker["name"] == "Dana Reporter"


@pytest.mark.parametrize("invisible", [ZERO_WIDTH, BIDI, OTHER_INVISIBLE, BIDI + "\u200b\ufeff" + OTHER_INVISIBLE])
def test_a_selection_of_only_bidi_or_control_characters_is_empty(
    page: Page, cors_server: LiveServer, static_site: str, invisible: str
) -> None:
    """The server refuses text of nothing visible (422 "text is empty"), which the panel showed as the server's
    raw refusal: it is no selection, said as for a selection of spaces, and nothing is sent. Zero-width characters
    (U+200B, U+200C, U+200D, U+2060, U+FEFF) the same: selected alone, with spaces, they are no quote either."""
    writer = cors_server.api_key("read,write")
    bookmarklet = make_configured_bookmarklet(page, cors_server.url, writer)
    panel = open_bookmarklet_on(page, static_site, bookmarklet, f" {invisible} \u00a0{invisible}")
    quote = panel.get_by_label("Quote", exact=True)
    expect(quote).to_have_value("", timeout=10_000)
    panel.get_by_label("Speaker", exact=True).fill("Pentagon")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url) if "/v1/" in r.url else None)
    panel.get_by_role("button", name="Check quote").click()
    expect(panel.get_by_role("alert")).to_have_text("Select or paste the quote to check.", timeout=10_000)
    quote.fill(invisible * 2)  # pasted rather than selected: the same
    panel.get_by_role("button", name="Check quote").click()
    expect(panel.get_by_role("alert")).to_have_text("Select or paste the quote to check.", timeout=10_000)
    quote.fill(QUOTE)
    panel.get_by_label("Speaker", exact=True).fill(invisible)
    panel.get_by_role("button", name="Check quote").click()
    expect(panel.get_by_role("alert")).to_have_text("Say who said the quote.", timeout=10_000)
    page.wait_for_timeout(200)
    assert requests == []
    assert stored_quotes(cors_server, writer) == []


def test_bidi_controls_inside_a_quote_are_kept(page: Page, cors_server: LiveServer, static_site: str) -> None:
    """Inside a quote a bidi isolate or mark decides the order its words are seen in: left out, a quote mixing
    scripts could read differently from the page. The server takes them, so they are sent as selected."""
    writer = cors_server.api_key("read,write")
    bookmarklet = make_configured_bookmarklet(page, cors_server.url, writer)
    text = "The minister said \u2067مرحبا بكم\u2069 (welcome) at 10\u200e:00 to the troops."
    panel = open_bookmarklet_on(page, static_site, bookmarklet, text)
    expect(panel.get_by_label("Quote", exact=True)).to_have_value(text, timeout=10_000)
    panel.get_by_label("Speaker", exact=True).fill("Pentagon")
    panel.get_by_role("button", name="Check quote").click()
    expect(panel.locator("[data-verdict]")).to_be_visible(timeout=10_000)
    assert [q["text"] for q in stored_quotes(cors_server, writer)] == [text]
