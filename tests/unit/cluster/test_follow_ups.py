"""Follow-ups that name the day of their event (an arrest, a trial weeks later) join its
story; a new event whose coverage recalls an earlier one on the same street does not.
Fictional articles."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from storylens.cluster import BatchConfig, batch_cluster, cluster_features, text_features
from storylens.cluster.features import named_dates

AUG4 = datetime(2026, 8, 4, 9, 0, tzinfo=timezone.utc)

DRIVE_BY = [  # the night of Aug. 3, reported on Aug. 4
    ("Five wounded in drive-by on Corran Street",
     "Five people were wounded late Monday when someone in a passing van opened fire on a group standing "
     "outside the Millbeck Houses on Corran Street, police said. Tamsin Verrall, 19, was hit four times "
     "and was in critical condition at Saint Aubyn Hospital. The van sped off toward the ring road."),
    ("Gunfire from van hits five outside Millbeck Houses",
     "Police are searching for a grey van after gunfire from it wounded five people outside the Millbeck "
     "Houses late Monday. Among the wounded was Tamsin Verrall, 19, who remains in critical condition, her "
     "mother said. Detectives believe the shooting was retaliation for a fight earlier in the week."),
    ("Corran Street shooting leaves teen in critical condition",
     "A 19-year-old woman, Tamsin Verrall, was among five people shot on Corran Street on Monday night. "
     "Witnesses told detectives a van slowed near the Millbeck Houses before several shots were fired. "
     "The other four victims had wounds that were not life-threatening."),
]
ARREST = ("Man held without bail after arrest",  # five weeks later: other words, the day named
          "A 22-year-old man, Dorran Pike, was ordered held without bail on Thursday on charges of attempted "
          "murder. Prosecutors say Pike drove the van in the Aug. 3 drive-by that left Tamsin Verrall "
          "fighting for her life. His lawyer told the judge that his client had been threatened.")
NEW_EVENT = [  # a new shooting on the same street on Sept. 11, reported on Sept. 12
    ("Two men shot near corner store in Harlow",
     "Two men were shot outside a corner store in Harlow on Friday evening, police said. Both were taken "
     "to Saint Aubyn Hospital with wounds that were not life-threatening. Officers found eleven shell "
     "casings on Corran Street. No arrests have been made."),
    ("Harlow corner store shooting wounds two",
     "Police said two men were wounded by gunfire outside a corner store in Harlow on Friday evening, and "
     "officers collected eleven shell casings. Neighbours said the store's owner closed early. Both men "
     "were expected to survive, a hospital spokesman said."),
    ("Neighbours fear more gunfire after store shooting",
     "Residents of Harlow said they no longer let their children play outside after two men were shot "
     "outside a corner store on Friday. On Aug. 3, Tamsin Verrall was wounded in a drive-by a few blocks "
     "away on Corran Street. 'It keeps happening,' one neighbour said."),
]
ELSEWHERE = [  # other news of the weeks between, for the batch's word frequencies
    ("Council approves footbridge over the Ousel", "The Harlow council approved a footbridge over the Ousel "
     "river by nine votes to two; work starts in spring and the bridge should open next year."),
    ("Harlow library extends opening hours", "The Harlow library will open until nine on weekdays from "
     "September, the council said, after a survey of readers asked for evening hours."),
    ("Kiln fire destroys pottery workshop", "A kiln fire destroyed the Millbeck pottery workshop on "
     "Saturday; owner Ada Crane said her glazes and a year of orders were lost."),
    ("Farmer wins county marrow show", "Farmer Josiah Pell won the county marrow show with a record "
     "41-kilogram entry, beating last year's champion by two kilograms."),
]


def _article(id: str, item: tuple[str, str], published: datetime):
    return text_features(id, item[0], item[1], published)


def _stream(arrest_text: str = ARREST[1]):
    out = [_article(f"d{i}", item, AUG4 + timedelta(hours=2 * i)) for i, item in enumerate(DRIVE_BY)]
    out.append(_article("f0", (ARREST[0], arrest_text), AUG4 + timedelta(days=38)))
    out += [_article(f"n{i}", item, AUG4 + timedelta(days=39, hours=2 * i)) for i, item in enumerate(NEW_EVENT)]
    out += [_article(f"e{i}", item, AUG4 + timedelta(days=9 * i + 3)) for i, item in enumerate(ELSEWHERE)]
    return out


def test_named_dates_reads_the_days_a_text_names():
    published = datetime(2026, 9, 10, 7, 0, tzinfo=timezone.utc)
    text = ("the Aug. 3 drive-by; on 19 August; Sept. 29; a hearing on May 3, 2025; they may 3 times; "
            "Feb. 30; at Aug. 3:30; June 4th; Sept. 11")
    assert named_dates(text, published) == (
        date(2025, 5, 3),  # the year written
        date(2025, 9, 29),  # after the day of publication: last year's
        date(2026, 6, 4), date(2026, 8, 3), date(2026, 8, 19),
        date(2026, 9, 11),  # the day after publication is allowed (a clock ahead of UTC)
    )
    assert named_dates("the Aug. 3 drive-by", None) == ()  # no year without a publication day
    assert named_dates("on Aug. 3, 2024", None) == (date(2024, 8, 3),)


def test_a_follow_up_naming_its_events_day_joins_that_story():
    assignment, _ = cluster_features(_stream())
    assert {assignment[f"d{i}"] for i in range(3)} == {"story-d0"}
    assert assignment["f0"] == "story-d0"


def test_without_the_day_named_the_follow_up_stays_apart():
    assignment, _ = cluster_features(_stream(ARREST[1].replace("the Aug. 3 drive-by", "the drive-by")))
    assert assignment["f0"] != assignment["d0"]
    # and with the day named but the rule off (followup_share 0)
    assignment, _ = batch_cluster(_stream(), BatchConfig(followup_share=0.0))
    assert assignment["f0"] != assignment["d0"]


def test_a_new_event_recalling_an_earlier_one_on_the_same_street_stays_its_own_story():
    assignment, _ = cluster_features(_stream())
    new_event = {assignment[f"n{i}"] for i in range(3)}
    assert new_event == {"story-n0"}
    assert assignment["d0"] != "story-n0"


def test_a_day_just_before_publication_is_no_follow_up():
    # the day named is within followup_min_days: the article's own event, left to the similarities
    # (the same-day rule, which could join it, is off here: tested below)
    near = datetime(2026, 8, 5, 9, 0, tzinfo=timezone.utc)
    stream = _stream()
    stream[3] = _article("f0", ARREST, near)
    no_pass, _ = batch_cluster(stream, BatchConfig(followup_share=0.0))
    assignment, _ = batch_cluster(stream, BatchConfig(sameday_days=-1.0))
    assert assignment == no_pass


def test_an_article_naming_many_days_refers_back_to_none():
    many = ARREST[1] + " " + " ".join(f"A robbery on July {d} remains unsolved." for d in range(1, 9))
    assignment, _ = cluster_features(_stream(many))
    assert assignment["f0"] != assignment["d0"]


EXPECTED = cluster_features(_stream())


@settings(max_examples=25, deadline=None)
@given(st.permutations(_stream()))
def test_follow_ups_join_whatever_the_input_order(order):
    assert cluster_features(order) == EXPECTED


def test_a_follow_up_referring_back_to_two_stories_alike_joins_neither():
    second = [  # another shooting, on Aug. 10, reported on Aug. 11
        ("Man shot in the leg on Pellow Lane",
         "Ivo Marsh, 31, was shot in the leg on Pellow Lane early Monday after an argument outside a bar, "
         "police said. He was treated at Saint Aubyn Hospital and released."),
        ("Pellow Lane bar argument ends in gunfire",
         "An argument outside a bar on Pellow Lane ended with Ivo Marsh, 31, shot in the leg, officers said. "
         "A man seen running toward the railway bridge is being sought."),
    ]
    both = ("A 22-year-old man, Dorran Pike, was ordered held without bail on Thursday. Prosecutors say Pike "
            "drove the van in the Aug. 3 drive-by that left Tamsin Verrall fighting for her life and fired "
            "the shot that wounded Ivo Marsh on Pellow Lane on Aug. 10.")
    stream = _stream(both) + [_article(f"p{i}", item, AUG4 + timedelta(days=7, hours=2 * i))
                              for i, item in enumerate(second)]
    assignment, _ = cluster_features(stream)
    assert assignment["f0"] == "story-f0"
    assert assignment["d0"] != assignment["p0"]
    # without the second day named it joins the first event's story
    one = both.replace(" on Aug. 10", "")
    assignment, _ = cluster_features(_stream(one) + stream[len(_stream()):])
    assert assignment["f0"] == "story-d0"


def test_a_follow_up_referring_back_to_two_stories_of_its_day_joins_the_one_it_shares_most_names_with():
    # the day's coverage split in two: a resident's short post names the street, nothing else
    post = ("Sirens on Corran Street", "Sirens woke the whole block on Corran Street around midnight, a "
            "resident wrote online. The council said the bin collection would be late this week.")
    follow_up = ("Pike drove the van in the Aug. 3 drive-by on Corran Street that left Tamsin Verrall "
                 "fighting for her life outside the Millbeck Houses, prosecutors say.")
    stream = _stream(follow_up) + [_article("x0", post, AUG4 + timedelta(hours=1))]
    assignment, _ = batch_cluster(stream, BatchConfig(sameday_days=-1.0))  # the same-day rule would join x0
    assert assignment["x0"] == "story-x0"  # not alike enough to join the day's other reports
    assert assignment["f0"] == "story-d0"  # Corran Street with both; Tamsin Verrall, the Millbeck Houses too


def test_the_same_days_reports_naming_one_rare_street_are_one_story():
    brief = ("Sirens on Corran Street", "A resident said she heard shots and sirens on Corran Street around "
             "midnight and saw several people carried to ambulances. Officers kept the road closed until "
             "dawn and asked neighbours for doorbell footage.")
    bakery = ("Bakery wins rye prize", "The Corran Street bakery won the Ousel Valley Show's prize for its "
              "rye bread, its owner Bryn Hollis said. Judge Marta Oyelaran praised the crust and the sour tang "
              "of the loaf, which is made with flour from Pell Mill. The bakery opened in 1998 and employs "
              "eleven bakers; Hollis plans a second shop near Harlow Quay next spring.")
    stream = _stream() + [_article("x0", brief, AUG4 + timedelta(hours=1)),
                          _article("y0", bakery, AUG4 + timedelta(hours=3))]
    assignment, _ = cluster_features(stream)
    assert assignment["x0"] == "story-d0"  # the day's coverage of the drive-by, short and in other words
    assert assignment["y0"] == "story-y0"  # the street named, nothing else alike (sameday_min_link)
    off, _ = batch_cluster(stream, BatchConfig(sameday_days=-1.0))
    assert off["x0"] == "story-x0"
    # three days later it is not the same day's report: the rule does nothing
    later = stream[:-2] + [_article("x0", brief, AUG4 + timedelta(days=3)), stream[-1]]
    assert cluster_features(later) == batch_cluster(later, BatchConfig(sameday_days=-1.0))
    assert cluster_features(later)[0]["x0"] == "story-x0"


VICTIMS = ("Tamsin Verrall", "Orin Bassey", "Kelda Moor")
VERDICT = ("Jury returns verdict after six-day trial",
           "Jurors deliberated for two days before finding Dorran Pike guilty on every count. Tamsin Verrall, "
           "Orin Bassey and Kelda Moor sat in the front row. Sentencing is set for the new year.")


def _with_people(f, people):
    """The features as the spaCy pass gives them: the people named as ``person:`` keys."""
    from dataclasses import replace
    return replace(f, entities={**f.entities, **{f"person:{p.lower()}": 1 for p in people}})


def _verdict_stream(named):
    out = [_with_people(f, VICTIMS) if f.id.startswith("d") else f for f in _stream()]
    verdict = _with_people(_article("v0", VERDICT, AUG4 + timedelta(days=150)), named)
    return out + [verdict]


def test_a_verdict_naming_three_of_its_events_people_joins_that_story_without_a_day():
    assignment, _ = cluster_features(_verdict_stream(VICTIMS))
    assert assignment["v0"] == assignment["d0"] == "story-d0"
    # one or two shared names are not enough: an official, a reporter or a family recurs
    # (the story-level rule below off: the verdict names Dorran Pike too)
    assignment, _ = batch_cluster(_verdict_stream(VICTIMS[:2]), BatchConfig(followup_exclusive_names=0))
    assert assignment["v0"] != assignment["d0"]
    assignment, _ = batch_cluster(_verdict_stream(VICTIMS), BatchConfig(followup_min_people=0,
                                                                        followup_exclusive_names=0))
    assert assignment["v0"] != assignment["d0"]


TRIAL = [("Jury selected in Dorran Pike attempted murder trial",
          "Jury selection ended on Monday in the attempted murder trial of Dorran Pike at Harlow Crown Court. "
          "Tamsin Verrall is expected to testify, prosecutors told the court."),
         ("Second day of Dorran Pike attempted murder trial",
          "On the second day of the attempted murder trial of Dorran Pike at Harlow Crown Court, Orin Bassey "
          "testified. Kelda Moor, his cousin, wept in the gallery.")]


def _trial_stream(others_named: tuple[str, ...] = ()):
    """The drive-by's stream (its articles naming its three victims) and a trial's two
    articles five months later, naming the victims between them: no one article names
    three; ``others_named``: victims the other stories name too."""
    out = [_with_people(f, VICTIMS) if f.id.startswith("d") else f for f in _stream()]
    out = [_with_people(f, others_named) if f.id.startswith("e") else f for f in out]
    trial = [_with_people(_article("t0", TRIAL[0], AUG4 + timedelta(days=150)), VICTIMS[:1]),
             _with_people(_article("t1", TRIAL[1], AUG4 + timedelta(days=151)), VICTIMS[1:])]
    return out + trial


def test_a_later_story_sharing_three_of_its_own_people_with_an_earlier_one_joins_it():
    assignment, _ = cluster_features(_trial_stream())
    assert assignment["t0"] == assignment["t1"] == assignment["d0"] == "story-d0"
    # names other stories hold too are no one story's own (an official, a reporter)
    assignment, _ = cluster_features(_trial_stream(others_named=VICTIMS[:1]))
    assert assignment["t0"] != assignment["d0"]
    assignment, _ = batch_cluster(_trial_stream(), BatchConfig(followup_exclusive_names=0))
    assert assignment["t0"] != assignment["d0"]


def test_the_stories_that_alone_name_an_incidents_people_join_it():
    # the trial (two articles) and the verdict months later name the three victims between
    # them; with the one-article rule off, the stories that alone hold the names join
    verdict = _with_people(_article("u0", VERDICT, AUG4 + timedelta(days=300)), VICTIMS)
    stream = _trial_stream() + [verdict]
    assignment, _ = batch_cluster(stream, BatchConfig(followup_min_people=0))
    assert assignment["u0"] == assignment["t0"] == assignment["d0"] == "story-d0"
    assignment, _ = batch_cluster(stream, BatchConfig(followup_min_people=0, followup_exclusive_names=0))
    assert assignment["u0"] != assignment["d0"] and assignment["t0"] != assignment["d0"]
