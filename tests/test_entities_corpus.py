"""Cross-article entities (storyline.corpus.entities) on invented articles.

Most tests build the per-article mentions by hand (fast, and exact about what the
corpus stage is given); one test runs the whole entity path through spaCy.
"""

from __future__ import annotations

from typing import Any

import pytest

from storyline.article.entities import extract_mentions
from storyline.corpus.entities import resolve_entities, speaker_index
from storyline.model import Article, ArticleAnalysis, Entity, EntityMention


class Page:
    """An invented article written mention by mention, offsets kept exact."""

    def __init__(self, ident: str) -> None:
        self.id = ident
        self.text = ""
        self.mentions: list[EntityMention] = []

    def say(self, words: str) -> Page:
        self.text += words + " "
        return self

    def m(
        self,
        text: str,
        cluster: int,
        label: str = "PERSON",
        canonical: str | None = None,
        roles: list[str] | None = None,
        kind: str = "name",
        ref: str | None = None,
    ) -> Page:
        start = len(self.text)
        self.text += text + " "
        if canonical is None and kind == "name":
            canonical = text
        self.mentions.append(
            EntityMention(
                self.id, start, start + len(text), text, label, cluster, canonical,
                list(roles or []), kind, ref,
            )
        )
        return self

    def analysis(self) -> ArticleAnalysis:
        return ArticleAnalysis(Article(self.id, "test", self.text), list(self.mentions))


def resolve(*pages: Page) -> list[Entity]:
    return resolve_entities([p.analysis() for p in pages])


def by_name(entities: list[Entity], name: str) -> Entity:
    hits = [e for e in entities if e.name == name]
    assert len(hits) == 1, f"{name!r}: {[(e.id, e.name) for e in entities]}"
    return hits[0]


def holder_of(entities: list[Entity], article: str, text: str) -> Entity | None:
    for e in entities:
        if any(s.article == article and s.text == text for s in e.mentions):
            return e
    return None


def test_one_person_across_articles_with_aliases_roles_and_exact_spans() -> None:
    a = Page("a").m("Sir Tobias Wrenfield", 0, canonical="Tobias Wrenfield")
    a.say("met").m("Sir Tobias", 0, canonical="Tobias Wrenfield")
    b = Page("b").m("Prime Minister", 0, canonical="Tobias Wrenfield", kind="title",
                    roles=["Prime Minister"])
    b.m("Tobias Wrenfield", 0, roles=["British Prime Minister"])
    c = Page("c").m("Wrenfield", 0).say("said").m("Wrenfield’s", 0, canonical="Wrenfield")
    entities = resolve(a, b, c)
    person = by_name(entities, "Tobias Wrenfield")
    assert person.id == "person:tobias-wrenfield" and person.type == "PERSON"
    assert len(person.mentions) == 6
    assert {"Sir Tobias Wrenfield", "Sir Tobias", "Tobias Wrenfield", "Wrenfield"} == set(
        person.aliases
    )
    assert person.roles == ["British Prime Minister"]  # "Prime Minister" says nothing more
    texts = {p.id: p.text for p in (a, b, c)}
    for s in person.mentions:
        assert texts[s.article][s.start : s.end] == s.text


def test_two_people_sharing_a_surname_are_never_merged() -> None:
    marta = Page("m").m("Marta Kellan", 0).say("said.").m("Ms Kellan", 0, "PERSON", "Marta Kellan")
    tomas = Page("t").m("Tomas Kellan", 0).say("said.").m("Mr Kellan", 0, "PERSON", "Tomas Kellan")
    bare = Page("k").say("Then").m("Kellan", 0).say("said it was fair.")
    other = Page("k2").m("Kellan", 0).say("disagreed.")
    woman = Page("w").m("Ms Kellan", 0, canonical="Kellan").say("said it was fair.")
    entities = resolve(marta, tomas, bare, other, woman)
    m, t = by_name(entities, "Marta Kellan"), by_name(entities, "Tomas Kellan")
    assert m.id != t.id
    assert {s.article for s in m.mentions} == {"m", "w"}  # "Ms Kellan" alone: the woman
    assert {s.article for s in t.mentions} == {"t"}
    alone = holder_of(entities, "k", "Kellan")
    assert alone is not None and alone.id not in (m.id, t.id)  # nothing tells which
    assert holder_of(entities, "k2", "Kellan") is not alone  # nor whether the same one


def test_a_first_name_shared_by_two_people_joins_neither() -> None:
    brandt = Page("a").m("Sofia Brandt", 0).say("and").m("Sofia Lind", 1)
    brandt.say("said").m("Sofia", 2).say("would lead.")
    entities = resolve(brandt)
    sofia = holder_of(entities, "a", "Sofia")
    assert sofia is not None
    assert sofia.id not in (
        by_name(entities, "Sofia Brandt").id,
        by_name(entities, "Sofia Lind").id,
    )
    assert by_name(entities, "Sofia Brandt").id != by_name(entities, "Sofia Lind").id


def test_a_lone_first_name_joins_the_person_named_in_the_same_article() -> None:
    full = Page("a").m("Pieter van Houtem", 0, roles=["Dutch Prime Minister"])
    follow = Page("b").m("van Houtem", 0).say("asked").m("Pieter", 1).say("to lead.")
    entities = resolve(full, follow)
    person = by_name(entities, "Pieter van Houtem")
    assert {s.text for s in person.mentions} == {"Pieter van Houtem", "van Houtem", "Pieter"}


def test_middle_initials_keep_two_namesakes_apart() -> None:
    a = Page("a").m("Henry A. Talbot", 0)
    b = Page("b").m("Henry R. Talbot", 0)
    c = Page("c").m("Henry Talbot", 0)
    entities = resolve(a, b, c)
    ids = {holder_of(entities, p, t).id for p, t in  # type: ignore[union-attr]
           (("a", "Henry A. Talbot"), ("b", "Henry R. Talbot"), ("c", "Henry Talbot"))}
    assert len(ids) == 3  # "Henry Talbot" could be either: joins neither
    d = Page("d").m("Mark J. Osgood", 0)
    e = Page("e").m("Mark Osgood", 0)
    assert len([x for x in resolve(d, e) if x.type == "PERSON"]) == 1


def test_spelling_variants_of_one_surname_merge_but_not_other_first_names() -> None:
    a = Page("a").m("Bohdan Kravchenko", 0)
    b = Page("b").m("Bohdan Kravtchenko", 0)
    c = Page("c").m("Olena Kravchenko", 0)
    entities = [e for e in resolve(a, b, c) if e.type == "PERSON"]
    assert len(entities) == 2
    assert {len(e.mentions) for e in entities} == {2, 1}


def test_titles_resolve_to_the_holder_named_in_the_corpus() -> None:
    a = Page("a").m("Ukrainian President Taras Melnyk", 0, canonical="Taras Melnyk",
                    roles=["Ukrainian President"])
    b = Page("b").m("Taras Melnyk", 0).say("thanked them.")
    b.m("The Ukrainian president", 1, kind="title", roles=["Ukrainian president"])
    b.say("posted a video.")
    c = Page("c").m("The Ukrainian president", 0, kind="title", roles=["Ukrainian president"])
    d = Page("d").m("a judge", 0, kind="title", roles=["judge"])
    entities = resolve(a, b, c, d)
    melnyk = by_name(entities, "Taras Melnyk")
    assert holder_of(entities, "b", "The Ukrainian president") is melnyk
    # Named nowhere in the article, but the only holder of a title with a country.
    assert holder_of(entities, "c", "The Ukrainian president") is melnyk
    assert holder_of(entities, "d", "a judge") is None  # introduces someone: no entity
    assert "Ukrainian President" in melnyk.roles


def test_unqualified_title_is_not_a_foreign_holder_named_after_or_beside_others() -> None:
    a = Page("a").m("Dutch Prime Minister Pieter van Houtem", 0, canonical="Pieter van Houtem",
                    roles=["Dutch Prime Minister"])
    b = Page("b").m("Tobias Wrenfield", 0).say("met").m("van Houtem", 1).say(".")
    b.m("the Prime Minister", 2, kind="title", roles=["Prime Minister"]).say("said.")
    c = Page("c").m("the Prime Minister", 0, kind="title", roles=["Prime Minister"])
    c.say("said.").m("Pieter van Houtem", 1, roles=["Dutch Prime Minister"])
    d = Page("d").m("Pieter van Houtem", 0).say("spoke.")
    d.m("The Prime Minister", 1, kind="title", roles=["Prime Minister"]).say("added.")
    entities = resolve(a, b, c, d)
    dutch = by_name(entities, "Pieter van Houtem")
    assert holder_of(entities, "b", "the Prime Minister") is None  # could be Wrenfield
    assert holder_of(entities, "c", "the Prime Minister") is None  # he is named after it
    assert holder_of(entities, "d", "The Prime Minister") is dutch  # the only one named


def test_a_plain_title_in_an_article_naming_no_one_is_the_corpus_one_holder_of_it() -> None:
    a = Page("a").m("Prime Minister Helen Marchbank", 0, canonical="Helen Marchbank",
                    roles=["Prime Minister"])
    a.m("Dutch Prime Minister Pieter van Houtem", 1, canonical="Pieter van Houtem",
        roles=["Dutch Prime Minister"])
    b = Page("b").say("In a statement,").m("the Prime Minister", 0, kind="title",
                                          roles=["Prime Minister"]).say("said.")
    entities = resolve(a, b)
    assert holder_of(entities, "b", "the Prime Minister") is by_name(entities, "Helen Marchbank")
    # Two people called just "Prime Minister": nothing tells which.
    c = Page("c").m("Prime Minister Tobias Wrenfield", 0, canonical="Tobias Wrenfield",
                    roles=["Prime Minister"])
    entities = resolve(a, b, c)
    assert holder_of(entities, "b", "the Prime Minister") is None


def test_countries_nationalities_and_governments() -> None:
    a = Page("a").m("Britain", 0, "GPE", "United Kingdom", ref="GB")
    a.m("the UK", 0, "GPE", "United Kingdom", ref="GB")
    a.m("No10", 1, "ORG", "UK government", ref="GB").m("British", 2, "NORP", "British", ref="GB")
    b = Page("b").m("the United Kingdom", 0, "GPE", "United Kingdom", ref="GB")
    b.m("the Kremlin", 1, "ORG", "Russian government", ref="RU")
    b.m("Moscow", 2, "ORG", "Russian government", ref="RU")
    b.m("Moscow", 3, "GPE", "Moscow")
    entities = resolve(a, b)
    uk = by_name(entities, "United Kingdom")
    assert uk.id == "country:gb" and uk.type == "GPE" and len(uk.mentions) == 3
    assert set(uk.aliases) == {"Britain", "UK", "United Kingdom"}
    gov = by_name(entities, "UK government")
    assert gov.id == "government:gb" and gov.roles == ["government of the United Kingdom"]
    kremlin = by_name(entities, "Russian government")
    assert kremlin.id == "government:ru" and set(kremlin.aliases) == {"Kremlin", "Moscow"}
    assert by_name(entities, "Moscow").id == "gpe:moscow"  # the city, apart
    assert by_name(entities, "British").id == "norp:gb"


def test_organisations_merge_with_their_acronym_and_person_named_orgs_join_the_person() -> None:
    a = Page("a").m("Maritime Reconstruction Fund", 0, "ORG", "Maritime Reconstruction Fund")
    a.m("Walter Haines", 1, roles=["US President"])
    b = Page("b").m("MRF", 0, "ORG", "MRF").m("Haines", 1, "ORG", "Haines")
    entities = resolve(a, b)
    fund = by_name(entities, "Maritime Reconstruction Fund")
    assert {s.text for s in fund.mentions} == {"Maritime Reconstruction Fund", "MRF"}
    haines = by_name(entities, "Walter Haines")
    assert {s.article for s in haines.mentions} == {"a", "b"}


def test_ids_are_stable_unique_and_speakers_map_to_entities() -> None:
    def pages() -> list[Page]:
        a = Page("a").m("Kellan", 0).say("and").m("Marta Kellan", 1).m("Tomas Kellan", 2)
        b = Page("b").m("Kellan", 0).say("said").m("he", 0, canonical="Kellan", kind="pronoun")
        return [a, b]

    first = resolve(*pages())
    second = resolve(*pages())
    assert [e.id for e in first] == [e.id for e in second]
    assert len({e.id for e in first}) == len(first)
    analyses = [p.analysis() for p in pages()]
    index = speaker_index(analyses, resolve_entities(analyses))
    assert index[("b", 0)] == holder_of(first, "b", "he").id  # type: ignore[union-attr]
    assert index[("a", 1)] == by_name(first, "Marta Kellan").id


@pytest.mark.slow
def test_end_to_end_on_invented_articles(nlp: Any) -> None:
    texts = {
        "a": "Prime Minister Sir Tobias Wrenfield met Dutch Prime Minister Pieter van Houtem "
        "in Lisbon. Britain will pay, Sir Tobias said.",
        "b": "Wrenfield said the UK would send engineers. The Prime Minister told reporters "
        "that the Kremlin had been warned.",
        "c": "The United Kingdom and the Netherlands signed the deal. Mr Wrenfield said "
        "Moscow was isolated.",
    }
    analyses = []
    for ident, text in texts.items():
        article = Article(ident, "test", text)
        analyses.append(ArticleAnalysis(article, extract_mentions(nlp(text), article)))
    entities = resolve_entities(analyses)
    pm = by_name(entities, "Tobias Wrenfield")
    assert {s.article for s in pm.mentions} == {"a", "b", "c"}
    assert "the prime minister" in {s.text.lower() for s in pm.mentions}
    assert pm.roles[0] == "Prime Minister"
    assert by_name(entities, "Pieter van Houtem").roles == ["Dutch Prime Minister"]
    uk = by_name(entities, "United Kingdom")
    assert {s.article for s in uk.mentions} == {"a", "b", "c"}
    assert by_name(entities, "Russian government").id == "government:ru"
    people = [e for e in entities if e.type == "PERSON"]
    assert len(people) == 2


def test_a_role_another_role_already_says_is_left_out() -> None:
    from storyline.corpus.entities import _rank_roles

    roles = [
        "general secretary of the Ferry Workers’ Union", "union’s general secretary",
        "Union general secretary", "Union boss", "chief executive", "Chief executive",
    ]
    assert _rank_roles(roles) == [
        "general secretary of the Ferry Workers’ Union", "Chief executive", "Union boss"
    ]  # seen twice, "chief executive" goes before "Union boss"


def test_sir_and_a_first_name_join_the_one_knight_of_that_name() -> None:
    full = Page("a").m("Sir Bernard Quill", 0, canonical="Bernard Quill")
    full.say("chairs the inquiry.").m("Sir Bernard", 0, canonical="Bernard Quill")
    thanks = Page("b").say("The minister thanked").m("Sir Bernard", 0, canonical="Bernard")
    entities = resolve(full, thanks)
    quill = by_name(entities, "Bernard Quill")
    assert {s.article for s in quill.mentions} == {"a", "b"}
    # Two knights called Bernard: nothing tells which one is meant.
    other = Page("c").m("Sir Bernard Oyelaran", 0, canonical="Bernard Oyelaran")
    other.say("chairs the port board.").m("Sir Bernard", 0, canonical="Bernard Oyelaran")
    entities = resolve(full, thanks, other)
    assert "b" not in {s.article for s in by_name(entities, "Bernard Quill").mentions}
    assert "b" not in {s.article for s in by_name(entities, "Bernard Oyelaran").mentions}
