"""Fictional hostile articles and stories for the web tests (written here), with hand-placed spans."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from storylens.model import Article, Entity, Figure, Quote, RemovedLine, Span, TimeRef, content_id
from storylens.store import open_store
from storylens.serialise import story_from_dict

TZ = timezone(timedelta(hours=2))

SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'
RLO = "\u202e"  # right-to-left override
ZWSP = "\u200b"  # zero-width space


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def hostile_articles() -> list[Article]:
    """Three fictional articles; the first two try to inject markup or hide text in every field."""
    text1 = (
        f"Port Vell council met on Tuesday. {SCRIPT} was pasted into the minutes.\n\n"
        f"\"We reject {IMG} outright,\" said Mara Quist, the harbour master.\n\n"
        f"About 40 boats were moored. The file was named invoice{RLO}gpj.exe and a{ZWSP}b."
    )
    q0, q1 = _span(text1, f"We reject {IMG} outright")
    s0, s1 = _span(text1, "Mara Quist")
    f0, f1 = _span(text1, "About 40 boats")
    t0, t1 = _span(text1, "on Tuesday")
    a1 = Article(
        id=content_id(text1.encode()), source="tests/web/hostile-1.txt", text=text1,
        paragraphs=text1.split("\n\n"), url="javascript:alert(document.cookie)",
        outlet=f"Evil{RLO}Gazette <b>", headline=f"Council {SCRIPT} minutes", byline=f"By {IMG}",
        published=datetime(2031, 5, 6, 9, 30, tzinfo=TZ), language="en\" onload=\"x",
        removed=[RemovedLine(f"Share {SCRIPT}", "share buttons", 3)],
        entities=[Entity("person:mara quist", "Mara Quist", "person", [], [Span(s0, s1)])],
        quotes=[Quote(text1[q0:q1], q0, q1, "direct", "Mara Quist", s0, s1, "person:mara quist", "said")],
        figures=[Figure(text1[f0:f1], f0, f1, value=40.0, bound="~", counts="boat")],
        time_refs=[TimeRef(text1[t0:t1], t0, t1, "2031-05-06", "day", "2031-05-06")],
    )
    text2 = (
        "Harbour fees will rise by 5% next month, the Port Vell council said on Wednesday.\n\n"
        "<a href=\"javascript:alert(2)\">click</a> was found in a comment."
    )
    f0, f1 = _span(text2, "5%")
    a2 = Article(
        id=content_id(text2.encode()), source="tests/web/hostile-2.txt", text=text2,
        paragraphs=text2.split("\n\n"), url="https://wire.example/fees", outlet="Coast Wire",
        headline="Port Vell harbour fees to rise", published=datetime(2031, 5, 7, 12, 0, tzinfo=timezone.utc),
        figures=[Figure("5%", f0, f1, value=5.0, unit="percent", trend="up")],
    )
    text3 = "A quiet story about the Lindqvist lighthouse reopening after repairs, told by one outlet."
    a3 = Article(
        id=content_id(text3.encode()), source="tests/web/quiet.txt", text=text3, paragraphs=[text3],
        outlet="Coast Wire", headline="Lighthouse reopens", published=datetime(2031, 6, 1, 8, 0, tzinfo=timezone.utc),
    )
    return [a1, a2, a3]


def hostile_stories(articles: list[Article]) -> list[dict[str, object]]:
    a1, a2, a3 = articles
    return [
        {"id": "story-hostile", "title": f"Port Vell {SCRIPT}", "lead": a1.id, "articles": [a1.id, a2.id],
         "entities": [{"key": "person:mara quist", "name": f"Mara {IMG}", "articles": 1}],
         "first_published": a1.published.isoformat(), "last_published": a2.published.isoformat(),
         "outlets": sorted([a1.outlet, a2.outlet]), "independent_sources": 2,
         "syndication_groups": [{"id": "syn-hostile", "members": [a1.id, a2.id], "agency": f"<i>{RLO}Wire",
                                 "original": a2.id, "similarity": 0.93, "links": []}]},
        {"id": "story-quiet", "title": "Lighthouse reopens", "lead": a3.id, "articles": [a3.id], "entities": [],
         "first_published": a3.published.isoformat(), "last_published": a3.published.isoformat(),
         "outlets": ["Coast Wire"], "independent_sources": 1, "syndication_groups": []},
    ]


def make_hostile_store(path: Path) -> str:
    articles = hostile_articles()
    with open_store(path) as store:
        store.add_articles(articles)
        stories = hostile_stories(articles)
        links = {a.id: {"story_id": s["id"], "duplicate_of": None,
                        "syndication_group": "syn-hostile" if s["id"] == "story-hostile" else None}
                 for s in stories for a in articles if a.id in s["articles"]}  # type: ignore[operator]
        store.replace_stories([story_from_dict(s) for s in stories], links)
    return str(path)
