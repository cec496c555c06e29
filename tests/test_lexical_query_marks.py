"""A keyword query finds a claim however the query's accents are encoded (h135's audit of the API with
international text).

A query typed on a keyboard that sends decomposed letters (macOS, some Vietnamese input methods: "ă" as "a" and a
combining breve) was cut at each combining mark into pieces of words ("tăng" as "ta" and "ng"), and "İstanbul"
lost its first letter ("İ" lower-cased is "i" and a combining dot above), so neither found the claim that holds
the words. A word keeps its marks, as the index reads a claim's text, on both backends.
"""

from __future__ import annotations

import unicodedata

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from db.engine import make_engine, make_session_factory
from db.lexical_index import LexicalIndex, query_terms
from db.models import Claim, Source

# (query, the claim it must find, the claim's one word the query shares with it)
QUERIES = [
    (unicodedata.normalize("NFD", "tăng trưởng"), "Thủ tướng nói kinh tế tăng trưởng mạnh trong quý ba."),
    ("İstanbul", "İstanbul'da enflasyon geçen ay yükseldi."),
    ("ISTANBUL", "İstanbul'da enflasyon geçen ay yükseldi."),
    (unicodedata.normalize("NFD", "producción"), unicodedata.normalize("NFD", "La producción eléctrica aumentó.")),
    (unicodedata.normalize("NFD", "한국은행"), unicodedata.normalize("NFD", "한국은행 총재는 금리를 동결했다.")),
    ("अर्थव्यवस्था", "प्रधानमंत्री ने कहा कि अर्थव्यवस्था तेज़ी से बढ़ी है।"),
]


def _store(session: Session, texts: list[str]) -> list[str]:
    speaker = session.scalar(select(Source).where(Source.name_key == "desk")) or Source(name="Desk", name_key="desk")
    claims = [Claim(text=t, speaker=speaker) for t in texts]
    session.add_all(claims)
    session.flush()
    return [c.id for c in claims]


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        (unicodedata.normalize("NFD", "tăng trưởng"), ["tăng", "trưởng"]),
        ("İstanbul", ["i\u0307stanbul"]),
        ("clo\u0336sed", ["clo\u0336sed"]),  # a mark no letter composes with stays in its word
    ],
)
def test_a_query_word_keeps_its_combining_marks(query: str, terms: list[str]) -> None:
    assert [unicodedata.normalize("NFC", term) for term in query_terms(query)] == terms


def test_a_query_with_decomposed_or_dotted_letters_finds_its_claim_on_both_backends(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        with make_session_factory(engine)() as session:
            ids = _store(session, [claim for _, claim in QUERIES] + ["An unrelated claim about ferries."])
            session.commit()
            index = LexicalIndex(session)
            for (query, _), claim_id in zip(QUERIES, ids, strict=False):
                assert claim_id in [hit.claim_id for hit in index.search(query, 5)], query
    finally:
        engine.dispose()
