"""A quote from "President of Portugal" contradicting a claim of "Portugal" is two speakers' (h118's contract
audit): the office of a place with no person's name after it is its own speaker, not the place, so the pair is a
``contradiction`` with ``same_speaker: false``, never the country contradicting itself."""

from __future__ import annotations

from fastapi.testclient import TestClient

HOSTS = "Lisbon will host the water summit in October."
DOES_NOT_HOST = "Lisbon will not host the water summit in October."


def test_a_president_of_a_country_is_not_the_country(client: TestClient, writer: dict[str, str]) -> None:
    stored = client.post("/v1/claims", json={"text": HOSTS, "speaker": "Portugal"}, headers=writer)
    assert stored.status_code == 201, stored.text
    quoted = client.post(
        "/v1/quotes", json={"quote": DOES_NOT_HOST, "speaker": "President of Portugal"}, headers=writer
    )
    assert quoted.status_code == 201, quoted.text
    body = quoted.json()
    assert body["claim"]["speaker"]["name"] == "President of Portugal"
    assert body["claim"]["speaker"]["id"] != stored.json()["speaker"]["id"]
    matches = [m for m in body["check"]["matches"] if m["claim"]["id"] == stored.json()["id"]]
    assert all(not m["same_speaker"] for m in matches)
    flags = client.get("/v1/flags", headers=writer).json()["items"]
    assert all(f["kind"] != "self_contradiction" and not f["same_speaker"] for f in flags)
    assert [f["kind"] for f in flags] == ["contradiction"]


def test_the_mayor_of_a_city_is_not_the_city(client: TestClient, writer: dict[str, str]) -> None:
    city = client.post("/v1/claims", json={"text": "The tram fare rises in May.", "speaker": "London"}, headers=writer)
    mayor = client.post(
        "/v1/claims", json={"text": "The tram fare falls in May.", "speaker": "the Mayor of London"}, headers=writer
    )
    assert city.status_code == mayor.status_code == 201
    assert city.json()["speaker"]["id"] != mayor.json()["speaker"]["id"]
    assert mayor.json()["speaker"]["name"] == "Mayor of London"
