"""The review UI with the keyboard alone, in a real Chromium: a focus ring that can be seen wherever the focus is,
and a queue filter whose new results are announced while the focus stays on the filter (what only a browser shows:
computed styles, focus, and htmx's swap keeping the live region)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from db.engine import make_session_factory
from tests.browser.support import LiveServer
from tests.ui.records import store_claim, store_flag
from tests.ui.test_accessibility import NON_TEXT_CONTRAST, contrast

pytestmark = pytest.mark.browser

FOCUSED_RING = """() => {
  const style = getComputedStyle(document.activeElement);
  const [r, g, b] = style.outlineColor.match(/\\d+/g).map(Number);
  return {ring: '#' + [r, g, b].map(c => c.toString(16).padStart(2, '0')).join(''), style: style.outlineStyle,
          name: document.activeElement.matches('input, select, textarea') ? document.activeElement.id
                : document.activeElement.textContent.trim()};
}"""
# What is behind a ring (drawn 2-5px outside the element): the background painted where it is drawn, left of it.
BACKGROUND = """() => {
  const box = document.activeElement.getBoundingClientRect();
  const behind = document.elementFromPoint(Math.max(0, box.left - 4), box.top + box.height / 2);
  for (let element = behind; element; element = element.parentElement) {
    const colour = getComputedStyle(element).backgroundColor;
    if (!colour.startsWith('rgba(0, 0, 0, 0)') && colour !== 'transparent') return colour;
  }
  return 'rgb(255, 255, 255)';
}"""


def hex_colour(rgb: str) -> str:
    return "#" + "".join(f"{int(c):02x}" for c in rgb[rgb.index("(") + 1 : rgb.index(")")].split(",")[:3])


def test_the_focus_ring_shows_and_a_filter_change_is_announced_where_the_focus_stays(
    page: Page, start_server: Callable[..., LiveServer]
) -> None:
    """Tab from the top of the queue to its Status filter: every stop has a ring of 3:1 against what is behind it
    (amber on the dark bar, ink on the page). Choosing "dismissed" with the arrow keys updates the results and
    the status line that says how many are shown: the same live region (not one swapped in, which a screen
    reader would not announce), while the focus stays on the filter."""
    server = start_server()
    with make_session_factory(server.runtime.engine)() as session:
        for n, status in enumerate(("open", "open", "dismissed")):
            claim = store_claim(session, f"The port closes at {n} pm.", "Harbour office")
            other = store_claim(session, f"The port never closes at {n} pm.", "Harbour office")
            store_flag(session, claim, other, status=status)
        session.commit()
    page.goto(f"{server.url}/ui/login")
    page.keyboard.type(server.api_key("review", name="Ana"))  # the key field has the focus
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server.url}/ui/flags")
    status_line = page.locator("#queue-status")
    expect(status_line).to_have_text("3 flags shown.")
    status_line.evaluate("element => { element.dataset.kept = 'yes'; }")

    stops = []
    for _ in range(12):
        page.keyboard.press("Tab")
        ring = page.evaluate(FOCUSED_RING)
        assert ring["style"] == "solid", ring
        behind = hex_colour(page.evaluate(BACKGROUND))
        assert contrast(ring["ring"], behind) >= NON_TEXT_CONTRAST, (ring, behind)
        stops.append(ring["name"])
        if ring["name"] == "f-status":
            break
    top_bar = ["Skip to content", "claimledger", "Flags", "Check a statement", "Reconciliation reports", "Sign out"]
    assert stops[:6] == top_bar
    assert stops[-1] == "f-status", stops

    page.keyboard.press("ArrowDown")  # any (open first) → open
    expect(status_line).to_have_text("2 flags shown.")
    page.keyboard.press("ArrowDown")  # → confirmed
    expect(status_line).to_have_text("0 flags shown.")
    page.keyboard.press("ArrowDown")  # → dismissed
    expect(status_line).to_have_text("1 flag shown.")
    expect(page.locator("article.flag")).to_have_count(1)
    expect(page.get_by_label("Status")).to_be_focused()
    assert status_line.evaluate("element => element.dataset.kept") == "yes"  # updated in place, not replaced
