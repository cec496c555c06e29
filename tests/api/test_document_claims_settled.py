"""An article's claims are settled as a checked statement's matches are (``CheckService.settled``): a claim both
entailed and contradicted, by two stored claims that do not conflict with each other, keeps the relation of the
more similar one, so the article raises the flags the same words checked or quoted would."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi.testclient import TestClient

from embeddings.judge import Judgement
from service.runtime import Runtime

ON_RECORD = "The city museum welcomed 2 million visitors in 2019."
OTHER_READING = "The museum welcomed 2 million visitors in 2019, though attendance fell in the autumn."
STATEMENT = "The museum welcomed 2 million visitors in 2019"
ARTICLE = f"{STATEMENT}, its director Ana Ruiz said."

ENTAILS = Judgement("entails", {"entailment": 0.9, "neutral": 0.05, "contradiction": 0.05}, [])
CONTRADICTS = Judgement("contradicts", {"entailment": 0.05, "neutral": 0.1, "contradiction": 0.85}, [])
NEUTRAL = Judgement("neutral", {"entailment": 0.1, "neutral": 0.8, "contradiction": 0.1}, [])


def _plain(text: str) -> str:
    return text.strip().rstrip(".")


class _InconsistentJudge:
    """Reads the statement as its own words' restatement (entails) and, wrongly, as contradicted by the longer
    claim, while finding the two stored claims compatible: a judge whose two readings of one statement cannot both
    be right."""

    name, version = "inconsistent", "1"

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        return [self._one(_plain(premise), _plain(hypothesis)) for premise, hypothesis in pairs]

    @staticmethod
    def _one(premise: str, hypothesis: str) -> Judgement:
        sides = {premise, hypothesis}
        if premise == hypothesis or sides == {_plain(ON_RECORD), STATEMENT}:
            return ENTAILS
        return CONTRADICTS if sides == {_plain(OTHER_READING), STATEMENT} else NEUTRAL


def test_an_articles_claim_raises_no_flag_its_checked_words_would_not(
    runtime: Runtime, client: TestClient, writer: dict[str, str]
) -> None:
    claims = [{"text": ON_RECORD, "speaker": "City Museum"}, {"text": OTHER_READING, "speaker": "Arts Weekly"}]
    assert client.post("/v1/claims/bulk", json={"claims": claims}, headers=writer).status_code == 200
    runtime.use_models(runtime.encoder, _InconsistentJudge(), runtime.extractor)
    checked = client.post("/v1/check", json={"text": STATEMENT}, headers=writer).json()
    relations = {m["claim"]["text"]: (m["relation"], m["signals"]) for m in checked["matches"]}
    assert checked["verdict"] == "supported", checked
    assert relations[OTHER_READING] == ("neutral", ["uncorroborated"])
    article = {"text": ARTICLE, "url": "https://news.example.org/museum", "published_at": "2020-01-15"}
    reply = client.post("/v1/documents", json=article, headers=writer)
    assert reply.status_code == 201, reply.text
    assert [c["text"] for c in reply.json()["claims"]] == [STATEMENT]
    assert client.get("/v1/flags", headers=writer).json()["items"] == []
