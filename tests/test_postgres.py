"""The store on a real PostgreSQL server: same schema and output as SQLite, and
several runs writing one store at once lose and double no article."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

import storyline
from storyline.model import Article, ArticleAnalysis, EntityMention, Result, Story
from storyline.store import database_url, open_store
from storyline.store.schema import SCHEMA_VERSION
from tests.fixtures.concurrent_runs import check_concurrent_analyze_runs
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


def test_long_identifiers_fit_and_old_stores_are_widened(pg: PostgresServer) -> None:
    """Ids come from the inputs (a JSONL "id", a URL): 300 characters must fit."""
    url = pg.create_database()
    long_id = "https://news.example/port-kessel/" + "strike-day-" * 25
    with open_store(url) as store:
        store.save_analyses([_analysis(long_id, "f1")], "1")
        store.set_state("export:" + "/very/deep" * 30, "stamp")
        assert [a.article.id for a in store.iter_analyses()] == [long_id]
    # A store made before migration 3 had VARCHAR(200) ids: reopening widens them.
    engine = create_engine(database_url(url))
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM articles"))
        conn.execute(text("ALTER TABLE articles ALTER COLUMN id TYPE VARCHAR(200)"))
        conn.execute(text("DELETE FROM schema_migrations WHERE version = 3"))
    with open_store(url) as store:
        assert store.schema_version() == SCHEMA_VERSION
        store.save_analyses([_analysis(long_id, "f1")], "1")
    with engine.connect() as conn:
        kind = conn.scalar(text(
            "SELECT data_type FROM information_schema.columns "
            "WHERE table_name = 'articles' AND column_name = 'id'"))
    engine.dispose()
    assert kind == "text"


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


@pytest.mark.slow
def test_concurrent_analyze_runs_share_one_store(pg: PostgresServer, tmp_path: Path) -> None:
    """Three `storyline analyze` processes on overlapping inputs, one store, at once."""
    check_concurrent_analyze_runs(pg.create_database(), tmp_path)
