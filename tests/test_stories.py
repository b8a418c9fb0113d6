"""Online story clustering, on invented articles (invented towns, people, outlets).

Entity mentions are written by hand here, as the entities stage would give them,
so these tests need no spaCy; only the seed check at the end runs the real
per-article stage.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from storyline.corpus.stories import (
    StoryClusterer,
    cluster_stories,
    publication_order,
    tidy,
    trim,
)
from storyline.corpus.story_state import StoryConfig
from storyline.model import Article, ArticleAnalysis, EntityMention

# Names the hand-made "entities stage" below recognises, with their types.
NAMES = {
    "Varnholm": "GPE",
    "River Oste": "LOC",
    "Mayor Ilse Brandt": "PERSON",
    "Ilse Brandt": "PERSON",
    "Brandt": "PERSON",
    "Varnholm Fire Service": "ORG",
    "Kestrel Bay": "GPE",
    "River Lune": "LOC",
    "Tobias Eklund": "PERSON",
    "Eklund": "PERSON",
    "Kestrel Bay Council": "ORG",
    "Port Velmar": "GPE",
    "Nordline": "ORG",
    "Marta Okafor": "PERSON",
    "Okafor": "PERSON",
    "Pieter Haas": "PERSON",
    "Haas": "PERSON",
    "Velmar Dockworkers Union": "ORG",
    "Judge Rosa Ibarra": "PERSON",
    "Ibarra": "PERSON",
}
CANONICAL = {
    "Brandt": "Ilse Brandt",
    "Mayor Ilse Brandt": "Ilse Brandt",
    "Eklund": "Tobias Eklund",
    "Okafor": "Marta Okafor",
    "Haas": "Pieter Haas",
    "Judge Rosa Ibarra": "Rosa Ibarra",
    "Ibarra": "Rosa Ibarra",
}
_NAME_RE = re.compile("|".join(re.escape(n) for n in sorted(NAMES, key=len, reverse=True)))


def make(
    article_id: str, text: str, published: str | None = None, title: str | None = None
) -> ArticleAnalysis:
    article = Article(
        id=article_id,
        source=f"invented/{article_id}.txt",
        text=text,
        title=title,
        published=published,
        published_precision="day" if published else None,
    )
    mentions = [
        EntityMention(
            article_id, m.start(), m.end(), m.group(), NAMES[m.group()],
            canonical=CANONICAL.get(m.group(), m.group()),
        )
        for m in _NAME_RE.finditer(text)
    ]
    return ArticleAnalysis(article=article, mentions=mentions)


FLOOD_A = [
    ("varnholm-1", "2031-03-02",
     "Floodwater swept through Varnholm on Sunday after the River Oste burst its banks "
     "following three days of heavy rain. Mayor Ilse Brandt said 400 homes had been "
     "evacuated and the Varnholm Fire Service rescued twelve people from rooftops. "
     "Brandt said the old bridge at Varnholm was closed."),
    ("varnholm-2", "2031-03-03",
     "Residents of Varnholm began returning to flooded homes on Monday as the River Oste "
     "fell. Ilse Brandt said the town had never seen water so high. The Varnholm Fire "
     "Service pumped water from the school and the old bridge stayed closed."),
    ("varnholm-3", "2031-03-05",
     "Varnholm counts the cost of the River Oste flood: Mayor Ilse Brandt asked for "
     "emergency funds to repair the old bridge and 400 homes. The Varnholm Fire Service "
     "said the rain had eased and the river was back within its banks."),
]
# The same kind of event told in nearly the same words: only the town, the river, the
# officials and the dates differ.
FLOOD_B = [
    ("kestrel-1", "2031-08-14",
     "Floodwater swept through Kestrel Bay on Thursday after the River Lune burst its banks "
     "following a night of heavy rain. Council leader Tobias Eklund said 150 homes had been "
     "evacuated and Kestrel Bay Council opened the sports hall as a shelter. Eklund said "
     "the harbour road at Kestrel Bay was closed."),
    ("kestrel-2", "2031-08-15",
     "Residents of Kestrel Bay began returning to flooded homes on Friday as the River Lune "
     "fell. Tobias Eklund said the town had never seen water so high. Kestrel Bay Council "
     "pumped water from the harbour and the harbour road stayed closed."),
    ("kestrel-3", "2031-08-17",
     "Kestrel Bay counts the cost of the River Lune flood: Tobias Eklund asked for emergency "
     "funds to repair the harbour road and 150 homes. Kestrel Bay Council said the rain had "
     "eased and the river was back within its banks."),
]
STRIKE = [
    ("strike-1", "2031-05-12",
     "Ferry crews in Port Velmar walked out on Monday after pay talks with the operator "
     "Nordline broke down. Marta Okafor of the Velmar Dockworkers Union said crews had been "
     "left with no choice. Nordline chief Pieter Haas called the strike deeply regrettable."),
    ("strike-2", "2031-05-15",
     "The Port Velmar ferry strike entered its fourth day as Okafor and Haas traded blame. "
     "Nordline cancelled every crossing and stranded passengers queued at the terminal."),
    ("strike-3", "2031-05-22",
     "Nordline went to court to stop the Port Velmar strike. Judge Rosa Ibarra heard the "
     "company's case that the union had broken the ballot rules. Marta Okafor said the "
     "crews would stay out."),
    ("strike-4", "2031-05-29",
     "Judge Rosa Ibarra ruled that the Velmar Dockworkers Union ballot was lawful, a blow to "
     "Nordline. Pieter Haas said the company would study the ruling. Okafor said the union "
     "was ready to return to talks about pay."),
    ("strike-5", "2031-06-05",
     "Nordline and the Velmar Dockworkers Union agreed a pay deal after all-night talks in "
     "Port Velmar. Marta Okafor said members would vote on the offer; Haas said ferries "
     "could sail by the weekend."),
    ("strike-6", "2031-06-09",
     "Ferries sailed from Port Velmar again on Monday after crews accepted the Nordline pay "
     "deal, ending a four-week strike. Okafor thanked passengers; Pieter Haas said the "
     "timetable would be back to normal within days."),
]


def analyses(items: list[tuple[str, str, str]], dated: bool = True) -> list[ArticleAnalysis]:
    return [make(i, text, day if dated else None) for i, day, text in items]


def membership(stories: list) -> set[frozenset[str]]:
    return {frozenset(s.articles) for s in stories}


def test_two_floods_in_different_towns_on_different_dates_stay_apart() -> None:
    stories = cluster_stories(analyses(FLOOD_A) + analyses(FLOOD_B))
    assert membership(stories) == {
        frozenset(i for i, _, _ in FLOOD_A),
        frozenset(i for i, _, _ in FLOOD_B),
    }


def test_two_floods_stay_apart_on_names_and_places_alone_when_undated() -> None:
    # No dates at all: the shared flood vocabulary must not outweigh the different
    # towns, rivers and officials.
    stream = analyses(FLOOD_A, dated=False) + analyses(FLOOD_B, dated=False)
    assert membership(cluster_stories(stream)) == {
        frozenset(i for i, _, _ in FLOOD_A),
        frozenset(i for i, _, _ in FLOOD_B),
    }


def test_a_developing_story_over_four_weeks_stays_one_story() -> None:
    stories = cluster_stories(analyses(STRIKE))
    assert membership(stories) == {frozenset(i for i, _, _ in STRIKE)}


def mixed_stream() -> list[ArticleAnalysis]:
    return publication_order(analyses(FLOOD_A) + analyses(STRIKE) + analyses(FLOOD_B))


def test_online_add_gives_what_cluster_stories_gives() -> None:
    stream = mixed_stream()
    clusterer = StoryClusterer()
    returned = {a.article.id: clusterer.add(a) for a in stream}
    online = clusterer.stories()
    batch = cluster_stories(list(reversed(stream)))  # sorted by date again inside
    assert [(s.id, s.articles, s.title) for s in online] == [
        (s.id, s.articles, s.title) for s in batch
    ]
    assert len(online) == 3
    # add() told each article its story (no merge happened in this stream).
    assert all(returned[aid] == s.id for s in online for aid in s.articles)


def test_story_ids_come_from_the_first_article_and_are_stable() -> None:
    first = cluster_stories(mixed_stream())
    again = cluster_stories(mixed_stream())
    assert [s.id for s in first] == [s.id for s in again]
    other = StoryClusterer()
    assert other.add(make("varnholm-1", FLOOD_A[0][2], FLOOD_A[0][1])) == next(
        s.id for s in first if "varnholm-1" in s.articles
    )
    assert len({s.id for s in first}) == 3


def test_adding_the_same_article_again_changes_nothing() -> None:
    clusterer = StoryClusterer()
    stream = mixed_stream()
    for a in stream:
        clusterer.add(a)
    before = clusterer.to_state()
    assert clusterer.add(stream[0]) == clusterer.story_of(stream[0].article.id)
    assert clusterer.to_state() == before


def test_state_round_trip_resumes_exactly() -> None:
    stream = mixed_stream()
    whole = StoryClusterer()
    for a in stream:
        whole.add(a)

    first = StoryClusterer()
    for a in stream[:5]:
        first.add(a)
    state = json.loads(json.dumps(first.to_state()))  # through JSON, as the store keeps it
    resumed = StoryClusterer.from_state(state)
    assert [(s.id, s.articles) for s in resumed.stories()] == [
        (s.id, s.articles) for s in first.stories()
    ]
    for a in stream[5:]:
        resumed.add(a)
    assert [(s.id, s.articles, s.title) for s in resumed.stories()] == [
        (s.id, s.articles, s.title) for s in whole.stories()
    ]
    assert resumed.to_state() == whole.to_state()


@pytest.mark.parametrize("version", [1, 999])
def test_state_of_another_version_is_refused(version: int) -> None:
    # Version 1 (centroids only, no members kept) cannot be resumed: the caller
    # (api._add_to_stories) then starts afresh and re-adds every article.
    state = StoryClusterer().to_state()
    state["version"] = version
    with pytest.raises(ValueError, match="version"):
        StoryClusterer.from_state(state)


def filler(n: int, start_day: int) -> list[ArticleAnalysis]:
    """``n`` short unrelated articles, one invented subject each, dated from March on."""
    out = []
    for i in range(n):
        word = f"zorblat{i}x"
        text = (f"The {word} festival opened in Hamlet{i} with {word} parades. Organisers "
                f"of the {word} fair expect visitors from Hamlet{i} and beyond.")
        day = f"2031-03-{1 + (start_day + i // 10) % 28:02d}"
        out.append(make(f"filler-{i}", text, day))
    return out


def test_cold_stories_retire_and_a_late_same_kind_event_starts_a_new_story() -> None:
    clusterer = StoryClusterer(StoryConfig(min_idle=50))
    january = [make(f"jan-{i}", text, f"2031-01-{10 + i:02d}") for i, (_, _, text)
               in enumerate(FLOOD_A)]
    for a in january:
        clusterer.add(a)
    old = clusterer.story_of("jan-0")
    assert old in clusterer.open_stories()
    for a in filler(130, 0):  # two months later; enough arrivals for a sweep
        clusterer.add(a)
    assert old not in clusterer.open_stories()  # retired: no longer a candidate
    assert any(s.id == old and len(s.articles) == 3 for s in clusterer.stories())  # still listed
    late = make("varnholm-again", FLOOD_A[1][2], "2031-03-20")
    assert clusterer.add(late) != old


def test_open_stories_are_capped() -> None:
    clusterer = StoryClusterer(StoryConfig(max_active=2))
    for a in analyses(FLOOD_A[:1]) + analyses(STRIKE[:1]) + analyses(FLOOD_B[:1]):
        clusterer.add(a)
    assert len(clusterer.open_stories()) == 2
    assert len(clusterer.stories()) == 3


def test_an_article_far_from_a_story_in_time_does_not_join_it() -> None:
    # The same text a year later is another occurrence, not the same story.
    clusterer = StoryClusterer()
    first = clusterer.add(make("a", FLOOD_A[0][2], "2031-03-02"))
    assert clusterer.add(make("b", FLOOD_A[0][2], "2032-03-02")) != first
    assert clusterer.add(make("c", FLOOD_A[1][2], "2031-03-04")) == first


def test_titles_prefer_a_headline_else_a_trimmed_lead_sentence() -> None:
    headlined = [make(i, text, day, title="Varnholm floods as River Oste bursts its banks")
                 for i, day, text in FLOOD_A[:1]] + analyses(FLOOD_A[1:])
    stories = cluster_stories(headlined)
    assert [s.title for s in stories] == ["Varnholm floods as River Oste bursts its banks"]
    (plain,) = cluster_stories(analyses(FLOOD_B))
    assert len(plain.title) <= 91
    assert "Kestrel Bay" in plain.title and "River Lune" in plain.title


def test_titles_skip_web_addresses_and_close_up_token_spacing() -> None:
    text = ("http : / / www . example . org / news / flood - varnholm\n"
            "Varnholm 's mayor Ilse Brandt says the River Oste flood forced 400 homes out .\n"
            "More rain is due .")
    (story,) = cluster_stories([make("tok", text)])
    assert story.title == "Varnholm's mayor Ilse Brandt says the River Oste flood forced 400 homes out"
    assert tidy("( AP ) Reid , 33 , did n't say") == "(AP) Reid, 33, didn't say"
    assert trim("word " * 40).endswith("…")


def test_undated_articles_keep_their_place_after_the_dated_one_they_followed() -> None:
    items = [make("d2", "x", "2031-05-02"), make("u1", "y"), make("d1", "z", "2031-05-01"),
             make("u2", "w")]
    assert [a.article.id for a in publication_order(items)] == ["d1", "u2", "d2", "u1"]


@pytest.mark.slow
def test_the_five_seed_articles_form_one_story(seeds_dir: Path) -> None:
    from storyline.article.pipeline import analyze_documents
    from storyline.ingest.inputs import read_inputs
    from storyline.model import RawDocument
    from storyline.settings import Settings

    settings = Settings()
    raws = [r for r in read_inputs([str(seeds_dir)], settings) if isinstance(r, RawDocument)]
    found = [a for a in analyze_documents(raws, settings) if isinstance(a, ArticleAnalysis)]
    assert len(found) == 5
    stories = cluster_stories(found)
    assert len(stories) == 1
    assert len(stories[0].articles) == 5
    assert "Starmer" in stories[0].title or "Ukraine" in stories[0].title


def test_an_article_whose_text_changed_moves_to_the_story_it_now_belongs_to() -> None:
    clusterer = StoryClusterer()
    for a in mixed_stream():
        clusterer.add(a)
    flood_a = clusterer.story_of("varnholm-1")
    flood_b = clusterer.story_of("kestrel-1")
    assert flood_a is not None and flood_b is not None and flood_a != flood_b
    # varnholm-3 is corrected: it now reports the Kestrel Bay flood.
    corrected = make("varnholm-3", FLOOD_B[2][2], FLOOD_B[2][1])
    assert clusterer.changed(corrected)
    assert not clusterer.changed(make("varnholm-1", FLOOD_A[0][2], FLOOD_A[0][1]))
    assert clusterer.add(corrected) == flood_b
    members = {s.id: s.articles for s in clusterer.stories()}
    assert "varnholm-3" not in members[flood_a] and "varnholm-3" in members[flood_b]
    assert not clusterer.changed(corrected)
    before = clusterer.to_state()
    assert clusterer.add(corrected) == flood_b  # the same text again: nothing changes
    assert clusterer.to_state() == before


def test_removing_every_article_of_a_story_drops_it_and_its_id_can_start_again() -> None:
    clusterer = StoryClusterer()
    (only,) = [make("lone", STRIKE[0][2], STRIKE[0][1])]
    first = clusterer.add(only)
    assert clusterer.remove("lone") and not clusterer.remove("lone")
    assert clusterer.story_of("lone") is None
    assert clusterer.stories() == [] and clusterer.open_stories() == []
    assert clusterer.add(only) == first
    # A story whose starting article left and came back as another story: ids stay unique.
    for a in analyses(STRIKE[1:3]):
        clusterer.add(a)
    assert clusterer.story_of("strike-2") == first
    moved = clusterer.add(make("lone", FLOOD_A[0][2], STRIKE[0][1]))
    assert moved != first
    assert len({s.id for s in clusterer.stories()}) == len(clusterer.stories()) == 2


PLAYER_A = [
    ("falkner-1",
     "Varnholm Rovers defender Jonas Falkner was arrested on suspicion of drink-driving on "
     "the coast road early on Sunday, police said. Falkner, 24, was stopped at 2.40am. The "
     "club said Falkner would miss Saturday's match against Kestrel Bay."),
    ("falkner-2",
     "Jonas Falkner has apologised after his arrest on the coast road. The Varnholm Rovers "
     "defender said he had let down the club. Police said Falkner was released on bail and "
     "will appear in court on 14 April."),
    ("falkner-3",
     "Varnholm Rovers have suspended Jonas Falkner for two matches. Falkner was arrested "
     "near the coast road roundabout at 2.40am on Sunday; officers said his car had been "
     "weaving between lanes. Falkner, 24, joined the club last summer."),
]
# The same club, offence, police and vocabulary a few weeks later: only the player, the
# road, the times and the figures differ.
PLAYER_B = [
    ("petrakis-1",
     "Varnholm Rovers midfielder Nuno Petrakis was arrested on suspicion of drink-driving on "
     "the ring road late on Friday, police said. Petrakis, 29, was stopped at 11.15pm. The "
     "club said Petrakis would not face Port Velmar on Tuesday."),
    ("petrakis-2",
     "Nuno Petrakis has said sorry to fans after his arrest on the ring road. The Varnholm "
     "Rovers midfielder was released on bail; police said Petrakis will appear in court on "
     "3 June."),
    ("petrakis-3",
     "Varnholm Rovers have fined Nuno Petrakis a week's wages. Petrakis was arrested on the "
     "ring road at 11.15pm on Friday after a patrol saw his car drift across lanes. "
     "Petrakis, 29, is the club captain."),
]


def test_two_players_of_one_club_arrested_for_the_same_offence_are_two_stories() -> None:
    def arrest(aid: str, text: str) -> ArticleAnalysis:
        article = make(aid, text)
        for name, surname in (("Jonas Falkner", "Falkner"), ("Nuno Petrakis", "Petrakis")):
            article.mentions += [
                EntityMention(aid, m.start(), m.end(), m.group(), "PERSON", canonical=name)
                for m in re.finditer(surname if surname in text else name, text)
            ]
        article.mentions += [
            EntityMention(aid, m.start(), m.end(), m.group(), "ORG", canonical="Varnholm Rovers")
            for m in re.finditer("Varnholm Rovers", text)
        ]
        return article

    stream = [arrest(i, text) for i, text in PLAYER_A + PLAYER_B]  # undated
    assert membership(cluster_stories(stream)) == {
        frozenset(i for i, _ in PLAYER_A),
        frozenset(i for i, _ in PLAYER_B),
    }
    # Without the rule that two articles about different people are strangers, the
    # shared words join them: the test is about that rule.
    plain = StoryConfig(strangers_factor=1.0, w_strangers=0.0)
    assert len(cluster_stories(stream, plain)) == 1
