"""What's new since a day or a previous run: storyline.corpus.whats_new (invented story)."""

from __future__ import annotations

import pytest

from storyline.corpus.whats_new import WhatsNew, whats_new
from storyline.errors import InputFormatError
from storyline.model import Article, Result
from tests.test_briefing import build


def test_since_a_day() -> None:
    result, _ = build()
    news = whats_new(result, "2024-05-03")
    assert isinstance(news, WhatsNew)
    assert news.since == "2024-05-03"
    assert sorted(news.articles) == ["a2", "a3", "a4", "a5", "a6"]
    assert news.uncertain == []
    assert sorted(e.id for e in news.events) == ["ev-agree", "ev-held", "ev-return"]
    assert news.updated_events == []
    by_group = {q.group: q for q in news.quotes}
    # The mayor's statement spread to new outlets; it was heard before (a1).
    mayor = by_group["g-mayor"]
    assert mayor.earlier == 1 and not mayor.new_statement
    assert sorted(q.article for q in mayor.quotes) == ["a2", "a3", "a4"]
    assert mayor.outlets == ["Delta Wire", "Northgate Post", "Lakeside Times"]
    assert by_group["g-reyes"].new_statement
    assert by_group["g-reyes"].speaker_name == "Omar Reyes"
    assert "g-repairs" not in by_group  # only in the old article
    figures = {f.group: f for f in news.figures}
    homes = figures["fg-homes"]
    assert homes.changed and homes.values == [400, 400] and homes.earlier_values == [300]
    assert not figures["fg-repairs"].changed and figures["fg-repairs"].before == []
    assert [f.group for f in news.changed_figures] == ["fg-homes"]


def test_a_term_in_scare_quotes_is_no_new_statement() -> None:
    from storyline.model import Quote

    result, _ = build()
    text = result.articles[-1].text  # a5
    s = text.index("repairs")
    result.quotes.append(Quote("q-term", "a5", s, s + 7, "repairs", "partial", group="g-term"))
    news = whats_new(result, "2024-05-03")
    assert "g-term" not in {q.group for q in news.quotes}
    assert "g-reyes" in {q.group for q in news.quotes}


def test_since_a_later_day_an_event_reported_before_and_after_is_updated() -> None:
    result, _ = build()
    news = whats_new(result, "2024-05-04")
    assert sorted(news.articles) == ["a5", "a6"]
    assert [e.id for e in news.updated_events] == ["ev-held"]  # a2 before, a6 since
    assert [e.id for e in news.events] == ["ev-agree"]
    assert "fg-homes" not in {f.group for f in news.figures}


def test_since_after_everything_nothing_is_new() -> None:
    result, _ = build()
    news = whats_new(result, "2024-06-01")
    assert news.articles == [] and news.events == [] and news.quotes == [] and news.figures == []


def test_articles_without_a_day_are_uncertain_not_new() -> None:
    result, _ = build()
    result.articles.append(Article("m1", "m1.txt", "text", published="2024-05-01",
                                   published_precision="month"))  # fmt: skip
    result.articles.append(Article("m2", "m2.txt", "text"))
    result.articles.append(Article("m3", "m3.txt", "text", published="2024-04-01",
                                   published_precision="month"))  # fmt: skip
    news = whats_new(result, "2024-05-03")
    assert sorted(news.uncertain) == ["m1", "m2"]  # May straddles the day; no date at all
    assert "m3" not in news.articles and "m3" not in news.uncertain  # all of April is before


def test_since_a_previous_run() -> None:
    before, _ = build(["a1", "a2", "a3"])
    now, _ = build()
    news = whats_new(now, before)
    assert news.since == "previous run"
    assert sorted(news.articles) == ["a4", "a5", "a6"]
    assert [e.id for e in news.events] == ["ev-agree"]
    assert [e.id for e in news.updated_events] == ["ev-held"]
    groups = {q.group: q for q in news.quotes}
    assert set(groups) == {"g-mayor", "g-reyes", "g-work"}
    assert groups["g-mayor"].earlier == 3 and groups["g-mayor"].outlets == ["Lakeside Times"]
    homes = {f.group: f for f in news.figures}["fg-homes"]
    assert not homes.changed  # the copy repeats 400, which a2 had already given
    assert sorted(homes.earlier_values) == [300, 400]


def test_the_same_run_has_nothing_new() -> None:
    now, _ = build()
    news = whats_new(now, now)
    assert news.articles == [] and news.events == [] and news.quotes == [] and news.figures == []


def test_an_empty_result_degrades() -> None:
    assert whats_new(Result(), "2024-05-03") == WhatsNew("2024-05-03")
    assert whats_new(Result(), Result()).articles == []


@pytest.mark.parametrize("bad", ["yesterday", "2024-13-01", "2024-05", ""])
def test_a_bad_since_is_refused(bad: str) -> None:
    with pytest.raises(InputFormatError, match="since"):
        whats_new(Result(), bad)
