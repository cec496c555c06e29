"""The keyword index tokenises and ranks alike on both backends: FTS5 on SQLite, the tsvector column of migration
0004 on PostgreSQL, with BM25 as FTS5 defines it."""

from __future__ import annotations

import math
import re
from collections import Counter

import pytest
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
]


def store(session: Session, texts: list[str]) -> list[str]:
    speaker = Source(name="Desk", name_key="desk")
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
