"""The per-article stage: clean, annotate with spaCy, extract.

Each extractor is a small component that says what it adds to the
:class:`ArticleAnalysis`; later capabilities append theirs to :data:`DOC_STAGES`.
Bump :data:`PIPELINE_VERSION` whenever the per-article output changes, so cached
analyses in a store are recomputed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING

from storyline.article.clean import clean_document
from storyline.article.entities import extract_mentions
from storyline.article.events import extract_event_candidates
from storyline.article.figures import extract_figures
from storyline.article.nlp import load_pipeline
from storyline.article.quotes import extract_quotes
from storyline.article.timexes import extract_timexes
from storyline.errors import InputError
from storyline.model import Article, ArticleAnalysis, InputFailure, RawDocument
from storyline.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

PIPELINE_VERSION = "14"


@dataclass(frozen=True)
class DocStage:
    """One extractor over the annotated article."""

    name: str
    adds: str  # the ArticleAnalysis field it fills
    run: Callable[[Doc, ArticleAnalysis], None]


def _entities(doc: Doc, analysis: ArticleAnalysis) -> None:
    analysis.mentions = extract_mentions(doc, analysis.article)


def _quotes(doc: Doc, analysis: ArticleAnalysis) -> None:
    # After the entities stage: speakers are named by its mentions.
    analysis.quotes = extract_quotes(doc, analysis.article, analysis.mentions)


def _timexes(doc: Doc, analysis: ArticleAnalysis) -> None:
    analysis.timexes = extract_timexes(analysis.article.text, analysis.article, doc)


def _events(doc: Doc, analysis: ArticleAnalysis) -> None:
    # After entities (participants, places) and timexes (dates).
    analysis.event_candidates = extract_event_candidates(
        doc, analysis.article, analysis.mentions, analysis.timexes)


def _figures(doc: Doc, analysis: ArticleAnalysis) -> None:
    # Runs after the time stage when there is one: its timexes date the figures.
    analysis.figures = extract_figures(doc, analysis.article, analysis.timexes)


DOC_STAGES: tuple[DocStage, ...] = (
    DocStage("entities", "mentions", _entities),
    DocStage("quotes", "quotes", _quotes),
    DocStage("timexes", "timexes", _timexes),
    DocStage("events", "event_candidates", _events),
    DocStage("figures", "figures", _figures),
)


def clean_documents(
    raws: Iterable[RawDocument], settings: Settings
) -> Iterator[Article | InputFailure]:
    for raw in raws:
        try:
            yield clean_document(raw, settings)
        except InputError as exc:
            yield InputFailure(raw.source, exc.reason, "clean")
        except Exception as exc:  # noqa: BLE001 - one article's bug must not stop the run
            yield InputFailure(raw.source, f"{type(exc).__name__}: {exc}", "clean")


def analyze_documents(
    raws: Iterable[RawDocument], settings: Settings
) -> Iterator[ArticleAnalysis | InputFailure]:
    """Analyse documents in input order; a failing document yields an InputFailure.

    spaCy runs over windows of ``batch_size`` articles; if it fails on a window as a
    whole (one text broke it), the window is retried one article at a time, so only
    the article that fails alone is lost, never its neighbours.
    """
    nlp = load_pipeline(settings.spacy_model)
    window = max(1, settings.batch_size)
    items = iter(clean_documents(raws, settings))
    while chunk := list(islice(items, window)):
        articles = [item for item in chunk if isinstance(item, Article)]
        outcomes = dict(zip(map(id, articles), _annotate(nlp, articles), strict=True))
        for item in chunk:
            yield item if isinstance(item, InputFailure) else outcomes[id(item)]


def _annotate(nlp: Language, articles: list[Article]) -> list[ArticleAnalysis | InputFailure]:
    """spaCy and every extractor over ``articles``, one outcome each, in order."""
    fits = [a for a in articles if len(a.text) <= nlp.max_length]
    try:
        done = dict(zip(map(id, fits), nlp.pipe(a.text for a in fits), strict=True))
    except Exception:  # noqa: BLE001 - find the article that broke spaCy, keep the rest
        done = {}
    outcomes: list[ArticleAnalysis | InputFailure] = []
    for article in articles:
        if len(article.text) > nlp.max_length:
            outcomes.append(InputFailure(
                article.source,
                f"the cleaned text has {len(article.text):,} characters, over spaCy's "
                f"limit of {nlp.max_length:,}; split the article into parts",
                "nlp",
            ))
            continue
        doc = done.get(id(article))
        if doc is None:
            try:
                doc = nlp(article.text)
            except Exception as exc:  # noqa: BLE001 - this article alone fails
                outcomes.append(InputFailure(article.source, f"{type(exc).__name__}: {exc}", "nlp"))
                continue
        outcomes.append(analyze_doc(doc, article))
    return outcomes


def analyze_doc(doc: Doc, article: Article) -> ArticleAnalysis | InputFailure:
    """Run every extractor on one annotated article."""
    analysis = ArticleAnalysis(article=article)
    for stage in DOC_STAGES:
        try:
            stage.run(doc, analysis)
        except Exception as exc:  # noqa: BLE001 - one article's bug must not stop the run
            return InputFailure(article.source, f"{type(exc).__name__}: {exc}", stage.name)
    return analysis
