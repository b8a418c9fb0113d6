"""The Dask engine: the per-article stage mapped over Dask workers.

``--engine dask`` connects to the scheduler named by the ``scheduler`` setting,
or starts a :class:`distributed.LocalCluster` of ``workers`` processes (one
thread each) when none is named. A worker plugin loads the spaCy pipeline once
per worker process as it joins; :func:`storyline.article.nlp.load_pipeline`
keeps it cached there for every batch after.

Like the local engine, results come back batch by batch in input order, and only
a few batches per worker thread are in flight, so memory stays flat however long
the stream is. Nothing is lost on failure: a batch that fails as a whole (a
worker died, or one document broke spaCy itself) is split and its documents are
retried one by one, so only the documents that fail alone are reported, each as
an :class:`~storyline.model.InputFailure`.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from itertools import chain, islice
from typing import Any

import dask
from distributed import Client, Future, LocalCluster, WorkerPlugin

from storyline.article.nlp import load_pipeline
from storyline.article.pipeline import analyze_documents
from storyline.errors import SettingsError, StorylineError
from storyline.model import ArticleAnalysis, InputFailure, RawDocument
from storyline.settings import Settings

Outcome = ArticleAnalysis | InputFailure

CONNECT_TIMEOUT = 20.0  # seconds to reach a named scheduler
# For the LocalCluster this engine starts. Dask makes workers trim freed memory at
# 64 KiB (MALLOC_TRIM_THRESHOLD_), which also freezes glibc's mmap threshold and cost
# spaCy about 20 % more CPU here; and it samples every worker's stack each 10 ms for
# its profiler. Neither helps a batch job.
TRIM_VARIABLE = "MALLOC_TRIM_THRESHOLD_"
WORKER_CONFIG: dict[str, Any] = {
    f"distributed.nanny.pre-spawn-environ.{TRIM_VARIABLE}": None,
    "distributed.worker.profile.enabled": False,
}
# A value the user exported before storyline started is theirs and is kept; one that
# an earlier Dask cluster in this process left in os.environ (Dask's nanny sets its
# pre-spawn variables in the parent process, for good) is not.
_USER_TRIM = os.environ.get(TRIM_VARIABLE)
PLUGIN_NAME = "storyline-pipeline"
# Below this many stories the briefing is written here: shipping them out costs more.
MIN_PARALLEL_ITEMS = 64


def analyse_batch(batch: list[RawDocument], settings: Settings) -> list[Outcome]:
    """The task each worker runs: the per-article stage over one batch."""
    return list(analyze_documents(batch, settings))


class LoadPipeline(WorkerPlugin):
    """Loads the spaCy pipeline once per worker process, as the worker joins."""

    name = PLUGIN_NAME

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        load_pipeline(self.model)  # cached per process: every task there reuses it


def run_dask(
    raws: Iterable[RawDocument], settings: Settings, client: Client | None = None
) -> Iterator[list[Outcome]]:
    """Analyse ``raws`` on Dask; yields one list of outcomes per batch, in input order.

    ``client`` reuses a connected client (its cluster is left running);
    otherwise one is made from the settings and closed at the end.
    """
    batches = _batches(raws, max(1, settings.batch_size))
    first = next(batches, None)
    if first is None:
        return  # everything was cached: no cluster started for nothing
    with ExitStack() as stack:
        if client is None:
            client = stack.enter_context(_connect(settings))
        client.register_plugin(LoadPipeline(settings.spacy_model), name=PLUGIN_NAME)
        threads = sum(client.nthreads().values()) or 1
        limit = 2 * threads  # batches in flight: enough to keep every thread busy
        run = uuid.uuid4().hex[:12]
        pending: deque[tuple[list[RawDocument], Future]] = deque()
        for i, batch in enumerate(chain([first], batches)):
            future = client.submit(
                analyse_batch, batch, settings, key=f"storyline-{run}-{i}", pure=False
            )
            pending.append((batch, future))
            if len(pending) >= limit:
                yield _collect(client, settings, *pending.popleft())
        while pending:
            yield _collect(client, settings, *pending.popleft())


def map_dask(fn: Callable[[Any], Any], items: Sequence[Any], client: Client) -> list[Any]:
    """``fn`` over ``items`` on the cluster's workers, results in item order.

    Items go out in a few chunks per worker thread, scattered first (they can be
    large: a story's whole index).
    """
    if not items:
        return []
    threads = sum(client.nthreads().values()) or 1
    size = max(1, -(-len(items) // (threads * 4)))
    chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
    data = client.scatter(chunks)
    futures = client.map(_apply, data, fn=fn, pure=False)
    return [out for chunk in client.gather(futures) for out in chunk]


def _apply(chunk: list[Any], fn: Callable[[Any], Any]) -> list[Any]:
    return [fn(item) for item in chunk]


class DaskSession:
    """The Dask engine for one run: a client made on first need, closed at the end.

    The per-article stage and the story map share it, so a run that starts its own
    LocalCluster starts it once (and not at all when everything was cached).
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._stack = ExitStack()
        self._client: Client | None = None

    def __enter__(self) -> DaskSession:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def client(self) -> Client:
        if self._client is None:
            self._client = self._stack.enter_context(_connect(self.settings))
        return self._client

    def analyse(self, raws: Iterable[RawDocument]) -> Iterator[list[Outcome]]:
        it = iter(raws)
        first = next(it, None)
        if first is None:
            return
        yield from run_dask(chain([first], it), self.settings, client=self.client())

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        if len(items) < MIN_PARALLEL_ITEMS:
            return [fn(item) for item in items]
        return map_dask(fn, items, self.client())


def _connect(settings: Settings) -> Any:
    """A client for the named scheduler, or for a new LocalCluster (closed with it)."""
    if settings.scheduler:
        try:
            return Client(settings.scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, ValueError) as exc:
            raise SettingsError(
                f"{settings.scheduler}: cannot reach the Dask scheduler: {exc}"
            ) from exc
    with dask.config.set(WORKER_CONFIG), _worker_environment():
        cluster = LocalCluster(
            n_workers=max(1, settings.workers),
            threads_per_worker=1,  # one spaCy pipeline per process, used by one thread
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,  # task errors are reported as failures instead
        )
    return _OwningClient(Client(cluster), cluster)


@contextmanager
def _worker_environment() -> Iterator[None]:
    """os.environ as the workers should inherit it while the cluster spawns them."""
    before = os.environ.get(TRIM_VARIABLE)
    if _USER_TRIM is None:
        os.environ.pop(TRIM_VARIABLE, None)
    else:
        os.environ[TRIM_VARIABLE] = _USER_TRIM
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(TRIM_VARIABLE, None)
        else:
            os.environ[TRIM_VARIABLE] = before


class _OwningClient:
    """A client and the LocalCluster it owns, closed together."""

    def __init__(self, client: Client, cluster: Any) -> None:
        self.client = client
        self.cluster = cluster

    def __enter__(self) -> Client:
        return self.client

    def __exit__(self, *exc: object) -> None:
        self.client.close()
        self.cluster.close()


def _collect(
    client: Client, settings: Settings, batch: list[RawDocument], future: Future
) -> list[Outcome]:
    """The outcomes of one batch; if it failed as a whole, retry its documents alone."""
    try:
        return list(future.result())
    except Exception as exc:  # noqa: BLE001 - any task error: fall back to one by one
        if client.status != "running":
            # The scheduler is gone: stop (batches already saved stay saved).
            raise StorylineError(f"lost the Dask scheduler: {_reason(exc)}") from exc
        if len(batch) == 1:
            return [InputFailure(batch[0].source, _reason(exc), "analyse")]
    singles = [
        client.submit(analyse_batch, [doc], settings, key=f"{future.key}-{j}", pure=False)
        for j, doc in enumerate(batch)
    ]
    outcomes: list[Outcome] = []
    for doc, single in zip(batch, singles, strict=True):
        outcomes.extend(_collect(client, settings, [doc], single))
    return outcomes


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else 'failed on a Dask worker'}"


def _batches(raws: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    it = iter(raws)
    while batch := list(islice(it, size)):
        yield batch
