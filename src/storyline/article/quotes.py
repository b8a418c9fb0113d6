"""Quotes in one article: direct, partial and indirect, each with its speaker.

Quoted stretches come from the marks (:mod:`quote_marks`), their cue and
speaker from the parse (:mod:`quote_speakers`), the speaker's name from the
article's entity mentions (:mod:`quote_names`). A stretch with no cue of its
own takes the speaker of the sentence before it when that one introduces a
speaker (``Howard continued.``, ``X said:``), else of the quote before it when
it opens its sentence or is its main clause (``“...,” he said. “...”``,
``Unless rivals quit, “...”``), continues an unclosed quote from the paragraph
before, or stands alone in a paragraph; later in the same paragraph, with no
verb of saying in between, the speaker goes on (``“...,” said Aida. Biden
“kind of misspoke.”``).

Not every quoted stretch is a statement. Short stretches that nobody is said
to have said are terms, titles or scare quotes (``the so-called “coalition of
the willing”``), and so are names of shows and books; they are left out, and a
phrase once used as a term is a term throughout its article. How short is too
short depends on how surely the stretch is attributed (measured on PolNeAR
train). Quotes on "Read more" lines and photo captions are furniture.

Indirect quotes are the clauses that a speech verb reports (``Starmer said
that ...``) and that hold no quote marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from storyline.article.quote_marks import QuoteSpan, find_quote_spans
from storyline.article.quote_names import (
    GROUP_LABELS,
    NOBODY,
    PERSON_LABELS,
    MentionIndex,
    PronounResolver,
    Speaker,
    SpeakerNamer,
    default_pronoun_resolver,
    furniture_quote,
)
from storyline.article.quote_speakers import (
    NAMING_VERBS,
    Cue,
    QuoteMap,
    dash_signature,
    find_cue,
    frame_tokens,
    is_cue,
    previous_sentence_cue,
    speaker_of,
)
from storyline.model import Article, EntityMention, Quote

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Unattributed quoted stretches shorter than this (in words) are terms, not statements.
MIN_UNATTRIBUTED_WORDS = 4
# A fragment needs at least this many words to be a quote, by how its attribution
# was found: a speech verb governing it in the parse vouches even for one word
# ("called it “absurd”"); weaker evidence needs a longer stretch.
# "bare": a speech verb governs the words but its speaker is out of reach.
_MIN_WORDS = {
    "syntax": 1,
    "bare": 1,
    "colon": 1,
    "near": 1,
    "inverted": 3,
    "weak": 2,
    "predicate": 2,
}
# Attributions read from the words around a quote rather than from a verb of
# saying that governs it.
_GUESSES = frozenset({"weak", "predicate"})
# Words before a quoted stretch that make it a name or a term rather than a quote.
_TERM_LEAD = re.compile(
    r"(?:so-called|so called|dubbed|known as|nicknamed|termed|titled|entitled|"
    r"the (?:word|words|phrase|term|slogan|hashtag|label|nickname|headline)s?)\s*[,:]?\s*$",
    re.IGNORECASE,
)
_WORK_LEAD = re.compile(
    r"\b(?:show|program|programme|book|film|movie|documentary|series|song|album|novel|memoir|"
    r"play|musical|podcast|article|essay|column|op-ed|report|episode|newsletter|segment|"
    r"magazine|paper|headline|hashtag|poem|speech titled)\s*[,:]?\s*$",
    re.IGNORECASE,
)
_TITLE_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "is",
        "my",
        "your",
    }
)
# Speech verbs that report a clause: their ccomp is an indirect quote.
_REPORTING = frozenset(
    {
        "say",
        "tell",
        "add",
        "insist",
        "claim",
        "argue",
        "note",
        "write",
        "tweet",
        "post",
        "explain",
        "warn",
        "announce",
        "state",
        "suggest",
        "acknowledge",
        "admit",
        "concede",
        "deny",
        "confirm",
        "contend",
        "maintain",
        "stress",
        "emphasize",
        "assert",
        "predict",
        "promise",
        "vow",
        "pledge",
        "report",
        "reveal",
        "reply",
        "respond",
        "testify",
        "declare",
        "complain",
    }
)


@dataclass
class _Found:
    """A quoted stretch with what attributes it."""

    span: QuoteSpan
    cue: Cue | None
    carried_from: int = -1  # index of the earlier stretch whose speaker this one takes
    weak_carry: bool = False  # carried inside the writer's sentence: not proof of a quote
    speaker: Speaker | None = None  # None: nobody found (or names stripped from the page)


def extract_quotes(
    doc: Doc,
    article: Article,
    mentions: list[EntityMention],
    pronoun_resolver: PronounResolver | None = None,
) -> list[Quote]:
    """Direct, partial and indirect quotes of ``article`` (``doc`` is its parse).

    ``mentions`` are the article's entity mentions (the entities stage);
    ``pronoun_resolver(doc, offset, mentions)`` may give the cluster (or the
    mention) a pronoun refers to; by default the entities stage's
    ``resolve_pronoun``. Quotes come sorted by offset, with ids
    ``{article.id}:q{n}``.
    """
    text = article.text
    spans = [q for q in find_quote_spans(text) if not furniture_quote(text, q)]
    index = MentionIndex(mentions)
    qmap = QuoteMap(doc, spans, text)
    for m in mentions:
        if m.kind in ("name", "title") and m.label in PERSON_LABELS | GROUP_LABELS:
            qmap.mark_named(m.start, m.end)
    namer = SpeakerNamer(doc, index, qmap, pronoun_resolver or default_pronoun_resolver())

    found = _attribute(doc, article, qmap, index, namer)
    quotes: list[Quote] = []
    terms: set[str] = set()
    for f in found:
        q = f.span
        quote = text[q.start : q.end]
        reason = _drop_reason(doc, text, f, quote)
        if reason == "term":
            terms.add(quote.lower())
        if reason is not None:
            continue
        speaker = f.speaker or NOBODY
        quotes.append(
            Quote(
                id="",
                article=article.id,
                start=q.start,
                end=q.end,
                text=quote,
                kind="direct" if _is_direct(text, q, quote, f.cue) else "partial",
                speaker_name=speaker.name,
                cue=_cue_text(f, found),
                speaker_cluster=speaker.cluster,
            )
        )
    if terms:  # a phrase used as a term once is a term throughout the article
        quotes = [q for q in quotes if not (q.kind == "partial" and q.text.lower() in terms)]
    quotes += _indirect(doc, article, qmap, namer)
    quotes.sort(key=lambda x: (x.start, x.end))
    for n, item in enumerate(quotes):
        item.id = f"{article.id}:q{n}"
    return quotes


def _attribute(
    doc: Doc, article: Article, qmap: QuoteMap, index: MentionIndex, namer: SpeakerNamer
) -> list[_Found]:
    """Cue and speaker of every quoted stretch, in text order."""
    text = article.text
    found: list[_Found] = []
    last: Speaker | None = None
    for n, q in enumerate(qmap.spans):
        cue = find_cue(doc, q, qmap)
        carried = -1
        opens = q.continues or _opens_sentence(doc, q, qmap)
        previous: Cue | bool | None = None
        if cue is None and opens:
            previous = True if q.continues else previous_sentence_cue(doc, q, qmap)
            if isinstance(previous, Cue):
                cue = previous
        if cue is None and _fills_paragraph(text, q):
            cue = dash_signature(doc, q, qmap)
        weak = False
        if cue is None and n > 0 and opens:
            carried = _carry_from(q, found, index, text)
        elif (cue is None or cue.how in _GUESSES) and n > 0:
            # A guess from the words around the quote yields to the speaker of
            # an earlier quote in the same sentence ("Biden, Rubio said, had
            # served “a thousand years” and passed “hundreds of bills.”").
            carried = _carry_in_paragraph(doc, q, found, qmap, same_sentence=cue is not None)
            weak = carried >= 0 and cue is None
        f = _Found(q, cue, carried, weak_carry=weak)
        if cue is not None and cue.speaker is not None and carried < 0:
            if _damaged_between(article, cue.speaker, q):
                f.speaker = None  # names stripped from the page: say nothing, keep the quote
            else:
                f.speaker = namer.name(cue.speaker, last)
        elif carried >= 0:
            f.speaker = found[carried].speaker
        if f.speaker is not None and f.speaker.name is not None:
            last = f.speaker
        found.append(f)
    return found


def _carry_from(q: QuoteSpan, found: list[_Found], index: MentionIndex, text: str) -> int:
    """The earlier stretch whose speaker ``q`` takes: the last one with a speaker,
    in the same paragraph, the one before, or across one paragraph that names
    no other person; -1 if none."""
    k = next((k for k in range(len(found) - 1, -1, -1) if found[k].speaker is not None), -1)
    if k < 0:
        return -1
    last = found[-1]
    if k < len(found) - 1 and last.span.para_start == q.para_start and not q.continues:
        # The stretch just before, in this paragraph, has no speaker ("named
        # “Criminal Minds,” “Veep” ..."): an older speaker is no better a guess.
        return -1
    prev = found[k].span
    if q.continues or prev.para_start == q.para_start:
        return k
    between = [p for p in text[prev.para_end : q.para_start].split("\n") if p.strip()]
    if not between:
        return k
    if len(between) > 1:
        return -1
    speaker = found[k].speaker
    cluster = speaker.cluster if speaker is not None else -1
    others = [
        m
        for m in index.between(prev.para_end, q.para_start)
        if m.label in PERSON_LABELS and m.cluster != cluster and m.kind == "name"
    ]
    return -1 if others else k


def _carry_in_paragraph(
    doc: Doc, q: QuoteSpan, found: list[_Found], qmap: QuoteMap, same_sentence: bool = False
) -> int:
    """A quote with no cue of its own, later in the paragraph of a quote whose
    speaker is known, where no verb of saying comes between (``“...,” said Aida.
    Biden “kind of misspoke.”``): the same speaker is still talking; -1 if not."""
    if not found:
        return -1
    k = len(found) - 1
    prev = found[k]
    if prev.speaker is None or prev.speaker.name is None or prev.span.para_start != q.para_start:
        return -1
    between = doc.char_span(prev.span.close_end, q.open_at, alignment_mode="expand")
    if between is None:
        return -1
    if same_sentence and any(
        t.text in (".", "!", "?") and not qmap.quoted(t) for t in between
    ):
        return -1
    own = (prev.cue.start, prev.cue.end) if prev.cue is not None else (-1, -1)
    if any(
        not qmap.quoted(t) and is_cue(t) and not own[0] <= t.idx < own[1] for t in between
    ):
        return -1
    return k


def _opens_sentence(doc: Doc, q: QuoteSpan, qmap: QuoteMap) -> bool:
    """The quote is its sentence's main content: nothing but a connective before it
    (``Now, “...”``, ``And “...”``)."""
    if _starts_sentence(qmap.text, q):
        return True
    before, _ = frame_tokens(doc, q, qmap)
    words = [t for t in before if not t.is_punct]
    if len(words) <= 2 and not any(t.pos_ in ("VERB", "AUX", "PROPN", "NOUN") for t in words):
        return True
    # "Unless rivals quit, “it is very difficult ...”": the quoted words are the
    # main clause, what goes before only sets the scene.
    root = before[-1].sent.root if before else None
    return root is not None and qmap.quoted(root) and q.start <= root.idx < q.end


def _starts_sentence(text: str, q: QuoteSpan) -> bool:
    lead = text[q.para_start : q.open_at].rstrip()
    return not lead or lead[-1] in '.!?"”’'


def _fills_paragraph(text: str, q: QuoteSpan) -> bool:
    return not text[q.para_start : q.open_at].strip() and not text[q.close_end : q.para_end].strip(
        ' .,"”’'
    )


def _damaged_between(article: Article, speaker: Token, q: QuoteSpan) -> bool:
    """Whether names were stripped where the speaker should be: inside the
    speaker's own phrase (``‘s ambassador``) or as the missing subject of the
    verb that governs the quote (``which emerged after [] proposed a “truce”``)."""
    if not article.damage:
        return False
    lo, hi = speaker.left_edge.idx, speaker.right_edge.idx + len(speaker.right_edge.text)
    if any(d.start < hi and lo < d.end for d in article.damage):
        return True
    inner = speaker.doc.char_span(q.start, q.end, alignment_mode="expand")
    if inner is None:
        return False
    verb = next((a for a in inner.root.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if verb is None or any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return False
    end = verb.idx + len(verb.text)
    return any(d.start <= end and verb.idx - d.end <= 2 for d in article.damage)


# --- which stretches are quotes ------------------------------------------------------


def _words(text: str) -> int:
    return len(text.split())


def _min_words(f: _Found, text: str) -> int:
    named = f.speaker is not None and f.speaker.name is not None
    if f.cue is not None and (f.speaker is None or named):
        return _MIN_WORDS.get(f.cue.how, MIN_UNATTRIBUTED_WORDS)
    if f.carried_from >= 0 and named and not f.weak_carry:
        return 1
    if not _starts_sentence(text, f.span):
        # Words in marks inside the writer's own sentence, said by nobody: a
        # term ("efforts to create a “coalition of the willing”"), unless long.
        return MIN_UNATTRIBUTED_WORDS + 2
    return MIN_UNATTRIBUTED_WORDS


def _drop_reason(doc: Doc, text: str, f: _Found, quote: str) -> str | None:
    """Why a quoted stretch is not a quote (``None``: it is one)."""
    if _is_term(text, f.span, quote) or _named_subject(doc, text, f.span, quote):
        return "term"
    if _words(quote) < _min_words(f, text):
        return "short"
    if (
        f.cue is not None
        and f.cue.how == "syntax"
        and _words(quote) <= 3
        and (f.speaker is None or f.speaker.name is None)
    ):
        verb = doc.char_span(f.cue.start, f.cue.end, alignment_mode="expand")
        if verb is not None and verb.root.lemma_ in NAMING_VERBS:
            return "name"  # "a group called “X”"
    return None


def _is_title_case(text: str) -> bool:
    content = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if w.lower() not in _TITLE_WORDS]
    return bool(content) and all(w[0].isupper() for w in content)


def _is_term(text: str, q: QuoteSpan, quote: str) -> bool:
    """Scare quotes, names of works and words quoted as words."""
    lead = text[max(q.para_start, q.open_at - 40) : q.open_at]
    if _TERM_LEAD.search(lead):
        return True
    if _words(quote) > 6 or not _is_title_case(quote):
        return False
    if _WORK_LEAD.search(lead):
        return True
    # Several capitalised words inside a sentence name a show, book or slogan
    # ("told “Fox and Friends”"), unless the whole paragraph is a headline.
    capitals = sum(1 for w in quote.split() if w[:1].isupper())
    inside = bool(lead.strip()) and lead.rstrip()[-1:].isalnum()
    return capitals >= 2 and inside and not _is_title_case(text[q.para_start : q.para_end])


def _named_subject(doc: Doc, text: str, q: QuoteSpan, quote: str) -> bool:
    """``Starmer said the “coalition of the willing” had agreed``: a short noun
    phrase in marks that is the subject of the writer's clause names a thing."""
    if _words(quote) > 5 or not text[max(0, q.open_at - 4) : q.open_at].lower().endswith("the "):
        return False
    inner = doc.char_span(q.start, q.end, alignment_mode="expand")
    if inner is None:
        return False
    root = inner.root
    return (
        root.pos_ in ("NOUN", "PROPN")
        and root.dep_ in ("nsubj", "nsubjpass")
        and not (q.start <= root.head.idx < q.end)
    )


def _is_direct(text: str, q: QuoteSpan, quote: str, cue: Cue | None) -> bool:
    """A statement in its own right, not words running on inside the writer's
    sentence (``accused him of “playing games”`` is partial)."""
    lead = text[q.para_start : q.open_at].rstrip()
    if not lead or lead[-1] in ":,;(—–-\"”'’.!?":
        return True
    last = lead.split()[-1].lower()
    return quote[:1].isupper() and cue is not None and last == cue.text.split()[-1].lower()


def _cue_text(f: _Found, found: list[_Found]) -> str | None:
    if f.carried_from >= 0:  # the speaker, and so the cue, of an earlier quote
        cue = found[f.carried_from].cue
        return cue.text if cue is not None else None
    if f.cue is not None:
        # With the speaker's name stripped from the page the verb found may not be his.
        return f.cue.text if f.speaker is not None else None
    return None


# --- indirect quotes -----------------------------------------------------------------


def _indirect(doc: Doc, article: Article, qmap: QuoteMap, namer: SpeakerNamer) -> list[Quote]:
    """``Starmer said that ...``: the clause a speech verb reports, where it holds
    no quote marks (those are direct or partial quotes already)."""
    out: list[Quote] = []
    for tok in doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in _REPORTING:
            continue
        if qmap.quoted_at(tok.idx):
            continue
        clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i), None)
        if clause is None:
            continue  # "“...,” he said": the quote before the verb is direct
        if sum(1 for t in clause.subtree if not t.is_punct) < 4 or not any(
            c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children
        ):
            continue  # a finite clause only: "said that, to deter him, ..." is not one
        start = clause.left_edge
        while start.i < clause.i and (
            start.is_punct or (start.dep_ == "mark" and start.lower_ in ("that", "whether", "if"))
        ):
            start = doc[start.i + 1]
        end = clause.right_edge
        while end.i > start.i and end.is_punct:
            end = doc[end.i - 1]
        s, e = start.idx, end.idx + len(end.text)
        if any(q.open_at < e and s < q.close_end for q in qmap.spans):
            continue
        speaker_token = speaker_of(tok, qmap)
        if speaker_token is None:
            continue
        sentence = tok.sent
        if any(d.start < tok.idx and sentence.start_char < d.end for d in article.damage) and (
            speaker_token.i < sentence.start
            or not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
        ):
            continue  # the sentence lost a name before its verb: do not guess who spoke
        speaker = namer.name(speaker_token, None)
        out.append(
            Quote(
                id="",
                article=article.id,
                start=s,
                end=e,
                text=article.text[s:e],
                kind="indirect",
                speaker_name=speaker.name,
                cue=tok.text,
                speaker_cluster=speaker.cluster,
            )
        )
    return out
