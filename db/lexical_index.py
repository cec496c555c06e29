"""Keyword search over claim text: SQLite FTS5 (BM25) or PostgreSQL full-text search (ts_rank_cd)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
MAX_QUERY_TERMS = 32


@dataclass(frozen=True, slots=True)
class LexicalHit:
    claim_id: str
    score: float  # higher is better on both backends


def query_terms(query: str) -> list[str]:
    """Lower-cased word tokens, de-duplicated in order; FTS syntax characters never reach the database."""
    seen: dict[str, None] = {}
    for token in _TOKEN.findall(query.lower()):
        if len(token) > 1 or token.isdigit():
            seen.setdefault(token, None)
    return list(seen)[:MAX_QUERY_TERMS]


class LexicalIndex:
    def __init__(self, session: Session) -> None:
        self.session = session

    def search(self, query: str, k: int) -> list[LexicalHit]:
        terms = query_terms(query)
        if not terms or k <= 0:
            return []
        if self.session.get_bind().dialect.name == "postgresql":
            rows = self.session.execute(
                text(
                    "SELECT id, ts_rank_cd(to_tsvector('english', text), q) AS score "
                    "FROM claims, to_tsquery('english', :q) AS q "
                    "WHERE to_tsvector('english', text) @@ q ORDER BY score DESC, id LIMIT :k"
                ),
                {"q": " | ".join(terms), "k": k},
            ).all()
            return [LexicalHit(str(r[0]), float(r[1])) for r in rows]
        rows = self.session.execute(
            text(
                "SELECT c.id, bm25(claims_fts) AS score FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid "
                "WHERE claims_fts MATCH :q ORDER BY score LIMIT :k"
            ),
            {"q": " OR ".join(f'"{t}"' for t in terms), "k": k},
        ).all()
        # FTS5's bm25() is lower-is-better (negative); flip it so callers can treat both backends alike.
        return [LexicalHit(str(r[0]), -float(r[1])) for r in rows]
