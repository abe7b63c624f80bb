"""Embedded social-media posts read from their signature lines (fictional posts)."""

from storylens.posts import POST_MAX_CHARS, embedded_posts, is_signature, signature_starts

TEXT = ("The river rose overnight in Velden.\n\n"
        "no class tomorrow, the bridge is shut #Velden pic.twitter.com/Ab12Cd "
        "— Mira Holt (@mirah) March 3, 2026\n\n"
        "Water at the second step of the town hall now.\n\n"
        "— Velden Fire Service (@veldenfire) March 3, 2026\n\n"
        "The council met at noon.")


def test_a_post_is_the_text_before_its_signature_on_the_line_without_trailing_links():
    first, second = embedded_posts(TEXT)
    assert TEXT[first.start:first.end] == "no class tomorrow, the bridge is shut #Velden"
    assert TEXT[first.name_start:first.name_end] == "Mira Holt" and first.handle == "@mirah"
    assert TEXT[first.signature_start:first.signature_end] == "— Mira Holt (@mirah) March 3, 2026"
    # a signature alone on its line signs the line before it
    assert TEXT[second.start:second.end] == "Water at the second step of the town hall now."
    assert TEXT[second.name_start:second.name_end] == "Velden Fire Service"
    assert signature_starts(TEXT) == {first.signature_start, second.signature_start}


def test_a_long_run_of_text_before_a_signature_is_not_one_post():
    text = "word " * (POST_MAX_CHARS // 5 + 10) + "— Mira Holt (@mirah) March 3, 2026"
    (post,) = embedded_posts(text)
    assert post.start == post.end  # the signature is still one; no words are given to the author


def test_a_dash_and_a_handle_inside_a_sentence_are_no_signature():
    text = "The mayor — Ada Crane (@adacrane) on most days — spoke first.\nWrite to me at x (@y) please."
    assert embedded_posts(text) == ()


def test_is_signature():
    assert is_signature("— Velden Fire Service (@veldenfire) March 3, 2026")
    assert is_signature("Mira Holt (@mirah) March 3, 2026")
    assert is_signature("- Mira Holt (@mirah)")
    assert not is_signature("Mira Holt (@mirah) said the bridge is shut")
    assert not is_signature("")
