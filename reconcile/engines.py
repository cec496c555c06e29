"""Where the check stage's chunks are matched and judged: in this process (``local``) or on a Ray cluster (``ray``).

Either way the driver (``reconcile.job.Reconciler``) reads the chunks, receives each chunk's findings in chunk order
and commits them with the run's progress itself, so locking, resumption after a kill and the report are the same.

On Ray, each worker is an actor that loads the encoder and the judge once and reads the record through its own
read-only database connection (the run's ``database_url``: a file path for SQLite, which therefore only works on a
one-machine cluster; PostgreSQL for a real one). Up to two chunks per actor are in flight, so an actor never waits
for the driver's commit of the previous chunk, and each chunk goes to the least busy actor.

Actors load their models in seconds (a fresh process, torch, the encoder and the judge: 7 s to 17 s a run on two
busy cores). Where the cluster outlives the run, the engine keeps its actors for the next run in the same driver
process (``ActorPool``): each run tells them its settings and they open its record anew, loading their models again
only when the settings the models are built from changed; an actor found dead is replaced, and a run that stops
before its last chunk kills its actors as before. They are no detached actors: they still end with the driver.

The cluster outlives the run where the connection to it does: Ray started before the engine (a program, the tests),
or the connection a batch worker holds for its life (``RayConnection``, which makes every connection the service
makes; ``reconcile.worker``: its second and later runs find their actors' models loaded). A run with no such connection
(`claimledger reconcile --engine ray`) connects for itself, to the cluster at the address or to a local one it
starts on loopback, and shuts Ray down after the run, its actors with it. A held connection whose cluster no longer
answers (its GCS gone) is made anew before the next run; an address nobody answers at fails that run at once.

``ray.init`` replaces the process's SIGTERM handler with one that exits at once (exit 134 and a C++ stack once the
cluster's threads are torn down under it), and ``ray.shutdown`` leaves SIGTERM to its default action (killed on the
spot); the connection puts the caller's handler back after both, so SIGTERM ends a Ray run as it ends a local one
(``Interrupted``: progress kept, lock released, exit 1), and a worker idle after Ray stops as cleanly. A driver
killed with SIGKILL cannot stop the local cluster it started; its raylet and GCS go with it, but its dashboard and
runtime-env agents may be left behind, so starting a local cluster first ends such orphaned agents of this user
(``reap_orphaned_ray_agents``); the agents of a local cluster whose GCS died are ended by the driver's shutdown.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from reconcile.chunks import ChunkClaim, ChunkResult, check_chunk
from service.config import Settings
from service.services.checking import CheckService

if TYPE_CHECKING:
    from db.database import Database
    from embeddings.encoder import Encoder
    from embeddings.judge import Judge
    from reconcile.job import Reconciler

log = logging.getLogger("claimledger.reconcile")

ENGINES = ("local", "ray")
IN_FLIGHT_PER_WORKER = 2


class CheckEngine(Protocol):
    name: str

    def map(
        self, chunks: Iterable[list[ChunkClaim]], since: datetime | None = None
    ) -> Iterator[tuple[list[ChunkClaim], ChunkResult]]:
        """Each chunk with its result, in the order the chunks came; ``since``: the lower bound of an incremental
        run's window (``check_chunk``)."""
        ...

    def close(self) -> None: ...


def run_check(checker: CheckService, chunk: list[ChunkClaim], since: datetime | None) -> ChunkResult:
    """``check_chunk`` with the run's settings, wherever the chunk is checked (``since`` None: every claim
    searches, so there is no reverse step)."""
    settings = checker.settings
    return check_chunk(
        checker,
        chunk,
        settings.reconcile_top_k,
        settings.duplicate_min_similarity,
        since,
        settings.reconcile_reverse_candidates,
    )


class LocalEngine:
    """Checks each chunk in this process with the run's own models."""

    name = "local"

    def __init__(self, checker: CheckService) -> None:
        self.checker = checker

    def map(
        self, chunks: Iterable[list[ChunkClaim]], since: datetime | None = None
    ) -> Iterator[tuple[list[ChunkClaim], ChunkResult]]:
        for chunk in chunks:
            yield chunk, run_check(self.checker, chunk, since)

    def close(self) -> None:
        pass


# Settings a check reads per run (the record, its search, the run's own), not the models. Any other setting is taken
# as one the models may be built from, so a setting the models come to read is never missed: a change of it loads
# them again. A name ending in "_" stands for every setting it begins.
PER_RUN_SETTINGS = (
    "database_url",
    "sqlite_busy_timeout_ms",
    "batch_write_retry_seconds",
    "vector_mirror",
    "hnsw_",
    "reports_dir",
    "reconcile_",
    "ray_",
    "duplicate_min_similarity",
    "load_models_on_startup",
)


def models_key(settings_values: dict[str, Any]) -> dict[str, Any]:
    """The settings an actor's models are built from: all but ``PER_RUN_SETTINGS``."""
    return {
        name: value
        for name, value in settings_values.items()
        if not any(name == p or (p.endswith("_") and name.startswith(p)) for p in PER_RUN_SETTINGS)
    }


class ChunkChecker:
    """A Ray actor's state: the models and a read-only view of the record. The models are built once per worker
    and kept while the settings they come from stay the same; the record is opened for each run (``open``) and
    closed after it (``release``), so no connection outlives a run (PostgreSQL drops a database only when none is
    left)."""

    def __init__(self, settings_values: dict[str, Any]) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        self.db: Database | None = None
        self._models: tuple[Encoder, Judge] | None = None
        self._models_key: dict[str, Any] | None = None
        self.open(settings_values)

    def open(self, settings_values: dict[str, Any]) -> bool:
        """Check with these settings from now on: their record opened anew, the models loaded again only when the
        settings they are built from changed."""
        from embeddings.encoder import load_encoder
        from service.runtime import connect_database, load_judge

        self.release()
        settings = Settings.model_validate(settings_values)
        key = models_key(settings_values)
        if self._models is None or key != self._models_key:
            self._models = None  # the old models go before the new ones load
            if settings.torch_threads:
                import torch

                torch.set_num_threads(settings.torch_threads)
            self._models = (load_encoder(settings.encoder, settings.encoder_batch_size), load_judge(settings))
            self._models_key = key
        self.settings = settings
        self.db = connect_database(settings)
        self.checker = CheckService(self.db, settings, *self._models)
        return True

    def release(self) -> bool:
        """Close the run's record (the models stay)."""
        if self.db is not None:
            self.db.dispose()
            self.db = None
        return True

    def check(self, chunk: list[ChunkClaim], since: datetime | None = None) -> ChunkResult:
        return run_check(self.checker, chunk, since)

    def ready(self) -> bool:
        return True


class ActorPool:
    """The actors of the last Ray run that ended cleanly, kept for the next run in this driver process while the
    cluster (the driver's connection to it) is the same. One engine uses them at a time: an engine that asks while
    they are out starts its own."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cluster: tuple[str, str] | None = None
        self._actors: list[Any] = []

    @staticmethod
    def cluster(ray: Any) -> tuple[str, str]:
        """This driver's connection: its node and job (a new ``ray.init`` is a new job; a new cluster, new nodes)."""
        context = ray.get_runtime_context()
        return context.get_node_id(), context.get_job_id()

    @property
    def actors(self) -> list[Any]:
        """The actors kept now (none while an engine has them)."""
        with self._lock:
            return list(self._actors)

    def take(self, ray: Any) -> list[Any]:
        cluster = self.cluster(ray)
        with self._lock:
            if self._cluster != cluster:  # the actors went with the cluster or connection they were started on
                self._cluster, self._actors = cluster, []
            actors, self._actors = self._actors, []
        return actors

    def give_back(self, ray: Any, actors: list[Any]) -> None:
        cluster = self.cluster(ray)
        with self._lock:
            if self._cluster == cluster and not self._actors:
                self._actors = actors
                return
        for actor in actors:  # another engine's are kept already
            ray.kill(actor)


ACTOR_POOL = ActorPool()


class RayClusterUnreachableError(ConnectionError):
    """Nothing listens at the Ray cluster address given."""


class RayAddressInvalidError(ValueError):
    """The Ray cluster address given is in no form Ray connects to: an operator's typo, refused before anything
    loads (Ray's own refusal came after the models' seconds, as a traceback and a failed run)."""


RAY_ADDRESS_FORMS = "host:port, ray://host:port or auto"


# A gRPC client's first bytes (Ray's GCS and its client server speak gRPC): the HTTP/2 preface and empty SETTINGS.
HTTP2_PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + b"\x00\x00\x00\x04\x00\x00\x00\x00\x00"
HTTP2_SETTINGS_FRAME = 0x04  # the frame type an HTTP/2 server must send first (its byte 3 of 9)


def probe_ray_address(address: str, timeout_s: float = 5.0) -> None:
    """Fail at once, saying so, when ``address`` is in no form Ray takes (RayAddressInvalidError), or nothing there
    answers as a Ray cluster does (RayClusterUnreachableError): nothing listens, or what accepts the connection does
    not answer gRPC's greeting within ``timeout_s`` (a stopped or hung head: Ray retried it for about 13 minutes, the
    run ``running`` meanwhile) or answers something else (another service on the port). ``auto`` is the cluster
    running on this machine, as Ray finds it; ``ray://host`` without a port is left to Ray's client."""
    if address == "auto":
        address = _ray_running_here()
    client = address.startswith("ray://")
    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if client and not sep:
        return
    if not sep or not port.isdigit() or not 0 < int(port) < 65536 or "/" in host:
        raise RayAddressInvalidError(f"the Ray address {address!r} is not {RAY_ADDRESS_FORMS}")
    try:
        with socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout=timeout_s) as conn:
            problem = None if _tls_wanted() else _grpc_greeting_problem(conn)
    except OSError as exc:
        raise RayClusterUnreachableError(f"no Ray cluster answers at {address}: {exc}") from None
    if problem is not None:
        raise RayClusterUnreachableError(f"no Ray cluster answers at {address}: {problem}")


def _tls_wanted() -> bool:
    """Ray with TLS (RAY_USE_TLS) answers a TLS handshake, not gRPC in the clear: then only the connection is probed."""
    return os.environ.get("RAY_USE_TLS", "").strip().lower() in {"1", "true", "yes"}


def _grpc_greeting_problem(conn: socket.socket) -> str | None:
    """What is wrong with the answer to gRPC's greeting on ``conn`` (its timeout applies), or None when a gRPC server
    answered it, with the SETTINGS frame HTTP/2 servers send first."""
    conn.sendall(HTTP2_PREFACE)
    answer = b""
    try:
        while len(answer) < 9:
            part = conn.recv(9 - len(answer))
            if not part:
                break
            answer += part
    except TimeoutError:
        if not answer:
            return "it accepts connections but sent no answer (a Ray head stopped or hung?)"
    if len(answer) == 9 and answer[3] == HTTP2_SETTINGS_FRAME:
        return None
    shown = answer[:16].decode("ascii", "backslashreplace") or "nothing (the connection was closed)"
    return f"what listens there is not gRPC, as Ray's GCS is (it answered {shown!r})"


class RayConnectionRefusedError(ConnectionError):
    """A Ray cluster listens at the address but would not take this driver."""


def _refusal_reason(exc: ConnectionError) -> str:
    """Ray's "Failed to connect" with its likeliest cause where this process sends no token: `ray start --head` turns
    token authentication on once ~/.ray/auth_token exists (a local Ray started by a run writes it), and Ray sends
    the token to an explicit address only under RAY_AUTH_MODE=token; its refusal is otherwise seconds of warnings."""
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    if os.environ.get("RAY_AUTH_MODE", "").lower() == "token":
        return reason
    return (
        f"{reason} (a cluster with token authentication, `ray start --head`'s default once ~/.ray/auth_token "
        "exists, needs RAY_AUTH_MODE=token in this process's environment, and its token)"
    )


def _ray_running_here() -> str:
    """The ``host:port`` of the Ray cluster ``auto`` means (RAY_ADDRESS, else the one started on this machine); none
    running is the unreachable cluster it is, said in one line."""
    from ray._private.services import canonicalize_bootstrap_address

    try:
        found: str | None = canonicalize_bootstrap_address("auto")
    except (ConnectionError, ValueError) as exc:
        raise RayClusterUnreachableError(f"no Ray cluster answers at auto: {str(exc).splitlines()[0]}") from None
    if not found:
        raise RayClusterUnreachableError("no Ray cluster answers at auto: none is running on this machine")
    return found


class RayConnection:
    """This process's connection to Ray, held for one run (a ``RayEngine`` of its own) or for a batch worker's whole
    life (``reconcile.worker``): ``ray.init`` to the cluster at ``address`` (probed first: one clear error at once)
    or to a local cluster on loopback it starts, keeping the caller's SIGTERM handler. Ray initialised by someone
    else (a program, the tests) is theirs: used as it is, never shut down here."""

    def __init__(self, address: str | None = None) -> None:
        self.address = address
        self.started = False  # Ray was initialised here: ``close`` shuts it down, and the actors with it

    def ensure(self, settings: Settings) -> None:
        """Connected, for a run with ``settings``: at once where this connection holds one that works; anew where
        it broke (its cluster's GCS no longer answers, or Ray was shut down under it), so a worker whose cluster went
        away between runs reconnects, or fails the next run saying why, instead of waiting on a dead cluster."""
        import ray

        if ray.is_initialized():
            if not self.started or _gcs_answers(ray):
                return
            log.warning("ray: the cluster no longer answers; connecting again")
            self.close()
        self.started = False
        with _keeping_sigterm_handler():
            if self.address:
                probe_ray_address(self.address)
                try:
                    ray.init(address=self.address, logging_level=logging.WARNING, log_to_driver=False)
                except ConnectionError as exc:
                    raise RayConnectionRefusedError(_refusal_reason(exc)) from exc
            else:
                reaped = reap_orphaned_ray_agents()
                if reaped:
                    log.warning("ended %d Ray agent process(es) left behind by a killed run", reaped)
                ray.init(
                    num_cpus=settings.ray_workers,
                    include_dashboard=False,
                    _node_ip_address="127.0.0.1",
                    logging_level=logging.WARNING,
                    log_to_driver=False,
                )
        self.started = True

    def close(self) -> None:
        """Shut down the Ray this connection started (a local cluster stops, actors and all; on a cluster at an
        address, this driver's actors end); Ray someone else started is left alone."""
        if not self.started:
            return
        self.started = False
        import ray

        if ray.is_initialized():
            # A local cluster whose GCS died leaves its agents behind the shutdown, and once its raylet is gone they
            # are no longer this process's descendants to find: they are looked up first, ended after.
            cluster = [] if self.address else _local_ray_processes()
            with _keeping_sigterm_handler():  # the shutdown leaves SIGTERM to the default action: killed outright
                ray.shutdown()
            _end(cluster)


def _local_ray_processes() -> list[Any]:
    """The Ray processes below this one (psutil processes): the local cluster it started (GCS, raylet, the raylet's
    agents and workers)."""
    try:
        import psutil
    except ImportError:  # Ray depends on it; without it there is nothing to look with
        return []
    found = []
    for proc in psutil.Process().children(recursive=True):
        try:
            command = " ".join(proc.cmdline())
        except psutil.Error:
            continue
        if command.startswith("ray::") or "/ray/" in command:
            found.append(proc)
    return found


def _end(processes: list[Any], grace_s: float = 2.0) -> None:
    """Kill those of ``processes`` still alive ``grace_s`` seconds after their cluster was shut down."""
    if not processes:
        return
    import psutil

    _, alive = psutil.wait_procs(processes, timeout=grace_s)
    for proc in alive:
        try:
            proc.kill()
        except psutil.Error:
            continue
    if alive:
        log.warning("ray: ended %d process(es) the cluster's shutdown left behind", len(alive))


def _gcs_answers(ray: Any) -> bool:
    """Whether the cluster this driver is connected to still listens (its GCS): a Ray call to a dead one waits."""
    try:
        address = ray.get_runtime_context().gcs_address
    except Exception:  # no address to look at (a Ray client connection): Ray will say
        return True
    try:
        probe_ray_address(address)
    except RayClusterUnreachableError:
        return False
    return True


class RayEngine:
    """Checks chunks on Ray actors (``ray_workers`` of them, one CPU each) through ``connection`` (held by the
    caller: a batch worker's, for its life), or else a connection of the run's own: a running cluster at
    ``address``, or a local one started for the run on loopback and stopped after it."""

    name = "ray"

    def __init__(self, settings: Settings, address: str | None = None, connection: RayConnection | None = None) -> None:
        import ray

        self._ray = ray
        self._connection = connection or RayConnection(address)
        self._connection.ensure(settings)
        # A cluster started for this run alone is stopped after it; any other outlives the run, so may its actors.
        self._stops_cluster = connection is None and self._connection.started
        self._pooled = not self._stops_cluster
        self._idle = True  # no chunk in flight: the actors can serve another run
        workers = settings.ray_workers
        # One torch thread per actor unless told otherwise: the actors are the parallelism.
        values = settings.model_dump(mode="json")
        values["torch_threads"] = settings.torch_threads or 1
        kept = ACTOR_POOL.take(ray) if self._pooled else []
        for extra in kept[workers:]:
            ray.kill(extra)
        self._actors: list[Any] = []
        try:
            # Models loaded (or the error raised) before any chunk.
            opened = [(actor, actor.open.remote(values)) for actor in kept[:workers]]
            for actor, ref in opened:
                try:
                    ray.get(ref)
                except ray.exceptions.RayActorError:  # died since the last run: replaced below
                    log.warning("ray engine: a kept worker had died; starting another")
                    continue
                self._actors.append(actor)
            reused = len(self._actors)
            remote: Any = ray.remote(num_cpus=1)(ChunkChecker)
            started = [remote.remote(values) for _ in range(workers - reused)]
            self._actors += started
            ray.get([a.ready.remote() for a in started])
        except BaseException:
            self._actors += [actor for actor in kept[:workers] if actor not in self._actors]
            self._kill_actors()
            if self._stops_cluster:
                self._connection.close()
            raise
        log.info("ray engine: %d workers ready (%d kept from the last run)", workers, reused)

    def map(
        self, chunks: Iterable[list[ChunkClaim]], since: datetime | None = None
    ) -> Iterator[tuple[list[ChunkClaim], ChunkResult]]:
        """Each chunk goes to the actor with the fewest chunks in flight (at most ``IN_FLIGHT_PER_WORKER`` each),
        so a slow chunk does not leave the other actors idle; results come back in chunk order."""
        ray = self._ray
        self._idle = False
        pending: deque[tuple[list[ChunkClaim], int, Any]] = deque()  # (chunk, actor, result ref), in chunk order
        finished: set[Any] = set()  # refs of pending chunks whose result is ready

        def in_flight() -> list[int]:
            counts = [0] * len(self._actors)
            for _, actor, ref in pending:
                counts[actor] += ref not in finished
            return counts

        def settle(block: bool) -> None:
            waiting = [ref for _, _, ref in pending if ref not in finished]
            if waiting:
                ready, _ = ray.wait(waiting, num_returns=1 if block else len(waiting), timeout=None if block else 0)
                finished.update(ready)

        def done_in_order() -> Iterator[tuple[list[ChunkClaim], ChunkResult]]:
            while pending and pending[0][2] in finished:
                chunk, _, ref = pending.popleft()
                finished.discard(ref)
                yield chunk, ray.get(ref)

        held = 2 * IN_FLIGHT_PER_WORKER * len(self._actors)  # results kept back behind a slow first chunk
        for chunk in chunks:
            settle(block=False)
            yield from done_in_order()
            while min(in_flight()) >= IN_FLIGHT_PER_WORKER or len(pending) >= held:
                settle(block=True)
                yield from done_in_order()
            counts = in_flight()
            actor = counts.index(min(counts))
            pending.append((chunk, actor, self._actors[actor].check.remote(chunk, since)))
        while pending:
            settle(block=True)
            yield from done_in_order()
        self._idle = True

    def close(self) -> None:
        """Keep the actors for the next run where the cluster outlives this one and no chunk is in flight (a run
        stopped early stops its actors at once, as a cluster the engine started is stopped with them)."""
        if self._pooled and self._idle and self._actors:
            try:
                self._ray.get([a.release.remote() for a in self._actors])
            except self._ray.exceptions.RayError:
                log.warning("ray engine: a worker failed to close its record; stopping the workers")
            else:
                ACTOR_POOL.give_back(self._ray, self._actors)
                self._actors = []
        self._kill_actors()
        if self._stops_cluster:
            self._connection.close()

    def _kill_actors(self) -> None:
        for actor in self._actors:
            self._ray.kill(actor)
        self._actors = []


@contextmanager
def _keeping_sigterm_handler() -> Iterator[None]:
    """Put back the SIGTERM handler ``ray.init`` replaces (its own exits the process on the spot)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.getsignal(signal.SIGTERM)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


RAY_AGENTS = ("ray::DashboardAgent", "ray::RuntimeEnvAgent", "dashboard/agent.py", "runtime_env/agent/main.py")


def reap_orphaned_ray_agents(processes: Iterable[Any] | None = None) -> int:
    """Kill this user's Ray node agents a driver killed with SIGKILL left behind: orphans (their parent is no
    longer a ``raylet``) while no raylet of this user runs at all. Another local cluster of the same user (a second
    test worker, a nightly run beside a manual one) may be starting, and a raylet dies with its agents, so nothing
    is touched while any raylet is alive. ``processes`` (psutil processes) defaults to every process. Returns how
    many were killed."""
    try:
        import psutil
    except ImportError:  # Ray depends on it; without it there is nothing to look with
        return 0
    agents = []
    for proc in psutil.process_iter() if processes is None else processes:
        try:
            if proc.uids().real != os.getuid():
                continue
            command = proc.cmdline()
            if _is_raylet(proc.name(), command):
                return 0  # a cluster of ours is alive or starting: its agents may look orphaned for a moment
            if any(agent in " ".join(command) for agent in RAY_AGENTS):
                agents.append(proc)
        except psutil.Error:  # gone meanwhile, or not ours to see
            continue
    killed = 0
    for proc in agents:
        try:
            parent = proc.parent()
            if parent is not None and _is_raylet(parent.name(), parent.cmdline()):
                continue
            proc.kill()
            killed += 1
        except psutil.Error:
            continue
    return killed


def _is_raylet(name: str, command: Sequence[str]) -> bool:
    return name == "raylet" or (bool(command) and command[0].rsplit("/", 1)[-1] == "raylet")


def make_engine(name: str, reconciler: Reconciler, address: str | None = None) -> CheckEngine:
    if name == "ray":
        return RayEngine(reconciler.settings, address, reconciler.ray_connection)
    return LocalEngine(CheckService(reconciler.db, reconciler.settings, reconciler.encoder, reconciler.judge))
