"""The store: articles, their per-article analyses and every corpus-level object.

SQLite by default (one file), PostgreSQL by URL. Per-article work is cached by
the input's fingerprint and the pipeline version, so a re-run on the same inputs
recomputes nothing and an added article is the only one processed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select, text, update
from sqlalchemy.exc import SQLAlchemyError

from storyline import codec
from storyline.errors import StoreError
from storyline.model import (
    Article,
    ArticleAnalysis,
    BriefingLine,
    DuplicateSet,
    Entity,
    Event,
    Figure,
    InputFailure,
    Quote,
    Result,
    Story,
    Timex,
)
from storyline.store import schema as t

CORPUS_STAMP = "corpus_stamp"
# Publication days the corpus stage pinned (article id -> [published, precision]):
# the articles table keeps what the input said, the result what the timeline found.
ARTICLE_DATES = "article_dates"
# PostgreSQL advisory lock key that serialises writers of one store, so several
# runs can share it: no article is lost or doubled and positions never collide.
WRITE_LOCK = 0x53544F52  # "STOR"


SQLITE_BUSY_SECONDS = 120.0  # how long a writer waits for another run's write lock


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL for a path, ``:memory:`` or an existing URL."""
    value = str(db)
    for scheme in ("postgresql://", "postgres://"):
        if value.startswith(scheme):  # psycopg 3 is the driver installed, not psycopg2
            return "postgresql+psycopg://" + value.removeprefix(scheme)
    if "://" in value:
        return value
    if value == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(value).expanduser().resolve()}"


def _lock_for_writing(conn: Any) -> None:
    """Wait for the store's write lock; it is released at commit.

    Call it first in a transaction that reads before it writes (migrations, the
    corpus result), so two runs cannot both read the old state and then both write.
    On PostgreSQL it is an advisory lock; on SQLite the transaction starts as
    BEGIN IMMEDIATE, which takes SQLite's one write lock up front (waiting up to
    ``SQLITE_BUSY_SECONDS``) instead of failing when it later tries to write.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})
    elif conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    # WAL lets a reader (storyline serve) work while a run writes; NORMAL sync is
    # durable enough with WAL and much faster for batch writes.
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


class Store:
    """One storyline store. Use :func:`open_store` to get one."""

    def __init__(self, engine: Engine, location: str) -> None:
        self.engine = engine
        self.location = location

    # -- lifecycle ---------------------------------------------------------
    def migrate(self) -> int:
        """Apply pending migrations; returns the schema version."""
        try:
            with self.engine.begin() as conn:
                _lock_for_writing(conn)  # two first runs must not both create the tables
                t.schema_migrations.create(conn, checkfirst=True)
                done = set(conn.scalars(select(t.schema_migrations.c.version)))
                for version, name, apply in t.MIGRATIONS:
                    if version in done:
                        continue
                    apply(conn)
                    conn.execute(
                        insert(t.schema_migrations).values(
                            version=version, name=name, applied_at=_now()
                        )
                    )
            return self.schema_version()
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.location}: cannot create or migrate the store: {exc}") from exc

    def schema_version(self) -> int:
        with self._read() as conn:
            value = conn.scalar(select(func.max(t.schema_migrations.c.version)))
        return int(value or 0)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs ----------------------------------------------------------------
    def start_run(self, inputs: Sequence[str]) -> int:
        with self._begin() as conn:
            res = conn.execute(
                insert(t.runs).values(started_at=_now(), inputs=json.dumps(list(inputs)))
            )
            return int(res.inserted_primary_key[0])

    def finish_run(self, run_id: int, analysed: int, cached: int, failed: int) -> None:
        with self._begin() as conn:
            conn.execute(
                update(t.runs)
                .where(t.runs.c.id == run_id)
                .values(finished_at=_now(), analysed=analysed, cached=cached, failed=failed)
            )

    def record_failures(self, run_id: int, items: Iterable[InputFailure]) -> None:
        rows = [
            {"run_id": run_id, "source": f.source, "stage": f.stage, "reason": f.reason}
            for f in items
        ]
        if rows:
            with self._begin() as conn:
                conn.execute(insert(t.failures), rows)

    def failures(self, run_id: int) -> list[InputFailure]:
        with self._read() as conn:
            rows = conn.execute(
                select(t.failures).where(t.failures.c.run_id == run_id).order_by(t.failures.c.id)
            )
            return [InputFailure(r.source, r.reason, r.stage) for r in rows]

    # -- articles ----------------------------------------------------------
    def cached_ids(self, fingerprints: Sequence[str], pipeline_version: str) -> dict[str, str]:
        """fingerprint -> article id, for the fingerprints already analysed."""
        found: dict[str, str] = {}
        with self._read() as conn:
            for i in range(0, len(fingerprints), 500):
                chunk = fingerprints[i : i + 500]
                rows = conn.execute(
                    select(t.articles.c.fingerprint, t.articles.c.id).where(
                        t.articles.c.fingerprint.in_(chunk),
                        t.articles.c.pipeline_version == pipeline_version,
                    )
                )
                found.update({r.fingerprint: r.id for r in rows})
        return found

    def article_fingerprints(self, ids: Sequence[str]) -> dict[str, str]:
        """article id -> fingerprint, for the ids in the store."""
        with self._read() as conn:
            rows = conn.execute(
                select(t.articles.c.id, t.articles.c.fingerprint).where(t.articles.c.id.in_(ids))
            )
            return {r.id: r.fingerprint for r in rows}

    def save_analyses(self, analyses: Sequence[ArticleAnalysis], pipeline_version: str) -> None:
        """Write analyses in one transaction (replacing an article with the same id)."""
        if not analyses:
            return
        with self._begin() as conn:
            _lock_for_writing(conn)  # reads below then see every other run's commits
            ids = [a.article.id for a in analyses]
            old = {
                r.id: r.position
                for r in conn.execute(
                    select(t.articles.c.id, t.articles.c.position).where(t.articles.c.id.in_(ids))
                )
            }
            next_pos = int(conn.scalar(select(func.coalesce(func.max(t.articles.c.position), 0))))
            conn.execute(delete(t.articles).where(t.articles.c.id.in_(ids)))
            rows = []
            for analysis in analyses:
                art = analysis.article
                if art.id in old:
                    position = old[art.id]
                else:
                    next_pos += 1
                    position = next_pos
                rows.append(_article_row(analysis, pipeline_version, position))
            conn.execute(insert(t.articles), rows)

    def set_source(self, article_ids: Sequence[str], source: str) -> None:
        """Name where these articles came from (an upload's temporary file is no source)."""
        if article_ids:
            with self._begin() as conn:
                conn.execute(
                    update(t.articles)
                    .where(t.articles.c.id.in_(list(article_ids)))
                    .values(source=source)
                )

    def article_count(self) -> int:
        with self._read() as conn:
            return int(conn.scalar(select(func.count()).select_from(t.articles)) or 0)

    def iter_analyses(self, ids: Sequence[str] | None = None) -> Iterator[ArticleAnalysis]:
        """Analyses in arrival order (all of them, or those with the given ids)."""
        query = select(t.articles).order_by(t.articles.c.position)
        if ids is not None:
            query = query.where(t.articles.c.id.in_(list(ids)))
        with self._read() as conn:
            for row in conn.execute(query):
                yield _analysis_from_row(row._mapping)

    def get_article(self, article_id: str) -> Article | None:
        for analysis in self.iter_analyses([article_id]):
            return analysis.article
        return None

    # -- state -------------------------------------------------------------
    def get_state(self, key: str) -> str | None:
        with self._read() as conn:
            value = conn.scalar(select(t.state.c.value).where(t.state.c.key == key))
        return None if value is None else str(value)

    def set_state(self, key: str, value: str, conn: Any = None) -> None:
        if conn is None:
            with self._begin() as own:
                _lock_for_writing(own)
                self.set_state(key, value, own)
            return
        conn.execute(delete(t.state).where(t.state.c.key == key))
        conn.execute(insert(t.state).values(key=key, value=value))

    def corpus_stamp(self) -> str:
        """A digest of every stored analysis: equal stamps mean equal corpus input."""
        with self._read() as conn:
            return _corpus_stamp(conn)

    # -- corpus objects ----------------------------------------------------
    def save_result(
        self, result: Result, stamp: str | None = None, *, if_current: bool = False
    ) -> bool:
        """Replace every corpus-level object with those of ``result``.

        ``stamp`` (see :meth:`corpus_stamp`) records which analyses it was built
        from. With ``if_current``, when another run has changed the analyses
        since (a shared store), nothing is saved and this returns False: that
        run saves a newer result.
        """
        with self._begin() as conn:
            _lock_for_writing(conn)
            if stamp is not None:
                if if_current and stamp != _corpus_stamp(conn):
                    return False
                self.set_state(CORPUS_STAMP, stamp, conn)
            for table in t.CORPUS_TABLES:
                conn.execute(delete(table))
            dates = {a.id: [a.published, a.published_precision] for a in result.articles}
            self.set_state(ARTICLE_DATES, json.dumps(dates, sort_keys=True), conn)
            entities = [codec.to_dict(e) for e in result.entities]
            mentions = [{**m, "entity_id": e["id"]} for e in entities for m in e.pop("mentions")]
            _insert_objects(conn, t.entities, entities)
            _insert_objects(conn, t.entity_mentions, mentions)
            for table, items in (
                (t.quotes, result.quotes),
                (t.timexes, result.timexes),
                (t.figures, result.figures),
                (t.events, result.events),
                (t.stories, result.stories),
                (t.briefing, result.briefing),
                (t.duplicates, result.duplicates),
            ):
                _insert_objects(conn, table, [codec.to_dict(x) for x in items])
        return True

    def load_result(self) -> Result:
        """Everything in the store as a :class:`Result` (what ``storyline.json`` holds)."""
        result = Result(articles=[a.article for a in self.iter_analyses()])
        dates = json.loads(self.get_state(ARTICLE_DATES) or "{}")
        for art in result.articles:
            if art.id in dates:
                art.published, art.published_precision = dates[art.id]
        with self._read() as conn:

            def payloads(table: Any) -> list[dict[str, Any]]:
                rows = conn.execute(select(table.c.payload).order_by(table.c.position))
                return [json.loads(r.payload) for r in rows]

            mentions: dict[str, list[dict[str, Any]]] = {}
            for m in payloads(t.entity_mentions):
                mentions.setdefault(m.pop("entity_id"), []).append(m)
            result.entities = [
                codec.from_dict(Entity, {**e, "mentions": mentions.get(e["id"], [])})
                for e in payloads(t.entities)
            ]
            result.quotes = [codec.from_dict(Quote, x) for x in payloads(t.quotes)]
            result.timexes = [codec.from_dict(Timex, x) for x in payloads(t.timexes)]
            result.figures = [codec.from_dict(Figure, x) for x in payloads(t.figures)]
            result.events = [codec.from_dict(Event, x) for x in payloads(t.events)]
            result.stories = [codec.from_dict(Story, x) for x in payloads(t.stories)]
            result.briefing = [codec.from_dict(BriefingLine, x) for x in payloads(t.briefing)]
            result.duplicates = [codec.from_dict(DuplicateSet, x) for x in payloads(t.duplicates)]
        return result

    # -- helpers -----------------------------------------------------------
    def _begin(self) -> Any:
        """A write transaction; any database error in it becomes a StoreError."""
        return self._guarded(self.engine.begin, "write to")

    def _read(self) -> Any:
        """A read connection; any database error in it becomes a StoreError."""
        return self._guarded(self.engine.connect, "read")

    @contextmanager
    def _guarded(self, open_connection: Any, doing: str) -> Iterator[Any]:
        try:
            with open_connection() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.location}: cannot {doing} the store: {_brief(exc)}") from exc


def _brief(exc: SQLAlchemyError) -> str:
    """The driver's message without SQLAlchemy's SQL echo and background link."""
    original = getattr(exc, "orig", None)
    return str(original if original is not None else exc).strip().splitlines()[0]


def _corpus_stamp(conn: Any) -> str:
    digest = hashlib.sha256()
    rows = conn.execute(
        select(t.articles.c.id, t.articles.c.fingerprint, t.articles.c.pipeline_version).order_by(
            t.articles.c.position
        )
    )
    for row in rows:
        digest.update(f"{row.id}\x1f{row.fingerprint}\x1f{row.pipeline_version}\n".encode())
    return digest.hexdigest()


def _insert_objects(conn: Any, table: Any, objects: list[dict[str, Any]]) -> None:
    """Insert objects (as dicts): queryable fields into columns, the whole into payload."""
    if not objects:
        return
    columns = [c.name for c in table.columns if c.name not in ("position", "payload")]
    rows = [
        {
            **{c: obj.get(c) for c in columns},
            "position": i,
            "payload": json.dumps(obj, ensure_ascii=False),
        }
        for i, obj in enumerate(objects)
    ]
    conn.execute(insert(table), rows)


def _article_row(analysis: ArticleAnalysis, pipeline_version: str, position: int) -> dict[str, Any]:
    art = analysis.article
    # Everything the per-article stage found beside the article itself.
    payload = codec.to_dict(analysis)
    del payload["article"]
    return {
        "id": art.id,
        "fingerprint": art.fingerprint,
        "pipeline_version": pipeline_version,
        "position": position,
        "source": art.source,
        "title": art.title,
        "outlet": art.outlet,
        "byline": art.byline,
        "url": art.url,
        "published": art.published,
        "published_precision": art.published_precision,
        "text": art.text,
        "removed": json.dumps(codec.to_dict(art.removed), ensure_ascii=False),
        "damage": json.dumps(codec.to_dict(art.damage)),
        "analysis": json.dumps(payload, ensure_ascii=False),
        "added_at": _now(),
    }


def _analysis_from_row(row: Any) -> ArticleAnalysis:
    article = codec.from_dict(
        Article,
        {
            **{
                k: row[k]
                for k in (
                    "id",
                    "source",
                    "text",
                    "title",
                    "outlet",
                    "byline",
                    "url",
                    "published",
                    "published_precision",
                    "fingerprint",
                )
            },
            "removed": json.loads(row["removed"]),
            "damage": json.loads(row["damage"]),
        },
    )
    analysis = codec.from_dict(ArticleAnalysis, json.loads(row["analysis"]) | {"article": None})
    analysis.article = article
    return analysis


def open_store(db: str | Path) -> Store:
    """Open (creating and migrating as needed) the store at a path or URL."""
    url = database_url(db)
    try:
        if url.startswith("sqlite"):
            if url != "sqlite://":
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            # Another run may hold the write lock while it saves a large corpus.
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_SECONDS})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (SQLAlchemyError, OSError, ValueError) as exc:
        raise StoreError(f"{db}: cannot open the store: {exc}") from exc
    store = Store(engine, str(db))
    store.migrate()
    return store
