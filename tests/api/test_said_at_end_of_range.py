"""A claim said on the last days the API accepts (9999-12-29 to 9999-12-31) is stored, and then it must not break
every check, quote, article and nightly run that meets it: the copy window around its day (``said_span``,
``_copy_windows``) ran past ``datetime.max`` (OverflowError: 500 on /v1/quotes, /v1/check and /v1/documents, and a
failed reconciliation), found by audit h82 on both backends."""

from __future__ import annotations

from fastapi.testclient import TestClient

from reconcile.job import Reconciler, RunRequest
from service.runtime import Runtime

SPEAKER = "Joel Ferrante"
BUILT = "The new stadium will be finished with 40,000 seats."
FEWER = "The new stadium will be finished with 25,000 seats."


def store_last_days(client: TestClient, writer: dict[str, str]) -> None:
    for said_at in ("9999-12-31", "9999-12-30T23:00:00+00:00"):  # a day, and an instant two days' window would pass
        stored = client.post("/v1/claims", json={"text": BUILT, "speaker": SPEAKER, "said_at": said_at}, headers=writer)
        assert stored.status_code == 201, stored.text


def test_the_nightly_run_over_a_claim_said_on_the_last_day_succeeds(
    client: TestClient, runtime: Runtime, writer: dict[str, str]
) -> None:
    store_last_days(client, writer)
    stored = client.post(
        "/v1/claims", json={"text": FEWER, "speaker": SPEAKER, "said_at": "9999-12-31"}, headers=writer
    )
    assert stored.status_code == 201, stored.text

    [outcome] = Reconciler(runtime).run(RunRequest(full=True))
    assert outcome.status == "succeeded", outcome
    flags = client.get("/v1/flags", headers=writer).json()["items"]
    assert [flag["kind"] for flag in flags] == ["self_contradiction"], flags


def test_a_claim_said_on_the_last_day_breaks_no_check_quote_or_article(
    client: TestClient, writer: dict[str, str]
) -> None:
    store_last_days(client, writer)
    checked = client.post(
        "/v1/check", json={"text": FEWER, "speaker": SPEAKER, "said_at": "9999-12-31"}, headers=writer
    )
    assert checked.status_code == 200, checked.text
    assert checked.json()["verdict"] == "contradicted"

    quoted = client.post(
        "/v1/quotes", json={"quote": FEWER, "speaker": SPEAKER, "said_at": "9999-12-31"}, headers=writer
    )
    assert quoted.status_code == 201, quoted.text
    assert quoted.json()["check"]["verdict"] == "contradicted"

    article = f'"{FEWER}" club captain {SPEAKER} said.'
    posted = client.post("/v1/documents", json={"text": article, "published_at": "9999-12-31"}, headers=writer)
    assert posted.status_code == 201, posted.text

    flags = client.get("/v1/flags", headers=writer)
    assert flags.status_code == 200 and flags.json()["items"], flags.text
