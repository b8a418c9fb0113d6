"""Grouping rules of issue 6 (session 3, "figures2"): states, story places, named bodies.

Invented articles about an invented ferry sinking off the invented port of Dunhollow,
an invented carmaker (Brisk Motors, plants at Ashby and Coldwell) and refugees from
the invented Sarnia in the invented Pellmark; the measures are written as the
figures stage writes them for these sentences. No spaCy except where marked.
"""

from __future__ import annotations

from typing import Any

import pytest

from storyline.article.figures import extract_figures
from storyline.corpus.figure_items import build_items
from storyline.corpus.figure_measures import classes_conflict, head_classes
from storyline.corpus.figure_places import Places, StoryPlaces
from storyline.corpus.figure_sets import Bodies, named_body
from storyline.corpus.figure_text import (
    Sentences,
    count_state,
    elsewhere_more,
    own_spans,
    stance_of,
)
from storyline.corpus.figures import group_figures
from storyline.model import Article, ArticleAnalysis, EntityMention, Figure


def _art(aid: str, body: str, mentions: tuple[tuple[str, str], ...] = (),
         outlet: str = "Fen Echo", day: str = "2027-03-02") -> ArticleAnalysis:  # fmt: skip
    art = Article(id=aid, source="invented", text=body, outlet=outlet, published=day,
                  published_precision="day")  # fmt: skip
    out, start = [], -1
    for name, label in mentions:  # in text order
        start = body.index(name, start + 1)
        out.append(EntityMention(aid, start, start + len(name), name, label))
    return ArticleAnalysis(article=art, mentions=out)


def _fig(an: ArticleAnalysis, n: int, text: str, value: float, measure: str,
         unit: str | None = None, qualifier: str | None = None, nth: int = 0) -> Figure:  # fmt: skip
    body = an.article.text
    start = -1
    for _ in range(nth + 1):
        start = body.index(text, start + 1)
    return Figure(id=f"{an.article.id}:f{n}", article=an.article.id, start=start,
                  end=start + len(text), text=text, value=value, unit=unit, measure=measure,
                  date=an.article.published, qualifier=qualifier)  # fmt: skip


def _groups(figs: list[Figure], analyses: list[ArticleAnalysis]) -> dict[str, str | None]:
    group_figures(figs, analyses)
    return {f.id: f.group for f in figs}


def _state(body: str, text: str, measure: str) -> str:
    an = _art("s", body)
    fig = _fig(an, 1, text, 1.0, measure)
    return count_state(body, fig, (0, len(body)))


# -- the state of the people counted -----------------------------------------------------
def test_the_state_of_the_people_counted() -> None:
    assert _state("Twelve people remain missing.", "Twelve", "missing") == "missing"
    assert _state("Ten are missing presumed dead.", "Ten", "missing") == "missing"
    assert _state("The death toll stood at eight.", "eight", "death toll") == "dead"
    assert _state("Of the 210 on board, 190 survived.", "210", "survive") == "aboard"
    assert _state("The ship was licensed to carry 300 people.", "300", "people") == "capacity"
    assert _state("It was carrying 210 passengers, below its limit of 300.", "300",
                  "limit") == "capacity"  # fmt: skip
    assert _state("Rescuers pulled 190 survivors from the sea.", "190", "survivors") == "rescued"
    assert _state("It forced 900 people from their homes.", "900", "people") == "evacuated"
    assert _state("Some 900 people took part.", "900", "people") == ""


def test_the_dead_and_the_missing_are_other_counts_and_survivors_are_the_rescued() -> None:
    a1 = _art("d1", "Eight people are confirmed dead and 12 remain missing. Rescuers pulled "
              "190 survivors from the sea.")  # fmt: skip
    a2 = _art("d2", "The death toll stood at eight, with 12 people unaccounted for. The "
              "coastguard said 190 people had been rescued.", outlet="Delta Wire")  # fmt: skip
    a3 = _art("d3", "Of the 210 on board, 190 survived.", outlet="Sound FM")
    figs = [_fig(a1, 1, "Eight", 8, "people confirmed dead"), _fig(a1, 2, "12", 12, "missing"),
            _fig(a1, 3, "190", 190, "survivors from sea"),
            _fig(a2, 1, "eight", 8, "death toll"), _fig(a2, 2, "12", 12, "people unaccounted"),
            _fig(a2, 3, "190", 190, "people rescued"),
            _fig(a3, 1, "210", 210, "survive"), _fig(a3, 2, "190", 190, "survive")]  # fmt: skip
    g = _groups(figs, [a1, a2, a3])
    assert g["d1:f1"] == g["d2:f1"] and g["d1:f2"] == g["d2:f2"]
    assert g["d1:f1"] != g["d1:f2"]
    assert g["d1:f3"] == g["d2:f3"] == g["d3:f2"]
    assert g["d3:f1"] != g["d3:f2"]  # those aboard are not the survivors


def test_a_capacity_is_not_the_people_aboard() -> None:
    a1 = _art("c1", "The ferry sank with 310 people on board.")
    a2 = _art("c2", "The ferry was licensed to carry 400 people.", outlet="Delta Wire")
    figs = [_fig(a1, 1, "310", 310, "people on board"), _fig(a2, 1, "400", 400, "people")]
    g = _groups(figs, [a1, a2])
    assert g["c1:f1"] != g["c2:f1"]


def test_two_figures_in_a_clause_split_at_a_joining_word() -> None:
    body = "Police said seven people had died and 23 were still unaccounted for."
    an = _art("j", body)
    figs = [_fig(an, 1, "seven", 7, "people died"), _fig(an, 2, "23", 23, "unaccounted")]
    own = own_spans(body, figs, Sentences(body))
    assert body[own["j:f1"][0] : own["j:f1"][1]].endswith("had died")
    assert body[own["j:f2"][0] : own["j:f2"][1]].startswith(" and 23")


def test_a_figures_own_words_decide_what_was_asked_for() -> None:
    # the measure "pledge" was read off the clause of the other sum
    assert stance_of(" of the $300m the agency asked for.", "pledge") == "asked"
    assert stance_of(" in aid", "pledge") == "given"


# -- what is counted -------------------------------------------------------------------------
def test_kinds_of_count() -> None:
    assert head_classes("needing hospital care") == set()  # "care" is not a car
    assert head_classes("cars built") == {"vehicles"}
    assert head_classes("workforce") == {"workers"}
    assert head_classes("lifeboats joining search") == {"ships"}
    assert not classes_conflict({"jobs"}, {"workers"})  # 4,000 jobs are 4,000 staff
    assert classes_conflict({"jobs"}, {"ships"})


def test_jobs_and_staff_at_one_plant_are_one_count() -> None:
    a1 = _art("w1", "The loan protects about 4,000 jobs at Ashby.", (("Ashby", "GPE"),))
    a2 = _art("w2", "The 4,000 staff at Ashby are not affected.", (("Ashby", "GPE"),),
              outlet="Delta Wire")  # fmt: skip
    figs = [_fig(a1, 1, "4,000", 4000, "jobs at Ashby", qualifier="about"),
            _fig(a2, 1, "4,000", 4000, "staff at Ashby affected")]  # fmt: skip
    g = _groups(figs, [a1, a2])
    assert g["w1:f1"] == g["w2:f1"]


def test_members_of_a_body_named_after_the_noun_are_another_set() -> None:
    body = "Nine member states of the Northern Compact Alliance agreed to share the cost."
    fig = _fig(_art("b", body), 1, "Nine", 9, "member states of Northern Compact Alliance")
    assert named_body(fig, body, Bodies([])) == {"northern compact alliance"}
    plain = "Nine member states of the region agreed."
    fig2 = _fig(_art("b2", plain), 1, "Nine", 9, "member states of region")
    assert named_body(fig2, plain, Bodies([])) == frozenset()
    a1 = _art("m1", "Ministers from 12 donor countries met in Pellmark.")
    a2 = _art("m2", body, outlet="Delta Wire")
    figs = [
        _fig(a1, 1, "12", 12, "donor countries meeting in Pellmark"),
        _fig(a2, 1, "Nine", 9, "member states of Northern Compact Alliance agreeing"),
    ]
    g = _groups(figs, [a1, a2])
    assert g["m1:f1"] != g["m2:f1"]


def test_more_of_them_somewhere_else_is_not_an_increment() -> None:
    body = "Around 420,000 more are sheltering in Tessmark."
    fig = _fig(_art("x", body), 1, "420,000", 420_000, "sheltering in Tessmark")
    assert elsewhere_more(body, fig)
    assert not elsewhere_more(
        "Five more bodies were found.",
        _fig(_art("y", "Five more bodies were found."), 1, "Five", 5, "more bodies"),
    )
    a2 = _art("t2", body, (("Tessmark", "GPE"),))
    a3 = _art("t3", "Around 420,000 more are sheltering.")
    figs = [
        _fig(a2, 1, "420,000", 420_000, "sheltering in Tessmark", qualifier="around"),
        _fig(a3, 1, "420,000", 420_000, "sheltering", qualifier="around"),
    ]
    items, _ = build_items(figs, {"t2": a2, "t3": a3}, {})
    assert not items[0].increment  # those in Tessmark, not an addition
    assert items[1].increment  # no place: "more" may well be an addition


# -- places ----------------------------------------------------------------------------------
def test_a_name_that_is_a_place_somewhere_in_the_story_is_one_everywhere() -> None:
    a1 = _art("p1", "Pellmark has opened 14 reception centres. Pellmark is full.",
              (("Pellmark", "PERSON"), ("Pellmark", "PERSON")))  # fmt: skip
    known = StoryPlaces()
    known.add(_art("p0", "Refugees reached Pellmark and Coldwell.",
                   (("Pellmark", "GPE"), ("Coldwell", "GPE"))))  # fmt: skip
    assert Places(a1).lead == frozenset()
    assert Places(a1, known).lead == {"pellmark"}
    a2 = _art("p2", "Refugees reached Coldwell and Pellmark; Pellmark took most.")  # no mentions
    assert Places(a2, known).lead == {"pellmark"}
    assert Places(a2).lead == frozenset()


def test_a_short_form_counts_for_the_full_name() -> None:
    body = "The Serra Hills fire grew. Serra is dry. Valdo and Valdo province are calm."
    an = _art("s1", body, (("Serra Hills", "GPE"), ("Serra", "GPE"), ("Valdo", "GPE"),
                           ("Valdo province", "GPE")))  # fmt: skip
    # "Valdo province" keys as {"valdo"}: Valdo counts twice; Serra Hills + Serra twice too,
    # and the Serra Hills come first
    assert Places(an).lead == {"serra", "hills"}


def test_a_sum_is_not_at_its_articles_main_place() -> None:
    a1 = _art("l1", "The state agreed a £1.2 billion loan to Brisk Motors to keep its Ashby "
              "plant open.", (("Ashby", "GPE"),))  # fmt: skip
    a2 = _art("l2", "The £1.2bn loan is the largest of its kind. Coldwell will lose 600 jobs; "
              "Coldwell's mayor was angry.", (("Coldwell", "GPE"), ("Coldwell", "GPE")),
              outlet="Delta Wire")  # fmt: skip
    figs = [_fig(a1, 1, "£1.2 billion", 1.2e9, "loan to Brisk Motors", unit="GBP"),
            _fig(a2, 1, "£1.2bn", 1.2e9, "loan", unit="GBP"),
            _fig(a2, 2, "600", 600, "jobs")]  # fmt: skip
    g = _groups(figs, [a1, a2])
    assert g["l1:f1"] == g["l2:f1"]


# -- the figures stage's measures (spaCy) --------------------------------------------------
@pytest.mark.slow
def test_measures_of_states_and_reduced_relatives(nlp: Any) -> None:
    text = ("Eight people are confirmed dead and 12 remain missing. Ten are missing presumed "
            "dead after the storm. Donors pledged £20m of the £50m the charity had "
            "asked for.")  # fmt: skip
    art = Article(id="r1", source="invented", text=text, published="2027-03-02",
                  published_precision="day")  # fmt: skip
    found = {f.text: f.measure for f in extract_figures(nlp(text), art)}
    assert found["Eight"] == "people confirmed dead"
    assert found["12"] == "missing"
    assert found["Ten"] == "missing"
    assert found["£50m"] == "charity asked"


def test_an_as_clause_is_another_clause() -> None:
    body = "The firm will cut 600 jobs at Coldwell as it moves production to Ashby."
    an = _art("a1", body, (("Coldwell", "GPE"), ("Ashby", "GPE")))
    figs = [_fig(an, 1, "600", 600, "jobs at Coldwell")]
    items, _ = build_items(figs, {"a1": an}, {})
    assert items[0].places == {"coldwell"}
    # "as many as" is no clause
    body2 = "As many as 600 jobs at Coldwell and Ashby will go."
    an2 = _art("a2", body2, (("Coldwell", "GPE"), ("Ashby", "GPE")))
    items2, _ = build_items([_fig(an2, 1, "600", 600, "jobs")], {"a2": an2}, {})
    assert items2[0].places == {"coldwell", "ashby"}
