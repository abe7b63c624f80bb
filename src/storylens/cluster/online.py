"""Online story clustering: each article, in time order, joins a story or starts one.

Per article the work is bounded by constants of ``ClusterConfig``, not by how many
articles or stories came before:

1. **Vector.** Lemma counts of body and title (title terms count ``title_weight`` extra)
   and entity keys (as ``§key`` terms, weighted ``entity_weight``), sublinear tf times an
   IDF (document frequencies counted online, optionally primed from a batch or a
   background corpus), L2-normalised.
2. **Candidates by blocking.** The article's ``blocking_terms`` highest-weighted terms and
   its ``blocking_entities`` entity keys are looked up in an inverted index from key to
   the stories that used it; each posting list keeps only the ``max_postings`` most
   recently updated stories. At most ``max_candidates`` stories (most shared keys
   first) are scored.
3. **Score.** Cosine between the article and the story's centroid (sum of its articles'
   vectors, pruned to ``centroid_terms`` terms), times a time decay when both are dated:
   ``exp(-max(0, gap_days - grace_days) / decay_days)`` where the gap is the distance from
   the article's time to the story's first-last interval. The best story at or above
   ``threshold`` is joined; otherwise a new story starts.
4. **Retirement.** Stories idle for longer than ``window`` (by article time), or beyond
   ``max_active`` live stories (least recently updated first), leave the index and keep
   only their summary ``Story`` record.

Story ids are ``story-`` + the id of the story's first article, so a rerun over the same
input gives the same ids.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from .features import ArticleFeatures

__all__ = ["ClusterConfig", "Story", "StoryEntity", "StoryClusterer"]

log = logging.getLogger(__name__)

_ENT = "§"


@dataclass(frozen=True)
class ClusterConfig:
    """Settings of ``StoryClusterer``. The similarity settings (threshold, cohesion,
    entity_share, title_weight, binary_tf, min_df) were chosen by a sweep scored on ECB+
    dev, NewsWCL50 dev, a benchmark stream and the examples/ corpus together (see the
    ``storylens.eval.ecbplus`` docstring). ``cohesion`` (off by default): a story with
    earlier joins needs ``cohesion`` x the mean score of those joins, at most
    ``cohesion_cap``; joins scoring ``copy_score`` or more (agency copies) do not count.
    The time settings (window 7 days, decay 3 days after a 1-day grace) are set by hand:
    no dev set has dates. The bounds (blocking, postings, candidates, terms) cap the work."""

    threshold: float = 0.175
    cohesion: float = 0.0
    cohesion_cap: float = 1.0
    copy_score: float = 0.8
    entity_share: float = 0.5
    title_weight: float = 2.0
    binary_tf: bool = True
    min_df: int = 1
    idf_power: float = 1.0
    link: str = "centroid"
    window: timedelta = timedelta(days=7)
    decay_days: float = 3.0
    grace_days: float = 1.0
    blocking_terms: int = 12
    blocking_entities: int = 8
    max_postings: int = 64
    max_candidates: int = 48
    query_terms: int = 400
    centroid_terms: int = 1000
    max_active: int = 50_000
    keep_retired: bool = True
    story_entities: int = 8


@dataclass(frozen=True)
class StoryEntity:
    key: str
    name: str
    articles: int

    def to_dict(self) -> dict[str, object]:
        return {"key": self.key, "name": self.name, "articles": self.articles}


@dataclass
class Story:
    """A group of articles about one event.

    ``id`` is ``story-`` + the first article's id; ``title`` is the headline of that
    (earliest) article (``lead``), or of the first later member with a headline;
    ``articles`` the member ids in arrival order; ``entities`` the most shared entity keys
    (with a name as written and how many member articles name it); ``first_published``
    and ``last_published`` span the dated members; ``active`` is False once retired."""

    id: str
    lead: str
    title: str | None
    articles: list[str]
    entities: list[StoryEntity]
    first_published: datetime | None
    last_published: datetime | None
    active: bool = True

    def to_dict(self) -> dict[str, object]:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {"id": self.id, "lead": self.lead, "title": self.title, "articles": list(self.articles),
                "entities": [e.to_dict() for e in self.entities],
                "first_published": iso(self.first_published), "last_published": iso(self.last_published),
                "active": self.active}


@dataclass
class _Live:
    story: Story
    centroid: dict[str, float]
    norm: float
    entity_norm: float
    keys: set[str]
    join_sum: float = 0.0
    joins: int = 0
    entity_counts: Counter[str] = field(default_factory=Counter)
    names: dict[str, str] = field(default_factory=dict)


def _norms(vec: dict[str, float]) -> tuple[float, float]:
    """L2 norms of the word part and of the entity part."""
    words = ents = 0.0
    for t, w in vec.items():
        if t.startswith(_ENT):
            ents += w * w
        else:
            words += w * w
    return math.sqrt(words), math.sqrt(ents)


def _normalise(vec: dict[str, float]) -> dict[str, float]:
    nw, ne = _norms(vec)
    return {t: w / ((ne if t.startswith(_ENT) else nw) or 1.0) for t, w in vec.items()}


def _utc(t: datetime | None) -> datetime | None:
    if t is None:
        return None
    return t if t.tzinfo is not None else t.replace(tzinfo=timezone.utc)


class StoryClusterer:
    """Online clustering; see the module docstring. Feed ``add`` in time order."""

    def __init__(self, config: ClusterConfig | None = None) -> None:
        self.config = config or ClusterConfig()
        self._df: Counter[str] = Counter()
        self._docs = 0
        self._live: dict[str, _Live] = {}  # insertion order = least recently updated first
        self._postings: dict[str, dict[str, None]] = {}
        self._retired: list[Story] = []
        self._primed: set[str] = set()
        self._expiry: list[tuple[datetime, int, str]] = []
        self._tick = itertools.count()
        self._now: datetime | None = None
        #: candidates scored for the last article (bounded by ``max_candidates``)
        self.last_candidates = 0
        #: posting entries read for the last article (bounded by keys x ``max_postings``)
        self.last_postings_read = 0

    # -- IDF -------------------------------------------------------------------------
    def prime(self, features: Iterable[ArticleFeatures]) -> None:
        """Count document frequencies from a batch before clustering it (``add`` then does
        not count those articles a second time) or from a background corpus."""
        for f in features:
            self._count(f)
            self._primed.add(f.id)

    def _count(self, f: ArticleFeatures) -> None:
        terms = set(f.body) | set(f.title) | {_ENT + k for k in f.entities}
        self._df.update(terms)
        self._docs += 1

    def idf(self, term: str) -> float:
        return math.log((self._docs + 1) / (self._df.get(term, 0) + 1)) + 1.0

    # -- vectors ---------------------------------------------------------------------
    def _vector(self, f: ArticleFeatures, min_df: int) -> dict[str, float]:
        """Words and entities as two separately L2-normalised parts of one sparse vector,
        over the terms with a document frequency of at least ``min_df``."""
        cfg = self.config
        tf = (lambda n: 1.0) if cfg.binary_tf else (lambda n: 1.0 + math.log(n))
        raw: dict[str, float] = {}
        for t, n in f.body.items():
            raw[t] = tf(n)
        for t, n in f.title.items():
            raw[t] = raw.get(t, 0.0) + cfg.title_weight * tf(n)
        for k, n in f.entities.items():
            raw[_ENT + k] = tf(n)
        p, df = cfg.idf_power, self._df
        vec = {t: w * self.idf(t) ** p for t, w in raw.items() if df.get(t, 0) >= min_df}
        return _normalise(vec)

    def _keys(self, vec: dict[str, float]) -> list[str]:
        cfg = self.config
        ents = [t for t in vec if t.startswith(_ENT)]
        words = [t for t in vec if not t.startswith(_ENT)]
        ents.sort(key=lambda t: (-vec[t], t))
        words.sort(key=lambda t: (-vec[t], t))
        return ents[: cfg.blocking_entities] + words[: cfg.blocking_terms]

    # -- the step --------------------------------------------------------------------
    def add(self, features: ArticleFeatures) -> str:
        """Place one article; returns its story id."""
        cfg = self.config
        published = _utc(features.published)
        if published is not None and (self._now is None or published > self._now):
            self._now = published
            self._retire_idle()
        if features.id in self._primed:
            self._primed.discard(features.id)
            primed = True
        else:
            self._count(features)
            primed = False
        # Scoring leaves out terms no other article has: they cannot match and would only
        # dilute the norm. What the story stores keeps them when frequencies are still being
        # counted (the next article of a new event brings its first shared terms), and
        # leaves them out when the batch was primed (its frequencies are final).
        vec = self._vector(features, self.config.min_df)
        stored = vec if primed or self.config.min_df <= 1 else self._vector(features, 1)
        keys = self._keys(vec)  # looked up now
        index_keys = keys if stored is vec else list(dict.fromkeys(keys + self._keys(stored)))

        hits: Counter[str] = Counter()
        read = 0
        for key in keys:
            posting = self._postings.get(key)
            if posting:
                read += len(posting)
                hits.update(posting.keys())
        self.last_postings_read = read
        candidates = [sid for sid, _ in sorted(hits.items(), key=lambda kv: -kv[1])[: cfg.max_candidates]]
        self.last_candidates = len(candidates)

        query = sorted(vec.items(), key=lambda kv: -kv[1])[: cfg.query_terms]
        has_entities = any(t.startswith(_ENT) for t, _ in query)
        best_id, best_margin, best_score = None, -1.0, 0.0
        for sid in candidates:
            live = self._live[sid]
            centroid = live.centroid
            dot_w = dot_e = 0.0
            for t, w in query:
                c = centroid.get(t)
                if c is not None:
                    if t.startswith(_ENT):
                        dot_e += w * c
                    else:
                        dot_w += w * c
            if cfg.link == "centroid":
                sim_w, sim_e = dot_w / (live.norm or 1.0), dot_e / (live.entity_norm or 1.0)
            else:
                sim_w = dot_w / len(live.story.articles)
                sim_e = dot_e / len(live.story.articles)
            if has_entities and live.entity_norm > 0:
                score = (1.0 - cfg.entity_share) * sim_w + cfg.entity_share * sim_e
            else:
                score = sim_w
            score *= self._decay(published, live.story)
            need = cfg.threshold
            if live.joins:
                need = max(need, min(cfg.cohesion_cap, cfg.cohesion * live.join_sum / live.joins))
            if score >= need and score - need > best_margin:
                best_id, best_margin, best_score = sid, score - need, score
        if best_id is None:
            return self._start(features, stored, index_keys, published)
        live = self._live[best_id]
        if best_score < cfg.copy_score:  # a copy says nothing about how varied coverage is
            live.join_sum += best_score
            live.joins += 1
        self._join(live, features, stored, index_keys, published)
        return best_id

    def _decay(self, t: datetime | None, story: Story) -> float:
        if t is None or story.first_published is None or story.last_published is None:
            return 1.0
        if story.first_published <= t <= story.last_published:
            return 1.0
        gap = min(abs((t - story.first_published).total_seconds()),
                  abs((t - story.last_published).total_seconds())) / 86400.0
        cfg = self.config
        return math.exp(-max(0.0, gap - cfg.grace_days) / cfg.decay_days)

    def _start(self, f: ArticleFeatures, vec: dict[str, float], keys: list[str], t: datetime | None) -> str:
        sid = "story-" + f.id
        if sid in self._live:  # the same article id twice: keep ids unique
            sid = f"{sid}-{next(self._tick)}"
        story = Story(sid, f.id, f.headline, [], [], t, t)
        live = _Live(story, {}, 1.0, 0.0, set())
        self._live[sid] = live
        self._join(live, f, vec, keys, t)
        if len(self._live) > self.config.max_active:
            self._retire(next(iter(self._live)))
        return sid

    def _join(self, live: _Live, f: ArticleFeatures, vec: dict[str, float], keys: list[str], t: datetime | None) -> None:
        cfg = self.config
        story = live.story
        story.articles.append(f.id)
        if story.title is None and f.headline:
            story.title = f.headline
        for t_, w in vec.items():
            live.centroid[t_] = live.centroid.get(t_, 0.0) + w
        if len(live.centroid) > 2 * cfg.centroid_terms:
            kept = sorted(live.centroid.items(), key=lambda kv: -kv[1])[: cfg.centroid_terms]
            live.centroid = dict(kept)
        live.norm, live.entity_norm = _norms(live.centroid)
        for k in f.entities:
            live.entity_counts[k] += 1
            if f.names and k in f.names:
                live.names.setdefault(k, f.names[k])
        if t is not None:
            if story.first_published is None or t < story.first_published:
                story.first_published = t
            if story.last_published is None or t > story.last_published:
                story.last_published = t
            heapq.heappush(self._expiry, (story.last_published, next(self._tick), story.id))
        # move to the most-recently-updated end, in the live table and in each posting
        self._live[story.id] = self._live.pop(story.id)
        for key in keys:
            posting = self._postings.setdefault(key, {})
            posting.pop(story.id, None)
            posting[story.id] = None
            if len(posting) > cfg.max_postings:
                del posting[next(iter(posting))]
            live.keys.add(key)

    # -- retirement ------------------------------------------------------------------
    def _retire_idle(self) -> None:
        assert self._now is not None
        cutoff = self._now - self.config.window
        while self._expiry and self._expiry[0][0] < cutoff:
            last, _, sid = heapq.heappop(self._expiry)
            live = self._live.get(sid)
            if live is not None and live.story.last_published == last:
                self._retire(sid)

    def _retire(self, sid: str) -> None:
        live = self._live.pop(sid)
        for key in live.keys:
            posting = self._postings.get(key)
            if posting is not None:
                posting.pop(sid, None)
                if not posting:
                    del self._postings[key]
        story = self._summary(live)
        story.active = False
        if self.config.keep_retired:
            self._retired.append(story)

    def _summary(self, live: _Live) -> Story:
        top = sorted(live.entity_counts.items(), key=lambda kv: (-kv[1], kv[0]))[: self.config.story_entities]
        live.story.entities = [StoryEntity(k, live.names.get(k, k), n) for k, n in top]
        return live.story

    # -- reading ---------------------------------------------------------------------
    @property
    def active_count(self) -> int:
        return len(self._live)

    @property
    def index_size(self) -> int:
        """Posting entries held (bounded by live stories x their keys)."""
        return sum(len(p) for p in self._postings.values())

    def stories(self) -> list[Story]:
        """Every story (retired ones too when ``keep_retired``), by first publication
        time (undated last), then id."""
        stories = self._retired + [self._summary(v) for v in self._live.values()]
        far = datetime.max.replace(tzinfo=timezone.utc)
        return sorted(stories, key=lambda s: (s.first_published is None, s.first_published or far, s.id))
