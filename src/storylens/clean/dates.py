"""Which dates may be used as an article's publication or update time: the one rule.

A date from any source (JSON-LD, OpenGraph, a feed, htmldate, a page dump's header, a
JSONL/CSV column, a sidecar or manifest) is *implausible* when it is before the earliest
plausible date (the setting ``clean.earliest_date``, default 1980-01-01: the pipeline
passes ``CleanConfig`` in with ``clean_settings(config)`` for the run) or later than the time the page was fetched plus one day. A date that is not a date at all
is *unparseable*. Either way the cleaner does not use it: it tries the next source and
notes in ``Article.inferred["<field>_rejected"]`` which value was rejected and why
(``note_rejected``). A date the user stated explicitly (sidecar, manifest) is kept and
flagged, unless it lies outside ``HARD_RANGE``, beyond which later stages could not even
compute with it (a window of days or years around it would leave datetime's range).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from ..scoped import SettingsScope
from .common import parse_datetime

__all__ = [
    "CleanConfig",
    "clean_settings",
    "DEFAULT_EARLIEST",
    "FUTURE_SLACK",
    "HARD_RANGE",
    "DateCheck",
    "earliest_date",
    "implausible",
    "check_date",
    "note_rejected",
]

log = logging.getLogger(__name__)

DEFAULT_EARLIEST = date(1980, 1, 1)


@dataclass(frozen=True)
class CleanConfig:
    """Settings of the clean stage. ``earliest_date``: a publication date before it is
    implausible (1980: before any news site; older dated archives state their dates
    explicitly, and explicit dates are kept)."""

    earliest_date: date = DEFAULT_EARLIEST

#: A publication time may be this much later than the fetch time (clocks and zones differ).
FUTURE_SLACK = timedelta(days=1)
#: No date outside these years is ever used, not even one stated explicitly.
HARD_RANGE = (datetime(1000, 1, 1, tzinfo=timezone.utc), datetime(9000, 1, 1, tzinfo=timezone.utc))
_NOTE_CHARS = 80


_SCOPE = SettingsScope("storylens_clean_config", CleanConfig())

#: ``with clean_settings(config):`` reads and cleans with ``config`` inside the block (the
#: pipeline's run, or one chunk in a worker process).
clean_settings = _SCOPE.applied


def earliest_date() -> datetime:
    """The earliest plausible publication date (``clean.earliest_date``)."""
    day = _SCOPE.current().earliest_date
    return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)


def implausible(value: datetime, fetched_at: datetime) -> str | None:
    """Why ``value`` cannot be a publication time of a page fetched at ``fetched_at``,
    or None when it can. Never raises."""
    try:
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        if not HARD_RANGE[0] <= value < HARD_RANGE[1]:
            return f"outside the years {HARD_RANGE[0].year}-{HARD_RANGE[1].year - 1}"
        earliest = earliest_date()
        if value < earliest:
            return f"before {earliest:%Y-%m-%d}, the earliest plausible date (the setting clean.earliest_date changes it)"
        if fetched_at.tzinfo is None:
            fetched_at = fetched_at.replace(tzinfo=timezone.utc)
        if value > fetched_at + FUTURE_SLACK:
            return f"later than the fetch time ({fetched_at:%Y-%m-%d %H:%M %Z}) plus one day"
    except (OverflowError, ValueError):
        return "outside the range of dates"
    return None


@dataclass(frozen=True)
class DateCheck:
    """What became of one date text: ``value`` (with ``zone_known``) when it may be used;
    else ``rejected`` says why, and ``value`` holds the parsed date if there was one."""

    value: datetime | None
    zone_known: bool = False
    rejected: str | None = None

    @property
    def usable(self) -> bool:
        return self.value is not None and self.rejected is None


def check_date(text: str, fetched_at: datetime) -> DateCheck:
    """Parse ``text`` and apply the plausibility rule. Never raises."""
    parsed = parse_datetime(text)
    if parsed is None:
        return DateCheck(None, rejected="not a date")
    value, zone_known = parsed
    return DateCheck(value, zone_known, implausible(value, fetched_at))


def note_rejected(inferred: dict[str, str], key: str, how: str, text: str, why: str) -> None:
    """Record in ``inferred["<key>_rejected"]`` that ``how`` gave ``text``, not used: ``why``."""
    shown = text if len(text) <= _NOTE_CHARS else text[:_NOTE_CHARS] + "..."
    entry = f"{how} {shown!r}: {why}"
    slot = f"{key}_rejected"
    inferred[slot] = f"{inferred[slot]}; {entry}" if slot in inferred else entry
