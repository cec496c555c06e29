"""Keyword search over claim text: BM25 over SQLite FTS5 or over PostgreSQL full-text search, tokenised alike.

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


# Okapi BM25 on PostgreSQL as FTS5's bm25() computes it on SQLite (k1 = 1.2, b = 0.75, idf = ln((N - n + 0.5) /
# (n + 0.5)) floored at 1e-6, a query term counted as often as it occurs), over the same tokens: claims.fts_vector
# holds each claim's text tokenised like the FTS5 table (migration 0004: letters-and-digits runs, case and
# diacritics folded, stemmed, no stop words) and the query's terms go through the same function and
# configuration. So the fusion weights tuned on one backend hold on the other.
# The GIN index finds the claims holding any query term; since those are all the claims that hold any of them,
# each term's document count is counted among them. A claim's length is its number of tokens, as in FTS5; the
# average length is taken over the matched claims (FTS5 takes it over the table: an approximation that only the
# length normalisation sees). N is counted exactly up to EXACT_COUNT_UP_TO claims, above that the planner's
# estimate (pg_class.reltuples, kept by autovacuum) stands in, since counting a million rows per query would cost
# more than the rest of the query; the idf of a term barely moves with N.
EXACT_COUNT_UP_TO = 100_000
_PG_BM25 = text(
    f"""
    WITH query AS MATERIALIZED (
        SELECT u.lexeme, coalesce(array_length(u.positions, 1), 1) AS qf
        FROM unnest(to_tsvector('claimledger_fts', claimledger_fts_text(:terms))) AS u
    ), hits AS MATERIALIZED (
        SELECT c.id, c.created_at, c.fts_vector AS v FROM claims c
        WHERE c.fts_vector @@ (SELECT string_agg(quote_literal(lexeme), ' | ')::tsquery FROM query)
    ), counts AS MATERIALIZED (
        SELECT h.id, u.lexeme, coalesce(array_length(u.positions, 1), 1) AS f
        FROM hits h CROSS JOIN LATERAL unnest(h.v) AS u
    ), lengths AS MATERIALIZED (
        SELECT id, sum(f) AS len FROM counts GROUP BY id
    ), matched AS MATERIALIZED (
        SELECT c.id, c.lexeme, c.f, q.qf FROM counts c JOIN query q USING (lexeme)
    ), stats AS MATERIALIZED (
        SELECT greatest(avg(len), 1) AS avg_len, (
            SELECT CASE WHEN reltuples >= {EXACT_COUNT_UP_TO} THEN reltuples::bigint
                        ELSE (SELECT count(*) FROM claims) END
            FROM pg_class WHERE oid = 'claims'::regclass
        ) AS docs FROM lengths
    ), idf AS MATERIALIZED (
        SELECT m.lexeme, greatest(ln((s.docs - count(*) + 0.5) / (count(*) + 0.5)), 1e-6) AS w
        FROM matched m CROSS JOIN stats s GROUP BY m.lexeme, s.docs
    )
    SELECT m.id, sum(
        m.qf * i.w * m.f * 2.2 / (m.f + 1.2 * (0.25 + 0.75 * l.len / s.avg_len))
    ) AS score
    FROM matched m JOIN idf i USING (lexeme) JOIN lengths l USING (id) JOIN hits h USING (id) CROSS JOIN stats s
    GROUP BY m.id, h.created_at ORDER BY score DESC, h.created_at, m.id LIMIT :k
    """  # noqa: S608 (a module constant, no caller text)
)


class LexicalIndex:
    def __init__(self, session: Session) -> None:
        self.session = session

    def search(self, query: str, k: int) -> list[LexicalHit]:
        terms = query_terms(query)
        if not terms or k <= 0:
            return []
        if self.session.get_bind().dialect.name == "postgresql":
            rows = self.session.execute(_PG_BM25, {"terms": " ".join(terms), "k": k}).all()
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
