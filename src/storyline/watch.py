"""The watcher: poll feeds and folders, add only new articles, update the stories.

Each poll hands :func:`storyline.api.analyze_into` only what may hold something
new: every feed or article URL (the store's fingerprint cache drops the entries
it already holds) and, in folders, only the files that appeared or changed since
the last poll (by modification time and size). When new articles came in, the
cross-article stage runs again, so the stories they belong to are updated; the
poll reports which stories changed. A source that fails is reported and polled
again next time; the others go on. A poll that fails as a whole (the store is
unreachable, say) is reported too, and the next poll tries again.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from storyline.api import analyze_into
from storyline.errors import InputError, StorylineError
from storyline.ingest.decode import walk
from storyline.ingest.urls import is_url
from storyline.model import InputFailure, Story
from storyline.settings import Settings
from storyline.store import Store, open_store

Signature = tuple[int, int]  # (mtime_ns, size) of a file

_UNITS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
_EVERY = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)


def parse_every(text: str) -> float:
    """Seconds in ``30s``, ``10m``, ``1h``, ``1d`` or a bare number of seconds."""
    m = _EVERY.match(text)
    if not m or float(m.group(1)) <= 0:
        raise ValueError(f"not a poll interval: {text!r} (use e.g. 30s, 10m, 1h)")
    return float(m.group(1)) * _UNITS[m.group(2).lower()]


@dataclass
class Poll:
    """What one poll found."""

    number: int
    started: str  # ISO time, UTC
    inputs: list[str] = field(default_factory=list)  # what was read: URLs, new or changed files
    analysed: int = 0  # new articles added to the store
    cached: int = 0  # articles read again that the store already held
    articles: int = 0  # articles in the store after the poll
    failures: list[InputFailure] = field(default_factory=list)
    stories_changed: list[str] = field(default_factory=list)  # new stories or new articles
    error: str | None = None  # the poll failed as a whole; the next one tries again


class Watcher:
    """Polls ``sources`` (feed or article URLs, folders, files) into ``store``."""

    def __init__(
        self,
        sources: Sequence[str | Path],
        store: Store,
        *,
        settings: Settings | None = None,
        out: str | Path | None = None,
    ) -> None:
        self.sources = [str(s) for s in sources]
        self.store = store
        self.settings = settings or Settings()
        self.out = out
        self.polls = 0
        self._seen: dict[str, Signature] = {}
        self._stories: dict[str, tuple[str, ...]] | None = None

    def poll(self) -> Poll:
        """Read what may be new, add it, rerun the corpus stage if anything came in."""
        self.polls += 1
        report = Poll(self.polls, datetime.now(UTC).isoformat(timespec="seconds"))
        try:
            if self._stories is None:  # the stories the store held before the first poll
                held = self.store.load_result().stories if self.store.article_count() else []
                self._stories = _story_map(held)
            inputs, pending, failures = self._changes()
            report.inputs, report.failures = inputs, failures
            if inputs:
                result = analyze_into(self.store, inputs, out=self.out, settings=self.settings)
                report.analysed, report.cached = result.analysed, result.cached
                report.failures.extend(result.failures)
                stories = _story_map(result.stories)
                report.stories_changed = [
                    sid for sid, arts in stories.items() if self._stories.get(sid) != arts
                ]
                self._stories = stories
                self._seen.update(pending)  # only once the files' articles are stored
            report.articles = self.store.article_count()
        except StorylineError as exc:
            report.error = str(exc)
        return report

    def _changes(self) -> tuple[list[str], dict[str, Signature], list[InputFailure]]:
        """Inputs to read this poll, the file signatures they carry, and failures."""
        inputs: list[str] = []
        pending: dict[str, Signature] = {}
        failures: list[InputFailure] = []
        for source in self.sources:
            if is_url(source):
                inputs.append(source)  # a feed cannot tell; the cache drops what is known
                continue
            path = Path(source)
            try:
                is_dir = path.is_dir()
            except OSError:
                is_dir = False
            files = walk(path) if is_dir else [path]
            for item in files:
                if isinstance(item, InputError):
                    failures.append(InputFailure(item.source, item.reason))
                    continue
                try:
                    info = item.stat()
                except OSError:
                    # Missing or unreadable: the readers say why, in their words.
                    inputs.append(str(item))
                    continue
                signature = (info.st_mtime_ns, info.st_size)
                if self._seen.get(str(item)) != signature:
                    inputs.append(str(item))
                    pending[str(item)] = signature
        return inputs, pending, failures


def watch(
    sources: Sequence[str | Path],
    *,
    db: str | Path,
    every: float,
    out: str | Path | None = None,
    settings: Settings | None = None,
    polls: int | None = None,
    on_poll: Callable[[Poll], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Poll]:
    """Poll ``sources`` every ``every`` seconds into the store at ``db``.

    Runs ``polls`` times (forever when None); ``on_poll`` sees each poll as it
    ends. Returns the polls (kept only when ``polls`` is given).
    """
    store = open_store(db)
    done: list[Poll] = []
    try:
        watcher = Watcher(sources, store, settings=settings, out=out)
        while polls is None or watcher.polls < polls:
            started = time.monotonic()
            report = watcher.poll()
            if polls is not None:
                done.append(report)
            if on_poll is not None:
                on_poll(report)
            if polls is None or watcher.polls < polls:
                sleep(max(0.0, every - (time.monotonic() - started)))
    finally:
        store.close()
    return done


def _story_map(stories: Sequence[Story]) -> dict[str, tuple[str, ...]]:
    return {s.id: tuple(s.articles) for s in stories}
