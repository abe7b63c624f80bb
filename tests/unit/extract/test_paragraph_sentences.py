"""A paragraph break ends a sentence, on text written for these tests."""

from __future__ import annotations

import pytest

from storylens.extract.entities import extract_entities
from storylens.extract.nlp import load_nlp
from storylens.extract.paragraph_sentences import mark_paragraph_starts
from storylens.extract.quotes import extract_quotes


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _sentences(doc) -> list[str]:
    return [s.text.strip() for s in doc.sents]


def test_each_paragraph_starts_a_sentence(nlp):
    # the stock parser runs these paragraphs together into one sentence
    doc = nlp('The girl declined the offer with a shrug and a "Nah."\n\n'
              "Vesterby later apologized for the post.\n\n\"I spoke too soon,\" she said.")
    assert _sentences(doc) == ['The girl declined the offer with a shrug and a "Nah."',
                               "Vesterby later apologized for the post.", '"I spoke too soon," she said.']
    # one line break is no paragraph's end
    doc = nlp("Harbour police said the ferry struck the quay\nat 10:40 p.m. on Friday.")
    assert len(_sentences(doc)) == 1


def test_reported_speech_ends_with_its_paragraph(nlp):
    doc = nlp("Officers said the scene was secure\n\nThe victim, a 24-year-old man, was taken to hospital.")
    (quote,) = extract_quotes(doc, extract_entities(doc))
    assert quote.text == "the scene was secure"


def test_marking_works_on_a_bare_tokenised_doc(nlp):
    doc = mark_paragraph_starts(nlp.make_doc("One.\n\nTwo words\n\n\n\nThree."))
    assert [t.text for t in doc if t.is_sent_start] == ["One", "Two", "Three"]
