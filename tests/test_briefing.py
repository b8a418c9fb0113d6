"""The briefing: storyline.corpus.briefing (invented story; no spaCy except the last test)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from storyline.corpus.briefing import (
    CORPUS_STORY_ID,
    _figure_note,
    absolute_label,
    brief_stories,
    brief_story,
)
from storyline.corpus.briefing_select import Buckets, StoryIndex, gather
from storyline.corpus.briefing_text import split_sentences
from storyline.model import (
    Article,
    ArticleAnalysis,
    BriefingLine,
    Damage,
    DuplicateSet,
    Entity,
    EntityMention,
    Event,
    EventCandidate,
    EventMention,
    Figure,
    Quote,
    Result,
    Span,
    Story,
    Timex,
)

# An invented story: the Tarrow flood barrier, told by five invented outlets.
MAYOR = "We will not let the lower town flood again, whatever it costs."
TEXTS: dict[str, tuple[str, str, str]] = {
    "a1": ("Corvan Herald", "2024-05-02",
           "Engineers closed the Tarrow flood barrier on Thursday after the river rose to its "
           "highest level in forty years.\n"
           f"Mayor Ilse Brandt said: “{MAYOR}”\n"
           "She added that the council had set aside money for urgent repairs to the gates.\n"
           "Photo: the barrier at dawn\n"
           "About 300 homes were evacuated overnight as a precaution, officials said.\n"
           "Ministers will meet council leaders in Corvan on Monday to discuss funding for the "
           "barrier."),
    "a2": ("Delta Wire", "2024-05-03",
           "The Tarrow flood barrier held overnight as water levels began to fall, the regional "
           "authority said on Friday.\n"
           f"“{MAYOR}” Mayor Ilse Brandt told reporters at the riverside.\n"
           "Around 400 homes were evacuated during the night, according to the authority.\n"
           "Short line here."),
    "a3": ("Northgate Post", "2024-05-03",
           "Residents returned to parts of Tarrow on Friday as the river fell below the flood "
           "mark for the first time this week.\n"
           f"Ilse Brandt, the mayor, said: “{MAYOR}”\n"
           "“The water came right up to the door and we had nowhere else to go,” a neighbour "
           "said.\n"
           "The barrier cost £12 million when it was built in 2009, council records show."),
    "a4": ("Lakeside Times", "2024-05-03",
           "The Tarrow flood barrier held overnight as water levels began to fall, the regional "
           "authority said on Friday.\n"
           f"“{MAYOR}” Mayor Ilse Brandt told reporters at the riverside.\n"
           "Around 400 homes were evacuated during the night, according to the authority."),
    "a6": ("Northgate Post", "2024-05-04",
           "Flood defences in  were praised by engineers after the barrier held firm through the "
           "night.\n"
           "Engineers at the site said the gates had worked exactly as designed during the "
           "storm."),
    "a5": ("Corvan Herald", "2024-05-10",
           "Ministers agreed on Monday to pay £20 million towards repairs to the Tarrow flood "
           "barrier, the council said.\n"
           "Council leader Omar Reyes said: “This money means the barrier will be ready before "
           "the autumn storms arrive.”\n"
           "He said work on the gates would begin in June and last about three months."),
}  # fmt: skip
ORDER = ["a1", "a2", "a3", "a4", "a6", "a5"]


def at(aid: str, needle: str, nth: int = 0) -> tuple[int, int]:
    text = TEXTS[aid][2]
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def sentence_of(aid: str, needle: str) -> tuple[int, int]:
    s, _ = at(aid, needle)
    text = TEXTS[aid][2]
    return next((a, b) for a, b in split_sentences(text) if a <= s < b)


def build(aids: list[str] | None = None, *, copy: bool = True, timeline: bool = True) -> Any:
    """(Result, analyses) for the invented story, as the earlier stages would leave them."""
    aids = [a for a in (aids or ORDER) if copy or a != "a4"]
    articles = {
        aid: Article(id=aid, source=f"{aid}.txt", text=text, outlet=outlet, published=day,
                     published_precision="day")
        for aid, (outlet, day, text) in TEXTS.items() if aid in aids
    }  # fmt: skip
    articles_a6 = articles.get("a6")
    if articles_a6 is not None:
        s, _ = at("a6", "in  were")
        articles_a6.damage = [Damage(s + 2, s + 4, "name missing after 'in'")]
    mentions: dict[str, list[EntityMention]] = {a: [] for a in aids}
    brandt = Entity("e-brandt", "Ilse Brandt", "PERSON", roles=["mayor"])
    reyes = Entity("e-reyes", "Omar Reyes", "PERSON", roles=["council leader"])
    tarrow = Entity("e-tarrow", "Tarrow", "GPE")

    def mention(entity: Entity, aid: str, needle: str, kind: str = "name", nth: int = 0) -> None:
        if aid not in aids:
            return
        s, e = at(aid, needle, nth)
        mentions[aid].append(EntityMention(aid, s, e, needle, entity.type, cluster=hash(
            entity.id) % 97, canonical=entity.name, kind=kind))  # fmt: skip
        entity.mentions.append(Span(aid, s, e, needle))

    mention(brandt, "a1", "Ilse Brandt")
    mention(brandt, "a1", "She", "pronoun")
    mention(brandt, "a2", "Ilse Brandt")
    mention(brandt, "a3", "Ilse Brandt")
    mention(brandt, "a4", "Ilse Brandt")
    mention(reyes, "a5", "Omar Reyes")
    mention(reyes, "a5", "He", "pronoun")
    for aid in ("a1", "a2", "a3", "a4", "a5"):
        mention(tarrow, aid, "Tarrow")

    quotes: list[Quote] = []

    def quote(aid: str, needle: str, kind: str, speaker: Entity | None, group: str) -> None:
        if aid not in aids:
            return
        s, e = at(aid, needle)
        quotes.append(Quote(f"q-{aid}-{s}", aid, s, e, needle, kind,  # type: ignore[arg-type]
                            speaker.id if speaker else None, speaker.name if speaker else None,
                            "said", group))  # fmt: skip

    for aid in ("a1", "a2", "a3", "a4"):
        quote(aid, MAYOR, "direct", brandt, "g-mayor")
    quote("a1", "the council had set aside money for urgent repairs to the gates", "indirect",
          brandt, "g-repairs")  # fmt: skip
    quote("a3", "The water came right up to the door and we had nowhere else to go", "direct",
          None, "g-neighbour")  # fmt: skip
    quote("a5", "This money means the barrier will be ready before the autumn storms arrive.",
          "direct", reyes, "g-reyes")  # fmt: skip
    quote("a5", "work on the gates would begin in June and last about three months", "indirect",
          reyes, "g-work")  # fmt: skip

    timexes: list[Timex] = []

    def timex(aid: str, needle: str, value: str, kind: str = "DATE") -> None:
        if aid in aids:
            s, e = at(aid, needle)
            timexes.append(Timex(aid, s, e, needle, kind, value))  # type: ignore[arg-type]

    timex("a1", "Thursday", "2024-05-02")
    timex("a1", "Monday", "2024-05-06")
    timex("a2", "Friday", "2024-05-03")
    timex("a4", "Friday", "2024-05-03")
    timex("a3", "Friday", "2024-05-03")
    timex("a3", "this week", "2024-W18")
    timex("a5", "Monday", "2024-05-06")
    timex("a5", "June", "2024-06")

    figures: list[Figure] = []

    def figure(aid: str, needle: str, value: float, unit: str | None, measure: str,
               group: str, qualifier: str | None = None) -> None:  # fmt: skip
        if aid in aids:
            s, e = at(aid, needle)
            figures.append(Figure(f"f-{aid}-{s}", aid, s, e, needle, value, unit, measure,
                                  TEXTS[aid][1], group, qualifier))  # fmt: skip

    figure("a1", "300", 300, None, "homes evacuated", "fg-homes", "about")
    figure("a2", "400", 400, None, "homes evacuated", "fg-homes", "around")
    figure("a4", "400", 400, None, "homes evacuated", "fg-homes", "around")
    figure("a3", "£12 million", 12e6, "GBP", "barrier cost", "fg-cost")
    figure("a5", "£20 million", 20e6, "GBP", "repairs", "fg-repairs")

    cands: dict[str, list[EventCandidate]] = {a: [] for a in aids}

    def event_cand(aid: str, needle: str, trigger: str, kind: str, status: str,
                   day: str | None) -> tuple[str, int, int] | None:  # fmt: skip
        if aid not in aids:
            return None
        s, e = sentence_of(aid, needle)
        t, _ = at(aid, needle)
        cands[aid].append(EventCandidate(
            aid, s, e, trigger, t, t + len(needle), kind, status,  # type: ignore[arg-type]
            needle, day, "day" if day else None, "timex" if day else None, 0.9))  # fmt: skip
        return aid, s, e

    Spec = tuple[str, str, str, str, str, str | None]
    events_spec: list[tuple[str, str, list[Spec]]] = [
        ("ev-close", "2024-05-02", [("a1", "closed", "close", "closure", "happened", "2024-05-02")]),
        ("ev-held", "2024-05-03", [("a2", "held overnight", "hold", "defence", "happened",
                                    "2024-05-03"),
                                   ("a4", "held overnight", "hold", "defence", "happened",
                                    "2024-05-03"),
                                   ("a6", "held firm", "hold", "defence", "happened", None)]),
        ("ev-return", "2024-05-03", [("a3", "returned", "return", "return", "happened",
                                      "2024-05-03")]),
        ("ev-meet", "2024-05-06", [("a1", "will meet", "meet", "meeting", "planned",
                                    "2024-05-06")]),
        ("ev-agree", "2024-05-06", [("a5", "agreed", "agree", "agreement", "happened",
                                     "2024-05-06")]),
    ]  # fmt: skip
    events = []
    for eid, day, specs in events_spec:
        ms = [m for spec in specs if (m := event_cand(*spec)) is not None]
        if ms:
            events.append(Event(eid, eid, day, "day", [EventMention(*m) for m in ms]))

    analyses = [
        ArticleAnalysis(articles[a], mentions[a], [q for q in quotes if q.article == a],
                        [t for t in timexes if t.article == a],
                        [f for f in figures if f.article == a], cands[a])
        for a in aids
    ]  # fmt: skip
    entities = [e for e in (brandt, reyes, tarrow) if e.mentions]
    duplicates = (
        [DuplicateSet(["a2", "a4"], "syndicated", original="a2")]
        if "a2" in aids and "a4" in aids
        else []
    )
    result = Result(
        articles=[articles[a] for a in aids], entities=entities, quotes=quotes,
        timexes=timexes, figures=figures, events=events if timeline else [],
        duplicates=duplicates,
    )  # fmt: skip
    return result, analyses


def story_of(result: Result) -> Story:
    return Story("s-flood", "Tarrow flood barrier", [a.id for a in result.articles])


def core(line: BriefingLine, speakers: tuple[str, ...] = ("Ilse Brandt", "Omar Reyes")) -> str:
    """The line without its bracketed insertions and the speaker prefix it may carry."""
    text = re.sub(r"\s*\[[^\]]*\]", "", line.text).strip()
    for name in speakers:
        if text.startswith(f"{name}: “"):
            return text[len(name) + 2 :]
    return text


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def briefing() -> tuple[Result, list[BriefingLine]]:
    result, analyses = build()
    return result, brief_story(story_of(result), result, analyses)


def test_at_most_ten_lines_and_max_lines_is_kept() -> None:
    result, analyses = build()
    lines = brief_story(story_of(result), result, analyses)
    assert 5 <= len(lines) <= 10
    assert len(brief_story(story_of(result), result, analyses, max_lines=3)) == 3
    assert brief_story(story_of(result), result, analyses, max_lines=0) == []


def test_every_citation_is_inside_its_article_and_the_first_is_the_line(
    briefing: tuple[Result, list[BriefingLine]],
) -> None:
    result, lines = briefing
    texts = {a.id: a.text for a in result.articles}
    for line in lines:
        assert line.story == "s-flood"
        assert line.citations, line.text
        for c in line.citations:
            assert 0 <= c.start < c.end <= len(texts[c.article])
        first = line.citations[0]
        assert norm(texts[first.article][first.start : first.end]) == norm(core(line))
        # one citation per article
        assert len({c.article for c in line.citations}) == len(line.citations)


def test_no_line_rests_on_a_damaged_sentence(briefing: tuple[Result, list[BriefingLine]]) -> None:
    result, lines = briefing
    damage = {a.id: a.damage for a in result.articles}
    assert damage["a6"]
    for line in lines:
        assert "Flood defences in" not in line.text
        for c in line.citations:
            assert not any(d.start < c.end and c.start < d.end for d in damage[c.article])
    # The damaged article's next, whole sentence can still be used.
    assert any("worked exactly as designed" in line.text for line in lines)


def test_a_statement_carried_by_three_outlets_appears_once_with_three_citations() -> None:
    result, analyses = build(copy=False)
    lines = brief_story(story_of(result), result, analyses)
    carrying = [line for line in lines if "lower town flood again" in line.text]
    assert len(carrying) == 1
    line = carrying[0]
    assert [c.article for c in line.citations][0] in {"a1", "a2", "a3"}
    assert sorted(c.article for c in line.citations) == ["a1", "a2", "a3"]
    texts = {a.id: a.text for a in result.articles}
    for c in line.citations:
        assert MAYOR in texts[c.article][c.start : c.end]


def test_a_syndicated_copy_is_cited_but_counts_once(
    briefing: tuple[Result, list[BriefingLine]],
) -> None:
    _, lines = briefing
    mayor = next(line for line in lines if "lower town flood again" in line.text)
    assert sorted(c.article for c in mayor.citations) == ["a1", "a2", "a3", "a4"]
    held = next(line for line in lines if "held overnight" in line.text)
    assert {"a2", "a4"} <= {c.article for c in held.citations}
    # The copy's own sentences never make a second line.
    assert sum("held overnight" in line.text for line in lines) == 1


def test_relative_dates_are_made_absolute(briefing: tuple[Result, list[BriefingLine]]) -> None:
    _, lines = briefing
    text = "\n".join(line.text for line in lines)
    assert "on Thursday [2 May 2024] after the river rose" in text
    assert "agreed on Monday [6 May 2024] to pay" in text
    assert "[planned for 6 May 2024]" in text or "on Monday [6 May 2024] to discuss" in text
    # an absolute month is left alone
    assert "June [" not in text


def test_years_ago_and_last_month_are_made_absolute() -> None:
    text = ("Engineers rebuilt the Corvan harbour wall, which collapsed two years ago, "
            "after storms last month flooded the quay again.")
    art = Article("u1", "u1.txt", text, published="2024-05-03", published_precision="day")
    ago, last = text.index("two years ago"), text.index("last month")
    timexes = [Timex("u1", ago, ago + 13, "two years ago", "DATE", "2022"),
               Timex("u1", last, last + 10, "last month", "DATE", "2024-04")]  # fmt: skip
    cand = EventCandidate("u1", 0, len(text), "rebuild", 10, 17, "construction", "happened",
                          "Engineers rebuilt the Corvan harbour wall")  # fmt: skip
    event = Event("ev-1", "Engineers rebuilt the Corvan harbour wall", None, None,
                  [EventMention("u1", 0, len(text))])  # fmt: skip
    result = Result(articles=[art], timexes=timexes, events=[event])
    analysis = ArticleAnalysis(art, [], [], timexes, [], [cand])
    lines = brief_story(Story("s", "t", ["u1"]), result, [analysis])
    assert len(lines) == 1
    assert "collapsed two years ago [2022]," in lines[0].text
    assert "storms last month [April 2024] flooded" in lines[0].text


def test_a_date_goes_after_a_possessive_ending() -> None:
    text = "The harbour master, who chaired yesterday’s meeting in Corvan, said the quay would reopen."
    art = Article("u1", "u1.txt", text, published="2024-05-03", published_precision="day")
    at = text.index("yesterday")
    timexes = [Timex("u1", at, at + 9, "yesterday", "DATE", "2024-05-02")]
    cand = EventCandidate("u1", 0, len(text), "meeting", text.index("meeting"),
                          text.index("meeting") + 7, "meeting", "happened",
                          "The meeting in Corvan")  # fmt: skip
    event = Event("ev-1", "The meeting in Corvan", "2024-05-02", "day",
                  [EventMention("u1", 0, len(text))])  # fmt: skip
    result = Result(articles=[art], timexes=timexes, events=[event])
    lines = brief_story(Story("s", "t", ["u1"]), result,
                        [ArticleAnalysis(art, [], [], timexes, [], [cand])])  # fmt: skip
    assert len(lines) == 1
    assert "yesterday’s [2 May 2024] meeting" in lines[0].text


def test_a_weekday_the_time_stage_left_open_takes_the_timelines_day() -> None:
    text = "Leaders of the river towns met in Corvan on Thursday to agree a shared flood plan."
    art = Article("u1", "u1.txt", text)  # no publication date: the weekday stays open
    s = text.index("Thursday")
    tx = Timex("u1", s, s + 8, "Thursday", "DATE", "XXXX-WXX-4")
    cand = EventCandidate("u1", 0, len(text), "meet", text.index("met"), text.index("met") + 3,
                          "meeting", "happened", "Leaders met in Corvan", weekday=3)  # fmt: skip
    event = Event("ev-1", "Leaders met in Corvan", "2024-05-02", "day",
                  [EventMention("u1", 0, len(text))])  # fmt: skip
    result = Result(articles=[art], timexes=[tx], events=[event])
    lines = brief_story(Story("s", "t", ["u1"]), result, [ArticleAnalysis(art, [], [], [tx], [],
                                                                          [cand])])  # fmt: skip
    assert len(lines) == 1
    assert "on Thursday [2 May 2024] to agree" in lines[0].text


def test_speakers_are_named_and_pronoun_subjects_resolved(
    briefing: tuple[Result, list[BriefingLine]],
) -> None:
    _, lines = briefing
    text = "\n".join(line.text for line in lines)
    assert "She [Ilse Brandt] added that the council" in text
    assert "Omar Reyes said: “This money means" in text


def test_nothing_trivial(briefing: tuple[Result, list[BriefingLine]]) -> None:
    _, lines = briefing
    for line in lines:
        assert "Photo" not in line.text  # a caption left in the text
        assert "Short line here" not in line.text
        assert "nowhere else to go" not in line.text  # a quote without a speaker
        assert len(core(line).split()) >= 8


def test_developments_come_in_date_order_with_the_latest_state(
    briefing: tuple[Result, list[BriefingLine]],
) -> None:
    _, lines = briefing
    text = [line.text for line in lines]
    closed = next(i for i, t in enumerate(text) if "closed the Tarrow flood barrier" in t)
    held = next(i for i, t in enumerate(text) if "held overnight" in t)
    agreed = next(i for i, t in enumerate(text) if "Ministers agreed" in t)
    assert closed < held < agreed
    planned = next(t for t in text if "will meet council leaders" in t)
    assert planned.startswith("[planned")


def test_figure_development_names_the_other_values(
    briefing: tuple[Result, list[BriefingLine]],
) -> None:
    _, lines = briefing
    homes = [line for line in lines if "homes were evacuated" in line.text]
    assert len(homes) == 1
    line = homes[0]
    assert "about 300 (Corvan Herald, 2 May 2024)" in line.text
    assert "around 400 (Delta Wire, 3 May 2024)" in line.text
    assert "Lakeside Times" not in line.text  # the copy repeats Delta Wire's figure
    assert line.citations[0].article == "a2"  # the newest figure leads (copies follow it)
    assert {"a1", "a2"} <= {c.article for c in line.citations}


@pytest.mark.parametrize(
    ("a1_day", "a1_value", "kind"),
    [
        ("2024-05-02", 300, "reported over time"),
        ("2024-05-03", 300, "reports differ"),  # two values on one day
        (None, 300, "other reports"),  # undated: a change or a disagreement, nobody can say
    ],
)
def test_figure_note_names_what_the_values_show(
    a1_day: str | None, a1_value: float, kind: str
) -> None:
    result, analyses = build()
    for article in result.articles:
        if article.id == "a1":
            article.published = a1_day
            article.published_precision = "day" if a1_day else None
    for figure in result.figures:
        if figure.article == "a1" and figure.group == "fg-homes":
            figure.value, figure.date = a1_value, a1_day
    lines = brief_story(story_of(result), result, analyses)
    homes = [line for line in lines if "homes were evacuated" in line.text]
    assert len(homes) == 1 and f"[{kind}: " in homes[0].text, homes


def test_without_a_timeline_the_event_candidates_stand_in() -> None:
    result, analyses = build(timeline=False)
    lines = brief_story(story_of(result), result, analyses)
    text = "\n".join(line.text for line in lines)
    assert "Ministers agreed on Monday [6 May 2024]" in text
    assert len(lines) <= 10


def test_empty_lists_degrade_to_leads() -> None:
    result, analyses = build()
    bare = Result(articles=result.articles)
    lines = brief_story(story_of(bare), bare, [])
    assert lines and all(line.citations for line in lines)
    assert any(line.text.startswith("[reported 2 May 2024] Engineers closed") for line in lines)
    assert brief_story(Story("s", "t", []), bare, []) == []
    assert brief_story(Story("s", "t", ["nowhere"]), bare, []) == []


def test_brief_stories_without_stories_briefs_the_corpus_as_all() -> None:
    result, analyses = build()
    lines = brief_stories(result, analyses)
    assert lines and {line.story for line in lines} == {CORPUS_STORY_ID}
    result.stories = [Story("s1", "one", ["a1", "a2"]), Story("s2", "two", ["a5"])]
    lines = brief_stories(result, analyses)
    assert {line.story for line in lines} == {"s1", "s2"}
    for line in lines:
        allowed = {"s1": {"a1", "a2"}, "s2": {"a5"}}[line.story]
        assert {c.article for c in line.citations} <= allowed


def test_absolute_labels() -> None:
    assert absolute_label("2025-03-27") == "27 March 2025"
    assert absolute_label("2025-03-27TAF") == "27 March 2025"
    assert absolute_label("2025-W13") == "week of 24 March 2025"
    assert absolute_label("2025-03-XX") is None
    assert absolute_label("2023") == "2023"  # "two years ago"
    assert absolute_label("2025-02") == "February 2025"  # "last month"
    assert absolute_label("XXXX") is None and absolute_label("2025-13") is None
    assert absolute_label("XXXX-WXX-4") is None
    assert absolute_label("PRESENT_REF") is None


def test_a_mention_dated_to_another_time_is_not_cited_for_the_event() -> None:
    result, analyses = build()
    # A wrong merge upstream: a sentence about another year joins the closure event.
    text = "The barrier was last closed in 2009, when the river rose to a similar height."
    art = Article("old", "old.txt", text, outlet="Archive Weekly", published="2024-05-05",
                  published_precision="day")  # fmt: skip
    s = text.index("closed")
    cand = EventCandidate("old", 0, len(text), "close", s, s + 6, "closure", "happened",
                          "closed in 2009", "2009", "year", "timex", 0.7)  # fmt: skip
    result.articles.append(art)
    analyses.append(ArticleAnalysis(art, event_candidates=[cand]))
    close = next(e for e in result.events if e.id == "ev-close")
    close.mentions.append(EventMention("old", 0, len(text)))
    lines = brief_story(story_of(result), result, analyses)
    closed = next(line for line in lines if "closed the Tarrow flood barrier" in line.text)
    assert [c.article for c in closed.citations] == ["a1"]


def test_a_sentence_with_a_stripped_name_the_cleaner_missed_is_not_used() -> None:
    from storyline.corpus.briefing_text import StoryText, Unit

    text = "More than 900 dockers at have now been on strike for more than a week in Corvan."
    story = StoryText([Article("d1", "d1.txt", text)], {})
    assert not story.readable(Unit("d1", 0, len(text)))
    fine = "More than 900 dockers at Corvan have now been on strike for more than a week."
    story = StoryText([Article("d2", "d2.txt", fine)], {})
    assert story.readable(Unit("d2", 0, len(fine)))


def test_sentences_do_not_split_at_titles_or_initials() -> None:
    text = "Mr. Reyes met J. Pell in Corvan. “It went well.” He left.\nA new paragraph"
    spans = [text[s:e] for s, e in split_sentences(text)]
    assert spans == ["Mr. Reyes met J. Pell in Corvan.", "“It went well.”", "He left.",
                     "A new paragraph"]  # fmt: skip


# ---------------------------------------------------------------- end to end
INVENTED = {
    "harbour-1.txt": "Kessmoor Gazette\n2024-09-02\n\n"
    "The harbour authority in Kessmoor closed the north pier on Monday after storm waves "
    "cracked its outer wall.\n\n"
    "Harbour master Lena Okafor said: “Nobody will walk on that pier until the engineers have "
    "checked every metre of it.”\n\n"
    "About 40 fishing boats were moved to the south basin overnight, the authority said.\n",
    "harbour-2.txt": "Coastline Daily\n2024-09-05\n\n"
    "Engineers began repairs to the cracked north pier in Kessmoor on Wednesday, the harbour "
    "authority said.\n\n"
    "“Nobody will walk on that pier until the engineers have checked every metre of it,” "
    "harbour master Lena Okafor told reporters.\n\n"
    "Around 60 fishing boats are now moored in the south basin, she added.\n",
}


@pytest.mark.slow
def test_end_to_end_through_analyze(tmp_path: Path) -> None:
    import storyline

    src = tmp_path / "in"
    src.mkdir()
    for name, text in INVENTED.items():
        (src / name).write_text(text, encoding="utf-8")
    result = storyline.analyze([src], out=tmp_path / "out")
    assert len(result.articles) == 2
    from storyline.corpus.briefing import brief_stories as brief

    analyses = list(_analyses(tmp_path / "out"))
    lines = result.briefing or brief(result, analyses)
    assert 1 <= len(lines) <= 10
    texts = {a.id: a.text for a in result.articles}
    for line in lines:
        for c in line.citations:
            assert 0 <= c.start < c.end <= len(texts[c.article])
        first = line.citations[0]
        names = tuple(e.name for e in result.entities)
        assert norm(texts[first.article][first.start : first.end]) == norm(core(line, names))
    assert any("north pier" in line.text for line in lines)


def _analyses(out: Path) -> list[ArticleAnalysis]:
    from storyline.store import open_store

    store = open_store(str(out / "storyline.db"))
    try:
        return list(store.iter_analyses())
    finally:
        store.close()


def test_a_value_many_reports_gave_is_listed_once_with_their_count() -> None:
    result, analyses = build()
    index = StoryIndex(Buckets(result, analyses), story_of(result).articles)
    homes = next(c for c in gather(index) if c.key == "figure:fg-homes")
    # Corvan Herald now gives Delta Wire's value on Delta Wire's day: two reports of one value.
    for article in result.articles:
        if article.id == "a1":
            article.published, article.published_precision = "2024-05-03", "day"
    for figure in homes.figures:
        if figure.article == "a1":
            figure.value, figure.qualifier, figure.date = 400, "around", "2024-05-03"
            figure.text = "400"  # only the note reads it
    note = _figure_note(homes, homes.options[0], index)
    assert note == " [also reported: around 400 (2 reports, 3 May 2024)]"
    # A word the figure stage kept as a qualifier but that belongs to the verb ("would")
    # does not make another value of it.
    for figure in homes.figures:
        figure.qualifier = "would" if figure.article == "a1" else None
    note = _figure_note(homes, homes.options[0], index)
    assert note == " [also reported: 400 (2 reports, 3 May 2024)]"
