"""Which set a figure counts: storyline.corpus.figure_sets (no spaCy needed)."""

from __future__ import annotations

from storyline.corpus.figure_sets import Bodies, named_body, set_conflict
from storyline.corpus.figures import group_figures
from storyline.model import Article, ArticleAnalysis, EntityMention, Figure

# An invented story: talks on a reconstruction pact for the invented republic of Tarrow.
BODIES = {
    "t1": ("Corvan Herald", "2024-05-02",
           "Around two dozen leaders took part in the Tarrow pact talks on Wednesday, including "
           "those from Norvia and Estland."),
    "t2": ("Delta Wire", "2024-05-02",
           "Officials from around 20 largely Nordic and Alpine countries took part in talks on "
           "the Tarrow pact."),
    "t4": ("Fen Echo", "2024-05-02",
           "The 27 EU leaders signed off a move to loosen budget rules for the Tarrow pact's "
           "backers, leaders said."),
    "t3": ("Corvan Herald", "2024-05-03",
           "Nine Baltica Council members voted against the plan, while 12 members of the "
           "council's staff resigned."),
}  # fmt: skip


def _analysis(aid: str, orgs: tuple[str, ...] = ()) -> ArticleAnalysis:
    outlet, day, body = BODIES[aid]
    art = Article(id=aid, source="invented", text=body, outlet=outlet, published=day,
                  published_precision="day")  # fmt: skip
    mentions = [EntityMention(aid, body.index(o), body.index(o) + len(o), o, "ORG") for o in orgs]
    return ArticleAnalysis(article=art, mentions=mentions)


def _fig(aid: str, n: int, text: str, value: float, measure: str,
         qualifier: str | None = None) -> Figure:  # fmt: skip
    body = BODIES[aid][2]
    start = body.index(text)
    return Figure(id=f"{aid}:f{n}", article=aid, start=start, end=start + len(text), text=text,
                  value=value, unit=None, measure=measure, date=BODIES[aid][1],
                  qualifier=qualifier)  # fmt: skip


def _coalition() -> list[Figure]:
    # measures as the figures stage writes them for these sentences
    return [
        _fig("t1", 1, "two dozen", 24, "leaders taking part in Tarrow pact talks", "around"),
        _fig("t2", 1, "20", 20, "largely Nordic and Alpine countries taking part", "around"),
        _fig("t4", 1, "27", 27, "EU leaders signing off move"),
    ]


def test_members_of_a_named_body_are_another_set() -> None:
    figs = _coalition()
    group_figures(figs, [_analysis("t1"), _analysis("t2"), _analysis("t4", ("EU",))])
    group = {f.id: f.group for f in figs}
    assert group["t1:f1"] == group["t2:f1"]  # the leaders at the talks = the countries there
    assert group["t4:f1"] not in (group["t1:f1"], group["t2:f1"])  # the EU's 27 leaders


def test_without_the_named_body_the_leaders_would_join() -> None:
    """The same figures, the EU's name taken out: the 27 leaders join the two dozen
    (what the rule above prevents; guards against the test passing for other reasons)."""
    figs = _coalition()
    figs[2].measure = "leaders signing off move"
    group_figures(figs, [_analysis("t1"), _analysis("t2"), _analysis("t4")])
    assert figs[2].group == figs[0].group


def test_named_body_reads_a_bare_name_right_after_the_number() -> None:
    t2, t3, t4 = _analysis("t2"), _analysis("t3", ("Baltica Council",)), _analysis("t4", ("EU",))
    text2, text3, text4 = t2.article.text, t3.article.text, t4.article.text
    eu, countries = _coalition()[2], _coalition()[1]
    assert named_body(eu, text4, Bodies(t4.mentions)) == {"eu"}
    # coordinated, hedged modifiers describe the set's make-up: no body
    assert named_body(countries, text2, Bodies(t2.mentions)) == frozenset()
    # an organisation's name without capitals is found through the entity mention
    council = _fig("t3", 1, "Nine", 9, "Baltica Council members voting against plan")
    assert named_body(council, text3, Bodies(t3.mentions)) == {"baltica council"}
    assert named_body(council, text3, Bodies([])) == frozenset()  # not an acronym
    staff = _fig("t3", 2, "12", 12, "members of council's staff")
    assert named_body(staff, text3, Bodies(t3.mentions)) == frozenset()


def test_set_conflict() -> None:
    eu = frozenset({"eu", "european union"})
    assert set_conflict(eu, "EU leaders", frozenset(), "leaders taking part")
    assert not set_conflict(eu, "EU leaders", frozenset(), "leaders of the EU")
    assert not set_conflict(eu, "EU leaders", eu, "EU heads of government")
    assert set_conflict(eu, "EU leaders", frozenset({"nato"}), "Nato leaders")
    assert not set_conflict(frozenset(), "leaders", frozenset(), "countries")
