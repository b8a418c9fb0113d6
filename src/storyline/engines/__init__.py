"""Engines run the per-article stage (a local process pool, the default, or Dask)
and map the cross-article work that splits by story over the same workers.

:func:`open_engine` gives one run's :class:`EngineSession`; it starts workers only
when there is work for them and stops them at the end of the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from storyline.engines.local import LocalSession, Outcome
from storyline.errors import SettingsError
from storyline.model import RawDocument
from storyline.settings import Settings


class EngineSession(Protocol):
    def analyse(self, raws: Iterable[RawDocument]) -> Iterator[list[Outcome]]:
        """The per-article stage over ``raws``: one list of outcomes per batch, in order."""
        ...

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> Sequence[Any]:
        """``fn`` over ``items`` (module-level, picklable), results in item order."""
        ...


@contextmanager
def open_engine(settings: Settings) -> Iterator[EngineSession]:
    """The engine the settings name, for one run."""
    if settings.engine == "local":
        yield LocalSession(settings)
    elif settings.engine == "dask":
        from storyline.engines.dask import DaskSession  # Dask is imported only when asked for

        with DaskSession(settings) as session:
            yield session
    else:
        raise SettingsError(f"engine must be 'local' or 'dask', got {settings.engine!r}")
