"""Implausible dates are never used: the next source is tried and ``inferred`` says why;
a date the user stated is kept and flagged. The date parsers never raise."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.clean import clean_document
from storylens.clean.common import parse_datetime
from storylens.clean.dates import CleanConfig, check_date, clean_settings, implausible
from storylens.clean.structured import find_timestamps, parse_byline_line
from storylens.ingest import iter_documents
from storylens.model import Article, RawDocument

FETCHED = datetime(2026, 4, 4, 12, 0, tzinfo=timezone.utc)
BODY = "".join(
    f"<p>Paragraph {i}: the Skarholm ferry crews voted on the pay offer on Monday, and the operator "
    f"said sailings would resume the next morning if the vote held.</p>" for i in range(6)
)


def page(head: str, body_extra: str = "") -> RawDocument:
    html = f"<html><head>{head}</head><body><article><h1>Ferry strike ends</h1>{body_extra}{BODY}</article></body></html>"
    return RawDocument(source="ferry.html", data=html.encode(), kind="html", fetched_at=FETCHED)


def ld(date: str) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", "datePublished": date})}</script>'


def cleaned(raw: RawDocument) -> Article:
    article = clean_document(raw)
    assert isinstance(article, Article), article
    return article


def test_cms_default_date_in_json_ld_is_rejected_and_opengraph_used():
    og = '<meta property="article:published_time" content="2026-04-02T08:30:00+02:00">'
    article = cleaned(page(ld("0001-01-01T00:00:00") + og))
    assert article.published == datetime(2026, 4, 2, 8, 30, tzinfo=timezone(timedelta(hours=2)))
    assert article.inferred["published"] == "article:published_time"
    rejected = article.inferred["published_rejected"]
    assert "JSON-LD datePublished '0001-01-01T00:00:00'" in rejected and "outside the years" in rejected


def test_future_and_pre_1980_dates_are_rejected_with_the_reason():
    og = '<meta property="article:published_time" content="1975-06-01">'
    article = cleaned(page(ld("2027-01-01T00:00:00Z") + og))
    assert article.published is None or article.published <= FETCHED + timedelta(days=1)
    rejected = article.inferred["published_rejected"]
    assert "later than the fetch time" in rejected and "before 1980-01-01" in rejected


def test_earliest_date_is_configurable():
    assert implausible(datetime(1975, 6, 1, tzinfo=timezone.utc), FETCHED)
    with clean_settings(CleanConfig(earliest_date=date(1970, 1, 1))):
        assert implausible(datetime(1975, 6, 1, tzinfo=timezone.utc), FETCHED) is None
        assert implausible(datetime(1969, 12, 31, tzinfo=timezone.utc), FETCHED)
    assert implausible(datetime(1975, 6, 1, tzinfo=timezone.utc), FETCHED)


def test_the_earliest_date_setting_reaches_the_readers_and_cleaners(tmp_path):
    """Through the user's entry point: a 1975 JSONL date is rejected by default and used
    with ``--set clean.earliest_date=1970-01-01`` (also in worker processes)."""
    from click.testing import CliRunner

    from storylens.cli import main

    line = {"url": "https://example.org/archive/1", "outlet": "Archive Weekly", "published": "1975-06-01",
            "headline": "Harbour bridge opens", "text": "The new harbour bridge opened to traffic on Sunday. " * 8}
    (tmp_path / "a.jsonl").write_text(json.dumps(line) + "\n")
    for extra, expected in (((), None), (("--set", "clean.earliest_date=1970-01-01"), "1975-06-01"),
                            (("--set", "clean.earliest_date=1970-01-01", "--processes", "2"), "1975-06-01")):
        out = tmp_path / f"out{len(extra)}"
        result = CliRunner().invoke(main, ["analyze", str(tmp_path / "a.jsonl"), "--out", str(out), "--format", "json",
                                           "-q", *extra], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        (article,) = json.loads((out / "report.json").read_text())["articles"]
        assert (article["published"] or "")[:10] == (expected or ""), extra


def test_page_dump_header_stamp_out_of_range_is_rejected():
    text = ("Ferry strike ends after four days\n"
            "By Ingrid Tollefsen | Published: 0001-01-01 00:00 | Updated: 2026-04-03T10:15:00+02:00\n"
            + "\n".join(f"Paragraph {i}: the ferry crews voted on the pay offer on Monday, and the operator said "
                        "sailings would resume the next morning." for i in range(5)))
    article = cleaned(RawDocument(source="ferry.txt", data=text.encode(), kind="text", fetched_at=FETCHED))
    assert article.published is not None and article.published.year == 2026
    assert "'0001-01-01 00:00'" in article.inferred["published_rejected"]


def _jsonl_article(tmp_path: Path, row: dict, sidecar: dict | None = None) -> Article:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(row) + "\n")
    if sidecar is not None:
        (tmp_path / "records.meta.json").write_text(json.dumps(sidecar))
    (raw,) = list(iter_documents([path], FETCHED))
    return cleaned(raw)


TEXT = "The Skarholm ferry crews voted on the pay offer on Monday, and sailings resume on Tuesday."


def test_record_field_date_out_of_range_is_rejected(tmp_path):
    article = _jsonl_article(tmp_path, {"text": TEXT, "published": "0001-01-02T00:00:00"})
    assert article.published is None
    assert "records.jsonl line 1 column 'published'" in article.inferred["published_rejected"]


def test_record_field_unparseable_date_is_noted(tmp_path):
    article = _jsonl_article(tmp_path, {"text": TEXT, "date": "the day after the storm"})
    assert article.published is None and "not a date" in article.inferred["published_rejected"]


def test_a_date_the_user_stated_is_kept_and_flagged(tmp_path):
    article = _jsonl_article(tmp_path, {"text": TEXT}, sidecar={"published": "1975-06-01T09:00:00Z"})
    assert article.published == datetime(1975, 6, 1, 9, tzinfo=timezone.utc)
    assert "kept because stated explicitly" in article.explicit["published"]
    assert "before 1980-01-01" in article.explicit["published"]


def test_a_stated_date_no_later_stage_can_compute_with_is_not_kept(tmp_path):
    article = _jsonl_article(tmp_path, {"text": TEXT}, sidecar={"published": "0001-01-01T00:00:00"})
    assert article.published is None and "outside the years" in article.inferred["published_rejected"]


ABSURD = st.one_of(
    st.text(max_size=60),
    st.builds(
        "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:02d}{}".format,
        st.integers(0, 9999), st.integers(0, 13), st.integers(0, 32), st.integers(0, 25), st.integers(0, 61),
        st.integers(0, 61), st.sampled_from(["", "Z", "+05:30", "-23:59", "+99:00", "+14", " EST", " XYZ", "+5:30"]),
    ),
    st.builds("{} {} {}".format, st.integers(-5, 40), st.sampled_from(["Jan", "February", "Sept.", "Foo"]),
              st.integers(-1, 99999)),
    st.builds(str, st.integers(-10**20, 10**20)),
)


@settings(max_examples=400, deadline=None)
@given(ABSURD)
def test_date_parsers_never_raise(text):
    parsed = parse_datetime(text)
    if parsed is not None:
        assert parsed[0].tzinfo is not None
    check = check_date(text, FETCHED)
    if check.usable:
        assert datetime(1980, 1, 1, tzinfo=timezone.utc) <= check.value <= FETCHED + timedelta(days=1)
    find_timestamps(text)
    parse_byline_line(f"By Ingrid Tollefsen | Published: {text}")


@settings(max_examples=200, deadline=None)
@given(st.datetimes(timezones=st.timezones() | st.just(timezone(timedelta(hours=23, minutes=59)))))
def test_plausibility_never_raises_at_the_edges_of_datetime(value):
    why = implausible(value, FETCHED)
    assert why is None or isinstance(why, str)
    implausible(FETCHED, value)  # an absurd fetch time too
