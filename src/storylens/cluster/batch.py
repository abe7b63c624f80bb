"""Batch story clustering: the same stories for the same articles, whatever their order.

``analyze`` (and the grouping step of ``ingest``) knows its whole batch, so it need not
decide article by article as ``StoryClusterer`` does. Here:

1. **Canonical order.** The articles are sorted by publication time (UTC; undated last),
   then id; a repeated id is kept once. Nothing below reads the input order, and ties
   are broken by this order, so any permutation of the input gives the same stories
   with the same ids.
2. **Vectors** as in ``online``: lemma terms of body and title (title terms count
   ``title_weight`` extra) and entity keys, binary tf x IDF counted over the batch, the
   word and entity parts L2-normalised separately. Terms in ``furniture_share`` or more
   of one outlet's articles (outlets with ``furniture_min_articles`` or more in the
   batch) are that outlet's page furniture and are left out of its articles' vectors.
3. **Similarities.** Article pairs: ``(1 - entity_share) x word cosine + entity_share x
   entity cosine`` (the word cosine alone when either has no entity), as sparse matrix
   products in row blocks. Dated articles are compared only within ``pair_days`` of one
   another; each article keeps its ``max_neighbours`` most similar others at
   ``min_link`` or more (a pair left out counts as 0 in an average), so memory grows
   with the batch, not its square (the time does grow with its square).
4. **Average-link agglomeration with the cohesion bar.** Every article starts as its own
   story; repeatedly the two stories with the highest average link (the mean
   similarity over all pairs of their articles, times the time decay
   ``decay_floor + (1 - decay_floor) x exp(-(gap_days - grace_days) / decay_days)`` for
   a gap between their time spans beyond ``grace_days``) are merged, as long as that
   link reaches the bar: ``threshold``, or ``cohesion_ratio`` x the two stories'
   cohesions combined (``cohesion_combine``: their mean by default) when that is higher.
   A story's cohesion is the mean similarity between its articles (each merge's link
   counted at most ``cohesion_pair_cap``), shrunk toward ``cohesion_prior`` with the
   weight of ``cohesion_prior_weight`` pairs, so a single article has a bar too (with
   ``cohesion_prior=None`` only stories of ``cohesion_min_articles`` or more have one).
   A pair under its bar is passed over (it can come back only as part of a larger
   story). Two look-alike events of one topic share enough words to pass a fixed
   threshold but less with each other than within themselves: the bar, relative to the
   stories, keeps them apart. The floor of the decay lets a follow-up months later
   (an arrest, a trial) join when it is alike enough, at twice the similarity.
   Two stories that each hold a first report of an event (``features.fresh_days``: an
   article whose headline is no later turn, its lede's days) are not merged when those
   days are more than ``fresh_apart_days`` apart and no article of either names a day of
   the other's event: a city's shootings a year apart share every word but their days.
5. **Follow-ups that name their event's day.** Then a story joins an earlier one when
   at least ``followup_share`` of its articles refer back to it (of the stories it
   refers back to, the one most of its articles do; a tie joins none, unless the tied
   stories reported the same day the articles name: then the one they share the most
   rare names with; repeated, so a trial's story can join the arrest's that joined the
   event's). An article refers
   back to an earlier one (``follow_up_pairs``) when it names a day at least
   ``followup_min_days`` before its own publication ("the Aug. 3 drive-by shooting";
   ``features.named_dates``), the earlier one was published on that day or up to
   ``followup_report_days`` after it, and the two share a rare name of two words or
   more (a victim's or suspect's full name, a street, a housing project: held by at
   most ``followup_name_articles`` articles of the batch). An article naming more than
   ``followup_max_dates`` days (a list of open cases) refers back to none. A new
   event's coverage in which one article recalls an earlier shooting on the same
   street ("On Nov. 1, an 11-year-old was killed there") does not join it: too few of
   its articles refer back. An article published ``followup_min_days`` or more after an
   earlier one also refers back to it, without naming a day, when it names
   ``followup_min_people`` or more of the same people by rare full names (a verdict
   naming the victims and the accused); fewer could be an official, a reporter or a
   family that recurs. Two articles published within ``sameday_days`` of each other
   that share such a rare name and whose word cosine is ``sameday_min_link`` or more
   refer to one another, either way: the same day's reports of one event, one of them
   short or in other words (a TV station's brief naming the street of a newspaper's
   long report), whose similarity falls under the bar; the same join applies, so a
   story of several articles joins only when half of them do. Last, stories (2 to
   ``followup_exclusive_stories``) that alone hold ``followup_exclusive_names`` or more
   full names of people (each in at most ``followup_exclusive_articles`` articles) join
   the earliest of them when they begin ``followup_min_days`` or more after it: an
   incident's arrest, indictment and trial coverage names the accused and the victims
   across its articles, where no one article names enough of them.
6. **Stories.** Members in canonical order; the story id is ``story-`` + the id of its
   canonical-first member (the earliest published; for undated stories the smallest
   id); ``title`` the headline of the first member that has one; ``active`` is False for
   a story whose newest article is more than ``window`` older than the batch's newest.

Time arithmetic is done on float days since 1970 (no datetime overflow for any year
1-9999, naive times read as UTC).
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

from .features import ArticleFeatures, tf_weight
from .online import Cluster, StoryEntity

__all__ = ["BatchConfig", "batch_cluster", "canonical_order"]

_ENT = "§"
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass(frozen=True)
class BatchConfig:
    """Settings of ``batch_cluster`` (see the module docstring). The similarity settings
    were chosen on dev data only (ECB+, GVA and NewsWCL50 dev through ``analyze``, the
    examples corpus, the seeds): ``storylens.eval.ecbplus`` and docs/benchmarks.md."""

    threshold: float = 0.14
    cohesion_ratio: float = 0.7
    cohesion_min_articles: int = 5
    cohesion_pair_cap: float = 0.35
    cohesion_prior: float | None = 0.2
    cohesion_prior_weight: float = 3.0
    cohesion_combine: str = "mean"  # "min", "mean" or "max" of the two stories' cohesions
    entity_share: float = 0.3
    title_weight: float = 1.0
    binary_tf: bool = True
    min_df: int = 1
    decay_days: float = 5.0
    grace_days: float = 5.0
    decay_floor: float = 0.5
    window: timedelta = timedelta(days=7)
    min_link: float = 0.04
    furniture_min_articles: int = 4
    furniture_share: float = 0.5
    max_neighbours: int = 50
    pair_days: float = 3650.0
    block_rows: int = 512
    story_entities: int = 8
    followup_min_days: float = 7.0
    followup_report_days: float = 2.0
    followup_name_articles: int = 6
    followup_max_dates: int = 6
    followup_share: float = 0.5
    followup_min_people: int = 3
    followup_exclusive_names: int = 3
    followup_exclusive_stories: int = 6
    followup_exclusive_articles: int = 12
    sameday_days: float = 1.0
    sameday_min_link: float = 0.15
    fresh_apart_days: float = 30.0  # 0: off


def _utc(t: datetime) -> datetime:
    return t if t.tzinfo is not None else t.replace(tzinfo=timezone.utc)


def _days(t: datetime | None) -> float | None:
    """Days since 1970-01-01 UTC (aware subtraction cannot overflow; naive is UTC)."""
    if t is None:
        return None
    try:
        return (_utc(t) - _EPOCH).total_seconds() / 86400.0
    except (OverflowError, TypeError, ValueError):  # a tzinfo that misbehaves
        return None


def canonical_order(features: Sequence[ArticleFeatures]) -> list[ArticleFeatures]:
    """The batch sorted by (undated, time, id), one entry per id (for a repeated id the one
    whose content sorts first), independent of the input order."""
    def key(f: ArticleFeatures) -> tuple[bool, float, str]:
        d = _days(f.published)
        return (d is None, d if d is not None else 0.0, f.id)

    def content(f: ArticleFeatures) -> str:
        return repr((sorted(f.title.items()), sorted(f.body.items()), sorted(f.entities.items()), f.headline))

    out: dict[str, ArticleFeatures] = {}
    ordered = sorted(features, key=key)
    for f in ordered:
        if f.id in out:
            if content(f) < content(out[f.id]):
                out[f.id] = f
        else:
            out[f.id] = f
    return sorted(out.values(), key=key)


def _matrices(feats: Sequence[ArticleFeatures], cfg: BatchConfig):  # type: ignore[no-untyped-def]
    """The word part and the entity part of every article's vector, as CSR matrices with
    L2-normalised rows."""
    import numpy as np
    from scipy import sparse

    df: Counter[str] = Counter()
    for f in feats:
        df.update(set(f.body) | set(f.title) | {_ENT + k for k in f.entities})
    n = len(feats)
    furniture = _furniture(feats, cfg)
    binary = cfg.binary_tf
    vocab: dict[str, int] = {}
    parts: dict[bool, tuple[list[int], list[int], list[float]]] = {False: ([], [], []), True: ([], [], [])}
    for row, f in enumerate(feats):
        raw: dict[str, float] = {}
        for t, c in f.body.items():
            raw[t] = tf_weight(c, binary)
        for t, c in f.title.items():
            raw[t] = raw.get(t, 0.0) + cfg.title_weight * tf_weight(c, binary)
        for k, c in f.entities.items():
            raw[_ENT + k] = tf_weight(c, binary)
        own = furniture.get(f.outlet) if f.outlet else None
        for t, w in raw.items():
            d = df[t]
            if d < cfg.min_df or w <= 0 or (own and t in own):
                continue
            rows, cols, vals = parts[t.startswith(_ENT)]
            rows.append(row)
            cols.append(vocab.setdefault(t, len(vocab)))
            vals.append(w * (math.log((n + 1) / (d + 1)) + 1.0))
    out = []
    for is_ent in (False, True):
        rows, cols, vals = parts[is_ent]
        m = sparse.csr_matrix((np.asarray(vals, dtype=np.float64), (rows, cols)), shape=(n, max(len(vocab), 1)))
        norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        out.append(sparse.diags(1.0 / norms) @ m)
    return out[0].tocsr(), out[1].tocsr()


def _furniture(feats: Sequence[ArticleFeatures], cfg: BatchConfig) -> dict[str, set[str]]:
    """Per outlet with ``furniture_min_articles`` or more articles in the batch, the terms
    in at least ``furniture_share`` of them (and in 3 or more): the page furniture and
    boilerplate of that outlet's pages ("A friend wanted you to see this item"), which
    would make its articles about different events look alike. They are left out of
    that outlet's vectors."""
    by_outlet: dict[str, list[ArticleFeatures]] = {}
    for f in feats:
        if f.outlet:
            by_outlet.setdefault(f.outlet, []).append(f)
    out: dict[str, set[str]] = {}
    for outlet, members in by_outlet.items():
        if len(members) < max(2, cfg.furniture_min_articles):
            continue
        counts: Counter[str] = Counter()
        for f in members:
            counts.update(set(f.body) | set(f.title) | {_ENT + k for k in f.entities})
        need = max(3.0, cfg.furniture_share * len(members))
        terms = {t for t, c in counts.items() if c >= need}
        if terms:
            out[outlet] = terms
    return out


def _decay(cfg: BatchConfig, a: tuple[float, float] | None, b: tuple[float, float] | None) -> float:
    if a is None or b is None:
        return 1.0
    gap = max(b[0] - a[1], a[0] - b[1], 0.0)
    if gap <= cfg.grace_days:
        return 1.0
    f = cfg.decay_floor
    return f + (1.0 - f) * math.exp(-(gap - cfg.grace_days) / max(cfg.decay_days, 1e-9))


def _neighbours(feats: Sequence[ArticleFeatures], days: Sequence[float | None], cfg: BatchConfig):  # type: ignore[no-untyped-def]
    """The article pairs kept (each article's ``max_neighbours`` most similar others at
    ``min_link`` or more, ranked by their time-decayed similarity): arrays ``i < j`` and
    the similarity of each pair (undecayed), and its word cosine alone."""
    import numpy as np

    n = len(feats)
    words, ents = _matrices(feats, cfg)
    has_ent = np.asarray(ents.getnnz(axis=1) > 0)
    t = np.array([d if d is not None else np.nan for d in days], dtype=np.float64)
    dated = ~np.isnan(t)
    wt, et = words.T.tocsc(), ents.T.tocsc()
    es = cfg.entity_share
    k = max(1, cfg.max_neighbours)
    rows = max(16, min(cfg.block_rows, 5_000_000 // max(n, 1)))  # a block's arrays stay ~40 MB
    found_i, found_j, found_s, found_w = [], [], [], []
    for start in range(0, n, rows):
        stop = min(n, start + rows)
        sw = (words[start:stop] @ wt).toarray()
        se = (ents[start:stop] @ et).toarray()
        sim = np.where(np.outer(has_ent[start:stop], has_ent), (1.0 - es) * sw + es * se, sw)
        # time: dated pairs farther apart than pair_days are not compared; the others are
        # ranked by their decayed similarity, so a large stream keeps near neighbours
        gap = np.where(np.outer(dated[start:stop], dated), np.abs(t[start:stop, None] - t[None, :]), 0.0)
        rank = sim * _decay_array(cfg, gap)
        keep = (gap <= cfg.pair_days) & (sim >= cfg.min_link)
        block = np.arange(stop - start)
        keep[block, start + block] = False  # not with itself
        rank = np.where(keep, rank, -1.0)
        if n - 1 > k:
            top = np.argpartition(-rank, k - 1, axis=1)[:, :k]
            r_idx = np.repeat(block, k)
            c_idx = top.ravel()
            ok = keep[r_idx, c_idx]
            r_idx, c_idx = r_idx[ok], c_idx[ok]
        else:
            r_idx, c_idx = np.nonzero(keep)
        found_i.append(start + r_idx)
        found_j.append(c_idx)
        found_s.append(sim[r_idx, c_idx])
        found_w.append(sw[r_idx, c_idx])
    if not found_i:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0), np.zeros(0)
    i = np.concatenate(found_i)
    j = np.concatenate(found_j)
    sims = np.concatenate(found_s)
    word_sims = np.concatenate(found_w)
    lo, hi = np.minimum(i, j), np.maximum(i, j)
    _, first = np.unique(lo * n + hi, return_index=True)
    return lo[first], hi[first], sims[first], word_sims[first]


def _name_part(key: str) -> str:
    """An entity key without its kind (``person:ada crane`` -> ``ada crane``)."""
    return key.rsplit(":", 1)[-1]


@dataclass(frozen=True)
class Reference:
    """How a later article refers back to an earlier one: how many rare names they
    share, and the days it names that the earlier one reported (none for a reference by
    the people named)."""

    names: int
    days: frozenset[date] = frozenset()


def follow_up_pairs(feats: Sequence[ArticleFeatures], days: Sequence[float | None],
                    cfg: BatchConfig, one_day: set[tuple[int, int]] | None = None
                    ) -> dict[tuple[int, int], Reference]:
    """Pairs ``(earlier, later)`` of indexes where the later article refers back to the
    earlier one's event: it names a day at least ``followup_min_days`` before its own
    publication, the earlier article was published on that day or within
    ``followup_report_days`` after it, and the two share a rare specific name: an
    entity of two words or more (a full name, a street, a housing project) that at
    most ``followup_name_articles`` articles of the batch hold. An article naming more
    than ``followup_max_dates`` days (a list of open cases, a year's review) refers
    back to none. Each pair -> its ``Reference``."""
    held: Counter[str] = Counter()
    specific: list[set[str]] = []
    for f in feats:
        names = {n for n in map(_name_part, f.entities) if " " in n}
        specific.append(names)
        held.update(names)
    rare = [{n for n in names if held[n] <= cfg.followup_name_articles} for names in specific]
    by_day: dict[date, list[int]] = {}
    for i, f in enumerate(feats):
        if f.published is not None and rare[i]:
            by_day.setdefault(_utc(f.published).date(), []).append(i)
    out: dict[tuple[int, int], Reference] = {}
    for b, f in enumerate(feats):
        d_b = days[b]
        if d_b is None or not f.named_dates or len(f.named_dates) > cfg.followup_max_dates or not rare[b]:
            continue
        for named in f.named_dates:
            named_days = _days(datetime(named.year, named.month, named.day, tzinfo=timezone.utc))
            if named_days is None or d_b - named_days < cfg.followup_min_days:
                continue
            for k in range(int(cfg.followup_report_days) + 1):
                for a in by_day.get(named + timedelta(days=k), []):
                    if a != b and rare[a] & rare[b]:
                        pair = (min(a, b), max(a, b))
                        known = out.get(pair, Reference(len(rare[a] & rare[b])))
                        out[pair] = Reference(known.names, known.days | {named})
    for pair, n in _naming_the_same_people(feats, days, rare, cfg).items():
        known = out.get(pair, Reference(n))
        out[pair] = Reference(max(n, known.names), known.days)
    for (a, b) in sorted(one_day or {}):  # the same day's reports of one event, either way
        if rare[a] & rare[b]:
            for pair in ((a, b), (b, a)):
                out.setdefault(pair, Reference(len(rare[a] & rare[b])))
    return out


def _naming_the_same_people(feats: Sequence[ArticleFeatures], days: Sequence[float | None],
                            rare: Sequence[set[str]], cfg: BatchConfig) -> dict[tuple[int, int], int]:
    """Pairs ``(earlier, later)`` where the later article, published ``followup_min_days``
    or more after the earlier, names ``followup_min_people`` or more of the same people
    by rare full names (the victims, the accused): a verdict that names no day still
    tells of the shooting whose victims it names. Each pair -> how many people."""
    if cfg.followup_min_people <= 0:
        return {}
    holders: dict[str, list[int]] = {}
    for i, f in enumerate(feats):
        for key in f.entities:
            name = _name_part(key)
            if key.startswith("person:") and name in rare[i]:
                holders.setdefault(name, []).append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for held_by in holders.values():
        for x, i in enumerate(held_by):
            for j in held_by[x + 1:]:
                shared[(min(i, j), max(i, j))] += 1
    out: dict[tuple[int, int], int] = {}
    for (i, j), n in shared.items():
        d_i, d_j = days[i], days[j]
        if n >= cfg.followup_min_people and d_i is not None and d_j is not None \
                and abs(d_i - d_j) >= cfg.followup_min_days:
            out[(i, j)] = n  # indexes in canonical (publication) order
    return out


def _decay_array(cfg: BatchConfig, gap):  # type: ignore[no-untyped-def]
    """``_decay`` of an array of gaps (days)."""
    import numpy as np

    f = cfg.decay_floor
    return np.where(gap <= cfg.grace_days, 1.0,
                    f + (1.0 - f) * np.exp(-np.maximum(0.0, gap - cfg.grace_days) / max(cfg.decay_days, 1e-9)))


@dataclass
class _Group:
    members: list[int]
    span: tuple[float, float] | None
    pair_sum: float = 0.0
    #: the days its first reports say their event happened, and the days its articles name
    fresh: set[date] = field(default_factory=set)
    named: set[date] = field(default_factory=set)
    version: int = 0

    def absorb(self, other: _Group) -> None:
        """Take ``other``'s articles, time span and days (the caller re-owns its articles)."""
        self.members.extend(other.members)
        if other.span is not None:
            self.span = other.span if self.span is None else (min(self.span[0], other.span[0]),
                                                              max(self.span[1], other.span[1]))
        self.fresh |= other.fresh
        self.named |= other.named


def batch_cluster(features: Sequence[ArticleFeatures],
                  config: BatchConfig | None = None) -> tuple[dict[str, str], list[Cluster]]:
    """Cluster a batch (see the module docstring). Returns ``{article id: story id}`` and
    the stories (by first publication time, undated last, then id)."""
    cfg = config or BatchConfig()
    feats = canonical_order(features)
    n = len(feats)
    if n == 0:
        return {}, []
    days = [_days(f.published) for f in feats]
    groups: dict[int, _Group] = {i: _Group([i], (d, d) if d is not None else None, fresh=set(f.fresh_days or ()),
                                           named=set(f.named_dates or ()))
                                 for i, (d, f) in enumerate(zip(days, feats))}
    links: dict[int, dict[int, float]] = {i: {} for i in range(n)}  # group -> group -> similarity sum
    heap: list[tuple[float, int, int, int, int]] = []
    one_day: set[tuple[int, int]] = set()  # pairs published within sameday_days, alike enough
    if n > 1:
        import numpy as np

        pi, pj, ps, pw = _neighbours(feats, days, cfg)
        for a, b, s in zip(pi.tolist(), pj.tolist(), ps.tolist()):
            links[a][b] = s
            links[b][a] = s
        t = np.array([d if d is not None else np.nan for d in days], dtype=np.float64)
        gap = np.abs(t[pi] - t[pj])
        score = ps * _decay_array(cfg, np.where(np.isnan(gap), 0.0, gap))
        near = (gap <= cfg.sameday_days) & (pw >= cfg.sameday_min_link)  # NaN (undated) never; < 0: off
        one_day = set(zip(pi[near].tolist(), pj[near].tolist()))
        ok = score >= cfg.threshold
        heap = [(-float(sc), a, b, 0, 0) for sc, a, b in zip(score[ok].tolist(), pi[ok].tolist(), pj[ok].tolist())]
        heapq.heapify(heap)

    def cohesion(g: _Group) -> float | None:
        m = len(g.members)
        if cfg.cohesion_prior is not None:  # shrunk toward a prior: every story has a bar
            return (g.pair_sum + cfg.cohesion_prior_weight * cfg.cohesion_prior) / (
                m * (m - 1) / 2 + cfg.cohesion_prior_weight)
        if m < max(2, cfg.cohesion_min_articles):
            return None
        return g.pair_sum / (m * (m - 1) / 2)

    def bar(a: _Group, b: _Group) -> float:
        c = [x for x in (cohesion(a), cohesion(b)) if x is not None]
        if not c:
            return cfg.threshold
        if cfg.cohesion_combine == "min":
            combined = min(c)
        elif cfg.cohesion_combine == "max":
            combined = max(c)
        else:  # "mean"
            combined = sum(c) / len(c)
        return max(cfg.threshold, cfg.cohesion_ratio * combined)

    def link(a: int, b: int) -> float:
        ga, gb = groups[a], groups[b]
        return links[a][b] / (len(ga.members) * len(gb.members)) * _decay(cfg, ga.span, gb.span)

    def push(a: int, b: int) -> None:
        if a > b:
            a, b = b, a
        score = link(a, b)
        if score >= cfg.threshold:
            heapq.heappush(heap, (-score, a, b, groups[a].version, groups[b].version))

    owner = list(range(n))  # article -> its group (the group's first member)

    def agglomerate() -> None:
        while heap:
            neg, a, b, va, vb = heapq.heappop(heap)
            ga, gb = groups.get(a), groups.get(b)
            if ga is None or gb is None or ga.version != va or gb.version != vb:
                continue
            score = -neg
            if score < bar(ga, gb) or _other_incidents(ga, gb, cfg):
                continue
            # merge b into a (a is the lower index: the canonical-earlier first member)
            ga.pair_sum += gb.pair_sum + len(ga.members) * len(gb.members) * min(score, cfg.cohesion_pair_cap)
            for m in gb.members:
                owner[m] = a
            ga.absorb(gb)
            ga.version += 1
            del groups[b]
            lb = links.pop(b)
            la = links[a]
            la.pop(b, None)
            for c, s in lb.items():
                if c == a:
                    continue
                la[c] = la.get(c, 0.0) + s
                lc = links[c]
                lc[a] = lc.get(a, 0.0) + lc.pop(b)
            for c in la:
                push(a, c)

    agglomerate()
    if n > 1 and cfg.followup_share > 0:
        _join_follow_ups(feats, days, groups, owner, cfg, one_day)

    return _stories(feats, days, groups, cfg)


def _other_incidents(a: _Group, b: _Group, cfg: BatchConfig) -> bool:
    """Whether two stories are first reports of two events: each has an article that
    first reports what happened (``features.fresh_days``), the days they give are more
    than ``fresh_apart_days`` apart, and no article of either names a day of the other's
    event (give or take one: a later report recalling "the Oct. 12 shooting" links them).
    Two shootings in one city a year apart are alike in every word but their days."""
    if cfg.fresh_apart_days <= 0 or not a.fresh or not b.fresh:
        return False
    later = sorted(b.fresh)
    for x in a.fresh:  # the nearest of b's days to each of a's
        k = bisect.bisect_left(later, x)
        if any(abs((later[j] - x).days) <= cfg.fresh_apart_days for j in (k - 1, k) if 0 <= j < len(later)):
            return False
    one_day = timedelta(days=1)
    recalled = any(d in b.named for x in a.fresh for d in (x - one_day, x, x + one_day)) or \
        any(d in a.named for x in b.fresh for d in (x - one_day, x, x + one_day))
    return not recalled


def _join_follow_ups(feats: Sequence[ArticleFeatures], days: Sequence[float | None], groups: dict[int, _Group],
                     owner: list[int], cfg: BatchConfig, one_day: set[tuple[int, int]]) -> None:
    """Step 5 of the module docstring: a story joins the earlier story its articles refer
    back to when at least ``followup_share`` of them do (of those it refers to, the one
    most of them refer to; a tie joins neither, unless the tied stories reported the same
    day the articles name, when the one they share the most rare names with is joined).
    Repeated until no story joins, so a trial's story can join an arrest's that joined
    the event's."""
    pairs = follow_up_pairs(feats, days, cfg, one_day)
    while True:
        refer: dict[int, dict[int, set[int]]] = {}  # later story -> earlier story -> its referring articles
        names: Counter[tuple[int, int]] = Counter()  # (later, earlier) story -> rare names shared
        named: dict[tuple[int, int], set[date]] = {}  # (later, earlier) story -> the days named
        for (a, b), ref in sorted(pairs.items()):
            early, late = owner[a], owner[b]
            if early != late:
                refer.setdefault(late, {}).setdefault(early, set()).add(b)
                names[(late, early)] += ref.names
                named.setdefault((late, early), set()).update(ref.days)
        joins: list[tuple[int, int]] = []
        for late in sorted(refer):
            ranked = sorted(((len(arts), names[(late, early)], early) for early, arts in refer[late].items()),
                            reverse=True)
            best, best_names, early = ranked[0]
            tied = [e for n, _, e in ranked if n == best]
            if len(tied) > 1:
                common_days = set.intersection(*(named[(late, e)] for e in tied))
                if not common_days or ranked[1][1] == best_names:
                    continue  # two events named (or nothing to tell the two apart): neither
            if best >= cfg.followup_share * len(groups[late].members):
                joins.append((late, early))
        if not joins and cfg.followup_exclusive_names > 0:
            joins = _sharing_their_own_names(feats, days, groups, owner, cfg)
        if not joins:
            return
        late, early = joins[0]  # one at a time: the stories change
        keep, gone = min(late, early), max(late, early)
        gk, gg = groups[keep], groups.pop(gone)
        for m in gg.members:
            owner[m] = keep
        gk.absorb(gg)


def _sharing_their_own_names(feats: Sequence[ArticleFeatures], days: Sequence[float | None],
                             groups: dict[int, _Group], owner: list[int], cfg: BatchConfig) -> list[tuple[int, int]]:
    """(later story, earliest story) pairs among stories that alone hold
    ``followup_exclusive_names`` or more full names of people (two words or more, each
    held by at most ``followup_exclusive_articles`` articles and by the same 2 to
    ``followup_exclusive_stories`` stories and no other: an officer's and his victim's
    names told again at the indictment, the trial and the verdict), each later story
    beginning ``followup_min_days`` or more after the earliest began."""
    holders: dict[str, set[int]] = {}
    held: Counter[str] = Counter()
    for i, f in enumerate(feats):
        for name in {_name_part(k) for k in f.entities if k.startswith("person:") and " " in _name_part(k)}:
            held[name] += 1
            holders.setdefault(name, set()).add(owner[i])
    shared: Counter[tuple[int, ...]] = Counter()  # the stories holding a name -> how many such names
    for name, stories in holders.items():
        if 2 <= len(stories) <= cfg.followup_exclusive_stories and held[name] <= cfg.followup_exclusive_articles:
            shared[tuple(sorted(stories))] += 1
    out = []
    for members, n in sorted(shared.items()):
        if n < cfg.followup_exclusive_names:
            continue
        spans = [(groups[m].span, m) for m in members]
        if any(sp is None for sp, _ in spans):
            continue
        ordered = sorted((sp[0], m) for sp, m in spans if sp is not None)
        early_start, early = ordered[0]
        for late_start, late in ordered[1:]:
            if late_start - early_start >= cfg.followup_min_days:
                out.append((late, early))
    return out


def _stories(feats: Sequence[ArticleFeatures], days: Sequence[float | None], groups: dict[int, _Group],
             cfg: BatchConfig) -> tuple[dict[str, str], list[Cluster]]:
    latest = max((d for d in days if d is not None), default=None)
    window_days = cfg.window.total_seconds() / 86400.0
    assignment: dict[str, str] = {}
    stories: list[tuple[tuple[bool, float, str], Cluster]] = []
    for g in groups.values():
        members = sorted(g.members)
        lead = feats[members[0]]
        sid = "story-" + lead.id
        ids = [feats[i].id for i in members]
        title = next((feats[i].headline for i in members if feats[i].headline), None)
        counts: Counter[str] = Counter()
        names: dict[str, str] = {}
        for i in members:
            f = feats[i]
            counts.update(f.entities.keys())
            for k in f.entities:
                if f.names and k in f.names:
                    names.setdefault(k, f.names[k])
        top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: cfg.story_entities]
        dated = [i for i in members if days[i] is not None]
        first = min(dated, key=lambda i: days[i]) if dated else None  # type: ignore[arg-type,return-value]
        last = max(dated, key=lambda i: days[i]) if dated else None  # type: ignore[arg-type,return-value]
        active = True
        if last is not None and latest is not None:
            active = latest - days[last] <= window_days  # type: ignore[operator]
        story = Cluster(sid, lead.id, title, ids, [StoryEntity(k, names.get(k, k), c) for k, c in top],
                      _utc(feats[first].published) if first is not None else None,  # type: ignore[arg-type]
                      _utc(feats[last].published) if last is not None else None,  # type: ignore[arg-type]
                      active)
        for aid in ids:
            assignment[aid] = sid
        d0 = days[first] if first is not None else None
        stories.append(((d0 is None, d0 or 0.0, sid), story))
    stories.sort(key=lambda kv: kv[0])
    return assignment, [s for _, s in stories]
