"""The language of a text without a stated one: plain English by its function words,
anything else by the classifier."""

from storylens.clean.common import detect_language

ENGLISH = (
    "The council of Marrow Creek voted on Tuesday to close the old ferry landing for the "
    "winter, after the harbour master said that the pier was no longer safe for the crews "
    "who load the morning boats. The mayor said the town would pay for a new landing in the "
    "spring and that the ferry would run from the grain quay until then."
)
ENGLISH_IN_CAPITALS = ENGLISH.upper()
FRENCH = (
    "Le conseil municipal de Marrow Creek a voté mardi la fermeture de l'ancien embarcadère "
    "pour l'hiver, après que le capitaine du port a déclaré que la jetée n'était plus sûre "
    "pour les équipes qui chargent les bateaux du matin. Le maire a dit que la ville paierait "
    "un nouvel embarcadère au printemps."
)
DUTCH = (
    "De gemeenteraad van Marrow Creek heeft dinsdag besloten de oude aanlegsteiger voor de "
    "winter te sluiten, nadat de havenmeester zei dat de pier niet meer veilig is voor de "
    "ploegen die de ochtendboten laden. Of de veerboot in het voorjaar weer vaart, is nog "
    "niet bekend, en de burgemeester was er niet bij."
)
#: An English sentence quoted in a Spanish report: English words, but not English prose.
SPANISH_QUOTING_ENGLISH = (
    "El consejo de Marrow Creek votó el martes cerrar el viejo muelle durante el invierno. "
    "\"The pier is not safe for the crews\", dijo el capitán del puerto a los periodistas, "
    "y el alcalde prometió un nuevo muelle para la primavera con fondos de la ciudad."
)


def test_plain_english_prose_is_told_by_its_function_words():
    assert detect_language(ENGLISH) == ("en", "detected from the body text (English function words)")
    assert detect_language(ENGLISH_IN_CAPITALS)[0] == "en"


def test_other_languages_go_to_the_classifier():
    for text, code in ((FRENCH, "fr"), (DUTCH, "nl"), (SPANISH_QUOTING_ENGLISH, "es")):
        assert detect_language(text) == (code, "detected from the body text (py3langid)")


def test_too_little_text_has_no_language():
    assert detect_language("Ferry closed.") == (None, None)
    # too few words to tell by function words: the classifier decides
    assert detect_language("The ferry landing at the grain quay is closed for the winter.")[1] == \
        "detected from the body text (py3langid)"
