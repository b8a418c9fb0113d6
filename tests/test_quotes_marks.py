"""Quote marks alone: which stretches of a text are quoted (no spaCy)."""

from __future__ import annotations

from storyline.article.quote_marks import find_quote_spans


def quoted(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_quote_spans(text)]


def test_curly_and_straight_double_marks() -> None:
    text = 'Mara Jensen said: “We will rebuild the pier.” Her deputy added: "Not this year."'
    assert quoted(text) == ["We will rebuild the pier.", "Not this year."]


def test_offsets_exclude_the_marks() -> None:
    text = "The mayor called it “a disgrace” on Monday."
    (span,) = find_quote_spans(text)
    assert text[span.start : span.end] == "a disgrace"
    assert text[span.open_at] == "“" and text[span.close_end - 1] == "”"
    assert span.closed and not span.single


def test_wire_style_double_apostrophes() -> None:
    text = "''It was a long night,'' the harbour master said."
    assert quoted(text) == ["It was a long night,"]


def test_single_marks_outside_doubles_and_apostrophes_ignored() -> None:
    text = "Fenwick slams council's 'hollow promises' as voters' patience wears thin"
    assert quoted(text) == ["hollow promises"]


def test_single_marks_inside_a_double_quote_stay_part_of_it() -> None:
    text = "“He told me ‘wait’, and I waited,” she said."
    assert quoted(text) == ["He told me ‘wait’, and I waited,"]


def test_unclosed_quote_runs_to_paragraph_end_and_next_paragraph_continues() -> None:
    text = (
        "Speaking on Harbour Radio, Mara Jensen said: “The tide has turned.\n\n"
        "“We are asking every family to register by Friday.”\n\n"
        "The council meets again next week."
    )
    spans = find_quote_spans(text)
    assert [text[s.start : s.end] for s in spans] == [
        "The tide has turned.",
        "We are asking every family to register by Friday.",
    ]
    assert not spans[0].closed
    assert spans[1].continues and spans[1].closed


def test_a_new_paragraph_after_a_closed_quote_does_not_continue() -> None:
    text = "“One,” she said.\n\n“Two.”"
    spans = find_quote_spans(text)
    assert [s.continues for s in spans] == [False, False]


def test_markup_attributes_are_not_quotes() -> None:
    text = '<tweet id="12345" author="@harbourcouncil">Ferry back on Monday</tweet>'
    assert quoted(text) == []


def test_stray_closing_mark_is_ignored() -> None:
    text = "The vote” passed. Then Jensen said “yes” to the plan."
    assert quoted(text) == ["yes"]


def test_empty_or_punctuation_only_stretches_are_dropped() -> None:
    assert quoted("He wrote “…” and “ ” in the margin.") == []
