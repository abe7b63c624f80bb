"""Storylens: compare many outlets' coverage of the same events."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
