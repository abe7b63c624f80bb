"""Bytes to text: UTF-8 first, then a detected encoding, line by line for mixed files."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from ..errors import InputError

__all__ = ["looks_binary", "decode_text"]

_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, in the first 8 KiB."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > 0.05


def decode_text(data: bytes, source: str) -> tuple[str, str | None]:
    """Decode page bytes. Returns (text, note); note says how, when it was not plain UTF-8."""
    if looks_binary(data):
        raise InputError(source, "binary data, not text", "pass article text, HTML, feeds, WARC, JSONL or CSV")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    lines = data.split(b"\n")
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        # A whole file in one legacy encoding, unless individual lines are valid UTF-8
        # (a file pasted together from several sources): then decode line by line.
        utf8_lines = sum(1 for line in lines if _is_utf8(line) and not line.isascii())
        if utf8_lines == 0:
            return str(best), f"decoded as {best.encoding} (not valid UTF-8)"
    # Lines that are not UTF-8 in a mostly-UTF-8 file: Windows-1252, by far the most
    # common legacy encoding of pasted English text (a guess over the mixed whole is unreliable).
    fallback = "cp1252"
    out, legacy = [], 0
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            legacy += 1
            out.append(line.decode(fallback, errors="replace"))
    return "\n".join(out), f"mixed encodings: {legacy} of {len(lines)} lines decoded as {fallback}, the rest as UTF-8"


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
