"""The per-article stage keeps going when spaCy itself fails on one article."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from storyline.article import pipeline
from storyline.model import ArticleAnalysis, InputFailure, RawDocument
from storyline.settings import Settings

pytestmark = pytest.mark.slow

BODY = (
    "Harbour officials in Wexcombe said on Tuesday that the ferry service would resume "
    "next week after repairs to the northern pier were finished."
)


def _raw(name: str, text: str) -> RawDocument:
    return RawDocument(source=f"{name}.txt", text=text, format="text", title=f"Title {name}")


@pytest.fixture
def nlp() -> Any:
    """The very pipeline object analyze_documents will use."""
    from storyline.article.nlp import load_pipeline

    return load_pipeline(Settings().spacy_model)


@pytest.fixture
def poisoned_nlp(nlp: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """The real pipeline, whose pipe() and __call__ raise on one marked text."""
    real_pipe, real_call = nlp.pipe, nlp.__class__.__call__

    def pipe(texts: Any, **kwargs: Any) -> Iterator[Any]:
        texts = list(texts)
        if any("POISON" in text for text in texts):
            raise RuntimeError("the tagger fell over")
        yield from real_pipe(texts, **kwargs)

    def call(self: Any, text: str, **kwargs: Any) -> Any:
        if "POISON" in text:
            raise RuntimeError("the tagger fell over")
        return real_call(self, text, **kwargs)

    monkeypatch.setattr(nlp, "pipe", pipe)
    monkeypatch.setattr(nlp.__class__, "__call__", call)
    return nlp


def test_one_text_that_breaks_spacy_fails_alone(poisoned_nlp: Any) -> None:
    raws = [_raw("a", BODY), _raw("b", BODY + " POISON"), _raw("c", BODY)]
    outcomes = list(pipeline.analyze_documents(raws, Settings(batch_size=8)))
    assert [type(o) for o in outcomes] == [ArticleAnalysis, InputFailure, ArticleAnalysis]
    failure = outcomes[1]
    assert isinstance(failure, InputFailure)
    assert failure.source == "b.txt" and failure.stage == "nlp"
    assert "the tagger fell over" in failure.reason
    assert [o.article.source for o in outcomes if isinstance(o, ArticleAnalysis)] == [
        "a.txt", "c.txt"]


def test_a_text_over_spacys_limit_is_a_clear_failure(
    nlp: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(nlp, "max_length", 400)
    long = " ".join([BODY] * 5)
    raws = [_raw("short", BODY), _raw("long", long), _raw("empty", "")]
    outcomes = list(pipeline.analyze_documents(raws, Settings(batch_size=2)))
    assert [o.source if isinstance(o, InputFailure) else o.article.source for o in outcomes] == [
        "short.txt", "long.txt", "empty.txt"]  # input order, failures in place
    assert isinstance(outcomes[0], ArticleAnalysis)
    too_long = outcomes[1]
    assert isinstance(too_long, InputFailure) and too_long.stage == "nlp"
    assert "over spaCy's limit of 400" in too_long.reason
    assert isinstance(outcomes[2], InputFailure) and outcomes[2].stage == "clean"


def test_a_bug_while_cleaning_one_article_fails_that_article_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = pipeline.clean_document

    def clean(raw: RawDocument, settings: Settings) -> Any:
        if raw.source == "b.txt":
            raise KeyError("paragraph 7")
        return real(raw, settings)

    monkeypatch.setattr(pipeline, "clean_document", clean)
    outcomes = list(pipeline.analyze_documents([_raw("a", BODY), _raw("b", BODY)], Settings()))
    assert isinstance(outcomes[0], ArticleAnalysis)
    assert outcomes[1] == InputFailure("b.txt", "KeyError: 'paragraph 7'", "clean")
