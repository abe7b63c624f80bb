"""Recognisers for the structured lines of a news page: byline and timestamps,
dateline, credit line, hashtag line, agency-feed notice, truncated teaser.

Each recogniser looks at one line (or the start of a paragraph) and returns what it
found, or None. They are shared by the page-dump cleaner and the HTML cleaner.
The patterns describe *kinds* of line (a credit line names contributors and says
they "contributed"), not phrases of any particular site.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from .common import parse_datetime
from ..text import MONTH_WORD, STAMP_LABEL, US_STATE_ABBREVIATION

__all__ = [
    "Timestamp",
    "BylineLine",
    "parse_byline_line",
    "find_timestamps",
    "choose_published",
    "parse_credit_line",
    "parse_hashtag_line",
    "is_feed_notice",
    "split_dateline",
    "split_paragraph_label",
    "is_truncated_teaser",
    "looks_like_organisation",
    "parse_copyright_line",
    "is_rights_notice",
    "is_gallery_caption",
    "is_photo_caption",
    "is_reader_prompt",
    "is_cross_link",
    "is_sign_off",
]

_ZONE = r"(?:[A-Z]{2,5}(?![a-z])|[+-]\d{1,2}:?\d{2}|Z)"
_TIME = r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?"
# 2026-01-09T21:21:54+05:30, 2026-01-09 21:21, with an optional offset
_ISO_STAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{1,2}:?\d{2})?"
)
# "January 9, 2026 15:55 IST", "9 January 2026, 15:55 GMT", "Jan. 9, 2026 at 3:55 p.m. EST"
_HUMAN_STAMP = re.compile(
    rf"(?:{MONTH_WORD}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH_WORD},?\s+\d{{4}})"
    rf"(?:,?\s*(?:at\s+)?{_TIME})?(?:\s*{_ZONE})?"
)
_LABEL = re.compile(
    rf"\b(?P<label>{STAMP_LABEL})\b\s*(?:on|at)?\s*:?\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*by\s+(?P<who>[^|•·\n]+?)\s*(?:$|[|•·]|\s[–—-]\s|\s{2,})", re.IGNORECASE)

_ORGANISATION_WORDS = re.compile(
    r"\b(?:wire|press|news|agency|agence|times|post|herald|tribune|journal|gazette|"
    r"telegraph|chronicle|service|network|media|tv|radio|daily|bulletin|dispatch|"
    r"reuters|associated)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Timestamp:
    value: datetime
    text: str
    label: str | None  # "published", "updated" or None when the page does not say
    zone_known: bool


@dataclass(frozen=True)
class BylineLine:
    byline: str | None
    timestamps: list[Timestamp] = field(default_factory=list)
    feed_notice: str | None = None


def looks_like_organisation(name: str) -> bool:
    """True for "ANI", "AP", "Harbor Wire", "Meridian Press"; False for "Jane Doe"."""
    name = name.strip()
    letters = re.sub(r"[^A-Za-z]", "", name)
    if 2 <= len(letters) <= 6 and letters.isupper():
        return True
    return bool(_ORGANISATION_WORDS.search(name))


def _label_before(text: str, start: int) -> str | None:
    m = _LABEL.search(text[max(0, start - 40) : start])
    if not m:
        return None
    word = m.group("label").lower()
    return "updated" if word.endswith(("updated", "modified")) else "published"


def find_timestamps(line: str) -> list[Timestamp]:
    """Every date-time written in the line, glued or not, each with its label if any."""
    found: list[Timestamp] = []
    taken: list[tuple[int, int]] = []
    for m in _ISO_STAMP.finditer(line):
        parsed = parse_datetime(m.group(0))
        if parsed:
            found.append(Timestamp(parsed[0], m.group(0), _label_before(line, m.start()), parsed[1]))
            taken.append(m.span())
    masked = list(line)
    for start, end in taken:
        masked[start:end] = " " * (end - start)
    rest = "".join(masked)
    for m in _HUMAN_STAMP.finditer(rest):
        text = m.group(0).strip()
        parsed = parse_datetime(text)
        if parsed:
            found.append(Timestamp(parsed[0], text, _label_before(rest, m.start()), parsed[1]))
    found.sort(key=lambda t: line.find(t.text))
    return found


_SEGMENT_SPLIT = re.compile(r"\s*[|•·]\s*")
_LABEL_WORDS = re.compile(rf"(?i)\b(?:{STAMP_LABEL}|on|at)\b|[:,]")


def parse_byline_line(line: str) -> BylineLine | None:
    """A header line such as "By X | Updated: <stamps>", "X | auto-published from an agency
    feed | <stamp>", or only labelled timestamps. Every segment between separators must be
    accounted for (a name, a label, a timestamp or a feed notice), or it is not one."""
    stamps = find_timestamps(line)
    rest = line
    for stamp in stamps:
        rest = rest.replace(stamp.text, " ")
    byline: str | None = None
    notice: str | None = None
    has_by = False
    for position, segment in enumerate(s for s in _SEGMENT_SPLIT.split(rest) if s.strip()):
        segment = segment.strip()
        by = _BYLINE.match(segment + " |")
        if by and position == 0:
            who = re.sub(r"(?i)\s*(?:updated|published|posted)\s*:?.*$", "", by.group("who").strip().rstrip(",;:"))
            if not who or len(who.split()) > 8:
                return None
            byline, has_by = who, True
        elif is_feed_notice(segment):
            notice = segment
        elif not _LABEL_WORDS.sub(" ", segment).strip() or re.fullmatch(r"[\d:.\s]*(?:[AaPp]\.?[Mm]\.?)?\s*[A-Z]{0,5}", segment):
            continue  # a label ("Updated:") or a bare time ("08:55 CET") whose date is in a stamp
        elif position == 0 and stamps and len(segment.split()) <= 5 and segment[:1].isupper():
            byline = segment
        else:
            return None
    if not (has_by or stamps):
        return None
    return BylineLine(byline, stamps, notice)


_COPYRIGHT = re.compile(
    r"^(?:(?:©|\(c\)|copyright)\s*)+(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*"
    r"(?P<name>[A-Z][\w&.'’ -]{1,60}?)\s*(?:[.,|]|\s+all rights reserved|$)",
    re.IGNORECASE,
)


def parse_copyright_line(line: str) -> str | None:
    """The owner named in a footer such as "© 2026 Norland Courier. All rights reserved."."""
    if len(line.split()) > 15:
        return None
    m = _COPYRIGHT.match(line.strip())
    if not m:
        return None
    name = m.group("name").strip(" .,")
    if not name or name.lower().startswith(("all rights", "the author")) or not name[0].isupper():
        return None
    return name


#: A rights notice: "(Copyright 2016 The Associated Press. All rights reserved. This
#: material may not be published, broadcast, rewritten or redistributed.)", or its
#: second half alone.
_RIGHTS_NOTICE = re.compile(r"^\W*(?:©|\(c\)|copyright\b)[^\n]{0,120}?\ball rights reserved\b"
                            r"|\bmay not be (?:re)?published\b[^.]{0,60}\bredistributed\b", re.IGNORECASE)
_RIGHTS_NOTICE_WORDS = 60


def is_rights_notice(line: str) -> bool:
    """A copyright or rights notice of up to 60 words (a page's footer, an agency's
    notice under its copy, a broadcaster's trademark notice before it: "(TM and ©
    Copyright 2013 CBS Radio Inc. ... This material may not be published ..."), whether
    or not it names an owner."""
    return len(line.split()) <= _RIGHTS_NOTICE_WORDS and bool(_RIGHTS_NOTICE.search(line))


def choose_published(stamps: list[Timestamp]) -> tuple[Timestamp | None, Timestamp | None, str]:
    """Pick (published, updated, rule) from the header's timestamps.

    Rule: a stamp labelled "published/posted" is the publication time; otherwise the
    earliest stamp is. The update time is the latest stamp later than publication
    (a stamp labelled "updated" counts only as a candidate for it).
    """
    if not stamps:
        return None, None, "no timestamp found"
    labelled = [s for s in stamps if s.label == "published"]
    if labelled:
        published = min(labelled, key=lambda s: s.value)
        rule = f"the timestamp labelled as publication time ({published.text!r})"
    else:
        published = min(stamps, key=lambda s: s.value)
        rule = f"the earliest of {len(stamps)} timestamps in the page header ({published.text!r})"
    later = [s for s in stamps if s.value > published.value]
    updated = max(later, key=lambda s: s.value) if later else None
    return published, updated, rule


_CREDIT = re.compile(
    r"^(?:(?P<names>.{2,200}?)\s+contributed(?:\s+(?:reporting|to\s+this\s+report(?:ing)?))?"
    r"(?:\s+(?:to|for)\s+this\s+(?:report|story|article))?"
    r"|(?:additional|with|further)\s+reporting\s+by\s+(?P<names2>.{2,200}?))\s*\.?$",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|;\s*)")


def parse_credit_line(line: str) -> list[str] | None:
    """["Reuters", "Agence France-Presse"] from "Reuters and Agence France-Presse contributed to this report"."""
    if len(line.split()) > 30:
        return None
    m = _CREDIT.match(line.strip())
    if not m:
        return None
    names = m.group("names") or m.group("names2") or ""
    parts = [p.strip(" .") for p in _NAME_SPLIT.split(names) if p.strip(" .")]
    if not parts or any(len(p.split()) > 6 for p in parts):
        return None
    return parts


_HASHTAG = re.compile(r"#(\w[\w-]*)", re.UNICODE)


def parse_hashtag_line(line: str) -> list[str] | None:
    """The hashtags of a line made (almost) only of hashtags, in order, duplicates removed."""
    tags = _HASHTAG.findall(line)
    if not tags:
        return None
    rest = _HASHTAG.sub(" ", line).replace("#", " ")
    if len(rest.split()) > max(1, len(tags) // 4):
        return None
    unique: list[str] = []
    seen: set[str] = set()
    for tag in tags:
        if tag.casefold() not in seen:
            seen.add(tag.casefold())
            unique.append("#" + tag)
    return unique


_FEED_WORDS = re.compile(r"\b(?:feeds?|wire|agency|agencies|syndicat\w*|news service)\b", re.IGNORECASE)
_UNEDITED_WORDS = re.compile(
    r"\b(?:auto(?:matically)?[- ]?(?:published|generated|posted)|without (?:any )?(?:modification|editing|changes)"
    r"|not (?:been )?(?:reviewed|edited|modified)|unedited)\b",
    re.IGNORECASE,
)


def is_feed_notice(line: str) -> bool:
    """A notice that the page is an agency/wire feed republished without editing."""
    return len(line.split()) <= 60 and bool(_FEED_WORDS.search(line)) and bool(_UNEDITED_WORDS.search(line))


# "Washington DC [US], January 9 : ...", "PORT ALDER, March 14 (Harbor Wire) - ...",
# "LONDON (Reuters) - ...", "BOGOTÁ — ..."
_PLACE = r"[A-ZÀ-Þ][\wÀ-ÿ.'’-]*(?:\s+[A-ZÀ-Þ][\wÀ-ÿ.'’-]*){0,4}(?:\s*\[[^\]\n]{1,40}\])?"
_DATELINE = re.compile(
    rf"^(?P<dateline>{_PLACE}"
    rf"(?:,\s*(?P<region>[A-Z][\wÀ-ÿ.'’-]*(?:\s+[A-Z][\wÀ-ÿ.'’-]*){{0,2}})(?=\s*(?:,|[:—–]|-{{1,2}}\s|\()))?"
    rf"(?:,\s*(?:{MONTH_WORD}\s+\d{{1,2}}|\d{{1,2}}\s+{MONTH_WORD})(?:,\s*\d{{4}})?)?"
    rf"(?:\s*\((?P<agency>[^)\n]{{2,40}})\))?)"
    rf"(?:\s*(?P<sep>[:|]|[—–]-?|-{{1,2}})(?:\s+(?=\S)|(?<=[—–])(?=[A-ZÀ-Þ0-9\"“]))"
    rf"|(?<=\))\s+(?=[A-ZÀ-Þ]))"  # "FORT WAYNE, Ind. (WANE) Fort Wayne police ...": no dash
)
#: The station or agency of a dateline given without a dash: one word ("WANE", "AP", "KBAK/KBFX").
_STATION = re.compile(r"[A-Z][\w&/-]{1,11}")


def split_dateline(paragraph: str) -> tuple[str, str] | None:
    """("Washington DC [US], January 9", rest) when the paragraph opens with a dateline.

    A dateline is a capitalised place (optionally "[Country]"), optionally a date and an
    agency in parentheses, then a colon or dash. A plain "Name: quote" does not count:
    the place must be upper-case, carry a date, a bracketed country or an agency.
    """
    m = _DATELINE.match(paragraph)
    if not m:
        return None
    dateline = m.group("dateline").strip()
    place = re.split(r",|\s*\(|\s*\[", dateline)[0]
    has_date = "," in dateline and bool(re.search(r"\d", dateline))
    strong = has_date or "[" in dateline or m.group("agency") or (place.isupper() and len(place) >= 3)
    if m.group("region") and not (has_date or place.isupper()):
        strong = False  # "Mayor Ekholm, Lindby: ..." is a speaker, not a dateline
    if m.group("sep") != ":" and US_STATE_ABBREVIATION.fullmatch(m.group("region") or ""):
        strong = True  # "Portsmouth, Va. - ...": a US state's abbreviation, then a dash
    if m.group("sep") == "|" and not (place.isupper() and "|" not in paragraph[m.end():]):
        return None  # "GARY | Police said ...", not a menu ("NEWS | SPORTS | WEATHER")
    if m.group("sep") is None and not (place.isupper() and len(place) >= 3 and m.group("agency")
                                       and _STATION.fullmatch(m.group("agency"))):
        return None  # without a dash only "PLACE (STATION) The story ...", not "FBI (Federal Bureau ...) ..."
    if not strong or len(paragraph) - m.end() < 20:
        return None
    return dateline, paragraph[m.end() :]


#: A label an outlet puts before a paragraph of its own text: "UPDATE:", "UPDATE @ 4:02
#: a.m.:", "UPDATE #1 (01/21/2013):", "UPDATE 6:17 PM -", "PREVIOUS STORY:", "FIRST REPORT:",
#: "CORRECTION:", "Editor's note:", "UPDATE, 8AM | ...", "Update | 5:23 p.m.". The label is
#: furniture; the words after it are the article's. A label alone on its line ("FIRST REPORT", "ORIGINAL STORY:") is furniture too.
#: When a label says it was written: "(8/14/13)", "@ 4:02 a.m.", "8:30 PM, JAN. 3", "Dec 23,
#: 2013 at 9:11 AM", "08/20/13 – 4:56 p.m.", "on 6" (a newscast).
_LABEL_STAMP = (r"(?:\([^()\n]{1,30}\)|(?:@|at|on)\s*\d{1,2}\b|(?:(?:@|at)\s*)?\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?(?:\s*[A-Z]{2,3}\b)?"
                r"|[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s*\d{4})?|\d{1,2}/\d{1,2}(?:/\d{2,4})?)")
_PARAGRAPH_LABEL = re.compile(
    r"^(?:update[ds]?|previous\s+story|original\s+story|earlier\s+story|first\s+report|correction"
    r"|editor['’]?s\s+note)(?:\s*#?\d{1,2}\b(?!:\d))?"
    rf"(?:[\s,:|]*(?:[-–—]\s*)?{_LABEL_STAMP}){{0,3}}"
    r"\s*(?::\s+|\s[-–—]{1,2}\s+|\s\|\s+|[:,]?\s*$)", re.IGNORECASE)


def split_paragraph_label(paragraph: str) -> tuple[str, str] | None:
    """(label, rest) when the paragraph opens with an outlet's label ("UPDATE: ...",
    "PREVIOUS STORY: ..."); rest is empty when the label is all the line holds."""
    m = _PARAGRAPH_LABEL.match(paragraph)
    if not m:
        return None
    return paragraph[: m.end()].strip(), paragraph[m.end() :]


_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)\s*$")


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def is_truncated_teaser(line: str, later_lines: list[str]) -> bool:
    """A line ending in "..." whose text reappears, longer, in a later line (a cut-off
    preview; the full paragraph may carry a dateline the preview left out)."""
    if not _ELLIPSIS.search(line):
        return False
    stem = _norm(_ELLIPSIS.sub("", line))
    if len(stem.split()) < 5:
        return False
    return any(len(other) > len(stem) and stem in _norm(other) for other in later_lines)


# "... on Sunday morning. Photo: Ingrid Tollefsen/Harbor Wire", "File photo: ...",
# "(Photo: Reuters)", "Image credit: ...". The credit must close the line.
_PHOTO_CREDIT = re.compile(
    r"(?:^|[.!?)\s])\(?(?:photo(?:graph)?s?|image|picture|pic|illustration|video|file photo)"
    r"(?:\s+credit)?\s*(?::|by)\s*[^.!?]{2,80}\)?\s*$",
    re.IGNORECASE,
)
_CAPTION_START = re.compile(r"^(?:file photo|photo|image|pictured|above|top)\s*:", re.IGNORECASE)
#: A gallery's counter opening a caption: "Image 3 of 10 Relatives say ...", "Photo 1/4 ...".
_GALLERY_COUNTER = re.compile(r"^(?:image|photo|picture|slide)\s+\d{1,3}(?:\s+of\s+|\s*/\s*)\d{1,3}\b",
                              re.IGNORECASE)


#: An agency photo's credit in brackets closing its caption: "(Photo by Ann Lee/Getty Images)",
#: "(AP Photo/Ann Lee)", or a photographer's name in capitals and the outlet: "(ANN
#: LEE/The Velm Herald)".
_BRACKETED_PHOTO_CREDIT = re.compile(r"\((?:(?i:photo|image)\s+(?i:by|credit:?|:)\s*[^()]{2,80}"
                                     r"|(?:AP|Reuters|AFP|EPA)\s+(?i:photo)\s*/\s*[^()]{2,80}"
                                     r"|[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]*){1,3}\s*/\s*[^()]{2,60})\)\s*$")
#: An agency photo caption's own dateline: "SANTA MONICA, CA - JUNE 08: Students leave ...".
_AGENCY_CAPTION_HEAD = re.compile(r"^[A-Z][A-Z.'’ -]{1,40}, [A-Z]{2,5} - (?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY"
                                  r"|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER) \d{1,2}:\s")


def is_photo_caption(line: str) -> bool:
    """An image caption: it ends with a photo credit, or opens with "File photo:" (60
    words at most; an agency caption ending with its bracketed credit, "(Photo by Ann
    Lee/Getty Images)", or opening with its own dateline, "SANTA MONICA, CA - JUNE 08:",
    150 at most: it tells the picture's whole background); a gallery's caption too
    (:func:`is_gallery_caption`)."""
    words = len(line.split())
    if is_gallery_caption(line) or (words <= 150 and (_BRACKETED_PHOTO_CREDIT.search(line)
                                                      or _AGENCY_CAPTION_HEAD.match(line))):
        return True
    return words <= 60 and bool(_PHOTO_CREDIT.search(line) or _CAPTION_START.match(line))


def is_gallery_caption(line: str) -> bool:
    """A caption opening with a gallery's counter ("Image 3 of 10 Relatives say ...";
    150 words at most: a gallery caption may repeat the story's first paragraphs)."""
    return bool(_GALLERY_COUNTER.match(line)) and len(line.split()) <= 150


# "Open in app", "Download the X app for breaking news alerts", "Read this in our app".
_APP_PROMPT = re.compile(
    r"^(?:open|download|get|install|read|continue|view|listen)\b.{0,60}\bapps?\b.{0,50}$", re.IGNORECASE
)
# "Stay with News4 for more on this developing story.", "Check back with WISHTV.com for
# updates.", "Click here for complete coverage", "Click on the button below to set up your
# account or log in if you already have one."
_SITE_PROMPT = re.compile(
    r"^(?:(?:click|tap)\b.{0,80}\b(?:button|link|here|below)\b"
    r"|(?:stay (?:with|tuned to)|keep it on|check back (?:with|at|on)|watch)\b.{0,80}\bfor (?:updates|the latest|more)\b)"
    r"|\b(?:set up your account|log in if you already|sign in to update your profile)\b", re.IGNORECASE)


# "Please enable Javascript to watch this video", "This slideshow requires JavaScript.",
# "Having trouble viewing the video? Try disabling any ad blocking extensions ...", "Sorry,
# your browser doesn't support Flash": what the page said where its player did not load.
_PLAYER_NOTICE = re.compile(
    r"\b(?:enable|requires?|turn on)\s+javascript\b|\bjavascript (?:is )?(?:disabled|required)\b"
    r"|\b(?:disabl\w*|turn(?:ing)? off|pause)\b.{0,40}\bad[ -]?block|\b(?:support|needs an?|has) flash\b"
    r"|\btrouble (?:viewing|watching|playing|loading) (?:the|this) (?:video|player|slideshow|gallery)\b",
    re.IGNORECASE)


#: A link to another story, marked as one: "RELATED: Man charged in Velm shooting", "READ
#: MORE: ...", "More: ...", "STORY: ...", "See also: ...", "WATCH: ...", "VIDEO: ...",
#: "PHOTOS: ...", "CONTINUING COVERAGE: ...", "RELATED | ...".
_CROSS_LINK = re.compile(r"^(?:related(?:\s+(?:story|stories|article|articles|coverage|content|video|links?))?"
                         r"|read\s+(?:more|next|also)|see\s+also|also\s+read|more|story|recall|watch|video"
                         r"|watch\s+video|(?:more|continuing)\s+coverage|photos|pictures|images)"
                         r"\s*(?:[:：]|\s\|)\s*\S", re.IGNORECASE)


def is_cross_link(line: str) -> bool:
    """A line linking to another story, its label first ("RELATED: ...", "READ MORE:
    ...", "STORY: ..."): the title that follows is another article's, never this one's
    words (30 words at most)."""
    return bool(_CROSS_LINK.match(line.strip())) and len(line.split()) <= 30


def is_reader_prompt(line: str) -> bool:
    """A short prompt to the reader: to open or install the publisher's app (12 words at
    most), to stay with the station for updates, to click, to sign in, or what a video
    player or a slideshow said when it did not load ("Please enable Javascript to watch
    this video"; 40 at most)."""
    words = len(line.split())
    return (words <= 12 and bool(_APP_PROMPT.match(line))) or (
        words <= 40 and bool(_SITE_PROMPT.search(line) or _PLAYER_NOTICE.search(line)))


# "Contact Ada Crane: acrane@example.com or 555-0134.", "Reach him at @adacrane",
# "Read or Share this story: http://..." at the foot of an article.
_CONTACT_LINE = re.compile(
    r"^(?:contact|reach|e-?mail|write to|follow)\b[^.!?]{0,80}?"
    r"(?:[\w.+-]+@[\w-]+\.[\w.]+|\(?\d{3}\)?[-. ]\d{3}[-. ]\d{4}|@\w{2,}|\bon (?:twitter|x|facebook|instagram)\b)",
    re.IGNORECASE,
)
_SHARE_LINK = re.compile(r"^(?:read or share|share|read) this (?:story|article)\s*:\s*\S+$", re.IGNORECASE)


def is_sign_off(line: str) -> bool:
    """A reporter's contact line or a link to share the story: how to reach the writer or
    pass the page on, not what the article reports (its name is the writer's, not a
    person of the story)."""
    return len(line.split()) <= 25 and bool(_CONTACT_LINE.match(line) or _SHARE_LINK.match(line))
