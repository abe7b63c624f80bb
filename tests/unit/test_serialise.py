"""storylens.serialise on hand-made records: the fields that are written only when set
(a headline citation's ``field``, a brief line's ``date``, a framing cue's ``neutral``
and ``note``) and the derived keys read back to the same dict; a comparison stored by an
older version (sections or later fields missing) loads with the defaults; a story not
yet compared has no sections."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from storylens.compare.brief import Brief, BriefSentence, QuotedSpeaker
from storylens.compare.framing import FramingCue
from storylens.compare.quote_variants import QuoteGroup, QuoteVariant
from storylens.compare.timeline import TimelineEvent, TimelineMention
from storylens.dedupe.copies import CopyLink, SyndicationGroup
from storylens.model import (Citation, Comparison, Conflict, ConflictSide, Exclusives, Fact, Story, StoryEntity)
from storylens.serialise import (comparison_from_dict, comparison_to_dict, section_names, story_from_dict,
                                 story_to_dict)

WHEN = datetime(2026, 1, 3, 9, 30, tzinfo=timezone(timedelta(hours=5, minutes=30)))


def _story() -> Story:
    head = Citation("a1", 0, 5, "Flood", field="headline")
    body = Citation("a2", 10, 20, "two bridge")
    comparison = Comparison(
        facts=[Fact("fact-1", "Two bridges closed.", [head, body], 2, "disputed", "person:ana ruiz", ["A", "B"])],
        conflicts=[Conflict("conflict-1", "figure", "how many bridges",
                            [ConflictSide("two", "outlet", body, 2.0), ConflictSide("three", "outlet", head)],
                            ["fact-1"])],
        quote_variants=[QuoteGroup("quote-1", "person:ana ruiz", "Ana Ruiz", ["person:ana ruiz"],
                                   [QuoteVariant(body, "verbatim", "direct", "person:ana ruiz"),
                                    QuoteVariant(head, "altered", "direct", None, 0, 0.5,
                                                 [{"op": "replace", "ref": ["two"], "variant": ["2"]}])],
                                   ["a2", "a1"], 2)],
        exclusives=Exclusives({"A": [], "B": ["fact-1"]}, {"A": ["fact-1"], "B": []}),
        framing=[FramingCue("a1", "loaded_term", "mob", head, neutral="crowd"),
                 FramingCue("a2", "scare_quote", "help", body, note="quoted by no one")],
        timeline=[TimelineEvent("event-1", "2026-01-02", "day", body,
                                [TimelineMention(body, body, "2026-01-02", inferred_anchor=True)], background=True)],
        brief=Brief([BriefSentence("Two bridges closed.", [body])], [],
                    [BriefSentence("On 2 January the river rose.", [body], date="2026-01-02")],
                    [QuotedSpeaker("person:ana ruiz", "Ana Ruiz", ["A"], 1, [body])], ["#AnaRuiz"]),
        hashtags=["#AnaRuiz"],
        entity_links={"person:ruiz": "person:ana ruiz"},
    )
    group = SyndicationGroup("syn-a1", ["a1", "a3"], "Harbor Wire", "a1", 0.91234,
                             [CopyLink("a1", "a3", 0.91234, 0.8, ("byline",))])
    return Story("story-a1", "a1", "Flood", ["a1", "a2", "a3"], [StoryEntity("person:ana ruiz", "Ana Ruiz", 2)],
                 WHEN, None, ["A", "B"], 2, [group], comparison)


def test_every_field_reads_back_to_the_same_dict() -> None:
    data = story_to_dict(_story())
    assert list(data)[-len(section_names()):] == list(section_names())
    assert data["first_published"] == "2026-01-03T09:30:00+05:30" and data["last_published"] is None
    assert data["facts"][0]["support"][0]["field"] == "headline" and "field" not in data["facts"][0]["support"][1]
    assert data["framing"][0]["neutral"] == "crowd" and "note" not in data["framing"][0]
    assert data["brief"]["timeline"][0]["date"] == "2026-01-02" and "date" not in data["brief"]["summary"][0]
    assert data["timeline"][0]["articles"] == ["a2"] and data["timeline"][0]["inferred_anchor"] is True
    assert data["quote_variants"][0]["fidelity"] == "altered"
    back = story_from_dict(data)
    assert back.first_published == WHEN and back.syndication_groups[0].links[0].signals == ("byline",)
    assert back.comparison is not None and back.comparison.facts[0].support[0].field == "headline"
    assert story_to_dict(back) == data


def test_a_story_not_compared_has_no_sections() -> None:
    story = _story()
    story.comparison = None
    data = story_to_dict(story)
    assert not set(section_names()) & set(data)
    assert story_from_dict(data).comparison is None


def test_an_empty_comparison_is_the_failed_comparison_layout() -> None:
    assert comparison_to_dict(Comparison()) == {
        "facts": [], "conflicts": [], "quote_variants": [], "exclusives": {"only_in": {}, "missing_from": {}},
        "framing": [], "timeline": [], "brief": None, "hashtags": [], "entity_links": {}}


def test_a_comparison_stored_by_an_older_version_loads_with_defaults() -> None:
    cite = {"article_id": "a1", "start": 0, "end": 3, "text": "Two"}
    older = {"facts": [{"id": "fact-1", "statement": "Two.", "support": [cite], "independent_sources": 1,
                        "status": "single-source"}],
             "conflicts": [{"id": "c-1", "kind": "date", "about": "when",
                            "sides": [{"claim": "Monday", "asserted_by": "outlet", "citation": cite}]}],
             "timeline": [{"id": "e-1", "date": "2026", "granularity": "year", "description": cite,
                           "articles": ["a1"], "inferred_anchor": False,
                           "mentions": [{"article_id": "a1", "ref": cite, "sentence": cite, "value": "2026"}]}]}
    got = comparison_from_dict(older)
    assert got.facts[0].asserted_by == "outlet" and got.facts[0].outlets == []
    assert got.conflicts[0].sides[0].value is None and got.conflicts[0].fact_ids == []
    assert got.timeline[0].background is False and got.timeline[0].mentions[0].inferred_anchor is False
    assert got.quote_variants == [] and got.exclusives == Exclusives() and got.brief is None
    assert got.hashtags == [] and got.entity_links == {}


def test_a_missing_required_field_is_named() -> None:
    with pytest.raises(ValueError, match="'statement'"):
        comparison_from_dict({"facts": [{"id": "fact-1", "support": [], "independent_sources": 1,
                                         "status": "single-source"}]})
