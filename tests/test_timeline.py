"""Merging event candidates across articles, ordering them, pinning publication days.

Candidates are written by hand (as the per-article stage would give them) for an
invented story, so these tests need no spaCy.
"""

from __future__ import annotations

from storyline.corpus.timeline import (
    build_timeline,
    dated_timeline,
    pin_publication_dates,
    publication_windows,
)
from storyline.model import Article, ArticleAnalysis, Entity, EventCandidate, Span

TEXT = "x" * 400  # the sentences themselves only matter for wording overlap


def article(aid: str, published: str | None, precision: str | None,
            text: str = TEXT) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text, published=published,
                   published_precision=precision)  # type: ignore[arg-type]


def cand(aid: str, start: int, trigger: str, *, kind: str = "meeting",
         status: str = "happened", date: str | None = None, precision: str | None = None,
         source: str | None = None, weekday: int | None = None,
         day_offset: int | None = None, week_offset: int | None = None,
         place: tuple[int, int, str] | None = None,
         participants: tuple[tuple[int, int, str], ...] = (), definite: bool = False,
         title: str = "", timex: str | None = None) -> EventCandidate:
    return EventCandidate(
        article=aid, start=start, end=start + 40, trigger=trigger, trigger_start=start + 5,
        trigger_end=start + 10, kind=kind, status=status,  # type: ignore[arg-type]
        title=title or f"{trigger} in {aid}", date=date,
        date_precision=precision,  # type: ignore[arg-type]
        date_source=source, confidence=0.9 if source == "timex" else 0.3,  # type: ignore[arg-type]
        timex=timex, weekday=weekday, day_offset=day_offset, week_offset=week_offset,
        participants=[Span(aid, s, e, t) for s, e, t in participants],
        place=Span(aid, *place) if place else None, definite=definite)


def analysis(art: Article, *cands: EventCandidate) -> ArticleAnalysis:
    return ArticleAnalysis(article=art, event_candidates=list(cands))


def entity(eid: str, name: str, type_: str, *spans: tuple[str, int, int]) -> Entity:
    return Entity(id=eid, name=name, type=type_,
                  mentions=[Span(a, s, e, name) for a, s, e in spans])


def test_weekday_in_a_month_dated_article_joins_the_dated_summit() -> None:
    a = analysis(article("a", "2031-05-01", "month"),
                 cand("a", 0, "talk", date="2031-05", precision="month", source="timex",
                      weekday=3, place=(20, 26, "Lisbon"), timex="2031-05-XX"))
    b = analysis(article("b", "2031-05-15", "day"),
                 cand("b", 100, "summit", date="2031-05-15", precision="day", source="timex",
                      weekday=3, day_offset=0, place=(120, 126, "Lisbon"),
                      timex="2031-05-15TAF"))
    events = build_timeline([a, b], [])
    assert len(events) == 1
    (event,) = events
    assert (event.date, event.date_precision) == ("2031-05-15", "day")
    assert {m.article for m in event.mentions} == {"a", "b"}


def test_planned_event_reported_later_as_held_is_one_event() -> None:
    plan = analysis(article("p", "2031-05-09", "day"),
                    cand("p", 0, "meet", status="planned", date="2031-W20", precision="week",
                         source="timex", week_offset=1, place=(20, 26, "Lisbon")))
    held = analysis(article("h", "2031-05-16", "day"),
                    cand("h", 0, "meet", date="2031-05-15", precision="day", source="timex",
                         weekday=3, place=(20, 26, "Lisbon")))
    (event,) = build_timeline([plan, held], [])
    assert event.date == "2031-05-15"
    assert [m.article for m in event.mentions] == ["p", "h"]


def test_same_day_meetings_in_different_cities_stay_apart() -> None:
    a = analysis(article("a", "2031-05-16", "day"),
                 cand("a", 0, "meet", date="2031-05-15", precision="day", source="timex",
                      place=(20, 26, "Lisbon")),
                 cand("a", 200, "meet", date="2031-05-15", precision="day", source="timex",
                      place=(220, 225, "Porto")))
    events = build_timeline([a], [])
    assert len(events) == 2


def test_weekdays_that_disagree_do_not_merge() -> None:
    a = analysis(article("a", "2031-05-01", "month"),
                 cand("a", 0, "talk", date="2031-05", precision="month", source="timex",
                      weekday=1, place=(20, 26, "Lisbon")))  # a Tuesday
    b = analysis(article("b", "2031-05-16", "day"),
                 cand("b", 0, "talk", date="2031-05-15", precision="day", source="timex",
                      weekday=3, place=(20, 26, "Lisbon")))  # a Thursday
    assert len(build_timeline([a, b], [])) == 2


def test_shared_people_and_weekday_merge_undated_reports() -> None:
    healy = entity("e1", "Mara Healy", "PERSON", ("a", 50, 60), ("b", 70, 80))
    a = analysis(article("a", None, None),
                 cand("a", 40, "talk", date=None, source="timex", weekday=3,
                      participants=((50, 60, "Mara Healy"),)))
    b = analysis(article("b", None, None),
                 cand("b", 60, "talk", date=None, source="timex", weekday=3,
                      participants=((70, 80, "Mara Healy"),), place=(90, 96, "Geneva")))
    (event,) = build_timeline([a, b], [healy])
    assert event.date is None
    assert len(event.mentions) == 2


def test_definite_reference_joins_the_event_its_article_names() -> None:
    a = analysis(article("a", "2031-05-16", "day"),
                 cand("a", 0, "summit", date="2031-05-15", precision="day", source="timex",
                      place=(20, 26, "Lisbon"), title="A summit in Lisbon"),
                 cand("a", 300, "meeting", date="2031-05-16", precision="day",
                      source="published", definite=True, title="The meeting"))
    (event,) = build_timeline([a], [])
    assert len(event.mentions) == 2
    assert event.title == "A summit in Lisbon"


def test_timeline_is_in_date_order_with_undated_events_last() -> None:
    a = analysis(article("a", "2031-05-16", "day"),
                 cand("a", 0, "visit", kind="visit", date=None, title="A visit"),
                 cand("a", 100, "meet", date="2031-05-15", precision="day", source="timex",
                      place=(120, 126, "Lisbon"), title="Late meeting"),
                 cand("a", 200, "sign", kind="agreement", date="2031-05-02", precision="day",
                      source="timex", title="Early deal"))
    assert [e.title for e in build_timeline([a], [])] == [
        "Early deal", "Late meeting (in Lisbon)", "A visit"]  # the place joins a title lacking it


def test_event_ids_are_stable() -> None:
    a = analysis(article("a", "2031-05-16", "day"),
                 cand("a", 0, "meet", date="2031-05-15", precision="day", source="timex"))
    assert build_timeline([a], [])[0].id == build_timeline([a], [])[0].id


def test_two_events_of_one_sentence_have_their_own_ids() -> None:
    first = cand("a", 0, "agree", kind="agreement", date="2031-05-12", precision="day",
                 source="timex", title="Kyiv and Lisbon agreed")
    second = cand("a", 0, "speak", kind="announcement", title="The envoy spoke")
    second.trigger_start, second.trigger_end = 25, 30  # later in the same sentence
    events = build_timeline([analysis(article("a", "2031-05-16", "day"), first, second)], [])
    assert len(events) == 2
    assert len({e.id for e in events}) == 2


def test_pin_month_dated_article_by_a_weekday_another_article_dates() -> None:
    a = analysis(article("a", "2031-05-01", "month"),
                 cand("a", 0, "talk", date="2031-05", precision="month", source="timex",
                      weekday=3, place=(20, 26, "Lisbon")))
    b = analysis(article("b", "2031-05-15", "day"),
                 cand("b", 0, "summit", date="2031-05-15", precision="day", source="timex",
                      day_offset=0, place=(20, 26, "Lisbon")))
    windows = publication_windows([a, b], [])
    assert (windows["a"].earliest, windows["a"].latest) == ("2031-05-15", "2031-05-21")
    assert pin_publication_dates([a, b], []) == {"a": "2031-05-15"}


def test_yesterday_pins_the_exact_day_and_the_month_bounds_the_window() -> None:
    a = analysis(article("a", "2031-05-01", "month"),
                 cand("a", 0, "talk", date="2031-05", precision="month", source="timex",
                      day_offset=-1, place=(20, 26, "Lisbon")))
    b = analysis(article("b", "2031-05-30", "day"),
                 cand("b", 0, "talk", date="2031-05-29", precision="day", source="timex",
                      place=(20, 26, "Lisbon")))
    assert pin_publication_dates([a, b], []) == {"a": "2031-05-30"}
    c = analysis(article("c", "2031-05-01", "month"),
                 cand("c", 0, "talk", date="2031-05", precision="month", source="timex",
                      weekday=3, place=(20, 26, "Lisbon")))
    d = analysis(article("d", "2031-05-29", "day"),
                 cand("d", 0, "talk", date="2031-05-29", precision="day", source="timex",
                      place=(20, 26, "Lisbon")))
    win = publication_windows([c, d], [])["c"]
    assert (win.earliest, win.latest) == ("2031-05-29", "2031-05-31")  # May ends first


def test_articles_with_a_known_day_are_never_pinned() -> None:
    a = analysis(article("a", "2031-05-16", "day"),
                 cand("a", 0, "talk", date="2031-05-15", precision="day", source="timex",
                      weekday=3, place=(20, 26, "Lisbon")))
    b = analysis(article("b", "2031-05-15", "day"),
                 cand("b", 0, "talk", date="2031-05-15", precision="day", source="timex",
                      place=(20, 26, "Lisbon")))
    assert pin_publication_dates([a, b], []) == {}


def test_two_events_of_one_sentence_never_merge() -> None:
    # "The port signed a lease and signed off a loan": one sentence, two agreements.
    a = analysis(article("a", "2031-05-16", "day"),
                 cand("a", 0, "sign", kind="agreement", date="2031-05-15", precision="day",
                      source="timex", title="The port signed a lease"),
                 cand("a", 0, "loan", kind="agreement", date="2031-05-15", precision="day",
                      source="timex", title="The port signed off a loan"))
    assert len(build_timeline([a], [])) == 2


def test_events_years_apart_never_merge() -> None:
    # "The last strike at Harwick, in 2009" and this year's strike at Harwick.
    old = analysis(article("o", "2031-05-16", "day"),
                   cand("o", 0, "strike", kind="conflict", date="2009", precision="year",
                        source="timex", place=(20, 27, "Harwick")))
    now = analysis(article("n", "2031-05-17", "day"),
                   cand("n", 0, "strike", kind="conflict", date="2031-05-17", precision="day",
                        source="published", place=(20, 27, "Harwick")),
                   cand("n", 100, "strike", kind="conflict", status="planned",
                        place=(120, 127, "Harwick")))
    events = build_timeline([old, now], [])
    old_event = [e for e in events if any(m.article == "o" for m in e.mentions)]
    assert len(old_event) == 1
    assert {m.article for m in old_event[0].mentions} == {"o"}


def test_pinned_article_is_narrowed_and_its_events_get_days() -> None:
    a = analysis(article("a", "2031-05-01", "month"),
                 cand("a", 0, "talk", date="2031-05", precision="month", source="timex",
                      weekday=3, place=(20, 26, "Lisbon"), timex="2031-05-XX"),
                 cand("a", 200, "visit", kind="visit", date="2031-05", precision="month",
                      source="published", place=(220, 225, "Porto")))
    b = analysis(article("b", "2031-05-15", "day"),
                 cand("b", 0, "summit", date="2031-05-15", precision="day", source="timex",
                      day_offset=0, place=(20, 26, "Lisbon")))
    timeline = dated_timeline([a, b], [])
    assert timeline.pinned == {"a": "2031-05-15"}
    pinned = timeline.analyses[0].article
    assert (pinned.published, pinned.published_precision) == ("2031-05-15", "day")
    assert a.article.published_precision == "month"  # the input is left as it was
    talks = timeline.analyses[0].event_candidates[0]
    assert (talks.date, talks.date_precision) == ("2031-05-15", "day")
    visit = timeline.analyses[0].event_candidates[1]
    assert (visit.date, visit.date_source) == ("2031-05-15", "published")
    (summit,) = [e for e, _ in timeline.events if e.date == "2031-05-15"]
    assert {m.article for m in summit.mentions} == {"a", "b"}


def test_countries_are_the_parties_of_an_agreement() -> None:
    text_a = "Arland and Belmark agreed on Grey Sea. " + "x" * 200
    text_b = "Arland, Belmark agreed on the Grey Sea. " + "x" * 200  # within the 40-char sentence
    arland = entity("g1", "Arland", "GPE", ("a", 0, 6), ("b", 0, 6))
    belmark = entity("g2", "Belmark", "GPE", ("a", 11, 18), ("b", 8, 15))
    a = analysis(article("a", "2031-05-01", "month", text_a),
                 cand("a", 0, "agree", kind="agreement", date="2031-05", precision="month",
                      source="published", place=(29, 37, "Grey Sea"),
                      participants=((0, 6, "Arland"), (11, 18, "Belmark"))))
    b = analysis(article("b", "2031-05-20", "day", text_b),
                 cand("b", 0, "agree", kind="agreement", date="2031-05-20", precision="day",
                      source="published",
                      participants=((0, 6, "Arland"), (8, 15, "Belmark"))))
    (event,) = build_timeline([a, b], [arland, belmark])
    assert {m.article for m in event.mentions} == {"a", "b"}


def test_each_candidate_is_scored_against_a_bounded_number_of_events(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from storyline.corpus import timeline_merge

    calls: list[int] = []
    real = timeline_merge.score_pair
    monkeypatch.setattr(timeline_merge, "score_pair",
                        lambda m, c: calls.append(1) or real(m, c))
    analyses = []
    for i in range(600):
        aid = f"a{i}"
        day = f"2031-{1 + i % 12:02d}-{1 + i % 28:02d}"
        analyses.append(analysis(article(aid, day, "day"),
                                 cand(aid, 0, "meet", date=day, precision="day",
                                      source="timex", place=(20, 26, "Lisbon")),
                                 cand(aid, 100, "sign", kind="agreement", source="published",
                                      date=day, precision="day")))
    build_timeline(analyses, [])
    per_candidate = len(calls) / 1200
    assert per_candidate <= timeline_merge.CANDIDATE_CAP * 2
