"""The keyword index tokenises and ranks alike on both backends: FTS5 on SQLite, the tsvector column of migration
0008 on PostgreSQL, with BM25 as FTS5 defines it."""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import make_engine, make_session_factory
from db.lexical_index import LexicalIndex
from db.models import Claim, Source

# (query, the claim it must find): each is a way PostgreSQL's `english` configuration used to differ from FTS5.
TOKENISATION = [
    ("11 anniversary", "Ceremonies marked the 9/11 anniversary downtown."),  # "9/11" is "9" and "11"
    ("covid vaccine", "A COVID-19 vaccine was approved for teenagers."),  # hyphenated: parts only
    ("cafe owner", "The Café owner refused to serve the senator."),  # diacritics folded
    ("runs marathon", "She was running the marathon in record time."),  # stemmed
    ("about", "Nothing was said about the budget."),  # no stop words dropped (a query of function words)
    ("fiscal 2022", "Spending rose in fiscal_2022 by a third."),  # underscore separates tokens
    ("usa.gov portal", "Forms are on the usa.gov portal now."),  # no host, URL or file tokens
    ("told us", "They told us nothing at all."),  # a two-letter word is not stemmed: "us" is not the "u" of "U.S."
]


def store(session: Session, texts: list[str]) -> list[str]:
    speaker = session.scalar(select(Source).where(Source.name_key == "desk")) or Source(name="Desk", name_key="desk")
    claims = [Claim(text=t, speaker=speaker) for t in texts]
    session.add_all(claims)
    session.flush()
    return [c.id for c in claims]


def test_tokens_are_the_same_on_both_backends(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ids = store(session, [text for _, text in TOKENISATION] + ["An unrelated claim about ferries."])
            session.commit()
            index = LexicalIndex(session)
            for (query, _), claim_id in zip(TOKENISATION, ids, strict=False):
                assert claim_id in [h.claim_id for h in index.search(query, 10)], query
            us_troops = store(session, ["U.S. troops left the base."])[0]
            session.commit()
            assert us_troops not in [h.claim_id for h in index.search("us", 10)]
    finally:
        engine.dispose()


def fts5_bm25(documents: list[list[str]], query: list[str]) -> list[float]:
    """FTS5's bm25() (k1 1.2, b 0.75, idf ln((N - n + 0.5) / (n + 0.5)) floored at 1e-6), higher is better."""
    n_docs = len(documents)
    average = sum(len(d) for d in documents) / n_docs
    scores = []
    for document in documents:
        counts = Counter(document)
        score = 0.0
        for term in query:
            hits = sum(1 for d in documents if term in d)
            idf = max(math.log((n_docs - hits + 0.5) / (hits + 0.5)), 1e-6)
            f = counts[term]
            score += idf * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * len(document) / average))
        scores.append(score)
    return scores


def test_bm25_scores_are_fts5s_on_both_backends(database_url: str) -> None:
    # Every claim holds "ferry", so PostgreSQL's average length (over the matched claims) is the table's, as in
    # FTS5; no two words share a stem, so counting unstemmed words counts lexemes.
    texts = [
        "Ferry sank near the harbour",
        "A ferry ferry crossing",
        "The ferry operator denied that anything sank at the harbour last night",
        "Ferry prices rose",
        "Ferry",
        "Ferry timetable for the winter months and holiday weekends",
    ]
    query = ["ferry", "harbour", "sank"]
    expected = fts5_bm25([re.findall(r"[a-z0-9]+", t.lower()) for t in texts], query)
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ids = store(session, texts)
            session.commit()
            hits = LexicalIndex(session).search(" ".join(query), 10)
            got = {h.claim_id: h.score for h in hits}
            assert set(got) == set(ids)
            for claim_id, score in zip(ids, expected, strict=True):
                assert got[claim_id] == pytest.approx(score, rel=1e-6)
            assert [h.claim_id for h in hits][:2] == [ids[i] for i in sorted(range(6), key=lambda i: -expected[i])[:2]]
    finally:
        engine.dispose()


def test_pruned_search_on_a_large_record_returns_the_exact_top_k(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past EXACT_STATS_UP_TO claims PostgreSQL scores only the claims that can still reach the top k; they must
    be the top k that scoring every claim holding any term gives (with the same term statistics)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("the pruning is PostgreSQL's (FTS5 scores every match itself)")
    import random

    from sqlalchemy import text

    from db import lexical_index

    rng = random.Random(5)
    # Zipf-like vocabulary: a few words in most claims (the common terms pg_stats will list), many rare ones.
    vocabulary = [f"w{i}x" for i in range(400)]
    weights = [1.0 / (i + 1) for i in range(len(vocabulary))]
    texts = [" ".join(rng.choices(vocabulary, weights, k=rng.randint(4, 14))) for _ in range(1500)]
    monkeypatch.setattr(lexical_index, "EXACT_STATS_UP_TO", 0)
    monkeypatch.setattr(lexical_index, "_stats_cache", {})
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            store(session, texts)
            session.commit()
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("ANALYZE claims"))
        with make_session_factory(engine)() as session:
            index = LexicalIndex(session)
            stats = lexical_index._pg_stats(session)
            assert stats.common, "ANALYZE should list the common terms"
            score = index._pg_score
            matches: list[str] = []

            def recording(*args: Any) -> list[lexical_index.LexicalHit]:
                matches.append(args[2])
                return score(*args)

            pruned = 0
            for _ in range(40):
                query = " ".join(rng.sample(vocabulary[:6], 3) + rng.sample(vocabulary[6:], 3))
                terms = lexical_index.query_terms(query)
                lexemes = {
                    str(r[0]): int(r[1])
                    for r in session.execute(lexical_index._PG_QUERY_LEXEMES, {"terms": " ".join(terms)})
                }
                known = {
                    lx: lexical_index._idf(stats.docs, stats.common[lx] * stats.docs)
                    for lx in lexemes
                    if lx in stats.common
                }
                everything = lexical_index._any_of(list(lexemes))
                every = score(lexemes, known, everything, stats, 10)
                matches.clear()
                monkeypatch.setattr(index, "_pg_score", recording)
                found = index.search(query, 10)
                monkeypatch.setattr(index, "_pg_score", score)
                assert [h.claim_id for h in found] == [h.claim_id for h in every], query
                assert [h.score for h in found] == pytest.approx([h.score for h in every], rel=1e-9)
                pruned += matches[-1] != everything  # the last pass read fewer claims than every match
            assert pruned >= 10  # most queries were answered without scoring every claim that holds a term
    finally:
        engine.dispose()
