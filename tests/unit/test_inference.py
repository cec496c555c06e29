"""The request path's model workers: concurrent calls share one batch, each gets its own results back."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import pytest

from embeddings.judge import Judgement, both_ways, judge_both_ways, reversed_pairs
from service.inference import BatchingWorker


def test_concurrent_calls_are_batched_and_answered_in_order() -> None:
    batches: list[int] = []
    release = threading.Event()

    def run(items: list[int]) -> list[int]:
        batches.append(len(items))
        release.wait(5)  # hold the first batch until every other caller has queued
        return [i * 10 for i in items]

    worker: BatchingWorker[int, int] = BatchingWorker("test", run)
    with ThreadPoolExecutor(8) as pool:
        futures = [pool.submit(worker, [n, n + 1000]) for n in range(8)]
        time.sleep(0.3)
        release.set()
        results = [f.result(timeout=5) for f in futures]
    assert results == [[n * 10, (n + 1000) * 10] for n in range(8)]
    assert sum(batches) == 16
    assert len(batches) < 8  # the callers that queued while the first batch ran went in together
    worker.stop()


def test_an_error_reaches_every_caller_of_the_batch_and_the_worker_carries_on() -> None:
    def run(items: list[str]) -> list[str]:
        if "boom" in items:
            raise ValueError("bad input")
        return [s.upper() for s in items]

    worker: BatchingWorker[str, str] = BatchingWorker("test", run)
    with pytest.raises(ValueError, match="bad input"):
        worker(["boom"])
    assert worker(["ok"]) == ["OK"]
    assert worker([]) == []
    worker.stop()


class _OneWayJudge:
    """Contradicts only when the premise mentions 'against' (a judge that reads one direction better)."""

    name, version = "one-way", "1"

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        return [
            Judgement("contradicts", {"entailment": 0.1, "neutral": 0.1, "contradiction": 0.8}, ["antonym"])
            if "against" in premise
            else Judgement("entails", {"entailment": 0.8, "neutral": 0.1, "contradiction": 0.1})
            for premise, _ in pairs
        ]


def test_a_pair_contradicts_when_either_direction_does() -> None:
    request = "The Coalition is in Iraq at the request of the government."
    against = "The Coalition is in Iraq against the wishes of the government."
    assert reversed_pairs([("a", "b")]) == [("a", "b"), ("b", "a")]
    forward_only, backward_only = judge_both_ways(_OneWayJudge(), [(against, request), (request, against)])
    assert forward_only.relation == backward_only.relation == "contradicts"
    assert "reverse_contradiction" not in forward_only.signals
    assert backward_only.signals == ["antonym", "reverse_contradiction"]
    assert backward_only.probabilities["entailment"] == 0.8  # the forward direction's, as the contract says
    assert backward_only.reverse_probabilities is not None
    assert backward_only.reverse_probabilities["contradiction"] == 0.8
    # seen from the other side, the pair still contradicts and the probabilities trade places
    flipped = backward_only.reversed()
    assert flipped.relation == "contradicts"
    assert flipped.probabilities == backward_only.reverse_probabilities
    # ... and reverse_contradiction follows the swap: the forward direction now contradicts itself
    assert flipped.signals == ["antonym"]
    # the pair found only forwards, seen the other way round, contradicts only in its reverse direction
    assert forward_only.reversed().signals == ["antonym", "reverse_contradiction"]
    assert forward_only.reversed().reversed().signals == ["antonym"]


def test_entailment_stays_directional() -> None:
    entails = Judgement("entails", {"entailment": 0.9, "neutral": 0.05, "contradiction": 0.05})
    neutral = Judgement("neutral", {"entailment": 0.2, "neutral": 0.7, "contradiction": 0.1}, ["extra_content"])
    combined = both_ways(entails, neutral)
    assert combined.relation == "entails"
    assert combined.reverse_relation == "neutral"
    assert combined.signals == []  # the other direction's signals speak only when it decided
    assert both_ways(neutral, entails).relation == "neutral"


def test_a_large_call_goes_in_pieces_that_other_callers_can_join() -> None:
    batches: list[list[str]] = []
    first_piece = threading.Event()
    release = threading.Event()

    def run(items: list[str]) -> list[str]:
        batches.append(list(items))
        first_piece.set()
        release.wait(5)
        return items

    worker: BatchingWorker[str, str] = BatchingWorker("test", run, max_batch=4)
    with ThreadPoolExecutor(2) as pool:
        big = pool.submit(worker, [f"big{i}" for i in range(10)])
        assert first_piece.wait(5)
        small = pool.submit(worker, ["small"])
        time.sleep(0.2)
        release.set()
        assert big.result(5) == [f"big{i}" for i in range(10)]
        assert small.result(5) == ["small"]
    assert batches[0] == ["big0", "big1", "big2", "big3"]
    with_small = next(i for i, batch in enumerate(batches) if "small" in batch)
    with_last_piece = next(i for i, batch in enumerate(batches) if "big9" in batch)
    assert with_small < with_last_piece  # the small call did not wait for the whole large one
    worker.stop()


def test_closing_the_extraction_pool_leaves_no_worker_process() -> None:
    """A stopping server waits for its extraction workers to exit: one left behind would wait for work forever."""
    import multiprocessing

    from extraction import AttributionExtractor
    from service.inference import ExtractionPool

    pool = ExtractionPool(1, AttributionExtractor)
    pool.warm_up()  # the worker process is up, spaCy loaded
    assert multiprocessing.active_children()
    pool.close()
    assert multiprocessing.active_children() == []


def test_an_extraction_worker_killed_is_replaced_and_the_article_still_read() -> None:
    """A worker killed for memory broke the pool for good: every article after it failed until a restart."""
    import multiprocessing
    import os
    import signal

    from extraction import AttributionExtractor
    from service.inference import ExtractionPool

    pool = ExtractionPool(1, AttributionExtractor)
    try:
        pool.warm_up()
        (worker,) = multiprocessing.active_children()
        assert worker.pid is not None
        os.kill(worker.pid, signal.SIGKILL)
        worker.join(10)
        claims = pool.extract("The ministry said the talks would resume next week.")
        assert [c.speaker.name for c in claims] == ["ministry"]
        assert pool.extract("The army said the road was open again.")[0].speaker.name == "army"
    finally:
        pool.close()
    assert multiprocessing.active_children() == []


def _ignores_ctrl_c() -> bool:
    import signal

    return signal.getsignal(signal.SIGINT) is signal.SIG_IGN


def test_extraction_workers_leave_ctrl_c_to_the_server() -> None:
    """Ctrl-C reaches the whole process group; a worker that died of it failed the article in flight (a 500) while
    the server was still draining its requests."""
    from extraction import AttributionExtractor
    from service.inference import ExtractionPool

    pool = ExtractionPool(1, AttributionExtractor)
    try:
        assert pool._pool().submit(_ignores_ctrl_c).result(120) is True
    finally:
        pool.close()
