"""Plain-text page dumps (select-all-and-copy of a web page, or a scraper's text) to an Article.

Order of work, each removal recorded in ``Article.removed`` with its reason:
1. header: byline/timestamp lines, the headline (and its repeats), what sits above it;
2. truncated teasers (a line ending in "..." that starts a later paragraph);
3. lines recognised anywhere: agency-feed notices, credit lines, hashtag lines,
   photo captions, app prompts, the writer's contact line and share links, the
   copyright footer (its owner is the outlet);
4. links to other stories interleaved with the body (``boilerplate.interleaved_links``,
   also in text given as an article body), then page furniture by line features
   (``boilerplate.classify_lines``);
5. what stands between the header and a dateline paragraph near the top;
6. the outlet's labels before its paragraphs ("UPDATE:", "PREVIOUS STORY:");
7. the dateline at the head of the first body paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Article, RawDocument, RemovedLine
from ..text import MONTH_WORD, WEEKDAY_WORD
from .boilerplate import body_furniture, classify_lines, interleaved_links, only_site_prompts
from .dates import implausible, note_rejected
from .structured import (
    Timestamp,
    choose_published,
    is_feed_notice,
    is_gallery_caption,
    is_cross_link,
    is_photo_caption,
    is_reader_prompt,
    is_rights_notice,
    is_sign_off,
    is_truncated_teaser,
    looks_like_organisation,
    parse_byline_line,
    parse_copyright_line,
    parse_credit_line,
    parse_hashtag_line,
    split_dateline,
    split_paragraph_label,
)

__all__ = ["clean_page_text", "MarkedLines", "take_marked_lines", "take_dateline", "take_headline_block",
           "take_paragraph_labels"]

_SENTENCE_END = re.compile(r"[.:;,]['\"’”)]*$")
_WORD = re.compile(r"[^\W\d_]{2,}")
HEADER_SHARE = 0.5  # byline lines are looked for in the first half of the page only


@dataclass
class MarkedLines:
    """What ``take_marked_lines`` found: notice, credits, hashtags, and the lines removed."""

    credits: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    feed_notice: str | None = None
    removed: dict[int, str] = field(default_factory=dict)  # index -> reason


#: Why a gallery's caption was removed (it is kept when nothing else of the page is text).
GALLERY_CAPTION = "a gallery's image caption"


def take_marked_lines(lines: list[str], skip: set[int] | None = None) -> MarkedLines:
    """Find agency-feed notices, credit lines, hashtag lines, photo captions, app prompts,
    sign-offs (the writer's contact, a share link) and rights notices that name no owner
    the footer rule can read (an agency's under its copy) among ``lines``: lines
    recognised by what they are, wherever they stand."""
    found = MarkedLines()
    for i, line in enumerate(lines):
        if skip and i in skip:
            continue
        if is_feed_notice(line):
            found.feed_notice = found.feed_notice or line
            found.removed[i] = "agency-feed notice (kept in feed_notice)"
            continue
        credits = parse_credit_line(line)
        if credits:
            found.credits.extend(c for c in credits if c not in found.credits)
            found.removed[i] = "credit line (kept in credits)"
            continue
        tags = parse_hashtag_line(line)
        if tags:
            found.hashtags.extend(t for t in tags if t.casefold() not in {h.casefold() for h in found.hashtags})
            found.removed[i] = "hashtag line (kept in hashtags)"
        elif is_gallery_caption(line):
            found.removed[i] = GALLERY_CAPTION
        elif is_photo_caption(line):
            found.removed[i] = "image caption with photo credit"
        elif is_reader_prompt(line):
            found.removed[i] = "a prompt to the reader (app, updates, sign-in)"
        elif is_cross_link(line):
            found.removed[i] = "a link to another story"
        elif is_sign_off(line):
            found.removed[i] = "the writer's contact or a share link"
        elif is_rights_notice(line) and parse_copyright_line(line) is None:
            found.removed[i] = "copyright notice"
    return found


def take_dateline(paragraphs: list[str], removed: list[RemovedLine], line: int | None = None) -> str | None:
    """Split a dateline off the paragraph that opens the story (in place: one of the first
    two, as a standfirst may come first); record it as removed."""
    for position, paragraph in enumerate(paragraphs[:2]):
        split = split_dateline(paragraph)
        if split is None:
            continue
        dateline, rest = split
        again = split_dateline(rest)  # a station's before the place's: "KUTV (CBS) SALT LAKE CITY - ..."
        if again is not None:
            dateline, rest = f"{dateline} {again[0]}", again[1]
        where = line if position == 0 else None
        removed.append(RemovedLine(paragraph[: len(paragraph) - len(rest)].strip(), "dateline (kept in dateline)", where))
        paragraphs[position] = rest
        return dateline
    return None


def take_paragraph_labels(paragraphs: list[str], removed: list[RemovedLine]) -> bool:
    """Take the outlet's labels ("UPDATE:", "PREVIOUS STORY:") off the paragraphs they
    open (in place), a paragraph that is only a label with them; record each as removed.
    Whether the first paragraph opened with a label."""
    kept: list[str] = []
    first_labelled = False
    for n, paragraph in enumerate(paragraphs):
        split = split_paragraph_label(paragraph)
        if split is None:
            kept.append(paragraph)
            continue
        first_labelled = first_labelled or n == 0
        label, rest = split
        if len(_WORD.findall(rest)) < 3:  # the label alone, or with a time stamp ("Updated: 01/26/2015 10:24 PM")
            removed.append(RemovedLine(paragraph, "an outlet's label (update, previous story)"))
        else:
            removed.append(RemovedLine(label, "a label before the outlet's paragraph (update, previous story)"))
            kept.append(rest)
    if kept:  # a body of labels alone keeps them: the caller reports what is left
        paragraphs[:] = kept
    return first_labelled


def take_headline_block(paragraphs: list[str], headline: str | None, removed: list[RemovedLine]) -> None:
    """Remove a copy of the headline from the top of a body (in place), with the labels
    above it (kicker, section name). A standfirst under it stays: it is the outlet's text.
    A copy run into the paragraph under it with no line break ("Three hurt in Ostby fire
    Firefighters were called ...": a page's heading and first line joined when the text
    was saved) is cut from the front of that paragraph (:func:`_run_in_headline`)."""
    if not headline:
        return
    wanted = " ".join(headline.split()).casefold()
    for i, paragraph in enumerate(paragraphs[:4]):
        if " ".join(paragraph.split()).casefold() == wanted:
            removed.extend(RemovedLine(p, "label above the headline") for p in paragraphs[:i])
            removed.append(RemovedLine(paragraph, "headline (kept in headline)"))
            del paragraphs[: i + 1]
            return
        if (cut := _run_in_headline(paragraph, headline)) is not None:
            removed.extend(RemovedLine(p, "label above the headline") for p in paragraphs[:i])
            while cut is not None:  # a site's label and the headline again ("Valley News Ferry hits ...")
                removed.append(RemovedLine(paragraph[:cut].strip(), "headline run into the first line (kept in headline)"))
                paragraph = paragraph[cut:].lstrip()
                cut = _run_in_headline(paragraph, headline, label=True)
            paragraphs[i] = paragraph
            del paragraphs[:i]
            return


#: A word a headline's own last words may go on with ("Man shot in Ostby Tuesday night
#: dies"): a day or a month starts no new sentence.
_GOES_ON = re.compile(rf"(?:{WEEKDAY_WORD}|{MONTH_WORD})\b", re.IGNORECASE)


def _run_in_headline(paragraph: str, headline: str, label: bool = False) -> int | None:
    """Where the body starts in a paragraph that opens with the headline's words (four or
    more, not ending a sentence) and goes on, after a space, with a new sentence: a
    capital, a digit or an opening mark, not a day or a month; else None. ``label``: the
    headline may follow up to three capitalised words (a site's section name), as it
    does on a page whose first copy of the headline was just cut."""
    words = headline.split()
    if len(words) < 4 or _SENTENCE_END.search(headline.strip()):
        return None
    opening = paragraph[:200].casefold() if label else paragraph.lstrip()[:len(words[0])].casefold()
    if words[0].casefold() not in opening:
        return None  # cannot open with the headline: no pattern to build
    before = r"(?-i:(?:[A-Z][\w&’'.-]*\s+){0,3}?)" if label else ""
    pattern = r"\s*" + before + r"\s+".join(re.escape(w) for w in words) + r"[ \t]+(?=(?-i:[A-Z0-9\"“'‘(\[]))"
    m = re.match(pattern, paragraph, re.IGNORECASE)
    if m is None or _GOES_ON.match(paragraph, m.end()):
        return None
    return m.end()


def _is_title_like(line: str) -> bool:
    words = line.split()
    return 3 <= len(words) <= 30 and len(line) <= 250 and not _SENTENCE_END.search(line) and not line.startswith("#")


REPEAT_WINDOW = 12  # a headline's repeat (page title + article heading) sits within this many lines


def _is_prose(line: str) -> bool:
    return len(line.split()) >= 25 and bool(re.search(r"[.!?]['\"’”)]*$", line))


def _find_headline(lines: list[str], first_byline: int | None) -> tuple[int | None, str]:
    """Index of the headline line and the rule that found it."""
    limit = first_byline + 1 if first_byline is not None else max(1, int(len(lines) * 0.6))
    for i, line in enumerate(lines[:limit]):
        if not _is_title_like(line):
            continue
        if any(other == line for other in lines[i + 1 : i + 1 + REPEAT_WINDOW]):
            return i, "a title-like line the page repeats"
    if first_byline is not None and first_byline > 0 and _is_title_like(lines[first_byline - 1]):
        return first_byline - 1, "the title-like line just above the byline"
    return None, ""


def clean_page_text(raw: RawDocument, text: str, page_furniture: bool = True) -> Article:
    """Clean decoded page text into an Article (explicit metadata is applied later).

    ``page_furniture=False`` for text that is already an article body (a JSONL/CSV text
    column): the line-feature furniture classifier is not run on it, only the furniture
    phrases and closing prompts of :func:`~.boilerplate.body_furniture`.
    """
    numbered = [(n, " ".join(line.split())) for n, line in enumerate(text.splitlines())]
    numbered = [(n, line) for n, line in numbered if line]
    lines = [line for _, line in numbered]
    if not lines:
        raise InputError(raw.source, "no text in the file", "is it empty or only whitespace?")
    reasons: dict[int, str] = {}
    inferred: dict[str, str] = {}

    # 1. Header: byline and timestamps, headline.
    header_end = max(3, int(len(lines) * HEADER_SHARE))
    byline: str | None = None
    stamps: list[Timestamp] = []
    header_notice: str | None = None
    first_byline: int | None = None
    for i, line in enumerate(lines[:header_end]):
        if len(line) > 300:
            continue
        parsed = parse_byline_line(line)
        if parsed is None:
            continue
        first_byline = i if first_byline is None else first_byline
        byline = byline or parsed.byline
        header_notice = header_notice or parsed.feed_notice
        stamps.extend(parsed.timestamps)
        reasons[i] = "byline/timestamp line (kept in byline, published, updated)"
    headline_index, headline_rule = _find_headline(lines, first_byline)
    headline = lines[headline_index] if headline_index is not None else None
    if headline_index is not None:
        inferred["headline"] = headline_rule
        for i, line in enumerate(lines):
            if line == headline:
                reasons[i] = "headline (kept in headline)" if i == headline_index else "repeated headline"
        if not any(_is_prose(line) for line in lines[:headline_index]):
            for i in range(headline_index):
                reasons.setdefault(i, "page header above the headline")

    # 2. Teasers.
    for i, line in enumerate(lines):
        if i not in reasons and is_truncated_teaser(line, lines[i + 1 :]):
            reasons[i] = "truncated teaser of a later paragraph"

    # 3. Lines recognised by what they are.
    marked = take_marked_lines(lines, skip=set(reasons))
    reasons.update(marked.removed)

    # The site's own name, from its copyright footer (the last one on the page).
    owner: str | None = None
    for i in range(len(lines) - 1, -1, -1):
        owner = parse_copyright_line(lines[i])
        if owner:
            reasons.setdefault(i, "copyright footer (owner kept in outlet)")
            owner_line = lines[i]
            break

    if only_site_prompts([lines[i] for i in range(len(lines)) if i not in reasons]):
        raise InputError(raw.source, "no article text: only the site's prompts (sign-in, registration, "
                                     "newsletters, alerts), a page saved in place of the article")

    # 4. Links to other stories interleaved with the body (in text given as a body too),
    # then furniture by line features, over what is left.
    reasons.update(interleaved_links(lines, set(reasons)))
    if page_furniture:
        remaining = [i for i in range(len(lines)) if i not in reasons]
        verdicts = classify_lines([lines[i] for i in remaining])
        for i, verdict in zip(remaining, verdicts):
            if not verdict.keep:
                reasons[i] = verdict.reason or "page furniture"
    else:
        reasons.update(body_furniture(lines, set(reasons)))

    kept = [i for i in range(len(lines)) if i not in reasons]
    if not kept:  # a gallery saved in place of the article: its captions tell the story
        kept = [i for i in sorted(reasons) if reasons[i] == GALLERY_CAPTION]
        for i in kept:
            del reasons[i]
    # 5. A story starts at its dateline: short furniture kept between the header and a
    # dateline paragraph near the top ("Now playing: ...", a caption) goes.
    for position, i in enumerate(kept[:4]):
        if split_dateline(lines[i]):
            for j in kept[:position]:
                reasons[j] = "between the page header and the dateline"
            kept = kept[position:]
            break
    removed = [RemovedLine(lines[i], reasons[i], numbered[i][0]) for i in sorted(reasons)]
    paragraphs = [lines[i] for i in kept]
    if not paragraphs:
        raise InputError(
            raw.source,
            f"no article text left after removing {len(removed)} lines of page furniture",
            "run with -v to see each removed line and its reason",
        )

    # before the dateline: "PREVIOUS STORY:" is no place; a labelled first paragraph is no
    # longer the first kept line
    first_labelled = take_paragraph_labels(paragraphs, removed)
    dateline = take_dateline(paragraphs, removed, line=None if first_labelled else numbered[kept[0]][0])

    usable: list[Timestamp] = []
    for stamp in stamps:
        why = implausible(stamp.value, raw.fetched_at)
        if why is None:
            usable.append(stamp)
        else:
            note_rejected(inferred, "published", "the page header's timestamp", stamp.text, why)
    published, updated, rule = choose_published(usable)
    outlet = None
    if owner:
        outlet = owner
        inferred["outlet"] = f"the page's copyright line ({owner_line!r})"
    elif byline and looks_like_organisation(byline):
        outlet = byline
        inferred["outlet"] = f'byline "{byline}" names an organisation'
    if byline:
        inferred["byline"] = "the page's \"By ...\" line"
    if published is not None:
        inferred["published"] = rule + ("" if published.zone_known else "; no time zone given, UTC assumed")
    if updated is not None:
        inferred["updated"] = f"the latest timestamp after publication ({updated.text!r})"
    if dateline:
        inferred["dateline"] = "the opening of the first paragraph"

    return Article(
        id=raw.id,
        source=raw.source,
        url=raw.url,
        text="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        outlet=outlet,
        headline=headline,
        byline=byline,
        published=published.value if published else None,
        updated=updated.value if updated else None,
        dateline=dateline,
        credits=marked.credits,
        hashtags=marked.hashtags,
        feed_notice=marked.feed_notice or header_notice,
        removed=removed,
        inferred=inferred,
    )
