"""One speaker, one source over REST: look-alike spellings resolve to the existing source, and ?name= on
/v1/sources takes % and _ literally."""

from __future__ import annotations

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
