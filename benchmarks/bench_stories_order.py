"""Story clustering on ECB+ in input order and in publication order, from cached analyses.

``storyline analyze`` adds articles to stories in publication order (undated ones keep
their place after the dated one before them). This scores the default clusterer both
ways on the per-article analyses ``bench_stories_ecb.py ecb`` cached, to tell a cost of
the order apart from a cost in the pair score.

    .venv/bin/python benchmarks/bench_stories_order.py \
        benchmarks/work/stories/all/analyses-pipeline-<digest>.json [--work benchmarks/work/stories]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bench_stories_ecb import bcubed, gold_of
from storyline.codec import from_dict
from storyline.corpus.stories import StoryClusterer, publication_order
from storyline.model import ArticleAnalysis


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cache", type=Path, help="an analyses-*.json cache of bench_stories_ecb")
    parser.add_argument("--work", type=Path, default=Path("benchmarks/work/stories"))
    args = parser.parse_args()
    analyses = [from_dict(ArticleAnalysis, d) for d in json.loads(args.cache.read_text())]
    gold = gold_of(args.work / "all")
    dated = sum(1 for a in analyses if a.article.published)
    print(f"{len(analyses)} analyses, {dated} dated")
    for name, order in (("input", analyses), ("publication", publication_order(analyses))):
        clusterer = StoryClusterer()
        for analysis in order:
            clusterer.add(analysis)
        p, r, f1 = bcubed(clusterer.stories(), gold)
        print(f"{name} order: B3 P={p:.3f} R={r:.3f} F1={f1:.3f}")


if __name__ == "__main__":
    main()
