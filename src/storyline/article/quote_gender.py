"""The gender an article gives a person, for choosing a pronoun's antecedent.

"She said" is not said by Frank Fiorina. The evidence, in order: the article's
own honorifics (``Mr. Trump``, ``Mrs. Clinton``), a short list of common first
names whose gender English news readers take for granted (names used for both,
like Jordan or Leslie, are left out), and the article's own usage: the he or she
that follows the person's name, as a subject, in the same sentence with nobody
else named in between (``Marta Kellan said she ...``). No evidence, no gender: a pronoun may
then refer to anyone.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from typing import TYPE_CHECKING

from storyline import knowledge as kb
from storyline.article.quote_subjects import word_set
from storyline.model import EntityMention

if TYPE_CHECKING:
    from spacy.tokens import Doc

_MALE_NAMES = word_set(
    """aaron adam alan albert alexander andrew anthony antonin arnold barack ben benjamin
    bernie bill billy bob bobby brian bruce carl charles chris christopher chuck colin craig
    dan daniel dave david dennis donald doug douglas ed edward eric frank fred gary george
    gerald greg gregory harold harry henry howard jack jacob james jared jason jeb jeff
    jeffrey jerry jim jimmy joe joel john johnny jonathan joseph josh joshua keith ken kenneth
    kevin larry lawrence marco mark martin matt matthew michael mike mitch mitt
    nathan neil nicholas nick patrick paul peter phil philip ralph randy raymond reince
    richard rick rob robert roger ron ronald rudy russell ryan samuel scott sean stephen
    steve steven ted terry thomas tim timothy todd tom tony vladimir walter wayne william
    willie"""
)
_FEMALE_NAMES = word_set(
    """abigail alice alison amanda amy andrea angela ann anna anne barbara betty beverly
    brenda carly carol caroline catherine cheryl christina christine claire cynthia debbie
    deborah debra diana diane donna dorothy elizabeth ellen emily emma evelyn frances gloria
    hannah heather helen hillary huma ivanka jane janet jennifer jessica jill joan joanne
    judith judy julia julie karen kate katherine kathleen kathy kellyanne laura lauren
    linda lisa lois loretta lori louise margaret maria marie marilyn martha mary megyn
    melania melissa michelle mika nancy nicole nikki pamela patricia paula rachel rebecca
    rose ruth sally samantha sandra sara sarah sharon shirley stephanie susan teresa theresa
    tina valerie victoria virginia wendy"""
)
_PRONOUN_RE = re.compile(r"\b(he|him|his|she|her|hers)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def first_name_gender(name: str) -> str:
    """ "m", "f" or "" for a full name's first word (``Frank Fiorina`` -> "m")."""
    words = name.split()
    if len(words) < 2:
        return ""
    first = words[0].rstrip(".").lower()
    if first in _MALE_NAMES:
        return "m"
    if first in _FEMALE_NAMES:
        return "f"
    return ""


def cluster_genders(
    mentions: list[EntityMention], text: str, doc: Doc | None = None
) -> dict[int, str]:
    """Cluster -> "m"/"f" for the people the article gives a gender: honorifics
    (counting twice), first names, and the article's own he/she after the name
    where the name is a subject (with ``doc``; "Smith said she ...", not
    "Smith's plan, she said"). A cluster whose evidence disagrees (two people
    merged, a pronoun about someone else) gets a gender only when one side
    outweighs the other three to one."""
    people = [m for m in mentions if m.cluster >= 0 and m.label == "PERSON" and m.kind == "name"]
    votes: dict[int, Counter[str]] = {}
    starts = sorted(m.start for m in people)
    for m in people:
        honorific = kb.HONORIFICS.get(m.text.split(" ", 1)[0].lower().rstrip("."), "")
        usage = _next_pronoun(text, m, starts) if _is_subject(doc, m) else ""
        for g, weight in ((honorific, 2), (first_name_gender(m.text), 1), (usage, 1)):
            if g:
                votes.setdefault(m.cluster, Counter())[g] += weight
    out: dict[int, str] = {}
    for cluster, counts in votes.items():
        (top, n), *rest = counts.most_common()
        if not rest or n >= 3 * rest[0][1]:
            out[cluster] = top
    return out


def _is_subject(doc: Doc | None, m: EntityMention) -> bool:
    if doc is None:
        return True
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def _next_pronoun(text: str, m: EntityMention, starts: list[int]) -> str:
    """The gender of the first he/she after a name in its sentence, when no other
    name comes between and it is not inside quote marks."""
    end = _SENTENCE_END.search(text, m.end)
    stop = end.start() if end else len(text)
    found = _PRONOUN_RE.search(text, m.end, min(stop, m.end + 150))
    if found is None:
        return ""
    i = bisect_left(starts, m.end)
    if i < len(starts) and starts[i] < found.start():
        return ""
    between = text[m.end : found.start()]
    if any(c in between for c in "\"“”"):
        return ""
    return kb.PRONOUN_GENDER.get(found.group(1).lower(), "")
