"""Short, readable event titles built from the parse of the event's sentence.

A title is a headline-like phrase from the sentence's own words, in their order:
subject + verb group + object + partner or place ("Defence Secretary John Healey
held talks with Pete Hegseth", "The first third of the loan was sent to
Ukraine", "Sir Keir to speak with European leaders"), or for an event noun its
noun phrase with its place ("Talks at Mediation House in London"). The date
expression and the words that only carry it are left out; so are relative
clauses, appositions, quotes and asides. A pronoun subject is replaced by the
name the article gives its referent (the entity mention's canonical name). A
phrase that would end on a dangling word is cut back; one that would say
nothing beyond "the meeting" takes the clause that governs the noun.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storyline.model import EntityMention, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_WORDS = 16
_KEPT_PUNCT = {"-", "’s", "'s", "%", "'", "’"}
_NP_DEPS = {"det", "compound", "amod", "poss", "nummod", "nmod", "flat", "case", "quantmod",
            "advmod", "npadvmod"}
_NP_PREPS = {"of", "from", "between", "with", "in", "at", "on", "over", "for"}
_VERB_PREPS = {"with", "to", "in", "at", "between", "against"}
_KIND_PREPS = {"meeting": _VERB_PREPS, "agreement": {"with", "between", "in"},
               "visit": {"to", "in", "at", "into"}, "transfer": {"to", "in", "into"},
               "vote": {"for", "against", "in"}, "conflict": {"in", "at", "on", "against"}}
_OTHER_PREPS = {"in", "at"}
# A bare event noun that is the subject of one of these verbs reads well with it:
# "The ballot opens", "Talks began"; "The meeting saw ..." does not.
_PROGRESS_VERBS = {"open", "close", "begin", "start", "end", "resume", "collapse", "conclude",
                   "break", "continue", "fail", "finish", "stall", "produce", "go", "run"}
_AUX_KEEP = {"will", "would", "'ll", "has", "have", "had", "was", "were", "is", "are", "been", "be",
             "shall", "'s", "’s", "did"}
_CIRCUMSTANCE = {"after", "before", "following", "ahead", "during", "since", "amid", "despite",
                 "as", "because", "until", "over", "throughout"}
# Verbs that only report or place an event noun: "said after the meeting", "was at
# the meeting" (maybe "was not"): the noun alone says more.
_REPORTING = {"be", "say", "tell", "add", "speak", "note", "insist", "claim", "warn",
              "describe", "call", "hear", "see", "follow", "come"}
_PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us"}
_RELATIVE = {"who", "which", "that", "whom"}
_DANGLING = {"on", "in", "at", "by", "from", "for", "of", "with", "and", "to", "the", "a",
             "an", "as", "part", "or", "but", "including", "its", "their", "his", "her", ","}


def event_title(doc: Doc, tok: Token, governor: Token | None, timex: Timex | None,
                mentions: Sequence[EntityMention], light_verbs: set[str],
                kind: str = "meeting") -> str:
    """The title of the event ``tok`` (its trigger, of ``kind``) names."""
    drop = _timex_tokens(doc, timex)
    preps = _KIND_PREPS.get(kind, _OTHER_PREPS)
    core = tok
    if tok.pos_ != "VERB" and governor is not None and governor.pos_ == "VERB" and \
            governor.lemma_.lower() in light_verbs and _hangs_under(tok, governor) and \
            tok.dep_ not in ("nsubj", "nsubjpass") and not (
                governor.tag_ == "VBG" and governor.dep_ in ("acl", "advcl", "pcomp")):
        # (not "a picture of the leaders holding talks": the talks name themselves)
        core = governor  # "Healey held talks" reads better than "talks"
    if core.pos_ == "VERB":
        words = _clause(core, tok, drop, mentions, preps)
    else:
        words = _noun_phrase(tok, drop, preps=2)
        if len(words) <= 2 and governor is not None and governor.pos_ in ("VERB", "AUX"):
            words = _noun_in_clause(tok, governor, drop, mentions) or words
    return _render(words) or tok.text


# ---------------------------------------------------------------- pieces
def _clause(verb: Token, trigger: Token, drop: set[int],
            mentions: Sequence[EntityMention], preps: set[str]) -> list[Token]:
    subject = _subject(verb, drop, mentions)
    group = _verb_group(verb)
    rest: list[Token] = []
    for child in verb.children:
        if child.i in drop or child.i < verb.i or _after_comma(child):
            continue
        if child.dep_ in ("dobj", "attr", "oprd") or (
                child.dep_ in ("nsubjpass",) and child.i > verb.i):
            rest += _noun_phrase(child, drop, preps=1)
        elif child.dep_ == "xcomp" and child.pos_ == "VERB" and any(
                g.dep_ in ("dobj", "attr", "prep") for g in child.children):
            # "agreed to pause hostilities in the Black Sea"
            rest += [c for c in child.children if c.dep_ == "aux" and c.lower_ == "to"]
            rest.append(child)
            for grand in child.children:
                if grand.dep_ in ("dobj", "attr") and grand.i not in drop:
                    rest += _noun_phrase(grand, drop, preps=1)
                elif grand.dep_ == "prep" and grand.lower_ in preps:
                    rest += _prep_phrase(grand, drop)
        elif child.dep_ in ("prep", "dative") and child.lower_ in preps:
            rest += _prep_phrase(child, drop)
        if len(rest) > 9:
            break
    if trigger.i != verb.i and trigger.i not in {t.i for t in rest}:
        # the event noun hangs deeper ("took part in talks"): keep the path to it
        rest = [t for t in _path_phrase(verb, trigger, drop) if t.i not in {r.i for r in rest}]\
            + rest
    if subject is None:
        subject = []
    return [*subject, *group, *sorted(rest, key=lambda t: t.i)]


def _noun_in_clause(noun: Token, governor: Token, drop: set[int],
                    mentions: Sequence[EntityMention]) -> list[Token]:
    """"The ballot closes", "Talks in London produced an agreement": a bare event
    noun with the clause that governs it."""
    if governor.tag_ in ("VBG",) or governor.dep_ in ("acl", "amod"):
        return []
    if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.i == governor.i:
        place = [c for c in governor.children if c.dep_ == "dobj" and c.lower_ == "place"]
        if governor.lemma_.lower() == "take" and place:
            # "talks will take place in Saudi Arabia"
            wheres = [c for c in governor.children if c.dep_ == "prep"
                      and c.lower_ in ("in", "at")]
            tail = _prep_phrase(wheres[0], drop) if wheres else []
            return [*_noun_phrase(noun, drop, preps=1), *_verb_group(governor), *place, *tail]
        if governor.lemma_.lower() not in _PROGRESS_VERBS:
            return []
        return [*_noun_phrase(noun, drop, preps=1), *_verb_group(governor)]
    if noun.dep_ in ("dobj", "pobj"):
        if governor.lemma_.lower() in _REPORTING or any(
                c.dep_ == "neg" for c in governor.children) or (
                noun.dep_ == "pobj" and noun.head.lower_ in _CIRCUMSTANCE):
            return []
        subject = _subject(governor, drop, mentions)
        if not subject:
            return []
        return [*subject, *_verb_group(governor), *_path_phrase(governor, noun, drop)]
    return []


def _subject(verb: Token, drop: set[int], mentions: Sequence[EntityMention]
             ) -> list[Token] | None:
    """The subject's noun phrase, looked for up the chain of verbs ("X, who is due to
    speak": the noun the clause describes; "asked X to host": X; a pronoun: the name
    it stands for, else the subject of the sentence's main verb)."""
    head = verb
    for _ in range(4):
        subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")
                and c.i not in drop]
        if subj:
            s = subj[0]
            if s.lower_ in _RELATIVE and head.dep_ == "relcl":
                return _noun_phrase(head.head, drop, preps=0)
            if s.pos_ == "PRON":
                # An unresolved "he" stays: "He killed a guard" says more than "Killed a
                # guard", and the timeline names him when the article allows.
                kept = [s] if s.lower_ in _SUBJECT_PRONOUNS and s.i < verb.i else None
                return _named(s, mentions) or _main_subject(s, drop, mentions) or kept
            return _noun_phrase(s, drop, preps=1)
        if head.dep_ in ("relcl", "acl"):
            return _noun_phrase(head.head, drop, preps=0)  # "Brightwater's estimate, published"
        if head.dep_ == "xcomp":
            objs = [c for c in head.head.children if c.dep_ in ("dobj", "dative")]
            if objs:
                return _noun_phrase(objs[0], drop, preps=0)  # "asked the service to host"
        if head.head.i == head.i or head.dep_ not in ("xcomp", "conj", "advcl", "ccomp",
                                                      "acomp", "auxpass", "aux"):
            return None
        head = head.head
    return None


_PERSONAL = {"he", "she", "him", "her"}
_OBJECT_PRONOUNS = {"him", "her", "them"}
_SUBJECT_PRONOUNS = {"he", "she", "they"}


def _main_subject(pronoun: Token, drop: set[int], mentions: Sequence[EntityMention]
                  ) -> list[Token] | None:
    """"Marchbank will speak to managers on Friday when she visits", "Healey said Trump
    had asked Europe to step up as he started talks": an unresolved pronoun stands for
    the subject of a verb above its clause; "he"/"she" only for a person; of those,
    the topmost (the sentence's own subject before a reported one's)."""
    clause = pronoun.head
    objects = [t for t in clause.subtree if t.lower_ in _OBJECT_PRONOUNS and t.i > pronoun.i
               and t.dep_ in ("dobj", "pobj", "dative")]
    if objects:
        # "he stabbed a guard while she was visiting him": the one the story is about is
        # more likely "him" than "she", so the subject above is no antecedent for "she".
        return [pronoun]
    people = [(m.start, m.end) for m in mentions if m.label == "PERSON"]
    found: list[Token] = []
    others: list[Token] = []  # when no person is recognised at all
    cur = pronoun.head
    for _ in range(5):
        if cur.head.i == cur.i:
            break
        cur = cur.head
        for subj in (c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")
                     and c.pos_ in ("PROPN", "NOUN") and c.i < pronoun.i):
            if "\n" in pronoun.doc.text[subj.idx:pronoun.idx]:
                continue  # the parse ran over a paragraph break
            if pronoun.lower_ in _PERSONAL and not any(s <= subj.idx < e for s, e in people):
                others.append(subj)
                continue
            found.append(subj)
    if not found and not people:
        found = others
    return _noun_phrase(found[-1], drop, preps=0) if found else None


def _named(pronoun: Token, mentions: Sequence[EntityMention]) -> list[Token] | None:
    """The tokens of the pronoun's referent's name, as a pseudo phrase (see _render)."""
    for m in mentions:
        if m.start == pronoun.idx and m.canonical and m.canonical.lower() != pronoun.lower_:
            doc = pronoun.doc
            # the name is rendered in place of the pronoun: a marker token list
            return [_Named(m.canonical, pronoun.i, doc)]  # type: ignore[list-item]
    return None


class _Named:
    """A stand-in token carrying a name (for a resolved pronoun)."""

    def __init__(self, text: str, i: float, doc: Doc, dep: str = "") -> None:
        self.text = text
        self.i = i
        self.whitespace_ = " "
        self.is_punct = False
        self.lower_ = text.lower()
        self.doc = doc
        self.dep_ = dep  # read like a token's by the phrase trimming


def _verb_group(verb: Token) -> list[Token]:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    if any(a.lower_ == "to" for a in auxes):
        # "is due to speak", "plans to visit": a headline's "to speak"; "to be voted"
        kept = [a for a in auxes if a.lower_ == "to" or (a.dep_ == "auxpass" and a.lower_ == "be")]
        return kept + [verb] + _particles(verb)
    kept = [a for a in auxes if a.lower_ in _AUX_KEEP]
    return kept + [verb] + _particles(verb)


def _after_comma(tok: Token) -> bool:
    """Is ``tok``'s phrase set off by a comma (an aside: "talks on Thursday, the first
    face-to-face negotiations")?"""
    first = min(t.i for t in tok.subtree)
    return first > 0 and tok.doc[first - 1].text in (",", "–", "—")


def _particles(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ == "prt"]


def _noun_phrase(head: Token, drop: set[int], preps: int) -> list[Token]:
    """The head with its determiners, names, numbers and modifiers (and conjoined
    nouns), and up to ``preps`` short prepositional phrases ("of" ones always); no
    clauses, appositions or asides."""
    out: list[Token] = [head]
    for child in head.children:
        if child.i in drop:
            continue
        if child.dep_ in _NP_DEPS:
            sub = [t for t in child.subtree if t.i not in drop and not _aside(t, child)]
            if child.dep_ == "amod" and len(sub) > 3:
                continue  # "a deal worth nearly £30 million": the deal
            out += sub
        elif child.dep_ == "cc" and any(c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN")
                                        for c in head.children):
            out.append(child)
        elif child.dep_ == "conj" and child.pos_ in ("NOUN", "PROPN"):
            out += _noun_phrase(child, drop, preps=0)
        elif child.dep_ == "prep" and child.i > head.i and child.lower_ in _NP_PREPS and (
                preps > 0 or child.lower_ == "of"):
            phrase = _prep_phrase(child, drop)
            if phrase and len(phrase) <= (4 if child.lower_ == "of" else 6):
                out += phrase
                preps -= child.lower_ != "of"
    if any(c.dep_ == "poss" and c.i in drop for c in head.children) and not any(
            c.dep_ == "det" for c in head.children):
        out.append(_Named("the", min(t.i for t in out) - 0.5, head.doc, "det"))  # type: ignore[arg-type]
    out = [t for t in out if not (t.is_punct and t.text not in _KEPT_PUNCT)]
    if len(out) > 8:
        # Too long: the head and its own determiner, modifiers and compounds only (not
        # the compounds inside its prepositional phrases: "The strike pay port").
        out = [t for t in out if t.i == head.i or isinstance(t, _Named) or (
            t.head.i == head.i
            and t.dep_ in ("det", "amod", "compound", "flat", "poss", "case", "nummod"))]
    return sorted(set(out), key=lambda t: t.i)


def _aside(t: Token, top: Token) -> bool:
    """Is ``t`` inside a clause, apposition or quote below ``top``?"""
    if t.is_punct and t.text not in _KEPT_PUNCT:
        return True
    cur = t
    while cur.i != top.i and cur.head.i != cur.i:
        if cur.dep_ in ("relcl", "acl", "advcl", "ccomp", "appos", "parataxis"):
            return True
        cur = cur.head
    return False


def _prep_phrase(prep: Token, drop: set[int]) -> list[Token]:
    objs = [c for c in prep.children if c.i not in drop and (
        c.dep_ == "pobj" or (c.dep_ == "pcomp" and c.pos_ != "VERB"))]
    if not objs or prep.i in drop:
        return []  # "flew to (a stripped name)": nothing to say
    return [prep, *_noun_phrase(objs[0], drop, preps=0)]


def _path_phrase(verb: Token, noun: Token, drop: set[int]) -> list[Token]:
    """The words from a verb down to an event noun below it ("took part in talks")."""
    path: list[Token] = []
    cur = noun
    while cur.i != verb.i and cur.head.i != cur.i:
        if cur.i != noun.i:
            path.append(cur)
        cur = cur.head
    extra = [t for t in path if t.dep_ in ("prep", "dobj", "pobj", "prt") and t.i not in drop]
    return sorted([*extra, *_noun_phrase(noun, drop, preps=1)], key=lambda t: t.i)


def _hangs_under(tok: Token, governor: Token) -> bool:
    return tok.head.i == governor.i or (tok.head.dep_ in ("prep", "prt")
                                        and tok.head.head.i == governor.i)


def _timex_tokens(doc: Doc, timex: Timex | None) -> set[int]:
    """The date expression, and the preposition or possessive that only carries it."""
    if timex is None:
        return set()
    drop = {t.i for t in doc if timex.start <= t.idx < timex.end}
    for t in doc:
        if t.i in drop:
            continue
        carrier = t.dep_ == "case" and t.head.i in drop
        empty_prep = t.dep_ == "prep" and any(True for _ in t.children) and all(
            c.i in drop for c in t.children)
        if carrier or empty_prep:
            drop.add(t.i)
    return drop


def _render(words: Sequence[Token | _Named]) -> str:
    """The words in text order, spaced as written, trimmed of dangling ends."""
    seen: dict[float, Token | _Named] = {}
    for w in words:
        seen.setdefault(w.i, w)
    ordered = [seen[i] for i in sorted(seen)]
    while ordered and (ordered[0].lower_ in _DANGLING - {"the", "a", "an", "its", "their",
                                                        "his", "her"}
                       or ordered[0].is_punct or ordered[0].lower_ in _RELATIVE):
        ordered = ordered[1:]
    for cut in (len(ordered), MAX_WORDS):
        ordered = ordered[:cut]
        while ordered and (ordered[-1].lower_ in _DANGLING or (
                ordered[-1].is_punct and ordered[-1].text != "%")):
            ordered = ordered[:-1]
    out = ""
    for k, t in enumerate(ordered):
        nxt = ordered[k + 1] if k + 1 < len(ordered) else None
        glued = nxt is not None and not isinstance(t, _Named) and not isinstance(nxt, _Named) \
            and nxt.i == t.i + 1 and not t.whitespace_
        out += t.text + ("" if glued else " ")
    title = re.sub(r"\s+", " ", out).strip(" ,;:–—-“”\"'‘’")
    title = re.sub(r"\s+([,.;:%])", r"\1", title)
    return title[:1].upper() + title[1:] if title else ""
