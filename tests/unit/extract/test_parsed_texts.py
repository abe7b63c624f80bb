"""The NLP pass keeps each doc's text as the string it parsed."""

from __future__ import annotations

from storylens.extract.nlp import load_nlp, parsed_texts, text_of


def test_each_doc_keeps_the_text_it_was_parsed_from() -> None:
    texts = ["  Mayor Ilse Varnow opened the Harbourgate ferry on Tuesday.\n\n",
             "Tabs\tand\r\nbreaks, a non\u00a0breaking space and \u201ccurly\u201d quotes.", ""]
    docs = list(parsed_texts(load_nlp(), texts, batch_size=2))
    assert [text_of(doc) for doc in docs] == texts
    assert [doc.text for doc in docs] == texts  # what spaCy itself rebuilds from the tokens
