"""The extraction driver: one pass per article, same results in one process or several."""

from datetime import datetime, timedelta, timezone

from storylens.extract import extract_articles
from storylens.model import Article

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
    one, two = make_articles(), make_articles()
    single, multi = extract_articles(one), extract_articles(two, n_process=2, batch_size=2)
    assert single.failures == {} and multi.failures == {}
    assert [a.to_dict() for a in one] == [a.to_dict() for a in two]
    assert single.features == multi.features and set(single.features) == {a.id for a in one}
    first = one[0]
    assert any(e.key == "person:renee duchatel" for e in first.entities)
    assert any(f.value == 1200 and f.bound == ">=" for f in first.figures)
    assert any(t.value == "2026-03-07" for t in first.time_refs)
    assert any(q.speaker_entity == "person:renee duchatel" for q in first.quotes)
    for article in one:
        for item in [*article.quotes, *article.figures, *article.time_refs]:
            assert article.text[item.start:item.end] == item.text
