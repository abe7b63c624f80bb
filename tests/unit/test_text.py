"""One fold for every stage: extraction, story grouping and comparison key names alike."""

import re
import unicodedata

import pytest

from storylens import text as text_module
from storylens.cluster import features
from storylens.extract import entities_names
from storylens.text import MONTH_WORD, WEEKDAY_WORD, fold, fold_text, narrow, stripped_span


def test_one_fold_everywhere():
    assert features.fold is fold and entities_names.fold is fold


def test_fold_spells_out_letters_nfkd_keeps():
    cases = {"Renée Duchâtel": "renee duchatel", "œuvre": "oeuvre", "Ærø": "aero", "Łódź": "lodz",
             "Straße": "strasse", "U.S.A.": "usa", "O’Neil": "o'neil", "ﬁnal": "final", "Þór": "thor",
             "  two\t\nspaces ": "two spaces", "Jean–Luc": "jean-luc"}
    for raw, folded in cases.items():
        assert fold(raw) == folded, raw


def test_narrow_keeps_case_and_accents():
    assert narrow("O’Neil’s café — Øresund") == "O'Neil's café - oresund"


def test_copy_detection_tokens_use_the_shared_fold():
    from storylens.dedupe.shingles import words

    # the same fold as entity keys: œ spelled out, full stops dropped inside abbreviations
    assert words("Renée’s œuvre, made in the U.S.") == fold("Renée’s œuvre, made in the U.S.").replace("'", " ").replace(",", "").split()
    assert words("Œuvre") == words("oeuvre")


def test_casefold_words_keeps_words_and_accents_drops_punctuation():
    from storylens.text import casefold_words

    assert casefold_words("About 300 crew, members.") == "about 300 crew members"
    assert casefold_words("“Renée” said: no!") == "renée said no"


def _fold_by_definition(text: str) -> str:
    """The fold as the module docstring defines it, for every text (NFKD on ASCII too)."""
    text = unicodedata.normalize("NFKD", text.translate(text_module._NARROW))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", text.casefold().replace(".", "")).strip()


@pytest.mark.parametrize("text", [
    "Harold Vance", "  U.S.A.  sent\t\ttwo\nships ", "rock `n` roll", "O'Neil's 3.5-mile run.", "",
    "Renée Duchâtel", "œuvre – “Ça va”", "Müller’s straße",
])
def test_fold_text_takes_the_ascii_shortcut_to_the_same_fold(text: str) -> None:
    assert fold_text(text) == _fold_by_definition(text)


def test_a_us_state_written_out_abbreviated_or_by_its_postal_code():
    from storylens.text import is_us_state

    for name in ("Illinois", "New York", "west virginia", "Ind.", "Calif.", "N.Y.", "W. Va.", "WI", "DC"):
        assert is_us_state(name), name
    for name in ("Ind", "wi", "Ontario", "New", "Washington Heights", "Gary", ""):
        assert not is_us_state(name), name


def test_stripped_span():
    text = "  Ferry back. \n"
    assert stripped_span(text, 0, len(text)) == (2, 13) and text[2:13] == "Ferry back."
    assert stripped_span(text, 0, 2) == (2, 2)  # all white space: empty
    assert stripped_span(text, 2, 7) == (2, 7)


def test_a_month_or_weekday_word_is_a_whole_name_or_its_abbreviation() -> None:
    month = re.compile(rf"\b{MONTH_WORD}(?!\w)", re.IGNORECASE)
    weekday = re.compile(rf"\b{WEEKDAY_WORD}\b", re.IGNORECASE)
    for word in ("Jan.", "January", "feb", "March", "Mar.", "May", "June", "Jul", "Sept.", "Sep", "September",
                 "OCT.", "december"):
        assert month.fullmatch(word), word
    for word in ("Mayor", "Marching", "Decided", "Junior", "Augustine", "Novel", "Separate", "Janet"):
        assert not month.search(word), word
    assert [m.group(0) for m in month.finditer("The mayor met Dec. 3 and again on June 9; Marchers left.")] == [
        "Dec.", "June"]
    assert weekday.fullmatch("Wednesday") and weekday.fullmatch("sunday") and not weekday.search("Sundays")
    # the capitalised spelling also reads case-sensitively: a month is written with a capital
    assert re.fullmatch(MONTH_WORD, "Sept.") and not re.fullmatch(MONTH_WORD, "may")
