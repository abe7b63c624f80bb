"""Quote variants, framing, timeline and brief on the seeds (read from ../shared at run
time; skipped without it) and on the bundled examples corpus (examples/expected.json), as
``storylens.pipeline.analyze`` (what ``storylens analyze`` runs) reports them: each
story's comparison sections, read back as records.

No seed text is copied here: quotes are found by speaker key and a few lowercase words.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from test_compare_seeds_facts import as_records

from storylens.compare.textspans import words
from storylens.eval.data import MissingDataError, shared_dir
from storylens.extract.entities_names import entity_key
from storylens.model import Article, Citation
from storylens.pipeline import analyze
from storylens.serialise import story_to_dict

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TRUMP = entity_key("Donald Trump", "person")


def _norm(text: str) -> list[str]:
    return [w.norm for w in words(text)]


def _check_citation(c: Citation, by_id: dict[str, Article]) -> None:
    article = by_id[c.article_id]
    source = article.headline if c.field == "headline" else article.text
    assert source is not None and source[c.start:c.end] == c.text


@pytest.fixture(scope="module")
def seeds() -> tuple[list[Article], dict]:
    try:
        root = shared_dir("corpus/seeds") / "corpus" / "seeds"
    except MissingDataError as exc:
        pytest.skip(f"seed corpus not available: {exc}")
    result = analyze([root], fetched_at=datetime.now(timezone.utc))
    assert len(result.articles) == 2 and len(result.stories) == 1
    # 000_ newspaper, 003_ agency
    return sorted(result.articles, key=lambda a: a.source), story_to_dict(result.stories[0])


@pytest.fixture(scope="module")
def examples() -> tuple[list[Article], dict, dict]:
    result = analyze([EXAMPLES], fetched_at=datetime.now(timezone.utc))
    expected = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
    paths = _by_path(result.articles)
    stories = {}
    for key, members in expected["stories"].items():
        ids = {paths[p].id for p in members}
        (stories[key],) = [story_to_dict(s) for s in result.stories if set(s.articles) == ids]
    return result.articles, expected, stories


def _by_path(articles: list[Article]) -> dict[str, Article]:
    out = {}
    for a in articles:
        rel = a.source.split("examples/", 1)[-1]
        out[rel] = a
    return out


def _variants_with(groups, *keywords):
    """(group, variants) for variants whose normalised words contain every keyword."""
    for g in groups:
        hits = [v for v in g.variants if all(k in " ".join(_norm(v.citation.text)) for k in keywords)]
        if hits:
            yield g, hits


# -- seeds ------------------------------------------------------------------------------------


def test_seed_quote_groups(seeds):
    (newspaper, agency), story = seeds
    groups = as_records(story["quote_variants"])
    by_id = {a.id: a for a in seeds[0]}
    for g in groups:
        for v in g.variants:
            _check_citation(v.citation, by_id)

    def sentence_variants(*keywords):
        """Per article, the fidelity of the variants whose quote contains the keywords,
        judged on the sentence with those words: the variant itself when it is that sentence."""
        found = {}
        for g, hits in _variants_with(groups, *keywords):
            for v in hits:
                found.setdefault(v.article_id, []).append((g.id, v))
        return found

    gesture = sentence_variants("very important and smart gesture")
    assert set(gesture) == {newspaper.id, agency.id}
    (gid,) = {gid for vs in gesture.values() for gid, _ in vs}  # one group holds them all
    group = next(g for g in groups if g.id == gid)
    assert group.speaker == TRUMP
    assert all(v.fidelity == "verbatim" for _, v in gesture[newspaper.id])

    ships = sentence_variants("all ships will stay in place")
    assert set(ships) == {newspaper.id, agency.id}
    assert {gid for vs in ships.values() for gid, _ in vs} == {gid}  # same utterance, split differently
    (paper_ships,) = [v for _, v in ships[newspaper.id]]
    assert _norm(paper_ships.citation.text)[0] == "all"  # its own quote in the newspaper
    assert any(len(_norm(v.citation.text)) > 2 * len(_norm(paper_ships.citation.text)) for _, v in ships[agency.id])
    assert paper_ships.fidelity in ("verbatim", "minor")

    white_house = sentence_variants("billion dollars", "white house")
    assert set(white_house) == {newspaper.id, agency.id}
    (wh_gid,) = {gid for vs in white_house.values() for gid, _ in vs}
    wh = next(g for g in groups if g.id == wh_gid)
    fids = sorted(v.fidelity for v in wh.variants)
    assert fids == ["minor", "verbatim"]
    (minor,) = [v for v in wh.variants if v.fidelity == "minor"]
    ref = wh.variants[minor.against]
    assert _norm(minor.citation.text) == _norm(ref.citation.text)  # the same words ...
    assert minor.citation.text != ref.citation.text  # ... written differently (case)


def test_seed_framing(seeds):
    (newspaper, agency), story = seeds
    cues = as_records(story["framing"])
    by_id = {a.id: a for a in seeds[0]}
    for c in cues:
        _check_citation(c.citation, by_id)
    assert any(c.article_id == newspaper.id and c.kind == "attribution" and c.cue == "has claimed" for c in cues)
    headline = [c for c in cues if c.article_id == agency.id and c.citation.field == "headline"
                and c.kind == "scare_quote"]
    assert any(_norm(c.cue) == ["cancels"] for c in headline)


def test_seed_timeline_raid_cited_by_both(seeds):
    (newspaper, agency), story = seeds
    assert newspaper.published is None and agency.published is not None
    events = as_records(story["timeline"])
    (raid,) = [e for e in events if e.date == "2026-01-03"]
    assert set(raid.articles) == {newspaper.id, agency.id}
    assert raid.inferred_anchor
    by_id = {a.id: a for a in seeds[0]}
    for e in events:
        _check_citation(e.description, by_id)
        for m in e.mentions:
            _check_citation(m.ref, by_id)
            _check_citation(m.sentence, by_id)


def test_seed_brief_cites_everything(seeds):
    articles, story = seeds
    brief = as_records(story["brief"])
    by_id = {a.id: a for a in articles}
    for part in (brief.summary, brief.disputed, brief.timeline):
        for sentence in part:
            assert sentence.citations
            for c in sentence.citations:
                _check_citation(c, by_id)
    if story["facts"]:
        assert brief.summary
        assert all({c.article_id for c in s.citations} == set(by_id) for s in brief.summary)
    assert "#DonaldTrump" in brief.hashtags and len(brief.hashtags) <= 8
    assert brief.quoted and brief.quoted[0].speaker == TRUMP and len(brief.quoted[0].outlets) == 2


# -- examples corpus --------------------------------------------------------------------------


def test_examples_altered_quote(examples):
    articles, expected, stories = examples
    paths = _by_path(articles)
    for case in expected["altered_quotes"]:
        members = [paths[p] for p in case["verbatim_in"] + case["altered_in"]]
        (story,) = [s for s in stories.values() if {a.id for a in members} <= set(s["articles"])]
        groups = as_records(story["quote_variants"])
        speaker = entity_key(case["speaker"], "person")
        (group,) = [g for g in groups if g.speaker == speaker and {a.id for a in members} <= set(g.articles)]
        by_article: dict[str, list] = {}
        for v in group.variants:
            by_article.setdefault(v.article_id, []).append(v)
        for p in case["verbatim_in"]:
            vs = by_article[paths[p].id]
            assert all(v.fidelity == "verbatim" for v in vs), p
            assert sum((_norm(v.citation.text) for v in vs), []) == _norm(case["original"]), p
        for p in case["altered_in"]:
            (v,) = by_article[paths[p].id]
            assert v.fidelity == "altered"
            assert _norm(v.citation.text) == _norm(case["altered"])
            assert any(op.op != "equal" for op in v.diff)


def test_examples_verbatim_counter_example_not_altered(examples):
    articles, expected, stories = examples
    groups = as_records(stories["B"]["quote_variants"])
    (price,) = [g for g, _ in _variants_with(groups, "price stability is not a luxury")]
    assert len(price.articles) >= 3 and price.fidelity == "verbatim"


def test_examples_relative_dates_merge_into_one_event(examples):
    articles, expected, stories = examples
    paths = _by_path(articles)
    checked = 0
    for story, members in expected["stories"].items():
        events = as_records(stories[story]["timeline"])
        by_date = {e.date: e for e in events if e.granularity == "day"}
        wanted: dict[str, set[str]] = {}
        for ref in expected["time_refs"]:
            if ref["path"] not in members:
                continue
            article = paths[ref["path"]]
            # the extracted reference for this expectation (same words), if extraction dated it right
            start = article.text.find(ref["text"])
            assert start >= 0, ref
            extracted = [t for t in article.time_refs if t.start < start + len(ref["text"]) and start < t.end]
            if not any(t.value.startswith(ref["date"]) for t in extracted):
                continue  # an extraction miss, scored by the time-reference tests
            wanted.setdefault(ref["date"], set()).add(article.id)
            checked += 1
        for day, ids in wanted.items():
            assert day in by_date, (story, day)
            assert ids <= set(by_date[day].articles), (story, day)
    assert {"2026-03-07", "2026-03-08"} <= {e.date for e in as_records(stories["A"]["timeline"])}
    assert checked >= 0.8 * len(expected["time_refs"])
