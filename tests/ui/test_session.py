"""Signing in and out of the review UI: the session cookie, CSRF on every POST, expiry, revocation, the secret."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from itsdangerous import TimestampSigner

from db.engine import make_session_factory
from db.models import ApiKey
from db.types import utcnow
from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from service.app import create_app
from service.runtime import Runtime
from service.ui.session import COOKIE_NAME
from tests.ui.conftest import csrf_of, sign_in, ui_settings
from tests.ui.records import store_claim, store_flag

PAGES = ["/ui/flags", "/ui/check", "/ui/reconciliations", "/ui/sources/0b6f7a1e-0000-4000-8000-000000000000"]


def set_cookie_header(response_headers: object) -> str:
    values = [v for k, v in response_headers.multi_items() if k.lower() == "set-cookie"]  # type: ignore[attr-defined]
    cookies = [v for v in values if v.startswith(COOKIE_NAME + "=")]
    assert len(cookies) == 1, values
    return str(cookies[0])


def test_every_page_without_a_session_redirects_to_the_login_with_next(client: TestClient) -> None:
    for path in PAGES:
        response = client.get(path + "?status=open" if path == "/ui/flags" else path, follow_redirects=False)
        assert response.status_code == 303, path
        location = urlsplit(response.headers["location"])
        assert location.path == "/ui/login"
        expected = path + ("?status=open" if path == "/ui/flags" else "")
        assert parse_qs(location.query)["next"] == [expected]
    assert client.get("/ui/", follow_redirects=False).headers["location"] == "/ui/flags"


def test_the_login_form_has_one_key_field_and_sets_a_pre_session_cookie(client: TestClient) -> None:
    response = client.get("/ui/login")
    assert response.status_code == 200
    assert response.text.count('name="key"') == 1 and 'type="submit"' in response.text
    assert '<label for="key">' in response.text
    cookie = set_cookie_header(response.headers).lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "path=/ui" in cookie
    assert "secure" not in cookie  # plain http here


def test_a_review_key_signs_in_and_lands_on_next(client: TestClient, make_token: Callable[[str], str]) -> None:
    response = sign_in(client, make_token("review"), next_path="/ui/check")
    assert response.status_code == 303 and response.headers["location"] == "/ui/check"
    assert client.get("/ui/check").status_code == 200
    assert "Signed in as" in client.get("/ui/flags").text


def test_an_admin_key_signs_in_too(client: TestClient, make_token: Callable[[str], str]) -> None:
    assert sign_in(client, make_token("admin")).status_code == 303


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("clk_000000000000_not-a-real-secret", "That key is not valid."),
        ("nonsense", "That key is not valid."),
        ("", "That key is not valid."),
        (None, "it needs the review scope"),
    ],
)
def test_a_wrong_key_or_one_without_the_scope_is_refused_with_401(
    client: TestClient, make_token: Callable[[str], str], token: str | None, message: str
) -> None:
    response = sign_in(client, token if token is not None else make_token("read,write"))
    assert response.status_code == 401
    assert message in response.text and 'name="key"' in response.text
    assert client.get("/ui/flags", follow_redirects=False).status_code == 303  # no session was made


def test_wrong_keys_at_the_login_count_towards_the_auth_failure_limit(
    runtime: Runtime, make_token: Callable[[str], str]
) -> None:
    """The sign-in form is no way around CLAIMLEDGER_AUTH_FAILURE_LIMIT: wrong keys posted there count per address
    as they do on /v1 (429 with Retry-After past it), an empty field does not, and a valid key still signs in."""
    settings = runtime.settings.model_copy(update={"auth_failure_limit": "3/minute"})
    with TestClient(create_app(settings, runtime), raise_server_exceptions=False) as client:
        assert [sign_in(client, "").status_code for _ in range(4)] == [401] * 4
        statuses = [sign_in(client, f"clk_000000000000_wrong{n}").status_code for n in range(3)]
        assert statuses == [401, 401, 401]
        refused = sign_in(client, "clk_000000000000_wrong")
        assert refused.status_code == 429 and int(refused.headers["Retry-After"]) >= 1
        assert "Too many keys" in refused.text and 'name="key"' in refused.text
        bearer = {"Authorization": "Bearer clk_000000000000_wrong"}
        assert client.get("/v1/claims", headers=bearer).status_code == 429  # one budget for both doors
        assert sign_in(client, make_token("review")).status_code == 303


def test_login_from_another_site_or_with_a_wrong_csrf_token_is_refused(
    client: TestClient, make_token: Callable[[str], str]
) -> None:
    token = make_token("review")
    client.get("/ui/login")
    for cross_site in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}, {"Origin": "null"}):
        posted = client.post("/ui/login", data={"key": token}, headers=cross_site, follow_redirects=False)
        assert posted.status_code == 403, cross_site
    wrong = client.post("/ui/login", data={"key": token, "csrf_token": "forged"}, follow_redirects=False)
    assert wrong.status_code == 403
    client.cookies.clear()  # no cookie at all: the token of another session is no use
    other = TestClient(client.app)
    stolen = csrf_of(other.get("/ui/login").text)
    refused = client.post("/ui/login", data={"key": token, "csrf_token": stolen}, follow_redirects=False)
    assert refused.status_code == 403
    assert client.get("/ui/flags", follow_redirects=False).status_code == 303


@pytest.mark.parametrize("token", ["clk_" + "x" * 5000, "clk_abc\x00def_secret", "\x00"])
def test_a_key_too_long_or_holding_nul_is_just_not_valid(client: TestClient, token: str) -> None:
    """Not a bare "request is not valid" page, nor a look-up PostgreSQL refuses: the login form again, 401."""
    response = sign_in(client, token)
    assert response.status_code == 401 and response.headers["content-type"].startswith("text/html")
    assert "That key is not valid." in response.text and 'name="key"' in response.text
    assert client.get("/ui/flags", follow_redirects=False).status_code == 303


def test_a_refused_sign_in_keeps_the_session_it_came_with(reviewer: TestClient) -> None:
    """Another site's auto-submitted form (refused, 403) must not replace the reviewer's cookie: that would sign
    them out."""
    session = reviewer.cookies[COOKIE_NAME]
    for attempt in (
        {"data": {"key": "clk_wrong_wrong"}, "headers": {"Origin": "https://evil.example"}},
        {"data": {"key": "clk_wrong_wrong"}, "headers": {"Sec-Fetch-Site": "cross-site"}},
        {"data": {"key": "clk_wrong_wrong", "csrf_token": "forged"}, "headers": {}},
    ):
        refused = reviewer.post("/ui/login", follow_redirects=False, **attempt)  # type: ignore[arg-type]
        assert refused.status_code == 403, attempt
        assert not [v for k, v in refused.headers.multi_items() if k.lower() == "set-cookie"], attempt
        assert reviewer.cookies[COOKIE_NAME] == session
    assert reviewer.get("/ui/flags", follow_redirects=False).status_code == 200  # still signed in


def test_a_review_posted_after_the_session_ended_returns_to_its_flag(
    reviewer: TestClient, make_token: Callable[[str], str], runtime: Runtime
) -> None:
    """Signed out in another tab, then Confirm: the login page says the review was not recorded, and signing in
    leads back to the flag, not to the queue."""
    with make_session_factory(runtime.engine)() as session:
        claim = store_claim(session, "Troops number about 2,500.", "the Pentagon")
        other = store_claim(session, "Troops number about 10,000.", "a lawmaker")
        flag_id = store_flag(session, other, claim).id
        session.commit()
    flag_page = f"/ui/flags/{flag_id}"
    token = csrf_of(reviewer.get(flag_page).text)
    reviewer.post("/ui/logout", data={"csrf_token": token})  # the other tab
    posted = reviewer.post(
        f"{flag_page}/review", data={"status": "confirmed", "csrf_token": token}, follow_redirects=False
    )
    assert posted.status_code == 303
    location = urlsplit(posted.headers["location"])
    assert location.path == "/ui/login"
    assert parse_qs(location.query) == {"next": [flag_page], "notice": ["review"]}
    login = reviewer.get(posted.headers["location"])
    assert "Your session ended; the review was not recorded. Sign in to review again." in login.text
    assert sign_in(reviewer, make_token("review"), next_path=flag_page).headers["location"] == flag_page
    assert "Not reviewed yet." in reviewer.get(flag_page).text
    assert "Your session ended" not in reviewer.get("/ui/login?notice=<b>made up</b>").text


def test_a_client_that_sends_only_the_key_field_signs_in(client: TestClient, make_token: Callable[[str], str]) -> None:
    """The contract's login form has one field, ``key``: a script (no Origin) or this site's own page (same
    origin) may post just that; the session it gets carries a fresh CSRF token like any other."""
    wrong = client.post("/ui/login", data={"key": "clk_wrong_wrong"}, follow_redirects=False)
    assert wrong.status_code == 401 and "That key is not valid." in wrong.text
    response = client.post("/ui/login", data={"key": make_token("review")}, follow_redirects=False)
    assert response.status_code == 303
    assert client.get("/ui/flags", follow_redirects=False).status_code == 200
    client.cookies.clear()
    host = "testserver"
    same_site = {"Origin": f"http://{host}", "Sec-Fetch-Site": "same-origin"}
    again = client.post("/ui/login", data={"key": make_token("review")}, headers=same_site, follow_redirects=False)
    assert again.status_code == 303
    assert client.get("/ui/flags", follow_redirects=False).status_code == 200


def test_next_never_leaves_the_ui(client: TestClient, make_token: Callable[[str], str]) -> None:
    token = make_token("review")
    for target in (
        "https://evil.example/",
        "//evil.example/ui/flags",
        "/v1/flags",
        "/ui/login",
        "/\\evil.example",
        "/ui/../v1/flags",
        "/ui/%2e%2e/v1/flags",
        "/ui/flags/../../v1/flags?status=open",
        "/ui/..//evil.example",
        "/ui/./login",
    ):
        client.cookies.clear()
        response = sign_in(client, token, next_path=target)
        assert response.status_code == 303
        assert response.headers["location"] == "/ui/flags", target
    client.cookies.clear()
    nul = client.post("/ui/login", data={"key": token, "next": "/ui/check\x00"}, follow_redirects=False)
    assert nul.headers["location"] == "/ui/flags"  # a form field, past the address's NUL check
    client.cookies.clear()
    inside = sign_in(client, token, next_path="/ui/flags/../check?x=1")  # still a page of the UI: followed
    assert inside.headers["location"] == "/ui/check?x=1"


def test_logout_needs_its_csrf_token_and_ends_the_session(reviewer: TestClient) -> None:
    assert reviewer.post("/ui/logout", follow_redirects=False).status_code == 403
    assert reviewer.get("/ui/flags").status_code == 200  # still signed in
    token = csrf_of(reviewer.get("/ui/flags").text)
    response = reviewer.post("/ui/logout", data={"csrf_token": token}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/ui/login"
    assert reviewer.get("/ui/flags", follow_redirects=False).status_code == 303


def test_the_csrf_token_changes_at_sign_in(client: TestClient, make_token: Callable[[str], str]) -> None:
    before = csrf_of(client.get("/ui/login").text)
    sign_in(client, make_token("review"))
    after = csrf_of(client.get("/ui/flags").text)
    assert before != after
    assert client.post("/ui/logout", data={"csrf_token": before}, follow_redirects=False).status_code == 403


def test_revoking_the_key_ends_its_sessions(reviewer: TestClient, runtime: Runtime) -> None:
    assert reviewer.get("/ui/flags").status_code == 200
    with make_session_factory(runtime.engine)() as session:
        for key in session.query(ApiKey):
            key.revoked_at = utcnow()
        session.commit()
    response = reviewer.get("/ui/flags", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"].startswith("/ui/login")
    assert "max-age=0" in set_cookie_header(response.headers).lower()  # the dead session's cookie is dropped


def test_a_session_expires(
    reviewer: TestClient, runtime: Runtime, monkeypatch: pytest.MonkeyPatch, make_token: Callable[[str], str]
) -> None:
    """A cookie signed longer ago than ui_session_hours is not a session any more."""
    hours = runtime.settings.ui_session_hours
    reviewer.cookies.clear()
    issued = time.time() - hours * 3600 - 60
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(issued))
    assert sign_in(reviewer, make_token("review")).status_code == 303
    monkeypatch.undo()
    assert reviewer.get("/ui/flags", follow_redirects=False).status_code == 303


def test_the_cookie_is_secure_over_https(runtime: Runtime, make_token: Callable[[str], str]) -> None:
    with TestClient(create_app(runtime.settings, runtime), base_url="https://testserver") as client:
        response = sign_in(client, make_token("review"))
        assert response.status_code == 303
        assert "secure" in set_cookie_header(response.headers).lower()


def test_the_generated_secret_is_kept_across_restarts(
    database_url: str, tmp_path: Path, make_token: Callable[[str], str], runtime: Runtime
) -> None:
    """A session made before a restart still works after it (the secret is kept in the database); a session signed
    under another secret is refused."""
    token = make_token("review")
    with TestClient(create_app(runtime.settings, runtime)) as first:
        assert sign_in(first, token).status_code == 303
        cookie = first.cookies[COOKIE_NAME]

    def reopened(**overrides: object) -> int:
        rt = Runtime.create(ui_settings(database_url, tmp_path, **overrides))
        rt.use_models(HashingEncoder(), RuleJudge())
        try:
            with TestClient(create_app(rt.settings, rt)) as client:
                client.cookies.set(COOKIE_NAME, cookie, path="/ui")
                return client.get("/ui/flags", follow_redirects=False).status_code
        finally:
            rt.close()

    assert reopened() == 200
    assert reopened(secret_key="an operator's own secret, long enough") == 303


def test_security_headers_on_ui_responses_only(reviewer: TestClient) -> None:
    for path in ("/ui/flags", "/ui/login", "/ui/static/ui.css"):
        headers = reviewer.get(path).headers
        csp = headers["content-security-policy"]
        assert "default-src 'none'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "same-origin"
        assert headers["x-content-type-options"] == "nosniff"
    assert reviewer.get("/ui/flags").headers["cache-control"] == "no-store"
    static = re.search(r'href="(/ui/static/ui.css\?v=[0-9a-f]{12})"', reviewer.get("/ui/flags").text)
    assert static is not None
    assert "immutable" in reviewer.get(static.group(1)).headers["cache-control"]
    assert "content-security-policy" not in reviewer.get("/healthz").headers
