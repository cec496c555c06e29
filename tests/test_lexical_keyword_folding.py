"""The keyword index spells letters that do not decompose in ASCII ("ß", "ø", "ł": "Strasse" finds "Straße") and
cuts runs of Han, kana and Hangul into overlapping pairs ("東京" finds "東京都知事選挙"), on both backends alike and
for queries as for claims (migration 0040, ``text_normalize.keyword_text``)."""

from __future__ import annotations

import importlib.util
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from db import lexical_index
from db.engine import make_engine, make_session_factory
from db.lexical_index import LexicalIndex, query_terms
from db.migrate import downgrade, upgrade
from embeddings.encoder import HashingEncoder
from embeddings.rule_judge import RuleJudge
from embeddings.text_normalize import keyword_text
from service.app import create_app
from service.config import Settings
from service.runtime import Runtime
from tests.api.test_retrieval import FILLERS, _headers, _seed
from tests.conftest import BACKENDS, new_database_url
from tests.test_lexical_index import store
from tests.test_lexical_invisible import CONTEXTS, KEPT_KEYWORD_TEXT, assert_index_consistent

SQLITE_OF_THE_ENGINE: Any = (
    pytest.importorskip("pysqlite3.dbapi2") if importlib.util.find_spec("pysqlite3") else sqlite3
)
VERSIONS = Path(__file__).resolve().parent.parent / "migrations/versions"


def migration(file_name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(file_name.removesuffix(".py"), VERSIONS / file_name)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def migration_0040() -> ModuleType:
    return migration("0040_keyword_index_folds_letters_and_pairs_cjk.py")


# (stored claim, a query that must find it).
FOUND_BY = [
    ("Die Straße nach Potsdam wurde am Montag gesperrt.", "Strasse"),
    ("The Hauptstrasse Strasse closure was lifted on Friday.", "straße"),
    ("Søren Kierkegaard was published in Copenhagen.", "Soren"),
    ("Łódź city council raised bus fares.", "Lodz"),
    ("Ærø ferries were cancelled by the storm.", "Aero"),
    ("The œuvre of the painter was sold.", "oeuvre"),
    ("Þórshöfn harbour reopened.", "Thorshofn"),
    ("Đorđe Balašević gave a concert.", "Dorde"),
    ("IJsselmeer dikes: the Ĳssel flooded.", "Ijssel"),
    ("The ﬁnance ministry denied the report.", "finance"),
    ("東京都知事選挙の投票率が上がった。", "東京"),
    ("東京都知事選挙の投票率が上がった。", "知事"),
    ("北京是中国的首都。", "中国"),
    ("日本の首相が発表した。", "首相"),
    ("서울특별시 시장이 발표했다.", "서울"),
    ("2020年3月の予算が成立した。", "年"),  # a character alone (between digits) is a word of its own
]
STORED = list(dict.fromkeys(stored for stored, _ in FOUND_BY))


@pytest.fixture
def app(database_url: str) -> Iterator[tuple[TestClient, Runtime, dict[str, str]]]:
    settings = Settings(database_url=database_url, encoder="hashing", judge="rules", load_models_on_startup=False)
    runtime = Runtime.create(settings)
    runtime.use_models(HashingEncoder(), RuleJudge())
    with TestClient(create_app(settings, runtime), raise_server_exceptions=False) as client:
        yield client, runtime, _headers(runtime)
    runtime.close()


def found(session: Session, query: str) -> list[str]:
    return [h.claim_id for h in LexicalIndex(session).search(query, 10)]


def test_claims_posted_are_found_by_folded_words_and_by_a_pair_of_a_cjk_run(
    app: tuple[TestClient, Runtime, dict[str, str]],
) -> None:
    client, runtime, headers = app
    ids = dict(zip(STORED, _seed(client, headers, [*STORED, *FILLERS])[: len(STORED)], strict=True))
    with make_session_factory(runtime.engine)() as session:
        missed = [(stored, query) for stored, query in FOUND_BY if ids[stored] not in found(session, query)]
        assert missed == []
        # A pair the claim does not hold finds nothing: "京知" is no neighbour pair of 東京都知事選挙.
        assert found(session, "京知") == [] and found(session, "Strase") == []


def test_queries_keep_a_lone_cjk_character_and_drop_other_single_letters() -> None:
    assert query_terms("消費税 税") == ["消費", "費税", "税"]
    assert query_terms("Straße é b 2") == ["strasse", "2"]


FOLDED_LETTERS = "ßẞæÆǽǼǣǢœŒøØǿǾþÞđĐðÐłŁħĦıĳĲŀĿﬀﬁﬂﬃﬄﬅﬆ"
# Strings whose tokens both backends must agree on: every folded letter in a word, CJK runs beside Latin words,
# digits and punctuation, a lone CJK character, kana punctuation and a zero-width space inside a folded word.
MIXED = [
    " ".join(f"a{letter}b" for letter in FOLDED_LETTERS),
    "Tokyo東京2020年オリンピック",
    "a 中 b 東京・大阪 人々 〆切",
    "서울특별시 시장 Seoul",
    "日本の首相が発表した。北京是中国的首都",
    "\U00020000\U00020001\U00020002 x",
    "Stra\u200bße ł\u200bz ß\u200bx",
    "Łódź Søren Straße Þórshöfn Ærø œuvre",
]


def _fts5_reference(texts: list[str]) -> list[Counter[str]]:
    """FTS5's tokens (and how often each occurs) of each text's ``keyword_text``, as the SQLite index reads it (on
    the SQLite ``db.engine`` uses: its tokenizer's Unicode tables follow its version)."""
    connection = SQLITE_OF_THE_ENGINE.connect(":memory:")
    try:
        connection.execute("CREATE VIRTUAL TABLE t USING fts5(text, tokenize='porter unicode61 remove_diacritics 2')")
        connection.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, t, 'instance')")
        for rowid, stored in enumerate(texts, start=1):
            connection.execute("INSERT INTO t(rowid, text) VALUES (?, ?)", (rowid, keyword_text(stored)))
        return [
            Counter(term for (term,) in connection.execute("SELECT term FROM temp.v WHERE doc = ?", (rowid,)))
            for rowid in range(1, len(texts) + 1)
        ]
    finally:
        connection.close()


def index_tokens(session: Session, claim_ids: list[str]) -> list[Counter[str]]:
    """The tokens the backend's index holds for each claim, with their counts."""
    if session.get_bind().dialect.name == "postgresql":
        terms = text("SELECT lexeme, tf FROM claim_terms WHERE claim_id = CAST(:id AS uuid)")
        return [Counter({lexeme: tf for lexeme, tf in session.execute(terms, {"id": i}).all()}) for i in claim_ids]
    session.execute(
        text("CREATE VIRTUAL TABLE IF NOT EXISTS temp.claims_vocab USING fts5vocab(main, claims_fts, 'instance')")
    )
    terms = text("SELECT term FROM temp.claims_vocab WHERE doc = (SELECT rowid FROM claims WHERE id = :id)")
    return [Counter(term for (term,) in session.execute(terms, {"id": i}).all()) for i in claim_ids]


def test_both_backends_index_the_tokens_fts5_reads_in_keyword_text(database_url: str) -> None:
    """Each backend's tokens equal FTS5's over the Python ``keyword_text``: so the two equal each other."""
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            texts = MIXED + [stored for stored, _ in FOUND_BY]
            ids = store(session, texts)
            session.commit()
            expected = _fts5_reference(texts)
            got = index_tokens(session, ids)
            assert [(t, g, e) for t, g, e in zip(texts, got, expected, strict=True) if g != e] == []
            if engine.dialect.name == "postgresql":
                installed = [session.scalar(text("SELECT claimledger_keyword_text(:t)"), {"t": t}) for t in texts]
            else:
                installed = [session.scalar(KEPT_KEYWORD_TEXT, {"id": i}) for i in ids]
            assert [t for t, kept in zip(texts, installed, strict=True) if kept != keyword_text(t)] == []
            assert_index_consistent(session)
    finally:
        engine.dispose()


def test_migration_0040_copies_the_fold_table_and_the_cjk_ranges_of_keyword_text() -> None:
    """0040 keeps its own copy (so that it keeps meaning what it meant): at 0040 it is the data file's (every
    letter of which the tests here store)."""
    from embeddings.text_normalize import CJK_RANGES, KEYWORD_FOLDS

    assert dict(migration_0040().FOLDS) == KEYWORD_FOLDS and migration_0040().CJK_RANGES == CJK_RANGES
    assert "".join(KEYWORD_FOLDS) == FOLDED_LETTERS


@pytest.mark.parametrize("module_name", ["sqlite3", "pysqlite3.dbapi2"])
def test_0040_triggers_write_keyword_text_on_each_sqlite(module_name: str) -> None:
    """The stdlib SQLite (before 3.46 its parser stack is fixed, 0017) and pysqlite3's run the same steps."""
    module: Any = pytest.importorskip(module_name)
    revision = migration_0040()
    steps = revision.sqlite_keyword_text_steps("new.text")
    assert max(expression.count("replace(") for expression, _ in steps) <= revision.MOST_NESTED_REPLACES
    connection = module.connect(":memory:")
    try:
        connection.execute("CREATE TABLE claims (text TEXT NOT NULL)")
        connection.execute("CREATE TABLE claim_keyword_texts (rowid INTEGER PRIMARY KEY, text TEXT NOT NULL)")
        connection.execute(
            "CREATE VIRTUAL TABLE claims_fts USING fts5(text, content='claim_keyword_texts', content_rowid='rowid', "
            "tokenize='porter unicode61 remove_diacritics 2')"
        )
        for trigger in revision._sqlite_triggers(True):
            connection.execute(trigger)
        texts = MIXED + CONTEXTS + [stored for stored, _ in FOUND_BY]
        connection.executemany("INSERT INTO claims (text) VALUES (?)", [(t,) for t in texts])
        kept = [row[0] for row in connection.execute("SELECT text FROM claim_keyword_texts ORDER BY rowid")]
        assert [t for t, got in zip(texts, kept, strict=True) if got != keyword_text(t)] == []
    finally:
        connection.close()


SQLITE_KEYWORD_SCHEMA = text(
    "SELECT type, name, tbl_name, sql FROM sqlite_master "
    "WHERE name LIKE 'claims_fts%' OR name LIKE 'claim_keyword_texts%' ORDER BY name"
)
PG_KEYWORD_FUNCTION = text("SELECT prosrc FROM pg_proc WHERE proname = 'claimledger_keyword_text'")


@pytest.mark.parametrize("backend", BACKENDS)
def test_migration_0040_reindexes_affected_claims_and_its_downgrade_puts_0039_back(
    backend: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Claims stored before 0040 are found by their folded words and CJK pairs after it; its downgrade gives
    0039's index again (its triggers or function, and the claims' tokens), consistent after edits."""
    url = new_database_url(backend, request, "claimledger_keyword_folding")
    upgrade(url, "0039")
    engine = make_engine(url)
    monkeypatch.setattr(lexical_index, "_lexeme_cache", {})
    try:
        texts = ["Die Straße wurde gesperrt.", "東京都知事選挙の投票率", "Łódź raised fares.", "Tolls rose in Leeds."]
        with make_session_factory(engine)() as session:
            ids = store(session, texts + MIXED + CONTEXTS)
            session.commit()
            assert found(session, "strasse") == [] and found(session, "知事") == [] and found(session, "lodz") == []
            tokens_0039 = index_tokens(session, ids)
            schema_0039 = session.execute(SQLITE_KEYWORD_SCHEMA if backend == "sqlite" else PG_KEYWORD_FUNCTION).all()
        engine.dispose()
        upgrade(url)
        monkeypatch.setattr(lexical_index, "_lexeme_cache", {})
        with make_session_factory(engine)() as session:
            assert ids[0] in found(session, "strasse") and ids[1] in found(session, "知事")
            assert ids[2] in found(session, "lodz") and found(session, "leeds") == [ids[3]]
            # (CONTEXTS' last text holds format characters of Unicode versions one backend reads as letters.)
            assert index_tokens(session, ids[: -len(CONTEXTS)]) == _fts5_reference(texts + MIXED)
            assert_index_consistent(session)
            if backend == "sqlite":  # the upgrade's own statements (not the triggers') made the stored claims' text
                kept = [session.scalar(KEPT_KEYWORD_TEXT, {"id": i}) for i in ids]
                assert [
                    t for t, got in zip(texts + MIXED + CONTEXTS, kept, strict=True) if got != keyword_text(t)
                ] == []
            session.execute(text("UPDATE claims SET text = :t WHERE id = :id"), {"t": "Søren left.", "id": ids[2]})
            session.execute(text("DELETE FROM claims WHERE id = :id"), {"id": ids[len(texts)]})
            session.commit()
            assert ids[2] not in found(session, "lodz") and ids[2] in found(session, "soren")
            assert_index_consistent(session)
        engine.dispose()
        downgrade(url, "0039")
        monkeypatch.setattr(lexical_index, "_lexeme_cache", {})
        with make_session_factory(engine)() as session:
            # This code's queries are folded and paired: 0039's index no longer answers them.
            assert found(session, "strasse") == [] and found(session, "知事") == [] and found(session, "soren") == []
            assert found(session, "leeds") == [ids[3]]
            assert_index_consistent(session)
            schema = session.execute(SQLITE_KEYWORD_SCHEMA if backend == "sqlite" else PG_KEYWORD_FUNCTION).all()
            assert schema == schema_0039
            kept_ids = [i for n, i in enumerate(ids) if n not in (2, len(texts))]
            kept_tokens = [t for n, t in enumerate(tokens_0039) if n not in (2, len(texts))]
            assert index_tokens(session, kept_ids) == kept_tokens
        engine.dispose()
    finally:
        engine.dispose()
