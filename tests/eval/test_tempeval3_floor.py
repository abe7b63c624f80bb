"""TempEval-3 Task A gate: the time-reference extractor must not fall below its measured scores.

The floor runs ``evaluate(limit=100)`` (the first 100 files in sorted order: all 73 AQUAINT
files and 27 TimeBank files, about 15 s). Measured on that sample: relaxed F1 .927,
strict F1 .849, value F1 .746; floors sit just below. The scorer's TimeML reading and
matching are tested on a small document written for this test, without the shared data.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import pytest

from storylens.eval.data import MissingDataError, shared_dir
from storylens.eval.tempeval3 import GoldTimex, _Counts, _score_doc, evaluate, parse_timeml

SAMPLE = 100
FLOORS = {"relaxed_f1": 0.91, "strict_f1": 0.83, "value_f1": 0.73}

_TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>fictional-1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2026-03-13" temporalFunction="false" functionInDocument="CREATION_TIME">20260313</TIMEX3></DCT>
<TEXT>
The Orla &amp; Dunmore ferry <EVENT eid="e1" class="OCCURRENCE">sank</EVENT> <TIMEX3 tid="t1" type="DATE" value="2026-03-07">on Saturday</TIMEX3>, and the inquiry will take <TIMEX3 tid="t2" type="DURATION" value="P3M">three months</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_timeml_text_offsets_and_dct() -> None:
    doc = parse_timeml(_TIMEML, "fictional-1")
    assert doc.dct == datetime(2026, 3, 13, tzinfo=timezone.utc)
    assert "Orla & Dunmore" in doc.text and "<" not in doc.text
    assert [(g.text, g.value) for g in doc.timexes] == [("on Saturday", "2026-03-07"), ("three months", "P3M")]
    for gold in doc.timexes:
        assert doc.text[gold.start:gold.end] == gold.text


def test_matching_counts_relaxed_strict_and_value() -> None:
    gold = [GoldTimex(10, 21, "on Saturday", "2026-03-07", "DATE"), GoldTimex(40, 52, "three months", "P3M", "DURATION"),
            GoldTimex(0, 5, "dct", "2026-03-13", "DATE", creation_time=True)]
    counts = _Counts()
    # overlapping with a wrong span but right value; exact span with a wrong value; one spurious;
    # one on the creation time, which is not scored
    _score_doc(gold, [(13, 21, "2026-03-07"), (40, 52, "P90D"), (60, 65, "PAST_REF"), (1, 3, "2026-03-13")], counts)
    assert (counts.gold, counts.predicted, counts.relaxed, counts.strict, counts.value) == (2, 3, 2, 1, 1)


@pytest.fixture(scope="module")
def data() -> Path:
    try:
        return shared_dir("eval/tempeval3/train") / "eval" / "tempeval3" / "train"
    except MissingDataError as exc:
        pytest.skip(str(exc))


def test_tempeval3_floors(data: Path) -> None:
    scores = evaluate(limit=SAMPLE)
    assert scores["documents"] == SAMPLE
    for name, floor in FLOORS.items():
        assert scores[name] >= floor, f"{name} {scores[name]:.4f} fell below its floor {floor} ({scores})"
