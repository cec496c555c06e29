"""/v1/flags: contradictions for human review."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from db.repositories.flags import FlagRepository
from service.api.deps import PagingDep, ReadKey, ReadSessionDep, ReviewKey, RuntimeDep, id_filter, valid_id
from service.api.idempotency import run_idempotent
from service.api.openapi import IDEMPOTENT
from service.schemas import FlagOut, FlagReviewCreate, Page
from service.serializers import flag_out
from service.services.flags import CONTRADICTION_KINDS, FlagService

router = APIRouter(prefix="/v1/flags", tags=["flags"])


@router.get("", response_model=Page[FlagOut])
def list_flags(
    session: ReadSessionDep,
    _key: ReadKey,
    paging: PagingDep,
    status: Literal["open", "confirmed", "dismissed"] | None = None,
    kind: Literal["contradiction", "self_contradiction", "near_duplicate"] | None = None,
    claim_id: str | None = None,
) -> Page[FlagOut]:
    """Contradictions (``contradiction``, ``self_contradiction``) unless ``kind`` names one kind: the nightly job's
    ``near_duplicate`` flags (a claim repeated, relation ``entails``) are listed only with ``kind=near_duplicate``.

    Oldest first (by ``created_at``, then ``id``), so paging with ``next_cursor`` never skips or repeats a flag
    while new ones are raised: they come on the last page. (The review UI's queue, ``/ui/flags``, is ordered
    differently: open flags first, newest first.)"""
    kinds = kind if kind is not None else CONTRADICTION_KINDS
    rows = FlagRepository(session).page(paging.fetch, paging.after, status, kinds, id_filter(claim_id, "claim_id"))
    return Page[FlagOut](items=[flag_out(f) for f in rows[: paging.limit]], next_cursor=paging.next_cursor(rows))


@router.get("/{flag_id}", response_model=FlagOut)
def get_flag(flag_id: str, session: ReadSessionDep, _key: ReadKey) -> FlagOut:
    return flag_out(FlagService(session).get(valid_id(flag_id, "flag")))


@router.post("/{flag_id}/review", response_model=FlagOut, openapi_extra=IDEMPOTENT)
def review_flag(
    flag_id: str, body: FlagReviewCreate, request: Request, runtime: RuntimeDep, key: ReviewKey
) -> JSONResponse:
    """Confirm or dismiss a flag; every review is kept, the latest sets the status. A review creates a record in
    the flag's history, so a retry with its `Idempotency-Key` replays the reply and adds no second review."""
    flag_id = valid_id(flag_id, "flag")

    def persist(session: Session) -> tuple[int, FlagOut]:
        return 200, flag_out(FlagService(session).review(flag_id, body.status, body.note, key.id))

    return run_idempotent(request, runtime, key, body, persist)
