"""Exact duplicates, near-duplicates and agency-copy groups on fictional wire stories."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from storylens.dedupe import find_copies
from storylens.model import Article

T0 = datetime(2026, 5, 4, 6, 0, tzinfo=timezone.utc)

# A fictional agency ("Corvale Press Service") story: a ferry fire on Lake Orsk.
FERRY = [
    "ORSKVILLE, May 4 (Corvale Press Service) - A passenger ferry caught fire on Lake Orsk early on Monday, "
    "forcing 212 passengers and crew into lifeboats before coast guard vessels reached them, officials said.",
    "The Marta Vell, which runs a daily crossing between Orskville and the island town of Pellin, reported "
    "smoke in its engine room shortly after leaving port at 5.40 a.m., the regional coast guard said.",
    "\"Every passenger is accounted for, and nobody is in hospital with serious injuries,\" harbour master "
    "Idris Kallavo told reporters on the quay, adding that seven people were treated for smoke inhalation.",
    "The ferry operator, Lakeline Orsk, suspended all crossings for the day and said investigators from the "
    "national transport safety board would board the vessel once the fire was fully out.",
    "The Marta Vell was built in 1994 and refitted four years ago, according to the operator's annual "
    "report, which listed no previous fires on the vessel.",
]
# A second, unrelated story from the same agency: a bridge toll vote, same house style.
TOLL = [
    "ORSKVILLE, May 4 (Corvale Press Service) - The regional council of Orsk voted on Monday to double the "
    "toll on the Hessen Bridge from next January, ending a two-year dispute over who pays for its repairs.",
    "Councillors approved the measure by 31 votes to 18 after a six-hour debate, and the council leader, "
    "Benedikta Sarn, said the extra revenue would be ring-fenced for the bridge's steel deck.",
    "\"We cannot keep patching a structure that carries forty thousand cars a day,\" Sarn said, adding that "
    "commuters with annual passes would see a smaller increase than occasional drivers.",
    "Hauliers' groups said they would challenge the decision in the administrative court, arguing that the "
    "council had not consulted freight companies before the vote.",
]


def article(id: str, paragraphs: list[str], *, outlet: str, hours: float = 0.0, headline: str = "",
            byline: str | None = None, credits: list[str] | None = None, feed_notice: str | None = None,
            dateline: str | None = None) -> Article:
    return Article(id=id, source=f"{id}.txt", text="\n\n".join(paragraphs), paragraphs=list(paragraphs),
                   outlet=outlet, headline=headline, byline=byline, credits=list(credits or []),
                   feed_notice=feed_notice, dateline=dateline, published=T0 + timedelta(hours=hours))


def wire_batch() -> list[Article]:
    dl = "ORSKVILLE, May 4 (Corvale Press Service)"
    return [
        article("w1", FERRY, outlet="Corvale Press Service", headline="Ferry fire on Lake Orsk",
                byline="Corvale Press Service", dateline=dl),
        # trimmed: the last paragraph dropped, its own headline, a feed notice
        article("t1", FERRY[:-1], outlet="Pellin Gazette", hours=1, headline="212 rescued as ferry burns",
                byline="Corvale Press Service | auto-published from an agency feed",
                feed_notice="This article was generated automatically from an agency feed.", dateline=dl),
        # re-headlined, unchanged text, credited in a credit line
        article("r1", FERRY, outlet="Lakeside Daily", hours=2, headline="Lifeboats launched as Marta Vell burns",
                credits=["Corvale Press Service"], dateline=dl),
        # an added local paragraph in the middle
        article("l1", FERRY[:3] + ["In Pellin, relatives waited at the harbour cafe, where the island's mayor "
                                   "read out the names of passengers as the coast guard confirmed them."]
                + FERRY[3:], outlet="Island Courier", hours=3, headline="Pellin waits for news of ferry",
                byline="By Corvale Press Service", dateline=dl),
        # the same agency's other story, republished by one of the same outlets
        article("w2", TOLL, outlet="Corvale Press Service", hours=0.5, headline="Orsk doubles bridge toll",
                byline="Corvale Press Service", dateline=dl),
        article("t2", TOLL, outlet="Pellin Gazette", hours=1.5, headline="Bridge toll to double",
                byline="Corvale Press Service | auto-published from an agency feed",
                feed_notice="This article was generated automatically from an agency feed.", dateline=dl),
        # written separately about the ferry: shares one quoted sentence only
        article("own", [
            "Passengers from the burning Marta Vell described a calm evacuation, with crew handing out life "
            "jackets before the lifeboats were lowered into the grey water of Lake Orsk.",
            "\"Every passenger is accounted for, and nobody is in hospital with serious injuries,\" harbour "
            "master Idris Kallavo told reporters on the quay, adding that seven people were treated for smoke "
            "inhalation.",
            "A retired engineer on board said he had smelled diesel for several minutes before the alarm.",
        ], outlet="Orsk Evening Star", hours=5, headline="Calm on deck as ferry burned",
                byline="Tova Renk", credits=["Corvale Press Service"]),
    ]


def test_wire_copies_trimmed_reheadlined_and_extended_form_one_group_with_the_agency():
    arts = wire_batch()
    report = find_copies(arts)
    by_id = {a.id: a for a in arts}
    ferry = report.group_of("w1")
    assert ferry is not None
    assert ferry.members == ["w1", "t1", "r1", "l1"]
    assert ferry.id == "syn-l1"  # "syn-" + the smallest member id
    assert ferry.agency == "Corvale Press Service"
    assert ferry.original == "w1"
    assert ferry.similarity >= 0.9
    assert {by_id[m].syndication_group for m in ferry.members} == {"syn-l1"}


def test_two_stories_of_the_same_agency_do_not_merge():
    arts = wire_batch()
    report = find_copies(arts)
    toll = report.group_of("w2")
    assert toll is not None and toll.members == ["w2", "t2"]
    assert toll.id != report.group_of("w1").id  # type: ignore[union-attr]
    assert toll.agency == "Corvale Press Service"


def test_an_outlet_that_credits_the_agency_but_wrote_its_own_story_is_not_a_copy():
    arts = wire_batch()
    find_copies(arts)
    assert {a.id: a for a in arts}["own"].syndication_group is None


def test_exact_duplicate_points_at_the_earliest_and_keeps_similarity():
    late = article("zz-late", FERRY, outlet="Lakeside Daily", hours=9, headline="Ferry fire")
    early = article("zz-early", [p.upper().replace(",", " ,") for p in FERRY], outlet="Orsk Online", hours=-1)
    other = article("aa", TOLL, outlet="Orsk Online", hours=4)
    report = find_copies([late, other, early])
    assert late.duplicate_of == "zz-early"  # same folded words despite case and spacing
    assert early.duplicate_of is None and other.duplicate_of is None
    (dup,) = report.duplicates
    assert dup.exact and dup.jaccard == 1.0 and dup.duplicate_of == "zz-early"


def test_near_duplicate_with_one_word_changed_reports_its_jaccard():
    edited = [FERRY[0].replace("212", "214")] + FERRY[1:]
    a = article("a", FERRY, outlet="Lakeside Daily")
    b = article("b", edited, outlet="Lakeside Daily", hours=2)
    report = find_copies([b, a])
    assert b.duplicate_of == "a"
    (dup,) = report.duplicates
    assert not dup.exact and 0.9 <= dup.jaccard < 1.0


def test_copy_without_any_signal_needs_more_overlap():
    # Half the wire text reused with no byline, credit, dateline or notice: not enough.
    half = article("h", FERRY[:2] + ["A long unrelated passage about regional ferry timetables, the price of "
                                     "fuel on Lake Orsk, winter schedules, and the history of Pellin harbour, "
                                     "written by the outlet's own staff for its weekend magazine section."] * 1
                   + ["The outlet's own analysis of lake transport policy and council budgets over a decade "
                      "of cuts, with interviews from ferry workers and island shopkeepers about fares."],
                   outlet="Orsk Weekend", hours=8)
    wire = article("w", FERRY, outlet="Corvale Press Service")
    find_copies([wire, half])
    assert half.syndication_group is None
    # The whole wire text verbatim with no signal at all is still a copy.
    full = article("f", FERRY, outlet="Orsk Weekend", hours=8, headline="Different headline")
    wire2 = article("w", FERRY[:-1], outlet="Corvale Press Service")
    find_copies([wire2, full])
    assert full.syndication_group == wire2.syndication_group == "syn-f"
