"""Per-article entity mentions (storyline.article.entities) and the tables behind them.

Every text here is invented: an invented port-rebuilding story with invented
people and outlets. Tests that parse text load spaCy and are marked slow; some set
``doc.ents`` by hand to reproduce a known spaCy mistake exactly, so the correction
is tested whatever the model's mood.
"""

from __future__ import annotations

from typing import Any

import pytest

from storyline import knowledge as kb
from storyline.article.entities import extract_mentions, resolve_pronoun
from storyline.model import Article, EntityMention

STORY = """Sir Tobias Wrenfield has thanked allies after the summit in Lisbon agreed to send engineers to rebuild the port of Odesa.

The Prime Minister said engineers from the UK, France and Poland would head to Ukraine for talks with Kyiv’s military chiefs to plan a force to deter Russian President Viktor Sorokin from attacking again.

He also said Mr Sorokin must be given a deadline.

Defence Secretary Dariusz Kolbe said the engineers would travel within a fortnight.

Russian Foreign Minister Anatoly Verkhov said the Kremlin “firmly rejects” any foreign engineers in the port.

Dutch Prime Minister Pieter van Houtem said the Netherlands would pay for the cranes.

Oksana Hrytsenko, Ukraine’s ambassador to the UK and former military chief, said the plan was overdue.

A senior Cabinet minister admitted on Monday that the deal was “a turning point for the whole continent”.

Speaking to Radio Norland, Brennan Tull said the government had worked for months on the plan. Mr Tull added: “It is a turning point for the whole continent, no question.”

Officials met at London’s Northwood headquarters, and Washington said it would send observers, while No10 declined to comment.

The UK has signed a deal with a crane maker and the Chancellor has approved a £2 billion loan.

Helga Marrow said the Treasury would publish the terms. “We will not let Sorokin drag this out,” she said.
"""  # noqa: E501

FOLLOW_UP = """Britain and the Netherlands will lead the port reconstruction, Wrenfield said on Tuesday.

Referencing van Houtem, Wrenfield added that the “group asked Pieter and me to lead the work”.

The Ukrainian president, Taras Melnyk, welcomed the plan. The engineers arrived in Kyiv on Friday.
"""

KELLAN = """Health minister Marta Kellan defended the plan on Wednesday. Her brother Tomas Kellan, a property developer, owns land near the port.

Ms Kellan said the contracts were fair. Mr Kellan declined to comment.
"""  # noqa: E501


# --- the tables (fast) ---------------------------------------------------------------


def test_country_names_and_aliases_normalise_to_one_code() -> None:
    assert {kb.country_code(x) for x in ("Britain", "the UK", "the United Kingdom", "UK")} == {"GB"}
    assert kb.country_code("the Russian Federation") == "RU"
    assert kb.country_name("GB") == "United Kingdom"
    assert kb.country_name("RU") == "Russia"
    assert kb.country_code("Wrenfield") is None


def test_demonyms_capitals_and_seats() -> None:
    assert kb.demonym("Russians") == ("RU", "Russian")
    assert kb.demonym("Dutch") == ("NL", "Dutch")
    assert kb.CAPITALS["kyiv"] == "UA"
    assert kb.SEATS["kremlin"] == "RU"
    assert kb.SEATS["no10"] == "GB"
    assert kb.government_name("GB") == "UK government"
    assert kb.government_name("RU") == "Russian government"
    assert kb.country_in_prose("US") == "the United States"


def test_role_keys_find_head_and_country() -> None:
    assert kb.role_key("Russian Foreign Minister") == ("foreign minister", "RU")
    assert kb.role_key("Dutch Prime Minister") == ("prime minister", "NL")
    assert kb.role_key("Prime Minister") == ("prime minister", None)
    assert kb.role_key("the US president's special envoy") == ("envoy", "US")
    assert kb.role_key("Chancellor of the Exchequer") == ("chancellor", None)
    assert kb.role_key("Ukraine’s ambassador to the UK") == ("ambassador", "UA")
    assert kb.role_key("property developer") is None


def test_name_signatures_keep_particles_and_middle_initials() -> None:
    assert kb.name_parts("Pieter van Houtem") == ("Pieter", "van Houtem")
    assert kb.name_signature("Henry A. Talbot Jr") == ("Henry", "A", "Talbot")
    assert kb.person_key("Henry A. Talbot") == kb.person_key("Henry Talbot")
    assert kb.name_signature("Henry A. Talbot")[1] != kb.name_signature("Henry R. Talbot")[1]
    assert kb.slug("Tobias Wrenfield") == "tobias-wrenfield"


# --- the stage (slow: spaCy) ----------------------------------------------------------


def _run(nlp: Any, text: str, ident: str = "a1") -> list[EntityMention]:
    return extract_mentions(nlp(text), Article(id=ident, source="test", text=text))


def _by_text(mentions: list[EntityMention], text: str) -> EntityMention:
    hits = [m for m in mentions if m.text == text]
    assert hits, f"no mention {text!r} in {[m.text for m in mentions]}"
    return hits[0]


@pytest.fixture(scope="module")
def story(nlp: Any) -> list[EntityMention]:
    return _run(nlp, STORY)


@pytest.mark.slow
def test_every_mention_points_into_the_article(story: list[EntityMention]) -> None:
    assert story
    for m in story:
        assert m.article == "a1"
        assert STORY[m.start : m.end] == m.text
        assert not m.text.endswith(("’s", "'s"))


@pytest.mark.slow
def test_honorific_and_surname_forms_join_the_full_name(story: list[EntityMention]) -> None:
    sir = _by_text(story, "Sir Tobias Wrenfield")
    assert sir.canonical == "Tobias Wrenfield" and sir.label == "PERSON"
    tull, mr_tull = _by_text(story, "Brennan Tull"), _by_text(story, "Mr Tull")
    assert mr_tull.cluster == tull.cluster and mr_tull.canonical == "Brennan Tull"
    sorokin = _by_text(story, "Viktor Sorokin")
    assert _by_text(story, "Mr Sorokin").cluster == sorokin.cluster
    assert _by_text(story, "Sorokin").cluster == sorokin.cluster
    assert sorokin.cluster != tull.cluster


@pytest.mark.slow
def test_roles_from_title_prefixes_and_appositions(story: list[EntityMention]) -> None:
    assert _by_text(story, "Dariusz Kolbe").roles == ["Defence Secretary"]
    assert _by_text(story, "Viktor Sorokin").roles == ["Russian President"]
    dutch = _by_text(story, "Pieter van Houtem")
    assert dutch.roles == ["Dutch Prime Minister"] and dutch.canonical == "Pieter van Houtem"
    # spaCy tags this name ORG; the title in front of it makes it a person.
    verkhov = _by_text(story, "Anatoly Verkhov")
    assert verkhov.label == "PERSON" and verkhov.roles == ["Russian Foreign Minister"]
    envoy = _by_text(story, "Oksana Hrytsenko")
    assert any("ambassador to the UK" in r and "former military chief" in r for r in envoy.roles)


@pytest.mark.slow
def test_countries_governments_and_places(story: list[EntityMention]) -> None:
    kyiv = _by_text(story, "Kyiv")  # "Kyiv’s military chiefs": the government acts
    assert (kyiv.label, kyiv.ref, kyiv.canonical) == ("ORG", "UA", "Ukrainian government")
    assert (_by_text(story, "Kremlin").ref, _by_text(story, "Kremlin").label) == ("RU", "ORG")
    assert _by_text(story, "No10").canonical == "UK government"
    assert _by_text(story, "Washington").ref == "US"  # "Washington said"
    london = _by_text(story, "London")  # "London’s Northwood headquarters": a place
    assert (london.label, london.ref) == ("GPE", None)
    uk = [m for m in story if m.text == "UK"]
    assert uk and all((m.label, m.ref, m.canonical) == ("GPE", "GB", "United Kingdom") for m in uk)
    assert len({m.cluster for m in uk}) == 1
    assert _by_text(story, "Russian").label == "NORP" and _by_text(story, "Russian").ref == "RU"
    assert _by_text(story, "Odesa").label == "GPE"  # spaCy says NORP


@pytest.mark.slow
def test_place_named_by_capital_in_a_locative_stays_a_place(nlp: Any) -> None:
    mentions = _run(nlp, FOLLOW_UP)
    kyiv = _by_text(mentions, "Kyiv")  # "arrived in Kyiv"
    assert (kyiv.label, kyiv.ref, kyiv.canonical) == ("GPE", None, "Kyiv")
    assert _by_text(mentions, "Britain").canonical == "United Kingdom"


@pytest.mark.slow
def test_titles_link_to_the_person_the_article_means(story: list[EntityMention]) -> None:
    chancellor = _by_text(story, "the Chancellor")  # named in the next sentence
    assert chancellor.kind == "title" and chancellor.canonical == "Helga Marrow"
    assert chancellor.cluster == _by_text(story, "Helga Marrow").cluster
    minister = _by_text(story, "A senior Cabinet minister")  # the quote is echoed later
    assert minister.cluster == _by_text(story, "Brennan Tull").cluster
    assert minister.roles == ["senior Cabinet minister"]
    # The Dutch Prime Minister is introduced after this sentence: not him.
    pm = _by_text(story, "The Prime Minister")
    assert pm.cluster != _by_text(story, "Pieter van Houtem").cluster
    assert pm.canonical is None and pm.roles == ["Prime Minister"]


@pytest.mark.slow
def test_title_in_apposition_and_first_name_inside_quotes(nlp: Any) -> None:
    mentions = _run(nlp, FOLLOW_UP)
    president = _by_text(mentions, "The Ukrainian president")
    assert president.cluster == _by_text(mentions, "Taras Melnyk").cluster
    wrenfield = [m for m in mentions if m.text == "Wrenfield"]
    assert len(wrenfield) == 2 and len({m.cluster for m in wrenfield}) == 1
    assert _by_text(mentions, "van Houtem").label == "PERSON"  # "Referencing" dropped


def _with_bare_first_names(nlp: Any, text: str) -> Any:
    """Parse ``text`` and make sure every quoted "Sofia" is a PERSON entity."""
    doc = nlp(text)
    spans = [
        doc.char_span(i, i + 5, label="PERSON")
        for i in range(len(text))
        if text.startswith("“Sofia", i - 1)
    ]
    kept = [e for e in doc.ents if not any(e.start <= s.start < e.end for s in spans)]
    doc.ents = kept + spans
    return doc


@pytest.mark.slow
def test_first_name_in_quotes_joins_only_when_unambiguous(nlp: Any) -> None:
    one = "Sofia Brandt and Erik Lind signed the report. “Sofia and I agree,” Lind said."
    two = "Sofia Brandt and Sofia Lind signed the report. “Sofia and I agree,” Erik Lind said."
    first = extract_mentions(_with_bare_first_names(nlp, one), Article("q1", "t", one))
    bare = _by_text(first, "Sofia")
    assert bare.label == "PERSON"  # not the capital of Bulgaria
    assert bare.cluster == _by_text(first, "Sofia Brandt").cluster
    second = extract_mentions(_with_bare_first_names(nlp, two), Article("q2", "t", two))
    bare = _by_text(second, "Sofia")
    # With two Sofias named, the first name is nobody's: never guess between people.
    assert bare.cluster not in (
        _by_text(second, "Sofia Brandt").cluster,
        _by_text(second, "Sofia Lind").cluster,
    )


@pytest.mark.slow
def test_two_people_sharing_a_surname_stay_apart(nlp: Any) -> None:
    mentions = _run(nlp, KELLAN)
    marta, tomas = _by_text(mentions, "Marta Kellan"), _by_text(mentions, "Tomas Kellan")
    assert marta.cluster != tomas.cluster
    # "Her brother ..." tells Marta is a woman, so "Ms Kellan" is her and "Mr" him.
    assert _by_text(mentions, "Ms Kellan").cluster == marta.cluster
    assert _by_text(mentions, "Mr Kellan").cluster == tomas.cluster
    assert marta.roles == ["Health minister"]


@pytest.mark.slow
def test_spacy_mistakes_are_corrected(nlp: Any) -> None:
    text = (
        "Sir Tobias met Ms Helga Marrow in Kyiv. Kyiv’s envoy attacked "
        "the Walter Haines-initiated process.\nBrightwater Gazette\nReferencing Marrow, "
        "Wrenfield said the talks would go on."
    )
    doc = nlp(text)

    def span(piece: str, label: str, nth: int = 0) -> Any:
        start = -1
        for _ in range(nth + 1):
            start = text.index(piece, start + 1)
        return doc.char_span(start, start + len(piece), label=label)

    # The mistakes spaCy makes on news text, set by hand.
    doc.ents = [
        span("Tobias", "PERSON"),  # honorific left out
        span("Helga Marrow", "PERSON"),
        span("Kyiv’s", "ORG"),  # possessive, wrong type
        span("Walter Haines-initiated", "PERSON"),
        span("Gazette\nReferencing Marrow", "PERSON"),  # across a line break
        span("Wrenfield", "ORG"),
    ]
    mentions = extract_mentions(doc, Article(id="x", source="t", text=text))
    texts = {m.text: m for m in mentions}
    assert "Sir Tobias" in texts and texts["Sir Tobias"].label == "PERSON"
    assert texts["Ms Helga Marrow"].canonical == "Helga Marrow"
    assert texts["Kyiv"].label == "ORG" and texts["Kyiv"].ref == "UA"
    assert "Walter Haines" in texts and texts["Walter Haines"].label == "PERSON"
    assert "Marrow" in texts and texts["Marrow"].cluster == texts["Ms Helga Marrow"].cluster
    assert not any("initiated" in t or "\n" in t or "Referencing" in t for t in texts)


@pytest.mark.slow
def test_speaker_pronouns_become_mentions(story: list[EntityMention]) -> None:
    she = [m for m in story if m.kind == "pronoun" and m.text == "she"]
    assert she and she[0].cluster == _by_text(story, "Helga Marrow").cluster
    he = _by_text(story, "He")  # "He also said Mr Sorokin ...": the Prime Minister
    assert he.kind == "pronoun"
    assert he.cluster == _by_text(story, "The Prime Minister").cluster


@pytest.mark.slow
def test_resolve_pronoun_prefers_subjects_and_skips_captions_quotes_and_gender(
    nlp: Any,
) -> None:
    text = (
        "Brennan Tull said the plan would deter Viktor Sorokin. He added that talks go on.\n"
        "Chancellor Helga Marrow visits the port (Image: Norland Wire)\n"
        "“We will not let Sorokin drag this out,” he said.\n"
        "Ms Marrow said the loan was ready. He disagreed."
    )
    doc = nlp(text)
    mentions = extract_mentions(doc, Article(id="p", source="t", text=text))
    tull = _by_text(mentions, "Brennan Tull").cluster
    # Subject of the main clause, not the later object (Sorokin).
    assert resolve_pronoun(doc, text.index("He added"), mentions) == tull
    # Skips the caption line and the name inside the quote.
    assert resolve_pronoun(doc, text.index("he said"), mentions) == tull
    # "He" cannot be Ms Marrow.
    assert resolve_pronoun(doc, text.index("He disagreed"), mentions) == tull
    assert resolve_pronoun(doc, 0, mentions) is None


@pytest.mark.slow
def test_empty_and_nameless_texts_give_no_or_only_title_mentions(nlp: Any) -> None:
    assert _run(nlp, "") == []
    assert _run(nlp, "  \n\n ") == []
    assert _run(nlp, "He said so.") == []  # a pronoun with nobody to stand for
    (title,) = _run(nlp, "The Prime Minister said so.")
    assert (title.kind, title.canonical, title.roles) == ("title", None, ["Prime Minister"])


def test_a_span_of_only_a_no_break_space_is_dropped_not_a_crash(nlp: Any) -> None:
    # Pull-quote credits are often "― NAME" with a no-break space, and spaCy may
    # tag the space alone as a PERSON: trimming leaves nothing of it.
    from spacy.tokens import Span

    text = (
        "Readers sent in their stories about the harbour strike.\n\n"
        "“I am so proud of this town & its dockers!” ―\u00a0Julia Ortega Ruiz.\n\n"
        "Julia Ortega Ruiz said the strike had united the town."
    )
    doc = nlp(text)
    space = next(t.i for t in doc if t.text == "\u00a0")
    others = [e for e in doc.ents if not (e.start <= space < e.end)]
    doc.ents = [*others, Span(doc, space, space + 1, label="PERSON")]
    mentions = extract_mentions(doc, Article(id="a1", source="test", text=text))
    assert all(m.text.strip() for m in mentions)
    assert any(m.canonical == "Julia Ortega Ruiz" for m in mentions)


def test_role_keys_know_us_states_and_abbreviated_titles() -> None:
    # "the Vermont senator" must not join whichever senator was named last.
    assert kb.role_key("Vermont senator") == ("senator", "US-VT")
    assert kb.role_key("Florida Sen.") == ("senator", "US-FL")
    assert kb.role_key("New York Gov.") == ("governor", "US-NY")
    assert kb.role_key("Sen.") == ("senator", None)
    assert kb.role_key("Navy Capt.") == ("captain", None)
    assert kb.role_key("Russian Foreign Minister") == ("foreign minister", "RU")


@pytest.mark.slow
def test_state_qualified_title_links_to_the_senator_of_that_state(nlp: Any) -> None:
    text = (
        "Vermont Sen. Elin Marsh and Sen. Owen Tate met donors in Burlington on Monday.\n\n"
        "Later, Tate spoke about the budget and Marsh listened.\n\n"
        "The Vermont senator said the talks went well."
    )
    doc = nlp(text)
    mentions = extract_mentions(doc, Article(id="a", source="t", text=text))
    title = next(m for m in mentions if m.text == "The Vermont senator")
    marsh = next(m for m in mentions if m.text == "Marsh")
    assert title.cluster == marsh.cluster
    assert "Vermont Sen." in next(m for m in mentions if m.text == "Elin Marsh").roles


@pytest.mark.slow
def test_a_name_set_off_after_a_role_noun_is_a_person_the_tagger_missed() -> None:
    from storyline.article.nlp import load_pipeline

    text = (
        "Ministers from across the North Sea met in Rotterdam to discuss the diverted cargo. "
        "The Dutch infrastructure minister, Maarten Hoogeveen, who hosted yesterday’s meeting, "
        "said his country’s terminals were close to their limits.\n\n“We cannot let a "
        "conflict about wages turn into a traffic jam,” the minister said."
    )
    doc = load_pipeline()(text)
    assert "Maarten Hoogeveen" not in [e.text for e in doc.ents if e.label_ == "PERSON"]
    people = [
        m for m in extract_mentions(doc, Article("hg", "hg.txt", text)) if m.label == "PERSON"
    ]
    name = next(m for m in people if m.text == "Maarten Hoogeveen")
    title = next(m for m in people if m.text == "the minister")
    assert name.kind == "name" and title.kind == "title"
    assert title.cluster == name.cluster and title.canonical == "Maarten Hoogeveen"


@pytest.mark.slow
def test_a_title_is_not_the_person_its_own_quote_names(nlp: Any) -> None:
    text = (
        "The strike at the ferry terminal is over, officials said on Friday.\n\n"
        "In a statement, the Prime Minister said: “I want to thank Sir Bernard and his team "
        "for their patience.”\n\n"
        "Hauliers welcomed the result."
    )
    mentions = _run(nlp, text)
    minister = _by_text(mentions, "the Prime Minister")
    bernard = _by_text(mentions, "Sir Bernard")
    assert minister.cluster != bernard.cluster  # the one thanked is not the one thanking
