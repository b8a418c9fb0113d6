"""Outputs an analyst reads: ``report.html`` (self-contained) and ``briefing.md``.

:func:`write_report` is what ``storyline analyze`` calls after writing
``storyline.json``; :mod:`storyline.report.views` holds the view models that the
web app shares.
"""

from __future__ import annotations

import os
from pathlib import Path

from storyline.model import Result

REPORT_FILE = "report.html"
BRIEFING_FILE = "briefing.md"


def write_report(result: Result, out_dir: Path) -> list[Path]:
    """Write ``out_dir/report.html`` and ``out_dir/briefing.md`` (atomically)."""
    from storyline.report.html import render_report
    from storyline.report.markdown import render_briefing

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in (
        (REPORT_FILE, render_report(result)),
        (BRIEFING_FILE, render_briefing(result)),
    ):
        path = out_dir / name
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
        written.append(path)
    return written


__all__ = ["BRIEFING_FILE", "REPORT_FILE", "write_report"]
