"""The engines' story map and the portable story index it ships (the Dask side, on
real workers, is in test_dask_engine.py)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline.corpus import briefing
from storyline.engines import open_engine
from storyline.errors import SettingsError
from storyline.settings import Settings
from storyline.store import open_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_the_local_engine_maps_stories_in_this_process() -> None:
    with open_engine(Settings(workers=2)) as engine:
        assert engine.map(lambda _item: os.getpid(), [1, 2, 3] * 40) == [os.getpid()] * 120


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
