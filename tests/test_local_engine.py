"""The local engine's process pool outlives a worker process that dies mid-run."""

from __future__ import annotations

import multiprocessing
import os
import signal

import pytest

from storyline.engines.local import run_local
from storyline.model import ArticleAnalysis, RawDocument
from storyline.settings import Settings

pytestmark = pytest.mark.slow

BODY = (
    "Ferry crews at Wexcombe harbour said on Tuesday that sailings to the Orran islands "
    "would resume next week once the northern pier had been repaired."
)


def _raws(n: int) -> list[RawDocument]:
    return [
        RawDocument(source=f"pier-{i}.txt", text=f"{BODY} Report {i} adds more detail.",
                    format="text", title=f"Pier report {i}")
        for i in range(n)
    ]  # fmt: skip


def test_a_worker_killed_mid_run_loses_no_document() -> None:
    raws = _raws(40)
    batches = run_local(iter(raws), Settings(workers=2, batch_size=2))
    outcomes = list(next(batches))
    workers = multiprocessing.active_children()
    assert workers, "the pool should be running"
    os.kill(workers[0].pid or 0, signal.SIGKILL)  # as the kernel's OOM killer would
    for batch in batches:
        outcomes.extend(batch)
    assert all(isinstance(o, ArticleAnalysis) for o in outcomes), outcomes
    assert [o.article.source for o in outcomes if isinstance(o, ArticleAnalysis)] == [
        r.source for r in raws
    ]
    assert not multiprocessing.active_children()  # the pools it started are all shut down
