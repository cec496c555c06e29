"""/v1/documents: the seed article through the API, and malformed articles never a 500."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from embeddings.judge import Judgement
from service.runtime import Runtime
from service.services.flags import Finding, FlagService
from tests.conftest import shared_path


def test_seed_article_yields_attributed_claims(client: TestClient, writer: dict[str, str]) -> None:
    text = shared_path("fixtures", "esta-iraq-coalition-talks.txt").read_text(encoding="utf-8")
    body = {
        "text": text,
        "url": "https://example.org/esta",
        "title": "Talks",
        "publisher": "ESTA",
        "published_at": "2021-04-10",
    }
    response = client.post("/v1/documents", json=body, headers=writer)
    assert response.status_code == 201, response.text
    document = response.json()
    assert document["url"] == "https://example.org/esta"
    assert document["published_at"] == "2021-04-10"
    claims = document["claims"]
    assert len(claims) >= 7
    for claim in claims:
        assert text[claim["span"][0] : claim["span"][1]] == claim["text"]
        assert claim["document_id"] == document["id"]
        assert claim["cue"]
        assert claim["kind"] in ("direct_quote", "indirect_quote")
    speakers = {c["speaker"]["name"]: c["speaker"] for c in claims}
    assert set(speakers) == {"Iraqi military", "Wayne Marotto", "Pentagon"}
    assert speakers["Wayne Marotto"]["kind"] == "person"
    assert speakers["Wayne Marotto"]["role"] == "Coalition spokesman"
    assert speakers["Pentagon"]["kind"] == "organisation"
    assert sum(1 for c in claims if c["speaker"]["name"] == "Iraqi military") == 5
    again = client.get(f"/v1/documents/{document['id']}", headers=writer).json()
    assert again == document
    second = client.post("/v1/documents", json={**body, "url": "https://example.org/esta-2"}, headers=writer).json()
    assert {c["speaker"]["id"] for c in second["claims"]} == {s["id"] for s in speakers.values()}
    found = client.post("/v1/check", json={"text": "U.S. troops in Iraq have risen to 10,000."}, headers=writer).json()
    assert found["matches"][0]["claim"]["speaker"]["name"] == "Pentagon"


def test_malformed_articles_get_4xx_or_empty_never_500(client: TestClient, writer: dict[str, str]) -> None:
    cases = {
        "empty": ("", 422),
        "blank": ("   \n\t ", 422),
        "too long": ("word " * 40_001, 422),
        "no sentences": ("!!! ??? ... ,,,", 201),
        "binary junk with NULs": ("\x00\x01\x02\ufffd\x7f" * 200, 422),
        "binary junk": ("\x01\x02\ufffd\x7f\x1b[0m" * 200, 201),
        "unbalanced quotes": ('“He said it, the minister said. "And then" "', 201),
        "only a quote": ('"Nothing attributed here at all."', 201),
    }
    for name, (text, status) in cases.items():
        response = client.post("/v1/documents", json={"text": text}, headers=writer)
        assert response.status_code == status, (name, response.text[:300])
        if status == 201:
            assert isinstance(response.json()["claims"], list)
    assert client.post("/v1/documents", json={"url": "x"}, headers=writer).status_code == 422
    assert client.get("/v1/documents/00000000-0000-0000-0000-000000000000", headers=writer).status_code == 404


def test_a_denial_in_an_article_is_stored_as_denied_and_contradicted_by_its_own_assertion(
    client: TestClient, writer: dict[str, str]
) -> None:
    text = (
        "KIRKUK — Iraq's Defence Ministry on Tuesday denied reports that 40 soldiers had been killed in the attack.\n\n"
        "Local officials said the base had been hit by rockets."
    )
    document = client.post("/v1/documents", json={"text": text, "url": "https://example.org/kirkuk"}, headers=writer)
    assert document.status_code == 201, document.text
    by_text = {c["text"]: c for c in document.json()["claims"]}
    assert by_text["40 soldiers had been killed in the attack"]["stance"] == "denies"
    assert by_text["40 soldiers had been killed in the attack"]["cue"] == "denied"
    assert by_text["the base had been hit by rockets"]["stance"] == "asserts"
    result = client.post(
        "/v1/check", json={"text": "40 soldiers had been killed in the attack.", "top_k": 1}, headers=writer
    ).json()
    assert result["verdict"] == "contradicted"
    assert result["matches"][0]["claim"]["stance"] == "denies"


def test_a_write_key_reads_back_the_document_it_posted(
    client: TestClient, make_key: Callable[[str], dict[str, str]]
) -> None:
    """The contract's documents section is scope `write`, its GET included (a plugin holds one write key)."""
    write_only = make_key("write")
    body = {"text": "The ministry said the talks would resume on Monday.", "url": "https://example.org/talks"}
    posted = client.post("/v1/documents", json=body, headers=write_only)
    assert posted.status_code == 201, posted.text
    path = f"/v1/documents/{posted.json()['id']}"
    assert client.get(path, headers=write_only).json() == posted.json()
    assert client.get(path, headers=make_key("read")).status_code == 200
    refused = client.get(path, headers=make_key("review"))
    assert refused.status_code == 403
    assert refused.json()["detail"] == "this API key lacks the 'read' or 'write' scope"


def test_the_openapi_document_says_checks_and_articles_are_english_only(client: TestClient) -> None:
    """The models are English: a French article gives no claims, a Spanish statement is rarely matched. The API's
    own description says so where a client reads about each call."""
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/v1/check", "/v1/documents"):
        assert "English only" in paths[path]["post"]["description"], path


RAIL_1 = (
    "OSLOVIK — The government presented its transport plan on Monday. The minister said the new railway would be "
    "finished in 2027."
)
RAIL_2 = (
    "BERGEN — A different country held its own transport debate. The minister said the new railway would be "
    "finished in 2031."
)


def test_a_described_speaker_belongs_to_its_article_alone(client: TestClient, writer: dict[str, str]) -> None:
    """ "The minister" of two articles is two people: each article's claims go to a source of its own, named after
    the description and the article, and the two never make a self-contradiction."""
    first = client.post(
        "/v1/documents", json={"text": RAIL_1, "url": "https://news.example.org/rail-1"}, headers=writer
    )
    second = client.post(
        "/v1/documents", json={"text": RAIL_2, "url": "https://other.example.com/rail-2"}, headers=writer
    )
    assert first.status_code == second.status_code == 201, (first.text, second.text)
    (one,) = first.json()["claims"]
    (two,) = second.json()["claims"]
    assert one["speaker"]["name"] == "minister in news.example.org/rail-1"
    assert two["speaker"]["name"] == "minister in other.example.com/rail-2"
    assert one["speaker"]["kind"] == "person"
    source = client.get(f"/v1/sources/{one['speaker']['id']}", headers=writer).json()
    assert source["metadata"] == {"document_id": first.json()["id"]}
    flags = client.get("/v1/flags", headers=writer).json()["items"]
    assert flags and all(f["kind"] == "contradiction" and not f["same_speaker"] for f in flags)
    assert client.get("/v1/flags", params={"kind": "self_contradiction"}, headers=writer).json()["items"] == []
    assert all(s["name"] != "minister" for s in client.get("/v1/sources", headers=writer).json()["items"])


def test_a_described_speaker_stays_one_within_its_article(client: TestClient, writer: dict[str, str]) -> None:
    """Within one article "the mayor" is one source; the same title again is another article (its short id is
    added), and an article with neither title nor URL is named by its short id."""
    text = (
        "The mayor said the bridge would reopen in May. The mayor added that tolls would stay.\n\n"
        "Local officials said the works had cost more than planned."
    )
    body = {"text": text, "title": "Bridge to reopen", "url": "https://example.org/bridge"}
    document = client.post("/v1/documents", json=body, headers=writer).json()
    names = [c["speaker"]["name"] for c in document["claims"]]
    label = "in “Bridge to reopen”"
    assert names == [f"mayor {label}", f"mayor {label}", f"Local officials {label}"]
    assert len({c["speaker"]["id"] for c in document["claims"][:2]}) == 1
    again = client.post("/v1/documents", json={**body, "url": "https://example.org/bridge-2"}, headers=writer).json()
    mayor = again["claims"][0]["speaker"]
    assert mayor["name"] == f"mayor {label}, document {again['id'][:8]}"
    assert mayor["id"] != document["claims"][0]["speaker"]["id"]
    bare = client.post("/v1/documents", json={"text": "The mayor said the bridge was safe."}, headers=writer).json()
    assert bare["claims"][0]["speaker"]["name"] == f"mayor in document {bare['id'][:8]}"
    assert client.get(f"/v1/documents/{bare['id']}", headers=writer).json() == bare


def test_a_description_the_article_names_is_the_named_speaker_across_articles(
    client: TestClient, writer: dict[str, str]
) -> None:
    text = (
        "OSLO — Norway's transport ministry said on Monday the new railway would be finished in 2027. "
        "The ministry added that tickets would be cheaper."
    )
    ids = set()
    for url in ("https://example.org/oslo-1", "https://example.org/oslo-2"):
        document = client.post("/v1/documents", json={"text": text, "url": url}, headers=writer).json()
        assert [c["speaker"]["name"] for c in document["claims"]] == ["Norway's transport ministry"] * 2
        ids |= {c["speaker"]["id"] for c in document["claims"]}
    assert len(ids) == 1


def test_the_same_article_posted_again_is_the_document_on_record(client: TestClient, writer: dict[str, str]) -> None:
    body = {
        "text": 'The port will reopen on Monday, the harbour master said. "We expect no delays," she added.',
        "url": "https://example.org/port-reopens",
        "title": "Port to reopen",
        "publisher": "Harbour News",
        "published_at": "2022-03-01",
    }
    first = client.post("/v1/documents", json=body, headers=writer)
    assert first.status_code == 201, first.text
    claims_before = client.get("/v1/claims", params={"limit": 100}, headers=writer).json()["items"]
    assert first.json()["claims"], "the article should yield claims"
    again = client.post("/v1/documents", json=body, headers=writer)
    assert again.status_code == 201, again.text
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert client.get("/v1/claims", params={"limit": 100}, headers=writer).json()["items"] == claims_before
    # An update (a changed title, or a changed text) is a new document, with its own claims.
    retitled = client.post("/v1/documents", json={**body, "title": "Port reopens Monday"}, headers=writer).json()
    assert retitled["id"] != first.json()["id"]
    assert {c["id"] for c in retitled["claims"]}.isdisjoint({c["id"] for c in first.json()["claims"]})
    edited = client.post("/v1/documents", json={**body, "text": body["text"] + " "}, headers=writer).json()
    assert edited["id"] not in {first.json()["id"], retitled["id"]}


def test_the_same_article_posted_again_without_a_key_takes_no_write_lock(
    client: TestClient, runtime: Runtime, writer: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plain retry of a stored article is a read: it must not queue behind (or hold) the write lock. With an
    Idempotency-Key the reply is recorded, which is a write."""
    body = {"text": "The ferry will resume on Friday, the operator said.", "url": "https://example.org/ferry-resumes"}
    first = client.post("/v1/documents", json=body, headers=writer)
    assert first.status_code == 201, first.text
    writes: list[str] = []
    real_write = runtime.db.write

    @contextmanager
    def counted_write() -> Iterator[Session]:
        writes.append("write")
        with real_write() as session:
            yield session

    monkeypatch.setattr(runtime.db, "write", counted_write)
    again = client.post("/v1/documents", json=body, headers=writer)
    assert again.status_code == 201, again.text
    assert again.json() == first.json()
    assert again.headers["location"] == first.headers["location"]
    assert writes == []
    keyed = client.post("/v1/documents", json=body, headers={**writer, "Idempotency-Key": "ferry-1"})
    assert keyed.status_code == 201, keyed.text
    assert keyed.json() == first.json()
    assert writes == ["write"]
    replayed = client.post("/v1/documents", json=body, headers={**writer, "Idempotency-Key": "ferry-1"})
    assert replayed.headers.get("idempotent-replayed") == "true"


def test_an_updated_article_is_no_reversal_of_its_speakers(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    """An article posted again at its URL with a corrected figure is the outlet's correction: neither the post nor
    the nightly job (``raise_for_finding``) flags the speaker against the earlier version of the same article.
    The same figures in two articles at two URLs are still the speaker reversing."""
    body = {
        "text": "Mayor Peter Quinn said the closure had cost local shops about 3 million euros.",
        "url": "https://example.org/bridge-update",
        "title": "Bridge reopening confirmed",
        "published_at": "2026-03-06",
    }
    first = client.post("/v1/documents", json=body, headers=writer).json()
    corrected = body["text"].replace("3 million", "2 million") + "\n\nCorrection: an earlier version misstated it."
    updated = client.post("/v1/documents", json={**body, "text": corrected}, headers=writer).json()
    assert updated["id"] != first["id"]
    (old,), (new,) = first["claims"], updated["claims"]
    assert old["speaker"]["id"] == new["speaker"]["id"]
    kinds = ("contradiction", "self_contradiction", "near_duplicate")
    for kind in kinds:
        assert client.get("/v1/flags", params={"kind": kind}, headers=writer).json()["items"] == [], kind
    judgement = Judgement("contradicts", {"entailment": 0.0, "neutral": 0.1, "contradiction": 0.9})
    with runtime.db.write() as session:
        for kind in kinds:
            finding = Finding(kind, new["id"], old["id"], True, judgement, 0.95)
            assert FlagService(session).raise_for_finding(finding, "reconcile") is None
    elsewhere = client.post(
        "/v1/documents", json={**body, "url": "https://other.example.org/bridge-cost"}, headers=writer
    ).json()
    flagged = client.get("/v1/flags", params={"kind": "self_contradiction"}, headers=writer).json()["items"]
    pairs = {frozenset((f["claim"]["id"], f["other_claim"]["id"])) for f in flagged}
    assert frozenset((elsewhere["claims"][0]["id"], new["id"])) in pairs
    assert frozenset((old["id"], new["id"])) not in pairs


def test_a_description_is_the_named_speaker_whose_role_it_is(client: TestClient, writer: dict[str, str]) -> None:
    """ "The prime minister said" in an article that names the prime minister without her title ("Anna Berg, 52,")
    is her, as the record knows her role from an earlier article; a role two named speakers of the article share
    names neither, and an article that names nobody with the role keeps the description its own."""
    first = "Prime Minister Anna Berg said the government will raise defence spending next year."
    client.post("/v1/documents", json={"text": first, "url": "https://example.org/berg-1"}, headers=writer)
    later = (
        "Anna Berg, 52, said on Thursday that the government will not raise defence spending next year.\n\n"
        "The prime minister said the ministry would review its vessel orders."
    )
    document = client.post("/v1/documents", json={"text": later, "url": "https://example.org/berg-2"}, headers=writer)
    assert [c["speaker"]["name"] for c in document.json()["claims"]] == ["Anna Berg", "Anna Berg"]
    client.post(
        "/v1/documents",
        json={"text": "Prime Minister Lena Dahl said the talks had failed.", "url": "https://example.org/dahl"},
        headers=writer,
    )
    both = (
        "Anna Berg said the summit would go ahead.\n\nLena Dahl said the summit was postponed.\n\n"
        "The prime minister said the vote would be on Friday."
    )
    shared = client.post("/v1/documents", json={"text": both, "url": "https://example.org/two-pms"}, headers=writer)
    assert shared.json()["claims"][-1]["speaker"]["name"] == "prime minister in example.org/two-pms"
    alone = "Karin Holm said the prime minister had broken her promise.\n\nThe prime minister said she had not."
    unnamed = client.post("/v1/documents", json={"text": alone, "url": "https://example.org/holm"}, headers=writer)
    assert unnamed.json()["claims"][-1]["speaker"]["name"] == "prime minister in example.org/holm"
