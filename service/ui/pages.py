"""What every review UI page shares: the signed-in reviewer, HTML responses, and errors shown as pages.

``UiRoute`` turns what the API answers as problem+json into pages: no session (or a revoked key) is a 303 to
``/ui/login?next=…``, a failed CSRF check a 403 page, a missing record a 404 page, a busy database or models
still loading a 503 page with Retry-After.
"""

from __future__ import annotations

import logging
import posixpath
import threading
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import quote, unquote, urlencode

from fastapi import Depends, Form, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from sqlalchemy.exc import OperationalError

from db.repositories.keys import ApiKeyRepository
from service.api.deps import RuntimeDep
from service.config import Settings
from service.errors import ServiceError, ServiceUnavailableError
from service.secrets import SecretStore
from service.services.keys import has_scope
from service.ui.forms import storable
from service.ui.session import CSRF_FIELD, SessionCookies, UiSession, signing_secret
from service.ui.templating import render

log = logging.getLogger("claimledger")

UI_PREFIX = "/ui"
LOGIN_PATH = "/ui/login"
HOME_PATH = "/ui/flags"
REQUIRED_SCOPE = "review"


class UiState:
    """The UI's per-application state: the session cookies, signed with a secret read or made on first use."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._cookies: SessionCookies | None = None
        self._lock = threading.Lock()

    def cookies_for(self, secrets: SecretStore) -> SessionCookies:
        if self._cookies is None:
            with self._lock:
                if self._cookies is None:
                    self._cookies = SessionCookies(signing_secret(secrets), self.settings.ui_session_hours * 3600.0)
        return self._cookies


@dataclass(frozen=True, slots=True)
class _BoundUiState:
    cookies: SessionCookies


def ui_state(request: Request) -> _BoundUiState:
    """The UI's state with its cookies, signed with the secret of this app's runtime."""
    state: UiState = request.app.state.ui
    return _BoundUiState(state.cookies_for(request.app.state.runtime.secrets))


@dataclass(frozen=True, slots=True)
class Reviewer:
    """The signed-in person, known by their key (its name is what the UI shows)."""

    key_id: str
    name: str
    csrf: str


class LoginRequiredError(Exception):
    def __init__(self, next_path: str, ended: bool = False, notice: str | None = None) -> None:
        super().__init__(next_path)
        self.next_path = next_path
        self.ended = ended  # the session was valid but its key is revoked: drop the cookie
        self.notice = notice  # what the login page says was not done (a key of LOGIN_NOTICES)


class CsrfError(Exception):
    pass


MAX_NEXT_LENGTH = 2000
# Why the login page is shown, by the name a redirect to it gives (``?notice=``): fixed texts, never the query's.
LOGIN_NOTICES = {
    "review": "Your session ended; the review was not recorded. Sign in to review again.",
    "check": "Your session ended; the statement was not checked. Sign in to check it again.",
}


def safe_next(value: str | None) -> str:
    """Where to go after signing in: only a page of this UI (never another site, never the login itself). The path
    is read as the browser will resolve it (percent-decoded, dot segments removed): ``/ui/../v1/flags`` is
    ``/v1/flags``, not a page of this UI."""
    if not value or len(value) > MAX_NEXT_LENGTH or not storable(value):
        return HOME_PATH
    path, mark, query = value.partition("?")
    decoded = unquote(path)
    if not decoded.startswith("/") or "\\" in decoded or any(ord(c) < 32 or c == "\x7f" for c in decoded):
        return HOME_PATH
    normal = posixpath.normpath(decoded)
    if normal.startswith("//") or not normal.startswith(UI_PREFIX + "/"):
        return HOME_PATH
    if normal in (LOGIN_PATH, UI_PREFIX + "/logout"):
        return HOME_PATH
    return quote(normal) + mark + query


def login_url(next_path: str | None = None, notice: str | None = None) -> str:
    """The login page, and where to go after it (only pages of this UI: ``safe_next``)."""
    query: dict[str, str] = {}
    if next_path is not None:
        query["next"] = safe_next(next_path)
    if notice in LOGIN_NOTICES:
        query["notice"] = notice
    return f"{LOGIN_PATH}?{urlencode(query)}" if query else LOGIN_PATH


def _after_sign_in(request: Request) -> tuple[str, str | None]:
    """Where a request without a session resumes after signing in, and what the login page says was not done: a
    page, itself; a form's post (its session ended in another tab), the page the form was on."""
    if request.method in ("GET", "HEAD"):
        return request.url.path + (f"?{request.url.query}" if request.url.query else ""), None
    path = request.url.path
    if path.startswith(HOME_PATH + "/") and path.endswith("/review"):
        return path.removesuffix("/review"), "review"
    if path == UI_PREFIX + "/check":
        return path, "check"
    return HOME_PATH, None


def current_reviewer(request: Request, runtime: RuntimeDep) -> Reviewer:
    """The session's reviewer, or a redirect to the login page. The key is read on every request (a short read
    of its own), so revoking it, or taking its review scope away, ends every session made with it."""
    next_path, notice = _after_sign_in(request)
    session = ui_state(request).cookies.read(request)
    if session is None or session.key_id is None:
        raise LoginRequiredError(next_path, notice=notice)
    with runtime.db.read() as db_session:
        key = ApiKeyRepository(db_session).get(session.key_id)
    if key is None or key.revoked_at is not None or not has_scope(key, REQUIRED_SCOPE):
        raise LoginRequiredError(next_path, ended=True, notice=notice)
    runtime.key_usage.touch(key)
    return Reviewer(key.id, key.name, session.csrf)


ReviewerDep = Annotated[Reviewer, Depends(current_reviewer)]


def csrf_accepted(reviewer: Reviewer, csrf_token: str) -> bool:
    """Whether a form carries the reviewer's session's CSRF token (a page loaded before signing out and in again,
    in this tab or another, carries the old one)."""
    return UiSession(reviewer.csrf, reviewer.key_id).accepts(csrf_token)


def csrf_checked(reviewer: ReviewerDep, csrf_token: Annotated[str, Form(alias=CSRF_FIELD)] = "") -> Reviewer:
    """The reviewer of a POST whose form carries the session's CSRF token; anything else is refused (403)."""
    if not csrf_accepted(reviewer, csrf_token):
        raise CsrfError
    return reviewer


CsrfTokenField = Annotated[str, Form(alias=CSRF_FIELD)]


PostingReviewerDep = Annotated[Reviewer, Depends(csrf_checked)]


def page(
    template: str,
    *,
    reviewer: Reviewer | None,
    status: int = 200,
    headers: dict[str, str] | None = None,
    **context: Any,
) -> HTMLResponse:
    context.setdefault("csrf", reviewer.csrf if reviewer is not None else "")
    html = render(template, reviewer=reviewer, csrf_field=CSRF_FIELD, **context)
    return HTMLResponse(html, status_code=status, headers=headers)


def redirect(url: str) -> RedirectResponse:
    """303 See Other: after a POST the browser GETs the target (post/redirect/get)."""
    return RedirectResponse(url, status_code=303)


def error_page(status: int, title: str, detail: str, headers: dict[str, str] | None = None) -> HTMLResponse:
    return page("error.html", reviewer=None, status=status, headers=headers, title=title, detail=detail)


class UiRoute(APIRoute):
    """An API route whose failures are pages (or the login redirect), not problem+json. A page answers HEAD as it
    answers GET (without the body): uptime probes ask with HEAD."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        methods = kwargs.get("methods")
        if methods is not None and "GET" in {m.upper() for m in methods}:
            kwargs["methods"] = {*methods, "HEAD"}
        super().__init__(path, endpoint, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def as_page(request: Request) -> Response:
            try:
                return await handler(request)
            except LoginRequiredError as exc:
                response: Response = redirect(login_url(exc.next_path, exc.notice))
                if exc.ended:
                    ui_state(request).cookies.clear(request, response)
                return response
            except CsrfError:
                return error_page(
                    403,
                    "This form has expired",
                    "The form was not sent from this page or its session has changed. Go back, reload the page "
                    "and try again.",
                )
            except RequestValidationError as exc:
                fields = ", ".join(".".join(str(p) for p in e.get("loc", ())) for e in exc.errors()[:5])
                return error_page(422, "That request is not valid", f"Check these fields: {fields}.")
            except ServiceUnavailableError as exc:
                return error_page(
                    exc.status, "Not ready yet", exc.detail, headers={"Retry-After": str(exc.retry_after)}
                )
            except ServiceError as exc:
                titles = {404: "Not found", 403: "Not allowed", 409: "Conflict", 422: "That request is not valid"}
                return error_page(exc.status, titles.get(exc.status, "Something is wrong"), exc.detail)
            except OperationalError:
                log.warning("database unavailable on %s %s", request.method, request.url.path, exc_info=True)
                return error_page(
                    503, "The database is busy", "Nothing was changed. Try again in a moment.", {"Retry-After": "1"}
                )

        return as_page
