"""/v1/flags: contradictions for human review."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from db.pagination import encode_cursor
from db.repositories.flags import FlagRepository
from service.api.deps import ReadKey, ReadSessionDep, ReviewKey, RuntimeDep, cursor_position, valid_id
from service.schemas import FlagOut, FlagReviewCreate, Page
from service.serializers import flag_out
from service.services.flags import FlagService

router = APIRouter(prefix="/v1/flags", tags=["flags"])


@router.get("", response_model=Page[FlagOut])
def list_flags(
    session: ReadSessionDep,
    _key: ReadKey,
    status: Literal["open", "confirmed", "dismissed"] | None = None,
    kind: Literal["contradiction", "self_contradiction", "near_duplicate"] | None = None,
    claim_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: str | None = None,
) -> Page[FlagOut]:
    rows = FlagRepository(session).page(limit + 1, cursor_position(cursor), status, kind, claim_id)  # type: ignore[arg-type]
    next_cursor = encode_cursor(rows[limit - 1].created_at, rows[limit - 1].id) if len(rows) > limit else None
    return Page[FlagOut](items=[flag_out(f) for f in rows[:limit]], next_cursor=next_cursor)


@router.get("/{flag_id}", response_model=FlagOut)
def get_flag(flag_id: str, session: ReadSessionDep, _key: ReadKey) -> FlagOut:
    return flag_out(FlagService(session).get(valid_id(flag_id, "flag")))


@router.post("/{flag_id}/review", response_model=FlagOut)
def review_flag(flag_id: str, body: FlagReviewCreate, runtime: RuntimeDep, key: ReviewKey) -> FlagOut:
    """Confirm or dismiss a flag; every review is kept, the latest sets the status."""
    with runtime.db.write() as session:
        flag = FlagService(session).review(valid_id(flag_id, "flag"), body.status, body.note, key.id)
        return flag_out(flag)
