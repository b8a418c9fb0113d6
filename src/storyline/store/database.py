"""The store: articles, their per-article analyses and every corpus-level object.

SQLite by default (one file), PostgreSQL by URL. Per-article work is cached by
the input's fingerprint and the pipeline version, so a re-run on the same inputs
recomputes nothing and an added article is the only one processed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from storyline import codec
from storyline.errors import StoreError
from storyline.model import (
    Article,
    ArticleAnalysis,
    BriefingLine,
    Citation,
    DuplicateSet,
    Entity,
    EntityMention,
    Event,
    EventMention,
    Figure,
    InputFailure,
    Quote,
    Result,
    Span,
    Story,
    Timex,
)
from storyline.store import schema as t


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def database_url(db: str | Path) -> str:
    """A SQLAlchemy URL for a path, ``:memory:`` or an existing URL."""
    text = str(db)
    if "://" in text:
        return text
    if text == ":memory:":
        return "sqlite://"
    return f"sqlite:///{Path(text).expanduser().resolve()}"


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
        with self.engine.connect() as conn:
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
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.failures).where(t.failures.c.run_id == run_id).order_by(t.failures.c.id)
            )
            return [InputFailure(r.source, r.reason, r.stage) for r in rows]

    # -- articles ----------------------------------------------------------
    def cached_ids(self, fingerprints: Sequence[str], pipeline_version: str) -> dict[str, str]:
        """fingerprint -> article id, for the fingerprints already analysed."""
        found: dict[str, str] = {}
        with self.engine.connect() as conn:
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
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.articles.c.id, t.articles.c.fingerprint).where(t.articles.c.id.in_(ids))
            )
            return {r.id: r.fingerprint for r in rows}

    def save_analyses(self, analyses: Sequence[ArticleAnalysis], pipeline_version: str) -> None:
        """Write analyses in one transaction (replacing an article with the same id)."""
        if not analyses:
            return
        with self._begin() as conn:
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

    def article_count(self) -> int:
        with self.engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(t.articles)) or 0)

    def iter_analyses(self, ids: Sequence[str] | None = None) -> Iterator[ArticleAnalysis]:
        """Analyses in arrival order (all of them, or those with the given ids)."""
        query = select(t.articles).order_by(t.articles.c.position)
        if ids is not None:
            query = query.where(t.articles.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                yield _analysis_from_row(row._mapping)

    def get_article(self, article_id: str) -> Article | None:
        for analysis in self.iter_analyses([article_id]):
            return analysis.article
        return None

    # -- corpus objects ----------------------------------------------------
    def save_result(self, result: Result) -> None:
        """Replace every corpus-level object with those of ``result``."""
        with self._begin() as conn:
            for table in t.CORPUS_TABLES:
                conn.execute(delete(table))
            _insert(
                conn,
                t.entities,
                [
                    {
                        "id": e.id,
                        "name": e.name,
                        "type": e.type,
                        "aliases": json.dumps(e.aliases),
                        "roles": json.dumps(e.roles),
                    }
                    for e in result.entities
                ],
            )
            _insert(
                conn,
                t.entity_mentions,
                [
                    {
                        "entity_id": e.id,
                        "article": m.article,
                        "start": m.start,
                        "end": m.end,
                        "text": m.text,
                    }
                    for e in result.entities
                    for m in e.mentions
                ],
            )
            _insert(conn, t.quotes, [q.to_contract() for q in result.quotes])
            _insert(conn, t.timexes, [codec.to_dict(x) for x in result.timexes])
            _insert(conn, t.figures, [codec.to_dict(f) for f in result.figures])
            _insert(
                conn,
                t.events,
                [
                    {
                        "id": e.id,
                        "title": e.title,
                        "date": e.date,
                        "date_precision": e.date_precision,
                        "mentions": json.dumps(codec.to_dict(e.mentions)),
                    }
                    for e in result.events
                ],
            )
            _insert(
                conn,
                t.stories,
                [
                    {"id": s.id, "title": s.title, "articles": json.dumps(s.articles)}
                    for s in result.stories
                ],
            )
            _insert(
                conn,
                t.briefing,
                [
                    {
                        "story": b.story,
                        "position": i,
                        "text": b.text,
                        "citations": json.dumps(codec.to_dict(b.citations)),
                    }
                    for i, b in enumerate(result.briefing)
                ],
            )
            _insert(
                conn,
                t.duplicates,
                [{"kind": d.kind, "articles": json.dumps(d.articles)} for d in result.duplicates],
            )

    def load_result(self) -> Result:
        """Everything in the store as a :class:`Result` (what ``storyline.json`` holds)."""
        result = Result(articles=[a.article for a in self.iter_analyses()])
        with self.engine.connect() as conn:
            mentions: dict[str, list[Span]] = {}
            for r in conn.execute(select(t.entity_mentions)):
                mentions.setdefault(r.entity_id, []).append(Span(r.article, r.start, r.end, r.text))
            result.entities = [
                Entity(
                    r.id,
                    r.name,
                    r.type,
                    json.loads(r.aliases),
                    json.loads(r.roles),
                    mentions.get(r.id, []),
                )
                for r in conn.execute(select(t.entities).order_by(t.entities.c.id))
            ]
            result.quotes = [
                codec.from_dict(Quote, dict(r._mapping)) for r in conn.execute(select(t.quotes))
            ]
            result.timexes = [
                codec.from_dict(Timex, dict(r._mapping)) for r in conn.execute(select(t.timexes))
            ]
            result.figures = [
                codec.from_dict(Figure, dict(r._mapping)) for r in conn.execute(select(t.figures))
            ]
            result.events = [
                Event(
                    r.id,
                    r.title,
                    r.date,
                    r.date_precision,
                    [codec.from_dict(EventMention, m) for m in json.loads(r.mentions)],
                )
                for r in conn.execute(select(t.events))
            ]
            result.stories = [
                Story(r.id, r.title, json.loads(r.articles))
                for r in conn.execute(select(t.stories))
            ]
            result.briefing = [
                BriefingLine(
                    r.story, r.text, [codec.from_dict(Citation, c) for c in json.loads(r.citations)]
                )
                for r in conn.execute(select(t.briefing).order_by(t.briefing.c.position))
            ]
            result.duplicates = [
                DuplicateSet(json.loads(r.articles), r.kind)
                for r in conn.execute(select(t.duplicates).order_by(t.duplicates.c.id))
            ]
        return result

    # -- helpers -----------------------------------------------------------
    def _begin(self) -> Any:
        try:
            return self.engine.begin()
        except SQLAlchemyError as exc:
            raise StoreError(f"{self.location}: cannot write to the store: {exc}") from exc


def _insert(conn: Any, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), rows)


def _article_row(analysis: ArticleAnalysis, pipeline_version: str, position: int) -> dict[str, Any]:
    art = analysis.article
    payload = {
        "mentions": codec.to_dict(analysis.mentions),
        "quotes": codec.to_dict(analysis.quotes),
        "timexes": codec.to_dict(analysis.timexes),
        "figures": codec.to_dict(analysis.figures),
    }
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
    payload = json.loads(row["analysis"])
    return ArticleAnalysis(
        article=article,
        mentions=[codec.from_dict(EntityMention, m) for m in payload.get("mentions", [])],
        quotes=[codec.from_dict(Quote, q) for q in payload.get("quotes", [])],
        timexes=[codec.from_dict(Timex, x) for x in payload.get("timexes", [])],
        figures=[codec.from_dict(Figure, f) for f in payload.get("figures", [])],
    )


def open_store(db: str | Path) -> Store:
    """Open (creating and migrating as needed) the store at a path or URL."""
    url = database_url(db)
    try:
        if url.startswith("sqlite"):
            if url != "sqlite://":
                Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url)
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(url, pool_pre_ping=True)
    except (SQLAlchemyError, OSError, ValueError) as exc:
        raise StoreError(f"{db}: cannot open the store: {exc}") from exc
    store = Store(engine, str(db))
    store.migrate()
    return store
