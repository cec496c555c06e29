"""A body an article names with its possessive ("Sainsbury's said") is stored as a source of that name, on both
backends; a role before an unnamed speaker ("the minister's spokesman") is stored as before."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_a_body_named_with_its_possessive_is_stored_under_that_name(client: TestClient, writer: dict[str, str]) -> None:
    text = (
        "Sainsbury's said on Thursday that its sales had risen by 4% over Christmas.\n\n"
        "Moody's said the retailer's debt was no longer a concern.\n\n"
        "The minister's spokesman said the government would review the rules on grocery prices."
    )
    response = client.post("/v1/documents", json={"text": text, "url": "https://example.org/grocers"}, headers=writer)
    assert response.status_code == 201, response.text
    claims = response.json()["claims"]
    sources = {s["name"]: s for s in client.get("/v1/sources", headers=writer).json()["items"]}
    assert {"Sainsbury's", "Moody's"} <= set(sources)
    assert not {"Sainsbury", "Moody"} & set(sources)

    def speaker(words: str) -> dict[str, str]:
        return next(c["speaker"] for c in claims if c["text"].startswith(words))

    assert speaker("its sales had risen")["id"] == sources["Sainsbury's"]["id"]
    assert speaker("the retailer's debt")["id"] == sources["Moody's"]["id"]
    spokesman = speaker("the government would")
    assert spokesman["name"].startswith("minister's spokesman"), spokesman
    # The bare name a client sends is the same source, not a new one.
    again = client.post("/v1/claims", json={"text": "Sales rose.", "speaker": "Sainsbury"}, headers=writer)
    assert again.json()["speaker"]["id"] == sources["Sainsbury's"]["id"]
