"""Where the evaluation data lives: ``../shared`` beside the checkout, or $STORYLENS_SHARED."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["shared_dir", "MissingDataError"]

_REPO_ROOT = Path(__file__).resolve().parents[3]


class MissingDataError(FileNotFoundError):
    """The evaluation data is not on this machine (a user's checkout has no ../shared)."""


def shared_dir(required: str | None = None) -> Path:
    """Return the shared folder; raise MissingDataError naming what is missing.

    ``required`` is a path inside it (e.g. ``"eval/pages/gold.json"``) that must exist.
    """
    candidates = []
    if os.environ.get("STORYLENS_SHARED"):
        candidates.append(Path(os.environ["STORYLENS_SHARED"]))
    candidates.append(_REPO_ROOT.parent / "shared")
    for root in candidates:
        if root.is_dir() and (required is None or (root / required).exists()):
            return root
    wanted = f"{required} under " if required else ""
    raise MissingDataError(
        f"evaluation data not found: looked for {wanted}"
        + " and ".join(str(c) for c in candidates)
        + " (set STORYLENS_SHARED to the folder that holds eval/ and corpus/)"
    )
