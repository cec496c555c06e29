"""One speaker, one source over REST: look-alike spellings resolve to the existing source, and ?name= on
/v1/sources takes % and _ literally."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.conftest import SEED_CLAIM


def test_look_alike_spellings_of_a_speaker_resolve_to_the_existing_source(
    client: TestClient, writer: dict[str, str]
) -> None:
    original = client.post("/v1/claims", json=SEED_CLAIM, headers=writer).json()["speaker"]
    spellings = ["Penta\u200bgon", "Ｐｅｎｔａｇｏｎ", "Pentаgon", "\u202ePentagon", "the Pentаgon's"]
    for i, spelling in enumerate(spellings):
        created = client.post("/v1/claims", json={"text": f"Claim number {i}.", "speaker": spelling}, headers=writer)
        assert created.status_code == 201, created.text
        assert created.json()["speaker"] == original, spelling
    sources = client.get("/v1/sources", headers=writer).json()["items"]
    assert [s["name"] for s in sources] == ["Pentagon"]
    assert len(client.get(f"/v1/sources/{original['id']}/claims", headers=writer).json()["items"]) == 6
    # A look-alike of a known name is no new source, nor a new alias for another one.
    duplicate = client.post("/v1/sources", json={"name": "Реntagon"}, headers=writer)
    assert duplicate.status_code == 409


def test_a_new_speaker_written_with_invisible_characters_is_stored_without_them(
    client: TestClient, writer: dict[str, str]
) -> None:
    created = client.post(
        "/v1/claims", json={"text": "A claim.", "speaker": "Ira\u200bqi \u2066military"}, headers=writer
    )
    assert created.status_code == 201, created.text
    assert created.json()["speaker"]["name"] == "Iraqi military"
    again = client.post("/v1/claims", json={"text": "Another claim.", "speaker": "Iraqi military"}, headers=writer)
    assert again.json()["speaker"]["id"] == created.json()["speaker"]["id"]


def test_similar_but_different_names_stay_different_sources(client: TestClient, writer: dict[str, str]) -> None:
    ids = {
        client.post("/v1/claims", json={"text": f"Claim by {name}.", "speaker": name}, headers=writer).json()[
            "speaker"
        ]["id"]
        for name in ("Iran", "Iraq", "Bush", "Busch")
    }
    assert len(ids) == 4


def test_name_filter_takes_percent_and_underscore_literally(client: TestClient, writer: dict[str, str]) -> None:
    for name in ("100% Fact Check", "A_B Group", "AxB Group", "Plain Name"):
        assert client.post("/v1/sources", json={"name": name}, headers=writer).status_code == 201

    def names(query: str) -> set[str]:
        reply = client.get("/v1/sources", params={"name": query}, headers=writer)
        assert reply.status_code == 200, reply.text
        return {s["name"] for s in reply.json()["items"]}

    assert names("%") == {"100% Fact Check"}
    assert names("_") == {"A_B Group"}
    assert names("a_b") == {"A_B Group"}
    assert names("group") == {"A_B Group", "AxB Group"}
    assert names("\\") == set()


def test_name_filter_finds_a_source_by_its_alias(client: TestClient, writer: dict[str, str]) -> None:
    created = client.post("/v1/sources", json={"name": "Pentagon"}, headers=writer)
    assert created.status_code == 201
    source_id = created.json()["id"]
    alias = {"alias": "U.S. Department of Defense"}
    assert client.post(f"/v1/sources/{source_id}/aliases", json=alias, headers=writer).status_code in (200, 201)
    found = client.get("/v1/sources", params={"name": "department of defense"}, headers=writer)
    assert [s["id"] for s in found.json()["items"]] == [source_id]
    assert client.get("/v1/sources", params={"name": "ministry"}, headers=writer).json()["items"] == []


def test_an_office_written_before_a_new_name_becomes_its_role(client: TestClient, writer: dict[str, str]) -> None:
    """Titles are no part of who speaks ("Mayor Jane Quinn" and "Jane Quinn" are one source), but an office is
    kept as the role, as the extractor keeps "President Joe Biden"'s; an honorific is not an office."""
    mayor = client.post(
        "/v1/claims", json={"text": "The bridge reopens in May.", "speaker": "Mayor Jane Quinn"}, headers=writer
    )
    assert mayor.status_code == 201, mayor.text
    speaker = mayor.json()["speaker"]
    assert (speaker["name"], speaker["role"]) == ("Jane Quinn", "Mayor")
    plain = client.post(
        "/v1/claims", json={"text": "The bridge reopens in June.", "speaker": "Jane Quinn"}, headers=writer
    )
    assert plain.json()["speaker"]["id"] == speaker["id"]
    doctor = client.post("/v1/claims", json={"text": "Flu cases fell.", "speaker": "Dr. Ann Lee"}, headers=writer)
    assert (doctor.json()["speaker"]["name"], doctor.json()["speaker"]["role"]) == ("Ann Lee", None)


def test_an_occupation_before_a_name_is_one_source_with_the_role(client: TestClient, writer: dict[str, str]) -> None:
    """ "Coach Diego Sanz" and "Diego Sanz" in one bulk write are one source, the occupation kept as its role, so
    the person's statements are one speaker's (self-contradictions, not contradictions between two speakers)."""
    pairs = [
        ("Coach Diego Sanz", "Diego Sanz", "Coach"),
        ("Prosecutor Helen Grant", "Helen Grant", "Prosecutor"),
        ("Manager Ian Corrigan", "Ian Corrigan", "Manager"),
        ("Defence lawyer Tom Hale", "Tom Hale", "Defence lawyer"),
        ("Head coach Ana Diaz", "Ana Diaz", "Head coach"),
        ("Chief Executive Sam Ng", "Sam Ng", "Chief Executive"),
        ("Mayor Peter Quinn", "Peter Quinn", "Mayor"),
    ]
    claims = [
        {"text": f"Statement number {i} was made.", "speaker": speaker}
        for i, speaker in enumerate(s for titled, bare, _ in pairs for s in (titled, bare))
    ]
    bulk = client.post("/v1/claims/bulk", json={"claims": claims}, headers=writer)
    assert bulk.status_code in (200, 201), bulk.text
    sources = client.get("/v1/sources", params={"limit": 100}, headers=writer).json()["items"]
    assert sorted((s["name"], s["role"]) for s in sources) == sorted((bare, role) for _, bare, role in pairs)
    for source in sources:
        said = client.get(f"/v1/sources/{source['id']}/claims", headers=writer).json()["items"]
        assert len(said) == 2, source["name"]
    # A body's name that opens with an occupation stays whole, with no role.
    body = client.post("/v1/claims", json={"text": "Sales rose.", "speaker": "Manager Magazin"}, headers=writer)
    assert (body.json()["speaker"]["name"], body.json()["speaker"]["role"]) == ("Manager Magazin", None)


def test_an_occupation_before_a_surname_two_people_share_is_refused(client: TestClient, writer: dict[str, str]) -> None:
    """ "Coach Sanz" with Diego and Maria Sanz on record is a lone surname, as "Mr. Sanz" is: 422, not a guess."""
    _source(client, writer, "Diego Sanz", kind="person")
    _source(client, writer, "Maria Sanz", kind="person")
    refused = client.post("/v1/claims", json={"text": "We won.", "speaker": "Coach Sanz"}, headers=writer)
    assert refused.status_code == 422, refused.text
    assert _candidates(refused.json()) == {"Diego Sanz", "Maria Sanz"}


def _source(client: TestClient, writer: dict[str, str], name: str, **extra: object) -> dict[str, Any]:
    created = client.post("/v1/sources", json={"name": name, **extra}, headers=writer)
    assert created.status_code == 201, created.text
    source: dict[str, Any] = created.json()
    return source


def _candidates(problem: dict[str, Any]) -> set[str]:
    return {c["name"] for e in problem["errors"] for c in e.get("candidates") or []}


def test_a_lone_surname_two_people_share_is_refused_naming_both(client: TestClient, writer: dict[str, str]) -> None:
    """ "Alvarez" with Maria and Carlos Alvarez on record is no guess at either: a 422 at the speaker field with
    both as candidates, from every endpoint that resolves a client's name; nothing is stored."""
    maria = _source(client, writer, "Maria Alvarez", kind="person")
    carlos = _source(client, writer, "Carlos Alvarez", kind="person")
    for name in ("Alvarez", "Mr. Alvarez", "Sen. Alvarez", "ALVAREZ"):
        refused = client.post("/v1/claims", json={"text": "Taxes will rise.", "speaker": name}, headers=writer)
        assert refused.status_code == 422, (name, refused.text)
        assert refused.headers["content-type"].startswith("application/problem+json")
        problem = refused.json()
        assert [e["loc"] for e in problem["errors"]] == [["body", "speaker"]]
        assert _candidates(problem) == {"Maria Alvarez", "Carlos Alvarez"}
        assert maria["id"] in problem["detail"] and carlos["id"] in problem["detail"]
        assert "full name or speaker_id" in problem["detail"]
    bulk = client.post(
        "/v1/claims/bulk",
        json={"claims": [{"text": "One.", "speaker": "Maria Alvarez"}, {"text": "Two.", "speaker": "Alvarez"}]},
        headers=writer,
    )
    assert bulk.status_code == 422, bulk.text
    assert bulk.json()["detail"].startswith("claims[1]: ")
    assert [e["loc"] for e in bulk.json()["errors"]] == [["body", "claims", 1, "speaker"]]
    assert _candidates(bulk.json()) == {"Maria Alvarez", "Carlos Alvarez"}
    quote = client.post("/v1/quotes", json={"quote": "Taxes will rise.", "speaker": "Alvarez"}, headers=writer)
    assert quote.status_code == 422, quote.text
    assert [e["loc"] for e in quote.json()["errors"]] == [["body", "speaker"]]
    assert quote.json()["detail"].endswith("give the full name")  # a quote takes no speaker_id
    check = client.post("/v1/check", json={"text": "Taxes will rise.", "speaker": "Mr. Alvarez"}, headers=writer)
    assert check.status_code == 422, check.text
    assert _candidates(check.json()) == {"Maria Alvarez", "Carlos Alvarez"}
    assert [e["loc"] for e in check.json()["errors"]] == [["body", "speaker"]]
    assert client.get("/v1/claims", headers=writer).json()["items"] == []
    assert {s["name"] for s in client.get("/v1/sources", headers=writer).json()["items"]} == {
        "Maria Alvarez",
        "Carlos Alvarez",
    }
    # The full name, or the id, says who.
    full = client.post("/v1/claims", json={"text": "Taxes will rise.", "speaker": "Carlos Alvarez"}, headers=writer)
    assert full.json()["speaker"]["id"] == carlos["id"]
    by_id = client.post("/v1/claims", json={"text": "Taxes will fall.", "speaker_id": maria["id"]}, headers=writer)
    assert by_id.json()["speaker"]["id"] == maria["id"]
    checked = client.post("/v1/check", json={"text": "Taxes will rise.", "speaker": "Carlos Alvarez"}, headers=writer)
    assert checked.status_code == 200
    assert [m["same_speaker"] for m in checked.json()["matches"] if m["claim"]["id"] == full.json()["id"]] == [True]


def test_a_lone_surname_is_taken_as_written_when_it_cannot_be_two_people(
    client: TestClient, writer: dict[str, str]
) -> None:
    """One Alvarez on record, or a source named "Alvarez" itself, and the name resolves as it always did;
    organisations are no candidates for a surname."""
    maria = _source(client, writer, "Maria Alvarez", kind="person")
    single = client.post("/v1/claims", json={"text": "A claim.", "speaker": "Alvarez"}, headers=writer)
    assert single.status_code == 201, single.text
    assert single.json()["speaker"]["name"] == "Alvarez" and single.json()["speaker"]["id"] != maria["id"]
    _source(client, writer, "Carlos Alvarez", kind="person")
    again = client.post("/v1/claims", json={"text": "Another claim.", "speaker": "Mr. Alvarez"}, headers=writer)
    assert again.status_code == 201, again.text
    assert again.json()["speaker"]["id"] == single.json()["speaker"]["id"]  # "Alvarez" names a source itself
    for name in ("Avon and Somerset Police", "Thames Valley Police"):
        _source(client, writer, name, kind="organisation")
    police = client.post("/v1/claims", json={"text": "Roads are closed.", "speaker": "Police"}, headers=writer)
    assert police.status_code == 201, police.text


def test_an_article_never_refuses_a_lone_surname(client: TestClient, writer: dict[str, str]) -> None:
    """The extractor's speakers are no client input: an ambiguous surname in an article is a source as written."""
    maria = _source(client, writer, "Maria Alvarez", kind="person")
    carlos = _source(client, writer, "Carlos Alvarez", kind="person")
    text = "MADRID — Alvarez said on Monday that taxes would rise next year."
    document = client.post("/v1/documents", json={"text": text, "url": "https://example.org/tax"}, headers=writer)
    assert document.status_code == 201, document.text
    speakers = {c["speaker"]["name"]: c["speaker"]["id"] for c in document.json()["claims"]}
    assert list(speakers) == ["Alvarez"]
    assert speakers["Alvarez"] not in (maria["id"], carlos["id"])


def test_speaker_and_speaker_id_must_name_the_same_source(client: TestClient, writer: dict[str, str]) -> None:
    pentagon = _source(client, writer, "Pentagon", kind="organisation", aliases=["Department of Defense"])
    maria = _source(client, writer, "Maria Alvarez", kind="person")
    _source(client, writer, "Carlos Alvarez", kind="person")
    body = {"text": "The sky is blue.", "speaker": "Helen Cho", "speaker_id": pentagon["id"]}
    refused = client.post("/v1/claims", json=body, headers=writer)
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert [e["loc"] for e in problem["errors"]] == [["body", "speaker"], ["body", "speaker_id"]]
    assert "Helen Cho" in problem["detail"] and pentagon["id"] in problem["detail"] and "Pentagon" in problem["detail"]
    assert client.get("/v1/sources", params={"name": "Helen"}, headers=writer).json()["items"] == []
    bulk = client.post(
        "/v1/claims/bulk", json={"claims": [{"text": "Fine.", "speaker": "Pentagon"}, body]}, headers=writer
    )
    assert bulk.status_code == 422
    assert [e["loc"] for e in bulk.json()["errors"]] == [
        ["body", "claims", 1, "speaker"],
        ["body", "claims", 1, "speaker_id"],
    ]
    # Names that agree with the id: the name, an alias, a look-alike spelling, the surname (the id says which one).
    for name, source in (
        ("the Pentagon", pentagon),
        ("Department of Defense", pentagon),
        ("Pentаgon", pentagon),
        ("Mrs. Alvarez", maria),
        ("Sen. Maria Alvarez", maria),
    ):
        agreed = client.post(
            "/v1/claims", json={"text": f"Said as {name}.", "speaker": name, "speaker_id": source["id"]}, headers=writer
        )
        assert agreed.status_code == 201, (name, agreed.text)
        assert agreed.json()["speaker"]["id"] == source["id"]


def test_an_alias_that_is_the_name_with_titles_is_kept_as_written(client: TestClient, writer: dict[str, str]) -> None:
    """ "Finance Minister Jonas Berg" already resolves to "Jonas Berg": it is listed as sent, not dropped, and needs
    no key of its own; the name itself or a form already listed adds nothing; another source's name is 409."""
    berg = _source(client, writer, "Jonas Berg", aliases=["Finance Minister Jonas Berg", "Jonas Berg", "J. Berg"])
    assert sorted(berg["aliases"]) == ["Finance Minister Jonas Berg", "J. Berg"]
    alvarez = _source(client, writer, "Maria Alvarez", aliases=["Sen. Maria Alvarez"])
    nair = _source(client, writer, "Priya Nair", aliases=["Dr. Priya Nair"])
    assert (alvarez["aliases"], nair["aliases"]) == (["Sen. Maria Alvarez"], ["Dr. Priya Nair"])
    assert sorted(client.get(f"/v1/sources/{berg['id']}", headers=writer).json()["aliases"]) == sorted(berg["aliases"])
    found = client.get("/v1/sources", params={"name": "finance minister"}, headers=writer).json()["items"]
    assert [s["id"] for s in found] == [berg["id"]]
    for alias in ("Finance  Minister Jonas Berg", "jonas berg", "Minister Jonas Berg"):
        added = client.post(f"/v1/sources/{berg['id']}/aliases", json={"alias": alias}, headers=writer)
        assert added.status_code == 200, added.text
    assert sorted(added.json()["aliases"]) == ["Finance Minister Jonas Berg", "J. Berg", "Minister Jonas Berg"]
    said = client.post(
        "/v1/claims", json={"text": "Rates fall.", "speaker": "Finance Minister Jonas Berg"}, headers=writer
    )
    assert said.json()["speaker"]["id"] == berg["id"]
    other = client.post(f"/v1/sources/{berg['id']}/aliases", json={"alias": "Dr. Priya Nair"}, headers=writer)
    assert other.status_code == 409


def test_name_filter_finds_the_source_a_speaker_name_resolves_to(client: TestClient, writer: dict[str, str]) -> None:
    """A claim sent with "the Pentagon" or "Coalition Spokesman Col. Wayne Marotto" is the source "Pentagon" or
    "Wayne Marotto": searching for the name as the client wrote it finds that source too, not nothing."""
    pentagon = client.post("/v1/claims", json={"text": "Troops left.", "speaker": "the Pentagon"}, headers=writer)
    marotto = client.post(
        "/v1/claims",
        json={"text": "Talks went well.", "speaker": "Coalition Spokesman Col. Wayne Marotto"},
        headers=writer,
    )
    for claim, written in ((pentagon, "the Pentagon"), (marotto, "Coalition Spokesman Col. Wayne Marotto")):
        found = client.get("/v1/sources", params={"name": written}, headers=writer).json()["items"]
        assert [s["id"] for s in found] == [claim.json()["speaker"]["id"]], written
    assert client.get("/v1/sources", params={"name": "the ministry"}, headers=writer).json()["items"] == []


def test_an_alias_posted_with_an_idempotency_key_is_replayed_or_refused_as_other_posts_are(
    client: TestClient, writer: dict[str, str]
) -> None:
    """Adding an alias creates one: the same key again replays the reply, the same key with another alias is 409
    and adds nothing."""
    source_id = client.post("/v1/sources", json={"name": "Pentagon"}, headers=writer).json()["id"]
    headers = {**writer, "Idempotency-Key": "alias-1"}
    first = client.post(f"/v1/sources/{source_id}/aliases", json={"alias": "DoD"}, headers=headers)
    again = client.post(f"/v1/sources/{source_id}/aliases", json={"alias": "DoD"}, headers=headers)
    assert first.status_code == again.status_code == 200 and again.headers.get("Idempotent-Replayed") == "true"
    other = client.post(f"/v1/sources/{source_id}/aliases", json={"alias": "War Department"}, headers=headers)
    assert other.status_code == 409
    assert client.get(f"/v1/sources/{source_id}", headers=writer).json()["aliases"] == ["DoD"]


def test_two_articles_lone_surname_are_two_speakers(client: TestClient, writer: dict[str, str]) -> None:
    """ "Berg said" in a harbour story and "Ms Berg said" in a defence story, with no fuller name in either: two
    speakers, each the article's own, so one's claim never reads as the other's self-contradiction. A source a
    client made for the surname still takes it."""
    first = client.post(
        "/v1/documents",
        json={"text": "Berg said the harbour bridge had reopened on schedule.", "url": "https://example.org/bridge"},
        headers=writer,
    ).json()
    second = client.post(
        "/v1/documents",
        json={"text": "Ms Berg said the new railway would open in 2027.", "url": "https://example.org/rail"},
        headers=writer,
    ).json()
    third = client.post(
        "/v1/documents",
        json={"text": "Ms Berg said the new railway would not open in 2027.", "url": "https://example.org/rail-2"},
        headers=writer,
    ).json()
    (one,), (two,), (three,) = first["claims"], second["claims"], third["claims"]
    assert one["speaker"]["name"] == "Berg"
    assert two["speaker"]["name"] == "Berg in example.org/rail"
    assert len({one["speaker"]["id"], two["speaker"]["id"], three["speaker"]["id"]}) == 3
    assert client.get("/v1/flags", params={"kind": "self_contradiction"}, headers=writer).json()["items"] == []
    sten = _source(client, writer, "Sten Holm", kind="person", aliases=["Holm"])
    held = client.post(
        "/v1/documents",
        json={"text": "Holm said the port would stay open.", "url": "https://example.org/port"},
        headers=writer,
    ).json()
    assert held["claims"][0]["speaker"]["id"] == sten["id"]


def test_an_articles_lone_surname_does_not_answer_for_a_client(client: TestClient, writer: dict[str, str]) -> None:
    """An article's "Berg said" makes a speaker of that article; a client's "Ms Berg" with Anna and Lars Berg on
    record is still ambiguous (422 naming both), not that article's Berg."""
    _source(client, writer, "Anna Berg", kind="person")
    _source(client, writer, "Lars Berg", kind="person")
    article = {"text": "Berg said the harbour bridge had reopened on schedule.", "url": "https://example.org/bridge"}
    document = client.post("/v1/documents", json=article, headers=writer).json()
    assert document["claims"][0]["speaker"]["name"] == "Berg"
    refused = client.post("/v1/claims", json={"text": "Rates will fall.", "speaker": "Ms Berg"}, headers=writer)
    assert refused.status_code == 422, refused.text
    assert _candidates(refused.json()) == {"Anna Berg", "Lars Berg"}


def test_a_source_kind_in_american_spelling_is_the_same_kind(client: TestClient, writer: dict[str, str]) -> None:
    """ "organization" is an organisation, not a 422 that loses the source and its aliases with it."""
    mod = _source(client, writer, "Ministry of Defence", kind="organization", aliases=["MoD"])
    assert mod["kind"] == "organisation" and mod["aliases"] == ["MoD"]
    renamed = client.patch(f"/v1/sources/{mod['id']}", json={"kind": "Organization"}, headers=writer)
    assert renamed.status_code == 200 and renamed.json()["kind"] == "organisation", renamed.text
    refused = client.post("/v1/sources", json={"name": "Acme", "kind": "company"}, headers=writer)
    assert refused.status_code == 422
