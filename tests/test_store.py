from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from storyline.errors import StoreError
from storyline.model import (
    Article,
    ArticleAnalysis,
    BriefingLine,
    Citation,
    DuplicateSet,
    Entity,
    EntityMention,
    InputFailure,
    Result,
    Span,
    Story,
)
from storyline.store import open_store
from storyline.store.schema import SCHEMA_VERSION
from tests.fixtures.concurrent_runs import check_concurrent_analyze_runs


def _analysis(aid: str, text: str, fingerprint: str) -> ArticleAnalysis:
    art = Article(id=aid, source=f"{aid}.txt", text=text, fingerprint=fingerprint)
    return ArticleAnalysis(art, mentions=[EntityMention(aid, 0, 4, text[:4], "PERSON")])


def test_new_store_is_migrated_once(tmp_path: Path) -> None:
    path = tmp_path / "s.db"
    with open_store(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
    with open_store(path) as store:  # reopening applies nothing twice
        assert store.migrate() == SCHEMA_VERSION
    rows = sqlite3.connect(path).execute("select version from schema_migrations").fetchall()
    assert rows == [(v,) for v in range(1, SCHEMA_VERSION + 1)]


def test_analyses_round_trip_and_are_cached_by_fingerprint() -> None:
    with open_store(":memory:") as store:
        store.save_analyses(
            [_analysis("a", "Alma spoke.", "f1"), _analysis("b", "Bert ran.", "f2")], "1"
        )
        assert store.cached_ids(["f1", "f2", "f3"], "1") == {"f1": "a", "f2": "b"}
        assert store.cached_ids(["f1"], "2") == {}  # a new pipeline version recomputes
        back = list(store.iter_analyses())
        assert [a.article.id for a in back] == ["a", "b"]
        assert back[0].mentions[0].text == "Alma"


def test_replacing_an_article_keeps_its_position() -> None:
    with open_store(":memory:") as store:
        store.save_analyses([_analysis("a", "Alma spoke.", "f1")], "1")
        store.save_analyses([_analysis("b", "Bert ran.", "f2")], "1")
        store.save_analyses([_analysis("a", "Alma spoke again.", "f3")], "1")
        back = list(store.iter_analyses())
        assert [(a.article.id, a.article.text) for a in back] == [
            ("a", "Alma spoke again."),
            ("b", "Bert ran."),
        ]
        assert store.article_count() == 2


def test_corpus_objects_round_trip(tmp_path: Path) -> None:
    result = Result(
        entities=[
            Entity(
                "person:alma",
                "Alma Quist",
                "PERSON",
                ["Alma"],
                ["mayor"],
                [Span("a", 0, 4, "Alma")],
            )
        ],
        stories=[Story("s1", "Flood", ["a"])],
        briefing=[BriefingLine("s1", "Alma spoke.", [Citation("a", 0, 11)])],
        duplicates=[DuplicateSet(["a", "b"], "exact")],
    )
    path = tmp_path / "s.db"
    with open_store(path) as store:
        store.save_analyses([_analysis("a", "Alma spoke.", "f1")], "1")
        store.save_result(result)
        store.save_result(result)  # saving again replaces, never duplicates
    with open_store(path) as store:
        back = store.load_result()
    assert back.entities == result.entities
    assert back.stories == result.stories
    assert back.briefing == result.briefing
    assert back.duplicates == result.duplicates
    assert [a.id for a in back.articles] == ["a"]
    db = sqlite3.connect(path)
    name, payload = db.execute("select name, payload from entities").fetchone()
    assert name == "Alma Quist"
    assert json.loads(payload)["aliases"] == ["Alma"]
    assert db.execute("select entity_id, text from entity_mentions").fetchall() == [
        ("person:alma", "Alma")
    ]


def test_objects_keep_their_order_and_added_fields_survive() -> None:
    from storyline.model import Quote

    quotes = [
        Quote(f"a:q{i}", "a", 0, 4, "Alma", "direct", speaker_cluster=i, group=f"g{9 - i}")
        for i in range(10)
    ]
    with open_store(":memory:") as store:
        store.save_analyses([_analysis("a", "Alma spoke.", "f1")], "1")
        store.save_result(Result(quotes=quotes), stamp="s1")
        back = store.load_result()
        assert store.get_state("corpus_stamp") == "s1"
    assert [q.id for q in back.quotes] == [q.id for q in quotes]
    assert back.quotes == quotes  # speaker_cluster is not a column, but it round-trips


def test_corpus_stamp_changes_with_the_analyses() -> None:
    with open_store(":memory:") as store:
        empty = store.corpus_stamp()
        store.save_analyses([_analysis("a", "Alma spoke.", "f1")], "1")
        one = store.corpus_stamp()
        store.save_analyses([_analysis("a", "Alma spoke again.", "f2")], "1")
        assert len({empty, one, store.corpus_stamp()}) == 3


def test_runs_and_failures_are_recorded() -> None:
    with open_store(":memory:") as store:
        run = store.start_run(["in.jsonl"])
        store.record_failures(run, [InputFailure("in.jsonl:3", "malformed JSON", "read")])
        store.finish_run(run, analysed=2, cached=0, failed=1)
        assert store.failures(run) == [InputFailure("in.jsonl:3", "malformed JSON", "read")]


@pytest.mark.slow
def test_concurrent_analyze_runs_share_one_sqlite_file(tmp_path: Path) -> None:
    """Runs that start together on a new SQLite file: one migrates, all finish, none lose."""
    check_concurrent_analyze_runs(str(tmp_path / "shared.db"), tmp_path)


def test_a_database_error_inside_a_write_is_a_store_error(tmp_path: Path) -> None:
    from sqlalchemy import text

    store = open_store(tmp_path / "s.db")
    with store.engine.begin() as conn:  # another program broke the table
        conn.execute(text("DROP TABLE failures"))
    with pytest.raises(StoreError, match=r"s\.db: cannot write to the store: no such table"):
        store.record_failures(store.start_run(["x"]), [InputFailure("x.txt", "bad", "read")])
    with pytest.raises(StoreError, match=r"s\.db: cannot read the store: no such table"):
        store.failures(1)


def test_a_publication_day_the_corpus_stage_pinned_survives_a_reload() -> None:
    """The articles table keeps what the input said; the saved result what the timeline found."""
    import dataclasses

    store = open_store(":memory:")
    store.save_analyses([_analysis("a", "Mira Olsen spoke.", "f1")], "1")
    stored = next(store.iter_analyses()).article
    assert stored.published is None
    pinned = dataclasses.replace(stored, published="2031-04-03", published_precision="day")
    store.save_result(Result(articles=[pinned]), store.corpus_stamp())
    loaded = store.load_result().articles[0]
    assert (loaded.published, loaded.published_precision) == ("2031-04-03", "day")
    assert next(store.iter_analyses()).article.published is None  # the input is untouched
