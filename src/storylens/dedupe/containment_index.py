"""datasketch's LSH Ensemble (the index of which texts may contain which), built faster:
the same size partitions, bands and buckets, so every query finds the same keys.

``MinHashLSHEnsemble.index`` first splits the batch's set sizes into partitions with the
fewest expected false positives (``optimal_partitions``: one numpy call per interval of
sizes, O(n\u00b2) for n distinct sizes, about a second for 1,000 GVA articles and growing
faster than the batch), then inserts each text into one ``MinHashLSH`` per band width of
its partition (four with Storylens's settings: 250 bands), each band cut from the MinHash
and made bytes by numpy on its own; a query cuts and converts its bands again in each of
the eight partitions. Here the partitions come from running totals with one vector
operation per step (:func:`optimal_partitions`: the same partitions, ~0.01 s), and the
MinHash is made bytes once per text, indexed or queried, each band a slice of them (the
bytes ``MinHashLSH._byteswap`` gives a band).

It writes into datasketch's own ``MinHashLSH`` storages as ``MinHashLSH._insert`` does,
so it is tied to the datasketch the lock file pins (2.0.0);
``tests/unit/dedupe/test_containment_index.py`` checks the partitions and every query
against datasketch's own, so an upgrade that changes those internals fails there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Iterator
from typing import Any

import numpy as np
from datasketch import MinHash, MinHashLSHEnsemble
from datasketch.lsh import _check_scheme_consistency

__all__ = ["ContainmentIndex", "optimal_partitions"]


class ContainmentIndex(MinHashLSHEnsemble):  # type: ignore[misc]
    """``MinHashLSHEnsemble`` (in-memory storage, keys not pickled) with a faster ``index``
    and ``query``."""

    def index(self, entries: Iterable[tuple[Hashable, MinHash, int]]) -> None:
        """``MinHashLSHEnsemble.index``: the same size partitions, each text inserted into
        every band-width index of its partition."""
        if not self.is_empty():
            raise ValueError("Cannot call index again on a non-empty index")
        entries = list(entries)
        if any(size <= 0 for _, _, size in entries):
            raise ValueError("Set size must be positive")
        if not entries:
            raise ValueError("entries is empty")
        sizes, counts = np.array(sorted(Counter(e[2] for e in entries).most_common())).T
        for i, (lower, upper) in enumerate(optimal_partitions(sizes, counts, len(self.indexes))):
            self.lowers[i], self.uppers[i] = lower, upper
        entries.sort(key=lambda e: e[2])
        part = 0
        for key, minhash, size in entries:
            if size > self.uppers[part]:
                part += 1
            whole = minhash.hashvalues.byteswap().tobytes()
            for lsh in self.indexes[part].values():
                _insert(lsh, key, minhash, whole)

    def query(self, minhash: MinHash, size: int) -> Iterator[Any]:  # the keys as indexed
        """``MinHashLSHEnsemble.query``: the keys of every partition's band-width index
        that share a band with ``minhash`` in the first bands its optimal parameters use."""
        whole = minhash.hashvalues.byteswap().tobytes()
        for index, upper in zip(self.indexes, self.uppers):
            if upper is None:
                continue
            bands, width = self._get_optimal_param(upper, size)
            yield from _query(index[width], minhash, bands, whole)


def _query(lsh: Any, minhash: MinHash, bands: int, whole: bytes) -> set[Hashable]:
    """``MinHashLSH._query_b(minhash, bands)`` with each band's bytes sliced from ``whole``."""
    if lsh.prepickle or lsh.hashfunc is not None or len(minhash) != lsh.h or bands > len(lsh.hashtables):
        return set(lsh._query_b(minhash, bands))  # what this module does not do, the stock way
    _check_scheme_consistency(getattr(lsh, "_minhash_scheme", None), minhash)
    size = minhash.hashvalues.itemsize
    found: set[Hashable] = set()
    for (start, end), table in zip(lsh.hashranges[:bands], lsh.hashtables[:bands]):
        band = whole[size * start:size * end]
        if band in table:
            found.update(table[band])
    return found


def _insert(lsh: Any, key: Hashable, minhash: MinHash, whole: bytes) -> None:
    """``MinHashLSH._insert(key, minhash)`` with each band's bytes sliced from ``whole``."""
    if lsh.prepickle or lsh.hashfunc is not None or lsh._require_bytes_keys or len(minhash) != lsh.h:
        lsh._insert(key, minhash)  # what this module does not do, the stock way
        return
    lsh._minhash_scheme = _check_scheme_consistency(getattr(lsh, "_minhash_scheme", None), minhash)
    if key in lsh.keys:
        raise ValueError("The given key already exists")
    size = minhash.hashvalues.itemsize
    bands = [whole[size * start:size * end] for start, end in lsh.hashranges]
    lsh.keys.insert(key, *bands)
    for band, table in zip(bands, lsh.hashtables):
        table.insert(band, key)


def optimal_partitions(sizes: np.ndarray, counts: np.ndarray, num_part: int) -> list[tuple[int, int]]:
    """``datasketch.lshensemble_partition.optimal_partitions``: ``num_part`` intervals of
    set sizes (bounds inclusive) by datasketch's dynamic programme, with arrays. Each
    interval's expected false positives come from running totals of the counts (exact
    integers) instead of a sum per interval, and each step is one vector operation; ties
    go to the lowest bound, as there. The sums can differ from datasketch's in the last
    bits, so two choices equal to within rounding could go the other way: the partitions
    were the same on 400 random size distributions and on GVA dev's (250 to 2,102
    articles)."""
    if num_part < 2:
        return [(int(sizes[0]), int(sizes[-1]))]
    if num_part >= len(sizes):
        return [(int(x), int(x)) for x in sizes]
    n = len(sizes)
    size = sizes.astype(float)
    count = counts.astype(float)
    total = np.concatenate(([0.0], np.cumsum(count)))
    weighted = np.concatenate(([0.0], np.cumsum(size * count)))
    # false positives of the interval [l, u] (indexes): sum over i in it of (s_u - s_i) / s_u * c_i
    nfps = (total[None, 1:] - total[:-1, None]) - (weighted[None, 1:] - weighted[:-1, None]) / size[None, :]
    nfps = np.maximum(nfps, 0.0)  # rounding below zero where an interval holds one size
    # best[k][u]: the least false positives of sizes[0..u] in k + 1 intervals (0 where u is
    # too small for them, as datasketch's table holds)
    best = [nfps[0]]
    for k in range(1, num_part - 1):
        row = np.zeros(n)
        for u in range(k, n):
            row[u] = np.min(best[k - 1][k - 1:u] + nfps[k:u + 1, u])
        best.append(row)
    last = best[num_part - 2][num_part - 2:n - 1] + nfps[num_part - 1:n, n - 1]
    upper = int(np.argmin(last)) + num_part - 2
    bounds = [(int(sizes[upper + 1]), int(sizes[-1]))]
    # back from the last interval as datasketch goes: the split of sizes[0..upper] read
    # from the table of as many intervals as are left (its own reading, kept so that the
    # partitions are its partitions)
    for k in range(num_part - 1, 1, -1):
        options = best[k - 1][k - 2:upper] + nfps[k - 1:upper + 1, upper]
        lower_end = int(np.argmin(options)) + k - 2
        bounds.insert(0, (int(sizes[lower_end + 1]), int(sizes[upper])))
        upper = lower_end
    bounds.insert(0, (int(sizes[0]), int(sizes[upper])))
    return bounds
