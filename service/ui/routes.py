"""The review web UI's pages (contract: "The review web UI"). Server-rendered; every form works without JavaScript.

Routes are plain ``def``: FastAPI runs them on its thread pool, so database reads and the check's model work
never block the event loop. Reads use one short read session; a review is one ``runtime.db.write()`` through
``FlagService.review``, as ``POST /v1/flags/{id}/review`` does; a check is ``CheckService.check``, as
``POST /v1/check`` is (encoding and judging with no transaction open, flags raised in one short write).
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import Claim, Flag, FlagReview, Source
from db.pagination import CursorSigner, InvalidCursorError
from db.repositories.claims import ClaimRepository
from db.repositories.documents import DocumentRepository
from db.repositories.flags import FlagRepository, QueuePosition
from db.repositories.keys import ApiKeyRepository
from db.repositories.runs import RunRepository
from db.repositories.sources import SourceRepository
from db.types import stored_id
from extraction import speaker_key
from reconcile.report import report_context
from service.api.deps import ReadSessionDep, RuntimeDep, get_rate_limits, valid_id
from service.api.idempotency import IdempotencyGuard, write_once
from service.errors import (
    ConflictError,
    NotFoundError,
    TooManyRequestsError,
    UnauthorizedError,
    UnprocessableError,
)
from service.runtime import Runtime
from service.schemas import CheckRequest, FlagOut, FlagReviewCreate
from service.serializers import claim_out, flag_out
from service.services.checking import CheckService
from service.services.flags import CONTRADICTION, NEAR_DUPLICATE, SELF_CONTRADICTION, FlagService
from service.services.keys import KeyService, has_scope
from service.services.speakers import SpeakerService
from service.ui.forms import FieldError, field_errors, field_refusals, form_fields, shown, storable
from service.ui.highlight import Span, pieces, usable
from service.ui.pages import (
    HOME_PATH,
    LOGIN_NOTICES,
    REQUIRED_SCOPE,
    CsrfTokenField,
    PostingReviewerDep,
    Reviewer,
    ReviewerDep,
    UiRoute,
    csrf_accepted,
    login_url,
    page,
    redirect,
    safe_next,
    ui_state,
)
from service.ui.ratings import ratings_for
from service.ui.session import UiSession

router = APIRouter(prefix="/ui", route_class=UiRoute, include_in_schema=False)

PAGE_SIZE = 25
FLAG_STATUSES = ("open", "confirmed", "dismissed")
FLAG_KINDS = (CONTRADICTION, SELF_CONTRADICTION, NEAR_DUPLICATE)
SPEAKER_SUGGESTIONS = 10  # speakers offered when the queue's speaker filter names none exactly
SPEAKER_COLOURS = 8  # highlight colours in ui.css (.c0 … .c7), given to an article's speakers in turn


# -- sign in and out ------------------------------------------------------------------------------------------


@router.get("")
@router.get("/")
def home() -> RedirectResponse:
    return redirect(HOME_PATH)


def _login_page(
    request: Request,
    session: UiSession | None,
    next_path: str,
    error: str | None,
    status: int,
    notice: str | None = None,
    keep: bool = False,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """The login form, with a fresh anonymous session (and CSRF token) when there is none to use; ``keep``: the
    browser's session stays as it is, even a signed-in one (a refused sign-in must not sign anyone out)."""
    fresh = session if session is not None and (keep or session.key_id is None) else UiSession.anonymous()
    response = page(
        "login.html",
        reviewer=None,
        status=status,
        headers=headers,
        csrf=fresh.csrf,
        next=next_path,
        error=error,
        notice=notice,
    )
    if fresh is not session:
        ui_state(request).cookies.write(request, response, fresh)
    return response


FORM_EXPIRED = "This sign-in form had expired. Please enter your key again."
WRONG_KEY = "That key is not valid."
TOO_MANY_WRONG_KEYS = "Too many keys that are not valid were tried from here. Try again in {seconds} s."
MAX_KEY_LENGTH = 500  # far longer than any key ``claimledger keys create`` makes


def _wrong_key(request: Request, session: UiSession | None, next_path: str) -> HTMLResponse:
    """A key that is not valid: 401, counted against the client's address as a wrong key sent to ``/v1`` is
    (``CLAIMLEDGER_AUTH_FAILURE_LIMIT``), so the sign-in form is no way around that limit; past it, 429 with
    Retry-After. A valid key from the same address still signs in."""
    try:
        get_rate_limits(request).hit_auth_failure(request.client.host if request.client else "unknown")
    except TooManyRequestsError as exc:
        wait = str(exc.retry_after)
        message = TOO_MANY_WRONG_KEYS.format(seconds=wait)
        return _login_page(request, session, next_path, message, status=429, headers={"Retry-After": wait})
    return _login_page(request, session, next_path, WRONG_KEY, status=401)


def _refused_login(request: Request, session: UiSession | None, next_path: str) -> HTMLResponse:
    """A sign-in refused as cross-site or expired (403): the form again, under the session the browser already
    has, whose cookie is left as it was. Replacing it would let any site sign a reviewer out with one
    auto-submitted form."""
    return _login_page(request, session, next_path, FORM_EXPIRED, status=403, keep=True)


def not_cross_site(request: Request) -> bool:
    """Whether a request comes from this site's own page or from no page (a script, a command-line client):
    browsers name a form's origin on every POST (``Origin``, and ``Sec-Fetch-Site`` where supported)."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site not in ("same-origin", "none"):
        return False
    origin = request.headers.get("origin")
    if origin is None:
        return True
    return urlsplit(origin).netloc == request.headers.get("host", "")


@router.get("/login")
def login_form(request: Request, runtime: RuntimeDep, next: str | None = None, notice: str = "") -> Response:
    """The login form; ``notice`` names a fixed text saying why it is shown (a review lost to an ended session)."""
    target = safe_next(next)
    session = ui_state(request).cookies.read(request)
    if session is not None and session.key_id is not None:
        with runtime.db.read() as db:
            key = ApiKeyRepository(db).get(session.key_id)
        if key is not None and key.revoked_at is None and has_scope(key, REQUIRED_SCOPE):
            return redirect(target)  # already signed in
        session = None
    return _login_page(request, session, target, None, 200, notice=LOGIN_NOTICES.get(notice))


@router.post("/login")
def login(
    request: Request,
    runtime: RuntimeDep,
    key: Annotated[str, Form()] = "",
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = HOME_PATH,
) -> Response:
    """A key with the review scope (or admin) starts a session; anything else shows the form again with an error
    and status 401 (a key too long to be one, or holding NUL, is just not valid: never looked up). The form's CSRF
    token, when sent, must be its session's; a post without one (a client that knows only the contract's ``key``
    field) is taken only from this site or from no browser page at all (no cross-site ``Origin`` or
    ``Sec-Fetch-Site``), so another site cannot sign a browser in. Refusals are 403 and keep the cookie."""
    cookies = ui_state(request).cookies
    session = cookies.read(request)
    target = safe_next(next)
    token_ok = session is not None and session.accepts(csrf_token)
    if not token_ok and (csrf_token or not not_cross_site(request)):
        return _refused_login(request, session, target)
    key = key.strip()
    if not key:  # no key at all is no guess (as a request without one to /v1): never counted
        return _login_page(request, session, target, WRONG_KEY, status=401)
    if len(key) > MAX_KEY_LENGTH or not storable(key):
        return _wrong_key(request, session, target)
    try:
        with runtime.db.read() as db:
            api_key = KeyService(db).authenticate(key)
    except UnauthorizedError:
        return _wrong_key(request, session, target)
    if not has_scope(api_key, REQUIRED_SCOPE):
        return _login_page(
            request, session, target, "That key cannot review flags: it needs the review scope.", status=401
        )
    runtime.key_usage.touch(api_key)
    response = redirect(target)
    cookies.write(request, response, UiSession.signed_in(api_key.id))  # a fresh CSRF token with the session
    return response


@router.post("/logout")
def logout(request: Request, _reviewer: PostingReviewerDep) -> RedirectResponse:
    response = redirect(login_url())
    ui_state(request).cookies.clear(request, response)
    return response


# -- the flag queue and a flag ----------------------------------------------------------------------------------


BAD_PAGE_LINK = "that page link is not one this service made"


def _page_after(signer: CursorSigner, cursor: str | None) -> tuple[datetime, str] | None:
    """Where a page link starts: the signed cursor's (instant, key); a link the service did not make is a 422."""
    if not cursor:
        return None
    try:
        return signer.decode(cursor)
    except InvalidCursorError:
        raise UnprocessableError(BAD_PAGE_LINK) from None


def _queue_position(signer: CursorSigner, cursor: str | None) -> QueuePosition | None:
    """The queue's cursor is the pagination kit's (instant, key) with the key "rank:id" (rank 0: open)."""
    after = _page_after(signer, cursor)
    if after is None:
        return None
    created_at, key = after
    rank, _, flag_id = key.partition(":")
    if not rank.isdigit() or not flag_id:
        raise UnprocessableError(BAD_PAGE_LINK)
    return int(rank), created_at, flag_id


def _queue_cursor(signer: CursorSigner, flag: Flag) -> str:
    return signer.encode(flag.created_at, f"{0 if flag.status == 'open' else 1}:{flag.id}")


def _find_speaker(session: Session, value: str) -> Source | None:
    """A speaker named by id (links) or by name or alias (the filter box)."""
    source_id = stored_id(value)
    by_id = SourceRepository(session).get(source_id) if source_id is not None else None
    return by_id or SpeakerService(session).find(value)


def _claim_ids(flags: list[FlagOut]) -> list[str]:
    return [c.id for f in flags for c in (f.claim, f.other_claim) if c.id is not None]


def _speakers_named_like(session: Session, text: str) -> list[Source]:
    """The speakers whose name or an alias holds ``text``: what the queue's speaker filter offers as a name is
    typed, and after it named no one."""
    return SourceRepository(session).page(SPEAKER_SUGGESTIONS, None, text)


@router.get("/speaker-suggestions")
def speaker_suggestions(
    _reviewer: ReviewerDep, session: ReadSessionDep, q: Annotated[str, Query(max_length=300)] = ""
) -> JSONResponse:
    """The speakers the queue's speaker filter suggests while a name is typed, as data (ui.js draws them as the
    options of a listbox, text only): a page of HTML would be swapped in where a screen reader is not told of it."""
    text = q.strip()
    speakers = _speakers_named_like(session, text) if text else []
    return JSONResponse(
        {"speakers": [{"id": s.id, "name": s.name, "aliases": [a.alias for a in s.aliases]} for s in speakers]}
    )


@router.get("/flags")
def flag_queue(
    reviewer: ReviewerDep,
    session: ReadSessionDep,
    runtime: RuntimeDep,
    status: Annotated[str, Query(max_length=20)] = "any",
    kind: Annotated[str, Query(max_length=40)] = "",
    speaker: Annotated[str, Query(max_length=300)] = "",
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """Open flags first, newest first; filtered by status, kind and speaker (a name, alias or source id)."""
    if status not in (*FLAG_STATUSES, "any"):
        raise UnprocessableError(f"status must be one of any, {', '.join(FLAG_STATUSES)}")
    if kind and kind not in FLAG_KINDS:
        raise UnprocessableError(f"kind must be one of {', '.join(FLAG_KINDS)}")
    speaker = speaker.strip()
    source = _find_speaker(session, speaker) if speaker else None
    # A name no source has may still be one a statement was checked under (its flag shows the name): those flags.
    unsourced_key = (speaker_key(speaker) or None) if speaker and source is None else None
    rows: list[Flag] = []
    if not speaker or source is not None or unsourced_key is not None:
        rows = FlagRepository(session).review_queue(
            PAGE_SIZE + 1,
            _queue_position(runtime.cursors, cursor),
            status=None if status == "any" else status,
            kind=kind or None,
            speaker_id=source.id if source else None,
            statement_speaker_key=unsourced_key,
        )
    flags = [flag_out(f) for f in rows[:PAGE_SIZE]]
    filters = {"status": status, "kind": kind, "speaker": speaker}
    # A name that is no speaker's ("Marotto", "Pentag"): the speakers whose name or alias holds it, to pick from.
    suggestions = _speakers_named_like(session, speaker) if speaker and not source else []
    first_url = "/ui/flags?" + urlencode(filters)
    next_url = None
    if len(rows) > PAGE_SIZE:
        next_url = "/ui/flags?" + urlencode({**filters, "cursor": _queue_cursor(runtime.cursors, rows[PAGE_SIZE - 1])})
    return page(
        "flags.html",
        reviewer=reviewer,
        flags=flags,
        filters=filters,
        statuses=FLAG_STATUSES,
        kinds=FLAG_KINDS,
        source=source,
        unknown_speaker=bool(speaker) and source is None and not rows,
        unsourced_speaker=speaker if source is None and rows else None,
        suggestions=[(s, "/ui/flags?" + urlencode({**filters, "speaker": s.id})) for s in suggestions],
        next_url=next_url,
        first_url=first_url,
        first_page=cursor is None,
        ratings=ratings_for(session, _claim_ids(flags)),
    )


@router.get("/flags/{flag_id}")
def flag_page(
    flag_id: str,
    reviewer: ReviewerDep,
    session: ReadSessionDep,
    reviewed: Annotated[str | None, Query(max_length=20)] = None,
) -> HTMLResponse:
    """Both sides of a flag, its judgement, the review form (Confirm / Dismiss with a note) and its history.
    ``reviewed`` (where a review's post redirects) says "Review recorded" only while the latest review is this
    reviewer's with that decision: reloaded after another review, or typed into the address, it would claim a
    decision the flag does not have."""
    flag = FlagService(session).get(valid_id(flag_id, "flag"))
    latest = flag.reviews[-1] if flag.reviews else None
    recorded = latest is not None and latest.status == reviewed and latest.reviewer_key_id == reviewer.key_id
    return _flag_response(session, reviewer, flag, reviewed=reviewed if recorded else None)


def _flag_response(
    session: Session,
    reviewer: Reviewer,
    flag: Flag,
    *,
    reviewed: str | None = None,
    error: str | None = None,
    note: str = "",
    note_refused: bool = False,
    status: int = 200,
) -> HTMLResponse:
    """The flag's page; with ``error``, a review refused, said where the focus lands (``note_refused``: the note is
    what was wrong, and is marked so)."""
    shown = flag_out(flag)
    names = ApiKeyRepository(session).names([r.reviewer_key_id for r in flag.reviews if r.reviewer_key_id])
    history = [
        {
            "status": r.status,
            "note": r.note,
            "at": r.created_at,
            "by": names.get(r.reviewer_key_id or "", "a deleted key" if r.reviewer_key_id is None else "?"),
        }
        for r in reversed(flag.reviews)
    ]
    following = [
        f for f in FlagRepository(session).review_queue(2, status="open") if f.id != flag.id
    ]  # the next flag to review: the newest open one other than this
    return page(
        "flag.html",
        reviewer=reviewer,
        status=status,
        form_id=secrets.token_urlsafe(16),  # this rendering of the review form: sent twice, it records once
        reviews_seen=len(flag.reviews),  # the history this form was shown with: one grown since is a stale form
        flag=shown,
        history=history,
        reviewed=reviewed,
        error=error,
        note=note,
        note_refused=note_refused,
        next_open=following[0].id if following else None,
        ratings=ratings_for(session, _claim_ids([shown])),
    )


MAX_FORM_ID_LENGTH = 64
FORM_SENT_TWICE = (
    "This form was already sent with another decision or note, which is recorded (see the history below). "
    "To change it, review the flag again here."
)
SESSION_CHANGED = (
    "Your session changed after this page was loaded (signed out, or signed in again, in this tab or another). "
    "Nothing was recorded; your note is kept below. Check who is signed in, then press Confirm or Dismiss again."
)


class ReviewedMeanwhileError(Exception):
    """The flag's history grew after the form was shown (another tab, another reviewer): its decision is not
    recorded over one its sender never saw."""


def _reviewed_meanwhile(session: Session, flag: Flag, decision: str) -> str:
    """What the person whose form went stale is told: the latest decision they did not see, and that theirs is
    not recorded until they send it again."""
    latest = flag.reviews[-1]
    names = ApiKeyRepository(session).names([latest.reviewer_key_id] if latest.reviewer_key_id else [])
    by = names.get(latest.reviewer_key_id or "", "a deleted key")
    return (
        f"This flag was reviewed while this page was open: {latest.status} by {by} at "
        f"{latest.created_at:%Y-%m-%d %H:%M} UTC (see the history below). Your decision ({decision}) was not "
        "recorded; your note is kept below. To record it anyway, press Confirm or Dismiss again."
    )


def _seen_count(value: str) -> int | None:
    """The form's ``reviews_seen``; None when absent or not a count (a client posting only the contract's fields
    reviews as the API does, whatever the history)."""
    value = value.strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


def _once_per_form(
    runtime: Runtime, reviewer: Reviewer, path: str, form_id: str, body: FlagReviewCreate
) -> IdempotencyGuard:
    """The review form's ``form_id`` as the review's Idempotency-Key, as an API client sends one with a retry: a
    form sent twice (a double click, a resubmitted post) records one review. Without one (a client posting only
    the contract's fields) every post is a review, as every API call without the header is."""
    return IdempotencyGuard.for_key(form_id or None, runtime, reviewer.key_id, f"POST {path}", body)


@router.post("/flags/{flag_id}/review")
def review_flag(
    request: Request,
    flag_id: str,
    runtime: RuntimeDep,
    reviewer: ReviewerDep,
    csrf_token: CsrfTokenField = "",
    status: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
    form_id: Annotated[str, Form(max_length=MAX_FORM_ID_LENGTH)] = "",
    reviews_seen: Annotated[str, Form(max_length=20)] = "",
) -> Response:
    """Record the review exactly as ``POST /v1/flags/{id}/review`` does, then back to the flag (303). The note is
    read as the API would get it (``forms``): LF line breaks, no NUL; a refused one is the form again (422). The
    same form sent again records nothing more (``_once_per_form``); sent again with another decision or note, it is the
    form again (409) saying which decision was kept. A form shown before the flag was reviewed elsewhere (another
    tab, another reviewer: its ``reviews_seen`` is behind) records nothing and is the form again (409) naming that
    review, so no decision is silently recorded over one its sender never saw. A form of an earlier session (403)
    is the flag's page again with the note kept, not an error page that loses it."""
    flag_id = valid_id(flag_id, "flag")
    if not csrf_accepted(reviewer, csrf_token):
        with runtime.db.read() as session:
            flag = FlagService(session).get(flag_id)
            return _flag_response(session, reviewer, flag, error=SESSION_CHANGED, note=shown(note), status=403)
    try:
        fields = form_fields(status=status, note=note)
        body = FlagReviewCreate.model_validate({"status": fields["status"], "note": fields["note"] or None})
    except ValidationError as exc:
        with runtime.db.read() as session:
            flag = FlagService(session).get(flag_id)
            errors = field_errors(exc)
            error = "; ".join(e.line for e in errors)
            note_refused = any(e.field == "note" for e in errors)
            return _flag_response(
                session, reviewer, flag, error=error, note=shown(note), note_refused=note_refused, status=422
            )
    guard = _once_per_form(runtime, reviewer, request.url.path, form_id.strip(), body)
    seen = _seen_count(reviews_seen)

    def persist(session: Session) -> tuple[int, FlagOut]:
        if seen is not None:
            # The flag's row is locked first (PostgreSQL; SQLite's write transaction holds the database), so two
            # tabs sending at once are counted one after the other.
            session.execute(select(Flag.id).where(Flag.id == flag_id).with_for_update())
            count = session.scalar(select(func.count()).select_from(FlagReview).where(FlagReview.flag_id == flag_id))
            if count is not None and count > seen:
                raise ReviewedMeanwhileError
        return 200, flag_out(FlagService(session).review(flag_id, body.status, body.note, reviewer.key_id))

    try:
        write_once(runtime.db, guard, persist)
    except ConflictError:
        with runtime.db.read() as session:
            flag = FlagService(session).get(flag_id)
            return _flag_response(session, reviewer, flag, error=FORM_SENT_TWICE, note=shown(note), status=409)
    except ReviewedMeanwhileError:
        with runtime.db.read() as session:
            flag = FlagService(session).get(flag_id)
            error = _reviewed_meanwhile(session, flag, body.status)
            return _flag_response(session, reviewer, flag, error=error, note=shown(note), status=409)
    return redirect(f"/ui/flags/{flag_id}?{urlencode({'reviewed': body.status})}")


# -- a speaker ----------------------------------------------------------------------------------------------------


def _flags_by_claim(flags: list[Flag], claim_ids: set[str]) -> dict[str, list[FlagOut]]:
    by_claim: dict[str, list[FlagOut]] = {}
    for flag in flags:
        shown = flag_out(flag)
        for side in (flag.claim_id, flag.other_claim_id):
            if side is not None and side in claim_ids:
                by_claim.setdefault(side, []).append(shown)
    return by_claim


def _claim_when(claim: Claim) -> datetime:
    return claim.said_at or claim.created_at


@router.get("/sources/{source_id}")
def source_page(
    source_id: str,
    reviewer: ReviewerDep,
    session: ReadSessionDep,
    runtime: RuntimeDep,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    """A speaker's claims over time (latest said first), each with its flags."""
    source = SpeakerService(session).get(valid_id(source_id, "source"))
    after = _page_after(runtime.cursors, cursor)
    rows = ClaimRepository(session).timeline(source.id, PAGE_SIZE + 1, after)
    claims = rows[:PAGE_SIZE]
    ids = [c.id for c in claims]
    flags = _flags_by_claim(FlagRepository(session).for_claims(ids), set(ids))
    next_url = None
    if len(rows) > PAGE_SIZE:
        last = claims[-1]
        next_url = f"/ui/sources/{source.id}?" + urlencode(
            {"cursor": runtime.cursors.encode(_claim_when(last), last.id)}
        )
    return page(
        "source.html",
        reviewer=reviewer,
        source=source,
        claims=[claim_out(c) for c in claims],
        flags=flags,
        claim_count=ClaimRepository(session).count_for_speaker(source.id),
        flag_counts=FlagRepository(session).count_for_speaker(source.id),
        next_url=next_url,
        first_page=cursor is None,
        ratings=ratings_for(session, ids),
    )


# -- an article ---------------------------------------------------------------------------------------------------


@router.get("/documents/{document_id}")
def document_page(document_id: str, reviewer: ReviewerDep, session: ReadSessionDep) -> HTMLResponse:
    """The article's text with each attributed claim's span highlighted, labelled with its speaker and cue."""
    document = DocumentRepository(session).get(valid_id(document_id, "document"))
    if document is None:
        raise NotFoundError(f"no document with id {document_id}")
    claims = ClaimRepository(session).for_document(document.id)
    colours: dict[str, int] = {}
    for claim in claims:
        colours.setdefault(claim.speaker_id, len(colours) % SPEAKER_COLOURS)
    numbered = list(enumerate(claims, start=1))
    spans = [
        Span(c.span_start, c.span_end, n)
        for n, c in numbered
        if c.span_start is not None and c.span_end is not None and usable(c.span_start, c.span_end, len(document.text))
    ]
    ids = [c.id for c in claims]
    return page(
        "document.html",
        reviewer=reviewer,
        document=document,
        pieces=pieces(document.text, spans),
        claims={n: claim_out(c) for n, c in numbered},
        colour={n: colours[c.speaker_id] for n, c in numbered},
        spanned={s.number for s in spans},
        flags=_flags_by_claim(FlagRepository(session).for_claims(ids), set(ids)),
        ratings=ratings_for(session, ids),
    )


# -- checking a statement -----------------------------------------------------------------------------------------


@router.get("/check")
def check_form(reviewer: ReviewerDep) -> HTMLResponse:
    return page("check.html", reviewer=reviewer, form={}, result=None, errors=[], invalid={}, ratings={})


@router.post("/check")
def check_statement(
    runtime: RuntimeDep,
    reviewer: ReviewerDep,
    csrf_token: CsrfTokenField = "",
    text: Annotated[str, Form()] = "",
    speaker: Annotated[str, Form()] = "",
    said_at: Annotated[str, Form()] = "",
    stance: Annotated[str, Form()] = "asserts",
) -> HTMLResponse:
    """Check a statement as ``POST /v1/check`` does (contradictions raise open flags), and show the verdict. The
    fields are read as the API would get them (``forms``): LF line breaks, no NUL. A form of an earlier session
    (403) is the form again as it was filled, not an error page that loses the statement."""
    form = {"text": text, "speaker": speaker, "said_at": said_at, "stance": stance}
    if not csrf_accepted(reviewer, csrf_token):
        kept = {name: shown(value) for name, value in form.items()}
        return _refused_check(reviewer, kept, [FieldError(None, CHECK_SESSION_CHANGED)], status=403)
    try:
        fields = form_fields(**form)
        body = CheckRequest.model_validate(
            {
                "text": fields["text"],
                "speaker": fields["speaker"].strip() or None,
                "said_at": fields["said_at"].strip() or None,
                "stance": fields["stance"],
            }
        )
    except ValidationError as exc:
        return _refused_check(reviewer, {name: shown(value) for name, value in form.items()}, field_errors(exc))
    models = runtime.models  # 503 page while they load
    checker = CheckService(runtime.db, runtime.settings, models.encoder, models.judge)
    try:
        result = checker.check(body.text, body.speaker, body.said_at, body.top_k, body.stance)
    except UnprocessableError as exc:
        # A speaker the check refuses (a surname several people share): said on the form, the statement kept, as
        # a field the form's own validation refuses is; an error page in its place would drop what was typed.
        return _refused_check(reviewer, form, field_refusals(exc))
    with runtime.db.read() as session:
        ratings = ratings_for(session, [m.claim.id for m in result.matches if m.claim.id is not None])
    return page("check.html", reviewer=reviewer, form=form, result=result, errors=[], invalid={}, ratings=ratings)


CHECK_SESSION_CHANGED = (
    "Your session changed after this page was loaded (signed out, or signed in again, in this tab or another). "
    "Nothing was checked; the form is kept as you filled it. Press Check again."
)


def _refused_check(
    reviewer: Reviewer, form: dict[str, str], errors: list[FieldError], status: int = 422
) -> HTMLResponse:
    """The check form again, as the person filled it, with what was refused (422; 403 for an earlier session's):
    listed, and each field's beside it (``invalid``: field → what is wrong with it)."""
    invalid: dict[str, str] = {}
    for error in errors:
        if error.field is not None:
            invalid[error.field] = "; ".join(filter(None, (invalid.get(error.field), error.message)))
    return page(
        "check.html",
        reviewer=reviewer,
        status=status,
        form=form,
        result=None,
        errors=errors,
        invalid=invalid,
        ratings={},
    )


# -- reconciliation reports ---------------------------------------------------------------------------------------


@router.get("/reconciliations")
def reconciliations(
    reviewer: ReviewerDep,
    session: ReadSessionDep,
    runtime: RuntimeDep,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> HTMLResponse:
    after = _page_after(runtime.cursors, cursor)
    rows = RunRepository(session).page(PAGE_SIZE + 1, after)
    next_url = None
    if len(rows) > PAGE_SIZE:
        last = rows[PAGE_SIZE - 1]
        next_url = "/ui/reconciliations?" + urlencode({"cursor": runtime.cursors.encode(last.created_at, last.id)})
    return page("reconciliations.html", reviewer=reviewer, runs=rows[:PAGE_SIZE], next_url=next_url)


@router.get("/reconciliations/{run_id}")
def reconciliation_page(run_id: str, reviewer: ReviewerDep, session: ReadSessionDep) -> HTMLResponse:
    """A finished run's report (the same template as the nightly job's HTML file); a run still going, its state."""
    run = RunRepository(session).get(valid_id(run_id, "reconciliation run"))
    if run is None:
        raise NotFoundError(f"no reconciliation run with id {run_id}")
    report: dict[str, Any] | None = run.stats if run.stats and "counts" in run.stats else None
    return page(
        "reconciliation.html",
        reviewer=reviewer,
        run=run,
        **(report_context(report) if report is not None else {"report": None}),
    )
