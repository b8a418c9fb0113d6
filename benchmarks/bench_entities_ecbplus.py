"""Cross-document coreference of people on ECB+, scored with B-cubed.

    .venv/bin/python benchmarks/bench_entities_ecbplus.py [--topics 1,2,3] [--scope topic|all]

For every ECB+ document (../shared/data/ecbplus, CAT XML) the text is rebuilt from
its tokens (one sentence a line, English spacing), keeping each token's character
offsets. ``extract_mentions`` runs on every document and ``resolve_entities`` on
each topic (``--scope topic``, default: a corpus about related stories) or on all
documents at once (``--scope all``: more chances to merge two people wrongly).

Gold: ``HUMAN_PART_PER`` markables; their chain is the ``CROSS_DOC_COREF``
instance they are linked to, else their ``INTRA_DOC_COREF`` chain. Mentions in no
relation were not annotated for coreference (ECB+ linked mentions only in selected
sentences; in topics 27-35 most person mentions are in no relation), so the main
score leaves them out; a second line counts them as singletons. A gold mention is
*found* when a mention of a predicted PERSON entity overlaps its tokens (the one
with the largest overlap wins). Reported:

- found / gold mentions (most gold mentions are pronouns and descriptions such as
  "the 33-year-old actress", which the entity stage does not claim);
- B-cubed P/R/F1 over the found, coreference-annotated mentions (the issue's
  figure): predicted chain = entity id, gold chain = instance;
- the same for a string-match baseline on the same mentions (chain = the folded
  text of the predicted mention), to show what the linking adds;
- B-cubed over found mentions with unannotated ones as singletons;
- B-cubed over all annotated gold mentions, unfound ones as singletons (strict).

Skips (exit 0) when ../shared is absent.
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ECB = ROOT.parent / "shared" / "data" / "ecbplus"

_NO_SPACE_BEFORE = {",", ".", ":", ";", "!", "?", "%", ")", "]", "}", "'s", "'", "n't", "'re",
                    "'ve", "'ll", "'d", "'m", "’s", "''", "’"}
_NO_SPACE_AFTER = {"(", "[", "{", "``", "$"}


@dataclass
class Document:
    name: str
    topic: str
    text: str
    tokens: dict[str, tuple[int, int]]  # t_id -> (start, end) in text
    gold: dict[str, set[str]] = field(default_factory=dict)  # mention key -> token ids
    chain: dict[str, str] = field(default_factory=dict)  # mention key -> gold chain
    linked: set[str] = field(default_factory=set)  # mentions in a coreference relation


def rebuild(root: ET.Element) -> tuple[str, dict[str, tuple[int, int]]]:
    """Text from the tokens: a sentence a line, no space before punctuation."""
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    sentence = None
    glue = True
    for tok in root.iter("token"):
        word = tok.text or ""
        word_out = '"' if word in ("``", "''") else word
        if sentence is not None and tok.get("sentence") != sentence:
            parts.append("\n")
            pos += 1
            glue = True
        elif not glue and word not in _NO_SPACE_BEFORE and not (
            word in ("s", "t") and parts and parts[-1] in ("’", "'")
        ):
            parts.append(" ")
            pos += 1
        sentence = tok.get("sentence")
        offsets[tok.get("t_id", "")] = (pos, pos + len(word_out))
        parts.append(word_out)
        pos += len(word_out)
        glue = word in _NO_SPACE_AFTER
    return "".join(parts), offsets


def load(path: Path) -> Document:
    root = ET.parse(path).getroot()
    text, offsets = rebuild(root)
    doc = Document(path.name, path.parent.name, text, offsets)
    markables = root.find("Markables")
    instance: dict[str, str] = {}
    if markables is not None:
        for m in markables:
            anchors = {a.get("t_id", "") for a in m.findall("token_anchor")}
            if m.tag == "HUMAN_PART_PER" and anchors:
                doc.gold[m.get("m_id", "")] = anchors
            if m.get("instance_id"):
                instance[m.get("m_id", "")] = m.get("instance_id", "")
    relations = root.find("Relations")
    if relations is not None:
        for rel in relations:
            target = rel.find("target")
            tid = target.get("m_id", "") if target is not None else ""
            chain = instance.get(tid) if rel.tag == "CROSS_DOC_COREF" else None
            chain = chain or f"{path.name}#{rel.tag}#{rel.get('r_id')}"
            for src in rel.findall("source"):
                doc.chain.setdefault(src.get("m_id", ""), chain)
                doc.linked.add(src.get("m_id", ""))
    for mid in doc.gold:
        doc.chain.setdefault(mid, f"{path.name}#{mid}")
    return doc


def b_cubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of ``pred`` against ``gold`` (same keys)."""
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for k in gold:
        by_pred[pred[k]].add(k)
        by_gold[gold[k]].add(k)
    if not gold:
        return 0.0, 0.0, 0.0
    p = r = 0.0
    for k in gold:
        both = len(by_pred[pred[k]] & by_gold[gold[k]])
        p += both / len(by_pred[pred[k]])
        r += both / len(by_gold[gold[k]])
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Maps:
    """Mention key -> chain, for the found mentions and for all gold mentions."""

    pred: dict[str, str] = field(default_factory=dict)
    gold: dict[str, str] = field(default_factory=dict)
    base: dict[str, str] = field(default_factory=dict)
    every: dict[str, str] = field(default_factory=dict)
    linked: set[str] = field(default_factory=set)

    def update(self, other: Maps) -> None:
        self.pred |= other.pred
        self.gold |= other.gold
        self.base |= other.base
        self.every |= other.every
        self.linked |= other.linked


def score_group(docs: list[Document], nlp: object) -> Maps:
    """Run the stages on ``docs`` and align predicted people to gold mentions."""
    from storyline.article.entities import extract_mentions
    from storyline.corpus.entities import resolve_entities
    from storyline.knowledge import fold
    from storyline.model import Article, ArticleAnalysis

    analyses = []
    parsed = nlp.pipe([d.text for d in docs])  # type: ignore[attr-defined]
    for d, sdoc in zip(docs, parsed, strict=True):
        article = Article(id=d.name, source=d.name, text=d.text)
        analyses.append(ArticleAnalysis(article=article, mentions=extract_mentions(sdoc, article)))
    entities = resolve_entities(analyses)
    spans: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for e in entities:
        if e.type == "PERSON":
            for s in e.mentions:
                spans[s.article].append((s.start, s.end, e.id, fold(s.text)))
    maps = Maps()
    for d in docs:
        for mid, anchors in d.gold.items():
            key = f"{d.name}#{mid}"
            maps.every[key] = d.chain[mid]
            if mid in d.linked:
                maps.linked.add(key)
            ranges = [d.tokens[t] for t in anchors if t in d.tokens]
            best: tuple[int, int, str, str] | None = None
            best_overlap = 0
            for start, end, eid, text in spans.get(d.name, []):
                overlap = sum(1 for s, e in ranges if s < end and start < e)
                if overlap > best_overlap or (
                    overlap == best_overlap and overlap and best and end - start < best[1] - best[0]
                ):
                    best, best_overlap = (start, end, eid, text), overlap
            if best is not None:
                maps.pred[key], maps.gold[key], maps.base[key] = best[2], d.chain[mid], best[3]
    return maps


def topics(selected: Iterable[str] | None) -> list[Path]:
    dirs = sorted((p for p in ECB.iterdir() if p.is_dir()), key=lambda p: int(p.name))
    if selected:
        wanted = set(selected)
        dirs = [p for p in dirs if p.name in wanted]
    return dirs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", default="", help="comma-separated topic numbers (default all)")
    parser.add_argument("--scope", choices=("topic", "all"), default="topic")
    args = parser.parse_args()
    if not ECB.is_dir():
        print(f"skipped: {ECB} not found")
        return 0

    from storyline.article.nlp import load_pipeline

    nlp = load_pipeline()
    started = time.perf_counter()
    groups: list[list[Document]] = []
    for topic in topics([t for t in args.topics.split(",") if t]):
        docs = [load(p) for p in sorted(topic.glob("*.xml"))]
        groups.append(docs)
    if args.scope == "all":
        groups = [[d for g in groups for d in g]]
    maps = Maps()
    for docs in groups:
        maps.update(score_group(docs, nlp))
    n_docs = sum(len(g) for g in groups)
    found = {k: v for k, v in maps.gold.items() if k in maps.linked}
    pred = {k: maps.pred[k] for k in found}
    base = {k: maps.base[k] for k in found}
    every = {k: v for k, v in maps.every.items() if k in maps.linked}
    strict = {k: maps.pred.get(k, f"unfound#{k}") for k in every}
    print(f"documents: {n_docs}  scope: {args.scope}  ({time.perf_counter() - started:.0f} s)")
    print(
        f"gold HUMAN_PART_PER mentions: {len(maps.every)}, in a coreference relation: "
        f"{len(every)}; found: {len(maps.gold)} ({len(found)} annotated, "
        f"{100 * len(found) / max(1, len(every)):.1f} % of annotated)"
    )
    for label, scores in (
        ("B3, found annotated mentions", b_cubed(pred, found)),
        ("string-match baseline, same mentions", b_cubed(base, found)),
        ("B3, all found (unannotated = singletons)", b_cubed(maps.pred, maps.gold)),
        ("B3, all annotated gold (unfound = singletons)", b_cubed(strict, every)),
    ):
        p, r, f = scores
        print(f"{label:46s} P {100 * p:5.1f}  R {100 * r:5.1f}  F1 {100 * f:5.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
