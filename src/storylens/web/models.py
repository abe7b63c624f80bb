"""Pydantic models of the JSON API: they describe the responses in the OpenAPI schema.

Field names are those of ``docs/json-schema.md`` (articles and their records) and of
the JSON report's stories. Story objects allow extra fields: later stages (compare,
brief) add them, never rename.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = [
    "ErrorBody", "SpanOut", "EntityOut", "QuoteOut", "FigureOut", "TimeRefOut", "RemovedOut",
    "ArticleOut", "ArticleSummaryOut", "StoryEntityOut", "SyndicationGroupOut", "StoryOut",
    "StorySummaryOut", "StoryListOut", "CitationOut", "CitedQuoteOut", "CitedFigureOut",
    "CitedTimeRefOut", "StoryPageOut", "CitedSpanOut", "ArticlePageOut", "ArticleListOut",
    "SearchHitOut", "SearchOut", "IngestArticleIn", "IngestIn", "SkippedOut", "IngestOut",
]


class ErrorBody(BaseModel):
    """Every error response: the HTTP status and one line saying what is wrong."""

    status: int
    message: str


class SpanOut(BaseModel):
    start: int
    end: int


class EntityOut(BaseModel):
    key: str
    name: str
    kind: str
    aliases: list[str]
    mentions: list[SpanOut]


class QuoteOut(BaseModel):
    text: str
    start: int
    end: int
    kind: str
    speaker: str | None
    speaker_start: int | None
    speaker_end: int | None
    speaker_entity: str | None
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    medium: str | None


class FigureOut(BaseModel):
    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    bound: str
    trend: str | None
    unit: str | None
    currency: str | None
    counts: str | None
    vague: str | None


class TimeRefOut(BaseModel):
    text: str
    start: int
    end: int
    value: str
    granularity: str
    anchor: str | None


class RemovedOut(BaseModel):
    text: str
    reason: str
    line: int | None


class ArticleOut(BaseModel):
    id: str
    source: str
    url: str | None
    outlet: str | None
    headline: str | None
    byline: str | None
    published: str | None
    updated: str | None
    dateline: str | None
    language: str | None
    text: str
    credits: list[str]
    hashtags: list[str]
    feed_notice: str | None
    removed: list[RemovedOut]
    inferred: dict[str, str]
    explicit: dict[str, str]
    story_id: str | None
    duplicate_of: str | None
    syndication_group: str | None
    entities: list[EntityOut]
    quotes: list[QuoteOut]
    figures: list[FigureOut]
    time_refs: list[TimeRefOut]


class ArticleSummaryOut(BaseModel):
    id: str
    outlet: str | None
    headline: str | None
    published: str | None
    url: str | None
    story_id: str | None
    duplicate_of: str | None
    syndication_group: str | None


class StoryEntityOut(BaseModel):
    key: str
    name: str
    articles: int


class SyndicationGroupOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    members: list[str]
    agency: str | None = None
    original: str | None = None
    similarity: float | None = None
    links: list[dict[str, Any]] = Field(default_factory=list)


class StoryOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    title: str | None
    lead: str
    articles: list[str]
    entities: list[StoryEntityOut]
    first_published: str | None
    last_published: str | None
    outlets: list[str]
    independent_sources: int
    syndication_groups: list[SyndicationGroupOut]


class StorySummaryOut(BaseModel):
    id: str
    title: str | None
    lead: str
    first_published: str | None
    last_published: str | None
    article_count: int
    outlet_count: int
    independent_sources: int
    outlets: list[str]
    disputes: int | None = Field(description="Disputed points (compare stage); null until that stage has run.")


class StoryListOut(BaseModel):
    total: int
    limit: int
    offset: int
    sort: str
    stories: list[StorySummaryOut]
    notices: list[str]


class CitationOut(BaseModel):
    """Where a record comes from: the article, its span, and the URL that opens it there."""

    article_id: str
    outlet: str | None
    headline: str | None
    start: int
    end: int
    url: str


class CitedQuoteOut(BaseModel):
    citation: CitationOut
    quote: QuoteOut


class CitedFigureOut(BaseModel):
    citation: CitationOut
    figure: FigureOut


class CitedTimeRefOut(BaseModel):
    citation: CitationOut
    time_ref: TimeRefOut


class StoryPageOut(BaseModel):
    story: StoryOut
    articles: list[ArticleSummaryOut]
    quotes: list[CitedQuoteOut]
    figures: list[CitedFigureOut]
    time_refs: list[CitedTimeRefOut]
    comparison: dict[str, Any] | None = Field(description=(
        "What the compare and brief stages stored for this story (facts with their support, conflicts, "
        "quote_variants, exclusives, framing, timeline, brief, hashtags); each fact and conflict citation "
        "also carries the article's outlet and the URL that opens it at the span. null until they have run."))
    notices: list[str]


class CitedSpanOut(BaseModel):
    start: int
    end: int
    text: str


class ArticlePageOut(BaseModel):
    article: ArticleOut
    citation: CitedSpanOut | None
    syndication_group: SyndicationGroupOut | None
    duplicate_of: ArticleSummaryOut | None
    duplicates: list[ArticleSummaryOut]


class ArticleListOut(BaseModel):
    total: int
    limit: int
    offset: int
    articles: list[ArticleSummaryOut]


class SearchHitOut(BaseModel):
    article_id: str
    headline: str | None
    outlet: str | None
    published: str | None
    snippet: str = Field(description="Plain text around the matches; '…' where text was cut.")
    matches: list[SpanOut] = Field(description="Matched terms as start/end into snippet.")


class SearchOut(BaseModel):
    query: str
    limit: int
    offset: int
    hits: list[SearchHitOut]


class IngestArticleIn(BaseModel):
    """One article to add: its extracted text and what is known about it (explicit metadata)."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=1_000_000)
    headline: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=4000)
    published: str | None = Field(default=None, max_length=100)
    updated: str | None = Field(default=None, max_length=100)
    language: str | None = Field(default=None, max_length=20)
    byline: str | None = Field(default=None, max_length=500)


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    articles: list[IngestArticleIn] = Field(min_length=1, max_length=100)


class SkippedOut(BaseModel):
    source: str
    reason: str


class IngestOut(BaseModel):
    added: int
    already_present: int
    ids: list[str]
    skipped: list[SkippedOut]
