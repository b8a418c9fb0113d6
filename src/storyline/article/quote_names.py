"""Naming a quote's speaker with the article's own entity mentions.

The cue finder (:mod:`quote_speakers`) gives a token: a name, a title, a noun
(``a spokesman``) or a pronoun. This module turns it into the within-article
referent (``EntityMention.cluster``) and that referent's canonical name, so
that a quote says "Keir Starmer" and never "he" or "the Prime Minister" when
the article names him. Pronouns go to the entities stage's resolver first,
then to the speaker of the quote before, then to the nearest fitting name;
names that appear only on page furniture (photo captions, "Read more" lines)
are never antecedents.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from storyline import knowledge as kb
from storyline.article.quote_gender import cluster_genders
from storyline.article.quote_marks import QuoteSpan
from storyline.article.quote_subjects import PRONOUNS, SPEECH_VERBS, QuoteMap, word_set
from storyline.model import EntityMention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PronounResolver = Callable[["Doc", int, list[EntityMention]], object]

PERSON_LABELS = frozenset({"PERSON"})
GROUP_LABELS = frozenset({"ORG", "GPE", "NORP"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_MALE = frozenset({"he", "him", "his", "himself"})
_PLURAL = frozenset({"they", "them", "we", "us"})
_MARKS = "\"'“”‘’„«»"
_DOUBLE_MARKS = "\"“”„«»"
_NO_NAME = " -–—,.;:" + _MARKS
_FURNITURE_START = re.compile(
    r"(?:read more|related(?: story| stories)?|don[’']t miss|see also)\b"
    r"|(?:watch|listen|more)\s*:",
    re.IGNORECASE,
)
_TERMINAL = re.compile(r"[.!?\"”’:…]\s*$")
# A photo credit closing a caption line: "(PA)", "(Yui Mok/PA)", "(Image: Getty Images)".
_CREDIT_END = re.compile(
    r"\((?:[^()]*(?:Image|Photo|Picture|Credit|Getty|Reuters|AFP|EPA|PA|AP)\b[^()]*"
    r"|[^()]*/[^()]*)\)\s*$"
)


class Speaker(NamedTuple):
    """A speaker as the article names it: referent (-1: none) and name (None: unknown)."""

    cluster: int
    name: str | None


NOBODY = Speaker(-1, None)


def furniture_quote(text: str, q: QuoteSpan) -> bool:
    """A quote on a "Read more" line or a photo caption: page furniture."""
    line = text[q.para_start : q.para_end].strip()
    return bool(_FURNITURE_START.match(line) or _CREDIT_END.search(line))


def furniture_lines(text: str) -> list[tuple[int, int]]:
    """Lines that are not prose: "Read more" links, and short lines that end
    without a full stop (photo captions, headlines, credits)."""
    out = []
    for line in re.finditer(r"[^\n]+", text):
        body = line.group().strip()
        if body and (
            _FURNITURE_START.match(body) or (len(body.split()) <= 25 and not _TERMINAL.search(body))
        ):
            out.append(line.span())
    return out


class MentionIndex:
    """The article's entity mentions by offset and by cluster."""

    def __init__(self, mentions: list[EntityMention]) -> None:
        self.items = sorted(mentions, key=lambda m: (m.start, -m.end))
        self.starts = [m.start for m in self.items]
        names: dict[int, Counter[str]] = {}
        labels: dict[int, Counter[str]] = {}
        for m in self.items:
            if m.cluster < 0:
                continue
            name = m.canonical or (m.text if m.kind == "name" else None)
            if name:  # the most used, then the longest
                names.setdefault(m.cluster, Counter())[name] += 1
            labels.setdefault(m.cluster, Counter())[m.label] += 1
        self.names = {
            c: max(n.items(), key=lambda kv: (kv[1], len(kv[0])))[0] for c, n in names.items()
        }
        self.labels = {c: n.most_common(1)[0][0] for c, n in labels.items()}

    def at(self, start: int, end: int) -> EntityMention | None:
        """The mention that covers [start, end), preferring names over titles/pronouns."""
        i = bisect_right(self.starts, start)
        best: EntityMention | None = None
        for m in self.items[max(0, i - 12) : i + 1]:
            if (
                m.start <= start
                and end <= m.end
                and (best is None or (best.kind != "name" and m.kind == "name"))
            ):
                best = m
        return best

    def between(self, start: int, end: int) -> list[EntityMention]:
        i = bisect_right(self.starts, start - 1)
        out = []
        for m in self.items[i:]:
            if m.start >= end:
                break
            out.append(m)
        return out

    def before(self, offset: int) -> list[EntityMention]:
        """Mentions that end before ``offset``, nearest first."""
        i = bisect_right(self.starts, offset)
        return [m for m in reversed(self.items[:i]) if m.end <= offset]

    def name(self, cluster: int) -> str | None:
        return self.names.get(cluster)

    def label(self, cluster: int) -> str | None:
        return self.labels.get(cluster)


def default_pronoun_resolver() -> PronounResolver | None:
    """The entities stage's ``resolve_pronoun``, where it exists."""
    try:
        from storyline.article import entities
    except ImportError:
        return None
    resolver = getattr(entities, "resolve_pronoun", None)
    return resolver if callable(resolver) else None


def _word_bounds(token: Token) -> tuple[int, int]:
    """Offsets of a token without quote marks glued to it (``”Clinton``)."""
    text = token.text
    glued = max(text.rfind(m) for m in _MARKS)
    if (
        0 < glued < len(text) - 1
        and text[glued + 1 :].isalpha()
        and (text[glued] in "”\"" or text[glued - 1] in ",.!?")  # not "O’Malley"
    ):
        # "again,”Jensen": a closing mark glued to the name after it.
        return token.idx + glued + 1, token.idx + len(text)
    lead = len(text) - len(text.lstrip(_MARKS))
    trail = len(text) - len(text.rstrip(_MARKS))
    if lead + trail >= len(text):
        return token.idx, token.idx + len(text)
    return token.idx + lead, token.idx + len(text) - trail




def _name_token(token: Token) -> Token:
    """The word that best names a speaker: the name in an apposition
    (``a spokesman, John Smith,``), the name after an abbreviated title
    (``Navy Capt. Jeff Davis``), else the token itself."""
    doc = token.doc
    head = token.head
    if (
        token.pos_ == "NOUN"
        and token.dep_ == "appos"
        and head.i < token.i
        and head.pos_ == "PROPN"
        and head.ent_type_ == "PERSON"
        and doc[token.left_edge.i - 1].text == ","
        and not _in_prep_phrase(head, token)
    ):
        # "Braynard, a South Carolina native who writes fiction, writes": the
        # description set off after a name stands for that name.
        return head
    if token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and child.i > token.i:
                between = doc[token.i + 1 : child.i].text
                # A comma apposition; not "Milbank: Republicans ‘...’" (a headline).
                if ":" not in between and not any(c in between for c in _MARKS):
                    return child
    if token.pos_ == "NOUN" and token.lower_ in kb.ROLE_HEADS:
        named = _comma_name(token)
        if named is not None:
            return named
    # Abbreviated titles before a name: the parser often ends a sentence at their
    # full stop and takes the title for the subject ("Navy Capt. Jeff Davis said").
    if token.text.rstrip(".").lower() in kb.TITLE_ABBREVIATIONS:
        i = token.i + 1
        if i < len(doc) and doc[i].text == "." and not token.text.endswith("."):
            i += 1
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper():
            j += 1
        if j > i and not doc[i:j].text.count("\n"):
            return doc[j - 1]
    return token


def _in_prep_phrase(token: Token, before: Token) -> bool:
    """``In an interview with hosts Joe Scarborough and Mika Brzezinski, the
    candidate stated``: the name hangs on a preposition in a phrase that opens
    the clause of a verb coming after ``before``."""
    if token.dep_ not in ("pobj", "conj", "appos"):
        return False
    chain = list(token.ancestors)
    verb = next((a for a in chain if a.pos_ in ("VERB", "AUX")), None)
    return (
        verb is not None
        and verb.i > before.i
        and token.i < before.i
        and any(a.dep_ == "prep" and a.i < token.i for a in chain)
    )


def _comma_name(token: Token) -> Token | None:
    """The person a role noun stands beside between commas, where the parser made
    the role the subject: ``Deborah Tamargo, the chairwoman of ..., recalled``,
    ``The editor I was talking to, Tim Grieve, interrupted``."""
    doc = token.doc
    verb = token.head

    def person(t: Token) -> bool:
        return (
            t.ent_type_ == "PERSON"
            and t.pos_ == "PROPN"
            and (t.dep_ in ("appos", "npadvmod", "nsubj", "dep") or t.head.i in (token.i, verb.i))
            and not _in_prep_phrase(t, token)
        )

    left = token.left_edge.i
    if left >= 2 and doc[left - 1].text == "," and person(doc[left - 2]):
        return doc[left - 2]
    if verb.i > token.i:
        j = verb.i - 1
        while j > token.i and doc[j].pos_ in ("ADV", "AUX"):
            j -= 1
        if j - 2 > token.i and doc[j].text == "," and person(doc[j - 1]):
            k = j - 1
            while k > token.i and doc[k - 1].ent_type_ == "PERSON":
                k -= 1
            if doc[k - 1].text == ",":
                return doc[j - 1]
    return None


def phrase_text(token: Token, full: bool = False, qmap: QuoteMap | None = None) -> str:
    """A short description of a speaker with no entity: ``a White House spokesman``.

    ``full``: the fullest description the sentence gives of an unnamed speaker,
    with what identifies them after the noun (``a person close to the
    Clintons``, ``a source involved in the PAC's creation``, ``the base chief
    known as Bob``, ``the designer, who works for another brand``): for an
    unnamed source that description is all a reader learns of who spoke.
    ``qmap`` keeps quoted words out of it."""
    keep = {token.i}
    for child in token.lefts:
        if child.dep_ in ("det", "compound", "amod", "poss", "nmod", "nummod", "quantmod"):
            keep.update(t.i for t in child.subtree)
    if full:
        return _full_phrase(token, keep, qmap)
    for child in token.rights:
        if child.dep_ in ("compound", "flat") or (
            child.dep_ == "prep" and child.lower_ in ("for", "of", "at", "with", "from")
        ):
            keep.update(t.i for t in child.subtree)
    lo, hi = min(keep), max(keep)
    return token.doc[lo : min(hi, lo + 9) + 1].text.strip(" ,;:")


# Longest full description of an unnamed speaker, in words: a modifier that
# would make it longer is left out ("a longtime adviser to Trump, who declined
# to be identified and ...").
_MAX_DESCRIPTION = 14
# Nouns after a preposition that say how or where something was said, not who
# said it ("a spokesman in a statement", "an aide on a conference call").
_MEDIUM_NOUNS = word_set(
    """statement interview email e-mail call conference speech tweet post letter
    message release briefing appearance program show broadcast radio television
    tv podcast phone telephone text memo"""
)
_POSTMODIFIERS = frozenset({"compound", "flat", "amod", "prep", "acl", "relcl", "conj"})


def _full_phrase(token: Token, keep: set[int], qmap: QuoteMap | None) -> str:
    """The noun with its postmodifiers, in order, up to the first that is not
    part of the description (a date, the medium, quoted words, a line break)."""
    doc = token.doc
    hi = max(keep)
    closer = ""  # a title in marks whose closing mark the parser hung elsewhere
    pending: list[int] = []  # a comma or "and" between modifiers: kept if one follows
    for child in _right_modifiers(token):
        if (child.dep_ == "punct" and child.text == ",") or child.dep_ == "cc":
            pending.append(child.i)
            continue
        if not _postmodifier(child):
            break
        room = _MAX_DESCRIPTION - sum(1 for i in keep if not doc[i].is_punct)
        sub = _trimmed(child, room)
        if not sub or sub[0].i > hi + 1 + len(pending) or "\n" in doc[hi : sub[-1].i + 1].text:
            break
        end = sub[-1].idx + len(sub[-1].text)
        tail = _quoted_tail(qmap, sub[0].idx, end) if qmap is not None else ""
        span_text = doc[min(keep) : sub[-1].i + 1].text
        if tail is None or (qmap is None and sum(span_text.count(c) for c in _DOUBLE_MARKS) % 2):
            break
        closer = tail
        keep.update(pending)
        pending = []
        keep.update(t.i for t in sub)
        hi = max(keep)
        if len(sub) < len(list(child.subtree)):
            break  # cut short: what follows no longer hangs together
    lo = min(keep)
    return " ".join(doc[lo : hi + 1].text.split()).strip(" ,;:-") + closer


def _right_modifiers(token: Token) -> list[Token]:
    """The words hanging right of ``token``; after an inverted verb (``“...,”
    said one longtime adviser to Bill Clinton``) a preposition the parser hung
    on the verb right after the noun still describes the noun: a verb put before
    its subject takes no phrase after that subject."""
    rights = list(token.rights)
    verb = token.head
    end = token.right_edge.i + 1
    if (
        token.dep_ == "nsubj"
        and verb.i < token.i
        and end < len(token.doc)
        and token.doc[end].dep_ == "prep"
        and token.doc[end].head.i == verb.i
    ):
        rights.append(token.doc[end])
    return rights


def _postmodifier(child: Token) -> bool:
    """A word after the noun that still describes it. Not a verb of saying, nor
    one in the past or present that takes an object, with no subject or
    relative word of its own: that is the sentence's own verb, misparsed ("a
    man yelled at", "one lawmaker called Trump ..."), unlike "people briefed
    on the talks"."""
    if child.dep_ not in _POSTMODIFIERS or (child.dep_ == "conj" and child.pos_ != "NOUN"):
        return False
    if child.dep_ in ("acl", "relcl") and child.pos_ in ("VERB", "AUX"):
        first = child.left_edge
        deps = {c.dep_ for c in child.children}
        relative = first.tag_ in ("WP", "WDT", "WP$", "WRB") or first.lower_ == "that"
        if not (deps & {"nsubj", "nsubjpass"} or relative) and (
            child.lemma_.lower() in SPEECH_VERBS
            or child.tag_ in ("VBZ", "VBP")
            or (child.tag_ == "VBD" and deps & {"dobj", "ccomp", "xcomp", "dative", "oprd"})
        ):
            return False
    pobj = [t for t in child.children if t.dep_ == "pobj"]
    return not any(
        t.ent_type_ in ("DATE", "TIME") or t.lemma_.lower() in _MEDIUM_NOUNS for t in pobj
    )


def _trimmed(child: Token, room: int) -> list[Token]:
    """``child``'s subtree in at most ``room`` words, dropping clauses at its
    end ("with knowledge of the dilemma[, who spoke on condition of
    anonymity]"); empty if it cannot be made to fit."""
    tokens = list(child.subtree)
    while sum(1 for t in tokens if not t.is_punct) > room:
        last = tokens[-1].i
        tails = [
            d
            for d in tokens
            if d is not child
            and (d.dep_ in ("relcl", "acl", "appos") or (d.dep_ == "conj" and d.pos_ == "VERB"))
            and d.right_edge.i == last
        ]
        if not tails:
            return []
        cut = max(tails, key=lambda d: d.left_edge.i).left_edge.i
        tokens = [t for t in tokens if t.i < cut]
        while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
            tokens.pop()
    return tokens


def _is_title(words: str) -> bool:
    """Capitalised words: a name of a work or project, not quoted speech."""
    content = [w for w in re.findall(r"[A-Za-z][\w'’-]*", words) if len(w) > 3]
    return bool(content) and all(w[0].isupper() for w in content)


def _quoted_tail(qmap: QuoteMap, start: int, end: int) -> str | None:
    """None when [start, end) reaches into quoted words; a title wholly inside
    it is fine ("the authors of the “Growth Project,”"), and its closing mark,
    if the parser left it out, is returned to be added back."""
    tail = ""
    for q in qmap.spans:
        if q.open_at < end and start < q.close_end:
            if (
                q.open_at < start
                or not q.closed
                or q.close_end > end + 2
                or not _is_title(qmap.text[q.start : q.end])
            ):
                return None
            tail = qmap.text[end : q.close_end].replace(",", "").strip()
    return tail


class SpeakerNamer:
    """Turns a speaker token into a :class:`Speaker` using the article's mentions."""

    def __init__(
        self,
        doc: Doc,
        mentions: MentionIndex,
        qmap: QuoteMap,
        pronoun_resolver: PronounResolver | None,
    ) -> None:
        self.doc = doc
        self.mentions = mentions
        self.qmap = qmap
        self.pronoun_resolver = pronoun_resolver
        self.furniture = furniture_lines(qmap.text)
        self._genders: dict[int, str] | None = None

    def name(self, token: Token, previous: Speaker | None) -> Speaker:
        """``previous``: the speaker of the quote before, preferred for pronouns."""
        found = self._name(token, previous)
        if found.cluster < 0 and found.name is not None and not found.name.strip(_NO_NAME):
            return NOBODY  # a stray hyphen or mark is no name: say nobody
        return found

    def _name(self, token: Token, previous: Speaker | None) -> Speaker:
        token = _name_token(token)
        start, end = _word_bounds(token)
        mention = self.mentions.at(start, end)
        word = self.qmap.text[start:end]
        lead_marks = len(token.text) - len(token.text.lstrip(_MARKS))
        glued = start > token.idx + lead_marks
        if glued and mention is not None and mention.start < start:
            # spaCy ran a name over a glued mark ("again,”Jensen"): the word alone.
            mention = self._by_surname(word)
        elif mention is None and token.lower_ not in PRONOUNS:
            mention = self._in_window(token) or self._by_surname(word)
        if mention is not None and mention.label in GROUP_LABELS and mention.kind == "name":
            mention = self._person_after(mention) or mention
        spoken_to = self._spoken_to(token) if token.pos_ == "NOUN" else set()
        if mention is not None and mention.kind == "title" and mention.cluster in spoken_to:
            mention = EntityMention(
                article=mention.article, start=mention.start, end=mention.end,
                text=mention.text, label=mention.label, kind="title", cluster=-1,
            )
        if (
            mention is not None
            and mention.cluster >= 0
            and not (
                mention.kind == "pronoun"
                and (
                    self._only_in_furniture(mention.cluster, token.idx)
                    or not self._gender_ok(mention.cluster, token.lower_)
                )
            )
        ):
            name = self.mentions.name(mention.cluster)
            if name is None and mention.kind == "title":
                # A title nobody in the article holds: the fuller phrase
                # ("a spokeswoman for the committee").
                phrase = phrase_text(token, full=True, qmap=self.qmap)
                name = phrase if mention.text in phrase else mention.text
            return Speaker(mention.cluster, name or mention.text)
        if token.lower_ in PRONOUNS or token.pos_ == "PRON":
            return self._pronoun(token, previous)
        if mention is not None:
            # An unlinked title: the fuller phrase ("a spokeswoman for the committee").
            phrase = phrase_text(token, full=True, qmap=self.qmap)
            name = mention.canonical or mention.text
            fuller = mention.text in phrase and len(phrase) > len(name)
            return Speaker(-1, phrase if fuller else name)
        cluster = self._by_role(token)
        if cluster >= 0 and cluster not in spoken_to:
            return Speaker(cluster, self.mentions.name(cluster))
        if token.pos_ in ("NOUN", "PROPN") or token.ent_type_:
            return Speaker(-1, phrase_text(token, full=True, qmap=self.qmap))
        return NOBODY

    def _in_window(self, token: Token) -> EntityMention | None:
        """A mention in the name group around ``token`` (``Army Capt. Christian
        Pardo``), when the parse put the speaker on a word no mention covers."""
        doc = token.doc
        lo = hi = token.i
        while lo > 0 and doc[lo - 1].pos_ in ("PROPN", "NUM") and lo > token.i - 4:
            lo -= 1
        while hi + 1 < len(doc) and hi < token.i + 5:
            nxt = doc[hi + 1]
            if (
                nxt.pos_ in ("PROPN", "NUM")
                or nxt.text in (".", "-")
                or nxt.text[:1].isdigit()  # "Air Force 1st Lt. Tyler Livingston"
                or doc[hi].text == "-"  # "Blaze co-host Stu Burguiere"
                or (nxt.pos_ == "NOUN" and nxt.text[:1].isupper())
            ):
                hi += 1
                continue
            break
        start, end = doc[lo].idx, doc[hi].idx + len(doc[hi].text)
        inside = [m for m in self.mentions.between(start, end) if m.end <= end]
        people = [m for m in inside if m.label in PERSON_LABELS]
        # "the independent Vermont senator": a place or body that modifies a
        # role noun is not who spoke.
        role = token.pos_ == "NOUN" and token.text[:1].islower()
        pick = people or ([] if role else inside)
        return pick[-1] if pick else None

    def _spoken_to(self, token: Token) -> set[int]:
        """``In an interview with hosts Joe Scarborough and Mika Brzezinski, the
        Democratic candidate stated``: the clusters named in a prepositional
        phrase that ends, with a comma, just before a description opening the
        clause (the ones spoken to): not the speaker, whatever apposition the
        parse saw."""
        doc = token.doc
        left = token.left_edge.i
        if token.dep_ not in ("nsubj", "appos") or left < 2 or doc[left - 1].text != ",":
            return set()
        name = doc[left - 2]
        if name.pos_ != "PROPN" or not _in_prep_phrase(name, token):
            return set()
        prep = [a for a in name.ancestors if a.dep_ == "prep" and a.i < name.i][-1]
        inside = self.mentions.between(doc[prep.i].idx, doc[left - 1].idx)
        return {m.cluster for m in inside if m.cluster >= 0}

    def _person_after(self, group: EntityMention) -> EntityMention | None:
        """``Air Force 1st Lt. Tyler Livingston``, ``Fight for $15 organizing
        director Kendall Fells``: an organisation followed by a title and a
        person's name is where the person works; the person spoke. Only title
        words may come between (not "The Post reported that Lewandowski")."""
        people = [
            m
            for m in self.mentions.between(group.end, group.end + 60)
            if m.start > group.end and m.kind == "name" and m.label in PERSON_LABELS
        ]
        if not people or self.qmap.quoted_at(people[0].start):
            return None
        words = self.doc.char_span(group.end, people[0].start, alignment_mode="contract")
        if words is None or not len(words) or len(words) > 5:
            return None
        titled = False
        for t in words:
            word = t.text.lower().rstrip(".")
            if word in kb.ROLE_HEADS or word in kb.TITLE_ABBREVIATIONS:
                titled = True
            elif not (
                t.pos_ in ("PROPN", "NOUN", "ADJ", "NUM")
                or t.text in (".", "-")
                or t.text[:1].isdigit()
            ):
                return None
        return people[0] if titled else None

    def _by_surname(self, word: str) -> EntityMention | None:
        """A capitalised word spaCy did not tag as a name (``“...,” Trump shot
        back`` with "Trump" read as a verb) that is the surname of exactly one
        person the article names."""
        word = word.strip(_MARKS)
        if not word[:1].isupper() or not word.isalpha() or len(word) < 3:
            return None
        found: dict[int, EntityMention] = {}
        for m in self.mentions.items:
            if (
                m.kind == "name"
                and m.cluster >= 0
                and m.label in PERSON_LABELS
                and m.text.split()[-1] == word
            ):
                found.setdefault(m.cluster, m)
        return next(iter(found.values())) if len(found) == 1 else None

    def _by_role(self, token: Token) -> int:
        """``the Prime Minister``: the one referent in the article with that role."""
        words = phrase_text(token).lower().split()
        while words and words[0] in ("the", "a", "an", "this", "that"):
            words = words[1:]
        role = " ".join(words)
        if not role:
            return -1
        found = {
            m.cluster
            for m in self.mentions.items
            if m.cluster >= 0 and any(r.lower().endswith(role) for r in m.roles)
        }
        return found.pop() if len(found) == 1 else -1

    def _pronoun(self, token: Token, previous: Speaker | None) -> Speaker:
        lower = token.lower_
        if lower == "it" and token.dep_ == "nsubjpass":
            return NOBODY  # "it is understood": nobody in particular
        if lower == "it":
            # "While Russia has welcomed ..., it has also set conditions": an
            # organisation or country just before, in this sentence or the last.
            group = self._recent_group(token)
            if group is not None:
                return group
        # The entities stage resolves pronouns to people.
        if self.pronoun_resolver is not None:
            # People the article gives the other gender are no antecedents.
            items = self.mentions.items
            if lower in _MALE | _FEMALE:
                items = [m for m in items if m.cluster < 0 or self._gender_ok(m.cluster, lower)]
            got = self.pronoun_resolver(self.doc, token.idx, items)
            cluster = got.cluster if isinstance(got, EntityMention) else got
            if (
                isinstance(cluster, int)
                and cluster >= 0
                and not self._only_in_furniture(cluster, token.idx)
            ):
                return Speaker(cluster, self.mentions.name(cluster))
        if lower in ("i", "we", "you", "us"):
            return NOBODY
        want_person = lower in _MALE | _FEMALE
        want_group = lower == "it" or lower in _PLURAL
        if (
            previous is not None
            and previous.cluster >= 0
            and not self._only_in_furniture(previous.cluster, token.idx)
        ):
            label = self.mentions.label(previous.cluster)
            fits = (want_person and label in PERSON_LABELS) or (
                want_group and label in GROUP_LABELS
            )
            if fits and self._gender_ok(previous.cluster, lower):
                return previous
        for m in self.mentions.before(token.idx):
            if m.cluster < 0 or self.qmap.quoted_at(m.start) or self._in_furniture(m.start):
                continue
            label = self.mentions.label(m.cluster) or m.label
            if want_person and (
                label not in PERSON_LABELS or not self._gender_ok(m.cluster, lower)
            ):
                continue
            if want_group and label not in GROUP_LABELS:
                continue
            return Speaker(m.cluster, self.mentions.name(m.cluster))
        return NOBODY

    def _recent_group(self, token: Token) -> Speaker | None:
        sent = token.sent
        start = sent.start_char
        if sent.start > 0:
            start = token.doc[sent.start - 1].sent.start_char
        for m in self.mentions.before(token.idx):
            if m.start < start:
                break
            label = self.mentions.label(m.cluster) if m.cluster >= 0 else m.label
            if label in GROUP_LABELS and not self.qmap.quoted_at(m.start):
                if m.cluster >= 0:
                    return Speaker(m.cluster, self.mentions.name(m.cluster))
                return Speaker(-1, m.canonical or m.text)
        return None

    def _in_furniture(self, offset: int) -> bool:
        return any(a <= offset < b for a, b in self.furniture)

    def _only_in_furniture(self, cluster: int, offset: int) -> bool:
        """A referent named before ``offset`` only on caption or "Read more" lines
        is no antecedent: those lines are not part of the story's prose."""
        if not self.furniture:
            return False
        seen = [
            m for m in self.mentions.before(offset) if m.cluster == cluster and m.kind != "pronoun"
        ]
        return bool(seen) and all(self._in_furniture(m.start) for m in seen)

    def _gender_ok(self, cluster: int, pronoun: str) -> bool:
        """Whether the article lets ``pronoun`` refer to ``cluster``: its
        honorifics, first names and own he/she usage (:mod:`quote_gender`)."""
        if self._genders is None:
            self._genders = cluster_genders(self.mentions.items, self.qmap.text, self.doc)
        gender = self._genders.get(cluster, "")
        if pronoun in _FEMALE:
            return gender != "m"
        if pronoun in _MALE:
            return gender != "f"
        return True
