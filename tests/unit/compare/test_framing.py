"""Framing cues on fictional sentences written for these tests."""

from __future__ import annotations

from storylens.compare.framing import find_framing, framing_in_text
from storylens.model import Article


def _kinds(cues):
    return [(c.kind, c.cue) for c in cues]


def _check(cues, text):
    for c in cues:
        assert text[c.citation.start:c.citation.end] == c.citation.text == c.cue


def test_hedges_and_claims_with_auxiliary():
    text = "Mayor Ilse Brandvik has claimed the so-called repair fund was reportedly empty. The alleged theft is unproven."
    cues = framing_in_text("a", text)
    _check(cues, text)
    assert ("attribution", "has claimed") in _kinds(cues)
    assert {("hedge", "so-called"), ("hedge", "reportedly"), ("hedge", "alleged")} <= set(_kinds(cues))


def test_loaded_terms_with_neutral_counterparts():
    text = "The regime slammed the council after the abduction of two engineers."
    cues = [c for c in framing_in_text("a", text) if c.kind == "loaded_term"]
    _check(cues, text)
    assert {(c.cue, c.neutral) for c in cues} == {("regime", "government"), ("slammed", "criticised"),
                                                  ("abduction", "capture")}
    assert not [c for c in framing_in_text("a", "The regimen of the claimant was allegedness.") if c.kind != "scare_quote"]


def test_scare_quotes_versus_attributed_fragments():
    text = ('The council "fixed" the bridge last year. Brandvik said the plan was "on track". '
            'Brandvik wrote: "We call it "Operation Mend" and it will work."')
    cues = [c for c in framing_in_text("a", text) if c.kind == "scare_quote"]
    _check(cues, text)
    assert [c.cue for c in cues] == ['"fixed"', '"Operation Mend"']
    assert cues[1].note == "inside a quotation"


def test_words_inside_a_long_quotation_are_the_speakers():
    text = 'Brandvik said: "The regime of inspections is allegedly too slow for us."'
    assert [c.kind for c in framing_in_text("a", text)] == []


def test_headline_cues_cite_the_headline():
    article = Article(id="h", source="h.txt", text="Body text without cues.", paragraphs=[],
                      headline='Council "cancels" bridge repairs')
    cues = find_framing([article])
    assert len(cues) == 1 and cues[0].kind == "scare_quote"
    c = cues[0].citation
    assert c.field == "headline" and article.headline[c.start:c.end] == '"cancels"'
    assert cues[0].to_dict()["citation"]["field"] == "headline"


def test_a_headline_that_opens_with_its_speakers_name_gives_the_quote_a_speaker():
    from storylens.model import Entity, Span

    def with_headline(headline: str) -> Article:
        text = "Ada Crane said on Monday that the dam was safe."
        return Article(id="h", source="h.txt", text=text, paragraphs=[], headline=headline,
                       entities=[Entity("person:ada crane", "Ada Crane", "person", [], [Span(0, 9)])])

    assert find_framing([with_headline("Crane: Sister Is 'Dead Wrong' On the Dam")]) == []
    assert find_framing([with_headline("Ada Crane: 'Dead Wrong' on the dam")]) == []
    # a label is no speaker: "Photos:", "Charge:"
    (cue,) = find_framing([with_headline("Photos: the 'safe' dam after the flood")])
    assert cue.kind == "scare_quote" and cue.cue == "'safe'"
