"""Entities on the two reference articles in ../shared/corpus/seeds (issue 3, "On the seeds").

Read at run time and skipped with a message on a checkout without ../shared. Expectations
are written from names only; no seed text is copied here.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from storylens.eval.data import MissingDataError, shared_dir
from storylens.extract.entities import entity_key, extract_entities
from storylens.extract.nlp import load_nlp
from storylens.model import Entity
from storylens.pipeline import analyze

try:
    SEEDS = shared_dir("corpus/seeds") / "corpus" / "seeds"
except MissingDataError as exc:
    pytest.skip(str(exc), allow_module_level=True)


@pytest.fixture(scope="module")
def seed_entities() -> dict[str, tuple[str, list[Entity]]]:
    result = analyze([SEEDS], fetched_at=datetime.now(timezone.utc))
    articles, skipped = result.articles, result.skipped
    assert skipped == [] and len(articles) == 2
    nlp = load_nlp()
    out = {}
    for article in articles:
        doc = nlp(article.text)
        out[Path(article.source).name.split("_")[0]] = (doc.text, extract_entities(doc))
    return out


def _people(entities: list[Entity]) -> list[Entity]:
    return [e for e in entities if e.kind == "person"]


def _surname_keys(entities: list[Entity], surname: str) -> set[str]:
    """Keys of the people whose key ends with the (folded) surname."""
    folded = entity_key(surname, "person").split(":", 1)[1]
    return {e.key for e in _people(entities) if e.key.split(" ")[-1].split(":")[-1] == folded}


def test_named_people_found(seed_entities):
    all_entities = [e for _, ents in seed_entities.values() for e in ents]
    for surname in ("Márquez", "Petro", "Sheinbaum", "Machado", "Rodríguez", "Trump"):
        assert _surname_keys(all_entities, surname), f"{surname} not found as a person"


def test_rodriguez_one_key_across_spellings(seed_entities):
    keys = [_surname_keys(ents, "Rodriguez") for _, ents in seed_entities.values()]
    assert all(len(k) == 1 for k in keys), keys
    assert keys[0] == keys[1]
    # one article spells the name with an accent, the other without: both map to this key
    spellings = set()
    for text, ents in seed_entities.values():
        (entity,) = [e for e in ents if e.key in keys[0]]
        spellings |= {text[m.start:m.end] for m in entity.mentions}
    assert any("í" in s for s in spellings) and any("Rodriguez" in s for s in spellings)


def test_trump_one_key_in_both(seed_entities):
    keys = [_surname_keys(ents, "Trump") for _, ents in seed_entities.values()]
    assert keys[0] == keys[1] and len(keys[0]) == 1, keys


def test_mentions_are_names_without_titles(seed_entities):
    for text, ents in seed_entities.values():
        for e in _people(ents):
            assert e.name.split()[0].casefold() not in ("president", "mr", "the"), e.name
            assert not e.name.endswith(("'s", "’s"))
            for m in e.mentions:
                assert 0 <= m.start < m.end <= len(text)
                assert text[m.start:m.end].strip() == text[m.start:m.end]
