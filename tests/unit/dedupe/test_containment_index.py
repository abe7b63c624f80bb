"""The containment index filled the fast way answers every query as datasketch's own
``MinHashLSHEnsemble`` does (random word sets of many sizes, some sharing most words)."""

from __future__ import annotations

import random

import pytest
import numpy as np
from datasketch import MinHash, MinHashLSHEnsemble
from datasketch.lshensemble_partition import optimal_partitions as stock_partitions

from storylens.dedupe.containment_index import ContainmentIndex, optimal_partitions


def _sets(seed: int) -> list[set[str]]:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(3000)]
    sets = [set(rng.sample(vocabulary, rng.randint(5, 600))) for _ in range(120)]
    for base in sets[:40]:  # copies: most of one text inside another, longer or shorter
        part = set(rng.sample(sorted(base), max(1, int(len(base) * rng.uniform(0.3, 1.0)))))
        sets.append(part | set(rng.sample(vocabulary, rng.randint(0, 200))))
    return sets


def _minhash(words: set[str], num_perm: int) -> MinHash:
    m = MinHash(num_perm=num_perm)
    for w in sorted(words):
        m.update(w.encode())
    return m


@pytest.mark.parametrize(("seed", "threshold", "num_perm", "num_part"), [(1, 0.35, 128, 8), (2, 0.6, 64, 4),
                                                                         (3, 0.2, 128, 16)])
def test_every_query_finds_what_the_stock_ensemble_finds(seed: int, threshold: float, num_perm: int,
                                                         num_part: int) -> None:
    sets = _sets(seed)
    entries = [(f"t{i}", _minhash(s, num_perm), len(s)) for i, s in enumerate(sets)]
    stock = MinHashLSHEnsemble(threshold=threshold, num_perm=num_perm, num_part=num_part)
    stock.index(list(entries))
    fast = ContainmentIndex(threshold=threshold, num_perm=num_perm, num_part=num_part)
    fast.index(iter(entries))
    assert (fast.lowers, fast.uppers) == (stock.lowers, stock.uppers)
    found = 0
    for _, minhash, size in entries:
        keys = set(fast.query(minhash, size))
        assert keys == set(stock.query(minhash, size))
        found += len(keys)
    assert found > len(entries)  # not only each text finding itself


def test_a_key_indexed_twice_or_an_empty_batch_is_refused_as_the_stock_index_refuses() -> None:
    m = _minhash({"a", "b"}, 128)
    with pytest.raises(ValueError):
        ContainmentIndex(threshold=0.5).index([("x", m, 2), ("x", m, 2)])
    with pytest.raises(ValueError):
        ContainmentIndex(threshold=0.5).index([])
    with pytest.raises(ValueError):
        ContainmentIndex(threshold=0.5).index([("x", m, 0)])


def test_the_size_partitions_are_datasketchs() -> None:
    rng = random.Random(7)
    for _ in range(150):
        k = rng.randint(2, 120)
        sizes = np.array(sorted(rng.sample(range(1, 3000), k)))
        counts = np.array([rng.randint(1, 6) for _ in range(k)])
        parts = rng.choice([1, 2, 3, 4, 8, 16])
        expected = [(int(lo), int(hi)) for lo, hi in stock_partitions(sizes, counts, parts)]
        assert optimal_partitions(sizes, counts, parts) == expected, (sizes.tolist(), counts.tolist(), parts)
