"""Per-article entity mentions: spaCy's entities, corrected, linked and given roles.

One pass over ``doc.ents`` plus a few regular expressions over the text; no second
model. The steps, in order:

1. correct spaCy's spans (possessives, ``Trump-initiated``, split lines, honorifics,
   ``von der`` particles, a first name left outside the span);
2. classify with the knowledge tables: countries, nationalities, capitals and seats
   that stand for governments, international organisations;
3. link people within the article: full names, surnames, honorific forms
   (``Sir Keir``, ``Mr McFadden``), first names inside quotes;
4. collect roles from title prefixes and appositions (:mod:`.entity_roles`);
5. find title mentions (``the Prime Minister``) and link them to a person where the
   article says who holds the title, names the person next, or echoes the quote;
6. add ``he``/``she`` mentions for speakers, resolved by :func:`resolve_pronoun`
   (:mod:`.entity_doc`, re-exported here for the quotes stage).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from storyline import knowledge as kb
from storyline.article.entity_doc import (
    DocInfo,
    char_span,
    doc_info,
    resolve_pronoun,
)
from storyline.article.entity_refs import NameCand, PersonRef, nearest
from storyline.article.entity_roles import apposition_roles, prefix_roles
from storyline.article.entity_titles import Title, link_titles, title_mentions
from storyline.model import Article, EntityMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["KEEP_LABELS", "extract_mentions", "resolve_pronoun"]

KEEP_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"})

_STRIP = " \t\n\"'“”‘’()[]{},;:–—-*|"
_HYPHEN_WORD = re.compile(r"-(?=[a-z])")
_COMPOUND_TAIL = re.compile(r"-[A-Z][\w\-]*")  # "Anglo" + "-American"
_HONORIFIC_RE = re.compile(
    r"\b(Sir|Dame|Lord|Lady|Baroness|Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Rev)\.?[ \t]+"
    r"((?:(?:von|van|der|den|de|da|di|del|della|la|le|bin|al|el|ben|du)[ \t]+)*"
    r"[A-Z][\w’'\-]*(?:[ \t]+(?:(?:von|van|der|den|de|da|di|del|la|le|bin|al|el)[ \t]+)*"
    r"[A-Z][\w’'\-]*){0,2})"
)
_SPEECH_VERBS = (
    r"said|says|added|adds|told|tells|insisted|warned|stressed|acknowledged|admitted|"
    r"argued|claimed|noted|explained|wrote|posted|declared|continued|urged|replied|"
    r"answered|conceded|suggested|confirmed|denied|revealed"
)
_PRONOUN_SPEAKER_RE = re.compile(
    r"\b(?P<p>[Hh]e|[Ss]he)\s+(?:\w+ly\s+|also\s+|later\s+|then\s+|has\s+|had\s+)?(?:"
    + _SPEECH_VERBS
    + r")\b|\b(?:"
    + _SPEECH_VERBS
    + r")\s+(?P<q>he|she)\b"
)
_LOCATIVE_PREPS = frozenset(
    {
        "in",
        "at",
        "to",
        "into",
        "from",
        "near",
        "inside",
        "outside",
        "around",
        "across",
        "via",
        "through",
        "toward",
        "towards",
        "for",
        "throughout",
    }
)
_PLACE_VERBS = frozenset({"visit", "reach", "leave", "enter", "tour", "fly", "travel"})
_NOT_NAME_POS = frozenset(
    {
        "VERB",
        "ADV",
        "ADP",
        "DET",
        "PRON",
        "AUX",
        "SCONJ",
        "CCONJ",
        "PUNCT",
        "PART",
        "NUM",
        "INTJ",
        "SYM",
    }
)


# --- 1. correcting spaCy's spans ------------------------------------------------------


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    piece = text[start:end]
    bare = kb.strip_possessive(piece)
    if bare != piece and len(bare) > 1:
        end = start + len(bare)
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return start, end


def _spacy_candidates(doc: Doc) -> list[NameCand]:
    text = doc_info(doc).text
    out: list[NameCand] = []
    for ent in doc.ents:
        label = ent.label_
        if label not in KEEP_LABELS:
            continue
        # An entity never runs across a line break: split it (masthead + headline).
        pos = ent.start_char
        for piece in text[ent.start_char : ent.end_char].split("\n"):
            s, e = _trim(text, pos, pos + len(piece))
            pos += len(piece) + 1
            cut = _HYPHEN_WORD.search(text, s, e)
            if cut:  # "Donald Trump-initiated" -> "Donald Trump"
                s, e = _trim(text, s, cut.start())
            if e <= s:
                continue
            tail = _COMPOUND_TAIL.match(text, e) if label in ("GPE", "NORP") else None
            if tail:
                e = tail.end()
            if label in ("GPE", "NORP") and "-" in text[s:e]:
                out.extend(_split_compound(text, s, e, label))
                continue
            if label == "PERSON":
                s, e = _clean_person(doc, s, e)
                if e <= s:
                    continue
            out.append(NameCand(s, e, label))
    return out


def _split_compound(text: str, s: int, e: int, label: str) -> list[NameCand]:
    """ "UK-Ireland" or "British-French": one mention per known part."""
    out = []
    pos = s
    for part in text[s:e].split("-"):
        if part and (kb.country_code(part) or kb.demonym(part)):
            out.append(NameCand(pos, pos + len(part), label))
        pos += len(part) + 1
    return out or [NameCand(s, e, label)]


def _clean_person(doc: Doc, s: int, e: int) -> tuple[int, int]:
    """Drop leading words that are not part of a name ("Referencing Macron") and
    roles spaCy glued on ("President Trump"); extend a dangling particle
    ("Ursula von der" + "Leyen") and a first name left outside ("Valerii")."""
    span = char_span(doc, s, e)
    tokens = list(span)
    if (
        len(tokens) == 2
        and (
            tokens[0].is_sent_start
            or tokens[0].i == 0
            or doc[tokens[0].i - 1].is_space
            or "\n" in doc[tokens[0].i - 1].whitespace_
        )
        and tokens[0].lower_.endswith("ing")
        and len(tokens[0]) > 5
    ):
        tokens.pop(0)  # "Referencing Macron, Starmer added": a participle, not a name
    while tokens:
        t = tokens[0]
        low = t.lower_.rstrip(".")
        if low in kb.HONORIFICS:
            break
        if (
            t.pos_ in _NOT_NAME_POS
            or not t.text[:1].isupper()
            or low in kb.ROLE_HEADS
            or low in kb.ROLE_MODIFIERS
            or kb.place_code(t.text)
        ) and len(tokens) > 1:
            tokens.pop(0)
            continue
        break
    if not tokens:
        return s, s
    first, last = tokens[0], tokens[-1]
    start, end = first.idx, e
    doc_len = len(doc)
    # "Ursula von der" + "Leyen": the name continues after a particle.
    j = last.i
    if last.lower_ in kb.PARTICLES:
        while j + 1 < doc_len and (doc[j + 1].lower_ in kb.PARTICLES or doc[j + 1].is_title):
            j += 1
            if doc[j].is_title and doc[j].lower_ not in kb.PARTICLES:
                break
        end = doc[j].idx + len(doc[j])
    # A surname particle spaCy left out ("Referencing van Houtem").
    while first.i > 0 and doc[first.i - 1].lower_ in kb.PARTICLES and doc[first.i - 1].is_lower:
        first = doc[first.i - 1]
        start = first.idx
    # A lone surname preceded by a first name spaCy left out ("Valerii Zaluzhnyi").
    if len(span) == 1 and first.i > 0 and first.i == span.start:
        prev = doc[first.i - 1]
        if (
            prev.pos_ == "PROPN"
            and prev.is_title
            and not prev.whitespace_.count("\n")
            and prev.whitespace_
            and not _is_known_word(prev.text)
        ):
            start = prev.idx
    return start, end


def _is_known_word(word: str) -> bool:
    low = kb.fold(word).rstrip(".")
    return bool(
        low in kb.HONORIFICS
        or low in kb.ROLE_HEADS
        or low in kb.ROLE_MODIFIERS
        or kb.place_code(word)
        or kb.known_org(word)
        or low in kb.CAPITALS
        or low in kb.SEATS
    )


def _honorific_candidates(text: str) -> list[NameCand]:
    out = []
    for m in _HONORIFIC_RE.finditer(text):
        name = m.group(2)
        first_word = name.split()[0]
        if kb.fold(first_word) in kb.ROLE_HEADS:  # "Mr President", "Lord Chancellor"
            continue
        s, e = _trim(text, m.start(), m.end())
        cut = _HYPHEN_WORD.search(text, s, e)
        if cut:
            s, e = _trim(text, s, cut.start())
        if e - s <= len(m.group(1)) + 1:
            continue
        out.append(NameCand(s, e, "PERSON", honorific=m.group(1).lower(), priority=2))
    return out


# "The Dutch infrastructure minister, Maarten Hoogeveen, who ...": a name set off by
# commas right after a role noun is a person even where the tagger missed it.
_APPOSED_NAME_RE = re.compile(
    r"\b(?P<head>[a-z][a-z\-]+),[ \t]+"
    r"(?P<name>[A-Z][a-z’'\-]+(?:[ \t]+(?:(?:van|von|der|den|de|da|di|del|la|le|bin|al)[ \t]+)*"
    r"[A-Z][a-z’'\-]+){1,2}),"
)


def _apposition_candidates(text: str) -> list[NameCand]:
    out = []
    for m in _APPOSED_NAME_RE.finditer(text):
        if m.group("head") not in kb.ROLE_HEADS:
            continue
        name = m.group("name")
        words = name.split()
        if kb.country_code(name) is not None or any(kb.fold(w) in kb.ROLE_HEADS for w in words):
            continue  # "the minister, Foreign Secretary ...", "the envoy, United Nations,"
        out.append(NameCand(m.start("name"), m.end("name"), "PERSON", priority=1))
    return out


def _resolve_overlaps(cands: list[NameCand]) -> list[NameCand]:
    """Keep one candidate per stretch of text; a person with an honorific wins,
    then persons, then the longer span; a person span absorbs what it overlaps."""
    order = sorted(
        cands,
        key=lambda c: (-c.priority, c.label != "PERSON", -(c.end - c.start), c.start),
    )
    kept: list[NameCand] = []
    for c in order:
        clash = [k for k in kept if k.start < c.end and c.start < k.end]
        if not clash:
            kept.append(c)
            continue
        for k in clash:  # grow the kept person to cover spaCy's longer person span
            if k.label == "PERSON" and c.label == "PERSON" and c.end > k.end and c.start >= k.start:
                k.end = c.end
    kept.sort(key=lambda c: c.start)
    return kept


# --- 2. classification by the knowledge tables ----------------------------------------


def _is_actor(doc: Doc, c: NameCand) -> bool:
    """Whether a capital stands for its government here ("Kyiv rejects") rather
    than for the place ("talks in Kyiv")."""
    text = doc_info(doc).text
    if text[c.end : c.end + 2] in ("’s", "'s"):
        # "Kyiv's military chiefs" acts; "London's Northwood headquarters" is a place.
        return not text[c.end + 2 : c.end + 4].strip()[:1].isupper()
    root = char_span(doc, c.start, c.end).root
    if any(ch.dep_ in ("amod", "det") for ch in root.children):
        return True  # "a reluctant Washington"
    t = root
    while t.dep_ == "conj" and t.head is not t:
        t = t.head
    dep = t.dep_
    if dep in ("nsubj", "nsubjpass", "poss", "agent"):
        return True
    if dep == "pobj":
        return t.head.lower_ not in _LOCATIVE_PREPS
    if dep == "dobj":
        return t.head.lemma_ not in _PLACE_VERBS
    return False


def _classify(doc: Doc, c: NameCand, surnames: set[str], firsts: set[str]) -> bool:
    """Set label, canonical and ref from the tables; False drops the candidate.
    ``surnames``/``firsts``: name parts of the article's people, which win over
    the tables ("Sofia" is a capital, and Sofia Lind's first name)."""
    text = doc_info(doc).text[c.start : c.end]
    if not text.strip():
        return False  # trimming left nothing of the span
    key = kb.lookup_key(text)
    if c.label == "PERSON" and (c.honorific or key in surnames or key in firsts):
        return True
    if key in surnames and c.label in ("ORG", "GPE", "NORP", "FAC"):
        c.label = "PERSON"  # "Trump administration", "Starmer" tagged ORG
        return True
    if key in kb.REGIONS:
        c.label, c.canonical = "GPE", _display(text)
    elif key in kb.SEATS:
        c.ref = kb.SEATS[key]
        c.label, c.canonical = "ORG", kb.government_name(c.ref)
        if c.ref == "EU":
            c.ref = None  # the Union is an organisation, not a country's government
    elif (code := kb.country_code(text)) is not None:
        c.label, c.ref, c.canonical = "GPE", code, kb.country_name(code)
    elif (dem := kb.demonym(text)) is not None:
        c.label, c.ref, c.canonical = "NORP", dem[0], dem[1]
    elif key in kb.CAPITALS:
        if _is_actor(doc, c):
            c.ref = kb.CAPITALS[key]
            c.label, c.canonical = "ORG", kb.government_name(c.ref)
            if c.ref == "EU":
                c.ref = None  # "Brussels" acting: the Union, which has its own entity
        else:
            c.label, c.canonical = "GPE", _display(text)
    elif (org := kb.known_org(text)) is not None:
        c.label, c.canonical = "ORG", org
    elif c.label == "ORG" and key in kb.GENERIC_ORGS:
        return False
    elif c.label == "PERSON":
        first = text.split()[0]
        if len(first) >= 3 and first.isupper() and first.isalpha() and " " in text:
            c.label, c.canonical = "ORG", _display(text)  # "RAF Northolt"
        return True
    elif _after_title(doc, c):
        c.label = "PERSON"  # "Foreign Minister Anatoly Verkhov" tagged ORG
    else:
        c.canonical = _display(text)
        if c.label == "NORP":
            root = char_span(doc, c.start, c.end).root
            if root.tag_ == "NNP" and root.dep_ == "pobj":
                c.label = "GPE"  # "the port of Odesa": a place, not a nationality
    return True


def _after_title(doc: Doc, c: NameCand) -> bool:
    """A two- or three-word proper name right after an office title is a person."""
    span = char_span(doc, c.start, c.end)
    if not 2 <= len(span) <= 3 or span.start == 0 or not all(t.is_title for t in span):
        return False
    prev = doc[span.start - 1]
    return prev.lower_ in kb.OFFICE_HEADS and not prev.whitespace_.count("\n")


def _display(text: str) -> str:
    text = kb.strip_possessive(" ".join(text.split()))
    if text[:4].lower() == "the ":
        text = text[4:]
    if text.isupper() and len(text) > 4:  # "LONDON" in a dateline
        text = text.title()
    return text


# --- 3. people within the article -----------------------------------------------------


_NICKNAME_RE = re.compile(r"(?<=\s)[\"“'‘(][^\"”'’()]{1,30}[\"”'’)](?=\s)")


def _person_name(text: str, honorific: str) -> str:
    """The name without honorific, possessive or nickname ("Vincent 'The Chin' Gigante")."""
    name = " ".join(_NICKNAME_RE.sub(" ", kb.strip_possessive(text)).split())
    if honorific:
        name = name.split(" ", 1)[1] if " " in name else ""
    elif name.split(" ", 1)[0].lower().rstrip(".") in kb.HONORIFICS and " " in name:
        name = name.split(" ", 1)[1]
    return name


def _link_people(doc: Doc, info: DocInfo, people: list[NameCand]) -> dict[object, PersonRef]:
    """Give every person candidate a referent key; returns the referents."""
    refs: dict[object, PersonRef] = {}
    full: list[NameCand] = []
    single: list[NameCand] = []
    for c in people:
        words = c.name.split()
        if len(words) >= 2 and words[0].casefold() not in kb.PARTICLES:
            full.append(c)
        else:
            single.append(c)
    middles: dict[str, set[str]] = {}
    for c in full:
        middles.setdefault(kb.person_key(c.name), set()).add(kb.name_signature(c.name)[1])
    for c in full:
        first, middle, surname = kb.name_signature(c.name)
        base = kb.person_key(c.name)
        # "Mark Heller" is "Mark Jay Heller" when the article has one middle name
        # for him; "George Bush" stays apart when it has "George W." and "George H. W.".
        known = middles[base] - {""}
        if not middle and len(known) == 1:
            middle = next(iter(known))
        key = ("full", base, middle)
        ref = refs.get(key)
        if ref is None:
            ref = refs[key] = PersonRef(key, first=first, surname=surname)
        _attach(ref, c)
    named = list(refs.values())
    _genders_from_pronouns(info, full, refs)
    for c in single:
        target = _match_single(info, c, named)
        if target is None:
            alone = ("single", kb.fold(c.name))
            target = refs.get(alone)
            if target is None:
                target = refs[alone] = PersonRef(alone, surname=c.name)
        _attach(target, c)
    return refs


_PRONOUN_RE = re.compile(r"\b(he|him|his|she|her|hers)\b", re.IGNORECASE)


def _genders_from_pronouns(
    info: DocInfo, full: list[NameCand], refs: dict[object, PersonRef]
) -> None:
    """A named person's gender from the next he/she after the name, when no other
    person is named in between ("Marta Kellan defended the plan. Her brother ...")."""
    starts = sorted(c.start for c in full)
    for c in full:
        ref = refs[c.group]
        if ref.gender:
            continue
        m = _PRONOUN_RE.search(info.text, c.end, c.end + 200)
        if m is None or info.quote_at(m.start()) is not None:
            continue
        i = bisect_right(starts, c.start)
        if i < len(starts) and starts[i] < m.start():
            continue  # someone else is named first
        ref.gender = kb.PRONOUN_GENDER[m.group(1).lower()]


def _attach(ref: PersonRef, c: NameCand) -> None:
    c.group = ref.key
    ref.names.append(c.name)
    ref.positions.append(c.start)
    gender = kb.HONORIFICS.get(c.honorific.rstrip("."), "")
    if gender and not ref.gender:
        ref.gender = gender


def _match_single(info: DocInfo, c: NameCand, named: list[PersonRef]) -> PersonRef | None:
    word = kb.fold(c.name)
    gender = kb.HONORIFICS.get(c.honorific, "")

    def fits(p: PersonRef) -> bool:
        return not gender or not p.gender or p.gender == gender

    by_surname = [
        p for p in named if fits(p) and word in (kb.fold(p.surname), kb.fold(p.surname.split()[-1]))
    ]
    if gender and len(by_surname) > 1:
        # "Ms Kellan" with Marta and Tomas Kellan named: the one known to be a woman;
        # if none is known, guessing could merge two people: leave it unlinked.
        same = [p for p in by_surname if p.gender == gender]
        if not same and len(by_surname) > 1:
            return None
        by_surname = same
    if by_surname:
        return nearest(by_surname, c.start)
    # First names: only where unambiguous, and only where news prose uses them:
    # inside quotes, or after Sir/Dame ("Sir Keir").
    if c.honorific in kb.FIRST_NAME_HONORIFICS or info.quote_at(c.start) is not None:
        by_first = [p for p in named if fits(p) and kb.fold(p.first) == word]
        if len(by_first) == 1:
            return by_first[0]
    return None


# --- 5. title mentions: storyline.article.entity_titles


# --- the stage ------------------------------------------------------------------------


def extract_mentions(doc: Doc, article: Article) -> list[EntityMention]:
    """Every entity mention in ``article`` (whose text ``doc`` was parsed from).

    Mentions carry the article id, character offsets into ``article.text``, a
    label, the within-article referent number (``cluster``), the fullest name the
    article gives that referent (``canonical``), roles, and ``kind``: "name",
    "title" (``the Prime Minister``) or "pronoun" (speakers only).
    """
    info = doc_info(doc)
    text = info.text
    cands = _resolve_overlaps(
        _spacy_candidates(doc) + _honorific_candidates(text) + _apposition_candidates(text)
    )
    for c in cands:
        if c.label == "PERSON":
            c.honorific = c.honorific or _leading_honorific(text[c.start : c.end])
            c.name = _person_name(text[c.start : c.end], c.honorific)
    _trim_to_known_names(text, cands)
    surnames: set[str] = set()
    firsts: set[str] = set()
    for c in cands:
        words = c.name.split()
        if c.label == "PERSON" and len(words) >= 2 and kb.country_code(c.name) is None:
            first, surname = kb.name_parts(c.name)
            surnames.update((kb.fold(surname), kb.fold(words[-1])))
            firsts.add(kb.fold(first))
    kept = []
    for c in cands:
        if _classify(doc, c, surnames, firsts):
            if c.label == "PERSON" and not c.name:
                c.name = _person_name(text[c.start : c.end], c.honorific)
            if c.label != "PERSON" or _plausible_name(c):
                kept.append(c)
    people = [c for c in kept if c.label == "PERSON"]
    refs = _link_people(doc, info, people)
    spans = [char_span(doc, c.start, c.end) for c in people]
    names = {i for sp in spans for i in range(sp.start, sp.end)}
    for c, span in zip(people, spans, strict=True):
        c.roles = prefix_roles(doc, span.start) + apposition_roles(doc, span, names)
        refs[c.group].roles.extend(c.roles)
    titles = title_mentions(doc, kept)
    link_titles(doc, info, titles, refs, people)
    return _finish(doc, article, kept, refs, titles)


def _trim_to_known_names(text: str, cands: list[NameCand]) -> None:
    """ "Lindsay Lohan Checks Into Rehab" (a headline) or "Comedian Ellen DeGeneres":
    when the article also names the person without the extra words, drop them."""
    people = [c for c in cands if c.label == "PERSON"]
    known = {
        kb.fold(c.name)
        for c in people
        if len(c.name.split()) >= 2 and c.name.split()[0].casefold() not in kb.PARTICLES
    }
    body = [c for c in people if c.name and not _headline(text, c.start)]
    body_names = {kb.fold(c.name) for c in body}
    body_words = {kb.fold(w) for c in body for w in c.name.split()}
    body_surnames = {kb.fold(c.name.split()[-1]) for c in body}
    for c in people:
        words = c.name.split()
        if len(words) == 2 and kb.fold(c.name) not in body_names and _headline(text, c.start):
            # Title case glues words to a name: "Obama Overturns ...", "Reverses Bush".
            for keep, extra in ((1, 0), (0, 1)):
                known_word = kb.fold(words[keep]) in body_surnames
                if known_word and kb.fold(words[extra]) not in body_words:
                    found = _locate(text, c, [words[keep]])
                    if found:
                        c.start, c.end, c.name = found[0], found[1], words[keep]
                    break
            continue
        if len(words) < 3:
            continue
        for k in range(len(words) - 1, 1, -1):
            if kb.fold(" ".join(words[:k])) in known:
                found = _locate(text, c, words[:k])
                if found:
                    c.end, c.name = found[1], " ".join(words[:k])
                break
            if (
                not c.honorific
                and words[-k].casefold() not in kb.PARTICLES
                and (kb.fold(" ".join(words[-k:])) in known)
            ):
                found = _locate(text, c, words[-k:])
                if found:
                    c.start, c.name = found[0], " ".join(words[-k:])
                break


def _headline(text: str, pos: int) -> bool:
    """Whether ``pos`` is on a line in title case without a full stop (a headline)."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    line = text[start : end if end >= 0 else len(text)].strip()
    words = [w for w in line.split() if w[:1].isalpha()]
    if len(words) < 3 or line.endswith("."):
        return False
    return sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _locate(text: str, c: NameCand, words: list[str]) -> tuple[int, int] | None:
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.compile(pattern).search(text, c.start, c.end)
    return (m.start(), m.end()) if m else None


def _plausible_name(c: NameCand) -> bool:
    """A person's name has a capital and is not only title words ("Lawyer")."""
    if not c.name or not any(ch.isupper() for ch in c.name):
        return False
    words = [kb.fold(w) for w in c.name.split()]
    if words[0] in kb.PERSON_NOUNS and not c.honorific:
        return False  # "Woman Killed", "Driver Charged": a headline, not a name
    return bool(c.honorific) or not all(
        w in kb.ROLE_HEADS or w in kb.ROLE_MODIFIERS or w in kb.PERSON_NOUNS for w in words
    )


def _leading_honorific(text: str) -> str:
    first = text.split(" ", 1)[0].lower().rstrip(".")
    return first if first in kb.HONORIFICS and " " in text else ""


def _finish(
    doc: Doc,
    article: Article,
    cands: list[NameCand],
    refs: dict[object, PersonRef],
    titles: list[Title],
) -> list[EntityMention]:
    text = doc_info(doc).text
    for c in cands:
        if c.label != "PERSON":
            c.group = ("thing", c.label, c.ref or kb.fold(c.canonical or text[c.start : c.end]))
    items: list[tuple[int, int, object, EntityMention]] = []
    for c in cands:
        canonical = _canonical(refs[c.group]) if c.label == "PERSON" else c.canonical
        items.append(
            (
                c.start,
                c.end,
                c.group,
                EntityMention(
                    article=article.id,
                    start=c.start,
                    end=c.end,
                    text=text[c.start : c.end],
                    label=c.label,
                    canonical=canonical,
                    roles=list(c.roles),
                    kind="name",
                    ref=c.ref,
                ),
            )
        )
    for t in titles:
        ref = refs.get(t.group)
        items.append(
            (
                t.start,
                t.end,
                t.group,
                EntityMention(
                    article=article.id,
                    start=t.start,
                    end=t.end,
                    text=text[t.start : t.end],
                    label="PERSON",
                    canonical=_canonical(ref) if ref else None,
                    roles=[t.role],
                    kind="title",
                ),
            )
        )
    # Number referents by first appearance, so ids are stable for one text.
    numbers: dict[object, int] = {}
    for _s, _e, group, m in sorted(items, key=lambda x: (x[0], x[1])):
        m.cluster = numbers.setdefault(group, len(numbers))
    mentions = [m for _s, _e, _g, m in sorted(items, key=lambda x: (x[0], x[1]))]
    canon_of = {m.cluster: m.canonical for m in mentions}
    for match in _PRONOUN_SPEAKER_RE.finditer(text):
        group = "p" if match.group("p") else "q"
        s, e = match.start(group), match.end(group)
        cluster = resolve_pronoun(doc, s, mentions)
        if cluster is None:
            continue
        mentions.append(
            EntityMention(
                article=article.id,
                start=s,
                end=e,
                text=text[s:e],
                label="PERSON",
                cluster=cluster,
                canonical=canon_of.get(cluster),
                kind="pronoun",
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def _canonical(ref: PersonRef) -> str:
    """The fullest name the article gives: most words, then longest, then first."""
    return max(ref.names, key=lambda n: (len(n.split()), len(n))) if ref.names else ""
