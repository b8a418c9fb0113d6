"""Speaker rules that work on word order and tags, on hand-built parses.

The parses are written out token by token (invented words from the Kelby story
of ``test_quotes.py``), so each test pins a rule whatever a statistical parser
would make of the sentence. No model is loaded.
"""

from __future__ import annotations

from typing import NamedTuple

import spacy
from spacy.tokens import Doc, Token

from storyline.article.quote_marks import find_quote_spans
from storyline.article.quote_speakers import QuoteMap, find_cue, speaker_of
from storyline.article.quote_surface import surface_speaker

_VOCAB = spacy.blank("en").vocab  # English lexical attributes (is_punct), no model


class W(NamedTuple):
    """One token: text, coarse and fine tag, dependency, head index, lemma, entity."""

    text: str
    pos: str
    tag: str
    dep: str
    head: int
    lemma: str = ""
    ent: str = ""


def build(text: str, words: list[W]) -> Doc:
    """A parsed Doc over ``text`` from hand-written tokens (spaces read from the text)."""
    spaces, at = [], 0
    for w in words:
        at = text.index(w.text, at) + len(w.text)
        spaces.append(text[at : at + 1] == " ")
    ents, previous = [], ""
    for w in words:
        ents.append("O" if not w.ent else ("I-" if w.ent == previous else "B-") + w.ent)
        previous = w.ent
    doc = Doc(
        _VOCAB,
        words=[w.text for w in words],
        spaces=spaces,
        pos=[w.pos for w in words],
        tags=[w.tag for w in words],
        deps=[w.dep for w in words],
        heads=[w.head for w in words],
        lemmas=[w.lemma or w.text.lower() for w in words],
        ents=ents,
    )
    assert doc.text == text
    return doc


def word(doc: Doc, text: str) -> Token:
    return next(t for t in doc if t.text == text)


def test_the_name_before_a_description_set_off_by_commas() -> None:
    text = "Alarmed by the storm, Port Director Tomas Berg, the harbour chief, said"
    doc = build(
        text,
        [
            W("Alarmed", "VERB", "VBN", "advcl", 14),
            W("by", "ADP", "IN", "agent", 0),
            W("the", "DET", "DT", "det", 3),
            W("storm", "NOUN", "NN", "pobj", 1),
            W(",", "PUNCT", ",", "punct", 14),
            W("Port", "PROPN", "NNP", "compound", 8),
            W("Director", "PROPN", "NNP", "compound", 8),
            W("Tomas", "PROPN", "NNP", "compound", 8, ent="PERSON"),
            W("Berg", "PROPN", "NNP", "conj", 3, ent="PERSON"),
            W(",", "PUNCT", ",", "punct", 8),
            W("the", "DET", "DT", "det", 12),
            W("harbour", "NOUN", "NN", "compound", 12),
            W("chief", "NOUN", "NN", "appos", 8),
            W(",", "PUNCT", ",", "punct", 14),
            W("said", "VERB", "VBD", "ROOT", 14, "say"),
        ],
    )
    got = surface_speaker(list(doc), word(doc, "said"))
    assert got is not None and got.text == "Berg"


def test_the_name_before_brackets() -> None:
    text = "Harbour Minister Mara Jensen (Lab) said"
    doc = build(
        text,
        [
            W("Harbour", "PROPN", "NNP", "compound", 3),
            W("Minister", "PROPN", "NNP", "compound", 3),
            W("Mara", "PROPN", "NNP", "compound", 3, ent="PERSON"),
            W("Jensen", "PROPN", "NNP", "nsubj", 7, ent="PERSON"),
            W("(", "PUNCT", "-LRB-", "punct", 3),
            W("Lab", "PROPN", "NNP", "appos", 3),
            W(")", "PUNCT", "-RRB-", "punct", 3),
            W("said", "VERB", "VBD", "ROOT", 7, "say"),
        ],
    )
    got = surface_speaker(list(doc), word(doc, "said"))
    assert got is not None and got.text == "Jensen"


def test_a_dateline_is_not_the_first_name_of_the_sentence() -> None:
    text = "KELBY, March 3 — In reply, her aide rallied supporters, saying"
    doc = build(
        text,
        [
            W("KELBY", "PROPN", "NNP", "npadvmod", 10, ent="GPE"),
            W(",", "PUNCT", ",", "punct", 0),
            W("March", "PROPN", "NNP", "appos", 0, ent="DATE"),
            W("3", "NUM", "CD", "nummod", 2, ent="DATE"),
            W("—", "PUNCT", ":", "punct", 10),
            W("In", "ADP", "IN", "prep", 10),
            W("reply", "NOUN", "NN", "pobj", 5),
            W(",", "PUNCT", ",", "punct", 10),
            W("her", "PRON", "PRP$", "poss", 9),
            W("aide", "NOUN", "NN", "dep", 10),
            W("rallied", "VERB", "VBD", "ROOT", 10, "rally"),
            W("supporters", "NOUN", "NNS", "dobj", 10),
            W(",", "PUNCT", ",", "punct", 10),
            W("saying", "VERB", "VBG", "advcl", 10, "say"),
        ],
    )
    got = surface_speaker(list(doc), word(doc, "saying"))
    assert got is None or got.text != "KELBY"


def test_no_speaker_after_a_participle() -> None:
    text = "accusing the council of"
    doc = build(
        text,
        [
            W("accusing", "VERB", "VBG", "ROOT", 0, "accuse"),
            W("the", "DET", "DT", "det", 2),
            W("council", "NOUN", "NN", "dobj", 0),
            W("of", "ADP", "IN", "prep", 0),
        ],
    )
    assert surface_speaker(list(doc), doc[0]) is None


def test_the_object_of_a_finite_verb_is_not_its_speaker() -> None:
    text = "urged the islanders"
    doc = build(
        text,
        [
            W("urged", "VERB", "VBD", "ROOT", 0, "urge"),
            W("the", "DET", "DT", "det", 2),
            W("islanders", "NOUN", "NNS", "dobj", 0),
        ],
    )
    assert surface_speaker(list(doc), doc[0]) is None


def test_an_inverted_speaker_parsed_as_an_object_still_speaks() -> None:
    text = ", said Berg,"
    doc = build(
        text,
        [
            W(",", "PUNCT", ",", "punct", 1),
            W("said", "VERB", "VBD", "ROOT", 1, "say"),
            W("Berg", "PROPN", "NNP", "dobj", 1, ent="PERSON"),
            W(",", "PUNCT", ",", "punct", 1),
        ],
    )
    got = surface_speaker(list(doc), doc[1], after_quote=True)
    assert got is not None and got.text == "Berg"


def test_a_surname_the_tagger_took_for_another_word() -> None:
    # "“...,” From said" and "“...,” said Skelly," with the names mistagged.
    before = build(
        "From said",
        [W("From", "ADP", "IN", "nsubj", 1), W("said", "VERB", "VBD", "ROOT", 1, "say")],
    )
    got = surface_speaker(list(before), before[1], after_quote=True)
    assert got is not None and got.text == "From"
    after = build(
        ", said Quell,",
        [
            W(",", "PUNCT", ",", "punct", 1),
            W("said", "VERB", "VBD", "ROOT", 1, "say"),
            W("Quell", "ADV", "RB", "advmod", 1),
            W(",", "PUNCT", ",", "punct", 1),
        ],
    )
    got = surface_speaker(list(after), after[1], after_quote=True)
    assert got is not None and got.text == "Quell"


def test_a_date_is_never_the_subject_that_speaks() -> None:
    text = "Saturday Jensen said"
    doc = build(
        text,
        [
            W("Saturday", "PROPN", "NNP", "nsubj", 2, ent="DATE"),
            W("Jensen", "PROPN", "NNP", "appos", 0, ent="PERSON"),
            W("said", "VERB", "VBD", "ROOT", 2, "say"),
        ],
    )
    qmap = QuoteMap(doc, [], text)
    got = speaker_of(doc[2], qmap)
    assert got is None or got.text != "Saturday"


def test_a_clause_hung_on_the_quotes_verb_still_leads_in() -> None:
    # The parser made the writer's verb a complement of the quoted "think".
    text = 'Fenwick also doubted the figures -- "I think they will double."'
    doc = build(
        text,
        [
            W("Fenwick", "PROPN", "NNP", "nsubj", 2, ent="PERSON"),
            W("also", "ADV", "RB", "advmod", 2),
            W("doubted", "VERB", "VBD", "ccomp", 8, "doubt"),
            W("the", "DET", "DT", "det", 4),
            W("figures", "NOUN", "NNS", "dobj", 2),
            W("--", "PUNCT", ":", "punct", 8),
            W('"', "PUNCT", "``", "punct", 8),
            W("I", "PRON", "PRP", "nsubj", 8),
            W("think", "VERB", "VBP", "ROOT", 8),
            W("they", "PRON", "PRP", "nsubj", 11),
            W("will", "AUX", "MD", "aux", 11),
            W("double", "VERB", "VB", "ccomp", 8),
            W(".", "PUNCT", ".", "punct", 8),
            W('"', "PUNCT", "''", "punct", 8),
        ],
    )
    spans = find_quote_spans(text)
    assert len(spans) == 1
    cue = find_cue(doc, spans[0], QuoteMap(doc, spans, text))
    assert cue is not None and cue.speaker is not None
    assert cue.speaker.text == "Fenwick"


def test_a_surname_tagged_as_a_modal_inside_a_sentence() -> None:
    # "..., Will described the plan as “...”": the columnist, not the modal.
    text = "After the storm, Will described"
    doc = build(
        text,
        [
            W("After", "ADP", "IN", "prep", 5),
            W("the", "DET", "DT", "det", 2),
            W("storm", "NOUN", "NN", "pobj", 0),
            W(",", "PUNCT", ",", "punct", 5),
            W("Will", "AUX", "MD", "aux", 5),
            W("described", "VERB", "VBD", "ROOT", 5, "describe"),
        ],
    )
    got = surface_speaker(list(doc), word(doc, "described"))
    assert got is not None and got.text == "Will"
    # At the start of a sentence a capitalised modal is only a modal.
    opening = build(
        "Will described",
        [W("Will", "AUX", "MD", "aux", 1), W("described", "VERB", "VBN", "ROOT", 1, "describe")],
    )
    assert surface_speaker(list(opening), opening[1]) is None


def test_a_main_verb_parsed_as_a_clause_on_the_name() -> None:
    # "Tomas Berg, the port director, on Tuesday called ..." with "called" hung
    # on "Berg" as a relative clause.
    text = "Tomas Berg, the director, on Tuesday called"
    doc = build(
        text,
        [
            W("Tomas", "PROPN", "NNP", "compound", 1, ent="PERSON"),
            W("Berg", "PROPN", "NNP", "ROOT", 1, ent="PERSON"),
            W(",", "PUNCT", ",", "punct", 1),
            W("the", "DET", "DT", "det", 4),
            W("director", "NOUN", "NN", "appos", 1),
            W(",", "PUNCT", ",", "punct", 1),
            W("on", "ADP", "IN", "prep", 8),
            W("Tuesday", "PROPN", "NNP", "pobj", 6, ent="DATE"),
            W("called", "VERB", "VBN", "relcl", 1, "call"),
        ],
    )
    got = speaker_of(doc[8], QuoteMap(doc, [], text))
    assert got is not None and got.text == "Berg"
