"""The queue's speaker filter suggests speakers as a name is typed, in a real Chromium with the keyboard alone: a
combobox whose listbox opens, whose options the arrow keys move through (aria-activedescendant, the focus staying
in the field), Enter picks and Escape closes, and whose count a polite status says (what only a browser shows:
the page's script, its requests and the focus)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from db.engine import make_session_factory
from service.services.speakers import SpeakerService
from tests.browser.support import LiveServer
from tests.ui.records import store_claim, store_flag

pytestmark = pytest.mark.browser


def signed_in_queue_with_speakers(page: Page, server: LiveServer) -> None:
    """Two speakers with "labour" in a name (one flagged, with an alias), one without; the queue, signed in."""
    with make_session_factory(server.runtime.engine)() as session:
        ministry = store_claim(session, "Unemployment fell to 4 percent.", "Ministry of Labour")
        SpeakerService(session).add_alias(ministry.speaker, "Department of Work")
        store_flag(session, ministry, store_claim(session, "Unemployment rose to 9 percent.", "Harbour office"))
        store_claim(session, "Wages rose.", "Labour <Union>")
        session.commit()
    page.goto(f"{server.url}/ui/login")
    page.keyboard.type(server.api_key("review", name="Ana"))  # the key field has the focus
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server.url}/ui/flags")


def choose_a_speaker_by_keyboard(page: Page) -> None:
    """Type part of a name, move through the suggestions, close and reopen them, pick one with Enter."""
    field = page.get_by_role("combobox", name="Speaker")
    listbox = page.get_by_role("listbox", name="Suggestions")
    status = page.locator("#speaker-suggestions-status")
    field.focus()
    page.keyboard.type("labour")
    expect(listbox).to_be_visible()
    options = listbox.get_by_role("option")
    expect(options).to_have_count(2)
    expect(options.first).to_have_text("Ministry of Labour (also known as Department of Work)")
    expect(options.nth(1)).to_have_text("Labour <Union>")  # a name's text, not markup
    expect(field).to_have_attribute("aria-expanded", "true")
    expect(status).to_have_text("2 speakers suggested: up and down arrows to choose, Enter to pick.")
    assert field.get_attribute("aria-activedescendant") is None  # none chosen yet

    def active() -> str:
        chosen = field.get_attribute("aria-activedescendant")
        assert chosen is not None
        option = listbox.locator(f"#{chosen}")
        expect(option).to_have_attribute("aria-selected", "true")
        expect(listbox.locator('[aria-selected="true"]')).to_have_count(1)
        return option.inner_text()

    page.keyboard.press("ArrowDown")
    assert active().startswith("Ministry of Labour")
    page.keyboard.press("ArrowDown")
    assert active() == "Labour <Union>"
    page.keyboard.press("ArrowDown")  # wraps round
    assert active().startswith("Ministry of Labour")
    page.keyboard.press("ArrowUp")
    assert active() == "Labour <Union>"
    expect(field).to_be_focused()

    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")
    assert field.get_attribute("aria-activedescendant") is None
    expect(field).to_have_value("labour")

    page.keyboard.press("ArrowDown")  # opens the list again, at its first option
    expect(listbox).to_be_visible()
    assert active().startswith("Ministry of Labour")
    page.keyboard.press("Enter")
    expect(field).to_have_value("Ministry of Labour")
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#queue-status")).to_have_text("1 flag shown.")  # the queue filtered by the speaker chosen
    expect(page.locator("article.flag")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"/ui/flags\?status=any&kind=&speaker=Ministry(%20|\+)of(%20|\+)Labour$"))
    expect(field).to_be_focused()

    page.keyboard.press("Control+A")
    page.keyboard.type("nobody")
    expect(status).to_have_text("No speakers suggested.")
    expect(listbox).to_be_hidden()
    expect(field).to_have_attribute("aria-expanded", "false")


def test_the_speaker_filter_suggests_speakers_and_is_used_with_the_keyboard(
    page: Page, start_server: Callable[..., LiveServer]
) -> None:
    """The speakers a typed name might mean were offered only after filtering, as links swapped into the results:
    not announced, not reachable from the field. Now they are suggested under it as it is typed."""
    server = start_server()
    signed_in_queue_with_speakers(page, server)
    choose_a_speaker_by_keyboard(page)
