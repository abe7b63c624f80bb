"""Surname-only people linked to the full name the story gives, only when unambiguous."""

from storylens.compare import compare_story
from storylens.compare.entity_links import link_entities, with_linked_keys
from storylens.model import Article, Entity, Quote, Span


def article(id: str, text: str, entities: list[Entity], quotes: list[Quote] = ()) -> Article:
    return Article(id=id, source=f"{id}.txt", text=text, paragraphs=[text], entities=entities, quotes=list(quotes))


FULL = article("a", "Governor Renée Duchâtel ordered the evacuation.",
               [Entity("person:renee duchatel", "Renée Duchâtel", "person", [], [Span(9, 23)])])
SHORT_TEXT = 'Duchâtel said: "Nobody goes home tonight, not one family."'
SHORT = article("b", SHORT_TEXT, [Entity("person:duchatel", "Duchâtel", "person", [], [Span(0, 8)])],
                [Quote("Nobody goes home tonight, not one family.", 16, 57, "direct", speaker="Duchâtel",
                       speaker_entity="person:duchatel")])


def test_surname_links_to_the_one_full_name_in_the_story():
    assert link_entities([FULL, SHORT]) == {"person:duchatel": "person:renee duchatel"}
    linked = with_linked_keys(SHORT, link_entities([FULL, SHORT]))
    assert linked.quotes[0].speaker_entity == "person:renee duchatel"
    assert SHORT.quotes[0].speaker_entity == "person:duchatel"  # the article keeps its own key


def test_two_people_with_that_surname_are_not_guessed():
    other = article("c", "Marc Duchâtel, her brother, runs the ferry.",
                    [Entity("person:marc duchatel", "Marc Duchâtel", "person", [], [Span(0, 13)])])
    assert link_entities([FULL, SHORT, other]) == {}


def test_compare_story_reports_the_links():
    assert compare_story([FULL, SHORT]).entity_links == {"person:duchatel": "person:renee duchatel"}
