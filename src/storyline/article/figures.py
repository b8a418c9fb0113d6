"""Figures: every numeric claim in an article, normalised, with what it counts.

:mod:`storyline.article.figure_numbers` finds the numbers in the text; this module
uses the spaCy parse to drop the ones an analyst does not compare (anaphoric
"the two countries", numbers inside names, ages), to add modal qualifiers
("could"), and to read the **measure** — the thing counted — from the sentence:
the noun the number modifies with its modifiers, and for a subject, what it does
("countries involved at the planning meetings").

The date a figure held: the day-precision date of a time expression in the same
sentence when the time stage has run (pass its ``timexes``), else the article's
publication date. That argument is the hook for event dates.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from storyline.article.figure_numbers import NumberMatch, scan_numbers
from storyline.errors import AnalysisError
from storyline.model import Article, Figure, Timex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

STAGE = "figures"

# Nouns that say nothing about what is counted; the measure climbs past them.
GENERIC_NOUNS = {
    "time", "period", "total", "number", "figure", "amount", "sum", "value", "worth",
    "maximum", "minimum", "tally", "count", "lot", "handful",
}  # fmt: skip
# Nouns that hold the counted things: "the group of 30 nations".
COLLECTIVE_NOUNS = {
    "group", "coalition", "alliance", "bloc", "club", "union", "force", "fleet", "army",
    "team", "delegation", "convoy", "contingent", "package", "consortium", "network",
    "list", "panel", "caucus", "squadron", "battalion", "brigade",
}  # fmt: skip
PERSON_NOUNS = {
    "man", "woman", "boy", "girl", "child", "person", "son", "daughter", "mother",
    "father", "wife", "husband", "pensioner", "teenager", "suspect", "victim", "driver",
    "student", "mum", "dad", "baby", "toddler", "grandmother", "grandfather", "resident",
    "worker", "soldier", "officer", "player", "patient", "friend", "brother", "sister",
}  # fmt: skip
ANAPHORIC_DETS = {
    "the", "these", "those", "both", "their", "its", "his", "her", "our", "your", "my", "all",
}  # fmt: skip
NAME_LABELS = {"ORG", "PRODUCT", "FAC", "LAW", "WORK_OF_ART", "EVENT", "PERSON"}
NP_LEFT_DEPS = {"amod", "compound", "nmod", "poss", "case", "advmod", "cc", "conj", "npadvmod"}
NP_PREPS = {
    "to", "for", "from", "in", "of", "on", "with", "against", "at", "into", "under", "across",
    "over", "inside", "within", "by", "among", "amongst",
}  # fmt: skip
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# "claims will reach £120 million", "the clean-up could take two weeks": the subject
# of these verbs is what the figure measures.
MEASURING_VERBS = {
    "reach", "total", "hit", "exceed", "top", "surpass", "amount", "cost", "number",
    "equal", "approach", "take", "last", "be", "stand", "near", "run", "rise", "climb",
    "fall", "drop", "grow", "increase", "decrease", "double", "treble", "average",
}  # fmt: skip
MAX_MEASURE_WORDS = 12
_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_QUOTE_CHARS = "\"“”‘’'"


def extract_figures(doc: Doc, article: Article, timexes: Sequence[Timex] = ()) -> list[Figure]:
    """Every figure in ``article`` (annotated as ``doc``), in text order.

    ``timexes`` (optional, from the time stage) date each figure by the time
    expression in its sentence; without them a figure holds on the publication date.
    """
    if doc.text != article.text:
        raise AnalysisError(article.source, STAGE, "the spaCy doc is not the article's text")
    figures: list[Figure] = []
    previous: tuple[NumberMatch, Figure] | None = None
    for match in scan_numbers(article.text):
        span = doc.char_span(match.start, match.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if _skip(match, span):
            continue
        if match.skip == "age-or-duration":
            # a duration written "three-year-old": the figure text takes the "-old"
            match.end = span[-1].idx + len(span[-1])
            tail = re.match(r"-old\b", article.text[match.end :])
            if tail:
                match.end += tail.end()
                span = doc.char_span(match.start, match.end, alignment_mode="expand") or span
        figure = _figure(match, span, article, len(figures) + 1, timexes)
        # "650 billion euros (£545 billion)": the bracketed conversion is the same
        # figure in another currency; it shares the measure, qualifier and date.
        if previous is not None and _is_conversion(article.text, previous[0], match):
            prior = previous[1]
            figure.measure, figure.date = prior.measure, prior.date
            figure.qualifier = prior.qualifier
        figures.append(figure)
        previous = (match, figure)
    return figures


def _figure(
    match: NumberMatch, span: Span, article: Article, n: int, timexes: Sequence[Timex]
) -> Figure:
    qualifiers = [q for q in (match.qualifier, _modal(span)) if q]
    return Figure(
        id=f"{article.id}:f{n}",
        article=article.id,
        start=match.start,
        end=match.end,
        text=article.text[match.start : match.end],
        value=match.value,
        unit=match.unit,
        measure=measure_of(span, match),
        date=figure_date(
            span.sent.start_char, span.sent.end_char, match.start, timexes, article.published
        ),  # fmt: skip
        qualifier=", ".join(qualifiers) or None,
        low=match.low,
        high=match.high,
    )


def _is_conversion(text: str, first: NumberMatch, second: NumberMatch) -> bool:
    between = text[first.end : second.start]
    return (
        first.kind == second.kind == "money"
        and first.unit != second.unit
        and re.fullmatch(r"\s*[(\[]\s*(?:about|around|roughly|some|approximately)?\s*", between)
        is not None
    )


# -- what to leave out ---------------------------------------------------------------------
def _skip(match: NumberMatch, span: Span) -> bool:
    if match.skip == "age-or-duration":
        return _is_age(span)
    if match.skip is not None:
        return True
    doc = span.doc
    first = span[0]
    # Inside a name ("Channel 4 News", "Formula 1"), unless the name starts with it.
    for tok in span:
        if tok.ent_type_ in NAME_LABELS and tok.ent_iob_ == "I":
            return True
    # "Pier 7", "Gate 12": a number naming the proper noun right before it.
    root = _anchor(span)
    if (
        match.unit is None
        and first.i > 0
        and root.head.i == first.i - 1
        and root.head.pos_ == "PROPN"
        and root.dep_ in ("nummod", "appos", "npadvmod")
    ):
        return True
    if match.kind == "count" and _is_age_apposition(span):
        return True
    if match.kind == "count":
        before = doc[first.i - 1] if first.i > 0 else None
        # "the two countries", "both": a reference back, not a new count.
        if (
            before is not None
            and before.lower_ in ANAPHORIC_DETS
            and match.value <= 10
            and match.qualifier is None
        ):
            return True
        # A bare small number with nothing counted ("one of them", "two said") is noise.
        if match.value < 2:
            return True
    return False


def _is_age_apposition(span: Span) -> bool:
    """ "Idris Pell, 52, said": an age set off after a name."""
    doc = span.doc
    if span.start < 2 or span.end >= len(doc):
        return False
    before, name, after = doc[span.start - 1], doc[span.start - 2], doc[span.end]
    return (
        before.text == ","
        and after.text in (",", ")", ";")
        and (name.ent_type_ == "PERSON" or name.pos_ == "PROPN")
        and span[0].i > 0
        and len(span) == 1
        and 1 <= (float(span.text) if span.text.isdigit() else 0) < 120
    )


def _is_age(span: Span) -> bool:
    """``a 45-year-old man`` is an age; ``a three-year-old invasion`` a duration."""
    doc = span.doc
    k = span.end
    while k < len(doc) and doc[k].text in ("-", "old"):
        k += 1
    while k < len(doc) and doc[k].pos_ == "ADJ":
        k += 1
    if k >= len(doc):
        return True
    nxt = doc[k]
    return nxt.lemma_.lower() in PERSON_NOUNS or nxt.ent_type_ == "PERSON" or nxt.pos_ in (
        "PROPN", "PUNCT", "PRON",
    )  # fmt: skip


# -- qualifiers and dates -------------------------------------------------------------------
def _clause_verb(tok: Token) -> Token | None:
    """The verb of the clause ``tok`` sits in."""
    seen = 0
    while seen < 12:
        if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return tok
        if tok.head is tok:
            return None
        tok = tok.head
        seen += 1
    return None


def _modal(span: Span) -> str | None:
    """ "could", "may", "would": the figure is a possibility, not a fact."""
    verb = _clause_verb(_anchor(span))
    if verb is None:
        return None
    for child in verb.children:
        if (
            child.dep_ == "aux"
            and child.tag_ == "MD"
            and child.lower_ not in ("will", "'ll", "shall")
        ):
            return child.lower_
    return None


def figure_date(
    sent_start: int,
    sent_end: int,
    offset: int,
    timexes: Iterable[Timex],
    published: str | None,
) -> str | None:
    """The day of the time expression nearest ``offset`` in its sentence, else ``published``."""
    best: tuple[int, str] | None = None
    for tx in timexes:
        if tx.type != "DATE" or not _ISO_DAY.match(tx.value):
            continue
        if tx.start < sent_start or tx.end > sent_end:
            continue
        distance = abs(tx.start - offset)
        if best is None or distance < best[0]:
            best = (distance, tx.value)
    return best[1] if best else published


# -- the measure ----------------------------------------------------------------------------
def _anchor(span: Span) -> Token:
    """The token of the figure that the rest of the sentence attaches to."""
    outside = [t for t in span if not (span.start <= t.head.i < span.end) or t.head is t]
    return outside[-1] if outside else span[-1]


def _counted_noun(span: Span, match: NumberMatch) -> Token | None:
    """The noun the number counts or prices ("countries", "loan"), if any."""
    tok = _anchor(span)
    if match.vague:
        # "hundreds of firefighters", "millions of pounds in aid": the thing after "of"
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                        return obj
        if match.kind == "count":
            k = span.end
            doc = span.doc
            if k + 1 < len(doc) and doc[k].lower_ == "of" and doc[k + 1].pos_ in ("NOUN", "ADJ"):
                noun = doc[k + 1]
                while noun.pos_ == "ADJ" and noun.i + 1 < len(doc):
                    noun = doc[noun.i + 1]
                return noun if noun.pos_ == "NOUN" else None
    for _ in range(4):
        head = tok.head
        if head is tok:
            break
        if head.lemma_.lower() == "worth" and head.head.pos_ in ("NOUN", "PROPN"):
            return head.head  # "a deal worth £30 million"
        if (
            tok.dep_ in ("nummod", "compound", "amod", "nmod", "quantmod", "npadvmod", "dep")
            and head.pos_ in ("NOUN", "PROPN")
            and not (span.start <= head.i < span.end)
        ):
            if head.lemma_.lower() in GENERIC_NOUNS:
                tok = head
                continue
            return head
        break
    if match.kind == "count":
        # The parse may miss "Twenty countries"; take the noun right after the number.
        k = span.end
        doc = span.doc
        while k < len(doc) and k < span.end + 4 and doc[k].pos_ in ("ADJ", "ADV", "CCONJ"):
            k += 1
        if k < len(doc) and doc[k].pos_ == "NOUN" and doc[k].lemma_.lower() not in GENERIC_NOUNS:
            # climb compounds: "20 fighter jets" -> "jets"
            noun = doc[k]
            while noun.dep_ == "compound" and noun.head.i > noun.i and noun.head.pos_ == "NOUN":
                noun = noun.head
            return noun
    return None


def measure_of(span: Span, match: NumberMatch) -> str:
    """What the figure counts, read from its sentence."""
    skip = set(range(span.start, span.end)) | _qualifier_tokens(span, match)
    noun = _counted_noun(span, match)
    if noun is not None:
        skip |= _number_tokens(noun)
        words = _np(noun, skip)
        if (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "of"
            and noun.head.head.lemma_.lower() in COLLECTIVE_NOUNS
        ):
            collective = noun.head.head
            words = _np(collective, skip | {noun.head.i}, with_preps=False) + ["of"] + words
            subject = collective
        else:
            subject = noun
        holder = subject
        # "Officials from 20 countries took part": the countries take part.
        if (
            holder.dep_ == "pobj"
            and holder.head.dep_ == "prep"
            and holder.head.head.dep_ in SUBJECT_DEPS
        ):
            holder = holder.head.head
        if holder.dep_ in SUBJECT_DEPS and holder.head.pos_ in ("VERB", "AUX"):
            words += _predicate(holder.head, skip | set(_subtree_ids(holder)))
        return _finish(words)
    anchor = _anchor(span)
    gov = anchor.head
    # "nine of them needing hospital care": the pronoun says nothing; what they do does.
    partitive = [
        c
        for c in anchor.children
        if c.dep_ == "prep" and c.lower_ == "of" and any(o.pos_ == "PRON" for o in c.children)
    ]
    if partitive:
        skip |= set(_subtree_ids(partitive[0]))
        for child in anchor.children:
            if child.dep_ in ("acl", "relcl") and child.pos_ in ("VERB", "AUX"):
                return _finish(_predicate(child, skip))
        if anchor.dep_ in SUBJECT_DEPS and anchor.head.pos_ in ("VERB", "AUX"):
            return _finish(_predicate(anchor.head, skip | {anchor.i}))
    # "the $300 million the UN asked for": a reduced relative clause says what it is.
    for child in anchor.children:
        if child.dep_ == "relcl" and child.pos_ == "VERB" and child.i > anchor.i:
            doer = _subject(child)
            done = _np(doer, skip, with_preps=False) if doer is not None else []
            return _finish([*done, child.lower_])
    # "kept the peace for 80 years": how long something went on.
    if match.kind == "duration" and anchor.dep_ == "pobj" and gov.dep_ == "prep":
        verb = _clause_verb(gov)
        if verb is not None:
            return _finish(_verb_phrase(verb, skip | set(_subtree_ids(gov))))
    # "take defence spending to 2.5% of GDP", "inflation rose to 3%"
    if anchor.dep_ == "pobj" and gov.dep_ == "prep":
        target = gov.head
        if target.dep_ in ("acl", "relcl") and target.head.pos_ in ("NOUN", "PROPN"):
            # "Volunteers, numbering between 250 and 300"
            return _finish(_np(_specific(target.head), skip | set(_subtree_ids(target))))
        if target.pos_ in ("VERB", "AUX"):
            objects = [
                c
                for c in target.children
                if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and c.i not in skip
            ]
            doer = _subject(target)
            for noun in [*objects, *([doer] if doer is not None else [])]:
                if noun.i in skip:
                    continue
                noun = _specific(noun)
                if noun.lemma_.lower() in GENERIC_NOUNS:
                    # "opened two more clinics, taking the total to six": the clinics
                    totalled = _totalled(target, skip)
                    if totalled:
                        return _finish(totalled)
                words = _np(noun, skip | {gov.i})
                return _finish(words + _noun_clause(noun, skip | set(_subtree_ids(gov))))
            return _finish(_verb_phrase(target, skip | set(_subtree_ids(gov))))
        if target.pos_ in ("NOUN", "PROPN"):
            return _finish(_np(target, skip | set(_subtree_ids(gov))))
    # "40% of voters": the share of something; "£250,000 in emergency funding" (the
    # parser may hang that "in" on the verb: it belongs to the money right before it).
    near = [anchor.head] if anchor.head is not anchor else []
    after = [c for h in near for c in h.children if c.i == span.end and c.lower_ == "in"]
    for child in [*anchor.children, *after]:
        if child.dep_ == "prep" and child.lower_ == "in" and match.kind == "money":
            # "£5m in 2020" is a date, "£250,000 in emergency funding" the money's use
            objs = [
                c
                for c in child.children
                if c.dep_ == "pobj" and c.pos_ == "NOUN" and c.ent_type_ not in ("DATE", "TIME")
            ]
            if objs:
                return _finish(_np(objs[0], skip))
        if child.dep_ == "prep" and child.lower_ == "of":
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return _finish(
                    ["share", "of", *_np(objs[0], skip)]
                    if match.unit == "%"
                    else _np(objs[0], skip)
                )
    verb = _clause_verb(anchor)
    if verb is None:
        return ""
    # "Volunteers, numbering between 250 and 300": the clause describes a noun.
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        return _finish(_np(_specific(verb.head), skip | set(_subtree_ids(verb))))
    # "claims will reach £120 million": the subject is measured.
    if (
        anchor.dep_ in ("dobj", "attr", "npadvmod", "pobj")
        and verb.lemma_.lower() in MEASURING_VERBS
    ):
        measured = _subject(verb)
        if measured is not None and measured.i not in skip:
            return _finish(_np(_specific(measured), skip | set(_subtree_ids(anchor))))
    # The figure is itself the thing: "free up 650 billion euros" -> "free up".
    return _finish(_verb_phrase(verb, skip | set(_subtree_ids(anchor))))


def _totalled(verb: Token, skip: set[int]) -> list[str]:
    """What a "taking the total to six" clause adds up: the main verb's object or goal."""
    if verb.dep_ not in ("advcl", "xcomp", "conj") or verb.head is verb:
        return []
    main = verb.head
    for child in main.children:
        if child.dep_ == "dobj" and child.pos_ == "NOUN" and child.i not in skip:
            words = _np(child, skip | _number_tokens(child) | set(_subtree_ids(verb)))
            return [w for w in words if w.lower() not in ("more", "further", "extra")]
    for child in main.children:
        if child.dep_ == "prep" and child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.pos_ == "NOUN":
                    return _np(obj, skip | set(_subtree_ids(verb)))
    return []


def _subject(verb: Token) -> Token | None:
    """The nominal subject of ``verb``, looking up through "is expected to take"."""
    for _ in range(3):
        for child in verb.children:
            # the tagger can take a plural noun for a verb ("claims"): trust the relation
            if child.dep_ in SUBJECT_DEPS and child.pos_ not in ("PRON", "DET", "NUM"):
                return child
        if verb.dep_ in ("xcomp", "conj", "acomp") and verb.head is not verb:
            verb = verb.head
        else:
            break
    return None


def _specific(noun: Token) -> Token:
    """Past "the number of households" to "households"."""
    if noun.lemma_.lower() in GENERIC_NOUNS:
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                        return obj
    return noun


def _qualifier_tokens(span: Span, match: NumberMatch) -> set[int]:
    if match.qualifier_start is None:
        return set()
    doc = span.doc
    return {t.i for t in doc[max(0, span.start - 4) : span.start] if t.idx >= match.qualifier_start}


def _number_tokens(noun: Token) -> set[int]:
    out: set[int] = set()
    for child in noun.children:
        if child.dep_ in ("nummod", "quantmod", "det") or child.like_num:
            out |= set(_subtree_ids(child))
    return out


def _subtree_ids(tok: Token) -> list[int]:
    return [t.i for t in tok.subtree]


def _np(noun: Token, skip: set[int], with_preps: bool = True) -> list[str]:
    """The noun with its modifiers, and its first prepositional phrase."""
    ids: set[int] = {noun.i}
    for child in noun.lefts:
        if child.dep_ in NP_LEFT_DEPS and child.i not in skip:
            ids |= {t.i for t in child.subtree if t.i not in skip}
    if with_preps:
        preps = [c for c in noun.rights if c.dep_ == "prep"]
        # "approved a loan to Tarrow": the parser may hang the phrase on the verb;
        # one that follows the object directly belongs to it.
        if not preps and noun.dep_ == "dobj":
            preps = [
                c for c in noun.head.rights if c.dep_ == "prep" and c.i == noun.right_edge.i + 1
            ]
        for child in preps:
            if child.lower_ in NP_PREPS and child.i not in skip:
                pp = [t.i for t in child.subtree if t.i not in skip]
                if len(pp) <= 7 and not _is_time_phrase(child):
                    ids |= set(pp)
            break
    return _words(noun.doc, ids)


def _noun_clause(noun: Token, skip: set[int]) -> list[str]:
    """A participle clause on the noun: "households [forced out by the floods]"."""
    for child in noun.rights:
        if child.dep_ in ("acl",) and child.i not in skip and child.tag_ in ("VBN", "VBG"):
            return [child.text] + _words(noun.doc, {
                t.i for c in child.children if c.dep_ == "prt" and c.i not in skip
                for t in c.subtree
            })  # fmt: skip
    return []


_TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "yesterday", "tomorrow", "tonight", "week", "weekend", "month", "year", "morning",
    "afternoon", "evening", "night", "day", "hour", "january", "february", "march", "april",
    "may", "june", "july", "august", "september", "october", "november", "december",
}  # fmt: skip


def _is_time_phrase(prep: Token) -> bool:
    """ "on Wednesday", "in March": the date goes in ``Figure.date``, not the measure.

    The tagger's DATE alone is not trusted: it takes some unknown names for dates.
    """
    return any(
        t.ent_type_ in ("DATE", "TIME") and (t.like_num or t.lower_.rstrip("s") in _TIME_WORDS)
        for t in prep.subtree
    )


def _predicate(verb: Token, skip: set[int]) -> list[str]:
    """What the subject does, as a participle phrase: "taking part in talks"."""
    passive = any(c.dep_ == "auxpass" for c in verb.children) or verb.tag_ == "VBN"
    form = verb.text.lower() if passive else gerund(verb.lemma_.lower())
    if verb.lemma_ == "be":
        return []
    words = [form]
    ids: set[int] = set()
    for child in verb.rights:
        if child.i in skip:
            continue
        if child.dep_ in ("prt", "dobj", "attr", "acomp", "oprd") and not ids.intersection(
            _subtree_ids(child)
        ):
            sub = [t.i for t in child.subtree if t.i not in skip]
            if child.dep_ == "dobj":
                sub = [i for i in sub if i in set(_np_ids(child, skip))]
            ids |= set(sub)
        elif child.dep_ in ("prep", "agent") and not _is_time_phrase(child):
            pp = [t.i for t in child.subtree if t.i not in skip]
            if len(pp) <= 6:
                ids |= set(pp)
            break
    return words + _words(verb.doc, ids)


def _np_ids(noun: Token, skip: set[int]) -> list[int]:
    ids = {noun.i}
    for child in noun.lefts:
        if child.dep_ in NP_LEFT_DEPS | {"det"} and child.i not in skip:
            ids |= {t.i for t in child.subtree}
    for child in noun.rights:
        if child.dep_ == "prep" and child.lower_ in NP_PREPS:
            pp = [t.i for t in child.subtree]
            if len(pp) <= 5:
                ids |= set(pp)
            break
    return sorted(ids)


# "16 remain missing": the state is the measure, the linking verb says nothing.
LINKING_VERBS = {"be", "remain", "stay", "seem", "appear"}


def _verb_phrase(verb: Token, skip: set[int]) -> list[str]:
    # "11 are missing", "were evacuated": the participle is the state, not its lemma
    be = any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "be" for c in verb.children)
    words = [verb.lower_ if be and verb.tag_ in ("VBG", "VBN") else verb.lemma_.lower()]
    ids = {c.i for c in verb.children if c.dep_ == "prt" and c.i not in skip}
    for child in verb.rights:
        if child.i in skip:
            continue
        if child.dep_ in ("acomp", "oprd"):  # "remain missing", "are unaccounted for"
            ids |= {t.i for t in child.subtree if t.i not in skip}
            if verb.lemma_.lower() in LINKING_VERBS:
                words = []
            break
        if child.dep_ == "dobj" and child.pos_ in ("NOUN", "PROPN"):
            ids |= set(_np_ids(child, skip))
            break
        if child.dep_ == "prep" and not _is_time_phrase(child):
            pp = [t.i for t in child.subtree if t.i not in skip]
            if len(pp) <= 5:  # "run out of weapons"
                ids |= set(pp)
            break
    return words + _words(verb.doc, ids)


def _words(doc: Doc, ids: Iterable[int]) -> list[str]:
    out = []
    for i in sorted(ids):
        tok = doc[i]
        if tok.dep_ == "det" and tok.lower_ in ("a", "an", "the", "this", "that", "these", "those"):
            continue
        if tok.tag_ == "PRP$":
            continue  # "their military spending" -> "military spending"
        if tok.is_punct and tok.text not in ("-", "’s", "'s"):
            continue
        out.append(tok.text)
    return out


_DANGLING = {
    "in", "of", "to", "for", "from", "on", "at", "with", "and", "or", "by", "’s", "'s", "as",
    "into", "against",
}  # fmt: skip


def _finish(words: list[str]) -> str:
    words = words[:MAX_MEASURE_WORDS]
    while words and words[-1].lower() in _DANGLING:
        words.pop()  # a phrase cut short (or names stripped from the page)
    text = " ".join(words)
    text = re.sub(r"\s+(['’]s)\b", r"\1", text)
    text = re.sub(r"\s*-\s*", "-", text)
    return text.strip(_QUOTE_CHARS + " ").replace("“", "").replace("”", "")


def gerund(lemma: str) -> str:
    """``take`` -> ``taking``, ``join`` -> ``joining``, ``plan`` -> ``planning``."""
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith(("ee", "ye", "oe")) and len(lemma) > 2:
        return lemma[:-1] + "ing"
    vowel_groups = re.findall(r"[aeiou]+", lemma)
    if (
        len(vowel_groups) == 1
        and re.search(r"[^aeiou][aeiou][^aeiouwxy]$", lemma)
        and len(lemma) <= 5
    ):
        return lemma + lemma[-1] + "ing"
    return lemma + "ing"
