"""The Python API end to end: caching, adding an article, resuming, workers."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

import storyline
from storyline.export import contract_problems
from storyline.settings import Settings
from tests.fixtures.stories import many_articles, write_corpus

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parent.parent


def _write_jsonl(path: Path, rows: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_analyze_reads_every_form_and_writes_the_contract(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path)
    result = storyline.analyze([corpus], out=tmp_path / "out")
    assert result.failures == []
    by_source = {Path(a.source).name: a for a in result.articles}
    gazette = by_source["gazette.txt"]
    assert gazette.outlet == "Harbour Gazette"
    assert gazette.byline and "Ada Lindqvist" in gazette.byline
    assert gazette.text.startswith("Ferry crews in Port Velmar walked out")
    radio = by_source["radio.txt"]
    assert radio.published == "2031-05-14" and radio.published_precision == "day"
    assert "Read more" not in radio.text
    assert any("Read more" in r.text for r in radio.removed)
    assert "ignored" in radio.text  # cp1252 file decoded, quote kept
    doc = json.loads((tmp_path / "out" / "storyline.json").read_text("utf-8"))
    assert contract_problems(doc) == []
    names = {e["name"] for e in doc["entities"] if e["type"] == "PERSON"}
    assert {"Marta Okafor", "Pieter Haas"} <= names


def test_rerun_recomputes_nothing_and_a_new_article_is_the_only_one_analysed(
    tmp_path: Path,
) -> None:
    corpus = write_corpus(tmp_path)
    out = tmp_path / "out"
    first = storyline.analyze([corpus], out=out)
    assert (first.analysed, first.cached) == (4, 0)
    first_json = (out / "storyline.json").read_text("utf-8")
    second = storyline.analyze([corpus], out=out)
    assert (second.analysed, second.cached) == (0, 4)
    # Nothing changed: the corpus objects come back from the store, identical.
    assert (out / "storyline.json").read_text("utf-8") == first_json
    extra = many_articles(1)[0]
    (corpus / "extra.txt").write_text(extra["text"], encoding="utf-8")
    third = storyline.analyze([corpus], out=out)
    assert (third.analysed, third.cached) == (1, 4)
    assert len(third.articles) == 5


def test_changed_article_is_analysed_again(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path)
    out = tmp_path / "out"
    storyline.analyze([corpus], out=out)
    rows = [json.loads(x) for x in (corpus / "courier.jsonl").read_text().splitlines()]
    rows[0]["text"] += " The harbour office said nothing further."
    _write_jsonl(corpus / "courier.jsonl", rows)
    result = storyline.analyze([corpus], out=out)
    assert (result.analysed, result.cached) == (1, 3)
    art = next(a for a in result.articles if a.id == "coast-courier-0515")
    assert art.text.endswith("said nothing further.")
    assert len(result.articles) == 4


def test_two_workers_give_the_same_export_as_one(tmp_path: Path) -> None:
    source = _write_jsonl(tmp_path / "many.jsonl", many_articles(24))
    settings = Settings(batch_size=4)
    storyline.analyze([source], out=tmp_path / "one", settings=settings)
    storyline.analyze([source], out=tmp_path / "two", settings=settings, workers=2)
    one = (tmp_path / "one" / "storyline.json").read_text("utf-8")
    two = (tmp_path / "two" / "storyline.json").read_text("utf-8")
    assert one == two
    assert len(json.loads(one)["articles"]) == 24


def test_a_killed_run_keeps_its_work_and_the_next_run_finishes_it(tmp_path: Path) -> None:
    total = 400
    source = _write_jsonl(tmp_path / "many.jsonl", many_articles(total))
    out = tmp_path / "out"
    db = out / "storyline.db"
    cmd = [
        sys.executable,
        "-m",
        "storyline",
        "analyze",
        str(source),
        "--out",
        str(out),
        "--batch-size",
        "4",
        "--quiet",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stored = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                stored = sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0
            if stored >= 8:
                break
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    kept = sqlite3.connect(db).execute("select count(*) from articles").fetchone()[0]
    assert 8 <= kept < total
    resumed = storyline.analyze([source], out=out)
    assert resumed.cached == kept
    assert resumed.analysed == total - kept
    fresh = storyline.analyze([source], out=tmp_path / "fresh")
    assert (out / "storyline.json").read_text("utf-8") == (
        tmp_path / "fresh" / "storyline.json"
    ).read_text("utf-8")
    assert fresh.analysed == total


def test_unchanged_rerun_rewrites_nothing_but_restores_a_deleted_output(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path)
    out = tmp_path / "out"
    storyline.analyze([corpus], out=out)
    files = {name: out / name for name in ("storyline.json", "report.html", "briefing.md")}
    before = {name: path.stat().st_mtime_ns for name, path in files.items()}
    again = storyline.analyze([corpus], out=out)
    assert again.analysed == 0
    assert {name: path.stat().st_mtime_ns for name, path in files.items()} == before
    files["report.html"].unlink()
    storyline.analyze([corpus], out=out)
    assert files["report.html"].exists()
    assert "<html" in files["report.html"].read_text("utf-8").lower()


_FERRY = (
    "Ferry crews at Port Kessel walked out on Monday in a dispute over night shifts, the "
    "Kessel Seafarers Union said. Union leader Marta Ilves told reporters the strike at "
    "Port Kessel would go on until the ferry operator Baltline reopened talks. Baltline said "
    "the Port Kessel ferry timetable was suspended and passengers should expect delays."
)
_CUP = (
    "Vellin Rovers beat Ostmark Athletic 3-1 in the regional cup final at Vellin Park on "
    "Saturday. Striker Tomas Reinholt scored twice for Vellin Rovers and coach Edda Brandt "
    "said the cup win was the best day in the club's history. Ostmark Athletic coach Ivo "
    "Kallas said his side would learn from the final."
)


def test_an_article_whose_text_changed_moves_to_the_story_it_now_belongs_to(
    tmp_path: Path,
) -> None:
    rows = [
        {"id": "ferry-1", "published": "2031-05-05", "outlet": "Kessel Post", "text": _FERRY},
        {"id": "ferry-2", "published": "2031-05-05", "outlet": "Harbour Daily",
         "text": _FERRY.replace("Monday", "Monday morning")},
        {"id": "cup-1", "published": "2031-05-04", "outlet": "Vellin Sport", "text": _CUP},
    ]  # fmt: skip
    source = _write_jsonl(tmp_path / "news.jsonl", rows)
    first = storyline.analyze([source], out=tmp_path / "out")
    story = {a: s.id for s in first.stories for a in s.articles}
    assert story["ferry-1"] == story["ferry-2"] != story["cup-1"]
    # The second outlet's page was a wrong paste: corrected, it reports the cup final.
    rows[1]["text"] = _CUP.replace("Saturday", "Saturday afternoon")
    _write_jsonl(source, rows)
    second = storyline.analyze([source], out=tmp_path / "out")
    assert second.analysed == 1
    moved = {a: s.id for s in second.stories for a in s.articles}
    assert moved["ferry-2"] == moved["cup-1"] != moved["ferry-1"]
    assert sorted(a for s in second.stories for a in s.articles) == ["cup-1", "ferry-1", "ferry-2"]
