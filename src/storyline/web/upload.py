"""Adding articles from the app: pasted text or an uploaded file, through the
same pipeline as ``storyline analyze`` (:func:`storyline.api.analyze_into`).

The upload is written to a fresh temporary folder under a name we make (only
the suffix of the client's file name survives), so nothing the client sends
can name a path. Size is checked against ``max_input_bytes`` before anything
is written.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from storyline.api import analyze_into
from storyline.article.pipeline import PIPELINE_VERSION
from storyline.errors import StorylineError
from storyline.ingest import read_inputs
from storyline.model import InputFailure, RawDocument
from storyline.web.state import AppState

SUFFIXES = frozenset(
    {
        ".txt",
        ".text",
        ".md",
        ".html",
        ".htm",
        ".xhtml",
        ".jsonl",
        ".ndjson",
        ".json",
        ".xml",
        ".rss",
        ".atom",
    }
)
PUBLISHED_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
DATE_RE = re.compile(PUBLISHED_PATTERN)


class UploadError(Exception):
    """An upload refused before analysis, with the HTTP status that says why."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass
class Upload:
    text: str | None = None
    data: bytes | None = None
    filename: str | None = None
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass
class Added:
    id: str
    title: str | None
    outlet: str | None
    stories: list[str]
    new: bool


@dataclass
class UploadOutcome:
    added: list[Added] = field(default_factory=list)
    failures: list[InputFailure] = field(default_factory=list)


def safe_name(filename: str | None, default: str) -> str:
    """``upload`` plus the client's suffix when it is one the readers know."""
    suffix = Path(filename or "").suffix.lower()
    return "upload" + (suffix if suffix in SUFFIXES else default)


def _blank(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def prepare(upload: Upload, limit: int) -> tuple[str, bytes]:
    """The file name and bytes to analyse, or an :class:`UploadError`."""
    text, data = upload.text or None, upload.data  # an empty file is the reader's to refuse
    if text is None and data is None:
        raise UploadError(422, "nothing to add: paste the article text or choose a file")
    if text is not None and data is not None:
        raise UploadError(422, "give either pasted text or a file, not both")
    published = _blank(upload.published)
    if published and not DATE_RE.fullmatch(published):
        raise UploadError(422, f"published must be YYYY-MM-DD, YYYY-MM or YYYY, got {published!r}")
    if data is not None:
        if len(data) > limit:
            raise UploadError(413, f"the file is {len(data)} bytes; the limit is {limit} bytes")
        return safe_name(upload.filename, ".txt"), data
    assert text is not None
    record = {
        "text": text,
        "title": _blank(upload.title),
        "outlet": _blank(upload.outlet),
        "published": published,
        "url": _blank(upload.url),
    }
    line = json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False)
    payload = (line + "\n").encode("utf-8")
    if len(payload) > limit:
        raise UploadError(413, f"the text is {len(payload)} bytes; the limit is {limit} bytes")
    return "pasted.jsonl", payload


def add_upload(state: AppState, upload: Upload) -> UploadOutcome:
    """Analyse the upload into the store; returns the articles it holds and what failed."""
    name, payload = prepare(upload, state.settings.max_input_bytes)
    folder = Path(tempfile.mkdtemp(prefix="storyline-upload-"))
    shown = upload.filename or "pasted text"
    try:
        path = folder / name
        path.write_bytes(payload)
        docs = [d for d in read_inputs([str(path)], state.settings) if isinstance(d, RawDocument)]
        prints = [d.fingerprint() for d in docs]
        with state.upload_lock:
            before = state.store.cached_ids(prints, PIPELINE_VERSION)
            try:
                result = analyze_into(state.store, [str(path)], settings=state.settings)
            except StorylineError as exc:
                raise UploadError(503, f"could not analyse the upload: {exc}") from exc
            after = state.store.cached_ids(prints, PIPELINE_VERSION)
            new_ids = [after[k] for k in prints if k in after and k not in before]
            state.store.set_source(new_ids, f"upload: {shown}")
        state.invalidate()
        index = state.index()
        outcome = UploadOutcome()
        for key in prints:
            article_id = after.get(key)
            if article_id is None or article_id not in index.articles:
                continue
            article = index.articles[article_id]
            outcome.added.append(
                Added(
                    article_id,
                    article.title,
                    article.outlet,
                    list(index.story_of.get(article_id, [])),
                    key not in before,
                )
            )
        outcome.failures = [
            InputFailure(f.source.replace(str(path), shown), f.reason, f.stage)
            for f in result.failures
        ]
        return outcome
    finally:
        shutil.rmtree(folder, ignore_errors=True)
