"""Corroborated facts on NewsWCL50 dev against a small hand-built gold (a regression
check in the suite and for ``bench/compare.py``'s articles; ``storylens eval compare``,
``storylens.eval.compare``, scores the comparison on the real-event gold instead).

The gold (``data/newswcl50_compare_gold.json``) lists, for dev events 0 (Pompeo's visit
to North Korea) and 5 (Trump's UK visit announced), the events alignment is tuned on, and
2 (North Korea suspends tests) and 3 (the DNC lawsuit), held out (``held_out``: annotated
before the aligner was changed against the others, scored separately), facts stated by
two or more of the five outlets, each with the sentence span(s) that state it in each document, as character
offsets into the record's ``text``. It holds no text. It was built by reading the
beginning of each document (about 2,000 characters; ``annotated`` gives the offset per
doc), marking every fact two or more outlets state there. Predictions are scored on
their citations inside that part; judgement calls (what counts as "the same fact") make
precision against it a conservative figure.

Every record becomes an ``Article`` (``text`` as given, outlet = its lean label, no
headline: the first line of the text is the title) and goes through the extractors. The
articles of each event are compared on their own (as a story would be), and a predicted
fact with ≥ 2 independent sources matches a gold fact when, in at least two documents,
it cites a span that overlaps one of the gold spans of that document.

Quote groups (``evaluate_quotes``, gold ``data/newswcl50_quote_gold.json``, dev events 0,
5 and 6, whole documents read): quotations of one utterance printed by two or more
outlets, each variant as document id and offsets with a judged fidelity. A predicted
group quoted in two or more documents matches a gold group when, in at least two
documents, one of its variants overlaps one of the gold group's variants; fidelity is
scored on every gold variant a matched group's variant overlaps (the label of that
predicted variant against the judged one), and per group on the worst fidelity.

Also reported: that no fact cites an article of another event when the events are
compared one by one (``cross_event_facts``: must be 0), and, as a harder check, how many
corroborated facts mix events when all documents are compared as one story
(``mixed_when_pooled``).
"""

from __future__ import annotations

import json
import logging
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from ..compare.facts import align_facts
from ..compare.quote_variants import FIDELITY_ORDER, QuoteGroup, group_quote_variants
from ..model import Article, Fact
from . import newswcl50

__all__ = ["GOLD_PATH", "QUOTE_GOLD_PATH", "load_gold", "held_out_events", "records_to_articles", "match",
           "evaluate", "evaluate_quotes", "match_quotes", "place_conflict_check"]

log = logging.getLogger(__name__)

GOLD_PATH = Path(__file__).parent / "data" / "newswcl50_compare_gold.json"
QUOTE_GOLD_PATH = Path(__file__).parent / "data" / "newswcl50_quote_gold.json"


def load_gold(path: Path | None = None) -> tuple[dict[str, list[dict[str, Any]]], dict[str, int]]:
    """Event -> gold facts (``id``, ``what``, ``support``: doc id -> [[start, end], ...]),
    and doc id -> the offset up to which the doc was annotated."""
    data = json.loads((path or GOLD_PATH).read_text(encoding="utf-8"))
    return data["events"], data["annotated"]


def held_out_events(path: Path | None = None) -> list[str]:
    """Gold events kept out of alignment tuning (scored separately)."""
    return list(json.loads((path or GOLD_PATH).read_text(encoding="utf-8")).get("held_out") or [])


def _inside(fact: Fact, annotated: dict[str, int]) -> Fact:
    """The fact with only its citations inside the annotated part of each document."""
    support = [c for c in fact.support if c.field == "text" and c.end <= annotated.get(c.article_id, -1)]
    return Fact(fact.id, fact.statement, support, len({c.article_id for c in support}), fact.status,
                fact.asserted_by, fact.outlets)


def records_to_articles(records: list[dict[str, Any]]) -> list[Article]:
    from ..extract import extract_articles

    articles = [Article(id=r["id"], source=f"newswcl50/{r['id']}", text=r["text"],
                        paragraphs=[p for p in r["text"].split("\n") if p], outlet=r.get("outlet_lean") or r["id"],
                        story_id=str(r["topic"])) for r in records]
    extract_articles(articles)
    return articles


def match(fact: Fact, gold: dict[str, Any]) -> bool:
    """The fact cites spans overlapping the gold spans in at least two documents."""
    docs = 0
    for doc, spans in gold["support"].items():
        if any(c.article_id == doc and c.field == "text" and any(c.start < e and s < c.end for s, e in spans)
               for c in fact.support):
            docs += 1
    return docs >= 2


def evaluate(data: Path | None = None, split: str = "dev", limit: int | None = None,
             gold_path: Path | None = None) -> dict[str, Any]:
    """Precision and recall of corroborated facts against the gold, per event and overall,
    the cross-event check, and seconds spent comparing."""
    gold, annotated = load_gold(gold_path)
    records = newswcl50.load_records(data, split, limit)
    articles = records_to_articles(records)
    event_of = {a.id: a.story_id for a in articles}
    by_event: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        by_event[str(a.story_id)].append(a)
    started = time.perf_counter()
    facts_by_event = {ev: align_facts(arts) for ev, arts in sorted(by_event.items())}
    seconds = time.perf_counter() - started
    cross = sum(1 for facts in facts_by_event.values() for f in facts
                if len({event_of[c.article_id] for c in f.support}) > 1)
    out: dict[str, Any] = {"events": {}, "cross_event_facts": cross, "compare_seconds": round(seconds, 3)}
    for ev, gold_facts in sorted(gold.items()):
        if ev not in facts_by_event:
            continue
        # Scored inside the annotated part; every NewsWCL50 doc is its own outlet and source.
        predicted = [g for g in (_inside(f, annotated) for f in facts_by_event[ev]
                                 if f.independent_sources >= 2) if g.independent_sources >= 2]
        good = sum(1 for f in predicted if any(match(f, g) for g in gold_facts))
        found = [g["id"] for g in gold_facts if any(match(f, g) for f in predicted)]
        out["events"][ev] = {"predicted": len(predicted), "predicted_matching": good, "gold": len(gold_facts),
                             "gold_found": len(found), "missed": [g["id"] for g in gold_facts if g["id"] not in found],
                             "precision": round(good / len(predicted), 4) if predicted else 0.0,
                             "recall": round(len(found) / len(gold_facts), 4) if gold_facts else 0.0}
    held = set(held_out_events(gold_path))
    # "precision"/"recall": the tuning events; "held_out" and "all" beside them.
    subsets = (("", [ev for ev in out["events"] if ev not in held]),
               ("held_out", [ev for ev in out["events"] if ev in held]), ("all", list(out["events"])))
    for name, chosen in subsets:
        evs = [out["events"][ev] for ev in chosen]
        tp_pred, n_pred = sum(e["predicted_matching"] for e in evs), sum(e["predicted"] for e in evs)
        tp_gold, n_gold = sum(e["gold_found"] for e in evs), sum(e["gold"] for e in evs)
        scores = {"events": sorted(chosen),
                  "precision": round(tp_pred / n_pred, 4) if n_pred else 0.0,
                  "recall": round(tp_gold / n_gold, 4) if n_gold else 0.0}
        if name:
            out[name] = scores
        else:
            out.update(precision=scores["precision"], recall=scores["recall"], tuning_events=scores["events"])
    pooled = [f for f in align_facts(articles) if f.independent_sources >= 2]
    out["mixed_when_pooled"] = sum(1 for f in pooled if len({event_of[c.article_id] for c in f.support}) > 1)
    out["corroborated_when_pooled"] = len(pooled)
    log.info("compare gold: P %.3f R %.3f", out["precision"], out["recall"])
    return out


def _overlaps(doc: str, start: int, end: int, variants: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [v for v in variants if v["doc"] == doc and start < v["span"][1] and v["span"][0] < end]


def match_quotes(group: QuoteGroup, gold: dict[str, Any]) -> bool:
    """In at least two documents a variant of ``group`` overlaps one of ``gold``'s."""
    docs = {v.citation.article_id for v in group.variants
            if _overlaps(v.citation.article_id, v.citation.start, v.citation.end, gold["variants"])}
    return len(docs) >= 2


def evaluate_quotes(data: Path | None = None, split: str = "dev", gold_path: Path | None = None) -> dict[str, Any]:
    """Precision and recall of cross-outlet quote groups against the quote gold, per event
    and overall, with fidelity accuracy on matched groups (per variant and per group)."""
    gold = json.loads((gold_path or QUOTE_GOLD_PATH).read_text(encoding="utf-8"))["events"]
    records = [r for r in newswcl50.load_records(data, split, None) if str(r["topic"]) in gold]
    by_event: dict[str, list[Article]] = defaultdict(list)
    for a in records_to_articles(records):
        by_event[str(a.story_id)].append(a)
    out: dict[str, Any] = {"events": {}}
    tp_pred = n_pred = tp_gold = n_gold = fid_ok = fid_n = grp_ok = grp_n = split_groups = 0
    confusion: dict[str, int] = defaultdict(int)
    for ev, gold_groups in sorted(gold.items()):
        predicted = [g for g in group_quote_variants(by_event.get(ev, [])) if len(set(g.articles)) >= 2]
        good = [g for g in predicted if any(match_quotes(g, gg) for gg in gold_groups)]
        found = [gg["id"] for gg in gold_groups if any(match_quotes(g, gg) for g in predicted)]
        for gg in gold_groups:
            matched = [g for g in predicted if match_quotes(g, gg)]
            split_groups += len(matched) > 1
            for g in matched:
                grp_n += 1
                worst = min((v["fidelity"] for v in gg["variants"]), key=FIDELITY_ORDER.index)
                grp_ok += g.fidelity == worst
                for v in g.variants:
                    for gv in _overlaps(v.citation.article_id, v.citation.start, v.citation.end, gg["variants"]):
                        fid_n += 1
                        fid_ok += v.fidelity == gv["fidelity"]
                        confusion[f"{gv['fidelity']}->{v.fidelity}"] += 1
        out["events"][ev] = {"predicted": len(predicted), "predicted_matching": len(good), "gold": len(gold_groups),
                             "gold_found": len(found), "missed": [g["id"] for g in gold_groups if g["id"] not in found],
                             "unmatched_predicted": [[(v.citation.article_id, v.citation.start, v.citation.end)
                                                      for v in g.variants] for g in predicted if g not in good]}
        tp_pred, n_pred = tp_pred + len(good), n_pred + len(predicted)
        tp_gold, n_gold = tp_gold + len(found), n_gold + len(gold_groups)
    out["precision"] = round(tp_pred / n_pred, 4) if n_pred else 0.0
    out["recall"] = round(tp_gold / n_gold, 4) if n_gold else 0.0
    out["gold_split"] = split_groups  # gold groups whose utterance the prediction splits into several groups
    out["fidelity_accuracy"] = round(fid_ok / fid_n, 4) if fid_n else 0.0
    out["fidelity_variants"] = fid_n
    out["group_fidelity_accuracy"] = round(grp_ok / grp_n, 4) if grp_n else 0.0
    out["fidelity_confusion"] = dict(sorted(confusion.items()))
    log.info("quote gold: P %.3f R %.3f", out["precision"], out["recall"])
    return out


def place_conflict_check(data: Path | None = None, split: str = "dev") -> dict[str, Any]:
    """Place conflicts on NewsWCL50, event by event: how many the real articles give (no
    true one is known, so each is a false dispute), and how many of a set of injected
    errors are found. An injection replaces, in one article, every occurrence of a place
    name that follows "in"/"at"/"near" there and that another article of the event also
    names, with a far place of another country (a city with "Lisbon", anything else with
    "Portugal"); it is found when a place conflict cites that article."""
    import re

    from ..compare import compare_story
    from ..compare.places import resolve

    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in newswcl50.load_records(data, split, None):
        by_event[str(r["topic"])].append(r)
    natural = tried = found = elsewhere = 0
    for records in by_event.values():
        articles = records_to_articles(records)
        natural += sum(c.kind == "place" for c in compare_story(articles).conflicts)
        names = {a.id: {a.text[m.start:m.end] for e in a.entities if e.kind == "place" for m in e.mentions}
                 for a in articles}
        for a in articles:
            for name in sorted(names[a.id]):
                readings = resolve(name)
                if (not readings or any(p.country == "PT" for p in readings)
                        or not re.search(rf"\b(?:in|at|near)\s+(?:the\s+)?{re.escape(name)}\b", a.text)
                        or not any(name in names[b.id] for b in articles if b.id != a.id)):
                    continue
                far = "Lisbon" if all(p.kind == "city" for p in readings) else "Portugal"
                changed = [dict(r, text=re.sub(rf"\b{re.escape(name)}\b", far, r["text"])) if r["id"] == a.id else r
                           for r in records]
                places = [c for c in compare_story(records_to_articles(changed)).conflicts if c.kind == "place"]
                hit = sum(any(s.citation.article_id == a.id for s in c.sides) for c in places)
                tried, found, elsewhere = tried + 1, found + (hit > 0), elsewhere + len(places) - hit
    return {"place_conflicts": natural, "injections": tried, "injections_found": found,
            "other_place_conflicts_when_injected": elsewhere}
