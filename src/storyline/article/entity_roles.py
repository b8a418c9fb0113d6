"""Roles written around a person's name: title prefixes ("Defence Secretary John
Healey") and appositions ("X, Ukraine's ambassador to the UK and former military
chief,"). Token-level, on the spaCy parse; used by the entity stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline import knowledge as kb
from storyline.article.entity_doc import doc_info

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def _is_head(t: Token) -> bool:
    """A role noun, or its abbreviation before a name ("Sen.", "Capt.")."""
    low = t.lower_
    return low in kb.ROLE_HEADS or (low.endswith(".") and low[:-1] in kb.TITLE_ABBREVIATIONS)


def _is_role_token(t: Token) -> bool:
    low = t.lower_
    if low in kb.ROLE_HEADS or low in kb.ROLE_MODIFIERS:
        return True
    return (
        t.text[:1].isupper()
        and t.pos_ in ("PROPN", "ADJ", "NOUN")
        and (low.rstrip(".") not in kb.HONORIFICS)
    )


def prefix_roles(doc: Doc, start_token: int) -> list[str]:
    """Titles written before a name: "Defence Secretary John Healey",
    "EU chief European Commission President Ursula von der Leyen" (two roles)."""
    toks: list[Token] = []
    j = start_token - 1
    while j >= 0 and len(toks) < 9:
        t = doc[j]
        if "\n" in t.whitespace_ or t.is_space:
            break
        low = t.lower_
        joiner = low == "-" and not t.whitespace_ and j > 0 and not doc[j - 1].whitespace_
        possessive = low in ("’s", "'s") and bool(toks)
        inner = low in ("of", "the", "for") and bool(toks) and toks[-1].text[:1].isupper()
        if not (joiner or possessive or inner or _is_role_token(t)):
            break
        toks.append(t)
        j -= 1
    toks.reverse()
    while toks and toks[0].lower_ in ("of", "the", "for", "-", "’s", "'s"):
        toks.pop(0)
    if not toks:
        return []
    # Cut into titles at head words ("EU chief | European Commission President").
    segments: list[list[Token]] = [[]]
    for k, t in enumerate(toks):
        segments[-1].append(t)
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        if (
            _is_head(t)
            and nxt is not None
            and not _is_head(nxt)
            and nxt.lower_ not in ("-", "of", "for", "’s", "'s")
            and t.whitespace_
        ):
            segments.append([])
    roles = []
    for seg in reversed(segments):  # the title next to the name first
        if seg and _valid_title(seg):
            roles.append(doc_info(doc).text[seg[0].idx : seg[-1].idx + len(seg[-1])])
    # Only titles that touch the name count: the last segment must be valid.
    if not segments[-1] or not _valid_title(segments[-1]):
        return []
    return roles


def _valid_title(seg: list[Token]) -> bool:
    heads = [k for k, t in enumerate(seg) if _is_head(t)]
    if not heads:
        return False
    tail = seg[heads[-1] + 1 :]
    if not tail:
        return True
    if tail[0].lower_ == "-":  # "President-elect"
        return len(tail) == 2
    return tail[0].lower_ in ("of", "for") and all(
        t.lower_ == "the" or t.text[:1].isupper() for t in tail[1:]
    )


def apposition_roles(doc: Doc, span: Span, names: set[int]) -> list[str]:
    """ "X, Ukraine's ambassador to the UK and former military chief," and
    "The US president's special envoy, Steve Witkoff," . ``names``: token indices
    inside person names (a name in apposition is another person, not a role)."""
    roles = []
    root = span.root
    text = doc_info(doc).text
    for child in root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.i not in names:
            role = _phrase(doc, child.left_edge.i, child.right_edge.i, child.i)
            if role and "\n" not in text[span.end_char : child.idx]:
                roles.append(role)
    if root.dep_ == "appos" and root.head.i < span.start:
        head = root.head
        if head.lower_ in kb.ROLE_HEADS and "\n" not in text[head.idx : span.start_char]:
            role = _phrase(doc, head.left_edge.i, head.i, head.i)
            if role:
                roles.append(role)
    return roles


def _phrase(doc: Doc, left: int, right: int, head: int) -> str | None:
    toks = []
    for k in range(left, min(right, left + 14) + 1):
        t = doc[k]
        if k > head and (t.text in (",", ";", "(", ")") or t.lower_ in ("who", "which", "that")):
            break
        if t.pos_ in ("VERB", "AUX") and k > head:
            break
        if "\n" in t.text:
            break
        toks.append(t)
        if "\n" in t.whitespace_:
            break
    while toks and (toks[0].pos_ in ("DET", "PUNCT") or toks[0].lower_ in ("his", "her", "their")):
        toks.pop(0)
    while toks and toks[-1].pos_ in ("PUNCT", "CCONJ", "ADP", "DET"):
        toks.pop()
    if not toks or not any(t.lower_ in kb.ROLE_HEADS for t in toks):
        return None
    if any(t.text in ("(", ")", "[", "]") for t in toks):
        return None  # a caption credit, not a role
    return doc_info(doc).text[toks[0].idx : toks[-1].idx + len(toks[-1])]
