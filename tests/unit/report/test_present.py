"""The shared presentation layer (storylens.report.present) on texts written here:
display names instead of keys, quote diffs that keep punctuation, each dispute once,
the cue word marked inside a hedged claim, and one environment with shared macros."""

from __future__ import annotations

import dataclasses

from markupsafe import Markup

from storylens.compare.framing import FramingCue
from storylens.compare.quote_variants import QuoteVariant
from storylens.model import Article, Citation, Comparison, Conflict, ConflictSide, Entity, Quote, Span
from storylens.report.present import (LinkedCitation, Names, as_excerpt, diff_pieces, disputes, framing_context, make_environment,
                                      quote_pieces, quote_variants)
from storylens.serialise import comparison_from_dict, story_from_dict
from storylens.web.render import environment as web_environment


def _cite(article_id: str, text: str, start: int = 0) -> LinkedCitation:
    return LinkedCitation(article_id, start, start + len(text), text, outlet=f"Outlet {article_id}",
                          url=f"#c-{article_id}")


def test_names_come_from_the_story_and_never_show_a_key() -> None:
    text = "Mayor Ilse Brandt said the ferry would run. Brandt added more."
    article = Article(id="a1", source="a1.txt", text=text, paragraphs=[text],
                      entities=[Entity("person:ilse brandt", "Ilse Brandt", "person", [], [Span(6, 17)])],
                      quotes=[Quote("the ferry would run", 23, 42, "indirect", "Mayor Ilse Brandt, the harbour chief",
                                    0, 17, "person:ilse brandt", "said"),
                              Quote("x", 0, 1, "indirect", "Petra Arnesen", 0, 1, "person:petra arnesen", "said")])
    names = Names.for_story(Comparison(entity_links={"person:brandt": "person:ilse brandt"}), [article])
    assert names.name("person:ilse brandt") == "Ilse Brandt"  # the entity's name, not the quote's wording
    assert names.name("person:brandt") == "Ilse Brandt"  # linked surname key
    assert names.name("person:petra arnesen") == "Petra Arnesen"  # named by a quote only
    assert names.name("org:kessel water authority") == "Kessel Water Authority"  # nothing names it
    assert names.name("the harbour police") == "the harbour police"  # not a key: as written
    assert names.who("outlet") is None and names.who(None) is None


def test_quote_diff_keeps_the_quotes_punctuation() -> None:
    ref_text = "We will not gamble with a single life in this valley. Nobody goes home,"
    var_text = "We will not gamble with lives in this valley, and nobody goes home!"
    ref = QuoteVariant(_cite("a", ref_text), "verbatim", "direct", None)
    variant = QuoteVariant(_cite("b", var_text), "altered", "direct", None, against=0, diff=[
        {"op": "equal", "ref": ["We", "will", "not", "gamble", "with"], "variant": ["We", "will", "not", "gamble", "with"]},
        {"op": "replace", "ref": ["a", "single", "life"], "variant": ["lives"]},
        {"op": "equal", "ref": ["in", "this", "valley"], "variant": ["in", "this", "valley"]},
        {"op": "insert", "ref": [], "variant": ["and"]},
        {"op": "equal", "ref": ["Nobody", "goes", "home"], "variant": ["nobody", "goes", "home"]}])
    pieces = quote_pieces(variant, ref)
    assert [k for k, _ in pieces] == ["equal", "del", "ins", "equal", "ins", "equal"]
    assert "".join(t for k, t in pieces if k != "del") == var_text  # the variant exactly as written
    assert pieces[1] == ("del", "a single life ")
    html = diff_pieces(pieces)
    assert html == ("We will not gamble with <del>a single life</del> <ins>lives</ins> in this valley, "
                    "<ins>and</ins> nobody goes home!")
    listed = quote_variants([ref, variant])
    assert "valley, <ins>and</ins> nobody goes home!</q>" in listed and "Nobody goes home,</q>" in listed


def test_quote_diff_falls_back_to_words_and_escapes() -> None:
    ref = QuoteVariant(_cite("a", "We are <b>back</b>"), "verbatim", "direct", None)
    variant = QuoteVariant(_cite("b", "We are late"), "altered", "direct", None, diff=[
        {"op": "equal", "ref": ["We", "are"], "variant": ["We", "are"]},
        {"op": "replace", "ref": ["<b>back</b>"], "variant": ["late"]}])
    html = diff_pieces(quote_pieces(variant, ref))
    assert isinstance(html, Markup) and html == "We are <del>&lt;b&gt;back&lt;/b&gt;</del> <ins>late</ins>"


def test_each_dispute_once_with_its_sides_grouped_by_claim() -> None:
    c = _cite
    conflict = Conflict("c1", "figure", "how many people", fact_ids=["f1"], sides=[
        ConflictSide("about 900 residents", "org:civil protection", c("m", "about 900 residents")),
        ConflictSide("at least 1,200 people", "engineers", c("h", "at least 1,200 people")),
        ConflictSide("at least 1,200 people", "engineers", c("k", "at least 1,200 people")),
        ConflictSide("\"At least 1,200 people\"", "outlet", c("n", "x"))])
    again = dataclasses.replace(conflict, id="c2", kind="figure")
    points = disputes(Comparison(conflicts=[conflict, again]), Names())
    assert len(points) == 1
    (point,) = points
    assert point["title"] == "how many people" and point["label"] == "figures differ"
    first, second = point["sides"]
    assert first["claim"] == "about 900 residents" and first["who"] == ["Civil Protection"]
    assert second["who"] == ["engineers"] and second["own_voice"]
    assert [x.article_id for x in second["citations"]] == ["h", "k", "n"]
    long = dataclasses.replace(conflict, about="Since last Wednesday, when the central bank lifted its benchmark rate, " * 2)
    assert disputes(Comparison(conflicts=[long]), Names())[0]["title"] is None  # a whole statement is not a heading


def test_hedged_claim_marks_its_cue_word_in_the_report_and_on_the_web() -> None:
    text = "The port reclaims land. The mayor claims the dam is safe, engineers said."
    article = Article(id="c1", source="c1.txt", text=text, paragraphs=[text])
    start, end = text.index("The mayor"), text.index(", engineers")
    cue = FramingCue("c1", "hedged_claim", "claims", Citation("c1", start, end, text[start:end]))
    assert framing_context(cue, article) == ("The mayor ", "claims", " the dam is safe, engineers said.")
    linked = LinkedCitation("c1", start, end, text[start:end], outlet="O", url="#x")
    cmp = {"framing": [{"cue": dataclasses.replace(cue, citation=linked), "context": framing_context(cue, article)}]}
    for env in (make_environment("storylens.report"), web_environment()):
        html = env.from_string('{% import "_shared.html.j2" as s %}{{ s.framing(cmp) }}').render(cmp=cmp)
        assert '<mark class="cue">claims</mark> the dam is safe' in html


def test_report_and_web_render_one_shared_macro_identically() -> None:
    side = ConflictSide("<i>Friday</i>", "person:mara quist", _cite("a", "Friday"))
    cmp = {"disputes": disputes(Comparison(conflicts=[Conflict("c", "date", "when <b>", [side])]), Names())}
    template = '{% import "_shared.html.j2" as s %}{{ s.disputes(cmp) }}'
    report = make_environment("storylens.report").from_string(template).render(cmp=cmp)
    web = web_environment().from_string(template).render(cmp=cmp)
    assert report == web
    assert "when &lt;b&gt;" in web and "&lt;i&gt;Friday&lt;/i&gt;" in web and "Mara Quist" in web
    assert "person:" not in web and 'href="#c-a"' in web


def test_terminal_story_prints_disputes_first_by_name() -> None:
    from rich.console import Console

    from storylens.report.terminal import print_story

    cite = {"article_id": "a", "start": 0, "end": 3, "text": "abc"}
    comparison = {"conflicts": [{"id": "c", "kind": "figure", "about": "how many boats", "fact_ids": [], "sides": [
        {"claim": "40 boats", "asserted_by": "person:mara quist", "citation": cite},
        {"claim": "40 boats", "asserted_by": "person:mara quist", "citation": dict(cite, article_id="b")},
        {"claim": "[b]12[/b] boats", "asserted_by": "outlet", "citation": dict(cite, article_id="c")}]}],
        "brief": {"summary": [{"text": "Boats sailed.", "citations": [cite]}]}}
    story = story_from_dict({"id": "s", "lead": "a", "title": "Boats", "articles": ["a", "b", "c"],
                             "independent_sources": 3,
                             "entities": [{"key": "person:mara quist", "name": "Mara Quist", "articles": 2}]})
    console = Console(record=True, width=200)
    print_story(console, story, comparison_from_dict(comparison), {"a": "Coast Wire", "b": "Port Post", "c": "Bay Times"})
    out = console.export_text()
    assert out.index("Disputed (1)") < out.index("Brief")
    assert "40 boats — Mara Quist [Coast Wire, Port Post]" in out and out.count("40 boats") == 1
    assert "[b]12[/b] boats — the outlet's own voice [Bay Times]" in out and "person:" not in out


def test_a_statement_cut_from_its_sentence_is_shown_as_an_excerpt() -> None:
    assert as_excerpt("saying the pier would reopen on Friday,") == "… saying the pier would reopen on Friday …"
    assert as_excerpt("while the southern pier stays closed.") == "… while the southern pier stays closed."
    assert as_excerpt("The council approved the budget; ") == "The council approved the budget …"
    assert as_excerpt("The council approved the budget.") == "The council approved the budget."
    # a name in lower case opens a sentence all the same
    assert as_excerpt("iPhone sales rose in the harbour district.") == "iPhone sales rose in the harbour district."


def test_a_sentence_of_a_longer_quotation_is_shown_with_the_marks_of_the_cut() -> None:
    # the second sentence of a quotation: it starts inside it
    assert (as_excerpt('Nobody goes home until the wall holds," the governor said.')
            == '"… Nobody goes home until the wall holds," the governor said.')
    assert as_excerpt("Nobody goes home.” The ferry stays put.") == "“… Nobody goes home.” The ferry stays put."
    # the first sentence of one: it leaves the quotation open
    assert (as_excerpt("“We will not gamble with a single life in this valley.")
            == "“We will not gamble with a single life in this valley. …”")
    assert as_excerpt('"The pier stays shut,') == '"The pier stays shut …"'
    # a middle sentence: both marks
    assert as_excerpt("The wall is old.") == "The wall is old."  # no mark at all: nothing to mark
    assert as_excerpt("It holds,” he said, “for now.") == "“… It holds,” he said, “for now. …”"
    # whole quotations are left as they are
    assert as_excerpt("“It holds,” he said.") == "“It holds,” he said."
    assert as_excerpt('The mayor called it "a scandal" on Monday.') == 'The mayor called it "a scandal" on Monday.'
