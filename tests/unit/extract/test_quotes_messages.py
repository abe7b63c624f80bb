"""A written message with an author as the subject of a cue: "his post read", "X's statement added"."""

from storylens.extract.nlp import load_nlp
from storylens.extract.quotes import extract_quotes
from storylens.model import Entity, Span

TEXT = ('Governor Tomas Lindgren spoke at noon. "The dikes are holding and the pumps are running," his post read. '
        '"At least 40 million crowns will go to repairs," his post added.')


def test_possessor_of_a_post_is_the_speaker_and_post_is_the_medium():
    doc = load_nlp()(TEXT)
    start = TEXT.index("Tomas Lindgren")
    person = Entity("person:tomas lindgren", "Tomas Lindgren", "person", [], [Span(start, start + 14)])
    quotes = extract_quotes(doc, [person])
    said = {q.text: q for q in quotes}
    first = said["The dikes are holding and the pumps are running"]
    second = said["At least 40 million crowns will go to repairs"]
    for quote in (first, second):
        assert quote.kind == "direct"
        assert quote.speaker == "his" and quote.speaker_entity == "person:tomas lindgren"
        assert quote.medium == "social media post"
        assert TEXT[quote.start:quote.end] == quote.text
    assert first.cue == "read" and second.cue == "added"


def test_a_message_without_an_author_is_not_a_speaker():
    text = 'The notice on the gate read: "Closed until further notice by order of the council." Nobody had signed it.'
    quotes = extract_quotes(load_nlp()(text), [])
    assert all(q.speaker is None and q.cue is None for q in quotes)


def test_an_embedded_post_is_a_quote_of_the_name_it_is_signed_with():
    text = ("Velden flooded on Monday night.\n\n"
            'Neighbours keep saying "we have never seen the river this high before" #Velden '
            "— Mira Holt (@mirahvelden) March 3, 2026\n\nThe council opened a shelter.")
    quotes = extract_quotes(load_nlp()(text), [])
    (post,) = [q for q in quotes if q.medium == "social media post"]
    assert post.text == 'Neighbours keep saying "we have never seen the river this high before" #Velden'
    assert post.kind == "direct" and post.speaker == "Mira Holt" and post.cue is None
    assert text[post.speaker_start:post.speaker_end] == "Mira Holt"
    # the quotation inside the post is part of the post's words
    assert quotes == [post]
