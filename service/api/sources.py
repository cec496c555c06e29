"""/v1/sources: speakers with their aliases, and their claims."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from db.repositories.claims import ClaimRepository
from db.repositories.sources import SourceRepository
from service.api.deps import PagingDep, ReadKey, ReadSessionDep, RuntimeDep, WriteKey, valid_id
from service.api.idempotency import run_idempotent
from service.api.openapi import IDEMPOTENCY_CONFLICT, IDEMPOTENT, problems
from service.errors import ConflictError
from service.schemas import AliasCreate, ClaimOut, Page, SourceCreate, SourceOut
from service.serializers import claim_out, source_out
from service.services.speakers import SpeakerService

router = APIRouter(prefix="/v1/sources", tags=["sources"])


@router.get("", response_model=Page[SourceOut])
def list_sources(
    session: ReadSessionDep,
    _key: ReadKey,
    paging: PagingDep,
    name: Annotated[
        str | None,
        Query(
            max_length=300, description="part of the name or of an alias, case-insensitive (`%` and `_` are literal)"
        ),
    ] = None,
) -> Page[SourceOut]:
    rows = SourceRepository(session).page(paging.fetch, paging.after, name)
    return Page[SourceOut](items=[source_out(s) for s in rows[: paging.limit]], next_cursor=paging.next_cursor(rows))


@router.post(
    "",
    status_code=201,
    response_model=SourceOut,
    openapi_extra=IDEMPOTENT,
    responses=problems({409: f"a source with this name or alias exists, or {IDEMPOTENCY_CONFLICT}"}),
)
def create_source(body: SourceCreate, request: Request, runtime: RuntimeDep, key: WriteKey) -> JSONResponse:
    """Register a speaker ahead of its claims, with kind, role and aliases. An alias that already resolves to the
    name once titles are set aside ("Finance Minister Jonas Berg" for "Jonas Berg") is kept as written and listed."""

    def persist(session: Session) -> tuple[int, SourceOut]:
        speakers = SpeakerService(session)
        if speakers.find(body.name) is not None:
            raise ConflictError(f"a source named {body.name!r} (or with that alias) already exists")
        source = speakers.resolve(body.name, kind=body.kind, role=body.role)
        for alias in body.aliases:
            speakers.add_alias(source, alias)
        return 201, source_out(source)

    return run_idempotent(request, runtime, key, body, persist)


@router.get("/{source_id}", response_model=SourceOut)
def get_source(source_id: str, session: ReadSessionDep, _key: ReadKey) -> SourceOut:
    return source_out(SpeakerService(session).get(valid_id(source_id, "source")))


@router.post(
    "/{source_id}/aliases",
    response_model=SourceOut,
    responses=problems({404: "no source with this id", 409: "the alias already names another source"}),
)
def add_alias(source_id: str, body: AliasCreate, runtime: RuntimeDep, _key: WriteKey) -> SourceOut:
    """Another name for the same speaker; claims made under it resolve to this source from now on. A form that
    already resolves to it (its name with titles: "Sen. Maria Alvarez") is kept as written and listed too."""
    with runtime.db.write() as session:
        speakers = SpeakerService(session)
        source = speakers.add_alias(speakers.get(valid_id(source_id, "source")), body.alias)
        return source_out(source)


@router.get("/{source_id}/claims", response_model=Page[ClaimOut])
def list_source_claims(source_id: str, session: ReadSessionDep, _key: ReadKey, paging: PagingDep) -> Page[ClaimOut]:
    source = SpeakerService(session).get(valid_id(source_id, "source"))
    rows = ClaimRepository(session).page(paging.fetch, paging.after, speaker_id=source.id)
    return Page[ClaimOut](items=[claim_out(c) for c in rows[: paging.limit]], next_cursor=paging.next_cursor(rows))
