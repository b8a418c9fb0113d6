"""The store on a real PostgreSQL server: same schema and output as SQLite, and
several runs writing one store at once lose and double no article."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

import storyline
from storyline.model import Article, ArticleAnalysis, EntityMention, Result, Story
from storyline.store import database_url, open_store
from storyline.store.schema import SCHEMA_VERSION
from tests.pgserver import PostgresServer, postgres_server, why_unavailable

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="module")
def pg() -> Iterator[PostgresServer]:
    reason = why_unavailable()
    if reason is not None:
        pytest.skip(reason)
    with postgres_server() as server:
        yield server


def _analysis(aid: str, fingerprint: str) -> ArticleAnalysis:
    text = f"Harbour master Ilse Varga of Port Kessel spoke about article {aid}."
    art = Article(id=aid, source=f"{aid}.txt", text=text, fingerprint=fingerprint)
    return ArticleAnalysis(art, mentions=[EntityMention(aid, 15, 25, "Ilse Varga", "PERSON")])


def _columns(url: str) -> dict[str, dict[str, object]]:
    """Per table: column name -> (python type, nullable), primary key, index columns."""
    engine = create_engine(database_url(url))
    try:
        insp = inspect(engine)
        shape: dict[str, dict[str, object]] = {}
        for table in insp.get_table_names():
            shape[table] = {
                "columns": {
                    c["name"]: (c["type"].python_type.__name__, c["nullable"])
                    for c in insp.get_columns(table)
                },
                "pk": insp.get_pk_constraint(table)["constrained_columns"],
                "indexes": sorted(
                    tuple(i["column_names"]) for i in insp.get_indexes(table)  # type: ignore[arg-type]
                ),
                "unique": sorted(
                    tuple(u["column_names"]) for u in insp.get_unique_constraints(table)
                ),
            }
        return shape
    finally:
        engine.dispose()


def test_postgresql_url_uses_psycopg() -> None:
    assert database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert database_url("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_postgres_store_has_the_sqlite_schema(pg: PostgresServer, tmp_path: Path) -> None:
    url = pg.create_database()
    with open_store(url) as store:
        assert store.schema_version() == SCHEMA_VERSION
    with open_store(url) as store:  # reopening applies nothing twice
        assert store.migrate() == SCHEMA_VERSION
    sqlite_path = tmp_path / "s.db"
    open_store(sqlite_path).close()
    on_pg, on_sqlite = _columns(url), _columns(str(sqlite_path))
    assert "articles" in on_pg and "state" in on_pg
    # SQLite reports a UNIQUE column as a unique index, PostgreSQL as a constraint.
    for shape in (*on_pg.values(), *on_sqlite.values()):
        merged = set(shape.pop("indexes")) | set(shape.pop("unique"))  # type: ignore[call-overload]
        shape["keys"] = sorted(merged)
    assert on_pg == on_sqlite


def test_store_round_trip_on_postgres(pg: PostgresServer) -> None:
    with open_store(pg.create_database()) as store:
        store.save_analyses([_analysis("a", "f1"), _analysis("b", "f2")], "1")
        store.save_analyses([_analysis("a", "f3")], "1")  # replaced in place
        assert [a.article.id for a in store.iter_analyses()] == ["a", "b"]
        assert store.cached_ids(["f1", "f2", "f3"], "1") == {"f2": "b", "f3": "a"}
        stamp = store.corpus_stamp()
        assert store.save_result(Result(stories=[Story("s1", "Port Kessel strike", ["a"])]), stamp)
        assert store.get_state("corpus_stamp") == stamp
        assert [s.title for s in store.load_result().stories] == ["Port Kessel strike"]


def test_a_stale_corpus_result_is_not_saved(pg: PostgresServer) -> None:
    """A run whose corpus stage read the store before another run added articles
    must not overwrite the newer corpus objects."""
    with open_store(pg.create_database()) as store:
        store.save_analyses([_analysis("a", "f1")], "1")
        stale = store.corpus_stamp()
        store.save_analyses([_analysis("b", "f2")], "1")  # another run, meanwhile
        fresh = store.corpus_stamp()
        newer = Result(stories=[Story("new", "both", ["a", "b"])])
        assert store.save_result(newer, fresh, if_current=True)
        older = Result(stories=[Story("old", "one", ["a"])])
        assert not store.save_result(older, stale, if_current=True)
        assert [s.id for s in store.load_result().stories] == ["new"]
        assert store.get_state("corpus_stamp") == fresh


def test_concurrent_writers_lose_and_double_nothing(pg: PostgresServer) -> None:
    """Writers with overlapping batches, each on its own connection, at once."""
    url = pg.create_database()
    open_store(url).close()  # migrated once, before the race
    ids = [f"art{i:02d}" for i in range(40)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def writer(offset: int) -> None:
        try:
            with open_store(url) as store:
                mine = ids[offset : offset + 25]
                barrier.wait()
                for i in range(0, len(mine), 3):
                    chunk = mine[i : i + 3]
                    store.save_analyses([_analysis(a, f"fp-{a}") for a in chunk], "1")
        except BaseException as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(off,)) for off in (0, 5, 10, 15)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    engine = create_engine(database_url(url))
    with engine.connect() as conn:
        rows = conn.execute(text("select id, position from articles")).all()
    engine.dispose()
    assert sorted(r.id for r in rows) == ids  # every article once
    positions = [r.position for r in rows]
    assert len(set(positions)) == len(positions)  # no two share a place in the order


@pytest.mark.slow
def test_postgres_gives_the_same_storyline_json_as_sqlite(
    pg: PostgresServer, tmp_path: Path
) -> None:
    url = pg.create_database()
    storyline.analyze([EXAMPLES], out=tmp_path / "sqlite")
    first = storyline.analyze([EXAMPLES], out=tmp_path / "pg", db=url)
    assert first.analysed == len(first.articles) >= 8
    expected = (tmp_path / "sqlite" / "storyline.json").read_bytes()
    assert (tmp_path / "pg" / "storyline.json").read_bytes() == expected
    # A second run reads everything back from PostgreSQL: still the same bytes.
    again = storyline.analyze([EXAMPLES], out=tmp_path / "pg2", db=url)
    assert again.analysed == 0 and again.cached == len(first.articles)
    assert (tmp_path / "pg2" / "storyline.json").read_bytes() == expected


def _invented_articles(n: int) -> list[dict[str, str]]:
    towns = ["Port Kessel", "Ostmark", "Vellin", "Sarnow"]
    rows = []
    for i in range(n):
        town = towns[i % len(towns)]
        rows.append(
            {
                "id": f"kessel-{i:02d}",
                "outlet": f"Harbour Courier {i % 3}",
                "published": f"2031-04-{i + 1:02d}",
                "text": (
                    f"Dock workers in {town} stayed out for a {i + 2}th day on Monday, "
                    f"union leader Marek Dolan said. \"We will hold the line in {town},\" "
                    f"he told reporters. The port authority said {120 + 7 * i} ships were "
                    "waiting offshore and that talks would resume on Thursday."
                ),
            }
        )
    return rows


def _write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.slow
def test_concurrent_analyze_runs_share_one_store(pg: PostgresServer, tmp_path: Path) -> None:
    """Three `storyline analyze` processes on overlapping inputs, one store, at once."""
    url = pg.create_database()
    rows = _invented_articles(18)
    inputs = [
        _write_jsonl(tmp_path / "a.jsonl", rows[0:10]),
        _write_jsonl(tmp_path / "b.jsonl", rows[4:14]),
        _write_jsonl(tmp_path / "c.jsonl", rows[8:18]),
    ]
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "storyline", "analyze", str(path), "--db", url,
             "--out", str(tmp_path / f"out{i}"), "--batch-size", "2", "--quiet"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )  # fmt: skip
        for i, path in enumerate(inputs)
    ]
    for proc in procs:
        _out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
    engine = create_engine(database_url(url))
    with engine.connect() as conn:
        stored = conn.execute(text("select id, position from articles")).all()
        runs = conn.execute(text("select count(*) from runs where finished_at is not null"))
        assert runs.scalar() == 3
    engine.dispose()
    assert sorted(r.id for r in stored) == [r["id"] for r in rows]
    assert len({r.position for r in stored}) == len(stored)
    # Every run exported the articles it read; a last run sees the whole corpus once.
    for i, path in enumerate(inputs):
        exported = json.loads((tmp_path / f"out{i}" / "storyline.json").read_text("utf-8"))
        ids = [a["id"] for a in exported["articles"]]
        assert len(ids) == len(set(ids))
        assert {json.loads(line)["id"] for line in path.read_text().splitlines()} <= set(ids)
    final = storyline.analyze(inputs, out=tmp_path / "final", db=url)
    assert final.analysed == 0
    assert sorted(a.id for a in final.articles) == [r["id"] for r in rows]
