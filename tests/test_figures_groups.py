"""Figure groups across articles: storyline.corpus.figures (no spaCy needed)."""

from __future__ import annotations

from storyline.corpus.figures import (
    FigureValue,
    agree,
    family,
    group_figures,
    measure_head,
    sentence_bounds,
    stem,
)
from storyline.model import Article, ArticleAnalysis, Figure

# An invented story: a reconstruction pact for the invented republic of Tarrow.
ARTICLES = {
    "a1": ("Corvan Herald", "2024-05-02",
           "Officials from around 20 countries took part in talks on the Tarrow reconstruction "
           "pact, the foreign ministry said. The Treasury approved a £1.8 billion loan to Tarrow. "
           "The 27 EU leaders separately backed a budget change."),
    "a2": ("Delta Wire", "2024-05-09",
           "Twenty-four countries have joined the Tarrow reconstruction pact so far, diplomats "
           "said. The loan of £1.8 billion to Tarrow will be paid in three parts."),
    "a3": ("Corvan Herald", "2024-05-20",
           "Up to 30 nations are now part of the Tarrow reconstruction pact, ministers said after "
           "the summit. Flooding closed 12 schools in the north."),
}  # fmt: skip


def fig(aid: str, n: int, text: str, value: float, unit: str | None, measure: str,
        qualifier: str | None = None) -> Figure:  # fmt: skip
    body = ARTICLES[aid][2]
    start = body.index(text)
    return Figure(id=f"{aid}:f{n}", article=aid, start=start, end=start + len(text), text=text,
                  value=value, unit=unit, measure=measure, date=ARTICLES[aid][1],
                  qualifier=qualifier)  # fmt: skip


def analyses() -> list[ArticleAnalysis]:
    return [
        ArticleAnalysis(article=Article(id=aid, source="invented", text=body, outlet=outlet,
                                        published=day, published_precision="day"))
        for aid, (outlet, day, body) in ARTICLES.items()
    ]  # fmt: skip


def figures() -> list[Figure]:
    # measures as the figures stage writes them for these sentences
    return [
        fig("a1", 1, "20", 20, None, "countries taking part", "around"),
        fig("a1", 2, "£1.8 billion", 1.8e9, "GBP", "loan to Tarrow"),
        fig("a1", 3, "27", 27, None, "EU leaders backing budget change"),
        fig("a2", 1, "Twenty-four", 24, None, "countries joined Tarrow reconstruction pact"),
        fig("a2", 2, "£1.8 billion", 1.8e9, "GBP", "loan"),
        fig("a2", 3, "three", 3, None, "parts"),
        fig("a3", 1, "30", 30, None, "nations", "up to"),
        fig("a3", 2, "12", 12, None, "schools in north"),
    ]


def groups_by_member(figs: list[Figure]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in figs:
        out.setdefault(f.group, set()).add(f.id)
    return {fid: out[f.group] for f in figs for fid in [f.id]}


def test_the_same_count_worded_differently_is_one_group() -> None:
    figs = figures()
    group_figures(figs, analyses())
    members = groups_by_member(figs)
    assert members["a1:f1"] == {"a1:f1", "a2:f1", "a3:f1"}


def test_other_figures_stay_apart() -> None:
    figs = figures()
    group_figures(figs, analyses())
    members = groups_by_member(figs)
    assert members["a1:f3"] == {"a1:f3"}  # EU leaders: same article, another value
    assert members["a3:f2"] == {"a3:f2"}
    assert members["a2:f3"] == {"a2:f3"}
    assert members["a1:f2"] == {"a1:f2", "a2:f2"}  # the loan, in two outlets


def test_every_figure_gets_a_group_and_groups_are_stable() -> None:
    first, second = figures(), figures()
    group_figures(first, analyses())
    group_figures(second, analyses())
    assert all(f.group.startswith("fg-") for f in first)
    assert [f.group for f in first] == [f.group for f in second]


def test_a_growing_count_is_a_development() -> None:
    figs = figures()
    groups = {g.figures[0]: g for g in group_figures(figs, analyses())}
    coalition = next(g for g in groups.values() if "a3:f1" in g.figures)
    assert coalition.kind == "development"
    assert coalition.development and not coalition.disagreement
    assert [v.value for v in coalition.values] == [20, 24, 30]
    assert list(coalition.by_date) == ["2024-05-02", "2024-05-09", "2024-05-20"]
    assert set(coalition.by_outlet) == {"Corvan Herald", "Delta Wire"}
    assert [v.value for v in coalition.by_outlet["Corvan Herald"]] == [20, 30]


def test_different_values_on_one_date_are_a_disagreement() -> None:
    figs = [figures()[0], figures()[3]]  # 20 and 24 countries, two outlets
    figs[1].date = figs[0].date
    only = group_figures(figs, analyses())
    assert len(only) == 1
    assert only[0].kind == "disagreement"
    assert only[0].disagreement_dates == ["2024-05-02"]
    assert not only[0].development


def test_same_value_is_consistent_and_a_lone_figure_is_single() -> None:
    groups = group_figures(figures(), analyses())
    loan = next(g for g in groups if "a1:f2" in g.figures)
    assert loan.kind == "consistent"
    schools = next(g for g in groups if "a3:f2" in g.figures)
    assert schools.kind == "single"


def test_month_precision_dates_cannot_disagree_on_a_day() -> None:
    arts = analyses()
    for a in arts:
        a.article.published_precision = "month"
        a.article.published = "2024-05-01"
    figs = [figures()[0], figures()[3]]
    for f in figs:
        f.date = "2024-05-01"
    groups = group_figures(figs, arts)
    assert len(groups) == 1
    assert list(groups[0].by_date) == ["2024-05"]
    assert not groups[0].disagreement


def test_money_in_two_currencies_in_one_article_groups_without_a_change() -> None:
    body = "The bloc could free up 420 billion euros (£350 billion) for defence spending."
    art = Article(id="m1", source="invented", text=body, outlet="Delta Wire",
                  published="2024-05-03", published_precision="day")  # fmt: skip
    s1, s2 = body.index("420"), body.index("£350")
    figs = [
        Figure("m1:f1", "m1", s1, s1 + 17, body[s1 : s1 + 17], 420e9, "EUR", "defence spending",
               "2024-05-03"),
        Figure("m1:f2", "m1", s2, s2 + 12, body[s2 : s2 + 12], 350e9, "GBP", "defence spending",
               "2024-05-03"),
    ]  # fmt: skip
    groups = group_figures(figs, [ArticleAnalysis(article=art)])
    assert len(groups) == 1 and groups[0].kind == "consistent"


def test_units_must_match() -> None:
    body = "It lasted 30 days. Some 30 countries signed."
    art = Article(id="u1", source="invented", text=body, published="2024-05-03")
    figs = [
        Figure("u1:f1", "u1", 10, 17, "30 days", 30, "day", "countries signing", "2024-05-03"),
        Figure("u1:f2", "u1", 24, 26, "30", 30, None, "countries signing", "2024-05-03"),
    ]
    assert len(group_figures(figs, [ArticleAnalysis(article=art)])) == 2


def test_helpers() -> None:
    assert stem("countries") == stem("country")
    assert stem("took") == stem("taking")
    assert measure_head("largely European countries taking part") == stem("countries")
    assert measure_head("group of nations") == stem("nations")
    assert measure_head("cost of claims") == stem("claims")
    assert measure_head("loan to Tarrow") == stem("loan")
    assert family(Figure("x", "a", 0, 1, "1", 1, "USD/week", "")) == "money/week"
    assert family(Figure("x", "a", 0, 1, "1", 1, "% of GDP", "")) == "percent"
    text = "First one here. Second sentence with 30 things! Third."
    start, end = sentence_bounds(text, text.index("30"))
    assert text[start:end] == "Second sentence with 30 things!"


def test_agree_uses_ranges() -> None:
    def v(value: float, low: float | None = None, high: float | None = None) -> FigureValue:
        return FigureValue("f", "a", None, "2024-05-02", value, None, None, "", low, high)

    assert agree(v(300), v(250, 250, 300))
    assert not agree(v(200), v(250, 250, 300))
    assert agree(v(24), v(24))
    assert not agree(v(20), v(24))
