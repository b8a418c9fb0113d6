from __future__ import annotations

import json
from pathlib import Path

from storyline.export import contract_problems, contract_schema, write_json
from storyline.model import Article, Entity, Result, Span


def _result() -> Result:
    text = "Harbour master Ines Tolle said the quay would reopen."
    return Result(
        articles=[
            Article(
                id="a1",
                source="a1.txt",
                text=text,
                published="2031-04-03",
                published_precision="day",
            )
        ],
        entities=[
            Entity(
                "person:ines-tolle",
                "Ines Tolle",
                "PERSON",
                ["Ines Tolle"],
                ["harbour master"],
                [Span("a1", 15, 25, "Ines Tolle")],
            )
        ],
    )


def test_schema_ships_with_the_package() -> None:
    schema = contract_schema()
    assert set(schema["required"]) == {
        "articles",
        "entities",
        "quotes",
        "timexes",
        "figures",
        "events",
        "stories",
        "briefing",
        "duplicates",
    }


def test_written_file_holds_the_contract(tmp_path: Path) -> None:
    path = write_json(_result(), tmp_path / "out")
    doc = json.loads(path.read_text("utf-8"))
    assert contract_problems(doc) == []
    assert doc["articles"][0]["published_precision"] == "day"
    assert doc["entities"][0]["mentions"][0]["text"] == "Ines Tolle"


def test_offsets_that_do_not_match_the_text_are_caught() -> None:
    doc = _result().to_contract()
    doc["entities"][0]["mentions"][0]["start"] = 14
    problems = contract_problems(doc)
    assert problems and "does not match" in problems[0]


def test_schema_violations_are_caught() -> None:
    doc = _result().to_contract()
    doc["articles"][0]["published"] = "3 April"
    del doc["quotes"]
    problems = contract_problems(doc)
    assert any("published" in p for p in problems)
    assert any("quotes" in p for p in problems)


def test_an_id_given_twice_is_caught() -> None:
    doc = _result().to_contract()
    doc["entities"].append(dict(doc["entities"][0]))
    problems = contract_problems(doc)
    assert problems == ["entities: id 'person:ines-tolle' is given to more than one item"]
