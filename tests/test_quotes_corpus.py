"""Quotes across articles: entity speakers, statement groups, outlets, first sighting.

Hand-built analyses of an invented story (no spaCy): the storm-wrecked ferry pier
of Kelby, reported by four invented outlets over a week.
"""

from __future__ import annotations

from storyline.corpus.quotes import group_quotes, quote_groups_summary
from storyline.model import Article, ArticleAnalysis, Entity, EntityMention, Quote, Span

JENSEN, BERG, VOSS = "person-mara-jensen", "person-tomas-berg", "person-ilse-voss"


def _article(aid: str, outlet: str, published: str | None) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text="x" * 2000, outlet=outlet,
                   published=published, published_precision="day" if published else None)


def _mention(aid: str, start: int, name: str, cluster: int) -> EntityMention:
    return EntityMention(article=aid, start=start, end=start + len(name), text=name,
                         label="PERSON", cluster=cluster, canonical=name)


class Story:
    """Articles, mentions and quotes built together so that offsets agree."""

    def __init__(self) -> None:
        self.analyses: list[ArticleAnalysis] = []
        self.entities = {
            JENSEN: Entity(JENSEN, "Mara Jensen", "PERSON"),
            BERG: Entity(BERG, "Tomas Berg", "PERSON"),
            VOSS: Entity(VOSS, "Ilse Voss", "PERSON"),
        }
        self.quotes: list[Quote] = []

    def article(self, aid: str, outlet: str, published: str | None,
                speakers: dict[str, int]) -> None:
        """``speakers``: entity id -> within-article cluster, each named once."""
        analysis = ArticleAnalysis(article=_article(aid, outlet, published))
        for n, (eid, cluster) in enumerate(speakers.items()):
            name = self.entities[eid].name
            m = _mention(aid, 1000 + 40 * n, name, cluster)
            analysis.mentions.append(m)
            self.entities[eid].mentions.append(Span(aid, m.start, m.end, m.text))
        self.analyses.append(analysis)

    def quote(self, aid: str, text: str, cluster: int, kind: str = "direct",
              name: str | None = "local name") -> Quote:
        start = 10 + 60 * len([q for q in self.quotes if q.article == aid])
        q = Quote(id=f"{aid}:q{len(self.quotes)}", article=aid, start=start,
                  end=start + len(text), text=text, kind=kind,  # type: ignore[arg-type]
                  speaker_name=name if cluster >= 0 else None, speaker_cluster=cluster)
        self.quotes.append(q)
        return q

    def run(self) -> None:
        group_quotes(self.quotes, list(self.entities.values()), self.analyses)


def story() -> Story:
    s = Story()
    s.article("harbour-times", "Harbour Times", "2025-03-03", {JENSEN: 0, BERG: 1})
    s.article("island-post", "Island Post", "2025-03-04", {JENSEN: 4, BERG: 2})
    s.article("north-wire", "North Wire", "2025-03-02", {JENSEN: 7, VOSS: 3})
    s.article("coast-daily", "Coast Daily", "2025-03-20", {JENSEN: 1, VOSS: 0})
    return s


def test_speakers_become_entity_ids_and_canonical_names() -> None:
    s = story()
    q1 = s.quote("harbour-times", "We will rebuild the pier before winter.", 0, name="she")
    q2 = s.quote("island-post", "The crane barge arrives on Thursday.", 2, name="Berg")
    q3 = s.quote("island-post", "Nobody told us anything.", -1)
    s.run()
    assert (q1.speaker, q1.speaker_name) == (JENSEN, "Mara Jensen")
    assert (q2.speaker, q2.speaker_name) == (BERG, "Tomas Berg")
    assert q3.speaker is None and q3.speaker_name is None


def test_verbatim_truncated_and_repunctuated_repeats_form_one_group() -> None:
    s = story()
    full = s.quote("harbour-times", "We will rebuild the pier before winter, and the town "
                   "will not pay a single crown for it.", 0)
    cut = s.quote("island-post", "We will rebuild the pier before winter", 4)
    other_marks = s.quote("north-wire", "we will rebuild the pier before winter - and the "
                          "town will not pay a single crown for it", 7)
    s.run()
    assert full.group == cut.group == other_marks.group != ""


def test_a_quote_split_differently_joins_the_whole() -> None:
    s = story()
    whole = s.quote("harbour-times", "The storm took the pier. It took the fuel depot too, "
                    "and the ticket office with it.", 0)
    first = s.quote("island-post", "The storm took the pier.", 4)
    second = s.quote("island-post", "It took the fuel depot too, and the ticket office with it.",
                     4)
    s.run()
    assert whole.group == first.group == second.group


def test_two_translations_of_one_remark_by_one_speaker_within_days() -> None:
    s = story()
    a = s.quote("north-wire", "direct, official and open involvement of harbour unions in "
                "the blockade against Kelby", 3)
    b = s.quote("coast-daily", "undisguised participation by harbour unions in any blockade "
                "of Kelby's port", 0)
    s.article("ferry-news", "Ferry News", "2025-03-03", {VOSS: 5})
    c = s.quote("ferry-news", "open involvement of harbour unions in a blockade against Kelby",
                5)
    s.run()
    # Coast Daily wrote 18 days later: too far apart for words this different
    # (no run of five words in common).
    assert a.group == c.group
    assert b.group != a.group


def test_one_remark_reported_in_different_words_weeks_apart_shares_a_run() -> None:
    s = story()
    a = s.quote("harbour-times", "There was a clear view in the room that now is not the time "
                "for cutting the ferry subsidy", 0, kind="direct")
    b = s.quote("coast-daily", "complete clarity that now is not the time for cuts", 1,
                kind="partial")
    s.run()
    assert a.group == b.group


def test_different_statements_of_one_speaker_stay_apart() -> None:
    s = story()
    a = s.quote("harbour-times", "We will rebuild the pier before winter.", 0)
    b = s.quote("island-post", "The ferry timetable stays suspended until the pier reopens.",
                4)
    s.run()
    assert a.group != b.group


def test_same_words_from_different_speakers_stay_apart() -> None:
    s = story()
    a = s.quote("harbour-times", "The money for the new pier is already there.", 0)
    b = s.quote("island-post", "The money for the new pier is already there.", 2)
    s.run()
    assert (a.speaker, b.speaker) == (JENSEN, BERG)
    assert a.group != b.group


def test_short_fragment_joins_its_statement_but_never_bridges_two() -> None:
    s = story()
    long_a = s.quote("harbour-times", "They are dragging their feet, and they are playing "
                     "for time.", 0)
    long_b = s.quote("island-post", "Every island council is dragging its feet on storm "
                     "defences this year.", 4)
    frag = s.quote("north-wire", "dragging their feet", 7, kind="partial")
    s.run()
    assert frag.group == long_a.group
    assert long_b.group != long_a.group


def test_the_same_fragment_of_one_speaker_in_two_reports_is_one_statement() -> None:
    s = story()
    a = s.quote("harbour-times", "badly exposed", 0, kind="partial")
    b = s.quote("island-post", "badly exposed", 4, kind="partial")
    c = s.quote("north-wire", "badly exposed", 3, kind="partial")  # Ilse Voss, not Jensen
    s.run()
    assert a.group == b.group
    assert c.group != a.group
    # One article's repeats alone make no statement: a term the writer quotes twice.
    s = story()
    d = s.quote("coast-daily", "safe harbour", 1, kind="partial")
    e = s.quote("coast-daily", "safe harbour", 1, kind="partial")
    s.run()
    assert d.group != e.group


def test_one_remark_of_an_unnamed_group_in_two_reports_is_one_statement() -> None:
    s = story()
    words = "the closure could push ferry fares up across the whole island chain"
    a = s.quote("harbour-times", words, 9, kind="indirect", name="Economists")  # no entity
    b = s.quote("island-post", words, 9, kind="indirect", name="economists")
    c = s.quote("north-wire", words, 9, kind="indirect", name="Ferry operators")
    s.run()
    assert a.group == b.group  # the same words from speakers described alike
    assert c.group != a.group  # described otherwise: someone else


def test_groups_are_stable_across_runs() -> None:
    def groups() -> list[str]:
        s = story()
        s.quote("harbour-times", "We will rebuild the pier before winter.", 0)
        s.quote("island-post", "We will rebuild the pier before winter.", 4)
        s.quote("north-wire", "Nobody asked the fishermen.", 3)
        s.run()
        return [q.group for q in s.quotes]

    assert groups() == groups()


def test_summary_lists_outlets_and_the_first_sighting() -> None:
    s = story()
    s.quote("harbour-times", "We will rebuild the pier before winter.", 0)
    s.quote("island-post", "We will rebuild the pier before winter.", 4)
    s.quote("north-wire", "We will rebuild the pier before winter.", 7)
    s.quote("island-post", "The crane barge arrives on Thursday.", 2)
    s.run()
    summary = quote_groups_summary(s.quotes, [a.article for a in s.analyses])
    top = summary[0]
    assert top.speaker == JENSEN and top.speaker_name == "Mara Jensen"
    assert sorted(top.outlets) == ["Harbour Times", "Island Post", "North Wire"]
    assert top.first_seen is not None
    # North Wire published on 2 March, before the other two.
    assert (top.first_seen.outlet, top.first_seen.published) == ("North Wire", "2025-03-02")
    assert top.outlets[0] == "North Wire"
    assert len(summary) == 2
    assert summary[1].outlets == ["Island Post"]
    assert summary[1].text == "The crane barge arrives on Thursday."


def test_summary_first_seen_falls_back_to_input_order_without_dates() -> None:
    s = Story()
    s.article("a1", "Outlet One", None, {JENSEN: 0})
    s.article("a2", "Outlet Two", None, {JENSEN: 0})
    s.quote("a2", "We will rebuild the pier before winter.", 0)
    s.quote("a1", "We will rebuild the pier before winter.", 0)
    s.run()
    (group,) = quote_groups_summary(s.quotes, [a.article for a in s.analyses])
    assert group.first_seen is not None and group.first_seen.article == "a1"
