"""The comparison's settings: every threshold, weight and window of the compare stage.

``CompareSettings`` is the ``compare`` section of ``storylens.config.Settings``. The
pipeline runs the comparison inside ``compare_settings(settings.compare)``; the compare
modules read the values in force with ``current()`` (the defaults outside such a block),
so a value set in a TOML file, the environment or ``--set compare.NAME=VALUE`` reaches
every story however the comparison is called. Chosen on dev data only (the examples,
the seeds, NewsWCL50 dev and the comparison gold's dev events; docs/benchmarks.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scoped import SettingsScope

__all__ = ["CompareSettings", "compare_settings", "current"]


@dataclass(frozen=True)
class CompareSettings:
    """See ``docs/settings.md`` for what each one does."""

    # -- aligning statements into facts (``compare.facts``) --
    align_threshold: float = 0.38  # combined score to align two statements
    align_min_lexical: float = 0.15  # weighted Dice of stems, required whatever else is shared
    align_entity_weight: float = 0.06
    align_figure_weight: float = 0.15
    align_time_weight: float = 0.12
    align_event_weight: float = 0.1  # a shared event concept ("~capture") about a shared entity
    align_name_factor: float = 0.0  # weight of a stem that is part of an entity's name
    #: anchors a pair needs: shared content stems (not names, not ``facts.GENERIC_TERMS``),
    #: plus one for sharing an entity, a figure or a day; one common word ("expect",
    #: "world") is vocabulary, not a claim. 3 since the real-event gold (compare/dev: claim
    #: pairs P .724 -> .796, R .221 -> .197; see docs/benchmarks.md); it was 2.
    align_min_shared_terms: int = 3
    claim_min_shared_terms: int = 2  # content words two statements of one claim share, beyond who says them
    claim_min_shared_terms_other_time: int = 4  # ... when one tells of the background or has a pronoun subject, the other not
    claim_max_days_apart: int = 30  # two statements whose written dates (or weekdays read) are all further apart: two events
    #: paraphrases: statements the lexical test rejects align on the cosine of their
    #: story-centred MiniLM vectors (``compare.paraphrase``), with an anchor and no
    #: conflicting figure or day; only stories with 2+ independent news sources.
    align_paraphrase: bool = False  # 2.4x the CPU of a whole analyze: docs/benchmarks.md
    align_paraphrase_min: float = 0.6  # story-centred cosine a paraphrase pair needs
    align_block_terms: int = 6  # rarest stems a statement is indexed under
    align_max_posting: int = 400
    fact_min_terms: int = 3  # content stems a single-source fact needs
    person_facts: bool = True  # who is who: ages and roles beside a name that independent accounts agree on
    age_facts: bool = True  # ages of people harmed or accused that independent accounts agree on
    street_facts: bool = True  # where: a street independent accounts name after "on", "at", "near" ...
    case_status: bool = True  # where the case stands (no arrest yet, motive unknown), as independent accounts agree
    # -- statements (``compare.statements``) --
    long_sentence_chars: int = 150  # a longer sentence is cut into clauses ...
    min_clause_chars: int = 40  # ... of at least this many characters
    joined_quotation_max_chars: int = 500  # a quotation no one shares is one claim up to this long
    # -- conflicts (``compare.conflicts``, ``compare.places``) --
    figure_context_chars: int = 70  # words this far around a figure say what event it counts
    #: articles published further apart than this are not compared on counts, nor on days
    #: said relative to their publication ("Monday"): a count weeks later tells of another
    #: incident, a trial, a city's roundup; "Monday" of two weeks is two Mondays
    dispute_window_days: float = 3.0
    date_same_event_jaccard: float = 0.3  # stem overlap of two dated statements of one event
    time_conflicts: bool = True  # clock times of one event that cannot both be right ("shortly after 4 a.m." / "3:45 a.m.")
    attribution_quote_jaccard: float = 0.6  # word overlap of one quotation given to two persons
    place_min_shared_content: int = 3  # content stems two statements share to compare their places
    place_metro_km: float = 40.0  # two cities this close can be one metro area
    age_same_days: int = 30  # two articles this close give one age of a person (no birthday between)
    # -- quote variants (``compare.quote_variants``) --
    quote_min_run: int = 4  # identical words that link two quotes of one speaker
    quote_min_run_other_speaker: int = 8  # ... given to two different speakers
    quote_min_shared: float = 0.5  # share of the shorter quote's words in matching runs
    # -- timeline and brief --
    background_days: int = 14  # an event this long before the story's own time is background
    brief_max_sentences: int = 6
    brief_max_named_outlets: int = 4  # then "and N other outlets"
    brief_repeat_share: float = 0.75  # share of a line's content words in a line above it that repeats it
    brief_repeat_min_words: int = 6  # content words a line needs to be judged a repeat


_SCOPE = SettingsScope("storylens_compare_settings", CompareSettings())

#: ``with compare_settings(settings):`` compares with ``settings`` inside the block (a run
#: of the pipeline, or one batch of stories in a worker).
compare_settings = _SCOPE.applied
#: The settings in force: those of the enclosing ``compare_settings`` block, else the defaults.
current = _SCOPE.current
