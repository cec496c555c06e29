"""Review forms that went stale over HTTP (no browser): a form shown before the flag was reviewed elsewhere records
nothing (409, the review it missed named), however close together the two were sent; a client that posts only the
contract's fields reviews as the API does; a form of an earlier session (403) is the flag's page with the note."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.ui.conftest import csrf_of, sign_in
from tests.ui.test_pages import flag_via_api

FORM = re.compile(r'name="(form_id|reviews_seen)" value="([^"]*)"')


def review_form(client: TestClient, flag_id: str) -> dict[str, str]:
    """The hidden fields of the flag page's review form as rendered now (one browser tab)."""
    page = client.get(f"/ui/flags/{flag_id}").text
    return {"csrf_token": csrf_of(page), **dict(FORM.findall(page))}


def test_the_second_of_two_tabs_is_told_and_records_nothing(
    reviewer: TestClient, make_token: Callable[[str], str]
) -> None:
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    flag_id = flag_via_api(reviewer, admin)
    first, second = review_form(reviewer, flag_id), review_form(reviewer, flag_id)
    url = f"/ui/flags/{flag_id}/review"
    assert reviewer.post(url, data={**first, "status": "confirmed"}, follow_redirects=False).status_code == 303
    late = reviewer.post(url, data={**second, "status": "dismissed", "note": "no <b>conflict</b>"})
    assert late.status_code == 409
    assert "reviewed while this page was open: confirmed by review key" in late.text
    assert "Your decision (dismissed) was not recorded" in late.text
    assert "no &lt;b&gt;conflict&lt;/b&gt;</textarea>" in late.text  # the note kept, escaped
    assert [r["status"] for r in reviewer.get(f"/v1/flags/{flag_id}", headers=admin).json()["reviews"]] == ["confirmed"]
    again = dict(FORM.findall(late.text))  # the form shown with the 409 knows the review: sent, it records
    assert again["reviews_seen"] == "1"
    resent = reviewer.post(url, data={**second, **again, "status": "dismissed"}, follow_redirects=False)
    assert resent.status_code == 303
    assert reviewer.get(f"/v1/flags/{flag_id}", headers=admin).json()["status"] == "dismissed"


def test_two_tabs_sending_at_once_record_one_review(client: TestClient, make_token: Callable[[str], str]) -> None:
    """Both tabs' posts in flight together (two connections): one is recorded, the other is told (409), never two
    reviews from forms that each saw none."""
    token = make_token("review")
    assert sign_in(client, token).status_code == 303
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    flag_id = flag_via_api(client, admin)
    forms = [review_form(client, flag_id), review_form(client, flag_id)]
    url = f"/ui/flags/{flag_id}/review"
    statuses: list[int] = []
    start = threading.Barrier(2)

    def send(form: dict[str, str], decision: str) -> None:
        start.wait()
        statuses.append(client.post(url, data={**form, "status": decision}, follow_redirects=False).status_code)

    threads = [
        threading.Thread(target=send, args=(f, d)) for f, d in zip(forms, ("confirmed", "dismissed"), strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [303, 409]
    assert len(client.get(f"/v1/flags/{flag_id}", headers=admin).json()["reviews"]) == 1


def test_a_client_posting_only_the_contracts_fields_reviews_as_the_api_does(
    reviewer: TestClient, make_token: Callable[[str], str]
) -> None:
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    flag_id = flag_via_api(reviewer, admin)
    token = review_form(reviewer, flag_id)["csrf_token"]
    url = f"/ui/flags/{flag_id}/review"
    for decision in ("confirmed", "dismissed"):
        sent = {"status": decision, "csrf_token": token}
        assert reviewer.post(url, data=sent, follow_redirects=False).status_code == 303
    assert reviewer.get(f"/v1/flags/{flag_id}", headers=admin).json()["status"] == "dismissed"


def test_a_form_of_an_earlier_session_is_the_flag_page_with_its_note(
    reviewer: TestClient, make_token: Callable[[str], str]
) -> None:
    admin = {"Authorization": f"Bearer {make_token('admin')}"}
    flag_id = flag_via_api(reviewer, admin)
    stale = review_form(reviewer, flag_id)
    logout = reviewer.post("/ui/logout", data={"csrf_token": stale["csrf_token"]}, follow_redirects=False)
    assert logout.status_code == 303
    assert sign_in(reviewer, make_token("review")).status_code == 303
    refused = reviewer.post(
        f"/ui/flags/{flag_id}/review", data={**stale, "status": "confirmed", "note": "typed with care"}
    )
    assert refused.status_code == 403
    assert "Nothing was recorded" in refused.text and "typed with care</textarea>" in refused.text
    assert csrf_of(refused.text) != stale["csrf_token"]  # the form shown again is the new session's
    assert reviewer.get(f"/v1/flags/{flag_id}", headers=admin).json()["reviews"] == []
