"""The functions the CLI and Python users share.

``analyze`` reads inputs, runs the per-article stage on what the store does not
already hold, writes each batch to the store as it finishes (a killed run keeps
its finished work; the next run continues from there), then runs the
cross-article stage over the store and writes ``storyline.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from storyline.article.pipeline import PIPELINE_VERSION
from storyline.corpus.pipeline import build_result
from storyline.corpus.stories import StoryClusterer, publication_order
from storyline.corpus.whats_new import WhatsNew, whats_new
from storyline.engines import open_engine
from storyline.engines.local import Outcome, run_local
from storyline.errors import (
    InputFormatError,
    InputNotFoundError,
    InputUnreadableError,
    SettingsError,
)
from storyline.export import write_json
from storyline.ingest import read_inputs
from storyline.model import Article, ArticleAnalysis, InputFailure, RawDocument, Result
from storyline.report import write_report
from storyline.settings import Settings
from storyline.store import Store, open_store
from storyline.store.database import CORPUS_STAMP

DB_FILE = "storyline.db"


@dataclass
class Progress:
    """What a progress display needs: called after every batch and at each phase."""

    phase: str  # "analyse", "corpus", "write", "done"
    done: int = 0  # documents finished (analysed, cached or failed)
    analysed: int = 0
    cached: int = 0
    failed: int = 0
    last_source: str | None = None


ProgressCallback = Callable[[Progress], None]


def default_db(out: str | Path | None) -> str:
    return str(Path(out) / DB_FILE) if out is not None else ":memory:"


def analyze(
    inputs: Sequence[str | Path],
    *,
    out: str | Path | None = None,
    db: str | Path | None = None,
    settings: Settings | None = None,
    workers: int | None = None,
    progress: ProgressCallback | None = None,
) -> Result:
    """Analyse ``inputs`` (files, directories, URLs) into a :class:`Result`.

    With ``out``, writes ``out/storyline.json``; the store defaults to
    ``out/storyline.db`` (in memory without ``out``). Inputs that fail are listed
    in ``Result.failures``; the others go through.
    """
    settings = (settings or Settings()).with_overrides(workers=workers)
    store = open_store(db if db is not None else default_db(out))
    try:
        return analyze_into(store, inputs, out=out, settings=settings, progress=progress)
    finally:
        store.close()


def analyze_into(
    store: Store,
    inputs: Sequence[str | Path],
    *,
    out: str | Path | None = None,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
) -> Result:
    """:func:`analyze` over an open store (the web app adds articles this way)."""
    settings = settings or Settings()
    names = [str(i) for i in inputs]
    report = progress or (lambda _p: None)
    state = Progress("analyse")
    run_id = store.start_run(names)
    failures: list[InputFailure] = []

    def on_failure(item: InputFailure) -> None:
        failures.append(item)
        state.failed += 1
        state.done += 1
        state.last_source = item.source
        store.record_failures(run_id, [item])

    # One engine per run: its worker pool or cluster starts at most once.
    with open_engine(settings) as engine:
        todo = chain.from_iterable(
            _uncached_batches(store, read_inputs(names, settings), settings, state, on_failure)
        )
        for outcomes in engine.analyse(todo):
            done = [o for o in outcomes if isinstance(o, ArticleAnalysis)]
            store.save_analyses(done, PIPELINE_VERSION)
            for outcome in outcomes:
                if isinstance(outcome, InputFailure):
                    on_failure(outcome)
            state.analysed += len(done)
            state.done += len(done)
            if done:
                state.last_source = done[-1].article.source
            report(state)
        report(state)

        state.phase = "corpus"
        report(state)
        stamp = store.corpus_stamp()
        if store.get_state(CORPUS_STAMP) == stamp:
            result = store.load_result()  # nothing changed since the corpus stage last ran
        else:
            analyses = list(store.iter_analyses())
            clusterer = _add_to_stories(store, analyses)
            result = build_result(analyses, stories=clusterer.stories(), map_stories=engine.map)
            store.set_state(STORY_STATE, json.dumps(clusterer.to_state()))
            # Not saved if another run changed the store meanwhile: that run saves a newer one.
            store.save_result(result, stamp, if_current=True)
    result.failures = failures
    result.analysed, result.cached = state.analysed, state.cached
    store.finish_run(run_id, state.analysed, state.cached, state.failed)
    if out is not None and not _exports_current(store, Path(out), stamp):
        state.phase = "write"
        report(state)
        written = [write_json(result, Path(out)), *write_report(result, Path(out))]
        store.set_state(_export_key(Path(out)), _export_stamp(stamp, written))
    state.phase = "done"
    report(state)
    return result


def run_engine(raws: Iterable[RawDocument], settings: Settings) -> Iterator[list[Outcome]]:
    """The per-article stage on the engine the settings name; batches in input order."""
    if settings.engine == "local":
        return run_local(raws, settings)
    if settings.engine == "dask":
        from storyline.engines.dask import run_dask  # Dask is imported only when asked for

        return run_dask(raws, settings)
    raise SettingsError(f"engine must be 'local' or 'dask', got {settings.engine!r}")


STORY_STATE = "story_clusterer"


def _export_key(out: Path) -> str:
    return f"export:{out.resolve()}"


def _export_stamp(corpus_stamp: str, files: list[Path]) -> str:
    """The corpus stamp and each written file's size and modification time."""
    parts = [corpus_stamp]
    for path in sorted(files):
        info = path.stat()
        parts.append(f"{path.name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts)


def _exports_current(store: Store, out: Path, corpus_stamp: str) -> bool:
    """Whether ``out`` still holds exactly what this corpus last wrote there."""
    saved = store.get_state(_export_key(out))
    if saved is None or not saved.startswith(corpus_stamp + "|"):
        return False
    files = [out / part.split(":", 1)[0] for part in saved.split("|")[1:]]
    try:
        return _export_stamp(corpus_stamp, files) == saved
    except OSError:
        return False  # a file was deleted: write them again


def _add_to_stories(store: Store, analyses: list[ArticleAnalysis]) -> StoryClusterer:
    """The store's story clusterer with the articles it has not seen added, oldest first.

    Stories are online: a run adds its new articles to the stories kept in the
    store and never reclusters from scratch (unless the saved state is unusable).
    """
    saved = store.get_state(STORY_STATE)
    clusterer = StoryClusterer()
    if saved is not None:
        try:
            clusterer = StoryClusterer.from_state(json.loads(saved))
        except (ValueError, KeyError, TypeError):
            clusterer = StoryClusterer()  # state from another version: start afresh
    # New articles, and articles whose text changed since (they move if it moved them).
    new = [
        a for a in analyses
        if clusterer.story_of(a.article.id) is None or clusterer.changed(a)
    ]
    for analysis in publication_order(new):
        clusterer.add(analysis)
    return clusterer


def _uncached_batches(
    store: Store,
    items: Iterable[RawDocument | InputFailure],
    settings: Settings,
    state: Progress,
    on_failure: Callable[[InputFailure], None],
) -> Iterator[list[RawDocument]]:
    """Read ahead one chunk at a time and keep only the documents not yet analysed."""
    chunk_size = max(1, settings.batch_size) * max(1, settings.workers) * 2
    it = iter(items)
    seen: set[str] = set()
    while chunk := list(islice(it, chunk_size)):
        docs: list[RawDocument] = []
        for item in chunk:
            if isinstance(item, InputFailure):
                on_failure(item)
            else:
                docs.append(item)
        cached = store.cached_ids([d.fingerprint() for d in docs], PIPELINE_VERSION)
        todo = []
        for doc in docs:
            key = doc.fingerprint()
            if key in cached or key in seen:
                state.cached += 1
                state.done += 1
            else:
                seen.add(key)
                todo.append(doc)
        if todo:
            yield todo


def load(db: str | Path) -> Result:
    """The :class:`Result` held in a store (what its last run exported)."""
    store = open_store(db)
    try:
        return store.load_result()
    finally:
        store.close()


_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def store_path(where: str | Path) -> str:
    """A store given as a database URL, a store file, or the ``--out`` folder holding one."""
    text = str(where)
    if "://" in text or text == ":memory:":
        return text
    path = Path(text)
    if path.is_dir():
        path = path / DB_FILE
    if not path.is_file():
        raise InputNotFoundError(text, "no store here (a storyline.db, its folder, or a URL)")
    return str(path)


def previous_run(where: str | Path) -> Result:
    """The articles of an earlier run, from its ``storyline.json`` (or the folder holding it):
    enough to tell which articles are new since."""
    path = Path(where)
    if path.is_dir():
        path = path / "storyline.json"
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        articles = [
            Article(id=a["id"], source=a.get("source") or "", text="", url=a.get("url"),
                    published=a.get("published"),
                    published_precision=a.get("published_precision"))
            for a in document["articles"]
        ]  # fmt: skip
    except FileNotFoundError:
        raise InputNotFoundError(str(where), "no storyline.json here") from None
    except OSError as exc:
        raise InputUnreadableError(str(where), str(exc)) from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise InputFormatError(str(path), f"not a storyline.json: {exc!r}") from exc
    return Result(articles=articles)


def whats_new_since(where: str | Path, since: str | Path) -> WhatsNew:
    """What the store at ``where`` holds that appeared since ``since``: a day written
    ``YYYY-MM-DD``, or an earlier run (its ``storyline.json`` or its folder)."""
    text = str(since).strip()
    if not _DAY.fullmatch(text) and not Path(text).exists():
        raise InputNotFoundError(
            text, "since what? give a day written YYYY-MM-DD, or an earlier run's "
            "storyline.json or its folder (no such file)",
        )  # fmt: skip
    earlier: str | Result = text if _DAY.fullmatch(text) else previous_run(text)
    return whats_new(load(store_path(where)), earlier)
