"""``dumps_indented`` writes exactly what ``json.dumps(..., ensure_ascii=False, indent=2)`` does."""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest

from storylens.report.indented_json import dumps_indented


class _Kind(str, enum.Enum):
    QUOTE = "quote"


class _Count(int):
    pass


@pytest.mark.parametrize("value", [
    None, True, False, 0, -12, 10**30, 1.5, -0.0, 1e300, 1e-7, float("nan"), float("inf"), float("-inf"),
    "", "plain", "é “quoted” \n\t\"\\ \u2028 \x00\x1f \ud800", [], {}, (), [[]], [{}], {"a": {}}, {"a": []},
    {1: 2}, {None: 1}, {True: 1}, {1.5: 2}, _Kind.QUOTE, [_Kind.QUOTE], _Count(3), {"k": _Count(2)},
    [1, [2, {"x": (3, None)}]], {"": "", "b": [True, False, None, 0.1]},
    {"articles": [{"id": "a1", "entities": [{"key": "person:ada", "mentions": [{"start": 0, "end": 3}]}]}]},
])
def test_same_text_as_json_dumps(value: Any) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_values_json_cannot_write_raise_as_json_dumps_does() -> None:
    with pytest.raises(TypeError):
        dumps_indented({"when": object()})
