"""The keyword index tokenises and ranks alike on both backends: FTS5 on SQLite, the tsvector column of migration
0008 on PostgreSQL, with BM25 as FTS5 defines it."""

from __future__ import annotations

import math
import random
import re
import unicodedata
from collections import Counter

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from db import lexical_index
from db.engine import make_engine, make_session_factory
from db.lexical_index import LexicalIndex
from db.models import Claim, Source
from embeddings.text_normalize import keyword_text

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
    # Each term's idf once: counting its documents inside the per-document loop made the reference, not the
    # system under test, most of the suite's time (1,540 claims x 30 queries took minutes).
    hits = {term: sum(1 for d in documents if term in d) for term in set(query)}
    idf = {term: max(math.log((n_docs - n + 0.5) / (n + 0.5)), 1e-6) for term, n in hits.items()}
    scores = []
    for document in documents:
        counts = Counter(document)
        score = 0.0
        for term in query:
            f = counts[term]
            score += idf[term] * f * 2.2 / (f + 1.2 * (0.25 + 0.75 * len(document) / average))
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


def zipf_record(rng: random.Random, claims: int) -> tuple[list[str], list[str]]:
    """Texts over a Zipf-like vocabulary (a few words in most claims, many rare ones) and the vocabulary."""
    vocabulary = [f"w{i}x" for i in range(400)]
    weights = [1.0 / (i + 1) for i in range(len(vocabulary))]
    texts = [" ".join(rng.choices(vocabulary, weights, k=rng.randint(4, 14))) for _ in range(claims)]
    texts += texts[:40]  # the same text twice: equal scores, which FTS5 gives in storage order
    return texts, vocabulary


@pytest.mark.parametrize("estimated", [False, True], ids=["counted", "estimated"])
def test_search_over_a_record_is_fts5s_bm25_top_k(
    database_url: str, monkeypatch: pytest.MonkeyPatch, estimated: bool
) -> None:
    """Every query returns the top k of BM25 over every claim, ties in storage order: on SQLite FTS5 itself, on
    PostgreSQL the postings of migration 0010, with N and the average length counted, or (past EXACT_STATS_UP_TO)
    estimated from the planner's row count and a sample, exact here once the table is analysed."""
    if estimated and not database_url.startswith("postgresql"):
        pytest.skip("FTS5 always counts")
    rng = random.Random(5)
    texts, vocabulary = zipf_record(rng, 1500)
    if estimated:
        monkeypatch.setattr(lexical_index, "EXACT_STATS_UP_TO", 0)
    monkeypatch.setattr(lexical_index, "_stats_cache", {})
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ids = store(session, texts)
            session.commit()
        if estimated:
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE claims"))
        documents = [t.split() for t in texts]
        with make_session_factory(engine)() as session:
            index = LexicalIndex(session)
            for _ in range(30):
                query = rng.sample(vocabulary[:6], 3) + rng.sample(vocabulary[6:], 3)
                expected = fts5_bm25(documents, query)
                order = sorted(range(len(texts)), key=lambda i: (-round(expected[i], 9), i))[:10]
                found = index.search(" ".join(query), 10)
                assert [h.claim_id for h in found] == [ids[i] for i in order], query
                assert [h.score for h in found] == pytest.approx([expected[i] for i in order], rel=1e-6)
    finally:
        engine.dispose()


def test_postgresql_postings_follow_every_write(database_url: str) -> None:
    """claim_terms (0010) holds exactly each stored claim's terms through inserts, text edits, deletes (ORM
    and bulk) and truncation, so the search never finds a claim by words it no longer has."""
    if not database_url.startswith("postgresql"):
        pytest.skip("the postings table is PostgreSQL's (FTS5 keeps its own)")
    derived = text(
        "SELECT u.lexeme, c.id, coalesce(array_length(u.positions, 1), 1), c.fts_length "
        "FROM claims c CROSS JOIN LATERAL unnest(c.fts_vector) AS u ORDER BY 1, 2"
    )
    postings = text("SELECT lexeme, CAST(claim_id AS text), tf, len FROM claim_terms ORDER BY 1, 2")
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ids = store(session, ["Ferries sank near the harbour", "Tolls rose on the bridge", "Ferry fares fell"])
            session.commit()
            assert session.execute(postings).all() == session.execute(derived).all()
            edited = session.get(Claim, ids[1])
            assert edited is not None
            edited.text = "Tolls fell on the tunnel and the tunnel closed"
            session.delete(session.get(Claim, ids[2]))
            session.commit()
            assert session.execute(postings).all() == session.execute(derived).all()
            index = LexicalIndex(session)
            assert index.search("bridge", 5) == []
            assert [h.claim_id for h in index.search("tunnel", 5)] == [ids[1]]
            assert index.search("fares", 5) == []
            added = store(session, ["Ferry fares rose again"])
            session.execute(text("DELETE FROM claims WHERE text LIKE 'Tolls%'"))  # a bulk delete, as a script's
            session.commit()
            assert session.execute(postings).all() == session.execute(derived).all()
            assert {row[1] for row in session.execute(postings)} == {ids[0], *added}
            session.execute(text("TRUNCATE claims CASCADE"))
            session.commit()
            assert session.execute(postings).all() == []
    finally:
        engine.dispose()


def test_postgresql_query_lexemes_term_by_term_are_the_statements(database_url: str) -> None:
    """The search looks each term's lexemes up once and remembers them; together they must be what the whole
    statement's tsvector holds, with the same counts (a term is a run of letters and digits, parsed alike alone)."""
    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL's lexemes (FTS5 tokenises the query itself)")
    whole = text(
        "SELECT u.lexeme, coalesce(array_length(u.positions, 1), 1) FROM unnest(claimledger_fts_vector(:terms)) AS u"
    )
    statements = [query for query, _ in TOKENISATION] + [
        "Ferries ferry FERRY passengers 2,500 times; the café's 9/11 COVID-19 runs ran running",
        "U.S. troops in Iraq: 3.9 percent of them, all of them, none of them",
        "Is it?",
    ]
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            index = LexicalIndex(session)
            for statement in statements:
                terms = lexical_index.query_terms(statement)
                expected: dict[str, int] = dict(session.execute(whole, {"terms": " ".join(terms)}).tuples().all())
                assert index._pg_query_lexemes(terms) == expected, statement
                assert index._pg_query_lexemes(terms) == expected, statement  # from the remembered terms
    finally:
        engine.dispose()


# Accented Latin letters, upper and lower case: FTS5 (remove_diacritics 2) folds every one that carries diacritics.
LATIN = (
    "àáâãäåāăąǎạảấầẩẫậắằẳẵặçćĉċčďđèéêëēĕėęěẹẻẽếềểễệĝğġģĥħìíîïĩīĭįıǐịỉĵķĺļľłñńņňòóôõöøōŏőǒọỏốồổỗộớờởỡợơŕŗřśŝşšș"
    "ţťțùúûüũūŭůűųǔưụủứừửữựŵýÿŷỳỵỷỹźżžæœßþð"
)


def fts5_tokens(words: list[str]) -> list[str]:
    """Each word as the SQLite index reads it (FTS5's tokenizer of migration 0001 over its ``keyword_text``, 0017 and
    0040: "đ" is "d" on both backends), its tokens sorted and joined by a space."""
    engine = make_engine("sqlite://")
    found = []
    try:
        with engine.connect() as conn:
            conn.execute(text("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='porter unicode61 remove_diacritics 2')"))
            conn.execute(text("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')"))
            for word in words:
                conn.execute(text("DELETE FROM t"))
                conn.execute(text("INSERT INTO t(x) VALUES (:w)"), {"w": keyword_text(word)})
                found.append(str(conn.execute(text("SELECT group_concat(term, ' ') FROM v")).scalar()))
    finally:
        engine.dispose()
    return found


# Words around the two places where SQLite's Porter stemmer (Porter's C code) departs from Snowball's "porter"
# ("logi" -> "log", "bli" -> "ble", each where the stem before it has m > 0), and their neighbours.
STEMS = [
    "technology",
    "technologies",
    "technological",
    "ideology",
    "ideologies",
    "apology",
    "apologies",
    "biology",
    "geology",
    "ecology",
    "analogy",
    "hymnology",
    "possibly",
    "possible",
    "assembly",
    "assemblies",
    "terribly",
    "incredibly",
    "ostensibly",
    "ably",
    "nobly",
    "humbly",
    "visibly",
    "forcibly",
    "running",
    "generously",
    "1990s",
    "blogs",
    "catalogue",
]


def test_postgresql_tokens_are_fts5s_for_accents_and_stems(database_url: str) -> None:
    """Migration 0013: PostgreSQL's tokens for every accented Latin letter, written composed ("é") or decomposed
    ("e" and a combining accent, as text pasted from some PDFs comes), are FTS5's: 0008's list of 70 letters left
    Vietnamese and Romanian letters unfolded, and a decomposed word was cut in two at its accent. So are its stems
    where Snowball's Porter stemmer and SQLite's differ ("technology": "technologi" against "technolog")."""
    if not database_url.startswith("postgresql"):
        pytest.skip("FTS5 is the reference")
    letters = LATIN + LATIN.upper()
    words = [f"x{c}z" for c in letters] + [unicodedata.normalize("NFD", f"x{c}z") for c in letters] + STEMS
    engine = make_engine(database_url)
    try:
        with engine.connect() as conn:
            tokens = text(  # in code point order, as FTS5's vocabulary lists them
                "SELECT array_to_string(ARRAY(SELECT t FROM unnest(tsvector_to_array(claimledger_fts_vector(:w))) AS t "
                "ORDER BY t COLLATE \"C\"), ' ')"
            )
            postgres = [str(conn.execute(tokens, {"w": w}).scalar()) for w in words]
    finally:
        engine.dispose()
    differ = [(w, f, p) for w, f, p in zip(words, fts5_tokens(words), postgres, strict=True) if f != p]
    assert differ == []


def test_accented_names_and_other_word_forms_are_found_on_both_backends(database_url: str) -> None:
    claims = [
        "Nguyễn Phú Trọng met the delegation.",
        "Timișoara opened a new tram line.",
        unicodedata.normalize("NFD", "Pierre Lefèvre defended the pension reform."),
        unicodedata.normalize("NFD", "São Paulo's metro carries four million passengers."),
        "The transaction was possibly fraudulent.",
    ]
    queries = [["nguyen", "Nguyễn"], ["timisoara", "Timișoara"], ["lefevre", "Lefèvre"], ["sao", "São"], ["possible"]]
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ids = store(session, [*claims, "An unrelated claim about ferries."])
            session.commit()
            index = LexicalIndex(session)
            for claim_id, forms in zip(ids, queries, strict=False):
                for query in forms:
                    assert [h.claim_id for h in index.search(query, 5)] == [claim_id], query
    finally:
        engine.dispose()
