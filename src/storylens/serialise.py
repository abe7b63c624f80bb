"""The one serialiser of stories and their comparisons: ``storylens.model.Story`` and
``Comparison`` to the JSON report's story layout (docs/json-schema.md) and back.

The JSON report, the store (which keeps stories and comparisons as their JSON layout
and reads them back here as ``StoredStory`` and ``Comparison`` records), the exporter
and the JSON API (whose pydantic models, ``web.models``, are generated from the records'
type hints, ``record_hints``) all go through these functions, so the layout is written
here once; the web pages and the reports render the records themselves
(``report.present``):

* a story is its fields in the order of ``Story`` (datetimes as ISO 8601 strings; a
  field marked ``omit_empty``, ``StoredStory.updated_articles``, only when not empty),
  then, once compared, the sections of its ``Comparison`` in the order of its fields
  (the one list of the sections);
* a record with a ``to_dict`` (``Fact``, ``Citation``, ``QuoteGroup``, ``Brief``, …) is
  written by it (its derived keys, such as a quote group's ``fidelity``, and its rounding
  are its own); any other dataclass (``Exclusives``) field by field.

Reading is driven by the records' type hints: a dataclass reads its fields from the
keys of the same names (keys that are derived, such as ``articles`` of a timeline event,
are recomputed from the fields, not read); a field missing from the JSON takes its
default, so a comparison stored by an older version, without a section or a later
field, still loads. ``X == to_dict(from_dict(X))`` for every layout this module writes
(tests/unit/test_serialise.py checks it on the examples' and the seeds' reports).
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import datetime
from functools import cache
from collections.abc import Callable
from typing import Any, TypeVar

from .compare.brief import Brief, BriefSentence, QuotedSpeaker
from .compare.framing import FramingCue
from .compare.quote_variants import QuoteGroup, QuoteVariant
from .compare.timeline import TimelineEvent, TimelineMention
from .dedupe.copies import CopyLink, SyndicationGroup
from .model import (ArticleUpdate, Citation, Comparison, Conflict, ConflictSide, Exclusives, Fact, StoredStory, Story,
                    StoryEntity)

__all__ = ["story_to_dict", "story_from_dict", "stored_story_from_dict", "comparison_to_dict", "comparison_from_dict",
           "section_names", "record_hints"]

T = TypeVar("T")

#: Every record class a story holds, by name: what the type hints of the records name
#: (some only under TYPE_CHECKING in their modules, hence resolved with this table).
_RECORDS: dict[str, type] = {cls.__name__: cls for cls in (
    Story, StoredStory, ArticleUpdate, StoryEntity, SyndicationGroup, CopyLink, Comparison, Fact, Citation, Conflict, ConflictSide, QuoteGroup,
    QuoteVariant, Exclusives, FramingCue, TimelineEvent, TimelineMention, Brief, BriefSentence, QuotedSpeaker)}


def section_names() -> tuple[str, ...]:
    """The comparison's sections, in the report's order: the fields of ``Comparison``."""
    return tuple(f.name for f in dataclasses.fields(Comparison))


# -- writing ----------------------------------------------------------------------------


def story_to_dict(story: Story) -> dict[str, Any]:
    """A story in the JSON report's layout: its fields (a ``StoredStory``'s
    ``updated_articles`` only when it has any), then (once compared) its comparison's
    sections."""
    cls: Any = type(story)
    out = {f.name: _write(getattr(story, f.name)) for f in _written_fields(cls)
           if not (f.metadata.get("omit_empty") and not getattr(story, f.name))}
    if story.comparison is not None:
        out.update(comparison_to_dict(story.comparison))
    return out


@cache
def _written_fields(cls: Any) -> tuple[dataclasses.Field[Any], ...]:
    return tuple(f for f in dataclasses.fields(cls) if f.name != "comparison")


def comparison_to_dict(comparison: Comparison) -> dict[str, Any]:
    """A comparison's sections (``{section: JSON value}``, in the report's order)."""
    return {f.name: _write(getattr(comparison, f.name)) for f in dataclasses.fields(comparison)}


def _write(value: Any) -> Any:
    to_dict = getattr(value, "to_dict", None)
    if to_dict is not None:
        return to_dict()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _write(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_write(v) for v in value]
    if isinstance(value, dict):
        return {k: _write(v) for k, v in value.items()}
    return value


# -- reading ----------------------------------------------------------------------------


def story_from_dict(data: dict[str, Any]) -> Story:
    """A story from its JSON layout (a report's ``stories[]`` item or a stored story);
    its comparison when the dict has any section, else None."""
    story = _read_record(Story, data)
    if any(name in data for name in section_names()):
        story.comparison = comparison_from_dict(data)
    return story


def stored_story_from_dict(data: dict[str, Any]) -> StoredStory:
    """A story as a store keeps it (``story_from_dict``'s layout without the sections, with
    ``updated_articles`` when any member was fetched again with changed text)."""
    return _read_record(StoredStory, data)


def comparison_from_dict(data: dict[str, Any]) -> Comparison:
    """A comparison from its sections (keys that are not sections are ignored; a missing
    section is empty)."""
    return _read_record(Comparison, data)


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return typing.get_type_hints(cls, localns=_RECORDS)


def record_hints(cls: type) -> dict[str, Any]:
    """The type hints of a record's fields, resolved (for the API's models, which are
    generated from them: ``web.record_models``)."""
    record: Any = cls
    return dict(_hints(record))


def _read_record(cls: type[T], data: dict[str, Any]) -> T:
    values = {}
    record: Any = cls  # one of the dataclasses of _RECORDS
    for name, init, read, required in _fields(record):
        if init and name in data:
            values[name] = data[name] if read is None else read(data[name])
        elif required:
            raise ValueError(f"{cls.__name__}: {name!r} is missing from {sorted(data)}")
    return cls(**values)


@cache
def _fields(cls: Any) -> tuple[tuple[str, bool, Callable[[Any], Any] | None, bool], ...]:
    """A record's fields: name, whether ``__init__`` takes it, its reader (None for a
    plain JSON value, taken as it is) and whether it is required (no default)."""
    hints = _hints(cls)
    out = []
    for f in dataclasses.fields(cls):
        read = _reader(hints[f.name])
        out.append((f.name, f.init, None if read is _same else read,
                    f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING))
    return tuple(out)


def _same(value: Any) -> Any:
    return value


@cache
def _reader(hint: Any) -> Callable[[Any], Any]:
    """The function that reads a JSON value of type ``hint`` (None stays None), built
    once per hint: a story page reads thousands of values (a comparison's records)."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        (hint,) = [a for a in args if a is not type(None)]
        return _reader(hint)
    if origin in (list, tuple, dict):
        item = _reader(args[1] if origin is dict else args[0])
        if item is _same:  # a container of plain JSON values (strings, numbers): a copy
            return lambda v: None if v is None else origin(v)
        if origin is list:
            return lambda v: None if v is None else [item(x) for x in v]
        if origin is tuple:
            return lambda v: None if v is None else tuple(item(x) for x in v)
        return lambda v: None if v is None else {k: item(x) for k, x in v.items()}
    if hint is datetime:
        return lambda v: None if v is None else datetime.fromisoformat(v)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        record = hint
        return lambda v: None if v is None else _read_record(record, v)
    return _same
