"""Which entity a quote's speaker resolves to, on sentences written for these tests."""

from storylens.extract.nlp import load_nlp
from storylens.extract.quotes import extract_quotes
from storylens.model import Entity, Quote, Span


def entity(text: str, key: str, name: str, kind: str = "person") -> Entity:
    return Entity(key, name, kind, [], [Span(i, i + len(name)) for i in _all(text, name)])


def _all(text: str, name: str) -> list[int]:
    out, i = [], text.find(name)
    while i >= 0:
        out.append(i)
        i = text.find(name, i + 1)
    return out


def _speaker_of_said(text: str, entities: list[Entity]) -> str | None:
    """The speaker entity of the one quote of ``text`` whose cue is "said"."""
    (quote,) = [q for q in extract_quotes(load_nlp()(text), entities) if q.cue == "said"]
    return quote.speaker_entity


def _spoken_by(text: str, entities: list[Entity], speaker: str) -> list[Quote]:
    """The quotes of ``text`` whose speaker is written ``speaker`` ("he", "She")."""
    return [q for q in extract_quotes(load_nlp()(text), entities) if q.speaker == speaker]


def test_apposition_speaker_resolves_to_the_named_person_not_a_later_name():
    text = ("Norland's acting governor, Ilse Brandt, who served as deputy under Oskar Lund, "
            "said the dam would be inspected again on Monday.")
    people = [entity(text, "person:ilse brandt", "Ilse Brandt"), entity(text, "person:oskar lund", "Oskar Lund")]
    assert _speaker_of_said(text, people) == "person:ilse brandt"


def test_a_pronoun_continues_the_previous_speaker_over_a_closer_name():
    text = ("Ilse Brandt, who served as deputy under Oskar Lund, said the dam was safe. "
            "She added that the inspection would be repeated weekly.")
    people = [entity(text, "person:ilse brandt", "Ilse Brandt"), entity(text, "person:oskar lund", "Oskar Lund")]
    quotes = extract_quotes(load_nlp()(text), people)
    added = [q for q in quotes if q.cue == "added"]
    assert added and added[0].speaker == "She" and added[0].speaker_entity == "person:ilse brandt"


def test_continuity_does_not_override_a_conflicting_title():
    text = ("Ms. Ilse Brandt said the dam was safe. Mr. Oskar Lund disagreed with the plan. "
            "He said the spillway needed work.")
    people = [entity(text, "person:ilse brandt", "Ilse Brandt"), entity(text, "person:oskar lund", "Oskar Lund")]
    he = _spoken_by(text, people, "He")
    assert he and he[0].speaker_entity == "person:oskar lund"


def test_a_speaker_phrase_stops_before_quoted_text_of_another_quote():
    text = ('Governor Ilse Brandt, who on Sunday told residents "nobody goes home until the dam is safe", '
            "said on Monday that the village could reopen.")
    people = [entity(text, "person:ilse brandt", "Ilse Brandt")]
    said = [q for q in extract_quotes(load_nlp()(text), people) if q.cue == "said"]
    assert said and "nobody goes home" not in said[0].speaker
    assert said[0].speaker_entity == "person:ilse brandt"


def test_she_goes_to_a_nearer_spokeswoman_over_a_subject_of_unknown_gender():
    text = ("Pat Lee filed papers that describe efforts by port spokeswoman Ada Moe to delay the report. "
            "According to the papers, she argued that the board should not hand critics a reason to "
            "\"pile on\" the port.")
    people = [entity(text, "person:pat lee", "Pat Lee"), entity(text, "person:ada moe", "Ada Moe")]
    argued = _spoken_by(text, people, "she")
    assert argued and argued[0].speaker_entity == "person:ada moe"


def test_a_gendered_role_rules_a_person_out_for_the_other_pronoun():
    text = ("Jo Lind, a business woman who saw the crash, ran to help. The driver was trapped for an hour. "
            "\"I could not open the door,\" he said.")
    people = [Entity("person:jo lind", "Jo Lind", "person", ["a business woman"], [Span(0, 7)])]
    he = _spoken_by(text, people, "he")
    assert he and he[0].speaker_entity is None


def test_a_nearer_possessor_of_the_same_gender_does_not_take_the_pronoun():
    text = ("Tom Roe, Ivo Roe's father, drove to the bridge at dawn. In a call to the police, he "
            "said the doors were open.")
    people = [entity(text, "person:tom roe", "Tom Roe"), entity(text, "person:ivo roe", "Ivo Roe")]
    people[1].aliases.append("the boy's brother")
    he = _spoken_by(text, people, "he")
    assert he and he[0].speaker_entity == "person:tom roe"


def test_only_the_head_of_a_role_says_a_gender():
    text = ("Ida Berg, the only child of a single mother, won the seat in May. Berg said the port would stay "
            "open. Later, in an interview, he said the ferry would run on Sundays.")
    people = [Entity("person:ida berg", "Ida Berg", "person", ["a congressman and the only child of a single mother"],
                     [Span(0, 8), Span(text.index("Berg said"), text.index("Berg said") + 4)])]
    he = _spoken_by(text, people, "he")
    assert he and he[0].speaker_entity == "person:ida berg"


def test_a_role_of_someone_named_in_apposition_is_the_named_person_not_whose_role_it_is():
    # a lawyer's words are not the client's, a spokesman's not the institution's name
    text = "“The charges have no basis,” said Mr. Varga’s lawyer, Tomas Reule, on Monday."
    people = [entity(text, "person:varga", "Varga"), entity(text, "person:tomas reule", "Tomas Reule")]
    assert _speaker_of_said(text, people) == "person:tomas reule"
    text = "“The minutes were read out of context,” said a Harbor Authority spokesman, Dario Velt."
    named = [entity(text, "org:harbor authority", "Harbor Authority", "org"),
             entity(text, "person:dario velt", "Dario Velt")]
    assert _speaker_of_said(text, named) == "person:dario velt"
    text = "“The minutes were read out of context,” said a spokeswoman for the Harbor Authority, Ana Pilz."
    named = [entity(text, "org:harbor authority", "Harbor Authority", "org"),
             entity(text, "person:ana pilz", "Ana Pilz")]
    assert _speaker_of_said(text, named) == "person:ana pilz"


def test_a_name_after_the_speaker_that_is_no_apposition_of_its_role_does_not_take_the_quote():
    # "..., which represents Ana Pilz": a clause; "..., Ana Pilz's employer": no role before the comma
    text = "“The minutes were read out of context,” said a spokesman for the Harbor Authority, which represents Ana Pilz."
    named = [entity(text, "org:harbor authority", "Harbor Authority", "org"),
             entity(text, "person:ana pilz", "Ana Pilz")]
    assert _speaker_of_said(text, named) == "org:harbor authority"
    text = "“The minutes were read out of context,” said the Harbor Authority, Ana Pilz’s employer."
    assert _speaker_of_said(text, named) == "org:harbor authority"


def test_a_role_whose_only_named_word_is_a_place_is_no_speaker_of_that_place():
    text = "“We will rebuild the dam,” the Norland governor said on Tuesday."
    place = [entity(text, "place:norland", "Norland", "place")]
    assert _speaker_of_said(text, place) is None


def test_a_relatives_words_are_the_relatives_not_the_person_they_are_related_to():
    text = "“She was a light in this town,” Ann Roe's father, Tom Roe, said on Monday."
    people = [entity(text, "person:ann roe", "Ann Roe"), entity(text, "person:tom roe", "Tom Roe")]
    assert _speaker_of_said(text, people) == "person:tom roe"
    text = "“He was a good boy,” Dario Velt's mother said."  # she is not named: no one, not her son
    assert _speaker_of_said(text, [entity(text, "person:dario velt", "Dario Velt")]) is None
    for text in ("“He was a good boy,” said Dario Velt's cousin Janet Morrow.",
                 "“He was a good boy,” said Dario Velt's grandmother, 63-year-old Janet Morrow."):
        people = [entity(text, "person:dario velt", "Dario Velt"), entity(text, "person:janet morrow", "Janet Morrow")]
        assert _speaker_of_said(text, people) == "person:janet morrow"


def test_she_after_an_unnamed_relative_goes_on_with_the_relative_not_the_victim():
    text = ("Ann Roe, 19, was shot on Elm Street. Ann Roe's mother said the family was devastated. "
            "“She was a light in this town,” she said. “We will miss her,” she added.")
    quotes = extract_quotes(load_nlp()(text), [entity(text, "person:ann roe", "Ann Roe")])
    assert [(q.speaker, q.speaker_entity) for q in quotes if q.speaker in ("she", "Ann Roe's mother")] == [
        ("Ann Roe's mother", None), ("she", None), ("she", None)]
    # a named person the story turns to in between takes "she" as before
    text = ("“She was a light in this town,” Ann Roe's mother said. Police Chief Janet Morrow said the case "
            "was open. “We will find the shooter,” she said.")
    people = [entity(text, "person:ann roe", "Ann Roe"), entity(text, "person:janet morrow", "Janet Morrow")]
    she = _spoken_by(text, people, "she")
    assert she and she[0].speaker_entity == "person:janet morrow"


def test_a_persons_lawyer_or_spokesman_not_named_is_no_one_but_an_organisations_spokesman_speaks_for_it():
    text = "“The charges have no basis,” Dario Velt's lawyer said."
    assert _speaker_of_said(text, [entity(text, "person:dario velt", "Dario Velt")]) is None
    text = "“The charges have no basis,” the Harbor Authority's spokesman said."
    assert _speaker_of_said(text, [entity(text, "org:harbor authority", "Harbor Authority", "org")]) == "org:harbor authority"
