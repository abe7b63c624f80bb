"""The synthetic store of bench/web.py: 10,000 articles in 1,000 stories, and a stored
comparison for every story (facts, conflicts, quote variants, timeline, framing,
exclusives, brief, hashtags) of about the size the compare stage gives the examples'
stories, so the story page is measured with every section it shows. Reproducible from
SEED; the comparison is synthetic (shaped by docs/json-schema.md, citing real spans of
the synthetic articles), not the compare stage's output, which is meaningless on
random text and would take ~10 minutes.
"""

from __future__ import annotations

import difflib
import logging
import random
import re
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

logger = logging.getLogger("bench.web_store")

SEED = 20260308
N_ARTICLES = 10_000
N_STORIES = 1_000

OUTLETS = ["Norland Courier", "Harbor Wire", "Kessel Valley Today", "Meridian Press", "Radio Kessel",
           "Alder Evening Post", "Tavrin Herald", "The Atlantic Ledger", "The Kalesh Observer",
           "Kalesh Morning Star", "Port Vell Gazette", "Coast Wire", "Lindqvist Daily", "Orsa Times"]
PLACES = ["Port Alder", "Lindby", "Ostervik", "Greymoor", "Tavrin", "Kalesh", "Port Vell", "Orsa", "Brannholm",
          "Sundmark", "Vellmar", "Kessel Valley", "Halden Bay", "Eskerby"]
FIRST = ["Renée", "Mikaël", "Sunita", "Tomás", "Omar", "Ada", "Jonah", "Mara", "Ilse", "Pavel", "Noor", "Keiko"]
LAST = ["Duchâtel", "Bråthen", "Kharvel", "Ferreiro-Nadal", "Lindenbaum", "Brenner", "Quill", "Quist", "Aaltonen",
        "Varga", "Haddad", "Moreau"]
ROLES = ["the mayor", "a spokesperson for the water authority", "the finance minister", "a local engineer",
         "the harbour master", "a union leader", "the governor", "an economist at Corran Hale Securities"]
TOPICS = ["flood defences", "the ferry service", "interest rates", "fuel prices", "the dam inspection",
          "school closures", "the port expansion", "a hospital strike", "rail repairs", "the grain harvest"]
VERBS = ["said", "told reporters", "said in a statement", "wrote on social media", "added"]
UNITS = [("people", "person"), ("homes", "home"), ("percent", None), ("million krona", None), ("boats", "boat"),
         ("kilometres", None), ("jobs", "job")]
TIMES = [("on Monday", "day"), ("on Tuesday", "day"), ("last week", "week"), ("in March", "month"),
         ("next year", "year"), ("three days ago", "day"), ("this morning", "time")]
WORDS = ("council water river bridge vote budget repair storm harbour ferry rates inflation evacuation dam "
         "engineers residents minister report inquiry contract").split()


class _Text:
    """Builds article text piece by piece and records spans as it goes."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0

    def add(self, piece: str) -> tuple[int, int]:
        start = self.pos
        self.parts.append(piece)
        self.pos += len(piece)
        return start, self.pos

    def text(self) -> str:
        return "".join(self.parts)


def _article(rng: random.Random, n: int, topic: str, place: str, people: list[str], published: datetime,
             outlet: str) -> Any:
    from storylens.model import Article, Entity, Figure, Quote, Span, TimeRef, content_id

    t = _Text()
    mentions: dict[str, list[Any]] = {}
    quotes: list[Any] = []
    figures: list[Any] = []
    times: list[Any] = []
    paragraphs = rng.randint(5, 7)
    for p in range(paragraphs):
        if p:
            t.add("\n\n")
        for _ in range(rng.randint(2, 3)):
            kind = rng.random()
            if kind < 0.3:
                person = rng.choice(people)
                t.add("\u201c")
                words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16)))
                q0, q1 = t.add(f"We will not accept delays on {topic}, {words}")
                t.add(",\u201d ")
                s0, s1 = t.add(person)
                mentions.setdefault(person, []).append(Span(s0, s1))
                c0, c1 = t.add(" " + rng.choice(VERBS))
                t.add(". ")
                quotes.append(Quote(t.text()[q0:q1], q0, q1, "direct", person, s0, s1,
                                    f"person:{person.casefold()}", t.text()[c0 + 1:c1], c0 + 1, c1))
            elif kind < 0.6:
                value = rng.randint(2, 5000)
                unit, counts = rng.choice(UNITS)
                t.add("Officials in ")
                p0, p1 = t.add(place)
                mentions.setdefault(place, []).append(Span(p0, p1))
                t.add(" said ")
                f0, f1 = t.add(f"about {value:,} {unit}")
                t.add(f" were affected by {topic} ")
                w, gran = rng.choice(TIMES)
                d0, d1 = t.add(w)
                t.add(". ")
                figures.append(Figure(t.text()[f0:f1], f0, f1, value=float(value), bound="~", unit=unit,
                                      counts=counts))
                times.append(TimeRef(w, d0, d1, published.date().isoformat(), gran, published.date().isoformat()))
            else:
                words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(14, 26)))
                t.add(f"The debate over {topic} in {place} continued as {rng.choice(ROLES)} reviewed the {words}. ")
    text = t.text().replace(" \n\n", "\n\n").rstrip()
    entities = [Entity(("person:" if name in people else "place:") + name.casefold(), name,
                       "person" if name in people else "place", [], [m for m in spans if m.end <= len(text)])
                for name, spans in mentions.items()]
    headline = f"{place}: {topic} {rng.choice(['row deepens', 'plan approved', 'talks stall', 'costs rise'])} ({n})"
    return Article(
        id=content_id(f"bench-{SEED}-{n}".encode()), source=f"bench/synthetic#{n}", text=text,
        paragraphs=text.split("\n\n"), url=f"https://{outlet.lower().replace(' ', '-')}.example/{n}", outlet=outlet,
        headline=headline, byline=f"By {rng.choice(FIRST)} {rng.choice(LAST)}", published=published, language="en",
        entities=entities, quotes=[q for q in quotes if q.end <= len(text)],
        figures=[f for f in figures if f.end <= len(text)], time_refs=[x for x in times if x.end <= len(text)],
    )


def build_store(path: Path, n_articles: int = N_ARTICLES, n_stories: int = N_STORIES) -> None:
    """Write the synthetic corpus into a new store at ``path`` (reproducible from SEED)."""
    from storylens.serialise import story_from_dict
    from storylens.store import open_store

    rng = random.Random(SEED)
    sizes = [1] * n_stories
    for _ in range(n_articles - n_stories):  # skewed: a few big stories (up to ~90 articles), many small
        sizes[min(int(n_stories * rng.random() ** 1.5), n_stories - 1)] += 1
    rng.shuffle(sizes)
    base = datetime(2026, 1, 1, tzinfo=timezone.utc)
    stories: list[dict[str, Any]] = []
    links: dict[str, dict[str, str | None]] = {}
    n = 0
    started = time.perf_counter()
    with open_store(path) as store:
        for _s, size in enumerate(sizes):
            topic, place = rng.choice(TOPICS), rng.choice(PLACES)
            people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3)]
            start = base + timedelta(hours=rng.randrange(24 * 365))
            members = []
            for _ in range(size):
                published = start + timedelta(minutes=rng.randrange(60 * 72))
                members.append(_article(rng, n, topic, place, people, published, rng.choice(OUTLETS)))
                n += 1
            store.add_articles(members, batch_size=200)
            members.sort(key=lambda a: (a.published, a.id))
            story_id = f"story-{members[0].id}"
            group = [a.id for a in members[:3]] if size >= 4 and rng.random() < 0.3 else []
            for a in members:
                links[a.id] = {"story_id": story_id, "duplicate_of": None,
                               "syndication_group": f"syn-{min(group)}" if a.id in group else None}
            outlets = sorted({a.outlet for a in members if a.outlet})
            stories.append({
                "id": story_id, "title": members[0].headline, "lead": members[0].id, "articles": [a.id for a in members],
                "entities": [{"key": f"person:{p.casefold()}", "name": p, "articles": size} for p in people],
                "first_published": members[0].published.isoformat(), "last_published": members[-1].published.isoformat(),
                "outlets": outlets, "independent_sources": size - max(0, len(group) - 1),
                "syndication_groups": ([{"id": f"syn-{min(group)}", "members": group, "agency": "Harbor Wire",
                                         "original": group[0], "similarity": 0.95, "links": []}] if group else []),
            })
        store.replace_stories([story_from_dict(s) for s in stories], links)
    logger.info("built %s: %d articles, %d stories in %.0f s", path, n, len(stories), time.perf_counter() - started)



_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")


def _sentences(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _SENTENCE.finditer(text):
        start = m.start() + len(m.group()) - len(m.group().lstrip())
        if m.end() - start > 20:
            out.append((start, m.end()))
    return out


def _cite(a: Any, span: tuple[int, int]) -> dict[str, Any]:
    return {"article_id": a.id, "start": span[0], "end": span[1], "text": a.text[span[0]:span[1]]}


def synthetic_comparison(rng: random.Random, members: list[Any]) -> dict[str, Any]:
    """A comparison of a story's articles shaped like the compare stage's (see the module doc)."""
    sents = {a.id: _sentences(a.text) for a in members}
    members = [a for a in members if sents[a.id]] or members[:0]
    outlet = {a.id: a.outlet or a.source for a in members}
    facts: list[dict[str, Any]] = []
    for _k in range(min(60, 5 * len(members) + 3) if members else 0):
        first = rng.choice(members)
        others = rng.sample(members, min(len(members), rng.randint(1, 3))) if rng.random() < 0.5 else [first]
        chosen = {a.id: a for a in [first, *others]}
        support = [_cite(a, rng.choice(sents[a.id])) for a in chosen.values()]
        n = len(support)
        facts.append({"id": f"fact-{rng.getrandbits(48):012x}", "statement": support[0]["text"], "support": support,
                      "independent_sources": n, "status": "corroborated" if n > 1 else "single-source",
                      "asserted_by": "outlet", "outlets": sorted({outlet[c["article_id"]] for c in support})})
    conflicts = []
    for fact in [f for f in facts if len(f["support"]) > 1][:3]:
        fact["status"] = "disputed"
        conflicts.append({"id": f"conflict-{rng.getrandbits(48):012x}", "kind": "figure", "about": "how many people",
                          "sides": [{"claim": " ".join(c["text"].split()[:4]), "asserted_by": "outlet",
                                     "citation": c, "value": None} for c in fact["support"][:2]],
                          "fact_ids": [fact["id"]]})
    quotes = [(a, q) for a in members for q in a.quotes]
    rng.shuffle(quotes)
    groups = []
    for a, q in quotes[:15]:
        variants = [(a, q)] + [(b, r) for b, r in quotes if b.id != a.id][:rng.choice([0, 0, 1, 2])]
        ref = q.text.split()
        out = []
        for b, r in variants:
            words = r.text.split()
            ops = [{"op": op, "ref": ref[i1:i2], "variant": words[j1:j2]}
                   for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=ref, b=words).get_opcodes()]
            out.append({"article_id": b.id, "citation": _cite(b, (r.start, r.end)),
                        "fidelity": "verbatim" if words == ref else "altered", "kind": r.kind, "speaker": r.speaker_entity,
                        "against": 0, "coverage": 1.0, "diff": ops})
        groups.append({"id": f"qg-{rng.getrandbits(48):012x}", "speaker": q.speaker_entity, "speaker_name": q.speaker,
                       "speakers": [q.speaker_entity], "attribution_differs": False,
                       "fidelity": "altered" if any(v["fidelity"] == "altered" for v in out) else "verbatim",
                       "articles": [v["article_id"] for v in out], "independent_sources": len(out), "variants": out})
    timeline = []
    refs = [(a, t) for a in members for t in a.time_refs]
    for a, t in refs[:12]:
        sentence = next((s for s in sents[a.id] if s[0] <= t.start and t.end <= s[1]), (t.start, t.end))
        mention = {"article_id": a.id, "ref": _cite(a, (t.start, t.end)), "sentence": _cite(a, sentence),
                   "value": t.value, "inferred_anchor": False}
        timeline.append({"id": f"ev-{rng.getrandbits(40):010x}", "date": t.value[:10], "granularity": "day",
                         "description": mention["sentence"], "articles": [a.id], "inferred_anchor": False,
                         "mentions": [mention]})
    framing = [{"article_id": a.id, "kind": "attribution", "cue": q.cue, "citation": _cite(a, (q.cue_start, q.cue_end))}
               for a, q in quotes[:2] if q.cue and q.cue_start is not None and q.cue_end is not None]
    ranked = sorted(facts, key=lambda f: -f["independent_sources"])
    hashtags = sorted({"#" + (a.headline or "x").split(":")[0].replace(" ", "") for a in members})[:6]
    brief = {"summary": [{"text": f["statement"], "citations": f["support"]} for f in ranked[:6]],
             "disputed": [{"text": c["about"], "citations": [s["citation"] for s in c["sides"]]} for c in conflicts],
             "timeline": [{"text": e["description"]["text"], "citations": [e["description"]], "date": e["date"]}
                          for e in timeline],
             "quoted": [{"speaker": g["speaker"], "name": g["speaker_name"], "outlets": [], "outlet_count": 1,
                         "utterances": 1, "citations": [g["variants"][0]["citation"]]} for g in groups[:6]],
             "hashtags": hashtags}
    outlets = sorted(set(outlet.values()))
    only_in = {o: [f["id"] for f in facts if f["outlets"] == [o]] for o in outlets}
    missing = {o: [f["id"] for f in facts if f["status"] != "single-source" and o not in f["outlets"]] for o in outlets}
    return {"facts": facts, "conflicts": conflicts, "quote_variants": groups,
            "exclusives": {"only_in": {k: v for k, v in only_in.items() if v},
                           "missing_from": {k: v for k, v in missing.items() if v}},
            "framing": framing, "timeline": timeline, "brief": brief, "hashtags": hashtags, "entity_links": {}}


def add_comparisons(path: Path) -> None:
    """Store a synthetic comparison for every story of the store that has none."""
    from storylens.serialise import comparison_from_dict
    from storylens.store import open_store

    started = time.perf_counter()
    with open_store(path) as store:
        stories = store.list_stories(limit=N_STORIES * 10)
        todo = [s for s in stories if store.get_comparison(s.id) is None]
        for story in todo:
            rng = random.Random(f"{SEED}-{story.id}")
            comparison = synthetic_comparison(rng, store.get_articles(story.articles))
            store.replace_comparison(story.id, comparison_from_dict(comparison))
    if todo:
        logger.info("stored comparisons of %d stories in %.0f s", len(todo), time.perf_counter() - started)
