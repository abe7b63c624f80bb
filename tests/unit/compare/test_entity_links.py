"""Surname-only people linked to the full name the story gives, only when unambiguous."""

import pytest

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


def test_a_word_alone_links_to_the_one_full_name_it_begins_when_it_ends_none():
    text = "Premier Seo Ji-in met the envoy in Varno on Monday."
    full = article("a", text, [Entity("person:seo ji in", "Seo Ji-in", "person", [], [Span(8, 17)])])
    alone = _person("b", "Seo said the talks would go on.", "Seo")
    assert link_entities([alone, full]) == {"person:seo": "person:seo ji in"}  # "Ji-in" is a name, not "in"
    # a surname it ends comes first: "Seo" of "Dana Seo" is not "Seo Ji-in"
    surname = _person("c", "Dana Seo, an aide, took notes.", "Dana Seo")
    assert link_entities([alone, full, surname]) == {"person:seo": "person:dana seo"}
    # two full names it begins: not guessed
    father = _person("d", "His father Seo Min Gu led the party before him.", "Seo Min Gu")
    assert link_entities([alone, full, father]) == {}


def test_a_word_alone_is_not_linked_to_a_school_the_model_took_for_a_person():
    school = _person("a", "Pupils of Harlow Elementary were sent home; the elementary school stays shut.",
                     "Harlow Elementary")
    alone = _person("b", "Harlow said the doors were locked.", "Harlow")
    assert link_entities([school, alone]) == {}
    handle = _person("c", "Harlow @cityhall wrote that the doors were locked.", "Harlow @cityhall")
    assert link_entities([handle, alone]) == {}
    gang = article("d", "Members of Harlow-12s were questioned.",
                   [Entity("person:harlow 12s", "Harlow-12s", "person", [], [Span(11, 21)])])
    assert link_entities([gang, alone]) == {}


def test_compare_story_reports_the_links():
    assert compare_story([FULL, SHORT]).entity_links == {"person:duchatel": "person:renee duchatel"}


def _person(id: str, text: str, *names: str) -> Article:
    entities = [Entity("person:" + n.lower(), n, "person", [], [Span(text.index(n), text.index(n) + len(n))])
                for n in names]
    return article(id, text, entities)


def test_a_name_spelled_a_letter_apart_links_to_the_spelling_most_articles_use():
    a = _person("a", "Consuela Marsh said the family had lived there for years.", "Consuela Marsh")
    b = _person("b", "Consuela Marsh, a neighbour, called the police.", "Consuela Marsh")
    c = _person("c", "Comsuela Marsh said she heard four shots.", "Comsuela Marsh")
    surname = _person("d", "Marsh said the street was quiet.", "Marsh")
    assert link_entities([c, a, b, surname]) == {"person:comsuela marsh": "person:consuela marsh",
                                                  "person:marsh": "person:consuela marsh"}
    # a tie goes to the first spelling in alphabetical order, whatever the order of the articles
    assert link_entities([c, a]) == link_entities([a, c]) == {"person:consuela marsh": "person:comsuela marsh"}


def test_names_alike_that_one_article_gives_two_people_are_not_linked():
    siblings = _person("a", "Mario Velde and his sister Maria Velde ran the shop.", "Mario Velde", "Maria Velde")
    other = _person("b", "Maria Velde said the shop would reopen.", "Maria Velde")
    assert link_entities([siblings, other]) == {}
    # nor names in the other order, or another surname
    swapped = _person("c", "Velde Mario spoke.", "Velde Mario")
    elsewhere = _person("d", "Mario Brandt spoke.", "Mario Brandt")
    assert link_entities([_person("e", "Mario Velde spoke.", "Mario Velde"), swapped, elsewhere]) == {}


def test_one_quotation_given_to_one_name_spelled_two_ways_is_no_attribution_dispute():
    said = "We lost a girl who was like a niece to all of us on this street"

    def quoting(id: str, outlet: str, name: str) -> Article:
        text = f'"{said}," {name} said on Sunday.'
        a = _person(id, text, name)
        a.outlet = outlet
        s = text.index(name)
        a.quotes = [Quote(said, 1, 1 + len(said), "direct", speaker=name, speaker_entity="person:" + name.lower(),
                          speaker_start=s, speaker_end=s + len(name))]
        return a

    story = compare_story([quoting("a", "Harlow Herald", "Consuela Marsh"),
                           quoting("b", "Radio Kessel", "Comsuela Marsh")])
    assert story.conflicts == []
    assert story.entity_links == {"person:consuela marsh": "person:comsuela marsh"}  # a tie: alphabetical


def _quoted_person(aid: str, name: str, key: str, outlet: str) -> Article:
    text = f'"Gang members should take note that the Velm strategy works," said {name}, the county prosecutor.'
    start = text.index(name)
    a = article(aid, text, [Entity(key, name, "person", [], [Span(start, start + len(name))])],
                [Quote("Gang members should take note that the Velm strategy works,", 1, 60, "direct", speaker=name,
                       speaker_entity=key)])
    a.outlet = outlet
    return a


def _written_three_times(one: str, usual: str) -> list[Article]:
    """One outlet writes ``one``, two others ``usual``: each quoting the same words."""
    return [_quoted_person(aid, name, "person:" + name.replace(".", "").lower(), outlet)
            for aid, name, outlet in (("a", one, "Velm Gazette"), ("b", usual, "Velm Post"),
                                      ("c", usual, "Velm Radio"))]


@pytest.mark.parametrize("one, usual", [("Ada L. Crane", "Ada Crane"), ("Mike Elliott", "Michael Elliott"),
                                        ("Ada Lorraine Crane", "Ada Crane"), ("Ada Lorraine Crane", "Ada L. Crane"),
                                        ("Tobias R. Venn Jr.", "Tobias Venn"), ("Tobias Venn III", "Tobias Venn")])
def test_a_middle_name_or_initial_or_a_short_given_name_is_the_same_person(one: str, usual: str) -> None:
    written = _written_three_times(one, usual)
    key = {a.id: a.entities[0].key for a in written}
    assert link_entities(written) == {key["a"]: key["b"]}
    assert [x for x in compare_story(written).conflicts if x.kind == "attribution"] == []


def test_two_initials_or_another_given_name_are_not_linked() -> None:
    a, b, _ = _written_three_times("Ada L. Crane", "Ada Crane")
    other = _quoted_person("d", "Ada J. Crane", "person:ada j crane", "Velm Herald")
    assert link_entities([a, b, other]) == {}  # two initials: perhaps a father and a son
    named = _quoted_person("d", "Ada Jolene Crane", "person:ada jolene crane", "Velm Herald")
    assert link_entities([a, b, named]) == {}  # two middle names: perhaps two sisters
    a, b, _ = _written_three_times("Mike Elliott", "Michael Elliott")
    mark = _quoted_person("d", "Mark Elliott", "person:mark elliott", "Velm Herald")
    assert "person:mark elliott" not in link_entities([a, b, mark])
    # two suffixes, or one article naming the name with and without its suffix: a father and a son
    a, b, _ = _written_three_times("Tobias Venn Jr.", "Tobias Venn")
    senior = _quoted_person("d", "Tobias Venn Sr.", "person:tobias venn sr", "Velm Herald")
    assert link_entities([a, b, senior]) == {}
    both = _quoted_person("e", "Tobias Venn", "person:tobias venn", "Velm Herald")
    both.entities.append(Entity("person:tobias venn jr", "Tobias Venn Jr.", "person", [], []))
    assert link_entities([a, b, both]) == {}
