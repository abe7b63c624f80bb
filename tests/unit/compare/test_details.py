"""Street blocks and pregnancy durations that accounts give differently (fictional)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_facts import article  # noqa: E402

from storylens.compare.conflicts import find_conflicts  # noqa: E402
from storylens.compare.facts import align_facts  # noqa: E402


def _conflicts(*arts):
    return find_conflicts(list(arts), align_facts(list(arts)))


def test_one_street_two_blocks_is_a_place_conflict():
    a = article("a", "A realtor found the bodies in the 4700 block of Larch Road Sunday evening.", outlet="Gazette")
    b = article("b", "The victims were found at a home in the 4100 block of Larch Rd. in Velm.", outlet="Post")
    c = article("c", "Deputies were called to the 4700 block of Larch Road on Sunday.", outlet="Radio")
    (conflict,) = _conflicts(a, b, c)
    assert conflict.kind == "place" and conflict.about == "which block of Larch Rd"
    assert sorted((s.citation.article_id, s.claim) for s in conflict.sides) == [
        ("a", "4700 block of Larch Road"), ("b", "4100 block of Larch Rd"), ("c", "4700 block of Larch Road")]


def test_two_blocks_in_one_article_or_other_streets_are_no_conflict():
    a = article("a", "Shots were fired in the 4700 block of Larch Road; the car was found in the 900 block of "
                     "Larch Road.", outlet="Gazette")
    b = article("b", "Shots were fired in the 4100 block of Larch Road on Sunday.", outlet="Post")
    c = article("c", "Shots were fired in the 4100 block of Fenn Street on Sunday.", outlet="Radio")
    assert _conflicts(a, b) == []
    assert _conflicts(b, c) == []


def test_how_far_along_a_pregnancy_was():
    a = article("a", "The four-months pregnant woman was standing outside the Velm library.", outlet="Gazette")
    b = article("b", "Ona Brisk, who was five months pregnant, was hit twice.", outlet="Post")
    c = article("c", "Ona Brisk was 5 months pregnant, her aunt said.", outlet="Radio")
    d = article("d", "Ona Brisk was 20 weeks pregnant.", outlet="Courier")
    (conflict,) = _conflicts(a, b, c, d)  # weeks and months are not compared
    assert conflict.kind == "figure"
    assert [(s.citation.article_id, s.claim) for s in conflict.sides] == [
        ("a", "4 months pregnant"), ("b", "5 months pregnant"), ("c", "5 months pregnant")]


def test_one_source_is_not_a_dispute():
    a = article("a", "She was four months pregnant.", outlet="Gazette", group="g")
    b = article("b", "She was five months pregnant.", outlet="Post", group="g")
    assert _conflicts(a, b) == []


def test_a_name_with_given_name_and_surname_swapped():
    a = article("a", "Police are looking for Tobin Arlo, 19, after the Velm shooting.", outlet="Gazette",
                entities={"person:tobin arlo": ["Tobin Arlo"]})
    b = article("b", "Arlo Tobbin, 19, is wanted for the Velm shooting.", outlet="Post",
                entities={"person:arlo tobbin": ["Arlo Tobbin"]})
    c = article("c", "Arlo Tobin, 19, was arrested on Friday.", outlet="Radio",
                entities={"person:arlo tobin": ["Arlo Tobin"]})
    (conflict,) = _conflicts(a, b, c)
    assert conflict.kind == "identity"
    # One wording per claim (the first article's), the sides' citations as written.
    assert sorted((s.citation.article_id, s.claim) for s in conflict.sides) == [
        ("a", "Tobin Arlo"), ("b", "Arlo Tobbin"), ("c", "Arlo Tobbin")]
    # Two people who share a surname, or one name spelled alike in the same order: no conflict.
    d = article("d", "Arlo Tobin and Mara Tobin spoke.", outlet="Courier",
                entities={"person:arlo tobin": ["Arlo Tobin"], "person:mara tobin": ["Mara Tobin"]})
    assert _conflicts(b, c, d) == []


def test_a_swapped_name_the_recogniser_missed_is_read_from_the_text():
    # b's recogniser took the name for an organisation, and b misspells it once: the
    # side cites b's writing spelled as the story spells it.
    a = article("a", "Police have identified the gunman as Tobin Arlo, 19.", outlet="Gazette",
                entities={"person:tobin arlo": ["Tobin Arlo"]})
    b = article("b", "Deputies arrested Arlo Tobins on Friday. Photo: Velm Herald\n\nArlo Tobin, 19, was held.",
                outlet="Post", entities={"org:arlo tobins": ["Arlo Tobins"]})
    c = article("c", "Arlo Tobin, 19, is wanted for the Velm shooting.", outlet="Radio")
    (conflict,) = _conflicts(a, b, c)
    assert conflict.kind == "identity"
    assert sorted((s.citation.article_id, s.citation.text) for s in conflict.sides) == [
        ("a", "Police have identified the gunman as Tobin Arlo, 19."),
        ("b", "Arlo Tobin, 19, was held."),
        ("c", "Arlo Tobin, 19, is wanted for the Velm shooting.")]


def test_an_article_writing_a_name_both_ways_or_inside_a_longer_name_is_no_swap():
    a = article("a", "Police have identified the gunman as Tobin Arlo, 19.", outlet="Gazette",
                entities={"person:tobin arlo": ["Tobin Arlo"]})
    both = article("b", "Arlo Tobin spoke to Tobin Arlo on Friday.", outlet="Post")
    longer = article("c", "The judge, Arlo Tobin Marsh, set bail on Friday.", outlet="Radio")
    assert _conflicts(a, both) == []
    assert _conflicts(a, longer) == []


def test_one_shooter_against_two():
    a = article("a", "Six people were hurt when two men in a passing car fired into a Velm bus stop.", outlet="Gazette")
    b = article("b", "Six people were hurt at a Velm bus stop. The shooter is a young man who fired from a grey "
                     "sedan. Police say two suspects are sought.", outlet="Post")
    c = article("c", "Police said a pair of shooters opened fire on the Velm bus stop.", outlet="Radio")
    (conflict,) = _conflicts(a, b, c)
    assert conflict.kind == "figure" and conflict.about == "how many shooters"
    assert sorted((s.citation.article_id, s.claim) for s in conflict.sides) == [
        ("a", "two men in a passing car fired"), ("b", "one shooter"), ("c", "two men in a passing car fired")]


def test_shooter_counts_that_are_no_dispute():
    two = article("a", "Police are looking for two gunmen after the Velm shooting.", outlet="Gazette")
    # a victim count before someone fired; "a gunman" and "the shooter" alone say no count
    hurt = article("b", "Two men were wounded when a gunman fired at the Velm bus stop. The shooter fled.",
                   outlet="Post")
    # hedged, or one of several
    hedged = article("c", "At least two shooters fired at the Velm bus stop.", outlet="Radio")
    among = article("d", "The shooter is a young man from Velm; another gunman drove the car.", outlet="Courier")
    assert _conflicts(two, hurt) == []
    assert _conflicts(hedged, among) == []
    assert _conflicts(two, among) == []


def test_one_person_wounded_in_places_that_cannot_both_be_right():
    a = article("a", "Deputies say Ona Brisk, 38, was found with a gunshot wound to her left shoulder.", outlet="Gazette")
    b = article("b", "The 38-year-old woman, injured with a gunshot wound to the chest, was flown to Velm.",
                outlet="Post")
    (conflict,) = _conflicts(a, b)
    assert conflict.kind == "other" and conflict.about == "where the 38-year-old was wounded"
    assert sorted((s.citation.article_id, s.claim) for s in conflict.sides) == [
        ("a", "gunshot wound to her left shoulder"), ("b", "gunshot wound to the chest")]
    left = article("c", "A 19-year-old man was shot in the left leg.", outlet="Gazette")
    right = article("d", "Police said the 19-year-old was shot in the right thigh.", outlet="Post")
    (sides,) = _conflicts(left, right)
    assert sorted(s.claim for s in sides.sides) == ["shot in the left leg", "shot in the right thigh"]


def test_wounds_that_are_no_dispute():
    shoulder = article("a", "Ona Brisk, 38, was shot in her shoulder.", outlet="Gazette")
    # neighbouring places, a more general word, another age, another sex
    back = article("b", "The 38-year-old was shot in the back.", outlet="Post")
    body = article("c", "The 38-year-old woman was hit in the upper body.", outlet="Radio")
    other_age = article("d", "A 40-year-old woman was shot in the chest.", outlet="Courier")
    man = article("e", "A 38-year-old man was shot in his chest.", outlet="Herald")
    for other in (back, body, other_age, man):
        assert _conflicts(shoulder, other) == []
    # two people of one age, or two ages in one sentence: whose wound is whose?
    two = article("f", "A 38-year-old was shot in the arm. Another 38-year-old was shot in the leg.", outlet="Post")
    both = article("g", "A 38-year-old was shot in the chest and a 25-year-old in the leg.", outlet="Radio")
    assert _conflicts(shoulder, two) == []
    assert _conflicts(shoulder, both) == []


def test_words_alike_skips_only_pairs_the_ratio_cannot_reach():
    from difflib import SequenceMatcher
    from itertools import product

    from storylens.compare.details import _alike

    words = ["fredrick", "frederick", "fredericks", "fred", "marquise", "marquis", "mark", "frederickson",
             "lunn", "lund", "osk", "oskarsdottir", "oskar"]
    for a, b in product(words, words):
        plain = a == b or (min(len(a), len(b)) >= 4 and SequenceMatcher(None, a, b).ratio() >= 0.85)
        assert _alike(a, b) == plain, (a, b)


def _aged(id, text, outlet, day):
    from datetime import datetime, timedelta, timezone
    a = article(id, text, outlet=outlet, entities={"person:tobin arlo": ["Tobin Arlo", "Arlo"]})
    a.published = datetime(2031, 5, 2, 9, tzinfo=timezone.utc) + timedelta(days=day)
    return a


def test_one_persons_two_ages_is_an_identity_conflict():
    a = _aged("a", "Police arrested Tobin Arlo, 19, after the Velm shooting.", "Gazette", 0)
    b = _aged("b", "The 20-year-old Tobin Arlo was held without bail on Friday.", "Post", 1)
    (conflict,) = _conflicts(a, b)
    assert conflict.kind == "identity" and "age" in conflict.about
    assert sorted((s.citation.article_id, s.claim) for s in conflict.sides) == [
        ("a", "Tobin Arlo, 19"), ("b", "20-year-old Tobin Arlo")]


def test_ages_that_are_no_dispute():
    a = _aged("a", "Police arrested Tobin Arlo, 19, after the Velm shooting.", "Gazette", 0)
    # a year older at the trial, seven months later: a birthday, not a dispute
    trial = _aged("t", "Tobin Arlo, 20, was found guilty of attempted murder.", "Post", 210)
    assert _conflicts(a, trial) == []
    # a surname alone may be a relative's age
    kin = _aged("k", "His father, Arlo, 47, was not at home.", "Radio", 1)
    assert _conflicts(a, kin) == []
    # an article giving him two ages may be naming two people
    two = _aged("w", "Tobin Arlo, 20, was held. A cousin, 17-year-old Tobin Arlo, was released.", "Courier", 1)
    assert _conflicts(a, two) == []
    # several years apart is a dispute whenever it was written
    older = _aged("o", "Tobin Arlo, 24, was found guilty of attempted murder.", "Post", 210)
    assert [c.kind for c in _conflicts(a, older)] == ["identity"]


def test_one_persons_period_with_other_years_is_a_date_conflict():
    a = _aged("a", "Tobin Arlo, who ran the Velm ferry board from 1987 to 1999, died on Friday.", "Gazette", 0)
    b = _aged("b", "Tobin Arlo, a Liberal, led the Velm ferry board from 1986 to 1998.", "Post", 1)
    (conflict,) = _conflicts(a, b)
    assert conflict.kind == "date" and conflict.about == "the years given for Tobin Arlo"
    assert sorted((s.citation.article_id, s.claim) for s in conflict.sides) == [
        ("a", "1987 to 1999"), ("b", "1986 to 1998")]


def test_years_that_are_no_dispute():
    a = _aged("a", "Tobin Arlo, who ran the Velm ferry board from 1987 to 1999, died on Friday.", "Gazette", 0)
    # the same years, written otherwise
    same = _aged("s", "Tobin Arlo (1987-1999 at the ferry board) died on Friday.", "Post", 1)
    assert _conflicts(a, same) == []
    # another period of his life: ends more than two years apart
    other = _aged("o", "Tobin Arlo, who played for Velm from 1970 to 1981, died on Friday.", "Post", 1)
    assert _conflicts(a, other) == []
    # years said of someone named between him and them
    between = article("w", "Tobin Arlo succeeded Mira Lund, who ran the board from 1986 to 1998.", outlet="Radio",
                      entities={"person:tobin arlo": ["Tobin Arlo"], "person:mira lund": ["Mira Lund"]})
    between.published = a.published
    assert _conflicts(a, between) == []
    # two spans of his in one article: perhaps two periods
    two = _aged("t", "Tobin Arlo, chair from 1986 to 1998, and Tobin Arlo, treasurer from 1999 to 2003.", "Courier", 1)
    assert _conflicts(a, two) == []


def test_words_spelled_alike_are_found_by_length_as_by_comparing_every_word():
    """The length buckets rule out only the words the letter-by-letter test would."""
    import random

    from storylens.compare.details import _alike, _spelled_alike_in

    rng = random.Random(3)
    base = ["frederick", "fredrick", "fredericks", "consuelo", "comsuelo", "garcia", "garcias", "ann", "anne",
            "li", "lee", "crane", "crain", "vance", "vances", "mcallister", "macallister", "o'hare", "ohare"]
    words = set(base) | {"".join(rng.choice("aeilnorst") for _ in range(rng.randint(1, 12))) for _ in range(300)}
    by_length: dict[int, set[str]] = {}
    for w in words:
        by_length.setdefault(len(w), set()).add(w)
    for word in base + sorted(words)[:60]:
        assert _spelled_alike_in(by_length, word) == {w for w in words if _alike(w, word)}
