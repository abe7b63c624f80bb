"""The extraction driver: one pass per article, same results in one process or several
(the pipeline's per-article stage through the serial runner and a process pool)."""

from datetime import datetime, timedelta, timezone

from storylens.extract import extract_articles
from storylens.model import Article, RawDocument
from storylens.pipeline import Chunk, process_documents
from storylens.runners import ProcessPoolRunner, SerialRunner

CET = timezone(timedelta(hours=1))
TEXTS = [
    'Governor Renée Duchâtel said on Saturday that at least 1,200 people had left Lindby. "Nobody goes home yet," she said.',
    "The Tavrin Reserve Bank raised its policy rate by 50 basis points to 7.25% on Wednesday, Governor Tomás Ferreiro-Nadal said.",
    "About 900 residents spent the night in the Strandvik sports hall, according to the city's social services department.",
    "Mikaël Bråthen, the water authority's chief engineer, told reporters the reservoir fell by a metre a day.",
    "Farmers in the upper valley said the early release had flooded fields due to be sown this month.",
    "Two of the seven committee members preferred a quarter-point move, people briefed on the meeting said.",
]


def make_articles() -> list[Article]:
    published = datetime(2026, 3, 9, 18, 30, tzinfo=CET)
    return [Article(id=f"a{i}", source=f"t#{i}", text=t, paragraphs=[t], published=published) for i, t in enumerate(TEXTS)]


def test_single_and_multi_process_give_the_same_records():
    one = make_articles()
    single = extract_articles(one)
    assert single.failures == {} and set(single.features) == {a.id for a in one}
    first = one[0]
    assert any(e.key == "person:renee duchatel" for e in first.entities)
    assert any(f.value == 1200 and f.bound == ">=" for f in first.figures)
    assert any(t.value == "2026-03-07" for t in first.time_refs)
    assert any(q.speaker_entity == "person:renee duchatel" for q in first.quotes)
    for article in one:
        for item in [*article.quotes, *article.figures, *article.time_refs]:
            assert article.text[item.start:item.end] == item.text


def raw_documents() -> list[RawDocument]:
    fetched = datetime(2026, 3, 10, tzinfo=timezone.utc)
    return [RawDocument(source=f"t#{i}", data=t.encode(), kind="plain", fetched_at=fetched,
                        metadata={"published": "2026-03-09T18:30:00+01:00"}, metadata_origin={"published": "test"})
            for i, t in enumerate(TEXTS)]


def test_serial_and_process_pool_runners_give_the_same_records_in_input_order():
    chunks = [Chunk(raw_documents()[i:i + 2]) for i in range(0, len(TEXTS), 2)]
    serial = list(SerialRunner().map(process_documents, chunks))
    pooled = list(ProcessPoolRunner(2).map(process_documents, chunks))
    assert [a.to_dict() for p in serial for a in p.articles] == [a.to_dict() for p in pooled for a in p.articles]
    assert [a.source for p in pooled for a in p.articles] == [f"t#{i}" for i in range(len(TEXTS))]
    assert [p.features for p in serial] == [p.features for p in pooled]
    assert all(p.extraction_failures == {} and p.skipped == [] for p in pooled)
