"""What the entity stage adds to the per-article stage: spaCy alone vs spaCy + entities.

    .venv/bin/python benchmarks/bench_entities_speed.py [--articles 200] [--repeats 3]

On PolNeAR texts (../shared/data/polnear, train then dev): time ``nlp.pipe`` over
the texts, then the same with ``extract_mentions`` on every Doc (interleaved in
chunks of 20 articles), and the entity work alone on the parsed Docs (the cleanest
figure: no parser noise). Reports the
ratio (spaCy + entities) / spaCy; the goal is at most 1.15. Medians of repeats.
Skips (exit 0) when ../shared is absent.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"


def texts(limit: int) -> list[str]:
    files = sorted((POLNEAR / "train" / "text").glob("*.txt")) + sorted(
        (POLNEAR / "dev" / "text").glob("*.txt")
    )
    return [p.read_text("utf-8") for p in files[:limit]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    if not POLNEAR.is_dir():
        print(f"skipped: {POLNEAR} not found")
        return 0

    from storyline.article.entities import extract_mentions
    from storyline.article.nlp import load_pipeline
    from storyline.model import Article

    nlp = load_pipeline()
    corpus = texts(args.articles)
    articles = [Article(id=str(i), source="polnear", text=t) for i, t in enumerate(corpus)]
    words = sum(len(t.split()) for t in corpus)
    list(nlp.pipe(corpus[:5]))  # warm up

    # Interleave the two measurements chunk by chunk, so that load from other
    # processes on a shared machine falls on both alike.
    alone, both, extra = [], [], []
    n_mentions = 0
    chunk = 20
    for _ in range(args.repeats):
        t_alone = t_both = t_extra = 0.0
        n_mentions = 0
        for i in range(0, len(corpus), chunk):
            texts_i, arts_i = corpus[i : i + chunk], articles[i : i + chunk]
            start = time.perf_counter()
            docs = list(nlp.pipe(texts_i))
            t_alone += time.perf_counter() - start

            start = time.perf_counter()
            for doc, article in zip(nlp.pipe(texts_i), arts_i, strict=True):
                extract_mentions(doc, article)
            t_both += time.perf_counter() - start

            start = time.perf_counter()
            for doc, article in zip(docs, arts_i, strict=True):
                n_mentions += len(extract_mentions(doc, article))
            t_extra += time.perf_counter() - start
        alone.append(t_alone)
        both.append(t_both)
        extra.append(t_extra)

    t_alone, t_both, t_extra = (statistics.median(x) for x in (alone, both, extra))
    print(f"articles: {len(corpus)}  words: {words}  mentions found: {n_mentions}")
    print(f"spaCy nlp.pipe alone:        {t_alone:8.2f} s  ({words / t_alone:,.0f} words/s)")
    print(f"nlp.pipe + extract_mentions: {t_both:8.2f} s  ratio {t_both / t_alone:.3f}")
    per_article = 1000 * t_extra / len(corpus)
    ratio = (t_alone + t_extra) / t_alone
    print(
        f"extract_mentions alone:      {t_extra:8.2f} s  "
        f"({per_article:.1f} ms/article, ratio {ratio:.3f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
