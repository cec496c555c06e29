"""Prometheus metrics for GET /metrics: small units over one registry per app, defined in ``metrics.toml``.

Each unit owns a few metrics and one job (HTTP requests, rate-limit refusals, model batches, flags, the
reconciliation's progress), and is wired to the runtime at start-up and unwired at shutdown (``MetricUnit``). The
names, types, labels, help texts and buckets are data (``service/metrics.toml``); ``docs/observability.md``
explains each and says what to alert on. Every app gets its own ``CollectorRegistry`` (tests build many apps in
one process), never prometheus-client's global one.
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, ProcessCollector
from prometheus_client.exposition import choose_encoder
from prometheus_client.metrics_core import CounterMetricFamily, GaugeMetricFamily, Metric
from sqlalchemy import event
from sqlalchemy.orm import Session

from db.database import Database
from db.models import ReconciliationRun
from db.repositories.runs import LockRepository, RunRepository
from db.types import utcnow
from db.vector_mirror import VectorMirror
from reconcile.lock import RECONCILE_LOCK, WORKER_PRESENCE, worker_silent_after
from service.runtime import Runtime
from service.services.flags import take_committed_flags

log = logging.getLogger("claimledger")
METRICS_FILE = Path(__file__).with_name("metrics.toml")
RECONCILE_STAGES = ("embed", "check", "report")
FINISHED_STATUSES = ("succeeded", "failed")
UNMATCHED_ROUTE = "unmatched"


@dataclass(frozen=True, slots=True)
class MetricSpec:
    name: str
    type: str  # counter | gauge | histogram
    help: str
    labels: tuple[str, ...] = ()
    buckets: tuple[float, ...] | None = None


def load_specs(path: Path = METRICS_FILE) -> dict[str, MetricSpec]:
    with path.open("rb") as handle:
        entries: list[dict[str, Any]] = tomllib.load(handle)["metric"]
    specs = {}
    for entry in entries:
        buckets = entry.get("buckets")
        spec = MetricSpec(
            name=entry["name"],
            type=entry["type"],
            help=entry["help"],
            labels=tuple(entry.get("labels", ())),
            buckets=tuple(float(b) for b in buckets) if buckets is not None else None,
        )
        if spec.type not in ("counter", "gauge", "histogram"):
            raise ValueError(f"{path}: {spec.name} has unknown type {spec.type!r}")
        specs[spec.name] = spec
    return specs


class Instruments:
    """The specs' metrics, made on first use in one registry."""

    def __init__(self, registry: CollectorRegistry, specs: dict[str, MetricSpec]) -> None:
        self.registry = registry
        self.specs = specs
        self._made: dict[str, Counter | Gauge | Histogram] = {}

    def _make(self, name: str, kind: str) -> Counter | Gauge | Histogram:
        if name not in self._made:
            spec = self.specs[name]
            if spec.type != kind:
                raise TypeError(f"{name} is a {spec.type}, not a {kind}")
            if kind == "counter":
                self._made[name] = Counter(name, spec.help, spec.labels, registry=self.registry)
            elif kind == "gauge":
                self._made[name] = Gauge(name, spec.help, spec.labels, registry=self.registry)
            else:
                buckets = spec.buckets or Histogram.DEFAULT_BUCKETS
                self._made[name] = Histogram(name, spec.help, spec.labels, registry=self.registry, buckets=buckets)
        return self._made[name]

    def counter(self, name: str) -> Counter:
        made = self._make(name, "counter")
        assert isinstance(made, Counter)
        return made

    def gauge(self, name: str) -> Gauge:
        made = self._make(name, "gauge")
        assert isinstance(made, Gauge)
        return made

    def histogram(self, name: str) -> Histogram:
        made = self._make(name, "histogram")
        assert isinstance(made, Histogram)
        return made


class MetricUnit(Protocol):
    """A few metrics with one job. ``attach`` wires them to the runtime at start-up, ``detach`` at shutdown."""

    def attach(self, runtime: Runtime) -> None: ...

    def detach(self, runtime: Runtime) -> None: ...


class _Unattached:
    def attach(self, runtime: Runtime) -> None:
        return None

    def detach(self, runtime: Runtime) -> None:
        return None


class HttpMetrics(_Unattached):
    """Requests by route template (never the raw path: ids would make a series per claim) and status."""

    def __init__(self, instruments: Instruments) -> None:
        self.requests = instruments.counter("claimledger_http_requests_total")
        self.duration = instruments.histogram("claimledger_http_request_duration_seconds")
        self.in_progress = instruments.gauge("claimledger_http_requests_in_progress")

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        labels = (method, route, str(status))
        self.requests.labels(*labels).inc()
        self.duration.labels(*labels).observe(seconds)


class RateLimitMetrics(_Unattached):
    def __init__(self, instruments: Instruments) -> None:
        self.refusals = instruments.counter("claimledger_rate_limited_total")

    def refused(self, limit: str) -> None:
        self.refusals.labels(limit).inc()


class ModelBatchMetrics:
    """Batch sizes and seconds of the request path's model calls (``Runtime.batch_observer``)."""

    def __init__(self, instruments: Instruments) -> None:
        self.sizes = instruments.histogram("claimledger_model_batch_size")
        self.seconds = instruments.histogram("claimledger_model_batch_seconds")
        self._previous: Callable[[str, int, float], None] | None = None

    def observe(self, model: str, size: int, seconds: float) -> None:
        self.sizes.labels(model).observe(size)
        self.seconds.labels(model).observe(seconds)

    def attach(self, runtime: Runtime) -> None:
        # Read when the runtime first builds its pooled models, which happens on the first request after start-up.
        self._previous, runtime.batch_observer = runtime.batch_observer, self.observe

    def detach(self, runtime: Runtime) -> None:
        if runtime.batch_observer == self.observe:
            runtime.batch_observer = self._previous


class FlagMetrics:
    """Flags raised, counted when the transaction that inserted them commits (never for one rolled back)."""

    def __init__(self, instruments: Instruments) -> None:
        self.raised = instruments.counter("claimledger_flags_raised_total")

    def _after_commit(self, session: Session) -> None:
        if session.in_nested_transaction():  # a savepoint released: the flags are not committed yet
            return
        for kind, origin in take_committed_flags(session):
            self.raised.labels(kind, origin).inc()

    def attach(self, runtime: Runtime) -> None:
        # Every write of the process (requests, and a reconciliation started by the API) uses this factory.
        event.listen(runtime.db.write_factory, "after_commit", self._after_commit)

    def detach(self, runtime: Runtime) -> None:
        if event.contains(runtime.db.write_factory, "after_commit", self._after_commit):
            event.remove(runtime.db.write_factory, "after_commit", self._after_commit)


class ReconciliationMetrics:
    """The reconciliation's progress and outcome, read from ``reconciliation_runs`` at each scrape: the nightly
    job usually runs in another process (`claimledger reconcile` from a scheduler), whose counters this process
    never sees, but its rows are in the shared database."""

    NAMES = (
        "claimledger_reconciliation_running",
        "claimledger_reconciliation_stage",
        "claimledger_reconciliation_claims_checked",
        "claimledger_reconciliation_claims_total",
        "claimledger_reconciliation_last_finished_timestamp_seconds",
        "claimledger_reconciliation_last_status",
        "claimledger_reconciliation_last_flags_new",
        "claimledger_reconciliation_heartbeat_age_seconds",
        "claimledger_reconciliation_queued",
        "claimledger_batch_workers",
    )

    def __init__(self, specs: dict[str, MetricSpec], registry: CollectorRegistry) -> None:
        self.specs = {name: specs[name] for name in self.NAMES}
        self.db: Database | None = None
        self.worker_silent_after = timedelta(seconds=300)
        registry.register(self)

    def attach(self, runtime: Runtime) -> None:
        self.db = runtime.db
        self.worker_silent_after = worker_silent_after(
            runtime.settings.reconcile_heartbeat_seconds, runtime.settings.reconcile_lock_stale_seconds
        )

    def detach(self, runtime: Runtime) -> None:
        self.db = None

    def _family(self, name: str) -> GaugeMetricFamily:
        spec = self.specs[name]
        return GaugeMetricFamily(name, spec.help, labels=spec.labels)

    def describe(self) -> Iterable[Metric]:
        """What ``collect`` yields, without reading the database (prometheus-client calls it on registering)."""
        return [self._family(name) for name in self.NAMES]

    def collect(self) -> Iterator[Metric]:
        if self.db is None:
            return
        try:
            with self.db.read() as session:
                runs = RunRepository(session)
                running = runs.with_status("running")
                current = running[-1] if running else None
                finished = {status: runs.latest_finished(status) for status in FINISHED_STATUSES}
                queued = len(runs.with_status("queued"))
                beat = _latest_beat(session, current)
                now = utcnow()
                workers = LockRepository(session).count_seen_since(WORKER_PRESENCE, now - self.worker_silent_after)
        except Exception:  # a scrape must not fail over a busy or unreachable database; the gauges go missing
            log.warning("could not read reconciliation runs for /metrics", exc_info=True)
            return
        latest = max(
            (run for run in finished.values() if run is not None and run.finished_at is not None),
            key=lambda run: run.finished_at,  # type: ignore[arg-type,return-value]
            default=None,
        )
        families = {name: self._family(name) for name in self.NAMES}
        families["claimledger_reconciliation_running"].add_metric([], 1.0 if current is not None else 0.0)
        families["claimledger_reconciliation_queued"].add_metric([], float(queued))
        families["claimledger_batch_workers"].add_metric([], float(workers))
        if beat is not None:
            families["claimledger_reconciliation_heartbeat_age_seconds"].add_metric(
                [], max(0.0, (now - beat).total_seconds())
            )
        stage = (current.progress or {}).get("stage") if current is not None else None
        for name in RECONCILE_STAGES:
            families["claimledger_reconciliation_stage"].add_metric([name], 1.0 if stage == name else 0.0)
        shown = current or latest
        if shown is not None:
            progress = shown.progress or {}
            families["claimledger_reconciliation_claims_checked"].add_metric(
                [], float(progress.get("claims_checked") or 0)
            )
            if progress.get("check_total") is not None:
                families["claimledger_reconciliation_claims_total"].add_metric([], float(progress["check_total"]))
        for status, run in finished.items():
            if run is not None and run.finished_at is not None:
                families["claimledger_reconciliation_last_finished_timestamp_seconds"].add_metric(
                    [status], run.finished_at.timestamp()
                )
        if latest is not None:
            for status in FINISHED_STATUSES:
                families["claimledger_reconciliation_last_status"].add_metric(
                    [status], 1.0 if latest.status == status else 0.0
                )
        succeeded = finished["succeeded"]
        if succeeded is not None:
            for kind, count in ((succeeded.stats or {}).get("flags_new") or {}).items():
                families["claimledger_reconciliation_last_flags_new"].add_metric([str(kind)], float(count))
        yield from families.values()


def _latest_beat(session: Session, running: ReconciliationRun | None) -> datetime | None:
    """When the running run last showed life: its own heartbeat (each chunk) or its lock's (every 30 s)."""
    if running is None:
        return None
    lock = LockRepository(session).get(RECONCILE_LOCK)
    beats = [b for b in (running.heartbeat_at, lock.heartbeat_at if lock else None) if b is not None]
    return max(beats, default=None)


class VectorMirrorMetrics:
    """The in-memory vector mirror's size and loads (SQLite), read from the mirror at each scrape."""

    NAMES = ("claimledger_vector_mirror_vectors", "claimledger_vector_mirror_bytes")
    LOADS = "claimledger_vector_mirror_loads_total"

    def __init__(self, specs: dict[str, MetricSpec], registry: CollectorRegistry) -> None:
        self.specs = {name: specs[name] for name in (*self.NAMES, self.LOADS)}
        self.mirror: VectorMirror | None = None
        registry.register(self)

    def attach(self, runtime: Runtime) -> None:
        self.mirror = runtime.db.vector_mirror

    def detach(self, runtime: Runtime) -> None:
        self.mirror = None

    def _families(self) -> tuple[GaugeMetricFamily, GaugeMetricFamily, CounterMetricFamily]:
        vectors, size = (
            GaugeMetricFamily(name, self.specs[name].help, labels=self.specs[name].labels) for name in self.NAMES
        )
        loads = CounterMetricFamily(self.LOADS.removesuffix("_total"), self.specs[self.LOADS].help, labels=[])
        return vectors, size, loads

    def describe(self) -> Iterable[Metric]:
        return list(self._families())

    def collect(self) -> Iterator[Metric]:
        if self.mirror is None:  # PostgreSQL, or the mirror switched off: no such series
            return
        vectors, size, loads = self._families()
        for model, held, nbytes in self.mirror.held():
            vectors.add_metric([model], float(held))
            size.add_metric([model], float(nbytes))
        loads.add_metric([], float(self.mirror.loads))
        yield from (vectors, size, loads)


class AppMetrics:
    """One app's metrics: its registry and its units."""

    def __init__(self, specs: dict[str, MetricSpec] | None = None) -> None:
        specs = specs if specs is not None else load_specs()
        self.registry = CollectorRegistry()
        ProcessCollector(registry=self.registry)  # process_cpu_seconds_total, process_resident_memory_bytes, ...
        instruments = Instruments(self.registry, specs)
        self.http = HttpMetrics(instruments)
        self.rate_limits = RateLimitMetrics(instruments)
        self.models = ModelBatchMetrics(instruments)
        self.flags = FlagMetrics(instruments)
        self.reconciliation = ReconciliationMetrics(specs, self.registry)
        self.vector_mirror = VectorMirrorMetrics(specs, self.registry)
        self.units: tuple[MetricUnit, ...] = (
            self.http,
            self.rate_limits,
            self.models,
            self.flags,
            self.reconciliation,
            self.vector_mirror,
        )

    def attach(self, runtime: Runtime) -> None:
        for unit in self.units:
            unit.attach(runtime)

    def detach(self, runtime: Runtime) -> None:
        for unit in self.units:
            unit.detach(runtime)

    def render(self, accept: str | None) -> tuple[bytes, str]:
        """The exposition in the format the scraper asked for (Prometheus text by default) and its media type."""
        encoder, media_type = choose_encoder(accept or "")
        return encoder(self.registry), media_type
