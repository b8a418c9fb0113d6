"""Writing ``storyline.json`` and checking it against the schema that ships with the package."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path
from typing import Any

from storyline.model import Result

SCHEMA_FILE = "storyline.schema.json"


def contract_schema() -> dict[str, Any]:
    """The JSON Schema of ``storyline.json``."""
    text = resources.files("storyline.schema").joinpath(SCHEMA_FILE).read_text("utf-8")
    return dict(json.loads(text))


def contract_problems(document: dict[str, Any]) -> list[str]:
    """Everything in ``document`` that breaks the contract (empty when it holds).

    Beyond the schema: ids are unique within each list, offsets must lie inside the
    article named, and ``text[start:end]`` must equal the item's ``text`` wherever
    both are present.
    """
    import jsonschema

    validator = jsonschema.Draft202012Validator(contract_schema())
    problems = [
        f"{'/'.join(str(p) for p in err.absolute_path)}: {err.message}"
        for err in validator.iter_errors(document)
    ]
    if problems:
        return problems
    texts = {a["id"]: a["text"] for a in document["articles"]}

    def check(where: str, item: dict[str, Any]) -> None:
        text = texts.get(item["article"])
        if text is None:
            problems.append(f"{where}: unknown article {item['article']!r}")
        elif not 0 <= item["start"] <= item["end"] <= len(text):
            problems.append(f"{where}: offsets {item['start']}:{item['end']} outside the article")
        elif "text" in item and text[item["start"] : item["end"]] != item["text"]:
            problems.append(f"{where}: text does not match the article at its offsets")

    for key, items in document.items():
        ids = [item["id"] for item in items if isinstance(item, dict) and "id" in item]
        for dup in sorted({i for i in ids if ids.count(i) > 1}):
            problems.append(f"{key}: id {dup!r} is given to more than one item")
    for i, art in enumerate(document["articles"]):
        for j, dmg in enumerate(art["damage"]):
            if not 0 <= dmg["start"] <= dmg["end"] <= len(art["text"]):
                problems.append(f"articles/{i}/damage/{j}: offsets outside the article")
    for i, ent in enumerate(document["entities"]):
        for j, m in enumerate(ent["mentions"]):
            check(f"entities/{i}/mentions/{j}", m)
    for key in ("quotes", "timexes", "figures"):
        for i, item in enumerate(document[key]):
            check(f"{key}/{i}", item)
    for i, ev in enumerate(document["events"]):
        for j, m in enumerate(ev["mentions"]):
            check(f"events/{i}/mentions/{j}", m)
    for i, line in enumerate(document["briefing"]):
        for j, c in enumerate(line["citations"]):
            check(f"briefing/{i}/citations/{j}", c)
    return problems


def write_json(result: Result, out_dir: Path) -> Path:
    """Write ``out_dir/storyline.json`` atomically (a reader never sees half a file)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "storyline.json"
    tmp = path.with_suffix(".json.tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        json.dump(result.to_contract(), fh, ensure_ascii=False, indent=1)
        fh.write("\n")
    os.replace(tmp, path)
    return path
