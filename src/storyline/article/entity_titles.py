"""Title mentions ("the Prime Minister", "the French president") and who holds them.

Step 5 of :mod:`storyline.article.entities`: a title mention links to a person where
the article says who holds the title, names the person next, or echoes the quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline import knowledge as kb
from storyline.article.entity_doc import DocInfo, char_span, doc_info, next_token
from storyline.article.entity_refs import NameCand, PersonRef, nearest

if TYPE_CHECKING:
    from spacy.tokens import Doc

_HEAD_ALT = "|".join(
    re.escape(h).replace(r"\ ", r"\s+")
    for h in sorted(set(kb.MULTI_HEADS) | kb.OFFICE_HEADS, key=len, reverse=True)
)
_HEAD_RE = re.compile(r"\b(?i:" + _HEAD_ALT + r")\b")
_WORD_BEFORE_RE = re.compile(r"([\w’'\-]+)[ \t]+$")
_DETERMINERS = frozenset({"the", "a", "an"})
_REPORTING_LEMMAS = frozenset(
    {
        "say",
        "tell",
        "add",
        "admit",
        "insist",
        "warn",
        "stress",
        "acknowledge",
        "argue",
        "claim",
        "note",
        "explain",
        "declare",
        "confirm",
        "deny",
        "reveal",
        "suggest",
        "concede",
        "urge",
        "reply",
        "answer",
        "write",
        "post",
    }
)
_QUOTED_FRAGMENT_RE = re.compile(r"[“\"‘]([^”\"’\n]{8,200})[”\"’]")


@dataclass
class Title:
    start: int
    end: int
    role: str
    definite: bool
    group: object = None


def title_mentions(doc: Doc, cands: list[NameCand]) -> list[Title]:
    text = doc_info(doc).text
    person_starts = {c.start for c in cands if c.label == "PERSON"}
    spans = sorted((c.start, c.end) for c in cands if c.label == "PERSON")
    out = []
    for m in _HEAD_RE.finditer(text):
        found = _determiner_before(text, m.start())
        if found is None:
            continue
        det_start, det = found
        after = m.end()
        rest = text[after : after + 3]
        if rest[:1] == "-" or (rest[:1] == " " and after + 1 in person_starts):
            continue  # part of a longer word, or a title written before a name
        if any(s < after and det_start < e for s, e in spans):
            continue
        nxt = next_token(doc, after)
        if nxt is not None and nxt.pos_ == "NOUN" and not nxt.whitespace_.count("\n"):
            continue  # "the general public", "the leader board"
        if char_span(doc, det_start, after).root.dep_ == "attr":
            continue  # "he is not the first US president to ..." names nobody
        role = " ".join(text[det_start + len(det) : after].split())
        out.append(Title(det_start, after, role, det.lower() == "the"))
    return out


def _determiner_before(text: str, head: int) -> tuple[int, str] | None:
    """Start and word of "the"/"a" opening the title whose head starts at ``head``:
    up to four title words between, on the same line, with no punctuation."""
    pos = head
    for _ in range(5):
        m = _WORD_BEFORE_RE.search(text, max(0, pos - 40), pos)
        if m is None:
            return None
        word = m.group(1)
        if word.lower() in _DETERMINERS:
            return m.start(1), word
        if not _title_modifier(word):
            return None
        pos = m.start(1)
    return None


def _title_modifier(word: str) -> bool:
    bare = kb.strip_possessive(word)
    low = kb.fold(bare)
    return (
        low in kb.ROLE_MODIFIERS
        or low in kb.ROLE_HEADS
        and bare != word
        or bare[:1].isupper()
        or kb.place_code(bare) is not None
    )


def link_titles(
    doc: Doc,
    info: DocInfo,
    titles: list[Title],
    refs: dict[object, PersonRef],
    people: list[NameCand],
) -> None:
    """Link each distinct title to the person it names, where the article says."""
    decided: dict[str, object] = {}
    first_mention: dict[object, NameCand] = {}
    for c in people:
        first_mention.setdefault(c.group, c)
    by_start = {c.start: c for c in people if c.kind == "name"}
    for t in titles:
        norm = kb.fold(t.role)
        appos = re.match(r"\s*,\s*", info.text[t.end : t.end + 4])
        named = by_start.get(t.end + appos.end()) if appos else None
        if named is not None:  # "The Ukrainian president, Taras Melnyk, said"
            t.group = named.group
            continue
        if norm in decided:
            t.group = decided[norm]
            continue
        key = kb.role_key(t.role)
        target = None
        # "a judge" introduces someone; only "the judge" points at a known holder.
        if key is not None and t.definite:
            target = _holder(refs, key, t.start)
        if target is None:
            target = _echo(doc, info, t, people, refs)
        if target is None and t.definite and key is not None and key[1] is None:
            target = _named_next(doc, info, t, people, first_mention, refs, key)
        t.group = target.key if target is not None else ("title", norm)
        decided[norm] = t.group


def _holder(
    refs: dict[object, PersonRef], key: tuple[str, str | None], pos: int
) -> PersonRef | None:
    """The person the article has already named who holds this title. Someone
    named only later is not "the Prime Minister" (a newcomer is introduced
    with the title: "Dutch Prime Minister X")."""
    head, country = key
    holders = []
    for ref in refs.values():
        if not any(p < pos for p in ref.positions):
            continue
        for role in ref.roles:
            rk = kb.role_key(role)
            if rk and rk[0] == head and (country is None or rk[1] == country):
                holders.append(ref)
                break
    return nearest(holders, pos) if holders else None


def _compatible(ref: PersonRef, key: tuple[str, str | None]) -> bool:
    keys = [k for k in (kb.role_key(r) for r in ref.roles) if k]
    return not keys or any(k[0] == key[0] for k in keys)


def _named_next(
    doc: Doc,
    info: DocInfo,
    t: Title,
    people: list[NameCand],
    first_mention: dict[object, NameCand],
    refs: dict[object, PersonRef],
    key: tuple[str, str | None],
) -> PersonRef | None:
    """ "... the Chancellor has signed off a loan. Rachel Reeves said ...": the next
    person named, if introduced right here and not holding another title. Only
    for a title without a country that is the subject of its clause: "the US
    president" is someone named elsewhere, not the next newcomer."""
    nxt = next_token(doc, t.end)
    subject = char_span(doc, t.start, t.end).root.dep_ in ("nsubj", "nsubjpass") or (
        nxt is not None and nxt.pos_ in ("AUX", "VERB")  # the parser may miss the subject
    )
    if not subject:
        return None
    # Not a name in quote marks: "the Prime Minister said: 'I thank Sir Anthony'".
    later = [
        c for c in people
        if c.start >= t.end and c.kind == "name" and info.quote_at(c.start) is None
    ]
    if not later:
        return None
    named = min(later, key=lambda c: c.start)
    if first_mention.get(named.group) is not named:
        return None
    if info.sentence(named.start) - info.sentence(t.start) > 2:
        return None
    ref = refs[named.group]
    return ref if _compatible(ref, key) else None


def _echo(
    doc: Doc, info: DocInfo, t: Title, people: list[NameCand], refs: dict[object, PersonRef]
) -> PersonRef | None:
    """ "A senior Cabinet minister admitted that X is 'part of the change'" ... later
    "Mr McFadden added: 'Of course he's part of the change.'" -> Mr McFadden."""
    root = char_span(doc, t.start, t.end).root
    if root.dep_ not in ("nsubj", "nsubjpass") or root.head.lemma_ not in _REPORTING_LEMMAS:
        return None
    sent = root.sent
    text = info.text
    for frag in sorted(_QUOTED_FRAGMENT_RE.findall(sent.text), key=len, reverse=True):
        if len(frag.split()) < 3:
            continue
        hit = text.find(frag.strip(), sent.end_char)
        if hit < 0:
            hit = text.lower().find(frag.strip().lower(), sent.end_char)
        if hit < 0:
            continue
        para = text.rfind("\n", 0, hit) + 1
        before = [
            c
            for c in people
            if para <= c.start < hit and c.kind == "name" and info.quote_at(c.start) is None
        ]
        if before:
            return refs.get(max(before, key=lambda c: c.start).group)
    return None
