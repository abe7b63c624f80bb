"""Quote extraction on sentences about fictional people, places and outlets."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storylens.eval.polnear import load_gold, normalise, predicted_attributions
from storylens.extract.nlp import load_nlp
from storylens.extract.quotes import extract_quotes
from storylens.extract.quotes_marks import find_quote_spans
from storylens.model import Entity, Quote, Span


def _entities(text: str, *specs: tuple[str, str, list[str]]) -> list[Entity]:
    """(key, kind, surface forms): one Entity per key with every occurrence as a mention."""
    result = []
    for key, kind, forms in specs:
        mentions = sorted({Span(m.start(), m.end()) for form in forms
                           for m in re.finditer(rf"\b{re.escape(form)}\b", text)}, key=lambda s: s.start)
        result.append(Entity(key, forms[0], kind, forms[1:], mentions))
    return result


def _quotes(text: str, entities: list[Entity] | None = None) -> list[Quote]:
    quotes = extract_quotes(load_nlp()(text), entities or [])
    for q in quotes:  # offsets index the text exactly
        assert text[q.start:q.end] == q.text
        if q.speaker is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker
        if q.cue is not None:
            assert text[q.cue_start:q.cue_end] == q.cue
    return quotes


def _one(quotes: list[Quote], fragment: str) -> Quote:
    hits = [q for q in quotes if fragment in q.text]
    assert len(hits) == 1, (fragment, quotes)
    return hits[0]


# --- direct quotes -------------------------------------------------------------------

def test_quote_then_cue_with_curly_marks() -> None:
    text = "\u201cWe will not close the ferry,\u201d Mayor Alma Ferrow said on Tuesday."
    ents = _entities(text, ("alma-ferrow", "person", ["Alma Ferrow"]))
    q = _one(_quotes(text, ents), "ferry")
    assert q.text == "We will not close the ferry"
    assert (q.kind, q.speaker, q.cue, q.speaker_entity) == ("direct", "Mayor Alma Ferrow", "said", "alma-ferrow")


def test_cue_then_quote_after_colon_with_straight_marks() -> None:
    text = 'Tomas Veld said: "The harbour will reopen in May."'
    q = _one(_quotes(text), "harbour")
    assert q.text == "The harbour will reopen in May."
    assert (q.kind, q.speaker, q.cue) == ("direct", "Tomas Veld", "said")


def test_inverted_cue_said_x() -> None:
    text = '"Nobody told us anything," said Petra Lund, a ferry pilot.'
    q = _one(_quotes(text), "Nobody")
    assert q.speaker == "Petra Lund, a ferry pilot" and q.cue == "said" and q.kind == "direct"


def test_posted_on_social_media_is_a_social_media_post() -> None:
    text = 'President Ivo Marek posted on social media: "The strikes are called off. Peace wins!"'
    q = _one(_quotes(text), "strikes")
    assert (q.cue, q.medium, q.speaker) == ("posted", "social media post", "President Ivo Marek")
    text = 'In a post on Truth Social, Marek wrote: "The deal is done."'
    assert _one(_quotes(text), "deal").medium == "social media post"


def test_told_broadcaster_is_an_interview_with_that_outlet() -> None:
    text = "\u201cThe talks are over,\u201d Ines Carrow told broadcaster Radio Kestrel on Monday."
    q = _one(_quotes(text), "talks")
    assert (q.speaker, q.cue, q.medium) == ("Ines Carrow", "told", "interview with Radio Kestrel")
    text = '"I am not leaving," Carrow told the Valmont News.'
    assert _one(_quotes(text), "leaving").medium == "interview with the Valmont News"
    text = '"I am not leaving," Carrow told reporters.'
    assert _one(_quotes(text), "leaving").medium is None


def test_statement_video_and_interview_media() -> None:
    text = 'The Orlan port authority said in a statement that the pier was safe.'
    assert _one(_quotes(text), "pier").medium == "statement"
    text = 'In a video released on Sunday, Marek said the army would withdraw.'
    assert _one(_quotes(text), "army").medium == "video"
    text = 'In an interview with the Daily Lantern, Veld said he was tired of waiting.'
    assert _one(_quotes(text), "tired").medium == "interview with the Daily Lantern"


def test_split_quote_is_two_records_with_one_speaker_and_cue() -> None:
    text = ("Mayor Alma Ferrow visited the pier. \u201cWe will rebuild it,\u201d she said. "
            "\u201cEvery plank of it.\u201d")
    ents = _entities(text, ("alma-ferrow", "person", ["Alma Ferrow"]))
    quotes = [q for q in _quotes(text, ents) if q.kind == "direct"]
    assert [q.text for q in quotes] == ["We will rebuild it", "Every plank of it."]
    assert {(q.speaker, q.cue_start, q.speaker_entity) for q in quotes} == {("she", text.index("said"), "alma-ferrow")}


def test_quote_over_several_paragraphs() -> None:
    text = ('Tomas Veld spoke at the dock. "The fleet is old.\n\n'
            '"We need new boats before winter," he said.\n\nThe meeting ended at noon.')
    ents = _entities(text, ("tomas-veld", "person", ["Tomas Veld"]))
    quotes = _quotes(text, ents)
    assert [q.text for q in quotes] == ["The fleet is old.", "We need new boats before winter"]
    assert all(q.speaker == "he" and q.speaker_entity == "tomas-veld" and q.cue == "said" for q in quotes)


def test_single_quotes_inside_a_quote_are_part_of_it() -> None:
    text = "\u201cThey kept shouting \u2018open the gate\u2019 all night,\u201d the guard\u2019s captain said."
    q = _one(_quotes(text), "shouting")
    assert q.text == "They kept shouting \u2018open the gate\u2019 all night"
    assert q.speaker == "the guard\u2019s captain"


def test_verbs_inside_a_quote_cue_nothing() -> None:
    text = '"My brother said the bridge was closed," Lena Orsk said.'
    quotes = _quotes(text)
    assert len(quotes) == 1 and quotes[0].speaker == "Lena Orsk"


def test_short_scare_quotes_are_not_quotes() -> None:
    text = 'The ministry "cancelled" the visit, and the mayor left early.'
    assert _quotes(text) == []


# --- partial and indirect ------------------------------------------------------------

def test_partial_quote_keeps_the_clause_and_its_marks() -> None:
    text = 'Marek said the islands "do not belong" to any one crown.'
    q = _one(_quotes(text), "islands")
    assert q.kind == "partial"
    assert q.text == 'the islands "do not belong" to any one crown'


def test_words_before_a_quote_in_its_sentence_make_it_partial() -> None:
    text = 'The bridge repairs were "far too slow," Petra Lund said.'
    q = _one(_quotes(text), "bridge")
    assert (q.kind, q.text, q.speaker) == ("partial", 'The bridge repairs were "far too slow,"', "Petra Lund")


def test_reported_clause_drops_a_dangling_conjunction() -> None:
    from storylens.extract.quotes import _trim

    for text in ("the toll would rise, and", "the toll would rise \u2014 and", "the toll would rise but"):
        start, end = _trim(text, 0, len(text))
        assert text[start:end] == "the toll would rise"
    text = "the toll would rise and fall."
    assert text[slice(*_trim(text, 0, len(text)))] == "the toll would rise and fall"


def test_indirect_speech_with_and_without_that() -> None:
    text = "Ines Carrow said that the ferry would run again. Veld claimed the fares had doubled."
    quotes = _quotes(text)
    a, b = _one(quotes, "ferry"), _one(quotes, "fares")
    assert (a.kind, a.text, a.speaker, a.cue) == ("indirect", "the ferry would run again", "Ines Carrow", "said")
    assert (b.kind, b.text, b.speaker, b.cue) == ("indirect", "the fares had doubled", "Veld", "claimed")


def test_reporting_clause_after_the_report() -> None:
    text = "The pier will stay closed until spring, a port spokesman said."
    q = _one(_quotes(text), "pier")
    assert (q.kind, q.text, q.speaker) == ("indirect", "The pier will stay closed until spring", "a port spokesman")


def test_according_to() -> None:
    text = "According to the Orlan coast guard, three boats were lost."
    q = _one(_quotes(text), "boats")
    assert (q.kind, q.text, q.cue, q.speaker) == ("indirect", "three boats were lost", "According to",
                                                 "the Orlan coast guard")
    text = "Three boats were lost, according to the coast guard."
    q = _one(_quotes(text), "boats")
    assert (q.text, q.speaker) == ("Three boats were lost", "the coast guard")


def test_organisation_as_speaker() -> None:
    text = "Valmont\u2019s foreign ministry confirmed that two envoys had been expelled."
    ents = _entities(text, ("valmont-foreign-ministry", "org", ["Valmont\u2019s foreign ministry"]))
    q = _one(_quotes(text, ents), "envoys")
    assert q.speaker == "Valmont\u2019s foreign ministry" and q.cue == "confirmed"
    assert q.speaker_entity == "valmont-foreign-ministry"


def test_other_cue_verbs() -> None:
    for verb in ("announced", "insisted", "denied", "warned", "added", "wrote"):
        text = f"Petra Lund {verb} that the dam was unsafe."
        q = _one(_quotes(text), "dam")
        assert q.cue == verb and q.speaker == "Petra Lund" and q.kind == "indirect"


# --- speakers ------------------------------------------------------------------------

def test_pronoun_resolves_to_nearest_preceding_compatible_person() -> None:
    text = ("Ines Carrow met Mr. Tomas Veld on Monday. Veld refused to sign. "
            "She said the agreement was dead.")
    ents = _entities(text, ("ines-carrow", "person", ["Ines Carrow"]),
                     ("tomas-veld", "person", ["Tomas Veld", "Veld"]))
    q = _one(_quotes(text, ents), "agreement")
    assert q.speaker == "She" and q.speaker_entity == "ines-carrow"
    text = "Ines Carrow met Tomas Veld. Veld left first. He said the agreement was dead."
    ents = _entities(text, ("ines-carrow", "person", ["Ines Carrow"]),
                     ("tomas-veld", "person", ["Tomas Veld", "Veld"]))
    assert _one(_quotes(text, ents), "agreement").speaker_entity == "tomas-veld"


def test_a_pronoun_leaves_the_last_speaker_when_another_person_became_the_subject() -> None:
    text = ("Judge Ines Carrow said that the “fee was too high” for the ferry users. "
            "But Judge Tomas Veld was unconvinced. “I am getting pulled both ways,” he told the lawyers.")
    ents = _entities(text, ("ines-carrow", "person", ["Ines Carrow"]), ("tomas-veld", "person", ["Tomas Veld"]))
    assert _one(_quotes(text, ents), "pulled").speaker_entity == "tomas-veld"
    # no one else in between: the pronoun stays on the last speaker
    text = ("Judge Ines Carrow said that the “fee was too high” for the ferry users. "
            "“I am getting pulled both ways,” she told the lawyers.")
    ents = _entities(text, ("ines-carrow", "person", ["Ines Carrow"]))
    assert _one(_quotes(text, ents), "pulled").speaker_entity == "ines-carrow"


def test_they_resolves_to_an_organisation() -> None:
    text = "Tomas Veld wrote to the Harbour Guild. They said the docks were full."
    ents = _entities(text, ("tomas-veld", "person", ["Tomas Veld"]), ("harbour-guild", "org", ["Harbour Guild"]))
    assert _one(_quotes(text, ents), "docks").speaker_entity == "harbour-guild"


def test_relative_who_resolves_to_its_noun() -> None:
    text = "The plan was drafted by Ines Carrow, who said the canal would be widened."
    ents = _entities(text, ("ines-carrow", "person", ["Ines Carrow"]))
    q = _one(_quotes(text, ents), "canal")
    assert q.speaker == "who" and q.speaker_entity == "ines-carrow"


def test_head_of_the_speaker_phrase_picks_the_entity() -> None:
    text = "Valmont Rail\u2019s chief engineer Petra Lund said the line would reopen."
    ents = _entities(text, ("valmont-rail", "org", ["Valmont Rail"]), ("petra-lund", "person", ["Petra Lund"]))
    assert _one(_quotes(text, ents), "line").speaker_entity == "petra-lund"


# --- quote marks ---------------------------------------------------------------------

def test_marks_pair_across_paragraphs_and_skip_apostrophes() -> None:
    text = "\u201cOne.\n\n\u201cTwo,\u201d he said. The boats\u2019 owners won\u2019t say."
    spans = find_quote_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["One.", "Two,"]
    assert spans[0].group == spans[1].group and not spans[0].closed and spans[1].closed


def test_double_apostrophes_act_as_a_double_mark() -> None:
    text = "''It is late,'' she said. ''Go home.''"
    assert [text[s.start:s.end] for s in find_quote_spans(text)] == ["It is late,", "Go home."]


def test_a_straight_quoted_passage_holds_an_inner_quotation_in_straight_quotes() -> None:
    text = ('"Korsby is reopening the ferry as a sign of "Good Faith." The crews are back,'
            ' and the fares stay as they were," the mayor\'s post read. Then "a new day," he added.')
    assert [text[s.start:s.end] for s in find_quote_spans(text)] == [
        'Korsby is reopening the ferry as a sign of "Good Faith." The crews are back, and the fares stay as they were,',
        "a new day,"]
    # through the extractor: one direct quotation, the post's, attributed
    post = _quotes(text)[0]
    assert post.kind == "direct" and post.text.startswith("Korsby") and post.text.endswith("as they were")
    assert post.speaker is not None and "mayor" in post.speaker
    # a mark typed with its space on the wrong side closes the passage ("... as they were.
    # "The mayor ...") when no closing mark follows it as an inner quotation's would
    typo = '"The ferry runs again, as it should. "The mayor is referring to a new timetable that "starts today".'
    assert [typo[s.start:s.end] for s in find_quote_spans(typo)] == ["The ferry runs again, as it should. ",
                                                                     "starts today"]


def test_a_paragraph_left_open_without_a_continuation_ends_at_the_paragraph() -> None:
    text = "\u201cUnfinished thought\n\nNext paragraph, no mark."
    spans = find_quote_spans(text)
    assert len(spans) == 1 and text[spans[0].start:spans[0].end] == "Unfinished thought"


# --- PolNeAR mapping (synthetic brat files) ------------------------------------------

def test_polnear_mapping_conventions(tmp_path: Path) -> None:
    text = ('Ferry Strike Ends\n\n"It is over," Ines Carrow said. "We won."\n\n'
            "Veld said that the fares would fall.")
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc_a.txt").write_text(text, encoding="utf-8")
    q1, q2 = text.index('"It'), text.index('"We')
    src, cue = text.index("Ines Carrow"), text.index("said")
    that = text.index("that the")
    ann = [
        f"T1\tContent {q1} {q1 + 13};{q2} {q2 + 9}\t...",
        f"T2\tSource {src} {src + 11}\tInes Carrow",
        f"T3\tCue {cue} {cue + 4}\tsaid",
        f"T4\tAttribution {cue} {cue + 4}\tsaid",
        "E1\tAttribution:T4 Content:T1 Cue:T3 Source:T2",
        f"T5\tContent {that} {len(text) - 1}\t...",
        f"T6\tCue {that - 5} {that - 1}\tsaid",
        f"T7\tAttribution-no-source {that - 5} {that - 1}\tsaid",
        "E2\tAttribution-no-source:T7 Content:T5 Cue:T6",
    ]
    (tmp_path / "attributions" / "doc_a_x1.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")
    [(name, loaded, by_annotator)] = load_gold(tmp_path)
    assert name == "doc_a" and loaded == text and list(by_annotator) == ["x1"]
    [gold] = by_annotator["x1"]  # the no-source relation is ignored
    doc = load_nlp()(text)
    pred = predicted_attributions(extract_quotes(doc, []), doc)
    [carrow] = [p for p in pred if p.cue == gold.cue]
    assert carrow.content == gold.content and carrow.source == gold.source
    [veld] = [p for p in pred if p.cue != gold.cue]
    assert veld.content == ((that, len(text) - 1),)  # "that" included, final period not


def test_normalise_merges_fragments_split_by_marks_only() -> None:
    text = '"One.\n\n"Two." x'
    assert normalise([(0, 5), (8, 13)], text) == ((0, 13),)
    assert normalise([(8, 13), (14, 15)], text) == ((8, 15),)
    assert normalise([(0, 2), (14, 15)], text) == ((0, 2), (14, 15))


@pytest.mark.parametrize("text", ["", "No quotes here at all.", "\u201c", '"'])
def test_degenerate_texts(text: str) -> None:
    assert _quotes(text) == []
