"""Repairing a speaker split across two sources ("World Health Organisation" and "WHO"; "DoD" recorded before it
was made an alias of "Pentagon"): one source takes the other's claims, names and flags, and the other is deleted.

Until then each source's claims are another speaker's to the judge, so a speaker contradicting themself across
the split is a plain ``contradiction`` and adding the other name as an alias is refused (it names a source). The
merge is the same repair migration 0004 made for look-alike spellings, done on request in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from db.models import Source
from db.repositories.claims import ClaimRepository
from db.repositories.flags import FlagRepository
from db.repositories.sources import SourceRepository
from db.types import utcnow
from service.errors import NotFoundError, UnprocessableError
from service.services.flags import FlagService
from service.services.speakers import folded, written_forms


@dataclass(frozen=True, slots=True)
class MergeCounts:
    claims_moved: int
    aliases_moved: int
    statement_flags_moved: int
    flags_to_self_contradiction: int
    flags_removed: int


def merge_sources(session: Session, keep_id: str, other_id: str) -> tuple[Source, MergeCounts]:
    """Merge source ``other_id`` into ``keep_id`` within the caller's transaction; 422 for a source merged into
    itself, 404 when either is unknown."""
    if keep_id == other_id:
        raise UnprocessableError(
            "a source cannot be merged into itself",
            errors=[{"loc": ["body", "source_id"], "msg": "the source being merged into"}],
        )
    sources = SourceRepository(session)
    locked = sources.lock([keep_id, other_id])
    for source_id in (keep_id, other_id):
        if source_id not in locked:
            raise NotFoundError(f"no source with id {source_id}")
    keep, other = locked[keep_id], locked[other_id]

    # References first (claims, checked statements), so deleting the other source cascades to nothing of value.
    claims = ClaimRepository(session)
    moved_ids = claims.ids_said_by(other.id)
    claims_moved = claims.move_speaker(other.id, keep.id)
    statements_moved = FlagRepository(session).move_statement_speaker(other.id, keep.id)
    aliases_moved = _move_aliases(keep, other)
    _absorb(keep, other)
    other_name, other_key = other.name, other.name_key
    sources.delete(other)
    if _keep_name(keep, other_name, other_key, sources):
        aliases_moved += 1
    flags = FlagService(session)
    converted, removed = flags.mark_same_speaker(keep.id)
    removed += flags.fold_copies(moved_ids)  # claims that are now copies of one statement: its flags, not theirs
    session.refresh(keep, attribute_names=["aliases"])  # in the order GET /v1/sources/{id} lists them
    return keep, MergeCounts(claims_moved, aliases_moved, statements_moved, converted, removed)


def _move_aliases(keep: Source, other: Source) -> int:
    """The other source's aliases, as written, become ``keep``'s; a form ``keep`` already lists is dropped (its key,
    if any, is ``keep``'s already). Keys stay unique: an alias key is unique across all sources."""
    listed = written_forms(keep)
    moved = 0
    for alias in list(other.aliases):
        if alias.alias_key == keep.name_key:  # only in data older than the alias checks: a written form then
            alias.alias_key = None
        if folded(alias.alias) in listed:
            continue  # deleted with the other source
        alias.source = keep
        listed.add(folded(alias.alias))
        moved += 1
    return moved


def _keep_name(keep: Source, name: str, key: str, sources: SourceRepository) -> bool:
    """The deleted source's name becomes an alias of ``keep`` as written, so claims sent with it keep resolving;
    whether one was added (not when ``keep`` already lists that form)."""
    if folded(name) in written_forms(keep):
        return False
    taken = {keep.name_key, *(a.alias_key for a in keep.aliases if a.alias_key)}
    sources.add_alias(keep, name, None if key in taken else key)
    return True


def _absorb(keep: Source, other: Source) -> None:
    """``keep`` takes a kind or role it lacks from the other source and records the merge in its metadata:
    ``merged_from`` lists merged ids (as migration 0004 records look-alike merges), ``merges`` each one's id, name
    and time; the other's own earlier merges come along."""
    if keep.kind == "unknown" and other.kind != "unknown":
        keep.kind = other.kind
    keep.role = keep.role or other.role
    mine: dict[str, Any] = dict(keep.metadata_ or {})
    theirs: dict[str, Any] = other.metadata_ or {}
    mine["merged_from"] = [*mine.get("merged_from", []), *theirs.get("merged_from", []), other.id]
    merged_at = utcnow().isoformat()
    mine["merges"] = [
        *mine.get("merges", []),
        *theirs.get("merges", []),
        {"id": other.id, "name": other.name, "merged_at": merged_at},
    ]
    keep.metadata_ = mine
