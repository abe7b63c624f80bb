"""The cross-outlet comparison against hand-built gold on real events
(``shared/eval/compare/<split>/``, defined by its ``GUIDELINE.md``).

Each gold event's articles (texts from ``shared/eval/gva`` and ``basil``) are written to
one JSONL file (url ``https://example.org/<id>``, so a report's article is found by the
last part of its url), analysed as one batch by :func:`storylens.pipeline.analyze` (what
``storylens analyze`` runs), and written as ``report.json`` by the CLI's JSON writer. The
report is scored with the definitions of ``shared/tools/score_compare.py`` (reimplemented
here: nothing under ``shared`` is imported at run time; ``tests/eval`` checks that both
give the same figures on every dev event):

* claim pairs: a gold claim stated in articles a and b is one gold pair; a corroborated
  or disputed fact citing spans in a and b is one system pair, right when both spans
  overlap mentions of one gold claim. Precision and recall averaged over events.
* conflict pairs: two sides of a conflict with different claims in different articles;
  right when they overlap two sides of one gold conflict with different claims. Summed
  over events. Likewise quote pairs (summed) and fidelity (verbatim and minor as one).
* brief: share of summary sentences whose citations (2+ articles) all fall on one gold
  claim, share of central claims stated, gold conflicts among the disputed points.
* timeline: share of matched time expressions dated right, and of gold mentions found
  with the right date.

Every gold mention is found by its text in the report's own (cleaned) article text, so
the citations the report really makes are scored. Events are scored on the stories as
grouped (a split event loses its cross-story pairs); ``one_story=True`` forces each
event's articles into one story to separate grouping from comparison.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from itertools import combinations
from pathlib import Path
from typing import Any

from ..config import Settings
from .data import MissingDataError, shared_dir

__all__ = ["EventResult", "gold_files", "event_records", "write_event_jsonl", "analyze_event", "score_report",
           "aggregate", "annotated_sections", "figure_section", "evaluate_events", "evaluate", "evaluate_detailed",
           "text_lines", "FETCHED_AT", "HELDOUT", "DEV2", "HELDOUT2", "QUOTES_CONFLICTS", "NEWSWCL50",
           "PACKAGED_SPLITS"]

log = logging.getLogger(__name__)

_FOLDER = "eval/compare"
#: The fetch time every event is analysed with (fixed, so runs are reproducible).
FETCHED_AT = datetime(2026, 1, 1, tzinfo=timezone.utc)
_URL = "https://example.org/{}"

Span = tuple[int, int]
Mention = tuple[str | None, str, Span]  # gold article id, field, (start, end)
#: A gold mention: always in an article of the event.
GoldMention = tuple[str, str, tuple[int, int]]


# -- data -------------------------------------------------------------------------------


#: The held-out gold packaged with Storylens (split ``heldout``): offsets only, into the
#: ``title``/``text`` of the records in ``shared/eval/<source>/dev.jsonl``.
HELDOUT = Path(__file__).parent / "data" / "compare_gold" / "heldout"
#: More dev events annotated in the project (split ``dev2``, tuning allowed), the same way.
DEV2 = Path(__file__).parent / "data" / "compare_gold" / "dev2"
#: A second held-out set (split ``heldout2``), annotated blind in the same way: six events
#: no one tuned against.
HELDOUT2 = Path(__file__).parent / "data" / "compare_gold" / "heldout2"
#: BASIL events annotated for their quotations and conflicts only (split
#: ``quotes-conflicts``, tuning allowed): enough altered quotations to measure fidelity.
QUOTES_CONFLICTS = Path(__file__).parent / "data" / "compare_gold" / "quotes-conflicts"
#: The seven NewsWCL50 dev events (split ``newswcl50``, tuning allowed): five outlets of
#: every political lean per event, long articles, claims, conflicts and quotations (the
#: records carry no publication date, so no timeline).
NEWSWCL50 = Path(__file__).parent / "data" / "compare_gold" / "newswcl50"
#: The splits whose gold is packaged with Storylens (the others are in ``shared/``).
PACKAGED_SPLITS = {"heldout": HELDOUT, "dev2": DEV2, "heldout2": HELDOUT2, "quotes-conflicts": QUOTES_CONFLICTS,
                   "newswcl50": NEWSWCL50}


def gold_files(data: Path | None = None, split: str = "dev") -> list[Path]:
    """The gold files of a split (``data``: a folder of gold files instead; splits
    ``heldout``, ``dev2``, ``heldout2``, ``quotes-conflicts`` and ``newswcl50``: the packaged gold,
    :data:`PACKAGED_SPLITS`)."""
    if data is None and split in PACKAGED_SPLITS:
        folder = PACKAGED_SPLITS[split]
    else:
        folder = data if data is not None else shared_dir(f"{_FOLDER}/{split}") / _FOLDER / split
    files = sorted(Path(folder).glob("*.json"))
    if not files:
        raise MissingDataError(f"no comparison gold files (*.json) in {folder}")
    return files


def _source_files(gold_path: Path, source: str, split: str) -> list[Path]:
    """Where a gold event's articles can be: beside the gold folder (``<eval>/<source>/``),
    then in the shared eval folder."""
    out = []
    near = gold_path.parent.parent.parent / source
    if near.is_dir():
        out += sorted(near.glob("*.jsonl"))
    try:
        shared = shared_dir(f"eval/{source}") / "eval" / source
        out += [p for p in sorted(shared.glob("*.jsonl")) if p not in out]
    except MissingDataError:
        pass
    out.sort(key=lambda p: p.stem != split)  # the split's own file first
    return out


def _gold_name(record: dict[str, Any]) -> str:
    """How the gold names an article: its id's last path part (NewsWCL50 ids are
    "0/-/0_L"; the gold says "0_L", the last segment of the URL it is analysed under)."""
    return str(record.get("id", "")).rsplit("/", 1)[-1]


def _event_of(record: dict[str, Any], source: str) -> str:
    """The gold event a record belongs to: its ``cluster`` ("gva-460726"), or the source
    and the cluster where the cluster is a bare number (NewsWCL50: "newswcl50-0")."""
    cluster = str(record.get("cluster", ""))
    return cluster if cluster.startswith(f"{source}-") else f"{source}-{cluster}"


def event_records(gold: dict[str, Any], gold_path: Path, split: str = "dev") -> list[dict[str, Any]]:
    """The gold event's article records (JSONL lines for ``analyze``), in gold order. A
    record whose ``cluster`` names another event is not the event's, whatever its id
    (some BASIL records share the id "empty"). A record without an ``outlet`` has its
    ``outlet_lean`` as its outlet (NewsWCL50 names its five outlets only by lean)."""
    wanted = set(gold["articles"])
    source = gold.get("source") or ""
    found: dict[str, dict[str, Any]] = {}
    for path in _source_files(gold_path, source, split):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not wanted - set(found):
                    break
                if not any(i in line for i in wanted - set(found)):
                    continue
                record = json.loads(line)
                name = _gold_name(record)
                if name in wanted and ("cluster" not in record or _event_of(record, source) == gold.get("event")):
                    found[name] = record
    missing = sorted(wanted - set(found))
    if missing:
        raise MissingDataError(f"{gold_path.name}: articles {', '.join(missing)} not found in the "
                               f"{gold.get('source')} data")
    out = []
    for i in gold["articles"]:
        r = found[i]
        out.append({"id": i, "url": _URL.format(i), "outlet": r.get("outlet") or r.get("outlet_lean"),
                    "published": r.get("published"), "title": r.get("title"), "text": r["text"]})
    return out


def write_event_jsonl(records: Sequence[dict[str, Any]], path: Path) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def analyze_event(records: Sequence[dict[str, Any]], workdir: Path, *, one_story: bool = False,
                  settings: Settings | None = None) -> dict[str, Any]:
    """Analyse the records as one batch (as ``storylens analyze`` does, with ``settings``:
    the CLI's ``--config``/``--set``), write ``workdir/report.json`` with the CLI's JSON
    writer and return it as read back."""
    from ..compare.settings import compare_settings
    from ..pipeline import analyze
    from ..report import Report, write_json

    settings = settings or Settings()
    workdir.mkdir(parents=True, exist_ok=True)
    inp = write_event_jsonl(records, workdir / "articles.jsonl")
    result = analyze([inp], fetched_at=FETCHED_AT, compare=not one_story, settings=settings)
    stories = result.stories
    if one_story and stories:
        from ..compare import compare_stories

        merged = replace(stories[0], articles=[a.id for a in result.articles],
                         syndication_groups=[g for s in stories for g in s.syndication_groups])
        stories = [merged]
        with compare_settings(settings.compare):
            compare_stories(result.articles, stories)
    report = Report(articles=result.articles, skipped=result.skipped, stories=stories, generated_at=FETCHED_AT,
                    inputs=[str(inp)])
    path = write_json(report, workdir / "report.json")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


# -- scoring (the definitions of shared/tools/score_compare.py) -----------------------------


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _find(text: str, quote: str) -> Span | None:
    i = text.find(quote)
    if i >= 0:
        return i, i + len(quote)
    words = quote.split()
    if not words:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (m.start(), m.end()) if m else None


def anchor_gold(gold: dict[str, Any], report: dict[str, Any],
                raw_texts: dict[str, tuple[str, str]] | None = None) -> tuple[dict[str, Any], dict[str, str]]:
    """The gold with every mention re-anchored in the report's own article text (found by
    its quote; dropped when the cleaned text lost it), and report article id -> gold id."""
    gold = json.loads(json.dumps(gold))
    gid = {a["id"]: (a.get("url") or "").rsplit("/", 1)[-1] for a in report["articles"]}
    own = {gid[a["id"]]: (a.get("headline") or "", a.get("text") or "") for a in report["articles"]}

    def anchor(ms: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for m in ms:
            head = m.get("field") == "headline"
            q = m.get("quote")
            if q is None and raw_texts and m["article"] in raw_texts:
                q = raw_texts[m["article"]][0 if head else 1][m["start"]:m["end"]]
            if not q or m["article"] not in own:
                continue
            title, text = own[m["article"]]
            span, fld = (_find(title, q), "headline") if head else (_find(text, q), "text")
            if span is None and not head:
                span, fld = _find(title, q), "headline"
            if span is None:
                continue
            out.append({**m, "quote": q, "field": fld, "start": span[0], "end": span[1]})
        return out

    for key, inner in (("claims", "mentions"), ("conflicts", "sides"), ("near_misses", "mentions"),
                       ("quotes", "variants"), ("timeline", "mentions")):
        for item in gold.get(key, []):
            item[inner] = anchor(item[inner])
    gold["claims"] = [c for c in gold.get("claims", []) if len({m["article"] for m in c["mentions"]}) >= 2]
    return gold, gid


def _cite(c: dict[str, Any], gid: dict[str, str]) -> Mention:
    return (gid.get(c.get("article_id") or ""), "headline" if c.get("field") == "headline" else "text",
            (c.get("start", 0), c.get("end", 0)))


def _gm(m: dict[str, Any]) -> GoldMention:
    return m["article"], "headline" if m.get("field") == "headline" else "text", (m["start"], m["end"])


def _hits(sc: Mention, mentions: Iterable[Mention]) -> bool:
    a, f, s = sc
    return any(a == ma and f == mf and _overlap(s, ms) for ma, mf, ms in mentions)


@dataclass
class EventResult:
    """One event's figures (``score_compare.score``'s keys) and its errors, as text."""

    event: str
    scores: dict[str, float]
    errors: dict[str, list[str]] = field(default_factory=dict)


def _short(text: str, n: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n - 1] + "…"


def score_report(gold: dict[str, Any], report: dict[str, Any], event: str = "",
                 raw_texts: dict[str, tuple[str, str]] | None = None) -> EventResult:
    """``score_compare.score`` of one report against one (un-anchored) gold event, with
    the false and missed pairs listed."""
    gold, gid = anchor_gold(gold, report, raw_texts)
    stories = list(report.get("stories") or [])
    out: dict[str, float] = {}
    errors: dict[str, list[str]] = {"false_claim_pairs": [], "missed_claim_pairs": [], "false_conflict_pairs": [],
                                    "missed_conflict_pairs": [], "false_quote_pairs": [], "missed_quote_pairs": [],
                                    "wrong_quote_fidelities": [], "wrong_timeline_dates": [], "missed_timeline_mentions": []}
    # claims
    claims = [[_gm(m) for m in c["mentions"]] for c in gold.get("claims", [])]
    gold_pairs = {(i, a, b) for i, ms in enumerate(claims) for a, b in combinations(sorted({m[0] for m in ms}), 2)}
    sys_pairs = correct = 0
    found: set[tuple[Any, ...]] = set()
    for s in stories:
        for f in s.get("facts") or []:
            if f.get("status") not in ("corroborated", "disputed"):
                continue
            raw = f.get("support") or []
            cs = [_cite(c, gid) for c in raw]
            for (x, cx), (y, cy) in combinations(list(zip(cs, raw)), 2):
                if x[0] == y[0] or None in (x[0], y[0]):
                    continue
                sys_pairs += 1
                ok = False
                for i, ms in enumerate(claims):
                    if _hits(x, ms) and _hits(y, ms):
                        ok = True
                        found.add((i, *sorted((str(x[0]), str(y[0])))))
                correct += ok
                if not ok:
                    errors["false_claim_pairs"].append(f"{_short(cx.get('text', ''))}  <>  {_short(cy.get('text', ''))}")
    for i, a, b in sorted(gold_pairs - found):
        errors["missed_claim_pairs"].append(f"{gold['claims'][i].get('id')}: {gold['claims'][i].get('what')} ({a} / {b})")
    out["claim_pairs_gold"], out["claim_pairs_system"] = len(gold_pairs), sys_pairs
    out["claim_pair_precision"] = correct / sys_pairs if sys_pairs else 0.0
    out["claim_pair_recall"] = len(found & gold_pairs) / len(gold_pairs) if gold_pairs else 1.0
    # conflicts
    gconf = [[(_gm(m), m.get("claim")) for m in c["sides"]] for c in gold.get("conflicts", [])]
    gold_cpairs = {(i, *sorted((x[0][0], y[0][0]))) for i, sides in enumerate(gconf)
                   for x, y in combinations(sides, 2) if x[1] != y[1] and x[0][0] != y[0][0]}
    sys_c = sys_c_ok = n_conflicts = 0
    cfound: set[tuple[Any, ...]] = set()
    for s in stories:
        for c in s.get("conflicts") or []:
            n_conflicts += 1
            sides = [(_cite(sd.get("citation") or {}, gid), sd.get("claim"), sd) for sd in c.get("sides") or []]
            for u, v in combinations(sides, 2):
                if u[0][0] == v[0][0] or u[1] == v[1]:
                    continue
                sys_c += 1
                ok = False
                for i, gs in enumerate(gconf):
                    for p, q in combinations(gs, 2):
                        if p[1] != q[1] and ((_hits(u[0], [p[0]]) and _hits(v[0], [q[0]]))
                                             or (_hits(u[0], [q[0]]) and _hits(v[0], [p[0]]))):
                            ok = True
                            cfound.add((i, *sorted((str(u[0][0]), str(v[0][0])))))
                sys_c_ok += ok
                if not ok:
                    errors["false_conflict_pairs"].append(
                        f"[{c.get('kind')}] {_short(c.get('about') or '', 60)}: "
                        f"{_short((u[2].get('citation') or {}).get('text', ''))}  <>  "
                        f"{_short((v[2].get('citation') or {}).get('text', ''))}")
    for missed in sorted(gold_cpairs - cfound):
        g, first, second = gold["conflicts"][missed[0]], missed[1], missed[2]
        claims_of = {sd["article"]: sd.get("claim") for sd in g["sides"]}
        errors["missed_conflict_pairs"].append(f"{g.get('id')} [{g.get('kind')}] {g.get('about')}: "
                                               f"{claims_of.get(first)!r} ({first}) / "
                                               f"{claims_of.get(second)!r} ({second})")
    out["conflicts_gold"], out["conflicts_system"], out["conflict_pairs_system"] = len(gconf), n_conflicts, sys_c
    out["conflict_pair_precision"] = sys_c_ok / sys_c if sys_c else (1.0 if not gconf else 0.0)
    out["conflict_pair_recall"] = len(cfound & gold_cpairs) / len(gold_cpairs) if gold_cpairs else 1.0
    out["conflicts_found"] = len({k[0] for k in cfound})
    out["conflict_pairs_correct"], out["conflict_pairs_gold"] = sys_c_ok, len(gold_cpairs)
    out["conflict_pairs_gold_found"] = len(cfound & gold_cpairs)
    _score_brief(out, gold, stories, gid, claims, gconf)
    _score_quotes(out, errors, gold, stories, gid)
    _score_timeline(out, errors, gold, stories, gid)
    unannotated = set(GOLD_SECTIONS) - annotated_sections(gold)
    out = {k: v for k, v in out.items() if figure_section(k) not in unannotated}
    errors = {k: v for k, v in errors.items() if figure_section(k) not in unannotated}
    return EventResult(event, out, errors)


#: The gold's sections, each with the figures (by name) that need it annotated.
GOLD_SECTIONS = {"claims": ("claim_", "brief_sentences", "brief_support", "brief_central"),
                 "conflicts": ("conflict", "brief_disputed"), "quotes": ("quote_",), "timeline": ("timeline_",)}


def annotated_sections(gold: dict[str, Any]) -> set[str]:
    """The sections a gold event annotates exhaustively: its ``annotated`` list (a file
    that annotates only quotations and conflicts says ``["conflicts", "near_misses",
    "quotes"]``), every section when it has none."""
    listed = gold.get("annotated")
    return set(GOLD_SECTIONS) if listed is None else set(GOLD_SECTIONS) & set(listed)


def figure_section(name: str) -> str | None:
    """The gold section a figure or an error list needs ("missed_quote_pairs": quotes)."""
    bare = name.removeprefix("false_").removeprefix("missed_").removeprefix("wrong_")
    return next((sec for sec, prefixes in GOLD_SECTIONS.items() if bare.startswith(prefixes)), None)


def _score_brief(out: dict[str, float], gold: dict[str, Any], stories: list[dict[str, Any]], gid: dict[str, str],
                 claims: list[list[GoldMention]], gconf: list[list[tuple[GoldMention, Any]]]) -> None:
    sents = supported = 0
    central_hit: set[int] = set()
    disputed_hit: set[int] = set()
    central = [i for i, c in enumerate(gold.get("claims", [])) if c.get("central")]
    for s in stories:
        b = s.get("brief") or {}
        for sent in b.get("summary") or []:
            cs = [_cite(c, gid) for c in sent.get("citations") or []]
            sents += 1
            arts = {c[0] for c in cs}
            for ms in claims:
                if len(arts) >= 2 and all(_hits(c, ms) for c in cs):
                    supported += 1
                    break
            for i in central:
                if len({c[0] for c in cs if _hits(c, claims[i])}) >= 2:
                    central_hit.add(i)
        for d in b.get("disputed") or []:
            cs = [_cite(c, gid) for c in d.get("citations") or []]
            for i, gs in enumerate(gconf):
                if len({c[0] for c in cs if any(_hits(c, [g[0]]) for g in gs)}) >= 2:
                    disputed_hit.add(i)
    out["brief_sentences"] = sents
    out["brief_support_precision"] = supported / sents if sents else 0.0
    out["brief_central_recall"] = len(central_hit) / len(central) if central else 1.0
    out["brief_disputed_recall"] = len(disputed_hit) / len(gconf) if gconf else 1.0
    out["brief_disputed_found"] = len(disputed_hit)


def _score_quotes(out: dict[str, float], errors: dict[str, list[str]], gold: dict[str, Any],
                  stories: list[dict[str, Any]], gid: dict[str, str]) -> None:
    gq = [[_gm(v) for v in q["variants"]] for q in gold.get("quotes", [])]
    gq_pairs = {(i, *sorted((a, b))) for i, vs in enumerate(gq)
                for a, b in combinations(sorted({v[0] for v in vs}), 2)}
    q_sys = q_ok = fid_ok = fid_n = altered_sys = altered_gold = altered_ok = 0
    qfound: set[tuple[Any, ...]] = set()
    gfid = {(i, j): v.get("fidelity") for i, q in enumerate(gold.get("quotes", [])) for j, v in enumerate(q["variants"])}
    for s in stories:
        for grp in s.get("quote_variants") or []:
            raw = grp.get("variants") or []
            vs = [(_cite(v.get("citation") or {}, gid), v.get("fidelity"), v) for v in raw]
            for (x, _, vx), (y, _, vy) in combinations(vs, 2):
                if x[0] == y[0]:
                    continue
                q_sys += 1
                ok = False
                for i, g in enumerate(gq):
                    if _hits(x, g) and _hits(y, g):
                        ok = True
                        qfound.add((i, *sorted((x[0], y[0]))))  # type: ignore[type-var]
                q_ok += ok
                if not ok:
                    errors["false_quote_pairs"].append(
                        f"{_short((vx.get('citation') or {}).get('text', ''))}  <>  "
                        f"{_short((vy.get('citation') or {}).get('text', ''))}")
            for x, fid, vx in vs:
                for (i, j), gf in gfid.items():
                    if _hits(x, [gq[i][j]]):
                        fid_n += 1
                        right = (fid == gf) or (fid in ("verbatim", "minor") and gf in ("verbatim", "minor"))
                        fid_ok += right
                        if not right:
                            q = gold["quotes"][i]
                            errors["wrong_quote_fidelities"].append(
                                f"{fid} for {gf} ({q.get('id')}, {q.get('speaker')}): "
                                f"{_short((vx.get('citation') or {}).get('text', ''))!r} ({x[0]})")
                        altered_sys += fid == "altered"
                        altered_gold += gf == "altered"
                        altered_ok += fid == gf == "altered"
                        break
    for missed in sorted(gq_pairs - qfound):
        q = gold["quotes"][missed[0]]
        errors["missed_quote_pairs"].append(f"{q.get('id')} ({q.get('speaker')}): {missed[1]} / {missed[2]}")
    out["quote_pairs_system"], out["quote_pairs_correct"] = q_sys, q_ok
    out["quote_pairs_gold"], out["quote_pairs_gold_found"] = len(gq_pairs), len(qfound & gq_pairs)
    out["quote_fidelity_matched"], out["quote_fidelity_right"] = fid_n, fid_ok
    out["quote_pair_precision"] = q_ok / q_sys if q_sys else (1.0 if not gq_pairs else 0.0)
    out["quote_pair_recall"] = len(qfound & gq_pairs) / len(gq_pairs) if gq_pairs else 1.0
    out["quote_fidelity_accuracy"] = fid_ok / fid_n if fid_n else 1.0
    # Not in score_compare.py: the "precision and recall of altered", over the
    # gold variants the system matched (summed over events).
    out["quote_altered_system"], out["quote_altered_gold"], out["quote_altered_right"] = \
        altered_sys, altered_gold, altered_ok


def _score_timeline(out: dict[str, float], errors: dict[str, list[str]], gold: dict[str, Any],
                    stories: list[dict[str, Any]], gid: dict[str, str]) -> None:
    gt = [(t["date"], [_gm(m) for m in t["mentions"]]) for t in gold.get("timeline", [])]
    n_gold_mentions = sum(len(ms) for _, ms in gt)
    t_match = t_ok = 0
    covered: set[tuple[int, int]] = set()
    for s in stories:
        for e in s.get("timeline") or []:
            date = str(e.get("date") or "")
            for m in e.get("mentions") or []:
                c = m.get("ref")
                if not c:
                    continue
                x = _cite({**c, "article_id": c.get("article_id") or m.get("article_id")}, gid)
                hit = None
                for k, (gd, ms) in enumerate(gt):
                    for j, g in enumerate(ms):
                        if _hits(x, [g]):
                            hit = (k, j, gd)
                            break
                    if hit:
                        break
                if hit:
                    t_match += 1
                    if date[:len(hit[2])] == hit[2]:
                        t_ok += 1
                        covered.add(hit[:2])
                    else:
                        entry = gold["timeline"][hit[0]]
                        errors["wrong_timeline_dates"].append(
                            f"{date or '(no date)'} for {hit[2]} ({_short(entry.get('what') or '', 60)}): "
                            f"{_short(c.get('text') or '')!r} ({x[0]})")
    for k, entry in enumerate(gold.get("timeline", [])):
        for j, m in enumerate(entry["mentions"]):
            if (k, j) not in covered:
                errors["missed_timeline_mentions"].append(
                    f"{entry['date']} ({_short(entry.get('what') or '', 60)}): {_short(m.get('quote') or '')!r} "
                    f"({m.get('article')})")
    out["timeline_mentions_gold"], out["timeline_mentions_found"] = n_gold_mentions, len(covered)
    out["timeline_mentions_matched"], out["timeline_mentions_dated_right"] = t_match, t_ok
    out["timeline_date_accuracy"] = t_ok / t_match if t_match else 0.0
    out["timeline_recall"] = len(covered) / n_gold_mentions if n_gold_mentions else 1.0


def aggregate(rows: Sequence[dict[str, float]]) -> dict[str, float]:
    """``score_compare.aggregate``: conflicts, disputed points and quotes summed over
    events, the other figures averaged."""
    def tot(k: str) -> float:
        return sum(r[k] for r in rows if k in r)

    def ratio(a: str, b: str, empty: float) -> float:
        return tot(a) / tot(b) if tot(b) else empty

    def mean(k: str) -> float:
        scored = [r[k] for r in rows if k in r]
        return sum(scored) / len(scored) if scored else 0.0

    figures = {
        "events": len(rows),
        "claim_pair_precision": mean("claim_pair_precision"), "claim_pair_recall": mean("claim_pair_recall"),
        "conflict_pair_precision": ratio("conflict_pairs_correct", "conflict_pairs_system", 0.0),
        "conflict_pair_recall": ratio("conflict_pairs_gold_found", "conflict_pairs_gold", 1.0),
        "conflicts_gold": tot("conflicts_gold"), "conflicts_found": tot("conflicts_found"),
        "conflicts_system": tot("conflicts_system"),
        "brief_support_precision": mean("brief_support_precision"), "brief_central_recall": mean("brief_central_recall"),
        "brief_disputed_recall": ratio("brief_disputed_found", "conflicts_gold", 1.0),
        "quote_pair_precision": ratio("quote_pairs_correct", "quote_pairs_system", 0.0),
        "quote_pair_recall": ratio("quote_pairs_gold_found", "quote_pairs_gold", 1.0),
        "quote_fidelity_accuracy": ratio("quote_fidelity_right", "quote_fidelity_matched", 1.0),
        "quote_altered_precision": ratio("quote_altered_right", "quote_altered_system", 1.0),
        "quote_altered_recall": ratio("quote_altered_right", "quote_altered_gold", 1.0),
        "quote_altered_gold": tot("quote_altered_gold"),
        "timeline_date_accuracy": mean("timeline_date_accuracy"), "timeline_recall": mean("timeline_recall"),
    }
    # a figure no event's gold annotates is left out (a split of quotations and conflicts
    # has no claim or timeline figures)
    scored = {figure_section(k) for r in rows for k in r}
    return {k: v for k, v in figures.items() if k == "events" or figure_section(k) in scored}


# -- the whole run ------------------------------------------------------------------------


def evaluate_events(data: Path | None = None, split: str = "dev", limit: int | None = None, *,
                    reports_dir: Path | None = None, one_story: bool = False,
                    settings: Settings | None = None) -> list[EventResult]:
    """Analyse (with ``settings``) and score every gold event (the first ``limit``); each
    report is written to ``reports_dir/<event>/report.json`` (a temporary folder when None)."""
    import tempfile

    files = gold_files(data, split)[:limit]
    with tempfile.TemporaryDirectory(prefix="storylens-compare-") as tmp:
        root = reports_dir or Path(tmp)
        results = []
        for path in files:
            gold = json.loads(path.read_text(encoding="utf-8"))
            records = event_records(gold, path, split)
            report = analyze_event(records, root / path.stem, one_story=one_story, settings=settings)
            raw = {r["id"]: (r.get("title") or "", r["text"]) for r in records}
            results.append(score_report(gold, report, path.stem, raw))
            log.info("scored %s", path.stem)
    return results


def _rounded(scores: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()}


def evaluate_detailed(data: Path | None = None, split: str = "dev", limit: int | None = None, *,
                      per_event: bool = False, reports_dir: Path | None = None,
                      settings: Settings | None = None) -> dict[str, Any]:
    """``grouped``: the aggregate figures on the stories as grouped; ``one_story``: with
    each event forced into one story; with ``per_event``, ``events``: per event, both
    figures and the false and missed pairs (as grouped). Reports are written under
    ``reports_dir/<event>/`` (and ``reports_dir/one_story/<event>/``) when given."""
    grouped = evaluate_events(data, split, limit, reports_dir=reports_dir, settings=settings)
    forced = evaluate_events(data, split, limit, one_story=True,
                             reports_dir=reports_dir / "one_story" if reports_dir else None, settings=settings)
    out: dict[str, Any] = {"split": split, "grouped": _rounded(aggregate([r.scores for r in grouped])),
                           "one_story": _rounded(aggregate([r.scores for r in forced]))}
    if per_event:
        out["events"] = {g.event: {"grouped": _rounded(g.scores), "one_story": _rounded(f.scores), "errors": g.errors}
                         for g, f in zip(grouped, forced)}
    return out


def evaluate(data: Path | None = None, split: str = "dev", limit: int | None = None) -> dict[str, Any]:
    """The aggregate figures as grouped, and (``one_story.*``) with each event forced
    into one story."""
    detailed = evaluate_detailed(data, split, limit)
    out: dict[str, Any] = dict(detailed["grouped"])
    out.update({f"one_story.{k}": v for k, v in detailed["one_story"].items()})
    return out


#: The figures ``text_lines`` shows, in order.
HEADLINE = ("claim_pair_precision", "claim_pair_recall", "conflict_pair_precision", "conflict_pair_recall",
            "conflicts_gold", "conflicts_found", "conflicts_system", "brief_support_precision",
            "brief_central_recall", "brief_disputed_recall", "quote_pair_precision", "quote_pair_recall",
            "quote_fidelity_accuracy", "quote_altered_precision", "quote_altered_recall", "quote_altered_gold",
            "timeline_date_accuracy", "timeline_recall")


def text_lines(result: dict[str, Any]) -> list[str]:
    """``evaluate_detailed``'s result as plain lines for a terminal."""
    def table(rows: list[tuple[str, dict[str, Any], dict[str, Any]]]) -> list[str]:
        out = [f"{'metric':<26} {'as grouped':>11} {'one story':>10}"]
        for name, g, f in rows:
            out.append(f"{name:<26} {_fmt(g.get(name)):>11} {_fmt(f.get(name)):>10}")
        return out

    lines = [f"compare ({result['split']}, {result['grouped'].get('events', 0)} events)"]
    lines += table([(k, result["grouped"], result["one_story"]) for k in HEADLINE if k in result["grouped"]])
    for event, r in (result.get("events") or {}).items():
        lines += ["", f"== {event}"]
        lines += table([(k, r["grouped"], r["one_story"]) for k in HEADLINE if k in r["grouped"]])
        for kind, items in r["errors"].items():
            if items:
                lines.append(f"-- {kind.replace('_', ' ')} ({len(items)})")
                lines += [f"   {item}" for item in items]
    return lines


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "" if value is None else str(value)
