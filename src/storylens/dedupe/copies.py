"""Exact duplicates, near-duplicates and agency-copy (syndication) groups over a batch.

Rules (all thresholds below; how they were chosen is written next to each):

* **Exact duplicate**: the same folded word sequence (``shingles.words``). Every copy
  points (``duplicate_of``) at the earliest article: published time first, undated last,
  then id.
* **Near-duplicate**: MinHash LSH over shingles of ``dedupe.shingle_words`` words finds candidates; the exact Jaccard
  of the shingle sets must reach ``DedupeSettings.near_duplicate_jaccard``. Near-duplicates also point at
  the earliest member of their connected group, and the Jaccard is kept in the report.
* **Agency copy**: the same wire story republished by several outlets with their own
  headline, furniture, a trimmed ending or an added local paragraph. Candidates come from a
  containment LSH (datasketch's LSH Ensemble, built by ``containment_index``: the smaller
  text contained in the larger), checked with the exact shingle containment. A pair is a copy when the
  containment reaches ``copy_containment_with_signal`` and an agency signal is present (a
  feed notice, or a byline, credit or dateline of one naming the other's outlet or the
  same agency as the other), or reaches ``copy_containment_alone`` with no signal at all.
  Groups are unions of copy pairs, except that two groups are never joined when some
  member of one shares almost nothing with some member of the other
  (``cannot_link_containment``): a round-up quoting two wire stories of the same agency
  does not merge those stories.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone

from datasketch import MinHashLSH

from ..model import Article
from ..text import fold
from .containment_index import ContainmentIndex
from .shingles import Fingerprint, containment, fingerprint, jaccard

__all__ = [
    "DedupeSettings",
    "KNOWN_AGENCIES",
    "Duplicate",
    "CopyLink",
    "SyndicationGroup",
    "CopyReport",
    "find_copies",
]

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class DedupeSettings:
    """Thresholds of duplicate and agency-copy detection (the setting section ``dedupe``).

    ``near_duplicate_jaccard``: Jaccard of 5-word shingle sets for a near-duplicate. 0.9
    keeps re-posts that differ by a corrected typo or a changed sentence (one edited
    sentence in a 20-sentence article costs ~5% of shingles on each side, J ~0.9) and
    excludes a wire copy with a paragraph trimmed or added (J 0.77-0.89 in examples/).

    ``copy_containment_with_signal``: agency copy with a stated agency signal: half of the
    smaller text's shingles found verbatim in the other. Chosen from measured
    containments: separately written articles about one event share a few quoted
    sentences (0.01-0.09 in examples/: Meridian Press vs the Harbor Wire original is
    0.07); over all 420k pairs of the 924 real PolNeAR articles (../shared/eval/polnear)
    unrelated pairs top out at 0.21 (a standing editor's note appended to many articles of
    one outlet) and every pair above 0.5 is one article re-run or updated; a wire copy
    trimmed or extended in examples/ keeps 0.99-1.0.

    ``copy_containment_alone``: without any signal the text alone must make the case:
    80% of the smaller text verbatim.

    ``cannot_link_containment``: two articles sharing less than this cannot end up in one
    group through a third one.

    ``lsh_containment``: candidate search of the containment LSH (below the verification
    thresholds, so that the LSH's estimation error loses no true pair).
    """

    near_duplicate_jaccard: float = 0.9
    copy_containment_with_signal: float = 0.5
    copy_containment_alone: float = 0.8
    cannot_link_containment: float = 0.2
    lsh_containment: float = 0.35
    #: Five-word shingles: long enough that two articles on the same topic written
    #: separately share few of them (a shared verbatim quote gives a handful), short
    #: enough that a copy with edits every few sentences still shares most.
    shingle_words: int = 5
    #: MinHash permutations: 128 gives a Jaccard estimate within about +-0.09 (2 sigma).
    minhash_permutations: int = 128


#: Wire services recognised by name in a byline or credit even when no article of the
#: batch comes from them (folded).
KNOWN_AGENCIES = {
    "reuters": "Reuters", "associated press": "Associated Press", "ap": "Associated Press",
    "afp": "AFP", "agence france-presse": "AFP", "agence france presse": "AFP", "dpa": "dpa",
    "pa media": "PA Media", "press association": "PA Media", "pti": "PTI",
    "press trust of india": "PTI", "ani": "ANI", "ians": "IANS", "xinhua": "Xinhua", "efe": "EFE",
    "ansa": "ANSA", "kyodo": "Kyodo", "kyodo news": "Kyodo", "upi": "UPI", "tass": "TASS",
    "anadolu": "Anadolu", "anadolu agency": "Anadolu", "yonhap": "Yonhap", "aap": "AAP",
    "australian associated press": "AAP", "the canadian press": "The Canadian Press",
    "bloomberg": "Bloomberg", "bernama": "Bernama", "antara": "Antara",
}

_DATELINE_AGENCY = re.compile(r"\(([^()]{2,60})\)\s*$")
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_SPLIT = re.compile(r"\s*(?:\||,|;|/|\band\b|\bwith\b)\s*", re.IGNORECASE)
_NOT_A_NAME = re.compile(r"\d|agency feed|auto-?published|staff|newsroom|desk\b", re.IGNORECASE)
_FAR_FUTURE = datetime.max.replace(tzinfo=timezone.utc)


@dataclass(frozen=True)
class Duplicate:
    """``article_id`` repeats ``duplicate_of`` (exact: same folded text; else Jaccard)."""

    article_id: str
    duplicate_of: str
    jaccard: float
    exact: bool

    def to_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class CopyLink:
    """One verified copy pair: shingle containment and Jaccard, and the signals seen."""

    a: str
    b: str
    containment: float
    jaccard: float
    signals: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {"a": self.a, "b": self.b, "containment": round(self.containment, 4),
                "jaccard": round(self.jaccard, 4), "signals": list(self.signals)}


@dataclass
class SyndicationGroup:
    """Articles that are one agency story republished. ``id`` is ``syn-`` + the smallest
    member id (stable across reruns). ``agency`` is the agency the members state (None
    when none is named), ``original`` the member published by that agency when present.
    ``similarity`` is the smallest containment over the links that hold the group."""

    id: str
    members: list[str]
    agency: str | None
    original: str | None
    similarity: float
    links: list[CopyLink] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"id": self.id, "members": list(self.members), "agency": self.agency,
                "original": self.original, "similarity": round(self.similarity, 4),
                "links": [link.to_dict() for link in self.links]}


@dataclass
class CopyReport:
    duplicates: list[Duplicate]
    groups: list[SyndicationGroup]

    def group_of(self, article_id: str) -> SyndicationGroup | None:
        return next((g for g in self.groups if article_id in g.members), None)

    def to_dict(self) -> dict[str, object]:
        return {"duplicates": [d.to_dict() for d in self.duplicates],
                "groups": [g.to_dict() for g in self.groups]}


def _order_key(article: Article) -> tuple[bool, datetime, str]:
    published = article.published
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=timezone.utc)
    return (published is None, published or _FAR_FUTURE, article.id)


def _stated(article: Article) -> dict[str, tuple[str, str]]:
    """Names an article gives as its source: folded name -> (as written, where)."""
    found: dict[str, tuple[str, str]] = {}

    def add(raw: str, where: str) -> None:
        raw = _BY.sub("", raw).strip(" .-")
        if raw and not _NOT_A_NAME.search(raw) and len(raw) <= 60:
            found.setdefault(fold(raw), (raw, where))

    if article.byline:
        for part in _SPLIT.split(_BY.sub("", article.byline)):
            add(part, "byline")
    for credit in article.credits:
        add(credit, "credit")
    if article.dateline:
        m = _DATELINE_AGENCY.search(article.dateline)
        if m:
            add(m.group(1), "dateline")
    return found


class _Groups:
    """Union-find whose unions can be vetoed."""

    def __init__(self, ids: Sequence[str]) -> None:
        self.parent = {i: i for i in ids}
        self.members = {i: [i] for i in ids}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))


def _signals(a: Article, b: Article, sa: dict[str, tuple[str, str]], sb: dict[str, tuple[str, str]]) -> list[str]:
    out: list[str] = []
    for art, stated, other in ((a, sa, b), (b, sb, a)):
        if art.feed_notice:
            out.append(f"{art.id}: feed notice")
        if other.outlet and fold(other.outlet) in stated:
            raw, where = stated[fold(other.outlet)]
            out.append(f"{art.id}: {where} names {raw}")
    for key in sorted(set(sa) & set(sb)):
        out.append(f"both name {sa[key][0]}")
    for stated, art in ((sa, a), (sb, b)):
        for key, (raw, where) in stated.items():
            if key in KNOWN_AGENCIES and not any(raw in s for s in out):
                out.append(f"{art.id}: {where} names {raw}")
    return out


def _agency(members: list[Article], stated: dict[str, dict[str, tuple[str, str]]]) -> tuple[str | None, str | None]:
    """The agency the group states and the member it published, if any."""
    votes: dict[str, int] = {}
    written: dict[str, str] = {}
    outlets = {fold(m.outlet): m for m in members if m.outlet}
    for m in members:
        for key, (raw, _where) in stated[m.id].items():
            if key in outlets and outlets[key].id != m.id:
                votes[key] = votes.get(key, 0) + 2  # the group contains that agency's own copy
            elif key in KNOWN_AGENCIES or sum(key in stated[o.id] for o in members) >= 2:
                votes[key] = votes.get(key, 0) + 1
            else:
                continue
            written.setdefault(key, KNOWN_AGENCIES.get(key, raw))
    if not votes:
        return None, None
    best = min(votes, key=lambda k: (-votes[k], k))
    original = outlets[best].id if best in outlets else None
    if original is not None and outlets[best].outlet:
        return outlets[best].outlet, original
    return written[best], original


def find_copies(articles: Sequence[Article], cfg: DedupeSettings | None = None) -> CopyReport:
    """Set ``duplicate_of`` and ``syndication_group`` on every article of the batch (None
    when it has neither) and return what was found, with the thresholds of ``cfg``."""
    cfg = cfg or DedupeSettings()
    arts = sorted(articles, key=_order_key)
    by_id = {a.id: a for a in arts}
    prints: dict[str, Fingerprint] = {a.id: fingerprint(a.text or "", cfg.shingle_words, cfg.minhash_permutations)
                                      for a in arts}
    usable = [a for a in arts if prints[a.id].shingles]
    for a in arts:
        a.duplicate_of = None
        a.syndication_group = None

    # Exact and near duplicates: connected groups point at their earliest member.
    dup_groups = _Groups([a.id for a in arts])
    first_by_digest: dict[str, str] = {}
    for a in usable:
        first = first_by_digest.setdefault(prints[a.id].digest, a.id)
        if first != a.id:
            dup_groups.union(first, a.id)
    lsh = MinHashLSH(threshold=cfg.near_duplicate_jaccard - 0.1, num_perm=cfg.minhash_permutations)
    near: dict[tuple[str, str], float] = {}
    for a in usable:
        for other in lsh.query(prints[a.id].minhash):
            j = jaccard(prints[a.id].shingles, prints[other].shingles)
            if j >= cfg.near_duplicate_jaccard:
                near[(other, a.id)] = j
                dup_groups.union(other, a.id)
        lsh.insert(a.id, prints[a.id].minhash)
    duplicates: list[Duplicate] = []
    order = {a.id: i for i, a in enumerate(arts)}
    for members in dup_groups.members.values():
        if len(members) < 2:
            continue
        members.sort(key=order.__getitem__)
        head = members[0]
        for m in members[1:]:
            by_id[m].duplicate_of = head
            exact = prints[m].digest == prints[head].digest
            j = 1.0 if exact else jaccard(prints[m].shingles, prints[head].shingles)
            duplicates.append(Duplicate(m, head, round(j, 4), exact))

    links = _copy_links(usable, prints, cfg)
    groups = _group(usable, links, prints, cfg)
    log.debug("copies: %d duplicates, %d syndication groups over %d articles",
              len(duplicates), len(groups), len(arts))
    return CopyReport(duplicates, groups)


def _copy_links(usable: list[Article], prints: dict[str, Fingerprint], cfg: DedupeSettings) -> list[CopyLink]:
    if len(usable) < 2:
        return []
    ensemble = ContainmentIndex(threshold=cfg.lsh_containment, num_perm=cfg.minhash_permutations, num_part=8)
    ensemble.index((a.id, prints[a.id].minhash, len(prints[a.id].shingles)) for a in usable)
    by_id = {a.id: a for a in usable}
    stated = {a.id: _stated(a) for a in usable}
    links: list[CopyLink] = []
    seen: set[tuple[str, str]] = set()
    for a in usable:
        size = len(prints[a.id].shingles)
        for other in ensemble.query(prints[a.id].minhash, size):
            pair = (min(a.id, other), max(a.id, other))
            if other == a.id or pair in seen:
                continue
            seen.add(pair)
            sa, sb = prints[pair[0]].shingles, prints[pair[1]].shingles
            c = containment(sa, sb)
            if c < cfg.copy_containment_with_signal:
                continue
            x, y = by_id[pair[0]], by_id[pair[1]]
            signals = _signals(x, y, stated[x.id], stated[y.id])
            if c >= cfg.copy_containment_alone or signals:
                links.append(CopyLink(pair[0], pair[1], c, jaccard(sa, sb), tuple(signals)))
    links.sort(key=lambda link: (-link.containment, link.a, link.b))
    return links


def _group(usable: list[Article], links: list[CopyLink], prints: dict[str, Fingerprint],
           cfg: DedupeSettings) -> list[SyndicationGroup]:
    groups = _Groups([a.id for a in usable])
    kept: list[CopyLink] = []
    for link in links:
        ra, rb = groups.find(link.a), groups.find(link.b)
        if ra == rb:
            kept.append(link)
            continue
        if any(containment(prints[x].shingles, prints[y].shingles) < cfg.cannot_link_containment
               for x in groups.members[ra] for y in groups.members[rb]):
            log.debug("copy link %s-%s not followed: it would join unrelated texts", link.a, link.b)
            continue
        groups.union(link.a, link.b)
        kept.append(link)
    by_id = {a.id: a for a in usable}
    order = {a.id: i for i, a in enumerate(usable)}
    stated = {a.id: _stated(a) for a in usable}
    out: list[SyndicationGroup] = []
    for _root, members in groups.members.items():
        if len(members) < 2:
            continue
        members.sort(key=order.__getitem__)
        gid = "syn-" + min(members)
        member_set = set(members)
        group_links = [link for link in kept if link.a in member_set]
        agency, original = _agency([by_id[m] for m in members], stated)
        for m in members:
            by_id[m].syndication_group = gid
        out.append(SyndicationGroup(gid, members, agency, original,
                                    min(link.containment for link in group_links), group_links))
    out.sort(key=lambda g: g.id)
    return out
