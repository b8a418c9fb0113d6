"""Figure extraction and grouping: precision and recall against annotated articles.

Three sets:
- ``figures_invented.json``: invented articles (our own text) with their figures,
  used while developing;
- ``figures_dev2.json``: invented articles first used as a held-out set, then
  for development (its ``about`` gives the score before);
- ``figures_heldout.json``: invented articles written after the code was frozen;
  its ``about`` records the one truly held-out score (later fixes saw it);
- ``figures_heldout2.json``: invented articles (a wildfire) written before the
  grouping rework of issue 6 and scored once before and once after it;
- ``figures_heldout3.json``: invented articles (three stories, each article names its
  ``story``; grouped per story as the pipeline does), written before the session-3
  grouping changes and scored once at their end (now used for development);
- ``figures_heldout4.json``: the same kind (dam burst, rail strike, water outbreak),
  written before the session-3 "figures2" changes, scored once at their end; only
  scored when named in ``--sets``;
- ``figures_gold.json``: the five seed articles, annotated by file, offsets and
  values only; their text is read from ``../shared/corpus/seeds`` at run time.

Extraction: a predicted figure is right when its span overlaps a gold figure's and
value and unit agree ("strict"); "span" counts overlap alone. Grouping: pairwise
precision/recall over figures matched to gold (two figures in one predicted group
vs. one gold group), and whether each gold group of 2+ figures gets the right kind
(development / disagreement / consistent).

    .venv/bin/python benchmarks/bench_figures.py [--show] [--sets invented,dev2,...]

Growth: ``--growth A/storyline.json B/storyline.db ...`` times ``group_figures`` (CPU
seconds) on the articles, entity mentions, stories and figures of earlier runs' outputs
(e.g. the 1k and 4k outputs of ``bench_scale.py growth``; a ``storyline.db`` store is
read with its stored stories), with and without the stories, and prints the candidate
pairs scored (the work, free of the machine's load); ``--replicate 2`` doubles every
story with copies of its articles. ``--synthetic 1000 10000`` times one invented story
of that many articles, held in memory. ``--regroup STORE`` prints the groups that
``group_figures`` makes of a pipeline output's figures (e.g. the seeds' run).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storyline.article.entities import extract_mentions
from storyline.article.figures import extract_figures
from storyline.article.nlp import load_pipeline
from storyline.corpus.figure_blocks import candidate_pairs
from storyline.corpus.figures import FigureGroup, FigureValue, agree, group_figures
from storyline.model import Article, ArticleAnalysis, Figure, Story

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent.parent / "shared" / "corpus" / "seeds"


@dataclass
class Gold:
    article: str
    start: int
    end: int
    value: float
    unit: str | None
    qualifier: str | None
    group: str
    high: float | None = None


Loaded = tuple[list[Article], list[Gold], list[Story] | None]


def load_invented(name: str = "figures_invented.json") -> Loaded:
    data = json.loads((HERE / name).read_text(encoding="utf-8"))
    articles, gold = [], []
    story_members: dict[str, list[str]] = defaultdict(list)
    for a in data["articles"]:
        if "story" in a:
            story_members[a["story"]].append(a["id"])
        articles.append(
            Article(
                id=a["id"],
                source=f"invented:{a['id']}",
                text=a["text"],
                outlet=a["outlet"],
                published=a["published"],
                published_precision="day",
            )
        )
        for f in a["figures"]:
            gold.append(
                Gold(
                    a["id"],
                    f["start"],
                    f["end"],
                    f["value"],
                    f["unit"],
                    f["qualifier"],
                    f["group"],
                    f.get("high"),
                )
            )
    # Sets whose articles name their story are grouped per story, as the pipeline does.
    stories = [Story(sid, sid, aids) for sid, aids in story_members.items()] or None
    return articles, gold, stories


def load_seeds() -> Loaded | None:
    if not SEEDS.is_dir():
        return None
    data = json.loads((HERE / "figures_gold.json").read_text(encoding="utf-8"))
    articles, gold = [], []
    for a in data["articles"]:
        text = (SEEDS / a["file"]).read_text(encoding="utf-8")
        aid = a["file"].split("_")[0]
        articles.append(
            Article(
                id=aid,
                source=str(SEEDS / a["file"]),
                text=text,
                outlet=a["outlet"],
                published=a["published"],
                published_precision="day",
            )
        )
        for f in a["figures"]:
            gold.append(
                Gold(
                    aid,
                    f["start"],
                    f["end"],
                    f["value"],
                    f["unit"],
                    f["qualifier"],
                    f["group"],
                    f.get("high"),
                )
            )
    return articles, gold, None


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def score(
    articles: list[Article],
    gold: list[Gold],
    stories: list[Story] | None,
    nlp: Any,
    show: bool,
) -> dict[str, Any]:
    started = time.perf_counter()
    analyses = []
    for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True):
        analyses.append(
            ArticleAnalysis(
                article=article,
                mentions=extract_mentions(doc, article),  # places, as in the pipeline
                figures=extract_figures(doc, article),
            )
        )
    figures = [f for an in analyses for f in an.figures]
    groups = group_figures(figures, analyses, stories)
    elapsed = time.perf_counter() - started

    # match predictions to gold (one-to-one, by overlap)
    match: dict[str, Gold] = {}
    used: set[int] = set()
    span_hits = 0
    for f in figures:
        for k, g in enumerate(gold):
            if k in used or g.article != f.article or f.end <= g.start or g.end <= f.start:
                continue
            used.add(k)
            span_hits += 1
            if (
                math.isclose(f.value, g.value, rel_tol=1e-6)
                and f.unit == g.unit
                and (
                    f.high == g.high
                    or (
                        f.high is not None
                        and g.high is not None
                        and math.isclose(f.high, g.high, rel_tol=1e-6)
                    )
                )
            ):
                match[f.id] = g
            break
    strict = len(match)
    qual_ok = sum(1 for fid, g in match.items() if _figure(figures, fid).qualifier == g.qualifier)

    # grouping, pairwise over matched figures
    matched = sorted(match)
    tp = fp = fn = 0
    for x, a in enumerate(matched):
        for b in matched[x + 1 :]:
            same_pred = _figure(figures, a).group == _figure(figures, b).group
            same_gold = match[a].group == match[b].group
            tp += same_pred and same_gold
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    kinds_ok, kinds_total, kind_rows = _kinds(gold, match, figures, groups, articles)

    result = {
        "articles": len(articles),
        "gold_figures": len(gold),
        "predicted_figures": len(figures),
        "extraction_strict": {"precision": _ratio(strict, len(figures)),
                              "recall": _ratio(strict, len(gold))},
        "extraction_span": {"precision": _ratio(span_hits, len(figures)),
                            "recall": _ratio(span_hits, len(gold))},
        "qualifier_accuracy": _ratio(qual_ok, strict),
        "grouping_pairs": {"tp": tp, "fp": fp, "fn": fn,
                           "precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn)},
        "group_kind_accuracy": _ratio(kinds_ok, kinds_total),
        "gold_groups_2plus": kinds_total,
        "seconds": round(elapsed, 2),
    }  # fmt: skip
    if show:
        _show(figures, groups, match, kind_rows)
    return result


def _figure(figures: list[Figure], fid: str) -> Figure:
    return next(f for f in figures if f.id == fid)


def _gold_kind(members: list[Gold], articles: list[Article]) -> str:
    dates = {a.id: a.published for a in articles}
    units: dict[str | None, int] = defaultdict(int)
    for g in members:
        units[g.unit] += 1
    main = max(units, key=lambda u: units[u])
    vals = [
        FigureValue(
            "",
            g.article,
            None,
            dates[g.article],
            g.value,
            g.unit,
            None,
            "",
            g.value if g.high is not None else None,
            g.high,
        )
        for g in members
        if g.unit == main
    ]
    dis = any(
        a.date == b.date and not agree(a, b) for x, a in enumerate(vals) for b in vals[x + 1 :]
    )
    dev = any(
        a.date != b.date and not agree(a, b) for x, a in enumerate(vals) for b in vals[x + 1 :]
    )
    return {
        (True, True): "development and disagreement",
        (True, False): "development",
        (False, True): "disagreement",
        (False, False): "consistent",
    }[(dev, dis)]


def _kinds(
    gold: list[Gold],
    match: dict[str, Gold],
    figures: list[Figure],
    groups: list[FigureGroup],
    articles: list[Article],
) -> tuple[int, int, list[tuple[str, str, str]]]:
    by_group: dict[str, list[Gold]] = defaultdict(list)
    for g in gold:
        by_group[g.group].append(g)
    gid_of = {id(g): fid for fid, g in match.items()}
    group_by_id = {g.id: g for g in groups}
    ok = total = 0
    rows = []
    for name, members in sorted(by_group.items()):
        if len(members) < 2:
            continue
        total += 1
        expected = _gold_kind(members, articles)
        fids = [gid_of[id(g)] for g in members if id(g) in gid_of]
        pred_groups = {_figure(figures, f).group for f in fids}
        got = (
            "split"
            if len(pred_groups) != 1 or len(fids) != len(members)
            else group_by_id[pred_groups.pop()].kind
        )
        ok += got == expected
        rows.append((name, expected, got))
    return ok, total, rows


def _show(
    figures: list[Figure],
    groups: list[FigureGroup],
    match: dict[str, Gold],
    kind_rows: list[tuple[str, str, str]],
) -> None:
    for f in figures:
        mark = "ok " if f.id in match else "-- "
        print(
            f"  {mark}{f.id:10} {f.text!r:24} value={f.value:<10g} unit={f.unit!s:9} "
            f"qualifier={f.qualifier!s:16} measure={f.measure!r}"
        )
    for g in groups:
        if len(g.figures) > 1:
            vals = "; ".join(
                f"{v.date} {v.outlet}: {v.text} ({v.qualifier or '-'})" for v in g.values
            )
            print(f"  group [{g.kind}] {g.measure!r}: {vals}")
    for name, expected, got in kind_rows:
        print(f"  gold group {name}: expected {expected}, got {got}")


SETS: dict[str, Callable[[], Loaded | None]] = {
    "invented": load_invented,
    "dev2": lambda: load_invented("figures_dev2.json"),
    "heldout": lambda: load_invented("figures_heldout.json"),
    "heldout2": lambda: load_invented("figures_heldout2.json"),
    "seeds": load_seeds,
    "heldout3": lambda: load_invented("figures_heldout3.json"),
    "heldout4": lambda: load_invented("figures_heldout4.json"),
}
# heldout4 is held out: scored only when named in --sets.
DEFAULT_SETS = [name for name in SETS if name != "heldout4"]


def _replicate(data: dict[str, Any], times: int) -> dict[str, Any]:
    """``times`` copies of every article (new ids) in the same stories: bigger stories."""
    if times <= 1:
        return data
    out: dict[str, Any] = {"articles": [], "figures": [], "entities": [], "stories": []}
    for r in range(times):

        def rid(x: str, r: int = r) -> str:
            return x if r == 0 else f"{x}~{r}"

        out["articles"] += [a | {"id": rid(a["id"])} for a in data["articles"]]
        out["figures"] += [
            f | {"id": rid(f["id"]), "article": rid(f["article"])} for f in data["figures"]
        ]
        out["entities"] += [
            e | {"mentions": [m | {"article": rid(m["article"])} for m in e["mentions"]]}
            for e in data["entities"]
        ]
    out["stories"] = [
        s | {"articles": [f"{a}~{r}" if r else a for r in range(times) for a in s["articles"]]}
        for s in data["stories"]
    ]
    return out


def _read_store(path: str) -> dict[str, Any]:
    """A pipeline output as a dict: ``storyline.json``, or a ``storyline.db`` store."""
    if path.endswith(".db"):
        from storyline import codec
        from storyline.store.database import open_store

        store = open_store(path)
        try:
            result = store.load_result()
        finally:
            store.close()
        return {
            "articles": [codec.to_dict(a) for a in result.articles],
            "figures": [codec.to_dict(f) for f in result.figures],
            "entities": [codec.to_dict(e) for e in result.entities],
            "stories": [codec.to_dict(s) for s in result.stories],
        }
    data: dict[str, Any] = json.loads(Path(path).read_text(encoding="utf-8"))
    return data


def _store_inputs(
    data: dict[str, Any],
) -> tuple[list[ArticleAnalysis], list[Story], list[dict[str, Any]]]:
    """Analyses (article + entity mentions), stories and raw figures of a pipeline output."""
    from storyline.model import EntityMention

    keys = ("id", "source", "text", "outlet", "published", "published_precision")
    arts = [Article(**{k: a[k] for k in keys}) for a in data["articles"]]
    mentions: dict[str, list[EntityMention]] = defaultdict(list)
    for e in data["entities"]:
        for m in e["mentions"]:
            mentions[m["article"]].append(
                EntityMention(m["article"], m["start"], m["end"], e["name"], e["type"])
            )
    stories = [Story(s["id"], s["title"], s["articles"]) for s in data["stories"]]
    analyses = [ArticleAnalysis(article=a, mentions=mentions[a.id]) for a in arts]
    return analyses, stories, data["figures"]


_FIGURE_KEYS = ("id", "article", "start", "end", "text", "value", "unit", "measure", "date",
                "qualifier", "low", "high")  # fmt: skip


def _cpu() -> float:
    return time.process_time()


def growth(paths: list[str], replicate: int = 1) -> dict[str, Any]:
    """Time group_figures on the outputs of earlier runs (see the module docstring)."""
    out: dict[str, Any] = {}
    for path in paths:
        analyses, stories, raw = _store_inputs(_replicate(_read_store(path), replicate))
        row: dict[str, Any] = {"articles": len(analyses), "figures": len(raw)}
        largest = max((len(s.articles) for s in stories), default=0)
        row["largest story (articles)"] = largest
        for name, given in (("with stories", stories), ("without stories", None)):
            figures = [Figure(**{k: f[k] for k in _FIGURE_KEYS}) for f in raw]
            wall, cpu = time.perf_counter(), _cpu()
            groups = group_figures(figures, analyses, given)
            row[f"cpu seconds {name}"] = round(_cpu() - cpu, 2)
            row[f"wall seconds {name}"] = round(time.perf_counter() - wall, 2)
            row[f"pairs {name}"] = candidate_pairs(figures, analyses, given)
            row[f"groups of 2+ {name}"] = sum(len(g.figures) > 1 for g in groups)
        out[path + (f" x{replicate}" if replicate > 1 else "")] = row
    return out


def regroup(path: str) -> None:
    """Print the groups of 2+ that group_figures makes of a pipeline output's figures."""
    analyses, stories, raw = _store_inputs(_read_store(path))
    figures = [Figure(**{k: f[k] for k in _FIGURE_KEYS}) for f in raw]
    for g in group_figures(figures, analyses, stories):
        if len(g.figures) > 1:
            vals = "; ".join(
                f"{v.date} {v.outlet}: {v.text} ({v.qualifier or '-'})" for v in g.values
            )
            print(f"  group [{g.kind}] {g.measure!r}: {vals}")


_SYNTHETIC = [
    ("Some {n} ships were waiting off Kessmouth on {d}.", "ships waiting off Kessmouth", None),
    ("About {n} dockers walked out at Kessmouth, the union said.", "dockers walking out", None),
    ("The strike has cost £{n} million so far, the port said.", "strike", "GBP"),
    ("Officials put the number of vessels at anchor at {n}.", "vessels at anchor", None),
    ("Around {n} lorry drivers were laid off by haulage firms.", "lorry drivers laid off", None),
    ("The union wants a {n}% rise, managers said.", "rise", "%"),
]


def synthetic(sizes: list[int], copies: int = 3) -> dict[str, Any]:
    """Time group_figures on one invented story of N articles (in memory).

    Each article takes two sentences from a few templates with a value that drifts
    by day, and every article is carried by ``copies`` outlets word for word, as
    syndicated copy is: a big story repeats the same figures many times.
    """
    out: dict[str, Any] = {}
    for size in sizes:
        analyses: list[ArticleAnalysis] = []
        figures: list[Figure] = []
        for k in range(size):
            day = 1 + (k // copies) % 28
            parts: list[str] = []
            figs: list[tuple[int, int, int, str | None, str]] = []
            for t in range(2):
                template, measure, unit = _SYNTHETIC[(k // copies + t) % len(_SYNTHETIC)]
                value = 20 + (k // copies) % 40 + 3 * t
                offset = sum(len(p) + 1 for p in parts)
                sentence = template.format(n=value, d=f"{day} May")
                start = offset + sentence.index(str(value))
                parts.append(sentence)
                figs.append((start, start + len(str(value)), value, unit, measure))
            text = " ".join(parts)
            art = Article(id=f"s{k}", source="synthetic", text=text, outlet=f"Outlet {k % copies}",
                          published=f"2026-05-{day:02d}", published_precision="day")  # fmt: skip
            analyses.append(ArticleAnalysis(article=art))
            for n, (start, end, value, unit, measure) in enumerate(figs):
                figures.append(Figure(f"s{k}:f{n}", art.id, start, end, text[start:end], value,
                                      unit, measure, art.published))  # fmt: skip
        story = [Story("st", "synthetic", [a.article.id for a in analyses])]
        cpu = _cpu()
        groups = group_figures(figures, analyses, story)
        row = {"figures": len(figures), "cpu seconds": round(_cpu() - cpu, 2),
               "groups of 2+": sum(len(g.figures) > 1 for g in groups),
               "pairs": candidate_pairs(figures, analyses, story)}  # fmt: skip
        out[f"{size} articles in one story"] = row
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print every figure and group")
    parser.add_argument(
        "--sets",
        default=",".join(DEFAULT_SETS),
        help=f"comma-separated sets to score (default: {', '.join(DEFAULT_SETS)}; "
        "heldout4 only when named)",
    )
    parser.add_argument(
        "--growth",
        nargs="+",
        metavar="STORYLINE_JSON",
        help="time group_figures on earlier runs' storyline.json files",
    )
    parser.add_argument(
        "--replicate",
        type=int,
        default=1,
        help="with --growth: copies of each article, in the same stories",
    )
    parser.add_argument(
        "--synthetic",
        nargs="+",
        type=int,
        metavar="N",
        help="time group_figures on one invented story of N articles",
    )
    parser.add_argument(
        "--regroup",
        metavar="STORE",
        help="print the figure groups of a pipeline output (json or db)",
    )
    args = parser.parse_args(argv)
    if args.synthetic:
        json.dump(synthetic(args.synthetic), sys.stdout, indent=1)
        print()
        return 0
    if args.regroup:
        regroup(args.regroup)
        return 0
    if args.growth:
        json.dump(growth(args.growth, args.replicate), sys.stdout, indent=1)
        print()
        return 0
    nlp = load_pipeline()
    report: dict[str, Any] = {}
    for name in args.sets.split(","):
        if name not in SETS:
            parser.error(f"unknown set {name!r}")
        loaded = SETS[name]()
        if loaded is None:
            print(f"{name}: skipped (../shared/corpus/seeds not found)")
            continue
        if args.show:
            print(f"== {name}")
        report[name] = score(*loaded, nlp=nlp, show=args.show)
    json.dump(report, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
