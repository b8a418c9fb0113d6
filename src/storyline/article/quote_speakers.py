"""Who said a quoted stretch: its cue (``said``, ``told reporters``) and speaker.

:func:`find_cue` tries, in order (each on the words outside quote marks):

0. a closing mark glued to the name after it (``“...,”Clinton said``), read
   from the characters; the owner of a statement noun whose clause holds the
   quote (``Trump's claim that she is playing the “woman's card”``, ``in
   Forbes' words, “...”``);
1. the parse: a speech verb that governs the quoted words, the nearest verb of
   saying proper (``Sir Keir said ..., while Mr Zelensky said “...”``) else the
   highest (``The allies agreed “...”, Sir Keir said``), but a coordinated or
   subordinate clause with a subject of its own keeps its own speaker (``Cruz
   said ..., and Trump vowed to “bomb ...”``, ``under what Hedge called “...”``);
   punctuation inside the marks does not choose the verb;
2. the nearest speech verb in the words around the quote, up to the sentence
   boundary (the parse often misattaches ``“...,” Conway notes``);
3. ``“...,” Oliver barked``: any verb right after a quote that ends on a comma;
4. a lead-in: ``Trump on Twitter: “...”``, a headline ``Reid: ‘...’``,
   ``Trump issued a statement, “...”``;
5. a lead-in spoilt by a mark glued to a word (``Starmer added:"On ...``);
6. the quoted words as the predicate of a subject outside the marks
   (``The foreign ministers also “underscored ...”``);
7. the nearest verb governing the quote whose subject is a name (weak);
8. a speech verb that governs the quote with no speaker in reach ("bare"):
   the stretch is a quote, its speaker unknown rather than guessed.

The speaker is the cue's subject as :mod:`quote_subjects` finds it, or the name
next to the cue by word order (:mod:`quote_surface`). For a quote that opens
its sentence with no cue, :func:`previous_sentence_cue` reads the sentence
before it and :func:`dash_signature` a signature line after it. Naming the
speaker token is :mod:`quote_names`' work.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.article.quote_marks import QuoteSpan
from storyline.article.quote_subjects import (
    NAMING_VERBS,
    PRONOUNS,
    SAYING,
    SENTENCE_END,
    SPEECH_NOUNS,
    SPEECH_VERBS,
    Cue,
    QuoteMap,
    is_cue,
    make_cue,
    person_noun,
    relative,
    speaker_for,
    speaker_of,
    tokens_between,
    word_set,
)
from storyline.article.quote_surface import surface_speaker

__all__ = [
    "NAMING_VERBS",
    "PRONOUNS",
    "SAYING",
    "SPEECH_NOUNS",
    "SPEECH_VERBS",
    "Cue",
    "QuoteMap",
    "dash_signature",
    "find_cue",
    "frame_tokens",
    "is_cue",
    "previous_sentence_cue",
    "speaker_of",
    "surface_speaker",
]

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token



def _quote_roots(doc: Doc, q: QuoteSpan) -> list[Token]:
    inner = tokens_between(doc, q.start, q.end)
    if inner is None:
        return []
    return [t for t in inner if not (q.start <= t.head.idx < q.end) or t.head.i == t.i]


_OWN_CLAUSE = frozenset({"conj", "advcl", "pcomp"})


def _syntactic_cue(
    doc: Doc,
    q: QuoteSpan,
    qmap: QuoteMap,
    before: list[Token],
    after: list[Token],
    words_only: bool = True,
) -> Cue | None:
    """The speech verb outside the marks that governs the quoted words: the
    nearest one of saying proper (``Sir Keir said ..., while Mr Zelensky said
    “...”``), else the highest (``The allies agreed “...”, Sir Keir said``)."""
    best: tuple[int, Token, Token] | None = None
    strong: tuple[int, Token, Token] | None = None
    barrier: tuple[int, Token, Token] | None = None
    bare: Token | None = None  # a speech verb that governs the quote, speaker unknown
    roots = _quote_roots(doc, q)
    # Punctuation hangs wherever the parser likes ("“It's not true.” He said"
    # with the full stop on "said"): the words decide, the marks only if they
    # are all there is.
    words = [t for t in roots if not t.is_punct]
    for root in words if words_only else roots:
        depth = 0
        for anc in root.ancestors:
            depth_has_outer = any(
                is_cue(a) and any(c.dep_ == "nsubj" for c in a.children) for a in anc.ancestors
            )
            depth += 1
            if anc.idx < q.para_start or anc.idx >= q.para_end or qmap.quoted(anc):
                continue
            if not is_cue(anc):
                continue
            if anc.idx >= q.close_end and _introduces_next(anc, q, qmap):
                continue  # "“We are refugees.” Mr. Zahed said: “...”": the next quote's
            speaker = (
                speaker_for(anc, qmap)
                or (
                    surface_speaker(after, anc, True)
                    if anc.idx >= q.close_end
                    else surface_speaker(before, anc)
                )
                or surface_speaker(_clause_words(anc, q, qmap), anc, anc.idx >= q.close_end)
            )
            if speaker is None:
                if bare is None:
                    bare = anc
                continue
            if best is None or depth > best[0]:
                best = (depth, anc, speaker)
            own = any(c.dep_ == "nsubj" for c in anc.children)
            # "she expects Obama to announce an “intensification”": speech only
            # expected is not speech reported.
            # Nor is speech foretold under another speaker ("Obama said he
            # expected that Americans will say “no”"): the quote is the reporter's.
            expected = any(
                c.dep_ == "aux" and (c.lower_ == "to" or (c.tag_ == "MD" and depth_has_outer))
                for c in anc.children
            )
            if (
                own
                and not expected
                and anc.lemma_.lower() in SAYING
                and (strong is None or depth < strong[0])
            ):
                strong = (depth, anc, speaker)
            if (
                own
                and anc.dep_ in _OWN_CLAUSE
                and anc.idx < q.open_at
                and not any(d in qmap.text[anc.idx : q.open_at] for d in ("—", "–", "--", "("))
                and (barrier is None or depth < barrier[0])
            ):
                # "Cruz said he'd ..., and Trump vowed to “bomb ...”": a
                # coordinated clause with a subject of its own has its own
                # speaker, whoever speaks in the clause above (not a
                # parenthesis: "— as Moscow denies — “...”").
                barrier = (depth, anc, speaker)
                break
    pick = min((c for c in (strong, barrier) if c is not None), default=best, key=lambda c: c[0])
    if pick is None and words_only and len(words) < len(roots):
        return _syntactic_cue(doc, q, qmap, before, after, words_only=False)
    if pick is None:
        return make_cue(bare, None, "bare") if bare is not None else None
    return make_cue(pick[1], pick[2], "syntax")


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
    head = tokens_between(doc, q.para_start, q.open_at + 1)
    if head is not None:
        for tok in reversed(list(head)):
            if tok.idx >= q.open_at:
                continue
            if qmap.quoted(tok) or tok.text in SENTENCE_END:
                break
            before.append(tok)
    before.reverse()
    tail = tokens_between(doc, max(q.close_end, q.end), q.para_end)
    if tail is not None:
        for tok in tail:
            if tok.idx + len(tok.text) <= q.close_end:
                continue
            if qmap.quoted(tok):
                break
            after.append(tok)
            if tok.text in SENTENCE_END:
                break
    # A quote that ends its sentence leaves a lead-in to the next quote alone
    # ("“We are refugees.” Mr. Zahed said: “...”").
    ended = qmap.text[q.start : q.end].rstrip()[-1:] in (".", "!", "?")
    tail_words = [t for t in after if t.text.strip("\"'“”‘’")]
    if ended and tail_words and tail_words[-1].text == ":":
        after = []
    # A full stop inside the marks ends the sentence: the words after it are a
    # new sentence, which attributes this quote only if it is a short tag
    # ("“...” Mr. Zahed said."), not a story of its own ("“...rigged
    # economy.” Ben Carson struggled to answer a question about ...").
    full_stop = qmap.text[q.start : q.end].rstrip()[-1:] == "."
    words = [t for t in tail_words if not t.is_punct]
    if full_stop and len(words) > _SHORT_TAG and qmap.text[q.close_end :].lstrip()[:1].isupper():
        after = []
    return before, after


_SHORT_TAG = 6  # words in an attribution tag after a quote that ended its sentence


def _near_cue(before: list[Token], after: list[Token], qmap: QuoteMap) -> Cue | None:
    """The speech verb closest to the quote in its frame that has a speaker."""
    order = [(i, t, after) for i, t in enumerate(after)] + [
        (i, t, before) for i, t in enumerate(reversed(before))
    ]
    order.sort(key=lambda p: p[0])
    for _, tok, frame in order:
        if is_cue(tok):
            speaker = speaker_for(tok, qmap) or surface_speaker(frame, tok, frame is after)
            if speaker is not None:
                return make_cue(tok, speaker, "near")
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
    # The lead-in's main verb, or a verb of saying coordinated with it
    # ("Clinton supports ... and recalled the freeze:").
    roots = [
        t
        for t in lead
        if t.pos_ in ("VERB", "AUX")
        and (
            t.dep_ == "ROOT"
            or t.head.i >= colon.i
            or t.head.i < lead[0].i  # hung on words before the lead-in (a glued quote)
            or (t.dep_ == "conj" and is_cue(t))
        )
    ]
    for verb in roots:
        speaker = speaker_of(verb, qmap) if qmap is not None else None
        if speaker is not None and speaker.i < colon.i:
            if not _someone(speaker):
                # "The timing of Sanders' surge doesn't surprise pollster Daron
                # Shaw:": a subject that is no one; the person it acts on speaks.
                people = {t.i: t for t in lead if t.ent_type_ == "PERSON" and t.pos_ == "PROPN"}
                ends = [t for t in people.values() if t.i + 1 not in people]
                if len(ends) == 1 and ends[0].dep_ == "dobj" and ends[0].head.i == verb.i:
                    speaker = ends[0]
            return Cue(":", colon.idx, colon.idx + 1, speaker, "colon")
    if len(lead) > 8:
        return None
    names = [t for t in lead if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG", "NORP")]
    inside = {t.i for t in lead}
    if names and all(_in_prepositional_phrase(t, inside) for t in names):
        return None  # "later that month on CNN:", "..., with Clinton:": where, not who
    if not names and not all(t.text[:1].isupper() for t in lead):
        return None
    if not names:
        names = lead
    # The last word of the first name group: "Sen. Ted Cruz on Fox:" -> Cruz.
    tok = names[0]
    while tok.i + 1 < len(tok.doc) and tok.nbor(1) in names:
        tok = tok.nbor(1)
    return Cue(":", colon.idx, colon.idx + 1, tok, "colon")


def _in_prepositional_phrase(tok: Token, inside: set[int]) -> bool:
    """A word of a name that is the object of a preposition in the lead-in
    (``on CNN``)."""
    while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
        tok = tok.head
    return tok.dep_ == "pobj" and tok.head.i in inside


_LEAD_PUNCT = frozenset({",", "—", "–", "--", "-"})


def _clause_lead_in(text: str, q: QuoteSpan, before: list[Token], qmap: QuoteMap) -> Cue | None:
    """``Trump issued a statement, “Last night ...”``, ``Trump also embraced
    waterboarding -- “I think ...”``: a whole clause, then a comma or dash, then a
    quote that opens a sentence of its own; the clause's subject is the speaker."""
    if len(before) < 3 or before[-1].text not in _LEAD_PUNCT:
        return None
    if not text[q.start : q.start + 1].isupper():
        return None
    # The clause's main verb; the parser may hang it on the quote's verb.
    inside = {t.i for t in before}
    roots = [
        t
        for t in before
        if t.pos_ in ("VERB", "AUX") and (t.dep_ == "ROOT" or t.head.i not in inside)
    ]
    for verb in roots:
        speaker = speaker_of(verb, qmap)
        if speaker is not None and (
            qmap.is_named(speaker) or speaker.pos_ == "PROPN" or speaker.lower_ in ("he", "she")
        ):
            return make_cue(verb, speaker, "colon")
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
        not is_cue(verb)
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
    return make_cue(verb, speaker, "inverted")


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
                return make_cue(anc, speaker, "weak")
            if speaker is not None or anc.dep_ not in ("acl", "advcl", "xcomp"):
                break  # the nearest verb with a subject decides
    return None


# Nouns for what someone said: whose they are is who said the words they hold.
STATEMENT_NOUNS = word_set(
    """claim accusation assertion suggestion word remark comment statement response
    answer argument charge conclusion contention insistence warning promise pledge
    description catchphrase motto complaint quip joke reply retort observation
    prediction vow plea demand declaration admission assessment explanation testimony
    dictum"""
)


def _statement_owner(doc: Doc, q: QuoteSpan, qmap: QuoteMap) -> Cue | None:
    """``Trump's accusation that Clinton is playing the “woman's card”``, ``in
    Forbes' words, “...”``, ``Podliska's claim is that the panel is a “witch
    hunt”``: the owner of a statement noun whose content holds the quote."""
    for root in _quote_roots(doc, q):
        clause = False  # passed into a clause on the way up
        for node in [root, *root.ancestors]:
            if node.idx < q.para_start or node.idx >= q.para_end:
                break
            if not qmap.quoted(node) and is_cue(node) and speaker_of(node, qmap) is not None:
                return None  # a verb of saying with a subject: the parse's cue
            holders = [node] if node.pos_ == "NOUN" and clause else []
            holders += [
                c
                for c in node.children
                if c.pos_ == "NOUN"
                and (
                    (c.dep_ in ("nsubj", "attr") and clause and node.lemma_ == "be")
                    or (c.dep_ == "pobj" and c.head.lower_ == "in" and c.lower_ == "words")
                )
            ]
            holders += [
                g
                for c in node.children
                if c.dep_ == "prep" and c.lower_ == "in"
                for g in c.children
                if g.dep_ == "pobj" and g.lower_ == "words"
            ]
            for noun in holders:
                if noun.lemma_.lower() not in STATEMENT_NOUNS or qmap.quoted(noun):
                    continue
                owner = next(
                    (c for c in noun.children if c.dep_ == "poss" and not qmap.quoted(c)), None
                )
                if owner is not None and (owner.pos_ == "PROPN" or qmap.is_named(owner)):
                    return make_cue(noun, owner, "syntax")
            # Only what a clause below the noun holds is the statement's
            # content: in "Trump's comments are “...”" the words judge them.
            clause = clause or node.dep_ in ("ccomp", "acl", "relcl")
    return None


def find_cue(doc: Doc, q: QuoteSpan, qmap: QuoteMap) -> Cue | None:
    """The attribution of ``q`` from its own sentence, or ``None``."""
    glued = _glued_tail(doc, q, qmap.text) or _transcript_label(doc, q, qmap.text)
    if glued is not None:
        return glued
    owned = _statement_owner(doc, q, qmap)
    if owned is not None:
        return owned
    before, after = frame_tokens(doc, q, qmap)
    tag = _tag_after(q, after, qmap) or _dash_lead_in(before)
    if tag is not None:
        return tag
    bare = _syntactic_cue(doc, q, qmap, before, after)
    if bare is not None and bare.speaker is not None:
        return bare
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
    # A verb of saying that governs the quote but names nobody ("accusing
    # spy agencies of “...”" with the subject out of reach) still makes it a
    # quote, with its speaker unknown rather than guessed.
    return (
        _glued_lead_in(doc, q, qmap.text)
        or _predicate_cue(doc, q, qmap)
        or _governing_cue(doc, q, qmap)
        or bare
    )


_TAG_WORDS = frozenset({"PROPN", "NOUN", "DET", "PRON", "ADV", "ADJ", "PUNCT"})


def _tag_after(q: QuoteSpan, after: list[Token], qmap: QuoteMap) -> Cue | None:
    """``“...,” Trump said, after Becky Quick said ...``, ``Nothing the
    president said “...,” the senator said``: a quote that breaks off at a comma
    and is followed at once by a name or a person noun and a verb of saying (or
    the verb and the name) is that speaker's, whatever the parser hung the quote
    on; not a verb whose colon opens the next quote."""
    if qmap.text[q.start : q.end].rstrip()[-1:] != ",":
        return None
    for k, tok in enumerate(after[:6]):
        if tok.pos_ not in ("VERB", "AUX"):
            if tok.pos_ not in _TAG_WORDS or tok.text in SENTENCE_END or tok.text in ",;:":
                return None
            continue
        if tok.lemma_.lower() not in SAYING or not is_cue(tok):
            return None
        if not any(t.pos_ in ("PROPN", "NOUN", "PRON") for t in after[:k]) and not any(
            t.pos_ in ("PROPN", "NOUN", "PRON") for t in after[k + 1 : k + 4]
        ):
            return None
        speaker = speaker_for(tok, qmap) or surface_speaker(after, tok, True)
        if (
            speaker is None
            or not (speaker.pos_ == "PROPN" or person_noun(speaker))
            or speaker.i < after[0].i
            or speaker.i > after[min(k + 6, len(after) - 1)].i
            or any(t.text == ":" for t in after[k + 1 : k + 4])
        ):
            return None
        return make_cue(tok, speaker, "syntax")
    return None


_LABEL = re.compile(r"((?:[A-Z][\w.'’-]*\s){0,2}[A-Z][\w.'’-]*):\s")


def _transcript_label(doc: Doc, q: QuoteSpan, text: str) -> Cue | None:
    """``"Chris Matthews: Seriously, ...``: a paragraph that opens with a quoted
    transcript line gives its speaker's name before the colon."""
    if text[q.para_start : q.open_at].strip():
        return None
    m = _LABEL.match(text, q.start, min(q.end, q.start + 60))
    if m is None:
        return None
    span = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
    if span is None or span[-1].ent_type_ != "PERSON":
        return None
    colon = m.end(1)
    return Cue(":", colon, colon + 1, span[-1], "colon")


_DASHES = ("-", "—", "–", "--")


def _dash_lead_in(before: list[Token]) -> Cue | None:
    """``Pollsters agree - Carl Bialik: “...”``, ``... all along -More from
    Blumenthal and Cohen: “...”``: in a digest, the name between a dash and the
    colon that opens the quote is who is quoted, whatever the verb before."""
    words = [t for t in before if t.text not in ("“", '"', "‘")]
    if len(words) < 3 or words[-1].text != ":":
        return None
    k = len(words) - 2
    while k >= 0 and not (words[k].text in _DASHES or words[k].text[:1] in "-—–"):
        k -= 1
    if k <= 0 or len(words) - 2 - k > 6:
        return None
    lead = words[k : len(words) - 1]
    if lead[0].text in _DASHES:
        lead = lead[1:]
    if not lead or any(t.pos_ in ("VERB", "AUX") for t in lead):
        return None
    first = lead[0].text.lstrip("-—–").lower()
    if lead[0].pos_ == "ADP" and first != "from":
        return None  # "- on CNN:": where, not who
    names = [t for t in lead if t.pos_ == "PROPN" and t.text[:1] not in "-—–"]
    if not names:
        return None
    tok = names[0]
    while tok.i + 1 < len(tok.doc) and tok.nbor(1) in names:
        tok = tok.nbor(1)
    colon = words[-1]
    return Cue(":", colon.idx, colon.idx + 1, tok, "colon")


def _someone(token: Token) -> bool:
    """A word that can name who speaks: a name, a pronoun, a person noun."""
    return (
        token.pos_ == "PROPN"
        or token.lower_ in PRONOUNS
        or token.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or person_noun(token)
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
                        relative(child),
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
    span = tokens_between(doc, max(0, end - 1), end)
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
        if sent[k].text in SENTENCE_END and not qmap.quoted(sent[k]):
            sent = sent[k + 1 :]
            break
    if any(qmap.quoted(t) for t in sent):
        return True
    how = "previous-colon" if text[end - 1] == ":" else "previous-sentence"
    for tok in sent:
        if tok.dep_ == "ROOT" and is_cue(tok):
            speaker = speaker_for(tok, qmap) or surface_speaker(sent, tok)
            if speaker is not None:
                return make_cue(tok, speaker, how)
    for tok in reversed(sent):
        if is_cue(tok):
            speaker = speaker_for(tok, qmap) or surface_speaker(sent, tok)
            if speaker is not None:
                return make_cue(tok, speaker, how)
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
    span = tokens_between(doc, nxt + 1, line_end)
    if span is None:
        return None
    names = [t for t in span if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG")]
    if not names or names[0].i - span.start > 3:
        return None
    tok = names[0]
    while tok.i + 1 < len(doc) and tok.nbor(1) in names:
        tok = tok.nbor(1)
    return Cue(text[nxt], nxt, nxt + 1, tok, "dash")
