"""The speaker next to a cue verb by word order, for when the parse gives
the verb no subject.

``NAME notes``, ``said NAME, ...``, right after a quote the name that opens the
words after it (``“...,” Nate Silver, the polling guru ..., tweeted``), the name
before a description set off by commas or before brackets (``Sen. Elizabeth
Warren (D-MA) said``). Never a dateline (``WASHINGTON —``), the one spoken to
before a passive verb, nor the object of a participle or of a verb that is not
one of saying (``accusing the council of``, ``urged the electorate``); a surname
the tagger took for a modal, an adverb or a preposition still counts (``Will
described``, ``“...,” From said``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.article.quote_subjects import NOT_SPEAKER_ENTS, PRONOUNS, SAYING, word_set

if TYPE_CHECKING:
    from spacy.tokens import Token


_SKIP_BEFORE_VERB = word_set("ADV AUX PART")
_NP = word_set("PROPN NOUN PRON")


def _first_noun_run(tokens: list[Token]) -> Token | None:
    """The last word of the first noun group in ``tokens`` (skipping leading punctuation)."""
    run: list[Token] = []
    for tok in tokens:
        if not run and (tok.is_punct or tok.pos_ in ("DET", "ADJ")):
            continue
        if tok.pos_ in ("PROPN", "NOUN") and tok.ent_type_ not in NOT_SPEAKER_ENTS:
            run.append(tok)
            continue
        if not run and tok.pos_ == "PRON" and tok.lower_ in PRONOUNS:
            return tok
        break
    return run[-1] if run else None


_NON_FINITE = frozenset({"VBG", "VB", "VBN"})
_OBJECTS = frozenset({"dobj", "dative", "iobj"})


def _after_dateline(tokens: list[Token]) -> list[Token]:
    """The words after a dateline that opens a paragraph (``WASHINGTON, Dec. 8
    (UPI) —``): a place in capitals is where the story was filed, never who spoke."""
    if not tokens or not tokens[0].text.isupper() or len(tokens[0].text) < 3:
        return tokens
    first = tokens[0]
    if first.i > 0 and "\n" not in first.doc[first.i - 1].text_with_ws:
        return tokens
    for k, tok in enumerate(tokens[:12]):
        if tok.text in ("—", "–", "--", "-") and k > 0:
            return tokens[k + 1 :]
    return tokens


def _mistagged_name(frame: list[Token], k: int, after_quote: bool) -> Token | None:
    """``“...,” From said``, ``“...,” said Skelly, explaining``: right after a
    quote, a lone capitalised word beside a verb of saying is a surname the
    tagger took for another word class (the namer checks it against the
    article's people)."""
    if not after_quote or frame[k].lemma_.lower() not in SAYING:
        return None
    lead = [t for t in frame[:k] if not t.is_punct]
    if len(lead) == 1 and _capitalised(lead[0]):
        return lead[0]
    rest = frame[k + 1 : k + 3]
    if (
        not lead
        and rest
        and _capitalised(rest[0])
        and (len(rest) == 1 or rest[1].is_punct)
    ):
        return rest[0]
    return None


def _name_in_disguise(tok: Token, verb: Token) -> bool:
    """``..., Will described Trump as``, ``Early described it as``: a capitalised
    word inside a sentence, just before a lower-case verb, tagged as a modal or an
    adverb, is a surname."""
    return (
        tok.pos_ in ("AUX", "ADV", "ADJ", "PART")
        and _capitalised(tok)
        and tok.i > tok.sent.start
        and not tok.doc[tok.i - 1].is_space
        and verb.text[:1].islower()
    )


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.text.isalpha() and tok.lower_ not in PRONOUNS


def _before_participle(frame: list[Token], k: int) -> Token | None:
    """``Mr. Trump, asked about the deaths of journalists under Mr. Putin, had
    said``: a name inside a participle clause set off by commas is the object of
    its preposition; the speaker is the name before the clause."""
    if frame[k].dep_ != "pobj":
        return None
    j = k - 1
    while j > 0 and k - j < 15 and frame[j].text != ",":
        j -= 1
    if j <= 0 or frame[j].text != "," or j + 1 >= k:
        return None
    opener = frame[j + 1]
    name = frame[j - 1]
    if (
        opener.tag_ in ("VBN", "VBG", "VBD")
        and opener.dep_ in ("advcl", "acl", "relcl", "conj")
        and name.pos_ == "PROPN"
        and name.ent_type_ == "PERSON"
    ):
        return name
    return None


def _relative_head(tok: Token, verb: Token) -> Token:
    """``a White House official who spoke anonymously to discuss internal
    strategy said``: the object that ends a relative clause just before the
    verb is not its subject; the noun the clause describes is."""
    if tok.dep_ not in ("dobj", "pobj"):
        return tok
    for anc in tok.ancestors:
        if anc.i == verb.i:
            break
        if anc.dep_ == "relcl" and anc.head.pos_ in ("NOUN", "PROPN") and anc.head.i < tok.i:
            return anc.head
    return tok


def surface_speaker(frame: list[Token], verb: Token, after_quote: bool = False) -> Token | None:
    """The speaker next to a cue verb by word order alone, for when the parse
    gives the verb no subject: ``NAME notes`` or ``said NAME, ...``; right after
    a quote, the name that opens the words after it (``“...,” Nate Silver, the
    polling guru who founded FiveThirtyEight, tweeted``)."""
    k = next((n for n, tok in enumerate(frame) if tok.i == verb.i), -1)
    if k < 0:
        return None
    i = k - 1
    if i >= 0 and _name_in_disguise(frame[i], verb):
        return frame[i]
    if any(c.dep_ == "auxpass" for c in verb.children):
        # "Trump was asked, “...”", "his salespersons were told, “...”": the one
        # spoken to stands before a passive verb.
        i = -1
    while i >= 0 and frame[i].pos_ in _SKIP_BEFORE_VERB:
        i -= 1
    if i >= 0 and frame[i].text == ")":
        # "Sen. Elizabeth Warren (D-MA) said": the name before the brackets.
        j = next((j for j in range(i - 1, max(-1, i - 8), -1) if frame[j].text == "("), -1)
        i = j - 1 if j > 0 else i
    if i >= 0 and frame[i].pos_ in _NP and frame[i].ent_type_ not in NOT_SPEAKER_ENTS:
        return _relative_head(frame[i], verb)
    if after_quote and k > 0:
        head = _first_noun_run(frame[:k])
        if head is not None and (head.pos_ == "PROPN" or head.lower_ in PRONOUNS):
            return head
    odd = _mistagged_name(frame, k, after_quote)
    if odd is not None:
        return odd
    if i >= 0 and frame[i].text == ",":
        # "her senior policy adviser, Jake Sullivan, said": the name just before.
        if i > 0 and frame[i - 1].pos_ == "PROPN" and frame[i - 1].ent_type_ == "PERSON":
            return _before_participle(frame, i - 1) or frame[i - 1]
        # "Senator Harry Reid, the minority leader, said": the name before a
        # description set off by commas.
        j = i - 1
        while j > 0 and i - j < 10 and frame[j].text != "," and frame[j].pos_ != "VERB":
            j -= 1
        if (
            j > 0
            and j < i - 1
            and frame[j].text == ","
            and frame[j - 1].pos_ == "PROPN"
            and frame[j - 1].ent_type_ == "PERSON"
        ):
            return frame[j - 1]
        # "“...,” William Daley, Obama's former chief of staff, said": the first name.
        head = _first_noun_run(_after_dateline(frame[:i]))
        if head is not None:
            return head
    if verb.tag_ in _NON_FINITE:
        # Only a finite verb of saying puts its speaker after it ("said Smith");
        # after "accusing" or "to deny" comes the object.
        return None
    # "“...,” said Skelly", "“...?” asked the boy": an inverted subject the
    # parser may take for an object.
    saying = verb.lemma_.lower() in SAYING or (
        after_quote and all(t.is_punct for t in frame[:k])
    )
    run: list[Token] = []
    for tok in frame[k + 1 :]:
        if tok.pos_ in ("DET", "ADJ") and not run:
            continue
        if tok.pos_ in ("PROPN", "NOUN") and tok.ent_type_ not in NOT_SPEAKER_ENTS:
            run.append(tok)
            continue
        if tok.pos_ == "PRON" and not run and tok.lower_ in PRONOUNS:
            if tok.dep_ == "poss" or tok.tag_ == "PRP$":
                return None  # "denounced her record": whose record, not who spoke
            return tok if saying or tok.dep_ not in _OBJECTS else None
        break
    if run and not saying and run[-1].dep_ in _OBJECTS and run[-1].head.i == verb.i:
        return None  # "urged the Republican electorate": whom he urged
    return run[-1] if run else None
