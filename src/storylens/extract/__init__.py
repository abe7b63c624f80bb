"""extract: one spaCy pass per article; entities, quotes, figures and time references from it.

Every extractor reads the same ``Doc``; offsets index ``Article.text``. The model loads
once per process (``nlp.load_nlp``). One failing extractor on one article is logged and
leaves that field empty; it never stops the batch.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..model import Article
from .nlp import load_nlp

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["extract_articles", "extract_from_doc"]

log = logging.getLogger(__name__)


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


def extract_articles(articles: Sequence[Article], *, n_process: int = 1, batch_size: int = 32) -> dict[str, list[str]]:
    """Run the pipeline over every article's text in batches (``n_process`` worker
    processes) and fill each article in place. Returns ``{article id: failed extractors}``
    for the articles where something failed."""
    nlp = load_nlp()
    failures: dict[str, list[str]] = {}
    docs = nlp.pipe((a.text for a in articles), batch_size=batch_size, n_process=n_process)
    for article, doc in zip(articles, docs):
        failed = extract_from_doc(article, doc)
        if failed:
            failures[article.id] = failed
    return failures
