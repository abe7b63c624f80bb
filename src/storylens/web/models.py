"""Pydantic models of the JSON API: they describe the responses in the OpenAPI schema.

The models of the typed records (an article and its extraction records, a story, a
comparison's sections and their records) are generated from the dataclasses by
``web.record_models.record_model``: their fields are the records' fields, typed from
the records' type hints, plus the keys the records' ``to_dict`` derive and the API adds
(a citation's outlet and URL), so they describe what ``storylens.serialise`` writes
(docs/json-schema.md) and cannot drift from it. The models written out here describe
the pages' envelopes (lists, citations of extraction records, search, ingest).
"""

from __future__ import annotations

from datetime import timezone
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..clean.common import parse_datetime
from ..compare.brief import Brief, BriefSentence, QuotedSpeaker
from ..compare.framing import FramingCue
from ..compare.quote_variants import QuoteGroup, QuoteVariant
from ..compare.timeline import TimelineEvent, TimelineMention
from ..dedupe.copies import CopyLink, SyndicationGroup
from ..model import (Article, ArticleUpdate, Citation, Comparison, Conflict, ConflictSide, Entity, Exclusives, Fact,
                     Figure, Quote, RemovedLine, Span, StoredStory, StoryEntity, TimeRef)
from ..store.listing import ArticleSummary, StorySummary
from .record_models import record_model

__all__ = [
    "ErrorBody", "SpanOut", "EntityOut", "QuoteOut", "FigureOut", "TimeRefOut", "RemovedOut",
    "ArticleOut", "StoryEntityOut", "CopyLinkOut", "ArticleUpdateOut", "SyndicationGroupOut", "StoryOut",
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


# -- the records' models, generated from the dataclasses (web.record_models) -------------

SpanOut: Any = record_model(Span, "SpanOut", models={})
EntityOut: Any = record_model(Entity, "EntityOut", models={Span: SpanOut})
QuoteOut: Any = record_model(Quote, "QuoteOut", models={})
FigureOut: Any = record_model(Figure, "FigureOut", models={})
TimeRefOut: Any = record_model(TimeRef, "TimeRefOut", models={})
RemovedOut: Any = record_model(RemovedLine, "RemovedOut", models={})
ArticleOut: Any = record_model(
    Article, "ArticleOut", drop=("paragraphs",),  # the text's paragraphs: not in the layout (Article.to_dict)
    layout=("id", "source", "url", "outlet", "headline", "byline", "published", "updated", "dateline", "language",
            "genre", "text", "credits", "hashtags", "feed_notice", "removed", "inferred", "explicit", "story_id",
            "duplicate_of", "syndication_group", "entities", "quotes", "figures", "time_refs"),
    descriptions={"genre": "news, opinion or blog: only news corroborates a fact"},
    models={Entity: EntityOut, Quote: QuoteOut, Figure: FigureOut, TimeRef: TimeRefOut, RemovedLine: RemovedOut})
StoryEntityOut: Any = record_model(StoryEntity, "StoryEntityOut", models={})
CopyLinkOut: Any = record_model(CopyLink, "CopyLinkOut", models={})
SyndicationGroupOut: Any = record_model(SyndicationGroup, "SyndicationGroupOut", models={CopyLink: CopyLinkOut})
ArticleUpdateOut: Any = record_model(
    ArticleUpdate, "ArticleUpdateOut", models={},
    doc="How a story's member article was updated (``updated_articles`` of a story).",
    descriptions={"versions": "How many versions of the page are stored, the latest included.",
                  "previous": "The older versions' ids, oldest first.",
                  "updated_at": "When this version replaced the one before."})
StoryOut: Any = record_model(
    StoredStory, "StoryOut", drop=("comparison",),  # the story page's ``comparison``, apart
    layout=("id", "title", "lead", "articles", "entities", "first_published", "last_published", "outlets",
            "independent_sources", "syndication_groups", "updated_articles"),
    types_={"updated_articles": dict[str, ArticleUpdateOut] | None}, defaults={"updated_articles": None},
    descriptions={"updated_articles": (
        "The member articles fetched again with changed text since first stored, by id (the member is the "
        "latest version); null when none was.")},
    models={StoryEntity: StoryEntityOut, SyndicationGroup: SyndicationGroupOut})

#: A citation of the compare and brief stages: the record's layout (``field`` only when it
#: is not ``text``) and what the API adds, the outlet and the URL that opens the span.
SpanCitationOut: Any = record_model(
    Citation, "SpanCitationOut", models={},
    doc="A citation of the compare and brief stages (docs/json-schema.md), plus where it opens.",
    layout=("article_id", "start", "end", "text", "field", "outlet", "url"),
    types_={"field": str | None, "outlet": str | None, "url": str}, defaults={"field": None, "outlet": None},
    descriptions={"field": "'headline' when the span indexes the headline.",
                  "outlet": "The cited article's outlet (its file name when unknown, as in a fact's outlets).",
                  "url": "Opens the article with the span highlighted (its page, for a headline span)."})
_CITED: dict[type, Any] = {Citation: SpanCitationOut}
FactOut: Any = record_model(Fact, "FactOut", models=_CITED)
ConflictSideOut: Any = record_model(ConflictSide, "ConflictSideOut", models=_CITED)
ConflictOut: Any = record_model(Conflict, "ConflictOut", models={ConflictSide: ConflictSideOut})


class DiffOpOut(BaseModel):
    """One step of a quote variant's word-level edit script (``QuoteVariant.diff``)."""

    op: str
    ref: list[str]
    variant: list[str]


QuoteVariantOut: Any = record_model(
    QuoteVariant, "QuoteVariantOut", models=_CITED, types_={"diff": list[DiffOpOut]},
    layout=("article_id", "citation", "fidelity", "kind", "speaker", "against", "coverage", "diff"))
QuoteGroupOut: Any = record_model(
    QuoteGroup, "QuoteGroupOut", models={QuoteVariant: QuoteVariantOut},
    layout=("id", "speaker", "speaker_name", "speakers", "attribution_differs", "fidelity", "articles",
            "independent_sources", "variants"))
ExclusivesOut: Any = record_model(
    Exclusives, "ExclusivesOut", models={},
    descriptions={"only_in": "Outlet -> ids of facts only it reports.",
                  "missing_from": "Outlet -> ids of corroborated facts it leaves out."})
FramingCueOut: Any = record_model(FramingCue, "FramingCueOut", models=_CITED, defaults={"neutral": None, "note": None})
TimelineMentionOut: Any = record_model(
    TimelineMention, "TimelineMentionOut", models=_CITED, types_={"article_id": str},  # the ref's article
    layout=("article_id", "ref", "sentence", "value", "inferred_anchor"))
TimelineEventOut: Any = record_model(
    TimelineEvent, "TimelineEventOut", models={Citation: SpanCitationOut, TimelineMention: TimelineMentionOut},
    layout=("id", "date", "granularity", "description", "articles", "inferred_anchor", "background", "mentions"))
BriefLineOut: Any = record_model(BriefSentence, "BriefLineOut", models=_CITED, defaults={"date": None, "speaker": None})
BriefQuotedOut: Any = record_model(
    QuotedSpeaker, "BriefQuotedOut", models=_CITED, types_={"outlet_count": int},  # len(outlets)
    layout=("speaker", "name", "outlets", "outlet_count", "utterances", "citations"))
BriefOut: Any = record_model(
    Brief, "BriefOut", models={BriefSentence: BriefLineOut, QuotedSpeaker: BriefQuotedOut},
    layout=("summary", "single_source", "disputed", "timeline", "quoted", "hashtags"))
ComparisonOut: Any = record_model(
    Comparison, "ComparisonOut",
    doc="The compare and brief stages' sections of a story, named as in docs/json-schema.md.",
    models={Fact: FactOut, Conflict: ConflictOut, QuoteGroup: QuoteGroupOut, Exclusives: ExclusivesOut,
            FramingCue: FramingCueOut, TimelineEvent: TimelineEventOut, Brief: BriefOut})


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
