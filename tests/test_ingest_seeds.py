"""The readers on the real seed articles in ../shared (skipped when that folder is absent).

No seed text is repeated here: the checks are on dates, reasons and shapes only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.ingest import read_inputs
from storyline.model import RawDocument
from storyline.settings import Settings

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seeds"

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/corpus/seeds is absent")


@pytest.fixture(scope="module")
def seeds() -> dict[str, RawDocument]:
    items = list(read_inputs([str(SEEDS)], Settings()))
    assert all(isinstance(i, RawDocument) for i in items), items
    return {Path(i.source).name[:3]: i for i in items if isinstance(i, RawDocument)}


def test_all_five_seeds_are_read(seeds: dict[str, RawDocument]) -> None:
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]
    assert all(d.format == "text" for d in seeds.values())


def test_glued_date_header(seeds: dict[str, RawDocument]) -> None:
    doc = seeds["000"]
    assert (doc.published, doc.published_precision) == ("2025-03", "month")
    assert [r.reason for r in doc.removed] == ["date header (published)"]
    assert not doc.text.lower().startswith(("date", " "))
    assert doc.text[0].isupper()


def test_show_header_and_dateline(seeds: dict[str, RawDocument]) -> None:
    doc = seeds["001"]
    assert (doc.published, doc.published_precision) == ("2025-03-27", "day")
    assert [r.reason for r in doc.removed] == ["show header", "dateline (published)"]
    assert "Updated:" not in doc.text[:200]


@pytest.mark.parametrize("key", ["002", "003"])
def test_seeds_without_header_lines_are_untouched(seeds: dict[str, RawDocument], key: str) -> None:
    doc = seeds[key]
    assert doc.removed == []
    assert (doc.title, doc.outlet, doc.byline, doc.published) == (None, None, None, None)
    original = next(SEEDS.glob(f"{key}_*.txt")).read_text(encoding="utf-8")
    assert doc.text == original.lstrip()


def test_masthead_headline_byline(seeds: dict[str, RawDocument]) -> None:
    doc = seeds["004"]
    assert [r.reason for r in doc.removed] == [
        "masthead (outlet)", "headline (title)", "byline", "empty date label", "empty date label"
    ]
    assert doc.outlet and doc.title and doc.byline
    assert not doc.byline.lower().startswith("by")
    assert "," in doc.byline  # name and role
    assert doc.outlet not in doc.text[:200] and doc.title not in doc.text
    assert doc.published is None
