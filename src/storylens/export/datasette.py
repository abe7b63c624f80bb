"""A Datasette ``metadata.json`` for a Storylens SQLite store: what each table and column
holds (as ``docs/store.md`` documents them; a test keeps the two in step) and canned
queries a reader runs with one click (``datasette storylens.db -m metadata.json``)."""

from __future__ import annotations

from typing import Any

__all__ = ["STORE_TABLES", "CANNED_QUERIES", "datasette_metadata"]

_ARTICLE = "the article (`articles.id`)"
_STORY = "the story (`stories.id`)"
_OFFSET = "character offset into `articles.text`"

#: table -> (description, {column: description}); every column of docs/store.md.
STORE_TABLES: dict[str, tuple[str, dict[str, str]]] = {
    "articles": ("One row per cleaned article.", {
        "id": "content id (16 hex digits of the SHA-256 of the raw bytes)", "source": "file or URL and record",
        "url": "", "outlet": "", "headline": "", "byline": "", "published": "ISO 8601 with the original offset",
        "published_utc": "UTC, fixed width: sorts chronologically", "updated": "", "dateline": "", "language": "",
        "genre": "news, opinion or blog (only news corroborates a fact)", "text": "the cleaned body", "feed_notice": "", "story_id": _STORY,
        "duplicate_of": "the article this one duplicates", "syndication_group": "agency-copy group id",
        "ingested_at": "when the store received it"}),
    "article_credits": ("Contribution lines (\"Reuters contributed\").",
                        {"article_id": _ARTICLE, "position": "", "credit": ""}),
    "article_hashtags": ("Hashtags found at the end of an article.",
                         {"article_id": _ARTICLE, "position": "", "hashtag": ""}),
    "removed_lines": ("Every line cleaning removed, and why.",
                      {"article_id": _ARTICLE, "position": "", "line": "0-based line in the input", "text": "",
                       "reason": ""}),
    "article_fields": ("Where each metadata value came from.",
                       {"article_id": _ARTICLE, "field": "", "provenance": "`inferred` or `explicit`", "how": ""}),
    "article_terms": ("The lemma and entity counts story grouping reads (JSON).",
                      {"article_id": _ARTICLE, "title": "", "body": "", "entities": "", "names": ""}),
    "article_versions": ("Older versions of articles fetched again with changed text (the latest has no row).",
                         {"article_id": "the older version", "url": "",
                          "superseded_by": "the next version's article id", "superseded_at": ""}),
    "fetch_validators": ("ETag / Last-Modified of fetched URLs, for conditional GETs.",
                         {"url": "", "etag": "", "last_modified": "", "fetched_at": ""}),
    "skipped": ("Inputs that could not be used, with the reason.",
                {"source": "", "reason": "", "first_seen": "", "last_seen": "", "times": ""}),
    "entities": ("People, organisations and places named in an article.", {
        "article_id": _ARTICLE, "position": "", "key": "the same in every article: `person:renee duchatel`",
        "name": "", "kind": "", "aliases": "JSON"}),
    "entity_mentions": ("Each mention of an entity.",
                        {"article_id": _ARTICLE, "entity_position": "", "position": "", "start": _OFFSET,
                         "end": _OFFSET}),
    "quotes": ("Quotes with their speakers and cues.", {
        "article_id": _ARTICLE, "position": "", "text": "", "start": _OFFSET, "end": _OFFSET,
        "kind": "direct, partial or indirect", "speaker": "", "speaker_start": "", "speaker_end": "",
        "speaker_entity": "", "cue": "", "cue_start": "", "cue_end": "", "medium": ""}),
    "figures": ("Quantities: value, range, bound, unit, what is counted.", {
        "article_id": _ARTICLE, "position": "", "text": "", "start": _OFFSET, "end": _OFFSET, "value": "",
        "low": "", "high": "", "bound": "", "trend": "", "unit": "", "currency": "", "counts": "", "vague": ""}),
    "time_refs": ("Time expressions normalised to TIMEX3 values.", {
        "article_id": _ARTICLE, "position": "", "text": "", "start": _OFFSET, "end": _OFFSET,
        "value": "TIMEX3-style", "granularity": "", "anchor": ""}),
    "stories": ("Groups of articles about the same event.", {
        "id": "", "title": "", "lead": "", "first_published": "", "last_published": "", "article_count": "",
        "outlet_count": "", "independent_sources": "an agency-copy group counts once, one outlet's articles once", "outlets": "JSON",
        "syndication_groups": "JSON"}),
    "story_entities": ("The entities most shared by a story's articles.",
                       {"story_id": _STORY, "position": "", "key": "", "name": "", "articles": ""}),
    "facts": ("Statements aligned across a story's articles.", {
        "story_id": _STORY, "position": "", "fact_id": "", "statement": "",
        "status": "corroborated, single-source, disputed", "independent_sources": "", "asserted_by": "",
        "outlets": "JSON"}),
    "fact_support": ("Each citation of a fact.", {
        "story_id": _STORY, "fact_position": "`facts.position`", "position": "", "article_id": _ARTICLE,
        "field": "", "start": "", "end": "", "text": ""}),
    "conflicts": ("Figures, dates, places or attributions that disagree.", {
        "story_id": _STORY, "position": "", "conflict_id": "", "kind": "", "about": "", "sides": "JSON",
        "fact_ids": "JSON"}),
    "story_sections": ("The other comparison sections, as JSON (docs/json-schema.md).", {
        "story_id": _STORY,
        "section": "quote_variants, exclusives, framing, timeline, brief, hashtags, entity_links",
        "content": "JSON"}),
    "schema_version": ("The store's schema version.", {"version": ""}),
    "articles_fts": ("Full-text index over headline and text.", {}),
}

#: name -> (title, description, SQL). The SQL runs on SQLite as it is (JSON1 functions).
CANNED_QUERIES: dict[str, tuple[str, str, str]] = {
    "disputed_facts_by_outlet": (
        "Disputed facts by outlet",
        "How many disputed facts each outlet's articles support, in how many stories.",
        """SELECT coalesce(a.outlet, '(unknown)') AS outlet,
  count(DISTINCT f.story_id || ' ' || f.fact_id) AS disputed_facts,
  count(DISTINCT f.story_id) AS stories
FROM facts AS f
JOIN fact_support AS s ON s.story_id = f.story_id AND s.fact_position = f.position
JOIN articles AS a ON a.id = s.article_id
WHERE f.status = 'disputed'
GROUP BY a.outlet
ORDER BY disputed_facts DESC, outlet""",
    ),
    "altered_quotes": (
        "Altered quotes",
        "Quote variants whose words differ from the reference (altered or paraphrased), with the reference.",
        """SELECT q.story_id,
  json_extract(g.value, '$.speaker_name') AS speaker,
  json_extract(v.value, '$.fidelity') AS fidelity,
  a.outlet,
  json_extract(v.value, '$.citation.text') AS quote,
  json_extract(g.value, '$.variants[0].citation.text') AS reference,
  json_extract(v.value, '$.article_id') AS article_id
FROM story_sections AS q, json_each(q.content) AS g, json_each(g.value, '$.variants') AS v
LEFT JOIN articles AS a ON a.id = json_extract(v.value, '$.article_id')
WHERE q.section = 'quote_variants' AND json_extract(v.value, '$.fidelity') IN ('altered', 'paraphrase')
ORDER BY q.story_id, speaker, v.key""",
    ),
    "stories_by_independent_sources": (
        "Stories by independent sources",
        "Stories with the most independent accounts first, with their facts by status.",
        """SELECT st.id, st.title, st.independent_sources, st.article_count, st.outlet_count,
  st.first_published, st.last_published,
  (SELECT count(*) FROM facts AS f WHERE f.story_id = st.id AND f.status = 'corroborated') AS corroborated,
  (SELECT count(*) FROM facts AS f WHERE f.story_id = st.id AND f.status = 'disputed') AS disputed,
  (SELECT count(*) FROM conflicts AS c WHERE c.story_id = st.id) AS conflicts
FROM stories AS st
ORDER BY st.independent_sources DESC, st.article_count DESC, st.id""",
    ),
}


def datasette_metadata(database: str = "storylens") -> dict[str, Any]:
    """Datasette metadata for a store Datasette names ``database`` (the file's stem)."""
    tables = {
        name: {"description": description, **({"columns": {c: d for c, d in columns.items() if d}} if columns else {})}
        for name, (description, columns) in STORE_TABLES.items()
    }
    queries = {name: {"title": title, "description": description, "sql": sql}
               for name, (title, description, sql) in CANNED_QUERIES.items()}
    return {
        "title": "Storylens store",
        "description": "Articles, stories and what the outlets agree and disagree on (docs/store.md).",
        "source": "Storylens",
        "databases": {database: {"tables": tables, "queries": queries}},
    }
