"""Writers at once on the real database (issue: no data lost, no 500, one transaction owner per request).

Found by the concurrency audit through the REST API (12 clients at once against a live server, both backends): on
PostgreSQL, where write transactions run side by side, the same article or ClaimReview posted at once was stored
twice, bulk posts naming the same new speakers in another order deadlocked (503 for most of them), a new source
registered at once was 201 for every client, and one source renamed at once was a 500. SQLite passes each as is:
its write transactions run one at a time."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import func, select, text

from db.models import Document
from service.api.checking import check_service
from service.runtime import Runtime
from service.schemas import DocumentCreate, DocumentOut
from service.services.documents import DocumentService
from service.services.source_merge import merge_sources

ARTICLE = (
    "LONDON — The finance minister, Jonas Berg, said on Monday that inflation had fallen to 3 percent in March.\n\n"
    "The opposition leader Maria Alvarez said the figures were misleading."
)
WAIT_SECONDS = 10.0


def _blocked_or_done(runtime: Runtime, thread: threading.Thread) -> None:
    """Return once ``thread`` has finished or (PostgreSQL) some transaction waits on a lock: the second writer has
    met the first one's. SQLite's second write transaction waits at its BEGIN IMMEDIATE, which shows nowhere."""
    deadline = time.monotonic() + WAIT_SECONDS
    if runtime.db.dialect != "postgresql":
        thread.join(0.2)
        return
    with runtime.db.engine.connect() as conn:
        while thread.is_alive() and time.monotonic() < deadline:
            waiting = conn.execute(text("SELECT count(*) FROM pg_locks WHERE NOT granted")).scalar_one()
            conn.rollback()  # a fresh snapshot of pg_locks for the next look
            if waiting:
                return
            time.sleep(0.01)


def test_the_same_article_written_twice_at_once_is_stored_once(runtime: Runtime) -> None:
    """Two posts of one article that both found nothing on record (each checks again in its write transaction):
    the second must see the first's document once it commits, not store a copy with copies of every claim."""
    models = runtime.models
    service = DocumentService(
        runtime.settings, models.encoder, models.extraction.extract, models.extraction.version, check_service(runtime)
    )
    prepared = service.prepare(DocumentCreate(text=ARTICLE, url="https://example.org/berg"))
    assert prepared.claims.bodies  # new speakers too: the second writer meets the first's locks either way
    second: list[DocumentOut] = []

    def write_second() -> None:
        with runtime.db.write() as session:
            second.append(service.persist(session, prepared))

    with runtime.db.write() as session:
        first = service.persist(session, prepared)
        other = threading.Thread(target=write_second)
        other.start()
        _blocked_or_done(runtime, other)
    other.join(WAIT_SECONDS)
    assert not other.is_alive()
    assert [d.id for d in second] == [first.id]
    assert [c.id for c in second[0].claims] == [c.id for c in first.claims]
    with runtime.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1


def _rotated(names: list[str], by: int) -> list[str]:
    return names[by:] + names[:by]


def test_bulk_posts_naming_the_same_new_speakers_in_other_orders_all_land(
    client: TestClient, writer: dict[str, str]
) -> None:
    """Each bulk makes its new speakers as it meets them; on PostgreSQL each holds its speaker's key (a lock the
    key trigger takes) to the end of its transaction, so two bulks meeting the same names in other orders waited
    on each other: "deadlock detected", 503 for all but one or two of eight."""
    clients = 8
    for round_no in range(3):
        names = [f"Round{round_no} Speaker{letter}" for letter in "ABCDEF"]
        barrier = threading.Barrier(clients)

        def post(i: int, names: list[str] = names, barrier: threading.Barrier = barrier) -> int:
            speakers = _rotated(names, i % len(names))
            claims = [{"text": f"Claim {i} of {name}.", "speaker": name} for name in speakers]
            barrier.wait()
            return client.post("/v1/claims/bulk", json={"claims": claims}, headers=writer).status_code

        statuses = _in_threads(post, clients)
        assert statuses == [200] * clients, statuses
        sources = client.get("/v1/sources", params={"limit": 500}, headers=writer).json()["items"]
        assert sorted(s["name"] for s in sources if s["name"] in names) == sorted(names)


def _in_threads(call: Callable[[int], int], count: int) -> list[int]:
    results = [0] * count

    def run(i: int) -> None:
        results[i] = call(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _at_once(count: int, call: Callable[[int], int]) -> list[int]:
    """``call(i)`` from ``count`` threads released together."""
    barrier = threading.Barrier(count)

    def released(i: int) -> int:
        barrier.wait()
        return call(i)

    return _in_threads(released, count)


def test_a_source_registered_by_several_clients_at_once_is_201_once_and_409_after(
    client: TestClient, writer: dict[str, str]
) -> None:
    """The contract of POST /v1/sources: 409 when the name exists. On PostgreSQL every client found no source,
    and all but one then met the winner's row and answered it as theirs: 201 each time."""
    for round_no in range(3):
        name = f"Registered Source{round_no}"

        def register(_i: int, name: str = name) -> int:
            return client.post("/v1/sources", json={"name": name}, headers=writer).status_code

        statuses = _at_once(8, register)
        assert sorted(statuses) == [201] + [409] * 7, statuses


def test_one_source_renamed_by_several_clients_at_once_is_never_a_500(
    client: TestClient, writer: dict[str, str]
) -> None:
    """Each PATCH read the source's old name and kept it as an alias: on PostgreSQL the second insert of that alias
    was a unique violation, a 500. The second rename finds the name already given (200), as one after the other."""
    for round_no in range(3):
        source = client.post("/v1/sources", json={"name": f"Old Name{round_no}"}, headers=writer).json()
        new_name = f"New Name{round_no}"
        path = f"/v1/sources/{source['id']}"

        def rename(_i: int, path: str = path, new_name: str = new_name) -> int:
            return client.patch(path, json={"name": new_name}, headers=writer).status_code

        statuses = _at_once(8, rename)
        assert statuses == [200] * 8, statuses
        renamed = client.get(path, headers=writer).json()
        assert renamed["name"] == new_name
        assert renamed["aliases"] == [f"Old Name{round_no}"]


def test_one_claimreview_imported_by_several_clients_at_once_is_stored_once(
    client: TestClient, writer: dict[str, str]
) -> None:
    """Re-importing a review creates nothing; on PostgreSQL eight imports at once each found nothing on record and
    stored a claim of their own (eight claims, eight reviews)."""
    for round_no in range(3):
        review: dict[str, object] = {
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "url": f"https://factcheck.example/bridge-{round_no}",
            "claimReviewed": f"The bridge cost 40 million euros ({round_no}).",
            "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": f"Reviewed Person{round_no}"}},
            "reviewRating": {"@type": "Rating", "ratingValue": 1, "bestRating": 5, "worstRating": 1},
        }
        replies: list[dict[str, object]] = []

        def post(_i: int, review: dict[str, object] = review, replies: list[dict[str, object]] = replies) -> int:
            reply = client.post("/v1/claimreviews", json=review, headers=writer)
            replies.append(reply.json())
            return reply.status_code

        assert _at_once(8, post) == [201] * 8
        assert sum(int(str(r["created"])) for r in replies) == 1
        listed = client.get("/v1/claims", params={"limit": 500}, headers=writer).json()["items"]
        assert [c["text"] for c in listed].count(review["claimReviewed"]) == 1


def test_a_bulk_naming_a_source_merged_away_meanwhile_lands_on_the_source_kept(
    runtime: Runtime, client: TestClient, writer: dict[str, str]
) -> None:
    """A bulk found "Other Person" on record while a merge into "Kept Person" was deleting it (PostgreSQL reads the
    row until the merge commits). Its claim, written as the bulk's next new speaker was made, failed its foreign key
    once the merge committed; the speaker service took that for its own key's conflict and looked the key up in the
    failed transaction: a 500. The bulk is written again instead, and the claim is the kept source's."""
    keep = client.post("/v1/sources", json={"name": "Kept Person"}, headers=writer).json()["id"]
    other = client.post("/v1/sources", json={"name": "Other Person"}, headers=writer).json()["id"]
    claims = [
        {"text": "The depot will close in May.", "speaker": "Other Person"},
        {"text": "The depot will stay open.", "speaker": "Newcomer Person"},
    ]
    replies: list[tuple[int, str]] = []

    def post_bulk() -> None:
        reply = client.post("/v1/claims/bulk", json={"claims": claims}, headers=writer)
        replies.append((reply.status_code, reply.text))

    with runtime.db.write() as session:
        merge_sources(session, keep, other)
        bulk = threading.Thread(target=post_bulk)
        bulk.start()
        _blocked_or_done(runtime, bulk)
    bulk.join(WAIT_SECONDS)
    assert [status for status, _ in replies] == [200], replies
    stored = [
        client.get(f"/v1/claims/{claim_id}", headers=writer).json() for claim_id in json.loads(replies[0][1])["ids"]
    ]
    assert [c["speaker"]["name"] for c in stored] == ["Kept Person", "Newcomer Person"]
    assert stored[0]["speaker"]["id"] == keep
