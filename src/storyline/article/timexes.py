"""Temporal expressions: found, typed and normalised against the publication date.

``extract_timexes`` runs every rule of :mod:`storyline.article.timex_patterns`
over the text, keeps the longest non-overlapping matches whose handler accepts
them, then normalises them in reading order (so that "a year earlier" can lean
on the date mentioned before it). Tense, which decides whether "on Friday" is
the Friday before or after the publication date, comes from spaCy's tags and
dependency tree when a ``Doc`` is given, and from nearby words otherwise.

Publication dates known only to the month (or year) never produce an invented
day: relative days come out as ``2025-03-XX`` (a day in March 2025), weeks as
``2025-WXX``; with no publication date at all, as ``XXXX-XX-XX`` / ``XXXX-WXX-4``.
See :mod:`storyline.article.timex_normalise`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.article import timex_dates, timex_relative
from storyline.article import timex_normalise as tn
from storyline.article.timex_normalise import Context, Found, Handler, Tense
from storyline.article.timex_patterns import (
    COMPILED,
    STARTERS,
    TOKEN,
    TRIGGERS,
    trigger_rules,
)
from storyline.model import Article, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc

def extract_timexes(text: str, article: Article, doc: Doc | None = None) -> list[Timex]:
    """Every temporal expression in ``text`` (the article's cleaned text)."""
    ref = tn.Reference.from_published(article.published, article.published_precision)
    tense_cache: dict[tuple[int, int, bool], Tense] = {}

    def tense_of(start: int, end: int, local: bool = False) -> Tense:
        key = (start, end, local)
        if key not in tense_cache:
            tense_cache[key] = (_tense_from_doc(doc, start, end, local) if doc is not None
                                else "none")
            if tense_cache[key] == "none" and (doc is None or not local):
                tense_cache[key] = _tense_from_text(text, start, end)
        return tense_cache[key]

    ctx = Context(text, ref, tense_of)
    chosen = _select(text, ctx)
    out: list[Timex] = []
    for rule_name, m in chosen:
        found = HANDLERS[rule_name](m, ctx)
        if found is None:
            continue
        _trim(found, text)
        if found.type == "VETO":
            continue
        start, end = found.start, found.end
        out.append(Timex(article.id, start, end, text[start:end], found.type, found.value))
        if found.anchor and found.type in ("DATE", "TIME") and tn.parse_value(
                found.value) is not None:
            ctx.anchor = found.value.split("T")[0]
            ctx.anchor_end = end
    return out


_BACK = 60  # how far before its head word an expression may start ("more than the past ...")


def _select(text: str, ctx: Context) -> list[tuple[str, re.Match[str]]]:
    """The longest matches that a handler accepts, without overlaps, in text order."""
    tokens: list[tuple[int, int, str]] = []
    starter: list[bool] = []
    for tm in TOKEN.finditer(text):
        word = tm.group(0)
        low = word.lower()
        tokens.append((tm.start(), tm.end(), word))
        starter.append(word[0].isdigit() or low in STARTERS or low in TRIGGERS)
    seen: dict[tuple[str, int], re.Match[str] | None] = {}
    cands: list[tuple[int, int, int, str, re.Match[str]]] = []
    for i, (start, end, word) in enumerate(tokens):
        if not starter[i]:
            continue
        rules = trigger_rules(word, text, start, end)
        if not rules:
            continue
        starts = [start]
        j = i - 1
        while j >= 0 and tokens[j][0] >= start - _BACK:
            if starter[j]:
                starts.append(tokens[j][0])
            elif text[tokens[j][0] - 1:tokens[j][0]] in ("'", "’"):
                starts.append(tokens[j][0] - 1)
            j -= 1
        if text[start - 1:start] in ("'", "’"):
            starts.append(start - 1)
        for name in rules:
            regex = RULE_REGEX[name]
            for pos in starts:
                key = (name, pos)
                if key in seen:
                    continue
                m = regex.match(text, pos)
                seen[key] = m
                if m is not None and m.end() > start:
                    cands.append((-(m.end() - m.start()), PRIORITY[name], m.start(), name, m))
    cands.sort(key=lambda c: (c[0], c[1], c[2]))
    taken: list[tuple[int, int]] = []
    chosen: list[tuple[str, re.Match[str]]] = []
    for _neg, _prio, _start, name, m in cands:
        if any(m.start() < e and s < m.end() for s, e in taken):
            continue
        found = HANDLERS[name](m, ctx)  # validation pass: anchor-free
        if found is None:
            continue
        _trim(found, text)
        if any(found.start < e and s < found.end for s, e in taken):
            continue
        taken.append((found.start, found.end))
        chosen.append((name, m))
    chosen.sort(key=lambda c: c[1].start())
    return chosen


def _trim(found: Found, text: str) -> None:
    """TimeML leaves the possessive out: "last year's" -> "last year"."""
    if text[found.end - 2:found.end] in ("'s", "’s"):
        found.end -= 2


RULE_REGEX = {rule.name: rule.regex for rule in COMPILED}


PRIORITY = {rule.name: i for i, rule in enumerate(COMPILED)}


_FUTURE_AUX = {"will", "wo", "'ll", "shall", "ll"}


_FUTURE_HEADS = {"go", "due", "set", "schedule", "expect", "plan", "intend", "hope", "aim",
                 "prepare", "slate", "poise", "want", "seek", "agree", "promise", "vow",
                 "threaten", "decide", "try", "likely", "unlikely", "able", "ready", "pledge",
                 "propose", "invite", "urge", "ask", "call"}


_PAST_TAGS = {"VBD"}


_STATIVE = {"be", "have", "say", "tell", "report", "show", "indicate", "remain", "seem",
            "appear", "know", "think", "believe", "expect", "hold", "own", "mean", "include",
            "represent", "compare", "follow", "reflect", "exceed", "trade", "stand"}


def _tense_from_doc(doc: Doc, start: int, end: int, local: bool = False) -> Tense:
    """Tense of the verb a span hangs from. ``local``: that first verb only, not the
    clauses above it (a reporting verb's "said" must not date "in January")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "none"
    tok = span.root
    first = tok
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            tense = verb_tense(tok)
            if tense == "present":
                # "meet separately Monday": a present tense with a time adverbial of its
                # own speaks of a plan; "is below Friday's level" does not.
                direct = first.dep_ in ("npadvmod", "tmod") or (
                    first.dep_ == "pobj" and first.head.dep_ == "prep"
                    and first.head.head.i == tok.i)
                if direct and tok.lemma_ not in _STATIVE:
                    return "future"
                return "none"
            if tense == "modal" and tok.tag_ == "VBN" and any(
                    c.lower_ == "have" and c.dep_ == "aux" for c in tok.children):
                return "past"  # "would have met on Monday": a modal perfect looks back
            if tense != "none" or local:
                return tense
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return "none"


def verb_tense(verb: object) -> Tense:
    """Tense of a spaCy verb token from its tag and auxiliaries (also used for events)."""
    from spacy.tokens import Token

    assert isinstance(verb, Token)
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if "to" in words:  # infinitive: "is due to meet", "plans to visit", "is to meet"
        head = verb.head
        if head.i != verb.i and (head.lemma_.lower() in _FUTURE_HEADS
                                 or (head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP"))):
            finite = head
            if finite.pos_ not in ("VERB", "AUX") and finite.head.i != finite.i:
                finite = finite.head  # "had been due to expire": the tense is on "been"
            head_tense = verb_tense(finite) if finite.pos_ in ("VERB", "AUX") else "none"
            return "past" if head_tense == "past" and head.lemma_ != "be" else "future"
        return "none"
    if any(a.tag_ == "VBD" for a in auxes):
        # "was to meet", "had met": past; "would meet" (MD) is handled below.
        return "past"
    if any(a.lower_ in ("has", "have", "'ve") for a in auxes) and verb.tag_ == "VBN":
        return "past"
    if any(a.lower_ in ("would", "could", "might", "may", "should", "must", "can", "ca")
           for a in auxes):
        return "modal"
    if verb.tag_ in _PAST_TAGS:
        return "past"
    if verb.tag_ == "VBN" and not auxes and verb.dep_ in ("acl", "advcl", "relcl", "conj"):
        return "past"  # "the agreement, announced Friday, ..."
    if verb.tag_ == "VBG" and "been" in words:
        return "past"  # "have been holding talks"
    if verb.tag_ == "VBG" and words & {"is", "are", "'s", "'re", "am", "’s", "’re"}:
        return "future"  # "is meeting on Friday"
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VBN" and any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return "none"


_FUT_WORDS = re.compile(
    r"\b(?:will|won['’]t|['’]ll|shall|going\s+to|due\s+to|set\s+to|scheduled\s+to|expected\s+to"
    r"|plans?\s+to|planning\s+to|intends?\s+to|is\s+to|are\s+to|next|upcoming|coming)\b",
    re.IGNORECASE)


_PAST_WORDS = re.compile(
    r"\b(?:was|were|had|did|said|told|met|held|took|gave|made|went|came|saw|left|began|won"
    r"|lost|sent|spoke|agreed|announced|signed|reported|[a-z]{3,}ed)\b", re.IGNORECASE)


def _tense_from_text(text: str, start: int, end: int) -> Tense:
    """Tense from the words of the clause around a span (used without a Doc)."""
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), start - 120)
    right_dot = text.find(".", end)
    right = min(right_dot if right_dot >= 0 else len(text), end + 60)
    before, after = text[left + 1:start], text[end:right]
    fut = [m.end() for m in _FUT_WORDS.finditer(before)]
    past = [m.end() for m in _PAST_WORDS.finditer(before)]
    if fut and (not past or fut[-1] > past[-1]):
        return "future"
    if past:
        return "past"
    if _FUT_WORDS.search(after):
        return "future"
    if _PAST_WORDS.search(after):
        return "past"
    return "none"


# Rule name -> handler: ``h_<name>`` in the dates or relative module.
HANDLERS: dict[str, Handler] = {
    rule.name: getattr(timex_dates, f"h_{rule.name}", None)
    or getattr(timex_relative, f"h_{rule.name}")
    for rule in COMPILED
}
