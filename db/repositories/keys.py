"""API keys and idempotency records."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from db.models import ApiKey, IdempotencyRecord


class ApiKeyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key_id: str) -> ApiKey | None:
        return self.session.get(ApiKey, key_id)

    def by_prefix(self, prefix: str) -> ApiKey | None:
        return self.session.scalars(select(ApiKey).where(ApiKey.prefix == prefix)).first()

    def add(self, key: ApiKey) -> ApiKey:
        self.session.add(key)
        self.session.flush()
        return key

    def mark_used(self, key_id: str, when: datetime) -> None:
        self.session.execute(update(ApiKey).where(ApiKey.id == key_id).values(last_used_at=when))

    def names(self, key_ids: list[str]) -> dict[str, str]:
        """Key id to the key's name (who reviewed a flag, as the review UI shows it)."""
        if not key_ids:
            return {}
        rows = self.session.execute(select(ApiKey.id, ApiKey.name).where(ApiKey.id.in_(key_ids)))
        return {str(key_id): str(name) for key_id, name in rows}

    def all(self) -> list[ApiKey]:
        return list(self.session.scalars(select(ApiKey).order_by(ApiKey.created_at, ApiKey.id)))

    def page(self, limit: int, after: tuple[datetime, str] | None = None) -> list[ApiKey]:
        """Oldest first (the order they were created in), like ``all``."""
        stmt = select(ApiKey)
        if after is not None:
            created_at, last_id = after
            stmt = stmt.where(
                (ApiKey.created_at > created_at) | ((ApiKey.created_at == created_at) & (ApiKey.id > last_id))
            )
        return list(self.session.scalars(stmt.order_by(ApiKey.created_at, ApiKey.id).limit(limit)))


class IdempotencyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def find(self, api_key_id: str, endpoint: str, key: str) -> IdempotencyRecord | None:
        stmt = select(IdempotencyRecord).where(
            IdempotencyRecord.api_key_id == api_key_id,
            IdempotencyRecord.endpoint == endpoint,
            IdempotencyRecord.key == key,
        )
        return self.session.scalars(stmt).first()

    def add(self, record: IdempotencyRecord) -> None:
        self.session.add(record)
        self.session.flush()

    def delete(self, record: IdempotencyRecord) -> None:
        self.session.delete(record)
        self.session.flush()

    def prune(self, older_than: datetime) -> int:
        """Delete the records created before ``older_than``; how many went."""
        result = self.session.execute(delete(IdempotencyRecord).where(IdempotencyRecord.created_at < older_than))
        return int(getattr(result, "rowcount", 0) or 0)
