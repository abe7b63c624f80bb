"""Who is who: ages and roles beside a name that independent accounts agree on (fictional)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_facts import article  # noqa: E402

from storylens.compare import compare_story  # noqa: E402
from storylens.compare.person_facts import person_facts  # noqa: E402
from storylens.model import Article, Entity, Span  # noqa: E402


def _person(a: Article, key: str, names: list[str], roles: list[str] = ()) -> Article:  # type: ignore[assignment]
    """``a`` with the person ``key`` named by ``names`` (every occurrence a mention) and
    known by ``roles`` (aliases, as the extractor keeps a title or an apposition)."""
    mentions = []
    for name in names:
        s = a.text.find(name)
        while s >= 0:
            mentions.append(Span(s, s + len(name)))
            s = a.text.find(name, s + 1)
    a.entities.append(Entity(key, names[0], "person", list(names) + list(roles), sorted(mentions, key=lambda m: m.start)))
    return a


def _said(facts):  # type: ignore[no-untyped-def]
    return [sorted((c.article_id, c.text) for c in f.support) for f in facts]


def test_one_age_two_sources_is_a_fact_citing_the_words_beside_the_name():
    a = _person(article("a", "Police arrested Tobin Arlo, 19, after the Velm shooting.", outlet="Gazette"),
                "person:tobin arlo", ["Tobin Arlo"])
    b = _person(article("b", "The 19-year-old Tobin Arlo was held without bail on Friday.", outlet="Post"),
                "person:tobin arlo", ["Tobin Arlo"])
    (fact,) = person_facts([a, b])
    assert fact.status == "corroborated" and fact.independent_sources == 2
    assert _said([fact]) == [[("a", "Tobin Arlo, 19"), ("b", "19-year-old Tobin Arlo")]]
    assert fact.statement == "Age of Tobin Arlo: 19"  # the cited words alone read as no fact
    for c in fact.support:
        assert {"a": a, "b": b}[c.article_id].text[c.start:c.end] == c.text


def test_no_age_fact_from_one_source_or_against_another_age():
    a = _person(article("a", "Police arrested Tobin Arlo, 19, after the shooting.", outlet="Gazette", group="g"),
                "person:tobin arlo", ["Tobin Arlo"])
    copy = _person(article("c", "Police arrested Tobin Arlo, 19, after the shooting.", outlet="Radio", group="g"),
                   "person:tobin arlo", ["Tobin Arlo"])
    assert person_facts([a, copy]) == []  # one agency account, twice
    b = _person(article("b", "Tobin Arlo, 19, was held.", outlet="Post"), "person:tobin arlo", ["Tobin Arlo"])
    older = _person(article("d", "Tobin Arlo, 20, was held.", outlet="Courier"), "person:tobin arlo", ["Tobin Arlo"])
    assert person_facts([a, b]) != [] and person_facts([a, b, older]) == []  # two ages: a dispute, not a fact


def test_a_role_beside_the_name_before_or_after_it():
    a = _person(article("a", "Ada Crane, the State Department spokeswoman, said the cable was sent.", outlet="Gazette"),
                "person:ada crane", ["Ada Crane"], ["State Department spokeswoman"])
    b = _person(article("b", "Efforts by State Department spokeswoman Ada Crane to cut the line failed.",
                        outlet="Post"), "person:ada crane", ["Ada Crane"], ["State Department spokeswoman"])
    (fact,) = person_facts([a, b])
    assert _said([fact]) == [[("a", "Ada Crane, the State Department spokeswoman"),
                              ("b", "State Department spokeswoman Ada Crane")]]
    assert fact.statement == "Role of Ada Crane: State Department spokeswoman"
    assert person_facts([b, a])[0].statement == "Role of Ada Crane: State Department spokeswoman"


def test_a_bare_title_or_another_role_is_no_fact():
    a = _person(article("a", "Chief Harold Vance said the fire was out.", outlet="Gazette"),
                "person:harold vance", ["Harold Vance"], ["Chief"])
    b = _person(article("b", "Fire Department Chief Harold Vance spoke on Sunday.", outlet="Post"),
                "person:harold vance", ["Harold Vance"], ["Fire Department Chief"])
    assert person_facts([a, b]) == []  # "Chief" alike tells nothing beyond the title
    c = _person(article("c", "Harold Vance, the Fire Department spokesman, spoke on Sunday.", outlet="Radio"),
                "person:harold vance", ["Harold Vance"], ["Fire Department spokesman"])
    assert person_facts([b, c]) == []  # a chief and a spokesman: two roles, neither corroborated


def test_a_bare_title_reads_the_rest_of_the_title_written_before_it():
    # the extractor kept only "Sheriff" (or a doubled "Chief") as the role: the capitalised
    # words before it on the line are the rest of the title
    a = _person(article("a", "Velm County Sheriff Tim Orr said the road was closed.", outlet="Gazette"),
                "person:tim orr", ["Tim Orr"], ["Velm County Sheriff"])
    b = _person(article("b", "The deputies waited.\n\nVelm County Sheriff Tim Orr asked for calm.", outlet="Post"),
                "person:tim orr", ["Tim Orr"], ["Sheriff"])
    (fact,) = person_facts([a, b])
    assert _said([fact]) == [[("a", "Velm County Sheriff Tim Orr"), ("b", "Velm County Sheriff Tim Orr")]]
    c = _person(article("c", "said Velm Police Chief Chief Ada Crane on Sunday.", outlet="Radio"),
                "person:ada crane", ["Ada Crane"], ["Chief"])
    d = _person(article("d", "Velm Police Chief Ada Crane spoke.", outlet="Courier"),
                "person:ada crane", ["Ada Crane"], ["Velm Police Chief"])
    (fact,) = person_facts([c, d])
    assert _said([fact]) == [[("c", "Velm Police Chief Chief Ada Crane"), ("d", "Velm Police Chief Ada Crane")]]
    assert fact.statement == "Role of Ada Crane: Velm Police Chief"  # the cited words as written, a doubled word once
    e = _person(article("e", "When Velm County Sheriff Tim Orr arrived, it was over.", outlet="Radio"),
                "person:tim orr", ["Tim Orr"], ["Sheriff"])
    (fact,) = person_facts([a, e])  # "When" is not the sheriff's title
    assert _said([fact]) == [[("a", "Velm County Sheriff Tim Orr"), ("e", "Velm County Sheriff Tim Orr")]]


def test_the_rest_of_a_title_is_not_read_across_a_sentence_or_a_comma():
    a = _person(article("a", "Shots rang out at Velm Court. Chief Ada Crane said two were hurt.", outlet="Gazette"),
                "person:ada crane", ["Ada Crane"], ["Chief"])
    b = _person(article("b", "On Monday, Chief Ada Crane spoke.", outlet="Post"),
                "person:ada crane", ["Ada Crane"], ["Chief"])
    c = _person(article("c", "Velm Court Chief Ada Crane spoke.", outlet="Radio"),
                "person:ada crane", ["Ada Crane"], ["Velm Court Chief"])
    assert person_facts([a, c]) == [] and person_facts([b, c]) == []
    assert person_facts([_person(article("d", "In Velm Court, Chief Ada Crane spoke.", outlet="Courier"),
                                 "person:ada crane", ["Ada Crane"], ["Chief"]), c]) == []
    shouted = _person(article("e", "WHAT WE KNOW. VELM COURT CHIEF ADA CRANE", outlet="Courier"),
                      "person:ada crane", ["ADA CRANE"], ["CHIEF"])
    (fact,) = person_facts([shouted, c])  # "KNOW." ends a sentence, not an abbreviation
    assert _said([fact])[0][0] == ("c", "Velm Court Chief Ada Crane")
    assert _said([fact])[0][1] == ("e", "VELM COURT CHIEF ADA CRANE")


def test_a_long_title_is_read_whole_or_not_at_all_and_a_verb_before_it_is_no_part():
    # five capitalised words before a bare "Chief": the whole of them, not the last four
    long = _person(article("a", "The road is shut.\n\nOrla Bay Fire Protection District Chief Ada Crane said so.",
                           outlet="Gazette"), "person:ada crane", ["Ada Crane"], ["Chief"])
    c = _person(article("c", "Orla Bay Fire Protection District Chief Ada Crane spoke.", outlet="Radio"),
                "person:ada crane", ["Ada Crane"], ["Orla Bay Fire Protection District Chief"])
    (fact,) = person_facts([long, c])
    assert ("a", "Orla Bay Fire Protection District Chief Ada Crane") in _said([fact])[0]
    # more capitalised words than a title has (a headline's): none of them
    shouted = _person(article("e", "Storm Hits Town As Flood Closes Bay Chief Ada Crane", outlet="Courier"),
                      "person:ada crane", ["Ada Crane"], ["Chief"])
    assert person_facts([shouted, c]) == []  # a bare "Chief" alike is no fact ("Flood Closes Bay" is no title)
    # "Receiving Dalvanian President Oskar Vell, ...": the sentence's verb, not the title's
    welcome = _person(article("w", "Receiving Dalvanian President Oskar Vell at the palace, the king spoke.",
                              outlet="Gazette"), "person:oskar vell", ["Oskar Vell"], ["Dalvanian President"])
    other = _person(article("o", "Dalvanian President Oskar Vell arrived on Monday.", outlet="Post"),
                    "person:oskar vell", ["Oskar Vell"], ["Dalvanian President"])
    (fact,) = person_facts([welcome, other])
    assert _said([fact]) == [[("o", "Dalvanian President Oskar Vell"), ("w", "Dalvanian President Oskar Vell")]]
    acting = _person(article("x", "The agency said Acting Director Oskar Vell would stay.", outlet="Radio"),
                     "person:oskar vell", ["Oskar Vell"], ["Director"])
    both = _person(article("y", "Acting Director Oskar Vell said so.", outlet="Courier"),
                   "person:oskar vell", ["Oskar Vell"], ["Acting Director"])
    (fact,) = person_facts([acting, both])
    assert ("x", "Acting Director Oskar Vell") in _said([fact])[0]


def test_person_facts_are_in_the_comparison_in_any_order_and_can_be_turned_off():
    from storylens.compare.settings import CompareSettings, compare_settings

    def pair():  # type: ignore[no-untyped-def]
        return [_person(article("a", "Police arrested Tobin Arlo, 19, after the shooting in Velm.", outlet="Gazette"),
                        "person:tobin arlo", ["Tobin Arlo"]),
                _person(article("b", "The 19-year-old Tobin Arlo was held without bail on Friday.", outlet="Post"),
                        "person:tobin arlo", ["Tobin Arlo"])]

    forward, backward = compare_story(pair()), compare_story(pair()[::-1])
    assert forward.facts == backward.facts
    assert ["Age of Tobin Arlo: 19"] == [f.statement for f in forward.facts if f.status == "corroborated"]
    with compare_settings(CompareSettings(person_facts=False)):
        assert not [f for f in compare_story(pair()).facts if f.status == "corroborated"]
