"""The bookmarklet in a real Chromium on a local news page, against a live server: install page, selection,
speaker confirmed, verdict and matches shown, the quote stored once; and its errors said plainly."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import Locator, Page, expect

from db.models import Claim
from tests.api.conftest import SEED_CLAIM
from tests.browser.support import REPO_ROOT, LiveServer, free_socket

pytestmark = pytest.mark.browser

DIST = REPO_ROOT / "plugin" / "bookmarklet" / "dist"
QUOTE = "The number of U.S. troops in Iraq has risen to about 10,000."


def run_bookmarklet(page: Page, url: str) -> Locator:
    """Run a javascript: URL as a bookmark click does (the browser decodes and runs it in the page)."""
    assert url.startswith("javascript:")
    page.evaluate("url => { window.location.href = url; }", url)
    panel = page.locator("claimledger-bookmarklet")
    expect(panel.get_by_role("button", name="Check quote")).to_be_visible()
    return panel


def open_article(page: Page, static_site: str) -> None:
    page.goto(f"{static_site}/news-article.html")
    page.locator("#troops-quote").select_text()


def make_configured_bookmarklet(page: Page, base_url: str, key: str) -> str:
    page.goto((DIST / "install.html").as_uri())
    page.get_by_label("claimledger server address").fill(base_url)
    page.get_by_label(re.compile(r"^API key")).fill(key)
    page.get_by_role("button", name="Make the bookmarklet").click()
    href = page.get_by_role("link", name="claimledger: check quote").get_attribute("href")
    assert href is not None
    return href


def stored_quotes(server: LiveServer, key: str) -> list[dict[str, object]]:
    items = server.api("GET", "/v1/claims", key).json()["items"]
    return [claim for claim in items if claim["kind"] == "direct_quote"]


def test_built_bookmarklet_is_up_to_date() -> None:
    """dist/ is committed (install.html works without building); it must be what the sources give."""
    built = subprocess.run(
        [sys.executable, str(REPO_ROOT / "plugin" / "bookmarklet" / "build.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert built.returncode == 0, built.stderr


def test_bookmarklet_checks_a_selected_quote_and_stores_it_once(
    page: Page,
    start_server: Callable[..., LiveServer],
    static_site: str,
    save_screenshot: Callable[[Page | Locator, str], Path | None],
) -> None:
    server = start_server(cors_origins=[static_site])
    admin = server.api_key("read,write")
    assert server.api("POST", "/v1/claims", admin, json=SEED_CLAIM).status_code == 201
    writer = server.api_key("write", name="bookmarklet")

    bookmarklet = make_configured_bookmarklet(page, server.url + "/", writer)
    assert json.dumps({"baseUrl": server.url, "apiKey": writer}, separators=(",", ":")) in unquote(bookmarklet)

    open_article(page, static_site)
    panel = run_bookmarklet(page, bookmarklet)
    expect(panel.get_by_label("Quote", exact=True)).to_have_value(QUOTE)
    speaker = panel.get_by_label("Speaker", exact=True)
    expect(speaker).to_have_value("Dana Reporter")
    expect(
        panel.get_by_text(re.compile(r"A guess from the page's JSON-LD author.*not the person quoted"))
    ).to_be_visible()
    expect(panel.get_by_label("Said on", exact=True)).to_have_value("2021-09-01T09:30:00Z")
    expect(panel.locator("input[name=api_key]")).to_have_count(0)  # configured: no key field in the page

    speaker.fill("Pentagon")
    panel.get_by_role("button", name="Check quote").dblclick()
    expect(panel.locator("[data-verdict]")).to_have_attribute("data-verdict", "contradicted")
    expect(panel.locator(".cl-stored")).to_have_text("Stored as a direct quote by Pentagon.")
    top = panel.locator(".cl-match").first
    expect(top.locator(".cl-speaker")).to_have_text("Pentagon")
    expect(top).to_contain_text("2021-04-08")
    expect(top.locator(".cl-rel-contradicts")).to_have_text("contradicts")
    expect(top).to_contain_text(re.compile(r"similarity 0\.\d\d · same speaker"))
    expect(top.locator("blockquote")).to_have_text(SEED_CLAIM["text"])
    # Signals read as words, as the review UI shows them ("number mismatch", not "number_mismatch").
    expect(top.locator(".cl-signals")).to_contain_text("signals: number mismatch")
    expect(top.locator(".cl-signals")).not_to_contain_text("_")
    save_screenshot(panel, "bookmarklet-verdict.png")

    quotes = stored_quotes(server, admin)
    assert len(quotes) == 1, "a double click stored the quote twice"
    assert quotes[0]["text"] == QUOTE
    assert quotes[0]["speaker"]["name"] == "Pentagon"  # type: ignore[index]
    assert quotes[0]["source_url"] == f"{static_site}/news-article.html"
    assert str(quotes[0]["said_at"]).startswith("2021-09-01T09:30:00")

    # The same form sent again reuses its Idempotency-Key: the server replays, nothing new is stored.
    panel.get_by_role("button", name="Check quote").click()
    expect(panel.locator(".cl-stored")).to_contain_text("Already sent")
    assert len(stored_quotes(server, admin)) == 1
    panel.get_by_role("button", name="Close").click()
    expect(page.locator("claimledger-bookmarklet")).to_have_count(0)


def test_bookmarklet_says_plainly_what_went_wrong(
    page: Page, start_server: Callable[..., LiveServer], static_site: str
) -> None:
    server = start_server(cors_origins=[static_site])
    without_cors = start_server()
    admin = server.api_key("read,write")
    closed = free_socket()
    down = "http://{}:{}".format(*closed.getsockname())
    closed.close()
    generic = (DIST / "bookmarklet-url.txt").read_text(encoding="utf-8").strip()

    open_article(page, static_site)
    panel = run_bookmarklet(page, generic)
    expect(panel.get_by_label("API key (write scope)", exact=True)).to_have_value("")
    panel.get_by_label("Speaker", exact=True).fill("Pentagon")
    alert = panel.get_by_role("alert")
    cases = [
        (server.url, "clk_nope_nope", "", r"API key was not accepted \(401\)"),
        (server.url, server.api_key("read"), "", r"may not store quotes \(403\): it needs the write scope"),
        (server.url, admin, "yesterday", r"could not accept the quote \(422\).*said_at"),
        (down, admin, "", rf"Could not reach {re.escape(down)}"),
        (
            without_cors.url,
            admin,
            "",
            rf"allow this page's origin \({re.escape(static_site)}\) in CLAIMLEDGER_CORS_ORIGINS",
        ),
        ("ftp://example.org", admin, "", r"must start with https://"),
    ]
    for base_url, key, said_at, message in cases:
        panel.get_by_label("claimledger server", exact=True).fill(base_url)
        panel.get_by_label("API key (write scope)", exact=True).fill(key)
        panel.get_by_label("Said on", exact=True).fill(said_at)
        panel.get_by_role("button", name="Check quote").click()
        expect(alert).to_have_text(re.compile(message))
        expect(panel.get_by_role("button", name="Check quote")).to_be_enabled()
    assert stored_quotes(server, admin) == []


def test_server_text_is_shown_as_text_and_only_web_links_are_links(
    page: Page, start_server: Callable[..., LiveServer], static_site: str
) -> None:
    server = start_server(cors_origins=[static_site])
    admin = server.api_key("read,write")
    hostile = {
        "text": 'U.S. troops in Iraq number about 2,500 <img src=x onerror="window.pwned=1"><b>bold</b>',
        "speaker": "<script>window.pwned=2</script>Spokesperson",
        "source_url": "https://example.org/placeholder",
        "said_at": "2021-04-08",
    }
    created = server.api("POST", "/v1/claims", admin, json=hostile)
    assert created.status_code == 201
    # The API refuses a javascript: link now; one stored before that rule (or by hand) must still be inert.
    with server.runtime.db.write() as session:
        stored = session.get(Claim, created.json()["id"])
        assert stored is not None
        stored.source_url = "javascript:window.pwned=3"
    bookmarklet = make_configured_bookmarklet(page, server.url, admin)
    open_article(page, static_site)
    panel = run_bookmarklet(page, bookmarklet)
    panel.get_by_label("Speaker", exact=True).fill("Pentagon")
    panel.get_by_role("button", name="Check quote").click()
    match = panel.locator(".cl-match").first
    expect(match.locator("blockquote")).to_have_text(hostile["text"])
    expect(match.locator(".cl-speaker")).to_have_text(re.compile(r"<script>.*Spokesperson"))
    expect(match.locator(".cl-signals")).to_contain_text("javascript:window.pwned=3")
    assert panel.locator("img, b, script, a[href^='javascript']").count() == 0
    page.get_by_role("heading", level=1).click(trial=True)  # let any event handler run, had one been created
    assert page.evaluate("window.pwned") is None


def test_a_match_shows_the_other_names_its_speaker_goes_by(
    page: Page, start_server: Callable[..., LiveServer], static_site: str
) -> None:
    """Each earlier claim's speaker comes with the other names it is on record as, "also known as ...", as text
    (an alias with markup stays letters) and each in its own direction; a speaker with no other name shows none."""
    server = start_server(cors_origins=[static_site])
    admin = server.api_key("read,write")
    seeded = server.api("POST", "/v1/claims", admin, json=SEED_CLAIM)
    assert seeded.status_code == 201
    pentagon = seeded.json()["speaker"]["id"]
    for alias in ("Department of Defense", "<b>DoD</b>", "وزارة الدفاع الأمريكية"):
        added = server.api("POST", f"/v1/sources/{pentagon}/aliases", admin, json={"alias": alias})
        assert added.status_code == 200, added.text
    aliases = server.api("GET", f"/v1/sources/{pentagon}", admin).json()["aliases"]
    assert sorted(aliases) == sorted(["Department of Defense", "<b>DoD</b>", "وزارة الدفاع الأمريكية"])
    other = {
        "text": "U.S. troops in Iraq number about 2,500, officials said.",
        "speaker": "Wire Desk",
        "said_at": "2021-04-09",
        "source_url": "https://example.org/wire",
    }
    assert server.api("POST", "/v1/claims", admin, json=other).status_code == 201

    bookmarklet = make_configured_bookmarklet(page, server.url, admin)
    open_article(page, static_site)
    panel = run_bookmarklet(page, bookmarklet)
    panel.get_by_label("Speaker", exact=True).fill("Pentagon")
    panel.get_by_role("button", name="Check quote").click()
    expect(panel.locator("[data-verdict]")).to_be_visible()

    with_aliases = panel.locator(".cl-match").filter(has_text=SEED_CLAIM["text"])
    expect(with_aliases.locator(".cl-speaker")).to_have_text("Pentagon")
    served = server.api("GET", f"/v1/claims/{seeded.json()['id']}", admin).json()["speaker"]["aliases"]
    expect(with_aliases.locator(".cl-match-head")).to_contain_text("Pentagon (also known as " + ", ".join(served) + ")")
    expect(with_aliases.locator(".cl-alias")).to_have_text(served)
    for element in with_aliases.locator(".cl-alias").all():
        expect(element).to_have_attribute("dir", "auto")
    arabic = with_aliases.locator(".cl-alias", has_text="وزارة")
    assert arabic.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert panel.locator("b, script").count() == 0  # "<b>DoD</b>" is text, not markup

    without = panel.locator(".cl-match").filter(has_text=other["text"])
    expect(without.locator(".cl-speaker")).to_have_text("Wire Desk")
    expect(without.locator(".cl-aka")).to_have_count(0)
    expect(without).not_to_contain_text("also known as")
    expect(panel.get_by_text("also known as")).to_have_count(1)
