"""Charts as inline SVG: the timeline axis and a figure group's values over time.

Drawn by hand so that the report needs no script library and works offline.
Every piece of text in a chart is escaped; the SVG scales with its container
(``viewBox`` and ``width: 100%``), which keeps it readable on a phone.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from markupsafe import Markup, escape

from storyline.report.viewmodels import FigureGroup, Timeline
from storyline.report.views import format_value, parse_day

# Colour-blind-safe palette (Okabe-Ito), one colour per outlet.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#999933")
WIDTH = 720
MARGIN = 36


def outlet_colours(outlets: Sequence[str]) -> dict[str, str]:
    return {o: PALETTE[i % len(PALETTE)] for i, o in enumerate(outlets)}


def _span(days: Sequence[date]) -> tuple[date, date]:
    lo, hi = min(days), max(days)
    if lo == hi:
        lo, hi = lo - timedelta(days=1), hi + timedelta(days=1)
    return lo, hi


def _x(day: date, lo: date, hi: date, width: int = WIDTH) -> float:
    total = (hi - lo).days or 1
    return MARGIN + (width - 2 * MARGIN) * (day - lo).days / total


def _ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    """Day, week, month or year ticks, whichever gives a readable number of them."""
    days = (hi - lo).days
    if days <= 14:
        return [
            (lo + timedelta(d), (lo + timedelta(d)).strftime("%-d %b")) for d in range(days + 1)
        ]
    if days <= 90:
        first = lo + timedelta(days=(7 - lo.weekday()) % 7)  # Mondays
        step = 7 if days <= 60 else 14
        out = []
        day = first
        while day <= hi:
            out.append((day, day.strftime("%-d %b")))
            day += timedelta(days=step)
        return out
    if days <= 900:
        out = []
        day = date(lo.year, lo.month, 1)
        while day <= hi:
            if day >= lo:
                out.append((day, day.strftime("%b %Y")))
            day = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        step = max(1, math.ceil(len(out) / 10))
        return out[::step]
    step = max(1, math.ceil((hi.year - lo.year) / 10))
    return [(date(y, 1, 1), str(y)) for y in range(lo.year + 1, hi.year + 1, step)]


def timeline_svg(timeline: Timeline, story_key: str) -> Markup:
    """Events above a drawn axis (filled: held, hollow: planned), article
    publication days as ticks below it. Empty when nothing has a date."""
    events = [(parse_day(e.date), e) for e in timeline.dated]
    events_d = [(d, e) for d, e in events if d is not None]
    pubs = [(parse_day(p.date), p) for p in timeline.publications]
    pubs_d = [(d, p) for d, p in pubs if d is not None]
    days = [d for d, _ in events_d] + [d for d, _ in pubs_d]
    if not days:
        return Markup("")
    lo, hi = _span(days)
    lanes: list[float] = []
    placed = []
    for day, event in sorted(events_d, key=lambda de: de[0]):
        x = _x(day, lo, hi)
        lane = next((i for i, last in enumerate(lanes) if x - last >= 22), len(lanes))
        if lane == len(lanes):
            lanes.append(x)
        lanes[lane] = x
        placed.append((x, lane, event))
    axis_y = 30 + 24 * max(1, len(lanes))
    height = axis_y + 72
    parts = [
        f'<svg class="chart timeline" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="Timeline of {len(events_d)} dated events">',
        f'<line x1="{MARGIN}" y1="{axis_y}" x2="{WIDTH - MARGIN}" y2="{axis_y}" class="axis"/>',
    ]
    for day, label in _ticks(lo, hi):
        x = _x(day, lo, hi)
        parts.append(
            f'<line x1="{x:.1f}" y1="{axis_y - 4}" x2="{x:.1f}" y2="{axis_y + 4}" class="axis"/>'
        )
        parts.append(f'<text x="{x:.1f}" y="{axis_y + 18}" class="tick">{escape(label)}</text>')
    per_day: dict[date, list[str]] = {}
    for day, pub in pubs_d:
        per_day.setdefault(day, []).append(pub.article.outlet)
    for day, outlets in sorted(per_day.items()):
        x = _x(day, lo, hi)
        tip = escape(f"{day.isoformat()}: {len(outlets)} article(s): {', '.join(outlets)}")
        parts.append(
            f'<g class="pub"><title>{tip}</title>'
            f'<rect x="{x - 2:.1f}" y="{axis_y + 26}" width="4" '
            f'height="{6 + 4 * min(len(outlets), 5)}"/></g>'
        )
    for x, lane, event in placed:
        y = axis_y - 20 - 24 * lane
        cls = "ev planned" if event.status == "planned" else "ev held"
        tip = escape(f"{event.number}. {event.date} ({event.status}): {event.title}")
        parts.append(
            f'<a href="#ev-{escape(story_key)}-{event.number}">'
            f'<g class="{cls}"><title>{tip}</title>'
            f'<line x1="{x:.1f}" y1="{y + 9}" x2="{x:.1f}" y2="{axis_y}" class="stem"/>'
            f'<circle cx="{x:.1f}" cy="{y}" r="9"/>'
            f'<text x="{x:.1f}" y="{y + 4}" class="num">{event.number}</text></g></a>'
        )
    parts.append(
        f'<text x="{MARGIN}" y="{height - 4}" class="legend">● held  ○ planned  '
        "▮ articles published</text></svg>"
    )
    return Markup("".join(parts))


def _nice_ticks(lo: float, hi: float, count: int = 4) -> list[float]:
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.floor(lo / step) * step
    ticks = []
    value = first
    while True:
        ticks.append(round(value, 10))
        if value >= hi:
            return ticks
        value += step


def figure_svg(group: FigureGroup, colours: dict[str, str]) -> Markup:
    """A group's values over time, one line per outlet. Empty without dates."""
    pts = [(parse_day(p.date), p) for p in group.points]
    dated = [(d, p) for d, p in pts if d is not None]
    if not dated:
        return Markup("")
    width, height, top, bottom, left = WIDTH, 240, 16, 40, 72
    lo, hi = _span([d for d, _ in dated])
    values = [p.value for _, p in dated]
    ticks = _nice_ticks(min(0.0, min(values)), max(values) * 1.05 if max(values) > 0 else 1.0)
    vlo, vhi = ticks[0], ticks[-1]

    def y(value: float) -> float:
        return top + (height - top - bottom) * (1 - (value - vlo) / ((vhi - vlo) or 1))

    def x(day: date) -> float:
        return left - MARGIN + _x(day, lo, hi, width - (left - MARGIN))

    parts = [
        f'<svg class="chart figure" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(group.measure)}: values by outlet over time">'
    ]
    for value in ticks:
        parts.append(
            f'<line x1="{left}" y1="{y(value):.1f}" x2="{width - MARGIN}" '
            f'y2="{y(value):.1f}" class="grid"/><text x="{left - 6}" y="{y(value) + 4:.1f}" '
            f'class="ytick">{escape(format_value(value))}</text>'
        )
    for day, label in _ticks(lo, hi):
        parts.append(
            f'<text x="{x(day):.1f}" y="{height - bottom + 18}" class="tick">{escape(label)}</text>'
        )
    series: dict[str, list[tuple[date, float, str]]] = {}
    for day, point in dated:
        series.setdefault(point.outlet, []).append((day, point.value, point.passage.text))
    for outlet, items in series.items():
        colour = colours.get(outlet, PALETTE[0])
        items.sort(key=lambda i: i[0])
        if len(items) > 1:
            path = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v, _ in items)
            parts.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for day, value, text in items:
            tip = escape(f"{outlet}, {day.isoformat()}: {format_value(value, group.unit)} ({text})")
            parts.append(
                f'<circle cx="{x(day):.1f}" cy="{y(value):.1f}" r="5" fill="{colour}">'
                f"<title>{tip}</title></circle>"
            )
    parts.append("</svg>")
    return Markup("".join(parts))
