"""Statements and fact alignment on fictional articles (the town of Dornhill, the Vell river)."""

from __future__ import annotations

from storylens.compare import compare_story
from storylens.compare.exclusives import find_exclusives
from storylens.compare.facts import _candidates, _Scorer, align_facts
from storylens.compare.settings import CompareSettings, compare_settings
from storylens.compare.statements import Statement, outlet_name, split_statements, statements_of
from storylens.compare.readable import reads_alone
from storylens.compare.unshared_pieces import join_unshared_pieces
from storylens.model import Article, Citation, Conflict, ConflictSide, Entity, Fact, Figure, Quote, Span, TimeRef

# -- fictional articles with extraction records placed by offset (also used by test_conflicts)


def at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


def article(id: str, text: str, *, outlet: str | None = "Outlet", headline: str | None = None,
            group: str | None = None, entities: dict[str, list[str]] | None = None,
            figures: list[dict] | None = None, times: list[tuple[str, str]] | None = None,
            quotes: list[dict] | None = None, credits: list[str] | None = None,
            source: str | None = None) -> Article:
    """``entities``: key -> names as written (every occurrence becomes a mention);
    ``figures``: dicts with ``text`` and Figure fields; ``times``: (text, value) of day refs;
    ``quotes``: dicts with ``text`` (the quoted span), ``speaker_entity``, ``kind``."""
    a = Article(id=id, source=source or f"/corpus/{id}.txt", text=text, paragraphs=text.split("\n\n"),
                outlet=outlet, headline=headline, syndication_group=group, credits=list(credits or []))
    for key, names in (entities or {}).items():
        mentions = []
        for name in names:
            s = text.find(name)
            while s >= 0:
                mentions.append(Span(s, s + len(name)))
                s = text.find(name, s + 1)
        a.entities.append(Entity(key, names[0], key.split(":")[0], list(names), mentions))
    for f in figures or []:
        f = dict(f)
        s, e = at(text, f.pop("text"))
        a.figures.append(Figure(text[s:e], s, e, **f))
    for t, value in times or []:
        s, e = at(text, t)
        a.time_refs.append(TimeRef(t, s, e, value, "day", "2031-05-02"))
    for q in quotes or []:
        s, e = at(text, q["text"])
        a.quotes.append(Quote(q["text"], s, e, q.get("kind", "direct"), speaker=q.get("speaker"),
                              speaker_entity=q.get("speaker_entity"), cue=q.get("cue", "said")))
    return a


def check_spans(articles: list[Article], citations) -> None:  # type: ignore[no-untyped-def]
    by_id = {a.id: a for a in articles}
    for c in citations:
        source = by_id[c.article_id].headline if c.field == "headline" else by_id[c.article_id].text
        assert source is not None
        assert source[c.start:c.end] == c.text, c


A_TEXT = ("Officials evacuated 300 villagers from Dornhill on Tuesday after the Vell river burst its banks. "
          "Mr. Ostrander, the mayor, opened the town hall to families overnight.\n\n"
          "The regional council will meet on Friday to discuss repairs to the levee.")
B_TEXT = ("Some 300 villagers were evacuated from their homes in Dornhill on Tuesday when the Vell river "
          "burst its banks, officials said. "
          "A bakery on the market square handed out bread to volunteers.")


def _pair():
    a = article("a", A_TEXT, outlet="Dornhill Gazette", headline="Vell floods Dornhill, 300 evacuated",
                entities={"place:dornhill": ["Dornhill"], "place:vell": ["Vell"]},
                figures=[{"text": "300 villagers", "value": 300.0, "counts": "villager"}],
                times=[("Tuesday", "2031-04-29")])
    b = article("b", B_TEXT, outlet="Valley Post",
                entities={"place:dornhill": ["Dornhill"], "place:vell": ["Vell"]},
                figures=[{"text": "300 villagers", "value": 300.0, "counts": "villager"}],
                times=[("Tuesday", "2031-04-29")])
    return a, b


def test_statements_are_exact_spans_with_the_headline_first():
    a, _ = _pair()
    cits = split_statements(a)
    assert cits[0].field == "headline" and cits[0].text == a.headline
    check_spans([a], cits)
    texts = [c.text for c in cits[1:]]
    # "Mr." does not end a sentence; a paragraph break does.
    assert texts[1].startswith("Mr. Ostrander") and texts[1].endswith("overnight.")
    assert texts[2].startswith("The regional council")


def test_a_long_sentence_is_cut_into_clauses_at_a_contrast():
    text = ("The regional council approved the emergency budget for the levee repairs on Friday evening, "
            "however, the opposition members walked out before the final vote was counted by the clerk.")
    a = article("c", text)
    cits = split_statements(a)
    check_spans([a], cits)
    assert len(cits) == 2 and cits[1].text.startswith("however,")


def test_paraphrases_align_into_one_corroborated_fact():
    a, b = _pair()
    facts = align_facts([a, b])
    for f in facts:
        check_spans([a, b], f.support)
        slots = {(c.article_id, c.field) for c in f.support}
        assert len(slots) == len(f.support)  # one sentence of each article's text, and its headline
    evac = [f for f in facts if [c.article_id for c in f.support if c.field == "text"] == ["a", "b"]
            and all("evacuated" in c.text for c in f.support)]
    assert len(evac) == 1
    assert evac[0].status == "corroborated" and evac[0].independent_sources == 2
    assert evac[0].outlets == ["Dornhill Gazette", "Valley Post"]
    bakery = [f for f in facts if "bakery" in f.statement]
    assert bakery and bakery[0].status == "single-source" and bakery[0].outlets == ["Valley Post"]
    council = [f for f in facts if "council" in f.statement]
    assert council and council[0].support[0].article_id == "a" and len(council[0].support) == 1


def test_an_agency_group_is_one_source_and_credits_do_not_add_sources():
    a, b = _pair()
    a.syndication_group = b.syndication_group = "syn-1"
    facts = align_facts([a, b])
    evac = [f for f in facts if len({c.article_id for c in f.support}) == 2]
    assert evac and all(f.independent_sources == 1 and f.status == "single-source" for f in evac)
    a2, b2 = _pair()
    a2.credits = ["Reuters", "AFP"]
    assert all(f.independent_sources <= 2 for f in align_facts([a2, b2]))


def test_unknown_outlet_is_named_by_its_file_and_ids_are_stable():
    a, b = _pair()
    b.outlet = None
    b.source = "/dumps/untitled-post.txt#entry-2"
    assert outlet_name(b) == "untitled-post.txt#entry-2"
    first = align_facts([a, b])
    again = align_facts([b, a])
    assert {f.id for f in first} == {f.id for f in again}
    assert any("untitled-post.txt#entry-2" in f.outlets for f in first)


def test_asserted_by_is_the_quoted_speaker_or_the_outlet():
    text = "\"The levee will hold through the spring,\" said Ilse Marrow, the county engineer."
    q = article("q", text, entities={"person:ilse marrow": ["Ilse Marrow"]},
                quotes=[{"text": "The levee will hold through the spring,", "speaker_entity": "person:ilse marrow"}])
    text2 = "County engineer Ilse Marrow said the levee will hold through the spring."
    r = article("r", text2, entities={"person:ilse marrow": ["Ilse Marrow"]},
                quotes=[{"text": "the levee will hold through the spring", "kind": "indirect",
                         "speaker_entity": "person:ilse marrow"}])
    facts = align_facts([q, r])
    levee = [f for f in facts if len(f.support) == 2]
    assert levee and levee[0].asserted_by == "person:ilse marrow"
    a, b = _pair()
    assert all(f.asserted_by == "outlet" for f in align_facts([a, b]))


def test_blocking_scores_no_pair_of_unrelated_statements():
    # 60 articles with disjoint vocabularies: no candidate pair at all, not 60*59/2 article pairs.
    arts = [article(f"x{i}", f"Zq{i}a vq{i}g Wx{i}b Kr{i}c. Pl{i}d rq{i}h Mn{i}e Tv{i}f.") for i in range(60)]
    sts: list[Statement] = [st for a in arts for st in statements_of(a)]
    config = CompareSettings()
    assert _candidates(sts, _Scorer(sts, config), config) == set()
    # One shared rare word links exactly the two statements that hold it.
    arts[3].text = arts[3].text.replace("vq3g", "quarrystone")
    arts[40].text = arts[40].text.replace("vq40g", "quarrystone")
    sts = [st for a in arts for st in statements_of(a)]
    pairs = _candidates(sts, _Scorer(sts, config), config)
    assert [(sts[i].citation.article_id, sts[j].citation.article_id) for i, j in pairs] == [("x3", "x40")]


def test_exclusives_list_single_source_facts_and_missed_corroborated_ones():
    a, b = _pair()
    facts = align_facts([a, b])
    ex = find_exclusives([a, b], facts)
    assert set(ex["only_in"]) == set(ex["missing_from"]) == {"Dornhill Gazette", "Valley Post"}
    bakery = next(f for f in facts if "bakery" in f.statement)
    assert bakery.id in ex["only_in"]["Valley Post"] and bakery.id not in ex["only_in"]["Dornhill Gazette"]
    assert ex["missing_from"]["Valley Post"] == [] and ex["missing_from"]["Dornhill Gazette"] == []
    c = article("c", "Volunteers cleared mud from the Dornhill school yard.", outlet="River Radio")
    facts3 = align_facts([a, b, c])
    corroborated = [f.id for f in facts3 if f.independent_sources >= 2]
    assert corroborated and find_exclusives([a, b, c], facts3)["missing_from"]["River Radio"] == corroborated


def test_citation_layout():
    assert Citation("a", 0, 3, "abc", field="headline").to_dict() == {
        "article_id": "a", "start": 0, "end": 3, "text": "abc", "field": "headline"}


def _corroborated(ta: str, tb: str, config: CompareSettings | None = None) -> list:  # type: ignore[type-arg]
    a = article("a", ta, outlet="Dornhill Gazette")
    b = article("b", tb, outlet="Valley Post")
    return [f for f in align_facts([a, b], config) if f.independent_sources == 2]


def test_one_shared_common_word_or_a_shared_title_is_not_one_claim():
    # Short sentences that share one ordinary word, or only a title, say different things.
    one_word = ("Here is what to expect.", "Nobody had expected the Vell to rise so fast.")
    title = ("The prime minister came too.", "The prime minister will chair a cabinet meeting.")
    for ta, tb in (one_word, title):
        assert _corroborated(ta, tb) == []
        # the rules, not the lexical score, are what keep them apart: the alignment's
        # anchors and the same-claim test (compare.same_claim)
        assert _corroborated(ta, tb, CompareSettings(align_min_shared_terms=0)) == []
        assert _corroborated(ta, tb, CompareSettings(align_min_shared_terms=0, claim_min_shared_terms=0)) != []


def test_two_shared_content_words_still_align_a_paraphrase():
    found = _corroborated("Volunteers stacked sandbacks along the levee overnight.",
                          "Overnight, volunteers stacked sandbags on the levee.")
    assert len(found) == 1


def test_labels_and_embedded_post_signatures_are_no_shared_fact():
    text_a = ("Quick Facts:\n\nA ferry ran aground off Velm on Sunday, the coast guard said.\n\n"
              "Ona Brisk (@onabrisk) May 3, 2026")
    text_b = ("Quick Facts:\n\nA ferry ran aground off Velm on Sunday, according to the coast guard.\n\n"
              "Pell Arno (@pellarno) May 3, 2026")
    facts = align_facts([article("a", text_a, outlet="Gazette"), article("b", text_b, outlet="Post")])
    shared = [f for f in facts if len({c.article_id for c in f.support}) == 2]
    assert [f.support[0].text for f in shared] == ["A ferry ran aground off Velm on Sunday, the coast guard said."]


# -- only news corroborates (an opinion piece or blog post states, never corroborates) ----


def _with_column(genre: str):
    a, b = _pair()
    b.genre = genre
    return a, b


def test_an_opinion_piece_or_blog_post_states_a_fact_but_does_not_corroborate_it():
    for genre in ("opinion", "blog"):
        a, b = _with_column(genre)
        facts = align_facts([a, b])
        evac = [f for f in facts if [c.article_id for c in f.support if c.field == "text"] == ["a", "b"]
            and all("evacuated" in c.text for c in f.support)]
        assert len(evac) == 1, genre
        # it is still said by both (support, outlets) but rests on one news source
        assert evac[0].outlets == ["Dornhill Gazette", "Valley Post"]
        assert {c.article_id for c in evac[0].support} == {"a", "b"}
        assert evac[0].independent_sources == 1 and evac[0].status == "single-source"
        bakery = [f for f in facts if "bakery" in f.statement]
        assert bakery and bakery[0].independent_sources == 0 and bakery[0].status == "single-source"


def test_two_news_reports_and_a_column_are_two_sources():
    a, b = _pair()
    c = article("c", B_TEXT.replace("Some 300", "About 300"), outlet="Valley Post Opinion",
                entities={"place:dornhill": ["Dornhill"], "place:vell": ["Vell"]},
                figures=[{"text": "300 villagers", "value": 300.0, "counts": "villager"}],
                times=[("Tuesday", "2031-04-29")])
    c.genre = "opinion"
    evac = [f for f in align_facts([a, b, c]) if len({c.article_id for c in f.support}) == 3]
    assert evac and evac[0].independent_sources == 2 and evac[0].status == "corroborated"


def _after_the_500_report(c: Article) -> Fact:
    """The fact "300 villagers evacuated" of the Dornhill Gazette, the Valley Post (which
    says 500) and ``c``, once ``drop_contradicting`` has read the 300/500 conflict."""
    from storylens.compare.facts import drop_contradicting, fact_id

    a = article("a", "Officials evacuated 300 villagers from Dornhill.", outlet="Dornhill Gazette")
    b = article("b", "Officials evacuated 500 villagers from Dornhill.", outlet="Valley Post")
    support = [Citation(x.id, 0, len(x.text), x.text) for x in (a, b, c)]
    fact = Fact(fact_id(support), a.text, support, 2, "corroborated",
                outlets=sorted(outlet_name(x) for x in (a, b, c)))
    conflict = Conflict("conflict-1", "figure", "how many villagers", [
        ConflictSide("300 villagers", "outlet", support[0], 300.0),
        ConflictSide("500 villagers", "outlet", Citation("b", *at(b.text, "500 villagers"), "500 villagers"),
                     500.0)], [fact.id])
    facts = [fact]
    drop_contradicting(facts, [conflict], [a, b, c])
    return facts[0]


def test_dropping_a_contradicting_outlet_recounts_news_only():
    c = article("c", "Officials evacuated 300 villagers from Dornhill.", outlet="Hill Blog")
    c.genre = "blog"
    fact = _after_the_500_report(c)
    assert [s.article_id for s in fact.support] == ["a", "c"]  # the blog still states it
    assert fact.independent_sources == 1 and fact.status == "single-source"
    assert fact.outlets == ["Dornhill Gazette", "Hill Blog"]


def test_dropping_a_contradicting_outlet_counts_a_relay_as_the_outlet_it_relays():
    c = article("c", "According to the Dornhill Gazette, officials evacuated 300 villagers from Dornhill.",
                outlet="Hill Radio")
    fact = _after_the_500_report(c)
    assert [s.article_id for s in fact.support] == ["a", "c"]  # the radio still states it ...
    assert fact.independent_sources == 1 and fact.status == "single-source"  # ... as the Gazette's


def test_an_article_on_the_other_side_that_states_this_claim_too_keeps_supporting_it():
    from storylens.compare.facts import drop_contradicting, fact_id
    from storylens.model import Conflict, ConflictSide, Fact

    a = article("a", "Officials evacuated 300 villagers from Dornhill.", outlet="Dornhill Gazette")
    b = article("b", "Officials first said 300 villagers were evacuated; later they counted 500 villagers.",
                outlet="Valley Post")
    support = [Citation(x.id, 0, len(x.text), x.text) for x in (a, b)]
    fact = Fact(fact_id(support), a.text, support, 2, "corroborated", outlets=["Dornhill Gazette", "Valley Post"])
    conflict = Conflict("conflict-1", "figure", "how many villagers", [
        ConflictSide("300 villagers", "outlet", support[0], 300.0),
        ConflictSide("500 villagers", "outlet", Citation("b", *at(b.text, "500 villagers"), "500 villagers"),
                     500.0)], [fact.id])
    facts = [fact]
    drop_contradicting(facts, [conflict], [a, b])
    assert [s.article_id for s in facts[0].support] == ["a", "b"]  # b's sentence says "300 villagers" too


def test_a_time_of_day_on_a_known_day_anchors_the_day_like_a_date():
    a_text = "The ferry ran aground near Korsby harbour on Monday night, the coast guard said."
    b_text = "A ferry ran aground near Korsby harbour on Monday, stranding passengers."
    a = article("a", a_text)
    a.time_refs.append(TimeRef("Monday night", *at(a_text, "Monday night"), "2031-04-28TNI", "time", "2031-05-02"))
    b = article("b", b_text, times=[("Monday", "2031-04-28")])
    sts = statements_of(a) + statements_of(b)
    scorer = _Scorer(sts, CompareSettings())
    with_day = scorer.score(sts[0], sts[1])
    a.time_refs[0] = TimeRef("Monday night", *at(a_text, "Monday night"), "2031-04-21TNI", "time", "2031-05-02")
    other = statements_of(a) + statements_of(b)
    assert with_day > _Scorer(other, CompareSettings()).score(other[0], other[1]) + 0.1
    # the day is a blocking key too: the pair is a candidate through it
    assert (0, 1) in _candidates(sts, scorer, CompareSettings())


def test_the_same_calendar_week_anchors_a_shorter_restatement_like_a_day():
    # "passed ... last week" in two accounts: one adds what the bill does, the other its
    # number; the week both name is what they share besides "passed" and "bill"
    a_text = ("The Korsby council passed a bill last week letting ferry operators refuse "
              "passengers who carry open flames on deck.")
    b_text = "The council passed the bill, known as Ordinance 12, last week."

    def pair(week_a: str, week_b: str) -> list:  # type: ignore[type-arg]
        a = article("a", a_text, outlet="Korsby Tidings")
        b = article("b", b_text, outlet="Harbour Post")
        a.time_refs.append(TimeRef("last week", *at(a_text, "last week"), week_a, "week", "2031-05-02"))
        b.time_refs.append(TimeRef("last week", *at(b_text, "last week"), week_b, "week", "2031-05-03"))
        return [f for f in align_facts([a, b]) if f.status == "corroborated"]

    assert len(pair("2031-W17", "2031-W17")) == 1
    assert pair("2031-W17", "2031-W16") == []  # two weeks: two passings, or one account wrong
    assert pair("XXXX-W17", "XXXX-W17") == []  # a week not pinned to a year is no anchor
    assert pair("2031-W18", "2031-W18") == []  # "this week", the articles' own: only "now"


def test_two_named_peoples_own_words_are_two_claims_however_alike():
    def quoted(id, speaker, key, words):
        text = f'"{words}," {speaker} said on Friday.'
        return article(id, text, outlet=f"{id}.example", entities={key: [speaker]},
                       quotes=[{"text": words, "speaker": speaker, "speaker_entity": key}])

    mayor = quoted("m", "Mayor Ines Dal", "person:ines dal",
                   "The Vell levee will hold through the spring floods and no family needs to leave")
    engineer = quoted("e", "Ilse Marrow", "person:ilse marrow",
                      "The Vell levee will hold through the spring floods, but families near it should leave")
    echo = quoted("x", "Mayor Ines Dal", "person:ines dal",
                  "The Vell levee will hold through the spring floods and no family needs to leave now")
    pairs = {frozenset(c.article_id for c in f.support) for f in align_facts([mayor, engineer, echo])}
    assert frozenset({"m", "x"}) in pairs  # the mayor's words in two outlets: one claim
    assert not any({"e", "m"} <= p or {"e", "x"} <= p for p in pairs)
    # read from "she", a speaker is the extractor's guess: it does not split a fact
    she = article("s", '"The Vell levee will hold through the spring floods and no family needs to leave," she said.',
                  outlet="s.example", quotes=[{"text": "The Vell levee will hold through the spring floods and no "
                                               "family needs to leave", "speaker": "she",
                                               "speaker_entity": "person:ilse marrow"}])
    pairs = {frozenset(c.article_id for c in f.support) for f in align_facts([mayor, she])}
    assert frozenset({"m", "s"}) in pairs


def test_a_headline_does_not_take_the_place_of_its_own_articles_sentence():
    from storylens.compare import compare_story

    a = article("a", "The Velm town council voted on Monday to shut the old harbour pier after storm damage to its "
                     "pilings.", outlet="Velm Gazette", headline="Velm council votes to shut storm-hit harbour pier")
    b = article("b", "Velm's council voted Monday to shut the harbour pier, whose pilings the storm damaged.",
                outlet="Coast Post", headline="Velm council votes to shut harbour pier after storm damage")
    comparison = compare_story([a, b])
    (fact,) = [f for f in comparison.facts if f.status == "corroborated"]
    check_spans([a, b], fact.support)
    assert {(c.article_id, c.field) for c in fact.support} >= {("a", "text"), ("b", "text"), ("b", "headline")}
    # the brief cites each article once: its sentence, not also its headline
    (line,) = comparison.brief.summary
    assert sorted((c.article_id, c.field) for c in line.citations) == [("a", "text"), ("b", "text")]


def test_page_furniture_is_no_fact():
    for furniture in ("Photo: Velm Gazette archive", "3:49 Ferry runs aground in Velm harbour",
                      "0:38 'Why did the Velm ferry sail in that storm?'",
                      "CONTINUING COVERAGE: Velm ferry strike", "Published: 5/4/2031",
                      "— Velm Coast Guard (@velmcg) May 4, 2031", "(Published Monday, May 5, 2031)",
                      "Updated at 10:04 a.m. Monday, May 5, 2031", "Monday, May 5, 2031"):
        a = article("a", f"{furniture}\n\nThe ferry ran aground in Velm harbour on Monday.", outlet="Gazette")
        b = article("b", f"{furniture}\n\nA ferry ran aground in Velm harbour on Monday night.", outlet="Post")
        facts = align_facts([a, b])
        assert all(furniture not in c.text for f in facts for c in f.support), furniture  # not even one outlet's
        assert [f for f in facts if f.status == "corroborated"]
    text = "NEW YORK: Police said the ferry ran aground in Velm harbour on Monday."
    a, b = article("a", text, outlet="Gazette"), article("b", text, outlet="Post")
    assert [f for f in align_facts([a, b]) if f.status == "corroborated"]  # a dateline's sentence is the story's


def test_a_photo_gallery_caption_is_cited_without_the_gallery_counter():
    caption = "A firefighter carried a child from the burning flats in Velm on Monday."
    a = article("a", f"Crews were on scene by noon. Photo: Ana Ries, Velm Gazette Image 5 of 12 {caption} "
                     "Image 6 of 12 Two hurt in Velm flats blaze 1 / 12 Back to Gallery", outlet="Gazette")
    b = article("b", "A firefighter carried a child from the burning flats in Velm on Monday morning.", outlet="Post")
    corroborated = [f for f in align_facts([a, b]) if f.status == "corroborated"]
    assert [c.text for f in corroborated for c in f.support if c.article_id == "a"] == [caption]


def test_a_tie_between_a_speaker_and_the_outlet_goes_to_the_voice_of_the_sentence_shown():
    from storylens.compare.facts import _asserted_by

    said = article("q", "Ilse Marrow said the levee at Orsa will hold through the spring floods this year.",
                   entities={"person:ilse marrow": ["Ilse Marrow"]},
                   quotes=[{"text": "the levee at Orsa will hold through the spring floods this year", "kind": "indirect",
                            "speaker_entity": "person:ilse marrow"}])
    own = article("r", "The levee at Orsa will hold through the spring floods this year.")
    a, b = statements_of(said)[0], statements_of(own)[0]
    assert a.asserted_by == "person:ilse marrow" and b.asserted_by == "outlet"
    assert _asserted_by([a, b], b) == "outlet"  # the outlet's sentence is not labelled with her name
    assert _asserted_by([a, b], a) == "person:ilse marrow"
    assert _asserted_by([a, a, b], b) == "person:ilse marrow"  # more supports say she said it
    named = article("s", "The levee at Orsa will hold through the spring floods, Marrow of the county told us.",
                    entities={"person:ilse marrow": ["Marrow"]})
    assert _asserted_by([a, statements_of(named)[0]], statements_of(named)[0]) == "person:ilse marrow"


def test_a_fact_is_worded_by_a_sentence_of_the_body_not_a_headline():
    # b's headline is the closest to both sentences, but a headline sums up a story and
    # may say more than the sentences it aligns with: the fact shows a sentence.
    a = article("a", "The Velm town council voted on Monday to shut the old harbour pier.", outlet="Velm Gazette")
    b = article("b", "Councillors decided Monday that the Velm harbour pier will shut for good.", outlet="Coast Post",
                headline="Velm council votes to shut harbour pier")
    (fact,) = [f for f in align_facts([a, b]) if f.status == "corroborated"]
    assert ("b", "headline") in {(c.article_id, c.field) for c in fact.support}
    assert fact.statement in (a.text, b.text)


def test_a_fact_is_worded_by_a_whole_sentence_in_the_same_voice_rather_than_a_clause():
    # a's clause (cut at "however", ending on a comma) is as close to b's sentence as b's
    # is to it, and a comes first; a reader is shown b's whole sentence instead
    a = article("a", "The regional council approved the emergency budget for the levee repairs on Friday evening, "
                     "however, the opposition members walked out before the final vote was counted by the clerk.",
                outlet="Velm Gazette")
    b = article("b", "The regional council approved the emergency budget for the levee repairs on Friday evening.",
                outlet="Coast Post")
    (aligned,) = [f for f in align_facts([a, b]) if f.status == "corroborated"]
    assert aligned.statement == aligned.support[0].text and aligned.statement.endswith("evening,")
    (fact,) = [f for f in compare_story([a, b]).facts if f.status == "corroborated"]
    assert fact.support == aligned.support and fact.statement == b.text
    # no whole sentence in the same voice: the closest statement words it, as before
    c = article("c", '"The regional council approved the emergency budget for the levee repairs on Friday evening," '
                     "the clerk said.", outlet="Coast Post",
                quotes=[{"text": "The regional council approved the emergency budget for the levee repairs on Friday "
                                 "evening,", "speaker_entity": "person:clerk"}])
    (fact,) = [f for f in compare_story([a, c]).facts if f.status == "corroborated"]
    assert fact.statement == fact.support[0].text == aligned.statement


def test_a_fact_is_worded_by_a_sentence_that_names_who_it_is_about_rather_than_a_pronoun():
    # a's sentence opens with "He" (who is meant is in the sentence before); b's names him
    a = article("a", "Police arrested a man near the ferry terminal on Monday. He is being held without bond at the "
                     "Velm County Jail on two counts of arson.", outlet="Velm Gazette")
    b = article("b", "Tomas Virk is being held without bond at the Velm County Jail on two counts of arson.",
                outlet="Coast Post")
    (aligned,) = [f for f in align_facts([a, b]) if f.status == "corroborated"]
    assert aligned.statement.startswith("He is being held")
    (fact,) = [f for f in compare_story([a, b]).facts if f.status == "corroborated"]
    assert fact.support == aligned.support and fact.statement == b.text
    # every source opens with a pronoun: the wording stays as it was
    c = article("c", "He is being held without bond at the Velm County Jail on two counts of arson, police said.",
                outlet="Coast Post")
    (fact,) = [f for f in compare_story([a, c]).facts if f.status == "corroborated"]
    assert fact.statement.startswith("He is being held")


_PIER = ("The harbour authority reopened the northern pier to fishing boats on Tuesday morning, citing the repairs "
         "finished by the divers over the weekend, while the southern pier stays closed until the spring inspection.")


def test_a_sentence_no_other_source_shares_is_one_single_source_fact_not_its_clauses():
    a = article("a", _PIER, outlet="Velm Gazette")
    b = article("b", "Fishermen in Korsby said the herring catch this season was the poorest in a decade.",
                outlet="Coast Post")
    assert len([s for s in statements_of(a)]) == 3  # cut for the alignment at ", citing" and ", while"
    comparison = compare_story([a, b])
    (fact,) = [f for f in comparison.facts if f.support[0].article_id == "a"]
    assert fact.status == "single-source" and fact.statement == _PIER
    assert [(c.start, c.end, c.text) for c in fact.support] == [(0, len(_PIER), _PIER)]
    assert comparison.exclusives.only_in["Velm Gazette"] == [fact.id]


def test_a_sentence_one_of_whose_clauses_another_source_shares_stays_cut():
    a = article("a", _PIER, outlet="Velm Gazette")
    b = article("b", "The harbour authority reopened the northern pier to fishing boats on Tuesday morning.",
                outlet="Coast Post")
    facts = compare_story([a, b]).facts
    (shared,) = [f for f in facts if f.status == "corroborated"]
    assert shared.support[0].text.endswith("Tuesday morning,")
    alone = [f.statement for f in facts if f.status == "single-source"]
    assert alone == ["citing the repairs finished by the divers over the weekend,",
                     "while the southern pier stays closed until the spring inspection."]


def test_a_sentence_holding_a_side_of_a_conflict_stays_cut():
    a = article("a", _PIER, outlet="Velm Gazette")
    cut = statements_of(a)
    facts = [Fact(f"fact-{n}", st.citation.text, [st.citation], 1, "single-source", outlets=["Velm Gazette"])
             for n, st in enumerate(cut)]
    assert [f.statement for f in join_unshared_pieces(facts, [a], [], set())] == [_PIER]
    side = ConflictSide("on Tuesday", "outlet", cut[0].citation)
    other = ConflictSide("on Monday", "outlet", Citation("b", 0, 10, "On Monday"))
    conflict = Conflict("conflict-1", "date", "when the pier reopened", [side, other])
    assert join_unshared_pieces(facts, [a], [conflict], set()) == facts
    # nor a sentence whose clause a later account supersedes
    assert join_unshared_pieces(facts, [a], [], {cut[1].citation.location}) == facts


def test_a_shared_day_counts_once_not_again_as_its_words():
    # two statements that share their day and a source's name, and nothing the day's words
    # do not already say, are two claims: the day is counted as a day, not also as
    # "Saturday" and "morning"
    a_text = "Police said details were scarce on Saturday morning."
    b_text = "A quarrel between two crews on Saturday morning began at the Velm tavern, police said."

    def corroborated(value_a: str, value_b: str, clock: str = "") -> list:  # type: ignore[type-arg]
        a = article("a", a_text.replace(".", clock + "."), outlet="Korsby Tidings")
        b = article("b", b_text.replace(" began", clock + " began"), outlet="Harbour Post")
        for art, value in ((a, value_a), (b, value_b)):
            art.time_refs.append(TimeRef("Saturday morning", *at(art.text, "Saturday morning"), value, "time",
                                         "2031-05-03"))
        return [f for f in align_facts([a, b]) if f.status == "corroborated"]

    assert corroborated("2031-05-03TMO", "2031-05-03TMO") == []
    # a clock time both give is content, not a day's name: "at 7:10" in both still aligns
    assert len(corroborated("2031-05-03TMO", "2031-05-03TMO", " at 7:10")) == 1


def test_the_same_later_year_anchors_two_accounts_of_one_forecast_but_an_earlier_year_does_not():
    # two 2031 accounts of one forecast: the reservoir runs dry in 2044
    a_text = "Engineers warned on Monday that the Korsby reservoir will run dry in 2044 unless rainfall recovers."
    b_text = "At current rates of use the town's reservoir would be empty by 2044, according to the water board."

    def score(year_a: str, year_b: str) -> float:
        a = article("a", a_text.replace("2044", year_a), outlet="Korsby Tidings")
        b = article("b", b_text.replace("2044", year_b), outlet="Harbour Post")
        a.time_refs.append(TimeRef(year_a, *at(a.text, year_a), year_a, "year", "2031-05-02"))
        b.time_refs.append(TimeRef(year_b, *at(b.text, year_b), year_b, "year", "2031-05-03"))
        sts = statements_of(a) + statements_of(b)
        return _Scorer(sts, CompareSettings()).score(sts[0], sts[1])

    same, other = score("2044", "2044"), score("2044", "2045")
    assert same > other + 0.1
    # an earlier year is mostly background ("since 2019"), shared by unrelated statements
    assert score("2019", "2019") < same - 0.1


_HARBOUR = ("Asked whether the ferry would run again this winter, the harbour master said: "
            "“We have patched the hull twice. I will not send it out again until the yard has rebuilt "
            "the keel.”")
_HARBOUR_WORDS = ("We have patched the hull twice. I will not send it out again until the yard has rebuilt "
                  "the keel.")


def _harbour(text: str = _HARBOUR, quoted: str = _HARBOUR_WORDS) -> Article:
    return article("a", text, outlet="Velm Gazette", entities={"person:ilse brandt": ["Ilse Brandt"]},
                   quotes=[{"text": quoted, "speaker_entity": "person:ilse brandt", "kind": "direct"}])


def test_a_quotation_of_two_sentences_no_other_source_shares_is_one_single_source_fact():
    a = _harbour()
    b = article("b", "Fishermen in Korsby said the herring catch this season was the poorest in a decade.",
                outlet="Coast Post")
    assert len(statements_of(a)) == 2  # read sentence by sentence for the alignment
    (fact,) = [f for f in compare_story([a, b]).facts if f.support[0].article_id == "a"]
    assert fact.status == "single-source" and fact.statement == _HARBOUR
    assert [(c.start, c.end) for c in fact.support] == [(0, len(_HARBOUR))]
    assert fact.asserted_by == "person:ilse brandt"  # the quotation's, not the outlet's words before it
    assert reads_alone(fact.support[0], {"a": a})  # whole sentences: a brief may show it


def test_a_quotation_one_of_whose_sentences_another_source_shares_stays_in_sentences():
    a = _harbour()
    b = article("b", "“I will not send it out again until the yard has rebuilt the keel,” the harbour master "
                "told reporters.", outlet="Coast Post")
    facts = [f for f in compare_story([a, b]).facts if any(c.article_id == "a" for c in f.support)]
    assert sorted(len(f.support) for f in facts) == [1, 2]
    (alone,) = [f for f in facts if len(f.support) == 1]
    assert alone.statement.endswith("“We have patched the hull twice.")


def test_sentences_of_two_paragraphs_are_not_joined():
    text = _HARBOUR.replace(" I will", "\n\n“I will")
    a = _harbour(text, quoted=text[text.index("We have"):])  # a quotation the extractor ran on
    b = article("b", "Fishermen in Korsby said the herring catch this season was the poorest in a decade.",
                outlet="Coast Post")
    facts = [f for f in compare_story([a, b]).facts if f.support[0].article_id == "a"]
    assert len(facts) == 2


def test_a_quotation_longer_than_the_setting_stays_in_sentences():
    b = article("b", "Fishermen in Korsby said the herring catch this season was the poorest in a decade.",
                outlet="Coast Post")
    with compare_settings(CompareSettings(joined_quotation_max_chars=len(_HARBOUR) - 1)):
        facts = [f for f in compare_story([_harbour(), b]).facts if f.support[0].article_id == "a"]
    assert len(facts) == 2


def test_a_joined_quotation_is_voiced_by_its_named_speaker_before_a_pronoun_or_the_outlet():
    a = _harbour()
    pieces = statements_of(a)

    def voice(*voices: str) -> str:
        facts = [Fact(f"fact-{n}", st.citation.text, [st.citation], 1, "single-source", asserted_by=v,
                      outlets=["Velm Gazette"]) for n, (st, v) in enumerate(zip(pieces, voices))]
        (joined,) = join_unshared_pieces(facts, [a], [], set())
        return joined.asserted_by

    assert voice("unknown speaker", "person:ilse brandt") == "person:ilse brandt"
    assert voice("outlet", "unknown speaker") == "unknown speaker"
    assert voice("outlet", "outlet") == "outlet"
