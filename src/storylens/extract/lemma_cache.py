"""spaCy's rule lemmatizer with each lemma worked out once per word form: the same lemmas
for less CPU (1,000 GVA articles in a fresh process: 2.2 -> 1.4 CPU s; once its cache
holds their words, 1.07 -> 0.27; ``docs/benchmarks.md``).

The English model's ``lemmatizer`` (mode ``rule``) gives a token a lemma that depends only
on its text, its part of speech and its morphology (``Lemmatizer.rule_lemmatize`` reads
nothing else), but it works it out again for every token: most tokens (singular nouns,
proper nouns, base forms, punctuation) return before its own cache and go through
``is_base_form``, which parses the morphology into a dict each time. That cost about
2.2 CPU s per 1,000 GVA articles, ~5% of the spaCy pass.

:func:`cache_lemmas` gives the component a ``pipe`` that reads each doc's word, POS,
morphology and lemma columns as one array, asks the stock ``lemmatize`` only for a
``(word, POS, morphology)`` it has not seen, and writes the lemma column back in one
call. Tokens that already have a lemma (the attribute ruler sets some) keep it, as the
stock component's ``overwrite=False`` does. Calling the component on one doc
(``nlp(text)``) still runs the stock code; both give the same lemmas
(``tests/unit/extract/test_lemma_cache.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["CACHE_FORMS", "cache_lemmas"]

log = logging.getLogger(__name__)

#: Word forms kept (a long-running ingest meets new words every day): the cache starts
#: again when it holds this many.
CACHE_FORMS = 200_000


def cache_lemmas(nlp: "Language") -> bool:
    """Give the pipeline's ``lemmatizer`` (if any, in ``rule`` mode, not overwriting) a
    ``pipe`` with its lemmas cached per word form; False where it has none or is set
    otherwise (the stock component stays)."""
    if "lemmatizer" not in nlp.pipe_names:
        return False
    lemmatizer: Any = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or getattr(lemmatizer, "overwrite", True):
        return False
    from spacy.errors import Errors

    columns: list[int | str] = ["ORTH", "POS", "MORPH", "LEMMA"]
    strings = nlp.vocab.strings
    lemmas: dict[tuple[int, int, int], int] = {}

    def lemmatize(doc: "Doc") -> "Doc":
        table: Any = doc.to_array(columns)
        rows = table.tolist()
        if all(row[3] for row in rows):
            return doc
        if len(lemmas) >= CACHE_FORMS:
            lemmas.clear()
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = lemmas.get(key)
            if found is None:
                found = lemmas[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            table[i, 3] = found
        doc.from_array(["LEMMA"], table[:, 3])
        return doc

    def pipe(stream: Iterable["Doc"], *, batch_size: int = 128) -> Iterator["Doc"]:
        """``Lemmatizer.pipe``: each doc lemmatized, a failure handed to the component's
        error handler as the stock ``__call__`` does."""
        del batch_size  # one doc at a time, as the stock pipe
        if not lemmatizer._validated:
            lemmatizer._validate_tables(Errors.E1004)
        error_handler = lemmatizer.get_error_handler()
        for doc in stream:
            try:
                yield lemmatize(doc)
            except Exception as exc:
                error_handler(lemmatizer.name, lemmatizer, [doc], exc)

    lemmatizer.pipe = pipe
    log.debug("lemmatizer: lemmas cached per word form")
    return True
