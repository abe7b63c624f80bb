"""What the faster story and article pages read and build: the store's light article
read, the duplicates index kept until the store changes, and the template helpers that
replace per-word Jinja loops (articles written here, fictional)."""

from __future__ import annotations

import dataclasses

from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import Markup

from storylens.compare.quote_variants import QuoteVariant
from storylens.model import Article, Entity, Fact, Figure, Quote, RemovedLine, Span, TimeRef
from storylens.report.present import LinkedCitation
from storylens.store import open_store
from storylens.web import create_app
from storylens.web.render import diff_words, environment, row_links
from storylens.serialise import story_from_dict

_TEXT = ("The Orsa ferry resumed its crossings on Monday, said harbour master Ilse Brandt. "
         "\"We are back <b>on time</b>,\" she said. About 40 cars crossed.")


def _article(article_id: str, outlet: str, published: str, duplicate_of: str | None = None) -> Article:
    q0 = _TEXT.index("We are")
    q1 = _TEXT.index(",\" she")
    f0 = _TEXT.index("About 40 cars")
    t0 = _TEXT.index("on Monday")
    n0 = _TEXT.index("Ilse Brandt")
    article = Article.from_dict({"id": article_id, "source": f"{article_id}.txt", "text": _TEXT, "outlet": outlet,
                                 "headline": f"Ferry back ({outlet})", "published": published,
                                 "credits": ["Photo: Nils Arp"], "hashtags": ["ferry"]})
    article.duplicate_of = duplicate_of
    article.removed = [RemovedLine("Share this", "share buttons", 4)]
    article.entities = [Entity("ilse brandt", "Ilse Brandt", "person", ["Brandt"], [Span(n0, n0 + 11)])]
    article.quotes = [Quote(_TEXT[q0:q1], q0, q1, "direct", speaker="she")]
    article.figures = [Figure("About 40 cars", f0, f0 + 13, value=40.0, bound="approximate", unit="cars")]
    article.time_refs = [TimeRef("on Monday", t0, t0 + 9, value="2031-05-05", granularity="day")]
    return article


def _store(path: str, articles: list[Article]) -> None:
    with open_store(path) as store:
        store.add_articles(articles)
        links = {a.id: {"story_id": "story-f1", "duplicate_of": a.duplicate_of} for a in articles}
        story = {"id": "story-f1", "title": "Ferry back", "lead": articles[0].id, "articles": [a.id for a in articles],
                 "entities": [], "first_published": None, "last_published": None,
                 "outlets": sorted({a.outlet or "" for a in articles}), "independent_sources": 1,
                 "syndication_groups": []}
        store.replace_stories([story_from_dict(story)], links)


def test_light_read_has_the_records_and_leaves_the_rest_empty(tmp_path: Any) -> None:
    db = str(tmp_path / "s.db")
    _store(db, [_article("f1", "Vellmar Courier", "2031-05-05T09:00:00+02:00"),
                _article("f2", "Orsa Post", "2031-05-05T10:00:00+02:00")])
    with open_store(db) as store:
        full = store.get_articles(["f2", "f1"])
        light = store.get_articles_light(["f2", "missing", "f1"])
        assert [a.id for a in light] == ["f2", "f1"]
        for f, lt in zip(full, light):
            assert f.entities and f.credits and f.hashtags and f.removed
            assert (lt.entities, lt.credits, lt.hashtags, lt.removed, lt.inferred, lt.explicit) == ([], [], [], [], {}, {})
            assert (lt.quotes, lt.figures, lt.time_refs) == (f.quotes, f.figures, f.time_refs)
            assert (lt.text, lt.outlet, lt.headline, lt.published, lt.story_id) == (f.text, f.outlet, f.headline,
                                                                                   f.published, f.story_id)
        assert store.get_articles_light([]) == []


def test_story_pages_read_their_articles_in_one_light_read(tmp_path: Any, monkeypatch: Any) -> None:
    db = str(tmp_path / "s.db")
    _store(db, [_article("f1", "Vellmar Courier", "2031-05-05T09:00:00+02:00"),
                _article("f2", "Orsa Post", "2031-05-05T10:00:00+02:00")])
    app = create_app(db)
    store = app.state.store
    read = store.get_story_page
    calls: list[list[str]] = []

    def story_page(story_id: str, comparison: bool = True) -> Any:
        found = read(story_id, comparison)
        calls.append([a.id for a in found[1]])
        assert all(a.entities == [] and a.credits == [] for a in found[1])  # light: no entities, credits
        return found

    monkeypatch.setattr(store, "get_story_page", story_page)  # the story, light members, comparison: one read
    for slower in ("get_article", "get_articles", "get_articles_light", "get_story", "get_comparison"):
        monkeypatch.setattr(store, slower, lambda *a, name=slower: pytest.fail(f"story pages must not call {name}"))
    with TestClient(app) as client:
        page = client.get("/stories/story-f1")
        assert page.status_code == 200 and "All 2 quotes, 2 figures and 2 time references" in page.text
        records = client.get("/api/stories/story-f1/records").json()
        assert [q["quote"]["text"] for q in records["quotes"]] == ["We are back <b>on time</b>"] * 2
    assert calls == [["f1", "f2"], ["f1", "f2"]]

def test_duplicates_come_from_an_index_kept_until_the_store_changes(tmp_path: Any, monkeypatch: Any) -> None:
    db = str(tmp_path / "s.db")
    _store(db, [_article("f1", "Vellmar Courier", "2031-05-05T09:00:00+02:00"),
                _article("f3", "Orsa Post", "2031-05-05T11:00:00+02:00", duplicate_of="f1"),
                _article("f2", "Orsa Post", "2031-05-05T10:00:00+02:00", duplicate_of="f1")])
    with open_store(db) as store:
        index = store.duplicate_index()
        assert index == {"f1": store.duplicates_of("f1")}
        assert [d.id for d in index["f1"]] == ["f2", "f3"]  # oldest first
    built = []
    app = create_app(db)
    store = app.state.store
    index_of = store.duplicate_index
    monkeypatch.setattr(store, "duplicate_index", lambda: built.append(1) or index_of())
    with TestClient(app) as client:
        assert [d["id"] for d in client.get("/api/articles/f1").json()["duplicates"]] == ["f2", "f3"]
        assert client.get("/api/articles/f2").json()["duplicates"] == []
        assert "f3" in client.get("/articles/f1").text
        assert len(built) == 1
        with open_store(db) as store:  # another process adds a duplicate of f2
            store.add_articles([_article("f4", "Kell Times", "2031-05-05T12:00:00+02:00", duplicate_of="f2")])
            store.replace_stories([], {"f4": {"story_id": None, "duplicate_of": "f2"}})
        assert [d["id"] for d in client.get("/api/articles/f2").json()["duplicates"]] == ["f4"]
        assert len(built) == 2


def test_the_page_cache_follows_any_store_s_version() -> None:
    """Keyed on ``Store.version()``, the cache works for stores that are not a file (in
    memory here; PostgreSQL too) and empties when the store changes."""
    from storylens.model import Skipped
    from storylens.web import views
    from storylens.web.cache import PageCache

    calls: list[str] = []
    with open_store(":memory:") as store:
        real_index = store.duplicate_index

        def counted_index() -> dict[str, Any]:
            calls.append("index")
            return real_index()

        store.duplicate_index = counted_index  # type: ignore[method-assign]
        cache = PageCache(store.version)
        assert views._duplicates(store, "f1", cache) == []
        assert views._duplicates(store, "f2", cache) == []
        assert calls == ["index"]  # one read serves every article until the store changes
        store.add_skipped([Skipped("x.txt", "empty file")])
        assert views._duplicates(store, "f1", cache) == []
        assert calls == ["index", "index"]


def test_diff_words_and_row_links_escape_every_piece() -> None:
    diff = [{"op": "equal", "ref": ["we", "are"], "variant": ["we", "are"]},
            {"op": "replace", "ref": ["back"], "variant": ["<script>x</script>"]},
            {"op": "delete", "ref": ["on", "time"], "variant": []},
            {"op": "insert", "ref": [], "variant": ["late\u202e"]}]
    html = diff_words(diff)
    assert isinstance(html, Markup) and "<script>" not in html
    assert html.startswith("we are <del>back</del> <ins>&lt;script&gt;x&lt;/script&gt;</ins> <del>on time</del> <ins>late")
    assert html.endswith("</ins>") and "\u202e" not in html
    links = row_links([(3, "fact-1"), (7, '"><img src=x onerror=alert(1)>')])
    assert links.startswith('<a href="#fact-1">3</a>, <a href="#')
    assert "<img" not in links and "&lt;img" in links


def test_templates_read_dict_keys_and_dict_methods_as_jinja_does() -> None:
    template = environment().from_string("{{ d.name }}|{{ d.items is callable }}|{{ d.missing is defined }}|"
                                         "{{ o.name }}")

    class Obj:
        name = "attribute"

    out = template.render(d={"name": "key <b>", "items": "shadowed"}, o=Obj())
    assert out == "key &lt;b&gt;|True|False|attribute"


def test_grid_row_escapes_the_fact_and_links_its_cells() -> None:
    from storylens.report.html_report import GridCell

    from storylens.web.render import grid_row

    fact = Fact('f"1', "Boats <script>x</script> sank", [], 2, "disputed", asserted_by="Mara <b>Quist</b>")
    cells = [GridCell("supported", LinkedCitation("a1", 0, 5, "Boats", url="/articles/a1?start=0&end=5#cited")),
             GridCell("absent")]
    row = grid_row(4, {"fact": fact, "cells": cells})
    assert row.startswith('<tr class="status-disputed" id="f&#34;1"><td class="num">4</td>')
    assert "<script>" not in row and "&lt;script&gt;" in row and "(Mara &lt;b&gt;Quist&lt;/b&gt;)" in row
    assert 'href="/articles/a1?start=0&amp;end=5#cited"' in row and '<td class="cell absent">' in row
    outlet_own = grid_row(1, {"fact": dataclasses.replace(fact, asserted_by="outlet"), "cells": []})
    assert "attribution" not in outlet_own


def test_quote_variants_show_the_reference_then_each_diff_escaped() -> None:
    from storylens.web.render import quote_variants

    ref = QuoteVariant(LinkedCitation("a1", 1, 9, "We are <b>back</b>", outlet="Orsa <i>Post</i>",
                                      url="/articles/a1?start=1&end=9#cited"), "verbatim", "direct", None)
    other = QuoteVariant(LinkedCitation("a2", 3, 9, "We are late", outlet="Kell Times",
                                        url="/articles/a2?start=3&end=9#cited"), "altered", "direct", None,
                         diff=[{"op": "equal", "ref": ["We", "are"], "variant": ["We", "are"]},
                               {"op": "replace", "ref": ["<b>back</b>"], "variant": ["late"]}])
    html = quote_variants([ref, other])
    first, second = html.split("</li>\n")[:2]
    assert first.startswith('<li><span class="tag fidelity-verbatim">reference</span> <span class="cites">')
    assert "Orsa &lt;i&gt;Post&lt;/i&gt;" in first and "<q dir=\"auto\">We are &lt;b&gt;back&lt;/b&gt;</q>" in first
    assert second.startswith('<li><span class="tag fidelity-altered">altered</span>')
    assert '<q class="diff" dir="auto">We are <del>&lt;b&gt;back&lt;/b&gt;</del> <ins>late</ins></q>' in second
