"""A settings section in force for the duration of a block: one helper for every stage
whose many small modules read their section rather than receive it as an argument.

The pipeline (or a worker, around one chunk) runs the stage inside ``scope.applied(section)``;
the stage's modules read ``scope.current()``: the section of the enclosing block, else the
defaults. A ``ContextVar`` keeps concurrent runs (threads, asyncio tasks) apart.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Generic, TypeVar

__all__ = ["SettingsScope"]

T = TypeVar("T")


class SettingsScope(Generic[T]):
    """The section of type ``T`` in force; ``default`` outside any ``applied`` block."""

    def __init__(self, name: str, default: T) -> None:
        self._var: ContextVar[T | None] = ContextVar(name, default=None)
        self._default = default

    @contextmanager
    def applied(self, settings: T) -> Iterator[None]:
        """Run the block with ``settings`` in force."""
        token = self._var.set(settings)
        try:
            yield
        finally:
            self._var.reset(token)

    def current(self) -> T:
        """The settings in force: those of the enclosing ``applied`` block, else the defaults."""
        value = self._var.get()
        return self._default if value is None else value
