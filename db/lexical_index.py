"""Keyword search over claim text: BM25 over SQLite FTS5 or over PostgreSQL full-text search, tokenised alike.

Queries are OR-ed content words: function words ("the", "said", ...) are left out, since a query of a tweet's
every word would otherwise match nearly every claim and rank by noise (and cost a scan of the whole index).
"""

from __future__ import annotations

import math
import re
import threading
import time
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


# Okapi BM25 on PostgreSQL as FTS5's bm25() computes it on SQLite: k1 = 1.2, b = 0.75, idf = ln((N - n + 0.5) /
# (n + 0.5)) floored at 1e-6, a query term counted as often as it occurs, a claim's length its number of tokens
# over the table's average; over the same tokens: claims.fts_vector holds each claim's text tokenised like the
# FTS5 table (migration 0008: letters-and-digits runs, case and diacritics folded, stemmed, no stop words) and the
# query goes through the same function and configuration. So the fusion weights tuned on one backend hold on the
# other.
#
# FTS5 scores every claim that holds any query term, in C. In SQL that costs seconds at a million claims (a tweet's
# content words match a tenth of such a record), so above EXACT_STATS_UP_TO claims the search prunes, MaxScore
# style, and still returns the exact top k of its scoring:
# - a term among the column's most common elements (pg_stats, kept by autoanalyze) takes its document count from
#   those statistics; every other (rarer) term's count is counted exactly, among the claims that hold it, which the
#   first pass always reads;
# - each term's contribution is below its ceiling 2.2 * idf * (its count in the query); pass one scores the
#   claims holding the rare terms; the common terms whose ceilings add up to less than the k-th score found can
#   no longer lift a claim that holds only them into the top k, so pass two scores the claims holding any other
#   term, and no claim that pass two leaves out can reach its k-th score (none if pass one found fewer than k).
# Equal scores (claims with the same text) come in storage order, as FTS5 gives them (the sum is rounded first:
# adding the same terms in another order can differ in the last bit).
# N is the planner's row count and the average length is taken over a fixed 10,000-claim sample; both, and the
# common terms, are read once per STATS_TTL_S per database and process. Up to EXACT_STATS_UP_TO claims every
# figure is counted on each query and every claim holding a term is scored: FTS5's numbers exactly.
EXACT_STATS_UP_TO = 20_000
STATS_TTL_S = 600.0
SAMPLE_ROWS = 10_000

_PG_QUERY_LEXEMES = text(
    "SELECT u.lexeme, coalesce(array_length(u.positions, 1), 1) AS qf FROM unnest(claimledger_fts_vector(:terms)) AS u"
)
_PG_SCORE = text(
    """
    WITH query AS (
        SELECT * FROM unnest(CAST(:lexemes AS text[]), CAST(:qfs AS int[]), CAST(:idfs AS float8[]))
            AS q(lexeme, qf, idf)
    ), hits AS MATERIALIZED (
        SELECT c.id, c.created_at, c.fts_length, c.fts_vector FROM claims c
        WHERE c.fts_vector @@ CAST(:match AS tsquery)
    ), tf AS MATERIALIZED (
        SELECT h.id, u.lexeme, coalesce(array_length(u.positions, 1), 1) AS f
        FROM hits h CROSS JOIN LATERAL unnest(h.fts_vector) AS u
        WHERE u.lexeme = ANY(CAST(:lexemes AS text[]))
    ), weights AS (
        SELECT q.lexeme, q.qf, coalesce(q.idf, greatest(ln((:docs - n.n + 0.5) / (n.n + 0.5)), 1e-6)) AS w
        FROM query q LEFT JOIN (SELECT lexeme, count(*) AS n FROM tf GROUP BY lexeme) AS n USING (lexeme)
    )
    SELECT h.id, sum(w.qf * w.w * t.f * 2.2 / (t.f + 1.2 * (0.25 + 0.75 * h.fts_length / :avg_len))) AS score
    FROM tf t JOIN weights w USING (lexeme) JOIN hits h USING (id)
    GROUP BY h.id, h.created_at
    ORDER BY round(CAST(sum(w.qf * w.w * t.f * 2.2 / (t.f + 1.2 * (0.25 + 0.75 * h.fts_length / :avg_len)))
                        AS numeric), 9) DESC, h.created_at, h.id
    LIMIT :k
    """
)


@dataclass(frozen=True, slots=True)
class _PgStats:
    docs: int
    avg_len: float
    common: dict[str, float]  # lexeme -> share of claims holding it (pg_stats), large tables only
    expires: float


_stats_cache: dict[str, _PgStats] = {}
_stats_lock = threading.Lock()


def _pg_stats(session: Session) -> _PgStats:
    """N, the average length and the common terms' shares: counted (small table) or estimated (cached)."""
    key = session.get_bind().engine.url.render_as_string(hide_password=True)
    now = time.monotonic()
    with _stats_lock:
        cached = _stats_cache.get(key)
    if cached is not None and cached.expires > now:
        return cached
    estimate = int(
        session.execute(text("SELECT reltuples FROM pg_class WHERE oid = 'claims'::regclass")).scalar_one() or 0
    )
    if estimate < EXACT_STATS_UP_TO:
        docs, avg_len = session.execute(text("SELECT count(*), avg(fts_length) FROM claims")).one()
        return _PgStats(int(docs), float(avg_len or 1.0), {}, now)
    percent = min(100.0, 100.0 * SAMPLE_ROWS / estimate)
    avg_len = session.execute(
        text(f"SELECT avg(fts_length) FROM claims TABLESAMPLE SYSTEM ({percent:.6f}) REPEATABLE (23)")  # noqa: S608
    ).scalar()
    row = session.execute(
        text(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE schemaname = current_schema() AND tablename = 'claims' AND attname = 'fts_vector'"
        )
    ).first()
    common = dict(zip(row[0], row[1], strict=False)) if row is not None and row[0] is not None else {}
    stats = _PgStats(estimate, float(avg_len or 1.0), common, now + STATS_TTL_S)
    with _stats_lock:
        _stats_cache[key] = stats
    return stats


def _idf(docs: int, holding: float) -> float:
    return max(math.log((docs - holding + 0.5) / (holding + 0.5)), 1e-6)


class LexicalIndex:
    def __init__(self, session: Session) -> None:
        self.session = session

    def search(self, query: str, k: int) -> list[LexicalHit]:
        terms = query_terms(query)
        if not terms or k <= 0:
            return []
        if self.session.get_bind().dialect.name == "postgresql":
            return self._pg_search(terms, k)
        # The top k by FTS5 alone, then their ids: joining claims before the sort looked up every matching row
        # (10.0 -> 5.9 ms at p50 over 200 CLEF tweets at 100k claims, the same hits in the same order).
        rows = self.session.execute(
            text(
                "WITH top AS MATERIALIZED (SELECT rowid, bm25(claims_fts) AS score FROM claims_fts "
                "WHERE claims_fts MATCH :q ORDER BY score LIMIT :k) "
                "SELECT c.id, top.score FROM top JOIN claims c ON c.rowid = top.rowid ORDER BY top.score"
            ),
            {"q": " OR ".join(f'"{t}"' for t in terms), "k": k},
        ).all()
        # FTS5's bm25() is lower-is-better (negative); flip it so callers can treat both backends alike.
        return [LexicalHit(str(r[0]), -float(r[1])) for r in rows]

    def _pg_search(self, terms: list[str], k: int) -> list[LexicalHit]:
        stats = _pg_stats(self.session)
        lexemes = {str(r[0]): int(r[1]) for r in self.session.execute(_PG_QUERY_LEXEMES, {"terms": " ".join(terms)})}
        if not lexemes:
            return []
        # Terms with a known document count (the common ones) and the most each can add to a claim's score.
        known = {lx: _idf(stats.docs, stats.common[lx] * stats.docs) for lx in lexemes if lx in stats.common}
        ceiling = {lx: 2.2 * lexemes[lx] * idf for lx, idf in known.items()}
        rare = [lx for lx in lexemes if lx not in known]
        first = rare or [max(ceiling, key=lambda lx: (ceiling[lx], lx))]  # no rare term: the least common one
        hits = self._pg_score(lexemes, known, _any_of(first), stats, k)
        threshold = hits[k - 1].score if len(hits) >= k else 0.0
        rest = [lx for lx in sorted(ceiling) if lx not in first]
        if sum(ceiling[lx] for lx in rest) < threshold:
            return hits  # a claim holding none of the first terms cannot reach the k-th score
        # A common term whose ceiling reaches the threshold can lift a claim alone; below it, a claim needs two
        # such terms at least, which the index finds as pairs (a & b) far more cheaply than either term alone.
        alone = [lx for lx in rest if ceiling[lx] >= threshold]
        paired = [lx for lx in rest if ceiling[lx] < threshold]
        pairs = [f"({_quoted(a)} & {_quoted(b)})" for i, a in enumerate(paired) for b in paired[i + 1 :]]
        return self._pg_score(lexemes, known, " | ".join([_any_of(first + alone), *pairs]), stats, k)

    def _pg_score(
        self, lexemes: dict[str, int], known: dict[str, float], match: str, stats: _PgStats, k: int
    ) -> list[LexicalHit]:
        """The top k of the claims the tsquery ``match`` finds, scored on every query term."""
        names = list(lexemes)
        rows = self.session.execute(
            _PG_SCORE,
            {
                "lexemes": names,
                "qfs": [lexemes[lx] for lx in names],
                "idfs": [known.get(lx) for lx in names],
                "match": match,
                "docs": stats.docs,
                "avg_len": stats.avg_len,
                "k": k,
            },
        ).all()
        return [LexicalHit(str(r[0]), float(r[1])) for r in rows]


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("'", "''") + "'"


def _any_of(lexemes: list[str]) -> str:
    return " | ".join(_quoted(lx) for lx in lexemes)
