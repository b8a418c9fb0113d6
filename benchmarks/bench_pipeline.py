"""Foundation benchmark: per-article throughput, caching, workers, memory.

    .venv/bin/python benchmarks/bench_pipeline.py [--articles 300] [--memory]

On the PolNeAR texts (../shared/data/polnear, train + dev), in one run:
- spaCy ``nlp.pipe`` alone vs storyline's per-article stage (clean + spaCy +
  extractors) on the same texts: articles/s, words/s and the ratio (goal <= 1.3);
- ``storyline analyze`` end to end with --workers 1 and 2 (wall time, speed-up);
- a re-run on the unchanged corpus as a share of the first run (goal <= 5 %);
- with --memory: peak RSS of the per-article stage at 1x and 10x the articles.
Timings are medians of repeated runs where cheap; the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


def polnear_rows(limit: int) -> list[dict[str, str]]:
    files = sorted((POLNEAR / "train" / "text").glob("*.txt")) + sorted(
        (POLNEAR / "dev" / "text").glob("*.txt")
    )
    rows = []
    for path in files[:limit]:
        rows.append({"id": path.stem, "text": path.read_text("utf-8")})
    return rows


def write_jsonl(rows: list[dict[str, str]], path: Path, repeat: int = 1) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for r in range(repeat):
            for row in rows:
                # A per-copy id and marker keep copies distinct for the cache.
                item = dict(row)
                if repeat > 1:
                    item = {"id": f"{row['id']}~{r}", "text": f"{row['text']}\n\nCopy {r}."}
                fh.write(json.dumps(item) + "\n")
    return path


def time_spacy_alone(texts: list[str], repeats: int) -> float:
    from storyline.article.nlp import load_pipeline

    nlp = load_pipeline()
    list(nlp.pipe(texts[:5]))  # warm up
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=32):
            pass
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def time_article_stage(rows: list[dict[str, str]], repeats: int) -> float:
    from storyline.article.pipeline import analyze_documents
    from storyline.model import ArticleAnalysis, RawDocument
    from storyline.settings import Settings

    settings = Settings()
    raws = [RawDocument(source="bench", text=r["text"], format="jsonl", id=r["id"]) for r in rows]
    list(analyze_documents(raws[:5], settings))  # warm up
    runs = []
    for _ in range(repeats):
        start = time.perf_counter()
        done = sum(isinstance(o, ArticleAnalysis) for o in analyze_documents(raws, settings))
        runs.append(time.perf_counter() - start)
        assert done == len(raws), f"{len(raws) - done} articles failed"
    return statistics.median(runs)


def run_cli(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(ROOT / ".venv" / "bin" / "storyline"), *args, "--quiet"],
        check=True,
        cwd=ROOT,
    )
    return time.perf_counter() - start


STAGE_ONLY = """
import json, resource, sys
from storyline.article.pipeline import analyze_documents
from storyline.model import RawDocument
from storyline.settings import Settings

def docs():
    with open(sys.argv[1], encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            yield RawDocument(source="bench", text=row["text"], format="jsonl", id=row["id"])

n = sum(1 for _ in analyze_documents(docs(), Settings()))
print(json.dumps({"articles": n, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def stage_peak_memory(path: Path) -> dict[str, int]:
    out = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-c", STAGE_ONLY, str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--memory", action="store_true", help="also measure 1x vs 10x memory")
    args = parser.parse_args()
    if not POLNEAR.is_dir():
        sys.exit("../shared/data/polnear is not beside the project")

    rows = polnear_rows(args.articles)
    texts = [r["text"] for r in rows]
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(rows)} PolNeAR articles, {words} words")

    spacy_s = time_spacy_alone(texts, args.repeats)
    stage_s = time_article_stage(rows, args.repeats)
    print(
        f"spaCy nlp.pipe alone : {spacy_s:7.2f} s  {len(rows) / spacy_s:6.1f} articles/s  "
        f"{words / spacy_s:8.0f} words/s"
    )
    print(
        f"per-article stage    : {stage_s:7.2f} s  {len(rows) / stage_s:6.1f} articles/s  "
        f"{words / stage_s:8.0f} words/s"
    )
    print(f"ratio stage / spaCy  : {stage_s / spacy_s:.3f}  (goal <= 1.3)")

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = write_jsonl(rows, work / "corpus.jsonl")
        one = run_cli(["analyze", str(corpus), "--out", str(work / "w1")])
        two = run_cli(["analyze", str(corpus), "--out", str(work / "w2"), "--workers", "2"])
        rerun = run_cli(["analyze", str(corpus), "--out", str(work / "w1")])
        print(f"analyze --workers 1  : {one:7.2f} s (end to end, model load included)")
        print(f"analyze --workers 2  : {two:7.2f} s  speed-up {one / two:.2f}x")
        print(
            f"re-run, unchanged    : {rerun:7.2f} s  = {100 * rerun / one:.1f} % of the first run "
            "(goal <= 5 %)"
        )
        if args.memory:
            small = stage_peak_memory(corpus)
            big = stage_peak_memory(write_jsonl(rows, work / "big.jsonl", repeat=10))
            print(
                f"peak RSS per-article stage: {small['articles']} articles "
                f"{small['maxrss_kb']} KiB; {big['articles']} articles "
                f"{big['maxrss_kb']} KiB; "
                f"ratio {big['maxrss_kb'] / small['maxrss_kb']:.2f}"
            )
    print(
        f"cpu count {os.cpu_count()}; maxrss of this process "
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB"
    )


if __name__ == "__main__":
    main()
