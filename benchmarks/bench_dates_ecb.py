"""How many ECB+ documents storyline's reader dates, and to what precision.

ECB+ texts carry no metadata: a publication date can come only from what the page
left at the top (a dateline such as "Fri . , May . 3 , 2013 11 : 45 AM PDT" or
"05 / 02 / 2013", split into tokens) or from a URL line ("http : / / site . com /
2013 / 05 / 03 / ..."). Each document's text is rebuilt by the official scorer's own
``doc_text`` (``../shared/eval/stories_ecb.py``) and read by storyline's reader and
cleaner (:func:`storyline.ingest.read_inputs` on a JSON Lines file, then
:func:`storyline.article.clean.clean_document`), exactly as ``storyline analyze``
would. Prints the count by precision, and with ``--show N`` the first N undated
documents' leading lines, so a missed dateline can be seen.

    .venv/bin/python benchmarks/bench_dates_ecb.py [--topics 1-35] [--show 20]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from storyline.article.clean import clean_document
from storyline.errors import StorylineError
from storyline.ingest import read_inputs
from storyline.model import RawDocument
from storyline.settings import Settings

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"


def _scorer() -> object:
    spec = importlib.util.spec_from_file_location("stories_ecb", SHARED / "eval" / "stories_ecb.py")
    if spec is None or spec.loader is None:
        sys.exit(f"{SHARED / 'eval' / 'stories_ecb.py'}: scorer not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--topics", default="1-35")
    parser.add_argument("--show", type=int, default=0, help="print N undated documents' heads")
    args = parser.parse_args()
    ecb = SHARED / "data" / "ecbplus"
    if not ecb.is_dir():
        sys.exit(f"{ecb}: ECB+ not found")
    scorer = _scorer()
    docs = []
    for topic in scorer.parse_topics(args.topics):  # type: ignore[attr-defined]
        for path in sorted((ecb / str(topic)).glob("*.xml")):
            docs.append({"id": path.stem, "text": scorer.doc_text(path)})  # type: ignore[attr-defined]
    settings = Settings()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "ecb.jsonl"
        source.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        raws = [r for r in read_inputs([str(source)], settings) if isinstance(r, RawDocument)]
    counts: Counter[str] = Counter()
    undated: list[RawDocument] = []
    for raw in raws:
        try:
            precision = clean_document(raw, settings).published_precision
        except StorylineError:
            precision = None  # too short to be an article: counted as undated
        counts[precision or "undated"] += 1
        if precision is None:
            undated.append(raw)
    total = sum(counts.values())
    dated = total - counts["undated"]
    print(f"ECB+ topics {args.topics}: {dated} of {total} documents dated "
          f"(day {counts['day']}, month {counts['month']}, year {counts['year']}); "
          f"{counts['undated']} undated")  # fmt: skip
    for raw in undated[: args.show]:
        head = [line for line in raw.text.splitlines() if line.strip()][:3]
        print(f"  {raw.id or raw.source}: " + " // ".join(head)[:160])


if __name__ == "__main__":
    main()
