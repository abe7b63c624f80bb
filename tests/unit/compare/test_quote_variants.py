"""Quote grouping and fidelity on fictional articles written for these tests."""

from __future__ import annotations

import pytest

from storylens.compare.quote_variants import fidelity, group_quote_variants
from storylens.compare.textspans import words
from storylens.model import Article, Quote


def _article(aid: str, text: str, quotes: list[tuple[str, str | None, str]], **kw) -> Article:
    qs = []
    for sub, speaker, kind in quotes:
        start = text.index(sub)
        qs.append(Quote(sub, start, start + len(sub), kind, speaker_entity=speaker))
    return Article(id=aid, source=f"{aid}.txt", text=text, paragraphs=[text], quotes=qs, **kw)


MAYOR = "person:ilse brandvik"
WIRE = ('Mayor Ilse Brandvik said: "The bridge stays shut until the inspectors sign it off. '
        'We will pay for every repair the U.S.A. experts ask for."')
SPLIT = ('"The bridge stays shut until the inspectors sign it off," Brandvik said on Tuesday. '
         '"We will pay for every repair the USA experts ask for."')
ALTERED = 'Brandvik said: "The bridge stays closed until inspectors approve it, and we will pay for repairs."'
OTHER = 'Councillor Aron Vell said: "The budget for roads will not grow this year, whatever happens."'


def _groups(*articles):
    return group_quote_variants(list(articles))


def _check_citations(groups, articles):
    by_id = {a.id: a for a in articles}
    for g in groups:
        for v in g.variants:
            c = v.citation
            assert by_id[c.article_id].text[c.start:c.end] == c.text


def test_split_quote_joins_the_whole_one_and_minor_variant():
    wire = _article("w", WIRE, [(WIRE[WIRE.index('"') + 1:-1], MAYOR, "direct")])
    split = _article("s", SPLIT, [("The bridge stays shut until the inspectors sign it off", MAYOR, "direct"),
                                  ("We will pay for every repair the USA experts ask for.", None, "direct")])
    groups = _groups(wire, split)
    _check_citations(groups, [wire, split])
    (group,) = [g for g in groups if len(g.articles) == 2]
    assert group.speaker == MAYOR and not group.attribution_differs
    assert group.variants[0].article_id == "w"  # the longest is the reference
    fid = {v.citation.text.split()[0]: v.fidelity for v in group.variants if v.article_id == "s"}
    assert fid == {"The": "verbatim", "We": "minor"}


def test_altered_quote_with_diff():
    wire = _article("w", WIRE, [(WIRE[WIRE.index('"') + 1:-1], MAYOR, "direct")])
    alt = _article("a", ALTERED, [(ALTERED[ALTERED.index('"') + 1:-1], MAYOR, "direct")])
    (group,) = _groups(wire, alt)
    variant = group.variants[1]
    assert variant.article_id == "a" and variant.fidelity == "altered"
    ops = {d["op"] for d in variant.diff}
    assert ops & {"replace", "delete", "insert"} and "equal" in ops
    changed = [w for d in variant.diff if d["op"] != "equal" for w in d["variant"]]
    assert "closed" in changed


def test_different_quotes_and_speakers_stay_apart():
    wire = _article("w", WIRE, [(WIRE[WIRE.index('"') + 1:-1], MAYOR, "direct")])
    other = _article("o", OTHER, [(OTHER[OTHER.index('"') + 1:-1], "person:aron vell", "direct")])
    groups = _groups(wire, other)
    assert len(groups) == 2 and all(len(g.articles) == 1 for g in groups)


def test_short_shared_phrase_by_other_speaker_does_not_link():
    a = _article("a", 'Vell said: "We will pay for every repair in the east."', [("We will pay for every repair in the east.", "person:aron vell", "direct")])
    b = _article("b", 'Brandvik said: "We will pay for every repair the experts ask for."', [("We will pay for every repair the experts ask for.", MAYOR, "direct")])
    assert len(_groups(a, b)) == 2


def test_long_identical_quote_with_other_speaker_links_and_flags_attribution():
    text1 = 'Brandvik said: "The bridge stays shut until the inspectors sign it off."'
    text2 = 'Vell said: "The bridge stays shut until the inspectors sign it off."'
    q = "The bridge stays shut until the inspectors sign it off."
    (group,) = _groups(_article("a", text1, [(q, MAYOR, "direct")]), _article("b", text2, [(q, "person:aron vell", "direct")]))
    assert group.attribution_differs and set(group.speakers) == {MAYOR, "person:aron vell"}
    assert all(v.fidelity == "verbatim" for v in group.variants)


def test_a_bare_surname_and_the_full_name_it_ends_are_no_other_speaker():
    # the story may hold two Brandviks, so the surname stays unlinked; it still names no one else
    text1 = 'Brandvik said: "The bridge stays shut until the inspectors sign it off."'
    text2 = 'Ilse Brandvik said: "The bridge stays shut until the inspectors sign it off."'
    q = "The bridge stays shut until the inspectors sign it off."
    (group,) = _groups(_article("a", text1, [(q, "person:brandvik", "direct")]), _article("b", text2, [(q, MAYOR, "direct")]))
    assert set(group.speakers) == {"person:brandvik", MAYOR} and not group.attribution_differs
    assert group.to_dict()["attribution_differs"] is False


def test_partial_quote_uses_only_the_quoted_words_and_nested_quotes_stay_inside():
    text = 'Brandvik said the city would "pay for every repair the experts ask for" and more.'
    nested = 'Brandvik wrote: "We call this "Operation Mend." We will pay for every repair the experts ask for."'
    a = _article("a", text, [('the city would "pay for every repair the experts ask for"', MAYOR, "partial")])
    b = _article("b", nested, [(nested[nested.index('"') + 1:-1], MAYOR, "direct")])
    (group,) = _groups(a, b)
    texts = {v.article_id: v.citation.text for v in group.variants}
    assert texts["a"] == "pay for every repair the experts ask for"
    assert texts["b"].startswith("We call this") and texts["b"].endswith("ask for.")
    assert {v.fidelity for v in group.variants} == {"verbatim"}


def test_low_overlap_is_not_the_same_utterance():
    ref = 'Brandvik said: "The bridge stays shut until the inspectors sign it off and the council pays the contractors in full."'
    para = 'Brandvik said: "The bridge stays shut until further notice, she told us, because money is short."'
    a = _article("a", ref, [(ref[ref.index('"') + 1:-1], MAYOR, "direct")])
    b = _article("b", para, [(para[para.index('"') + 1:-1], MAYOR, "direct")])
    groups = _groups(a, b)
    # four shared words are under half of the shorter quote: not linked at all
    assert len(groups) == 2


def test_to_dict_layout():
    wire = _article("w", WIRE, [(WIRE[WIRE.index('"') + 1:-1], MAYOR, "direct")])
    d = _groups(wire)[0].to_dict()
    assert set(d) == {"id", "speaker", "speaker_name", "speakers", "attribution_differs", "fidelity", "articles",
                      "independent_sources", "variants"}
    assert set(d["variants"][0]) == {"article_id", "citation", "fidelity", "kind", "speaker", "against", "coverage", "diff"}


def _assert_fidelities(ref: str, cases: dict[str, str]) -> None:
    """Each variant text of ``cases`` has its fidelity against ``ref``."""
    for text, expected in cases.items():
        assert fidelity(text, words(text), ref, words(ref))[0] == expected, text


def test_fidelity_levels():
    ref = "The bridge stays shut until the inspectors sign it off."
    cases = {
        "The bridge stays shut until the inspectors sign it off.": "verbatim",
        "the bridge stays shut, until the inspectors sign it off": "minor",
        "The bridge stays shut until the inspectors sign off.": "altered",
        "The bridge stays open while the council and the mayor argue about money and lawyers.": "paraphrase",
    }
    _assert_fidelities(ref, cases)
    assert fidelity(ref, words(ref), ref, words(ref), kind="indirect")[0] == "paraphrase"
    # quoting a portion faithfully is verbatim
    part = "until the inspectors sign it off"
    assert fidelity(part, words(part), ref, words(ref))[0] == "verbatim"


def test_words_written_otherwise_with_the_same_letters_are_minor():
    ref = "We've kept the ferry shut for a year-and-a-half, and 1 in 3 crossings was a tax-free trip."
    cases = {
        # hyphens and spaces, contractions spelled out, numbers to twenty in words
        "We have kept the ferry shut for a year and a half, and one-in-three crossings was a tax free trip.": "minor",
        "We've kept the ferry shut for a year-and-a-half, and 1 in 3 crossings was a taxfree trip.": "minor",
        # another word, another tense, a word cut: altered
        "We've kept the ferry closed for a year-and-a-half, and 1 in 3 crossings was a tax-free trip.": "altered",
        "We'll keep the ferry shut for a year-and-a-half, and 1 in 3 crossings was a tax-free trip.": "altered",
        "We've kept the ferry shut for a year-and-a-half, and 1 in 3 crossings was a trip.": "altered",
        # a portion, respelled
        "we have kept the ferry shut for a year and a half": "minor",
    }
    _assert_fidelities(ref, cases)


def test_a_few_edits_that_keep_the_meaning_are_minor():
    ref = "The council and the mayor said that the old bridge stays shut until all of the inspectors sign it off."
    cases = {
        # the outlet's words in brackets, added or put for the speaker's
        "The council and the mayor said that the old (Harlow) bridge stays shut": "minor",
        "[Officials] said that the old bridge stays shut": "minor",
        # articles, "and", "both", "that", "of" added, cut or swapped: one or two of them
        "The council, the mayor said that the old bridge stays shut": "minor",
        "Both the council and the mayor said the old bridge stays shut": "minor",
        "until all the inspectors sign it off": "minor",
        # three such edits are a rewording; other words are not fillers
        "Council, mayor said the old bridge stays shut": "altered",
        "The council and the mayor said that the old bridge stays shut until not all of the inspectors sign it off.":
            "altered",
        "The council and the mayor said that the old bridge only stays shut": "altered",
        "The council and the mayor said that the old bridge stays shut until all of the (new) inspectors sign it":
            "minor",
    }
    _assert_fidelities(ref, cases)
    # an interjection cut, a plural ending: the meaning is intact; another word is not
    spoken = "It is not about the ferry. Oh, it is about the bridge we owe the islanders"
    _assert_fidelities(spoken, {"It is not about the ferry. It is about the bridge we owe the islanders": "minor",
                                "It is not about the ferries. Oh, it is about the bridge we owe the islanders":
                                    "minor",
                                "It is not about the ferry. Oh, it is about the bridge we owe the island": "altered",
                                "It is not about the ferry. Well, it is about the bridge we owe the islanders":
                                    "altered"})
    # a word changed at the very end of a portion is a word changed, not one added
    _assert_fidelities(ref, {"The council and the mayor said that the old bridge stays shut until all of the "
                             "inspector": "minor",
                             "The council and the mayor said that the old bridge stays shut until all of the "
                             "engineers": "altered"})
    # a filler cut beside words written otherwise
    odds = "There is a 1 in 3 chance that we could lose the ferry."
    _assert_fidelities(odds, {"There is a one-in-three chance we could lose the ferry.": "minor",
                              "There is a one-in-three chance we would lose the ferry.": "altered"})


def test_a_determiner_cut_or_a_word_of_the_same_meaning_is_minor():
    ref = "Depending upon the weather on the day, those passengers may need to wait at our terminal."
    _assert_fidelities(ref, {
        # "those" and "our" cut, "upon" written "on": the meaning intact
        "Depending on the weather on the day, passengers may need to wait at our terminal.": "minor",
        "those passengers may need to wait at terminal.": "minor",
        # one determiner put for another is another meaning; "not" added is another claim
        "those passengers may need to wait at their terminal.": "altered",
        "those passengers may not need to wait at our terminal.": "altered",
        # three edits are a rewording
        "Depending on the weather on the day, passengers may need to wait at terminal.": "altered",
    })


def test_a_name_spelled_otherwise_is_minor_another_name_is_not():
    ref = "Nobody can tell whether (the warlord Moammar) Gadhafi will hold the port at Sirte."
    _assert_fidelities(ref, {
        # one name transliterated two ways, an Arabic article in front or not
        "Nobody can tell whether (the warlord Muammar) al-Qaddafi will hold the port at Sirte.": "minor",
        "Nobody can tell whether (the warlord Moammar) Kadafi will hold the port at Sirte.": "minor",
        # another name, or a common word put for the name, is another claim
        "Nobody can tell whether (the warlord Moammar) Haftar will hold the port at Sirte.": "altered",
        "Nobody can tell whether (the warlord Moammar) Gadhafi will hold the port at Sabha.": "altered",
    })
    _assert_fidelities("We will meet Obama at the bridge.", {"We will meet Osama at the bridge.": "altered"})


def test_the_person_spoken_to_cut_is_minor():
    ref = "Your visit, Mr. President, comes at a critical time for our ferry crossing."
    _assert_fidelities(ref, {
        "Your visit comes at a critical time for our ferry crossing.": "minor",
        # with a determiner cut too: two edits
        "Your visit comes at a critical time for ferry crossing.": "minor",
        # words cut that are not the person addressed change what was said
        "Your visit comes at a critical time for our crossing.": "altered",
    })
    _assert_fidelities("Thank you, everybody. The ferry sails at noon.",
                       {"Thank you. The ferry sails at noon.": "minor"})
    # a name between commas that is not set off as an address stays a cut
    _assert_fidelities("The ferry, the Harlow Star, sails at noon.", {"The ferry sails at noon.": "altered"})


def _with_people(article: Article, *people: tuple[str, str]) -> Article:
    """``article`` with person entities mentioned where ``name`` is written."""
    from storylens.model import Entity, Span

    for key, name in people:
        at = article.text.index(name)
        article.entities.append(Entity(key, name, "person", mentions=[Span(at, at + len(name))]))
    return article


def test_a_word_quoted_of_a_named_speaker_joins_the_quote_that_holds_it():
    whole = _with_people(_article("w", WIRE, [(WIRE[WIRE.index('"') + 1:-1], MAYOR, "direct")]),
                         (MAYOR, "Ilse Brandvik"))
    echo = _with_people(_article("e", 'Brandvik said the bridge "stays shut" for now.', []), (MAYOR, "Brandvik"))
    (group,) = [g for g in _groups(whole, echo) if len(g.articles) == 2]
    assert [(v.article_id, v.citation.text) for v in group.variants] == [
        ("w", WIRE[WIRE.index('"') + 1:-1]), ("e", "stays shut")]
    assert group.variants[1].fidelity == "verbatim"
    _check_citations([group], [whole, echo])


def test_an_echo_needs_the_same_named_speaker_and_the_same_words():
    whole = _with_people(_article("w", WIRE, [(WIRE[WIRE.index('"') + 1:-1], MAYOR, "direct")]),
                         (MAYOR, "Ilse Brandvik"))
    other = _with_people(_article("o", 'Councillor Aron Vell said the bridge was "shut" for no reason.', []),
                         ("person:aron vell", "Aron Vell"))
    nobody = _article("n", 'The bridge is "shut" again, residents say.', [])
    reworded = _with_people(_article("r", 'Brandvik called the bridge "closed for good".', []), (MAYOR, "Brandvik"))
    assert all(len(g.articles) == 1 for g in _groups(whole, other, nobody, reworded))


def test_two_outlets_quoting_the_same_word_of_one_speaker_are_one_quote():
    a = _with_people(_article("a", 'Mayor Ilse Brandvik called the report "misleading" on Monday.', []),
                     (MAYOR, "Ilse Brandvik"))
    b = _with_people(_article("b", 'The report was "misleading", Brandvik said in a statement.', []),
                     (MAYOR, "Brandvik"))
    (group,) = _groups(a, b)
    assert group.articles == ["a", "b"] and group.speaker == MAYOR and group.fidelity == "verbatim"


def test_a_word_two_quotations_hold_joins_neither_and_does_not_make_them_one():
    """A word quoted of the mayor ("repair") that two of her different statements hold
    says nothing of which one it echoes, nor that they are one utterance."""
    pledge = _with_people(_article("w", WIRE, [(WIRE[WIRE.index('"') + 1:-1], MAYOR, "direct")]),
                          (MAYOR, "Ilse Brandvik"))
    later = ('Ilse Brandvik said on Friday: "No repair of the old ferry is planned this winter."')
    ferry = _with_people(_article("f", later, [(later[later.index('"') + 1:-1], MAYOR, "direct")]),
                         (MAYOR, "Ilse Brandvik"))
    echo = _with_people(_article("e", 'Brandvik used the word "repair" twice.', []), (MAYOR, "Brandvik"))
    groups = _groups(pledge, ferry, echo)
    assert sorted(g.articles for g in groups) == [["e"], ["f"], ["w"]]
    # held by one of them only, the word joins it
    assert sorted(g.articles for g in _groups(pledge, echo)) == [["w", "e"]]


VELL = "person:aron vell"


@pytest.mark.parametrize("text, speaker", [
    # the owner of a plan named after the speaker is not the speaker
    ('Ilse Brandvik called Aron Vell\'s budget plan "fake arithmetic" on Friday.', MAYOR),
    ('Ilse Brandvik said Aron Vell\'s comments were "plainly wrong" on Friday.', MAYOR),
    # what is Vell's is something he said, told with what it said: his words
    ('Ilse Brandvik dismissed Aron Vell\'s remark on Friday that the budget was "fake arithmetic".', VELL),
    ('Ilse Brandvik mocked Aron Vell\'s earlier comments about "fake arithmetic" at the meeting.', VELL),
    # an owner named alone is still the one the words go to
    ('Aron Vell\'s spokesman called the budget "fake arithmetic" on Friday.', VELL),
])
def test_an_echo_is_the_words_of_the_person_named_before_it_not_of_an_owner(text: str, speaker: str) -> None:
    people = [(key, name) for key, name in ((MAYOR, "Ilse Brandvik"), (VELL, "Aron Vell")) if name in text]
    article = _with_people(_article("a", text, []), *people)
    (group,) = _groups(article)
    assert group.speaker == speaker


def _with_group(article: Article, key: str, name: str, *, spokesperson: tuple[str, str, str]) -> Article:
    """``article`` with an organisation ``name`` and a person (key, name, role) whose
    role names it, each mentioned where written."""
    from storylens.model import Entity, Span

    at = article.text.index(name)
    article.entities.append(Entity(key, name, "org", mentions=[Span(at, at + len(name))]))
    p_key, p_name, role = spokesperson
    at = article.text.index(p_name)
    article.entities.append(Entity(p_key, p_name, "person", aliases=[role], mentions=[Span(at, at + len(p_name))]))
    return article


LIND = "person:jo lind"
LIND_QUOTE = "Today is a turning point for every commuter in the valley"


def test_words_an_organisation_called_something_join_its_spokespersons_quote():
    whole = _with_people(_article("w", f'"{LIND_QUOTE}," said Jo Lind, president of Fair Rail.',
                                  [(LIND_QUOTE, LIND, "direct")]), (LIND, "Jo Lind"))
    echo_text = ('Fair Rail, a commuter group, called the vote "a turning point" for the valley. '
                 '"We will keep watching the council," said Jo Lind, president of Fair Rail.')
    echo = _with_group(_article("e", echo_text, [("We will keep watching the council", LIND, "direct")]),
                       "org:fair rail", "Fair Rail", spokesperson=(LIND, "Jo Lind", "president of Fair Rail"))
    (group,) = [g for g in _groups(whole, echo) if len(g.articles) == 2]
    assert [(v.article_id, v.citation.text) for v in group.variants] == [("w", f"{LIND_QUOTE},"), ("e", "a turning point")]
    assert group.speaker == LIND and group.variants[1].fidelity == "verbatim"


def test_an_organisations_words_need_exactly_one_person_with_a_role_in_it():
    whole = _with_people(_article("w", f'"{LIND_QUOTE}," said Jo Lind, president of Fair Rail.',
                                  [(LIND_QUOTE, LIND, "direct")]), (LIND, "Jo Lind"))
    two = _with_group(_article("t", 'Fair Rail called the vote "a turning point". Jo Lind and Ada Moe lead Fair Rail.',
                               []), "org:fair rail", "Fair Rail",
                      spokesperson=(LIND, "Jo Lind", "president of Fair Rail"))
    at = two.text.index("Ada Moe")
    from storylens.model import Entity, Span
    two.entities.append(Entity("person:ada moe", "Ada Moe", "person", aliases=["Fair Rail spokeswoman"],
                               mentions=[Span(at, at + 7)]))
    # another organisation named first: its words, not those of the group's president
    other = _with_group(_article("o", 'City Hall called Fair Rail\'s plan "a turning point". Jo Lind runs Fair Rail.',
                                 []), "org:fair rail", "Fair Rail",
                        spokesperson=(LIND, "Jo Lind", "president of Fair Rail"))
    at = other.text.index("City Hall")
    other.entities.append(Entity("org:city hall", "City Hall", "org", mentions=[Span(at, at + 9)]))
    assert all(len(g.articles) == 1 for g in _groups(whole, two, other))


def _quoting(aid: str, text: str, speaker: str | None = MAYOR) -> Article:
    """An article whose every top-level quotation is a direct quote of ``speaker``."""
    from storylens.compare.textspans import quoted_spans

    spans = [s for s in quoted_spans(text) if s.depth == 0]
    article = Article(id=aid, source=f"{aid}.txt", text=text, paragraphs=[text])
    article.quotes = [Quote(text[s.start:s.end], s.start, s.end, "direct", speaker_entity=speaker) for s in spans]
    return article


def test_the_wording_two_outlets_agree_on_is_the_reference_not_a_longer_third():
    agreed = "We closed the bridge at noon and we will reopen it when the inspectors sign it off"
    longer = ("We closed the bridge, the old one, at noon and we will reopen it when the inspectors sign it off "
              "next week")
    a = _quoting("a", f'"{agreed}," Brandvik said.')
    b = _quoting("b", f'Brandvik said: "{agreed}."')
    c = _quoting("c", f'"{longer}," the mayor said.')
    (group,) = _groups(c, a, b)
    fid = {v.article_id: v.fidelity for v in group.variants}
    assert group.variants[0].article_id in ("a", "b") and fid == {"a": "verbatim", "b": "verbatim", "c": "altered"}


@pytest.mark.parametrize("whole, edited", [
    # words in square brackets, beside two added and one changed
    ("The repairs could be used by critics to attack the council for ignoring the warnings, so why help them?",
     "The repairs could be used by critics [of the mayor] to attack the council for ignoring all the warnings, so "
     "why would we help them?"),
    # words cut out: the excerpt is the longest, joining two sentences across an
    # ellipsis and adding a word
    ("We have learned something important since the day the bridge closed, and we owe the crews our thanks.",
     "We have learned something very important since the day the bridge closed... whatever we think of the "
     "council, we owe the crews our full support and our thanks."),
], ids=["square brackets", "words cut out"])
def test_a_quote_the_outlet_edited_is_not_the_reference_over_a_whole_one(whole: str, edited: str) -> None:
    a = _quoting("a", f'Brandvik said: "{whole}"')
    b = _quoting("b", f'Brandvik said that "{edited}"')
    (group,) = _groups(b, a)
    assert group.variants[0].article_id == "a"
    assert {v.article_id: v.fidelity for v in group.variants} == {"a": "verbatim", "b": "altered"}


def test_another_part_of_the_reference_article_is_judged_against_itself():
    first = ("After a long night with the engineers and the council, and after reading every report twice, I can "
             "see the bridge must stay shut until the inspectors sign it off")
    second = "I promised a date I could not keep"
    full = _quoting("f", f'Brandvik posted: "{first}." She went on: "{second}."')
    merged = _quoting("m", 'Brandvik wrote that "the bridge must stay shut until the inspectors sign it off. '
                           'I promised a date I could not keep."')
    (group,) = _groups(merged, full)
    assert group.variants[0].article_id == "f" and group.variants[0].citation.text.startswith("After")
    # the reference article's second quote does not overlap the first: it is judged against itself,
    # not against the other outlet's rendering
    (own,) = [k for k, v in enumerate(group.variants) if v.article_id == "f" and v.citation.text.startswith(second)]
    assert group.variants[own].against == own and group.variants[own].fidelity == "verbatim"


def test_a_quoted_title_or_motto_is_no_quotation():
    # capitalised words in quotation marks name a programme or a motto: they join no quote
    said = "Every family on the island trusts in this ferry, and I trust in the crews who sail it"
    a = _quoting("a", f'Brandvik told "Island Morning" on Sunday: "{said}."')
    b = _quoting("b", f'Brandvik, whose office prints "In Ferries We Trust" on its mugs, said: "{said}."')
    c = _quoting("c", 'The motto "In Ferries We Trust" was painted on the hull; "Island Morning" aired it.')
    groups = _groups(a, b, c)
    assert [sorted(g.articles) for g in groups] == [["a", "b"]]
    assert all(v.citation.text.startswith("Every") for v in groups[0].variants)


def test_a_variant_the_reference_barely_overlaps_is_judged_against_its_own_words():
    # two sentences of one answer open alike: the other outlet's rendering of the second
    # is judged against the reference article's second, not against the first
    first = "I was talking about the ferry, the idea that the island is here to serve the timetable"
    second = "I was talking about the radical harbour engineer"
    full = _quoting("f", f'Brandvik said: "{first}." Later: "{second}," she added.')
    other = _quoting("o", 'Brandvik said "I was talking about the radical harbour engineers," and left.')
    (group,) = _groups(full, other)
    assert group.variants[0].citation.text.startswith(first[:40])
    fid = {(v.article_id, v.citation.text.rstrip(",").rsplit(None, 1)[-1]): v.fidelity for v in group.variants}
    assert fid == {("f", "timetable."): "verbatim", ("f", "engineer"): "verbatim", ("o", "engineers"): "minor"}
    # a sentence the reference article prints twice a word apart stays altered
    twice = _quoting("t", f'Brandvik said: "{first}." Later: "I was talking about the ferry, the idea that the '
                          f'island is there to serve the timetable," she added.')
    (group,) = _groups(twice, other)
    assert [v.fidelity for v in group.variants if v.article_id == "t"] == ["verbatim", "altered"]


def test_a_quotation_chained_to_the_reference_through_another_variant_is_another_utterance():
    # b runs the end of one statement and the start of another together; c quotes the
    # other statement only: it shares no words with a's statement
    a = _quoting("a", 'Brandvik said: "The harbour tax was a mistake from the first day, it hurt every family '
                      'on the quay, and the council should never have passed it."')
    b = _quoting("b", 'Brandvik said: "The council should never have passed it. We will not collect it."')
    c = _quoting("c", 'On Friday Brandvik said: "We will not collect it, whatever she says."')
    groups = _groups(a, b, c)
    by_article = {v.article_id: g.id for g in groups for v in g.variants}
    assert by_article["a"] == by_article["b"] != by_article["c"]
    assert _groups(c, b, a) == groups  # whatever the order of the articles
