"""Paraphrase alignment through sentence embeddings (``compare.paraphrase``), on fictional
articles about a flood in the town of Dornhill: a statement said in other words aligns, a
statement on the same topic that says something else does not, figures that disagree
keep a pair apart, the result does not depend on the order of the articles, and the
model's files are checked before they run."""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from storylens.compare import compare_story, paraphrase
from storylens.compare.facts import align_facts, make_scorer
from storylens.compare.settings import CompareSettings, compare_settings
from storylens.compare.statements import Statement, statements_of
from storylens.model import Article, Figure

COURIER = ("Floodwater from the Vell river reached the town square of Dornhill on Tuesday morning. "
           "The mayor said the council would meet on Friday to discuss repairs. "
           "A boy was hurt when he slipped on the wet stairs while fleeing the rising water, a paramedic said. "
           "Shops along Mill Lane stayed closed for the rest of the week. "
           "Volunteers filled sandbags at the fire station until late evening.")
VALLEY = ("The Vell burst its banks and flooded the centre of Dornhill. "
          "The council leader promised an emergency meeting on the cost of the damage. "
          "According to a paramedic, a young child suffered injuries after falling on slippery steps as he ran "
          "from the flood. "
          "The bakery on Mill Lane lost its entire stock. "
          "Schools will reopen next week, the district said.")
INJURY_COURIER = "A boy was hurt when he slipped on the wet stairs while fleeing the rising water, a paramedic said."
INJURY_VALLEY = ("According to a paramedic, a young child suffered injuries after falling on slippery steps as he "
                 "ran from the flood.")


@pytest.fixture(autouse=True)
def _paraphrases_on() -> object:
    """Paraphrase alignment is an option (off by default: its CPU cost); on here."""
    with compare_settings(CompareSettings(align_paraphrase=True)):
        yield


def _article(id: str, text: str, outlet: str) -> Article:
    return Article(id=id, source=f"/corpus/{id}.txt", text=text, paragraphs=[text], outlet=outlet)


def _pair() -> list[Article]:
    return [_article("courier", COURIER, "Dornhill Courier"), _article("valley", VALLEY, "Vell Valley News")]


def _aligned(facts: list, text: str) -> set[str]:  # type: ignore[type-arg]
    """Texts the corroborated fact citing ``text`` aligns it with."""
    for f in facts:
        if f.status == "corroborated" and any(c.text == text for c in f.support):
            return {c.text for c in f.support} - {text}
    return set()


def _statement(statements: list[Statement], text: str) -> Statement:
    return next(st for st in statements if st.citation.text == text)


def test_a_paraphrase_aligns_where_the_words_differ() -> None:
    articles = _pair()
    assert _aligned(align_facts(articles), INJURY_COURIER) == {INJURY_VALLEY}
    # The lexical test alone rejects it: the embeddings make this pair.
    with compare_settings(CompareSettings(align_paraphrase=False)):
        assert _aligned(align_facts(articles), INJURY_COURIER) == set()


def test_a_same_topic_statement_that_says_something_else_does_not_align() -> None:
    facts = align_facts(_pair())
    shops = "Shops along Mill Lane stayed closed for the rest of the week."
    bakery = "The bakery on Mill Lane lost its entire stock."
    assert _aligned(facts, shops) == set()
    assert _aligned(facts, bakery) == set()
    statements = [st for a in _pair() for st in statements_of(a)]
    scorer = make_scorer(statements, paraphrases=True)
    similarity = scorer.similarity(_statement(statements, shops), _statement(statements, bakery))
    assert similarity is not None and similarity < CompareSettings().align_paraphrase_min


def test_figures_that_disagree_keep_a_paraphrase_apart() -> None:
    courier, valley = _pair()
    # as if the articles counted the injured differently (two / three)
    at, to = COURIER.index("A boy"), VALLEY.index("a young child")
    courier.figures.append(Figure(COURIER[at:at + 5], at, at + 5, value=2))
    valley.figures.append(Figure(VALLEY[to:to + 13], to, to + 13, value=3))
    assert _aligned(align_facts([courier, valley]), INJURY_COURIER) == set()


def test_one_independent_source_is_not_embedded(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(texts: object) -> None:
        raise AssertionError("a story with one independent source has nothing to corroborate")

    monkeypatch.setattr(paraphrase, "embed_cached", refuse)
    one_feed = _pair()
    for a in one_feed:
        a.syndication_group = "wire-1"  # one agency feed republished: one source
    assert all(f.status == "single-source" for f in align_facts(one_feed))


def test_the_facts_are_the_same_in_every_order_of_the_articles() -> None:
    third = _article("herald", "Rain kept falling over Dornhill. A child was injured on slippery steps while "
                     "running from the water, paramedics said.", "Dornhill Herald")
    articles = [*_pair(), third]
    expected = [f.to_dict() for f in compare_story(articles).facts]
    assert any(len(f["support"]) == 3 for f in expected)
    for order in itertools.permutations(articles):
        paraphrase._cache.clear()
        assert [f.to_dict() for f in compare_story(list(order)).facts] == expected


def test_a_vector_does_not_depend_on_its_batch() -> None:
    alone = paraphrase.embedder().embed([INJURY_COURIER])
    batched = paraphrase.embedder().embed([COURIER, INJURY_COURIER, "Rain."])[1:2]
    assert np.array_equal(alone, batched)
    assert abs(float(np.linalg.norm(alone[0])) - 1.0) < 1e-5


def test_a_model_file_that_is_not_the_pinned_one_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    with pytest.raises(paraphrase.ParaphraseModelError, match="SHA-256"):
        paraphrase._checked(fake, paraphrase.MODEL_SHA256)


def test_a_missing_model_package_says_how_to_install_it() -> None:
    with pytest.raises(paraphrase.ParaphraseModelError, match="pip install"):
        paraphrase._package_file("storylens_no_such_model_package", "model.onnx")


def test_a_headline_pairs_by_meaning_only_with_a_headline() -> None:
    courier, valley = _pair()
    # a headline that says what a sentence of the other article says, in nearly its words
    courier.headline = "Young child suffers injuries after falling on slippery steps as he runs from the flood"
    valley.headline = "Child hurt on wet stairs while fleeing the flood"
    statements = [st for a in (courier, valley) for st in statements_of(a)]
    scorer = make_scorer(statements, paraphrases=True)
    head = next(st for st in statements if st.citation.field == "headline" and st.citation.article_id == "courier")
    other_head = next(st for st in statements if st.citation.field == "headline" and st.citation.article_id == "valley")
    body = _statement(statements, INJURY_VALLEY)
    similarity = scorer.similarity(head, body)
    assert similarity is not None and similarity >= CompareSettings().align_paraphrase_min
    assert scorer.paraphrase_score(head, body) == 0.0
    assert scorer.paraphrase_score(head, other_head) > 0.0
