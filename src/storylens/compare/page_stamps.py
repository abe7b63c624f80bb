"""Dates a page prints about itself: when it or one of its items went up or was changed
("Posted: Saturday, March 2, 2013 7:39 AM EST Updated: ...", "(Published Wednesday, Feb.
20, 2013)" under a video, "Published on" over a clip's date). They tell when the page
changed, not when anything in the story happened, so the timeline leaves them out.

A stamp is a time reference right after a stamp label ("posted", "updated", "published"
or "modified", with "last", "first" or "originally" before it and "on" after it or not)
that ends in a colon, or opens its line or a parenthesis; and each reference that follows
a stamp on its line with only spaces and commas (or "at") between them (the time after
the date). "The report, published on Monday, said" is no stamp: its label sits in a
sentence, with no colon.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from storylens.model import TimeRef
from storylens.text import STAMP_LABEL

__all__ = ["page_stamps"]

_LABEL = rf"{STAMP_LABEL}(?:\s+on)?"
#: What a stamp's date follows: the label then a colon, or the label opening its line or
#: a parenthesis (matched up to the reference, which may start the next line).
_BEFORE_STAMP = re.compile(rf"(?:(?:^|\()[ \t]*{_LABEL}[ \t]*:?|{_LABEL}[ \t]*:)\s*\Z", re.IGNORECASE | re.MULTILINE)
#: Between two references of one stamp ("Saturday, March 2, 2013 7:39 AM EST").
_WITHIN_STAMP = re.compile(r"[ \t,]*(?:at[ \t]+)?", re.IGNORECASE)
#: How far back a label is looked for ("Originally published on:" and spaces).
_LABEL_REACH = 40


def page_stamps(text: str, refs: Sequence[TimeRef]) -> set[int]:
    """The indexes in ``refs`` of the references that are the page's own stamps."""
    stamps: set[int] = set()
    previous: tuple[int, TimeRef] | None = None
    for i, ref in sorted(enumerate(refs), key=lambda item: item[1].start):
        after_stamp = (previous is not None and previous[0] in stamps and previous[1].end <= ref.start
                       and _WITHIN_STAMP.fullmatch(text, previous[1].end, ref.start) is not None)
        if after_stamp or _BEFORE_STAMP.search(text, max(0, ref.start - _LABEL_REACH), ref.start):
            stamps.add(i)
        previous = (i, ref)
    return stamps
