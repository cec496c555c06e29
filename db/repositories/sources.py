"""Sources (speakers) and their aliases. Repositories flush, never commit: the caller owns the transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import CompoundSelect, bindparam, inspect, or_, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.types import Text

from db.models import Source, SourceAlias

# The advisory lock class PostgreSQL's speaker-key trigger takes for a key it inserts (migration 0024's
# ``claimledger_speaker_key_unheld``: class 0x636C736B, "clsk", and the key's ``hashtext``): the same locks, taken
# ahead of time in one order.
SPEAKER_KEY_LOCK = 0x636C736B
_TRY_HOLD_SPEAKER_KEYS = text(
    "SELECT bool_and(pg_try_advisory_xact_lock(CAST(:lock_class AS integer), held.h)) FROM "
    "(SELECT DISTINCT hashtext(k) AS h FROM unnest(:keys) AS k) AS held"
).bindparams(bindparam("keys", type_=ARRAY(Text)))
_HOLD_SPEAKER_KEYS = text(
    "SELECT pg_advisory_xact_lock(CAST(:lock_class AS integer), held.h) FROM "
    "(SELECT DISTINCT hashtext(k) AS h FROM unnest(:keys) AS k ORDER BY h) AS held"
).bindparams(bindparam("keys", type_=ARRAY(Text)))


class SourceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, source_id: str) -> Source | None:
        return self.session.get(Source, source_id)

    def lock(self, source_ids: list[str], *, kept: bool = False) -> dict[str, Source]:
        """These sources, locked until the transaction ends (PostgreSQL: FOR UPDATE, which also holds back a
        concurrent claim naming one of them; SQLite's write transaction already excludes every other writer).
        ``kept``: the sources stay (a rename, not a merge's delete): FOR NO KEY UPDATE, which holds back other
        writers of the same rows and lets claims naming them be written meanwhile."""
        stmt = (
            select(Source)
            .where(Source.id.in_(source_ids))
            .order_by(Source.id)
            .with_for_update(of=Source, key_share=kept)
        )
        return {s.id: s for s in self.session.scalars(stmt.execution_options(populate_existing=True))}

    def takes_key_locks(self) -> bool:
        """Whether writers hold speaker keys' locks (PostgreSQL); SQLite's write transaction admits one writer."""
        return self.session.get_bind().dialect.name == "postgresql"

    def hold_keys(self, keys: Iterable[str]) -> bool:
        """Hold, until the transaction ends, the speaker keys this transaction may insert, all taken in one order
        (by lock id). PostgreSQL's key trigger locks each key as its row is inserted, so two writers making the
        same new speakers in other orders ("A" then "B", "B" then "A") each held one and waited for the other:
        deadlock, one of them 503. Held here first, the trigger's own lock is taken again at no wait. SQLite:
        nothing to do, a write transaction excludes every other writer from its ``BEGIN IMMEDIATE``.

        Whether it waited for another writer, who may have made some of the keys since they were looked up: all
        are tried first without waiting (in a savepoint, whose rollback lets go of those it got, so that none is
        held while waiting for another); only when one is taken are they all waited for, in order."""
        wanted = sorted({k for k in keys if k})
        if not wanted or not self.takes_key_locks():
            return False
        params = {"lock_class": SPEAKER_KEY_LOCK, "keys": wanted}
        attempt = self.session.begin_nested()
        if self.session.execute(_TRY_HOLD_SPEAKER_KEYS, params).scalar_one():
            attempt.commit()
            return False
        attempt.rollback()
        self.session.execute(_HOLD_SPEAKER_KEYS, params).all()
        return True

    def delete(self, source: Source) -> None:
        """Remove a source with its remaining aliases; the caller has moved its claims and flags first."""
        self.session.delete(source)
        self.session.flush()

    def find_by_key(self, key: str) -> Source | None:
        """A source whose name or one of whose aliases folds to ``key``."""
        source = self.session.scalars(select(Source).where(Source.name_key == key)).first()
        if source is not None:
            return source
        return self.session.scalars(
            select(Source).join(SourceAlias, SourceAlias.source_id == Source.id).where(SourceAlias.alias_key == key)
        ).first()

    def add(self, source: Source) -> Source:
        """Insert a source. One given no aliases has none: said so, so that showing it with a claim (a document's
        new speakers) reads nothing more."""
        self.session.add(source)
        self.session.flush()
        if "aliases" in inspect(source).unloaded:
            set_committed_value(source, "aliases", [])
        return source

    def load_aliases(self, sources: Iterable[Source]) -> None:
        """The aliases of those of these sources read without them, in one query for all (a lazy load reads one
        source's at a time), in the order the relationship gives them; nothing read when every source has them."""
        unloaded = {s.id: s for s in sources if "aliases" in inspect(s).unloaded}
        if not unloaded:
            return
        found: dict[str, list[SourceAlias]] = {source_id: [] for source_id in unloaded}
        stmt = select(SourceAlias).where(SourceAlias.source_id.in_(list(unloaded))).order_by(SourceAlias.alias)
        for alias in self.session.scalars(stmt):
            found[alias.source_id].append(alias)
        for source_id, aliases in found.items():
            set_committed_value(unloaded[source_id], "aliases", aliases)

    @staticmethod
    def keys_of(source_id: str) -> CompoundSelect[str]:
        """The keys a speaker name given to the API resolves to this source by, as a query: its name's and its
        aliases' (a written form has none). A subquery for the flag queries, read at once by ``has_key``."""
        return (
            select(Source.name_key)
            .where(Source.id == source_id)
            .union_all(
                select(SourceAlias.alias_key).where(
                    SourceAlias.source_id == source_id, SourceAlias.alias_key.is_not(None)
                )
            )
        )

    def has_key(self, source_id: str, key: str) -> bool:
        """Whether a name of this key resolves to this source (``keys_of``)."""
        return key in set(self.session.scalars(self.keys_of(source_id)))

    def alias_exists(self, key: str) -> bool:
        return self.session.scalars(select(SourceAlias.id).where(SourceAlias.alias_key == key)).first() is not None

    def add_alias(self, source: Source, alias: str, key: str | None) -> None:
        """``key`` None: a written form of a key the source already has ("Finance Minister Jonas Berg" for "Jonas
        Berg"), kept to be shown and searched; resolving goes by the key it shares."""
        source.aliases.append(SourceAlias(alias=alias, alias_key=key))
        self.session.flush()

    def ending_with_word(self, word: str, limit: int) -> list[Source]:
        """Sources, other than organisations and outlets, whose name or a keyed alias has more than one word and
        ends with ``word``: the people a lone surname could mean ("alvarez" -> Maria Alvarez, Carlos Alvarez)."""
        suffix = " " + word
        aliased = select(SourceAlias.source_id).where(SourceAlias.alias_key.endswith(suffix, autoescape=True))
        stmt = (
            select(Source)
            .where(Source.kind.not_in(("organisation", "outlet")))
            .where(Source.name_key.endswith(suffix, autoescape=True) | Source.id.in_(aliased))
            .order_by(Source.created_at, Source.id)
            .limit(limit)
        )
        return list(self.session.scalars(stmt))

    def page(
        self,
        limit: int,
        after: tuple[datetime, str] | None,
        name_query: str | None = None,
        named_id: str | None = None,
        key_queries: Sequence[str] = (),
    ) -> list[Source]:
        """Sources in (created_at, id) order; with ``name_query``, those whose name or an alias holds it, those whose
        name or alias key holds one of ``key_queries`` (the query's speaker keys: case folded beyond ASCII, which
        SQLite's LIKE and a C-locale PostgreSQL's lower() are not, in one Unicode form), and the source ``named_id``
        (the one the query resolves to as a speaker name, which a substring may miss)."""
        stmt = select(Source)
        if name_query:  # a substring of the name or of an alias, taken literally: "%" and "_" are no wildcards
            keys = [key for key in key_queries if key]
            written = or_(
                SourceAlias.alias.icontains(name_query, autoescape=True),
                *(SourceAlias.alias_key.contains(key, autoescape=True) for key in keys),
            )
            aliased = select(SourceAlias.source_id).where(written)
            matches = or_(
                Source.name.icontains(name_query, autoescape=True),
                Source.id.in_(aliased),
                *(Source.name_key.contains(key, autoescape=True) for key in keys),
            )
            stmt = stmt.where(matches | (Source.id == named_id) if named_id is not None else matches)
        if after is not None:
            created_at, last_id = after
            stmt = stmt.where(
                (Source.created_at > created_at) | ((Source.created_at == created_at) & (Source.id > last_id))
            )
        return list(self.session.scalars(stmt.order_by(Source.created_at, Source.id).limit(limit)))
