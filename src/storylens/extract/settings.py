"""The extraction's settings: the thresholds and windows of the NLP pass.

``ExtractSettings`` is the ``extract`` section of ``storylens.config.Settings``. The
pipeline passes it to the workers in each ``pipeline.Chunk``; ``process_documents`` runs
the NLP pass inside ``extract_settings(chunk.extract_settings)`` and the extract modules
read the values in force with ``current()`` (the defaults outside such a block). The
lexicons, patterns and unit tables are not settings: they are in ``*_lexicon.py`` and
``*_patterns.py``. Chosen on the dev splits of PolNeAR, TempEval-3 and NewsQuant.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scoped import SettingsScope

__all__ = ["ExtractSettings", "extract_settings", "current"]


@dataclass(frozen=True)
class ExtractSettings:
    """See ``docs/settings.md`` for what each one does."""

    #: texts the NLP model parses per batch (``nlp.pipe(batch_size=...)``); speed only.
    nlp_batch_size: int = 32
    # -- quotes (``extract.quotes``) --
    #: a quoted passage no cue introduces is kept as a direct quote when it holds this
    #: many words (shorter ones are scare quotes, titles, terms).
    quote_orphan_min_words: int = 5
    #: ``X said: "..."``: most characters between a cue and the quote it introduces.
    quote_cue_gap_chars: int = 120
    #: ``X said. "..."``: most characters between the end of a cued sentence and a quote
    #: that opens the next one, given to the same speaker.
    quote_next_sentence_gap_chars: int = 250
    # -- speakers (``extract.quotes_speaker``) --
    #: a pronoun speaker ("he said") within this many characters of the previous quote
    #: keeps that quote's speaker.
    speaker_continuity_chars: int = 600
    #: how far back (characters) a pronoun looks for the person it stands for, once a
    #: candidate is found.
    speaker_lookback_chars: int = 1500


_SCOPE = SettingsScope("storylens_extract_settings", ExtractSettings())

#: ``with extract_settings(settings):`` runs the NLP pass with ``settings`` inside the
#: block (one chunk in a worker, or an evaluation run).
extract_settings = _SCOPE.applied
#: The settings in force: those of the enclosing ``extract_settings`` block, else the defaults.
current = _SCOPE.current
