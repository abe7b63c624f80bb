"""The JSON API's models of the typed records, generated from the records themselves.

``record_model(Fact, "FactOut", models=...)`` is a pydantic model with one field per
field of the dataclass, typed from its type hints (a datetime is the ISO 8601 string the
serialiser writes; a nested record is the model generated for it, from ``models``), so
the OpenAPI schema cannot drift from what ``storylens.serialise`` writes: a field added
to a record is in its model at once, and a record nested in another must have a model
(``TypeError`` at import otherwise). What a record's ``to_dict`` writes beyond its
fields is named in ``layout``: a property of the record (its return type is the key's
type, e.g. ``QuoteGroup.fidelity``), or a key of ``types`` (what the API adds, such as
a citation's ``url``); ``layout`` also gives the order of the keys when it is not the
fields' order, and must name every field that is not ``drop``ped.
``tests/web/test_models_layout.py`` checks on the examples that every key the
serialiser writes is a field of its model and nothing else is.

Why not ``pydantic.TypeAdapter(record)`` or ``pydantic.dataclasses``: those validate and
dump the dataclass itself (datetimes as pydantic writes them, every key in field order,
no derived keys), which is not the layout the serialiser writes and the API has always
returned; generating a ``BaseModel`` per record keeps that layout byte for byte.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field, create_model

from ..serialise import record_hints

__all__ = ["record_model"]

_PLAIN = (str, int, float, bool, type(None))


def record_model(record: type, name: str, *, models: Mapping[type, Any], doc: str | None = None,
                 layout: Sequence[str] | None = None, drop: Collection[str] = (),
                 types_: Mapping[str, Any] | None = None, defaults: Mapping[str, Any] | None = None,
                 descriptions: Mapping[str, str] | None = None) -> Any:
    """The pydantic model (named ``name``) of the JSON layout of the dataclass ``record``.

    Every key is required (the serialiser writes every field), but for the keys of
    ``defaults``: those the record's ``to_dict`` leaves out when they hold their default
    (a citation's ``field``), which the API writes with that default. ``types_``
    overrides a field's type or types a key that is not a field."""
    if not dataclasses.is_dataclass(record):
        raise TypeError(f"{record!r} is not a dataclass")
    hints = record_hints(record)
    fields = {f.name: f for f in dataclasses.fields(record) if f.name not in drop}
    keys = list(layout) if layout is not None else list(fields)
    left_out = [f for f in fields if f not in keys]
    if left_out:
        raise TypeError(f"{name}: the layout leaves out {record.__name__}'s fields {left_out}")
    extra_types = dict(types_ or {})
    definitions: dict[str, Any] = {}
    for key in keys:
        if key in extra_types:
            hint = extra_types[key]
        elif key in fields:
            hint = api_type(hints[key], models, f"{record.__name__}.{key}")
        else:
            hint = api_type(_property_type(record, key, name), models, f"{record.__name__}.{key}")
        info = {"default": (defaults or {})[key]} if key in (defaults or {}) else {}
        description = (descriptions or {}).get(key)
        definitions[key] = (hint, Field(description=description, **info) if description else Field(**info))
    return create_model(name, __doc__=doc, __module__=__name__.rsplit(".", 1)[0] + ".models", **definitions)


def _property_type(record: type, key: str, name: str) -> Any:
    prop = getattr(record, key, None)
    if not isinstance(prop, property) or prop.fget is None:
        raise TypeError(f"{name}: {key!r} is neither a field nor a property of {record.__name__} "
                        "(type it in types_)")
    return typing.get_type_hints(prop.fget)["return"]


def api_type(hint: Any, models: Mapping[type, Any], where: str) -> Any:
    """The type of a record's value in the JSON layout: containers and unions of the
    types of their items, a datetime as a string, a record as its model."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        out: Any = None
        for arg in args:
            mapped = api_type(arg, models, where)
            out = mapped if out is None else out | mapped
        return out
    if origin in (list, tuple):  # a tuple is written as a JSON array
        return types.GenericAlias(list, (api_type(args[0], models, where),))
    if origin is dict:
        return types.GenericAlias(dict, (args[0], api_type(args[1], models, where)))
    if hint is datetime:
        return str
    if hint is Any or hint in _PLAIN:
        return hint
    if isinstance(hint, type) and hint in models:
        return models[hint]
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        return hint
    raise TypeError(f"{where}: no API model for {hint!r}; give one in models")
