"""Which entity a quote's speaker resolves to, on sentences written for these tests."""

from storylens.extract.nlp import load_nlp
from storylens.extract.quotes import extract_quotes
from storylens.model import Entity, Span


def entity(text: str, key: str, name: str, kind: str = "person") -> Entity:
    return Entity(key, name, kind, [], [Span(i, i + len(name)) for i in _all(text, name)])


def _all(text: str, name: str) -> list[int]:
    out, i = [], text.find(name)
    while i >= 0:
        out.append(i)
        i = text.find(name, i + 1)
    return out


def test_apposition_speaker_resolves_to_the_named_person_not_a_later_name():
    text = ("Norland's acting governor, Ilse Brandt, who served as deputy under Oskar Lund, "
            "said the dam would be inspected again on Monday.")
    people = [entity(text, "person:ilse brandt", "Ilse Brandt"), entity(text, "person:oskar lund", "Oskar Lund")]
    (quote,) = [q for q in extract_quotes(load_nlp()(text), people) if q.cue == "said"]
    assert quote.speaker_entity == "person:ilse brandt"


def test_a_pronoun_continues_the_previous_speaker_over_a_closer_name():
    text = ("Ilse Brandt, who served as deputy under Oskar Lund, said the dam was safe. "
            "She added that the inspection would be repeated weekly.")
    people = [entity(text, "person:ilse brandt", "Ilse Brandt"), entity(text, "person:oskar lund", "Oskar Lund")]
    quotes = extract_quotes(load_nlp()(text), people)
    added = [q for q in quotes if q.cue == "added"]
    assert added and added[0].speaker == "She" and added[0].speaker_entity == "person:ilse brandt"


def test_continuity_does_not_override_a_conflicting_title():
    text = ("Ms. Ilse Brandt said the dam was safe. Mr. Oskar Lund disagreed with the plan. "
            "He said the spillway needed work.")
    people = [entity(text, "person:ilse brandt", "Ilse Brandt"), entity(text, "person:oskar lund", "Oskar Lund")]
    he = [q for q in extract_quotes(load_nlp()(text), people) if q.speaker == "He"]
    assert he and he[0].speaker_entity == "person:oskar lund"


def test_a_speaker_phrase_stops_before_quoted_text_of_another_quote():
    text = ('Governor Ilse Brandt, who on Sunday told residents "nobody goes home until the dam is safe", '
            "said on Monday that the village could reopen.")
    people = [entity(text, "person:ilse brandt", "Ilse Brandt")]
    said = [q for q in extract_quotes(load_nlp()(text), people) if q.cue == "said"]
    assert said and "nobody goes home" not in said[0].speaker
    assert said[0].speaker_entity == "person:ilse brandt"
