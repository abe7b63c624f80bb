"""The attribute ruler's matches found by lookup are the stock ``Matcher``'s, and the
pipeline Storylens loads gives every token the attributes the stock pipeline gives it.
Fictional sentences written for these tests."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from storylens.extract.attribute_matches import RuleMatcher, speed_up
from storylens.extract.nlp import load_nlp, model_path
from storylens.extract.paragraph_sentences import add_paragraph_starts

SENTENCES = [
    "Mayor Ilse Varnow said the Harbourgate ferry won't run on Tuesday, and he's gonna ask why.",
    "Two people were shot and killed near the Ostby depot; his sister got ta the scene first.",
    "  The council's vote,\n\n held at 7 p.m., was 5-2 \u2014 \u201cwe cannot wait,\u201d she told reporters.\t",
    "Its crews have been working since 3 a.m. and they'll keep going till the river falls.",
    "",
    "GOTTA GO!!! Wanna see? Y'all can't   miss it... Ain't nobody here.",
]


def _attributes(doc: Doc) -> list[tuple[str, ...]]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i), t.ent_type_) for t in doc]


def test_the_packaged_model_gives_the_same_matches_and_attributes() -> None:
    fast = load_nlp()
    stock = spacy.load(model_path())
    add_paragraph_starts(stock)  # the parse both run: a paragraph break ends a sentence
    ruler = stock.get_pipe("attribute_ruler")
    lookup = RuleMatcher([ruler.matcher.get(str(n))[1] for n in range(len(ruler.attrs))], stock.vocab.strings)
    for doc in stock.pipe(SENTENCES, disable=["attribute_ruler", "lemmatizer", "ner"]):
        assert lookup.match(doc) == ruler.match(doc), doc.text
    for ours, theirs in zip(fast.pipe(SENTENCES), stock.pipe(SENTENCES)):
        assert _attributes(ours) == _attributes(theirs), ours.text


def _ruler_on(patterns: list[dict]) -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("attribute_ruler").add_patterns(patterns)
    return nlp


def _doc(nlp: spacy.language.Language) -> Doc:
    words = ["The", "ferry", "got", "ta", "go", " ", "home", "tonight", "."]
    return Doc(nlp.vocab, words=words, spaces=[True, True, True, True, False, False, True, False, False],
               tags=["DT", "NN", "VBD", "TO", "VB", "_SP", "NN", "NN", "."],
               heads=[1, 2, 2, 4, 2, 4, 4, 4, 2], deps=["det", "nsubj", "ROOT", "aux", "xcomp", "dep", "obj",
                                                         "npadvmod", "punct"])


def test_values_lists_negations_expressions_and_rules_of_two_tokens_match_as_spacy_matches() -> None:
    patterns = [
        {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"TAG": {"IN": ["VB", "VBD"]}, "LOWER": {"REGEX": "^g"}}]], "attrs": {"LEMMA": "go"}},
        {"patterns": [[{"TAG": {"NOT_IN": ["NN", "DT", ""]}, "DEP": {"IN": ["aux", "xcomp"]}}]],
         "attrs": {"POS": "AUX"}},
        {"patterns": [[{"LOWER": "got"}, {"LOWER": "ta"}]], "attrs": {"LEMMA": "to"}, "index": 1},
        {"patterns": [[{"LOWER": "got"}, {"LOWER": "ta"}], [{"LOWER": "got"}, {"TAG": "TO"}]],
         "attrs": {"LEMMA": "get"}, "index": -2},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE", "MORPH": "_"}},
        {"patterns": [[{"TAG": "NN", "LOWER": {"IN": ["ferry", "home"]}}]], "attrs": {"MORPH": "Number=Sing"}},
        {"patterns": [[{"DEP": "punct"}]], "attrs": {"POS": "PUNCT"}},
    ]
    stock, fast = _ruler_on(patterns), _ruler_on(patterns)
    assert speed_up(fast)
    ruler = stock.get_pipe("attribute_ruler")
    doc = _doc(stock)
    lookup = RuleMatcher([ruler.matcher.get(str(n))[1] for n in range(len(ruler.attrs))], stock.vocab.strings)
    expected = ruler.match(doc)
    assert lookup.match(doc) == expected and len(expected) == 13  # "got ta" once for rule 4
    ours, theirs = fast(_doc(fast)), stock(_doc(stock))
    assert [(t.pos_, t.lemma_, str(t.morph)) for t in ours] == [(t.pos_, t.lemma_, str(t.morph)) for t in theirs]
    assert [t.lemma_ for t in ours][2:4] == ["get", "to"]


def test_a_rule_reading_other_attributes_keeps_the_stock_matcher() -> None:
    nlp = _ruler_on([{"patterns": [[{"LENGTH": 4}]], "attrs": {"POS": "NOUN"}}])
    ruler = nlp.get_pipe("attribute_ruler")
    stock_match = ruler.match
    assert not speed_up(nlp) and ruler.match == stock_match
    assert not speed_up(spacy.blank("en"))  # no ruler at all
