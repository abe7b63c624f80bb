"""A statement cut out of a longer sentence, shown as the excerpt it is.

The comparison cuts long sentences into clauses so a clause can agree with another
outlet's sentence; a fact or a single-source claim may then be such a clause: "saying
stubborn food prices risked pushing expectations out of reach," or "while the southern
pier stays closed." A reader is shown it with an ellipsis where the sentence goes on:
"… saying stubborn food prices risked pushing expectations out of reach …". A sentence
of a quotation that runs over several sentences is cut out of that quotation the same
way: it is shown with the quotation's opening mark where it starts inside it ('“… Nobody
goes home until the wall holds," the governor said.') and its closing mark where it
leaves it open ('“We will not gamble with a single life. …”'). The words shown are the
cited span's, nothing added but the marks of the cut.
"""

from __future__ import annotations

import re

from ...compare.readable import closes_a_quotation, leaves_a_quotation_open

__all__ = ["as_excerpt"]

#: What a clause cut before "however", "while", a participle ... ends on.
_CUT_END = re.compile(r"\s*[,;:—–]\s*$")
#: A first word in lower case that is a name all the same ("iPhone", "eBay", "de Klerk"
#: is not: "de" alone is lower case): a capital letter inside it.
_LOWER_NAME = re.compile(r"^[a-z]+[A-Z]")


def as_excerpt(text: str) -> str:
    """``text`` with "… " before it when it starts inside its sentence (its first letter
    in lower case, not a name like "iPhone") and " …" instead of a comma, semicolon,
    colon or dash it ends on; with the opening mark of a quotation it starts inside of
    and the closing mark of one it leaves open, each beside an ellipsis."""
    text = text.strip()
    if not text:
        return text
    opening = closes_a_quotation(text)
    closing = leaves_a_quotation_open(text)
    starts_inside = text[0].islower() and not _LOWER_NAME.match(text)
    if (cut := _CUT_END.search(text)) is not None:
        text = text[:cut.start()] + " …"
    if closing:
        text += closing if text.endswith("…") else " …" + closing
    if opening:
        return f"{opening}… {text}"
    return "… " + text if starts_inside else text
