"""``briefing.md``: each story's briefing with numbered sources, in Markdown.

Article text is untrusted: anything that Markdown would turn into markup
(HTML tags, links, emphasis) is escaped, so the file renders as the plain text
the articles contain.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from storyline.model import Result
from storyline.report.viewmodels import Passage, StoryView
from storyline.report.views import CorpusIndex

_SPECIAL = re.compile(r"([\\`*_\[\]])")
MAX_FALLBACK_ITEMS = 5


def md(text: str) -> str:
    """``text`` as literal Markdown: no tags, links or emphasis survive."""
    one_line = " ".join(text.split())
    escaped = one_line.replace("&", "&amp;").replace("<", "&lt;")
    return _SPECIAL.sub(r"\\\1", escaped)


def render_briefing(result: Result) -> str:
    index = CorpusIndex(result)
    views = [v for s in index.summaries() if (v := index.story_view(s.id)) is not None]
    lines = ["# storyline briefing", ""]
    if not views:
        lines += ["_No articles were analysed._", ""]
    for i, view in enumerate(views, 1):
        lines += _story(view, f"s{i}")
    return "\n".join(lines).rstrip() + "\n"


def _story(view: StoryView, prefix: str) -> list[str]:
    s = view.summary
    span = (
        f", {s.first} to {s.last}"
        if s.first and s.last and s.first != s.last
        else (f", {s.first}" if s.first else "")
    )
    out = [
        f"## {md(view.title)}",
        "",
        f"_{_n(s.articles, 'article')} from {view.outlets_phrase}{span}._",
        "",
    ]
    sources: list[Passage] = []

    def ref(p: Passage) -> str:
        sources.append(p)
        return f"[^{prefix}-{len(sources)}]"

    if view.briefing:
        for n, line in enumerate(view.briefing, 1):
            marks = "".join(ref(c) for c in line.citations)
            out.append(f"{n}. {md(line.text)}{marks}")
    else:
        out.append("_No briefing yet for this story._")
        out += _fallback(view, ref)
    out.append("")
    for n, p in enumerate(sources, 1):
        art = p.article
        out.append(
            f"[^{prefix}-{n}]: {md(art.outlet)}, {art.published or 'undated'}, "
            f"“{md(art.title)}”: “{md(p.excerpt)}” (article `{_code(art.id)}`, "
            f"characters {p.start}–{p.end})"
        )
    out.append("")
    return out


def _fallback(view: StoryView, cite: Callable[[Passage], str]) -> list[str]:
    """What the data already says, clearly labelled, while there is no briefing."""
    out: list[str] = []
    dated = view.timeline.dated[-MAX_FALLBACK_ITEMS:]
    if dated:
        out += ["", "Latest dated events:", ""]
        for ev in dated:
            mark = cite(ev.mentions[0]) if ev.mentions else ""
            planned = " (planned)" if ev.status == "planned" else ""
            out.append(f"- {ev.date}{planned}: {md(ev.title)}{mark}")
    quotes = sorted(
        ((s, q) for s in view.speakers for q in s.quotes), key=lambda sq: -len(sq[1].outlets)
    )[:MAX_FALLBACK_ITEMS]
    if quotes:
        out += ["", "Statements carried by the most outlets:", ""]
        for speaker, quote in quotes:
            out.append(
                f"- {md(speaker.name)}: “{md(quote.text)}” "
                f"({_n(len(quote.outlets), 'outlet')}){cite(quote.first_seen)}"
            )
    return out


def _code(text: str) -> str:
    return text.replace("`", "'")


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'s' * (count != 1)}"
