"""Whose "his" or "her" (and who "he" is): the person a pronoun stands for, from the
names before it.

A reader of one line taken out of its article (a briefing line, an event title)
cannot see the sentences before it, so "his envoy" needs its owner named: "his
[Donald Trump’s] envoy". The owner is the one person named earlier in the same
sentence (or, for a possessive in a fronted phrase, the subject named right after
it: "Ahead of her budget, Ines Tolle said"), else in the nearest sentence before it
that names people (at most :data:`BACK_SENTENCES` back), and only when exactly one
person is named there.
A possessive inside quote marks is the speaker's to mean and is left alone, and
an honorific that tells the owner's gender must agree with the pronoun.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from storyline import knowledge as kb
from storyline.corpus.briefing_text import split_sentences, valid_name
from storyline.model import ArticleAnalysis, Entity, Event, EventCandidate

POSSESSIVE = re.compile(r"\b(?:[Hh]is|[Hh]er)\b")
BACK_SENTENCES = 2  # how far back a possessive's owner may be named

PersonAt = tuple[int, Entity]  # where an article names a person, and whom


def gender_fits(entity: Entity, pronoun: str) -> bool:
    """Unknown gender fits either pronoun; an honorific that tells it must agree."""
    names = [entity.name, *entity.aliases]
    titles = (name.split(" ", 1)[0].lower().rstrip(".") for name in names)
    known = {kb.HONORIFICS[t] for t in titles if kb.HONORIFICS.get(t)}
    return not known or known == {kb.PRONOUN_GENDER[pronoun.lower()]}


def owner_before(
    sentence_start: int,
    sentences: Sequence[tuple[int, int]],
    people: Sequence[PersonAt],
    readable: Callable[[int, int], bool] | None = None,
) -> Entity | None:
    """The one person named in the nearest sentence before ``sentence_start`` that
    names anyone; None when that sentence names two or more, or is not readable
    (a caption is no antecedent)."""
    before = [span for span in sentences if span[1] <= sentence_start]
    for s, e in reversed(before[-BACK_SENTENCES:]):
        named = {ent.id: ent for at, ent in people if s <= at < e}
        if not named:
            continue
        if len(named) > 1 or (readable is not None and not readable(s, e)):
            return None
        entity = next(iter(named.values()))
        return entity if valid_name(entity.name) else None
    return None


# Words that open a fronted phrase ("Ahead of her budget, Ines Tolle said").
_FRONTING = frozenset({
    "ahead", "after", "before", "during", "despite", "since", "following", "for", "with",
    "without", "as", "while", "when", "upon", "unlike", "like", "amid", "in", "on", "at",
    "throughout", "until",
})  # fmt: skip
CATAPHOR_REACH = 40  # characters after the fronted phrase's comma the subject's name may start


def owners_in_sentence(
    text: str, at: int, sentence: tuple[int, int], people: Sequence[PersonAt]
) -> list[Entity]:
    """Who in the possessive's own sentence may own it: the people named before it, or,
    when it sits in a fronted phrase ("Ahead of her budget, Ines Tolle said"), the
    subject named right after that phrase's comma."""
    named = {ent.id: ent for pos, ent in people if sentence[0] <= pos < at}
    if named:
        return list(named.values())
    comma = text.find(",", at, sentence[1])
    opening = text[sentence[0] : at].split()
    if comma < 0 or "," in text[sentence[0] : at] or not opening:
        return []
    if opening[0].lower().strip("“\"‘'") not in _FRONTING:
        return []  # "His brother, Jamar, ...": the name is the brother, not his owner
    after = [ent for pos, ent in people if comma < pos <= comma + CATAPHOR_REACH]
    return after[:1]


def possessive_owner(
    text: str,
    at: int,
    sentence: tuple[int, int],
    sentences: Sequence[tuple[int, int]],
    people: Sequence[PersonAt],
    pronoun: str,
) -> Entity | None:
    """Whom the possessive ``pronoun`` at offset ``at`` (inside ``sentence``) means."""
    near = {ent.id: ent for ent in owners_in_sentence(text, at, sentence, people)}
    if len(near) > 1:
        return None
    owner = next(iter(near.values())) if near else owner_before(sentence[0], sentences, people)
    return _fitting(owner, pronoun)


def _fitting(owner: Entity | None, pronoun: str) -> Entity | None:
    """``owner`` when its name can be shown and its gender does not rule the pronoun out."""
    if owner is None or not valid_name(owner.name) or not gender_fits(owner, pronoun):
        return None
    return owner


def people_of(entities: Sequence[Entity]) -> dict[str, list[PersonAt]]:
    """Article id -> where each person is named in it, in text order."""
    out: dict[str, list[PersonAt]] = {}
    for ent in entities:
        if ent.type == "PERSON":
            for m in ent.mentions:
                out.setdefault(m.article, []).append((m.start, ent))
    for spots in out.values():
        spots.sort(key=lambda p: p[0])
    return out


SUBJECT = re.compile(r"^(?:He|She)\b")  # a title whose subject is an unresolved pronoun


def _pronoun_at(text: str, cand: EventCandidate, title_word: re.Match[str]) -> int | None:
    """Where in the article the title's pronoun stands: by the title's own place in
    the sentence when it is a stretch of it, else (a subject pronoun) the last such
    word before the event's trigger."""
    where = text.lower().find(cand.title.lower(), cand.start, cand.end)
    if where >= 0:
        return where + title_word.start()
    if title_word.start() != 0:
        return None
    word = re.compile(rf"\b{re.escape(title_word.group())}\b", re.IGNORECASE)
    found = [m.start() for m in word.finditer(text, cand.start, cand.trigger_start)]
    return found[-1] if found else None


def _subject_owner(
    text: str,
    at: int,
    sentence: tuple[int, int],
    sentences: Sequence[tuple[int, int]],
    people: Sequence[PersonAt],
    pronoun: str,
) -> Entity | None:
    """Who a subject "he"/"she" is: the person the entities stage linked it to, else,
    when it opens its sentence, the one person named in the sentence before."""
    linked = [ent for pos, ent in people if pos == at]
    if linked:
        owner: Entity | None = linked[0]
    elif text[sentence[0] : at].strip(" “\"‘'\n") == "":
        owner = owner_before(sentence[0], sentences, people)
    else:
        return None
    return _fitting(owner, pronoun)


def resolve_event_titles(
    events: Sequence[tuple[Event, list[EventCandidate]]],
    analyses: Sequence[ArticleAnalysis],
    entities: Sequence[Entity],
) -> None:
    """Name whom a pronoun in an event's title means, in place: "His envoy met with
    Putin" -> "His [Donald Trump’s] envoy met with Putin"; "He killed a guard" ->
    "He [Ray Odenkirk] killed a guard"."""
    by_id = {a.article.id: a for a in analyses}
    people: dict[str, list[PersonAt]] | None = None
    sentences: dict[str, list[tuple[int, int]]] = {}
    for event, cands in events:
        found = [m for m in (SUBJECT.match(event.title), POSSESSIVE.search(event.title)) if m]
        if not found:
            continue
        match = min(found, key=lambda m: m.start())
        cand = next((c for c in cands if c.title and event.title.startswith(c.title)), None)
        analysis = by_id.get(cand.article) if cand is not None else None
        if cand is None or analysis is None or match.start() >= len(cand.title):
            continue
        text = analysis.article.text
        at = _pronoun_at(text, cand, match)
        if at is None:
            continue  # a title rewritten from its sentence: no offset to go by
        if any(q.start <= at < q.end for q in analysis.quotes if q.kind != "indirect"):
            continue  # words in quote marks; reported speech is the writer's own
        if people is None:
            people = people_of(entities)
        if cand.article not in sentences:
            sentences[cand.article] = split_sentences(text)
        spots = people.get(cand.article, [])
        if match.re is SUBJECT:
            owner = _subject_owner(text, at, (cand.start, cand.end), sentences[cand.article],
                                   spots, match.group())  # fmt: skip
        else:
            owner = possessive_owner(
                text, at, (cand.start, cand.end), sentences[cand.article], spots, match.group()
            )
        if owner is not None:
            mark = f" [{owner.name}]" if match.re is SUBJECT else f" [{owner.name}’s]"
            head, tail = event.title[: match.end()], event.title[match.end() :]
            event.title = f"{head}{mark}{tail}"
