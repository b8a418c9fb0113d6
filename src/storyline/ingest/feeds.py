"""RSS and Atom feeds (files or URLs): one document per entry, via feedparser."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html import unescape
from html.parser import HTMLParser
from typing import Any

from storyline.errors import InputFormatError
from storyline.ingest.dates import from_struct, parse_date
from storyline.model import InputFailure, RawDocument

_FEED_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*<(?:rss|feed|rdf:RDF)\b",
    re.IGNORECASE | re.DOTALL,
)
_BLOCKS = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
     "section", "article", "tr", "table", "pre", "figure", "figcaption", "header", "footer"}
)
_SKIP = frozenset({"script", "style", "noscript"})


def looks_like_feed(data: bytes) -> bool:
    """True when the first bytes open an RSS, Atom or RDF document."""
    return bool(_FEED_START.match(data[:4096].lstrip(b"\xef\xbb\xbf")))


class _TextOnly(HTMLParser):
    """Collects text, with a paragraph break at block elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def strip_html(markup: str) -> str:
    """Plain text of an HTML fragment: tags out, entities decoded, paragraphs kept."""
    if "<" not in markup:
        return unescape(markup).strip()
    parser = _TextOnly()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


def read_feed(source: str, data: bytes) -> Iterator[RawDocument | InputFailure]:
    """One document per entry; a feed that cannot be parsed at all raises."""
    import feedparser  # imported only when a feed is read

    parsed = feedparser.parse(data)
    entries: list[Any] = list(parsed.get("entries", []))
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise InputFormatError(source, f"malformed feed XML: {problem}")
        raise InputFormatError(source, "feed has no entries")
    if not parsed.get("version"):
        # feedparser reads items out of any XML; only a recognised feed counts.
        raise InputFormatError(source, "not an RSS or Atom feed")
    feed = parsed.get("feed", {})
    outlet = outlet_name(_text(feed.get("title")))
    for number, entry in enumerate(entries, start=1):
        try:
            yield _entry(source, number, entry, outlet)
        except InputFormatError as exc:
            yield InputFailure(exc.source, exc.reason)


# "Freight Ledger – Ports & Shipping", "Daily Tribune | World", "Coast Post: Latest":
# a feed is titled by its outlet and then its section.
_SECTION = re.compile(r"\s+(?:[–—|>:»]|-{1,2})\s+|:\s+")


def outlet_name(feed_title: str | None) -> str | None:
    """The outlet a feed's title names, without the section after it."""
    if not feed_title:
        return feed_title
    head = _SECTION.split(feed_title, maxsplit=1)[0].strip()
    return head if len(head) >= 2 else feed_title


def _entry(source: str, number: int, entry: Any, outlet: str | None) -> RawDocument:
    title = _text(entry.get("title"))
    body = ""
    for content in entry.get("content", []) or []:
        body = strip_html(content.get("value", ""))
        if body:
            break
    if not body:
        body = strip_html(entry.get("summary", "") or "")
    if not body:
        name = f"entry {number}" + (f" ({title!r})" if title else "")
        raise InputFormatError(source, f"{name}: no article text found")
    published = (
        from_struct(entry.get("published_parsed"))
        or from_struct(entry.get("updated_parsed"))
        or parse_date(entry.get("published", "") or entry.get("updated", "") or "")
    )
    return RawDocument(
        source=source,
        text=body,
        format="feed",
        title=title,
        outlet=outlet,
        byline=_author(entry),
        url=_text(entry.get("link")),
        published=published[0] if published else None,
        published_precision=published[1] if published else None,
    )


def _author(entry: Any) -> str | None:
    single = _text(entry.get("author"))
    if single and "@" in single:
        # RSS writes "editor@example.org (Jane Doe)"; feedparser's own split of that
        # form cuts the name in the wrong place, so parse the raw string here.
        m = re.match(r"^\S+@\S+\s*\((.+)\)$", single)
        return m.group(1).strip() if m else single
    names = [_text(a.get("name")) for a in entry.get("authors", []) or []]
    found = [n for n in names if n] or ([single] if single else [])
    return ", ".join(dict.fromkeys(found)) or None


def _text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(strip_html(value).split()) if "<" in value else " ".join(value.split())
    return value or None
