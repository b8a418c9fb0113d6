"""The local engine: the per-article stage in this process or a process pool.

Each worker process loads the spaCy pipeline once (in its initializer) and then
analyses batches of documents. Results come back in input order, and at most a
few batches are in flight, so memory stays flat however long the stream is.

A worker process that dies (killed for memory, or a crash in native code) breaks
the whole pool: the pool is started again, and the batches it lost are retried one
document at a time in a fresh pool each, so only a document that kills a worker on
its own is reported, as an :class:`~storyline.model.InputFailure`; the rest go on.

The engine's map for the cross-article work that splits by story (the briefing)
runs in this process: on one machine a pool of spawned processes cost more than it
saved (1k articles, 358 stories: 1.23 s in process, 1.40-1.49 s on 2 workers, as
each story's index must be pickled there and back).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any

from storyline.article.nlp import load_pipeline
from storyline.article.pipeline import analyze_documents
from storyline.model import ArticleAnalysis, InputFailure, RawDocument
from storyline.settings import Settings

Outcome = ArticleAnalysis | InputFailure


_worker_settings: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_settings
    _worker_settings = settings
    load_pipeline(settings.spacy_model)


def _run_batch(batch: list[RawDocument]) -> list[Outcome]:
    assert _worker_settings is not None
    return list(analyze_documents(batch, _worker_settings))


def _batches(raws: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    it = iter(raws)
    while batch := list(islice(it, size)):
        yield batch


def run_local(raws: Iterable[RawDocument], settings: Settings) -> Iterator[list[Outcome]]:
    """Analyse ``raws``; yields one list of outcomes per batch, in input order."""
    size = max(1, settings.batch_size)
    if settings.workers <= 1:
        for batch in _batches(raws, size):
            yield list(analyze_documents(batch, settings))
        return
    pool = _Pool(settings)
    try:
        pending: deque[tuple[list[RawDocument], Future[list[Outcome]]]] = deque()
        for batch in _batches(raws, size):
            pending.append((batch, pool.submit(batch)))
            if len(pending) >= settings.workers * 2:
                yield pool.collect(*pending.popleft(), pending)
        while pending:
            yield pool.collect(*pending.popleft(), pending)
    finally:
        pool.close()


DIED = "a worker process died while analysing it (out of memory, or a crash in native code)"


class _Pool:
    """A process pool that starts again when one of its workers dies."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.executor = self._start()
        self.current: set[Future[list[Outcome]]] = set()  # futures of this executor

    def _start(self) -> ProcessPoolExecutor:
        # spawn: a forked child would inherit the parent's threads and open store handles.
        return ProcessPoolExecutor(
            max_workers=self.settings.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.settings,),
        )

    def submit(self, batch: list[RawDocument]) -> Future[list[Outcome]]:
        try:
            future = self.executor.submit(_run_batch, batch)
        except BrokenProcessPool:  # it broke before we waited on any of its futures
            self.restart()
            future = self.executor.submit(_run_batch, batch)
        self.current.add(future)
        return future

    def collect(
        self,
        batch: list[RawDocument],
        future: Future[list[Outcome]],
        pending: deque[tuple[list[RawDocument], Future[list[Outcome]]]],
    ) -> list[Outcome]:
        """``future``'s outcomes; if its pool broke, retry ``batch`` document by document
        and give the pending batches the broken pool lost to a new one."""
        broke_now = future in self.current  # else an earlier pool's, already replaced
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        finally:
            self.current.discard(future)
        if broke_now:
            self.restart()
        outcomes = [self._alone(doc) for doc in batch]
        for n, (other, waiting) in enumerate(pending):
            if self._lost(waiting):
                pending[n] = (other, self.submit(other))
        return outcomes

    def _lost(self, future: Future[list[Outcome]]) -> bool:
        """Submitted to an executor that is gone, and not finished well there."""
        if future in self.current:
            return False
        return not future.done() or future.cancelled() or future.exception() is not None

    def _alone(self, doc: RawDocument) -> Outcome:
        try:
            return self.submit([doc]).result()[0]
        except BrokenProcessPool:
            self.restart()
            return InputFailure(doc.source, DIED, "analyse")

    def restart(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()
        self.current = set()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


class LocalSession:
    """The local engine for one run: both the per-article stage and the story map."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def analyse(self, raws: Iterable[RawDocument]) -> Iterator[list[Outcome]]:
        return run_local(raws, self.settings)

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        return [fn(item) for item in items]  # in process: see the module docstring
