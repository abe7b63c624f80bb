"""The lemmatizer with its lemmas cached per word form gives every token the lemma the
stock component gives it. Fictional sentences written for these tests."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from storylens.extract import lemma_cache
from storylens.extract.lemma_cache import cache_lemmas
from storylens.extract.nlp import load_nlp, model_path

SENTENCES = [
    "The ferries were cancelled; crews said they'd been working since 3 a.m. and were exhausted.",
    "Mayor Ilse Varnow's aides denied the reports, but the councillors voted 5-2 to reopen the inquiry.",
    "  Two men were shot, one fatally, near the Ostby depot,\n\n police said.\t",
    "He's gonna ask why the children's playgrounds closed. Better roads? Fewer buses!",
    "",
    "Wolves, geese and oxen crossed the Harbourgate fields as the oldest barns burned brightest.",
]


def _lemmas(docs: list[Doc]) -> list[list[tuple[str, str, str]]]:
    return [[(t.text, t.pos_, t.lemma_) for t in doc] for doc in docs]


def test_the_loaded_pipeline_gives_the_stock_lemmas() -> None:
    ours = list(load_nlp().pipe(SENTENCES))
    theirs = list(spacy.load(model_path()).pipe(SENTENCES))
    assert _lemmas(ours) == _lemmas(theirs)
    assert [t.lemma_ for t in ours[-1]][:1] == ["wolf"] and "man" in [t.lemma_ for t in ours[2]]  # the rules ran


def test_a_word_form_met_again_and_after_the_cache_starts_again_keeps_its_lemma(monkeypatch) -> None:
    nlp = spacy.load(model_path())
    stock = _lemmas(list(nlp.pipe(SENTENCES * 2)))
    assert cache_lemmas(nlp)
    monkeypatch.setattr(lemma_cache, "CACHE_FORMS", 5)  # the cache is cleared again and again
    assert _lemmas(list(nlp.pipe(SENTENCES * 2))) == stock


def test_a_lemma_already_set_is_kept() -> None:
    nlp = spacy.load(model_path(), exclude=["ner"])
    assert cache_lemmas(nlp)
    lemmatizer = nlp.get_pipe("lemmatizer")
    doc = nlp("The wolves crossed the fields.", disable=["lemmatizer"])
    doc[1].lemma_ = "wolf-by-hand"
    (done,) = list(lemmatizer.pipe([doc]))
    assert [t.lemma_ for t in done] == ["the", "wolf-by-hand", "cross", "the", "field", "."]


def test_a_pipeline_without_a_rule_lemmatizer_is_left_alone() -> None:
    assert not cache_lemmas(spacy.blank("en"))
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    assert not cache_lemmas(nlp)
