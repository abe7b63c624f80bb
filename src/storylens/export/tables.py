"""The exported tables: their columns (name, type, meaning) and the rows one story gives.

Every table is built from the typed records (``storylens.model``): a ``Story`` with its
``Comparison`` and its member ``Article``s. A store and a report of the same articles
read back as the same records (``sources``), so they give the same rows.
``docs/export.md`` documents these columns (``tests/unit/export/test_export_doc.py``
keeps the two in step).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from ..model import Article, Citation, Comparison, Story

__all__ = ["Column", "Table", "TABLES", "Bundle", "rows_of", "utc_key"]

#: Column types: how each format writes them (see docs/export.md).
TYPES = ("string", "integer", "number", "boolean", "list")


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    meaning: str


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    columns: tuple[Column, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


@dataclass
class Bundle:
    """One story with its comparison (``None`` for an article outside any story), its
    member articles (in the story's order) and when each was ingested (``None`` from a
    report)."""

    story: Story | None
    articles: list[Article]
    ingested_at: dict[str, datetime | None]


def _c(name: str, type_: str, meaning: str) -> Column:
    assert type_ in TYPES, type_
    return Column(name, type_, meaning)


_CITATION = (
    _c("article_id", "string", "The cited article (`articles.article_id`)."),
    _c("outlet", "string", "That article's outlet; empty when unknown."),
    _c("url", "string", "That article's URL, when known."),
    _c("field", "string", "`text` (offsets into the article's text) or `headline`."),
    _c("start", "integer", "Start of the cited span (character offset)."),
    _c("end", "integer", "End of the cited span (exclusive)."),
    _c("citation", "string", "The cited words: `text[start:end]` of that field."),
)

STORIES = Table("stories", "one row per story", (
    _c("story_id", "string", "`story-` + the id of its first article; stable across reruns."),
    _c("title", "string", "The lead article's headline."),
    _c("lead", "string", "Id of the first (earliest) article."),
    _c("first_published", "string", "Earliest publication time among its articles (ISO 8601 with offset)."),
    _c("last_published", "string", "Latest publication time among its articles."),
    _c("article_count", "integer", "Member articles."),
    _c("outlet_count", "integer", "Distinct known outlets."),
    _c("independent_sources", "integer",
       "Independent accounts (an agency-copy group counts once, one outlet's articles once)."),
    _c("outlets", "list", "The distinct known outlets."),
    _c("facts", "integer", "Facts found in the story."),
    _c("corroborated", "integer", "Facts with status `corroborated`."),
    _c("single_source", "integer", "Facts with status `single-source`."),
    _c("disputed", "integer", "Facts with status `disputed`."),
    _c("conflicts", "integer", "Conflicts found."),
    _c("quote_groups", "integer", "Utterances quoted (groups of quote variants)."),
    _c("altered_quotes", "integer", "Quote variants whose fidelity is `altered` or `paraphrase`."),
    _c("hashtags", "list", "The story's hashtags."),
))

ARTICLES = Table("articles", "one row per article", (
    _c("article_id", "string", "Content id (16 hex digits)."),
    _c("story_id", "string", "The story it belongs to; empty when grouping did not place it."),
    _c("source", "string", "Where it came from (path, or path#entry-N / #record-N / #line-N)."),
    _c("url", "string", "The article's URL, when known."),
    _c("outlet", "string", "The publication; empty when unknown."),
    _c("headline", "string", "The headline as published."),
    _c("byline", "string", "The byline as printed."),
    _c("published", "string", "First publication time (ISO 8601 with its original offset)."),
    _c("published_utc", "string", "The same instant in UTC (`YYYY-MM-DDTHH:MM:SSZ`): sorts chronologically."),
    _c("updated", "string", "Last update time, when the page gives one."),
    _c("dateline", "string", "The dateline taken out of the first paragraph."),
    _c("language", "string", "ISO 639-1 code of the text."),
    _c("genre", "string", "`news`, `opinion` or `blog`: an opinion or blog article states facts but never corroborates them."),
    _c("duplicate_of", "string", "Id of the earlier article this one repeats."),
    _c("syndication_group", "string", "Id of its agency-copy group."),
    _c("feed_notice", "string", "The agency-feed notice the page printed."),
    _c("ingested_at", "string", "When the store received it (UTC); empty in an export from a report."),
    _c("quotes", "integer", "Quotes extracted from it."),
    _c("figures", "integer", "Figures extracted from it."),
    _c("time_refs", "integer", "Time references extracted from it."),
    _c("text", "string", "The cleaned body: paragraphs joined by a blank line; every offset points into it."),
))

FACTS = Table("facts", "one row per fact and supporting article (a fact × the outlets that report it)", (
    _c("story_id", "string", "The story."),
    _c("fact_id", "string", "Stable id of the fact."),
    _c("fact_position", "integer", "The fact's place in the story's list (0, 1, …)."),
    _c("statement", "string", "The statement as one supporting article words it."),
    _c("status", "string", "`corroborated`, `single-source` or `disputed`."),
    _c("independent_sources", "integer", "Independent news sources supporting the fact (an agency-copy group counts "
       "once, one outlet's articles once; an opinion or blog article is not counted)."),
    _c("asserted_by", "string", "`outlet` (the outlet's own voice) or the key of the quoted speaker who asserts it."),
    *_CITATION,
))

CONFLICT_SIDES = Table("conflict_sides", "one row per side of a conflict", (
    _c("story_id", "string", "The story."),
    _c("conflict_id", "string", "Stable id of the conflict."),
    _c("kind", "string", "`figure`, `date`, `place`, `attribution` or `identity`."),
    _c("about", "string", "What the sides disagree about."),
    _c("fact_ids", "list", "Facts this conflict makes disputed."),
    _c("side", "integer", "The side's place in the conflict (0, 1, …)."),
    _c("claim", "string", "The side's claim as written."),
    _c("asserted_by", "string", "Who asserts it: a speaker key or name, or `outlet`."),
    _c("value", "number", "The claim's number, when it has one."),
    *_CITATION,
))

QUOTE_VARIANTS = Table("quote_variants", "one row per variant of a quoted utterance", (
    _c("story_id", "string", "The story."),
    _c("quote_group_id", "string", "Stable id of the utterance (the group of its variants)."),
    _c("speaker", "string", "Speaker entity key of the group."),
    _c("speaker_name", "string", "The speaker's name as written."),
    _c("attribution_differs", "boolean", "True when outlets attribute the utterance to different speakers."),
    _c("group_fidelity", "string", "The worst fidelity among the group's variants."),
    _c("group_independent_sources", "integer", "Independent sources quoting the utterance."),
    _c("variant", "integer", "The variant's place in the group; 0 is the reference."),
    _c("fidelity", "string", "`verbatim`, `minor`, `altered` or `paraphrase`, against the variant `against`."),
    _c("kind", "string", "`direct`, `partial` or `indirect`."),
    _c("variant_speaker", "string", "The speaker key this article gives."),
    _c("against", "integer", "The variant it was compared with."),
    _c("coverage", "number", "Share of the reference's words the variant covers (0–1)."),
    _c("changes", "string", "The word differences, e.g. `replace \"will\" → \"may\"; delete \"now\"`; empty when none."),
    *_CITATION,
))

_SPAN = (
    _c("text", "string", "As written."),
    _c("start", "integer", "Start in the article's text."),
    _c("end", "integer", "End in the article's text (exclusive)."),
)

FIGURES = Table("figures", "one row per quantity in an article", (
    _c("article_id", "string", "The article."),
    _c("story_id", "string", "Its story."),
    _c("outlet", "string", "Its outlet."),
    _c("position", "integer", "Order in the article (0, 1, …)."),
    *_SPAN,
    _c("value", "number", "The number with scale words applied; empty for a range or a vague quantity."),
    _c("low", "number", "Lower end of a range."),
    _c("high", "number", "Upper end of a range."),
    _c("bound", "string", "`=`, `~`, `>`, `>=`, `<` or `<=`."),
    _c("trend", "string", "`up` or `down` for a change."),
    _c("unit", "string", "Normalised unit, e.g. `percent`."),
    _c("currency", "string", "ISO 4217 code for money."),
    _c("counts", "string", "What is counted (lemmatised noun)."),
    _c("vague", "string", "The phrase of a vague quantity."),
))

TIME_REFS = Table("time_refs", "one row per time expression in an article", (
    _c("article_id", "string", "The article."),
    _c("story_id", "string", "Its story."),
    _c("outlet", "string", "Its outlet."),
    _c("position", "integer", "Order in the article (0, 1, …)."),
    *_SPAN,
    _c("value", "string", "TIMEX3 value, e.g. `2026-01-03`, `XXXX-01-03`, `P3D`."),
    _c("granularity", "string", "`day`, `week`, `month`, … `duration`, `set` or `ref`."),
    _c("anchor", "string", "The date the value was resolved against; empty when none."),
))

TABLES: tuple[Table, ...] = (STORIES, ARTICLES, FACTS, CONFLICT_SIDES, QUOTE_VARIANTS, FIGURES, TIME_REFS)

Row = dict[str, Any]


def utc_key(iso: str | None) -> str | None:
    """An ISO time with offset as UTC ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z``."""
    if not iso:
        return None
    when = datetime.fromisoformat(iso)
    if when.tzinfo is not None:
        when = when.astimezone(timezone.utc)
    return when.replace(tzinfo=None).isoformat() + "Z"


def _iso_utc(when: datetime | None) -> str | None:
    return when.astimezone(timezone.utc).isoformat().replace("+00:00", "Z") if when else None


def _citation(cite: Citation, articles: Mapping[str, Article]) -> Row:
    article = articles.get(cite.article_id)
    return {"article_id": cite.article_id, "outlet": article.outlet if article else None,
            "url": article.url if article else None, "field": cite.field, "start": cite.start, "end": cite.end,
            "citation": cite.text}


def changes(diff: Sequence[Mapping[str, Any]]) -> str | None:
    """The non-equal ops of a quote variant's word diff, one clause each."""
    parts = []
    for op in diff:
        ref, variant = " ".join(op.get("ref") or []), " ".join(op.get("variant") or [])
        kind = op.get("op")
        if kind == "replace":
            parts.append(f'replace "{ref}" → "{variant}"')
        elif kind == "delete":
            parts.append(f'delete "{ref}"')
        elif kind == "insert":
            parts.append(f'insert "{variant}"')
    return "; ".join(parts) or None


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None


def _story_row(story: Story, comparison: Comparison) -> Row:
    status = [f.status for f in comparison.facts]
    variants = [v for g in comparison.quote_variants for v in g.variants]
    return {
        "story_id": story.id, "title": story.title, "lead": story.lead,
        "first_published": _iso(story.first_published), "last_published": _iso(story.last_published),
        "article_count": len(story.articles), "outlet_count": len(story.outlets),
        "independent_sources": story.independent_sources, "outlets": list(story.outlets),
        "facts": len(comparison.facts), "corroborated": status.count("corroborated"),
        "single_source": status.count("single-source"), "disputed": status.count("disputed"),
        "conflicts": len(comparison.conflicts), "quote_groups": len(comparison.quote_variants),
        "altered_quotes": sum(1 for v in variants if v.fidelity in ("altered", "paraphrase")),
        "hashtags": list(comparison.hashtags),
    }


def _article_row(a: Article, ingested: datetime | None) -> Row:
    published = _iso(a.published)
    return {
        "article_id": a.id, "story_id": a.story_id, "source": a.source, "url": a.url,
        "outlet": a.outlet, "headline": a.headline, "byline": a.byline,
        "published": published, "published_utc": utc_key(published), "updated": _iso(a.updated),
        "dateline": a.dateline, "language": a.language,
        "genre": a.genre or "news", "duplicate_of": a.duplicate_of,
        "syndication_group": a.syndication_group, "feed_notice": a.feed_notice,
        "ingested_at": _iso_utc(ingested), "quotes": len(a.quotes),
        "figures": len(a.figures), "time_refs": len(a.time_refs), "text": a.text,
    }


def _story_tables(story_id: str, comparison: Comparison, by_id: Mapping[str, Article]) -> Iterator[tuple[str, Row]]:
    for i, fact in enumerate(comparison.facts):
        head = {"story_id": story_id, "fact_id": fact.id, "fact_position": i, "statement": fact.statement,
                "status": fact.status, "independent_sources": fact.independent_sources,
                "asserted_by": fact.asserted_by}
        for cite in fact.support:
            yield "facts", {**head, **_citation(cite, by_id)}
    for conflict in comparison.conflicts:
        head = {"story_id": story_id, "conflict_id": conflict.id, "kind": conflict.kind,
                "about": conflict.about, "fact_ids": list(conflict.fact_ids)}
        for j, side in enumerate(conflict.sides):
            yield "conflict_sides", {**head, "side": j, "claim": side.claim, "asserted_by": side.asserted_by,
                                     "value": float(side.value) if side.value is not None else None,
                                     **_citation(side.citation, by_id)}
    for group in comparison.quote_variants:
        head = {"story_id": story_id, "quote_group_id": group.id, "speaker": group.speaker,
                "speaker_name": group.speaker_name, "attribution_differs": group.attribution_differs,
                "group_fidelity": group.fidelity, "group_independent_sources": group.independent_sources}
        for j, variant in enumerate(group.variants):
            yield "quote_variants", {**head, "variant": j, "fidelity": variant.fidelity,
                                     "kind": variant.kind, "variant_speaker": variant.speaker,
                                     "against": variant.against, "coverage": round(float(variant.coverage), 3),
                                     "changes": changes(variant.diff),
                                     **_citation(variant.citation, by_id)}


def _records(a: Article) -> Iterator[tuple[str, Row]]:
    head = {"article_id": a.id, "story_id": a.story_id, "outlet": a.outlet}
    for i, f in enumerate(a.figures):
        yield "figures", {**head, "position": i, **{c: getattr(f, c) for c in FIGURES.names[4:]}}
    for i, t in enumerate(a.time_refs):
        yield "time_refs", {**head, "position": i, **{c: getattr(t, c) for c in TIME_REFS.names[4:]}}


def rows_of(bundle: Bundle) -> Iterator[tuple[str, Row]]:
    """Every row one bundle gives, as (table name, row); rows follow ``TABLES``' columns."""
    by_id = {a.id: a for a in bundle.articles}
    story = bundle.story
    comparison = (story.comparison or Comparison()) if story is not None else None
    if story is not None and comparison is not None:
        yield "stories", _story_row(story, comparison)
    for a in bundle.articles:
        yield "articles", _article_row(a, bundle.ingested_at.get(a.id))
    if story is not None and comparison is not None:
        yield from _story_tables(story.id, comparison, by_id)
    for a in bundle.articles:
        yield from _records(a)
