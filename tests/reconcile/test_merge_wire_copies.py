"""A speaker split across two sources whose outlets carried the same words a day apart (a wire story: "UNICEF said" in
one paper, "the United Nations Children's Fund said" in the next) holds two statements until the merge, so the
nightly job flags them as two: a near-duplicate between them, and one contradiction each against a third speaker's
denial. The merge makes them copies of one statement, so it leaves what the job raises for copies: no flag between
them, and one flag per pair of statements (the older one, with the reviews of both, listing the other copy), which
the next run meets without raising or repeating anything. SQLite and PostgreSQL. Found by the h86 audit."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient

from service.runtime import Runtime
from tests.reconcile.test_rejudged_flags import reconcile

Headers = dict[str, str]
REACHED = "The vaccine campaign reached 90 percent of children in Ghana."
DENIED = "The vaccine campaign did not reach 90 percent of children in Ghana."


def _store(client: TestClient, headers: Headers, text: str, speaker: str, said_at: str, url: str) -> str:
    body = {"text": text, "speaker": speaker, "said_at": said_at, "source_url": url}
    reply = client.post("/v1/claims", json=body, headers=headers)
    assert reply.status_code == 201, reply.text
    return str(reply.json()["id"])


def _flags(client: TestClient, headers: Headers) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for kind in ("contradiction", "self_contradiction", "near_duplicate"):
        reply = client.get("/v1/flags", params={"kind": kind, "limit": 100}, headers=headers)
        assert reply.status_code == 200, reply.text
        items += reply.json()["items"]
    return items


def _pair(flag: dict[str, Any]) -> frozenset[str]:
    return frozenset((flag["claim"]["id"], flag["other_claim"]["id"]))


def test_a_merge_that_makes_two_claims_copies_of_one_statement_leaves_one_flag_per_pair_of_statements(
    runtime: Runtime, client: TestClient, make_key: Callable[[str], Headers]
) -> None:
    writer, admin = make_key("read,write"), make_key("admin")
    first = _store(client, writer, REACHED, "UNICEF", "2024-10-10", "https://outlet-a.example/u")
    copy = _store(client, writer, REACHED, "United Nations Children's Fund", "2024-10-11", "https://outlet-b.example/u")
    denial = _store(client, writer, DENIED, "Kofi Mensah", "2024-10-20", "https://outlet-c.example/u")
    reconcile(runtime)
    before = _flags(client, writer)
    # Two speakers to the job: two statements, each contradicted, and a near-duplicate between them.
    assert len(before) == 3 and {(f["kind"], _pair(f)) for f in before} == {
        ("contradiction", frozenset((denial, first))),
        ("contradiction", frozenset((denial, copy))),
        ("near_duplicate", frozenset((first, copy))),
    }, before
    by_pair = {(f["kind"], _pair(f)): f for f in before}
    on_first = by_pair[("contradiction", frozenset((denial, first)))]
    on_copy = by_pair[("contradiction", frozenset((denial, copy)))]
    reviewer = make_key("review,read")
    review = {"status": "dismissed", "note": "the campaign's own figure"}
    assert client.post(f"/v1/flags/{on_copy['id']}/review", json=review, headers=reviewer).status_code == 200

    sources = {s["name"]: s["id"] for s in client.get("/v1/sources", headers=writer).json()["items"]}
    merged = client.post(
        f"/v1/sources/{sources['UNICEF']}/merge",
        json={"source_id": sources["United Nations Children's Fund"]},
        headers=admin,
    )
    assert merged.status_code == 200, merged.text
    assert merged.json()["flags_removed"] == 2, merged.json()  # the near-duplicate between copies, the repeat

    after = _flags(client, writer)
    [flag] = after
    kept = min((on_first, on_copy), key=lambda f: (f["created_at"], f["id"]))
    assert flag["id"] == kept["id"] and flag["kind"] == "contradiction"
    assert flag["status"] == "dismissed"  # the reviews of both: the latest sets the status
    assert [r["note"] for r in flag["reviews"]] == ["the campaign's own figure"]
    other_copy = copy if first in _pair(flag) else first
    listed = [ref["id"] for refs in (flag.get("copies") or {}).values() for ref in refs]
    assert listed == [other_copy], flag

    # The next run re-checks the moved claim: it meets the flag, raises nothing and repeats nothing.
    outcome = reconcile(runtime)
    assert outcome.stats["counts"]["flags_new"] == 0, outcome.stats["counts"]
    assert [f["id"] for f in _flags(client, writer)] == [flag["id"]]
