"""An embedded post's words are its author's, through `storylens analyze`.

Fictional story: the Velden Herald reports a flood and embeds two posts (a resident's
and the fire service's), each followed by the signature line a page gives an embedded
post; the Aumark Gazette reports the same flood in its own words."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from test_genre_corroboration import record, run  # noqa: E402

RESIDENT_POST = "The water is already at the second step of the town hall, never seen it this high"
SERVICE_POST = "Forty homes on Quay Lane were evacuated overnight. Stay away from the river bank"
HERALD = (
    "The river Aum burst its banks in Velden on Monday night after three days of rain, flooding the old town.\n\n"
    "Forty homes on Quay Lane were evacuated overnight, the fire service said on Tuesday morning.\n\n"
    f"{RESIDENT_POST} #Velden pic.twitter.com/Xy12Ab — Mira Holt (@mirahvelden) March 3, 2026\n\n"
    f"{SERVICE_POST}.\n\n— Velden Fire Service (@veldenfire) March 3, 2026\n\n"
    "The council has opened the sports hall on Mill Road as a shelter.")
GAZETTE = (
    "Forty homes on Quay Lane in Velden were evacuated overnight as the river Aum burst its banks, the fire "
    "service said on Tuesday.\n\n"
    "The river rose after three days of rain and flooded the old town of Velden on Monday night.\n\n"
    "Families were taken to a shelter in the sports hall on Mill Road, the council said.")


HERALD_RECORD = record("Velden Herald", HERALD, "Aum floods Velden old town", "https://velden-herald.example/flood")
GAZETTE_RECORD = record("Aumark Gazette", GAZETTE, "Forty homes evacuated in Velden flood",
                        "https://aumark-gazette.example/velden-flood")


def analyze(tmp_path: Path, records: list[str]) -> dict:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "news.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    out = tmp_path / "report"
    run("analyze", inputs, "--out", out, "--format", "json", "-q")
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def test_an_embedded_post_is_its_authors_quotation_and_its_signature_no_claim(tmp_path: Path) -> None:
    report = analyze(tmp_path, [HERALD_RECORD, GAZETTE_RECORD])
    [herald] = [a for a in report["articles"] if a["outlet"] == "Velden Herald"]
    posts = {q["text"]: q for q in herald["quotes"] if q["medium"] == "social media post"}
    resident_post = posts[f"{RESIDENT_POST} #Velden"]  # its words without the trailing picture link
    assert resident_post["speaker"] == "Mira Holt" and resident_post["kind"] == "direct"
    assert posts[f"{SERVICE_POST}."]["speaker"] == "Velden Fire Service"
    [story] = [s for s in report["stories"] if len(s["articles"]) == 2]
    by_text = {c["text"]: f for f in story["facts"] for c in f["support"]}
    resident = next(f for text, f in by_text.items() if text.startswith("The water is already"))
    assert resident["asserted_by"] != "outlet" and "Holt" in resident["asserted_by"].title()
    assert not [t for t in by_text if "(@" in t]  # a signature is never a claim
    # a post's date dates the post: its words with the signature are the event's sentence
    told = {m["sentence"]["text"] for e in story["timeline"] for m in e["mentions"] if "(@" in m["sentence"]["text"]}
    assert told == {f"{RESIDENT_POST} #Velden pic.twitter.com/Xy12Ab — Mira Holt (@mirahvelden) March 3, 2026",
                    f"{SERVICE_POST}.\n\n— Velden Fire Service (@veldenfire) March 3, 2026"}


def test_a_brief_gives_a_posts_words_with_the_name_it_is_signed_with(tmp_path: Path) -> None:
    report = analyze(tmp_path, [HERALD_RECORD])  # one outlet: the brief is its own sentences
    [story] = report["stories"]
    lines = [line["text"] for line in story["brief"]["single_source"]]
    assert f"Velden Fire Service: “{SERVICE_POST}.”" in lines
    assert not [line for line in lines if line.startswith(SERVICE_POST)]
