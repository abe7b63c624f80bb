"""One person's name spelled two ways by independent accounts: a framing note, never a
dispute (fictional articles)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_facts import article  # noqa: E402

from storylens.compare import compare_story  # noqa: E402
from storylens.compare.name_spellings import _letters_apart, find_name_spellings, spelled_apart  # noqa: E402
from storylens.stories import same_source  # noqa: E402


def _person(id: str, text: str, outlet: str, *names: str, group: str | None = None):
    return article(id, text, outlet=outlet, group=group,
                   entities={f"person:{n.lower()}": [n] for n in names})


def _cues(*arts):
    return [(c.article_id, c.cue, c.note) for c in find_name_spellings(list(arts), same_source)]


def test_letters_apart_counts_changes_and_swapped_neighbours():
    assert _letters_apart("tobin", "tobin") == 0
    assert _letters_apart("tobin", "tobbin") == 1
    assert _letters_apart("maria", "mraia") == 1  # two neighbours swapped
    assert _letters_apart("ronaldo", "rolando") == 2  # two letters changed
    assert _letters_apart("velm", "harbour") == 3  # more than two: cut short


def test_spelled_apart_keeps_short_forms_and_short_words_out():
    assert spelled_apart(("kyla", "brisk"), ("kylah", "brisk")) is None  # a start of the other
    assert spelled_apart(("steve", "ostrand"), ("steven", "ostrand")) is None
    assert spelled_apart(("kathy", "ostrand"), ("kathryn", "ostrand")) is None  # two letters longer
    assert spelled_apart(("dave", "ostrand"), ("david", "ostrand")) is None  # longer and a letter changed
    assert spelled_apart(("dariel", "ostrand"), ("darriel", "ostrand")) == "darriel"  # one letter added
    assert spelled_apart(("ken", "ostrand"), ("kent", "ostrand")) is None  # under four letters
    assert spelled_apart(("dariel", "ostrand"), ("darial", "ostrand")) == "darial"
    assert spelled_apart(("dariel", "ostrand"), ("dariel", "oestrand")) == "oestrand"
    assert spelled_apart(("dariel", "ostrand"), ("marcus", "ostrand")) is None


def test_a_name_spelled_two_ways_is_noted_on_each_side():
    a = _person("a", "Police named the boy as Dariel Ostrand, 9. He was hit in the leg.", "Gazette", "Dariel Ostrand")
    b = _person("b", "Darial Ostrand, 9, was taken to Velm General.", "Post", "Darial Ostrand")
    c = _person("c", "The boy, Darial Ostrand, is expected to recover.", "Radio", "Darial Ostrand")
    assert _cues(a, b, c) == [
        ("a", "Dariel Ostrand", "written “Darial Ostrand” by Post, Radio"),
        ("b", "Darial Ostrand", "written “Dariel Ostrand” by Gazette"),
        ("c", "Darial Ostrand", "written “Dariel Ostrand” by Gazette"),
    ]
    (cue,) = [c for c in find_name_spellings([a, b], same_source) if c.article_id == "a"]
    assert a.text[cue.citation.start:cue.citation.end] == "Dariel Ostrand"


def test_case_apostrophes_and_hyphens_are_one_spelling():
    a = _person("a", "T'Lena Brisk-Ward was hurt.", "Gazette", "T'Lena Brisk-Ward")
    b = _person("b", "Tlena BriskWard was hurt.", "Post", "Tlena BriskWard")
    assert _cues(a, b) == []


def test_two_people_are_not_one_name_spelled_twice():
    # Brothers named alike: one article names both; another writes one brother's name
    # and the other brother's given name.
    a = _person("a", "Omari Hale and Amari Hale, both 23, were shot outside the club.", "Gazette",
                "Omari Hale", "Amari Hale")
    b = _person("b", "Omari Hale was hit in the arm.", "Post", "Omari Hale")
    c = _person("c", "Amari Hale was hit in the leg, and Omari was unhurt.", "Radio", "Amari Hale")
    assert _cues(b, c) == []
    assert _cues(a, b, c) == []
    # two ages: two people
    d = _person("d", "Lorin Vask, 34, was arrested.", "Post", "Lorin Vask")
    e = _person("e", "Loren Vask, 61, said he heard the shots.", "Radio", "Loren Vask")
    assert _cues(d, e) == []
    f = _person("f", "Loren Vask, 34, was held on Friday.", "Courier", "Loren Vask")
    assert [x[:2] for x in _cues(d, f)] == [("d", "Lorin Vask"), ("f", "Loren Vask")]


def test_one_source_spelling_a_name_two_ways_is_no_note():
    a = _person("a", "Dariel Ostrand, 9, was hit.", "Gazette", "Dariel Ostrand")
    b = _person("b", "Darial Ostrand, 9, was hit.", "Gazette", "Darial Ostrand")
    copy = _person("c", "Darial Ostrand, 9, was hit.", "Radio", "Darial Ostrand", group="wire")
    wire = _person("d", "Dariel Ostrand, 9, was hit.", "Post", "Dariel Ostrand", group="wire")
    assert _cues(a, b) == []
    assert _cues(copy, wire) == []


def test_the_comparison_shows_a_spelling_as_framing_never_as_a_dispute():
    a = _person("a", "Dariel Ostrand, 9, was shot in Velm on Sunday.", "Gazette", "Dariel Ostrand")
    b = _person("b", "Darial Ostrand, 9, was shot in Velm on Sunday.", "Post", "Darial Ostrand")
    comparison = compare_story([a, b])
    assert comparison.conflicts == []
    assert sorted((f.article_id, f.cue) for f in comparison.framing if f.kind == "name_spelling") == [
        ("a", "Dariel Ostrand"), ("b", "Darial Ostrand")]
