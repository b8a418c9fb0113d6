"""Grouping rules of issue 6 (session 3): which figures count the same set (no spaCy).

Invented articles about an invented wildfire near the invented town of Brack, its
neighbour Velm, a port strike and an aid appeal; the measures are written as the
figures stage writes them for these sentences.
"""

from __future__ import annotations

from storyline.corpus.figure_measures import classes_conflict, head_classes, stem
from storyline.corpus.figure_text import (
    Sentences,
    is_aim,
    own_spans,
    past_year,
    stance,
    words_of,
)
from storyline.corpus.figures import group_figures
from storyline.model import Article, ArticleAnalysis, EntityMention, Figure


def _art(aid: str, body: str, places: tuple[str, ...] = (), outlet: str = "Fen Echo",
         day: str = "2026-06-01", label: str = "GPE") -> ArticleAnalysis:  # fmt: skip
    art = Article(id=aid, source="invented", text=body, outlet=outlet, published=day,
                  published_precision="day")  # fmt: skip
    mentions, start = [], -1
    for name in places:  # in text order
        start = body.index(name, start + 1)
        mentions.append(EntityMention(aid, start, start + len(name), name, label))
    return ArticleAnalysis(article=art, mentions=mentions)


def _fig(an: ArticleAnalysis, n: int, text: str, value: float, measure: str,
         unit: str | None = None, qualifier: str | None = None) -> Figure:  # fmt: skip
    body = an.article.text
    start = body.index(text)
    return Figure(id=f"{an.article.id}:f{n}", article=an.article.id, start=start,
                  end=start + len(text), text=text, value=value, unit=unit, measure=measure,
                  date=an.article.published, qualifier=qualifier)  # fmt: skip


def _together(figs: list[Figure], analyses: list[ArticleAnalysis]) -> bool:
    group_figures(figs, analyses)
    return len({f.group for f in figs}) == 1


# -- what is counted ------------------------------------------------------------------------
def test_people_and_evacuees_can_be_one_count() -> None:
    a1 = _art("e1", "Some 3,400 people were forced from their homes by the fire.")
    a2 = _art("e2", "The number of evacuees stood at 3,500 on Monday.", outlet="Delta Wire")
    figs = [_fig(a1, 1, "3,400", 3400, "people forced from homes", qualifier="some"),
            _fig(a2, 1, "3,500", 3500, "evacuees")]  # fmt: skip
    assert _together(figs, [a1, a2])
    assert not classes_conflict({"people"}, {"refugees"})
    assert classes_conflict({"workers"}, {"refugees"})  # specific kinds still differ
    assert classes_conflict({"people"}, {"ships"})


def test_a_nationality_counts_people() -> None:
    a1 = _art("n1", "Some 240,000 refugees who fled the war now live in Estland.")
    a2 = _art("n2", "Estland is home to about 250,000 Norvians, the ministry said.",
              outlet="Delta Wire")  # fmt: skip
    figs = [_fig(a1, 1, "240,000", 240_000, "refugees who fled war", qualifier="some"),
            _fig(a2, 1, "250,000", 250_000, "Norvians", qualifier="about")]  # fmt: skip
    assert head_classes("Norvians", after=" Norvians, the ministry said") == {"people"}
    assert head_classes("Norvians", frozenset({"norvians"})) == {"people"}  # a NORP mention
    assert head_classes("Donations to charities") == set()  # "-ons" is not a nationality
    assert head_classes("Christians") == set()  # a capitalised subject, not after the number
    assert head_classes("Ships") == {"ships"}
    assert _together(figs, [a1, a2])


def test_stems_meet_across_derivations() -> None:
    assert stem("evacuees") == stem("evacuated") == stem("evacuation") == stem("evacuate")
    assert stem("employees") == stem("employed")
    assert stem("refugees") == stem("refuge")


def test_personnel_can_be_firefighters_or_troops() -> None:
    assert head_classes("personnel on ground") == {"troops", "workers"}
    assert not classes_conflict({"workers"}, {"troops", "workers"})
    a1 = _art("p1", "About 1,800 firefighters are now deployed on the fire lines.")
    a2 = _art("p2", "The mission has 1,800 personnel on the ground.", outlet="Delta Wire")
    figs = [_fig(a1, 1, "1,800", 1800, "firefighters deployed", qualifier="about"),
            _fig(a2, 1, "1,800", 1800, "personnel on ground")]  # fmt: skip
    assert _together(figs, [a1, a2])


def test_an_offer_is_a_rise() -> None:
    a1 = _art("o1", "Halvard Logistics put forward a 4.5% increase on Monday.")
    a2 = _art("o2", "The union rejected a fresh offer of 5% within hours.", outlet="Delta Wire",
              day="2026-06-04")  # fmt: skip
    figs = [_fig(a1, 1, "4.5%", 4.5, "increase", "%"), _fig(a2, 1, "5%", 5, "offer", "%")]
    assert _together(figs, [a1, a2])


def test_a_unit_that_names_the_measure_links() -> None:
    a1 = _art("h1", "Crews said 12,000 hectares of forest had gone by Sunday.")
    a2 = _art("h2", "Satellite pictures show 14,000 hectares scorched.", outlet="Delta Wire",
              day="2026-06-03")  # fmt: skip
    figs = [_fig(a1, 1, "12,000 hectares", 12_000, "forest", "hectare"),
            _fig(a2, 1, "14,000 hectares", 14_000, "scorch", "hectare")]  # fmt: skip
    assert _together(figs, [a1, a2])


# -- the same noun, another set -------------------------------------------------------------
def test_what_is_asked_for_is_not_what_is_given() -> None:
    a1 = _art("g1", "Aid agencies appealed for $300 million to shelter the families.")
    a2 = _art("g2", "Donors have pledged $200 million to shelter the families.",
              outlet="Delta Wire")  # fmt: skip
    figs = [_fig(a1, 1, "$300 million", 3e8, "shelter families", "USD"),
            _fig(a2, 1, "$200 million", 2e8, "shelter families", "USD")]  # fmt: skip
    assert not _together(figs, [a1, a2])
    assert stance(words_of("Aid agencies appealed for")) == "asked"
    assert stance(words_of("Donors have pledged")) == "given"
    assert stance(words_of("offered what was asked")) == ""  # both: no side taken
    assert stance(words_of("Police claimed 40 were hurt, given the crowds")) == ""


def test_a_forecast_or_target_is_not_a_count() -> None:
    a1 = _art("f1", "About 55 ships were waiting at anchor off the port.")
    a2 = _art("f2", "Between 60 and 70 ships are expected to berth at the port next week.",
              outlet="Delta Wire")  # fmt: skip
    f2 = _fig(a2, 1, "60 and 70", 60, "ships expected", qualifier="between")
    f2.low, f2.high = 60, 70
    figs = [_fig(a1, 1, "55", 55, "ships waiting at anchor", qualifier="about"), f2]
    assert not _together(figs, [a1, a2])
    text = "Uptake is 81%, well short of the 95% needed to stop the spread."
    needed = Figure("x:f2", "x", text.index("95%"), text.index("95%") + 3, "95%", 95, "%", "")
    assert is_aim(set(), needed, text, "percent")
    assert is_aim(words_of("a national target of"), needed, "", "percent")
    assert not is_aim(words_of("jets targeted"), needed, "", "count")  # attacked, not aimed
    # "is expected to take two weeks" is how a duration is said, not a forecast
    assert not is_aim(words_of("is expected to take"), needed, "", "week")


# -- places ---------------------------------------------------------------------------------
def test_each_figure_keeps_its_own_words() -> None:
    text = "The fire, which has scorched 12,500 hectares and driven 3,500 residents out of Brask, is spreading."
    figs = [Figure("s:f1", "s", text.index("12,500"), text.index("12,500") + 15, "", 12_500,
                   "hectare", ""),
            Figure("s:f2", "s", text.index("3,500"), text.index("3,500") + 5, "", 3500, None, "")]  # fmt: skip
    spans = own_spans(text, figs, Sentences(text))
    assert "Brask" not in text[slice(*spans["s:f1"])]
    assert "Brask" in text[slice(*spans["s:f2"])]
    assert "scorched" in text[slice(*spans["s:f1"])]


def test_a_place_named_beside_another_figure_is_not_this_ones() -> None:
    a1 = _art("w1", "The Tolm Hills fire, which has scorched 12,500 hectares and driven "
                    "3,500 residents out of Brask, was still burning. Tolm Hills rangers "
                    "watched it.", ("Tolm Hills", "Brask", "Tolm Hills"))  # fmt: skip
    a2 = _art("w2", "The Tolm Hills fire has now burned 14,000 hectares. Brask is still empty.",
              ("Tolm Hills", "Brask"), outlet="Delta Wire", day="2026-06-02")  # fmt: skip
    figs = [_fig(a1, 1, "12,500 hectares", 12_500, "Tolm Hills fire", "hectare"),
            _fig(a2, 1, "14,000 hectares", 14_000, "Tolm Hills fire", "hectare")]  # fmt: skip
    residents = _fig(a1, 2, "3,500", 3500, "residents")  # Brask is this one's place
    group_figures([*figs, residents], [a1, a2])
    assert figs[0].group == figs[1].group


def test_the_subject_of_the_clause_names_the_place() -> None:
    a1 = _art("c1", "Crews are still fighting the wildfire near Brack. Separately, a blaze in "
                    "Velm province, 80 kilometres to the east, has forced 900 residents to leave.",
              ("Brack", "Velm"))  # fmt: skip
    a2 = _art("c2", "About 1,000 residents have been evacuated from Brack.", ("Brack",),
              outlet="Delta Wire")  # fmt: skip
    figs = [
        _fig(a1, 1, "900", 900, "residents"),
        _fig(a2, 1, "1,000", 1000, "residents evacuated from Brack", qualifier="about"),
    ]
    distance = _fig(a1, 2, "80 kilometres", 80, "east", "km")  # takes the words before it
    group_figures([*figs, distance], [a1, a2])
    assert figs[0].group != figs[1].group


def test_a_place_put_first_in_the_sentence_holds_for_all_of_it() -> None:
    a1 = _art("i1", "Crews in Brack were still at work on Sunday. In Velm, where a second fire "
                    "was put out last week, the council said 45 homes need repairs.",
              ("Brack", "Velm"))  # fmt: skip
    a2 = _art("i2", "At least 40 homes were destroyed in Brack, the council said.", ("Brack",),
              outlet="Delta Wire")  # fmt: skip
    figs = [
        _fig(a1, 1, "45", 45, "homes needing repairs"),
        _fig(a2, 1, "40", 40, "homes destroyed in Brack", qualifier="at least"),
    ]
    assert not _together(figs, [a1, a2])


def test_a_spot_the_other_article_names_apart_is_another_place() -> None:
    # both articles are about Brack; the second also names Velm, for another fire
    a1 = _art("v1", "Brack is counting the cost. The council said 45 homes need repairs in Velm, "
                    "whose fire was smaller. Brack schools reopen today.",
              ("Brack", "Velm", "Brack"))  # fmt: skip
    a2 = _art("v2", "Officials said 40 homes were destroyed. Brack crews also helped put out a "
                    "smaller fire near Velm. Brack is quiet.", ("Brack", "Velm", "Brack"),
              outlet="Delta Wire")  # fmt: skip
    figs = [_fig(a1, 1, "45", 45, "homes needing repairs in Velm"),
            _fig(a2, 1, "40", 40, "homes destroyed")]  # fmt: skip
    assert not _together(figs, [a1, a2])
    # ... but a spot inside the story's place that the other article never names may be
    # the same count ("three taken to hospital from Route 9")
    a3 = _art("v3", "Officials said 44 homes were damaged. Brack crews are tired. Brack is quiet.",
              ("Brack", "Brack"), outlet="Delta Wire")  # fmt: skip
    figs = [_fig(a1, 1, "45", 45, "homes needing repairs in Velm"),
            _fig(a3, 1, "44", 44, "homes damaged")]  # fmt: skip
    assert _together(figs, [a1, a3])


def test_a_figure_of_an_earlier_year_is_another_count() -> None:
    a1 = _art("y1", "The last strike at the port, in 2019, lasted nine days and ended with a "
                    "two-year pay deal.", day="2026-02-03")  # fmt: skip
    a2 = _art("y2", "Dockers walked out nine days ago, and talks on a two-year deal resume "
                    "today.", outlet="Delta Wire", day="2026-02-03")  # fmt: skip
    last = [_fig(a1, 1, "nine days", 9, "last strike at port", "day"),
            _fig(a1, 2, "two-year", 2, "pay deal", "year")]  # fmt: skip
    now = [_fig(a2, 1, "nine days", 9, "walk", "day"), _fig(a2, 2, "two-year", 2, "deal", "year")]
    group_figures([*last, *now], [a1, a2])
    assert last[0].group != now[0].group  # 2019's strike, this one
    assert last[1].group != now[1].group  # the 2019 deal: the year is the clause's
    text = a1.article.text
    sents = Sentences(text)
    own = own_spans(text, last, sents)
    assert past_year(text, last[1], own[last[1].id], sents, "2026-02-03") == "2019"
    assert past_year(text, last[1], own[last[1].id], sents, "2019-05-01") == ""  # same year
    assert past_year(text, last[1], own[last[1].id], sents, None) == ""


def test_a_chain_of_close_values_does_not_make_one_count() -> None:
    """5 ~ 11 and 11 ~ 20, but 5 and 20 cannot be one count: the merge is refused
    even when the pair 5-20 was never scored (in a big story it may not be)."""
    from storyline.corpus.figure_items import build_items
    from storyline.corpus.figure_link import merge_spans, spans_fit
    from storyline.corpus.figures import _cluster

    ans = [_art(f"c{k}", f"Some {v} states held votes.", day=f"2026-03-0{k + 1}")
           for k, v in enumerate((5, 11, 20))]  # fmt: skip
    figs = [_fig(an, 1, str(v), v, "states") for an, v in zip(ans, (5, 11, 20), strict=True)]
    items, _ = build_items(figs, {a.article.id: a for a in ans}, {})
    clusters = _cluster(items, {(0, 1): 0.5, (1, 2): 0.5})
    assert sorted(map(sorted, clusters)) == [[0, 1], [2]]
    assert spans_fit({None: (5, 5)}, {None: (11, 11)}, "count")
    assert not spans_fit({None: (11, 5)}, {None: (20, 20)}, "count")  # 20 against 5
    assert spans_fit({"GBP": (5, 5)}, {"EUR": (20, 20)}, "money")  # currencies apart
    assert merge_spans({None: (5, 5)}, {None: (11, 11)}) == {None: (11, 5)}
