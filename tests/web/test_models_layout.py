"""The JSON API's pydantic models (web.models) describe the layout storylens.serialise
writes: ComparisonOut has one field per Comparison section, and every key of the
examples' serialised stories and comparisons, at every depth, is a declared field of
the model that describes it (none passes only through ``extra="allow"``)."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from storylens.serialise import comparison_to_dict, section_names, story_to_dict
from storylens.web.models import ComparisonOut, StoryOut


def _undeclared(model: type[BaseModel], data: dict[str, Any], where: str) -> list[str]:
    out = [f"{where}.{k}" for k in data if k not in model.model_fields]
    for name, info in model.model_fields.items():
        if name in data:
            out += _check(info.annotation, data[name], f"{where}.{name}")
    return out


def _check(hint: Any, value: Any, where: str) -> list[str]:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if value is None:
        return []
    if origin in (types.UnionType, typing.Union):
        return [m for a in args if a is not type(None) for m in _check(a, value, where)]
    if origin is list:
        return [m for i, v in enumerate(value) for m in _check(args[0], v, f"{where}[{i}]")]
    if origin is dict:
        return [m for k, v in value.items() for m in _check(args[1], v, f"{where}[{k!r}]")]
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return _undeclared(hint, value, where)
    return []


def _link(value: Any) -> None:
    """Add what the API adds to every citation (its outlet and URL)."""
    if isinstance(value, dict):
        if {"article_id", "start", "end", "text"} <= set(value):
            value.update(outlet="Coast Wire", url="/articles/x")
        for v in value.values():
            _link(v)
    elif isinstance(value, list):
        for v in value:
            _link(v)


def test_the_comparison_model_has_one_field_per_section() -> None:
    assert tuple(ComparisonOut.model_fields) == section_names()


def test_every_serialised_key_is_a_declared_field(examples_analysis: Any) -> None:
    assert examples_analysis.stories
    for story in examples_analysis.stories:
        assert story.comparison is not None and story.comparison.facts
        data = story_to_dict(story)
        comparison = comparison_to_dict(story.comparison)
        _link(comparison)
        story_part = {k: v for k, v in data.items() if k not in section_names()}
        assert _undeclared(StoryOut, story_part, "story") == []
        assert _undeclared(ComparisonOut, comparison, "comparison") == []
        ComparisonOut.model_validate(comparison)
