"""Structured-line recognisers, on lines written for these tests (fictional outlets)."""

from datetime import datetime, timedelta, timezone

from storylens.clean.structured import (
    choose_published,
    find_timestamps,
    is_feed_notice,
    is_sign_off,
    is_truncated_teaser,
    looks_like_organisation,
    parse_byline_line,
    parse_credit_line,
    parse_hashtag_line,
    split_dateline,
)

IST = timezone(timedelta(hours=5, minutes=30))
CET = timezone(timedelta(hours=1))


def test_glued_timestamps_are_all_found_with_their_offsets():
    line = "By HWN | Updated: March 14, 2026 09:10 IST2026-03-14T18:02:11+5:302026-03-14T09:10:45+5:30"
    stamps = find_timestamps(line)
    values = sorted(s.value for s in stamps)
    assert values == [
        datetime(2026, 3, 14, 9, 10, tzinfo=IST),
        datetime(2026, 3, 14, 9, 10, 45, tzinfo=IST),
        datetime(2026, 3, 14, 18, 2, 11, tzinfo=IST),
    ]
    assert [s.label for s in stamps if s.text.startswith("March")] == ["updated"]


def test_published_is_earliest_unless_labelled_and_updated_is_latest_later_one():
    stamps = find_timestamps("Published 2026-03-14T08:00:00+01:00 | Updated 2026-03-14T07:00:00+01:00 2026-03-15T10:00:00+01:00")
    published, updated, rule = choose_published(stamps)
    assert published.value == datetime(2026, 3, 14, 8, 0, tzinfo=CET)
    assert "labelled" in rule
    assert updated.value == datetime(2026, 3, 15, 10, 0, tzinfo=CET)
    published, updated, rule = choose_published(find_timestamps("2026-05-02T10:00Z 2026-05-01T09:00Z"))
    assert published.value.day == 1 and updated.value.day == 2 and "earliest" in rule


def test_every_stamp_label_says_publication_or_update():
    line = ("Originally published: March 12, 2026 08:00 CET | Last modified: March 14, 2026 09:10 CET"
            " | First posted March 11, 2026")
    assert [(s.text[:8], s.label) for s in find_timestamps(line)] == [
        ("March 12", "published"), ("March 14", "updated"), ("March 11", "published")]
    assert parse_byline_line("By Harbor Wire | Last modified: March 14, 2026 09:10 CET").byline == "Harbor Wire"


def test_zone_names_and_missing_zones():
    (stamp,) = find_timestamps("Posted: 9 April 2026, 14:20 CEST")
    assert stamp.value.utcoffset() == timedelta(hours=2) and stamp.zone_known
    (stamp,) = find_timestamps("Updated: April 9, 2026")
    assert not stamp.zone_known and stamp.value.tzinfo is not None


def test_byline_lines():
    parsed = parse_byline_line("By Harbor Wire | Updated: March 14, 2026 09:10 CET")
    assert parsed.byline == "Harbor Wire" and len(parsed.timestamps) == 1
    assert parse_byline_line("By Ana Lindqvist").byline == "Ana Lindqvist"
    assert parse_byline_line("Updated: 2026-03-14T09:10:00Z").byline is None
    assert parse_byline_line("By the time the river crested on Sunday, most residents of the lower town had already left their homes.") is None
    assert parse_byline_line("The council met on March 14, 2026 to vote.") is None


def test_organisation_or_person():
    assert looks_like_organisation("HWN")
    assert looks_like_organisation("Meridian Press")
    assert not looks_like_organisation("Ana Lindqvist")
    assert not looks_like_organisation("Jo Ek")


def test_credit_lines():
    assert parse_credit_line("Harbor Wire and Meridian Press contributed to this report") == ["Harbor Wire", "Meridian Press"]
    assert parse_credit_line("Tomas Berg, Lia Ohm and Kestrel News contributed reporting.") == ["Tomas Berg", "Lia Ohm", "Kestrel News"]
    assert parse_credit_line("Additional reporting by Ines Varga") == ["Ines Varga"]
    assert parse_credit_line("Volunteers contributed more than they could afford to the relief fund, the mayor said.") is None


def test_hashtag_lines():
    assert parse_hashtag_line("#Floods #Norland #norland #PortAlder#") == ["#Floods", "#Norland", "#PortAlder"]
    assert parse_hashtag_line("Residents shared photos under #PortAlderFlood on Sunday evening.") is None


def test_feed_notices():
    assert is_feed_notice("This story was auto-generated from a syndicated feed and has not been edited.")
    assert is_feed_notice("Note: published from the wire service without modification.")
    assert not is_feed_notice("The agency said the feed of water into the reservoir had not been reduced.")
    assert not is_feed_notice("The wire fence was repaired on Monday.")


def test_datelines():
    assert split_dateline("Port Alder [Norland], March 14 : The regional council ordered evacuations.") == (
        "Port Alder [Norland], March 14", "The regional council ordered evacuations.")
    assert split_dateline("PORT ALDER, March 14 (Harbor Wire) - Rescue teams reached the valley.")[0] == "PORT ALDER, March 14 (Harbor Wire)"
    assert split_dateline("VESTRA — The central bank raised its main rate on Thursday.")[0] == "VESTRA"
    # A speaker's name and a colon is not a dateline.
    assert split_dateline("Mayor Ekholm: we will rebuild every bridge that the river took from us.") is None
    assert split_dateline("Officials said the water was still rising.") is None
    # A place in title case with a US state's abbreviation and a dash is one too.
    assert split_dateline("Port Alder, Va. - A boy was hurt in a shooting on Saturday night.")[0] == "Port Alder, Va."
    assert split_dateline("Alder County, N.C. – Two men were hurt in a crash on Friday.")[0] == "Alder County, N.C."
    assert split_dateline("Ada Crane, Velm Tech - the game was won late in the second half.") is None
    assert split_dateline("Ada Crane, Va.: we will rebuild every bridge that the river took.") is None
    # An upper-case place and a bar is one; a menu of bars is not.
    assert split_dateline("VELM | A dispute over a parking space led to the shooting, police said.")[0] == "VELM"
    assert split_dateline("NEWS | SPORTS | WEATHER | the Velm ferry timetable for the winter") is None
    assert split_dateline("Velm | A dispute over a parking space led to the shooting, police said.") is None
    # A dash set close to the words, or doubled ("–-"), as pages type it.
    assert split_dateline("VESTRA—The central bank raised its main rate on Thursday.") == (
        "VESTRA", "The central bank raised its main rate on Thursday.")
    assert split_dateline("PORT ALDER, Va. (WVLM)–Two men were hurt in a crash on Friday night.")[0] == (
        "PORT ALDER, Va. (WVLM)")
    assert split_dateline("VESTRA –- The central bank raised its main rate on Thursday.")[1].startswith("The central")
    assert split_dateline("VELM-ALDER INQUIRY OPENS. The council met on Monday to hear the first witnesses.") is None
    assert split_dateline("NASA—the agency said on Monday that the launch would go ahead as planned.") is None
    # an upper-case place and its station in brackets, with no dash: one too; not a name
    # and a bracketed long form, nor a person and a party
    assert split_dateline("PORT ALDER, Va. (WVLM) Velm police are looking for a grey van.") == (
        "PORT ALDER, Va. (WVLM)", "Velm police are looking for a grey van.")
    assert split_dateline("VESTRA (KVLM/KVST) Four men were hurt in a crash on Friday night.")[0] == "VESTRA (KVLM/KVST)"
    assert split_dateline("VPA (Velm Port Authority) Director Ada Crane said the quay would reopen.") is None
    assert split_dateline("Ada Crane (R-Velm) said the vote would come on Monday after the recess.") is None


def test_truncated_teaser():
    later = ["The regional council ordered the evacuation of 14 villages on Saturday as the river rose."]
    assert is_truncated_teaser("The regional council ordered the evacuation of 14 villages ...", later)
    assert not is_truncated_teaser("The regional council ordered the evacuation of 14 villages ...", ["Something else entirely."])
    assert not is_truncated_teaser("He paused and said: well ...", later)


def test_sign_offs_are_the_writers_contact_or_a_share_link():
    for line in ("Contact Ada Crane: acrane@harlowherald.example or 555-013-4456.",
                 "Reach Ada Crane at 555-013-4456 or follow her on Twitter.",
                 "Email Tomas Vell at tvell@orlapost.example.",
                 "Read or Share this story: http://hh.example/1Xyz"):
        assert is_sign_off(line), line
    for line in ("Contact police if you have information.",  # no address: an appeal in the story
                 "Anyone with information should contact Crime Stoppers at 555-222-3333.",
                 "Follow the latest updates here.",
                 "Contact Ada Crane: acrane@harlowherald.example. " + "She covered the council for ten years "
                 "before she moved to the courts desk, where she now reports on trials and inquests."):
        assert not is_sign_off(line), line


def test_gallery_captions_open_with_the_counter():
    from storylens.clean.structured import is_photo_caption

    for line in ("Image 3 of 10 Relatives say the Velm boy was at a neighbour's house when he found the gun.",
                 "Photo 1/4 Firefighters at the Tarn Street bakery on Sunday.", "Slide 2 of 12"):
        assert is_photo_caption(line), line
    for line in ("Images of the Tarn Street bakery were shared 3 of 10 times.",
                 "Three of 10 residents said the image of the dam was frightening."):
        assert not is_photo_caption(line), line


def _plain(text: str):  # type: ignore[no-untyped-def]
    from datetime import datetime, timezone

    from storylens.clean import clean_document
    from storylens.model import RawDocument

    return clean_document(RawDocument(source="a.jsonl#line-1", data=text.encode(), kind="plain",
                                      fetched_at=datetime(2031, 5, 3, tzinfo=timezone.utc)))


def test_a_gallery_caption_goes_unless_the_page_is_only_its_gallery():
    caption = ("Image 1 of 4 Ona Brisk, 24, was arrested in Velm on Friday after a month on the run. "
               "Photo: Ada Crane/Velm Post")
    body = ("Ona Brisk, 24, was arrested in Velm on Friday, a month after the Tarn Street bakery shooting, "
            "police said.\n\nShe will be arraigned on Monday.")
    article = _plain(caption + "\n\n" + body)
    assert "Image 1 of 4" not in article.text and article.text.startswith("Ona Brisk, 24, was arrested")
    assert [r.reason for r in article.removed if r.text == caption] == ["a gallery's image caption"]
    gallery = _plain(caption + "\n\n" + caption.replace("Image 1", "Image 2"))
    assert gallery.text.startswith("Image 1 of 4 Ona Brisk")  # the captions are all the page says


def test_prompts_to_the_reader():
    from storylens.clean.structured import is_reader_prompt

    for line in ("Open in app", "Stay with Velm News 4 and VelmNews.example for more on this developing story.",
                 "Check back with velmpost.example for updates.", "Click here for complete coverage",
                 "Click on the button below to set up your account or log in if you already have one.",
                 "Watch Channel 9 Velm News for updates.",
                 "We look forward to seeing you. Visit us and sign in to update your profile and receive alerts.",
                 "Please enable Javascript to watch this video", "This slideshow requires JavaScript.",
                 "Having trouble viewing the video? Try disabling any ad blocking extensions currently running.",
                 "Sorry, your browser doesn't support Flash, needs a Flash update, or has Flash disabled."):
        assert is_reader_prompt(line), line
    for line in ("Police asked anyone who saw the shooting to stay with the officers at the scene.",
                 "Witnesses said they watched the ferry for hours before it sank.",
                 "Ona Brisk clicked the link in the email, her lawyer said, and lost her savings.",
                 "The council voted to block the ad campaign on Friday.",
                 "Engineers said the old JavaScript code had to be rewritten before the launch."):
        assert not is_reader_prompt(line), line


def test_an_agency_caption_ending_with_its_bracketed_credit_is_a_caption_however_long():
    from storylens.clean.structured import is_photo_caption

    background = " ".join(["Ona Brisk was believed to be the 40th victim of a shooting in Velm this year."] * 6)
    caption = ("VELM - MAY 2: Candles burn near the spot where Ona Brisk was shot on May 2, 2031 in Velm. "
               + background + " (Photo by Ada Crane/Tarn Images)")
    assert 60 < len(caption.split()) <= 150 and is_photo_caption(caption)
    assert not is_photo_caption(background + " The photo by Ada Crane was shared widely.")
    head = "VELM, TS - MAY 02: Students leave Velm College, closed for a second day, on May 2, 2031 in Velm. "
    assert is_photo_caption(head + background + " | Tarn")
    assert not is_photo_caption("VELM, May 2 (Tarn Wire) - Students left Velm College on Friday. " + background)


def test_a_caption_ending_with_a_wire_photo_or_a_photographers_credit_is_a_caption():
    from storylens.clean.structured import is_photo_caption

    text = "Ona Brisk, 9, holds a shirt her family made after her father was shot at the Velm fair in May."
    assert is_photo_caption(text + " (AP Photo/Ada Crane)")
    assert is_photo_caption(text + " (ADA CRANE/The Velm Herald)")
    assert is_photo_caption(text + " (ADA CRANE/EPA)")
    # brackets that are no credit
    assert not is_photo_caption(text + " (Velm/Tarn line)")
    assert not is_photo_caption(text + " (D/Velm)")
    assert not is_photo_caption(text)


def test_a_line_linking_to_another_story_is_a_cross_link():
    from storylens.clean.structured import is_cross_link

    for line in ("RELATED: Man charged in Velm ferry shooting", "READ MORE: Velm pier to reopen in June",
                 "More: 5 hurt in Tarn crash", "STORY: Velm mayor remembered", "See also: Ona Brisk's trial opens",
                 "Related Stories: Velm shooting suspect released", "VIDEO: Police chief speaks after Velm shooting",
                 "RELATED: After the Velm flood, how do you rebuild a town?", "RELATED | Two hurt in Tarn crash",
                 "PHOTOS: Velm pier after the storm", "CONTINUING COVERAGE: The Velm ferry shooting",
                 "WATCH VIDEO: The mayor on the flood"):
        assert is_cross_link(line), line
    for line in ("More than 300 people were evacuated from Velm on Friday.",
                 "Related charges were filed against Ona Brisk on Monday.",
                 "The story: a ferry, a storm and a town that would not leave.",  # no label opens it
                 "Watch out for the ferry, the captain told the children.",
                 "Photos of the pier show the damage the storm did."):
        assert not is_cross_link(line), line


def test_an_outlets_label_before_its_paragraph_is_split_off():
    from storylens.clean.structured import split_paragraph_label

    for paragraph, label, rest in (
            ("UPDATE: Two more men were charged on Friday.", "UPDATE:", "Two more men were charged on Friday."),
            ("Update @ 4:02 a.m.: The road has reopened.", "Update @ 4:02 a.m.:", "The road has reopened."),
            ("UPDATE #2 (03/14/2026): The ferry sails again.", "UPDATE #2 (03/14/2026):", "The ferry sails again."),
            ("Updated 6:45 p.m. ET: One man is in custody.", "Updated 6:45 p.m. ET:", "One man is in custody."),
            ("PREVIOUS STORY: Velm police are looking for a driver.", "PREVIOUS STORY:",
             "Velm police are looking for a driver."),
            ("Editor's note: This story was updated with the mayor's words.", "Editor's note:",
             "This story was updated with the mayor's words."),
            ("UPDATE 6:17 PM, MARCH 14 - The sheriff named the two drivers.", "UPDATE 6:17 PM, MARCH 14 -",
             "The sheriff named the two drivers."),
            ("UPDATE: 9 p.m. -- The mayor said the ferry would sail at dawn.", "UPDATE: 9 p.m. --",
             "The mayor said the ferry would sail at dawn."),
            ("Update - March 14, 2026 - The council met again.", "Update - March 14, 2026 -", "The council met again."),
            ("Updated Mar 14, 2026 at 9:11 AM", "Updated Mar 14, 2026 at 9:11 AM", ""),
            ("UPDATE 2 (5:40 p.m.): The ferry sails again.", "UPDATE 2 (5:40 p.m.):", "The ferry sails again."),
            ("Update July 3rd, 6:45PM ET: Added the mayor's reply.", "Update July 3rd, 6:45PM ET:",
             "Added the mayor's reply."),
            ("FIRST REPORT", "FIRST REPORT", ""), ("ORIGINAL STORY:", "ORIGINAL STORY:", ""),
            # a bar as the label's separator
            ("Update | 5:23 p.m.", "Update | 5:23 p.m.", ""),
            ("UPDATE, 8AM | Police say two men are in custody.", "UPDATE, 8AM |", "Police say two men are in custody.")):
        assert split_paragraph_label(paragraph) == (label, rest), paragraph
    for paragraph in ("Correction officers said the inmate was moved.", "Updates were posted every hour.",
                      "Update, Velm: the ferry runs again.", "The update: the ferry runs again.",
                      "Updates on their injuries were not available on Monday.",
                      "Update 3 people were hurt in the crash."):
        assert split_paragraph_label(paragraph) is None, paragraph
