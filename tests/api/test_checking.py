"""/v1/check, /v1/compare, /v1/quotes and flags: the seed article's troop numbers contradict."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from fastapi.testclient import TestClient

from embeddings.judge import Judgement
from embeddings.rule_judge import RuleJudge
from service.runtime import Runtime
from tests.api.conftest import SEED_CLAIM

REQUEST_CLAIM = {
    "text": "The U.S.-led Coalition is in Iraq at the request of the Iraqi government.",
    "speaker": "Iraqi military",
    "said_at": "2021-04-08",
    "kind": "direct_quote",
}


def _seed(client: TestClient, headers: dict[str, str]) -> None:
    claims = [SEED_CLAIM, REQUEST_CLAIM, {"text": "The weather in Sulaimani was sunny on Saturday.", "speaker": "ESTA"}]
    assert client.post("/v1/claims/bulk", json={"claims": claims}, headers=headers).status_code == 200


def test_check_finds_the_contradicted_troop_number_and_flags_it_once(
    client: TestClient, writer: dict[str, str]
) -> None:
    _seed(client, writer)
    body = {"text": "U.S. troops in Iraq have risen to 10,000.", "top_k": 2}
    response = client.post("/v1/check", json=body, headers=writer)
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["verdict"] == "contradicted"
    assert len(result["matches"]) <= 2
    top = result["matches"][0]
    assert top["claim"]["speaker"]["name"] == "Pentagon"
    assert top["relation"] == "contradicts"
    assert "number_mismatch" in top["signals"]
    assert set(top["probabilities"]) == {"entailment", "neutral", "contradiction"}
    assert abs(sum(top["probabilities"].values()) - 1) < 1e-6
    assert 0 <= top["similarity"] <= 1
    similarities = [m["similarity"] for m in result["matches"]]
    assert similarities == sorted(similarities, reverse=True)
    client.post("/v1/check", json=body, headers=writer)
    flags = client.get("/v1/flags", params={"status": "open"}, headers=writer).json()["items"]
    assert len(flags) == 1
    flag = flags[0]
    assert flag["relation"] == "contradicts"
    assert flag["other_claim"]["speaker"]["name"] == "Pentagon"
    assert flag["claim"]["text"] == body["text"]
    assert flag["claim"]["id"] is None  # a checked statement is not stored: nothing to fetch
    assert flag["claim"]["created_at"] == flag["created_at"]  # it was checked when the flag was raised
    assert flag["same_speaker"] is False


def test_check_of_a_repeat_is_supported(client: TestClient, writer: dict[str, str]) -> None:
    _seed(client, writer)
    result = client.post("/v1/check", json={"text": REQUEST_CLAIM["text"]}, headers=writer).json()
    assert result["verdict"] == "supported"
    assert result["matches"][0]["relation"] == "entails"
    assert result["matches"][0]["similarity"] > 0.95


def test_check_on_empty_record_is_unverified_and_top_k_is_bounded(client: TestClient, writer: dict[str, str]) -> None:
    assert client.post("/v1/check", json={"text": "Anything at all."}, headers=writer).json() == {
        "verdict": "unverified",
        "matches": [],
    }
    assert client.post("/v1/check", json={"text": "x", "top_k": 101}, headers=writer).status_code == 422
    assert client.post("/v1/check", json={"text": "x", "top_k": 0}, headers=writer).status_code == 422


def test_two_word_query_returns_matches_but_no_verdict(client: TestClient, writer: dict[str, str]) -> None:
    _seed(client, writer)
    result = client.post("/v1/check", json={"text": "troops Iraq"}, headers=writer).json()
    assert result["matches"], "a short query must still return matches"
    assert result["verdict"] == "unverified"


def test_compare_judges_pairs_in_order(client: TestClient, reader: dict[str, str]) -> None:
    pairs = [
        {"a": SEED_CLAIM["text"], "b": "U.S. troops in Iraq have risen to 10,000."},
        {"a": REQUEST_CLAIM["text"], "b": REQUEST_CLAIM["text"]},
    ]
    response = client.post("/v1/compare", json={"pairs": pairs}, headers=reader)
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["relation"] for r in results] == ["contradicts", "entails"]
    assert client.post("/v1/compare", json={"pairs": pairs * 129}, headers=reader).status_code == 422


def test_quote_is_stored_checked_and_self_contradiction_flagged(
    client: TestClient, writer: dict[str, str], make_key: Callable[[str], dict[str, str]]
) -> None:
    _seed(client, writer)
    quote = {
        "quote": "The number of U.S. troops in Iraq has risen to about 10,000.",
        "speaker": "Pentagon",
        "source_url": "https://example.org/later",
        "said_at": "2021-09-01",
    }
    response = client.post("/v1/quotes", json=quote, headers=writer)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["claim"]["kind"] == "direct_quote"
    assert body["claim"]["speaker"]["name"] == "Pentagon"
    assert body["check"]["verdict"] == "contradicted"
    assert all(m["claim"]["id"] != body["claim"]["id"] for m in body["check"]["matches"])
    top = body["check"]["matches"][0]
    assert top["same_speaker"] is True
    flags = client.get("/v1/flags", headers=writer).json()["items"]
    assert len(flags) == 1
    flag = flags[0]
    assert flag["kind"] == "self_contradiction"
    assert flag["same_speaker"] is True
    assert flag["claim"]["id"] == body["claim"]["id"]
    reviewer = make_key("review,read")
    reviewed = client.post(
        f"/v1/flags/{flag['id']}/review", json={"status": "confirmed", "note": "checked"}, headers=reviewer
    )
    assert reviewed.status_code == 200, reviewed.text
    assert reviewed.json()["status"] == "confirmed"
    assert client.get("/v1/flags", params={"status": "open"}, headers=writer).json()["items"] == []
    assert len(client.get("/v1/flags", params={"status": "confirmed"}, headers=writer).json()["items"]) == 1
    bad = client.post(f"/v1/flags/{flag['id']}/review", json={"status": "maybe"}, headers=reviewer)
    assert bad.status_code == 422
    review = client.get(f"/v1/claims/{body['claim']['id']}/claimreview", headers=writer)
    assert review.status_code == 200
    ld = review.json()
    assert ld["@context"] == "https://schema.org"
    assert ld["@type"] == "ClaimReview"
    assert ld["claimReviewed"] == quote["quote"]
    assert ld["itemReviewed"]["author"]["name"] == "Pentagon"
    assert ld["hasPart"][0]["reviewRating"]["alternateName"] == "Contradicted by the record"


class _CountingJudge(RuleJudge):
    """The rule judge, remembering how many pairs each call asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[int] = []

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        self.calls.append(len(pairs))
        return super().judge(pairs)


def test_check_judges_only_the_most_similar_matches_up_to_the_limit(
    runtime: Runtime, client: TestClient, writer: dict[str, str]
) -> None:
    claims = [
        {"text": f"U.S. troops in Iraq numbered {n:,} in {year}.", "speaker": "the Pentagon"}
        for n, year in ((2500, 2021), (5200, 2019), (10000, 2007), (160000, 2008))
    ]
    assert client.post("/v1/claims/bulk", json={"claims": claims}, headers=writer).status_code == 200
    counting = _CountingJudge()
    runtime.use_models(runtime.encoder, counting, runtime.extractor)
    runtime.settings.check_judge_max_matches = 2
    result = client.post(
        "/v1/check", json={"text": "U.S. troops in Iraq numbered 2,500 in 2021.", "top_k": 4}, headers=writer
    ).json()
    # the two most similar matches, each judged both ways, in one call; then, the statement being both entailed and
    # contradicted, its entailing claim against its contradicting one, both ways (CheckService.settled)
    assert counting.calls == [2 * 2, 1 * 2]
    matches = result["matches"]
    assert len(matches) == 4
    assert [("not_judged" in m["signals"]) for m in matches] == [False, False, True, True]
    assert all(m["relation"] == "neutral" for m in matches[2:])
    assert matches[0]["relation"] == "entails"
    assert all(abs(sum(m["probabilities"].values()) - 1) < 1e-6 for m in matches)
    runtime.settings.check_judge_max_matches = 0
    counting.calls.clear()
    client.post("/v1/check", json={"text": "U.S. troops in Iraq numbered 2,500 in 2021.", "top_k": 4}, headers=writer)
    assert counting.calls == [4 * 2, 1 * 3 * 2]  # all four; then the one entailing claim against the three others


DENIAL = {
    "text": "Forty soldiers were killed in the attack on the base near Kirkuk.",
    "speaker": "Iraqi Defence Ministry",
    "said_at": "2021-04-09",
    "kind": "indirect_quote",
    "stance": "denies",
}


def test_a_statement_repeating_a_denied_claim_contradicts_the_denial_and_flags_it(
    client: TestClient, writer: dict[str, str]
) -> None:
    created = client.post("/v1/claims", json=DENIAL, headers=writer)
    assert created.status_code == 201, created.text
    assert created.json()["stance"] == "denies"
    result = client.post(
        "/v1/check", json={"text": DENIAL["text"], "speaker": "Iraqi Defence Ministry"}, headers=writer
    ).json()
    top = result["matches"][0]
    assert (result["verdict"], top["relation"]) == ("contradicted", "contradicts")
    assert "denial" in top["signals"]
    assert top["probabilities"]["contradiction"] > top["probabilities"]["entailment"]
    flags = client.get("/v1/flags", params={"status": "open"}, headers=writer).json()["items"]
    assert [(f["other_claim"]["stance"], f["same_speaker"]) for f in flags] == [("denies", True)]
    review = client.get(f"/v1/claims/{created.json()['id']}/claimreview", headers=writer).json()
    assert review["claimReviewed"] == review["itemReviewed"]["text"] == f"Denied: {DENIAL['text']}"
    # The same words checked as a denial agree with it.
    again = client.post("/v1/check", json={"text": DENIAL["text"], "stance": "denies"}, headers=writer).json()
    assert (again["verdict"], again["matches"][0]["relation"]) == ("supported", "entails")


def test_a_claim_asserts_unless_told_otherwise_and_a_bad_stance_is_422(
    client: TestClient, writer: dict[str, str]
) -> None:
    created = client.post("/v1/claims", json=REQUEST_CLAIM, headers=writer).json()
    assert created["stance"] == "asserts"
    denied = client.post("/v1/claims", json=DENIAL, headers=writer).json()
    listed = client.get("/v1/claims", params={"stance": "denies"}, headers=writer).json()["items"]
    assert [c["id"] for c in listed] == [denied["id"]]
    assert client.get("/v1/claims", params={"stance": "maybe"}, headers=writer).status_code == 422
    bad = client.post("/v1/claims", json={**REQUEST_CLAIM, "stance": "doubts"}, headers=writer)
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")


def test_a_flag_keeps_the_checked_statements_speaker_and_said_at_in_the_form_it_came(
    client: TestClient, writer: dict[str, str]
) -> None:
    """The statement side of a flag is shaped like a claim: its said_at renders as a claim's does (a date stays a
    date, a datetime is shown in UTC), in the flag list and the flag alike."""
    earlier = {
        "text": "I will not vote for the infrastructure bill.",
        "speaker": "Maria Alvarez",
        "said_at": "2021-08-01",
    }
    assert client.post("/v1/claims", json=earlier, headers=writer).status_code == 201
    statements = [
        ("I will vote for the infrastructure bill.", "2021-09-01", "2021-09-01"),
        ("I will vote for the infrastructure bill tomorrow.", "2021-09-02T14:30:00+02:00", "2021-09-02T12:30:00+00:00"),
    ]
    for text, said_at, _rendered in statements:
        body = {"text": text, "speaker": "Maria Alvarez", "said_at": said_at}
        assert client.post("/v1/check", json=body, headers=writer).json()["verdict"] == "contradicted"
    flags = client.get("/v1/flags", headers=writer).json()["items"]
    by_text = {f["claim"]["text"]: f for f in flags}
    for text, _said_at, rendered in statements:
        flag = by_text[text]
        assert flag["claim"]["speaker"]["name"] == "Maria Alvarez"
        assert flag["claim"]["said_at"] == rendered
        assert client.get(f"/v1/flags/{flag['id']}", headers=writer).json()["claim"]["said_at"] == rendered
