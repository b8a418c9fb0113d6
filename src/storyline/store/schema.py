"""The store's tables and the migrations that create and change them.

SQLAlchemy Core keeps one code path for SQLite and PostgreSQL. Nested lists
(aliases, citations, ...) are JSON text columns so both engines read them alike.
Each migration is applied once, in order, and recorded in ``schema_migrations``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("applied_at", String(40), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Text, primary_key=True),
    Column("fingerprint", String(64), nullable=False, index=True),
    Column("pipeline_version", String(40), nullable=False),
    Column("position", Integer, nullable=False),  # order of first arrival
    Column("source", Text, nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("byline", Text),
    Column("url", Text),
    Column("published", String(10)),
    Column("published_precision", String(10)),
    Column("text", Text, nullable=False),
    Column("removed", Text, nullable=False),  # JSON list of {text, reason}
    Column("damage", Text, nullable=False),  # JSON list of {start, end, reason}
    Column("analysis", Text, nullable=False),  # JSON: mentions, quotes, timexes, figures
    Column("added_at", String(40), nullable=False),
)

failures = Table(
    "failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("source", Text, nullable=False),
    Column("stage", String(40), nullable=False),
    Column("reason", Text, nullable=False),
)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String(40), nullable=False),
    Column("finished_at", String(40)),
    Column("inputs", Text, nullable=False),  # JSON list of the inputs named
    Column("analysed", Integer, nullable=False, default=0),
    Column("cached", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
)


# Corpus-level objects: rebuilt by the cross-article stage after each run. Each
# row keeps the whole object as JSON in ``payload`` (so a field added to a model
# class needs no migration) and copies the fields worth querying into columns.
def _corpus_table(name: str, *columns: Column[Any]) -> Table:
    return Table(
        name,
        metadata,
        Column("position", Integer, primary_key=True),  # order in the Result
        *columns,
        Column("payload", Text, nullable=False),
    )


entities = _corpus_table(
    "entities",
    Column("id", Text, nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False),
)

entity_mentions = _corpus_table(
    "entity_mentions",
    Column("entity_id", Text, nullable=False, index=True),
    Column("article", Text, nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

quotes = _corpus_table(
    "quotes",
    Column("id", Text, nullable=False),
    Column("article", Text, nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("speaker", Text, index=True),
    Column("speaker_name", Text),
    Column("group", Text, nullable=False, index=True),
)

timexes = _corpus_table(
    "timexes",
    Column("article", Text, nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("value", Text, nullable=False),
)

figures = _corpus_table(
    "figures",
    Column("id", Text, nullable=False),
    Column("article", Text, nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(40)),
    Column("measure", Text, nullable=False),
    Column("date", String(10)),
    Column("group", Text, nullable=False, index=True),
)

events = _corpus_table(
    "events",
    Column("id", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("date", String(10)),
    Column("date_precision", String(10)),
)

stories = _corpus_table(
    "stories",
    Column("id", Text, nullable=False),
    Column("title", Text, nullable=False),
)

briefing = _corpus_table(
    "briefing",
    Column("story", Text, nullable=False, index=True),
    Column("text", Text, nullable=False),
)

duplicates = _corpus_table(
    "duplicates",
    Column("kind", String(20), nullable=False),
)

CORPUS_TABLES = (
    entities,
    entity_mentions,
    quotes,
    timexes,
    figures,
    events,
    stories,
    briefing,
    duplicates,
)

Index("ix_articles_position", articles.c.position)

# Small named values the corpus stage keeps between runs (e.g. which set of
# analyses the saved corpus objects were built from).
state = Table(
    "state",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)


def _v1_initial(conn: Connection) -> None:
    tables = [table for table in metadata.sorted_tables if table is not state]
    metadata.create_all(conn, tables=tables, checkfirst=True)


def _v2_state(conn: Connection) -> None:
    state.create(conn, checkfirst=True)


# Identifier columns that v1 and v2 made VARCHAR(200). Ids come from the inputs
# (a JSONL line's "id", a URL), and a state key holds an output path: none has a
# natural length limit. SQLite never enforced one; PostgreSQL refused longer values.
_WIDENED_V3 = {
    "articles": ["id"],
    "entities": ["id"],
    "entity_mentions": ["entity_id", "article"],
    "quotes": ["id", "article", "speaker", "group"],
    "timexes": ["article"],
    "figures": ["id", "article", "group"],
    "events": ["id"],
    "stories": ["id"],
    "briefing": ["story"],
    "state": ["key"],
}


def _v3_unbounded_ids(conn: Connection) -> None:
    if conn.dialect.name != "postgresql":
        return  # SQLite does not enforce VARCHAR lengths
    for table, columns in _WIDENED_V3.items():
        for column in columns:
            conn.exec_driver_sql(f'ALTER TABLE {table} ALTER COLUMN "{column}" TYPE TEXT')


Migration = tuple[int, str, Callable[[Connection], None]]

# Append new migrations at the end; never edit one that has shipped.
MIGRATIONS: list[Migration] = [
    (1, "initial schema", _v1_initial),
    (2, "state table", _v2_state),
    (3, "identifier columns without a length limit", _v3_unbounded_ids),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]
