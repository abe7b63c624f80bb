"""Which time references are the page's own stamps, on fictional pages through the real
time-expression extractor, and the timeline leaving them out."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from storylens.compare.facts import PUBLICATION_STAMP
from storylens.compare.page_stamps import page_stamps
from storylens.compare.timeline import build_timeline
from storylens.extract.nlp import load_nlp
from storylens.extract.time_refs import extract_time_refs
from storylens.model import Article

PUBLISHED = datetime(2031, 3, 18, 9, tzinfo=timezone.utc)


def _refs(text):
    return extract_time_refs(load_nlp()(text), PUBLISHED)


@pytest.mark.parametrize("text, stamped, kept", [
    ("Ferry fire on Pell Island Posted: Saturday, March 2, 2031 7:39 AM EST "
     "Updated: Saturday, March 16, 2031 7:39 AM EST\nThe fire broke out on Friday.",
     ["Saturday, March 2, 2031", "7:39 AM EST", "Saturday, March 16, 2031", "7:39 AM EST"], ["Friday"]),
    ("Crews fought the blaze at the depot. (Published Wednesday, Feb. 20, 2031)\nThe depot reopened on Monday.",
     ["Wednesday, Feb. 20, 2031"], ["Monday"]),
    ("Published on\nMar 3, 2031\nThe mayor of Pell spoke on Monday.", ["Mar 3, 2031"], ["Monday"]),
    ("Published on\n\nPell harbour Christmas market closed\nThe market shut on Monday.", [], ["Christmas", "Monday"]),
    ("LAST UPDATED: 3:45 p.m. EDT, March 4, 2031\nThe harbour report, published on Monday, blamed the pumps.",
     ["3:45 p.m. EDT, March 4, 2031"], ["Monday"]),
    ("The video was posted on Friday and updated on Sunday, the harbour office said.", [], ["Friday", "Sunday"]),
    ("Updated rules took effect on March 1, 2031 at the port.", [], ["March 1, 2031"]),
])
def test_stamps_are_the_dates_a_page_prints_about_itself(text, stamped, kept):
    refs = _refs(text)
    stamps = page_stamps(text, refs)
    assert [r.text for i, r in enumerate(refs) if i in stamps] == stamped
    assert [r.text for i, r in enumerate(refs) if i not in stamps] == kept


def test_the_timeline_leaves_the_stamps_out():
    text = ("Pell ferry depot fire Posted: Saturday, March 2, 2031 7:39 AM EST Updated: Sunday, March 16, 2031\n"
            "A fire destroyed the Pell ferry depot on Friday, the harbour office said. "
            "Crews fought the blaze for six hours. (Published Sunday, March 16, 2031)")
    article = Article(id="a", source="a.txt", text=text, paragraphs=text.split("\n"), published=PUBLISHED)
    article.time_refs = _refs(text)
    assert [e.date for e in build_timeline([article])] == ["2031-03-14"]


@pytest.mark.parametrize("line, stamp", [
    ("(Posted on: March 3, 2031)", True),
    ("Originally published: 3 March 2031", True),
    ("Last modified Monday, March 3, 2031 10:04 AM", True),
    ("(Published Monday, March 3, 2031)", True),
    ("Published reports on Monday said the depot was insured.", False),
    ("Posted guards stood at the Pell depot gate.", False),
])
def test_a_statement_that_is_a_stamp_is_page_furniture(line, stamp):
    assert bool(PUBLICATION_STAMP.match(line)) is stamp
