"""The store's tables and the migrations that create and change them.

SQLAlchemy Core keeps one code path for SQLite and PostgreSQL. Nested lists
(aliases, citations, ...) are JSON text columns so both engines read them alike.
Each migration is applied once, in order, and recorded in ``schema_migrations``.
"""

from __future__ import annotations

from collections.abc import Callable

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
    Column("id", String(200), primary_key=True),
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

# Corpus-level objects: rebuilt by the cross-article stage after each run.
entities = Table(
    "entities",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("aliases", Text, nullable=False),
    Column("roles", Text, nullable=False),
)

entity_mentions = Table(
    "entity_mentions",
    metadata,
    Column("entity_id", String(200), nullable=False, index=True),
    Column("article", String(200), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
)

quotes = Table(
    "quotes",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("article", String(200), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("speaker", String(200)),
    Column("speaker_name", Text),
    Column("cue", Text),
    Column("group", String(200), nullable=False),
)

timexes = Table(
    "timexes",
    metadata,
    Column("article", String(200), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("type", String(20), nullable=False),
    Column("value", Text, nullable=False),
)

figures = Table(
    "figures",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("article", String(200), nullable=False, index=True),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(40)),
    Column("measure", Text, nullable=False),
    Column("date", String(10)),
    Column("group", String(200), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("title", Text, nullable=False),
    Column("date", String(10)),
    Column("date_precision", String(10)),
    Column("mentions", Text, nullable=False),  # JSON list of {article, start, end}
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("title", Text, nullable=False),
    Column("articles", Text, nullable=False),  # JSON list of article ids
)

briefing = Table(
    "briefing",
    metadata,
    Column("story", String(200), nullable=False, index=True),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("citations", Text, nullable=False),  # JSON list of {article, start, end}
)

duplicates = Table(
    "duplicates",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(20), nullable=False),
    Column("articles", Text, nullable=False),  # JSON list of article ids
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


def _v1_initial(conn: Connection) -> None:
    metadata.create_all(conn, checkfirst=True)


Migration = tuple[int, str, Callable[[Connection], None]]

# Append new migrations at the end; never edit one that has shipped.
MIGRATIONS: list[Migration] = [
    (1, "initial schema", _v1_initial),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]
