"""/v1/sources: speakers with their aliases, and their claims."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from db.repositories.claims import ClaimRepository
from db.repositories.sources import SourceRepository
from extraction import speaker_key
from service.api.deps import AdminKey, PagingDep, ReadKey, ReadSessionDep, RuntimeDep, WriteKey, valid_id
from service.api.idempotency import run_idempotent
from service.api.openapi import IDEMPOTENCY_CONFLICT, IDEMPOTENT, problems
from service.errors import ConflictError
from service.schemas import (
    AliasCreate,
    ClaimOut,
    Page,
    SourceCreate,
    SourceMerge,
    SourceMerged,
    SourceOut,
    SourceUpdate,
)
from service.serializers import claim_out, source_out
from service.services.flags import FlagService
from service.services.source_merge import merge_sources
from service.services.speakers import SpeakerService

router = APIRouter(prefix="/v1/sources", tags=["sources"])


def _name_keys(query: str) -> list[str]:
    """The speaker keys `?name=` looks for inside stored names' and aliases' keys, so "ødegård", "ØDEGÅRD" and a
    decomposed "ødegård" find "Zoë Ødegård" (SQLite's LIKE folds ASCII only). A key folds a non-ASCII letter by its
    place in its word (a word's first letter as a capital, the others as small letters), so the query is keyed as
    written and as the inside of a word ("валенко" and "ВАЛЕНКО" find "Коваленко")."""
    keys = [speaker_key(query)]
    inside = speaker_key("x" + query)  # an ASCII letter before it: the query's first letter is no word's first
    if inside.startswith("x"):
        keys.append(inside[1:].strip())
    return list(dict.fromkeys(key for key in keys if key))


@router.get("", response_model=Page[SourceOut])
def list_sources(
    session: ReadSessionDep,
    _key: ReadKey,
    paging: PagingDep,
    name: Annotated[
        str | None,
        Query(
            max_length=300,
            description="part of the name or of an alias, case-insensitive (`%` and `_` are literal); the source "
            'the name resolves to as a claim\'s speaker ("the Pentagon", "Col. Wayne Marotto") is listed too',
        ),
    ] = None,
) -> Page[SourceOut]:
    named = SpeakerService(session).find(name) if name else None
    rows = SourceRepository(session).page(
        paging.fetch, paging.after, name, named.id if named else None, _name_keys(name) if name else ()
    )
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
        # Held first: a client registering the same name at once waits for this commit and is 409, not 201.
        speakers.hold_names([body.name, *body.aliases])
        if speakers.find_committed(body.name) is not None:
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
    openapi_extra=IDEMPOTENT,
    responses=problems(
        {404: "no source with this id", 409: f"the alias already names another source, or {IDEMPOTENCY_CONFLICT}"}
    ),
)
def add_alias(source_id: str, body: AliasCreate, request: Request, runtime: RuntimeDep, key: WriteKey) -> JSONResponse:
    """Another name for the same speaker; claims made under it resolve to this source from now on. A form that
    already resolves to it (its name with titles: "Sen. Maria Alvarez") is kept as written and listed too."""
    source_id = valid_id(source_id, "source")

    def persist(session: Session) -> tuple[int, SourceOut]:
        speakers = SpeakerService(session)
        source = speakers.add_alias(speakers.get(source_id), body.alias)
        FlagService(session).mark_same_speaker(source.id)  # statements checked under the name are its own now
        return 200, source_out(source)

    return run_idempotent(request, runtime, key, body, persist)


@router.patch(
    "/{source_id}",
    response_model=SourceOut,
    responses=problems(
        {404: "no source with this id", 409: "the new name belongs to another source: merge the two instead"}
    ),
)
def update_source(source_id: str, body: SourceUpdate, runtime: RuntimeDep, _key: WriteKey) -> SourceOut:
    """Rename or reclassify a source (`name`, `kind`, `role`; what is left out stays). The old name stays an alias,
    as written, so claims sent with it keep resolving to this source. A name that already belongs to another
    source is 409: the speaker is split in two, and `POST /v1/sources/{id}/merge` joins them."""
    source_id = valid_id(source_id, "source")
    with runtime.db.write() as session:
        speakers = SpeakerService(session)
        # Locked, then read (PostgreSQL): a rename at once of the same source reads this one's result, not the old
        # name each would keep as an alias (a unique violation, 500, for the second).
        SourceRepository(session).lock([source_id], kept=True)
        source = speakers.get(source_id)
        if body.name is not None:
            speakers.rename(source, body.name)
            FlagService(session).mark_same_speaker(source.id)  # statements checked under the new name are its own
        if body.kind is not None:
            source.kind = body.kind
        if "role" in body.model_fields_set:
            source.role = body.role
        session.flush()
        session.refresh(source, attribute_names=["aliases"])  # listed in the order GET shows them
        return source_out(source)


@router.post(
    "/{source_id}/merge",
    response_model=SourceMerged,
    openapi_extra=IDEMPOTENT,
    responses=problems(
        {
            404: "no source with this id, or none with `source_id`",
            409: IDEMPOTENCY_CONFLICT,
            422: "`source_id` is this source itself, or the request is not valid",
        }
    ),
)
def merge_source(
    source_id: str, body: SourceMerge, request: Request, runtime: RuntimeDep, key: AdminKey
) -> JSONResponse:
    """Repair a speaker split across two sources ("World Health Organisation" and "WHO", or "DoD" recorded before
    it was an alias of "Pentagon", when adding the alias is 409): in one transaction the source `source_id` gives
    this one its claims, its aliases and its name (as aliases, written as they were, so claims sent with them
    resolve here), and its checked statements' flags; every `contradiction` flag (open or reviewed) whose two sides
    are now this speaker becomes a `self_contradiction` with `same_speaker` true (where the same pair was already
    flagged as one, the older flag stays with the reviews of both); a moved claim that is now a copy of one of this
    speaker's statements (the same words a day apart on another outlet) leaves the flags the job keeps for copies:
    none between them, one per pair of statements (the older, with the reviews of both, listing the copy); and the
    claims' `updated_at` is bumped so the next reconciliation re-checks them. Then the other source is deleted (404 from now on; its id is listed in
    this one's `metadata.merged_from`). The reply is this source as `GET /v1/sources/{id}` shows it, with counts.

    Scope `admin`: a merge deletes a source and re-attributes its claims, and there is no un-merge
    (`metadata.merges` says what was joined, by name and time), so the keys that record claims (a newsroom
    plugin's `write` key among them) cannot do it; an editor with an admin key, or `claimledger sources merge`,
    can."""
    keep_id = valid_id(source_id, "source")

    def persist(session: Session) -> tuple[int, SourceMerged]:
        keep, counts = merge_sources(session, keep_id, valid_id(body.source_id, "source"))
        return 200, SourceMerged(
            **source_out(keep).model_dump(),
            claims_moved=counts.claims_moved,
            aliases_moved=counts.aliases_moved,
            statement_flags_moved=counts.statement_flags_moved,
            flags_to_self_contradiction=counts.flags_to_self_contradiction,
            flags_removed=counts.flags_removed,
        )

    return run_idempotent(request, runtime, key, body, persist)


@router.get("/{source_id}/claims", response_model=Page[ClaimOut])
def list_source_claims(source_id: str, session: ReadSessionDep, _key: ReadKey, paging: PagingDep) -> Page[ClaimOut]:
    source = SpeakerService(session).get(valid_id(source_id, "source"))
    rows = ClaimRepository(session).page(paging.fetch, paging.after, speaker_id=source.id)
    return Page[ClaimOut](items=[claim_out(c) for c in rows[: paging.limit]], next_cursor=paging.next_cursor(rows))
