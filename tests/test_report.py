"""report.html, briefing.md and the view models behind them."""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from pathlib import Path

import pytest
from markupsafe import escape

import storyline
from storyline.model import Article, Result
from storyline.report import write_report
from storyline.report.html import render_report, static_text
from storyline.report.markdown import md, render_briefing
from storyline.report.svg import figure_svg, outlet_colours, timeline_svg
from storyline.report.textmarks import Mark, render_text
from storyline.report.views import CORPUS_STORY_ID, CorpusIndex, format_value, point_text
from tests.test_report_data import HOSTILE, build_result
from tests.test_web_support import HOSTILE_SCRIPT, write_dam_corpus

EXTERNAL = re.compile(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def assert_self_contained(html: str) -> None:
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)
    assert not re.search(r"<link\b", html, re.I)
    assert "@import" not in html and "url(" not in html


def assert_inert(html: str, *, shown: bool = True) -> None:
    """Hostile text shows as text (when the page shows it at all): no live script
    of its own, no javascript: link."""
    assert HOSTILE_SCRIPT not in html
    if shown:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert not re.search(r"""(?:href|src|action)\s*=\s*["']?\s*javascript:""", html, re.I)
    assert not re.search(r"<img\b", html, re.I)
    # Exactly one script element: our own.
    assert len(re.findall(r"<script\b", html, re.I)) == 1


@pytest.fixture(scope="module")
def result() -> Result:
    return build_result()


@pytest.fixture(scope="module")
def index(result: Result) -> CorpusIndex:
    return CorpusIndex(result)


# -- view models --------------------------------------------------------------
def test_stories_newest_first_with_counts(index: CorpusIndex) -> None:
    summaries = index.summaries()
    assert [s.id for s in summaries] == ["st-hostile", "st-bridge"]
    bridge = summaries[1]
    assert (bridge.articles, bridge.outlets, bridge.quotes, bridge.events) == (4, 3, 3, 3)
    assert (bridge.first, bridge.last) == ("2031-03-03", "2031-03-08")


def test_one_statement_counts_every_outlet_and_where_it_was_first_seen(index: CorpusIndex) -> None:
    view = index.story_view("st-bridge")
    assert view is not None
    brandt = next(s for s in view.speakers if s.name == "Ilse Brandt")
    assert brandt.roles == ["Mayor of Orsa"]
    (safe,) = brandt.quotes
    assert safe.outlets == ["Orsa Herald", "Valley Wire", "Northbank Post"]
    assert safe.first_seen.article.id == "herald-0301"  # same day as the wire; arrived first
    assert len(safe.copies) == 3
    reyl = next(s for s in view.speakers if s.name == "Tomas Reyl")
    assert [q.text for q in reyl.quotes][0] == "wider than anything we have seen"


def test_figure_groups_call_out_disagreements_and_developments(index: CorpusIndex) -> None:
    view = index.story_view("st-bridge")
    assert view is not None
    drivers = next(g for g in view.figures if g.measure == "drivers using the bridge daily")
    kinds = [n.kind for n in drivers.notes]
    assert kinds == ["disagreement", "development"]
    assert "about 12,000 (Orsa Herald); around 15,000 (Valley Wire)" in drivers.notes[0].text
    assert drivers.notes[1].text.startswith("rose from 12,000–15,000")
    budget = next(g for g in view.figures if g.measure == "repair budget")
    assert [n.kind for n in budget.notes] == ["disagreement"]


def test_timeline_marks_planned_events_and_who_announced_them(index: CorpusIndex) -> None:
    view = index.story_view("st-bridge")
    assert view is not None
    by_id = {e.id: e for e in view.timeline.events}
    assert [e.id for e in view.timeline.events] == ["ev-close", "ev-meeting", "ev-reopen"]
    assert by_id["ev-reopen"].status == "planned"
    assert by_id["ev-meeting"].status == "held"
    assert by_id["ev-meeting"].announced_by == ["Orsa Herald"]
    assert by_id["ev-close"].outlets == ["Orsa Herald", "Valley Wire"]


def test_sources_table_exclusives_copies_and_data_quality(index: CorpusIndex) -> None:
    view = index.story_view("st-bridge")
    assert view is not None
    rows = {r.outlet: r for r in view.sources.rows}
    assert (rows["Orsa Herald"].articles, rows["Orsa Herald"].quotes) == (2, 2)
    assert rows["Valley Wire"].figures == 1 and rows["Northbank Post"].events == 1
    only = {(x.outlet, x.kind) for x in view.sources.exclusives}
    assert ("Orsa Herald", "quote") in only and ("Orsa Herald", "event") in only
    assert [c.kind for c in view.sources.copies] == ["syndicated"]
    copy = view.sources.copies[0]
    assert [a.outlet for a in copy.articles] == ["Valley Wire", "Northbank Post"]
    assert copy.original is not None and copy.original.id == "wire-0301" and copy.wire == "VW"
    quality = {q.article.id: q for q in view.quality}
    assert [r.reason for r in quality["herald-0301"].removed] == ["caption", "read-more"]
    (damage,) = quality["herald-0308"].damage
    assert damage.text == "between and the" and damage.before.endswith("The bridge ")


def test_without_stories_the_corpus_is_one_story(result: Result) -> None:
    bare = Result(articles=result.articles[:4], quotes=result.quotes[:3])
    index = CorpusIndex(bare)
    (summary,) = index.summaries()
    assert summary.id == CORPUS_STORY_ID and summary.is_corpus and summary.articles == 4
    view = index.story_view(CORPUS_STORY_ID)
    assert view is not None and view.quote_count == 1 and view.briefing == []


def test_unnamed_outlets_are_counted_apart_and_said_to_be_unnamed(result: Result) -> None:
    named = CorpusIndex(result).story_view("st-bridge")
    assert named is not None and named.outlets_phrase == "3 outlets"
    articles = [
        Article(id=f"w{n}", source="/feeds/wire.jsonl", text=f"Ferry report number {n}.")
        for n in range(3)
    ]
    view = CorpusIndex(Result(articles=articles)).story_view(CORPUS_STORY_ID)
    assert view is not None and view.outlets_phrase == "3 unnamed outlets"
    assert "unnamed outlet (wire.jsonl, w1)" in view.outlets
    mixed = Result(articles=[*articles[:1], *result.articles[:1]])
    view = CorpusIndex(mixed).story_view(CORPUS_STORY_ID)
    assert view is not None and view.outlets_phrase == "2 outlets (1 unnamed)"


def test_ungrouped_figures_are_shown_together_by_measure_and_unit(result: Result) -> None:
    figures = [f for f in result.figures]
    for f in figures:
        f.group = f.id  # what the pipeline gives before figure grouping lands
    index = CorpusIndex(Result(articles=result.articles, figures=figures))
    assert sorted(len(v) for v in index.figure_groups.values()) == [2, 3]


def test_figures_read_as_reported() -> None:
    view = CorpusIndex(build_result()).story_view("st-bridge")
    assert view is not None
    drivers = next(g for g in view.figures if g.measure == "drivers using the bridge daily")
    point = drivers.points[0]
    assert point_text(point) == "about 12,000"
    point.high, point.unit, point.qualifier = 14000, "drivers", None
    assert point_text(point) == "12,000–14,000 drivers"


def test_format_value() -> None:
    assert format_value(2.26e9, "GBP") == "2.26 billion GBP"
    assert format_value(24) == "24"
    assert format_value(12000) == "12,000"
    assert format_value(2.5, "%") == "2.5 %"


# -- text, charts ---------------------------------------------------------------
def test_overlapping_spans_become_flat_segments_with_every_kind() -> None:
    text = "Ann Lee said <b>hi</b> today."
    marks = [Mark(0, 7, "entity", "PERSON"), Mark(4, 22, "quote", "q"), Mark(23, 28, "date")]
    html = str(render_text(text, marks, anchor="a1", hit=(4, 12)))
    assert '<span id="a1-0" class="m k-entity" data-s="0" data-e="4"' in html
    assert 'class="m k-quote k-entity hit" data-s="4" data-e="7"' in html
    assert "&lt;b&gt;hi&lt;/b&gt;" in html and "<b>" not in html
    assert 'id="a1-23"' in html
    # Dropping the markup gives back the text exactly.
    plain = re.sub(r"<[^>]+>", "", html).replace("&lt;", "<").replace("&gt;", ">")
    assert plain == text


def test_spans_outside_the_text_are_ignored() -> None:
    html = str(render_text("short", [Mark(3, 99, "quote"), Mark(-1, 2, "date")], anchor="x"))
    assert html == "short"


def test_timeline_svg_places_events_and_escapes_titles(index: CorpusIndex) -> None:
    view = index.story_view("st-bridge")
    assert view is not None
    view.timeline.events[0].title = HOSTILE
    svg = str(timeline_svg(view.timeline, "s1"))
    assert svg.count("<circle") == 3
    assert svg.count('class="ev planned"') == 1
    assert HOSTILE not in svg and "&lt;script&gt;" in svg
    assert 'href="#ev-s1-3"' in svg


def test_figure_svg_draws_one_line_per_outlet_with_several_points(index: CorpusIndex) -> None:
    view = index.story_view("st-bridge")
    assert view is not None
    drivers = next(g for g in view.figures if g.measure == "drivers using the bridge daily")
    svg = str(figure_svg(drivers, outlet_colours(view.outlets)))
    assert svg.count("<polyline") == 1  # Orsa Herald: 12,000 then 18,000
    assert svg.count("<circle") == 3
    assert "20,000" in svg  # the axis reaches past the largest value


# -- the report ----------------------------------------------------------------
def test_report_has_every_section_and_is_self_contained(result: Result) -> None:
    html = render_report(result)
    assert_self_contained(html)
    for heading in (
        "Briefing",
        "Timeline",
        "Quotes by speaker",
        "Figures",
        "People, organisations and countries",
        "Sources",
        "Data quality",
        "Articles",
    ):
        assert f">{heading}</h" in html
    assert html.count('<details class="article"') == 5
    assert "<svg" in html


def test_report_citations_point_at_anchors_in_the_embedded_articles(result: Result) -> None:
    html = render_report(result)
    targets = re.findall(r'class="cite" href="#(art-\d+-\d+)"', html)
    assert targets
    ids = set(re.findall(r'id="(art-\d+-\d+)"', html))
    assert set(targets) <= ids


def test_report_script_is_the_one_the_policy_allows(result: Result) -> None:
    html = render_report(result)
    script = re.search(r"<script>(.*?)</script>", html, re.S)
    assert script is not None and script.group(1) == static_text("report.js")
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    assert f"script-src 'sha256-{digest}'" in unescape(policy.group(1))
    assert "default-src 'none'" in unescape(policy.group(1))


def test_hostile_article_is_inert_in_the_report(result: Result) -> None:
    assert_inert(render_report(result))


def test_empty_sections_say_so() -> None:
    article = Article("a1", "/x.txt", "Plain text with nothing found in it at all, at some length.")
    html = render_report(Result(articles=[article]))
    for empty in (
        "No briefing yet",
        "No events found",
        "No quotes found.",
        "No figures found.",
        "No people, organisations or countries found.",
        "No syndicated or duplicate copies found.",
        "No furniture was removed and no damaged text was found",
    ):
        assert empty in html
    assert "No articles were analysed." in render_report(Result())


def test_briefing_markdown_cites_sources_and_escapes_markup(result: Result) -> None:
    text = render_briefing(result)
    assert "## Orsa bridge closure" in text
    assert "1. The Orsa river bridge closed on 3 March" in text
    assert re.search(r"\[\^s\d-1\]: Orsa Herald, 2031-03-03", text)
    assert "<script>" not in text and "&lt;script>" in text
    assert md("[x](javascript:y) *b*") == r"\[x\](javascript:y) \*b\*"


def test_briefing_markdown_without_a_briefing_falls_back_to_labelled_data(result: Result) -> None:
    bare = Result(articles=result.articles[:4], quotes=result.quotes[:6], events=result.events)
    text = render_briefing(bare)
    assert "_No briefing yet for this story._" in text
    assert "Statements carried by the most outlets:" in text
    assert "Ilse Brandt: “Nobody will cross that bridge until it is safe.” (3 outlets)" in text


def test_write_report_writes_both_files(tmp_path: Path, result: Result) -> None:
    paths = write_report(result, tmp_path / "out")
    assert [p.name for p in paths] == ["report.html", "briefing.md"]
    assert all(p.stat().st_size > 0 for p in paths)
    assert not list((tmp_path / "out").glob("*.tmp"))


# -- on the real pipeline ----------------------------------------------------------
@pytest.fixture(scope="module")
def analysed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    root = tmp_path_factory.mktemp("report-pipeline")
    out = root / "out"
    result = storyline.analyze([write_dam_corpus(root)], out=out)
    write_report(result, out)
    return result, out


@pytest.mark.slow
def test_report_of_a_real_run_renders_and_is_inert(analysed: tuple[Result, Path]) -> None:
    result, out = analysed
    assert len(result.articles) == 4 and result.failures == []
    html = (out / "report.html").read_text("utf-8")
    assert_self_contained(html)
    assert_inert(html)
    for position, _article in enumerate(result.articles):
        assert f'<details class="article" id="art-{position}">' in html
    for entity in result.entities:
        assert escape(entity.name) in html
    briefing = (out / "briefing.md").read_text("utf-8")
    # Whatever the story and briefing stages give so far, each story gets a section
    # with its lines or an honest "no briefing yet".
    assert briefing.count("\n## ") == max(1, len(result.stories))
    if not result.briefing:
        assert "_No briefing yet for this story._" in briefing


def test_an_event_date_shows_only_what_is_known() -> None:
    from storyline.report.viewmodels import TimelineEvent

    def when(date: str | None, precision: str | None) -> str:
        return TimelineEvent("e", 1, "Talks", date, precision, "held", [], [], []).when

    assert when("2031-03-01", "month") == "2031-03"  # not the first of the month
    assert when("2031-03-03", "week") == "week of 2031-03-03"
    assert when("2031-03-05", "day") == "2031-03-05"
    assert when(None, None) == "undated"



def test_unnamed_speakers_described_alike_share_one_heading() -> None:
    from storyline.model import Quote

    text = "Hauliers said the queues were the worst in years. hauliers said the same."
    article = Article(id="h1", source="h1.txt", text=text, outlet="Lenn Post")
    quotes = [
        Quote(id="q1", article="h1", start=9, end=48, text=text[9:48], kind="indirect",
              speaker_name="hauliers", group="g1"),
        Quote(id="q2", article="h1", start=59, end=72, text=text[59:72], kind="indirect",
              speaker_name="Hauliers", group="g2"),
    ]  # fmt: skip
    view = CorpusIndex(Result(articles=[article], quotes=quotes)).story_view(CORPUS_STORY_ID)
    assert view is not None
    assert [(s.name, len(s.quotes)) for s in view.speakers] == [("Hauliers", 2)]
