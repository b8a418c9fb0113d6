"""JSON Lines and JSON: one article per object, ``text`` plus optional metadata.

A bad line or item fails on its own (named ``FILE:LINE`` or ``FILE[item N]``);
the others still load.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from storyline.errors import InputFormatError
from storyline.ingest.dates import parse_date
from storyline.model import InputFailure, RawDocument, Removed

# Field names accepted for each metadata field, first match wins.
_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id",),
    "title": ("title", "headline"),
    "outlet": ("outlet", "site_name", "sitename", "publisher"),
    "byline": ("byline", "author", "authors"),
    "url": ("url", "link"),
    "published": ("published", "date", "published_at"),
}


def read_jsonl(source: str, text: str) -> Iterator[RawDocument | InputFailure]:
    """One document per line; blank lines are skipped, bad lines fail alone."""
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputFailure(where, f"invalid JSON: {exc.msg} (column {exc.colno})")
            continue
        try:
            yield from_object(source, where, value, "jsonl")
        except InputFormatError as exc:
            yield InputFailure(exc.source, exc.reason)


def read_json(source: str, text: str) -> Iterator[RawDocument | InputFailure]:
    """A JSON file: an object, a list of objects, or ``{"articles": [...]}``."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFormatError(
            source, f"invalid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from exc
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        value = value["articles"]
    if isinstance(value, dict):
        yield from_object(source, source, value, "json")
        return
    if not isinstance(value, list):
        raise InputFormatError(
            source, f"JSON holds a {type(value).__name__}, expected an object or a list"
        )
    if not value:
        raise InputFormatError(source, "JSON list is empty: no articles")
    for number, item in enumerate(value, start=1):
        try:
            yield from_object(source, f"{source}[item {number}]", item, "json")
        except InputFormatError as exc:
            yield InputFailure(exc.source, exc.reason)


def from_object(source: str, where: str, value: Any, format: str) -> RawDocument:
    """A document from one JSON object; ``where`` names it in errors."""
    if not isinstance(value, dict):
        raise InputFormatError(where, f"expected an object, got {type(value).__name__}")
    body = value.get("text")
    if body is None:
        raise InputFormatError(where, "no 'text' field")
    if not isinstance(body, str):
        raise InputFormatError(where, f"'text' must be a string, got {type(body).__name__}")
    if not body.strip():
        raise InputFormatError(where, "'text' is empty")
    fields = {name: _field(value, keys) for name, keys in _FIELDS.items()}
    doc = RawDocument(
        source=source,
        text=body.replace("\r\n", "\n"),
        format=format,
        id=fields["id"],
        title=fields["title"],
        outlet=fields["outlet"],
        byline=fields["byline"],
        url=fields["url"],
    )
    if fields["published"]:
        date = parse_date(fields["published"])
        if date is not None:
            doc.published, doc.published_precision = date
        else:
            # Keep the article, and say what was not understood.
            doc.removed.append(Removed(f"published: {fields['published']}", "unrecognised date"))
    return doc


def _field(value: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        item = value.get(key)
        if isinstance(item, list):
            item = ", ".join(str(x).strip() for x in item if str(x).strip())
        elif isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, bool) or item is None:
            continue
        text = str(item).strip()
        if text:
            return text
    return None
