"""A story's comparison is stored in plain tables and replaced atomically on rerun."""

from storylens.model import Citation, Conflict, ConflictSide, Fact
from storylens.store import open_store


def comparison(statement: str) -> dict:
    cite_a = Citation("a1", 0, 12, "Dam releases")
    cite_b = Citation("b2", 5, 17, "Dam releases", field="headline")
    fact = Fact("fact-1", statement, [cite_a, cite_b], 2, "disputed", "outlet", ["Harbor Wire", "Vellmar Courier"])
    conflict = Conflict("conflict-1", "figure", "people evacuated",
                        [ConflictSide("at least 1,200", "outlet", cite_a, 1200.0),
                         ConflictSide("about 900", "person:renee duchatel", cite_b, 900.0)], ["fact-1"])
    return {"facts": [fact.to_dict()], "conflicts": [conflict.to_dict()], "quote_variants": [],
            "exclusives": {"only_in": {}, "missing_from": {}}, "framing": [], "timeline": [],
            "brief": {"sentences": []}, "hashtags": ["#Orsa"],
            "entity_links": {"person:duchatel": "person:renee duchatel"}}


def test_comparison_round_trip_and_replace(location):
    with open_store(location) as store:
        assert store.get_comparison("story-x") is None
        first = comparison("The dam released water.")
        store.replace_comparison("story-x", first)
        assert store.get_comparison("story-x") == first
        second = comparison("The dam opened its spillways.")
        store.replace_comparison("story-x", second)
        assert store.get_comparison("story-x") == second
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM facts").scalar_one() == 1
            assert conn.exec_driver_sql("SELECT count(*) FROM fact_support").scalar_one() == 2
