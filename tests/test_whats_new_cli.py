"""`storyline whats-new`: what a store holds since a day or an earlier run (invented story)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline import api
from storyline.article.pipeline import PIPELINE_VERSION
from storyline.cli import cli
from storyline.export import write_json
from storyline.model import Result
from storyline.store import open_store
from tests.test_briefing import build


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """An --out folder whose store holds the invented flood-barrier story."""
    result, analyses = build()
    folder = tmp_path / "run"
    folder.mkdir()
    store = open_store(folder / api.DB_FILE)
    try:
        store.save_analyses(analyses, PIPELINE_VERSION)
        store.save_result(result)
    finally:
        store.close()
    write_json(result, folder)
    return folder


def test_since_a_day_in_markdown(out: Path) -> None:
    run = CliRunner().invoke(cli, ["whats-new", str(out), "--since", "2024-05-04"])
    assert run.exit_code == 0, run.output
    text = run.output
    assert text.startswith("# What's new since 2024-05-04")
    assert "_2 new articles_" in text
    assert "## New events" in text and "ev-agree" in text
    assert "## Events reported again" in text and "ev-held" in text
    assert "**Omar Reyes**: “This money means the barrier will be ready" in text
    assert "(new; Corvan Herald; articles `a5`)" in text
    assert "homes evacuated" not in text  # no new article gave that figure


def test_json_carries_every_item_with_its_offsets(out: Path) -> None:
    run = CliRunner().invoke(cli, ["whats-new", str(out / "storyline.db"), "--since",
                                   "2024-05-03", "--json"])  # fmt: skip
    assert run.exit_code == 0, run.output
    news = json.loads(run.output)
    texts = {a["id"]: a["text"] for a in json.loads((out / "storyline.json").read_text())[
        "articles"]}  # fmt: skip
    assert sorted(news["articles"]) == ["a2", "a3", "a4", "a5", "a6"]
    groups = {q["group"]: q for q in news["quotes"]}
    assert groups["g-mayor"]["earlier"] == 1 and not groups["g-mayor"]["new_statement"]
    for q in [q for g in news["quotes"] for q in g["quotes"]]:
        assert texts[q["article"]][q["start"] : q["end"]] == q["text"]
    homes = {f["group"]: f for f in news["figures"]}["fg-homes"]
    assert homes["changed"] and homes["earlier_values"] == [300]
    for f in homes["figures"] + homes["before"]:
        assert texts[f["article"]][f["start"] : f["end"]] == f["text"]


def test_since_an_earlier_run(out: Path, tmp_path: Path) -> None:
    full, _ = build()
    earlier = Result(articles=[a for a in full.articles if a.id in ("a1", "a2", "a3")])
    write_json(earlier, tmp_path / "earlier")
    news = api.whats_new_since(out, tmp_path / "earlier")
    assert news.since == "previous run"
    assert sorted(news.articles) == ["a4", "a5", "a6"]
    run = CliRunner().invoke(cli, ["whats-new", str(out), "--since",
                                   str(tmp_path / "earlier" / "storyline.json")])  # fmt: skip
    assert run.exit_code == 0 and "_3 new articles_" in run.output


def test_nothing_new_says_so(out: Path) -> None:
    run = CliRunner().invoke(cli, ["whats-new", str(out), "--since", "2030-01-01"])
    assert run.exit_code == 0
    assert "_0 new articles_" in run.output and "Nothing new." in run.output


@pytest.mark.parametrize(
    ("store", "since", "message"),
    [
        ("missing-folder", "2024-05-03", "missing-folder: no store here"),
        ("OUT", "next week", "next week: since what? give a day written YYYY-MM-DD"),
        ("OUT", "2024-02-30", "'2024-02-30': 'since' is not a real day"),
        ("OUT", "NOTJSON", "not a storyline.json"),
    ],
)
def test_bad_arguments_are_one_clear_line(
    out: Path, tmp_path: Path, store: str, since: str, message: str
) -> None:
    bad = tmp_path / "notes.json"
    bad.write_text('{"stories": []}', encoding="utf-8")
    store = str(out) if store == "OUT" else str(tmp_path / store)
    since = str(bad) if since == "NOTJSON" else since
    run = CliRunner().invoke(cli, ["whats-new", store, "--since", since])
    assert run.exit_code == 2
    assert run.output.startswith("error: ") and message in run.output
    assert "Traceback" not in run.output
