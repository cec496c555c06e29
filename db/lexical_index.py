"""Keyword search over claim text: SQLite FTS5 (BM25) or PostgreSQL full-text search (ts_rank_cd).

Queries are OR-ed content words: function words ("the", "said", ...) are left out, since a query of a tweet's
every word would otherwise match nearly every claim and rank by noise (and cost a scan of the whole index).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from embeddings.text_normalize import STOPWORDS

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
MAX_QUERY_TERMS = 32


@dataclass(frozen=True, slots=True)
class LexicalHit:
    claim_id: str
    score: float  # higher is better on both backends


def query_terms(query: str) -> list[str]:
    """Lower-cased content words, de-duplicated in order; FTS syntax characters never reach the database.

    A query of function words alone keeps them (so "Is it?" still finds something) rather than matching nothing.
    """
    seen: dict[str, None] = {}
    for token in _TOKEN.findall(query.lower()):
        if len(token) > 1 or token.isdigit():
            seen.setdefault(token, None)
    content = [t for t in seen if t not in STOPWORDS]
    return (content or list(seen))[:MAX_QUERY_TERMS]


# Okapi BM25 (k1 = 1.2, b = 0.75) on PostgreSQL, the ranking FTS5's bm25() gives on SQLite, so that the fusion
# weights tuned on one backend hold on the other (ts_rank_cd has no inverse document frequency: on CLEF 2020 it
# ranked far below BM25). The GIN expression index finds the candidate rows and counts each query lexeme's
# documents; term frequencies and lengths come from the matched rows' tsvectors (the average length is taken
# over those rows, an approximation that only the length normalisation sees).
_PG_BM25 = text(
    """
    WITH lexemes AS MATERIALIZED (
        SELECT DISTINCT lexeme FROM unnest(to_tsvector('english', :terms))
    ), hits AS MATERIALIZED (
        SELECT c.id, to_tsvector('english', c.text) AS v FROM claims c
        WHERE to_tsvector('english', c.text) @@ to_tsquery('english', :q)
    ), stats AS MATERIALIZED (
        SELECT greatest(avg(length(v)), 1) AS avg_len, (SELECT count(*) FROM claims) AS docs FROM hits
    ), idf AS MATERIALIZED (
        SELECT l.lexeme, ln(1 + (s.docs - n.n + 0.5) / (n.n + 0.5)) AS w
        FROM lexemes l CROSS JOIN stats s CROSS JOIN LATERAL (
            SELECT count(*) AS n FROM claims
            WHERE to_tsvector('english', text) @@ CAST(quote_literal(l.lexeme) AS tsquery)
        ) AS n
    )
    SELECT h.id, sum(
        i.w * f.f * 2.2 / (f.f + 1.2 * (0.25 + 0.75 * length(h.v) / s.avg_len))
    ) AS score
    FROM hits h CROSS JOIN stats s
    CROSS JOIN LATERAL (
        SELECT u.lexeme, coalesce(array_length(u.positions, 1), 1) AS f FROM unnest(h.v) AS u
    ) AS f
    JOIN idf i ON i.lexeme = f.lexeme
    GROUP BY h.id ORDER BY score DESC, h.id LIMIT :k
    """
)


class LexicalIndex:
    def __init__(self, session: Session) -> None:
        self.session = session

    def search(self, query: str, k: int) -> list[LexicalHit]:
        terms = query_terms(query)
        if not terms or k <= 0:
            return []
        if self.session.get_bind().dialect.name == "postgresql":
            rows = self.session.execute(_PG_BM25, {"q": " | ".join(terms), "terms": " ".join(terms), "k": k}).all()
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
