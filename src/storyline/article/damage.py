"""Spans of cleaned text where names were visibly stripped out of the page.

Scrapers that drop links or tagged entities leave grammar with holes in it:
``the war between and .``, ``troops in as efforts``, ``to secure ‘s skies``,
``has said it would not accept`` at the start of a sentence. Each rule below
looks for one shape of hole using surface patterns only (no parser), so it is
cheap and predictable; each is written to stay quiet on the ordinary English it
resembles (``in as little as``, ``to and fro``, ``He has said``, ``Kyiv’s``).

A :class:`~storyline.model.Damage` span covers the words on both sides of the
gap, and its reason names the word the missing name should follow or precede.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from storyline.model import Damage


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A word: letters/digits with inner apostrophes or hyphens ("Kyiv’s", "three-year").
_WORD = r"[^\W_](?:[\w’'\-]*[^\W_])?"

# Prepositions that need an object: a name stripped after one leaves it hanging.
PREPOSITIONS = _words(
    """in into to with between from against for at on of by under towards toward about
    across within among amongst near over through via including like versus onto upon
    beside besides alongside inside outside throughout despite"""
)
# Words that cannot open the object of a preposition.
# Only true modals: "be/have" forms follow stranded prepositions in pseudo-clefts
# all the time ("what I have a problem with is").
MODALS = _words("would could will can should may might must shall")
# Prepositions that are rarely stranded before an auxiliary ("the country he lives
# in is" is caught by PARTICLE_VERBS); "about/to/for/of are" are stranded too often.
MODAL_PREPOSITIONS = _words(
    "in into with between from against at by under towards toward across within"
)
# "dockers at have now been": a perfect auxiliary straight after one of these
# prepositions, when the word before is no verb that strands it ("looked at has").
PERFECT_AUXILIARIES = _words("have has had")
# Idioms where a "modal" is a noun: "at will".
NOUN_MODALS = frozenset({("at", "will"), ("against", "will")})
CONJUNCTIONS = frozenset({"and", "or", "but", "nor"})
# "in and around", "to and fro", "with or without": a conjunction joining two particles.
PARTICLES = PREPOSITIONS | _words(
    """out off fro large around after before above below behind beyond up down back forth
    without near inside outside again"""
)
# Comparatives and set phrases that legitimately follow "in/to/with/for as".
AS_FOLLOWERS = _words(
    """many much little few far soon long short good great well large small high low
    early late quickly fast recently often"""
)
# Verbs whose particle may be followed by "as" or an auxiliary: "sworn in as",
# "referred to as", "what he stood for was". Checked on the word before the preposition.
PARTICLE_VERBS = _words(
    """refer refers referring alluded known sworn swear swears came come comes coming
    step steps went go goes going log logs put puts set sets stay stays stand stands stood
    standing bring brings brought sign signs grew grow grows live lives believe believes
    work works look looks deal dealt talk talks vote votes ask asks care cares hope hopes
    pay paid account accounts apply applies rely relies wait waits fight fights fought
    belong belongs listen listens call calls agree agrees argue argues think thinks thought
    know knows knew get gets got run runs ran turn turns sit sits sat serve serves be been
    is was are were off up out down back away met spoke dealt referred stepped voted
    ushered signed logged checked moved joined phased factored kicked chipped pitched
    weighed waded locked filled stayed kept took taken point points pointed pointing
    looked looking turned turning returned return pour pours poured pouring roll rolls
    rolled flood floods flooded sink sinks sank sunk kick kicks give gives gave giving
    cave caves caved weigh weighs dig digs dug tune tuned fit fits rake raked rein reined
    usher ushers lock locks filter filters trickle trickles break breaks broke entitled
    him her them it me us you"""
)
# Prepositions after which "as" must open a comparative ("in as little as") or
# follow a particle verb ("sworn in as"); "over as", "including as" are left out
# because "took over as chairman", "roles including as adviser" are ordinary.
AS_PREPOSITIONS = _words("in into to with between from against at of by for")
# Lowercase words that cannot open a sentence: the subject before them was stripped.
SUBJECTLESS = _words(
    """has have had is are was were will would could can should may might must shall
    said says told tells added adds also and or but did does"""
)
# Subordinators after which a clause needs a subject; "when/if/once/as" are left out
# because reduced clauses are normal there ("when asked the question").
SUBORDINATORS = _words("after before because since although though until unless whereas")
# Words that cannot end a clause: a gap after them before punctuation is a hole.
HOLE_WORDS = PREPOSITIONS | CONJUNCTIONS | _words("the a an than as")
# A preposition (or "after/before") then "and" then one of these: "comes after and
# other unions": the conjunction's first conjunct, a name, is gone. Determiners are
# left out: a stranded preposition ends a clause before "and the" too often ("the
# world we live in and the reason").
CONJUNCT_OPENERS = _words("other others several fellow")
PAIR_LEFT = PREPOSITIONS | _words("after before")
SINCE_ADVERB = _words("has have had long ever having")
DETERMINERS = _words("a an the his her its their this that these those to")
# Tokens ending in "." that do not end a sentence.
ABBREVIATIONS = _words(
    """mr mrs ms dr st gen sen rep gov lt col sgt capt prof jr sr inc corp co ltd no vs
    etc jan feb aug sept oct nov dec approx mt ft ave rd e.g i.e sens reps govs"""
)
# US state abbreviations as AP style writes them ("(D-Md.)", "Pa., Md. and Del."),
# compared case-sensitively so "miss." or "wash." at a sentence end are not taken.
STATE_ABBREVIATIONS = _words(
    """Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss
    Mo Mont Neb Nev Okla Ore Pa Tenn Tex Va Vt Wash Wis Wyo"""
)


def _alternation(words: frozenset[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


# Every pattern starts from a rare anchor (a space before punctuation, an orphan
# "’s", a preposition before a function word) so a clean text is scanned quickly.
# Only after a word that needs something after it ("and ,", "with ."): a space before
# punctuation after a content word ("victims .") is a typo, not a missing name.
_SPACE_PUNCT = re.compile(
    rf"(?<![\w’'\-])(?P<word>{_alternation(HOLE_WORDS)})[ \t]+(?P<punct>[.,;:])"
    r"(?![.\d]|[ \t]+\.)"
)
# A title with its holder's name cut out: "Transport Secretary , who flew".
TITLES = _words(
    """Secretary Minister President Chancellor Ambassador Governor Mayor Senator Premier
    Commissioner Chairman Chairwoman Spokesman Spokeswoman Director General Admiral"""
)
_TITLE_PUNCT = re.compile(
    rf"(?<![\w’'\-])(?P<word>{_alternation(TITLES)})[ \t]+(?P<punct>[.,;:])(?![.\d])"
)
# "’s" after a space or at a line start; "D.C.’s" and "Kyiv’s" are glued to their owner.
_POSSESSIVE = re.compile(r"(?:(?<=\s)|^)(?P<poss>[‘’']s)\b(?![‘’'\-–—*])", re.MULTILINE)
_PREV_WORD = re.compile(rf"(?P<prev>{_WORD}[,;:]?)[ \t]+$")
_PAIR = re.compile(
    rf"(?<![\w’'\-])(?P<left>{_alternation(PAIR_LEFT)})[ \t]+"
    rf"(?=(?P<right>{_alternation(MODALS | PERFECT_AUXILIARIES | CONJUNCTIONS | {'as'})})\b)"
)
_SENTENCE_START = re.compile(
    rf"(?:^|(?<!\.)(?P<end>[.!?])[ \t]+)(?P<word>{_alternation(SUBJECTLESS)})\b", re.MULTILINE
)
_SUBORDINATE = re.compile(
    rf"(?<![\w’'\-])(?P<sub>(?i:{_alternation(SUBORDINATORS)}))[ \t]+(?P<verb>[a-z]+ed)"
    rf"[ \t]+(?P<det>(?i:{_alternation(DETERMINERS)}))\b"
)


def find_damage(text: str) -> list[Damage]:
    """Every span of ``text`` that looks like a name was stripped out, merged."""
    found = sorted(_candidates(text), key=lambda d: (d.start, d.end))
    merged: list[Damage] = []
    for item in found:
        last = merged[-1] if merged else None
        if last is not None and item.start <= last.end:
            last.end = max(last.end, item.end)
            if item.reason not in last.reason.split("; "):
                last.reason = f"{last.reason}; {item.reason}"
        else:
            merged.append(Damage(item.start, item.end, item.reason))
    return merged


def _candidates(text: str) -> Iterator[Damage]:
    yield from _space_before_punctuation(text)
    yield from _orphan_possessives(text)
    yield from _hanging_prepositions(text)
    yield from _subjectless_sentences(text)
    yield from _subjectless_clauses(text)


def _space_before_punctuation(text: str) -> Iterator[Damage]:
    # Edited copy never puts a space before a full stop or comma; a stripped
    # name at the end of a clause leaves exactly that ("between and .").
    for m in _SPACE_PUNCT.finditer(text):
        word = m.group("word")
        yield Damage(m.start(), m.end(), f"name missing after '{word}'")
    for m in _TITLE_PUNCT.finditer(text):
        yield Damage(m.start(), m.end(), f"name missing after the title '{m.group('word')}'")


def _orphan_possessives(text: str) -> Iterator[Damage]:
    # "’s" must be glued to its owner; after a space or at a line start the
    # owner is gone ("to secure ‘s skies", "But ’s Foreign Minister").
    for m in _POSSESSIVE.finditer(text):
        prev = _PREV_WORD.search(text, max(0, m.start() - 40), m.start())
        start = prev.start() if prev is not None else m.start("poss")
        yield Damage(start, m.end("poss"), f"name missing before '{m.group('poss')}'")


def _hanging_prepositions(text: str) -> Iterator[Damage]:
    # A preposition directly followed by a word that cannot open its object.
    for m in _PAIR.finditer(text):
        left, right = m.group("left"), m.group("right")
        end = m.end("right")
        after = _next_word(text, end)
        before = _previous_word(text, m.start("left"))
        bad = False
        modal = right in MODALS or right in PERFECT_AUXILIARIES
        if modal and left in MODAL_PREPOSITIONS and (left, right) not in NOUN_MODALS:
            bad = before not in PARTICLE_VERBS and not _verb_form(before)
        elif right == "as" and left in AS_PREPOSITIONS:
            bad = (
                after not in AS_FOLLOWERS
                and _next_word(text, end, skip=1) != "as"
                and before not in PARTICLE_VERBS
            )
        elif right in CONJUNCTIONS:
            # "between and Kyiv": the conjunction joins a missing name to a present
            # one; "in and around", "to and fro" join particles and are fine.
            nxt = _next_token(text, end)
            bad = nxt in {".", ",", ";", ":"} or (
                # "comes after": "after" is no particle a verb strands before "and".
                nxt in CONJUNCT_OPENERS
                and (before not in PARTICLE_VERBS or left in {"after", "before"})
            ) or (
                nxt[:1].isupper()
                and re.fullmatch(r"I(?:[’'][a-z]+)?", nxt) is None
                and nxt.lower() not in PARTICLES
            )
        if bad:
            yield Damage(m.start("left"), end, f"name missing after '{left}'")


def _subjectless_sentences(text: str) -> Iterator[Damage]:
    for m in _SENTENCE_START.finditer(text):
        word = m.group("word")
        end = m.start("end")
        if m.group("end") and (_is_abbreviation(text, end) or text[end - 2 : end] == ". "):
            continue  # "U.S. has", or the last dot of a spaced ellipsis ". . . and"
        yield Damage(m.start("word"), m.end("word"), f"subject missing before '{word}'")


def _subjectless_clauses(text: str) -> Iterator[Damage]:
    # "after proposed a truce": a finite verb straight after a subordinator.
    for m in _SUBORDINATE.finditer(text):
        sub = m.group("sub")
        before = _previous_word(text, m.start("sub"))
        if before in SINCE_ADVERB or before.endswith(("’s", "'s", "’ve", "'ve", "’d", "'d")):
            continue  # "has since moved to", "long since apologised to": an adverb
        yield Damage(m.start("sub"), m.end("verb"), f"subject missing after '{sub}'")


def _verb_form(word: str) -> bool:
    return len(word) > 4 and word.endswith(("ed", "ing", "en"))


def _previous_word(text: str, index: int) -> str:
    m = re.search(rf"({_WORD})[ \t]+$", text[max(0, index - 40) : index])
    return m.group(1).lower() if m else ""


def _next_token(text: str, index: int) -> str:
    m = re.match(rf"[ \t]+({_WORD}|[^\w\s])", text[index : index + 40])
    return m.group(1) if m else ""


def _next_word(text: str, index: int, skip: int = 0) -> str:
    words = re.findall(_WORD, text[index : index + 60])
    return words[skip].lower() if len(words) > skip else ""


def _is_abbreviation(text: str, period: int) -> bool:
    if text[period] != ".":
        return False
    m = re.search(r"([\w.]+)$", text[max(0, period - 12) : period])
    if m is None:
        return False
    token = m.group(1)
    if (len(token) == 1 and token.isupper()) or token in STATE_ABBREVIATIONS:
        return True  # a middle initial ("Charles G. and David H. Koch") or "Md."
    # "U.S.", "p.m.": letters with inner periods never end a sentence here.
    low = token.lower()
    return low in ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)+[a-z]", low) is not None
