"""The engines' story map: the briefing, story by story, on other processes, gives
exactly the lines it gives in this process."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline.corpus import briefing
from storyline.corpus.briefing import brief_stories
from storyline.engines import local, open_engine
from storyline.errors import SettingsError
from storyline.model import Story
from storyline.settings import Settings
from storyline.store import open_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def square_and_pid(n: int) -> tuple[int, int]:
    return n * n, os.getpid()


def test_map_local_keeps_order_and_uses_worker_processes() -> None:
    items = list(range(local.MIN_PARALLEL_ITEMS + 10))
    got = local.map_local(square_and_pid, items, Settings(workers=2))
    assert [v for v, _ in got] == [n * n for n in items]
    pids = {pid for _, pid in got}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2


def test_map_local_stays_in_process_for_few_items_or_one_worker() -> None:
    few = local.map_local(square_and_pid, [1, 2, 3], Settings(workers=2))
    many = local.map_local(square_and_pid, list(range(100)), Settings(workers=1))
    assert {pid for _, pid in few + many} == {os.getpid()}


def test_an_unknown_engine_is_a_settings_error() -> None:
    with (
        pytest.raises(SettingsError, match="engine must be 'local' or 'dask'"),
        open_engine(Settings(engine="spark")),
    ):
        pass


@pytest.fixture(scope="module")
def examples_corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, list[Any]]:
    out = tmp_path_factory.mktemp("examples")
    result = storyline.analyze([EXAMPLES], out=out)
    with open_store(out / "storyline.db") as store:
        analyses = list(store.iter_analyses())
    return result, analyses


def _one_story_per_article(result: Any) -> list[Story]:
    return [Story(f"s{n}", a.title or a.id, [a.id]) for n, a in enumerate(result.articles)]


@pytest.mark.slow
def test_briefing_mapped_on_worker_processes_equals_the_serial_briefing(
    examples_corpus: tuple[Any, list[Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    result, analyses = examples_corpus
    serial = brief_stories(result, analyses)
    assert serial == result.briefing and len(serial) >= 5
    monkeypatch.setattr(local, "MIN_PARALLEL_ITEMS", 1)
    with open_engine(Settings(workers=2)) as engine:
        assert brief_stories(result, analyses, engine.map) == serial
        # Many small stories: every one briefed on a worker, in story order.
        result.stories, stories = _one_story_per_article(result), result.stories
        try:
            per_article = brief_stories(result, analyses)
            assert brief_stories(result, analyses, engine.map) == per_article
            assert [line.story for line in per_article] == sorted(
                (line.story for line in per_article), key=lambda s: int(s[1:]))
        finally:
            result.stories = stories


def test_a_portable_index_keeps_entity_names_but_not_their_corpus_mentions(
    examples_corpus: tuple[Any, list[Any]],
) -> None:
    result, analyses = examples_corpus
    buckets = briefing.Buckets(result, analyses)
    story = result.stories[0]
    index = briefing.portable(briefing.StoryIndex(buckets, story.articles))
    assert index.entities
    for eid, entity in index.entities.items():
        assert entity.name == buckets.entities[eid].name and entity.mentions == []
