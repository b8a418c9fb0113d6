"""Near-duplicate detection: precision, recall and time on a 10,000-article corpus.

The corpus is built at run time from the texts of ``../shared/data/polnear``
(train + dev; nothing is copied into the project):

- **bases**: each polnear article once as written; further bases are 4-10
  paragraphs drawn from different articles (the corpus is no more self-similar
  at 10k than at 1k);
- **related** articles (hard negatives): half of a base's paragraphs with new
  ones, shuffled;
- **planted copies** of some bases, each altered: page furniture added ("Read
  more:", captions, newsletter prompts), paragraphs trimmed from the end or the
  start, small word edits, a new first line; some are exact copies; copies carry
  a wire credit and another outlet (syndicated) or the same outlet (updates);
- **same wire, different day**: pairs of bases credited to one wire, a day apart,
  sharing two background paragraphs: not copies.

Scores are over pairs: a predicted pair is right when both articles come from
one planted family. Timing runs ``find_duplicates`` on corpora of 1k, 5k and 10k
articles built the same way, as wall time and as this process's CPU time (the
fair measure on a shared machine).

    .venv/bin/python benchmarks/bench_duplicates.py [--sizes 1000 5000 10000] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

from storyline.corpus.duplicates import find_duplicates
from storyline.model import Article

POLNEAR = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "polnear"
OUTLETS = [
    "Daily Ledger",
    "Evening Courier",
    "Metro Star",
    "Valley Post",
    "Harbour Times",
    "Northern Echo Online",
    "City Herald",
    "The Sentinel",
]
WIRES = {"AP": "(AP) — ", "Reuters": "(Reuters) - ", "AFP": "(AFP) - ", "PA": "By PA Reporter. "}
FURNITURE = [
    "Read more: {title}", "Sign up for our daily newsletter", "Advertisement",
    "(Image: Getty Images)", "Share this article", "Don't miss: {title}",
    "Related: {title}", "Photo: Reuters", "Follow us on social media for the latest updates",
]  # fmt: skip
COPY_SHARE = 0.15  # planted copies as a share of the corpus
HARD_NEGATIVE_SHARE = 0.02


def load_texts() -> list[str]:
    texts = []
    for split in ("train", "dev"):
        for path in sorted((POLNEAR / split / "text").glob("*.txt")):
            text = path.read_text(encoding="utf-8").strip()
            if len(text) > 400:
                texts.append(text)
    return texts


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def distinct_originals(texts: list[str]) -> tuple[list[str], int]:
    """Drop texts that are already copies of each other (wire stories run twice)."""
    arts = [Article(id=str(i), source="polnear", text=t) for i, t in enumerate(texts)]
    drop: set[int] = set()
    for s in find_duplicates(arts):
        drop |= {int(a) for a in s.articles[1:]}
    return [t for i, t in enumerate(texts) if i not in drop], len(drop)


class Builder:
    def __init__(self, texts: list[str], seed: int) -> None:
        self.rng = random.Random(seed)
        self.texts = texts
        # Paragraphs for new bases: from articles of 5+ paragraphs, 80-800 characters,
        # so that no base can carry most of another article in one or two blocks.
        self.pool = [
            p for t in texts if len(paragraphs(t)) >= 5 for p in paragraphs(t) if 80 < len(p) <= 800
        ]
        self.start = date(2016, 1, 1)
        self.related: set[frozenset[str]] = set()

    def base_text(self, n: int) -> str:
        if n < len(self.texts):
            return "\n\n".join(paragraphs(self.texts[n]))
        # past the originals: paragraphs of different articles, so that the corpus
        # is no more self-similar at 10k than at 1k
        return "\n\n".join(self.rng.sample(self.pool, self.rng.randint(4, 10)))

    def related_text(self, text: str) -> str:
        """Half of ``text``'s paragraphs with new ones, shuffled: related, not a copy."""
        paras = paragraphs(text)
        keep = self.rng.sample(paras, max(1, len(paras) // 2))
        new = self.rng.sample(self.pool, max(1, len(paras) - len(keep)))
        mixed = keep + new
        self.rng.shuffle(mixed)
        return "\n\n".join(mixed)

    def alter(self, text: str) -> tuple[str, str]:
        """An altered copy of ``text`` and a note of what was done."""
        rng = self.rng
        if rng.random() < 0.1:
            return text, "exact"
        paras = paragraphs(text)
        done = []
        if rng.random() < 0.5 and len(paras) > 4:
            cut = rng.randint(1, max(1, int(len(paras) * 0.35)))
            paras = paras[:-cut] if rng.random() < 0.7 else paras[cut:]
            done.append(f"trim{cut}")
        if rng.random() < 0.7:
            for _ in range(rng.randint(1, 4)):
                line = rng.choice(FURNITURE).format(title=self._title())
                paras.insert(rng.randint(0, len(paras)), line)
            done.append("furniture")
        if rng.random() < 0.7:
            words = "\n\n".join(paras).split(" ")
            # small edits: about one word in 80, at least one
            for _ in range(rng.randint(1, max(1, len(words) // 80))):
                k = rng.randrange(len(words))
                op = rng.random()
                if op < 0.4:
                    words[k] = rng.choice(["said", "told", "the", "a", "officials", "reportedly"])
                elif op < 0.7:
                    words[k] = ""
                else:
                    words[k] = words[k][::-1]
            paras = paragraphs(" ".join(w for w in words if w))
            done.append("edits")
        if rng.random() < 0.3:
            paras.insert(0, self._title() + ".")
            done.append("headline")
        return "\n\n".join(paras), "+".join(done) or "exact"

    def _title(self) -> str:
        words = self.rng.choice(self.pool).split()[:8]
        return " ".join(words)

    def build(self, size: int) -> tuple[list[Article], dict[str, int], set[frozenset[str]], str]:
        """Articles, family of each planted article, hard-negative pairs, notes."""
        rng = self.rng
        n_copies = int(size * COPY_SHARE)
        n_hard = int(size * HARD_NEGATIVE_SHARE)
        n_related = int(size * HARD_NEGATIVE_SHARE)
        n_bases = size - n_copies - 2 * n_hard - n_related
        articles: list[Article] = []
        family: dict[str, int] = {}
        hard: set[frozenset[str]] = set()
        for n in range(n_bases):
            day = self.start + timedelta(days=rng.randrange(700))
            articles.append(
                Article(
                    id=f"b{n}",
                    source="bench",
                    text=self.base_text(n),
                    outlet=rng.choice(OUTLETS),
                    published=day.isoformat(),
                    published_precision="day",
                )
            )
        # planted copies: 60 % of families get one copy, the rest two or three
        c = 0
        fam = 0
        while c < n_copies:
            original = articles[rng.randrange(n_bases)]
            if original.id in family:
                continue
            family[original.id] = fam
            wire = rng.choice(list(WIRES)) if rng.random() < 0.6 else None
            if wire:
                original.text = WIRES[wire] + original.text
                original.outlet = wire if rng.random() < 0.5 else original.outlet
            for _ in range(min(n_copies - c, rng.choice([1, 1, 1, 2, 3]))):
                text, _note = self.alter(original.text)
                syndicated = wire is not None or rng.random() < 0.5
                outlet = (
                    rng.choice([o for o in OUTLETS if o != original.outlet])
                    if syndicated
                    else original.outlet
                )
                day = date.fromisoformat(original.published or "2016-01-01") + timedelta(
                    days=rng.choice([0, 0, 0, 1])
                )
                articles.append(
                    Article(
                        id=f"c{c}",
                        source="bench",
                        text=text,
                        outlet=outlet,
                        published=day.isoformat(),
                        published_precision="day",
                    )
                )
                family[f"c{c}"] = fam
                c += 1
            fam += 1
        # related articles: half the paragraphs of a base: not copies
        related: set[frozenset[str]] = set()
        for r in range(n_related):
            base = articles[rng.randrange(n_bases)]
            aid = f"r{r}"
            articles.append(
                Article(
                    id=aid,
                    source="bench",
                    text=self.related_text(base.text),
                    outlet=rng.choice(OUTLETS),
                    published=base.published,
                    published_precision="day",
                )
            )
            related.add(frozenset((aid, base.id)))
        # same wire, different days, shared background: not copies
        for h in range(n_hard):
            wire = rng.choice(list(WIRES))
            background = rng.sample(self.pool, 2)
            day = self.start + timedelta(days=rng.randrange(700))
            pair = []
            for k in range(2):
                own = [rng.choice(self.pool) for _ in range(4)]
                text = WIRES[wire] + "\n\n".join(own[:2] + background + own[2:])
                aid = f"h{h}-{k}"
                articles.append(
                    Article(
                        id=aid,
                        source="bench",
                        text=text,
                        outlet=wire,
                        published=(day + timedelta(days=k)).isoformat(),
                        published_precision="day",
                    )
                )
                pair.append(aid)
            hard.add(frozenset(pair))
        rng.shuffle(articles)
        self.related = related
        notes = (
            f"{n_bases} bases, {n_copies} copies, {n_related} related (half-shared), "
            f"{n_hard} same-wire other-day pairs"
        )
        return articles, family, hard, notes


def clean(articles: list[Article]) -> list[Article]:
    """Run the project's cleaner first, as the pipeline does (furniture out)."""
    from storyline.article.clean import clean_document
    from storyline.model import RawDocument
    from storyline.settings import Settings

    settings = Settings()
    out = []
    for a in articles:
        raw = RawDocument(
            source=a.id,
            text=a.text,
            format="text",
            id=a.id,
            outlet=a.outlet,
            published=a.published,
            published_precision=a.published_precision,
        )
        cleaned = clean_document(raw, settings)
        cleaned.id, cleaned.outlet = a.id, a.outlet
        cleaned.published, cleaned.published_precision = a.published, a.published_precision
        out.append(cleaned)
    return out


def score(
    articles: list[Article],
    family: dict[str, int],
    hard: set[frozenset[str]],
    related: set[frozenset[str]],
) -> dict[str, Any]:
    started, cpu_started = time.perf_counter(), time.process_time()
    sets = find_duplicates(articles)
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    gold: set[frozenset[str]] = set()
    members: dict[int, list[str]] = defaultdict(list)
    for aid, fam in family.items():
        members[fam].append(aid)
    for ids in members.values():
        gold |= {frozenset(p) for p in combinations(sorted(ids), 2)}
    predicted: set[frozenset[str]] = set()
    for s in sets:
        predicted |= {frozenset(p) for p in combinations(sorted(s.articles), 2)}
    tp = len(predicted & gold)
    originals = {aid for aid in family if aid.startswith("b")}
    lineage_ok = sum(1 for s in sets if s.original in originals)
    return {
        "articles": len(articles),
        "seconds": round(elapsed, 2),
        "cpu_seconds": round(cpu, 2),  # this process only: fair on a busy machine
        "gold_pairs": len(gold),
        "predicted_pairs": len(predicted),
        "precision": tp / len(predicted) if predicted else 0.0,
        "recall": tp / len(gold) if gold else 0.0,
        "same_wire_other_day_pairs_flagged": len(predicted & hard),
        "same_wire_other_day_pairs": len(hard),
        "related_pairs_flagged": len(predicted & related),
        "related_pairs": len(related),
        "sets": len(sets),
        "sets_with_planted_original_first": lineage_ok,
        "kinds": {
            k: sum(1 for s in sets if s.kind == k)
            for k in ("exact", "near-duplicate", "syndicated")
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 10000])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--clean",
        action="store_true",
        help="clean every article first (the pipeline's order); not timed",
    )
    args = parser.parse_args(argv)
    if not POLNEAR.is_dir():
        print("skipped: ../shared/data/polnear not found")
        return 0
    texts, dropped = distinct_originals(load_texts())
    report: dict[str, Any] = {
        "polnear_texts": len(texts),
        "polnear_copies_dropped": dropped,
        "runs": [],
    }
    for size in args.sizes:
        builder = Builder(texts, args.seed)
        articles, family, hard, notes = builder.build(size)
        if args.clean:
            articles = clean(articles)
        run = score(articles, family, hard, builder.related)
        run["cleaned_first"] = args.clean
        run["built"] = notes
        report["runs"].append(run)
        print(json.dumps(run), file=sys.stderr)
    json.dump(report, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
