"""Near-duplicates: word shingles, MinHash buckets (LSH) to find candidates, exact overlap.

A document falls in ``BANDS`` buckets, one per MinHash permutation (one row per band, so
documents sharing as little as a tenth of their shingles still meet in some bucket). The
buckets are stored; a new document looks up only its own buckets, never every document.
Candidates are then measured exactly on their shingles, so the overlap recorded is the
real one, not an estimate; a candidate whose shingle hashes show it shares too little to
be a near-duplicate (:func:`shared_bounds`, an upper bound) is not measured. A bucket
offers at most ``BUCKET_CAP`` candidates, so the work per new document stays bounded
however large the store grows.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BANDS",
    "BUCKET_CAP",
    "COPY",
    "LEAST",
    "SHINGLE",
    "Overlap",
    "bands",
    "bands_of",
    "could_be_near_duplicate",
    "counted_source",
    "hashes",
    "is_near_duplicate",
    "overlap",
    "shared_bounds",
    "shingles",
]

SHINGLE = 5  # words per shingle
BANDS = 32
# A bucket shared by more documents than this holds a common phrase ("fatalities were
# reported"), not a story: its members with the smallest ids stand for it. Copies of one
# story share many buckets, most of them small, so they still meet.
BUCKET_CAP = 16
# Seed and scheme are fixed: stored bucket keys must be the same in every run and version.
_SEED = 20200305
_SCHEME = "affine32"
_WORD = re.compile(r"\w+")
_CHUNK = 1 << 16  # shingles hashed per numpy array in bands_of


def shingles(text: str) -> frozenset[str]:
    """The set of ``SHINGLE``-word sequences in ``text``, case and punctuation ignored.

    >>> sorted(shingles("One, two three four five six."))
    ['one two three four five', 'two three four five six']
    """
    words = _WORD.findall(text.casefold())
    if len(words) <= SHINGLE:
        return frozenset([" ".join(words)]) if words else frozenset()
    # Five staggered views of the words, zipped: a third faster than slicing each window.
    return frozenset(map(" ".join, zip(*(words[i:] for i in range(SHINGLE)), strict=False)))


@functools.cache
def _permutations() -> tuple[Any, Any]:
    """datasketch's permutations (a, b) for the fixed seed and scheme, as uint32 arrays."""
    import numpy as np
    from datasketch import MinHash  # imported when needed: it is slow to load

    a, b = MinHash(num_perm=BANDS, seed=_SEED, scheme=_SCHEME, hashfunc=zlib.crc32).permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


def bands(found: Iterable[str]) -> list[int]:
    """The LSH bucket keys of a shingle set: band number (high bits) and MinHash value.

    >>> len(bands(shingles("Two shells fell on the market in the town."))), bands([])
    (32, [])
    """
    return bands_of([hashes(found)])[0]


def hashes(found: Iterable[str]) -> Any:
    """The CRC-32 of each shingle's UTF-8 bytes, sorted: a uint32 numpy array.

    CRC-32 is stable across processes; the MinHash values are made from it, and it
    bounds the overlap of two documents from above (see :func:`shared_bounds`).

    >>> hashes(["b", "a"]).tolist()
    [1908338681, 3904355907]
    """
    import numpy as np

    # map() with C functions: no Python frame per shingle.
    out = np.array(list(map(zlib.crc32, map(str.encode, found))), dtype=np.uint32)
    out.sort()
    return out


def bands_of(hashed: Sequence[Any]) -> list[list[int]]:
    """:func:`bands` of many documents at once, each given by its :func:`hashes`.

    The MinHash values are datasketch's for ``scheme="affine32"`` and CRC-32 (a test
    holds them equal): the input hash mixed by MurmurHash3's finalizer, then ``a * h + b``
    modulo 2**32 for each permutation, the least over the set. Computed on one array for
    a whole batch, it costs a fraction of one datasketch object per document.
    """
    import numpy as np

    sizes = np.fromiter((len(h) for h in hashed), dtype=np.int64, count=len(hashed))
    out: list[list[int]] = [[] for _ in hashed]
    filled = np.flatnonzero(sizes)
    a, b = _permutations()
    tags = np.arange(BANDS, dtype=np.uint64) << np.uint64(32)
    at = 0
    while at < len(filled):
        # A few tens of thousands of shingles at a time: the (shingles x BANDS) array
        # stays a few megabytes.
        stop, total = at + 1, int(sizes[filled[at]])
        while stop < len(filled) and total + sizes[filled[stop]] <= _CHUNK:
            total += int(sizes[filled[stop]])
            stop += 1
        part = filled[at:stop]
        h = np.concatenate([hashed[i] for i in part]).astype(np.uint32, copy=False)
        h ^= h >> np.uint32(16)
        h *= np.uint32(0x85EBCA6B)
        h ^= h >> np.uint32(13)
        h *= np.uint32(0xC2B2AE35)
        h ^= h >> np.uint32(16)
        permuted = np.multiply.outer(h, a)
        permuted += b
        starts = np.concatenate(([0], np.cumsum(sizes[part])[:-1]))
        least = np.minimum.reduceat(permuted, starts, axis=0)
        for i, row in zip(part, (least.astype(np.uint64) | tags).tolist(), strict=True):
            out[i] = row
        at = stop
    return out


def shared_bounds(mine: Any, others: Sequence[Any]) -> Any:
    """For each of ``others``, a number of shingles it shares with ``mine`` or more.

    All are :func:`hashes`. Every shared shingle has the same hash on both sides, so
    counting the other's hashes whose top 16 bits are among mine's never undercounts;
    different shingles that look alike in those bits only add to the count (one in 200
    for a 300-shingle report). A candidate whose bound is too small to make it a
    near-duplicate need not be measured exactly.

    >>> shared_bounds(hashes(["a", "b", "c"]), [hashes(["b", "c", "d"]), hashes([])]).tolist()
    [2, 0]
    """
    import numpy as np

    if not others:
        return np.zeros(0, dtype=np.int64)
    sizes = np.fromiter((len(o) for o in others), dtype=np.int64, count=len(others))
    seen = np.zeros(1 << 16, dtype=np.bool_)
    seen[mine >> np.uint32(16)] = True
    hit = seen[np.concatenate(others) >> np.uint32(16)] if sizes.sum() else sizes[:0]
    found = np.concatenate(([0], np.cumsum(hit)))
    ends = np.cumsum(sizes)
    return found[ends] - found[ends - sizes]


COPY = 0.8
"""Containment from which a document is a copy of another, not a rewrite."""
LEAST = 0.25
"""The least containment of any near-duplicate (a rewrite sharing whole paragraphs)."""


@dataclass(frozen=True, slots=True)
class Overlap:
    """How much two documents share: shingles in common, Jaccard, and containment.

    Containment is the share of the shorter document found in the longer one.
    """

    shared: int
    jaccard: float
    containment: float

    def as_dict(self) -> dict[str, float | int]:
        return {
            "shared_shingles": self.shared,
            "jaccard": round(self.jaccard, 4),
            "containment": round(self.containment, 4),
        }


def overlap(a: frozenset[str], b: frozenset[str]) -> Overlap:
    """The exact overlap of two shingle sets.

    >>> overlap(frozenset("abcd"), frozenset("cdef"))
    Overlap(shared=2, jaccard=0.3333333333333333, containment=0.5)
    """
    shared = len(a & b)
    union = len(a) + len(b) - shared
    smaller = min(len(a), len(b))
    return Overlap(shared, shared / union if union else 0.0, shared / smaller if smaller else 0.0)


def is_near_duplicate(found: Overlap) -> bool:
    """Copies and rewrites of one story: nearly all of the shorter one, or whole paragraphs.

    "Whole paragraphs" is a quarter of the shorter text and at least 40 shingles (about
    two paragraphs of a news report), so two formulaic one-line notes that share a
    phrase are not grouped.

    >>> is_near_duplicate(Overlap(shared=189, jaccard=0.13, containment=0.34))
    True
    >>> is_near_duplicate(Overlap(shared=12, jaccard=0.1, containment=0.3))
    False
    """
    return found.containment >= COPY or (found.containment >= LEAST and found.shared >= 40)


def could_be_near_duplicate(bound: int, size: int, other_size: int) -> bool:
    """Whether two documents of ``size`` and ``other_size`` shingles that share at most
    ``bound`` of them may be near-duplicates (:func:`is_near_duplicate` grows with both
    the shingles shared and the containment, so fewer shared can only do worse).

    >>> could_be_near_duplicate(30, 400, 300), could_be_near_duplicate(80, 400, 300)
    (False, True)
    """
    smaller = min(size, other_size)
    return is_near_duplicate(Overlap(bound, 0.0, bound / smaller if smaller else 0.0))


def counted_source(document_id: str, group: str | None, meta: Mapping[str, Any]) -> str:
    """The source a document counts as when incidents count their sources.

    A copy (nearly all of it is in an earlier report of its group: wire copy printed
    again) counts as its group; a rewrite that only shares paragraphs is its own source,
    because it adds its own reporting. The group still shows both belong to one story.

    >>> counted_source("d2", "d1", {"near_duplicate": {"of": "d1", "containment": 0.93}})
    'd1'
    >>> counted_source("d2", "d1", {"near_duplicate": {"of": "d1", "containment": 0.34}})
    'd2'
    >>> counted_source("d1", "d1", {})
    'd1'
    """
    found = meta.get("near_duplicate")
    if group and isinstance(found, Mapping) and float(found.get("containment", 0.0)) >= COPY:
        return group
    return document_id
