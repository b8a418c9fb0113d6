"""End to end in real headless Chromium (Debian's, driven by Playwright).

The report: a citation opens its passage highlighted; quotes filter by speaker.
The app (uvicorn on 127.0.0.1, a free port): search, then upload an article and
find it on its story page. Hostile text stays text: no dialog ever opens, and
no page logs an error (a blocked script would).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import storyline
from storyline.model import Result
from storyline.report import write_report
from storyline.web.app import create_app
from tests.test_report_data import HERALD_1, build_result
from tests.test_web_support import (
    CHROMIUM,
    HOSTILE_SCRIPT,
    UPLOAD_TEXT,
    chromium,
    serve,
    write_dam_corpus,
)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


class Watched:
    """A page whose dialogs and console errors are recorded."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.set_default_timeout(30_000)
        page.on("dialog", self._dialog)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def assert_clean(self) -> None:
        assert self.dialogs == [] and self.errors == []


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as browser:
        yield browser


@pytest.fixture
def page(browser: Any) -> Iterator[Watched]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    try:
        yield Watched(context.new_page())
    finally:
        context.close()


@pytest.fixture(scope="module")
def invented_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("browser-report")
    write_report(build_result(), out)
    return out / "report.html"


@pytest.fixture(scope="module")
def real_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Result, Path]:
    root = tmp_path_factory.mktemp("browser-real")
    out = root / "out"
    result = storyline.analyze([write_dam_corpus(root)], out=out)
    write_report(result, out)
    return result, out


def hit_text(page: Any, scope: str) -> str:
    return "".join(page.locator(f"{scope} .m.hit").all_text_contents())


# -- the report -----------------------------------------------------------------
def test_report_citation_opens_the_passage_highlighted(
    page: Watched, invented_report: Path
) -> None:
    p = page.page
    p.goto(invented_report.as_uri())
    assert p.locator("#art-0").get_attribute("open") is None
    p.locator("#s2-briefing a.cite").first.click()
    assert p.locator("#art-0").get_attribute("open") is not None
    expected = HERALD_1.split("\n")[0]
    assert hit_text(p, "#art-0") == expected
    first = p.locator("#art-0 .m.hit").first
    assert first.is_visible()
    assert p.evaluate("el => el.getBoundingClientRect().top", first.element_handle()) >= 0
    assert p.url.endswith("#art-0-0")
    # The next citation moves the highlight to the wire copy.
    p.locator("#s2-briefing a.cite").nth(1).click()
    assert hit_text(p, "#art-0") == ""
    assert hit_text(p, "#art-1") == "Engineers closed the Orsa river bridge on Monday."
    page.assert_clean()


def test_report_quotes_filter_by_speaker(page: Watched, invented_report: Path) -> None:
    p = page.page
    p.goto(invented_report.as_uri())
    speakers = p.locator("#s2-speakers > .speaker")
    assert speakers.count() == 2
    p.select_option("select[data-target='s2-speakers']", "e-reyl")
    visible = [s for s in speakers.all() if s.is_visible()]
    assert [v.locator("h4").inner_text().split()[0:2] for v in visible] == [["Tomas", "Reyl"]]
    assert p.locator("#s2-speakers blockquote:visible").count() == 2
    p.select_option("select[data-target='s2-speakers']", "")
    assert p.locator("#s2-speakers > .speaker:visible").count() == 2
    page.assert_clean()


def test_report_hostile_text_is_shown_not_run(page: Watched, invented_report: Path) -> None:
    p = page.page
    p.goto(invented_report.as_uri())
    p.locator("#art-4 summary").click()
    assert HOSTILE_SCRIPT in p.locator("#art-4 .text").inner_text()
    assert p.locator("a[href^='javascript:']").count() == 0
    page.assert_clean()


def test_real_report_link_opens_its_passage(page: Watched, real_run: tuple[Result, Path]) -> None:
    """Citations once the briefing stage lands; until then the first link to a
    passage (an entity's first mention) is the one clicked."""
    result, out = real_run
    p = page.page
    p.goto((out / "report.html").as_uri())
    briefing_links = p.locator("[id$='-briefing'] a.cite")
    link = briefing_links.first if briefing_links.count() else p.locator("a.cite[data-a]").first
    anchor = link.get_attribute("data-a")
    start, end = int(link.get_attribute("data-s")), int(link.get_attribute("data-e"))
    article = result.articles[int(anchor.removeprefix("art-"))]
    link.click()
    assert hit_text(p, f"#{anchor}") == article.text[start:end]
    page.assert_clean()


def test_real_report_filter_works_on_the_lists_it_has(
    page: Watched, real_run: tuple[Result, Path]
) -> None:
    """Quotes by speaker once the quote stage lands; entities by kind until then."""
    p = page.page
    p.goto((real_run[1] / "report.html").as_uri())
    select = p.locator("select[data-target$='-speakers']")
    if not select.count():
        select = p.locator("select.filter")
    select = select.first
    target = select.get_attribute("data-target")
    value = select.locator("option").nth(1).get_attribute("value")
    select.select_option(value)
    shown = p.locator(f"#{target} [data-key]:visible")
    assert shown.count() >= 1
    assert {k.get_attribute("data-key") for k in shown.all()} == {value}
    page.assert_clean()


# -- the app ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def app_url(real_run: tuple[Result, Path]) -> Iterator[str]:
    with serve(create_app(real_run[1] / "storyline.db")) as url:
        yield url


def test_app_search_leads_to_the_highlighted_passage(page: Watched, app_url: str) -> None:
    p = page.page
    p.goto(app_url)
    p.fill("input[name=q]", "rather release water")
    p.press("input[name=q]", "Enter")
    p.wait_for_url("**/search?q=*")
    hits = p.locator(".hit-article a")
    assert hits.count() == 2  # the statement as two outlets carried it
    hits.first.click()
    p.wait_for_url("**/articles/**")
    assert hit_text(p, "#text") == "rather release water"
    page.assert_clean()


def test_app_upload_then_find_it_on_its_story_page(page: Watched, app_url: str) -> None:
    p = page.page
    p.goto(f"{app_url}/upload")
    p.fill("textarea[name=text]", UPLOAD_TEXT)
    p.fill("input[name=title]", "Dam release review announced")
    p.fill("input[name=outlet]", "Ridge Courier")
    p.fill("input[name=published]", "2032-04-08")
    p.click("form[action='/upload'] button[type=submit]")
    p.wait_for_selector("#added", timeout=120_000)
    p.locator("#added a.story-link").first.click()
    p.wait_for_url("**/stories/**")
    assert p.get_by_role("link", name="Dam release review announced").count() >= 1
    page.assert_clean()


def test_app_hostile_article_is_shown_not_run(
    page: Watched, app_url: str, real_run: tuple[Result, Path]
) -> None:
    letter = next(a for a in real_run[0].articles if a.source.endswith("letter.txt"))
    p = page.page
    p.goto(f"{app_url}/articles/{letter.id}")
    assert HOSTILE_SCRIPT in p.locator("#text").inner_text()
    assert p.locator("a[href^='javascript:']").count() == 0
    page.assert_clean()
