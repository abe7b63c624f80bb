"""When two statements are one claim (compare.same_claim), on fictional articles with
hand-made quotes and time references."""

from __future__ import annotations

from datetime import datetime, timezone

from storylens.compare.quote_variants import group_quote_variants
from storylens.compare.statements import statements_of
from storylens.compare.same_claim import same_claim
from storylens.compare.timeline import build_timeline
from storylens.model import Article, Citation, Figure, Quote, TimeRef

PUBLISHED = datetime(2031, 12, 13, 8, tzinfo=timezone.utc)


def _article(aid, text, quotes=(), refs=()):
    qs = []
    for content, kind, speaker, cue in quotes:
        start, s = text.index(content), text.index(speaker)
        c = text.index(cue, s + len(speaker)) if cue in text[s + len(speaker):] else text.index(cue)
        qs.append(Quote(content, start, start + len(content), kind, speaker=speaker, speaker_start=s,
                        speaker_end=s + len(speaker), cue=cue, cue_start=c, cue_end=c + len(cue)))
    trs = []
    for sub, value, *kind in refs:  # (words, value[, granularity[, the date it was read against]])
        start = text.index(sub)
        trs.append(TimeRef(sub, start, start + len(sub), value, *(kind or ["day"])))
    return Article(id=aid, source=f"{aid}.txt", text=text, paragraphs=[text], outlet=f"{aid}.example",
                   quotes=qs, time_refs=trs, published=PUBLISHED)


def _cite(article, sentence):
    start = article.text.index(sentence)
    return Citation(article.id, start, start + len(sentence), sentence)


def _says_the_same(articles):
    statements = [st for a in articles for st in statements_of(a)]
    return same_claim(articles, statements, build_timeline(articles), group_quote_variants(articles))


def test_one_speaker_saying_two_things_is_not_one_claim():
    a = _article("a", "Orla Fire District Chief Tomas Vell said the blaze began in a kitchen.",
                 [("the blaze began in a kitchen", "indirect", "Orla Fire District Chief Tomas Vell", "said")])
    b = _article("b", "Orla Fire District Chief Tomas Vell said two firefighters were treated for smoke.",
                 [("two firefighters were treated for smoke", "indirect", "Orla Fire District Chief Tomas Vell", "said")])
    c = _article("c", "Fire chief Tomas Vell said the blaze started in the kitchen of the bakery.",
                 [("the blaze started in the kitchen of the bakery", "indirect", "Fire chief Tomas Vell", "said")])
    agrees = _says_the_same([a, b, c])
    assert not agrees(_cite(a, a.text), _cite(b, b.text))  # only his name and title in common
    assert agrees(_cite(a, a.text), _cite(c, c.text))  # the blaze, the kitchen


def test_a_name_that_is_not_both_sentences_speaker_is_what_is_claimed():
    a = _article("a", "Vell Watch, a campaign group that files records requests, posted the footage on Tuesday.",
                 [("the footage on Tuesday", "indirect", "Vell Watch, a campaign group that files records requests",
                   "posted")])
    b = _article("b", "The mayor's remarks were released Tuesday by Vell Watch, a campaign group that files records requests.")
    agrees = _says_the_same([a, b])
    assert agrees(_cite(a, a.text), _cite(b, b.text))


def test_two_speakers_own_words_are_two_claims_unless_one_quotation():
    a = _article("a", '"The harbour will stay open for at least ten years," Mayor Ines Dal said.',
                 [("The harbour will stay open for at least ten years", "direct", "Mayor Ines Dal", "said")])
    b = _article("b", '"The harbour can stay open ten more years if the wall is mended," the engineers\' report said.',
                 [("The harbour can stay open ten more years if the wall is mended", "direct",
                   "the engineers' report", "said")])
    c = _article("c", '"The harbour will stay open for at least ten years and we will see to it," a city spokesman said.',
                 [("The harbour will stay open for at least ten years and we will see to it", "direct",
                   "a city spokesman", "said")])
    agrees = _says_the_same([a, b, c])
    assert not agrees(_cite(a, a.text), _cite(b, b.text))
    assert agrees(_cite(a, a.text), _cite(c, c.text))  # the same words, given to a spokesman


def test_last_months_shooting_does_not_corroborate_this_ones():
    a = _article("a", "Four people were shot on Friday near the Orla market. The 12-year-old boy was taken to "
                      "Vell Children's Hospital. On Nov. 1, a 12-year-old boy was killed by a stray bullet nearby.",
                 refs=[("Friday", "2031-12-12"), ("Nov. 1", "2031-11-01")])
    b = _article("b", "Four people, among them a 12-year-old boy, were shot Friday in Orla. "
                      "The Friday shooting was near the spot where a 12-year-old boy was killed last month.",
                 refs=[("Friday", "2031-12-12"), ("last month", "2031-11-01")])
    agrees = _says_the_same([a, b])
    this_one = _cite(a, "The 12-year-old boy was taken to Vell Children's Hospital.")
    last_month = _cite(b, "The Friday shooting was near the spot where a 12-year-old boy was killed last month.")
    assert not agrees(this_one, last_month)
    assert agrees(_cite(a, "On Nov. 1, a 12-year-old boy was killed by a stray bullet nearby."), last_month)


def test_the_alignment_joins_only_one_claim():
    """``align_facts`` (and ``compare_story``) apply the same test to the pairs they join."""
    from dataclasses import replace

    from storylens.compare.facts import align_facts

    def chief(aid, said, words):
        a = _article(aid, f"{said} {words}.", [(words, "indirect", said, "said")])
        a.quotes = [replace(q, speaker_entity="person:tomas vell") for q in a.quotes]
        return a

    said = "Orla Fire District Chief Tomas Vell said"
    a = chief("a", said, "the blaze began in the kitchen of the bakery")
    b = chief("b", said, "two firefighters were treated for smoke inhalation")
    c = chief("c", "Fire chief Tomas Vell of the Orla district said", "the blaze started in the bakery kitchen")
    joined = {frozenset(c.article_id for c in f.support) for f in align_facts([a, b, c]) if len(f.support) > 1}
    assert joined == {frozenset({"a", "c"})}  # b shares only who said it


def _with_figures(article, figures):
    """``article`` with hand-made figures: (text, value, what it counts)."""
    for text, value, counts in figures:
        start = article.text.index(text)
        article.figures.append(Figure(text, start, start + len(text), value=value, counts=counts, unit=counts))
    return article


def test_a_figure_and_what_it_counts_are_one_thing_shared():
    a = _with_figures(_article("a", "Ambulances took three people to Vell General Hospital."),
                      [("three people", 3, "people")])
    b = _with_figures(_article("b", "Three people died at the scene."), [("Three people", 3, "people")])
    c = _with_figures(_article("c", "Three people were taken to Vell General Hospital."),
                      [("Three people", 3, "people")])
    agrees = _says_the_same([a, b, c])
    assert not agrees(_cite(a, a.text), _cite(b, b.text))  # "three people" is all they share
    assert agrees(_cite(a, a.text), _cite(c, c.text))


def test_the_same_number_counting_other_things_is_not_shared():
    a = _with_figures(_article("a", "Five firefighters were hurt in the blaze."), [("Five firefighters", 5, "firefighters")])
    b = _with_figures(_article("b", "Prosecutors filed five counts over the blaze."), [("five counts", 5, "counts")])
    c = _with_figures(_article("c", "The blaze hurt five firefighters."), [("five firefighters", 5, "firefighter")])
    agrees = _says_the_same([a, b, c])
    assert not agrees(_cite(a, a.text), _cite(b, b.text))
    assert agrees(_cite(a, a.text), _cite(c, c.text))


def test_another_of_the_same_figure_is_someone_else():
    a = _with_figures(_article("a", "One victim, a 19-year-old woman, lost her baby, police said."),
                      [("19-year-old", 19, "year-old")])
    b = _with_figures(_article("b", "Another 19-year-old woman was shot in the legs."),
                      [("19-year-old", 19, "year-old")])
    c = _with_figures(_article("c", "The 19-year-old woman lost her baby, her family said."),
                      [("19-year-old", 19, "year-old")])
    agrees = _says_the_same([a, b, c])
    assert not agrees(_cite(a, a.text), _cite(b, b.text))  # "another" 19-year-old: not the same woman
    assert agrees(_cite(a, a.text), _cite(c, c.text))


def test_a_pronoun_subject_needs_more_in_common_with_a_named_one():
    # "He" may be any of the victims: three words in common do not make him "the child"
    a = _article("a", "Three people were shot in Orla on Friday. The child was last listed in critical condition.")
    b = _article("b", "Ona Brisk, 18, and a 1-year-old girl were shot in Orla. He is listed in critical condition.")
    c = _article("c", "Tobin Arlo was shot in Orla. He was listed in critical condition at Vell General.")
    d = _article("d", "The 1-year-old girl was listed in critical condition on Friday.")
    e = _article("e", "He was taken to Vell General with a gunshot wound to the chest on Friday night.")
    f = _article("f", "Tobin Arlo was taken to Vell General with a gunshot wound to the chest Friday night.")
    agrees = _says_the_same([a, b, c, d, e, f])
    child, he = _cite(a, "The child was last listed in critical condition."), _cite(b, "He is listed in critical condition.")
    assert not agrees(child, he)
    # two pronoun subjects, or two named ones, as before
    assert agrees(he, _cite(c, "He was listed in critical condition at Vell General."))
    assert agrees(child, _cite(d, "The 1-year-old girl was listed in critical condition on Friday."))
    # more in common still makes one claim
    assert agrees(_cite(e, "He was taken to Vell General with a gunshot wound to the chest on Friday night."),
                  _cite(f, "Tobin Arlo was taken to Vell General with a gunshot wound to the chest Friday night."))


def test_more_of_the_same_figure_are_others():
    a = _with_figures(_article("a", "Two teens were killed at a house party in Orla."), [("Two teens", 2, "teen")])
    b = _with_figures(_article("b", "Two more teens were found in a car near the party."),
                      [("Two more teens", 2, "teen")])
    c = _with_figures(_article("c", "Police said two teens were killed at the Orla house party."),
                      [("two teens", 2, "teen")])
    agrees = _says_the_same([a, b, c])
    assert not agrees(_cite(a, a.text), _cite(b, b.text))  # "two more" teens: not the two killed
    assert agrees(_cite(a, a.text), _cite(c, c.text))
    # "more than" is a bound, not others: the same twenty people as "at least 20"
    d = _with_figures(_article("d", "More than 20 people were hurt."), [("More than 20 people", 20, "people")])
    e = _with_figures(_article("e", "At least 20 people were hurt, police said."), [("At least 20 people", 20, "people")])
    assert _says_the_same([d, e])(_cite(d, d.text), _cite(e, e.text))


def test_written_dates_a_season_apart_are_two_events():
    a = _article("a", "Ona Brisk, 16, and Tal Wen, 15, were shot dead at Vell Lake Park on Mar. 13.",
                 refs=[("Mar. 13", "2031-03-13")])
    b = _article("b", "On May 3, 2030, the bodies of Ama Dory, 16, and Ivo Rusk, 14, were found shot dead near the park.",
                 refs=[("May 3, 2030", "2030-05-03")])
    c = _article("c", "Ona Brisk and Tal Wen were shot dead at Vell Lake Park on March 13, police said.",
                 refs=[("March 13", "2031-03-13")])
    d = _article("d", "A year on, Ona Brisk and Tal Wen, shot dead at Vell Lake Park on March 14, were remembered.",
                 refs=[("March 14", "2032-03-14")])
    agrees = _says_the_same([a, b, c, d])
    assert not agrees(_cite(a, a.text), _cite(b, b.text))  # the park and the deaths of two others, a year before
    assert agrees(_cite(a, a.text), _cite(c, c.text))
    # a day apart is one event told with two days (a disagreement for the conflicts), whatever year was read
    assert agrees(_cite(a, a.text), _cite(d, d.text))


def test_named_months_apart_are_two_steps_of_a_story():
    a = _article("a", "Edo Marsh in January pleaded guilty to two counts of arson and reckless endangerment at the "
                      "Vell County court.", refs=[("January", "2032-01", "month")])
    b = _article("b", "In August, Edo Marsh was charged with two counts of arson and reckless endangerment at the "
                      "Vell County court.", refs=[("August", "2031-08", "month")])
    c = _article("c", "In late January, Edo Marsh pleaded guilty to two counts of arson and reckless endangerment, "
                      "court records show.", refs=[("late January", "2032-01", "month")])
    d = _article("d", "On Feb. 2, Edo Marsh pleaded guilty to two counts of arson and reckless endangerment.",
                 refs=[("Feb. 2", "2032-02-02")])
    agrees = _says_the_same([a, b, c, d])
    assert not agrees(_cite(a, a.text), _cite(b, b.text))  # the plea in January, the charge in August
    assert agrees(_cite(a, a.text), _cite(c, c.text))
    assert agrees(_cite(a, a.text), _cite(d, d.text))  # a month on: one step told loosely


def test_days_told_by_weekday_months_apart_are_two_events():
    # two incidents of one round-up story: each suspect's next court day, read against its article's date
    a = _article("a", "Vann Ostry was ordered held without bond Sunday. He is next scheduled to appear in court Monday.",
                 refs=[("Monday", "2031-09-29", "day", "2031-09-28")])
    b = _article("b", "Kell Dorran, of the 5200 block of South Arden, is next scheduled to appear in court Tuesday.",
                 refs=[("Tuesday", "2031-12-02", "day", "2031-11-30")])
    c = _article("c", "Vann Ostry is next scheduled to appear in court Monday, prosecutors said.",
                 refs=[("Monday", "2031-09-29", "day", "2031-09-28")])
    # the same weekday in a copy the outlet dated two months later: one page dated twice, not two events
    d = _article("d", "Vann Ostry is next scheduled to appear in court Monday, prosecutors said.",
                 refs=[("Monday", "2031-12-01", "day", "2031-11-30")])
    agrees = _says_the_same([a, b, c, d])
    court_day = "He is next scheduled to appear in court Monday."
    assert not agrees(_cite(a, court_day), _cite(b, b.text))
    assert agrees(_cite(a, court_day), _cite(c, c.text))
    assert agrees(_cite(a, court_day), _cite(d, d.text))
