"""extract: one spaCy pass per article; entities, quotes, figures and time references from it,
and the article's story-clustering features (lemmas, entity keys) from the same ``Doc``.

Every extractor reads the same ``Doc``; offsets index ``Article.text``. The model loads
once per process (``nlp.load_nlp``). One failing extractor on one article is logged and
leaves that field empty; it never stops the batch.
"""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass, field
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..cluster.features import ArticleFeatures, article_features
from ..model import Article
from .nlp import load_nlp

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


def extract_articles(articles: Sequence[Article], *, n_process: int = 1, batch_size: int = 32) -> Extraction:
    """Run the pipeline over every article's text and fill each article in place.

    With ``n_process`` > 1, worker processes each load the model once and return only the
    extracted records and features (small), not spaCy Docs, so extraction runs in parallel.
    """
    result = Extraction()
    if n_process <= 1 or len(articles) < 2 * batch_size:
        nlp = load_nlp()
        for article, doc in zip(articles, nlp.pipe((a.text for a in articles), batch_size=batch_size)):
            _record(result, article, extract_from_doc(article, doc), article_features(article, doc))
        return result
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    chunks = [list(articles[i : i + batch_size]) for i in range(0, len(articles), batch_size)]
    context = multiprocessing.get_context("spawn" if sys.platform != "linux" else "fork")
    jobs = [[(a.id, a.text, a.headline, a.published) for a in c] for c in chunks]
    with ProcessPoolExecutor(max_workers=n_process, mp_context=context) as pool:
        for chunk, results in zip(chunks, pool.map(_extract_chunk, jobs)):
            for article, (done, failed, features) in zip(chunk, results):
                article.entities, article.quotes = done.entities, done.quotes
                article.figures, article.time_refs = done.figures, done.time_refs
                _record(result, article, failed, features)
    return result


def _record(result: Extraction, article: Article, failed: list[str], features: ArticleFeatures) -> None:
    result.features[article.id] = features
    if failed:
        result.failures[article.id] = failed


def _extract_chunk(items: list[tuple[str, str, str | None, Any]]) -> list[tuple[Article, list[str], ArticleFeatures]]:
    """Worker side: parse and extract a chunk; return each article's records and features."""
    nlp = load_nlp()
    out = []
    for (article_id, text, headline, published), doc in zip(items, nlp.pipe(t for _, t, _, _ in items)):
        article = Article(id=article_id, source="", text=text, paragraphs=[], headline=headline, published=published)
        failed = extract_from_doc(article, doc)
        out.append((article, failed, article_features(article, doc)))
    return out
