"""The review UI as a keyboard or screen-reader user meets it (WCAG 2.1 AA), on the rendered HTML and the stylesheet:
focus rings and field borders that can be seen, refused forms that say what is wrong beside the field and take the
focus, a queue whose filtered results are announced, and a chart whose numbers can be read without seeing it."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from fastapi.testclient import TestClient

from db.engine import make_session_factory
from reconcile.job import Reconciler, RunRequest
from service.runtime import Runtime
from service.ui.templating import STATIC_DIR
from tests.api.conftest import SEED_CLAIM
from tests.ui.conftest import csrf_of
from tests.ui.records import store_claim, store_flag
from tests.ui.test_pages import CONTRADICTING_QUOTE, flag_via_api

TEXT_CONTRAST = 4.5  # WCAG 2.1 1.4.3, normal-size text
NON_TEXT_CONTRAST = 3.0  # WCAG 2.1 1.4.11: a field's border, a focus ring
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def stylesheet_rules() -> dict[str, dict[str, str]]:
    """ui.css as {selector: {property: value}}, each selector of a list on its own, comments dropped."""
    css = re.sub(r"/\*.*?\*/", "", (STATIC_DIR / "ui.css").read_text(), flags=re.S)
    rules: dict[str, dict[str, str]] = {}
    for selectors, body in RULE.findall(css):
        declarations = dict(
            (name.strip(), value.strip()) for name, _, value in (d.partition(":") for d in body.split(";")) if value
        )
        for selector in selectors.split(","):
            rules.setdefault(" ".join(selector.split()), {}).update(declarations)
    return rules


def colour_of(value: str, rules: dict[str, dict[str, str]]) -> str:
    """The hex colour in a declaration ("3px solid var(--focus)", "#fff"), custom properties resolved."""
    variable = re.search(r"var\((--[\w-]+)\)", value)
    if variable:
        return colour_of(rules[":root"][variable.group(1)], rules)
    found = re.search(r"#[0-9a-fA-F]{3,6}\b", value)
    assert found is not None, f"no colour in {value!r}"
    return found.group(0)


def luminance(colour: str) -> float:
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_focus_rings_field_borders_and_note_links_stand_out_from_what_is_behind_them() -> None:
    """The amber ring (#f0a400) was 1.9:1 on the page and 2.1:1 on a white card, a field's border 2.5:1: a keyboard
    user lost the focus on light pages, and a low-vision one the edge of the box to type in."""
    rules = stylesheet_rules()
    page = colour_of(rules[":root"]["background"], rules)
    card = colour_of(rules[":root"]["--paper"], rules)
    bar = colour_of(rules["header.top"]["background"], rules)
    ring = colour_of(rules["a:focus-visible"]["outline"], rules)
    for element in ("button", "input", "select", "textarea", "main"):
        assert colour_of(rules[f"{element}:focus-visible"]["outline"], rules) == ring, element
    assert contrast(ring, page) >= NON_TEXT_CONTRAST and contrast(ring, card) >= NON_TEXT_CONTRAST
    ring_on_bar = colour_of(rules["header.top :focus-visible"]["outline-color"], rules)
    assert contrast(ring_on_bar, bar) >= NON_TEXT_CONTRAST  # the top bar is dark: a ring of its own
    assert colour_of(rules[".skip:focus-visible"]["outline-color"], rules) == ring_on_bar  # shown over that bar
    border = colour_of(rules["input"]["border"], rules)
    assert contrast(border, card) >= NON_TEXT_CONTRAST
    # An article's numbered claim links sit on their speaker's highlight colour.
    link = colour_of(rules["sup.ref a"]["color"], rules)
    for n in range(8):
        assert contrast(link, colour_of(rules[f".c{n}"]["background"], rules)) >= TEXT_CONTRAST, f".c{n}"


def field(page: str, name: str) -> str:
    """The opening tag of the form control whose id is ``name``."""
    found = re.search(rf'<(?:input|textarea|select) id="{name}"[^>]*>', page)
    assert found is not None, name
    return found.group(0)


def test_a_refused_check_says_what_is_wrong_beside_each_field_and_names_it_by_its_label(
    reviewer: TestClient, make_token: Callable[[str], str]
) -> None:
    """The refusal listed "said_at: …" and "text: …" (names no one sees) under the Check button, tied to no field:
    a screen reader on the field heard nothing. Each refused field is now marked invalid and described by its own
    message, beside it; the list, which takes the focus, links each to its field by the field's label."""
    token = csrf_of(reviewer.get("/ui/check").text)
    statement = {"text": "  ", "speaker": "", "said_at": "yesterday", "stance": "asserts", "csrf_token": token}
    refused = reviewer.post("/ui/check", data=statement)
    assert refused.status_code == 422
    page = refused.text
    for name, label in (("text", "Statement"), ("said_at", "Said on")):
        assert 'aria-invalid="true"' in field(page, name) and f'aria-describedby="{name}-error"' in field(page, name)
        message = re.search(rf'<p class="field-error" id="{name}-error">([^<]+)</p>', page)
        assert message is not None, name
        assert f'<li><a href="#{name}">{label}</a>: {message.group(1)}</li>' in page
    assert "aria-invalid" not in field(page, "speaker") and "aria-invalid" not in field(page, "stance")
    assert re.search(r'<div class="notice error" role="alert" tabindex="-1" data-focus autofocus>', page)

    # A refusal by the check itself (a surname two people share) is the speaker's, with the people it could be.
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    for name in ("Maria Alvarez", "Carlos Alvarez"):
        said = {"text": f"The port will reopen on Monday, {name} said.", "speaker": name}
        assert reviewer.post("/v1/claims", json=said, headers=admin).status_code == 201
    ambiguous = reviewer.post(
        "/ui/check", data={**statement, "text": "The port opens.", "said_at": "", "speaker": "Alvarez"}
    )
    assert ambiguous.status_code == 422
    assert 'aria-describedby="speaker-error"' in field(ambiguous.text, "speaker")
    assert "aria-invalid" not in field(ambiguous.text, "text")
    speaker_error = re.search(r'<p class="field-error" id="speaker-error">([^<]+)</p>', ambiguous.text)
    assert speaker_error is not None and "Maria Alvarez" in html.unescape(speaker_error.group(1))


def test_a_refused_review_takes_the_focus_and_describes_the_note(
    reviewer: TestClient, make_token: Callable[[str], str]
) -> None:
    """A refused review was the page again with the reason in the Review section, but the focus at the top of the
    page and the reason tied to nothing: a screen reader user pressing Confirm heard the page's title and no more."""
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    flag_id = flag_via_api(reviewer, admin)
    token = csrf_of(reviewer.get(f"/ui/flags/{flag_id}").text)
    bad_note = reviewer.post(
        f"/ui/flags/{flag_id}/review", data={"status": "confirmed", "note": "a\x00b", "csrf_token": token}
    )
    assert bad_note.status_code == 422
    assert '<p class="notice error" role="alert" id="review-error" tabindex="-1" data-focus autofocus>' in bad_note.text
    assert 'aria-invalid="true"' in field(bad_note.text, "note")
    assert 'aria-describedby="review-error"' in field(bad_note.text, "note")

    # Another reviewer's decision came first (409): the note is not at fault, but the reason still takes the focus.
    stale = reviewer.post(
        f"/ui/flags/{flag_id}/review",
        data={"status": "dismissed", "note": "", "csrf_token": token, "reviews_seen": "0", "form_id": "a"},
    )
    assert stale.status_code == 200  # recorded (the redirect to the flag's page followed)
    again = reviewer.post(
        f"/ui/flags/{flag_id}/review",
        data={"status": "confirmed", "note": "mine", "csrf_token": token, "reviews_seen": "0", "form_id": "b"},
    )
    assert again.status_code == 409
    assert 'id="review-error" tabindex="-1" data-focus autofocus' in again.text
    assert "aria-invalid" not in field(again.text, "note")
    assert 'aria-describedby="review-error"' in field(again.text, "note")  # "your note is kept below"

    fresh = reviewer.get(f"/ui/flags/{flag_id}").text
    assert "autofocus" not in fresh and "aria-describedby" not in field(fresh, "note")


def test_the_queue_says_how_many_flags_it_shows_in_a_status_the_filters_update(
    reviewer: TestClient, runtime: Runtime
) -> None:
    """Changing a filter replaced the results without a page load and said nothing: a screen reader user could not
    tell that the list had changed, or to what. A status line outside the swapped results, which the filter
    form updates in place (so it is announced), says how many flags are shown."""
    with make_session_factory(runtime.engine)() as session:
        for n in range(3):
            claim = store_claim(session, f"The port closes at {n} pm.", "Harbour office")
            other = store_claim(session, f"The port never closes at {n} pm.", "Harbour office")
            store_flag(session, claim, other, status="open" if n else "dismissed")
        session.commit()
    page = reviewer.get("/ui/flags").text
    form_tag = page[page.index('<form class="filters"') : page.index('<div class="field">')]
    assert 'hx-select-oob="#queue-status:innerHTML"' in form_tag
    status = re.search(r'<p id="queue-status" class="hint" role="status">([^<]*)</p>', page)
    assert status is not None and status.group(1) == "3 flags shown."
    assert page.index('id="queue-status"') < page.index('<section id="results"')  # not inside what is swapped
    dismissed = reviewer.get("/ui/flags", params={"status": "dismissed"}).text
    assert '<p id="queue-status" class="hint" role="status">1 flag shown.</p>' in dismissed
    none = reviewer.get("/ui/flags", params={"speaker": "Nobody Known"}).text
    assert '<p id="queue-status" class="hint" role="status">0 flags shown.</p>' in none


def test_the_reports_chart_has_its_numbers_as_a_table(
    reviewer: TestClient, runtime: Runtime, make_token: Callable[[str], str]
) -> None:
    """The chart was an image named "flags raised per day" and nothing more (its bars' titles are hidden inside an
    image), its kinds told apart by colour alone: the same counts are now a table beside it, one row a day."""
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    for claim in (SEED_CLAIM, {**SEED_CLAIM, "text": CONTRADICTING_QUOTE, "said_at": "2021-06-15"}):
        assert reviewer.post("/v1/claims", json=claim, headers=admin).status_code == 201
    outcome = Reconciler(runtime).run(RunRequest(full=True))[-1]
    page = reviewer.get(f"/ui/reconciliations/{outcome.run_id}").text
    assert re.search(r'<svg [^>]*role="img" aria-label="Flags raised per day, by kind[^"]*table below', page)
    table = re.search(r"<details class=\"chart-table\">.*?</details>", page, re.S)
    assert table is not None
    assert "<caption>Flags raised per day, by kind</caption>" in table.group(0)
    assert '<th scope="col">day</th>' in table.group(0) and '<th scope="col">contradiction</th>' in table.group(0)
    days = [d for d in outcome.stats["flags_per_day"] if any(v for k, v in d.items() if k != "date")]
    assert days and table.group(0).count('<th scope="row">') == len(days)
    # Each flag the report lists links to its page named by its speakers too, not "contradiction" row after row.
    top = outcome.stats["top_contradictions"][0]
    pair = " and ".join(dict.fromkeys((top["other_claim"]["speaker"], top["claim"]["speaker"])))
    assert f'<a href="/ui/flags/{top["flag_id"]}" aria-label="{top["kind"].replace("_", " ")}: {pair}">' in page
    # The nightly job's file has the same table, and its content in a main landmark, as every page of the UI.
    standalone = reviewer.get(f"/v1/reconciliations/{outcome.run_id}/report", headers=admin).text
    assert table.group(0) in standalone
    assert re.search(r"<body [^>]*>\s*<main>\s*<h1>Reconciliation", standalone)


def test_each_flag_is_named_by_its_speakers_in_the_queue_and_in_its_pages_title(
    reviewer: TestClient, runtime: Runtime
) -> None:
    """A screen reader's list of headings or links read "Contradiction", "Review this contradiction" once per flag
    (25 alike on a page), and every flag's page had the same title: each now names its speakers as well."""
    with make_session_factory(runtime.engine)() as session:
        port = store_flag(
            session,
            store_claim(session, "The port closes at 6 pm.", "Harbour office"),
            store_claim(session, "The port never closes.", "Ana Ruiz"),
        )
        tax = store_flag(
            session,
            store_claim(session, "Taxes will rise.", "Ana Ruiz"),
            store_claim(session, "Taxes will fall.", "Ana Ruiz"),
            kind="self_contradiction",
        )
        session.commit()
        port_id, tax_id = port.id, tax.id
    queue = reviewer.get("/ui/flags").text
    names = re.findall(r'<a class="button" href="/ui/flags/[^"]+">(.*?)</a>', queue)
    assert len(names) == 2 and len(set(names)) == 2, names
    assert (
        f'<a href="/ui/flags/{port_id}">Contradiction<span class="visually-hidden">: Ana Ruiz and Harbour office</span></a>'
        in queue
    )
    assert (
        f'<a href="/ui/flags/{tax_id}">Self contradiction<span class="visually-hidden">: Ana Ruiz</span></a>' in queue
    )
    title = re.search(r"<title>(.*?)</title>", reviewer.get(f"/ui/flags/{port_id}").text)
    assert (
        title is not None and title.group(1) == "Contradiction (open): Ana Ruiz and Harbour office · claimledger review"
    )
