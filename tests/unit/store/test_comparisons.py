"""A story's comparison is stored in plain tables and replaced atomically on rerun; one
stored by an older version, without some sections, loads with those sections empty."""

from storylens.model import Citation, Comparison, Conflict, ConflictSide, Exclusives, Fact
from storylens.store import open_store


def comparison(statement: str) -> Comparison:
    cite_a = Citation("a1", 0, 12, "Dam releases")
    cite_b = Citation("b2", 5, 17, "Dam releases", field="headline")
    fact = Fact("fact-1", statement, [cite_a, cite_b], 2, "disputed", "outlet", ["Harbor Wire", "Vellmar Courier"])
    conflict = Conflict("conflict-1", "figure", "people evacuated",
                        [ConflictSide("at least 1,200", "outlet", cite_a, 1200.0),
                         ConflictSide("about 900", "person:renee duchatel", cite_b, 900.0)], ["fact-1"])
    return Comparison(facts=[fact], conflicts=[conflict],
                      exclusives=Exclusives({"Harbor Wire": [], "Vellmar Courier": []},
                                            {"Harbor Wire": [], "Vellmar Courier": []}),
                      hashtags=["#Orsa"], entity_links={"person:duchatel": "person:renee duchatel"})


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


def test_a_comparison_stored_without_later_sections_loads_with_them_empty(location):
    with open_store(location) as store:
        store.replace_comparison("story-x", comparison("The dam released water."))
        with store.engine.begin() as conn:  # as an older version left it: no entity links, exclusives, hashtags
            conn.exec_driver_sql("DELETE FROM story_sections WHERE section IN ('entity_links', 'exclusives', 'hashtags')")
        got = store.get_comparison("story-x")
        assert got is not None and got.facts == comparison("The dam released water.").facts
        assert got.entity_links == {} and got.exclusives == Exclusives() and got.hashtags == []


def test_a_story_page_reads_what_the_three_reads_give(location):
    """``get_story_page``: the story, its light members and its comparison in one read,
    the same as ``get_story``, ``get_articles_light`` and ``get_comparison`` apart."""
    from test_migrate import fill

    fill(location)
    with open_store(location) as store:
        story = store.get_story("story-1")
        assert story is not None
        members = store.get_articles_light(story.articles)
        assert store.get_story_page("story-1") == (story, members, store.get_comparison("story-1"))
        assert store.get_story_page("story-1", comparison=False) == (story, members, None)
        assert store.get_story_page("story-nope") is None
