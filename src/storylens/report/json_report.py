"""The ``Report`` every writer takes, the JSON writer, and helpers the writers share.

The JSON report is the machine-readable record of a run; ``docs/json-schema.md``
documents every field (a test keeps the two in step). The HTML, Markdown and terminal
writers show the same content for people.

Article text is untrusted input. The JSON keeps it byte for byte (offsets point into
it); the human-facing writers pass it through :func:`reveal_hidden`, which replaces
invisible and direction-changing characters with a visible ``⟨U+XXXX⟩`` marker so that
a reader sees exactly what is there.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePath
from typing import Any

from .. import __version__
from ..collector import fewer_collections
from ..model import Article, Skipped, Story
from ..serialise import story_to_dict
from .indented_json import dumps_indented

__all__ = [
    "Report",
    "report_to_dict",
    "report_counts",
    "write_json",
    "write_text_atomic",
    "HIDDEN_CHARS",
    "reveal_hidden",
    "hidden_char_label",
    "single_line",
    "source_name",
]

log = logging.getLogger(__name__)

# Read once at import (single-threaded then): os.umask can only be read by setting it.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


@dataclass
class Report:
    """Everything one run produced, as handed to the writers.

    ``stories`` are the run's stories with their comparisons (the writers show them in
    the layout ``storylens.serialise`` writes); writers never make stories up.
    ``generated_at`` is passed in (timezone-aware) so that output is reproducible and
    testable; writers never read the clock. ``inputs`` are the
    paths/URLs as the user gave them.
    """

    articles: list[Article]
    skipped: list[Skipped]
    stories: list[Story]
    generated_at: datetime
    inputs: list[str]

    def __post_init__(self) -> None:
        if self.generated_at.tzinfo is None or self.generated_at.utcoffset() is None:
            raise ValueError("Report.generated_at must be timezone-aware (e.g. datetime.now(timezone.utc))")


def report_counts(report: Report) -> dict[str, int]:
    """Headline numbers shown by every writer (and stored under ``counts`` in JSON)."""
    outlets = {a.outlet for a in report.articles if a.outlet}
    return {
        "articles": len(report.articles),
        "outlets": len(outlets),
        "articles_without_outlet": sum(1 for a in report.articles if not a.outlet),
        "skipped": len(report.skipped),
        "removed_lines": sum(len(a.removed) for a in report.articles),
        "stories": len(report.stories),
    }


def report_to_dict(report: Report) -> dict[str, Any]:
    """The JSON report as a plain dict (see docs/json-schema.md)."""
    return {
        "storylens_version": __version__,
        "generated_at": report.generated_at.isoformat(),
        "inputs": list(report.inputs),
        "counts": report_counts(report),
        "articles": [a.to_dict() for a in report.articles],
        "skipped": [s.to_dict() for s in report.skipped],
        "stories": [story_to_dict(s) for s in report.stories],
    }


def write_json(report: Report, path: Path | str) -> Path:
    """Write the JSON report (UTF-8, not ASCII-escaped, indent 2) atomically."""
    with fewer_collections():
        text = dumps_indented(report_to_dict(report)) + "\n"
    return write_text_atomic(Path(path), text)


def write_text_atomic(path: Path, text: str) -> Path:
    """Write ``text`` as UTF-8 to a temporary file beside ``path``, then rename it over.

    A reader never sees a half-written report, and an earlier report survives a crash.
    """
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    directory.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        # mkstemp creates the file 0600; give the report the mode a plain open() would.
        os.chmod(tmp_name, 0o666 & ~_UMASK)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except BaseException:
        try:
            os.unlink(tmp_name)
        except FileNotFoundError:
            pass
        raise
    log.info("wrote %s (%d characters)", path, len(text))
    return path


# --- display helpers shared by the HTML, Markdown and terminal writers ---------------

#: Characters that are invisible or change the direction of surrounding text, and
#: control characters. They are shown as a visible marker. Deliberately NOT included:
#: ZWNJ/ZWJ (U+200C/U+200D, needed by Persian, Indic scripts and emoji) and the plain
#: direction marks LRM/RLM/ALM, which are normal in right-to-left text and cannot
#: reorder anything on their own.
HIDDEN_CHARS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 (except tab, newline), DEL, C1 controls
    "\u180e"  # Mongolian vowel separator
    "\u200b"  # zero width space
    "\u2028\u2029"  # line / paragraph separator
    "\u202a-\u202e"  # bidi embeddings and overrides
    "\u2060-\u2064"  # word joiner, invisible operators
    "\u2066-\u2069"  # bidi isolates
    "\ufeff"  # zero width no-break space / BOM
    "\ufff9-\ufffb"  # interlinear annotation controls
    "\U000e0000-\U000e007f"  # tag characters (can smuggle hidden ASCII)
)
_HIDDEN_RE = re.compile(f"[{HIDDEN_CHARS}]")
_WS_RE = re.compile(r"\s+")


def hidden_char_label(char: str) -> str:
    """``"U+202E RIGHT-TO-LEFT OVERRIDE"`` (names from unicodedata; controls by code)."""
    name = unicodedata.name(char, "")
    code = f"U+{ord(char):04X}"
    return f"{code} {name}" if name else f"{code} control character"


def reveal_hidden(text: str, marker: Callable[[str], str] | None = None) -> str:
    """Replace each hidden character with ``marker(char)`` (default ``⟨U+XXXX⟩``).

    The HTML writer passes a marker that escapes the rest itself; callers who build
    markup must escape ``text`` first and then reveal, never the other way round.
    """
    make = marker or (lambda c: f"⟨U+{ord(c):04X}⟩")
    return _HIDDEN_RE.sub(lambda m: make(m.group(0)), text)


def single_line(text: str | None) -> str:
    """Collapse all whitespace (including newlines) to single spaces and trim."""
    return _WS_RE.sub(" ", text or "").strip()


def source_name(source: str) -> str:
    """The file name part of a source, keeping ``#record-N``: ``a/b.jsonl#record-3`` -> ``b.jsonl#record-3``."""
    path, sep, fragment = source.partition("#")
    name = PurePath(path.rstrip("/\\")).name or path
    return f"{name}{sep}{fragment}"
