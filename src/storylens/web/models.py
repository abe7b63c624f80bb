"""Pydantic models of the JSON API: they describe the responses in the OpenAPI schema.

Field names are those of ``docs/json-schema.md`` (articles and their records) and of
the JSON report's stories. Story objects allow extra fields: later stages (compare,
brief) add them, never rename.
"""

from __future__ import annotations

from datetime import timezone
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..clean.common import parse_datetime

from ..store.listing import ArticleSummary, StorySummary

__all__ = [
    "ErrorBody", "SpanOut", "EntityOut", "QuoteOut", "FigureOut", "TimeRefOut", "RemovedOut",
    "ArticleOut", "StoryEntityOut", "ArticleUpdateOut", "SyndicationGroupOut", "StoryOut",
    "StoryListOut", "CitationOut", "CitedQuoteOut", "CitedFigureOut",
    "CitedTimeRefOut", "SpanCitationOut", "FactOut", "ConflictSideOut", "ConflictOut", "DiffOpOut",
    "QuoteVariantOut", "QuoteGroupOut", "ExclusivesOut", "FramingCueOut", "TimelineMentionOut",
    "TimelineEventOut", "BriefLineOut", "BriefQuotedOut", "BriefOut", "ComparisonOut", "StoryPageOut", "StoryRecordsOut", "CitedSpanOut", "ArticleVersionOut", "ArticlePageOut", "ArticleListOut",
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
    genre: str = Field(default="news", description="news, opinion or blog: only news corroborates a fact")
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


class ArticleUpdateOut(BaseModel):
    """How a story's member article was updated (``updated_articles`` of a story)."""

    versions: int = Field(description="How many versions of the page are stored, the latest included.")
    previous: list[str] = Field(description="The older versions' ids, oldest first.")
    updated_at: str = Field(description="When this version replaced the one before.")


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
    updated_articles: dict[str, ArticleUpdateOut] | None = Field(default=None, description=(
        "The member articles fetched again with changed text since first stored, by id (the member is the "
        "latest version); null when none was."))


class StoryListOut(BaseModel):
    total: int
    limit: int
    offset: int
    sort: str
    stories: list[StorySummary]
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


class SpanCitationOut(BaseModel):
    """A citation of the compare and brief stages (docs/json-schema.md), plus where it opens."""

    model_config = ConfigDict(extra="allow")
    article_id: str
    start: int
    end: int
    text: str
    field: str | None = Field(default=None, description="'headline' when the span indexes the headline.")
    outlet: str | None = Field(default=None, description=(
        "The cited article's outlet (its file name when unknown, as in a fact's outlets)."))
    url: str = Field(description="Opens the article with the span highlighted (its page, for a headline span).")


class FactOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    statement: str
    support: list[SpanCitationOut]
    independent_sources: int
    status: str
    asserted_by: str
    outlets: list[str]


class ConflictSideOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    claim: str
    asserted_by: str
    citation: SpanCitationOut
    value: float | None = None


class ConflictOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    kind: str
    about: str
    sides: list[ConflictSideOut]
    fact_ids: list[str]


class DiffOpOut(BaseModel):
    op: str
    ref: list[str]
    variant: list[str]


class QuoteVariantOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    article_id: str
    citation: SpanCitationOut
    fidelity: str
    kind: str
    speaker: str | None = None
    against: int | None = None
    coverage: float | None = None
    diff: list[DiffOpOut]


class QuoteGroupOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    speaker: str | None
    speaker_name: str | None
    speakers: list[str]
    attribution_differs: bool
    fidelity: str
    articles: list[str]
    independent_sources: int
    variants: list[QuoteVariantOut]


class ExclusivesOut(BaseModel):
    only_in: dict[str, list[str]] = Field(description="Outlet -> ids of facts only it reports.")
    missing_from: dict[str, list[str]] = Field(description="Outlet -> ids of corroborated facts it leaves out.")


class FramingCueOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    article_id: str
    kind: str
    cue: str
    citation: SpanCitationOut
    neutral: str | None = None
    note: str | None = None


class TimelineMentionOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    article_id: str
    ref: SpanCitationOut
    sentence: SpanCitationOut
    value: str
    inferred_anchor: bool


class TimelineEventOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    date: str
    granularity: str
    description: SpanCitationOut
    articles: list[str]
    inferred_anchor: bool
    background: bool = False
    mentions: list[TimelineMentionOut]


class BriefLineOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    text: str
    citations: list[SpanCitationOut]
    date: str | None = None


class BriefQuotedOut(BaseModel):
    model_config = ConfigDict(extra="allow")
    speaker: str | None
    name: str | None
    outlets: list[str]
    outlet_count: int
    utterances: int
    citations: list[SpanCitationOut]


class BriefOut(BaseModel):
    summary: list[BriefLineOut]
    single_source: list[BriefLineOut] = Field(default_factory=list)
    disputed: list[BriefLineOut]
    timeline: list[BriefLineOut]
    quoted: list[BriefQuotedOut]
    hashtags: list[str]


class ComparisonOut(BaseModel):
    """The compare and brief stages' sections of a story, named as in docs/json-schema.md."""

    facts: list[FactOut]
    conflicts: list[ConflictOut]
    quote_variants: list[QuoteGroupOut] = Field(default_factory=list)
    exclusives: ExclusivesOut | None = None
    framing: list[FramingCueOut] = Field(default_factory=list)
    timeline: list[TimelineEventOut] = Field(default_factory=list)
    brief: BriefOut | None = None
    hashtags: list[str] = Field(default_factory=list)
    entity_links: dict[str, str] = Field(default_factory=dict)


class StoryPageOut(BaseModel):
    story: StoryOut
    articles: list[ArticleSummary]
    quotes: list[CitedQuoteOut]
    figures: list[CitedFigureOut]
    time_refs: list[CitedTimeRefOut]
    comparison: ComparisonOut | None = Field(description=(
        "What the compare and brief stages stored for this story; every citation in it also carries the "
        "article's outlet and the URL that opens it at the span. null until they have run."))
    notices: list[str]


class StoryRecordsOut(BaseModel):
    """The records page of a story: its articles' quotes, figures and time references."""

    story_id: str
    quotes: list[CitedQuoteOut]
    figures: list[CitedFigureOut]
    time_refs: list[CitedTimeRefOut]


class CitedSpanOut(BaseModel):
    start: int
    end: int
    text: str


class ArticleVersionOut(BaseModel):
    """One version of a page fetched again with changed text (``Store.article_history``)."""

    id: str
    headline: str | None
    outlet: str | None
    published: str | None
    url: str | None
    ingested_at: str | None
    superseded_by: str | None = Field(description="The next version's id; null for the latest version.")
    superseded_at: str | None = Field(description="When the next version replaced this one; null for the latest.")


class ArticlePageOut(BaseModel):
    article: ArticleOut
    citation: CitedSpanOut | None
    syndication_group: SyndicationGroupOut | None
    duplicate_of: ArticleSummary | None
    duplicates: list[ArticleSummary]
    versions: list[ArticleVersionOut] = Field(description=(
        "Every version of this article's page, oldest first, when it was fetched again with changed text "
        "(lists and search show the latest only); empty when it has one version."))


class ArticleListOut(BaseModel):
    total: int
    limit: int
    offset: int
    articles: list[ArticleSummary]


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


_TIME_HELP = ("A date or date-time (ISO 8601 or as written on a page); one that is not a date is ignored "
              "(and recorded as such), one that cannot be placed in UTC (an offset of 24 hours or more, "
              "outside the years 1 to 9999) is refused.")


class IngestArticleIn(BaseModel):
    """One article to add: its extracted text and what is known about it (explicit metadata)."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=1_000_000)
    headline: str | None = Field(default=None, max_length=2000)
    outlet: str | None = Field(default=None, max_length=500)
    url: str | None = Field(default=None, max_length=4000)
    published: str | None = Field(default=None, max_length=100, description=_TIME_HELP)
    updated: str | None = Field(default=None, max_length=100, description=_TIME_HELP)
    language: str | None = Field(default=None, max_length=20)
    byline: str | None = Field(default=None, max_length=500)
    genre: str | None = Field(default=None, max_length=50, description=(
        "news, opinion or blog; another value is ignored (and recorded as such). An opinion or blog "
        "article can state a fact but never corroborates it."))

    @field_validator("published", "updated")
    @classmethod
    def _placeable_in_utc(cls, value: str | None) -> str | None:
        parsed = parse_datetime(value) if value else None
        if parsed is not None:
            try:
                parsed[0].astimezone(timezone.utc)
            except OverflowError:
                raise ValueError(f"{value!r} falls outside the years 1 to 9999 once converted to UTC") from None
            except ValueError:  # dateutil accepts offsets of a day or more, which Python cannot apply
                raise ValueError(f"{value!r} has a UTC offset of 24 hours or more") from None
        return value


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
