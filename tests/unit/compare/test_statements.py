"""Statement splitting helpers, on generated text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.compare.statements import _contains_name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="Ann Lé_.U S2-", max_size=30), st.text(alphabet="Ann Lé_.US", max_size=6))
def test_a_name_is_found_as_whole_words_exactly_as_the_regex_would(haystack: str, name: str) -> None:
    expected = bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", haystack) is not None
    assert _contains_name(haystack, name) == expected


def test_a_short_report_inside_a_sentence_does_not_make_the_sentence_its_speakers() -> None:
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from test_facts import article  # the compare tests' fictional-article builder

    from storylens.compare.statements import statements_of

    text = ("Rights groups in Orla could confirm only a dozen releases, and the ministry, which they say "
            "holds 900 people, did not answer. The dam will close, police said.")
    a = article("a", text, outlet="Gazette", quotes=[
        {"text": "holds 900 people", "speaker_entity": "org:orla ministry", "kind": "indirect"},
        {"text": "The dam will close", "speaker_entity": "org:orla police", "kind": "indirect"}])
    by_text = {st.citation.text[:12]: st.asserted_by for st in statements_of(a)}
    assert by_text == {"Rights group": "outlet", "The dam will": "org:orla police"}


def test_common_news_paraphrases_share_a_concept() -> None:
    from storylens.compare.statements import terms

    assert "~detain" in terms("Two men were taken into custody late Tuesday") & terms("Police arrested two men")
    assert "~detain" in terms("Officers busted the driver") & terms("The driver was apprehended")
    assert "~die" in terms("The slain ferryman was 54") & terms("The ferryman killed in the crash")
    assert "~die" in terms("a fatal crash on the Korsby road") & terms("two people were killed on the Korsby road")
    assert "polic" in terms("Cops said the van was stolen") & terms("Police said the van was stolen")
    assert "hospital" in terms("taken to Korsby Medical Center") & terms("taken to Korsby Hospital")
    assert "teen" in terms("a teenager was hurt") & terms("a teen was hurt")
    # every inflection of a concept's word is the concept ("died" as "dies", "injuries" as "injured")
    for form in ("died", "dies", "dying", "die"):
        assert "~die" in terms(f"The ferryman {form} at Korsby hospital"), form
    for form in ("injury", "injuries", "injured", "injures"):
        assert "~injure" in terms(f"The ferryman's {form} on the Korsby road"), form


def test_one_sentence_splitter_for_statements_quotes_and_the_timeline() -> None:
    from storylens.compare.statements import split_statements
    from storylens.compare.textspans import sentence_spans
    from storylens.model import Article

    text = ("Shots rang out around 11:20 p.m. Wednesday on Larch Street. Police came at 11 p.m. Officers found "
            "two men. It was 9 a.m. EST when Mr. Vance left the U.S. Army base. The council met on Sept. 3 in "
            "Velm… Then it rained. Four were hurt in Mt. Orsa and Ft. Velm on Friday. The fire began about 10:20 "
            "p.m. Sept. 7 on Quay Road. Crews left at 2 a.m. Mayor Oduya thanked them.")
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    assert sentences == ["Shots rang out around 11:20 p.m. Wednesday on Larch Street.", "Police came at 11 p.m.",
                         "Officers found two men.", "It was 9 a.m. EST when Mr. Vance left the U.S. Army base.",
                         "The council met on Sept. 3 in Velm…", "Then it rained.",
                         "Four were hurt in Mt. Orsa and Ft. Velm on Friday.",
                         "The fire began about 10:20 p.m. Sept. 7 on Quay Road.", "Crews left at 2 a.m.",
                         "Mayor Oduya thanked them."]
    article = Article(id="a", source="a.txt", text=text, paragraphs=[text])
    assert [c.text for c in split_statements(article)] == sentences


def test_sentences_glued_without_a_space_are_two() -> None:
    from storylens.compare.textspans import sentence_spans

    text = ("Brisk was a sponsor of the ferry bill.In a statement, Gov. Ada Crane asked Velm to pray. "
            "It was 11 a.m.The quay was closed. He moved to St.Louis in May.")
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Brisk was a sponsor of the ferry bill.", "In a statement, Gov. Ada Crane asked Velm to pray.",
        "It was 11 a.m.The quay was closed.", "He moved to St.Louis in May."]


def test_a_photo_gallery_counter_is_a_sentence_of_its_own():
    from storylens.compare.textspans import sentence_spans

    text = ("Crews cleared the road. Photo: Ana Vell, Orla Courier Image 5 of 12 A firefighter carries a child "
            "from the flats. Image 6 of 12 Two killed in Orla flats blaze 1 / 12 Back to Gallery")
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Crews cleared the road.", "Photo: Ana Vell, Orla Courier", "Image 5 of 12",
        "A firefighter carries a child from the flats.", "Image 6 of 12", "Two killed in Orla flats blaze",
        "1 / 12 Back to Gallery"]
