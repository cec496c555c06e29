"""Where the models run for requests: off the event loop, outside every database transaction, batched across
concurrent requests.

Each model (encoder, judge) has one worker thread fed by a queue. A request submits its texts or pairs and blocks
its own (thread-pool) thread until the result is back; while the model works on one batch, every request that
arrives queues, and the next batch takes them all in one call. So four concurrent checks cost one encoder call and
one judge call instead of four of each, and an idle service adds no wait. PyTorch releases the GIL while it
computes and uses ``torch_threads`` (all cores by default) inside each call: one worker per model is the pool
sized to the cores.

Attribution extraction (spaCy, pure Python for the most part) holds the GIL for seconds on a long article, which
would stall every other request of the process; it runs in worker processes (``extraction_processes``), or in a
thread of this process when that is 0 (tests, and an extractor injected by the caller).
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

import numpy as np

from embeddings.encoder import Encoder
from embeddings.judge import Judge, Judgement
from service.errors import ServiceUnavailableError

if TYPE_CHECKING:
    from extraction import AttributionExtractor, ExtractedClaim

log = logging.getLogger("claimledger")

In = TypeVar("In")
Out = TypeVar("Out")
BatchObserver = Callable[[str, int, float], None]


@dataclass
class _Job(Generic[In, Out]):
    items: Sequence[In]
    future: Future[list[Out]] = field(default_factory=Future)


class BatchingWorker(Generic[In, Out]):
    """Runs ``run_batch`` on one thread over the items of every job queued since its last call (up to about
    ``max_batch`` items per call)."""

    def __init__(
        self,
        name: str,
        run_batch: Callable[[list[In]], Sequence[Out]],
        max_batch: int = 256,
        observe: BatchObserver | None = None,
    ) -> None:
        self.name = name
        self._run_batch = run_batch
        self._max_batch = max_batch
        self._observe = observe
        self._queue: queue.SimpleQueue[_Job[In, Out] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def __call__(self, items: Sequence[In]) -> list[Out]:
        """The results for ``items``, in order. A call larger than one batch goes in batch-sized pieces, one after
        another, so the requests that arrive meanwhile share the model with it instead of waiting for all of it."""
        self._ensure_started()
        results: list[Out] = []
        for start in range(0, len(items), self._max_batch):
            job: _Job[In, Out] = _Job(items[start : start + self._max_batch])
            self._queue.put(job)
            results.extend(job.future.result())
        return results

    def _ensure_started(self) -> None:
        if self._thread is not None:
            return
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name=f"claimledger-{self.name}", daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            jobs = [first]
            size = len(first.items)
            while size < self._max_batch:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._queue.put(None)  # stop after this batch
                    break
                jobs.append(more)
                size += len(more.items)
            self._run(jobs, size)

    def _run(self, jobs: list[_Job[In, Out]], size: int) -> None:
        items = [item for job in jobs for item in job.items]
        started = time.perf_counter()
        try:
            results = list(self._run_batch(items))
            if len(results) != len(items):
                raise RuntimeError(f"{self.name}: {len(results)} results for {len(items)} inputs")
        except BaseException as exc:  # every waiting request gets the error; the worker carries on
            for job in jobs:
                job.future.set_exception(exc)
            return
        if self._observe is not None:
            self._observe(self.name, size, time.perf_counter() - started)
        start = 0
        for job in jobs:
            job.future.set_result(results[start : start + len(job.items)])
            start += len(job.items)

    def stop(self) -> None:
        if self._thread is not None:
            self._queue.put(None)


class PooledEncoder:
    """An ``Encoder`` whose calls are batched across requests by a ``BatchingWorker``."""

    def __init__(self, inner: Encoder, observe: BatchObserver | None = None, max_batch: int = 512) -> None:
        self.inner = inner
        self.name, self.version, self.dim = inner.name, inner.version, inner.dim
        self._worker: BatchingWorker[str, np.ndarray] = BatchingWorker(
            "encoder", lambda texts: list(inner.encode(texts)), max_batch, observe
        )

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack(self._worker(list(texts))).astype(np.float32, copy=False)

    def stop(self) -> None:
        self._worker.stop()


class PooledJudge:
    """A ``Judge`` whose calls are batched across requests by a ``BatchingWorker``."""

    def __init__(self, inner: Judge, observe: BatchObserver | None = None, max_batch: int = 256) -> None:
        self.inner = inner
        self.name, self.version = inner.name, inner.version
        self._worker: BatchingWorker[tuple[str, str], Judgement] = BatchingWorker(
            "judge", lambda pairs: inner.judge(pairs), max_batch, observe
        )

    def judge(self, pairs: Sequence[tuple[str, str]]) -> list[Judgement]:
        return self._worker(list(pairs))

    def stop(self) -> None:
        self._worker.stop()


_process_extractor: AttributionExtractor | None = None


def _init_process_extractor() -> None:
    global _process_extractor
    import signal

    from extraction import AttributionExtractor

    # Ctrl-C reaches the whole process group: the server handles it and closes the pool; a worker that died of it
    # too would fail the article being read as the server drains its requests.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    _process_extractor = AttributionExtractor()
    _process_extractor.extract("The ministry said the talks would resume.")  # load spaCy before the first job


def _extract_in_process(text: str) -> list[ExtractedClaim]:
    assert _process_extractor is not None
    return _process_extractor.extract(text)


class ExtractionPool:
    """Runs attribution extraction off the request threads: in worker processes (``processes`` > 0) so spaCy's
    GIL-bound work never stalls the rest of the service, else on one thread with ``extractor``."""

    def __init__(self, processes: int, extractor: Callable[[], AttributionExtractor]) -> None:
        self._processes = processes
        self._extractor = extractor
        self._executor: ProcessPoolExecutor | ThreadPoolExecutor | None = None
        self._lock = threading.Lock()

    @property
    def version(self) -> str:
        return self._extractor().version

    def _pool(self) -> ProcessPoolExecutor | ThreadPoolExecutor:
        with self._lock:
            if self._executor is None:
                if self._processes > 0:
                    self._executor = ProcessPoolExecutor(
                        self._processes,
                        mp_context=multiprocessing.get_context("spawn"),
                        initializer=_init_process_extractor,
                    )
                else:
                    self._executor = ThreadPoolExecutor(1, thread_name_prefix="claimledger-extract")
            return self._executor

    def extract(self, text: str) -> list[ExtractedClaim]:
        if self._processes == 0:
            extractor = self._extractor()
            return self._pool().submit(extractor.extract, text).result()
        for attempt in (1, 2):
            pool = self._pool()
            try:
                return pool.submit(_extract_in_process, text).result()
            except BrokenProcessPool:
                # A worker died (killed for memory, by an operator): the pool refuses all work from then on, so it
                # is replaced, and the article tried once more on fresh workers.
                self._discard(pool)
                log.warning("an extraction worker died; a new pool was started (attempt %d of 2)", attempt)
        raise ServiceUnavailableError("the extraction worker died twice on this article; retry later")

    def _discard(self, broken: ProcessPoolExecutor | ThreadPoolExecutor) -> None:
        with self._lock:
            if self._executor is broken:
                self._executor = None
        broken.shutdown(wait=False, cancel_futures=True)

    @property
    def started(self) -> bool:
        """Whether the workers are up (``warm_up`` or a first article started them)."""
        return self._executor is not None

    def warm_up(self) -> None:
        """Start the worker processes now (each loads spaCy), so the first article does not wait for them."""
        if self._processes > 0:
            self._pool().submit(len, "").result()

    def close(self) -> None:
        """Cancel queued articles and wait for the workers to exit: a worker process left behind by a server that
        stopped would wait for work forever (and hold spaCy's memory)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
