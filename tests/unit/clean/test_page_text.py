"""The page-dump cleaner on dumps written for these tests (fictional outlets and events)."""

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from storylens.clean import clean_document
from storylens.model import Article, RawDocument, Skipped

DUMPS = Path(__file__).parents[2] / "fixtures" / "dumps"
NOW = datetime(2026, 4, 4, tzinfo=timezone.utc)


def clean(name: str, metadata: dict[str, str] | None = None) -> Article:
    path = DUMPS / name
    raw = RawDocument(str(path), path.read_bytes(), "text", NOW, metadata=metadata or {},
                      metadata_origin={k: "test" for k in metadata or {}})
    result = clean_document(raw)
    assert isinstance(result, Article), result
    return result


def reasons(article: Article) -> dict[str, str]:
    return {r.text: r.reason for r in article.removed}


def test_agency_copy_dump_header_body_and_furniture():
    a = clean("agency_copy.txt")
    assert a.headline == "Dam operators open spillways as Lake Orsa reaches record level"
    assert a.outlet == "KNA" and a.byline == "KNA"
    cest = timezone(timedelta(hours=2))
    assert a.published == datetime(2026, 4, 3, 8, 40, tzinfo=cest)
    assert a.updated == datetime(2026, 4, 3, 11, 5, 12, tzinfo=cest)
    assert a.dateline == "VELLMAR [Norland], April 3"
    assert a.paragraphs[0].startswith("Operators of the Orsa dam opened all six spillways")
    assert a.paragraphs[-1] == "Schools in three villages will stay closed until Monday."
    assert a.feed_notice and a.feed_notice.startswith("Disclaimer:")
    removed = reasons(a)
    assert removed["Open in app"]
    assert any("teaser" in why for why in removed.values())
    assert sum(1 for r in a.removed if r.text == a.headline) == 2
    for furniture in ("Home", "World", "Business", "Sport", "Weather", "Open in app"):
        assert furniture not in a.paragraphs
    assert "headline" in a.inferred and "outlet" in a.inferred and "published" in a.inferred
    assert a.language == "en"


def test_every_input_line_is_kept_or_removed_with_a_reason():
    a = clean("agency_copy.txt")
    lines = [" ".join(raw.split()) for raw in (DUMPS / "agency_copy.txt").read_text().splitlines() if raw.strip()]
    body = a.text
    for line in lines:
        assert line in reasons(a) or line in body or any(line.endswith(p[:40]) for p in a.paragraphs) or \
            any(r.text and line.startswith(r.text) for r in a.removed), line
    assert all(r.reason for r in a.removed)


def test_newspaper_dump_keeps_first_paragraph_and_takes_credits_and_hashtags():
    a = clean("newspaper.txt")
    assert a.outlet is None and a.headline is None and a.published is None
    assert a.paragraphs[0].startswith("Residents of the lower Orsa valley")
    assert a.credits == ["Kestrel News", "Meridian Press"]
    assert a.hashtags == ["#Orsa", "#Flood", "#Norland"]
    assert "#Orsa" not in a.text and "contributed" not in a.text
    assert len(a.paragraphs) == 4


def test_explicit_metadata_wins_and_is_reported():
    a = clean("agency_copy.txt", {"outlet": "Vellmar Courier", "published": "2026-04-03T09:00:00+02:00"})
    assert a.outlet == "Vellmar Courier"
    assert a.published == datetime(2026, 4, 3, 9, 0, tzinfo=timezone(timedelta(hours=2)))
    assert a.explicit == {"outlet": "test", "published": "test"}
    assert "outlet" not in a.inferred and "published" not in a.inferred


@pytest.mark.parametrize("data, expected", [
    (b"", "no text"),
    (b"   \n\n  \t\n", "no text"),
    (b"\x00\x01\x02binary\x00\xff", "binary"),
])
def test_unusable_text_is_skipped_with_a_reason(data, expected):
    result = clean_document(RawDocument("bad.txt", data, "text", NOW))
    assert isinstance(result, Skipped) and expected in result.reason


def test_invalid_and_mixed_encodings_are_decoded_and_noted():
    body = ("The café in Vellmar reopened on Sunday after the water receded from the old town square. "
            "Its owner said the flood had been the worst in forty years.\n")
    latin = body.encode("cp1252")
    mixed = body.encode("utf-8") + "Señora Ystad thanked the volunteers who carried sandbags all night long.\n".encode("cp1252")
    for data in (latin, mixed):
        result = clean_document(RawDocument("enc.txt", data, "text", NOW))
        assert isinstance(result, Article)
        assert "café" in result.text
        assert "encoding" in result.inferred
    assert "Señora" in clean_document(RawDocument("enc.txt", mixed, "text", NOW)).text


def test_plain_article_text_keeps_short_lines_but_loses_structured_ones():
    text = ("Ferry back.\nThe Ostby ferry resumed on Monday.\nTwo sailings a day.\n"
            "Kestrel News contributed to this report\n#Ostby #Ferry\n")
    plain = clean_document(RawDocument("rows.jsonl#line-3", text.encode(), "plain", NOW))
    assert plain.paragraphs == ["Ferry back.", "The Ostby ferry resumed on Monday.", "Two sailings a day."]
    assert plain.credits == ["Kestrel News"] and plain.hashtags == ["#Ostby", "#Ferry"]


def test_an_outlets_labels_go_and_its_words_stay():
    text = ("PREVIOUS STORY: Velm police are looking for the driver of a grey van after a crash on Friday.\n"
            "UPDATE: The driver, 34, was arrested on Saturday morning, police said.\n"
            "Updated: 03/14/2026 10:24 PM\n"
            "The crash closed the coast road for three hours.\n")
    article = clean_document(RawDocument("rows.jsonl#line-2", text.encode(), "plain", NOW))
    assert article.paragraphs == [
        "Velm police are looking for the driver of a grey van after a crash on Friday.",
        "The driver, 34, was arrested on Saturday morning, police said.",
        "The crash closed the coast road for three hours."]
    removed = reasons(article)
    assert removed["PREVIOUS STORY:"] == removed["UPDATE:"] == "a label before the outlet's paragraph (update, previous story)"
    assert removed["Updated: 03/14/2026 10:24 PM"] == "an outlet's label (update, previous story)"


def test_a_stations_dateline_before_the_places_goes_whole():
    text = ("KVLM (VBC) PORT ALDER, Va. - Velm police are looking for the driver of a grey van after a crash.\n"
            "The crash closed the coast road for three hours on Friday, the sheriff said.\n")
    article = clean_document(RawDocument("rows.jsonl#line-3", text.encode(), "plain", NOW))
    assert article.dateline == "KVLM (VBC) PORT ALDER, Va."
    assert article.paragraphs[0].startswith("Velm police are looking")


LINKED_BODY = (
    "A second storm in a week closed the Vellmar coast road on Tuesday, and the harbour master kept all boats in port.\n"
    "Orsa Valley Cheese Fair Draws Record Crowds Despite Rain\n"
    "Crews cleared fallen trees near the lighthouse by noon, but the road stays shut while engineers check the sea wall.\n"
    "Coast Road Closed Again As Second Storm Hits Vellmar\n"
    "The sea wall was patched in March after the first winter storms washed part of it away, the council said.\n"
    "Kestrel Choir Wins Northern Cup For Third Year\n"
    "Residents of the lower town were told to move cars away from the seafront before the evening high tide.\n"
    "Retired Teacher Sails Solo Around Norland At 81\n"
    "The council will say on Thursday when the coast road can reopen to traffic and to the school buses.\n")


def test_links_to_other_stories_between_paragraphs_go_and_a_crosshead_stays():
    article = clean_document(RawDocument("rows.jsonl#line-1", LINKED_BODY.encode(), "plain", NOW))
    removed = reasons(article)
    for link in ("Orsa Valley Cheese Fair Draws Record Crowds Despite Rain", "Kestrel Choir Wins Northern Cup For Third Year",
                 "Retired Teacher Sails Solo Around Norland At 81"):
        assert "a link to another story" in removed[link]
    # a crosshead in the article's own words is text of the article
    assert "Coast Road Closed Again As Second Storm Hits Vellmar" in article.paragraphs
    assert len(article.paragraphs) == 6


def test_two_title_lines_between_paragraphs_are_kept():
    lines = LINKED_BODY.splitlines()
    two = "\n".join(lines[:3] + lines[4:6] + lines[8:]) + "\n"  # the cheese fair and the choir only
    article = clean_document(RawDocument("rows.jsonl#line-2", two.encode(), "plain", NOW))
    assert "Kestrel Choir Wins Northern Cup For Third Year" in article.paragraphs


@pytest.mark.parametrize("body", [
    "Thank you for registering!\n\nWe look forward to seeing you often. Visit us and sign in to update your profile, "
    "receive the latest news and keep up to date with mobile alerts.",
    "Just One More Step...\n\nWe have sent you a verification email. Click the link in it to activate your profile."
    "\n\nIf the verification message does not come within minutes, check your spam or junk folder.\n\nClose",
    "Close Get email notifications on Ada Crane daily!\n\nYour notification has been saved.\n\nWhenever Ada Crane "
    "posts new content, you'll get an email delivered to your inbox with a link.\n\nEmail notifications are only "
    "sent once a day.",
    "You are the owner of this article.",
    "Total Access\n\nEnjoy the convenience of home delivery plus the digital edition. Sign up today!",
])
def test_a_body_of_only_the_sites_prompts_is_skipped_with_the_reason(body):
    raw = RawDocument("export.jsonl#line-3", body.encode(), "plain", NOW)
    result = clean_document(raw)
    assert isinstance(result, Skipped) and "only the site's prompts" in result.reason


def test_an_article_that_ends_with_a_prompt_is_an_article():
    body = ("Four people were hurt when a delivery van hit a tram shelter on Orsa Street on Monday, police said.\n\n"
            "Sign up for our newsletter to get the top headlines every morning.")
    result = clean_document(RawDocument("export.jsonl#line-4", body.encode(), "plain", NOW))
    assert isinstance(result, Article) and result.text.startswith("Four people were hurt")


def _stated_headline(body: str, headline: str) -> Article | Skipped:
    raw = RawDocument("rows.jsonl#line-5", body.encode(), "plain", NOW, metadata={"headline": headline},
                      metadata_origin={"headline": "rows.jsonl line 5, field title"})
    return clean_document(raw)


def test_a_body_that_opens_with_the_stated_headline_loses_the_copy():
    body = ("Ferry Hits Pier in Ostby Fog\n\nThe morning ferry struck the north pier in thick fog "
            "on Monday, the harbour master said.\n\nNobody was hurt.")
    article = _stated_headline(body, "Ferry hits pier in  Ostby fog")
    assert isinstance(article, Article)
    assert article.headline == "Ferry hits pier in  Ostby fog"
    assert article.text.startswith("The morning ferry struck the north pier")
    assert "headline (kept in headline)" in reasons(article)["Ferry Hits Pier in Ostby Fog"]


def test_a_stated_headline_run_into_the_first_line_is_cut_from_it():
    body = ("Posted: 3/4/2031 - Updated: 2 hours ago\n\nFerry hits pier in Ostby fog The morning ferry struck the "
            "north pier in thick fog on Monday, the harbour master said.\n\nNobody was hurt.")
    article = _stated_headline(body, "Ferry hits pier in Ostby fog")
    assert isinstance(article, Article)
    assert article.text.startswith("The morning ferry struck the north pier")
    assert reasons(article)["Ferry hits pier in Ostby fog"] == "headline run into the first line (kept in headline)"
    assert reasons(article)["Posted: 3/4/2031 - Updated: 2 hours ago"] == "label above the headline"
    # an opening quotation starts a sentence too
    quoted = _stated_headline('Ferry hits pier in Ostby fog "We never saw it," a deckhand said.',
                              "Ferry hits pier in Ostby fog")
    assert isinstance(quoted, Article) and quoted.text == '"We never saw it," a deckhand said.'
    # a site's section name and the headline again, run in after the first copy
    again = _stated_headline("Ferry hits pier in Ostby fog Valley News Ferry hits pier in Ostby fog The morning "
                             "ferry struck the north pier.", "Ferry hits pier in Ostby fog")
    assert isinstance(again, Article) and again.text == "The morning ferry struck the north pier."
    # the section name alone, with no second copy, is the body's
    named = _stated_headline("Ferry hits pier in Ostby fog Valley News reported the crash first.",
                             "Ferry hits pier in Ostby fog")
    assert isinstance(named, Article) and named.text == "Valley News reported the crash first."


@pytest.mark.parametrize("body", [
    "Ferry hits pier in Ostby fog Monday morning, stranding 40 passengers.",  # the headline's words go on: a day
    "Ferry hits pier in Ostby fog and strands 40 passengers, the harbour master said.",  # lower case: one sentence
])
def test_a_first_sentence_that_opens_with_the_headlines_words_keeps_them(body):
    article = _stated_headline(body, "Ferry hits pier in Ostby fog")
    assert isinstance(article, Article) and article.text == body


def test_a_short_headline_is_not_cut_from_the_first_line():
    body = "Pier fire out Firefighters left the Ostby pier at dawn."
    article = _stated_headline(body, "Pier fire out")
    assert isinstance(article, Article) and article.text == body


def test_a_stated_headline_that_is_the_whole_body_or_not_at_the_top_stays_in_the_body():
    only = _stated_headline("Ferry hits pier in Ostby fog", "Ferry hits pier in Ostby fog")
    assert isinstance(only, Article) and only.text == "Ferry hits pier in Ostby fog"
    body = ("The ferry struck the pier on Monday.\n\nIt was foggy.\n\nNobody was hurt.\n\nThe pier reopened.\n\n"
            "Ferry hits pier in Ostby fog\n\nThe harbour reopens on Friday.")
    late = _stated_headline(body, "Ferry hits pier in Ostby fog")
    assert isinstance(late, Article) and "\n\nFerry hits pier in Ostby fog\n\n" in late.text


@pytest.mark.parametrize("notice", [
    "(Copyright 2031 The Kestrel Wire. All rights reserved. This material may not be published, broadcast, "
    "rewritten or redistributed.)",
    "Copyright 2031 The Kestrel Wire. All rights reserved. This material may not be published, broadcast, rewritten "
    "or redistributed.",
    "This material may not be published, broadcast, rewritten, or redistributed.",
    "(TM and © Copyright 2031 Kestrel Radio Inc. and its relevant subsidiaries. KESTREL RADIO and EYE Logo TM and "
    "Copyright 2031 Kestrel Broadcasting Inc. Used under license. All Rights Reserved. This material may not be "
    "published, broadcast, rewritten, or redistributed. The Kestrel Wire contributed to this report.)",
])
def test_an_agency_rights_notice_under_the_copy_is_removed_and_names_no_outlet(notice):
    body = ("The Ostby ferry resumed on Monday after a week of storms, the harbour master said.\n\n"
            "Two sailings a day are planned.\n\n" + notice)
    article = clean_document(RawDocument("rows.jsonl#line-6", body.encode(), "plain", NOW))
    assert isinstance(article, Article)
    assert article.text.endswith("Two sailings a day are planned.")
    assert reasons(article)[notice] == "copyright notice" and article.outlet is None


def test_a_body_given_as_text_loses_a_video_caption_and_the_talk_after_it_with_reasons():
    body = ("CLOSE Skip in Skip x Embed x Share The Ostby ferry hit the pier in fog. Kestrel Wire\n\n"
            "The Ostby ferry resumed on Monday after a week of storms, the harbour master said.\n\n"
            "Two sailings a day are planned.\n\nFollow Ana Berg on Twitter @anaberg\n\n"
            "Contact the writer: aberg@kestrel.example")
    article = clean_document(RawDocument("rows.jsonl#line-8", body.encode(), "plain", NOW))
    assert isinstance(article, Article)
    assert article.text.startswith("The Ostby ferry resumed") and article.text.endswith("planned.")
    found = reasons(article)
    assert {"Follow Ana Berg on Twitter @anaberg", "Contact the writer: aberg@kestrel.example"} <= set(found)
    assert found[body.split("\n\n")[0]] == "video player"


def test_a_sentence_about_rights_stays():
    body = ("The court said the diaries may not be published until 2040, and the family kept all rights reserved "
            "to it under the will.\n\nThe archive opens on Monday.")
    article = clean_document(RawDocument("rows.jsonl#line-7", body.encode(), "plain", NOW))
    assert isinstance(article, Article) and article.text.startswith("The court said the diaries")


def test_invisible_characters_that_split_words_are_removed_and_noted():
    # a soft hyphen inside "15-year-old" and a zero-width space inside "Harbour": on the
    # page they show nothing, in the text they cut a word in two
    text = ("Korsby Teen, 15-y\u00adear-old, Held\n\n"
            "KORSBY - A 15-y\u00adear-old boy was held on Monday after a shot hit the Har\u200bbour Street "
            "ferry office, police said.\n\n\u200b\n\nNo one was hurt.").encode()
    raw = RawDocument("korsby.jsonl#1", text, "plain", NOW, metadata={"headline": "Korsby teen, 15-y\u00adear-old, held"},
                      metadata_origin={"headline": "test"})
    a = clean_document(raw)
    assert isinstance(a, Article), a
    assert "\u00ad" not in a.text and "\u200b" not in a.text and a.headline == "Korsby teen, 15-year-old, held"
    assert "15-year-old boy" in a.text and "Harbour Street" in a.text
    assert a.text == "\n\n".join(a.paragraphs) and a.paragraphs[-1] == "No one was hurt."
    assert a.inferred["text"] == "invisible characters removed (2 soft hyphens, 2 zero-width spaces)"
    only = clean_document(RawDocument("empty.txt", "\u200b\u00ad\n\n\ufeff\u2060".encode(), "plain", NOW))
    assert isinstance(only, Skipped)
