"""An article's genre (news, opinion, blog): the user's word first, then the page's
JSON-LD type and section tags, then the URL path, else news (clean.genre)."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from storylens.clean import clean_document
from storylens.clean.genre import NO_MARKER, genre_from_section, genre_from_url, user_genre
from storylens.ingest.tabular import read_csv, read_jsonl
from storylens.model import Article, RawDocument

FETCHED = datetime(2026, 3, 9, 12, 0, tzinfo=timezone.utc)

BODY = """<article><h1>{headline}</h1>
<p>The Tarnwick ferry will stop running on Sundays from April, the harbour board said on Monday.</p>
<p>The board blamed the cost of fuel and a shortage of deckhands for the change to the timetable.</p>
<p>Passengers who travel to the island clinic on Sundays will be offered a bus from Millbay instead.</p>
</article>"""


def page(*, ld_type: str | None = None, section_tag: tuple[str, str] | None = None,
         ld_section: str | None = None, headline: str = "Ferry to stop Sunday sailings") -> bytes:
    head = ["<meta charset='utf-8'>", "<title>Tarnwick Courier</title>"]
    if ld_type is not None or ld_section is not None:
        node: dict[str, object] = {"@context": "https://schema.org", "@type": ld_type or "NewsArticle",
                                   "headline": headline, "datePublished": "2026-03-09T08:00:00+00:00",
                                   "publisher": {"@type": "Organization", "name": "Tarnwick Courier"}}
        if ld_section is not None:
            node["articleSection"] = ld_section
        head.append(f'<script type="application/ld+json">{json.dumps(node)}</script>')
    if section_tag is not None:
        head.append(f'<meta property="{section_tag[0]}" content="{section_tag[1]}">')
    return f"<html><head>{''.join(head)}</head><body>{BODY.format(headline=headline)}</body></html>".encode()


def clean(data: bytes, *, url: str | None = None, kind: str = "html",
          metadata: dict[str, str] | None = None) -> Article:
    raw = RawDocument(source="page.html", data=data, kind=kind, fetched_at=FETCHED, url=url,
                      metadata=metadata or {}, metadata_origin={k: "sidecar page.meta.json" for k in metadata or {}})
    article = clean_document(raw)
    assert isinstance(article, Article), article
    return article


def test_a_plain_news_page_is_news_and_says_no_marker_was_found() -> None:
    article = clean(page(ld_type="NewsArticle"), url="https://tarnwick-courier.example/news/ferry")
    assert article.genre == "news"
    assert article.inferred["genre"] == NO_MARKER
    assert "genre" not in article.explicit


@pytest.mark.parametrize(("ld_type", "genre"), [("OpinionNewsArticle", "opinion"), ("BlogPosting", "blog")])
def test_json_ld_type_names_opinion_and_blog(ld_type: str, genre: str) -> None:
    article = clean(page(ld_type=ld_type), url="https://tarnwick-courier.example/2026/03/09/ferry")
    assert article.genre == genre
    assert article.inferred["genre"] == f"JSON-LD @type {ld_type}"


def test_a_live_blog_is_news_even_under_a_blog_path() -> None:
    article = clean(page(ld_type="LiveBlogPosting"), url="https://tarnwick-courier.example/blogs/live/ferry")
    assert article.genre == "news"
    assert "LiveBlogPosting" in article.inferred["genre"]


@pytest.mark.parametrize("tag", [("article:section", "Opinion"), ("og:section", "Op-Ed"),
                                 ("article:section", "Letters to the Editor"), ("section", "Columnists")])
def test_an_opinion_section_tag_makes_opinion(tag: tuple[str, str]) -> None:
    article = clean(page(ld_type="NewsArticle", section_tag=tag), url="https://tarnwick-courier.example/a/1")
    assert article.genre == "opinion"
    assert tag[0] in article.inferred["genre"] and tag[1] in article.inferred["genre"]


def test_json_ld_article_section_makes_opinion() -> None:
    article = clean(page(ld_section="Editorials"))
    assert article.genre == "opinion"
    assert "articleSection" in article.inferred["genre"]


def test_a_news_section_is_not_opinion() -> None:
    article = clean(page(ld_type="NewsArticle", section_tag=("article:section", "Local news")))
    assert article.genre == "news"


def test_the_page_wins_over_the_url() -> None:
    article = clean(page(ld_type="BlogPosting"), url="https://tarnwick-courier.example/opinion/ferry")
    assert article.genre == "blog"


@pytest.mark.parametrize(("url", "genre"), [
    ("https://tarnwick-courier.example/opinion/2026/ferry-cuts", "opinion"),
    ("https://tarnwick-courier.example/Opinions/ferry-cuts", "opinion"),
    ("https://tarnwick-courier.example/news/editorials/ferry-cuts", "opinion"),
    ("https://tarnwick-courier.example/commentary/ferry", "opinion"),
    ("https://tarnwick-courier.example/op-ed/ferry", "opinion"),
    ("https://tarnwick-courier.example/blog/ferry", "blog"),
    ("https://tarnwick-courier.example/BLOGS/harbour-notes/ferry", "blog"),
    ("https://tarnwick-courier.example/news/opinionated-ferry-review", None),
    ("https://tarnwick-courier.example/news/ferry?section=opinion", None),
    ("https://opinion.tarnwick-courier.example/news/ferry", None),
    ("https://tarnwick-courier.example/weblog-ferry", None),
    (None, None),
])
def test_url_path_segments(url: str | None, genre: str | None) -> None:
    assert genre_from_url(url) == genre


def test_url_rule_applies_to_a_text_record() -> None:
    text = b"The Tarnwick ferry will stop running on Sundays from April, the harbour board said."
    article = clean(text, kind="plain", metadata={"url": "https://tarnwick-courier.example/opinion/ferry"})
    assert article.genre == "opinion"
    assert article.inferred["genre"] == "url path of https://tarnwick-courier.example/opinion/ferry"


def test_the_user_wins_over_page_and_url() -> None:
    article = clean(page(ld_type="OpinionNewsArticle"), url="https://tarnwick-courier.example/opinion/ferry",
                    metadata={"genre": " News "})
    assert article.genre == "news"
    assert article.explicit["genre"] == "sidecar page.meta.json"
    assert "genre" not in article.inferred


def test_a_genre_outside_the_three_is_ignored_with_a_note() -> None:
    article = clean(page(ld_type="OpinionNewsArticle"), metadata={"genre": "satire"})
    assert article.genre == "opinion"  # the page's word stands
    assert "genre" not in article.explicit
    note = article.inferred["genre_rejected"]
    assert "sidecar page.meta.json" in note and "'satire'" in note and "not one of news, opinion, blog" in note


def test_section_and_user_value_helpers() -> None:
    assert genre_from_section("News > Opinion") == "opinion"
    assert genre_from_section("op_ed") == "opinion"
    assert genre_from_section("Business") is None
    assert user_genre("BLOG") == "blog"
    assert user_genre("editorial") is None


def test_jsonl_and_csv_records_carry_the_genre(tmp_path: Path) -> None:
    text = "The Tarnwick ferry will stop running on Sundays from April, the harbour board said on Monday."
    jsonl = tmp_path / "in.jsonl"
    jsonl.write_text(json.dumps({"text": text, "outlet": "Tarnwick Courier", "genre": "opinion"}) + "\n"
                     + json.dumps({"text": text, "outlet": "Millbay Post", "genre": "gossip"}) + "\n", encoding="utf-8")
    csv_path = tmp_path / "in.csv"
    csv_path.write_text(f'text,outlet,Genre\n"{text}",Harbour Blog,blog\n', encoding="utf-8")
    raws = [r for r in [*read_jsonl(jsonl, FETCHED), *read_csv(csv_path, FETCHED)] if isinstance(r, RawDocument)]
    articles = [clean_document(r) for r in raws]
    assert [a.genre for a in articles if isinstance(a, Article)] == ["opinion", "news", "blog"]
    first, second, third = (a for a in articles if isinstance(a, Article))
    assert first.explicit["genre"] == "in.jsonl line 1 column 'genre'"
    assert "in.jsonl line 2 column 'genre'" in second.inferred["genre_rejected"]
    assert second.inferred["genre"] == NO_MARKER
    assert third.explicit["genre"] == "in.csv line 2 column 'Genre'"
