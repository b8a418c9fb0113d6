"""Article text as HTML with its spans highlighted.

Spans (quotes, entity mentions, dates, figures, cited passages) overlap freely:
a name inside a quote inside a cited passage. The text is cut at every span
boundary into flat segments; each segment carries the kinds of every span that
covers it, so overlaps need no nesting and offsets stay exact. Every character
goes through :func:`markupsafe.escape`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from storyline.model import Article, Entity, Figure, Quote, Span, Timex

KINDS = ("quote", "entity", "date", "figure", "damage", "event", "cite")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # one of KINDS
    label: str = ""  # shown as a tooltip


def article_marks(
    article: Article,
    *,
    quotes: Iterable[Quote] = (),
    mentions: Iterable[tuple[Entity, Span]] = (),
    timexes: Iterable[Timex] = (),
    figures: Iterable[Figure] = (),
    anchors: Iterable[tuple[int, int]] = (),
) -> list[Mark]:
    """The marks of one article; ``anchors`` are spans that must be linkable
    (citations, event mentions) without being highlighted until targeted."""
    marks = [
        Mark(q.start, q.end, "quote", f"quote ({q.kind}): {q.speaker_name or 'unattributed'}")
        for q in quotes
    ]
    marks += [Mark(m.start, m.end, "entity", f"{e.type}: {e.name}") for e, m in mentions]
    marks += [Mark(t.start, t.end, "date", f"{t.type}: {t.value}") for t in timexes]
    marks += [Mark(f.start, f.end, "figure", f"figure: {f.measure}") for f in figures]
    marks += [Mark(d.start, d.end, "damage", f"damaged text: {d.reason}") for d in article.damage]
    marks += [Mark(s, e, "cite") for s, e in anchors]
    return marks


def render_text(
    text: str,
    marks: Sequence[Mark],
    *,
    anchor: str,
    hit: tuple[int, int] | None = None,
) -> Markup:
    """``text`` as escaped HTML; covered segments become ``<span>`` elements with
    ``data-s``/``data-e`` offsets, and the one starting at a span's start gets the
    id ``{anchor}-{start}`` so a link can target it."""
    size = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= size]
    starts = {m.start for m in valid}
    cuts = sorted({0, size} | starts | {m.end for m in valid} | _hit_cuts(hit, size))
    by_start: dict[int, list[Mark]] = {}
    for mark in valid:
        by_start.setdefault(mark.start, []).append(mark)
    active: list[Mark] = []
    out: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [m for m in active if m.end > a] + by_start.get(a, [])
        piece = str(escape(text[a:b]))
        in_hit = hit is not None and hit[0] <= a and b <= hit[1]
        if not active and not in_hit:
            out.append(piece)
            continue
        kinds = sorted({m.kind for m in active}, key=KINDS.index)
        classes = " ".join(["m", *(f"k-{k}" for k in kinds), *(["hit"] if in_hit else [])])
        labels = "; ".join(dict.fromkeys(m.label for m in active if m.label))
        attrs = [f'class="{classes}"', f'data-s="{a}"', f'data-e="{b}"']
        if a in starts or (hit is not None and a == hit[0]):
            attrs.insert(0, f'id="{escape(anchor)}-{a}"')
        if labels:
            attrs.append(f'title="{escape(labels)}"')
        out.append(f"<span {' '.join(attrs)}>{piece}</span>")
    return Markup("".join(out))


def _hit_cuts(hit: tuple[int, int] | None, size: int) -> set[int]:
    if hit is None:
        return set()
    return {min(max(0, hit[0]), size), min(max(0, hit[1]), size)}
