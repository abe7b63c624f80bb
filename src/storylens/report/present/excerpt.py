"""A statement cut out of a longer sentence, shown as the excerpt it is.

The comparison cuts long sentences into clauses so a clause can agree with another
outlet's sentence; a fact or a single-source claim may then be such a clause: "saying
stubborn food prices risked pushing expectations out of reach," or "while the southern
pier stays closed." A reader is shown it with an ellipsis where the sentence goes on:
"… saying stubborn food prices risked pushing expectations out of reach …". The words
shown are the cited span's, nothing added but the marks of the cut.
"""

from __future__ import annotations

import re

__all__ = ["as_excerpt"]

#: What a clause cut before "however", "while", a participle ... ends on.
_CUT_END = re.compile(r"\s*[,;:—–]\s*$")
#: A first word in lower case that is a name all the same ("iPhone", "eBay", "de Klerk"
#: is not: "de" alone is lower case): a capital letter inside it.
_LOWER_NAME = re.compile(r"^[a-z]+[A-Z]")


def as_excerpt(text: str) -> str:
    """``text`` with "… " before it when it starts inside its sentence (its first letter
    in lower case, not a name like "iPhone") and " …" instead of a comma, semicolon,
    colon or dash it ends on."""
    text = text.strip()
    if not text:
        return text
    starts_inside = text[0].islower() and not _LOWER_NAME.match(text)
    if (cut := _CUT_END.search(text)) is not None:
        text = text[:cut.start()] + " …"
    return "… " + text if starts_inside else text
