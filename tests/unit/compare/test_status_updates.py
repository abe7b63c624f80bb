"""A person's later state (arrested after wanted, died after critical) is an update: the
earlier statement is not the brief's, and the later one carries an ``updated_status``
cue. Fictional articles."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from storylens.compare import compare_story
from storylens.compare.brief import build_brief
from storylens.compare.statements import statements_of
from storylens.compare.status_updates import find_status_updates, status_mentions
from storylens.model import Article, Citation, Entity, Fact, Span

IVO = "person:ivo marsk"
EDA = "person:eda lunn"


def _article(aid: str, text: str, day: int, outlet: str) -> Article:
    entities = []
    for key, name in ((IVO, "Ivo Marsk"), (EDA, "Eda Lunn")):
        spans = [Span(m.start(), m.end()) for m in re.finditer(name, text)]
        if spans:
            entities.append(Entity(key, name, "person", mentions=spans))
    return Article(id=aid, source=f"{aid}.txt", text=text, paragraphs=[text], outlet=outlet, entities=entities,
                   published=datetime(2031, 5, day, 9, tzinfo=timezone.utc))


def _states(article: Article) -> list[tuple[str, str, int]]:
    return [(m.person, m.chain, m.step) for m in status_mentions(article, statements_of(article))]


def test_states_said_of_a_name() -> None:
    cases = {
        "Ivo Marsk, 24, is wanted by police in the shooting.": [(IVO, "suspect", 0)],
        "Police are still looking for Ivo Marsk in the shooting.": [(IVO, "suspect", 0)],
        "Eda Lunn and Ivo Marsk were arrested on Tuesday.": [(EDA, "suspect", 1), (IVO, "suspect", 1)],
        "Officers arrested Ivo Marsk at the harbour.": [(IVO, "suspect", 1)],
        "Ivo Marsk, a Lorn resident, was charged with assault.": [(IVO, "suspect", 1)],
        "Ivo Marsk was sentenced to nine years.": [(IVO, "suspect", 2)],
        "Eda Lunn remains in critical condition at Lorn General.": [(EDA, "victim", 0)],
        "Eda Lunn died at the hospital on Friday.": [(EDA, "victim", 1)],
    }
    for text, expected in cases.items():
        assert sorted(_states(_article("a", text, 3, "Lorn Post"))) == expected, text


def test_not_a_state_of_that_name() -> None:
    for text in (
        "Ivo Marsk said the man was arrested near the pier.",  # someone else's arrest
        "He is wanted by police, Ivo Marsk said.",  # a pronoun is not read
        "Police were looking for witnesses, Ivo Marsk said.",
        "Ivo Marsk wanted to leave before the storm.",  # "wanted" as a verb of his own
    ):
        assert _states(_article("a", text, 3, "Lorn Post")) == [], text


def test_a_later_arrest_supersedes_an_earlier_wanted_and_is_an_updated_status_cue() -> None:
    early = _article("a", "Ivo Marsk, 24, is wanted by police in the shooting on Dock Street.", 3, "Lorn Post")
    late = _article("b", "Ivo Marsk was arrested on Tuesday in the shooting on Dock Street.", 5, "Vell Daily")
    split = {a.id: statements_of(a) for a in (early, late)}
    superseded, cues = find_status_updates([early, late], split)
    st = split["a"][0].citation
    assert superseded == {("a", "text", st.start, st.end)}
    (cue,) = cues
    assert cue.kind == "updated_status" and cue.article_id == "b" and cue.cue == "was arrested"
    assert cue.note == "updates 'is wanted' (Lorn Post, published earlier)"
    # Published the other way round, the arrest told first is background, not an update.
    early_arrest = _article("b", late.text, 1, "Vell Daily")
    assert find_status_updates([early, early_arrest], {"a": split["a"], "b": statements_of(early_arrest)}) == (set(), [])
    # One article telling both is not superseding itself.
    both = _article("c", early.text + " " + late.text, 5, "Lorn Post")
    assert find_status_updates([both], {"c": statements_of(both)}) == (set(), [])


def test_the_brief_prefers_the_latest_state() -> None:
    ta = "Ivo Marsk, 24, is wanted by police in the shooting on Dock Street."
    tb = "Ivo Marsk is wanted by police for the shooting on Dock Street, officers said."
    tc = "Ivo Marsk was arrested on Tuesday in the shooting on Dock Street."
    a, b, c = _article("a", ta, 3, "Lorn Post"), _article("b", tb, 3, "Vell Daily"), _article("c", tc, 5, "Kell FM")
    wanted = Fact("f1", ta, [Citation("a", 0, len(ta), ta), Citation("b", 0, len(tb), tb)], 2, "corroborated")
    split = {x.id: statements_of(x) for x in (a, b, c)}
    assert build_brief([a, b, c], [wanted], [], [], []).summary  # without the later article's word
    superseded, _ = find_status_updates([a, b, c], split)
    assert build_brief([a, b, c], [wanted], [], [], [], superseded=superseded).summary == []
    # Through the comparison a user's run makes: the cue is under framing.
    comparison = compare_story([c, a, b])
    (cue,) = [q for q in comparison.framing if q.kind == "updated_status"]  # once for the later statement
    assert cue.article_id == "c" and "published earlier" in (cue.note or "")
    assert comparison.brief is not None
    assert not any("is wanted" in s.text for s in comparison.brief.summary)


def test_which_came_first_is_unknown_across_zoned_and_unzoned_times() -> None:
    from storylens.compare.statements import hours_between

    early = _article("a", "Ivo Marsk, 24, is wanted by police in the shooting on Dock Street.", 3, "Lorn Post")
    late = _article("b", "Ivo Marsk was arrested on Tuesday in the shooting on Dock Street.", 5, "Vell Daily")
    assert hours_between(early, late) == 48.0 and hours_between(late, early) == -48.0
    unzoned = Article(id="c", source="c.txt", text=late.text, paragraphs=[late.text], entities=late.entities,
                      published=datetime(2031, 5, 5, 9))
    assert hours_between(early, unzoned) is None
    split = {x.id: statements_of(x) for x in (early, unzoned)}
    assert find_status_updates([early, unzoned], split) == (set(), [])
