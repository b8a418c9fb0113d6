"""The "what's new" view as Markdown: events, statements and figures since a day or a run."""

from __future__ import annotations

from storyline.corpus.whats_new import FigureNews, QuoteNews, WhatsNew
from storyline.model import Event
from storyline.report.markdown import md

MAX_QUOTE_CHARS = 300  # a longer statement is cut, with its citations still whole


def render_whats_new(news: WhatsNew) -> str:
    """Markdown: new and updated events, statements, then figures, each with its sources."""
    lines = [f"# What's new since {md(news.since)}", ""]
    summary = _n(len(news.articles), "new article")
    if news.uncertain:  # undated, or dated only to a month that straddles the day
        summary += f"; {_n(len(news.uncertain), 'article')} left out: their dates cannot tell"
    lines.append(f"_{summary}_")
    if not (news.events or news.updated_events or news.quotes or news.figures):
        lines += ["", "Nothing new."]
        return "\n".join(lines) + "\n"
    sections: list[tuple[str, list[str]]] = [
        ("New events", [_event(e) for e in news.events]),
        ("Events reported again", [_event(e) for e in news.updated_events]),
        ("Statements", [_quote(q) for q in news.quotes]),
        ("Figures", [_figure(f) for f in news.figures]),
    ]
    for title, items in sections:
        if items:
            lines += ["", f"## {title}", ""] + [f"- {item}" for item in items]
    return "\n".join(lines) + "\n"


def _event(event: Event) -> str:
    when = event.date or "undated"
    if event.date and event.date_precision and event.date_precision != "day":
        when += f" ({event.date_precision})"
    articles = sorted({m.article for m in event.mentions})
    return f"{md(when)}: {md(event.title)} ({_sources(articles)})"


def _quote(news: QuoteNews) -> str:
    text = news.text if len(news.text) <= MAX_QUOTE_CHARS else news.text[:MAX_QUOTE_CHARS] + "…"
    who = md(news.speaker_name) if news.speaker_name else "unattributed"
    seen = "new" if news.new_statement else f"heard before in {_n(news.earlier, 'report')}"
    articles = sorted({q.article for q in news.quotes})
    return f"**{who}**: “{md(text)}” ({seen}; {', '.join(md(o) for o in news.outlets)}; " + (
        f"{_sources(articles)})"
    )


def _figure(news: FigureNews) -> str:
    values = ", ".join(f.text for f in news.figures)
    change = ""
    if news.before:
        earlier = ", ".join(dict.fromkeys(f.text for f in news.before))
        change = f"; {'changed from' if news.changed else 'as before:'} {md(earlier)}"
    articles = sorted({f.article for f in news.figures})
    return f"{md(news.measure or 'figure')}: {md(values)}{change} ({_sources(articles)})"


def _sources(articles: list[str]) -> str:
    return "articles " + ", ".join(f"`{a}`" for a in articles)


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"
