"""The review UI's pages over HTTP: what each shows, the review and the check recorded as the API records them,
escaping, links, pagination, and pages that obey the Content-Security-Policy (no inline script or style)."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import select

from db.engine import make_session_factory
from db.models import Flag, FlagReview
from db.types import utcnow
from reconcile.job import Reconciler, RunRequest
from service.runtime import Runtime
from service.ui.forms import error_lines, form_fields
from tests.api.conftest import SEED_CLAIM
from tests.ui.conftest import csrf_of
from tests.ui.records import store_claim, store_document, store_flag

CONTRADICTING_QUOTE = "The number of U.S. troops in Iraq has risen to about 10,000."
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)", re.I)
INLINE_HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.I)
FORM_ID = re.compile(r'name="form_id" value="([^"]+)"')


def assert_csp_clean(page: str) -> None:
    """Nothing the page's Content-Security-Policy would block: no inline script, handler or style."""
    assert not INLINE_SCRIPT.search(page)
    assert not INLINE_HANDLER.search(page)
    assert "<style" not in page and " style=" not in page


def flag_via_api(client: TestClient, headers: dict[str, str]) -> str:
    """A contradiction raised the way the newsroom plugin raises one: a claim on record, then a quote against it."""
    assert client.post("/v1/claims", json=SEED_CLAIM, headers=headers).status_code == 201
    quote = {"quote": CONTRADICTING_QUOTE, "speaker": "an Iraqi lawmaker", "said_at": "2021-05-01"}
    assert client.post("/v1/quotes", json=quote, headers=headers).status_code == 201
    flags = client.get("/v1/flags", headers=headers).json()["items"]
    assert len(flags) == 1, flags
    return str(flags[0]["id"])


def test_the_queue_shows_both_sides_of_a_flag(reviewer: TestClient, make_token: Callable[[str], str]) -> None:
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    flag_id = flag_via_api(reviewer, admin)
    api_flag = reviewer.get(f"/v1/flags/{flag_id}", headers=admin).json()
    page = reviewer.get("/ui/flags")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    text = html.unescape(page.text)
    assert SEED_CLAIM["text"] in text and CONTRADICTING_QUOTE in text
    assert api_flag["other_claim"]["speaker"]["name"] in text and api_flag["claim"]["speaker"]["name"] in text
    assert "2021-04-08" in text and "2021-05-01" in text
    assert f'href="/ui/flags/{flag_id}"' in page.text
    assert f'href="/ui/sources/{api_flag["other_claim"]["speaker"]["id"]}"' in page.text
    assert 'href="https://example.org/esta-iraq" rel="noopener noreferrer"' in page.text
    assert "contradicts" in text and "number mismatch" in text
    forward = api_flag["probabilities"]["contradiction"]
    assert f"{forward * 100:.0f}%" in text
    assert api_flag["reverse_probabilities"] is not None  # both directions are shown
    assert text.count("newer → on record") == 1
    assert_csp_clean(page.text)


def test_a_flag_shows_each_speakers_other_names(reviewer: TestClient, make_token: Callable[[str], str]) -> None:
    """A reviewer sees who else a speaker is on record as ("Iraqi military", also the "Iraqi Security Media
    Cell"), in the queue and on the flag's page, escaped like every text; a speaker with no alias shows none."""
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    flag_id = flag_via_api(reviewer, admin)
    api_flag = reviewer.get(f"/v1/flags/{flag_id}", headers=admin).json()
    source_id = api_flag["other_claim"]["speaker"]["id"]
    for alias in ("Iraqi Security Media Cell", "<b>Joint Operations</b>"):
        reply = reviewer.post(f"/v1/sources/{source_id}/aliases", json={"alias": alias}, headers=admin)
        assert reply.status_code == 200, reply.text
    for path in ("/ui/flags", f"/ui/flags/{flag_id}"):
        page = reviewer.get(path)
        assert page.status_code == 200
        assert (
            "(also known as <bdi>&lt;b&gt;Joint Operations&lt;/b&gt;</bdi>, <bdi>Iraqi Security Media Cell</bdi>)"
            in page.text
        )
        assert page.text.count("also known as") == 1  # the quote's speaker has no other name
        assert_csp_clean(page.text)


def test_a_flag_on_a_wire_story_lists_the_other_outlets_copies(
    reviewer: TestClient, make_token: Callable[[str], str]
) -> None:
    """One flag stands for every copy of a statement several outlets carried; its page links each other copy."""
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    copies = [{**SEED_CLAIM, "source_url": f"https://outlet{i}.example.org/iraq"} for i in range(3)]
    assert reviewer.post("/v1/claims/bulk", json={"claims": copies}, headers=admin).status_code == 200
    quote = {"quote": CONTRADICTING_QUOTE, "speaker": "an Iraqi lawmaker", "said_at": "2021-05-01"}
    assert reviewer.post("/v1/quotes", json=quote, headers=admin).status_code == 201
    (flag,) = reviewer.get("/v1/flags", headers=admin).json()["items"]
    listed = {c["source_url"] for c in flag["copies"]["other_claim"]}
    assert listed | {flag["other_claim"]["source_url"]} == {c["source_url"] for c in copies}
    page = reviewer.get(f"/ui/flags/{flag['id']}")
    assert page.status_code == 200
    assert "Other copies" in page.text
    for url in listed:
        assert f'href="{url}" rel="noopener noreferrer"' in page.text
    assert_csp_clean(page.text)
    single = reviewer.get(f"/ui/flags/{flag_on_a_statement_stored_once(reviewer, admin)}")
    assert "Other copies" not in single.text


def flag_on_a_statement_stored_once(client: TestClient, headers: dict[str, str]) -> str:
    """A flag on a statement stored once: a claim of another speaker and a quote against it."""
    claim = {"text": "The ferry to Harwich runs every day.", "speaker": "Port authority", "said_at": "2021-03-01"}
    assert client.post("/v1/claims", json=claim, headers=headers).status_code == 201
    quote = {"quote": "The ferry to Harwich does not run every day.", "speaker": "Port authority"}
    assert client.post("/v1/quotes", json=quote, headers=headers).status_code == 201
    flags = client.get("/v1/flags", headers=headers).json()["items"]
    return str(next(f["id"] for f in flags if "Harwich" in f["other_claim"]["text"]))


def test_open_flags_come_first_and_filters_apply(reviewer: TestClient, runtime: Runtime) -> None:
    now = utcnow()
    with make_session_factory(runtime.engine)() as session:
        a = store_claim(session, "Unemployment fell to 4 percent in 2020.", "Ministry of Labour")
        b = store_claim(session, "Unemployment rose to 9 percent in 2020.", "Opposition party")
        c = store_claim(session, "Unemployment fell to 4 percent last year.", "Ministry of Labour")
        old_open = store_flag(session, b, a, created_at=now - timedelta(days=3))
        new_confirmed = store_flag(session, c, b, status="confirmed", created_at=now)
        duplicate = store_flag(session, c, a, kind="near_duplicate", created_at=now - timedelta(days=1))
        session.commit()
        ids = (old_open.id, new_confirmed.id, duplicate.id)

    def listed(query: str = "") -> list[str]:
        page = reviewer.get("/ui/flags" + query)
        assert page.status_code == 200, page.text
        return re.findall(r'<h2 id="flag-([0-9a-f-]+)">', page.text)

    old_open_id, confirmed_id, duplicate_id = ids
    assert listed() == [duplicate_id, old_open_id, confirmed_id]  # open (newest first), then reviewed
    assert listed("?status=open") == [duplicate_id, old_open_id]
    assert listed("?status=confirmed") == [confirmed_id]
    assert listed("?kind=near_duplicate") == [duplicate_id]
    assert listed("?speaker=Opposition+party") == [old_open_id, confirmed_id]
    assert listed("?speaker=opposition%20PARTY&status=open") == [old_open_id]
    unknown = reviewer.get("/ui/flags?speaker=Nobody+at+all")
    assert "No speaker is called" in unknown.text and listed("?speaker=Nobody+at+all") == []
    assert reviewer.get("/ui/flags?status=bogus").status_code == 422
    assert reviewer.get("/ui/flags?cursor=not-a-cursor").status_code == 422


def test_a_speaker_filter_naming_no_one_offers_the_speakers_whose_name_holds_it(
    reviewer: TestClient, runtime: Runtime
) -> None:
    """A reviewer types part of a name ("Marotto", "Labour"): not a speaker, so no flags, but the speakers whose name
    or alias holds it are offered as links that keep the other filters."""
    with make_session_factory(runtime.engine)() as session:
        a = store_claim(session, "Unemployment fell to 4 percent in 2020.", "Ministry of Labour")
        b = store_claim(session, "Unemployment rose to 9 percent in 2020.", "Opposition party")
        store_claim(session, "Wages rose.", "Labour <Union>")
        flag_id = store_flag(session, b, a).id
        session.commit()
        ministry_id = a.speaker_id
    page = reviewer.get("/ui/flags?status=open&speaker=labour")
    assert page.status_code == 200 and "No speaker is called" in page.text
    assert f'href="/ui/flags?status=open&amp;kind=&amp;speaker={ministry_id}"' in page.text
    assert ">Ministry of Labour</a>" in page.text and ">Labour &lt;Union&gt;</a>" in page.text
    followed = reviewer.get(f"/ui/flags?status=open&kind=&speaker={ministry_id}").text
    assert re.findall(r'<h2 id="flag-([0-9a-f-]+)">', followed) == [flag_id]
    nobody = reviewer.get("/ui/flags?speaker=Nobody+at+all").text
    assert "No speaker is called" in nobody and "whose name holds it" not in nobody


def test_the_queue_pages_through_every_flag_once(reviewer: TestClient, runtime: Runtime) -> None:
    now = utcnow()
    with make_session_factory(runtime.engine)() as session:
        record = [store_claim(session, f"The city hired {n} teachers in 2019.", f"Speaker {n % 3}") for n in range(61)]
        for n in range(60):
            status = "open" if n % 4 else "dismissed"
            store_flag(session, record[n + 1], record[n], status=status, created_at=now - timedelta(minutes=n % 7))
        session.commit()
    seen: list[str] = []
    statuses: list[str] = []
    url: str | None = "/ui/flags"
    pages = 0
    while url:
        page = reviewer.get(url)
        assert page.status_code == 200
        seen += re.findall(r'<h2 id="flag-([0-9a-f-]+)">', page.text)
        statuses += re.findall(r'<article class="flag status-(\w+)"', page.text)
        found = re.search(r'<a rel="next" href="([^"]+)"', page.text)
        url = html.unescape(found.group(1)) if found else None
        pages += 1
    assert pages == 3 and len(seen) == 60 and len(set(seen)) == 60
    assert statuses == sorted(statuses, key=lambda s: s != "open")  # every open flag before any reviewed one


def test_a_review_is_recorded_as_the_api_records_it(
    reviewer: TestClient, make_token: Callable[[str], str], runtime: Runtime
) -> None:
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    flag_id = flag_via_api(reviewer, admin)
    page = reviewer.get(f"/ui/flags/{flag_id}")
    assert page.status_code == 200
    assert re.search(r'<button type="submit" name="status" value="confirmed"[^>]*>Confirm</button>', page.text)
    assert re.search(r'<button type="submit" name="status" value="dismissed"[^>]*>Dismiss</button>', page.text)
    assert '<label for="note">' in page.text and "Not reviewed yet." in page.text
    # The flagged claim is the one checked against the record, not necessarily the later said (an article may
    # report an older statement): "Newer statement" showed a 2021-04-07 claim beside a 2021-06-01 one.
    assert "Statement checked" in page.text and "On record" in page.text and "Newer" not in page.text
    token = csrf_of(page.text)
    url = f"/ui/flags/{flag_id}/review"

    assert reviewer.post(url, data={"status": "confirmed"}, follow_redirects=False).status_code == 403
    forged = {"status": "confirmed", "csrf_token": token[:-2] + "xx"}
    assert reviewer.post(url, data=forged, follow_redirects=False).status_code == 403
    invalid = reviewer.post(url, data={"status": "maybe", "csrf_token": token}, follow_redirects=False)
    assert invalid.status_code == 422 and "status" in invalid.text
    assert reviewer.get(f"/v1/flags/{flag_id}", headers=admin).json()["reviews"] == []

    note = "Both figures are the Pentagon's <b>own</b>; the later one is wrong."
    done = reviewer.post(url, data={"status": "confirmed", "note": note, "csrf_token": token}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/ui/flags/{flag_id}?reviewed=confirmed"
    api_flag = reviewer.get(f"/v1/flags/{flag_id}", headers=admin).json()
    assert api_flag["status"] == "confirmed"
    assert [(r["status"], r["note"]) for r in api_flag["reviews"]] == [("confirmed", note)]
    with make_session_factory(runtime.engine)() as session:
        review = session.scalars(select(FlagReview)).one()
        assert review.reviewer_key_id is not None

    after = reviewer.get(done.headers["location"])
    assert "Review recorded: confirmed." in after.text
    assert "&lt;b&gt;own&lt;/b&gt;; the later one is wrong." in after.text and "<b>own</b>" not in after.text
    assert "review key" in after.text  # who reviewed: the key's name
    dismissed = {"status": "dismissed", "csrf_token": token}
    assert reviewer.post(url, data=dismissed, follow_redirects=False).status_code == 303
    assert reviewer.get(f"/v1/flags/{flag_id}", headers=admin).json()["status"] == "dismissed"
    history = reviewer.get(f"/ui/flags/{flag_id}").text
    assert history.index("<td>dismissed</td>") < history.index("<td>confirmed</td>")  # newest first


def test_the_same_review_form_sent_twice_records_one_review(
    reviewer: TestClient, make_token: Callable[[str], str]
) -> None:
    """A second click on Confirm while the first is still on its way (a slow write), or a post sent again, is the
    same form: recorded once, as an API retry with its Idempotency-Key is. The other decision sent on that same
    form is the form again (409) saying what was kept; a fresh form records a new review."""
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    flag_id = flag_via_api(reviewer, admin)
    page = reviewer.get(f"/ui/flags/{flag_id}").text
    form_id = FORM_ID.search(page)
    assert form_id is not None, "the review form carries no id of its own"
    url = f"/ui/flags/{flag_id}/review"
    sent = {"status": "confirmed", "note": "checked", "csrf_token": csrf_of(page), "form_id": form_id.group(1)}
    for _ in range(2):
        again = reviewer.post(url, data=sent, follow_redirects=False)
        assert again.status_code == 303 and again.headers["location"] == f"/ui/flags/{flag_id}?reviewed=confirmed"
    reviews = reviewer.get(f"/v1/flags/{flag_id}", headers=admin).json()["reviews"]
    assert [(r["status"], r["note"]) for r in reviews] == [("confirmed", "checked")]

    changed = reviewer.post(url, data={**sent, "status": "dismissed"}, follow_redirects=False)
    assert changed.status_code == 409 and "already sent with another decision or note" in changed.text
    assert reviewer.get(f"/v1/flags/{flag_id}", headers=admin).json()["status"] == "confirmed"
    fresh = FORM_ID.search(changed.text)
    assert fresh is not None and fresh.group(1) != form_id.group(1)
    redone = reviewer.post(url, data={**sent, "status": "dismissed", "form_id": fresh.group(1)})
    assert redone.status_code == 200 and "Review recorded: dismissed." in redone.text
    reviews = reviewer.get(f"/v1/flags/{flag_id}", headers=admin).json()["reviews"]
    assert [r["status"] for r in reviews] == ["confirmed", "dismissed"]
    later = FORM_ID.search(reviewer.get(f"/ui/flags/{flag_id}").text)
    assert later is not None and later.group(1) not in (form_id.group(1), fresh.group(1))  # one id per rendering


def test_text_is_escaped_and_only_web_links_are_links(reviewer: TestClient, runtime: Runtime) -> None:
    with make_session_factory(runtime.engine)() as session:
        hostile = store_claim(
            session,
            '<script>alert("x")</script> troops "withdrawn"',
            "<img src=x onerror=alert(1)>",
            source_url="javascript:alert(1)",
        )
        honest = store_claim(session, "Troops were not withdrawn.", "A spokesman", source_url="http://example.org/a")
        flag = store_flag(session, honest, hostile)
        session.commit()
        flag_id, source_id = flag.id, hostile.speaker_id
    for path in ("/ui/flags", f"/ui/flags/{flag_id}", f"/ui/sources/{source_id}"):
        page = reviewer.get(path).text
        assert "<script>alert" not in page and "<img src=x" not in page, path
        assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page, path
        assert 'href="javascript:' not in page, path
        assert_csp_clean(page)
    assert 'href="http://example.org/a" rel="noopener noreferrer"' in reviewer.get(f"/ui/flags/{flag_id}").text


def test_a_speakers_claims_over_time_with_their_flags(reviewer: TestClient, runtime: Runtime) -> None:
    with make_session_factory(runtime.engine)() as session:
        first = store_claim(session, "Troops number about 2,500.", "the Pentagon", said_at="2021-04-08")
        later = store_claim(session, "Troops number about 3,500.", "the Pentagon", said_at="2021-06-15")
        undated = store_claim(session, "No decision on troop levels was made.", "the Pentagon", said_at=None)
        store_claim(session, "Someone else's claim.", "Another speaker", said_at="2021-07-01")
        flag = store_flag(session, later, first, kind="self_contradiction")
        session.commit()
        source_id, flag_id = first.speaker_id, flag.id
        order = [undated.id, later.id, first.id]  # undated: recorded now, so latest
    page = reviewer.get(f"/ui/sources/{source_id}")
    assert page.status_code == 200
    assert re.findall(r'<li id="claim-([0-9a-f-]+)">', page.text) == order
    assert "Someone else" not in page.text
    assert page.text.count(f'href="/ui/flags/{flag_id}"') == 2  # under both of its claims
    assert "3 claims on record" in page.text and "1 open" in page.text
    assert "date unknown" in page.text
    assert reviewer.get("/ui/sources/0b6f7a1e-0000-4000-8000-000000000000").status_code == 404
    assert reviewer.get("/ui/sources/not-an-id").status_code == 404


def test_a_speakers_flag_links_name_the_other_speaker_with_their_other_names(
    reviewer: TestClient, make_token: Callable[[str], str], runtime: Runtime
) -> None:
    """Under a claim on a speaker's page, a flag names the other side's speaker as every page does: linked, with
    the other names they are on record as."""
    with make_session_factory(runtime.engine)() as session:
        mine = store_claim(session, "Troops number about 2,500.", "the Pentagon")
        theirs = store_claim(session, "Troops number about 3,500.", "Iraqi military")
        store_flag(session, theirs, mine)
        session.commit()
        source_id, other_id = mine.speaker_id, theirs.speaker_id
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    reply = reviewer.post(f"/v1/sources/{other_id}/aliases", json={"alias": "<i>ISMC</i>"}, headers=admin)
    assert reply.status_code == 200, reply.text
    page = reviewer.get(f"/ui/sources/{source_id}").text
    assert (
        f'with <a href="/ui/sources/{other_id}" dir="auto">Iraqi military</a> '
        '<span class="aka">(also known as <bdi>&lt;i&gt;ISMC&lt;/i&gt;</bdi>)</span>:' in page
    )
    assert_csp_clean(page)


def test_an_article_with_its_claims_highlighted(reviewer: TestClient, runtime: Runtime) -> None:
    text = (
        "The Pentagon said troops had dropped to about 2,500. "
        'A spokesman added: "Talks will continue in Baghdad." <Officials> & others declined to comment.'
    )
    quote = "Talks will continue in Baghdad."
    outer = text.index("A spokesman")
    with make_session_factory(runtime.engine)() as session:
        document = store_document(session, text)
        s1 = text.index("troops")
        c1 = store_claim(
            session, "troops had dropped to about 2,500", "the Pentagon", document_id=document.id,
            span_start=s1, span_end=s1 + len("troops had dropped to about 2,500"), cue="said", kind="indirect_quote",
        )  # fmt: skip
        store_claim(
            session, quote, "a spokesman", document_id=document.id,
            span_start=text.index(quote), span_end=text.index(quote) + len(quote), cue="added", kind="direct_quote",
        )  # fmt: skip
        store_claim(  # overlaps the quote: a longer passage attributed to the same spokesman
            session, 'A spokesman added: "Talks will continue in Baghdad."', "a spokesman",
            document_id=document.id, span_start=outer, span_end=text.index(quote) + len(quote) + 1, cue="added",
        )  # fmt: skip
        store_claim(session, "Out of range", "Nobody", document_id=document.id, span_start=5, span_end=10_000)
        other = store_claim(session, "Troops have risen to 10,000.", "a lawmaker")
        store_flag(session, other, c1)
        session.commit()
        document_id = document.id
    page = reviewer.get(f"/ui/documents/{document_id}")
    assert page.status_code == 200
    body = re.search(r'<div class="article-text">(.*?)</div>', page.text, re.S)
    assert body is not None
    marks = re.findall(r'<mark class="claim c(\d)( overlap)?" title="([^"]*)">(.*?)</mark>', body.group(1))
    marked = {html.unescape(m[3]): (m[1] == " overlap", html.unescape(m[2])) for m in marks}
    # Numbered in the order of the text: the out-of-range span (from 5) first, then the Pentagon's, the passage,
    # the quote inside it.
    assert marked["troops had dropped to about 2,500"] == (False, "2: Pentagon (said)")
    assert marked[quote] == (True, "3: spokesman (added); 4: spokesman (added)")
    assert marked['A spokesman added: "'] == (False, "3: spokesman (added)")
    # The text comes back whole and escaped: nothing dropped, nothing doubled, "<Officials>" shown, not parsed.
    without_refs = re.sub(r'<sup class="ref[^"]*">.*?</sup>', "", body.group(1))
    assert html.unescape(re.sub(r"<[^>]+>", "", without_refs)) == text
    assert "&lt;Officials&gt; &amp; others" in body.group(1)
    assert page.text.count('<li id="claim-') == 4 and "no span in the text" in page.text
    assert "/ui/flags/" in page.text  # the flagged claim links to its flag
    assert_csp_clean(page.text)
    assert reviewer.get("/ui/documents/0b6f7a1e-0000-4000-8000-000000000000").status_code == 404


def test_the_check_page_checks_as_the_api_does(
    reviewer: TestClient, make_token: Callable[[str], str], runtime: Runtime
) -> None:
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    assert reviewer.post("/v1/claims", json=SEED_CLAIM, headers=admin).status_code == 201
    form = reviewer.get("/ui/check")
    assert form.status_code == 200 and '<label for="text">' in form.text
    assert_csp_clean(form.text)
    token = csrf_of(form.text)
    statement = {"text": CONTRADICTING_QUOTE, "speaker": "", "said_at": "", "stance": "asserts"}
    assert reviewer.post("/ui/check", data=statement).status_code == 403
    assert reviewer.get("/v1/flags", headers=admin).json()["items"] == []

    page = reviewer.post("/ui/check", data={**statement, "csrf_token": token})
    api = reviewer.post("/v1/check", json={"text": CONTRADICTING_QUOTE}, headers=admin).json()
    assert page.status_code == 200
    assert f'<span class="verdict v-{api["verdict"]}">{api["verdict"]}</span>' in page.text
    assert api["verdict"] == "contradicted"
    assert page.text.count('<li class="match') == len(api["matches"])
    assert html.escape(SEED_CLAIM["text"], quote=False) in page.text and "number mismatch" in page.text
    flags = reviewer.get("/v1/flags", headers=admin).json()["items"]
    assert len(flags) == 1 and flags[0]["claim"]["text"] == CONTRADICTING_QUOTE  # raised once, as the API does

    empty = reviewer.post("/ui/check", data={**statement, "text": "  ", "csrf_token": token})
    assert empty.status_code == 422 and "could not be checked" in empty.text
    bad_date = reviewer.post("/ui/check", data={**statement, "said_at": "yesterday", "csrf_token": token})
    assert bad_date.status_code == 422 and "said_at" in bad_date.text


def test_a_speaker_name_the_check_refuses_is_said_on_the_form_it_came_from(
    reviewer: TestClient, make_token: Callable[[str], str]
) -> None:
    """A lone surname two people on record share is refused as /v1/check refuses it (422), but on the check page
    with the statement still typed and the people it could be named, not on an error page that drops the form."""
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    for name in ("Maria Alvarez", "Carlos Alvarez"):
        said = {"text": f"The port will reopen on Monday, {name} said.", "speaker": name}
        assert reviewer.post("/v1/claims", json=said, headers=admin).status_code == 201
    statement = "The port will <b>reopen</b> on Friday."
    api = reviewer.post("/v1/check", json={"text": statement, "speaker": "Alvarez"}, headers=admin)
    assert api.status_code == 422

    token = csrf_of(reviewer.get("/ui/check").text)
    form = {"text": statement, "speaker": "Alvarez", "said_at": "", "stance": "asserts", "csrf_token": token}
    page = reviewer.post("/ui/check", data=form)
    assert page.status_code == 422
    assert "<h1>Check a statement</h1>" in page.text and "could not be checked" in page.text
    assert (
        f'<textarea id="text" name="text" rows="4" required maxlength="5000" dir="auto">{html.escape(statement)}'
        in page.text
    )
    assert 'name="speaker" value="Alvarez"' in page.text
    assert "Maria Alvarez" in page.text and "Carlos Alvarez" in page.text
    assert_csp_clean(page.text)
    assert reviewer.get("/v1/flags", headers=admin).json()["items"] == []


def test_missing_records_and_bad_ids_are_pages(reviewer: TestClient) -> None:
    for path in ("/ui/flags/not-an-id", "/ui/flags/0b6f7a1e-0000-4000-8000-000000000000", "/ui/reconciliations/x"):
        response = reviewer.get(path)
        assert response.status_code == 404 and response.headers["content-type"].startswith("text/html"), path
        assert "Not found" in response.text


def test_the_reconciliation_report_in_the_ui_and_over_the_api(
    reviewer: TestClient, make_token: Callable[[str], str], runtime: Runtime
) -> None:
    with make_session_factory(runtime.engine)() as session:
        store_claim(session, "The number of U.S. troops in Iraq has dropped to about 2,500.", "the Pentagon")
        store_claim(
            session, "The number of U.S. troops in Iraq has risen to about 3,500.", "the Pentagon", "2021-06-15"
        )
        session.commit()
    listing = reviewer.get("/ui/reconciliations")
    assert "No reconciliation has run yet" in listing.text
    outcome = Reconciler(runtime).run(RunRequest(full=True))[-1]
    assert outcome.status == "succeeded"
    listing = reviewer.get("/ui/reconciliations")
    assert f'href="/ui/reconciliations/{outcome.run_id}"' in listing.text
    ui = reviewer.get(f"/ui/reconciliations/{outcome.run_id}")
    assert ui.status_code == 200
    assert_csp_clean(ui.text)
    assert re.search(r'href="/ui/static/report.css\?v=[0-9a-f]{12}"', ui.text)
    api = reviewer.get(
        f"/v1/reconciliations/{outcome.run_id}/report", headers={"Authorization": f"Bearer {make_token('read')}"}
    )
    written = Path(outcome.stats["reports"]["html"]).read_text(encoding="utf-8")
    assert api.status_code == 200 and api.text == written  # the same template renders both

    def content(page: str) -> str:
        page = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
        start = page.index("<h1>Reconciliation")
        end = page.index("<h2>Time per stage")
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page[start:end])).split())

    assert content(ui.text) == content(api.text)
    assert "has risen to about 3,500" in content(ui.text) and "self contradiction" in content(ui.text)
    # kinds and signals in words, as every other page shows them; the JSON report keeps the identifiers
    assert "_" not in " ".join(re.findall(r"<td>([^<]*)</td>", api.text)), api.text
    with make_session_factory(runtime.engine)() as session:
        contradictions = [f.id for f in session.scalars(select(Flag)).unique() if f.kind != "near_duplicate"]
    assert contradictions and all(f'href="/ui/flags/{i}"' in ui.text for i in contradictions)  # linked in the UI
    assert "/ui/flags/" not in api.text  # the standalone file links nowhere


def test_a_reconciliation_report_shows_each_speakers_other_names(
    reviewer: TestClient, make_token: Callable[[str], str], runtime: Runtime
) -> None:
    """The report, in the UI and in its standalone file, says who else a speaker is on record as, the way every other
    page does (the shared macro), escaped; the standalone file still links nowhere."""
    with make_session_factory(runtime.engine)() as session:
        first = store_claim(session, "The number of U.S. troops in Iraq has dropped to about 2,500.", "the Pentagon")
        store_claim(
            session, "The number of U.S. troops in Iraq has risen to about 3,500.", "the Pentagon", "2021-06-15"
        )
        session.commit()
        source_id = first.speaker_id
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    for alias in ("Department of Defense", "<b>DoD</b>"):
        reply = reviewer.post(f"/v1/sources/{source_id}/aliases", json={"alias": alias}, headers=admin)
        assert reply.status_code == 200, reply.text
    outcome = Reconciler(runtime).run(RunRequest(full=True))[-1]
    assert outcome.status == "succeeded"
    aka = '<span class="aka">(also known as <bdi>&lt;b&gt;DoD&lt;/b&gt;</bdi>, <bdi>Department of Defense</bdi>)</span>'
    ui = reviewer.get(f"/ui/reconciliations/{outcome.run_id}").text
    written = Path(outcome.stats["reports"]["html"]).read_text(encoding="utf-8")
    for page in (ui, written):
        assert page.count("<bdi>&lt;b&gt;DoD&lt;/b&gt;</bdi>") == page.count("Pentagon</") >= 2
        assert aka in page
    assert f'href="/ui/sources/{source_id}" dir="auto">Pentagon</a> {aka}' in ui
    assert "/ui/sources/" not in written and "<bdi>Pentagon</bdi> " + aka in written
    assert_csp_clean(ui)


def test_imported_fact_check_ratings_show_beside_the_claim(
    reviewer: TestClient, make_token: Callable[[str], str]
) -> None:
    headers = {"Authorization": f"Bearer {make_token('read,write')}"}
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": "https://factcheck.example/troops-rising",
        "claimReviewed": "U.S. troops in Iraq have risen to 10,000.",
        "datePublished": "2021-05-03",
        "author": {"@type": "Organization", "name": "Example Fact Check"},
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": 1,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": "False",
        },
        "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "A commentator"}},
    }
    imported = reviewer.post("/v1/claimreviews", json=review, headers=headers)
    assert imported.status_code == 201, imported.text
    source_id = imported.json()["claims"][0]["speaker"]["id"]
    page = reviewer.get(f"/ui/sources/{source_id}")
    assert page.status_code == 200
    assert "Rated <strong>False</strong> by Example Fact Check" in page.text
    assert 'href="https://factcheck.example/troops-rising"' in page.text


def test_a_note_holding_nul_is_refused_as_the_api_refuses_it(
    reviewer: TestClient, make_token: Callable[[str], str]
) -> None:
    """PostgreSQL stores no NUL (a 500 there; SQLite stored it): the form is shown again with the reason, 422,
    nothing recorded, as /v1 refuses the same note."""
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    flag_id = flag_via_api(reviewer, admin)
    token = csrf_of(reviewer.get(f"/ui/flags/{flag_id}").text)
    refused = reviewer.post(
        f"/ui/flags/{flag_id}/review", data={"status": "confirmed", "note": "a\x00b", "csrf_token": token}
    )
    assert refused.status_code == 422 and refused.headers["content-type"].startswith("text/html")
    assert "note: text must not contain NUL (0x00) characters" in refused.text and "Value error" not in refused.text
    assert '<textarea id="note"' in refused.text and "\x00" not in refused.text
    api = reviewer.post(f"/v1/flags/{flag_id}/review", json={"status": "confirmed", "note": "a\x00b"}, headers=admin)
    assert api.status_code == 422
    assert reviewer.get(f"/v1/flags/{flag_id}", headers=admin).json()["reviews"] == []

    check_token = csrf_of(reviewer.get("/ui/check").text)
    for field, label in (("text", "Statement"), ("speaker", "Speaker")):  # named as the form names the field
        statement = {"text": CONTRADICTING_QUOTE, "speaker": "", "said_at": "", "stance": "asserts"}
        checked = reviewer.post("/ui/check", data={**statement, field: "a\x00b", "csrf_token": check_token})
        assert checked.status_code == 422 and "could not be checked" in checked.text, field
        assert f'<a href="#{field}">{label}</a>: text must not contain NUL' in checked.text
        assert "Value error" not in checked.text
    assert reviewer.get("/v1/flags", headers=admin).json()["items"][0]["id"] == flag_id  # nothing new raised


def test_form_text_refuses_lone_surrogates_and_reads_line_breaks_as_lf() -> None:
    """What no browser's form encoding can carry (UTF-8 has no lone surrogate) is refused all the same."""
    assert form_fields(note="one\r\ntwo\rthree\nfour") == {"note": "one\ntwo\nthree\nfour"}
    with pytest.raises(ValidationError) as refused:
        form_fields(note="half an emoji \ud83d")
    assert error_lines(refused.value) == ["note: text must not contain lone UTF-16 surrogates (half of an emoji?)"]


def test_a_note_typed_with_line_breaks_is_stored_as_the_api_stores_it(
    reviewer: TestClient, make_token: Callable[[str], str]
) -> None:
    """Browsers send a textarea's line breaks as CRLF: stored as LF, so a note the textarea's maxlength (which
    counts a line break once) allows is not refused as too long; the history shows the line breaks."""
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    flag_id = flag_via_api(reviewer, admin)
    page = reviewer.get(f"/ui/flags/{flag_id}").text
    assert 'maxlength="5000"' in page
    lines = ["x" * 99] * 50
    typed = "\n".join(lines)
    assert len(typed) == 4999 and typed.count("\n") == 49  # what the textarea counts
    sent = typed.replace("\n", "\r\n")  # what the browser sends
    done = reviewer.post(
        f"/ui/flags/{flag_id}/review",
        data={"status": "confirmed", "note": sent, "csrf_token": csrf_of(page)},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    assert [r["note"] for r in reviewer.get(f"/v1/flags/{flag_id}", headers=admin).json()["reviews"]] == [typed]
    lone_cr = reviewer.post(
        f"/ui/flags/{flag_id}/review",
        data={"status": "dismissed", "note": "first\rsecond", "csrf_token": csrf_of(page)},
        follow_redirects=False,
    )
    assert lone_cr.status_code == 303
    history = reviewer.get(f"/ui/flags/{flag_id}").text
    assert '<td class="note">first\nsecond</td>' in history
    assert "table.history td.note { white-space: pre-line; }" in reviewer.get("/ui/static/ui.css").text


def test_error_answers_under_ui_are_pages_and_the_api_keeps_problem_json(reviewer: TestClient) -> None:
    for path, status in (
        ("/ui/nope", 404),
        ("/ui/flags/%00", 422),
        ("/ui/flags?speaker=%00", 422),
        ("/ui/check?text=%00", 422),
        ("/ui/logout", 405),
    ):
        response = reviewer.get(path)
        assert response.status_code == status, path
        assert response.headers["content-type"].startswith("text/html"), path
        assert "<h1" in response.text and "Back to the flags" in response.text, path
        assert "default-src 'none'" in response.headers["content-security-policy"], path
        assert_csp_clean(response.text)
    assert "NUL (0x00) character in the query" in reviewer.get("/ui/flags?speaker=%00").text
    refused = reviewer.get("/ui/flags?status=bogus")  # a filter the queue does not have: named as such, not "wrong"
    assert refused.status_code == 422 and "That request is not valid</h1>" in refused.text
    assert "status must be one of" in refused.text
    assert reviewer.get("/ui/logout").headers["allow"] == "POST"
    for path in ("/v1/nope", "/v1/flags?external_id=%00"):
        assert reviewer.get(path).headers["content-type"] == "application/problem+json", path


def test_head_answers_wherever_get_does(reviewer: TestClient, client: TestClient) -> None:
    for path in ("/ui/flags", "/ui/check", "/ui/reconciliations", "/ui/login"):
        response = reviewer.head(path, follow_redirects=False)
        expected = 303 if path == "/ui/login" else 200  # signed in: the login page sends to the flags
        assert response.status_code == expected, path
        assert response.content == b"", path
    assert reviewer.head("/ui/static/ui.css").status_code == 200
    reviewer.cookies.clear()
    probe = reviewer.head("/ui/flags", follow_redirects=False)  # an uptime probe: no session
    assert probe.status_code == 303 and probe.headers["location"].startswith("/ui/login")


def test_every_page_names_its_icon_and_the_check_result_is_announced(reviewer: TestClient) -> None:
    """A page without an icon of its own makes the browser ask for /favicon.ico (a 404 on every first load)."""
    page = reviewer.get("/ui/check").text
    icon = re.search(r'<link rel="icon" href="(/ui/static/favicon.svg\?v=[0-9a-f]{12})" type="image/svg\+xml">', page)
    assert icon is not None
    served = reviewer.get(icon.group(1))
    assert served.status_code == 200 and served.headers["content-type"].startswith("image/svg+xml")
    script = re.search(r'<script src="(/ui/static/ui.js\?v=[0-9a-f]{12})" defer></script>', page)
    assert script is not None and "data-focus" in reviewer.get(script.group(1)).text
    assert '<section id="check-result" aria-label="Result" aria-live="polite">' in page
    checked = reviewer.post(
        "/ui/check", data={"text": CONTRADICTING_QUOTE, "stance": "asserts", "csrf_token": csrf_of(page)}
    )
    assert '<h2 tabindex="-1" data-focus autofocus>Verdict:' in checked.text
