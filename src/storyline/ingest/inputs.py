"""The entry point of the ingest stage: any mix of files, folders and URLs in,
documents and failures out, in a stable order, never raising for a bad input."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path

from storyline.errors import InputError, InputFormatError
from storyline.ingest.decode import binary_kind, check_text, decode_text, read_bytes, walk
from storyline.ingest.feeds import looks_like_feed, read_feed
from storyline.ingest.html import looks_like_html, read_html
from storyline.ingest.jsonl import read_json, read_jsonl
from storyline.ingest.text import read_text
from storyline.ingest.urls import Fetched, fetch, is_url
from storyline.model import InputFailure, RawDocument
from storyline.settings import Settings

Item = RawDocument | InputFailure

JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson", ".jsonlines"})
JSON_SUFFIXES = frozenset({".json"})
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json"}
)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
JSON_TYPES = frozenset({"application/json"})
JSONL_TYPES = frozenset({"application/x-ndjson", "application/jsonl", "application/x-jsonlines"})


def read_inputs(inputs: Sequence[str], settings: Settings) -> Iterator[Item]:
    """Every article in ``inputs`` as a :class:`RawDocument`, every failure as an
    :class:`InputFailure`; one bad input never stops the others."""
    if isinstance(inputs, str):
        inputs = [inputs]  # one path given bare would otherwise be read letter by letter
    for value in inputs:
        if is_url(value):
            yield from _guard(value, partial(_read_url, value, settings))
            continue
        path = Path(value)
        try:
            is_dir = path.is_dir()
        except OSError as exc:
            yield InputFailure(value, f"cannot stat: {exc.strerror or exc}")
            continue
        if not is_dir:
            yield from _guard(value, partial(read_file, path, settings))
            continue
        found = walk(path)
        if not found:
            yield InputFailure(value, "folder holds no files")
        for item in found:
            if isinstance(item, InputError):
                yield InputFailure(item.source, item.reason)
            else:
                yield from _guard(str(item), partial(read_file, item, settings))


def _guard(source: str, read: Callable[[], Iterable[Item]]) -> Iterator[Item]:
    """Run one reader; turn what it raises into a failure for that input."""
    try:
        yield from read()
    except InputError as exc:
        yield InputFailure(exc.source, exc.reason)
    except Exception as exc:  # a library choking on odd input must not end the run
        yield InputFailure(source, f"unexpected error: {type(exc).__name__}: {exc}")


def read_file(path: Path, settings: Settings) -> Iterator[Item]:
    """The documents in one file, by extension first, then by content."""
    source = str(path)
    data = read_bytes(path, settings.max_input_bytes, source)
    text = check_text(source, data)  # binary and blank files fail the same way for all
    kind = file_format(path.suffix.lower(), data, text)
    if kind == "feed":
        yield from read_feed(source, data)  # bytes: feedparser honours the XML encoding
    elif kind == "html":
        yield read_html(source, text, settings.min_article_chars)
    elif kind == "jsonl":
        yield from read_jsonl(source, text)
    elif kind == "json":
        yield from read_json(source, text)
    else:
        yield read_text(source, text)


def file_format(suffix: str, data: bytes, text: str) -> str:
    """``feed``, ``html``, ``jsonl``, ``json`` or ``text`` for one file."""
    for suffixes, kind in (
        (FEED_SUFFIXES, "feed"),
        (HTML_SUFFIXES, "html"),
        (JSONL_SUFFIXES, "jsonl"),
        (JSON_SUFFIXES, "json"),
    ):
        if suffix in suffixes:
            return kind
    if looks_like_feed(data):
        return "feed"
    if looks_like_html(data):
        return "html"
    if suffix not in TEXT_SUFFIXES:
        return _sniff_json(text) or "text"
    return "text"


def _sniff_json(text: str) -> str | None:
    """``"json"`` or ``"jsonl"`` when an unknown file is clearly one of them."""
    stripped = text.lstrip()
    if not stripped.startswith(("{", "[")):
        return None
    try:
        json.loads(stripped)
        return "json"
    except json.JSONDecodeError:
        pass
    first = stripped.split("\n", 1)[0]
    try:
        return "jsonl" if isinstance(json.loads(first), dict) else None
    except json.JSONDecodeError:
        return None


def _read_url(url: str, settings: Settings) -> Iterator[Item]:
    fetched = fetch(url, settings.fetch_timeout, settings.max_input_bytes)
    data = fetched.data
    if not data.strip():
        raise InputFormatError(url, "empty response")
    kind = binary_kind(data)
    if kind is not None:
        raise InputFormatError(url, f"binary content ({kind}), not an article")
    media = fetched.content_type
    if media in FEED_TYPES or looks_like_feed(data):  # servers often call feeds text/xml
        yield from read_feed(url, data)
        return
    text = _decode(fetched)
    if media in HTML_TYPES or looks_like_html(data):
        doc = read_html(url, text, settings.min_article_chars, format="url", url=fetched.url)
    elif media in JSON_TYPES:
        yield from read_json(url, text)
        return
    elif media in JSONL_TYPES:
        yield from read_jsonl(url, text)
        return
    else:
        doc = read_text(url, text, format="url")
        doc.url = fetched.url
    doc.url = doc.url or fetched.url
    yield doc


def _decode(fetched: Fetched) -> str:
    """The server's charset when it names one that works, else the file rules."""
    if fetched.charset:
        try:
            return fetched.data.decode(fetched.charset).replace("\r\n", "\n")
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_text(fetched.data)


__all__ = ["file_format", "read_file", "read_inputs"]
