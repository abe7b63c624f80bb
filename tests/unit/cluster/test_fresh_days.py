"""Two first reports of shootings in one town a year apart are two stories, however alike
their words; a later report that names the first event's day still joins it. Fictional
articles."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

from storylens.cluster import BatchConfig, batch_cluster, text_features
from storylens.cluster.features import fresh_days
from storylens.model import Article, TimeRef

MARCH = datetime(2031, 3, 17, 8, 0, tzinfo=timezone.utc)
NEXT_YEAR = datetime(2032, 2, 9, 8, 0, tzinfo=timezone.utc)

FIRST = ("Two dead in Harlow shooting",
         "Two men were killed and a woman was wounded in a shooting in Harlow late Sunday, police said. "
         "Officers found the victims outside a house on the east side of Harlow. Police have not named a "
         "suspect and asked witnesses to call the Harlow police tip line.")
SECOND = ("Two dead in Harlow shooting on east side",
          "Two men were killed and a woman was wounded in a shooting on the east side of Harlow on Sunday "
          "night, police said. Officers found the victims outside a house. Police have not named a suspect "
          "and asked anyone who saw the shooting to call the Harlow police tip line.")
ELSEWHERE = [("Council approves footbridge over the Ousel", "The Harlow council approved a footbridge "
              "over the Ousel river by nine votes to two; work starts in spring."),
             ("Farmer wins county marrow show", "Farmer Josiah Pell won the county marrow show with a "
              "record 41-kilogram entry.")]


def _batch(second_fresh: tuple[date, ...], second_named: tuple[date, ...] = ()):  # type: ignore[no-untyped-def]
    first = replace(text_features("a1", *FIRST, MARCH), fresh_days=(date(2031, 3, 16),))
    second = replace(text_features("b1", *SECOND, NEXT_YEAR), fresh_days=second_fresh,
                     named_dates=second_named)
    others = [text_features(f"e{i}", *item, MARCH + timedelta(days=40 * (i + 1))) for i, item in enumerate(ELSEWHERE)]
    return [first, second, *others]


def _together(feats, config: BatchConfig | None = None) -> bool:  # type: ignore[no-untyped-def]
    assignment, _ = batch_cluster(feats, config)
    return assignment["a1"] == assignment["b1"]


def test_first_reports_of_two_days_a_year_apart_are_two_stories():
    feats = _batch(second_fresh=(date(2032, 2, 8),))
    assert not _together(feats)
    assert _together(feats, BatchConfig(fresh_apart_days=0))  # alike enough to merge without the rule


def test_a_report_naming_the_first_events_day_may_still_join_it():
    # "the March 16 shooting" in the later article links the two days
    assert _together(_batch(second_fresh=(date(2032, 2, 8),), second_named=(date(2031, 3, 16),)))


def test_without_a_first_reports_day_on_both_sides_similarity_decides():
    assert _together(_batch(second_fresh=()))  # a trial report names no fresh day


def _article(headline: str, refs: list[tuple[int, str, str]]) -> Article:
    text = "x" * 1000
    a = Article(id="a", source="a.txt", text=text, paragraphs=[text], headline=headline, published=MARCH)
    a.time_refs = [TimeRef("Sunday", start, start + 6, value, granularity, "2031-03-17")
                   for start, value, granularity in refs]
    return a


def test_fresh_days_are_the_ledes_days_near_publication_of_a_first_report():
    refs = [(40, "2031-03-16", "day"), (90, "2031-03-16TNI", "time"), (300, "2030-11-02", "day"),
            (700, "2031-03-15", "day"), (120, "2031-W11", "week")]
    assert fresh_days(_article("Two dead in Harlow shooting", refs)) == (date(2031, 3, 16),)
    assert fresh_days(_article("Man charged in Harlow shooting", refs)) == ()  # a later turn
    assert fresh_days(_article("Jury convicts Harlow gunman", refs)) == ()
    undated = _article("Two dead in Harlow shooting", refs)
    undated.published = None
    assert fresh_days(undated) == ()
