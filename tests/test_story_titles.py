"""Short story titles cut from lead sentences (invented leads; no spaCy)."""

from __future__ import annotations

import pytest

from storyline.corpus.story_titles import TITLE_CHARS, short_title, tidy, trim


@pytest.mark.parametrize(
    ("lead", "title"),
    [
        (  # a fronted phrase of time goes
            "After two winters of repairs and a long dispute over costs, the Tarrow ferry "
            "returned to service on Monday.",
            "The Tarrow ferry returned to service on Monday",
        ),
        (  # a dateline and a wire tag go
            "CORVAN, Lenn Valley (AP) — Engineers closed the Tarrow flood barrier as the river "
            "rose.",
            "Engineers closed the Tarrow flood barrier as the river rose",
        ),
        (
            "VARNHOLM (Reuters) - Dock workers walked out over the new rota system.",
            "Dock workers walked out over the new rota system",
        ),
        (  # a closing attribution goes, with its day
            "Two fishing boats collided in thick fog off the Varnholm breakwater, the coastguard "
            "said on Tuesday.",
            "Two fishing boats collided in thick fog off the Varnholm breakwater",
        ),
        (  # an attribution that carries a circumstance goes too
            "Corvan and Varnholm will share the cost of a new footbridge, Mayor Ilse Brandt has "
            "said following a council vote.",
            "Corvan and Varnholm will share the cost of a new footbridge",
        ),
        (  # too long: it ends before a circumstance clause, without "…"
            "Harbour master Ines Tolle has thanked the volunteer crews for their long night "
            "after the storm surge flooded the lower town and cut the coast road.",
            "Harbour master Ines Tolle has thanked the volunteer crews for their long night",
        ),
        (  # tokenised spacing closed up
            "Police said Reid 's boat ( the Lenn Star ) sank near the quay at dawn .",
            "Police said Reid's boat (the Lenn Star) sank near the quay at dawn",
        ),
    ],
)
def test_a_lead_becomes_a_short_title(lead: str, title: str) -> None:
    assert short_title(lead) == title


def test_nothing_is_cut_that_would_leave_too_little() -> None:
    assert short_title("In Corvan, the council met.") == "In Corvan, the council met"
    assert short_title("Ferries stopped, officials said.") == "Ferries stopped, officials said"


def test_a_title_with_no_clause_to_end_at_is_cut_at_a_word() -> None:
    lead = (
        "The regional authority and three neighbouring councils of the Lenn Valley approved "
        "emergency funding of four million for the flood barrier repairs"
    )
    title = short_title(lead)
    assert title.endswith("…") and len(title) <= TITLE_CHARS + 1
    assert lead.startswith(title[:-1])


def test_tidy_and_trim() -> None:
    assert tidy("  `` Go '' , she said ; `` now '' ") == "“Go”, she said; “now”"
    assert trim("A short title.") == "A short title"
    assert trim("word " * 30, 20) == "word word word word…"
