"""extract: one spaCy pass per article; entities, quotes, figures and time references from it,
and the article's story-clustering features (lemmas, entity keys) from the same ``Doc``.

Every extractor reads the same ``Doc``; offsets index ``Article.text``. The model loads
once per process (``nlp.load_nlp``). One failing extractor on one article is logged and
leaves that field empty; it never stops the batch.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..cluster.features import ArticleFeatures, article_features
from ..model import Article
from .nlp import load_nlp, parsed_texts
from .settings import current as current_settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Extraction", "extract_articles", "extract_from_doc"]

log = logging.getLogger(__name__)


@dataclass
class Extraction:
    """What a batch's NLP pass produced besides the articles' own fields: the clustering
    features of each article, and the extractors that failed per article id."""

    features: dict[str, ArticleFeatures] = field(default_factory=dict)
    failures: dict[str, list[str]] = field(default_factory=dict)


def extract_from_doc(article: Article, doc: "Doc") -> list[str]:
    """Fill the article's extraction fields from its parsed text. Returns the names of
    extractors that failed (logged; their field is left empty)."""
    from .entities import extract_entities
    from .figures import extract_figures
    from .quotes import extract_quotes
    from .time_refs import extract_time_refs

    failed: list[str] = []

    def attempt(name: str, run):  # type: ignore[no-untyped-def]
        try:
            return run()
        except Exception:  # one extractor's bug must not lose the article
            log.exception("%s failed on %s", name, article.source)
            failed.append(name)
            return []

    article.entities = attempt("entities", lambda: extract_entities(doc))
    article.quotes = attempt("quotes", lambda: extract_quotes(doc, article.entities))
    article.figures = attempt("figures", lambda: extract_figures(doc))
    article.time_refs = attempt("time references", lambda: extract_time_refs(doc, article.published))
    return failed


def extract_articles(articles: Sequence[Article], *, batch_size: int | None = None) -> Extraction:
    """Run the pipeline over every article's text in this process and fill each article
    in place, with the ``extract`` settings in force (``extract.settings``; ``batch_size``
    defaults to ``extract.nlp_batch_size``). (Parallel runs map this over chunks through a
    runner: ``storylens.runners``.)"""
    result = Extraction()
    nlp = load_nlp()
    batch_size = current_settings().nlp_batch_size if batch_size is None else batch_size
    for article, doc in zip(articles, parsed_texts(nlp, [a.text for a in articles], batch_size)):
        _record(result, article, extract_from_doc(article, doc), article_features(article, doc))
    return result


def _record(result: Extraction, article: Article, failed: list[str], features: ArticleFeatures) -> None:
    result.features[article.id] = features
    if failed:
        result.failures[article.id] = failed
