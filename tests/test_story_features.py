"""What the story clusterer reads of an article beyond its words and names: the time
(weekdays, months, years), the numbers that tell events apart, the lead, and who the
article is about. Invented articles (invented harbour, ferries, people); the entity
mentions and date expressions are written by hand, as the stages before would give
them, so no spaCy is needed.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from storyline.corpus.stories import StoryClusterer, cluster_stories
from storyline.corpus.story_features import PAIR_FEATURES, pair_features, time_features
from storyline.corpus.story_state import StoryConfig
from storyline.model import Article, ArticleAnalysis, EntityMention, Timex

WEEKDAYS = {"Monday": 1, "Tuesday": 2, "Wednesday": 3, "Thursday": 4, "Friday": 5,
            "Saturday": 6, "Sunday": 7}
MONTHS = {"March": "03", "October": "10"}


def make(
    article_id: str,
    text: str,
    published: str | None = None,
    people: tuple[str, ...] = (),
    places: tuple[str, ...] = ("Saltmere",),
) -> ArticleAnalysis:
    """An analysis with the named people and places and the weekday and month names of
    ``text`` as date expressions (unresolved, as for an undated article)."""
    article = Article(
        id=article_id,
        source=f"invented/{article_id}.txt",
        text=text,
        published=published,
        published_precision="day" if published else None,
    )
    mentions = []
    for name, label in [(p, "PERSON") for p in people] + [(p, "GPE") for p in places]:
        surname = name.split()[-1]
        for m in re.finditer(rf"{re.escape(name)}|\b{re.escape(surname)}\b", text):
            mentions.append(
                EntityMention(article_id, m.start(), m.end(), m.group(), label, canonical=name)
            )
    timexes = []
    for m in re.finditer("|".join(WEEKDAYS), text):
        timexes.append(
            Timex(article_id, m.start(), m.end(), m.group(), "DATE",
                  f"XXXX-WXX-{WEEKDAYS[m.group()]}")
        )
    for m in re.finditer("|".join(MONTHS), text):
        timexes.append(
            Timex(article_id, m.start(), m.end(), m.group(), "DATE", f"XXXX-{MONTHS[m.group()]}")
        )
    return ArticleAnalysis(article=article, mentions=mentions, timexes=timexes)


def clusterer_with(*analyses: ArticleAnalysis, config: StoryConfig | None = None
                   ) -> StoryClusterer:
    """A clusterer that has seen ``analyses`` (so its word statistics are set)."""
    clusterer = StoryClusterer(config)
    for a in analyses:
        clusterer.add(a)
    return clusterer


def features_of(clusterer: StoryClusterer, analysis: ArticleAnalysis) -> dict[str, float]:
    query = clusterer.query(clusterer.features(analysis))
    member = clusterer.exemplar(analysis.article.id, query)
    return dict(zip(PAIR_FEATURES, pair_features(query, member), strict=True))


def pair(clusterer: StoryClusterer, a: ArticleAnalysis, b: ArticleAnalysis) -> dict[str, float]:
    qa = clusterer.query(clusterer.features(a))
    mb = clusterer.exemplar(b.article.id, clusterer.query(clusterer.features(b)))
    return dict(zip(PAIR_FEATURES, pair_features(qa, mb), strict=True))


def score(clusterer: StoryClusterer, a: ArticleAnalysis, b: ArticleAnalysis) -> float:
    qa = clusterer.query(clusterer.features(a))
    mb = clusterer.exemplar(b.article.id, clusterer.query(clusterer.features(b)))
    return clusterer.pair_score(qa, mb)


def gap(a: ArticleAnalysis, same: ArticleAnalysis, other: ArticleAnalysis,
        without: str = "") -> float:
    """How much better ``a`` scores with ``same`` than with ``other``; ``without``: with
    the weights of the pair features whose names contain it set to zero."""
    zeroed: dict[str, Any] = {f"w_{n}": 0.0 for n in PAIR_FEATURES if without and without in n}
    config = dataclasses.replace(StoryConfig(), **zeroed)
    clusterer = clusterer_with(a, same, other, config=config)
    return score(clusterer, a, same) - score(clusterer, a, other)


RESCUE = ("Lifeboat crews rescued {n} fishermen off Saltmere on {day} after their trawler "
          "took on water in a gale. The coastguard said {n} men were brought ashore and "
          "{k} were treated for hypothermia. The harbour master said the trawler sank "
          "within minutes.")


def rescue(aid: str, n: int, k: int, day: str) -> ArticleAnalysis:
    return make(aid, RESCUE.format(n=n, k=k, day=day))


# ---------------------------------------------------------------- the time


def test_weekdays_named_are_read_and_the_first_counts_double() -> None:
    a = make("wd", "The ferry sank on Saturday. Divers went down on Monday.")
    clusterer = StoryClusterer()
    _, weekdays, _ = time_features(a, clusterer._hash)
    saturday, monday = clusterer._hash("d", "6"), clusterer._hash("d", "1")
    assert weekdays == {saturday: 2.0, monday: 1.0}


def test_a_resolved_date_gives_its_weekday_only_when_a_weekday_is_named() -> None:
    article = Article(id="r", source="invented/r.txt", text="On Tuesday and on 3 March 2031.")
    timexes = [
        Timex("r", 3, 10, "Tuesday", "DATE", "2031-03-04"),  # a Tuesday
        Timex("r", 18, 30, "3 March 2031", "DATE", "2031-03-03"),
    ]
    clusterer = StoryClusterer()
    years, weekdays, months = time_features(
        ArticleAnalysis(article=article, timexes=timexes), clusterer._hash
    )
    assert weekdays == {clusterer._hash("d", "2"): 2.0}
    assert months == {clusterer._hash("m", "03"): 2.0}
    assert clusterer._hash("y", "2031") in years


def test_years_count_as_the_text_names_them_not_the_publication_year() -> None:
    # An undated article has no publication year: counting it would set the dated
    # articles of a story apart from the undated ones.
    text = "The rule, first written in 2008, was reversed on Saturday after a June 2029 review."
    article = Article(id="y", source="invented/y.txt", text=text, published="2031-05-02",
                      published_precision="day")
    timexes = [
        Timex("y", 49, 57, "Saturday", "DATE", "2031-05-03"),  # its year is inferred
        Timex("y", 66, 75, "June 2029", "DATE", "2029-06"),
    ]
    clusterer = StoryClusterer()
    years, _, _ = time_features(ArticleAnalysis(article=article, timexes=timexes),
                                clusterer._hash)
    assert years == {clusterer._hash("y", "2008"): 0.5, clusterer._hash("y", "2029"): 1.5}


def test_two_articles_naming_different_weekdays_score_lower_than_the_same_weekday() -> None:
    a = rescue("a", 23, 4, "Saturday")
    same = rescue("b", 23, 4, "Saturday")
    other = rescue("c", 23, 4, "Thursday")
    clusterer = clusterer_with(a, same, other)
    assert pair(clusterer, a, other)["weekdays_apart"] == 1.0
    assert pair(clusterer, a, same)["weekdays_apart"] < 0.01
    assert pair(clusterer, a, same)["weekdays_agree"] > pair(clusterer, a, other)["weekdays_agree"]
    assert gap(a, same, other) > gap(a, same, other, without="weekdays") + 0.8


def test_two_articles_about_different_years_score_lower_than_about_one_year() -> None:
    text = "The harbour wall at Saltmere collapsed in the storm of {y}, the council said."
    a = make("a", text.format(y=2019))
    same = make("b", text.format(y=2019))
    other = make("c", text.format(y=2024))
    # Years named are weak evidence (history is named too): they count, a little.
    assert gap(a, same, other) > gap(a, same, other, without="years") + 0.1


def test_sharing_a_year_and_a_weekday_does_not_pull_unrelated_articles_together() -> None:
    # A whole stream shares its year and its weekdays: only a difference counts alone.
    a = make("a", "Saltmere council voted on Saturday to close the harbour baths for repairs.",
             published="2031-05-03")
    b = make("b", "Hollin Rovers signed a new goalkeeper on Saturday after a long injury crisis.",
             published="2031-05-03", places=("Hollin",))
    shared = pair(clusterer_with(a, b), a, b)
    assert shared["years_apart"] == 0.0 and shared["weekdays_apart"] == 0.0
    assert "years_agree" not in shared and shared["weekdays_agree"] < 0.1
    for without in ("years", "weekdays", "months"):
        zeroed: dict[str, Any] = {f"w_{n}": 0.0 for n in PAIR_FEATURES if without in n}
        blind = clusterer_with(a, b, config=dataclasses.replace(StoryConfig(), **zeroed))
        assert abs(score(clusterer_with(a, b), a, b) - score(blind, a, b)) < 0.5


def test_dates_and_times_are_not_numbers_of_the_event() -> None:
    text = ("Updated 09 / 14 / 2031 10 : 04 PM. On May 23 , 2031 and 14 September 2031 "
            "the ferry carried 140 passengers.")
    clusterer = StoryClusterer()
    feats = clusterer.features(make("d", text))
    assert set(feats.numbers) == {clusterer._hash("n", "140")}
    assert set(feats.lead_numbers) == {clusterer._hash("n", "140")}


# ---------------------------------------------------------------- the numbers and the lead


def test_telling_numbers_leave_out_small_counts_and_years() -> None:
    a = make("n", "In 2031 two boats and 23 pirates; magnitude 5.6; 1,200 homes; 7 rifles.")
    clusterer = StoryClusterer()
    feats = clusterer.features(a)
    telling = {clusterer._hash("n", n) for n in ("23", "5.6", "1,200")}
    assert set(feats.big_numbers) == telling
    assert clusterer._hash("n", "2031") in feats.numbers  # still a number, not a telling one


def test_two_rescues_with_different_tolls_score_lower_than_with_the_same() -> None:
    a = rescue("a", 23, 4, "Saturday")
    same = rescue("b", 23, 4, "Saturday")
    other = rescue("c", 31, 9, "Saturday")
    clusterer = clusterer_with(a, same, other)
    assert pair(clusterer, a, other)["both_big_numbers"] == 1.0
    assert pair(clusterer, a, other)["big_numbers"] == 0.0
    assert pair(clusterer, a, other)["lead_numbers"] < pair(clusterer, a, same)["lead_numbers"]
    assert gap(a, same, other) > gap(a, same, other, without="numbers") + 5.0


def test_the_lead_counts_on_its_own() -> None:
    body = (" The council met for three hours. Residents asked about parking, the library "
            "and the bus timetable. The next meeting is in a month.")
    a = make("a", "Saltmere council votes to close the old harbour baths." + body)
    same = make("b", "Saltmere council votes to close the old harbour baths." + body)
    other = make("c", "Saltmere council rejects plan for a new car park." + body)
    clusterer = clusterer_with(a, same, other)
    assert pair(clusterer, a, same)["lead"] > pair(clusterer, a, other)["lead"] + 0.3
    assert gap(a, same, other) > gap(a, same, other, without="lead") + 1.5


# ---------------------------------------------------------------- together


SATURDAY = [
    "Lifeboat crews rescued {n} fishermen off Saltmere on {day} after their trawler took on "
    "water in a gale. The coastguard said {k} were treated for hypothermia. The skipper had "
    "radioed for help as the engine room flooded.",
    "{n} fishermen were plucked from the sea off Saltmere on {day} when their trawler began "
    "to sink. {k} of them were taken to hospital, the coastguard said. Relatives waited on "
    "the quay through the night.",
    "The Saltmere lifeboat brought {n} fishermen ashore on {day}. Their trawler sank in heavy "
    "seas; {k} needed treatment for the cold. The owners said the boat had passed an "
    "inspection in spring.",
]
THURSDAY = (
    "A helicopter winched {n} fishermen to safety off Saltmere on {day} as their trawler "
    "capsized. Paramedics checked {k} survivors at the air base, the coastguard said."
)


def test_another_days_rescue_with_other_tolls_fits_the_story_far_worse() -> None:
    # No names but the town's, no dates: only the day named and the numbers tell the
    # second rescue from the first.
    story = [make(f"sat-{i}", t.format(n=23, k=4, day="Saturday")) for i, t in enumerate(SATURDAY)]
    other = make("thu", THURSDAY.format(n=31, k=9, day="Thursday"))
    zeroed: dict[str, Any] = {
        f"w_{name}": 0.0 for name in PAIR_FEATURES if "weekdays" in name or "numbers" in name
    }
    blind = dataclasses.replace(StoryConfig(), **zeroed)
    fits = []
    for config in (StoryConfig(), blind):
        clusterer = clusterer_with(*story, config=config)
        assert len(clusterer.open_stories()) == 1
        ((_, fit),) = clusterer.scores(other)
        fits.append(fit)
    ruled, unruled = fits
    threshold = StoryConfig().threshold
    assert unruled > threshold + 0.1  # the words alone would join it to the story
    assert ruled < threshold - 0.5  # the day and the numbers keep it out


def test_a_follow_up_naming_a_later_weekday_still_joins_its_story() -> None:
    # A developing story names new days as it goes; the rest must carry it.
    people = ("Hanne Lindqvist",)
    text = ("Harbour master Hanne Lindqvist said the Saltmere ferry Marisfield ran aground "
            "on {day} with 140 passengers aboard. Lindqvist said the ferry was refloated "
            "and the inquiry into the grounding of the Marisfield would report soon.")
    stream = [
        make("f-1", text.format(day="Saturday"), people=people),
        make("f-2", text.format(day="Saturday"), people=people),
        make("f-3", text.format(day="Sunday") + " Divers inspected the hull on Monday.",
             people=people),
    ]
    assert len(cluster_stories(stream)) == 1


def test_strangers_count_in_the_fitted_score_too() -> None:
    # The pair score's own weight for "about different people" is negative, on top of
    # the factor that shrinks the evidence.
    assert StoryConfig().w_strangers < 0
    a = make("a", "Rosa Ibarra was arrested in Saltmere on a drink-driving charge. Ibarra, "
             "Ibarra's lawyer said, will plead not guilty. Ibarra was released.",
             people=("Rosa Ibarra",))
    b = make("b", "Pavel Morrow was arrested in Saltmere on a drink-driving charge. Morrow, "
             "Morrow's lawyer said, will plead not guilty. Morrow was released.",
             people=("Pavel Morrow",))
    clusterer = clusterer_with(a, b)
    assert pair(clusterer, a, b)["strangers"] == 1.0
    assert features_of(clusterer, a)["strangers"] == 0.0
