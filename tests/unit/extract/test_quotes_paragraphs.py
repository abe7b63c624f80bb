"""A quoted sentence right after a report goes on with the reporter's speaker; a
paragraph's quotation is not the words of a cue in the next paragraph. Sentences written
for these tests."""

from storylens.extract.nlp import load_nlp
from storylens.extract.quotes import extract_quotes
from storylens.model import Entity, Span


def _person(text: str, name: str) -> Entity:
    key = "person:" + name.lower()
    spans = []
    i = text.find(name)
    while i >= 0:
        spans.append(Span(i, i + len(name)))
        i = text.find(name, i + 1)
    return Entity(key, name, "person", [], spans)


def _speaker_of(text: str, words: str, people: list[Entity]) -> list[str | None]:
    return [q.speaker_entity for q in extract_quotes(load_nlp()(text), people) if words in q.text]


def test_a_quoted_sentence_after_a_report_is_the_same_speakers() -> None:
    text = ("Mayor Ivo Marsk said he would visit the dam on Friday. “The repairs will take a year.”\n\n"
            "The council met on Monday.")
    assert _speaker_of(text, "repairs will take", [_person(text, "Ivo Marsk")]) == ["person:ivo marsk"]


def test_a_quoted_sentence_with_a_cue_of_its_own_is_not_carried_over() -> None:
    text = ("Ivo Marsk said he would visit the dam on Friday. “It is a disgrace,” Eda Lunn said.")
    people = [_person(text, "Ivo Marsk"), _person(text, "Eda Lunn")]
    assert _speaker_of(text, "disgrace", people) == ["person:eda lunn"]


def test_a_quotation_given_to_its_reporter_is_not_the_next_paragraphs_announcement() -> None:
    text = ("Ivo Marsk said the ferries would wait. “All ferries will stay in port until the storm passes.”\n\n"
            "Earlier, Eda Lunn announced the closure of the harbour.")
    people = [_person(text, "Ivo Marsk"), _person(text, "Eda Lunn")]
    assert _speaker_of(text, "ferries will stay", people) == ["person:ivo marsk"]
