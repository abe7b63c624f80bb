"""The query syntax the README documents (words ANDed, "phrases", OR, NOT, AND,
parentheses, prefix*) gives the same articles on SQLite (FTS5) and PostgreSQL
(tsquery), with accents folded, and the same queries are refused on both (fictional
articles)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from storylens.errors import StoreError
from storylens.model import Article
from storylens.store import SNIPPET_END, SNIPPET_START, Store, open_store

TEXTS = {
    "ferry-strike": ("Ferry strike halts island service",
                     "Ferry crews in Port Alder walked out on Monday. The ferry company apologised."),
    "ferry-late": (None, "The fair opened in Lindby. A ferry was late; crowds came for the fair games."),
    "bank-rates": ("Central bank holds rates",
                   "The central bank of Vellmar kept its rates unchanged, said governor Renée Duchâtel."),
    "bank-river": (None, "Anglers lined the river bank near the old mill; the bank was flooded in March."),
    "cafe": ("Zürich café reopens", "Le café du quai a rouvert à Zürich après la crue."),
    "harbour": ("Harbour council votes", "The harbour council voted to repaint the lighthouse in spring."),
    "harbourmaster": (None, "Harbourmasters from three ports met the council about dredging."),
    "quote": (None, 'The mayor said the plan was "not negotiable" and left the harbour hall.'),
    "markup": (None, "Someone pasted <script>alert(1)</script> into the Tom&Jerry fan page."),
    "links": (None, "Read it at https://news.example/port-alder/ferry.html or mail desk@news.example by 3.5 pm."),
}

QUERIES = {
    "ferry": {"ferry-strike", "ferry-late", "links"},
    "ferry crews": {"ferry-strike"},
    "ferry AND fair": {"ferry-late"},
    "ferry OR rates": {"ferry-strike", "ferry-late", "links", "bank-rates"},
    "bank NOT central": {"bank-river"},
    '"central bank"': {"bank-rates"},
    '"bank of vellmar"': {"bank-rates"},
    '"the bank"': {"bank-river"},
    "harbour*": {"harbour", "harbourmaster", "quote"},
    "harbourm*": {"harbourmaster"},
    '"repaint the light"*': {"harbour"},
    "(ferry OR harbour) NOT council": {"ferry-strike", "ferry-late", "links", "quote"},
    "council AND (harbour OR harbourmasters)": {"harbour", "harbourmaster"},
    "ferry NOT fair games": {"ferry-strike", "links"},  # side by side binds first: ferry NOT (fair games)
    "ferry NOT fair NOT port": set(),
    "cafe": {"cafe"},
    "Café zurich": {"cafe"},
    "DUCHATEL": {"bank-rates"},
    "apres crue": {"cafe"},
    '"not negotiable"': {"quote"},
    "script": {"markup"},
    "jerry": {"markup"},
    "alder": {"links", "ferry-strike"},
    '"news example"': {"links"},
    "html desk": {"links"},
    '"3 5 pm"': {"links"},
    "volcano": set(),
    "ferry NOT ferry": set(),
}

INVALID = ['"unbalanced quote', "AND", "ferry AND", "(ferry", "NOT", "ferry OR OR boat", "ferry)", "OR ferry",
           "council (harbour OR x)", "(ferry) harbour", "ferry AND NOT fair", "ferry-crews"]


def articles() -> list[Article]:
    return [Article(id=i, source=f"fixtures/{i}.txt", text=text, paragraphs=[text], headline=headline)
            for i, (headline, text) in TEXTS.items()]


@pytest.fixture()
def store(location: str) -> Iterator[Store]:
    with open_store(location) as s:
        s.add_articles(articles())
        yield s


@pytest.mark.parametrize("query", list(QUERIES))
def test_the_same_query_finds_the_same_articles(store: Store, query: str) -> None:
    hits = store.search(query)
    assert {h.article_id for h in hits} == QUERIES[query]
    for hit in hits:
        assert hit.snippet.count(SNIPPET_START) == hit.snippet.count(SNIPPET_END) >= 1, hit


def test_a_headline_match_ranks_first_and_ties_are_stable(store: Store) -> None:
    assert [h.article_id for h in store.search("ferry")][0] == "ferry-strike"
    assert [h.article_id for h in store.search("ferry", limit=1)] == ["ferry-strike"]


def test_snippets_mark_matches_and_cut_with_an_ellipsis(location: str) -> None:
    words = " ".join(f"filler{i}" for i in range(60))
    with open_store(location) as s:
        s.add_articles([Article(id="long", source="long.txt", text=f"{words} lighthouse keeper {words}",
                                paragraphs=[words])])
        [hit] = s.search("lighthouse")
    assert hit.snippet.startswith("…") and hit.snippet.endswith("…")
    assert f"{SNIPPET_START}lighthouse{SNIPPET_END} keeper" in hit.snippet
    assert len(hit.snippet.split()) < 40


def test_snippets_keep_the_text_as_written(store: Store) -> None:
    [hit] = store.search("script")
    assert hit.snippet == f"Someone pasted <{SNIPPET_START}script{SNIPPET_END}>alert(1)</{SNIPPET_START}script" \
        f"{SNIPPET_END}> into the Tom&Jerry fan page."


@pytest.mark.parametrize("query", INVALID)
def test_the_same_queries_are_refused(store: Store, query: str) -> None:
    with pytest.raises(StoreError, match=r"invalid search query .*use quotes for phrases"):
        store.search(query)
