"""A paragraph break ends a sentence, whatever the parser would make of it.

spaCy's parser finds sentence boundaries as it parses, and on news text about one
paragraph break in five is not one (first 300 GVA dev articles: 747 of 3,588): a quoted
"Nah." at a paragraph's end joins the next paragraph's "Lauten later apologized ...",
whose verb then hangs off the quotation as a relative clause, and the sentence that
names who speaks next is lost to the quote extractor. :func:`mark_paragraph_starts`
marks the first token after each blank line (white space holding two line breaks or
more) as a sentence start before the parser runs; the parser keeps boundaries set
before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

COMPONENT = "storylens_paragraph_starts"


def mark_paragraph_starts(doc: "Doc") -> "Doc":
    """Mark the first word after each blank line (white space holding two line breaks or
    more, in one token or a run of them) a sentence start. Read from the doc's columns:
    a token object for every word would cost time and memory for each article."""
    import numpy as np

    columns = doc.to_array(["IS_SPACE", "ORTH"])
    spaces = np.flatnonzero(columns[:, 0]).tolist()
    strings = doc.vocab.strings
    breaks = 0
    for k, i in enumerate(spaces):
        breaks += strings[int(columns[i, 1])].count("\n")
        if k + 1 < len(spaces) and spaces[k + 1] == i + 1:
            continue  # the white space goes on in the next token
        if breaks >= 2 and i + 1 < len(doc):
            doc[i + 1].is_sent_start = True
        breaks = 0
    return doc


def add_paragraph_starts(nlp: "Language") -> None:
    """Put :func:`mark_paragraph_starts` before the parser (once per pipeline)."""
    from spacy.language import Language

    if COMPONENT not in Language.factories:
        Language.component(COMPONENT, func=mark_paragraph_starts)
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, before="parser")
