"""The JSON API's pydantic models (web.models), generated from the records
(web.record_models), describe the layout storylens.serialise writes: ComparisonOut has
one field per Comparison section; every key of the examples' serialised stories and
comparisons, at every depth, is a declared field of the model that describes it; and
the models give the serialiser's JSON back byte for byte, so the API writes what the
serialiser writes. A field added to a record is in its model; a nested record without a
model, or a layout that leaves a field out, fails when the models are built."""

from __future__ import annotations

import json
import types
import typing
from dataclasses import dataclass, field
from typing import Any

import pytest
from pydantic import BaseModel

from storylens.model import Citation, Fact
from storylens.serialise import comparison_to_dict, section_names, story_to_dict
from storylens.web.models import ComparisonOut, SpanCitationOut, StoryOut
from storylens.web.record_models import record_model


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


def _added_nulls_dropped(dumped: Any, written: Any) -> Any:
    """``dumped`` without the keys set to null that ``written`` does not have (the API
    writes a key the serialiser leaves out at its default: a text citation's ``field``)."""
    if isinstance(dumped, dict) and isinstance(written, dict):
        return {k: _added_nulls_dropped(v, written.get(k)) for k, v in dumped.items()
                if k in written or v is not None}
    if isinstance(dumped, list) and isinstance(written, list) and len(dumped) == len(written):
        return [_added_nulls_dropped(d, w) for d, w in zip(dumped, written)]
    return dumped


def test_the_models_give_the_serialised_json_back(examples_analysis: Any) -> None:
    for story in examples_analysis.stories:
        comparison = comparison_to_dict(story.comparison)
        _link(comparison)
        dumped = ComparisonOut.model_validate(comparison).model_dump(mode="json")
        assert json.dumps(_added_nulls_dropped(dumped, comparison)) == json.dumps(comparison)  # key order too
        data = {k: v for k, v in story_to_dict(story).items() if k not in section_names()}
        dumped = StoryOut.model_validate(data).model_dump(mode="json")
        assert dumped.pop("updated_articles") is None  # an analysed story has no updates
        assert dumped == data  # the API's story keeps its own key order (title before lead)


def test_a_record_s_model_follows_its_fields() -> None:
    @dataclass
    class Finding:
        id: str
        support: list[Citation]
        weight: float | None = None
        tags: list[str] = field(default_factory=list)

        @property
        def supported(self) -> bool:
            return bool(self.support)

    model = record_model(Finding, "FindingOut", models={Citation: SpanCitationOut},
                         layout=("id", "supported", "support", "weight", "tags"))
    assert list(model.model_fields) == ["id", "supported", "support", "weight", "tags"]
    assert model.model_fields["support"].annotation == list[SpanCitationOut]
    assert all(info.is_required() for info in model.model_fields.values())
    with pytest.raises(TypeError, match="no API model"):
        record_model(Finding, "FindingOut", models={})
    with pytest.raises(TypeError, match="leaves out"):
        record_model(Finding, "FindingOut", models={Citation: SpanCitationOut}, layout=("id", "support"))
    with pytest.raises(TypeError, match="neither a field nor a property"):
        record_model(Fact, "FactOut", models={Citation: SpanCitationOut},
                     layout=(*Fact.__dataclass_fields__, "score"))
