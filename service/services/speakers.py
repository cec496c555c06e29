"""Speakers as sources: a name or alias resolves to one source, a new name creates one (race-safe)."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from db.models import Source
from db.repositories.sources import SourceRepository
from extraction import leading_office, speaker_key, split_role_prefix
from service.errors import ConflictError, NotFoundError, UnprocessableError


class SpeakerService:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.sources = SourceRepository(session)
        # Sources found or made by this service, by name key: a bulk write names the same speakers again and
        # again, and each look-up is two queries (the source, its aliases). Lives as long as the session's work.
        self._by_key: dict[str, Source] = {}

    def forget(self) -> None:
        """Drop what was remembered: after a rolled-back savepoint, a source made inside it no longer exists."""
        self._by_key.clear()

    def _find_by_key(self, key: str) -> Source | None:
        found = self._by_key.get(key)
        if found is None:
            found = self.sources.find_by_key(key)
            if found is not None:
                self._by_key[key] = found
        return found

    def get(self, source_id: str) -> Source:
        source = self.sources.get(source_id)
        if source is None:
            raise NotFoundError(f"no source with id {source_id}")
        return source

    def find(self, name: str) -> Source | None:
        key = speaker_key(name)
        return self._find_by_key(key) if key else None

    def resolve(self, name: str, kind: str = "unknown", role: str | None = None) -> Source:
        """The source this name or alias stands for, created if new. A role or office written before the name
        ("Coalition Spokesman Col. Wayne Marotto", "Mayor Jane Quinn") is no part of the identity; it fills the
        source's role when it has none."""
        key = speaker_key(name)
        if not key:
            raise UnprocessableError(f"speaker name {name!r} has no letters or digits")
        written_role, bare_name = split_role_prefix(name)
        role = role or written_role or leading_office(name)
        existing = self._find_by_key(key)
        if existing is not None:
            if existing.kind == "unknown" and kind != "unknown":
                existing.kind = kind
            if existing.role is None and role:
                existing.role = role
            return existing
        display = bare_name or name.strip()
        try:
            with self.session.begin_nested():
                source = self.sources.add(Source(name=display, name_key=key, kind=kind, role=role))
            self._by_key[key] = source
            return source
        except IntegrityError:
            # Another writer created the same speaker between our look-up and insert: use theirs.
            found = self._find_by_key(key)
            if found is None:
                raise
            return found

    def resolve_reference(self, name: str | None, source_id: str | None) -> Source:
        if source_id is not None:
            source = self.sources.get(source_id)
            if source is None:
                raise UnprocessableError(
                    f"speaker_id {source_id} is not a known source",
                    errors=[{"loc": ["body", "speaker_id"], "msg": "unknown source id"}],
                )
            return source
        assert name is not None
        return self.resolve(name)

    def add_alias(self, source: Source, alias: str) -> Source:
        key = speaker_key(alias)
        if not key:
            raise UnprocessableError("alias has no letters or digits")
        owner = self._find_by_key(key)
        if owner is not None:
            if owner.id == source.id:
                return source
            raise ConflictError(f"{alias!r} already names source {owner.id} ({owner.name})")
        self.sources.add_alias(source, alias.strip(), key)
        self._by_key[key] = source
        return source
