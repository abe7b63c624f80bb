"""compare: what a story's articles agree on, what rests on one outlet, what is disputed,
who altered a quote, how each outlet frames it, what happened when, and a cited brief.

``compare_story(articles)`` runs every part over one story's articles and returns a
``storylens.model.Comparison``: one field per section of the JSON report's story
(docs/json-schema.md; ``storylens.serialise`` writes it): ``facts``, ``conflicts``,
``quote_variants``, ``exclusives``, ``framing``, ``timeline``, ``brief``, ``hashtags``,
``entity_links`` (surname-only person keys linked to the full name the story gives; the
comparison uses the linked keys, the articles keep their own). It is pure: it reads the
articles and returns records.

The result depends on the set of articles, never on the order they come in: they are
put in one canonical order first (:func:`canonical_order`: by publication time, undated
last, then by id), and every step after that breaks its ties by that order.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from ..model import Article, Citation, Comparison, Exclusives, Story

__all__ = ["canonical_order", "compare_story", "compare_stories"]

log = logging.getLogger(__name__)


def canonical_order(articles: Sequence[Article]) -> list[Article]:
    """The articles by publication time (undated ones last), then by id: the one order
    the comparison reads them in, whatever order they were given in."""
    return sorted(articles, key=lambda a: (a.published is None,
                                           a.published.timestamp() if a.published is not None else 0.0, a.id))


def compare_story(articles: Sequence[Article], originals: Sequence[str] = ()) -> Comparison:
    """Every comparison section for one story's articles (in any order: the result is
    the same for every order of the same articles). ``originals`` are the ids of agency
    originals (a syndication group's ``original``): they are the reference version of
    the quotes they carry."""
    from .brief import build_brief
    from .entity_links import link_entities, with_linked_keys
    from .conflicts import find_conflicts
    from .exclusives import find_exclusives
    from .facts import agreement, aligned_statements, corroborating_sources, facts_of, word_readably
    from .framing import FramingCue, find_framing, find_hedged_claims
    from .name_spellings import find_name_spellings
    from .relays import relay_cues
    from ..stories import same_source
    from .case_status import case_status_facts, said_together
    from .age_facts import age_facts, not_covered
    from .person_facts import person_facts
    from .quote_variants import group_quote_variants
    from .statements import statements_of
    from .status_updates import find_status_updates
    from .same_claim import same_claim
    from .street_facts import street_facts
    from .settings import current
    from .timeline import build_timeline
    from .unshared_pieces import join_unshared_pieces

    articles = canonical_order(articles)
    originals = sorted(set(originals))
    links = link_entities(articles)
    articles = [with_linked_keys(a, links) for a in articles]
    split = {a.id: statements_of(a) for a in articles}  # split once, read by both
    quote_groups = group_quote_variants(articles, originals)
    timeline = build_timeline(articles)
    one_claim = same_claim(articles, [st for a in articles for st in split[a.id]], timeline, quote_groups)
    statements, groups, scorer = aligned_statements(articles, split=split, one_claim=one_claim)
    facts = facts_of(articles, statements, groups, scorer)
    config = current()
    # facts read beside the sentences exist only where two independent sources agree
    corroborable = corroborating_sources(articles) >= 2
    people = person_facts(articles) if config.person_facts and corroborable else []  # who is who, beside the names
    ages = age_facts(articles, split) if config.age_facts and corroborable else []  # the hurt and accused by age
    added = not_covered(people, ages) + ages
    added += street_facts(articles) if config.street_facts and corroborable else []  # a street named in passing
    states = case_status_facts(articles, statements, facts) if config.case_status and corroborable else []
    added += states  # no arrest yet, motive unknown ...: agreed in too few words to align
    one_state = said_together(states)
    if added:  # most sources first, as facts_of orders
        facts = sorted(facts + added, key=lambda f: -f.independent_sources)
    updates: list[FramingCue] = []  # later counts that update earlier ones: framing, not conflicts
    conflicts = find_conflicts(articles, facts, split, updates, timeline)
    says_it = agreement(statements, scorer)  # a brief line cites what says its sentence: both tests

    def says_one_claim(shown: Citation, other: Citation) -> bool:
        return says_it(shown, other) and one_claim(shown, other)

    word_readably(facts, articles, statements, scorer, says_one_claim)  # the wording shown, once compared
    superseded, status_cues = find_status_updates(articles, split)  # "wanted" before a later "arrested"
    clause_facts = {f.id for f in facts}
    facts = join_unshared_pieces(facts, articles, conflicts, superseded)  # what no one shares: whole
    voices = {st.citation.location: st.asserted_by for st in statements}
    # a joined sentence or quotation is asserted as its pieces were
    voices.update({f.support[0].location: f.asserted_by for f in facts if f.id not in clause_facts})
    brief = build_brief(articles, facts, conflicts, quote_groups, timeline, voices, superseded,
                        lambda shown, other: says_one_claim(shown, other) or one_state(shown, other))
    return Comparison(
        facts=facts,
        conflicts=conflicts,
        quote_variants=quote_groups,
        exclusives=Exclusives(**find_exclusives(articles, facts)),
        framing=(find_framing(articles) + find_hedged_claims(articles, facts, split) + updates + status_cues
                 + find_name_spellings(articles, same_source) + relay_cues(facts, {a.id: a for a in articles})),
        timeline=timeline,
        brief=brief,
        hashtags=list(brief.hashtags),
        entity_links=links,
    )


def compare_stories(articles: Sequence[Article], stories: Sequence[Story]) -> dict[str, str]:
    """Set every story's ``comparison``. A story whose comparison fails gets an empty
    one and is reported: returns ``{story id: error}``."""
    by_id = {a.id: a for a in articles}
    failures: dict[str, str] = {}
    for story in stories:
        members = [by_id[i] for i in story.articles if i in by_id]
        originals = [g.original for g in story.syndication_groups if g.original]
        try:
            story.comparison = compare_story(members, originals)
        except Exception as exc:  # one story's failure must not lose the others
            log.exception("comparing story %s failed", story.id)
            failures[story.id] = f"{type(exc).__name__}: {exc}"
            story.comparison = Comparison()
    return failures
