"""A brief line that gives someone's words with "she said" names her where that is certain.

Fictional story: a harbour closed for a storm swell, told by two outlets."""

from __future__ import annotations

from storylens.compare.brief import build_brief
from storylens.compare.pronoun_speakers import pronoun_speaker, speaks_through_a_pronoun
from storylens.model import Article, Citation, Entity, Fact, Quote, Span

VARGA = "person:ines varga"
BRANDT = "person:olek brandt"
WORDS = "We had no choice with the swell this high"
QUOTED = f"“{WORDS},” she said."


def _article(aid: str, text: str, outlet: str, named: dict[str, tuple[str, str]]) -> Article:
    """One outlet's text: ``named`` maps each person key to (name, the words naming them in
    the text); the quotation's speaker is "she", read as Ines Varga."""
    ents = []
    for key, (name, written) in named.items():
        at = [i for i in range(len(text)) if text.startswith(written, i)]
        ents.append(Entity(key, name, "person", mentions=[Span(i, i + len(written)) for i in at]))
    q_at = text.index(WORDS)
    she = text.index("she said", q_at)
    return Article(id=aid, source=f"{aid}.txt", text=text, paragraphs=[text], outlet=outlet, entities=ents,
                   quotes=[Quote(WORDS, q_at, q_at + len(WORDS), "direct", speaker="she", speaker_start=she,
                                 speaker_end=she + 3, speaker_entity=VARGA, cue="said")])


def _cite(article: Article, sub: str) -> Citation:
    at = article.text.index(sub)
    return Citation(article.id, at, at + len(sub), sub)


def _summary(a: Article, b: Article, sub_a: str, sub_b: str) -> list[str]:
    fact = Fact("f1", sub_a, [_cite(a, sub_a), _cite(b, sub_b)], 2, "corroborated")
    return [line.text for line in build_brief([a, b], [fact], [], [], []).summary]


def test_the_person_named_just_before_is_named_in_brackets() -> None:
    text = f"Harbour master Ines Varga closed the port of Lindmark at noon. {QUOTED}"
    a = _article("a", text, "Lindmark Post", {VARGA: ("Ines Varga", "Ines Varga")})
    b = _article("b", f"The port closed as the swell rose. {QUOTED}", "Coast Radio", {})
    assert _summary(a, b, QUOTED, QUOTED) == [f"“{WORDS},” she [Ines Varga] said."]
    # where b's copy is shown, nobody is named before it: as written
    named = pronoun_speaker(a, _cite(a, QUOTED))
    assert named is not None and named.key == VARGA and QUOTED[named.after - 3:named.after] == "she"
    assert text[named.named_by.start:named.named_by.end] == named.named_by.text == "Ines Varga"
    assert pronoun_speaker(b, _cite(b, QUOTED)) is None


def test_a_pronoun_after_another_person_is_left_as_written() -> None:
    # the extractor read "she" as Varga, but the last person named is the mayor: not certain
    text = f"Ines Varga closed the port at noon, hours after Mayor Olek Brandt toured the quay. {QUOTED}"
    a = _article("a", text, "Lindmark Post", {VARGA: ("Ines Varga", "Ines Varga"), BRANDT: ("Olek Brandt", "Olek Brandt")})
    assert pronoun_speaker(a, _cite(a, QUOTED)) is None
    assert speaks_through_a_pronoun(a, _cite(a, QUOTED))
    # named two sentences back: too far to be certain
    far = f"Ines Varga closed the port at noon. The swell reached six metres by evening. {QUOTED}"
    a2 = _article("a", far, "Lindmark Post", {VARGA: ("Ines Varga", "Ines Varga")})
    assert pronoun_speaker(a2, _cite(a2, QUOTED)) is None


def test_a_sentence_that_names_its_speaker_is_shown_before_one_that_cannot() -> None:
    text = f"The ferries stayed in port. {QUOTED}"
    a = _article("a", text, "Lindmark Post", {})
    named_text = f"“{WORDS},” harbour master Ines Varga said."
    b = Article(id="b", source="b.txt", text=named_text, paragraphs=[named_text], outlet="Coast Radio")
    assert _summary(a, b, QUOTED, named_text) == [named_text]


def test_a_sentence_that_names_the_speaker_itself_is_left_as_written() -> None:
    said = f"Harbour master Ines Varga spoke at the quay, and “{WORDS},” she said."
    a = _article("a", f"The port closed at noon. {said}", "Lindmark Post", {VARGA: ("Ines Varga", "Ines Varga")})
    assert pronoun_speaker(a, _cite(a, said)) is None and not speaks_through_a_pronoun(a, _cite(a, said))


def test_only_a_pronoun_subject_of_a_verb_of_saying_is_a_speaker() -> None:
    text = f"Ines Varga closed the port at noon. {QUOTED}"
    a = _article("a", text, "Lindmark Post", {VARGA: ("Ines Varga", "Ines Varga")})
    a.quotes[0].cue = "found"  # "when she found ...": no quotation of hers
    assert pronoun_speaker(a, _cite(a, QUOTED)) is None and not speaks_through_a_pronoun(a, _cite(a, QUOTED))


def test_a_person_the_quotation_talks_about_is_not_its_speaker() -> None:
    words = "Olek Brandt promised us a new breakwater years ago"
    said = f"“{words},” she said."
    text = f"Harbour master Ines Varga closed the port at noon. {said}"
    a = Article(id="a", source="a.txt", text=text, paragraphs=[text], outlet="Lindmark Post", entities=[
        Entity(VARGA, "Ines Varga", "person", mentions=[Span(15, 25)]),
        Entity(BRANDT, "Olek Brandt", "person", mentions=[Span(text.index("Olek"), text.index("Olek") + 11)])],
        quotes=[Quote(words, text.index(words), text.index(words) + len(words), "direct", speaker="she",
                      speaker_start=text.index("she said"), speaker_end=text.index("she said") + 3,
                      speaker_entity=VARGA, cue="said")])
    named = pronoun_speaker(a, _cite(a, said))
    assert named is not None and named.key == VARGA


def test_a_quotation_of_several_sentences_looks_back_from_where_it_opens() -> None:
    words = "The swell came in faster than forecast. We had no choice"
    later = "We had no choice,” she said."
    text = f"Harbour master Ines Varga closed the port at noon. “{words},” she said."
    a = Article(id="a", source="a.txt", text=text, paragraphs=[text], outlet="Lindmark Post",
                entities=[Entity(VARGA, "Ines Varga", "person", mentions=[Span(15, 25)])],
                quotes=[Quote(words, text.index(words), text.index(words) + len(words), "direct", speaker="she",
                              speaker_start=text.index("she said"), speaker_end=text.index("she said") + 3,
                              speaker_entity=VARGA, cue="said")])
    named = pronoun_speaker(a, _cite(a, later))
    assert named is not None and named.key == VARGA
