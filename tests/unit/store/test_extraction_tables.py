"""Entities, quotes, figures and time references survive the store round trip."""

from storylens.model import Article, Entity, Figure, Quote, Span, TimeRef
from sqlalchemy import inspect

from storylens.store import open_store

TEXT = 'Governor Renée Duchâtel said on Saturday that "at least 1,200 people" had left Lindby.'


def make_article() -> Article:
    return Article(
        id="feedfacecafe0001", source="x.txt", text=TEXT, paragraphs=[TEXT],
        entities=[Entity("person:renee duchatel", "Renée Duchâtel", "person", ["Duchâtel"], [Span(9, 23)]),
                  Entity("place:lindby", "Lindby", "place", [], [Span(79, 85)])],
        quotes=[Quote("at least 1,200 people", 47, 68, "partial", speaker="Governor Renée Duchâtel", speaker_start=0,
                      speaker_end=23, speaker_entity="person:renee duchatel", cue="said", cue_start=24, cue_end=28)],
        figures=[Figure("at least 1,200 people", 47, 68, value=1200.0, bound=">=", counts="person")],
        time_refs=[TimeRef("on Saturday", 29, 40, "2026-03-07", "day", "2026-03-09")],
    )


def test_extractions_round_trip_and_are_browsable(location):
    article = make_article()
    assert TEXT[47:68] == "at least 1,200 people" and TEXT[9:23] == "Renée Duchâtel"
    with open_store(location) as store:
        store.add_articles([article])
        assert store.get_article(article.id).to_dict() == article.to_dict()
        with store.engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
            assert {"entities", "entity_mentions", "quotes", "figures", "time_refs"} <= names
            assert conn.exec_driver_sql("SELECT count(*) FROM entity_mentions").scalar_one() == 2
        store.add_articles([article])  # idempotent
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM quotes").scalar_one() == 1


def test_get_articles_reads_a_batch_in_the_order_given(location):
    first = make_article()
    second = Article(id="feedfacecafe0002", source="y.txt", text="Second.", paragraphs=["Second."])
    with open_store(location) as store:
        store.add_articles([first, second])
        got = store.get_articles([second.id, "missing", first.id])
        assert [a.id for a in got] == [second.id, first.id]
        assert got[1].to_dict() == first.to_dict()
