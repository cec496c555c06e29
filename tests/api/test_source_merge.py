"""A speaker split across two sources is repaired: POST /v1/sources/{id}/merge joins them (claims, aliases, flags;
a contradiction across the split becomes a self-contradiction), PATCH /v1/sources/{id} renames or reclassifies."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from service import cli
from tests.api.conftest import SEED_CLAIM

RISEN = "U.S. troops in Iraq have risen to 10,000."
DOD_QUOTE = {
    "quote": "The number of U.S. troops in Iraq has risen to about 10,000.",
    "speaker": "DoD",
    "source_url": "https://example.org/later",
    "said_at": "2021-09-01",
}
MISSING = "00000000-0000-4000-8000-000000000000"


def _flags(client: TestClient, headers: dict[str, str]) -> list[dict[str, Any]]:
    reply = client.get("/v1/flags", headers=headers)
    assert reply.status_code == 200, reply.text
    items: list[dict[str, Any]] = reply.json()["items"]
    return items


def test_dod_recorded_apart_from_the_pentagon_is_merged_and_contradicts_itself(
    client: TestClient, writer: dict[str, str], admin: dict[str, str], make_key: Callable[[str], dict[str, str]]
) -> None:
    pentagon = client.post("/v1/claims", json=SEED_CLAIM, headers=writer).json()["speaker"]["id"]
    quoted = client.post("/v1/quotes", json=DOD_QUOTE, headers=writer)
    assert quoted.status_code == 201, quoted.text
    dod = quoted.json()["claim"]["speaker"]["id"]
    assert dod != pentagon
    alias = {"alias": "Department of Defense"}
    assert client.post(f"/v1/sources/{dod}/aliases", json=alias, headers=writer).status_code == 200
    # The audit's dead end: the name is taken by the other source.
    assert client.post(f"/v1/sources/{pentagon}/aliases", json={"alias": "DoD"}, headers=writer).status_code == 409
    # The same statement checked under both names: a contradiction (DoD) and a self-contradiction (Pentagon) of
    # the same pair, which the merge makes one flag; the newer one is reviewed first.
    for speaker in ("DoD", "Pentagon"):
        checked = client.post("/v1/check", json={"text": RISEN, "speaker": speaker}, headers=writer)
        assert checked.json()["verdict"] == "mixed", checked.text  # contradicts the Pentagon, repeats DoD
    before = _flags(client, writer)
    assert sorted((f["kind"], f["same_speaker"]) for f in before) == [
        ("contradiction", False),
        ("contradiction", False),
        ("self_contradiction", True),
    ]
    older_statement_flag = next(f for f in before if f["claim"]["id"] is None and f["kind"] == "contradiction")
    newer_statement_flag = next(f for f in before if f["kind"] == "self_contradiction")
    reviewer = make_key("review,read")
    review = {"status": "confirmed", "note": "seen under the other name"}
    reviewed = client.post(f"/v1/flags/{newer_statement_flag['id']}/review", json=review, headers=reviewer)
    assert reviewed.status_code == 200, reviewed.text

    merged = client.post(f"/v1/sources/{pentagon}/merge", json={"source_id": dod}, headers=admin)
    assert merged.status_code == 200, merged.text
    body = merged.json()
    counts = {k: body.pop(k) for k in list(body) if k.endswith(("_moved", "_contradiction", "_removed"))}
    assert counts == {
        "claims_moved": 1,
        "aliases_moved": 2,
        "statement_flags_moved": 1,
        "flags_to_self_contradiction": 2,
        "flags_removed": 1,
    }
    assert body == client.get(f"/v1/sources/{pentagon}", headers=writer).json()
    assert body["name"] == "Pentagon"
    assert set(body["aliases"]) == {"DoD", "Department of Defense"}
    assert body["metadata"]["merged_from"] == [dod]
    assert [(m["id"], m["name"]) for m in body["metadata"]["merges"]] == [(dod, "DoD")]
    assert client.get(f"/v1/sources/{dod}", headers=writer).status_code == 404
    assert client.get(f"/v1/sources/{dod}/claims", headers=writer).status_code == 404

    after = _flags(client, writer)
    assert len(after) == 2
    assert all((f["kind"], f["same_speaker"]) == ("self_contradiction", True) for f in after)
    kept = next(f for f in after if f["claim"]["id"] is None)
    assert kept["id"] == older_statement_flag["id"]  # the older of the two flags on the pair
    assert kept["claim"]["speaker"]["id"] == pentagon
    assert kept["status"] == "confirmed"  # the newer flag's review came along and is the latest
    assert [r["note"] for r in kept["reviews"]] == [review["note"]]
    assert client.get(f"/v1/flags/{newer_statement_flag['id']}", headers=writer).status_code == 404
    assert _flags_of_kind(client, writer, "contradiction") == []

    listed = client.get("/v1/claims", params={"speaker_id": pentagon}, headers=writer).json()["items"]
    assert {c["text"] for c in listed} == {SEED_CLAIM["text"], DOD_QUOTE["quote"]}
    assert all(c["speaker"]["id"] == pentagon for c in listed)
    assert len(client.get(f"/v1/sources/{pentagon}/claims", headers=writer).json()["items"]) == 2
    for name in ("DoD", "Department of Defense"):
        again = client.post("/v1/claims", json={"text": f"A claim as {name}.", "speaker": name}, headers=writer)
        assert again.json()["speaker"]["id"] == pentagon
    # Checked again under the old name, the statement is the pair already flagged: nothing new.
    client.post("/v1/check", json={"text": RISEN, "speaker": "DoD"}, headers=writer)
    assert len(_flags(client, writer)) == 2


def _flags_of_kind(client: TestClient, headers: dict[str, str], kind: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = client.get("/v1/flags", params={"kind": kind}, headers=headers).json()["items"]
    return items


def test_two_names_of_one_organisation_are_merged_keeping_every_written_form(
    client: TestClient, writer: dict[str, str], admin: dict[str, str]
) -> None:
    long = client.post(
        "/v1/sources",
        json={"name": "World Health Organisation", "aliases": ["World Health Organization"]},
        headers=writer,
    ).json()
    short = client.post(
        "/v1/sources", json={"name": "WHO", "kind": "organisation", "role": "UN agency"}, headers=writer
    ).json()
    for i, name in enumerate(("World Health Organisation", "WHO", "who")):
        said = client.post("/v1/claims", json={"text": f"Claim {i} by {name}.", "speaker": name}, headers=writer)
        assert said.status_code == 201, said.text
    merged = client.post(f"/v1/sources/{long['id']}/merge", json={"source_id": short["id"]}, headers=admin).json()
    assert merged["claims_moved"] == 2
    assert merged["flags_to_self_contradiction"] == 0
    assert merged["kind"] == "organisation"  # taken from the other source: the kept one had none
    assert merged["role"] == "UN agency"
    assert "WHO" in merged["aliases"] and "World Health Organization" in merged["aliases"]
    assert merged["aliases"] == sorted(merged["aliases"])
    claims = client.get(f"/v1/sources/{long['id']}/claims", headers=writer).json()["items"]
    assert len(claims) == 3
    found = client.get("/v1/sources", params={"name": "who"}, headers=writer).json()["items"]
    assert [s["id"] for s in found] == [long["id"]]


def test_merge_refuses_unknown_ids_a_source_into_itself_a_read_key_and_a_write_key(
    client: TestClient, writer: dict[str, str], reader: dict[str, str], admin: dict[str, str]
) -> None:
    one = client.post("/v1/sources", json={"name": "Maria Alvarez"}, headers=writer).json()["id"]
    two = client.post("/v1/sources", json={"name": "M. Alvarez"}, headers=writer).json()["id"]

    def merge(keep: str, other: str, headers: dict[str, str] = admin) -> int:
        reply = client.post(f"/v1/sources/{keep}/merge", json={"source_id": other}, headers=headers)
        if reply.status_code >= 400:
            assert reply.headers["content-type"].startswith("application/problem+json")
        return reply.status_code

    assert merge(MISSING, one) == 404
    assert merge(one, MISSING) == 404
    assert merge("not-an-id", one) == 404
    assert merge(one, "not-an-id") == 404
    assert merge(one, one) == 422
    assert merge(one, one.upper()) == 422
    assert merge(one, two, reader) == 403
    assert merge(one, two, writer) == 403  # a plugin's write key cannot join speakers: there is no un-merge
    assert client.post(f"/v1/sources/{one}/merge", json={}, headers=admin).status_code == 422
    # Nothing was changed by the refusals.
    assert client.get(f"/v1/sources/{two}", headers=writer).status_code == 200


def test_a_merge_retried_with_its_idempotency_key_replays_the_reply(
    client: TestClient, writer: dict[str, str], admin: dict[str, str]
) -> None:
    keep = client.post("/v1/sources", json={"name": "Pentagon"}, headers=writer).json()["id"]
    other = client.post("/v1/sources", json={"name": "DoD"}, headers=writer).json()["id"]
    headers = {**admin, "Idempotency-Key": "merge-dod"}
    first = client.post(f"/v1/sources/{keep}/merge", json={"source_id": other}, headers=headers)
    again = client.post(f"/v1/sources/{keep}/merge", json={"source_id": other}, headers=headers)
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert again.headers.get("Idempotent-Replayed") == "true"
    # Without the key, the retry finds the other source gone.
    assert client.post(f"/v1/sources/{keep}/merge", json={"source_id": other}, headers=admin).status_code == 404


def test_rename_keeps_the_old_name_resolving_and_refuses_another_sources_name(
    client: TestClient, writer: dict[str, str]
) -> None:
    created = client.post(
        "/v1/claims", json={"text": "A claim.", "speaker": "World Health Organisation"}, headers=writer
    )
    source = created.json()["speaker"]["id"]
    patch = {"name": "World Health Organization", "kind": "organisation", "role": "UN agency"}
    renamed = client.patch(f"/v1/sources/{source}", json=patch, headers=writer)
    assert renamed.status_code == 200, renamed.text
    assert (renamed.json()["name"], renamed.json()["kind"], renamed.json()["role"]) == (
        "World Health Organization",
        "organisation",
        "UN agency",
    )
    assert renamed.json()["aliases"] == ["World Health Organisation"]
    assert renamed.json() == client.get(f"/v1/sources/{source}", headers=writer).json()
    for name in ("World Health Organisation", "World Health Organization"):
        again = client.post("/v1/claims", json={"text": f"Said as {name}.", "speaker": name}, headers=writer)
        assert again.json()["speaker"]["id"] == source

    other = client.post("/v1/sources", json={"name": "WHO"}, headers=writer).json()["id"]
    taken = client.patch(f"/v1/sources/{source}", json={"name": "the WHO"}, headers=writer)
    assert taken.status_code == 409
    assert "merge" in taken.json()["detail"] and other in taken.json()["detail"]

    # An alias of its own becomes the name, and the name an alias; role null clears it.
    swapped = client.patch(
        f"/v1/sources/{source}", json={"name": "World Health Organisation", "role": None}, headers=writer
    ).json()
    assert (swapped["name"], swapped["role"]) == ("World Health Organisation", None)
    assert swapped["aliases"] == ["World Health Organization"]
    assert swapped["kind"] == "organisation"
    # Case alone, or an article before it: the name is written anew (as on creation, "The" aside), nothing added.
    recased = client.patch(f"/v1/sources/{source}", json={"name": "world health organisation"}, headers=writer)
    assert (recased.json()["name"], recased.json()["aliases"]) == ("world health organisation", swapped["aliases"])
    articled = client.patch(f"/v1/sources/{source}", json={"name": "The World Health Organisation"}, headers=writer)
    assert (articled.json()["name"], articled.json()["aliases"]) == ("World Health Organisation", swapped["aliases"])

    assert client.patch(f"/v1/sources/{MISSING}", json={"name": "Anyone"}, headers=writer).status_code == 404
    assert client.patch(f"/v1/sources/{source}", json={"name": None}, headers=writer).status_code == 422
    assert client.patch(f"/v1/sources/{source}", json={"kind": "planet"}, headers=writer).status_code == 422
    assert client.patch(f"/v1/sources/{source}", json={"name": "!!!"}, headers=writer).status_code == 422


def test_cli_merges_two_sources_and_says_what_moved_in_one_line(
    cli_env: CliRunner, client: TestClient, writer: dict[str, str]
) -> None:
    keep = client.post("/v1/claims", json=SEED_CLAIM, headers=writer).json()["speaker"]["id"]
    other = client.post("/v1/quotes", json=DOD_QUOTE, headers=writer).json()["claim"]["speaker"]["id"]
    for bad in ([keep, keep], [keep, MISSING], ["nope", other]):
        refused = cli_env.invoke(cli.app, ["sources", "merge", *bad])
        assert refused.exit_code == 1
        assert len(refused.stderr.splitlines()) == 1 and refused.stderr.startswith("error: ")
    result = cli_env.invoke(cli.app, ["sources", "merge", keep, other])
    assert result.exit_code == 0, result.output
    assert "1 claim and 1 name moved" in result.stdout and "1 flag now a self-contradiction" in result.stdout
    assert client.get(f"/v1/sources/{other}", headers=writer).status_code == 404
    flags = _flags(client, writer)
    assert [(f["kind"], f["same_speaker"]) for f in flags] == [("self_contradiction", True)]
