"""The queue's speaker filter as a combobox (WAI-ARIA list autocomplete): the rendered field, its listbox and the
status that says how many speakers are suggested, and the suggestions' data the page's script draws from."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from db.engine import make_session_factory
from service.runtime import Runtime
from service.services.speakers import SpeakerService
from tests.ui.records import store_claim


def tag(page: str, element_id: str) -> dict[str, str]:
    """The attributes of the element with this id, as written."""
    found = re.search(rf'<(\w+) ([^>]*\bid="{element_id}"[^>]*)>', page)
    assert found is not None, element_id
    return {"element": found.group(1), **dict(re.findall(r'([\w-]+)(?:="([^"]*)")?', found.group(2)))}


def test_the_speaker_filter_is_a_combobox_with_a_listbox_and_a_status_outside_the_results(
    reviewer: TestClient,
) -> None:
    """The speakers a typed name might mean were offered only after filtering, as links swapped into the results,
    which a screen reader does not announce, with nothing on the field to say it suggests. The field is now a
    combobox that controls a listbox, and a polite status beside it (never swapped) says how many are suggested."""
    page = reviewer.get("/ui/flags").text
    field = tag(page, "f-speaker")
    assert field["role"] == "combobox" and field["aria-autocomplete"] == "list"
    assert field["aria-expanded"] == "false" and field["autocomplete"] == "off"
    listbox = tag(page, field["aria-controls"])
    assert listbox["role"] == "listbox" and "hidden" in listbox and listbox["aria-label"]
    assert field["data-suggestions"] == "/ui/speaker-suggestions"
    status = tag(page, field["data-suggestions-status"])
    assert status["role"] == "status" and status["aria-live"] == "polite"
    results = page.index('<section id="results"')
    assert page.index(f'id="{field["aria-controls"]}"') < results and page.index(f'id="{status["id"]}"') < results
    # The script that drives it is the page's own file (no inline script: the CSP allows none).
    assert re.search(r'<script src="/ui/static/ui.js\?v=[0-9a-f]{12}" defer></script>', page)
    assert "<script>" not in page


def test_the_suggestions_are_the_speakers_whose_name_or_alias_holds_the_typed_text(
    reviewer: TestClient, runtime: Runtime
) -> None:
    """As data, names as they were written (the script sets them as text, never as markup); for reviewers only."""
    with make_session_factory(runtime.engine)() as session:
        ministry = store_claim(session, "Unemployment fell.", "Ministry of Labour").speaker
        store_claim(session, "Wages rose.", "Labour <Union>")
        store_claim(session, "Taxes fell.", "Harbour office")
        SpeakerService(session).add_alias(ministry, "Department of Work")
        session.commit()
    answer = reviewer.get("/ui/speaker-suggestions", params={"q": " labour "})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")
    speakers = answer.json()["speakers"]
    assert sorted(s["name"] for s in speakers) == ["Labour <Union>", "Ministry of Labour"]
    assert next(s for s in speakers if s["name"] == "Ministry of Labour")["aliases"] == ["Department of Work"]
    by_alias = reviewer.get("/ui/speaker-suggestions", params={"q": "work"}).json()["speakers"]
    assert [s["name"] for s in by_alias] == ["Ministry of Labour"]
    assert reviewer.get("/ui/speaker-suggestions", params={"q": "  "}).json() == {"speakers": []}
    assert reviewer.get("/ui/speaker-suggestions", params={"q": "x" * 301}).status_code == 422
    reviewer.cookies.clear()  # signed out: the login page, not the names
    signed_out = reviewer.get("/ui/speaker-suggestions", params={"q": "labour"}, follow_redirects=False)
    assert signed_out.status_code == 303 and "speakers" not in signed_out.text
