"""One exception tree. Messages say what failed, which input, and how to fix it."""

from __future__ import annotations

__all__ = ["StorylensError", "InputError", "StoreError"]


class StorylensError(Exception):
    """Base of every error Storylens raises on purpose."""


class InputError(StorylensError):
    """An input file or record cannot be used. ``source`` names it; ``str()`` says why."""

    def __init__(self, source: str, problem: str, fix: str | None = None) -> None:
        self.source = source
        self.problem = problem
        self.fix = fix
        message = f"{source}: {problem}"
        if fix:
            message += f" ({fix})"
        super().__init__(message)

    @property
    def reason(self) -> str:
        """The message without the source, for ``Skipped.reason``."""
        return self.problem + (f" ({self.fix})" if self.fix else "")


class StoreError(StorylensError):
    """The store cannot be opened or written."""
