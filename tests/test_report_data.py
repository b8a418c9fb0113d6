"""An invented story as a hand-built Result, for the report and app tests.

A fictional bridge closure in the fictional town of Orsa, told by three
invented outlets, plus one hostile article whose every field tries to inject
markup. Offsets are computed from the text, so the Result keeps the contract.
Every section of the report has data here, whatever the analysis stages
currently produce.
"""

from __future__ import annotations

from storyline.export import contract_problems
from storyline.model import (
    Article,
    BriefingLine,
    Citation,
    Damage,
    DuplicateSet,
    Entity,
    Event,
    EventMention,
    Figure,
    Quote,
    Removed,
    Result,
    Span,
    Story,
    Timex,
)

HOSTILE = "<script>alert(1)</script>"
HOSTILE_LINK = '<a href="javascript:alert(2)">click me</a>'

HERALD_1 = (
    "The Orsa river bridge closed on Monday after engineers found cracks in its main span.\n\n"
    "Mayor Ilse Brandt said: \u201cNobody will cross that bridge until it is safe.\u201d\n\n"
    "About 12,000 drivers use the bridge every day, the council said. "
    "Repairs will be discussed at a council meeting on Friday."
)
WIRE_1 = (
    "Engineers closed the Orsa river bridge on Monday. Chief engineer Tomas Reyl said "
    "the cracks were \u201cwider than anything we have seen\u201d.\n\n"
    "Mayor Ilse Brandt said: \u201cNobody will cross that bridge until it is safe.\u201d\n\n"
    "Around 15,000 drivers cross the bridge daily, according to the regional office."
)
POST_1 = (
    "Engineers closed the Orsa river bridge on Monday. Chief engineer Tomas Reyl said "
    "the cracks were \u201cwider than anything we have seen\u201d.\n\n"
    "Mayor Ilse Brandt said: \u201cNobody will cross that bridge until it is safe.\u201d\n\n"
    "Around 15,000 drivers cross the bridge daily, according to the regional office. "
    "The council met on Friday and agreed to spend 4 million crowns on repairs."
)
HERALD_2 = (
    "The council agreed on Friday to spend 4.5 million crowns repairing the Orsa bridge, "
    "which 18,000 drivers used each day before it closed.\n\n"
    "Tomas Reyl told the meeting: \u201cWe can reopen one lane within three weeks.\u201d\n\n"
    "The bridge between and the old town remains shut."
)
HOSTILE_TEXT = (
    f"A reader sent this: {HOSTILE} and then {HOSTILE_LINK} and [more](javascript:alert(3)).\n\n"
    f"Prankster Vex Null said: \u201c{HOSTILE} is my favourite line.\u201d"
)


def _article(
    aid: str, text: str, outlet: str, published: str, title: str, **extra: object
) -> Article:
    return Article(
        id=aid,
        source=f"/corpus/{aid}.txt",
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        published_precision="day",
        **extra,  # type: ignore[arg-type]
    )


def at(article: Article, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = article.text.index(needle, start + 1)
    return start, start + len(needle)


def build_result() -> Result:
    """The invented Result; ``contract_problems`` of it is empty."""
    herald1 = _article(
        "herald-0301",
        HERALD_1,
        "Orsa Herald",
        "2031-03-03",
        "Cracks close Orsa bridge",
        removed=[
            Removed("Photo: the bridge at dusk (Orsa Herald)", "caption"),
            Removed("Read more: Orsa ferry timetable", "read-more"),
        ],
    )
    wire1 = _article("wire-0301", WIRE_1, "Valley Wire", "2031-03-03", "Orsa bridge shut")
    post1 = _article(
        "post-0308", POST_1, "Northbank Post", "2031-03-08", "Orsa bridge: council pays"
    )
    herald2 = _article(
        "herald-0308",
        HERALD_2,
        "Orsa Herald",
        "2031-03-08",
        "Orsa bridge repairs agreed",
    )
    herald2.damage = [Damage(*at(herald2, "between and the"), "preposition before a conjunction")]
    hostile = Article(
        id="hostile-1",
        source="/corpus/<script>alert(5)</script>.txt",
        text=HOSTILE_TEXT,
        title=f"<img src=x onerror=alert(4)> {HOSTILE}",
        outlet='"><script>alert(6)</script>',
        published="2031-03-09",
        published_precision="day",
        url="javascript:alert(7)",
    )
    arts = [herald1, wire1, post1, herald2, hostile]
    by_id = {a.id: a for a in arts}

    def span(aid: str, needle: str, nth: int = 0) -> Span:
        s, e = at(by_id[aid], needle, nth)
        return Span(aid, s, e, needle)

    brandt = Entity(
        "e-brandt",
        "Ilse Brandt",
        "PERSON",
        ["Ilse Brandt", "Mayor Ilse Brandt"],
        ["Mayor of Orsa"],
        [span(a, "Ilse Brandt") for a in ("herald-0301", "wire-0301", "post-0308")],
    )
    reyl = Entity(
        "e-reyl",
        "Tomas Reyl",
        "PERSON",
        ["Tomas Reyl"],
        ["chief engineer"],
        [span(a, "Tomas Reyl") for a in ("wire-0301", "post-0308", "herald-0308")],
    )
    orsa = Entity(
        "e-orsa",
        "Orsa",
        "GPE",
        ["Orsa"],
        [],
        [span(a, "Orsa") for a in ("herald-0301", "wire-0301", "post-0308", "herald-0308")],
    )
    council = Entity("e-council", "Orsa council", "ORG", [], [], [span("herald-0301", "council")])
    vex = Entity(
        "e-vex",
        f"Vex Null {HOSTILE}",
        "PERSON",
        [HOSTILE],
        [HOSTILE_LINK],
        [span("hostile-1", "Vex Null")],
    )
    safe = "Nobody will cross that bridge until it is safe."
    wider = "wider than anything we have seen"

    def quote(qid: str, aid: str, text: str, speaker: Entity, group: str, kind: str) -> Quote:
        s, e = at(by_id[aid], text)
        return Quote(qid, aid, s, e, text, kind, speaker.id, speaker.name, "said", group)  # type: ignore[arg-type]

    quotes = [
        quote("q1", "herald-0301", safe, brandt, "g-safe", "direct"),
        quote("q2", "wire-0301", safe, brandt, "g-safe", "direct"),
        quote("q3", "post-0308", safe, brandt, "g-safe", "direct"),
        quote("q4", "wire-0301", wider, reyl, "g-wider", "partial"),
        quote("q5", "post-0308", wider, reyl, "g-wider", "partial"),
        quote(
            "q6",
            "herald-0308",
            "We can reopen one lane within three weeks.",
            reyl,
            "g-lane",
            "direct",
        ),
        quote("q7", "hostile-1", f"{HOSTILE} is my favourite line.", vex, "g-hostile", "direct"),
    ]

    def figure(
        fid: str,
        aid: str,
        text: str,
        value: float,
        unit: str | None,
        measure: str,
        group: str,
        day: str,
    ) -> Figure:
        s, e = at(by_id[aid], text)
        return Figure(fid, aid, s, e, text, value, unit, measure, day, group)

    figures = [
        figure(
            "f1",
            "herald-0301",
            "About 12,000",
            12000,
            None,
            "drivers using the bridge daily",
            "g-drivers",
            "2031-03-03",
        ),
        figure(
            "f2",
            "wire-0301",
            "Around 15,000",
            15000,
            None,
            "drivers using the bridge daily",
            "g-drivers",
            "2031-03-03",
        ),
        figure(
            "f3",
            "herald-0308",
            "18,000",
            18000,
            None,
            "drivers using the bridge daily",
            "g-drivers",
            "2031-03-08",
        ),
        figure(
            "f4",
            "post-0308",
            "4 million crowns",
            4e6,
            "crowns",
            "repair budget",
            "g-budget",
            "2031-03-07",
        ),
        figure(
            "f5",
            "herald-0308",
            "4.5 million crowns",
            4.5e6,
            "crowns",
            "repair budget",
            "g-budget",
            "2031-03-07",
        ),
    ]
    figures[0].qualifier = "about"
    figures[1].qualifier = "around"
    timexes = [
        Timex("herald-0301", *at(herald1, "on Monday"), "on Monday", "DATE", "2031-03-03"),
        Timex("herald-0301", *at(herald1, "on Friday"), "on Friday", "DATE", "2031-03-07"),
        Timex("herald-0308", *at(herald2, "on Friday"), "on Friday", "DATE", "2031-03-07"),
    ]
    events = [
        Event(
            "ev-close",
            "Orsa bridge closed after cracks found",
            "2031-03-03",
            "day",
            [
                EventMention("herald-0301", *at(herald1, "The Orsa river bridge closed on Monday")),
                EventMention(
                    "wire-0301", *at(wire1, "Engineers closed the Orsa river bridge on Monday")
                ),
            ],
        ),
        Event(
            "ev-meeting",
            "Council meeting on repairs",
            "2031-03-07",
            "day",
            [
                EventMention("herald-0301", *at(herald1, "a council meeting on Friday")),
                EventMention("post-0308", *at(post1, "The council met on Friday")),
                EventMention("herald-0308", *at(herald2, "The council agreed on Friday")),
            ],
        ),
        Event(
            "ev-reopen",
            "One lane to reopen",
            "2031-03-29",
            "day",
            [
                EventMention(
                    "herald-0308", *at(herald2, "We can reopen one lane within three weeks.")
                ),
            ],
        ),
    ]
    stories = [
        Story(
            "st-bridge",
            "Orsa bridge closure",
            ["herald-0301", "wire-0301", "post-0308", "herald-0308"],
        ),
        Story("st-hostile", f"Hostile {HOSTILE}", ["hostile-1"]),
    ]
    briefing = [
        BriefingLine(
            "st-bridge",
            "The Orsa river bridge closed on 3 March after engineers found cracks.",
            [
                Citation(
                    "herald-0301",
                    *at(
                        herald1,
                        "The Orsa river bridge closed on Monday after engineers found cracks in its main span.",
                    ),
                ),
                Citation(
                    "wire-0301", *at(wire1, "Engineers closed the Orsa river bridge on Monday.")
                ),
            ],
        ),
        BriefingLine(
            "st-bridge",
            "The council agreed on 7 March to pay for repairs; outlets give 4 and 4.5 million crowns.",
            [
                Citation(
                    "herald-0308",
                    *at(herald2, "The council agreed on Friday to spend 4.5 million crowns"),
                ),
            ],
        ),
        BriefingLine(
            "st-hostile",
            f"A hostile line {HOSTILE} {HOSTILE_LINK}",
            [
                Citation("hostile-1", *at(hostile, HOSTILE)),
            ],
        ),
    ]
    result = Result(
        articles=arts,
        entities=[brandt, reyl, orsa, council, vex],
        quotes=quotes,
        timexes=timexes,
        figures=figures,
        events=events,
        stories=stories,
        briefing=briefing,
        duplicates=[
            DuplicateSet(["wire-0301", "post-0308"], "syndicated", original="wire-0301", wire="VW")
        ],
    )
    return result


def test_the_invented_result_keeps_the_contract() -> None:
    assert contract_problems(build_result().to_contract()) == []
