"""Print the briefing of the seed articles (and of ``examples/``) for an editor to read.

Runs ``storyline.analyze`` on each folder, then prints every story's briefing:
each line, and under it every citation with its outlet, date and the cited
passage, so a reader can check that each line is true, sourced, not repeated,
not trivial and not page furniture. Also prints the "what's new" view at a
day inside the corpus's span.

Stages that the pipeline has not wired in yet (time expressions, events, the
timeline, stories, the briefing itself) are run here on the same analyses,
and the output says which, so the briefing can be read in full while the
pipeline grows.

    .venv/bin/python benchmarks/bench_briefing_seeds.py [FOLDER ...] [--since YYYY-MM-DD]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import storyline
from storyline.corpus.briefing import brief_stories
from storyline.corpus.sources import outlet_of
from storyline.corpus.whats_new import whats_new
from storyline.model import ArticleAnalysis, Result
from storyline.store import open_store

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "shared" / "corpus" / "seeds"
EXAMPLES = HERE.parent / "examples"


def analyses_of(out: Path) -> list[ArticleAnalysis]:
    store = open_store(str(out / "storyline.db"))
    try:
        return list(store.iter_analyses())
    finally:
        store.close()


def complete(result: Result, analyses: list[ArticleAnalysis], folder: Path) -> list[str]:
    """Run here what the pipeline does not run yet; return what was run."""
    ran: list[str] = []
    if analyses and not any(a.timexes or a.event_candidates for a in analyses):
        from storyline.article.events import extract_event_candidates
        from storyline.article.nlp import load_pipeline
        from storyline.article.timexes import extract_timexes

        nlp = load_pipeline()
        for a in analyses:
            doc = nlp(a.article.text)
            a.timexes = extract_timexes(a.article.text, a.article, doc)
            a.event_candidates = extract_event_candidates(doc, a.article, a.mentions, a.timexes)
        result.timexes = [t for a in analyses for t in a.timexes]
        ran.append("timexes and event candidates")
    if not result.events:
        try:
            from storyline.corpus.timeline import build_timeline
        except ImportError:
            pass
        else:
            result.events = build_timeline(analyses, result.entities)
            ran.append("timeline")
    if not result.stories:
        try:
            from storyline.corpus.stories import cluster_stories
        except ImportError:
            pass
        else:
            result.stories = cluster_stories(analyses)
            ran.append("stories")
    if not result.briefing or ran:
        result.briefing = brief_stories(result, analyses)
        ran.append("briefing")
    return ran


def show(folder: Path, since: str | None) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        result = storyline.analyze([folder], out=out)
        analyses = analyses_of(out)
    t0 = time.perf_counter()
    ran = complete(result, analyses, folder)
    took = time.perf_counter() - t0
    articles = {a.id: a for a in result.articles}
    print(f"# {folder.name}: {len(result.articles)} articles, {len(result.stories)} stories")
    if ran:
        print(f"(run here, not yet by the pipeline: {', '.join(ran)}; {took:.2f}s)")
    stories = result.stories or []
    by_story: dict[str, list[int]] = {}
    for n, line in enumerate(result.briefing):
        by_story.setdefault(line.story, []).append(n)
    titles = {s.id: f"{s.title} ({len(s.articles)} articles)" for s in stories}
    for story_id, numbers in by_story.items():
        print(f"\n## {titles.get(story_id, story_id)}")
        for k, n in enumerate(numbers, 1):
            line = result.briefing[n]
            print(
                textwrap.fill(line.text, 100, initial_indent=f"{k:2}. ", subsequent_indent="    ")
            )
            for c in line.citations:
                art = articles[c.article]
                passage = " ".join(art.text[c.start : c.end].split())
                where = f"{outlet_of(art)[:28]}, {art.published or 'undated'}"
                print(f"      [{where}] {c.start}-{c.end}: {passage[:110]}")
    if since:
        news = whats_new(result, since)
        print(f"\n## What's new since {since}: {len(news.articles)} new articles, "
              f"{len(news.uncertain)} undated")  # fmt: skip
        for ev in news.events:
            print(f"  new event     {ev.date or 'undated':10}  {ev.title}")
        for ev in news.updated_events:
            print(f"  updated event {ev.date or 'undated':10}  {ev.title}")
        for q in news.quotes[:8]:
            tag = "new statement" if q.new_statement else "spread"
            print(f"  {tag:13} {q.speaker_name or '?'}: {q.text[:80]}")
        for f in news.figures:
            if f.before:
                print(f"  figure        {f.measure}: {f.earlier_values} -> {f.values}"
                      f"{'  (changed)' if f.changed else ''}")  # fmt: skip
    print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--since", help="also show what's new since this day")
    args = parser.parse_args()
    folders = args.folders or [f for f in (SEEDS, EXAMPLES) if f.is_dir()]
    if not folders:
        print("no folder to read: ../shared/corpus/seeds is not beside the project")
        return 1
    for folder in folders:
        default = {"seeds": "2025-03-20", "examples": "2025-02-10"}.get(folder.name)
        show(folder, args.since or default)
    return 0


if __name__ == "__main__":
    sys.exit(main())
