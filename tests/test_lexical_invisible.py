"""The keyword index reads a claim without the invisible format characters that stand inside its words (soft
hyphens, zero-width characters, the word joiner, the byte-order mark, direction controls), on both backends and
for queries alike (migration 0017, ``text_normalize.keyword_text``): text pasted from web pages and PDFs carries
them, and FTS5's tokenizer and PostgreSQL's parser cut the word there, so "coalition" did not find
"coa\u00adli\u00adtion"."""

from __future__ import annotations

import re
import unicodedata

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from db import lexical_index
from db.engine import make_engine, make_session_factory
from db.lexical_index import LexicalIndex, query_terms
from db.migrate import downgrade, upgrade
from embeddings.text_normalize import INVISIBLE_IN_WORDS, KEYWORD_PLACEHOLDER, keyword_text, normalize
from tests.conftest import BACKENDS, new_database_url
from tests.test_lexical_index import fts5_bm25, store

DISTRACTORS = [
    "An unrelated claim about ferries in the harbour.",
    "The council approved the budget for roads.",
    "Coal prices rose while tuition fees fell.",
]
# (stored text, words typed plainly that must find it, pieces that must not).
STORED_WITH_INVISIBLE = [
    ("The coa\u00adli\u00adtion is in Iraq illegally.", ["coalition"], ["coa", "tion"]),
    ("The coal\u200bition is in Iraq.", ["coalition"], ["coal", "ition"]),
    ("Vacci\u200cnation rates fell last winter.", ["vaccination"], ["vacci"]),
    ("Immi\u200dgration rose by a third.", ["immigration"], ["immi"]),
    ("Parlia\u2060ment voted against the bill.", ["parliament"], ["parlia"]),
    ("Pen\ufeffsion reform was delayed.", ["pension"], ["pen"]),
    ("\ufeffReferendum turnout was low.", ["referendum", "turnout"], []),
    ("The refe\u200erendum was annulled.", ["referendum"], ["refe"]),
    ("Infla\u200ftion hit ten percent.", ["inflation"], ["infla"]),
    ("The govern\u202ament\u202c resigned.", ["government"], ["ment"]),
    ("Unemploy\u202bment\u202c doubled.", ["unemployment"], ["unemploy"]),
    ("Sanc\u202dtions\u202c were lifted.", ["sanctions"], ["sanc"]),
    ("Smug\u202egling\u202c increased at the border.", ["smuggling"], ["smug"]),
    ("\u2066Whitfield\u2069 said taxes rose.", ["whitfield", "taxes"], []),
    ("Deport\u2067ations\u2069 tripled.", ["deportations"], ["ations"]),
    ("Subsi\u2068dies\u2069 were cut.", ["subsidies"], ["subsi"]),
    ("Mi\u00adgra\u200btion\u2060s fell sharply.", ["migrations"], ["gra", "tion"]),
    ("Lon\u200bdon banned diesel buses.", ["london"], ["lon", "don"]),
    (
        "\u0627\u0648 \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u062f \u0628\u0631\u0648\u062f",
        ["\u0645\u06cc\u062e\u0648\u0627\u0647\u062f"],
        [],
    ),
]
PLAIN_COALITION = "The coalition troops left Basra."
# The same word typed with invisible characters inside it.
TYPED_WITH_INVISIBLE = [
    "coa\u00adli\u00adtion",
    "coal\u200bition",
    "coali\u2060tion",
    "\ufeffcoalition",
    "coa\u200cli\u200dtion",
    "\u2066coalition\u2069",
    "coal\u200eition",
]
# Where an invisible character is no joiner: between the words of a script written without spaces (a zero-width
# space is Thai's word boundary, as ``normalize`` keeps it; Thai words without vowel signs, which the query's
# tokens and FTS5 cut at and PostgreSQL does not), between digits, or beside a space.
STILL_SEPARATE = [
    ("\u0e1b\u0e23\u0e30\u0e40\u0e17\u0e28\u200b\u0e15\u0e25\u0e32\u0e14", "\u0e15\u0e25\u0e32\u0e14"),
    ("Budget \u00ad cuts \u200b were \u2060 announced.", "cuts announced"),
    ("Vaccines for 5\u200b11 year olds were approved.", "11"),
]


def found(session: Session, query: str) -> list[str]:
    return [h.claim_id for h in LexicalIndex(session).search(query, 10)]


def test_a_claim_stored_with_invisible_characters_is_found_by_its_words_typed_plainly(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ids = store(session, [t for t, _, _ in STORED_WITH_INVISIBLE] + DISTRACTORS)
            session.commit()
            missed = [
                (stored, word)
                for (stored, words, _), claim_id in zip(STORED_WITH_INVISIBLE, ids, strict=False)
                for word in words
                if claim_id not in found(session, word)
            ]
            cut = [
                (stored, piece)
                for (stored, _, pieces), claim_id in zip(STORED_WITH_INVISIBLE, ids, strict=False)
                for piece in pieces
                if claim_id in found(session, piece)
            ]
            assert missed == [] and cut == []
    finally:
        engine.dispose()


def test_a_plain_claim_is_found_by_its_words_typed_with_invisible_characters(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            claim_id = store(session, [PLAIN_COALITION, *DISTRACTORS])[0]
            session.commit()
            assert [q for q in TYPED_WITH_INVISIBLE if found(session, q) != [claim_id]] == []
            # As the service asks (normalised first), and as the index is asked directly.
            assert [q for q in TYPED_WITH_INVISIBLE if query_terms(q) != ["coalition"]] == []
            assert [q for q in TYPED_WITH_INVISIBLE if query_terms(normalize(q)) != ["coalition"]] == []
    finally:
        engine.dispose()


def test_an_invisible_character_that_joins_no_word_still_separates_words(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ids = store(session, [stored for stored, _ in STILL_SEPARATE] + DISTRACTORS)
            session.commit()
            assert [q for (_, q), i in zip(STILL_SEPARATE, ids, strict=False) if found(session, q)[:1] != [i]] == []
    finally:
        engine.dispose()


BM25_STORED = [
    "Fer\u00adry sank near the har\u200bbour",
    "A ferry fer\u2060ry crossing",
    "\ufeffFerry prices rose",
    "Ferry",
]
BM25_PLAIN = ["Ferry sank near the harbour", "A ferry ferry crossing", "Ferry prices rose", "Ferry"]


def test_invisible_characters_leave_a_claims_bm25_score_as_its_plain_texts_on_both_backends(
    database_url: str,
) -> None:
    """The scores are FTS5's bm25() over the plain texts' tokens, so the same on SQLite and PostgreSQL."""
    expected = fts5_bm25([re.findall(r"[a-z0-9]+", t.lower()) for t in BM25_PLAIN], ["ferry", "harbour", "sank"])
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ids = store(session, BM25_STORED)
            session.commit()
            got = {h.claim_id: h.score for h in LexicalIndex(session).search("ferry har\u00adbour sank", 10)}
            assert got == pytest.approx(dict(zip(ids, expected, strict=True)), rel=1e-6)
    finally:
        engine.dispose()


# Every deleted character inside an ASCII word, beside a space, a digit, another invisible character and at either
# end; the zero-width space in every one of those places; the placeholder 0017's SQLite triggers use; and every
# other format character.
ZWSP = "\u200b"
CONTEXTS = [
    f"ab{c}cd ef {c} gh{c}9 {c}ij kl{c} m{c}{ZWSP}n o{ZWSP}{c}p"
    for c in [*INVISIBLE_IN_WORDS, ZWSP, KEYWORD_PLACEHOLDER, "\u00e9"]
] + [
    f"caf\u00e9{ZWSP}s Z{ZWSP}z 1{ZWSP}2 a{ZWSP}{ZWSP}b x{KEYWORD_PLACEHOLDER}y {KEYWORD_PLACEHOLDER}{ZWSP}",
    # Every format character of the Basic Multilingual Plane inside a word: deleted by both or by neither.
    " ".join(f"a{chr(c)}b" for c in range(0x10000) if unicodedata.category(chr(c)) == "Cf"),
]


KEPT_KEYWORD_TEXT = text("SELECT k.text FROM claim_keyword_texts k JOIN claims c ON c.rowid = k.rowid WHERE c.id = :id")


def test_the_index_reads_keyword_text_on_both_backends(database_url: str) -> None:
    """What each backend's index holds for a claim is what it holds for ``keyword_text`` of it: FTS5's tokens
    (with their positions) on SQLite, ``claimledger_fts_text`` and the postings on PostgreSQL."""
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ids = store(session, CONTEXTS + [keyword_text(t) for t in CONTEXTS])
            session.commit()
            pairs = list(zip(ids[: len(CONTEXTS)], ids[len(CONTEXTS) :], strict=True))
            if engine.dialect.name == "postgresql":
                installed = [session.scalar(text("SELECT claimledger_keyword_text(:t)"), {"t": t}) for t in CONTEXTS]
            else:  # the text the insert trigger kept as the FTS5 table's content, and indexed
                installed = [session.scalar(KEPT_KEYWORD_TEXT, {"id": i}) for i in ids[: len(CONTEXTS)]]
            assert [t for t, got in zip(CONTEXTS, installed, strict=True) if got != keyword_text(t)] == []
            if engine.dialect.name == "postgresql":
                fts_text = text("SELECT claimledger_fts_text(:t)")
                differ = [
                    t
                    for t in CONTEXTS
                    if session.scalar(fts_text, {"t": t}) != session.scalar(fts_text, {"t": keyword_text(t)})
                ]
                terms = text(
                    "SELECT array_agg(lexeme || ':' || tf || ':' || len ORDER BY lexeme) FROM claim_terms "
                    "WHERE claim_id = CAST(:id AS uuid)"
                )
            else:
                session.execute(
                    text("CREATE VIRTUAL TABLE temp.claims_vocab USING fts5vocab(main, claims_fts, 'instance')")
                )
                differ = []
                terms = text(
                    "SELECT group_concat(term || ':' || offset, ' ') FROM (SELECT term, offset FROM temp.claims_vocab "
                    "WHERE doc = (SELECT rowid FROM claims WHERE id = :id) ORDER BY term, offset)"
                )
            differ += [
                CONTEXTS[n]
                for n, (raw, clean) in enumerate(pairs)
                if session.scalar(terms, {"id": raw}) != session.scalar(terms, {"id": clean})
            ]
            assert differ == []
            assert_index_consistent(session)
    finally:
        engine.dispose()


def assert_index_consistent(session: Session) -> None:
    """FTS5's own structure check (SQLite); the postings are exactly the stored tokens' (PostgreSQL)."""
    if session.get_bind().dialect.name == "sqlite":
        # With rank 1 FTS5 also tokenises its content table again and compares: the content is what was indexed.
        session.execute(text("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)"))
        return
    derived = text(
        "SELECT u.lexeme, c.id, coalesce(array_length(u.positions, 1), 1), c.fts_length "
        "FROM claims c CROSS JOIN LATERAL unnest(c.fts_vector) AS u ORDER BY 1, 2"
    )
    postings = text("SELECT lexeme, CAST(claim_id AS text), tf, len FROM claim_terms ORDER BY 1, 2")
    assert session.execute(postings).all() == session.execute(derived).all()


# The keyword index's tables and triggers on SQLite, as sqlite_master holds them (0017's content table included).
SQLITE_KEYWORD_SCHEMA = text(
    "SELECT type, name, tbl_name, sql FROM sqlite_master "
    "WHERE name LIKE 'claims_fts%' OR name LIKE 'claim_keyword_texts%' ORDER BY name"
)


@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_0017_reindexes_stored_claims_and_its_downgrade_puts_them_back(
    backend: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Claims stored before 0017 are found by their plain words after it; after its downgrade the index is
    0016's again (consistent: a claim edited or deleted leaves nothing of its old words)."""
    url = new_database_url(backend, request, "claimledger_invisible")
    upgrade(url, "0016")
    engine = make_engine(url)
    monkeypatch.setattr(lexical_index, "_lexeme_cache", {})
    try:
        texts = ["The coa\u00adli\u00adtion is in Iraq.", "Lon\u200bdon banned diesel buses.", *DISTRACTORS]
        with make_session_factory(engine)() as session:
            ids = store(session, texts + CONTEXTS)
            session.commit()
            assert found(session, "coalition") == []
            schema_0016 = session.execute(SQLITE_KEYWORD_SCHEMA).all() if backend == "sqlite" else []
        engine.dispose()
        upgrade(url)
        with make_session_factory(engine)() as session:
            assert found(session, "coalition") == [ids[0]]
            assert found(session, "london") == [ids[1]]
            assert found(session, "coa") == []
            assert_index_consistent(session)
            if backend == "sqlite":  # the upgrade's own statements (not the triggers') made the stored claims' text
                kept = [session.scalar(KEPT_KEYWORD_TEXT, {"id": i}) for i in ids[len(texts) :]]
                assert [t for t, got in zip(CONTEXTS, kept, strict=True) if got != keyword_text(t)] == []
            session.execute(text("DELETE FROM claims WHERE id = :id"), {"id": ids[len(texts)]})
            session.commit()
            assert_index_consistent(session)
            # An edit takes the old words out as they were indexed (the triggers' 'delete' reads the same text).
            session.execute(
                text("UPDATE claims SET text = :t WHERE id = :id"), {"t": "Pa\u00adris banned cars.", "id": ids[1]}
            )
            session.commit()
            assert found(session, "london") == [] and found(session, "paris") == [ids[1]]
            assert_index_consistent(session)
        engine.dispose()
        downgrade(url, "0016")
        with make_session_factory(engine)() as session:
            assert found(session, "coa") == [ids[0]] and found(session, "ris") == [ids[1]]
            session.execute(text("UPDATE claims SET text = 'Tolls rose.' WHERE id = :id"), {"id": ids[0]})
            session.execute(text("DELETE FROM claims WHERE id = :id"), {"id": ids[1]})
            session.commit()
            assert found(session, "coa") == [] and found(session, "ris") == [] and found(session, "tolls") == [ids[0]]
            assert_index_consistent(session)
            if backend == "sqlite":  # 0016's index reads the stored text itself: FTS5 can check it against it
                session.execute(text("INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)"))
                assert session.execute(SQLITE_KEYWORD_SCHEMA).all() == schema_0016
        engine.dispose()
    finally:
        engine.dispose()
