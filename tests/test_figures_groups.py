"""Figure groups across articles: storyline.corpus.figures (no spaCy needed)."""

from __future__ import annotations

from storyline.corpus.figure_blocks import WINDOW, candidate_pairs, candidates
from storyline.corpus.figure_items import build_items
from storyline.corpus.figure_measures import family, measure_head, stem
from storyline.corpus.figure_text import sentence_bounds
from storyline.corpus.figures import FigureValue, agree, group_figures
from storyline.model import Article, ArticleAnalysis, EntityMention, Figure, Story

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


# -- issue 6: places, increments, stories, vague amounts, bounded work ------------------------
def _art(aid: str, outlet: str, day: str, body: str, places: list[str]) -> ArticleAnalysis:
    art = Article(id=aid, source="invented", text=body, outlet=outlet, published=day,
                  published_precision="day")  # fmt: skip
    mentions = []
    start = -1
    for name in places:  # in text order
        start = body.index(name, start + 1)
        mentions.append(EntityMention(aid, start, start + len(name), name, "GPE"))
    return ArticleAnalysis(article=art, mentions=mentions)


def _fig(an: ArticleAnalysis, n: int, text: str, value: float, measure: str,
         qualifier: str | None = None, low: float | None = None,
         high: float | None = None) -> Figure:  # fmt: skip
    body = an.article.text
    start = body.index(text)
    return Figure(id=f"{an.article.id}:f{n}", article=an.article.id, start=start,
                  end=start + len(text), text=text, value=value, unit=None, measure=measure,
                  date=an.article.published, qualifier=qualifier, low=low, high=high)  # fmt: skip


def test_the_same_kind_of_count_at_another_place_stays_apart() -> None:
    # An invented ferry strike at Dunmere; a port across the sea takes the diverted ships.
    p1 = _art("p1", "Coast Post", "2026-03-02",
              "Dockers at Dunmere walked out on Monday. About 28 ships were waiting offshore "
              "for a berth, harbour officials said.", ["Dunmere"])  # fmt: skip
    p2 = _art(
        "p2",
        "Harbour Daily",
        "2026-03-02",
        "The strike at Dunmere has left 30 vessels stranded at anchor.",
        ["Dunmere"],
    )
    p3 = _art("p3", "Sund Tidende", "2026-03-03",
              "Halvik alone has handled 31 extra container ships since the Dunmere strike "
              "began. Halvik port officials said storage was running short.",
              ["Halvik", "Dunmere", "Halvik"])  # fmt: skip
    figs = [
        _fig(p1, 1, "28", 28, "ships waiting offshore", "about"),
        _fig(p2, 1, "30", 30, "vessels stranded at anchor"),
        _fig(p3, 1, "31", 31, "extra container ships"),
    ]
    group_figures(figs, [p1, p2, p3])
    members = groups_by_member(figs)
    assert members["p1:f1"] == {"p1:f1", "p2:f1"}
    assert members["p3:f1"] == {"p3:f1"}


def test_an_increment_is_not_a_total() -> None:
    c1 = _art("c1", "Fen Echo", "2026-04-01", "The trust runs four walk-in clinics.", [])
    c2 = _art(
        "c2",
        "Fen Echo",
        "2026-04-08",
        "The trust opened two more clinics, taking the number of clinics to six.",
        [],
    )
    figs = [
        _fig(c1, 1, "four", 4, "walk-in clinics"),
        _fig(c2, 1, "two", 2, "more clinics"),
        _fig(c2, 2, "six", 6, "clinics"),
    ]
    group_figures(figs, [c1, c2])
    members = groups_by_member(figs)
    assert members["c1:f1"] == {"c1:f1", "c2:f2"}
    assert members["c2:f1"] == {"c2:f1"}


def test_stories_keep_groups_apart() -> None:
    s1 = _art("s1", "Fen Echo", "2026-04-01", "Some 40 lorries were stuck on the bypass.", [])
    s2 = _art("s2", "Fen Echo", "2026-04-01", "About 40 lorries were stuck on the bypass.", [])
    figs = [_fig(s1, 1, "40", 40, "lorries stuck on bypass", "some"),
            _fig(s2, 1, "40", 40, "lorries stuck on bypass", "about")]  # fmt: skip
    assert len(group_figures(figs, [s1, s2])) == 1
    apart = [Story("st-1", "one", ["s1"]), Story("st-2", "two", ["s2"])]
    assert len(group_figures(figs, [s1, s2], apart)) == 2


def test_a_vague_amount_joins_the_figures_it_covers() -> None:
    v1 = _art("v1", "Fen Echo", "2026-05-01", "Some 3,400 residents were evacuated.", [])
    v2 = _art(
        "v2",
        "Delta Wire",
        "2026-05-01",
        "Thousands of residents were evacuated, officials said.",
        [],
    )
    figs = [
        _fig(v1, 1, "3,400", 3400, "residents evacuated", "some"),
        _fig(v2, 1, "Thousands", 1000, "residents evacuated", "thousands of", 1000, 10_000),
    ]
    groups = group_figures(figs, [v1, v2])  # fmt: skip
    assert len(groups) == 1
    assert groups[0].kind == "consistent"  # 3,400 is "thousands"


def test_candidate_pairs_grow_linearly() -> None:
    """One story, one measure word: each figure meets a bounded number of others."""

    def pairs(n_articles: int) -> tuple[int, int]:
        ans, figs = [], []
        for k in range(n_articles):
            an = _art(f"g{k}", "Fen Echo", f"2026-01-{1 + k % 28:02d}",
                      f"Officials said {100 + k} ships were waiting and {50 + k} workers "
                      "were on strike.", [])  # fmt: skip
            ans.append(an)
            figs.append(_fig(an, 1, str(100 + k), 100 + k, "ships waiting"))
            figs.append(_fig(an, 2, str(50 + k), 50 + k, "workers on strike"))
        story = [Story("st", "strike", [a.article.id for a in ans])]
        items, _ = build_items(figs, {a.article.id: a for a in ans}, {
            aid: "st" for aid in story[0].articles})  # fmt: skip
        return len(figs), len(candidates(items))

    n1, p1 = pairs(200)
    n2, p2 = pairs(800)
    assert p2 / p1 < 1.3 * (n2 / n1)  # near-linear, not quadratic (16x)
    assert p2 <= n2 * 4 * WINDOW


def test_copies_of_one_claim_do_not_crowd_out_other_wordings() -> None:
    """200 syndicated copies of one sentence and one outlet's own wording: one group.

    Scored copy by copy, the copies fill each other's windows and their average link
    to the other wording is too thin to merge; scored once per claim, it joins.
    """
    body = "About 40 ships were waiting offshore for a berth, harbour officials said."
    ans, figs = [], []
    for k in range(200):
        an = _art(f"k{k}", f"Wire {k % 7}", f"2026-03-{1 + k % 9:02d}", body, [])
        ans.append(an)
        figs.append(_fig(an, 1, "40", 40, "ships waiting offshore", "about"))
    own = _art("own", "Harbour Daily", "2026-03-20", "Some 42 vessels were stuck at anchor "
               "waiting for a berth.", [])  # fmt: skip
    ans.append(own)
    figs.append(_fig(own, 1, "42", 42, "vessels stuck at anchor", "some"))
    story = [Story("st", "strike", [a.article.id for a in ans])]
    groups = group_figures(figs, ans, story)
    assert len(groups) == 1 and len(groups[0].figures) == 201
    assert groups[0].kind == "development"  # 40 for days, then 42
    assert candidate_pairs(figs, ans, story) == 1  # one claim, one other figure
