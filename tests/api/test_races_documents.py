"""Articles written at once that make the same new speakers of their own (PostgreSQL: write transactions side by side).

A speaker an article only describes ("the minister") or names by a lone surname another article's speaker holds
("Berg") becomes a source of that article, named after the description and the article's title
("minister in “Rail plan”"), so two articles of one title (an updated story posted again) make the same new names.
Each made them in the order it met them, the key trigger holding each key to the end of its transaction: two articles
meeting them in other orders each held one and waited for the other, "deadlock detected", a 503 for one. SQLite's
write transactions run one at a time: nothing to order there."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from db.models import Source
from db.repositories.sources import SourceRepository
from extraction import ExtractedClaim, ExtractedSpeaker
from service.runtime import Runtime
from service.schemas import DocumentCreate, DocumentOut
from service.services.documents import DocumentService, PreparedDocument
from service.services.speakers import SpeakerService, scoped_document

WAIT_SECONDS = 10.0
CUE = " said that "


def _extract(article: str) -> list[ExtractedClaim]:
    """Each paragraph "<speaker> said that <claim>": a description ("The minister", named "minister") is unnamed, a
    lone word a person's surname; the extractor's output for such text, without its model."""
    claims: list[ExtractedClaim] = []
    start = 0
    for paragraph in article.split("\n\n"):
        mention, _, said = paragraph.partition(CUE)
        if said:
            described = mention.lower().startswith("the ")
            speaker = ExtractedSpeaker(
                name=mention[len("the ") :] if described else mention,
                kind="person",
                mention=mention,
                mention_span=(start, start + len(mention)),
                named=not described,
            )
            at = start + len(mention) + len(CUE)
            claims.append(
                ExtractedClaim(
                    text=said,
                    span=(at, at + len(said)),
                    cue="said",
                    cue_span=None,
                    kind="indirect_quote",
                    confidence=0.9,
                    speaker=speaker,
                )
            )
        start += len(paragraph) + 2
    return claims


def _article(speakers: list[str], copy: int) -> str:
    paragraphs = [f"{speaker}{CUE}the rail plan needs {10 * (i + 1)} more trains" for i, speaker in enumerate(speakers)]
    return "\n\n".join([*paragraphs, f"This is copy {copy} of the story."])


@pytest.fixture
def documents(runtime: Runtime) -> DocumentService:
    if runtime.db.dialect != "postgresql":
        pytest.skip("SQLite's write transactions run one at a time: no two make speakers at once")
    models = runtime.models
    return DocumentService(runtime.settings, models.encoder, _extract, "test-extractor")


@pytest.fixture
def paused_after_first_own_speaker(runtime: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each writer stops after inserting its first speaker of its own article until the other writer has inserted
    one too or waits on a lock: the two then go on with one key each, as two writers a moment apart do."""
    inserted = {"first": threading.Event(), "second": threading.Event()}  # by the name of the writer's thread
    add = SourceRepository.add

    def others_turn() -> None:
        deadline = time.monotonic() + WAIT_SECONDS
        with runtime.db.engine.connect() as conn:
            while time.monotonic() < deadline:
                if any(e.is_set() for name, e in inserted.items() if name != threading.current_thread().name):
                    return
                if conn.execute(text("SELECT count(*) FROM pg_locks WHERE NOT granted")).scalar_one():
                    return
                conn.rollback()  # a fresh snapshot of pg_locks for the next look
                time.sleep(0.01)

    def add_then_pause(self: SourceRepository, source: Source) -> Source:
        added = add(self, source)
        mine = inserted.get(threading.current_thread().name)
        if mine is not None and not mine.is_set() and scoped_document(source) is not None:
            mine.set()
            others_turn()
        return added

    monkeypatch.setattr(SourceRepository, "add", add_then_pause)


def _write_at_once(
    runtime: Runtime, service: DocumentService, prepared: list[PreparedDocument]
) -> tuple[DocumentOut, DocumentOut]:
    """Persist two prepared articles, each in a write transaction of its own, at once; any error fails the test."""
    stored: list[DocumentOut | BaseException | None] = [None, None]

    def write(i: int) -> None:
        try:
            with runtime.db.write() as session:
                stored[i] = service.persist(session, prepared[i])
        except BaseException as exc:  # shown by the assertion below
            stored[i] = exc

    threads = [threading.Thread(target=write, args=(i,), name=name) for i, name in enumerate(("first", "second"))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(WAIT_SECONDS * 3)
    failed = [repr(s) for s in stored if not isinstance(s, DocumentOut)]
    assert not failed, failed
    first, second = stored
    assert isinstance(first, DocumentOut) and isinstance(second, DocumentOut)
    return first, second


def _each_its_own(first: DocumentOut, second: DocumentOut, described: list[str], title: str) -> None:
    """The article stored first has the plain names ("minister in “Rail plan”"), the other the same names with its
    own id: no speaker of one is the other's."""
    first_lost = any(c.speaker.name.endswith(first.id[:8]) for c in first.claims)
    winner, loser = (second, first) if first_lost else (first, second)
    plain = [f"{d} in “{title}”" for d in described]
    assert sorted(c.speaker.name for c in winner.claims) == sorted(plain)
    assert sorted(c.speaker.name for c in loser.claims) == sorted(f"{p}, document {loser.id[:8]}" for p in plain)


def test_two_articles_describing_the_same_speakers_in_other_orders_both_land(
    runtime: Runtime, documents: DocumentService, paused_after_first_own_speaker: None
) -> None:
    """Two posts of one story telling "the minister" and "the spokesman" in other orders. Sources keyed like the
    bare descriptions are on record (a client posted claims under "the minister"), so nothing held the new names
    ahead: each article made its first and waited on the other's, deadlock."""
    with runtime.db.write() as session:
        speakers = SpeakerService(session)
        for name in ("the minister", "the spokesman"):
            speakers.resolve(name)
    described = ["The minister", "The spokesman"]
    prepared = [
        documents.prepare(DocumentCreate(text=_article(order, copy), title="Rail plan", url="https://example.org/r"))
        for copy, order in enumerate([described, described[::-1]])
    ]
    first, second = _write_at_once(runtime, documents, prepared)
    _each_its_own(first, second, ["minister", "spokesman"], "Rail plan")


def test_two_articles_quoting_the_same_lone_surnames_in_other_orders_both_land(
    runtime: Runtime, documents: DocumentService, paused_after_first_own_speaker: None
) -> None:
    """Two posts of one story quoting "Berg" and "Holm", surnames an earlier article's own speakers hold, in other
    orders: each article's are its own ("Berg in “Union row”"), made in the order met, deadlock."""
    earlier = documents.prepare(DocumentCreate(text=_article(["Berg", "Holm"], 0), title="Earlier story"))
    with runtime.db.write() as session:
        documents.persist(session, earlier)
    prepared = [
        documents.prepare(DocumentCreate(text=_article(order, copy), title="Union row"))
        for copy, order in enumerate([["Berg", "Holm"], ["Holm", "Berg"]], start=1)
    ]
    first, second = _write_at_once(runtime, documents, prepared)
    _each_its_own(first, second, ["Berg", "Holm"], "Union row")
