"""Per-article event candidates: sentences that report something happening or planned.

A candidate rests on a trigger word: an event noun ("summit", "talks", "video
call") or an event verb ("met", "agreed to", "signed", "was sent"). Light verbs
that only carry an event noun ("held talks", "hosted a meeting") lend it their
tense instead of making a second event. Reported speech inside quotation marks
and verbs that introduce a statement ("agreed that ...") are not events.

Hypothetical, negated or conditional verbs ("could sign", "did not meet", "if they
meet"), bare infinitives and gerunds ("plans to deploy", "speaking to reporters")
and generic event nouns ("any deal") are left out; "is due to speak", "will travel"
are plans.

Each candidate gets:

- a date from the temporal expression the parse attaches to its trigger or to the
  verb of its own clause (not one on a reporting verb above it: "said on Friday
  that they had met"), else, for things already done, the publication date as an
  upper bound. ``confidence``: 0.9 a day, 0.7 a week/month/year, 0.5 only a
  weekday or "yesterday" (no publication day known), 0.3 the publication date,
  0.2 nothing;
- ``happened`` or ``planned``, from the verb's tense, modal and "due to"/"set to"
  constructions, overruled by a date that lies wholly before or after publication;
- participants (the entity mentions of its clause) and a place ("in Paris").
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

from storyline.article.event_titles import event_title
from storyline.article.timex_normalise import Reference, parse_value
from storyline.article.timexes import verb_tense
from storyline.model import Article, EntityMention, EventCandidate, Span, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Event nouns (lemma -> kind). "talk" counts only in the plural ("held talks").
EVENT_NOUNS = {
    "meeting": "meeting", "summit": "meeting", "talk": "meeting", "conference": "meeting",
    "gathering": "meeting", "negotiation": "meeting", "call": "meeting", "session": "meeting",
    "visit": "visit", "trip": "visit",
    "deal": "agreement", "agreement": "agreement", "accord": "agreement", "treaty": "agreement",
    "pact": "agreement", "communique": "announcement", "statement": "announcement",
    "speech": "announcement", "announcement": "announcement", "budget": "announcement",
    "vote": "vote", "election": "vote", "referendum": "vote", "ballot": "vote",
    "attack": "conflict", "strike": "conflict", "bombing": "conflict", "offensive": "conflict",
    "raid": "conflict",
}
# Nouns that are events only with a modifier saying so ("video call", "press conference").
_CALL_MODIFIERS = {"video", "phone", "telephone", "conference", "virtual", "zoom"}
_NOT_EVENT_STATEMENT = {"statement"}  # "a statement" is speech unless dated ("spring statement")

EVENT_VERBS = {
    "meet": "meeting", "discuss": "meeting", "convene": "meeting", "gather": "meeting",
    "negotiate": "meeting", "speak": "meeting", "talk": "meeting",
    "agree": "agreement", "sign": "agreement", "approve": "agreement", "ratify": "agreement",
    "send": "transfer", "deliver": "transfer", "deploy": "transfer", "transfer": "transfer",
    "pay": "transfer", "supply": "transfer",
    "visit": "visit", "travel": "visit", "arrive": "visit", "fly": "visit", "tour": "visit",
    "announce": "announcement", "unveil": "announcement", "launch": "announcement",
    "publish": "announcement",
    "vote": "vote", "elect": "vote",
    "attack": "conflict", "invade": "conflict", "bomb": "conflict", "kill": "conflict",
    "shell": "conflict",
    "resign": "appointment", "appoint": "appointment", "sack": "appointment",
}
# Verbs that only carry an event noun: the noun is the event, the verb its tense.
LIGHT_VERBS = {"hold", "have", "host", "attend", "join", "take", "convene", "chair", "begin",
               "start", "open", "conclude", "end", "wrap", "organise", "organize", "stage",
               "see", "make", "give", "deliver", "reach", "strike", "sign", "call"}
# Verbs whose clause complement is a statement, not an event ("agreed that ...").
_STATEMENT_VERBS = {"agree", "announce", "pledge", "discuss", "speak", "talk"}
# Speaking to or with someone is a meeting (a call); speaking (or discussing) alone is a
# statement.
_NEEDS_PARTNER = {"speak", "talk", "discuss"}
_PARTNER_PREPS = {"with", "to"}
_PLACE_PREPS = {"in", "at"}
_PARTICIPANT_LABELS = {"PERSON", "ORG", "GPE"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_QUOTED = re.compile(r"“[^”]*”?|\"[^\"\n]*\"?")
_DEFINITE = {"the", "that", "this", "these", "those"}
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SAME_TIME = {"when", "while", "as"}  # an adverbial clause these open shares the date
_REL_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}

Precision = Literal["day", "week", "month", "year"]


def extract_event_candidates(doc: Doc, article: Article, mentions: Sequence[EntityMention],
                             timexes: Sequence[Timex]) -> list[EventCandidate]:
    """Event candidates of one annotated article, in text order."""
    text = article.text
    ref = Reference.from_published(article.published, article.published_precision)
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    out: list[EventCandidate] = []
    for sent in doc.sents:
        s_start, s_end = sent.start_char, sent.end_char
        triggers = [(tok, kind) for tok in sent if (kind := _trigger_kind(tok)) is not None
                    and not _inside(tok.idx, quoted)]
        if not triggers:
            continue
        sent_timexes = [t for t in timexes if s_start <= t.start < s_end and _datable(t)]
        sent_mentions = [m for m in mentions if s_start <= m.start < s_end]
        dated = _date_triggers(doc, sent_timexes, [t for t, _ in triggers])
        triggers, dated = _fold_nouns(triggers, dated)
        for tok, kind in triggers:
            cand = _candidate(doc, article, ref, sent, tok, kind, dated.get(tok.i),
                              sent_mentions)
            if cand is not None:
                out.append(cand)
    return out


def _fold_nouns(triggers: list[tuple[Token, str]], dated: dict[int, Timex]
                ) -> tuple[list[tuple[Token, str]], dict[int, Timex]]:
    """"speak with leaders in a video call on Friday" is one event: a noun trigger that
    hangs (within three steps) under a verb trigger of the same kind folds into it,
    handing over its date."""
    verbs = {t.i: (t, k) for t, k in triggers if t.pos_ == "VERB"}
    kept: list[tuple[Token, str]] = []
    for tok, kind in triggers:
        if tok.pos_ == "VERB" and tok.dep_ == "conj" and tok.head.i in verbs:
            # "visited RAF Northolt and met personnel there": one outing, not two
            if tok.i in dated and tok.head.i not in dated:
                dated[tok.head.i] = dated[tok.i]
            continue
        if tok.pos_ != "VERB":
            cur = tok
            host = None
            for _ in range(3):
                cur = cur.head
                if cur.i in verbs and verbs[cur.i][1] == kind:
                    host = cur
                    break
            if host is not None:
                if tok.i in dated and host.i not in dated:
                    dated[host.i] = dated[tok.i]
                continue
        kept.append((tok, kind))
    return kept, dated


# ---------------------------------------------------------------- triggers
def _trigger_kind(tok: Token) -> str | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ in ("NOUN", "PROPN") and lemma in EVENT_NOUNS:
        if lemma == "talk" and tok.tag_ != "NNS":
            return None
        if lemma == "call" and not any(c.lower_ in _CALL_MODIFIERS for c in tok.lefts) and not \
                any(c.dep_ == "prep" and c.lower_ == "with" for c in tok.rights):
            return None
        if lemma == "strike" and not any(c.dep_ in ("compound", "amod") for c in tok.lefts):
            return None  # "strikes" alone is too often labour action or a verb misread
        if lemma in _NOT_EVENT_STATEMENT and not any(
                c.dep_ in ("compound", "amod", "poss") for c in tok.lefts):
            return None
        if lemma == "deal" and tok.dep_ in ("pobj",) and tok.head.lower_ in ("on", "about"):
            return None  # "talks on a deal": the talks are the event
        return EVENT_NOUNS[lemma]
    if tok.pos_ != "VERB" or lemma not in EVENT_VERBS:
        return None
    if lemma in LIGHT_VERBS and _carries_event_noun(tok):
        return None
    if not _asserted(tok):
        return None
    if lemma in _STATEMENT_VERBS and any(c.dep_ == "ccomp" for c in tok.children):
        return None  # "agreed that ...", "announced it would ..."
    if lemma in _STATEMENT_VERBS and _quote_follows(tok):
        return None
    if lemma in _NEEDS_PARTNER and not any(
            c.dep_ == "prep" and c.lower_ in _PARTNER_PREPS for c in tok.children):
        return None
    if tok.dep_ in ("amod", "compound"):
        return None
    return EVENT_VERBS[lemma]


# Heads under which an infinitive is a plan ("is due to meet", "plans to visit").
_PLAN_HEADS = {"due", "set", "schedule", "expect", "plan", "go", "intend", "aim", "prepare",
               "slate", "poise"}
_HYPOTHETICAL = {"could", "might", "may", "should", "would", "can", "ca", "must"}
_CONDITIONAL_MARKS = {"if", "unless", "whether", "until", "before"}
_GENERIC_DETS = {"any", "a", "an", "no", "every", "each", "such", "another"}
_GENERIC_MODS = {"possible", "potential", "eventual", "future", "proposed", "new", "further",
                 "lasting", "any"}


def _asserted(verb: Token) -> bool:
    """Is this verb reported as done or as firmly planned (not hypothetical, negated,
    conditional, a bare infinitive or gerund)?"""
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children):
        return False
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in children):
        return False
    auxes = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if auxes & _HYPOTHETICAL:
        return False
    if verb.tag_ == "VB" and "to" in auxes:
        # "is due to speak", "plans to visit"; not "plans to deploy" (a noun's plan)
        # and not "were due to sign" (a plan whose fate the sentence leaves open).
        head = verb.head
        if head.i == verb.i or head.lemma_.lower() not in _PLAN_HEADS or head.pos_ == "NOUN":
            return False
        finite = head if head.pos_ in ("VERB", "AUX") else head.head
        return verb_tense(finite) != "past"
    if verb.tag_ == "VBG" and not auxes:
        return False  # "speaking to reporters", "sending troops"
    # a bare verb needs an auxiliary that makes it a statement: "will meet", "did meet"
    return not (verb.tag_ == "VB" and not auxes & {"will", "'ll", "shall", "did", "do", "does"})


def _noun_asserted(tok: Token, governor: Token | None, dated: bool, placed: bool) -> bool:
    """Is an event noun a particular event (dated, placed, definite, or held by a
    light verb) rather than a generic or hypothetical one ("any deal")?"""
    dets = {c.lower_ for c in tok.children if c.dep_ in ("det", "amod", "compound")}
    generic = bool(dets & _GENERIC_DETS) or bool(dets & _GENERIC_MODS)
    if governor is not None and not _asserted_governor(governor):
        return dated and not generic
    if dated or placed:
        return True
    if generic:
        return governor is not None and governor.lemma_.lower() in LIGHT_VERBS and \
            tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass") and governor.tag_ != "VBG"
    if any(c.dep_ in ("det", "poss") for c in tok.children):
        return tok.tag_ != "NNS" or tok.lemma_ == "talk"
    return governor is not None and governor.lemma_.lower() in LIGHT_VERBS


def _asserted_governor(verb: Token) -> bool:
    """Does the verb over an event noun leave the event real? A hypothetical ("could
    hold talks") or conditional one does not; a negation does not undo a named event
    ("was not at the meeting")."""
    children = list(verb.children)
    if any(c.dep_ == "neg" for c in children) and verb.lemma_.lower() in LIGHT_VERBS:
        return False  # "did not hold talks"
    if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in children):
        return False
    auxes = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    return not auxes & (_HYPOTHETICAL - {"would"})


def _carries_event_noun(tok: Token) -> bool:
    for child in tok.children:
        if child.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj") and \
                child.lemma_.lower() in EVENT_NOUNS:
            return True
        if child.dep_ in ("prt", "prep") and any(
                g.lemma_.lower() in EVENT_NOUNS for g in child.children):
            return True
    return False


def _quote_follows(tok: Token) -> bool:
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return nxt is not None and nxt.text in ("“", '"', ":", "‘")


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < pos < e for s, e in spans)


# ---------------------------------------------------------------- dates
def _datable(t: Timex) -> bool:
    """A DATE or TIME naming a point or period (not PRESENT_REF, not a duration)."""
    return t.type in ("DATE", "TIME") and not t.value.endswith("_REF")


def _date_triggers(doc: Doc, timexes: list[Timex], triggers: list[Token]) -> dict[int, Timex]:
    """The timex that dates each trigger: the one its parse hangs under the trigger,
    else one that hangs under the verb governing the trigger's own clause ("held
    talks on Thursday"). A date on a reporting verb ("said on Friday that ... had
    met") does not pass into the clause it reports."""
    ids = {t.i for t in triggers}
    own: dict[int, Timex] = {}
    by_verb: dict[int, Timex] = {}
    in_timex: dict[int, Timex] = {}
    for timex in timexes:
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None:
            continue
        in_timex.update((t.i, timex) for t in span)
        tok = span.root
        for _ in range(6):
            if tok.i in ids and tok.i not in range(span.start, span.end):
                own.setdefault(tok.i, timex)
                break
            if tok.pos_ in ("VERB", "AUX") and tok.i not in range(span.start, span.end):
                by_verb.setdefault(tok.i, timex)
                break
            if tok.head.i == tok.i:
                break
            tok = tok.head
    out: dict[int, Timex] = {}
    for trig in triggers:
        if trig.i in own:
            out[trig.i] = own[trig.i]
            continue
        cur = trig
        same_time = False  # crossed "when ...": the main event's own date counts too
        for _ in range(5):
            if cur.i in by_verb and cur.i != trig.i:
                out[trig.i] = by_verb[cur.i]
                break
            if same_time and cur.i in own:
                out[trig.i] = own[cur.i]
                break
            if cur.dep_ == "relcl" and cur.head.i in in_timex and any(
                    c.dep_ == "advmod" and c.lower_ in _SAME_TIME for c in cur.children):
                out[trig.i] = in_timex[cur.head.i]  # "on Friday when she visits"
                break
            if cur.dep_ in ("ccomp", "relcl", "parataxis") or cur.head.i == cur.i:
                break
            if cur.dep_ == "advcl" and not any(
                    c.dep_ == "advmod" and c.lower_ in _SAME_TIME for c in cur.children):
                break  # "... on Friday when she visits": the same time; others are not
            same_time = same_time or cur.dep_ == "advcl"
            cur = cur.head
    return out


def date_of(value: str) -> tuple[str | None, Precision | None, int | None]:
    """(date, precision, weekday) an event takes from a TIMEX3 value.

    ``2025-03-27T...`` -> day; ``2025-W13`` -> week; ``2025-03`` and ``2025-03-XX``
    -> month; ``2025`` -> year; ``XXXX-WXX-4`` -> no date, weekday 3 (Thursday).
    """
    core = value.split("T")[0]
    m = re.fullmatch(r"XXXX-WXX-(\d)", core)
    if m:
        return None, None, int(m.group(1)) - 1
    if re.fullmatch(r"\d{4}-\d\d-XX", core):
        return core[:7], "month", None
    if re.fullmatch(r"\d{4}-W\d\d(?:-WE)?", core):
        return core[:8], "week", None
    parsed = parse_value(core)
    if parsed is None:
        return None, None, None
    day, gran = parsed
    if gran == "day":
        return day.isoformat(), "day", day.weekday()
    if gran == "month":
        return core[:7], "month", None
    if gran == "year":
        return core[:4], "year", None
    if gran in ("quarter", "half"):
        return core, "year", None
    return None, None, None


def window(date: str | None, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """First and last day a dated candidate can fall on."""
    if date is None or precision is None:
        return None
    try:
        if precision == "day":
            d = dt.date.fromisoformat(date)
            return d, d
        if precision == "week":
            monday = dt.date.fromisocalendar(int(date[:4]), int(date[6:8]), 1)
            return monday, monday + dt.timedelta(days=6)
        if precision == "month":
            first = dt.date(int(date[:4]), int(date[5:7]), 1)
            nxt = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        if precision == "year":
            year = int(date[:4])
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
    except ValueError:
        return None
    return None


# ---------------------------------------------------------------- candidates
def _candidate(doc: Doc, article: Article, ref: Reference, sent: object, tok: Token, kind: str,
               timex: Timex | None, mentions: list[EntityMention]) -> EventCandidate | None:
    from spacy.tokens import Span as SpacySpan

    assert isinstance(sent, SpacySpan)
    lemma = tok.lemma_.lower()
    governor = _governor(tok)
    tense = verb_tense(governor) if governor is not None else "none"
    if tok.pos_ == "VERB" and tense == "none":
        tense = verb_tense(tok)
    status: Literal["happened", "planned"] = (
        "planned" if tense in ("future", "modal") else "happened")
    if tok.pos_ != "VERB" and governor is None and any(
            c.lower_ in ("upcoming", "planned", "next", "forthcoming") for c in tok.lefts):
        status = "planned"
    date: str | None = None
    precision: Precision | None = None
    source: Literal["timex", "published"] | None = None
    weekday = day_offset = week_offset = None
    confidence = 0.2  # nothing dates it
    if timex is not None:
        date, precision, weekday = date_of(timex.value)
        source = "timex"
        # a day; a week, month or year; only a weekday or "yesterday" (no publication day)
        confidence = 0.9 if precision == "day" else 0.7 if precision else 0.5
        low = timex.text.lower()
        word = low.split()[0] if low else ""
        day_offset = _REL_DAYS.get(word)
        if word in ("this", "that") and low.split()[-1] in ("morning", "afternoon", "evening"):
            day_offset = 0
        if any(w in low for w in _WEEKDAY_NAMES):
            weekday = next(i for i, w in enumerate(_WEEKDAY_NAMES) if w in low)
        wk = re.search(r"\b(this|last|next)\s+week\b", low)
        if wk:
            week_offset = {"this": 0, "last": -1, "next": 1}[wk.group(1)]
    planned_by_date = _planned_by_date(ref, date, precision)
    if planned_by_date is not None:
        status = "planned" if planned_by_date else "happened"
    if date is None and status == "happened" and ref.date is not None and ref.precision:
        # Reported as done, dated by nothing else: no later than publication.
        date = {"day": ref.date.isoformat(), "month": ref.date.isoformat()[:7],
                "year": ref.date.isoformat()[:4]}[ref.precision]
        precision = ref.precision
        source = "published"
        confidence = 0.3
    place = _place(tok, governor, mentions, kind)
    if tok.pos_ != "VERB":
        if not _noun_asserted(tok, governor, timex is not None, place is not None):
            return None
        if kind == "conflict" and timex is None and place is None:
            return None
    if source is None and status == "planned" and timex is None and tok.pos_ != "VERB" \
            and place is None:
        return None  # "for talks": a plan with neither date nor place says too little
    participants = _participants(tok, governor, mentions, place)
    definite = tok.pos_ != "VERB" and any(c.dep_ == "det" and c.lower_ in _DEFINITE
                                          for c in tok.children)
    if tok.pos_ != "VERB" and any(c.dep_ == "poss" for c in tok.children) and timex is not None \
            and timex.start < tok.idx:
        definite = False  # "Thursday's meeting" names its own date
    title = event_title(doc, tok, governor, timex, mentions, LIGHT_VERBS, kind)
    start, end = paragraph_clip(doc.text, sent.start_char, sent.end_char, tok.idx)
    return EventCandidate(
        article=article.id, start=start, end=end, trigger=lemma,
        trigger_start=tok.idx, trigger_end=tok.idx + len(tok.text), kind=kind, status=status,
        title=title, date=date, date_precision=precision, date_source=source,
        confidence=confidence, timex=timex.value if timex else None, weekday=weekday,
        day_offset=day_offset, week_offset=week_offset, participants=participants,
        place=place, definite=definite and timex is None and place is None,
    )


def paragraph_clip(text: str, start: int, end: int, pos: int) -> tuple[int, int]:
    """The sentence span cut to the paragraph holding ``pos``: the parser sometimes
    runs a sentence over a line break (a quote, then the next paragraph)."""
    brk = text.rfind("\n", start, pos)
    if brk >= 0:
        start = brk + 1
    nxt = text.find("\n", pos, end)
    if nxt >= 0:
        end = nxt
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _governor(tok: Token) -> Token | None:
    """The verb whose tense an event noun takes ("held talks", "talks will take place")."""
    if tok.pos_ == "VERB":
        return tok
    cur = tok
    for _ in range(4):
        if cur.head.i == cur.i:
            return None
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return None


def _planned_by_date(ref: Reference, date: str | None, precision: str | None) -> bool | None:
    """True if the date lies wholly after publication, False if wholly before."""
    span = window(date, precision)
    if span is None or ref.date is None or ref.precision is None:
        return None
    pub = window(ref.date.isoformat() if ref.precision == "day" else
                 ref.date.isoformat()[:7] if ref.precision == "month" else
                 ref.date.isoformat()[:4], ref.precision)
    if pub is None:
        return None
    if span[0] > pub[1]:
        return True
    if span[1] < pub[0]:
        return False
    return None


def _place(tok: Token, governor: Token | None, mentions: list[EntityMention],
           kind: str) -> Span | None:
    """A place mention in an "in"/"at" phrase of the trigger (or of the verb that
    governs it): "a summit in Paris", "met in Brussels", "held talks at Northwood";
    for a journey or a delivery also its destination ("will travel to Porto")."""
    doc = tok.doc
    preps = _PLACE_PREPS | ({"to"} if kind in ("visit", "transfer") else set())
    heads = {tok.i} | ({governor.i} if governor is not None else set())
    # "agreed to pause hostilities in the Black Sea": the place of the agreed action
    stack = [tok]
    while stack:
        cur = stack.pop()
        for child in cur.children:
            if child.dep_ in ("xcomp", "conj") and child.pos_ == "VERB":
                heads.add(child.i)
                stack.append(child)
            elif child.dep_ == "dobj" and cur.pos_ == "VERB":
                heads.add(child.i)
    best: tuple[int, EntityMention] | None = None
    for m in mentions:
        if m.label not in _PLACE_LABELS:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        if span.root.dep_ in ("compound", "amod", "nmod") and span.root.head.i == tok.i:
            dist = abs(m.start - tok.idx)  # "the Rotterdam meeting"
            if best is None or dist < best[0]:
                best = (dist, m)
            continue
        prep = span.root.head
        while prep.dep_ in ("compound", "poss", "amod", "pobj", "nmod") and prep.pos_ != "ADP" \
                and prep.head.i != prep.i:
            prep = prep.head  # "at London’s Northwood headquarters"
        if prep.pos_ != "ADP" or prep.lower_ not in preps or prep.head.i not in heads:
            continue
        dist = abs(m.start - tok.idx)
        if best is None or dist < best[0]:
            best = (dist, m)
    if best is None:
        return None
    m = best[1]
    return Span(m.article, m.start, m.end, m.text)


def _clause_bounds(tok: Token, governor: Token | None) -> tuple[int, int]:
    head = governor if governor is not None else tok
    sub = list(head.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def _participants(tok: Token, governor: Token | None, mentions: list[EntityMention],
                  place: Span | None) -> list[Span]:
    lo, hi = _clause_bounds(tok, governor)
    inside = [m for m in mentions if lo <= m.start < hi]
    pool = inside or mentions
    out: list[Span] = []
    for m in pool:
        if m.label not in _PARTICIPANT_LABELS or m.kind == "pronoun":
            continue
        if place is not None and (m.start, m.end) == (place.start, place.end):
            continue
        out.append(Span(m.article, m.start, m.end, m.text))
    return out
