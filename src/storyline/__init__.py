"""storyline: turn a pile of news coverage into a sourced account of a story.

Public API::

    import storyline
    result = storyline.analyze(["examples/"], out="out")
    result = storyline.load("out/storyline.db")
    news = storyline.whats_new_since("out", "2025-03-26")  # or an earlier run's folder
"""

from __future__ import annotations

from typing import Any

__all__ = ["SETTINGS", "Result", "Settings", "analyze", "analyze_into", "load", "whats_new_since"]
__version__ = "0.1.0"

_LAZY = {
    "analyze": "storyline.api",
    "analyze_into": "storyline.api",
    "load": "storyline.api",
    "whats_new_since": "storyline.api",
    "Result": "storyline.model",
    "Settings": "storyline.settings",
    "SETTINGS": "storyline.settings",
}


def __getattr__(name: str) -> Any:
    # Lazy so that `import storyline.model` stays light (no store, no engines).
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
