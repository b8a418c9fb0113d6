"""Scale benchmark (issue 9): engines side by side, and cost as the corpus grows.

    .venv/bin/python benchmarks/bench_scale.py engines [--articles 400] [--repeats 2]
    .venv/bin/python benchmarks/bench_scale.py growth [--sizes 1000 4000 10000] [--workers 2]
    .venv/bin/python benchmarks/bench_scale.py parts STORE.db [--sizes 250 500 1000]

Texts are real news: PolNeAR (../shared/data/polnear, train + dev, with their
outlets and dates) then ECB+ (../shared/data/ecbplus, text rebuilt from the
tokens). Past the ~1,700 distinct texts, copies are added with planted variation
(another id, a later date, an added paragraph with a different figure), so every
copy is a distinct article to the cache. A corpus of N is the first N rows, so
the sizes nest.

``engines``: the per-article stage on one corpus, in one run, through the local
engine with 1 and 2 workers and the Dask engine with 2 workers (a LocalCluster of
2 processes, 1 thread each), each in a fresh process, pool/cluster start-up and
model loads included. Goal: Dask at most 15 % slower than local with 2 workers.

``growth``: `storyline.analyze` end to end (SQLite store, new for each size) at
each size, in a fresh process, with the time of each phase and the peak resident
memory of the per-article stage (this process and its worker processes, sampled
every 0.2 s), and the CPU seconds of each phase (steadier than wall time when other
work shares the machine). Goals: 10x the articles costs at most 11x the time;
per-article peak memory flat. Work files and logs go to benchmarks/work/ (not committed).

``parts``: the CPU time of each part of the cross-article stage (entities, timeline,
figure groups...) over the first N analyses of a store the growth run left, to see
which part grows faster than the corpus.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
POLNEAR = DATA / "polnear"
ECBPLUS = DATA / "ecbplus"
WORK = ROOT / "benchmarks" / "work"
PYTHON = str(ROOT / ".venv" / "bin" / "python")

_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", "%", ")", "'s", "n't", "'re", "'ve", "'ll", "'d"}


def _polnear_rows() -> list[dict[str, Any]]:
    meta: dict[str, dict[str, str]] = {}
    with (POLNEAR / "metadata.tsv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    rows = []
    for part in ("train", "dev"):
        for path in sorted((POLNEAR / part / "text").glob("*.txt")):
            info = meta.get(path.stem, {})
            rows.append(
                {
                    "id": f"polnear-{path.stem}"[:120],
                    "title": info.get("title") or None,
                    "outlet": info.get("publisher") or None,
                    "published": info.get("publication_date") or None,
                    "text": path.read_text("utf-8"),
                }
            )
    return rows


def _ecb_text(path: Path) -> str:
    """Sentences a line, tokens joined by spaces except before punctuation."""
    sentences: dict[str, list[str]] = {}
    for tok in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(tok.get("sentence", "0"), []).append(tok.text or "")
    lines = []
    for words in sentences.values():
        line = ""
        for word in words:
            line += word if (not line or word in _NO_SPACE_BEFORE) else " " + word
        lines.append(line)
    return "\n".join(lines) + "\n"


def _ecb_rows() -> list[dict[str, Any]]:
    paths = sorted(ECBPLUS.glob("*/*.xml"), key=lambda p: (int(p.parent.name), p.name))
    return [{"id": f"ecb-{p.stem}", "text": _ecb_text(p)} for p in paths]


def corpus_rows(n: int) -> list[dict[str, Any]]:
    """The first ``n`` rows: real texts, then copies with planted variation."""
    # Shuffled by a hash of the id (stable): every prefix mixes long PolNeAR and
    # short ECB+ texts alike, so sizes differ in count, not in kind.
    base = sorted(
        _polnear_rows() + _ecb_rows(), key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest()
    )
    rows: list[dict[str, Any]] = []
    copy = 0
    while len(rows) < n:
        for row in base:
            if len(rows) >= n:
                break
            rows.append(row if copy == 0 else _vary(row, copy))
        copy += 1
    return rows


def _vary(row: dict[str, Any], copy: int) -> dict[str, Any]:
    out = dict(row)
    out["id"] = f"{row['id']}~{copy}"
    if row.get("published"):
        day = date.fromisoformat(row["published"]) + timedelta(days=copy)
        out["published"] = day.isoformat()
    figure = 17 * copy + len(row["text"]) % 50
    out["text"] = (
        f"{row['text'].rstrip()}\n\nUpdate {copy}: a spokesperson said {figure} more "
        f"people had written in by day {copy + 1}, and that the count would be revised.\n"
    )
    return out


SHARD = 500  # rows per JSON Lines file: each stays well under max_input_bytes


def write_corpus(n: int, path: Path) -> Path:
    """The corpus as a folder of JSON Lines files (read in name order)."""
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    rows = corpus_rows(n)
    for i in range(0, len(rows), SHARD):
        with (path / f"part-{i // SHARD:04d}.jsonl").open("w", encoding="utf-8") as fh:
            for row in rows[i : i + SHARD]:
                fh.write(json.dumps({k: v for k, v in row.items() if v is not None}) + "\n")
    return path


# -- one measured run, in its own process ------------------------------------------


class PeakMemory:
    """Samples resident memory of this process plus its children (worker processes)."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peak = 0
        self.phase_peaks: dict[str, int] = {}
        self.phase = "start"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        import psutil

        total = 0
        for proc in [self.me, *self.me.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
            except psutil.Error:
                continue
        return total

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            rss = self._sample()
            self.peak = max(self.peak, rss)
            self.phase_peaks[self.phase] = max(self.phase_peaks.get(self.phase, 0), rss)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _cpu() -> float:
    """CPU seconds of this process and of its finished child processes."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_engine_once(corpus: Path, engine: str, workers: int) -> dict[str, Any]:
    """Per-article stage only: raws already read, engine start-up included."""
    from storyline.api import run_engine
    from storyline.ingest import read_inputs
    from storyline.model import ArticleAnalysis, RawDocument
    from storyline.settings import Settings

    settings = Settings(engine=engine, workers=workers)
    raws = [r for r in read_inputs([str(corpus)], settings) if isinstance(r, RawDocument)]
    words = sum(len(r.text.split()) for r in raws)
    cpu_before = _cpu()
    start = time.perf_counter()
    done = failed = 0
    for batch in run_engine(iter(raws), settings):
        ok = sum(isinstance(o, ArticleAnalysis) for o in batch)
        done += ok
        failed += len(batch) - ok
    seconds = time.perf_counter() - start
    # CPU of this process and of its (finished) worker processes: on a shared
    # machine a steadier measure of work than wall time.
    cpu = _cpu() - cpu_before
    return {"engine": engine, "workers": workers, "articles": done, "failed": failed,
            "words": words, "seconds": seconds, "cpu_s": cpu}  # fmt: skip


def run_analyze_once(corpus: Path, out: Path, workers: int, engine: str) -> dict[str, Any]:
    """``storyline.analyze`` end to end with phase times and per-phase peak memory."""
    import storyline
    from storyline.api import Progress
    from storyline.settings import Settings

    marks: dict[str, float] = {}
    cpu_marks: dict[str, float] = {}
    with PeakMemory() as memory:

        def progress(p: Progress) -> None:
            if p.phase not in marks:
                marks[p.phase] = time.perf_counter()
                cpu_marks[p.phase] = _cpu()
                memory.phase = p.phase

        cpu_start = _cpu()
        start = time.perf_counter()
        memory.phase = "analyse"
        result = storyline.analyze(
            [corpus], out=out, settings=Settings(workers=workers, engine=engine),
            progress=progress,
        )  # fmt: skip
        end = time.perf_counter()
        cpu_end = _cpu()
    corpus_at = marks.get("corpus", end)
    write_at = marks.get("write", end)
    # CPU seconds (this process and its finished workers): steadier than wall time
    # on a shared machine. The worker pool is joined before the corpus phase starts.
    cpu_corpus = cpu_marks.get("corpus", cpu_end)
    cpu_write = cpu_marks.get("write", cpu_end)
    return {
        "articles": len(result.articles),
        "analysed": result.analysed,
        "failed": len(result.failures),
        "total_s": end - start,
        "analyse_s": corpus_at - start,
        "corpus_s": write_at - corpus_at,
        "write_s": end - write_at,
        "cpu_s": cpu_end - cpu_start,
        "analyse_cpu_s": cpu_corpus - cpu_start,
        "corpus_cpu_s": cpu_write - cpu_corpus,
        "write_cpu_s": cpu_end - cpu_write,
        "peak_rss_mb": memory.peak / 2**20,
        "analyse_peak_rss_mb": memory.phase_peaks.get("analyse", 0) / 2**20,
        "corpus_peak_rss_mb": memory.phase_peaks.get("corpus", 0) / 2**20,
        "counts": {k: len(getattr(result, k)) for k in
                   ("entities", "quotes", "figures", "events", "stories", "duplicates")},
    }  # fmt: skip


def _child(args: list[str]) -> dict[str, Any]:
    proc = subprocess.run(
        [PYTHON, __file__, *args], check=True, capture_output=True, text=True, cwd=ROOT
    )
    return dict(json.loads(proc.stdout.strip().splitlines()[-1]))


# -- the two benchmarks --------------------------------------------------------------


def bench_engines(articles: int, repeats: int) -> None:
    corpus = write_corpus(articles, WORK / f"engines-{articles}")
    print(f"corpus: {articles} articles ({corpus}); cpu count {os.cpu_count()}", flush=True)
    configs = [("local", 1), ("local", 2), ("dask", 2)]
    times: dict[tuple[str, int], list[float]] = {c: [] for c in configs}
    cpus: dict[tuple[str, int], list[float]] = {c: [] for c in configs}
    for r in range(repeats):
        order = configs if r % 2 == 0 else [configs[0], configs[2], configs[1]]
        for engine, workers in order:
            got = _child(["_engine", str(corpus), engine, str(workers)])
            assert got["articles"] + got["failed"] == articles, got
            times[(engine, workers)].append(got["seconds"])
            cpus[(engine, workers)].append(got["cpu_s"])
            print(f"  run {r + 1}: {engine} x{workers}: {got['seconds']:.1f} s "
                  f"({got['articles'] / got['seconds']:.2f} articles/s, "
                  f"{got['words'] / got['seconds']:.0f} words/s), "
                  f"CPU {got['cpu_s']:.1f} s", flush=True)  # fmt: skip
    med = {c: statistics.median(v) for c, v in times.items()}
    cpu = {c: statistics.median(v) for c, v in cpus.items()}
    for (engine, workers), seconds in med.items():
        print(f"{engine:5} engine, {workers} worker(s): median {seconds:7.1f} s  "
              f"{articles / seconds:6.2f} articles/s  "
              f"CPU {cpu[(engine, workers)]:7.1f} s")  # fmt: skip
    local1, local2, dask2 = med[("local", 1)], med[("local", 2)], med[("dask", 2)]
    print(f"local speed-up 1 -> 2 workers: {local1 / local2:.2f}x")
    print(f"Dask (2 workers) over local (2 workers): {100 * (dask2 / local2 - 1):+.1f} % wall, "
          f"{100 * (cpu[('dask', 2)] / cpu[('local', 2)] - 1):+.1f} % CPU "
          "(goal <= +15 %)")  # fmt: skip


def bench_growth(sizes: list[int], workers: int, engine: str) -> None:
    rows: list[dict[str, Any]] = []
    for n in sizes:
        corpus = write_corpus(n, WORK / f"growth-{n}")
        out = WORK / f"growth-{n}-{engine}-w{workers}"
        if out.exists():
            shutil.rmtree(out)
        got = _child(["_analyze", str(corpus), str(out), str(workers), engine])
        got["size"] = n
        if got["articles"] < 0.99 * n:
            raise SystemExit(f"only {got['articles']} of {n} articles went through: {got}")
        got["words"] = sum(
            len(json.loads(line)["text"].split())
            for part in sorted(corpus.glob("*.jsonl"))
            for line in part.open(encoding="utf-8")
        )
        rows.append(got)
        print(json.dumps(got), flush=True)
    base = rows[0]
    print(f"\nengine {engine}, workers {workers}; cpu count {os.cpu_count()}")
    print("articles    words  total s  analyse s  corpus s  write s  art/s  time x  size x  "
          "per-article peak MiB  corpus peak MiB")  # fmt: skip
    for r in rows:
        print(f"{r['size']:8d} {r['words']:8d} {r['total_s']:8.1f} {r['analyse_s']:10.1f} "
              f"{r['corpus_s']:9.1f} {r['write_s']:8.1f} {r['size'] / r['total_s']:6.2f} "
              f"{r['total_s'] / base['total_s']:7.2f} {r['size'] / base['size']:7.1f} "
              f"{r['analyse_peak_rss_mb']:21.0f} {r['corpus_peak_rss_mb']:16.0f}")  # fmt: skip
    print("\nCPU seconds (this process and its worker processes)")
    print("articles  total  analyse  corpus  write  total x  size x")
    for r in rows:
        print(f"{r['size']:8d} {r['cpu_s']:6.0f} {r['analyse_cpu_s']:8.0f} "
              f"{r['corpus_cpu_s']:7.0f} {r['write_cpu_s']:6.0f} "
              f"{r['cpu_s'] / base['cpu_s']:8.2f} {r['size'] / base['size']:7.1f}")  # fmt: skip


# The cross-article stage's parts, as storyline.corpus.pipeline calls them.
CORPUS_PARTS = (
    "cluster_stories", "resolve_entities", "dated_timeline", "build_timeline",
    "find_duplicates", "group_figures", "group_quotes", "brief_stories",
)  # fmt: skip


def bench_parts(db: Path, sizes: list[int]) -> None:
    """CPU time of each cross-article part over the first N analyses of a store."""
    from storyline.corpus import pipeline
    from storyline.export import write_json
    from storyline.report import write_report
    from storyline.store import open_store

    with open_store(db) as store:
        analyses = list(store.iter_analyses())
    spent: dict[str, float] = {}

    def timed(name: str, fn: Any) -> Any:
        def run(*args: Any, **kwargs: Any) -> Any:
            start = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - start

        return run

    for name in CORPUS_PARTS:
        if hasattr(pipeline, name):
            setattr(pipeline, name, timed(name, getattr(pipeline, name)))
    rows = []
    for n in sizes:
        spent.clear()
        start = time.process_time()
        result = pipeline.build_result(analyses[:n])  # stories in one pass, as a first run
        total = time.process_time() - start
        with tempfile.TemporaryDirectory() as out:
            begun = time.process_time()
            write_json(result, Path(out))
            write_report(result, Path(out))
            spent["writing (not in total)"] = time.process_time() - begun
        rows.append((min(n, len(analyses)), total, dict(spent)))
        print(json.dumps({"articles": rows[-1][0], "total_cpu_s": total, **spent}), flush=True)
    names = [k for k in (*CORPUS_PARTS, "writing (not in total)") if any(k in r[2] for r in rows)]
    print("\npart" + "".join(f"{r[0]:>10d}" for r in rows) + "   growth")
    for name in [*names, "total"]:
        vals = [r[1] if name == "total" else r[2].get(name, 0.0) for r in rows]
        growth = f"{vals[-1] / vals[0]:7.1f}x" if vals[0] > 0 else "      -"
        print(f"{name:18}" + "".join(f"{v:10.2f}" for v in vals) + "  " + growth)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_engine":
        corpus, engine, workers = Path(sys.argv[2]), sys.argv[3], int(sys.argv[4])
        print(json.dumps(run_engine_once(corpus, engine, workers)))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "_analyze":
        where, out, count, kind = sys.argv[2:6]
        print(json.dumps(run_analyze_once(Path(where), Path(out), int(count), kind)))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    eng = sub.add_parser("engines", help="local x1, local x2, dask x2 on one corpus")
    eng.add_argument("--articles", type=int, default=400)
    eng.add_argument("--repeats", type=int, default=2)
    grow = sub.add_parser("growth", help="analyze end to end at growing sizes")
    grow.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 10000])
    grow.add_argument("--workers", type=int, default=2)
    grow.add_argument("--engine", default="local", choices=["local", "dask"])
    parts = sub.add_parser("parts", help="CPU time of each cross-article part, by size")
    parts.add_argument("db", type=Path, help="a store made by the growth benchmark")
    parts.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000])
    args = parser.parse_args()
    if not POLNEAR.is_dir() or not ECBPLUS.is_dir():
        sys.exit("../shared/data/polnear and ../shared/data/ecbplus must be beside the project")
    WORK.mkdir(parents=True, exist_ok=True)
    import storyline

    print(f"storyline code: {Path(storyline.__file__).parent}", flush=True)
    if args.command == "engines":
        bench_engines(args.articles, args.repeats)
    elif args.command == "parts":
        bench_parts(args.db, args.sizes)
    else:
        bench_growth(args.sizes, args.workers, args.engine)


if __name__ == "__main__":
    main()
