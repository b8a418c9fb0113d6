"""HTML pages: main text and metadata by trafilatura."""

from __future__ import annotations

import re

from storyline.errors import InputFormatError
from storyline.ingest.dates import parse_date
from storyline.model import RawDocument

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b",
                         re.IGNORECASE | re.DOTALL)


def looks_like_html(data: bytes) -> bool:
    """True when the first bytes open an HTML document."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    return bool(_HTML_START.match(head)) or (
        b"<body" in head.lower() and head.lstrip()[:1] == b"<"
    )


def read_html(
    source: str, html: str, min_chars: int, format: str = "html", url: str | None = None
) -> RawDocument:
    """One article from an HTML page; raises when the page holds no article text."""
    import trafilatura  # heavy; imported only when a page is read

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    title = _clean(getattr(doc, "title", None))
    if title and text.startswith(title):
        # trafilatura repeats the <h1> as the first line of the text.
        text = text[len(title) :].lstrip()
    if len(text) < min_chars:
        raise InputFormatError(source, "no article text found")
    published = parse_date(getattr(doc, "date", None) or "")
    return RawDocument(
        source=source,
        text=text,
        format=format,
        title=title,
        outlet=_clean(getattr(doc, "sitename", None)),
        byline=_clean(getattr(doc, "author", None)),
        url=_clean(getattr(doc, "url", None)) or url,
        published=published[0] if published else None,
        published_precision=published[1] if published else None,
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
