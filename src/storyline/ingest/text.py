"""Plain-text articles: the body, with the metadata lines at its head lifted out."""

from __future__ import annotations

from storyline.errors import InputFormatError
from storyline.ingest.headers import lift_header
from storyline.model import RawDocument


def read_text(source: str, text: str, format: str = "text") -> RawDocument:
    """One article from decoded text; raises if nothing but metadata is left."""
    body, header = lift_header(text)
    if not body.strip():
        raise InputFormatError(source, "no article text found (only header lines)")
    return RawDocument(
        source=source,
        text=body,
        format=format,
        title=header.title,
        outlet=header.outlet,
        byline=header.byline,
        published=header.published,
        published_precision=header.published_precision,
        removed=header.removed,
    )
