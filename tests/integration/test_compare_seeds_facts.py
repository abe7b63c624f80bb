"""Facts, conflicts and exclusives on the two seed articles (one story) and on the examples
corpus (issue 5, "Must hold"), as ``storylens.pipeline.analyze`` (what ``storylens
analyze`` runs) reports them: the story's comparison sections, read back as records.

The seeds are read at run time from ../shared (skipped with a message when absent). No
seed text is copied here: facts are found by entity keys, figure values, time values and
single lowercase keywords. The examples' expectations come from examples/expected.json.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from types import SimpleNamespace
from typing import Any

from storylens.compare.statements import outlet_name
from storylens.eval.data import MissingDataError, shared_dir
from storylens.model import Article, Citation, Fact
from storylens.pipeline import analyze
from storylens.serialise import story_to_dict

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"


def _check_spans(articles: list[Article], citations: list[Citation]) -> None:
    by_id = {a.id: a for a in articles}
    for c in citations:
        source = by_id[c.article_id].headline if c.field == "headline" else by_id[c.article_id].text
        assert source is not None and source[c.start:c.end] == c.text


def as_records(value: Any) -> Any:
    """A comparison section (plain JSON data) as attribute records: citations as
    :class:`Citation`, other objects as namespaces, recursively."""
    if isinstance(value, list):
        return [as_records(v) for v in value]
    if isinstance(value, dict):
        if {"article_id", "start", "end", "text"} <= set(value) and set(value) <= {"article_id", "start", "end",
                                                                                   "text", "field"}:
            return Citation(**value)
        return SimpleNamespace(**{k: as_records(v) for k, v in value.items()})
    return value


def _compare(articles: list[Article], story: dict[str, Any]):  # type: ignore[no-untyped-def]
    """The story's facts and conflicts as records, their citations checked against the text."""
    facts, conflicts = as_records(story["facts"]), as_records(story["conflicts"])
    _check_spans(articles, [c for f in facts for c in f.support])
    _check_spans(articles, [s.citation for c in conflicts for s in c.sides])
    return facts, conflicts


# -- seeds ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds():  # type: ignore[no-untyped-def]
    try:
        folder = shared_dir("corpus/seeds") / "corpus" / "seeds"
    except MissingDataError as exc:
        pytest.skip(str(exc))
    result = analyze([folder], fetched_at=datetime.now(timezone.utc))
    arts = sorted(result.articles, key=lambda a: Path(a.source).name)
    assert len(arts) == 2 and len(result.stories) == 1
    story = story_to_dict(result.stories[0])
    facts, conflicts = _compare(arts, story)
    return {"paper": arts[0], "agency": arts[1], "articles": arts, "facts": facts, "conflicts": conflicts,
            "exclusives": story["exclusives"]}


def _in(article: Article, c: Citation, records: list) -> list:  # type: ignore[type-arg]
    if c.field != "text" or c.article_id != article.id:
        return []
    return [r for r in records if c.start <= r.start < c.end]


def _mentions(article: Article, c: Citation, key: str) -> bool:
    return any(c.field == "text" and c.article_id == article.id and c.start <= m.start < c.end
               for e in article.entities if e.key == key for m in e.mentions)


def _both(s: dict, fact: Fact) -> bool:  # type: ignore[type-arg]
    return {c.article_id for c in fact.support} == {s["paper"].id, s["agency"].id}


def _corroborated(s: dict, test) -> list[Fact]:  # type: ignore[no-untyped-def,type-arg]
    by_id = {a.id: a for a in s["articles"]}
    return [f for f in s["facts"] if _both(s, f) and f.independent_sources == 2
            and all(test(by_id[c.article_id], c) for c in f.support)]


def _words(c: Citation) -> str:
    return c.text.lower()


def test_the_second_wave_cancelled_is_corroborated(seeds):
    found = _corroborated(seeds, lambda a, c: "cancel" in _words(c) and "wave" in _words(c))
    assert any(f.status == "corroborated" for f in found)


def test_cooperation_and_prisoner_releases_as_the_reason_have_two_sources(seeds):
    cooperation = _corroborated(seeds, lambda a, c: "cooperation" in _words(c) and "cancel" in _words(c))
    assert any(f.status == "corroborated" for f in cooperation)
    # The releases given as the reason are reported alike by both outlets (the leader's
    # claim): corroborated, while the count itself is disputed (see below).
    prisoners = _corroborated(seeds, lambda a, c: "prisoner" in _words(c) and "releas" in _words(c))
    assert prisoners and any(f.status == "corroborated" for f in prisoners)


def test_ships_staying_in_place_is_corroborated(seeds):
    assert any(f.status == "corroborated" for f in _corroborated(seeds, lambda a, c: "ships" in _words(c)))


def test_at_least_100_billion_dollars_is_corroborated(seeds):
    found = _corroborated(seeds, lambda a, c: any(
        f.value == 1e11 and f.currency == "USD" and f.bound == ">=" for f in _in(a, c, a.figures)))
    assert any(f.status == "corroborated" for f in found)


def test_the_raid_that_captured_maduro_is_corroborated(seeds):
    found = _corroborated(seeds, lambda a, c: _mentions(a, c, "person:nicolas maduro") and "captur" in _words(c)
                          and any(t.value.endswith("-01-03") for t in _in(a, c, a.time_refs)))
    assert any(f.status == "corroborated" for f in found)


def test_how_many_prisoners_were_released_is_disputed(seeds):
    paper, agency = seeds["paper"], seeds["agency"]
    figs = [c for c in seeds["conflicts"] if c.kind == "figure"]
    match = [c for c in figs if {s.citation.article_id for s in c.sides} == {paper.id, agency.id}
             and any(s.citation.article_id == paper.id and s.value == 12 for s in c.sides)
             and any(s.citation.article_id == agency.id and s.value is None for s in c.sides)]
    assert len(match) == 1
    disputed = {f.id for f in seeds["facts"] if f.status == "disputed"}
    assert match[0].fact_ids and set(match[0].fact_ids) <= disputed
    assert "prisoner" in " ".join(s.citation.text.lower() for s in match[0].sides)


def _single(s: dict, article: Article, test) -> list[Fact]:  # type: ignore[no-untyped-def,type-arg]
    return [f for f in s["facts"] if f.independent_sources == 1 and {c.article_id for c in f.support} == {article.id}
            and any(test(c) for c in f.support)]


def test_single_source_facts_on_each_side(seeds):
    paper, agency = seeds["paper"], seeds["agency"]
    assert _single(seeds, paper, lambda c: _mentions(paper, c, "person:gustavo petro"))
    assert _single(seeds, paper, lambda c: _mentions(paper, c, "person:claudia sheinbaum"))
    assert _single(seeds, paper, lambda c: any(f.low == 800 and f.high == 1000 for f in _in(paper, c, paper.figures)))
    assert _single(seeds, agency, lambda c: _mentions(agency, c, "place:new york") and "indict" in _words(c))
    assert _single(seeds, agency, lambda c: _mentions(agency, c, "person:delcy rodriguez") and "stain" in _words(c))
    petro = _single(seeds, paper, lambda c: _mentions(paper, c, "person:gustavo petro"))
    assert all(f.status == "single-source" for f in petro)


def test_exclusives_name_the_outlets_as_facts_do(seeds):
    paper, agency = seeds["paper"], seeds["agency"]
    ex = seeds["exclusives"]
    names = {outlet_name(paper), outlet_name(agency)}
    assert set(ex["only_in"]) == names == set(ex["missing_from"])
    petro = _single(seeds, paper, lambda c: _mentions(paper, c, "person:gustavo petro"))
    assert {f.id for f in petro} <= set(ex["only_in"][outlet_name(paper)])
    both = {f.id for f in seeds["facts"] if f.independent_sources == 2}
    assert not both & set(ex["missing_from"][outlet_name(paper)])


# -- examples --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def examples():  # type: ignore[no-untyped-def]
    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
    result = analyze([EXAMPLES], fetched_at=datetime.now(timezone.utc))

    def path_of(a: Article) -> str:
        return a.source.replace("\\", "/").split("examples/", 1)[-1]

    by_path = {path_of(a): a for a in result.articles}
    out = {}
    for key, paths in expected["stories"].items():
        arts = [by_path[p] for p in paths]
        (story,) = [story_to_dict(s) for s in result.stories if set(s.articles) == {a.id for a in arts}]
        out[key] = (arts, *_compare(arts, story), as_records(story["framing"]))
    return expected, by_path, out


def _norm(text: str) -> str:
    return re.sub(r"[\s\"“”'‘’]+", " ", text).strip().lower()


def test_no_place_conflict_where_none_exists(seeds, examples):
    # Neither the seeds nor the examples place one event in two places: a place conflict
    # here would be a false dispute.
    assert [c for c in seeds["conflicts"] if c.kind == "place"] == []
    for _, _, conflicts, _ in examples[2].values():
        assert [c for c in conflicts if c.kind == "place"] == []


def test_examples_figure_conflicts_are_found(examples):
    expected, by_path, stories = examples
    for item in expected["figure_conflicts"]:
        _, _, conflicts, _ = stories[item["story"]]
        wanted = {by_path[p].id: _norm(v) for p, v in item["values"].items()}
        found = [c for c in conflicts if c.kind == "figure"
                 and all(_norm(wanted.get(s.citation.article_id, "")) in _norm(s.claim)
                         for s in c.sides if s.citation.article_id in wanted)
                 and len({wanted[s.citation.article_id] for s in c.sides if s.citation.article_id in wanted}) >= 2]
        # One conflict per disagreement, citing every article that gives one of its figures
        # (the agency copies too), not one conflict per pair of articles.
        assert len(found) == 1, item["what"]
        assert set(wanted) <= {s.citation.article_id for s in found[0].sides}, item["what"]


def test_examples_who_is_who_is_one_corroborated_fact(examples):
    # A role said beside a name, in each account's own words, is one fact citing those words.
    expected, by_path, stories = examples
    for item in expected["who_is_who"]:
        _, facts, _, _ = stories[item["story"]]
        wanted = {by_path[p].id for p in item["in"]}
        found = [f for f in facts if f.status == "corroborated" and {c.article_id for c in f.support} == wanted
                 and all(item["role"] in _norm(c.text) and len(c.text) < 60 for c in f.support)]
        assert len(found) == 1, item["what"]


def test_examples_hedged_claims_are_framing_not_disputes(examples):
    # A claim one outlet states flatly and another hedges: the accounts agree, so it is no
    # conflict and its facts are not disputed; the hedged statement is a framing cue that
    # names the flat outlet.
    expected, by_path, stories = examples
    for item in expected["hedged_claims"]:
        _, facts, conflicts, framing = stories[item["story"]]
        hedged_id, flat = by_path[item["hedged_in"]].id, by_path[item["flat_in"]]
        assert all(c.kind != "hedging" for c in conflicts)
        found = [c for c in framing if c.kind == "hedged_claim" and c.article_id == hedged_id
                 and _norm(item["hedged"])[:60] in _norm(c.citation.text)]
        assert found, item["hedged"]
        assert all(outlet_name(flat) in c.note for c in found)


def test_examples_agency_copies_count_once(examples):
    expected, by_path, stories = examples
    group = {by_path[p].id for p in expected["syndication_groups"][0]}
    _, facts, _, _ = stories["A"]
    copied = [f for f in facts if {c.article_id for c in f.support} == group]
    assert copied and all(f.independent_sources == 1 for f in copied)


# -- NewsWCL50 gold ------------------------------------------------------------------------


def test_the_newswcl50_gold_holds_only_ids_offsets_and_labels():
    from storylens.eval.compare_gold import GOLD_PATH

    data = json.loads(GOLD_PATH.read_text(encoding="utf-8"))
    for facts in data["events"].values():
        for fact in facts:
            assert set(fact) == {"id", "what", "support"}
            for doc, spans in fact["support"].items():
                assert all(isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= data["annotated"][doc]
                           for s, e in spans)


def test_newswcl50_corroborated_facts_against_the_gold():
    from storylens.eval.compare_gold import evaluate

    try:
        shared_dir("eval/newswcl50/dev.jsonl")
    except MissingDataError as exc:
        pytest.skip(str(exc))
    scores = evaluate()
    assert scores["cross_event_facts"] == 0
    # Tuning events 0 and 5 (the anchor rule was chosen on them): measured P .88 (15/17),
    # R .72 (13/18); floors about two wrong facts under that, to catch regressions.
    assert scores["precision"] >= 0.75 and scores["recall"] >= 0.60
    # Held-out events 2 and 3 (annotated before the rule, never tuned on): P .68 (17/25),
    # R .68 (13/19), the same before and after the rule; floors about three facts under.
    assert scores["held_out"]["events"] == ["2", "3"]
    assert scores["held_out"]["precision"] >= 0.55 and scores["held_out"]["recall"] >= 0.55
