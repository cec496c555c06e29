"""Keyword search over claim text: BM25 over SQLite FTS5 or over PostgreSQL full-text search, tokenised alike.

Queries are OR-ed content words: function words ("the", "said", ...) are left out, since a query of a tweet's
every word would otherwise match nearly every claim and rank by noise (and cost a scan of the whole index).
"""

from __future__ import annotations

import re
import threading
import time
import unicodedata
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from embeddings.text_normalize import STOPWORDS, is_cjk, keyword_text

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
MAX_QUERY_TERMS = 32


@dataclass(frozen=True, slots=True)
class LexicalHit:
    claim_id: str
    score: float  # higher is better on both backends


def query_terms(query: str) -> list[str]:
    """Lower-cased content words, de-duplicated in order; FTS syntax characters never reach the database.

    Read as the index reads a claim (``keyword_text``: soft hyphens and other invisible characters inside a word
    deleted, migration 0017), so "coa\u00adli\u00adtion" asks for "coalition" as a claim holding it is indexed.
    A query of function words alone keeps them (so "Is it?" still finds something) rather than matching nothing.
    One letter is no word, but for a digit and a lone CJK character ("税", tax: migration 0040 indexes a CJK run
    as the pairs of its characters, and one standing alone as itself).
    """
    seen: dict[str, None] = {}
    for token in _words(keyword_text(query).lower()):
        if len(token) > 1 or token.isdigit() or is_cjk(token):
            seen.setdefault(token, None)
    content = [t for t in seen if t not in STOPWORDS]
    return (content or list(seen))[:MAX_QUERY_TERMS]


def _words(text: str) -> list[str]:
    """Runs of letters and digits, with the combining marks between their letters kept in them, as the index reads a
    claim (FTS5 and ``claimledger_fts_text`` fold or split at a mark themselves, the query's and the claim's alike).

    Cut at each mark, a word typed with decomposed letters ("ta\u0306ng"), a Devanagari word (its vowel signs and
    virama are marks) or a lower-cased "İstanbul" ("i" and a combining dot) asked for pieces of words: "tăng" as
    "ta" and "ng", "İstanbul" as "stanbul", which no claim holds. The query is not composed (NFC) first: FTS5 reads
    a decomposed Hangul word only as decomposed, as a claim may hold it."""
    words: list[str] = []
    end = 0
    for match in _TOKEN.finditer(text):
        gap = text[end : match.start()]
        if words and gap and all(unicodedata.category(char).startswith("M") for char in gap):
            words[-1] += gap + match.group()
        else:
            words.append(match.group())
        end = match.end()
    return words


# Okapi BM25 on PostgreSQL as FTS5's bm25() computes it on SQLite: k1 = 1.2, b = 0.75, idf = ln((N - n + 0.5) /
# (n + 0.5)) floored at 1e-6, a query term counted as often as it occurs, a claim's length its number of tokens
# over the table's average; over the same tokens: claims.fts_vector holds each claim's text tokenised like the
# FTS5 table (migration 0008: letters-and-digits runs, case and diacritics folded, stemmed, no stop words) and the
# query goes through the same function and configuration. So the fusion weights tuned on one backend hold on the
# other.
#
# Like FTS5, the search scores every claim that holds any query term, from postings: claim_terms (migration 0010)
# has a row per (lexeme, claim) with the term's count and the claim's length in its primary key's index (written by
# triggers on claims: since 0018 one INSERT over a statement's new claims and one DELETE over its deleted ones, from
# tokens computed once a claim for fts_vector and fts_length together), so each query term is one index-only range
# scan (and its document count n an index-only count), and the scores one aggregate over those rows (~1 us a row
# where reading each matched claim's tsvector cost ~10 us a claim). Equal scores (claims with the same text) come in
# storage order, as FTS5 gives them (the sum is rounded to 1e-9 first:
# adding the same terms in another order can differ in the last bit). N and the average length are counted on
# each query up to EXACT_STATS_UP_TO claims (FTS5's numbers exactly); past that N is the planner's row count and
# the average is taken over a fixed 10,000-claim sample, both read once per STATS_TTL_S per database and process,
# and each term's document count n is counted once in that time and remembered with them (counting a common term
# again on every query cost ~7 ms a term at 1M claims); an estimated N below a term's n counts as n.
EXACT_STATS_UP_TO = 20_000
STATS_TTL_S = 600.0
SAMPLE_ROWS = 10_000

# Each query term's lexemes, looked up once per process: a term is one run of letters and digits, which PostgreSQL's
# parser reads the same alone as in a statement, so a statement's lexemes (and how often each occurs) are its terms'
# together; the look-up cost a round trip per search (~0.5 ms at 100k claims).
_PG_TERM_LEXEMES = text(
    "SELECT t.term, u.lexeme FROM unnest(CAST(:terms AS text[])) AS t(term) "
    "LEFT JOIN LATERAL unnest(claimledger_fts_vector(t.term)) AS u ON true"
)
LEXEME_CACHE_SIZE = 200_000
_lexeme_cache: dict[str, tuple[str, ...]] = {}
_PG_TERM_COUNTS = text(
    "SELECT u.lexeme, (SELECT count(*) FROM claim_terms t WHERE t.lexeme = u.lexeme) "
    "FROM unnest(CAST(:lexemes AS text[])) AS u(lexeme)"
)
# The k-th best score first (a top-k sort of the raw sums), then only the claims within 1e-9 of it are rounded
# and ordered with their storage order: rounding every matched claim's score cost ~60 ms at 1M claims.
_PG_SEARCH = text(
    """
    WITH weights AS (
        SELECT q.lexeme, q.qf * greatest(ln((greatest(CAST(:docs AS float8), q.n) - q.n + 0.5) / (q.n + 0.5)), 1e-6)
            AS w
        FROM unnest(CAST(:lexemes AS text[]), CAST(:qfs AS int[]), CAST(:counts AS float8[])) AS q(lexeme, qf, n)
    ), scored AS MATERIALIZED (
        SELECT t.claim_id, sum(w.w * t.tf * 2.2 / (t.tf + 1.2 * (0.25 + 0.75 * t.len / CAST(:avg_len AS float8))))
            AS score
        FROM weights w JOIN claim_terms t USING (lexeme)
        GROUP BY t.claim_id
    ), kth AS (
        SELECT score FROM scored ORDER BY score DESC OFFSET :k - 1 LIMIT 1
    )
    SELECT CAST(s.claim_id AS text), s.score FROM scored s
    WHERE s.score >= coalesce((SELECT score FROM kth), 0) - 1e-9
    ORDER BY round(s.score * 1e9) DESC, (SELECT c.created_at FROM claims c WHERE c.id = CAST(s.claim_id AS text)), 1
    LIMIT :k
    """
)

# _PG_SEARCH for several queries in one statement (``LexicalIndex.search_many``): each query's rows as _PG_SEARCH
# gives them, computed in a LATERAL subquery over the query's own lexemes (its 0-based position in :owners).
_PG_SEARCH_MANY = text(
    """
    SELECT v.qi, r.claim_id, r.score FROM unnest(CAST(:qis AS int[])) AS v(qi) CROSS JOIN LATERAL (
        WITH weights AS (
            SELECT q.lexeme,
                q.qf * greatest(ln((greatest(CAST(:docs AS float8), q.n) - q.n + 0.5) / (q.n + 0.5)), 1e-6) AS w
            FROM unnest(CAST(:owners AS int[]), CAST(:lexemes AS text[]), CAST(:qfs AS int[]),
                CAST(:counts AS float8[])) AS q(owner, lexeme, qf, n)
            WHERE q.owner = v.qi
        ), scored AS MATERIALIZED (
            SELECT t.claim_id, sum(w.w * t.tf * 2.2 / (t.tf + 1.2 * (0.25 + 0.75 * t.len / CAST(:avg_len AS float8))))
                AS score
            FROM weights w JOIN claim_terms t USING (lexeme)
            GROUP BY t.claim_id
        ), kth AS (
            SELECT score FROM scored ORDER BY score DESC OFFSET :k - 1 LIMIT 1
        )
        SELECT CAST(s.claim_id AS text) AS claim_id, s.score, row_number() OVER (
            ORDER BY round(s.score * 1e9) DESC, (SELECT c.created_at FROM claims c WHERE c.id = CAST(s.claim_id AS text)),
                CAST(s.claim_id AS text)
        ) AS position
        FROM scored s
        WHERE s.score >= coalesce((SELECT score FROM kth), 0) - 1e-9
        ORDER BY position
        LIMIT :k
    ) AS r
    ORDER BY v.qi, r.position
    """
)


@dataclass(frozen=True, slots=True)
class _PgStats:
    docs: int
    avg_len: float
    expires: float
    term_counts: dict[str, int] | None = None  # lexeme -> claims holding it, remembered with N (large tables)


_stats_cache: dict[str, _PgStats] = {}
_cache_lock = threading.Lock()


def _pg_stats(session: Session) -> _PgStats:
    """N and the average claim length: counted (small table) or estimated (cached)."""
    key = session.get_bind().engine.url.render_as_string(hide_password=True)
    now = time.monotonic()
    with _cache_lock:
        cached = _stats_cache.get(key)
    if cached is not None and cached.expires > now:
        return cached
    estimate = int(
        session.execute(text("SELECT reltuples FROM pg_class WHERE oid = 'claims'::regclass")).scalar_one() or 0
    )
    if estimate < EXACT_STATS_UP_TO:
        docs, avg_len = session.execute(text("SELECT count(*), avg(fts_length) FROM claims")).one()
        return _PgStats(int(docs), float(avg_len or 1.0), now)
    percent = min(100.0, 100.0 * SAMPLE_ROWS / estimate)
    avg_len = session.execute(
        text(f"SELECT avg(fts_length) FROM claims TABLESAMPLE SYSTEM ({percent:.6f}) REPEATABLE (23)")  # noqa: S608
    ).scalar()
    stats = _PgStats(estimate, float(avg_len or 1.0), now + STATS_TTL_S, {})
    with _cache_lock:
        _stats_cache[key] = stats
    return stats


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

    def search_many(self, queries: list[str], k: int) -> list[list[LexicalHit]]:
        """``search`` for each of several queries (a long statement and its windows), each answer the one
        ``search`` gives. On PostgreSQL in one statement, with N, the average length and the terms' counts read
        once for all (about 5 round trips a query before, ~7 ms a window on 2 busy CPUs); on SQLite FTS5 in
        process, query by query."""
        if len(queries) <= 1 or k <= 0 or self.session.get_bind().dialect.name != "postgresql":
            return [self.search(q, k) for q in queries]
        terms = [query_terms(q) for q in queries]
        if not any(terms):
            return [[] for _ in queries]
        stats = _pg_stats(self.session)
        self._pg_query_lexemes(sorted({t for ts in terms for t in ts}))  # every term's lexemes in one look-up
        lexemes = [self._pg_query_lexemes(ts) if ts else {} for ts in terms]
        counts = stats.term_counts if stats.term_counts is not None else {}
        missing = sorted({lx for found in lexemes for lx in found if lx not in counts})
        if missing:
            counts.update((str(r[0]), int(r[1])) for r in self.session.execute(_PG_TERM_COUNTS, {"lexemes": missing}))
        asked = [n for n, found in enumerate(lexemes) if found]
        hits: list[list[LexicalHit]] = [[] for _ in queries]
        if not asked:
            return hits
        rows = self.session.execute(
            _PG_SEARCH_MANY,
            {
                "qis": asked,
                "owners": [n for n in asked for _ in lexemes[n]],
                "lexemes": [lx for n in asked for lx in lexemes[n]],
                "qfs": [qf for n in asked for qf in lexemes[n].values()],
                "counts": [float(counts[lx]) for n in asked for lx in lexemes[n]],
                "docs": stats.docs,
                "avg_len": stats.avg_len,
                "k": k,
            },
        ).all()
        for qi, claim_id, score in rows:
            hits[int(qi)].append(LexicalHit(str(claim_id), float(score)))
        return hits

    def _pg_query_lexemes(self, terms: list[str]) -> dict[str, int]:
        """The statement's lexemes and how often each occurs, as ``claimledger_fts_vector`` of the terms gives them."""
        known = {term: _lexeme_cache.get(term) for term in terms}
        missing = [term for term, lexemes in known.items() if lexemes is None]
        if missing:
            found: dict[str, list[str]] = {term: [] for term in missing}
            for term, lexeme in self.session.execute(_PG_TERM_LEXEMES, {"terms": missing}):
                if lexeme is not None:
                    found[str(term)].append(str(lexeme))
            with _cache_lock:
                if len(_lexeme_cache) + len(found) > LEXEME_CACHE_SIZE:
                    _lexeme_cache.clear()
                for term, lexemes in found.items():
                    known[term] = _lexeme_cache[term] = tuple(lexemes)
        occurrences: dict[str, int] = {}
        for term in terms:
            for lexeme in known[term] or ():
                occurrences[lexeme] = occurrences.get(lexeme, 0) + 1
        return dict(sorted(occurrences.items()))

    def _pg_search(self, terms: list[str], k: int) -> list[LexicalHit]:
        stats = _pg_stats(self.session)
        lexemes = self._pg_query_lexemes(terms)
        if not lexemes:
            return []
        # Remembered with N on large tables; on small ones a dict of this query's alone (counted every time).
        counts = stats.term_counts if stats.term_counts is not None else {}
        missing = [lx for lx in lexemes if lx not in counts]
        if missing:
            counts.update((str(r[0]), int(r[1])) for r in self.session.execute(_PG_TERM_COUNTS, {"lexemes": missing}))
        names = list(lexemes)
        rows = self.session.execute(
            _PG_SEARCH,
            {
                "lexemes": names,
                "qfs": [lexemes[lx] for lx in names],
                "counts": [float(counts[lx]) for lx in names],
                "docs": stats.docs,
                "avg_len": stats.avg_len,
                "k": k,
            },
        ).all()
        return [LexicalHit(str(r[0]), float(r[1])) for r in rows]
