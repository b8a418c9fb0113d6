"""The within-article pieces the entities stage builds: name candidates and people."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class NameCand:
    """A span that may name an entity, as the stage corrects and classifies it."""

    start: int
    end: int
    label: str
    kind: str = "name"
    honorific: str = ""  # lower case, when the span starts with one
    name: str = ""  # persons: the name without honorific; others: display name
    roles: list[str] = field(default_factory=list)
    ref: str | None = None
    canonical: str | None = None
    group: object = None  # within-article referent key
    priority: int = 0


@dataclass
class PersonRef:
    """One within-article referent of kind person."""

    key: object
    names: list[str] = field(default_factory=list)
    first: str = ""
    surname: str = ""
    gender: str = ""
    positions: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


def nearest(refs: list[PersonRef], pos: int) -> PersonRef:
    """The referent mentioned last before ``pos``, else the first one after it."""
    if len(refs) == 1:
        return refs[0]
    before = [
        (max(p for p in r.positions if p < pos), r)
        for r in refs
        if any(p < pos for p in r.positions)
    ]
    if before:
        return max(before, key=lambda x: x[0])[1]
    return min(refs, key=lambda r: min(r.positions))
