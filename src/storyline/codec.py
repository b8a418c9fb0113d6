"""Turning data objects into plain JSON-able dicts and back.

The store keeps per-article analyses as JSON; the engines send them between
processes. ``from_dict`` rebuilds nested dataclasses from their type hints, so a
field added to a model class with a default needs no change here.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, TypeVar, Union

T = TypeVar("T")


def to_dict(obj: Any) -> Any:
    """A dataclass (or list/dict of them) as plain Python data."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, list | tuple):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


def from_dict(cls: type[T], data: Any) -> T:
    """Rebuild ``cls`` from :func:`to_dict` output; unknown keys are ignored."""
    return typing.cast(T, _build(cls, data))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _build(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        names = {f.name for f in dataclasses.fields(tp) if f.init}
        kwargs = {k: _build(hints[k], v) for k, v in data.items() if k in names}
        return tp(**kwargs)
    origin = typing.get_origin(tp)
    if origin in (list, tuple):
        (inner, *_) = typing.get_args(tp) or (Any,)
        return [_build(inner, x) for x in data]
    if origin is dict:
        _, inner = typing.get_args(tp) or (Any, Any)
        return {k: _build(inner, v) for k, v in data.items()}
    if origin in (Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(options) == 1:
            return _build(options[0], data)
    return data
