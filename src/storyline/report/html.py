"""``report.html``: one self-contained page per corpus.

Styles and the one small script are inlined; charts are inline SVG; every
article is embedded with anchors so each citation opens its passage
highlighted. A Content-Security-Policy meta tag allows only that one script
(by its hash), so even text that slipped past escaping could not run.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import BaseLoader, ChoiceLoader, Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from storyline import __version__
from storyline.model import Result
from storyline.report.svg import figure_svg, outlet_colours, timeline_svg
from storyline.report.textmarks import article_marks, render_text
from storyline.report.viewmodels import ArticleRef
from storyline.report.views import CorpusIndex, format_value, point_text


@cache
def static_text(name: str) -> str:
    return resources.files("storyline.report").joinpath("static", name).read_text("utf-8")


def script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(*, app: bool = False) -> str:
    """Only our inline script runs; nothing is fetched from anywhere. The app's
    pages also post forms to themselves and refuse to be framed (a header can
    say that; a meta tag in the report cannot)."""
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src {script_hash(static_text('report.js'))}; base-uri 'none'; "
    )
    if app:
        return policy + "form-action 'self'; frame-ancestors 'none'"
    return policy + "form-action 'none'"


def make_environment(
    *,
    embedded: bool,
    passage_href: Any,
    article_href: Any,
    extra: BaseLoader | None = None,
) -> Environment:
    """A Jinja environment with autoescape on and the report's helpers as globals.

    ``embedded``: articles are in the page, so citation links carry data for the
    script; ``passage_href(article_ref, start, end)`` and ``article_href(ref)``
    build links (page anchors in the report, URLs in the app).
    """
    loaders: list[BaseLoader] = [PackageLoader("storyline.report", "templates")]
    if extra is not None:
        loaders.insert(0, extra)
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=False,
        lstrip_blocks=False,
    )
    env.globals.update(
        embedded=embedded,
        passage_href=lambda p: passage_href(p.article, p.start, p.end),
        passage_href_raw=passage_href,
        article_href=article_href,
        timeline_svg=timeline_svg,
        figure_svg=figure_svg,
        outlet_colours=outlet_colours,
        format_value=format_value,
        point_text=point_text,
        css=Markup(static_text("report.css")),
        js=Markup(static_text("report.js")),
    )
    env.tests["several"] = lambda items: len(items) > 1
    return env


@cache
def _report_env() -> Environment:
    return make_environment(
        embedded=True,
        passage_href=lambda ref, start, _end: f"#{ref.anchor}-{start}",
        article_href=lambda ref: f"#{ref.anchor}",
    )


@dataclass
class EmbeddedArticle:
    ref: ArticleRef
    byline: str | None
    html: Markup


def embedded_articles(
    index: CorpusIndex, cited: dict[str, set[tuple[int, int]]]
) -> list[EmbeddedArticle]:
    out = []
    for article in index.result.articles:
        marks = article_marks(
            article,
            quotes=index.quotes_by_article.get(article.id, []),
            mentions=index.mentions_by_article.get(article.id, []),
            timexes=index.timexes_by_article.get(article.id, []),
            figures=index.figures_by_article.get(article.id, []),
            anchors=cited.get(article.id, set()),
        )
        ref = index.refs[article.id]
        html = render_text(article.text, marks, anchor=ref.anchor)
        out.append(EmbeddedArticle(ref, article.byline, html))
    return out


def cited_spans(index: CorpusIndex) -> dict[str, set[tuple[int, int]]]:
    """Spans that links point at but that are not highlighted already: briefing
    citations and event mentions need their own anchors in the text."""
    spans: dict[str, set[tuple[int, int]]] = {}
    for line in index.result.briefing:
        for c in line.citations:
            spans.setdefault(c.article, set()).add((c.start, c.end))
    for event in index.result.events:
        for m in event.mentions:
            spans.setdefault(m.article, set()).add((m.start, m.end))
    return spans


def render_report(result: Result, *, generated: str | None = None) -> str:
    """The whole report as one HTML string."""
    index = CorpusIndex(result)
    stories = [v for s in index.summaries() if (v := index.story_view(s.id)) is not None]
    if len(stories) == 1:
        title = stories[0].title
    else:
        title = f"{len(stories)} stories" if stories else "No articles"
    return (
        _report_env()
        .get_template("report.html.j2")
        .render(
            title=title,
            stories=stories,
            articles=embedded_articles(index, cited_spans(index)),
            csp=content_security_policy(),
            version=__version__,
            generated=generated or datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        )
    )


__all__ = ["content_security_policy", "make_environment", "render_report"]
