"""A bulk write at the contract's extreme (claims of up to 5,000 characters): what it costs per claim.

Issue 22/23: 1,000 claims of 5,000 characters took minutes. The time is the sentence encoder's (all-MiniLM-L6-v2
reads a claim to its 256th word piece, about 1,200 characters, whatever its length: ~80 ms of CPU a long claim,
3-6x a 200-character one); these tests pin what that estimate rests on: each new claim is encoded
once, whole (no sentence windows on the way in: those are a long *statement's* when it is checked), its stored
vector is the encoder's vector of its normalised text, which is the vector of its first 256 word pieces; and the
work around the encoder does not grow per claim where it need not (a speaker name is checked once per request).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import event

from db.vector_index import VectorIndex
from embeddings import length_calls
from embeddings.encoder import Encoder, HashingEncoder, load_encoder, model_key
from embeddings.length_calls import MOST_PER_CALL
from embeddings.rule_judge import RuleJudge
from embeddings.text_normalize import SEGMENT_ABOVE_CHARS, normalize_or_keep
from extraction import AttributionExtractor
from service.inference import PooledEncoder
from service.runtime import Runtime
from service.services.claims import encode_claim_texts

SENTENCES = (
    "The number of U.S. troops in Iraq has dropped to about 2,500 over the past months.",
    "Officials said the coalition was in the country at the request of the Iraqi government.",
    "The ministry added that talks on the remaining forces would resume in Baghdad next week.",
    "Critics argued that the figures released on Monday did not include contractors or trainers.",
    "A spokesman declined to say when the last combat units would leave the northern bases.",
)


def long_text(seed: int, length: int = 5000) -> str:
    """A claim of about ``length`` characters: the sentences above in a shuffled order, numbered apart."""
    rng = np.random.default_rng(seed)
    parts: list[str] = []
    while sum(len(p) + 1 for p in parts) < length - 120:
        parts.append(f"{SENTENCES[int(rng.integers(len(SENTENCES)))]} ({seed}.{len(parts)})")
    return " ".join(parts)


class RecordingEncoder(HashingEncoder):
    """The hashing encoder, remembering every text it was given."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts.extend(texts)
        return super().encode(texts)


def test_long_claims_are_encoded_once_each_whole(
    client: TestClient, runtime: Runtime, extractor: AttributionExtractor, writer: dict[str, str]
) -> None:
    """One encoder text per new claim, its normalised text (no sentence windows); a repeated external_id none."""
    encoder = RecordingEncoder()
    runtime.use_models(encoder, RuleJudge(), extractor)
    texts = [long_text(i) for i in range(6)] + ["Troops have left.", "Taxes rose by 2% in 2020."]
    assert all(len(t) > SEGMENT_ABOVE_CHARS for t in texts[:6])
    claims = [{"text": t, "speaker": "Iraqi military", "external_id": f"e{i}"} for i, t in enumerate(texts)]
    reply = client.post("/v1/claims/bulk", json={"claims": [*claims, claims[0]]}, headers=writer)
    assert reply.status_code == 200, reply.text
    assert reply.json()["created"] == len(texts)
    assert sorted(encoder.texts) == sorted(normalize_or_keep(t) for t in texts)


def sources_lookups(runtime: Runtime, post: Callable[[], Any]) -> int:
    """How many SELECTs on sources ``post`` ran, on the read and the write engine."""
    count = 0

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        nonlocal count
        if statement.lstrip().upper().startswith("SELECT") and "FROM sources" in statement:
            count += 1

    engines = {id(e): e for e in (runtime.db.engine, runtime.db.read_engine)}.values()
    for engine in engines:
        event.listen(engine, "before_cursor_execute", record)
    try:
        post()
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", record)
    return count


def test_a_bulk_checks_each_speaker_name_once(client: TestClient, runtime: Runtime, writer: dict[str, str]) -> None:
    """Whether a new speaker's name could be several people (a lone word: "Pentagon", "Berg") is asked once per name
    and request: it was a query per claim, 1,000 for a bulk of 1,000 claims that name the same new speaker."""

    def post(count: int, names: tuple[str, str]) -> Callable[[], None]:
        def run() -> None:
            claims = [{"text": f"{names[0]} claim {i} about troops.", "speaker": names[i % 2]} for i in range(count)]
            reply = client.post("/v1/claims/bulk", json={"claims": claims}, headers=writer)
            assert reply.status_code == 200, reply.text
            assert reply.json()["created"] == count

        return run

    few = sources_lookups(runtime, post(4, ("Alvarado", "Berglund")))
    many = sources_lookups(runtime, post(60, ("Castellanos", "Dervishi")))
    assert few > 0
    assert many == few


@pytest.fixture(scope="module")
def minilm() -> Encoder:
    return load_encoder("minilm")


def test_a_long_claims_vector_is_minilms_of_its_first_256_word_pieces(
    client: TestClient, runtime: Runtime, extractor: AttributionExtractor, writer: dict[str, str], minilm: Encoder
) -> None:
    """The stored vector of a 5,000-character claim is the encoder's of its normalised text, which the model reads
    only to its 256th word piece: a claim costs the same to encode at 1,500 characters as at 5,000."""
    runtime.use_models(minilm, RuleJudge(), extractor)
    text = long_text(7)
    claims = [{"text": text, "speaker": "Iraqi military"}, {"text": "Troops have left Iraq.", "speaker": "Berg"}]
    reply = client.post("/v1/claims/bulk", json={"claims": claims}, headers=writer)
    assert reply.status_code == 200, reply.text
    claim_id = reply.json()["ids"][0]
    with runtime.db.read() as session:
        stored = VectorIndex(session).stored(model_key(minilm), [claim_id])[claim_id]
    whole = minilm.encode([normalize_or_keep(text)])[0]
    assert float(np.dot(stored, whole)) > 0.99999
    prefix = normalize_or_keep(text)[:2000]
    prefix = prefix[: prefix.rindex(" ")]
    tokenizer = minilm._model.tokenizer  # type: ignore[attr-defined]
    assert len(tokenizer(prefix)["input_ids"]) > 256  # the cut is past what the model reads
    assert float(np.dot(stored, minilm.encode([prefix])[0])) > 0.99999
    assert float(np.dot(stored, minilm.encode([prefix[:600]])[0])) < 0.99  # what it reads does change the vector


class GatedEncoder(HashingEncoder):
    """The hashing encoder, recording each call's texts; its first call waits until ``release`` is set."""

    def __init__(self) -> None:
        super().__init__()
        self.calls: list[list[str]] = []
        self.started = threading.Event()
        self.release = threading.Event()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        if len(self.calls) == 1:
            self.started.set()
            assert self.release.wait(10)
        return super().encode(texts)


def test_a_check_waits_for_one_encoder_batch_of_a_bulk_not_all_of_it() -> None:
    """The model serves one call at a time (``PooledEncoder``): a check that arrives while a bulk request's claims are
    encoded waits for the call in progress. 512 claims of 5,000 characters in one call kept it waiting 65 s on 2
    busy cores; in calls of at most ``MOST_PER_CALL`` texts it waits for that many."""
    inner = GatedEncoder()
    pooled = PooledEncoder(inner)
    texts = [long_text(i, 1200) for i in range(300)]  # alike in length: one call of like lengths
    try:
        bulk = threading.Thread(target=encode_claim_texts, args=(pooled, texts))
        bulk.start()
        assert inner.started.wait(10)
        check = threading.Thread(target=pooled.encode, args=(["Troops in Iraq have risen to 10,000."],))
        check.start()
        deadline = time.monotonic() + 10
        while pooled._worker._queue.qsize() == 0 and time.monotonic() < deadline:  # the check is queued
            time.sleep(0.01)
        inner.release.set()
        bulk.join(10)
        check.join(10)
    finally:
        inner.release.set()
        pooled.stop()
    first_with_check = next(i for i, call in enumerate(inner.calls) if "Troops in Iraq" in " ".join(call))
    before = sum(len(call) for call in inner.calls[:first_with_check])
    assert sum(len(call) for call in inner.calls) == len(texts) + 1
    assert before <= MOST_PER_CALL


def test_calls_of_at_most_64_give_the_vectors_of_one_call_to_the_bit(
    minilm: Encoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cut into calls of ``MOST_PER_CALL``, a bulk's texts are batched as one call of each like-length group batched
    them (the encoder's batch of 64, in its own order), so the stored vectors did not change, to the bit. Texts of
    two lengths, one of many more word pieces ("3.14 3.14 ...") put where the encoder's order of ties and the written
    order would batch it apart: a batch is padded to its longest text in word pieces."""
    lengths = [int(n) for n in np.random.default_rng(0).choice([190, 200], 100)]
    encoders = [int(k) for k in np.argsort([-n for n in lengths])]  # how the encoder orders a call's texts
    written = sorted(range(len(lengths)), key=lambda i: -lengths[i])  # longest first, ties as written
    heavy = next(i for i in written if (encoders.index(i) < MOST_PER_CALL) != (written.index(i) < MOST_PER_CALL))
    alike = [("3.14 " * 60 if i == heavy else f"troops {i:03d} " * 30)[: n - 1] + "." for i, n in enumerate(lengths)]
    assert [len(normalize_or_keep(t)) for t in alike] == lengths
    mixed = [long_text(i, int(n))[: int(n)] for i, n in enumerate(np.random.default_rng(11).integers(40, 400, 140))]
    for texts in (alike, mixed):
        cut = encode_claim_texts(minilm, texts)
        monkeypatch.setattr(length_calls, "MOST_PER_CALL", 10**9)
        whole = encode_claim_texts(minilm, texts)
        monkeypatch.undo()
        assert len(length_calls.same_length_calls([normalize_or_keep(t) for t in texts])) > 1
        assert np.array_equal(cut, whole)
