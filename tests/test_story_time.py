"""Session 4 rules of the story clusterer, on invented articles: the days a text names
bridge a follow-up to the story it follows years later; who an article is about needs
a full name; and two articles about different people are strangers unless each gives
the other's person a real part. Entity mentions and date expressions are written by
hand, as the stages before would give them (no spaCy)."""

from __future__ import annotations

import re
from datetime import date

from storyline.corpus.stories import StoryClusterer
from storyline.corpus.story_features import named_times, strangers
from storyline.model import Article, ArticleAnalysis, EntityMention, Timex


def make(
    article_id: str,
    text: str,
    published: str | None = None,
    people: tuple[str, ...] = (),
    dates: tuple[tuple[str, str], ...] = (),
) -> ArticleAnalysis:
    """``people``: full names, each also found by surname; ``dates``: (text, value)."""
    article = Article(
        id=article_id,
        source=f"invented/{article_id}.txt",
        text=text,
        published=published,
        published_precision="day" if published else None,
    )
    mentions = []
    for name in people:
        for m in re.finditer(rf"{re.escape(name)}|\b{re.escape(name.split()[-1])}\b", text):
            mentions.append(
                EntityMention(article_id, m.start(), m.end(), m.group(), "PERSON",
                              canonical=name)
            )
    for m in re.finditer("Saltmere", text):
        mentions.append(EntityMention(article_id, m.start(), m.end(), m.group(), "GPE"))
    timexes = []
    for said, value in dates:
        start = text.index(said)
        timexes.append(Timex(article_id, start, start + len(said), said, "DATE", value))
    return ArticleAnalysis(article=article, mentions=mentions, timexes=timexes)


def day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


# ---------------------------------------------------------------- the days a text names


def test_named_times_are_the_dates_written_with_their_year() -> None:
    text = "Killed in June 2029, buried on Saturday, mourned all through 2030; sentenced today."
    a = make("n", text, published="2031-04-03", dates=(
        ("June 2029", "2029-06"),
        ("Saturday", "2029-06-23"),  # resolved: the year is not the text's
        ("2030", "2030"),
        ("today", "2031-04-03"),
    ))
    assert named_times(a) == [
        (day("2029-06-01"), day("2029-06-30")),
        (day("2030-01-01"), day("2030-12-31")),
    ]


SHOOTING = (
    "Deputy Pavel Morrow was shot dead outside his home in Saltmere late on Friday. Police "
    "said Morrow, 35, had worked on the gang unit for six years. A gunman fled on foot and "
    "detectives appealed for witnesses to the shooting of the deputy in Saltmere."
)
TRIAL = (
    "A Saltmere gang member was convicted on Tuesday of the murder of Deputy Pavel Morrow, "
    "who was shot dead outside his home in Saltmere {when}. Morrow, 35, had worked on the "
    "gang unit. Jurors heard that the gunman fled on foot after the shooting of the deputy."
)


def test_a_trial_years_later_that_names_the_year_of_the_killing_is_not_far_from_it() -> None:
    # Reports of a trial appear two years after the killing and name its date: the
    # time they follow up, not the day they appeared, is the story's time.
    story = [
        make(f"shot-{i}", SHOOTING, published=f"2029-06-{23 + i}", people=("Pavel Morrow",))
        for i in range(3)
    ]
    named = make("trial-a", TRIAL.format(when="in June 2029"), published="2031-03-20",
                 people=("Pavel Morrow",), dates=(("June 2029", "2029-06"),))
    unnamed = make("trial-b", TRIAL.format(when="one summer night"), published="2031-03-20",
                   people=("Pavel Morrow",))
    clusterer = StoryClusterer()
    for a in story:
        clusterer.add(a)
    assert len(clusterer.open_stories()) == 1
    ((_, bridged),) = clusterer.scores(named)
    ((_, far),) = clusterer.scores(unnamed)
    threshold = clusterer.config.threshold
    assert bridged > threshold + 1.0  # joins its story
    assert far < threshold  # the same report without the date: 21 months is too far


# ---------------------------------------------------------------- who it is about


def test_a_person_never_given_a_full_name_is_nobody_the_article_is_about() -> None:
    # "Oscar" tagged as a person (the award) is named often and near the top, but news
    # introduces a person by full name: the article is about the one who has one.
    text = ("Oscar night in Saltmere: Oscar voters cheered Hanne Lindqvist, whose film won "
            "the Oscar. Lindqvist thanked the town. The Oscar was her first.")
    a = make("o", text, people=("Hanne Lindqvist",))
    a.mentions += [
        EntityMention("o", m.start(), m.end(), "Oscar", "PERSON", canonical="Oscar")
        for m in re.finditer("Oscar", text)
    ]
    clusterer = StoryClusterer()
    feats = clusterer.features(a)
    assert feats.protagonist == clusterer._hash("p", "lindqvist")
    assert clusterer._hash("p", "oscar") in feats.people  # still a name it shares


# ---------------------------------------------------------------- strangers


FIRING = (
    "Saltmere Rovers sacked coach Jonas Falkner on Monday. Chairman Ilse Brandt said the "
    "club needed a new start. Falkner won two of his last twelve games; Brandt thanked "
    "Falkner for his work. Falkner said he was disappointed. Brandt will pick his successor."
)
FIRED = (
    "Jonas Falkner says he was sacked by Saltmere Rovers without warning. Falkner said "
    "chairman Ilse Brandt called him on Monday morning. Falkner, 51, said Brandt had "
    "promised him time. Brandt declined to comment. Falkner thanked the fans."
)
ARREST = (
    "Saltmere Rovers striker {name} was arrested on suspicion of drink-driving on Friday. "
    "{surname} was stopped on the ring road. {surname}, 24, was released on bail and "
    "{surname} will miss Saturday's game.{aside}"
)


def test_who_fired_whom_is_one_story_though_each_article_is_about_one_of_them() -> None:
    people = ("Jonas Falkner", "Ilse Brandt")
    # The first is about the chairman who fired the coach, the second about the coach;
    # each gives the other a real part.
    a = make("chair", FIRING.replace("Falkner for his work. Falkner said he was "
                                     "disappointed. ", "Falkner. ") + " Brandt, Brandt.",
             people=people)
    b = make("coach", FIRED, people=people)
    clusterer = StoryClusterer()
    fa, fb = clusterer.features(a), clusterer.features(b)
    assert fa.protagonist == clusterer._hash("p", "brandt")
    assert fb.protagonist == clusterer._hash("p", "falkner")
    assert not strangers(fa, fb)


def test_two_players_arrested_are_strangers_though_one_names_the_other_in_passing() -> None:
    a = make("a", ARREST.format(name="Nuno Petrakis", surname="Petrakis", aside=""),
             people=("Nuno Petrakis",))
    b = make("b", ARREST.format(
        name="Kaito Oduya", surname="Oduya",
        aside=" Team-mate Nuno Petrakis was arrested on the same road last month."),
        people=("Kaito Oduya", "Nuno Petrakis"))
    clusterer = StoryClusterer()
    fa, fb = clusterer.features(a), clusterer.features(b)
    assert fa.protagonist != fb.protagonist != -1
    assert strangers(fa, fb)
