"""The brief and hashtags on fictional articles, with hand-made facts and conflicts."""

from __future__ import annotations

from datetime import datetime, timezone

from storylens.compare.brief import build_brief
from storylens.compare.settings import CompareSettings, compare_settings
from storylens.compare.statements import outlet_name
from storylens.compare.hashtags import hashtag, make_hashtags
from storylens.compare.quote_variants import group_quote_variants
from storylens.compare.timeline import build_timeline
from storylens.model import Article, Citation, Conflict, ConflictSide, Entity, Fact, Quote, Span, TimeRef

A_TEXT = ('The ferry strike in Port Vell entered its sixth day on Friday. About 300 crew members walked out. '
          'Union leader Mírta Oskarsdóttir said: "We will sail when the contracts are signed and not a day before."')
B_TEXT = ('Ferries stayed in port as the strike in Port Vell entered its sixth day. The union says 500 crew walked out. '
          '"We will sail when the contracts are signed and not a day before," Oskarsdóttir told reporters.')
QUOTE = "We will sail when the contracts are signed and not a day before"
UNION = "person:mirta oskarsdottir"


def _cite(article, sub):
    start = article.text.index(sub)
    return Citation(article.id, start, start + len(sub), sub)


def _article(aid, text, outlet, source):
    start = text.index(QUOTE)
    ents = [Entity(UNION, "Mírta Oskarsdóttir", "person", mentions=[Span(0, 1)]),
            Entity("place:port vell", "Port Vell", "place", mentions=[Span(0, 1)])]
    fri = text.find("Friday")
    refs = [TimeRef("Friday", fri, fri + 6, "2031-05-09", "day")] if fri >= 0 else []
    return Article(id=aid, source=source, text=text, paragraphs=[text], outlet=outlet, entities=ents,
                   quotes=[Quote(QUOTE, start, start + len(QUOTE), "direct", speaker_entity=UNION)],
                   time_refs=refs, published=datetime(2031, 5, 9, tzinfo=timezone.utc))


A = _article("a", A_TEXT, "Vell Daily", "vell.txt")
B = _article("b", B_TEXT, None, "/data/blog-post.txt")


def _brief():
    facts = [
        Fact("f1", "the strike entered its sixth day", [_cite(A, "The ferry strike in Port Vell entered its sixth day on Friday."),
                                                        _cite(B, "Ferries stayed in port as the strike in Port Vell entered its sixth day.")],
             2, "corroborated", outlets=["Vell Daily", "blog-post.txt"]),
        Fact("f2", "crew walked out", [_cite(A, "About 300 crew members walked out.")], 1, "disputed"),
        Fact("f3", "only A", [_cite(A, "About 300 crew members walked out.")], 1, "single-source"),
    ]
    conflicts = [Conflict("c1", "figure", "crew who walked out", [
        ConflictSide("About 300 crew members walked out", "outlet", _cite(A, "About 300 crew members walked out"), 300),
        ConflictSide("500 crew walked out", "person:mirta oskarsdottir", _cite(B, "500 crew walked out"), 500)],
        fact_ids=["f2"])]
    groups = group_quote_variants([A, B])
    return build_brief([A, B], facts, conflicts, groups, build_timeline([A, B]))


def _every_citation(brief):
    for part in (brief.summary, brief.disputed, brief.timeline):
        for s in part:
            assert s.citations, s.text
            yield from s.citations
    for q in brief.quoted:
        yield from q.citations


def test_citations_are_exact_spans():
    by_id = {"a": A, "b": B}
    for c in _every_citation(_brief()):
        assert by_id[c.article_id].text[c.start:c.end] == c.text


def test_summary_is_extractive_and_cites_all_support():
    brief = _brief()
    assert len(brief.summary) == 1
    (s,) = brief.summary
    assert s.text in A.text and {c.article_id for c in s.citations} == {"a", "b"}


def test_disputed_template_names_both_sides():
    (d,) = _brief().disputed
    assert d.text == "Crew who walked out: Vell Daily says About 300 crew members walked out; Mírta Oskarsdóttir (per blog-post.txt) says 500 crew walked out."
    assert [c.article_id for c in d.citations] == ["a", "b"]


def test_a_disputed_line_opens_with_a_short_question_never_with_a_sentence():
    sides = [ConflictSide("Monday", "outlet", _cite(A, "About 300 crew members walked out"), None),
             ConflictSide("Tuesday", "outlet", _cite(B, "500 crew walked out"), None)]
    statement = "About 300 crew members of the Vell ferry line walked out over pay, the union said."
    (d,) = build_brief([A, B], [], [Conflict("c1", "date", statement, sides)], [], []).disputed
    assert d.text.startswith("Vell Daily says Monday; ")
    (d,) = build_brief([A, B], [], [Conflict("c1", "figure", "how many crew members walked out", sides)],
                       [], []).disputed
    assert d.text.startswith("How many crew members walked out: Vell Daily says Monday; ")


def test_disputed_says_each_claim_once_naming_every_outlet():
    # A consolidated conflict: one claim made by several outlets, the other by a speaker
    # quoted in two of them. Each claim is said once; every side is still cited.
    copies = [_article(f"c{n}", A_TEXT, f"Copy {n}", f"c{n}.txt") for n in range(6)]
    flat = [ConflictSide("About 300 crew members walked out", "outlet", _cite(a, "About 300 crew members walked out"),
                         300) for a in (A, *copies)]
    union = [ConflictSide("500 crew walked out", UNION, _cite(B, "500 crew walked out"), 500),
             ConflictSide("500 crew walked out.", UNION, _cite(B, "500 crew walked out."), 500)]
    conflict = Conflict("c1", "figure", "crew who walked out", flat[:3] + union)
    arts = [A, B, *copies]
    (d,) = build_brief(arts, [], [conflict], [], []).disputed
    assert d.text == ("Crew who walked out: Vell Daily, Copy 0 and Copy 1 say About 300 crew members walked out; "
                      "Mírta Oskarsdóttir (per blog-post.txt) says 500 crew walked out.")
    assert [c.article_id for c in d.citations] == ["a", "c0", "c1", "b", "b"]
    (d,) = build_brief(arts, [], [Conflict("c2", "figure", "crew", flat + union[:1])], [], []).disputed
    assert d.text.startswith("Crew: Vell Daily, Copy 0, Copy 1, Copy 2 and 3 other outlets say About 300")
    assert len(d.citations) == 8


def test_quoted_and_timeline_and_hashtags():
    brief = _brief()
    (q,) = brief.quoted
    assert q.speaker == UNION and q.outlets == ["Vell Daily", "blog-post.txt"] and q.utterances == 1
    assert [t.date for t in brief.timeline] == ["2031-05-09"]
    assert brief.hashtags == ["#MirtaOskarsdottir", "#PortVell"]
    d = brief.to_dict()
    assert set(d) == {"summary", "single_source", "disputed", "timeline", "quoted", "hashtags"}


def test_single_source_story_shows_first_article_facts_apart_from_the_summary():
    facts = [Fact("f3", "only A", [_cite(A, "About 300 crew members walked out.")], 1, "single-source")]
    brief = build_brief([A], facts, [], [], [])
    assert brief.summary == []  # nothing is agreed: never presented as the outlets' common account
    assert [s.text for s in brief.single_source] == ["About 300 crew members walked out."]
    assert brief.to_dict()["single_source"][0]["citations"][0]["article_id"] == A.id


def test_a_corroborated_fact_leaves_single_source_empty():
    brief = _brief()
    assert brief.summary and brief.single_source == []


def test_an_opinion_piece_does_not_lead_a_brief_of_single_source_facts():
    import dataclasses

    column = dataclasses.replace(A, genre="opinion")
    facts = [Fact("f3", "only the column", [_cite(column, "About 300 crew members walked out.")], 0, "single-source"),
             Fact("f4", "only B", [_cite(B, "The union says 500 crew walked out.")], 1, "single-source")]
    brief = build_brief([column, B], facts, [], [], [])
    assert [s.text for s in brief.single_source] == ["The union says 500 crew walked out."]
    everyone_opines = dataclasses.replace(B, genre="blog")
    facts[1] = Fact("f4", "only B", [_cite(everyone_opines, "The union says 500 crew walked out.")], 0, "single-source")
    brief = build_brief([column, everyone_opines], facts, [], [], [])
    assert [s.text for s in brief.single_source] == ["About 300 crew members walked out."]


def test_outlet_name_falls_back_to_file_name():
    assert outlet_name(B) == "blog-post.txt" and outlet_name(A) == "Vell Daily"


def test_hashtag_forms():
    assert hashtag("Donald Trump") == "#DonaldTrump"
    assert hashtag("U.S.A.") == "#USA"
    assert hashtag("María Corina Machado") == "#MariaCorinaMachado"
    assert hashtag("the") is None and hashtag("said") is None and hashtag("2031") is None


def test_hashtags_deduplicated_ordered_and_limited():
    def art(aid, ents):
        return Article(id=aid, source=aid, text="", paragraphs=[], entities=ents)
    e = lambda key, name, kind="place": Entity(key, name, kind, mentions=[Span(0, 1)])  # noqa: E731
    arts = [art("1", [e("place:usa", "USA"), e("place:kessel", "Kessel"), e("org:x", "The")]),
            art("2", [e("place:usa", "U.S.A."), e("place:u s a", "usa"), e("person:ana lind", "Ana Lind", "person")]),
            art("3", [e("place:usa", "USA"), e("person:ana lind", "Ana Lind", "person")])]
    tags = make_hashtags(arts)
    assert tags == ["#USA", "#AnaLind", "#Kessel"]
    assert make_hashtags(arts, limit=2) == ["#USA", "#AnaLind"]
    assert len({t.casefold() for t in tags}) == len(tags)


def test_only_whole_attributed_sentences_are_sayable():
    from storylens.compare.readable import sayable

    assert sayable("The ferry strike in Port Vell entered its sixth day on Friday.")
    assert sayable('"We will sail when the contracts are signed," Oskarsdóttir told reporters.')
    assert sayable("40 crew members walked out.")
    assert not sayable("Ferries stayed in port as the strike entered its sixth day,")  # a clause cut at a comma
    assert not sayable("but the union said it would talk;")
    assert not sayable("and not a day before.")  # no capital: the rest of a sentence
    assert not sayable("Below are some of the photos readers sent from the quay on Friday.")  # the page's media
    assert not sayable("Watch the harbour master's briefing in the video above.")
    assert sayable("Above the quay, the crane stood idle all week.")
    assert sayable("Watchers on the quay saw the ferry leave below the bridge.")
    assert not sayable('"We will sail when the contracts are signed and not a day before."')  # whose words?
    assert not sayable("however, all ferries will stay in port,\" the post read")
    assert not sayable("Ona Brisk, who is accused of sinking two ferries and...")  # a teaser cut off
    assert not sayable("Ona Brisk, who is accused of sinking two ferries and…")
    assert not sayable("Post)Vell police investigate the quay where two ferries sank.")  # a credit's tail
    assert sayable("The union (which has 400 members) voted on Friday.")
    assert sayable("“We sail at dawn…” Oskarsdóttir said.")
    # "say" inside the quotation is the speaker's word: it does not say whose words they are
    assert not sayable('"I would say that there is a 2 in 3 chance that we sail on Friday.')
    assert sayable('"There is a 2 in 3 chance that we sail on Friday," Oskarsdóttir said.')
    # four quoted words or more in the writer's sentence: someone's words, said by whom?
    assert not sayable('Either the crews sail on their own, "or else the port office tells them when to go."')
    assert sayable('The captains apologized to the mayor and "anyone we may have stranded" on Friday.')
    assert sayable('Ferry captain Ona Brisk, in a letter, told crews "the port office decides when we sail."')
    assert sayable('The union called it a "cynical move" by the port office.')  # scare quotes: two words
    assert sayable('A banner at the quay gives the union\'s answer: "No sailing until the contracts are signed."')


def test_a_summary_never_shows_a_headline_or_a_clause():
    a = Article(id="a", source="a.txt", text="Ferries stayed in port, the union said;", paragraphs=[],
                outlet="Vell Daily", headline="Ferries stay in port")
    b = Article(id="b", source="b.txt", text="Ferries stayed in port on Friday.", paragraphs=[], outlet="Post",
                headline="Strike goes on")
    head = Fact("f1", "Ferries stay in port", [Citation("a", 0, 20, "Ferries stay in port", field="headline"),
                                               Citation("b", 0, 14, "Strike goes on", field="headline")],
                2, "corroborated")
    clause = Fact("f2", "Ferries stayed in port,", [Citation("a", 0, 39, a.text),
                                                    Citation("b", 0, 33, b.text)], 2, "corroborated")
    brief = build_brief([a, b], [head, clause], [], [], [])
    assert [s.text for s in brief.summary] == ["Ferries stayed in port on Friday."]
    assert {c.article_id for c in brief.summary[0].citations} == {"a", "b"}


def test_a_speakers_words_in_the_summary_name_the_speaker():
    text = "This is a very fine day for the ferries."
    a = Article(id="a", source="a.txt", text=text, paragraphs=[], outlet="Vell Daily",
                entities=[Entity(UNION, "Mírta Oskarsdóttir", "person", mentions=[Span(0, 1)])])
    b = Article(id="b", source="b.txt", text=text, paragraphs=[], outlet="Post")
    fact = Fact("f1", text, [Citation("a", 0, len(text), text), Citation("b", 0, len(text), text)], 2,
                "corroborated", asserted_by=UNION)
    voices = {("a", "text", 0, len(text)): UNION, ("b", "text", 0, len(text)): "outlet"}
    (sentence,) = build_brief([a, b], [fact], [], [], [], voices).summary
    assert sentence.text == "Mírta Oskarsdóttir: “This is a very fine day for the ferries.”"
    # The sentence shown is in the outlet's own voice: no speaker added.
    voices[("a", "text", 0, len(text))] = "outlet"
    (sentence,) = build_brief([a, b], [fact], [], [], [], voices).summary
    assert sentence.text == text
    # Reported speech, its cue in the sentence, is the outlet's words about hers, not hers.
    told = "And she describes the rough crossing the ferries made, implying she was aboard."
    a, b, fact = _two_outlets_one_fact(told, told)
    a.entities.append(Entity(UNION, "Mírta Oskarsdóttir", "person", mentions=[Span(0, 1)]))
    said = told.index("the rough")
    for article in (a, b):
        article.quotes.append(Quote(told[said:told.index(",")], said, told.index(","), "indirect", speaker="she",
                                    speaker_entity=UNION, cue="describes", cue_start=8, cue_end=17))
    voices = {("a", "text", 0, len(told)): UNION, ("b", "text", 0, len(told)): UNION}
    (sentence,) = build_brief([a, b], [fact], [], [], [], voices).summary
    assert sentence.text == told


def test_words_one_outlet_prints_as_its_own_are_shown_with_the_speaker_another_quotes():
    # One outlet prints a statement as its own paragraph, the other quotes the same words.
    own = "There are those who think the ferries should stop for good."
    quoted = "He added, “There are those who think the ferries should stop for good.”"
    a, b, fact = _two_outlets_one_fact(own, quoted)
    a.entities.append(Entity(UNION, "Mírta Oskarsdóttir", "person", mentions=[Span(0, 1)]))
    voices = {("a", "text", 0, len(own)): "outlet", ("b", "text", 0, len(quoted)): UNION}
    (sentence,) = build_brief([a, b], [fact], [], [], [], voices).summary
    assert sentence.text == "Mírta Oskarsdóttir: “There are those who think the ferries should stop for good.”"
    # Other words, or too few to tell, are the outlet's own.
    for own, other in [("Some think the ferries should stop for good.", quoted),
                       ("The ferries should stop.", "He added, “The ferries should stop.”")]:
        a, b, fact = _two_outlets_one_fact(own, other)
        voices = {("a", "text", 0, len(own)): "outlet", ("b", "text", 0, len(other)): UNION}
        (sentence,) = build_brief([a, b], [fact], [], [], [], voices).summary
        assert sentence.text == own


def test_a_sentence_that_names_its_speaker_is_shown_as_written():
    text = "Velm County Coroner Mírta Oskarsdóttir confirmed the boy died hours later at Velm Hospital."
    a, b, fact = _two_outlets_one_fact(text, text)
    a.entities.append(Entity(UNION, "Mírta Oskarsdóttir", "person", mentions=[Span(20, 38)]))
    fact.asserted_by = UNION
    voices = {("a", "text", 0, len(text)): UNION, ("b", "text", 0, len(text)): UNION}
    (sentence,) = build_brief([a, b], [fact], [], [], [], voices).summary
    assert sentence.text == text
    # Named only inside a quotation, the words still need their speaker.
    from storylens.compare.brief import _names_the_speaker

    quoted = "“Oskarsdóttir was right about the ferries,” the statement began."
    assert not _names_the_speaker(quoted, "Mírta Oskarsdóttir")


def _two_outlets_one_fact(ta: str, tb: str) -> tuple[Article, Article, Fact]:
    """Two one-sentence articles of two outlets, their sentences one corroborated fact."""
    a = Article(id="a", source="a.txt", text=ta, paragraphs=[], outlet="Vell Daily")
    b = Article(id="b", source="b.txt", text=tb, paragraphs=[], outlet="Post")
    return a, b, Fact("f1", ta, [Citation("a", 0, len(ta), ta), Citation("b", 0, len(tb), tb)], 2, "corroborated")


def test_a_disputed_figure_is_never_in_the_summary_as_agreed():
    ta = "About 300 crew members walked out on Friday."
    tb = "About 300 crew members walked out on Friday, the union said."
    a, b, fact = _two_outlets_one_fact(ta, tb)
    other = Conflict("c1", "figure", "how many crew", [
        ConflictSide("About 300 crew members", "outlet", Citation("a", 0, 22, ta[:22]), 300.0),
        ConflictSide("500 crew", "outlet", Citation("c", 0, 8, "500 crew"), 500.0)])
    assert build_brief([a, b], [fact], [], [], []).summary
    brief = build_brief([a, b], [fact], [other], [], [])
    assert brief.summary == [] and len(brief.disputed) == 1


def test_a_sentence_stating_a_disputed_detail_is_no_summary_line_even_when_no_side_cites_it():
    # "five months pregnant" against another outlet's "four months pregnant": the conflict's
    # sides cite other sentences, but this one says a side's claim in words
    ta = "Ona Brisk, who was five months pregnant, was hit twice on Larch Street."
    tb = "Ona Brisk, five months pregnant, was shot twice on Larch Street, police said."
    a, b, fact = _two_outlets_one_fact(ta, tb)
    months = Conflict("c1", "figure", "how far along the pregnancy was", [
        ConflictSide("4 months pregnant", "outlet", Citation("c", 0, 10, "four month"), 4.0),
        ConflictSide("5 months pregnant", "outlet", Citation("d", 0, 10, "five month"), 5.0)])
    assert build_brief([a, b], [fact], [], [], []).summary
    assert build_brief([a, b], [fact], [months], [], []).summary == []
    # a bare count ("five people") is said of many things: it keeps a line
    count = Conflict("c2", "figure", "how many people", [
        ConflictSide("Five people", "outlet", Citation("c", 0, 11, "Five people"), 5.0),
        ConflictSide("All six", "outlet", Citation("d", 0, 7, "All six"), 6.0)])
    tc = "Five people were shot on Larch Street on Sunday."
    td = "Five people were shot on Sunday on Larch Street, police said."
    c, d, shot = _two_outlets_one_fact(tc, td)
    assert build_brief([c, d], [shot], [count], [], []).summary


def test_a_photo_caption_is_no_summary_line():
    from storylens.compare.readable import sayable

    assert not sayable("Ann Lee/for the Velm Post Only the driver was hurt in the crash.")
    assert not sayable("AP Photo/Velm Police The car after the crash.")
    assert sayable("Police and/or fire crews came to Larch Street.")
    assert sayable("The council met on 3/4 in Velm.")



def test_an_appeal_for_information_is_no_summary_line():
    from storylens.compare.brief import asks_for_information

    ta = "Anyone with information is asked to call Velm Crime Stoppers at 555-019-0199."
    tb = "Anyone with information about the fire is asked to call Velm Crime Stoppers at 555-019-0199."
    a, b, appeal = _two_outlets_one_fact(ta, tb)
    assert build_brief([a, b], [appeal], [], [], []).summary == []
    assert asks_for_information("If you know anything about his whereabouts, call the tip line at (555) 019-0142.")
    assert asks_for_information("Police urged residents with information to come forward.")
    assert not asks_for_information("The caller gave police information about the car, and officers found it at 9 p.m.")
    assert not asks_for_information("He called his brother at 10:40 p.m. and contacted the landlord the next day.")

def test_a_fact_is_not_dropped_for_another_detail_disputed_in_one_of_its_sentences():
    ta = "Six people were wounded on Sunday when two men in a car fired at a bus stop."
    tb = "Six people were wounded on Sunday at a bus stop in Lorn, police said."
    a, b, fact = _two_outlets_one_fact(ta, tb)
    shooters = Conflict("c1", "figure", "how many people fired", [
        ConflictSide("two men", "outlet", Citation("a", 0, len(ta), ta), 2.0),
        ConflictSide("one shooter", "outlet", Citation("c", 0, 11, "one shooter"), 1.0)])
    (sentence,) = build_brief([a, b], [fact], [shooters], [], []).summary
    assert sentence.text == tb  # the sentence without the disputed detail is shown ...
    assert {c.article_id for c in sentence.citations} == {"a", "b"}  # ... citing every support
    # the same when the fact is marked disputed (a's sentence, a side, is not agreed on
    # "two men"): what its statements agree on besides the detail is still a summary line
    fact.status = "disputed"
    (sentence,) = build_brief([a, b], [fact], [shooters], [], []).summary
    assert sentence.text == tb


def test_a_fact_whose_own_statements_take_both_sides_stays_out_of_the_summary():
    ta = "About 300 crew members walked out on Friday."
    tb = "About 500 crew members walked out on Friday."
    a, b, fact = _two_outlets_one_fact(ta, tb)
    crew = Conflict("c1", "figure", "how many crew", [
        ConflictSide("About 300 crew members", "outlet", Citation("a", 0, 22, ta[:22]), 300.0),
        ConflictSide("About 500 crew members", "outlet", Citation("b", 0, 22, tb[:22]), 500.0)])
    brief = build_brief([a, b], [fact], [crew], [], [])
    assert brief.summary == [] and len(brief.disputed) == 1


def test_a_summary_line_cites_only_the_statements_that_say_it_directly():
    texts = {"a": "The ferry strike in Port Vell ended on Friday after crews accepted a pay offer.",
             "b": "Crews accepted a pay offer on Friday, ending the ferry strike in Port Vell.",
             "c": "The pay offer accepted on Friday gave crews a raise of four percent.",
             "d": "A raise of four percent is the largest in a decade, the union said."}
    arts = [Article(id=k, source=f"{k}.txt", text=t, paragraphs=[t], outlet=f"Outlet {k}") for k, t in texts.items()]
    # a chain: a~b, b~c, c~d made one fact; d says nothing of the strike's end.
    fact = Fact("f1", texts["a"], [Citation(k, 0, len(t), t) for k, t in texts.items()], 4, "corroborated")
    direct = {frozenset("ab"), frozenset("bc"), frozenset("cd")}

    def agrees(x: Citation, y: Citation) -> bool:
        return frozenset((x.article_id, y.article_id)) in direct

    (line,) = build_brief(arts, [fact], [], [], [], agrees=agrees).summary
    assert line.text == texts["b"] and {c.article_id for c in line.citations} == {"a", "b", "c"}
    # A fact no two statements say to each other directly is no agreed line.
    direct.clear()
    assert build_brief(arts, [fact], [], [], [], agrees=agrees).summary == []


def test_agreement_is_the_alignment_pair_test():
    from storylens.compare.facts import agreement, aligned_statements

    ta = "Crews of the Port Vell ferries accepted a pay offer on Friday, ending a six-day strike."
    tb = "The six-day ferry strike in Port Vell ended on Friday when crews accepted a pay offer."
    tc = "Tourism in the islands fell by a third last year."
    arts = [Article(id=k, source=f"{k}.txt", text=t, paragraphs=[t]) for k, t in (("a", ta), ("b", tb), ("c", tc))]
    statements, _, scorer = aligned_statements(arts)
    agrees = agreement(statements, scorer)
    a, b, c = (next(st.citation for st in statements if st.citation.article_id == k) for k in "abc")
    assert agrees(a, b) and agrees(b, a)
    assert not agrees(a, c)


def test_a_sentence_that_starts_inside_a_quotation_is_shown_with_its_opening_mark():
    ta = ('"We sail at dawn. Nobody stays ashore until the contracts are signed," '
          'union leader Mírta Oskarsdóttir told reporters.')
    tb = '"Nobody stays ashore until the contracts are signed," union leader Mírta Oskarsdóttir said on Friday.'
    shown = ta[ta.index("Nobody"):]
    a, b, _ = _two_outlets_one_fact(ta, tb)
    fact = Fact("f1", shown, [Citation("a", ta.index("Nobody"), len(ta), shown), Citation("b", 0, len(tb), tb)], 2,
                "corroborated")
    (line,) = build_brief([a, b], [fact], [], [], []).summary
    assert line.text == '"… ' + shown  # never the dangling closing mark alone
    curly = "Nobody stays ashore until the contracts are signed,” union leader Mírta Oskarsdóttir told reporters."
    from storylens.compare.brief import _attributed
    assert _attributed("outlet", curly, {}, ()) == "“… " + curly
    assert _attributed("outlet", tb, {}, ()) == tb  # the quotation opens in the sentence itself
    assert _attributed("outlet", 'The union said it would "sail at dawn" on Friday.', {}, ()).startswith("The union")


def test_of_two_sentences_of_as_many_sources_the_one_that_names_its_subject_is_shown():
    ta = "He is being held on $500,000 bail at the Velm County jail."
    tb = "Arne Dahl is being held on $500,000 bail at the Velm County jail, police said."
    a, b, fact = _two_outlets_one_fact(ta, tb)
    (sentence,) = build_brief([a, b], [fact], [], [], []).summary
    assert sentence.text == tb and {c.article_id for c in sentence.citations} == {"a", "b"}
    # with no other sentence, the pronoun's stays: it is a whole sentence of the body
    a2, b2, same = _two_outlets_one_fact(ta, ta)
    (sentence,) = build_brief([a2, b2], [same], [], [], []).summary
    assert sentence.text == ta


def test_a_clause_cut_from_a_long_sentence_at_a_semicolon_is_no_summary_line():
    from storylens.compare.statements import split_statements

    names = ("The victims were Ada Lunde, 14; Tove Berg, 17; Kari Holm, 28; Per Vik, 50; Ola Strand, 33; "
             "Nils Aas, 41; and Eli Moe, 22, all of Velm, the coroner said on Friday.")
    a = Article(id="a", source="a.txt", text=names, paragraphs=[names], outlet="Vell Daily")
    b = Article(id="b", source="b.txt", text=names, paragraphs=[names], outlet="Post")
    clauses = split_statements(a)
    assert len(clauses) > 1  # the statements are its clauses
    facts = [Fact(f"f{n}", c.text, [c, Citation("b", c.start, c.end, c.text)], 2, "corroborated")
             for n, c in enumerate(clauses)]
    assert build_brief([a, b], facts, [], [], []).summary == []
    whole = Fact("w", names, [Citation("a", 0, len(names), names), Citation("b", 0, len(names), names)], 2,
                 "corroborated")
    assert [s.text for s in build_brief([a, b], [whole], [], [], []).summary] == [names]


def test_a_disputed_side_of_many_speakers_takes_a_plural_verb():
    for voice, verb in (("the sources", "say"), ("police", "say"), ("officials", "say"), ("a spokesman", "says"),
                        ("the harbour office", "says"), ("the ferry boss", "says")):
        sides = [ConflictSide("About 300 crew members walked out", "outlet",
                              _cite(A, "About 300 crew members walked out"), 300),
                 ConflictSide("500 crew walked out", voice, _cite(B, "500 crew walked out"), 500)]
        (d,) = build_brief([A, B], [], [Conflict("c1", "figure", "crew who walked out", sides)], [], []).disputed
        assert d.text.endswith(f"; {voice} (per blog-post.txt) {verb} 500 crew walked out."), d.text


def _two_outlets(sentences_a: list[str], sentences_b: list[str]) -> tuple[Article, Article, list[Fact]]:
    """Two articles of two outlets, their n-th sentences one corroborated fact each."""
    ta, tb = " ".join(sentences_a), " ".join(sentences_b)
    a = Article(id="a", source="a.txt", text=ta, paragraphs=[], outlet="Vell Daily")
    b = Article(id="b", source="b.txt", text=tb, paragraphs=[], outlet="Post")
    facts, at_a, at_b = [], 0, 0
    for n, (sa, sb) in enumerate(zip(sentences_a, sentences_b)):
        at_a, at_b = ta.index(sa, at_a), tb.index(sb, at_b)
        facts.append(Fact(f"f{n}", sa, [Citation("a", at_a, at_a + len(sa), sa), Citation("b", at_b, at_b + len(sb), sb)],
                          2, "corroborated"))
        at_a, at_b = at_a + len(sa), at_b + len(sb)
    return a, b, facts


def test_a_summary_says_each_thing_once_and_the_next_fact_takes_the_place_of_a_repeat():
    a, b, facts = _two_outlets(
        ["Two men were shot to death and a woman and a teenage girl injured in a Velm alley on Sunday night.",
         "Officers found two men dead and a woman and teenage girl wounded.",
         "The alley runs behind the old tannery on Holm Street, near the river."],
        ["Two men were shot to death and a woman and a teenage girl were injured in Velm on Sunday.",
         "Officers found two men dead and a woman and a teenage girl wounded in the alley.",
         "The alley runs behind the old tannery on Holm Street."])
    with compare_settings(CompareSettings(brief_max_sentences=2)):
        summary = build_brief([a, b], facts, [], [], []).summary
    assert [s.text for s in summary] == [facts[0].statement, facts[2].statement]
    # an article saying one sentence twice: shown once
    a2, b2, twice = _two_outlets(["Ferries stayed in port as the strike in Port Vell entered its sixth day."] * 2,
                                 ["The strike in Port Vell entered its sixth day and ferries stayed in port.",
                                  "Ferries stayed in port on the strike's sixth day in Port Vell."])
    assert len(build_brief([a2, b2], twice, [], [], []).summary) == 1


def test_lines_with_other_numbers_or_few_words_are_no_repeats():
    a, b, facts = _two_outlets(
        ["A 14-year-old girl was shot in the leg and taken to Velm General Hospital.",
         "Another girl, 17, was also shot in the leg and taken to Velm General.",
         "Police shot and killed him in the library."],
        ["A 14-year-old girl was shot in the leg and taken to Velm General Hospital, police said.",
         "A 17-year-old girl was also shot in the leg and taken to Velm General.",
         "Officers shot and killed him in the library."])
    summary = build_brief([a, b], facts, [], [], []).summary
    assert len(summary) == 3
