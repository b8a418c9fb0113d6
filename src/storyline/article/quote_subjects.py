"""The parse layer of quote attribution: which tokens are quoted, which verbs
report speech, and who is the subject of a speech verb.

:func:`speaker_of` climbs participles, infinitives and conjuncts (``..., adding
that``, ``was prompted to say``), takes the agent of a passive, the maker of a
statement (``issued a statement saying``, ``an email sent by X warned``), and
lets a subject the parser took from another paragraph (a headline run into the
lead) give way to the name in the verb's own paragraph. :func:`speaker_for`
adds ``according to X`` and a name set off after the verb (``..., said Michael
Kofman, an expert, ...``). The cue finders are in :mod:`quote_speakers`.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline import knowledge as kb
from storyline.article.quote_marks import QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

def word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Lemmas of verbs that report speech or writing (tuned on PolNeAR train cues).
SPEECH_VERBS = word_set(
    """say tell add insist urge admit declare claim argue note write tweet post explain warn
    ask reply respond answer announce state suggest continue conclude complain acknowledge
    concede promise vow pledge predict deny praise criticize criticise slam blast label dub
    brand joke quip recall report confirm contend maintain stress emphasize emphasise assert
    boast lament mock remark reveal shout testify wonder yell call describe accuse charge
    thank tout scoff sneer chant read echo agree disagree observe point put quote recount
    retort muse opine counter caution cite mention comment decry denounce dismiss condemn
    demand plead pray proclaim reiterate repeat scream sing snap whisper grumble laud hail
    applaud characterize characterise term refer insist interject interrupt concur object
    protest reason rebut rejoin relate reassure assure inform advise announce believe think
    feel tease taunt jab rip chide hit lash attack fire crack riff exhort gush fume rail
    scold marvel lecture vent chime rave rant bemoan lament gloat speculate surmise theorize
    reckon figure guess estimate discuss question grouse gripe snipe indicate email exclaim
    confide allude assail"""
)
# Verbs of saying proper, which attribute what they govern more surely than
# verbs of agreeing, calling or believing.
SAYING = word_set(
    """say tell add insist write tweet post explain warn reply respond answer announce state
    declare claim argue note acknowledge admit concede stress emphasize assert continue
    conclude"""
)
# Verbs that take the quoted words as a name or description only with a speaker subject:
# "a group called “X”" has none and is a name, "Trump called him “X”" is a quote.
NAMING_VERBS = word_set("call dub label brand term name title nickname describe refer")
# Nouns for a statement: its maker is the speaker ("issued a statement saying").
SPEECH_NOUNS = word_set(
    """statement release ad advertisement letter tweet post message memo email video editorial
    piece website sign column op-ed mailer flyer note announcement"""
)
PRONOUNS = word_set("he she they it i we you him her them")
_NAMED = word_set("PERSON ORG GPE NORP")
SENTENCE_END = frozenset(".!?")
NOT_SPEAKER_ENTS = word_set("DATE TIME CARDINAL ORDINAL PERCENT MONEY QUANTITY")


@dataclass(frozen=True)
class Cue:
    """The words that attribute a quote and the token naming its speaker (if any)."""

    text: str
    start: int  # char offsets of the cue words
    end: int
    speaker: Token | None
    how: str  # "syntax", "near", "colon", "previous-colon"


def tokens_between(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


class QuoteMap:
    """The quoted stretches of one parsed article, with a per-token lookup.

    A token is quoted when its middle lies inside a stretch, so a word glued to
    its mark (``“We``, ``”Clinton``) falls on the right side of it.
    """

    def __init__(self, doc: Doc, spans: list[QuoteSpan], text: str | None = None) -> None:
        self.doc = doc
        # Doc.text rebuilds the string on every call: keep it once.
        self.text = doc.text if text is None else text
        self.spans = spans
        self.mask = bytearray(len(doc))
        self.named: set[int] = set()
        self._starts = [q.start for q in spans]
        for q in spans:
            inner = doc.char_span(q.start, q.end, alignment_mode="expand")
            if inner is None:
                continue
            for tok in inner:
                if q.start <= tok.idx + len(tok.text) / 2 < q.end:
                    self.mask[tok.i] = 1

    def quoted(self, token: Token) -> bool:
        return bool(self.mask[token.i])

    def mark_named(self, start: int, end: int) -> None:
        """Record an entity mention's span (names and titles can be speakers)."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            self.named.update(range(span.start, span.end))

    def is_named(self, token: Token) -> bool:
        return token.i in self.named or token.ent_type_ in _NAMED

    def quoted_at(self, offset: int) -> bool:
        """Whether a character offset lies inside a stretch or its marks."""
        i = bisect_right(self._starts, offset) - 1
        return any(q.open_at <= offset < q.close_end for q in self.spans[max(0, i) : i + 2])


_NOT_SUBJECTS = frozenset({"ADP", "DET", "ADV", "CCONJ", "SCONJ", "PUNCT", "NUM"})


def speaker_of(verb: Token, qmap: QuoteMap) -> Token | None:
    """The subject of a speech verb, outside quote marks; climbs participles,
    infinitives and conjuncts (``..., adding that``, ``said and added``, ``was
    prompted to say``, ``went so far as to say``) to the verb whose subject it is,
    and from a statement to who made it (``issued a statement saying``)."""
    subject = _subject_of(verb, qmap)
    if subject is not None and subject.lemma_.lower() in SPEECH_NOUNS:
        maker = _maker_of(subject, qmap)
        if maker is not None:
            return maker
    return subject


def _maker_of(noun: Token, qmap: QuoteMap) -> Token | None:
    """``Rubio's campaign sent out a press release saying``, ``a fundraising email
    sent out by Sanders warned``: who issued the statement."""
    head = noun.head
    if noun.dep_ in ("dobj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        for child in head.children:
            if child.dep_ == "nsubj" and not qmap.quoted(child) and child.pos_ not in _NOT_SUBJECTS:
                return relative(child)
        before = noun.doc[head.i - 1] if head.i > 0 else None
        if (
            before is not None
            and before.pos_ == "PROPN"
            and before.ent_type_ in ("ORG", "PERSON", "NORP", "GPE")
            and not any(c.dep_ == "nsubj" for c in head.children)
            and not qmap.quoted(before)
        ):
            # "Black Lives Matter issued a statement saying" with the name
            # misparsed as a modifier: the name right before the verb issued it.
            return before
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            agent = agent_of(child)
            if agent is not None and not qmap.quoted(agent):
                return agent
    return None


def _subject_of(verb: Token, qmap: QuoteMap) -> Token | None:
    node = verb
    climbed = False
    for _ in range(6):
        passed_over = False
        # The subject nearest the verb ("Referencing Macron, Starmer added" is
        # sometimes parsed with two).
        subjects = sorted(
            (
                c
                for c in node.children
                if c.dep_ in ("nsubj", "nsubjpass")
                and not qmap.quoted(c)
                and c.pos_ not in _NOT_SUBJECTS
                # "Saturday at the convention Sen. Warren said": a misparse
                # ("22 percent say" is a fair subject).
                and c.ent_type_ not in ("DATE", "TIME")
            ),
            key=lambda c: abs(c.i - node.i),
        )
        for child in subjects:
            if child.dep_ == "nsubjpass":
                if climbed or node.lemma_ in ("quote", "cite"):
                    # "X was quoted as saying", "X was joined by Y and joked": the
                    # shared subject, not the agent of the first verb.
                    return child
                # "Rubio was asked by moderator Gerard Baker “...”": the one
                # asked does not say the question; the asker does, if named.
                agent = agent_of(node)
                if agent is not None:
                    return agent
                continue
            subject = relative(child)
            if climbed and verb.tag_ == "VBG" and subject.lower_ in ("it", "there"):
                # "It was a potent punch, as Mrs. Clinton echoed the criticism,
                # saying ...": a dummy subject speaks for nobody; the clause
                # the participle follows has the speaker.
                inner = _clause_subject_before(node, verb, qmap)
                if inner is not None:
                    return inner
            if not _same_paragraph(subject, node, qmap.text):
                # The parser ran a sentence over a paragraph break (a headline
                # glued to the lead): only the part of the subject in the
                # verb's own paragraph can be its speaker.
                inside = _part_in_paragraph(subject, node, qmap)
                if inside is None:
                    continue
                subject = inside
            if (
                climbed
                and verb.tag_ == "VBG"
                and subject.pos_ == "NOUN"
                and not qmap.is_named(subject)
            ):
                # "Starmer insisted plans were in motion, saying ...": the
                # participle belongs to the clause above "plans were".
                if node.dep_ not in ("ccomp", "conj"):
                    # At the top, a person noun is who says it ("her aide
                    # rallied supporters, saying:"); a thing is not.
                    return subject if person_noun(subject) else None
                passed_over = True
                break
            return subject
        if not passed_over:
            agent = agent_of(node) if not climbed else None
            if agent is not None:
                return agent
            head = node.head
            if (
                not climbed
                and node.dep_ in ("relcl", "acl")
                and head.i < node.i
                and head.pos_ == "PROPN"
                and head.ent_type_ == "PERSON"
                and not qmap.quoted(head)
            ):
                # "Speaker Paul D. Ryan, the nation's highest-ranking Republican,
                # on Tuesday called ... “racist”" parsed as a clause on "Ryan".
                return head
            if node.dep_ not in (
                "advcl",
                "xcomp",
                "conj",
                "acl",
                "pcomp",
                "prep",
                "pobj",
                "advmod",
            ):
                return None
        head = node.head
        if node.dep_ == "acl" and head.lemma_.lower() in SPEECH_NOUNS:
            # "Trump issued a statement saying": the statement's maker.
            return _maker_of(head, qmap)
        if head.i == node.i or (node.dep_ == "acl" and head.pos_ not in ("VERB", "AUX")):
            return None
        node = head
        climbed = True
    return None


def _clause_subject_before(node: Token, verb: Token, qmap: QuoteMap) -> Token | None:
    """The subject of the last adverbial clause of ``node`` between it and ``verb``."""
    for clause in sorted(
        (c for c in node.children if c.dep_ == "advcl" and node.i < c.i < verb.i),
        key=lambda c: -c.i,
    ):
        for c in clause.children:
            if c.dep_ == "nsubj" and not qmap.quoted(c) and c.pos_ in ("PROPN", "NOUN", "PRON"):
                return relative(c)
    return None


def person_noun(token: Token) -> bool:
    """A common noun for a person or a group of people: ``aide``, ``woman``."""
    lemma = token.lemma_.lower()
    return lemma in kb.ROLE_HEADS or lemma in kb.PERSON_NOUNS


def _same_paragraph(a: Token, b: Token, text: str) -> bool:
    lo, hi = sorted((a.idx, b.idx))
    return "\n" not in text[lo:hi]


def _part_in_paragraph(subject: Token, verb: Token, qmap: QuoteMap) -> Token | None:
    """The name in ``subject``'s phrase nearest the verb, in the verb's own
    paragraph (``The Latest ... \n\n Donald Trump has said``); first the name
    just before the verb (``..., former president Bill Clinton said``), whatever
    the parser hung it on."""
    para_start = qmap.text.rfind("\n", 0, verb.idx) + 1
    doc = verb.doc
    j = verb.i - 1
    while j > 0 and doc[j].pos_ in ("ADV", "AUX", "PART"):
        j -= 1
    near = doc[j]
    if (
        near.idx >= para_start
        and near.pos_ == "PROPN"
        and near.ent_type_ == "PERSON"
        and not qmap.quoted(near)
    ):
        return near
    names = [
        t
        for t in subject.subtree
        if para_start <= t.idx < verb.idx
        and not qmap.quoted(t)
        and (t.pos_ == "PROPN" or qmap.is_named(t))
        and t.ent_type_ not in NOT_SPEAKER_ENTS
        and "pobj" not in (t.dep_, t.head.dep_)  # "Tuesday in New York City"
    ]
    return names[-1] if names else None


def agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def relative(token: Token) -> Token:
    """``who``/``that`` as a subject stands for the noun its clause hangs on."""
    if token.lower_ in ("who", "that", "which") and token.head.dep_ == "relcl":
        return token.head.head
    return token


def _according_to(token: Token) -> Token | None:
    if token.lower_ != "according":
        return None
    for child in token.children:
        if child.lower_ == "to":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    if nxt is not None and nxt.lower_ == "to":
        for obj in nxt.children:
            if obj.dep_ == "pobj":
                return obj
    return None


def _cue_text(verb: Token) -> tuple[str, int, int]:
    """The verb with its particle and a recipient: "told reporters", "pointed out"."""
    parts = [verb]
    for child in verb.children:
        if child.dep_ == "prt" or (
            child.dep_ in ("dobj", "dative")
            and verb.lemma_ == "tell"
            and child.lower_ in ("reporters", "journalists", "me", "us", "him", "her", "them")
        ):
            parts.append(child)
    if verb.lower_ == "according":
        parts += [t for t in verb.children if t.lower_ == "to"]
    parts.sort(key=lambda t: t.i)
    start, end = parts[0].idx, parts[-1].idx + len(parts[-1])
    return verb.doc[parts[0].i : parts[-1].i + 1].text, start, end


# Verbs that report speech with a particle: "shot back", "lashed out", "weighed in".
_PARTICLE_CUES = frozenset(
    {
        ("shoot", "back"),
        ("fire", "back"),
        ("hit", "back"),
        ("push", "back"),
        ("strike", "back"),
        ("lash", "out"),
        ("speak", "out"),
        ("weigh", "in"),
        ("chime", "in"),
        ("sound", "off"),
        ("go", "on"),
    }
)


def is_cue(token: Token) -> bool:
    if token.lower_ == "according":
        return True
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if _headline_word(token) and lemma not in SAYING and lemma not in NAMING_VERBS:
        # "Cruz: Trump Would Put Liberals On Court, ‘...’": in a headline's
        # capitals a word read as a verb of saying is seldom one.
        return False
    if lemma in SPEECH_VERBS:
        # "he continued" reports speech; "Rubio will continue to be" and
        # "would not continue Bush's policy" do not.
        return not (
            lemma == "continue" and any(c.dep_ in ("xcomp", "dobj") for c in token.children)
        )
    return any(
        (lemma, child.lower_) in _PARTICLE_CUES
        for child in token.children
        if child.dep_ in ("prt", "advmod")
    )


def _headline_word(token: Token) -> bool:
    """A capitalised word inside its sentence, between capitalised neighbours:
    headline case (``Trump Would Put Liberals On Court``)."""
    if not token.text[:1].isupper() or token.i == token.sent.start:
        return False
    doc = token.doc
    near = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return all(t.text[:1].isupper() or not t.is_alpha for t in near)


def make_cue(verb: Token, speaker: Token | None, how: str) -> Cue:
    text, start, end = _cue_text(verb)
    return Cue(text, start, end, speaker, how)


def speaker_for(token: Token, qmap: QuoteMap) -> Token | None:
    if token.lower_ == "according":
        return _according_to(token)
    return _inverted_name(token, qmap) or speaker_of(token, qmap)


def _inverted_name(verb: Token, qmap: QuoteMap) -> Token | None:
    """``Any “cleareyed” reading, said Michael Kofman, an expert, would ...``: a
    verb of saying set off by a comma or closing mark, then a person's name closed
    by punctuation, names its speaker whatever the parser made its subject."""
    doc = verb.doc
    if verb.i == 0 or verb.lemma_.lower() not in SAYING or qmap.quoted(verb):
        return None
    prev = doc[verb.i - 1]
    if prev.text not in (",", "”", "’", '"', "'", "''"):
        return None
    j = verb.i + 1
    while j < len(doc) and doc[j].ent_type_ == "PERSON" and doc[j].pos_ == "PROPN":
        j += 1
    if j == verb.i + 1 or j >= len(doc) or doc[j].text not in (",", ".", ";"):
        return None
    return doc[j - 1]
