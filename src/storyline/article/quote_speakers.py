"""Who said a quoted stretch: its cue (``said``, ``told reporters``) and speaker.

:func:`find_cue` tries, in order (each on the words outside quote marks):

0. a closing mark glued to the name after it (``“...,”Clinton said``), read
   from the characters;
1. the parse: a speech verb that governs the quoted words, the nearest verb of
   saying proper (``Sir Keir said ..., while Mr Zelensky said “...”``) else the
   highest (``The allies agreed “...”, Sir Keir said``);
2. the nearest speech verb in the words around the quote, up to the sentence
   boundary (the parse often misattaches ``“...,” Conway notes``);
3. ``“...,” Oliver barked``: any verb right after a quote that ends on a comma;
4. a lead-in: ``Trump on Twitter: “...”``, a headline ``Reid: ‘...’``,
   ``Trump issued a statement, “...”``;
5. a lead-in spoilt by a mark glued to a word (``Starmer added:"On ...``);
6. the quoted words as the predicate of a subject outside the marks
   (``The foreign ministers also “underscored ...”``);
7. the nearest verb governing the quote whose subject is a name (weak).

The speaker is the cue's subject, climbing participles, infinitives and
conjuncts (``..., adding that``, ``was prompted to say``), the object of
``according to``, the agent of a passive, the maker of a statement
(``issued a statement saying``, ``an email sent by X warned``), or a name set
off after the verb (``..., said Michael Kofman, an expert, ...``). A subject
the parser took from another paragraph (a headline run into the lead) gives
way to the name in the verb's own paragraph. For a quote that opens its sentence with no
cue, :func:`previous_sentence_cue` reads the sentence before it and
:func:`dash_signature` a signature line after it. Naming the speaker token is
:mod:`quote_names`' work.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.article.quote_marks import QuoteSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Lemmas of verbs that report speech or writing (tuned on PolNeAR train cues).
SPEECH_VERBS = _word_set(
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
    reckon figure guess estimate discuss"""
)
# Verbs of saying proper, which attribute what they govern more surely than
# verbs of agreeing, calling or believing.
SAYING = _word_set(
    """say tell add insist write tweet post explain warn reply respond answer announce state
    declare claim argue note acknowledge admit concede stress emphasize assert continue
    conclude"""
)
# Verbs that take the quoted words as a name or description only with a speaker subject:
# "a group called “X”" has none and is a name, "Trump called him “X”" is a quote.
NAMING_VERBS = _word_set("call dub label brand term name title nickname describe refer")
# Nouns for a statement: its maker is the speaker ("issued a statement saying").
SPEECH_NOUNS = _word_set(
    """statement release ad advertisement letter tweet post message memo email video editorial
    piece website sign column op-ed mailer flyer note announcement"""
)
PRONOUNS = _word_set("he she they it i we you him her them")
_NAMED = _word_set("PERSON ORG GPE NORP")
_SENTENCE_END = frozenset(".!?")


@dataclass(frozen=True)
class Cue:
    """The words that attribute a quote and the token naming its speaker (if any)."""

    text: str
    start: int  # char offsets of the cue words
    end: int
    speaker: Token | None
    how: str  # "syntax", "near", "colon", "previous-colon"


def _tokens_between(doc: Doc, start: int, end: int) -> Span | None:
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
                return _relative(child)
    for child in noun.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            agent = _agent(child)
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
            ),
            key=lambda c: abs(c.i - node.i),
        )
        for child in subjects:
            if child.dep_ == "nsubjpass":
                if climbed or node.lemma_ in ("quote", "ask", "cite"):
                    # "X was quoted as saying", "X was joined by Y and joked": the
                    # shared subject, not the agent of the first verb.
                    return child
                agent = _agent(node)
                if agent is not None:
                    return agent
                continue
            subject = _relative(child)
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
                    return None
                passed_over = True
                break
            return subject
        if not passed_over:
            agent = _agent(node) if not climbed else None
            if agent is not None:
                return agent
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


def _same_paragraph(a: Token, b: Token, text: str) -> bool:
    lo, hi = sorted((a.idx, b.idx))
    return "\n" not in text[lo:hi]


def _part_in_paragraph(subject: Token, verb: Token, qmap: QuoteMap) -> Token | None:
    """The name in ``subject``'s phrase nearest the verb, in the verb's own
    paragraph (``The Latest ... \n\n Donald Trump has said``)."""
    para_start = qmap.text.rfind("\n", 0, verb.idx) + 1
    names = [
        t
        for t in subject.subtree
        if para_start <= t.idx < verb.idx
        and not qmap.quoted(t)
        and (t.pos_ == "PROPN" or qmap.is_named(t))
        and t.ent_type_ not in _NOT_SPEAKER_ENTS
    ]
    return names[-1] if names else None


def _agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _relative(token: Token) -> Token:
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


def _is_cue(token: Token) -> bool:
    if token.lower_ == "according":
        return True
    if token.pos_ not in ("VERB", "AUX"):
        return False
    lemma = token.lemma_.lower()
    if lemma in SPEECH_VERBS:
        return True
    return any(
        (lemma, child.lower_) in _PARTICLE_CUES
        for child in token.children
        if child.dep_ in ("prt", "advmod")
    )


def _make(verb: Token, speaker: Token | None, how: str) -> Cue:
    text, start, end = _cue_text(verb)
    return Cue(text, start, end, speaker, how)


def _speaker_for(token: Token, qmap: QuoteMap) -> Token | None:
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


def _quote_roots(doc: Doc, q: QuoteSpan) -> list[Token]:
    inner = _tokens_between(doc, q.start, q.end)
    if inner is None:
        return []
    return [t for t in inner if not (q.start <= t.head.idx < q.end) or t.head.i == t.i]


def _syntactic_cue(
    doc: Doc, q: QuoteSpan, qmap: QuoteMap, before: list[Token], after: list[Token]
) -> Cue | None:
    """The speech verb outside the marks that governs the quoted words: the
    nearest one of saying proper (``Sir Keir said ..., while Mr Zelensky said
    “...”``), else the highest (``The allies agreed “...”, Sir Keir said``)."""
    best: tuple[int, Token, Token] | None = None
    strong: tuple[int, Token, Token] | None = None
    for root in _quote_roots(doc, q):
        depth = 0
        for anc in root.ancestors:
            depth += 1
            if anc.idx < q.para_start or anc.idx >= q.para_end or qmap.quoted(anc):
                continue
            if not _is_cue(anc):
                continue
            if anc.idx >= q.close_end and _introduces_next(anc, q, qmap):
                continue  # "“We are refugees.” Mr. Zahed said: “...”": the next quote's
            speaker = (
                _speaker_for(anc, qmap)
                or (
                    surface_speaker(after, anc, True)
                    if anc.idx >= q.close_end
                    else surface_speaker(before, anc)
                )
                or surface_speaker(_clause_words(anc, q, qmap), anc, anc.idx >= q.close_end)
            )
            if speaker is None:
                continue
            if best is None or depth > best[0]:
                best = (depth, anc, speaker)
            own = any(c.dep_ == "nsubj" for c in anc.children)
            if own and anc.lemma_.lower() in SAYING and (strong is None or depth < strong[0]):
                strong = (depth, anc, speaker)
    pick = strong or best
    if pick is None:
        return None
    return _make(pick[1], pick[2], "syntax")


def _introduces_next(verb: Token, q: QuoteSpan, qmap: QuoteMap) -> bool:
    """A verb after a quote that ends its sentence, whose colon opens the next
    quote: it attributes that quote, not this one."""
    if qmap.text[q.start : q.end].rstrip()[-1:] not in (".", "!", "?"):
        return False
    later = [p for p in qmap.spans if p.open_at >= verb.idx and p.para_start == q.para_start]
    if not later:
        return False
    lead = qmap.text[verb.idx : later[0].open_at].rstrip()
    return lead.endswith(":") and not any(c in lead for c in ".!?")


def _clause_words(verb: Token, q: QuoteSpan, qmap: QuoteMap) -> list[Token]:
    """The words outside quote marks of ``verb``'s sentence, within the quote's
    paragraph: where other quoted stretches cut the quote's own frame short
    (``Trump, in Kentucky, said that X was “...” while Y is “...”``)."""
    sent = verb.sent
    return [
        t
        for t in sent
        if q.para_start <= t.idx < q.para_end and not qmap.quoted(t) and not t.is_space
    ]


def frame_tokens(doc: Doc, q: QuoteSpan, qmap: QuoteMap) -> tuple[list[Token], list[Token]]:
    """Words outside quote marks just before and just after ``q`` in its sentence:
    back to the previous sentence end or quote, forward to the next ones."""
    before: list[Token] = []
    after: list[Token] = []
    head = _tokens_between(doc, q.para_start, q.open_at + 1)
    if head is not None:
        for tok in reversed(list(head)):
            if tok.idx >= q.open_at:
                continue
            if qmap.quoted(tok) or tok.text in _SENTENCE_END:
                break
            before.append(tok)
    before.reverse()
    tail = _tokens_between(doc, max(q.close_end, q.end), q.para_end)
    if tail is not None:
        for tok in tail:
            if tok.idx + len(tok.text) <= q.close_end:
                continue
            if qmap.quoted(tok):
                break
            after.append(tok)
            if tok.text in _SENTENCE_END:
                break
    # A quote that ends its sentence leaves a lead-in to the next quote alone
    # ("“We are refugees.” Mr. Zahed said: “...”").
    ended = qmap.text[q.start : q.end].rstrip()[-1:] in (".", "!", "?")
    tail_words = [t for t in after if t.text.strip("\"'“”‘’")]
    if ended and tail_words and tail_words[-1].text == ":":
        after = []
    return before, after


_SKIP_BEFORE_VERB = _word_set("ADV AUX PART")
_NP = _word_set("PROPN NOUN PRON")
_NOT_SPEAKER_ENTS = _word_set("DATE TIME CARDINAL ORDINAL PERCENT MONEY QUANTITY")


def _first_noun_run(tokens: list[Token]) -> Token | None:
    """The last word of the first noun group in ``tokens`` (skipping leading punctuation)."""
    run: list[Token] = []
    for tok in tokens:
        if not run and (tok.is_punct or tok.pos_ in ("DET", "ADJ")):
            continue
        if tok.pos_ in ("PROPN", "NOUN") and tok.ent_type_ not in _NOT_SPEAKER_ENTS:
            run.append(tok)
            continue
        if not run and tok.pos_ == "PRON" and tok.lower_ in PRONOUNS:
            return tok
        break
    return run[-1] if run else None


def surface_speaker(frame: list[Token], verb: Token, after_quote: bool = False) -> Token | None:
    """The speaker next to a cue verb by word order alone, for when the parse
    gives the verb no subject: ``NAME notes`` or ``said NAME, ...``; right after
    a quote, the name that opens the words after it (``“...,” Nate Silver, the
    polling guru who founded FiveThirtyEight, tweeted``)."""
    k = next((n for n, tok in enumerate(frame) if tok.i == verb.i), -1)
    if k < 0:
        return None
    i = k - 1
    while i >= 0 and frame[i].pos_ in _SKIP_BEFORE_VERB:
        i -= 1
    if i >= 0 and frame[i].pos_ in _NP and frame[i].ent_type_ not in _NOT_SPEAKER_ENTS:
        return frame[i]
    if after_quote and k > 0:
        head = _first_noun_run(frame[:k])
        if head is not None and (head.pos_ == "PROPN" or head.lower_ in PRONOUNS):
            return head
    if i >= 0 and frame[i].text == ",":
        # "her senior policy adviser, Jake Sullivan, said": the name just before.
        if i > 0 and frame[i - 1].pos_ == "PROPN" and frame[i - 1].ent_type_ == "PERSON":
            return frame[i - 1]
        # "“...,” William Daley, Obama's former chief of staff, said": the first name.
        head = _first_noun_run(frame[:i])
        if head is not None:
            return head
    run: list[Token] = []
    for tok in frame[k + 1 :]:
        if tok.pos_ in ("DET", "ADJ") and not run:
            continue
        if tok.pos_ in ("PROPN", "NOUN") and tok.ent_type_ not in _NOT_SPEAKER_ENTS:
            run.append(tok)
            continue
        if tok.pos_ == "PRON" and not run and tok.lower_ in PRONOUNS:
            return tok
        break
    return run[-1] if run else None


def _near_cue(before: list[Token], after: list[Token], qmap: QuoteMap) -> Cue | None:
    """The speech verb closest to the quote in its frame that has a speaker."""
    order = [(i, t, after) for i, t in enumerate(after)] + [
        (i, t, before) for i, t in enumerate(reversed(before))
    ]
    order.sort(key=lambda p: p[0])
    for _, tok, frame in order:
        if _is_cue(tok):
            speaker = _speaker_for(tok, qmap) or surface_speaker(frame, tok, frame is after)
            if speaker is not None:
                return _make(tok, speaker, "near")
    return None


def _colon_cue(before: list[Token], qmap: QuoteMap | None = None) -> Cue | None:
    """A lead-in that ends with a colon names the speaker: the subject of its
    verb (``Zeldin gave the technique a whirl on CNN:``), or for a short lead-in
    without one the first name in it (``Trump on Twitter:``, a headline
    ``Bill Clinton: Hillary ‘...’``)."""
    colon = next((t for t in before if t.text.startswith(":") or t.text.endswith(":")), None)
    if colon is None:
        return None
    lead = [t for t in before if t.i < colon.i]
    if colon.text != ":" and colon.text.endswith(":"):
        lead.append(colon)  # "(R-S.C.):" tokenised as one word
    dashes = [k for k, t in enumerate(lead) if t.text in ("-", "—", "–", "--") and k > 0
              and (lead[k - 1].whitespace_ or t.whitespace_)]
    if dashes and dashes[-1] + 1 < len(lead):
        # "IOWA POLLS NOT NECESSARILY WRONG - Mark Blumenthal and Jon Cohen:": a
        # headline, then who is quoted.
        lead = lead[dashes[-1] + 1 :]
    if not lead:
        return None
    roots = [
        t for t in lead if t.pos_ in ("VERB", "AUX") and (t.dep_ == "ROOT" or t.head.i >= colon.i)
    ]
    for verb in roots:
        speaker = speaker_of(verb, qmap) if qmap is not None else None
        if speaker is not None and speaker.i < colon.i:
            return Cue(":", colon.idx, colon.idx + 1, speaker, "colon")
    if len(lead) > 8:
        return None
    names = [t for t in lead if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP")]
    if not names and not all(t.text[:1].isupper() for t in lead):
        return None
    if not names:
        names = lead
    # The last word of the first name group: "Sen. Ted Cruz on Fox:" -> Cruz.
    tok = names[0]
    while tok.i + 1 < len(tok.doc) and tok.nbor(1) in names:
        tok = tok.nbor(1)
    return Cue(":", colon.idx, colon.idx + 1, tok, "colon")


_LEAD_PUNCT = frozenset({",", "—", "–", "--", "-"})


def _clause_lead_in(text: str, q: QuoteSpan, before: list[Token], qmap: QuoteMap) -> Cue | None:
    """``Trump issued a statement, “Last night ...”``, ``Trump also embraced
    waterboarding -- “I think ...”``: a whole clause, then a comma or dash, then a
    quote that opens a sentence of its own; the clause's subject is the speaker."""
    if len(before) < 3 or before[-1].text not in _LEAD_PUNCT:
        return None
    if not text[q.start : q.start + 1].isupper():
        return None
    roots = [t for t in before if t.dep_ == "ROOT" and t.pos_ in ("VERB", "AUX")]
    for verb in roots:
        speaker = speaker_of(verb, qmap)
        if speaker is not None and (
            qmap.is_named(speaker) or speaker.pos_ == "PROPN" or speaker.lower_ in ("he", "she")
        ):
            return _make(verb, speaker, "colon")
    return None


def _inverted_cue(text: str, q: QuoteSpan, after: list[Token], qmap: QuoteMap) -> Cue | None:
    """``“...,” Oliver barked.``: after a quote that ends on a comma, question or
    exclamation mark, a name and a verb (either order) attribute it, whatever the verb."""
    if (
        not after
        or text[q.end - 1 : q.end] not in (",", "?", "!")
        and text[q.close_end : q.close_end + 1] not in (",",)
    ):
        return None
    words = [t for t in after[:7] if not t.is_punct]
    verbs = [t for t in words[:5] if t.pos_ == "VERB"]
    if not verbs:
        return None
    verb = verbs[0]
    speaker = speaker_of(verb, qmap) or surface_speaker(after, verb)
    if speaker is None or speaker.i > verb.i + 4:
        return None
    if (
        not _is_cue(verb)
        and speaker.i < verb.i
        and not (
            qmap.is_named(speaker)
            or speaker.text[:1].isupper()
            or speaker.lower_ in PRONOUNS
        )
    ):
        # "“...!” — the balloons cascaded down": a thing does not speak; but
        # "“Choke!” blared the front page" (inverted) does attribute.
        return None
    return _make(verb, speaker, "inverted")


def _governing_cue(doc: Doc, q: QuoteSpan, qmap: QuoteMap) -> Cue | None:
    """``CREW filed a request for “records ...”``: the nearest verb outside the marks
    that governs the quoted words and has a named subject (a weak attribution)."""
    for root in _quote_roots(doc, q):
        for anc in root.ancestors:
            if anc.idx < q.para_start or anc.idx >= q.para_end or qmap.quoted(anc):
                continue
            if anc.pos_ not in ("VERB", "AUX"):
                continue
            if anc.idx >= q.close_end and _introduces_next(anc, q, qmap):
                break
            speaker = speaker_of(anc, qmap)
            if speaker is not None and (
                qmap.is_named(speaker) or speaker.pos_ == "PROPN" or speaker.lower_ in ("he", "she")
            ):
                return _make(anc, speaker, "weak")
            if speaker is not None or anc.dep_ not in ("acl", "advcl", "xcomp"):
                break  # the nearest verb with a subject decides
    return None


def find_cue(doc: Doc, q: QuoteSpan, qmap: QuoteMap) -> Cue | None:
    """The attribution of ``q`` from its own sentence, or ``None``."""
    glued = _glued_tail(doc, q, qmap.text)
    if glued is not None:
        return glued
    before, after = frame_tokens(doc, q, qmap)
    cue = _syntactic_cue(doc, q, qmap, before, after)
    if cue is not None:
        return cue
    cue = _near_cue(before, after, qmap)
    if cue is not None:
        return cue
    cue = (
        _inverted_cue(qmap.text, q, after, qmap)
        or _colon_cue(before, qmap)
        or _clause_lead_in(qmap.text, q, before, qmap)
    )
    if cue is not None:
        return cue
    return (
        _glued_lead_in(doc, q, qmap.text)
        or _predicate_cue(doc, q, qmap)
        or _governing_cue(doc, q, qmap)
    )


def _predicate_cue(doc: Doc, q: QuoteSpan, qmap: QuoteMap) -> Cue | None:
    """``The foreign ministers also “underscored the need for ...”``: the quoted
    words are the predicate of a subject outside the marks, who said them."""
    for root in _quote_roots(doc, q):
        if root.pos_ not in ("VERB", "AUX"):
            continue
        for child in root.children:
            if child.dep_ == "nsubj" and not qmap.quoted(child) and child.i < root.i:
                if not child.text.isalpha() and not child.text.replace(".", "").isalpha():
                    continue  # a word glued to a mark ("added:"On")
                if child.pos_ in ("PROPN", "NOUN") or child.lower_ in ("he", "she", "they"):
                    return Cue(
                        root.text,
                        root.idx,
                        root.idx + len(root.text),
                        _relative(child),
                        "predicate",
                    )
    return None


_LEAD_IN = re.compile(
    r"(?P<name>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*|[Hh]e|[Ss]he)\s+"
    r"(?:also\s+|later\s+|then\s+|has\s+|had\s+)?"
    r"(?P<verb>said|says|added|adds|wrote|writes|told\s+\w+|tells\s+\w+|insisted|continued|"
    r"explained|replied|stated|declared|noted|argued|asked|tweeted|warned)\s*[:,]?\s*$"
)


_TAIL = re.compile(
    r"(?P<name>(?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)(?:,[^,\"“”\n]{3,80},?)?\s+"
    r"(?:also\s+|later\s+)?(?P<verb>said|says|added|adds|wrote|writes|told|tells|insisted|"
    r"continued|explained|replied|stated|declared|noted|argued|tweeted|warned)\b"
)


def _glued_tail(doc: Doc, q: QuoteSpan, text: str) -> Cue | None:
    """``“...,”Clinton said.``: a closing mark glued to the speaker's name spoils
    the tokens; the attribution read from the characters."""
    at = q.close_end
    if at >= len(text) or not text[at].isupper() or text[q.end - 1 : q.end] not in (",", "?", "!"):
        return None
    m = _TAIL.match(text, at, min(len(text), at + 140))
    if m is None or "\n" in m.group(0):
        return None
    span = doc.char_span(m.start("name"), m.end("name"), alignment_mode="expand")
    if span is None:
        return None
    name = span[-1]
    return Cue(m.group("verb"), m.start("verb"), m.end("verb"), name, "near")


def _glued_lead_in(doc: Doc, q: QuoteSpan, text: str) -> Cue | None:
    """``Starmer added:"On the contrary...``: where a mark glued to the words
    around it spoils the tokens, the lead-in read from the characters."""
    lead = text[q.para_start : q.open_at]
    m = _LEAD_IN.search(lead[-120:])
    if m is None:
        return None
    base = q.open_at - len(lead[-120:])
    name_end = base + m.end("name")
    span = doc.char_span(name_end - 1, name_end, alignment_mode="expand")
    if span is None:
        return None
    return Cue(m.group("verb"), base + m.start("verb"), base + m.end("verb"), span[-1], "near")


def previous_sentence_cue(doc: Doc, q: QuoteSpan, qmap: QuoteMap) -> Cue | None | bool:
    """For a quote that opens its sentence with no cue of its own: the sentence
    just before it (in its paragraph, or ending the paragraph before), when that
    sentence introduces a speaker (``Howard continued his remarks.``, ``X said:``).

    Returns ``True`` when that sentence holds a quote itself (the caller then
    carries that quote's speaker), ``None`` when it says nothing of a speaker.
    """
    text = qmap.text
    end = q.open_at
    while end > 0 and text[end - 1].isspace():
        end -= 1
    if end == 0:
        return None
    span = _tokens_between(doc, max(0, end - 1), end)
    if span is None or not len(span):
        return None
    last = span[-1]
    if qmap.quoted(last):
        return True
    sent = [t for t in last.sent if t.i <= last.i]
    para = text.rfind("\n", 0, end) + 1
    sent = [t for t in sent if t.idx >= para]
    # The sentence may run on from an earlier quote ("“A,” he said. He added: ...").
    for k in range(len(sent) - 2, -1, -1):
        if sent[k].text in _SENTENCE_END and not qmap.quoted(sent[k]):
            sent = sent[k + 1 :]
            break
    if any(qmap.quoted(t) for t in sent):
        return True
    how = "previous-colon" if text[end - 1] == ":" else "previous-sentence"
    for tok in sent:
        if tok.dep_ == "ROOT" and _is_cue(tok):
            speaker = _speaker_for(tok, qmap) or surface_speaker(sent, tok)
            if speaker is not None:
                return _make(tok, speaker, how)
    for tok in reversed(sent):
        if _is_cue(tok):
            speaker = _speaker_for(tok, qmap) or surface_speaker(sent, tok)
            if speaker is not None:
                return _make(tok, speaker, how)
    if how == "previous-colon":
        cue = _colon_cue(sent, qmap)
        if cue is not None:
            return Cue(cue.text, cue.start, cue.end, cue.speaker, how)
    return None


def dash_signature(doc: Doc, q: QuoteSpan, qmap: QuoteMap) -> Cue | None:
    """A quote paragraph signed on the next line: ``“...”`` then ``- Hillary Clinton.``"""
    text = qmap.text
    nxt = q.para_end
    while nxt < len(text) and text[nxt].isspace():
        nxt += 1
    if nxt >= len(text) or text[nxt] not in "-–—":
        return None
    line_end = text.find("\n", nxt)
    line_end = len(text) if line_end < 0 else line_end
    span = _tokens_between(doc, nxt + 1, line_end)
    if span is None:
        return None
    names = [t for t in span if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG")]
    if not names or names[0].i - span.start > 3:
        return None
    tok = names[0]
    while tok.i + 1 < len(doc) and tok.nbor(1) in names:
        tok = tok.nbor(1)
    return Cue(text[nxt], nxt, nxt + 1, tok, "dash")
