"""Who carried what: storyline.corpus.sources (data objects only)."""

from __future__ import annotations

from storyline.corpus.sources import compare_sources, outlet_of
from storyline.model import (
    Article,
    DuplicateSet,
    Event,
    EventMention,
    Figure,
    Quote,
    Result,
)


def article(aid: str, outlet: str | None, url: str | None = None) -> Article:
    return Article(id=aid, source="invented", text="An invented text. " * 5, outlet=outlet, url=url)


def quote(qid: str, aid: str, group: str, text: str, speaker: str | None = None) -> Quote:
    return Quote(id=qid, article=aid, start=0, end=5, text=text, kind="direct",
                 speaker_name=speaker, group=group)  # fmt: skip


def figure(fid: str, aid: str, group: str, value: float, qualifier: str | None = None) -> Figure:
    return Figure(id=fid, article=aid, start=0, end=2, text=str(value), value=value, unit=None,
                  measure="countries in the pact", group=group, qualifier=qualifier)  # fmt: skip


def result() -> Result:
    # a1 (Corvan Herald) is the wire's story; a2 (Delta Post) runs a copy of it;
    # a3 (Valley FM) reports on its own; a4 is outside the story.
    return Result(
        articles=[article("a1", "Corvan Herald"), article("a2", "Delta Post"),
                  article("a3", "Valley FM"), article("a4", "Corvan Herald")],
        quotes=[
            quote("a1:q1", "a1", "qg1", "We will not back down", "Mara Quint"),
            quote("a2:q1", "a2", "qg1", "We will not back down", "Mara Quint"),
            quote("a3:q1", "a3", "qg2", "The talks are over", "Oren Vale"),
            quote("a3:q2", "a3", "qg1", "we will not back down", "Mara Quint"),
            quote("a4:q1", "a4", "qg9", "Unrelated words"),
        ],
        figures=[
            figure("a1:f1", "a1", "fg1", 20, "around"),
            figure("a2:f1", "a2", "fg1", 20, "around"),
            figure("a3:f1", "a3", "fg1", 24),
            figure("a3:f2", "a3", "", 12),
        ],
        events=[
            Event(id="e1", title="Pact talks in Corvan", date="2024-05-02",
                  mentions=[EventMention("a1", 0, 5), EventMention("a2", 0, 5)]),
            Event(id="e2", title="Summit", mentions=[EventMention("a4", 0, 5)]),
        ],
        duplicates=[DuplicateSet(["a1", "a2"], "syndicated", original="a1", wire="PA")],
    )  # fmt: skip


def test_items_and_outlets_that_carry_them() -> None:
    cmp = compare_sources(result(), ["a1", "a2", "a3"])
    assert cmp.articles == ["a1", "a2", "a3"]
    keys = {(i.kind, i.key): i for i in cmp.items}
    assert set(keys) == {("quote", "qg1"), ("quote", "qg2"), ("figure", "fg1"),
                         ("figure", "a3:f2"), ("event", "e1")}  # fmt: skip
    assert keys[("quote", "qg1")].outlets == {"Corvan Herald": ["a1"], "Delta Post": ["a2"],
                                              "Valley FM": ["a3"]}  # fmt: skip
    assert keys[("event", "e1")].label == "2024-05-02: Pact talks in Corvan"
    assert keys[("quote", "qg1")].label == "Mara Quint: “We will not back down”"


def test_copies_count_once() -> None:
    cmp = compare_sources(result(), ["a1", "a2", "a3"])
    keys = {(i.kind, i.key): i for i in cmp.items}
    assert keys[("quote", "qg1")].independent == 2  # the wire story (twice) and Valley FM
    assert keys[("event", "e1")].independent == 1
    assert [i.key for i in cmp.single_source] == ["e1"]
    assert [(c.articles, c.wire) for c in cmp.copies] == [(["a1", "a2"], "PA")]


def test_what_only_one_outlet_reports() -> None:
    cmp = compare_sources(result(), ["a1", "a2", "a3"])
    assert {name: [i.key for i in items] for name, items in cmp.exclusive.items()} == {
        "Valley FM": ["a3:f2", "qg2"]
    }
    valley = cmp.outlets["Valley FM"]
    assert (valley.quotes, valley.figures, valley.events) == (2, 2, 0)
    assert [i.key for i in cmp.shared] == ["e1", "fg1", "qg1"]


def test_figure_values_by_outlet_and_differences() -> None:
    cmp = compare_sources(result(), ["a1", "a2", "a3"])
    fg1 = next(i for i in cmp.items if i.key == "fg1")
    assert fg1.values == {"Corvan Herald": ["around 20"], "Delta Post": ["around 20"],
                          "Valley FM": ["24"]}  # fmt: skip
    assert [i.key for i in cmp.figure_differences] == ["fg1"]


def test_articles_outside_the_list_are_ignored() -> None:
    cmp = compare_sources(result(), ["a3", "missing"])
    assert cmp.articles == ["a3"]
    assert set(cmp.outlets) == {"Valley FM"}
    assert cmp.copies == []
    assert all(set(i.outlets) == {"Valley FM"} for i in cmp.items)
    assert compare_sources(result(), []).items == []


def test_outlet_names() -> None:
    assert outlet_of(article("x", " Delta Post ")) == "Delta Post"
    assert (
        outlet_of(article("x", None, "https://www.valleyfm.example/news/1")) == "valleyfm.example"
    )
    assert outlet_of(article("x", None)) == "unnamed outlet (invented)"
    many = Article(id="r7", source="/data/harbour/wire.jsonl", text="An invented text.")
    assert outlet_of(many) == "unnamed outlet (wire.jsonl, r7)"  # the file alone is no label
    nameless = Article(id="r8", source="", text="An invented text.")
    assert outlet_of(nameless) == "unnamed outlet (r8)"
