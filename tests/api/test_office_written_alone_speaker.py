"""An office written alone is a speaker of its own through the API (h154's audit): "the Prime Minister" made a
source "Minister" (role "Prime") that "the Minister" then found, and "the Prime Minister" could not be added as an
alias of the named prime minister (409: its key "minister" taken)."""

from __future__ import annotations

from fastapi.testclient import TestClient

STORED = {
    "the Prime Minister": "Prime Minister",
    "Prime Minister": "Prime Minister",
    "the Deputy Prime Minister": "Deputy Prime Minister",
    "the Foreign Secretary": "Foreign Secretary",
    "the Chancellor": "Chancellor",
    "the Minister": "Minister",
    "the President": "President",
    "the Attorney General": "Attorney General",
    "the Secretary of State": "Secretary of State",
    "Vice President": "Vice President",
}


def _speaker(client: TestClient, writer: dict[str, str], name: str) -> dict[str, object]:
    response = client.post("/v1/claims", json={"text": f"A statement from {name}.", "speaker": name}, headers=writer)
    assert response.status_code == 201, response.text
    speaker: dict[str, object] = response.json()["speaker"]
    return speaker


def test_each_office_written_alone_is_its_own_source(client: TestClient, writer: dict[str, str]) -> None:
    found = {written: _speaker(client, writer, written) for written in STORED}
    for written, name in STORED.items():
        assert (found[written]["name"], found[written]["role"]) == (name, None), written
    assert found["the Prime Minister"]["id"] == found["Prime Minister"]["id"]
    assert len({str(s["id"]) for s in found.values()}) == len(set(STORED.values()))


def test_titled_names_keep_the_office_as_their_role(client: TestClient, writer: dict[str, str]) -> None:
    marsh = _speaker(client, writer, "Prime Minister Helena Marsh")
    reyes = _speaker(client, writer, "Finance Minister Tomas Reyes")
    assert (marsh["name"], marsh["role"]) == ("Helena Marsh", "Prime Minister")
    assert (reyes["name"], reyes["role"]) == ("Tomas Reyes", "Finance Minister")


def test_the_prime_minister_is_an_alias_of_the_named_one(client: TestClient, writer: dict[str, str]) -> None:
    marsh = _speaker(client, writer, "Helena Marsh")
    minister = _speaker(client, writer, "the Minister")
    added = client.post(f"/v1/sources/{marsh['id']}/aliases", json={"alias": "the Prime Minister"}, headers=writer)
    assert added.status_code in (200, 201), added.text
    assert _speaker(client, writer, "the Prime Minister")["id"] == marsh["id"]
    assert _speaker(client, writer, "the Minister")["id"] == minister["id"] != marsh["id"]


QUALIFIED = {
    "the Chief Constable": "Chief Constable",
    "the Deputy Chief Constable": "Deputy Chief Constable",
    "the Constable": "Constable",
    "Deputy Foreign Minister": "Deputy Foreign Minister",
    "Foreign Minister": "Foreign Minister",
    "the Chief Medical Officer": "Chief Medical Officer",
}


def test_each_qualified_office_written_alone_is_its_own_source(client: TestClient, writer: dict[str, str]) -> None:
    """h160: "the Chief Constable" was "Constable" (role "Chief"), one source with "the Constable"; "Deputy Foreign
    Minister" was the foreign minister."""
    found = {written: _speaker(client, writer, written) for written in QUALIFIED}
    for written, name in QUALIFIED.items():
        assert (found[written]["name"], found[written]["role"]) == (name, None), written
    assert len({str(s["id"]) for s in found.values()}) == len(QUALIFIED)
    crew = _speaker(client, writer, "Chief Constable Sarah Crew")
    assert (crew["name"], crew["role"]) == ("Sarah Crew", "Chief")
    assert crew["id"] != found["the Chief Constable"]["id"]
