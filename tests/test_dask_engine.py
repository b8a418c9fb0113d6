"""The Dask engine on a real LocalCluster: two worker processes, one thread each."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline import codec
from storyline.errors import SettingsError
from storyline.model import ArticleAnalysis, InputFailure, RawDocument
from storyline.settings import Settings

distributed = pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    dask_client = distributed.Client(cluster)
    try:
        yield dask_client
    finally:
        dask_client.close()
        cluster.close()


def _docs(n: int) -> list[RawDocument]:
    return [
        RawDocument(
            source=f"ferry-{i}.txt",
            text=(
                f"Mayor Anna Berglund of Nordhavn said on Tuesday that {i + 3} ferries would "
                f'stop running. "We will not give up on the crossing," she said. The ferry '
                f"union said it disagreed with the council's decision number {i}."
            ),
            format="text",
            id=f"ferry-{i}",
        )
        for i in range(n)
    ]


def _flat(batches: Iterator[list[Any]]) -> list[dict[str, Any]]:
    return [codec.to_dict(o) for batch in batches for o in batch]


def _pipeline_loads() -> int:
    from storyline.article.nlp import load_pipeline

    return int(load_pipeline.cache_info().misses)


@pytest.mark.slow
def test_dask_engine_matches_local_engine_in_input_order(client: Any) -> None:
    from storyline.engines.dask import run_dask
    from storyline.engines.local import run_local

    settings = Settings(engine="dask", batch_size=2)
    docs = _docs(9)
    batches = list(run_dask(docs, settings, client=client))
    assert [len(b) for b in batches] == [2, 2, 2, 2, 1]
    got = [codec.to_dict(o) for b in batches for o in b]
    assert [o["article"]["id"] for o in got] == [d.id for d in docs]
    assert got == _flat(run_local(docs, Settings(batch_size=2)))
    # Real worker processes, each of which loaded the pipeline exactly once.
    pids = client.run(os.getpid)
    assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
    assert set(client.run(_pipeline_loads).values()) == {1}


@pytest.mark.slow
def test_dask_engine_keeps_few_batches_in_flight(client: Any) -> None:
    from storyline.engines.dask import run_dask

    pulled = 0

    def stream() -> Iterator[RawDocument]:
        nonlocal pulled
        for doc in _docs(30):
            pulled += 1
            yield doc

    batches = run_dask(stream(), Settings(batch_size=2), client=client)
    first = next(batches)
    # Two threads, two batches each, of two documents: the rest is not read yet.
    assert [o.article.id for o in first] == ["ferry-0", "ferry-1"]  # type: ignore[union-attr]
    assert pulled <= 2 * 2 * 2
    rest = [o for b in batches for o in b]
    assert pulled == 30 and len(rest) == 28


@pytest.mark.slow
def test_a_document_spacy_refuses_fails_alone_on_dask(client: Any) -> None:
    from storyline.engines.dask import run_dask

    docs = _docs(4)
    # Over spaCy's max_length: refused alone, its batch-mate still analysed.
    huge = RawDocument(
        source="huge.txt",
        text="The ferry council met again today to talk about the strike. " * 17_000,
        format="text",
        id="huge",
    )
    docs.insert(1, huge)
    outcomes = [o for b in run_dask(docs, Settings(batch_size=2), client=client) for o in b]
    assert len(outcomes) == len(docs)
    assert isinstance(outcomes[1], InputFailure)
    assert outcomes[1].source == "huge.txt" and "over spaCy's limit" in outcomes[1].reason
    ok = [o for i, o in enumerate(outcomes) if i != 1]
    assert all(isinstance(o, ArticleAnalysis) for o in ok)
    assert [o.article.id for o in ok] == ["ferry-0", "ferry-1", "ferry-2", "ferry-3"]  # type: ignore[union-attr]


@pytest.mark.slow
def test_analyze_on_a_named_scheduler_gives_the_local_result(
    client: Any, tmp_path: Path
) -> None:
    local = storyline.analyze([EXAMPLES], out=tmp_path / "local")
    settings = Settings(engine="dask", scheduler=client.scheduler.address, batch_size=4)
    dask = storyline.analyze([EXAMPLES], out=tmp_path / "dask", settings=settings)
    assert dask.analysed == local.analysed == len(local.articles)
    assert (tmp_path / "dask" / "storyline.json").read_bytes() == (
        tmp_path / "local" / "storyline.json"
    ).read_bytes()
    # The cluster outlives the run: it belongs to whoever started it.
    assert client.status == "running" and len(client.nthreads()) == 2


@pytest.mark.slow
def test_cli_engine_dask_starts_its_own_local_cluster(tmp_path: Path) -> None:
    corpus = tmp_path / "ferries.jsonl"
    corpus.write_text(
        "".join(json.dumps({"id": d.id, "text": d.text}) + "\n" for d in _docs(6)),
        encoding="utf-8",
    )
    base = [sys.executable, "-m", "storyline", "analyze", str(corpus), "--quiet"]
    for name, extra in (("local", []), ("dask", ["--engine", "dask", "--workers", "2"])):
        run = subprocess.run(
            [*base, "--out", str(tmp_path / name), *extra],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert run.returncode == 0, run.stderr
    exported = json.loads((tmp_path / "dask" / "storyline.json").read_text("utf-8"))
    assert [a["id"] for a in exported["articles"]] == [f"ferry-{i}" for i in range(6)]
    assert (tmp_path / "dask" / "storyline.json").read_bytes() == (
        tmp_path / "local" / "storyline.json"
    ).read_bytes()


def test_unknown_engine_is_a_settings_error() -> None:
    from storyline.api import run_engine

    with pytest.raises(SettingsError, match="engine must be 'local' or 'dask'"):
        run_engine(iter(_docs(1)), Settings(engine="spark"))


def test_unreachable_scheduler_is_a_settings_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from storyline.engines import dask as engine

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setattr(engine, "CONNECT_TIMEOUT", 1.0)
    address = f"tcp://127.0.0.1:{port}"
    # Nothing to analyse (all cached): no scheduler is contacted, no cluster started.
    assert list(engine.run_dask(iter([]), Settings(engine="dask", scheduler=address))) == []
    with pytest.raises(SettingsError, match="cannot reach the Dask scheduler") as info:
        list(engine.run_dask(iter(_docs(1)), Settings(engine="dask", scheduler=address)))
    assert address in str(info.value)


def _worker_tuning() -> tuple[str | None, bool]:
    import dask

    return os.environ.get("MALLOC_TRIM_THRESHOLD_"), bool(
        dask.config.get("distributed.worker.profile.enabled")
    )


def test_own_local_cluster_runs_untuned_malloc_and_no_profiler(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Dask's 64 KiB malloc trim threshold cost spaCy ~20 % CPU; the engine drops it.

    An earlier cluster in the same process leaves the variable in os.environ (Dask's
    nanny sets it in the parent); the engine's own workers must still not get it.
    """
    from storyline.engines import dask as dask_engine

    monkeypatch.setattr(dask_engine, "_USER_TRIM", None)
    monkeypatch.setenv("MALLOC_TRIM_THRESHOLD_", "65536")
    with dask_engine._connect(Settings(engine="dask", workers=1)) as own:
        assert list(own.run(_worker_tuning).values()) == [(None, False)]
    assert os.environ["MALLOC_TRIM_THRESHOLD_"] == "65536"  # the parent is left as it was


def test_own_local_cluster_keeps_a_trim_threshold_the_user_exported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from storyline.engines import dask as dask_engine

    monkeypatch.setattr(dask_engine, "_USER_TRIM", "1048576")
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with dask_engine._connect(Settings(engine="dask", workers=1)) as own:
        assert list(own.run(_worker_tuning).values()) == [("1048576", False)]
    assert "MALLOC_TRIM_THRESHOLD_" not in os.environ


def _cube(n: int) -> int:
    return n**3


@pytest.mark.slow
def test_the_story_map_runs_on_the_workers_in_item_order(client: Any) -> None:
    from storyline.engines.dask import map_dask

    items = list(range(150))
    assert map_dask(_cube, items, client) == [n**3 for n in items]
    assert map_dask(os.getpid, [], client) == []


@pytest.mark.slow
def test_a_dask_run_whose_inputs_are_all_cached_starts_no_cluster(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from storyline.engines import dask as dask_engine

    storyline.analyze([EXAMPLES], out=tmp_path)
    started: list[Settings] = []
    monkeypatch.setattr(dask_engine, "_connect", lambda s: started.append(s))
    again = storyline.analyze([EXAMPLES], out=tmp_path, settings=Settings(engine="dask"))
    assert again.analysed == 0 and again.cached > 0 and started == []


@pytest.mark.slow
def test_the_briefing_mapped_on_dask_workers_equals_the_one_written_here(
    client: Any, tmp_path: Path
) -> None:
    from storyline.corpus.briefing import brief_stories
    from storyline.engines.dask import map_dask
    from storyline.model import Story
    from storyline.store import open_store

    result = storyline.analyze([EXAMPLES], out=tmp_path)
    with open_store(tmp_path / "storyline.db") as store:
        analyses = list(store.iter_analyses())
    on_workers = lambda fn, items: map_dask(fn, items, client)  # noqa: E731
    serial = brief_stories(result, analyses)
    assert serial == result.briefing and len(serial) >= 5
    assert brief_stories(result, analyses, on_workers) == serial
    # Many small stories, each briefed on a worker, come back in story order.
    result.stories = [Story(f"s{n}", a.id, [a.id]) for n, a in enumerate(result.articles)]
    one_each = brief_stories(result, analyses)
    assert len({line.story for line in one_each}) > 5
    assert brief_stories(result, analyses, on_workers) == one_each
