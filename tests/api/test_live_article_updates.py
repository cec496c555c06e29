"""A live blog posted again at its URL as the night goes on: what its updates flag and what they leave alone."""

from __future__ import annotations

from fastapi.testclient import TestClient

from embeddings.judge import Judgement
from service.runtime import Runtime
from service.services.flags import FlagService

URL = "https://example.org/live/storm-night"
KEPT = "Mayor Peter Quinn said the closure had cost local shops about 3 million euros."
REVERSAL = "Later, Mayor Peter Quinn said the closure had cost local shops about 8 million euros."


def _flag_pairs(client: TestClient, headers: dict[str, str]) -> set[frozenset[str]]:
    flagged = client.get("/v1/flags", params={"kind": "self_contradiction"}, headers=headers).json()["items"]
    return {frozenset((f["claim"]["id"], f["other_claim"]["id"])) for f in flagged}


def test_an_update_that_keeps_a_statement_and_adds_its_reversal_flags_the_speaker(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    """The update still holds the mayor's first figure and adds a paragraph where he gives another: the article
    now states both, which is the speaker reversing himself, not the outlet correcting its copy. The post of the
    update flags it at once (a live event's flags are wanted that night, not after the nightly job), on the pair
    within the update, which is the pair the nightly job would flag."""
    body = {"text": KEPT, "url": URL, "title": "Storm night, live", "published_at": "2026-03-06T21:00:00+00:00"}
    first = client.post("/v1/documents", json=body, headers=writer)
    assert first.status_code == 201, first.text
    updated = client.post(
        "/v1/documents",
        json={**body, "text": f"{KEPT}\n\n{REVERSAL}", "published_at": "2026-03-06T23:30:00+00:00"},
        headers=writer,
    )
    assert updated.status_code == 201, updated.text
    kept, reversal = updated.json()["claims"]
    assert "3 million" in kept["text"] and "8 million" in reversal["text"]
    assert frozenset((kept["id"], reversal["id"])) in _flag_pairs(client, writer)
    assert len(_flag_pairs(client, writer)) == 1, "one flag for the one reversal, whichever copy it met"
    # The first version's copy of the kept statement is the same statement: no second flag when it is met again.
    (first_copy,) = first.json()["claims"]
    with runtime.db.write() as session:
        flags = FlagService(session)
        claims = flags.flags.claims_to_render([reversal["id"], first_copy["id"]])
        flagged = flags.raise_for_claims(
            "self_contradiction",
            claims[reversal["id"]],
            claims[first_copy["id"]],
            Judgement("contradicts", {"entailment": 0.0, "neutral": 0.1, "contradiction": 0.9}),
            0.9,
            "reconcile",
        )
    assert flagged is None
    assert len(_flag_pairs(client, writer)) == 1


def test_a_corrected_figure_in_an_update_still_raises_no_flag(client: TestClient, writer: dict[str, str]) -> None:
    """The update replaces the figure (the earlier version's statement is gone from it): the outlet's correction,
    no flag, as before."""
    body = {"text": KEPT, "url": URL, "published_at": "2026-03-06T21:00:00+00:00"}
    assert client.post("/v1/documents", json=body, headers=writer).status_code == 201
    corrected = {**body, "text": KEPT.replace("3 million", "8 million"), "published_at": "2026-03-06T23:30:00+00:00"}
    assert client.post("/v1/documents", json=corrected, headers=writer).status_code == 201
    assert _flag_pairs(client, writer) == set()


def test_a_speaker_reversing_themself_within_one_article_is_flagged_when_it_is_posted(
    client: TestClient, writer: dict[str, str]
) -> None:
    """The record a posted article's claims are checked against holds none of that article's own claims: the
    mayor's reversal two paragraphs on raised no flag until the nightly job. It is flagged with the post (the
    flag.created webhook fires that night), once: the same article posted again adds none."""
    text = (
        "Mayor Peter Quinn said the flood barrier would be closed on Friday.\n\n"
        "Later, Mayor Peter Quinn said the flood barrier would stay open on Friday."
    )
    body = {"text": text, "url": "https://example.org/flood-barrier", "published_at": "2026-11-02"}
    posted = client.post("/v1/documents", json=body, headers=writer)
    assert posted.status_code == 201, posted.text
    closed, stays_open = posted.json()["claims"]
    assert "closed" in closed["text"] and "stay open" in stays_open["text"]
    flagged = client.get("/v1/flags", headers=writer).json()["items"]
    assert [(f["kind"], f["origin"]) for f in flagged] == [("self_contradiction", "document")]
    assert {flagged[0]["claim"]["id"], flagged[0]["other_claim"]["id"]} == {closed["id"], stays_open["id"]}
    assert client.post("/v1/documents", json=body, headers=writer).json()["id"] == posted.json()["id"]
    assert len(client.get("/v1/flags", headers=writer).json()["items"]) == 1


def test_an_article_whose_claims_agree_raises_no_flag(client: TestClient, writer: dict[str, str]) -> None:
    """Claims of one article that repeat or add to each other are no conflict."""
    text = (
        "Mayor Peter Quinn said the flood barrier would be closed on Friday.\n\n"
        "Later, Mayor Peter Quinn said the flood barrier would be closed on Friday, as planned.\n\n"
        "The harbour master said the ferry would run on Saturday."
    )
    posted = client.post("/v1/documents", json={"text": text, "url": "https://example.org/barrier"}, headers=writer)
    assert posted.status_code == 201, posted.text
    assert len(posted.json()["claims"]) == 3
    assert client.get("/v1/flags", headers=writer).json()["items"] == []
