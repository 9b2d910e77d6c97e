"""Near-duplicates: word shingles, MinHash buckets (LSH) to find candidates, exact overlap.

A document falls in ``BANDS`` buckets, one per MinHash permutation (one row per band, so
documents sharing as little as a tenth of their shingles still meet in some bucket). The
buckets are stored; a new document looks up only its own buckets, never every document.
Candidates are then measured exactly on their shingles, so the overlap recorded is the
real one, not an estimate. A bucket offers at most ``BUCKET_CAP`` candidates, so the work
per new document stays bounded however large the store grows.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = [
    "BANDS",
    "BUCKET_CAP",
    "COPY",
    "SHINGLE",
    "Overlap",
    "bands",
    "counted_source",
    "is_near_duplicate",
    "overlap",
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


def shingles(text: str) -> frozenset[str]:
    """The set of ``SHINGLE``-word sequences in ``text``, case and punctuation ignored.

    >>> sorted(shingles("One, two three four five six."))
    ['one two three four five', 'two three four five six']
    """
    words = _WORD.findall(text.casefold())
    if len(words) <= SHINGLE:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


@functools.cache
def _permutations() -> Any:
    from datasketch import MinHash  # imported when needed: it is slow to load

    return MinHash(num_perm=BANDS, seed=_SEED, scheme=_SCHEME, hashfunc=zlib.crc32).permutations


def bands(found: Iterable[str]) -> list[int]:
    """The LSH bucket keys of a shingle set: band number (high bits) and MinHash value."""
    items = sorted(found)
    if not items:
        return []
    from datasketch import MinHash

    minhash = MinHash(
        num_perm=BANDS,
        seed=_SEED,
        permutations=_permutations(),
        scheme=_SCHEME,
        hashfunc=zlib.crc32,  # stable across processes, and four times faster than SHA-1
    )
    minhash.update_batch([s.encode("utf-8") for s in items])
    return [(band << 32) | int(value) for band, value in enumerate(minhash.hashvalues)]


COPY = 0.8
"""Containment from which a document is a copy of another, not a rewrite."""


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
    return found.containment >= COPY or (found.containment >= 0.25 and found.shared >= 40)


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
