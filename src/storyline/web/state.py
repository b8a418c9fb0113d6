"""What the app holds between requests: the store, the settings, and the
corpus index built from the store's last Result (rebuilt when the store changes)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from sqlalchemy import func, select

from storyline.report.views import CorpusIndex
from storyline.settings import Settings
from storyline.store import Store
from storyline.store import schema as tables


@dataclass
class AppState:
    store: Store
    settings: Settings
    # One analysis at a time: the corpus stage rewrites every corpus object.
    upload_lock: threading.Lock = field(default_factory=threading.Lock)
    _index_lock: threading.Lock = field(default_factory=threading.Lock)
    _index: CorpusIndex | None = None
    _key: tuple[object, ...] | None = None

    def version(self) -> tuple[object, ...]:
        """Changes whenever a run (ours or a ``storyline analyze`` beside us) ends."""
        with self.store.engine.connect() as conn:
            runs = conn.execute(
                select(func.count(), func.max(tables.runs.c.finished_at)).select_from(tables.runs)
            ).one()
            articles = conn.scalar(select(func.count()).select_from(tables.articles))
        return (runs[0], runs[1], articles)

    def index(self) -> CorpusIndex:
        key = self.version()
        with self._index_lock:
            if self._index is None or key != self._key:
                self._index = CorpusIndex(self.store.load_result())
                self._key = key
            return self._index

    def invalidate(self) -> None:
        with self._index_lock:
            self._index = None
