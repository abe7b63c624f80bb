"""The clustering features of each article (``cluster.features.ArticleFeatures``) as the
NLP pass made them: so that grouping in the store (``ingest``) reads the same lemmas and
entity keys as grouping in one run (``analyze``), without parsing the text again.

``article_terms(article_id, title, body, entities, names)``: each a JSON object
(lemma or entity key -> count; entity key -> a name as written). An article stored
without them (before schema version 2) is grouped on the cheap tokenizer's features.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from sqlalchemy import Column, Connection, String, Table, Text, insert, select

from ..cluster.features import ArticleFeatures
from ..model import Article
from .schema import _article_fk, metadata

__all__ = ["article_terms", "insert_terms", "load_terms"]

_LOOKUP_CHUNK = 500

article_terms = Table(
    "article_terms",
    metadata,
    Column("article_id", String, _article_fk(), primary_key=True),
    Column("title", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("entities", Text, nullable=False),
    Column("names", Text, nullable=False),
)


def insert_terms(conn: Connection, articles: Sequence[Article], features: Mapping[str, ArticleFeatures]) -> None:
    rows = [{"article_id": a.id, "title": _dump(f.title), "body": _dump(f.body), "entities": _dump(f.entities),
             "names": _dump(f.names or {})}
            for a in articles if (f := features.get(a.id)) is not None]
    if rows:
        conn.execute(insert(article_terms), rows)


def load_terms(conn: Connection, articles: Sequence[Article]) -> dict[str, ArticleFeatures]:
    """Stored features of these articles (those that have them), with each article's
    publication time, headline and outlet."""
    by_id = {a.id: a for a in articles}
    ids = list(by_id)
    t = article_terms
    out: dict[str, ArticleFeatures] = {}
    for start in range(0, len(ids), _LOOKUP_CHUNK):
        chunk = ids[start:start + _LOOKUP_CHUNK]
        for row in conn.execute(select(t).where(t.c.article_id.in_(chunk))):
            article = by_id[row.article_id]
            out[row.article_id] = ArticleFeatures(row.article_id, json.loads(row.title), json.loads(row.body),
                                                  json.loads(row.entities), article.published, article.headline,
                                                  json.loads(row.names), article.outlet)
    return out


def _dump(counts: Mapping[str, object]) -> str:
    return json.dumps(counts, ensure_ascii=False, sort_keys=True)
