"""Across articles: one entity per real person, organisation, country and place.

Input is the per-article mentions, already grouped into within-article referents
(``EntityMention.cluster``). Each referent becomes part of exactly one entity:

- countries, nationalities and governments by their country code (``ref``);
  other things by their folded canonical name, acronyms joined to their long form;
- people with a full name by that name (middle initials and accents ignored, a
  one-letter spelling difference in the surname tolerated when the first names
  agree); a surname alone joins the one person with that surname, or stays
  apart when two people share it and nothing tells them apart; a first name
  alone joins only a person named in the same article; a title alone
  ("the Ukrainian president") joins the person who holds that title in the
  corpus, preferring people named in the same article.

Two different full names are never merged into one person.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from storyline import knowledge as kb
from storyline.model import ArticleAnalysis, Entity, EntityMention, Span

_PREFIX = {
    "PERSON": "person", "ORG": "org", "GPE": "gpe", "NORP": "norp", "LOC": "loc",
    "FAC": "fac", "EVENT": "event",
}
_TYPE_ORDER = {t: i for i, t in enumerate(_PREFIX)}
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "de", "la", "&"})


@dataclass
class _Group:
    """One within-article referent: the mentions of one cluster in one article."""

    article: str
    order: int  # position of the article in the input
    label: str
    mentions: list[EntityMention] = field(default_factory=list)

    @property
    def names(self) -> list[EntityMention]:
        return [m for m in self.mentions if m.kind == "name"]

    @property
    def canonical(self) -> str | None:
        for m in self.mentions:
            if m.canonical:
                return m.canonical
        return None

    @property
    def ref(self) -> str | None:
        for m in self.mentions:
            if m.ref:
                return m.ref
        return None

    @property
    def roles(self) -> list[str]:
        return [r for m in self.mentions for r in m.roles]

    @property
    def gender(self) -> str:
        """From an honorific ("Ms Kellan"), else from a he/she the article resolved."""
        for m in self.names:
            g = kb.HONORIFICS.get(m.text.split(" ", 1)[0].lower().rstrip("."), "")
            if g:
                return g
        for m in self.mentions:
            if m.kind == "pronoun":
                return kb.PRONOUN_GENDER.get(m.text.lower(), "")
        return ""


@dataclass
class _Person:
    first: str
    surname: str
    groups: list[_Group] = field(default_factory=list)
    middle: str = ""  # middle initials, when the name has them
    # role_keys() for the groups seen so far: groups are only ever appended (or
    # extended), so only the new ones are read; a person named in thousands of
    # articles would otherwise be re-read on every append.
    _role_seen: int = field(default=0, repr=False, compare=False)
    _role_keys: set[tuple[str, str | None]] = field(
        default_factory=set, repr=False, compare=False
    )
    _role_frozen: frozenset[tuple[str, str | None]] = field(
        default=frozenset(), repr=False, compare=False
    )

    _by_article: dict[str, list[_Group]] = field(
        default_factory=dict, repr=False, compare=False
    )
    _indexed: int = field(default=0, repr=False, compare=False)

    def groups_in(self, article: str) -> list[_Group]:
        """This person's groups in one article (kept up to date as groups are appended)."""
        if self._indexed != len(self.groups):
            for g in self.groups[self._indexed :]:
                self._by_article.setdefault(g.article, []).append(g)
            self._indexed = len(self.groups)
        return self._by_article.get(article, [])

    @property
    def articles(self) -> set[str]:
        self.groups_in("")  # brings the index up to date
        return set(self._by_article)

    @property
    def gender(self) -> str:
        return next((g.gender for g in self.groups if g.gender), "")

    def role_keys(self) -> frozenset[tuple[str, str | None]]:
        if self._role_seen == len(self.groups):
            return self._role_frozen
        before = len(self._role_keys)
        for g in self.groups[self._role_seen :]:
            if g.names:  # roles of named mentions only: titles must not vouch for titles
                for role in g.roles:
                    k = kb.role_key(role)
                    if k:
                        self._role_keys.add(k)
        self._role_seen = len(self.groups)
        if len(self._role_keys) != before or not self._role_frozen:
            self._role_frozen = frozenset(self._role_keys)
        return self._role_frozen


def resolve_entities(analyses: Sequence[ArticleAnalysis]) -> list[Entity]:
    """Entities of a corpus, each with its aliases, roles and every mention."""
    groups = _groups(analyses)
    people = [g for g in groups if g.label == "PERSON"]
    things = [g for g in groups if g.label != "PERSON"]
    persons, leftovers = _resolve_people(people, things)
    entities = [_person_entity(p) for p in persons]
    entities += [_thing_entity(bucket) for bucket in _resolve_things(leftovers)]
    _unique_ids(entities)
    entities.sort(key=lambda e: (_TYPE_ORDER.get(e.type, 99), -len(e.mentions), e.name, e.id))
    return entities


def speaker_index(
    analyses: Sequence[ArticleAnalysis], entities: Sequence[Entity]
) -> dict[tuple[str, int], str]:
    """(article id, within-article cluster) -> entity id, for the stages that
    found a mention in one article (a quote's speaker) and need its entity."""
    by_span = {(s.article, s.start, s.end): e.id for e in entities for s in e.mentions}
    index: dict[tuple[str, int], str] = {}
    for a in analyses:
        for m in a.mentions:
            if m.cluster >= 0 and (a.article.id, m.start, m.end) in by_span:
                index.setdefault((a.article.id, m.cluster), by_span[(a.article.id, m.start, m.end)])
    return index


# --- grouping ------------------------------------------------------------------------


def _groups(analyses: Sequence[ArticleAnalysis]) -> list[_Group]:
    out: list[_Group] = []
    for order, analysis in enumerate(analyses):
        art = analysis.article.id
        by_cluster: dict[int, _Group] = {}
        for m in sorted(analysis.mentions, key=lambda m: (m.start, m.end)):
            if m.cluster < 0:
                out.append(_Group(art, order, m.label, [m]))
                continue
            g = by_cluster.get(m.cluster)
            if g is None:
                g = by_cluster[m.cluster] = _Group(art, order, m.label)
                out.append(g)
            g.mentions.append(m)
    return out


# --- people ------------------------------------------------------------------------------


def _full_name(g: _Group) -> str | None:
    name = g.canonical
    if not name or not g.names:
        return None
    words = name.split()
    if len(words) >= 2 and words[0].casefold() not in kb.PARTICLES:
        return name
    return None


def _resolve_people(
    people: list[_Group], things: list[_Group]
) -> tuple[list[_Person], list[_Group]]:
    full: dict[str, _Person] = {}
    singles: list[_Group] = []
    titles: list[_Group] = []
    middles: dict[str, set[str]] = defaultdict(set)
    for g in people:
        name = _full_name(g)
        if name is not None:
            middles[kb.person_key(name)].add(kb.name_signature(name)[1])
    for g in people:
        name = _full_name(g)
        if name is not None:
            first, middle, surname = kb.name_signature(name)
            base = kb.person_key(name)
            known = middles[base] - {""}
            if not middle and len(known) == 1:  # "Mark Heller" -> the one "Mark J. Heller"
                middle = next(iter(known))
            key = f"{base}|{middle}"
            if key not in full:
                full[key] = _Person(first, surname, middle=middle)
            full[key].groups.append(g)
        elif g.names and g.canonical:
            singles.append(g)
        elif not g.mentions[0].text.lower().startswith(("a ", "an ")):
            titles.append(g)  # "a judge" introduces someone: never a known holder
    persons = _merge_spellings(list(full.values()))
    by_surname: dict[str, list[_Person]] = defaultdict(list)
    by_first: dict[str, list[_Person]] = defaultdict(list)
    for p in persons:
        for key in {kb.fold(p.surname), kb.fold(p.surname.split()[-1])}:
            by_surname[key].append(p)
        by_first[kb.fold(p.first)].append(p)
    # Organisations spaCy named after a person ("the Trump administration").
    leftovers = []
    for g in things:
        word = kb.fold(g.canonical or "")
        owner = by_surname.get(word, [])
        if g.label == "ORG" and g.ref is None and " " not in word and len(owner) == 1:
            owner[0].groups.append(g)
        else:
            leftovers.append(g)
    alone: dict[str, _Person] = {}
    for g in singles:
        target = _match_single(g, by_surname, by_first)
        if target is None:
            word = kb.fold(g.canonical or "")
            ambiguous = len(by_surname.get(word, [])) > 1
            # Two people share this surname and nothing tells which: keep apart.
            key = f"{word}@{g.article}" if ambiguous else word
            target = alone.setdefault(key, _Person("", g.canonical or ""))
        target.groups.append(g)
    persons += list(alone.values())
    # Indexes for title-only mentions, so each looks at the few people who could hold
    # the title or were named in its article, never at every person in the corpus.
    # A title group that carries a name of sorts brings roles along: re-indexed below.
    by_head: dict[str, list[_Person]] = defaultdict(list)
    in_article: dict[str, dict[int, _Person]] = defaultdict(dict)
    for n, p in enumerate(persons):
        for head in dict.fromkeys(h for h, _ in p.role_keys()):
            by_head[head].append(p)
        for g in p.groups:
            in_article[g.article][n] = p
    number = {id(p): n for n, p in enumerate(persons)}
    for g in titles:
        holder = _match_title(g, by_head, in_article[g.article])
        if holder is not None:
            holder.groups.append(g)
            in_article[g.article][number[id(holder)]] = holder
            if g.names:
                for head in {h for h, _ in holder.role_keys()}:
                    listed = by_head[head]
                    if not any(p is holder for p in listed):
                        listed.append(holder)
                        listed.sort(key=lambda p: number[id(p)])
    return persons, leftovers


def _merge_spellings(persons: list[_Person]) -> list[_Person]:
    """Join "Volodymyr Zelensky" and "Volodymyr Zelenskyy": same first name, surnames
    one or two letters apart. Different first names never join."""
    by_first: dict[str, list[_Person]] = defaultdict(list)
    for p in persons:
        by_first[kb.fold(p.first)].append(p)
    out = []
    for block in by_first.values():
        merged: list[_Person] = []
        for p in block:
            for q in merged:
                a, b = kb.fold(p.surname), kb.fold(q.surname)
                if a == b or (p.middle and q.middle and p.middle != q.middle):
                    continue  # same spelling: the keys already decided; other middle names
                if min(len(a), len(b)) >= 5 and fuzz.ratio(a, b) >= 90:
                    q.groups.extend(p.groups)
                    break
            else:
                merged.append(p)
        out.extend(merged)
    return out


def _match_single(
    g: _Group, by_surname: dict[str, list[_Person]], by_first: dict[str, list[_Person]]
) -> _Person | None:
    word = kb.fold(g.canonical or "")
    gender = g.gender
    candidates = [
        p for p in by_surname.get(word, []) if not gender or not p.gender or p.gender == gender
    ]
    if gender and len(candidates) > 1:
        same = [p for p in candidates if p.gender == gender]
        candidates = same if same else candidates
    if len(candidates) > 1:
        here = [p for p in candidates if g.article in p.articles]
        if len(here) == 1:
            return here[0]
        keys = {k[0] for k in (kb.role_key(r) for r in g.roles) if k}
        if keys:
            fitting = [p for p in candidates if keys & {k[0] for k in p.role_keys()}]
            if len(fitting) == 1:
                return fitting[0]
        return None
    if candidates:
        return candidates[0]
    # A first name alone ("Emmanuel"): only a person named in the same article.
    here = [p for p in by_first.get(word, []) if g.article in p.articles]
    if len(here) == 1:
        return here[0]
    # "Sir Anthony" is what British news calls one knighted person: the one person of
    # the corpus called "Sir Anthony" where the article names him in full.
    if here or not any(_knighted(m.text) for m in g.names):
        return None
    knighted = [
        p for p in by_first.get(word, [])
        if any(_knighted(m.text) for pg in p.groups for m in pg.names)
    ]
    return knighted[0] if len(knighted) == 1 else None


def _knighted(name: str) -> bool:
    """ "Sir Anthony", "Dame Ines": an honorific British usage pairs with a first name."""
    first = name.split(" ", 1)[0].lower().rstrip(".")
    return first in kb.FIRST_NAME_HONORIFICS and " " in name.strip()


def _match_title(
    g: _Group, by_head: dict[str, list[_Person]], in_article: dict[int, _Person]
) -> _Person | None:
    """Who a title-only mention ("the Prime Minister") is, if anyone can tell.

    ``by_head``: persons by the head of each role they hold, in persons' order;
    ``in_article``: the persons with a mention in ``g``'s article.
    """
    keys = [k for k in (kb.role_key(r) for r in g.roles) if k]
    if not keys:
        return None
    head, country = keys[0]
    holders = [
        p for p in by_head.get(head, [])
        if any(h == head and (country is None or c == country) for h, c in p.role_keys())
    ]
    # Only people the article named before the title: a newcomer named later
    # ("Dutch Prime Minister X") is not who "the Prime Minister" was.
    start = g.mentions[0].start
    here = [p for p in holders if _named_before(p, g.article, start)]
    if country is None and here:
        # "the Prime Minister" unqualified: someone called just that wins over
        # someone only ever called "the Dutch Prime Minister"; and such a
        # qualified holder is only taken when everyone else named before holds
        # some other title (an outlet names its own leader without the country).
        plain = [p for p in here if (head, None) in p.role_keys()]
        if plain:
            here = plain
        elif any(
            not p.role_keys()
            for p in in_article.values()
            if p not in here and _named_before(p, g.article, start)
        ):
            return None
    if len(here) == 1:
        return here[0]
    if len(here) > 1:
        return _nearest_before(here, g)
    if country is not None and len(holders) == 1:
        return holders[0]  # "the US president" where only one person holds that title
    if country is None and not here:
        # "the Prime Minister" in an article that names no one: the one person the
        # corpus calls just that (others are "the Dutch Prime Minister").
        plain = [p for p in holders if (head, None) in p.role_keys()]
        if len(plain) == 1:
            return plain[0]
    return None


def _named_before(p: _Person, article: str, start: int) -> bool:
    return any(m.start < start for other in p.groups_in(article) for m in other.mentions)


def _nearest_before(persons: list[_Person], g: _Group) -> _Person | None:
    start = g.mentions[0].start
    best: tuple[int, _Person] | None = None
    for p in persons:
        for other in p.groups_in(g.article):
            for m in other.mentions:
                if m.start < start and (best is None or m.start > best[0]):
                    best = (m.start, p)
    return best[1] if best else None


# --- things ------------------------------------------------------------------------------


def _thing_key(g: _Group) -> tuple[str, str]:
    if g.ref:
        return g.label, g.ref
    return g.label, kb.fold(g.canonical or g.mentions[0].text)


def _resolve_things(groups: list[_Group]) -> list[list[_Group]]:
    buckets: dict[tuple[str, str], list[_Group]] = defaultdict(list)
    for g in groups:
        buckets[_thing_key(g)].append(g)
    # "NATO" and "North Atlantic Treaty Organisation" written without the table's help.
    initials: dict[str, tuple[str, str]] = {}
    for label, key in buckets:
        if label == "ORG" and " " in key:
            letters = "".join(w[0] for w in key.split() if w not in _ACRONYM_SKIP)
            if len(letters) >= 2:
                initials.setdefault(letters, (label, key))
    for label, key in list(buckets):
        if label == "ORG" and " " not in key and key in initials and initials[key] in buckets:
            buckets[initials[key]].extend(buckets.pop((label, key)))
    return list(buckets.values())


# --- entities ------------------------------------------------------------------------------


def _person_entity(p: _Person) -> Entity:
    names = Counter(
        g.canonical for g in p.groups if g.label == "PERSON" and g.canonical and _full_name(g)
    )
    if not names:
        names = Counter(g.canonical for g in p.groups if g.canonical)
    name = max(names, key=lambda n: (names[n], len(n.split()), len(n))) if names else p.surname
    return _entity("PERSON", name, p.groups, None)


def _thing_entity(groups: list[_Group]) -> Entity:
    g0 = groups[0]
    label, ref = g0.label, g0.ref
    if ref and label == "GPE":
        name = kb.country_name(ref)
    elif ref and label == "ORG":
        name = kb.government_name(ref)
    else:
        names = Counter(g.canonical or g.mentions[0].text for g in groups)
        name = max(names, key=lambda n: (names[n], len(n), n))
    return _entity(label, name, groups, ref)


def _entity(label: str, name: str, groups: list[_Group], ref: str | None) -> Entity:
    order: dict[str, int] = {}
    for g in groups:
        order.setdefault(g.article, g.order)  # the first group of an article gives its order
    mentions = sorted(
        (m for g in groups for m in g.mentions),
        key=lambda m: (order.get(m.article, 0), m.start, m.end),
    )
    aliases = Counter(_alias(m.text) for m in mentions if m.kind == "name")
    roles = _rank_roles([r for m in mentions for r in m.roles])
    if ref and label == "ORG":
        roles.append(f"government of {kb.country_in_prose(ref)}")
    if label == "GPE" and ref:
        prefix = "country"
    elif label == "ORG" and ref:
        prefix = "government"
    else:
        prefix = _PREFIX.get(label, label.lower())
    ident = f"{prefix}:{ref.lower()}" if ref and prefix in ("country", "government") else (
        f"{prefix}:{kb.slug(name)}"
    )
    if label == "NORP" and ref:
        ident = f"norp:{ref.lower()}"
    return Entity(
        id=ident,
        name=name,
        type=label,
        aliases=[a for a, _n in sorted(aliases.items(), key=lambda x: (-x[1], x[0]))],
        roles=roles,
        mentions=[Span(m.article, m.start, m.end, m.text) for m in mentions],
    )


def _alias(text: str) -> str:
    text = kb.strip_possessive(" ".join(text.split()))
    return text[4:] if text[:4].lower() == "the " else text


def _rank_roles(roles: list[str]) -> list[str]:
    """Deduplicated (case and spacing ignored), most informative first: longer
    titles before the short forms they contain, then the more often seen."""
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    first_seen: dict[str, int] = {}
    for i, role in enumerate(roles):
        role = " ".join(role.split())
        key = kb.fold(role)
        counts[key] += 1
        forms[key][role] += 1
        first_seen.setdefault(key, i)

    def display(key: str) -> str:
        # The most common spelling, capitalised forms winning ties ("Prime Minister").
        return max(forms[key], key=lambda f: (sum(c.isupper() for c in f), forms[key][f], f))

    ranked = sorted(counts, key=lambda k: (-len(k.split()), -counts[k], first_seen[k]))
    # A role that says nothing a longer one does not ("Union general secretary" beside
    # "general secretary of the Dockers' Union") is left out.
    kept: list[tuple[str, set[str]]] = []
    for key in ranked:
        said = _role_words(key)
        if not any(said <= other for _, other in kept):
            kept.append((key, said))
    return [display(k) for k, _ in kept]


def _role_words(role: str) -> set[str]:
    """The words a role says, possessive endings and function words aside."""
    plain = re.sub(r"['’]s\b", "", role.lower())
    return {w.strip("'’") for w in re.findall(r"[\w'’-]+", plain)} - {"the", "of", "a", "an", ""}


def _unique_ids(entities: list[Entity]) -> None:
    """Suffix colliding ids with a hash of the entity's mentions: stable per input."""
    seen: Counter[str] = Counter(e.id for e in entities)
    for e in entities:
        if seen[e.id] > 1:
            spans = "|".join(f"{s.article}:{s.start}:{s.end}" for s in e.mentions)
            e.id = f"{e.id}-{hashlib.sha256(spans.encode()).hexdigest()[:8]}"
