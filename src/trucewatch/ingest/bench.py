"""``trucewatch bench neardup``: documents grouped per second as ingest groups them.

The documents are made, with a fixed seed, from the example reports that ship with
trucewatch: each sentence of a new story is an example sentence with nearly half of its
words swapped for other words of the examples and its numbers changed, so stories share
the formulaic phrases news has ("the defence ministry said") and little else. Some
documents are planted copies of an earlier one: syndicated copies (a dateline and a
credit line added, a word or two changed, a closing sentence dropped) and rewrites (two
or more paragraphs kept whole, the rest new). Every planted pair whose exact overlap makes
it a near-duplicate must end in one group; the benchmark counts those that do, so a fast
but wrong change shows.

Time is wall time of ``store_batch`` only (shingles, MinHash buckets, candidates, exact
overlap and the inserts), ``BATCH`` documents a transaction as ``trucewatch ingest``
stores them; making the documents is not timed. Peak memory is the process's maximum
resident set size, documents included.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from trucewatch.errors import InputError
from trucewatch.ingest.neardup import is_near_duplicate, overlap, shingles
from trucewatch.ingest.normalise import document_id, normalise_text
from trucewatch.ingest.records import Draft, Options
from trucewatch.ingest.storage import Prepared, store_batch

__all__ = ["GOALS", "Planted", "bench_neardup", "synthetic_documents"]

GOALS = {"seconds_per_100k": 60.0}
"""DESIGN.md's goal: 100,000 documents grouped in 60 s."""
BATCH = Options().batch_size
COPIES = 0.12
"""Share of documents that are syndicated copies of an earlier one."""
REWRITES = 0.05
"""Share of documents that are rewrites keeping whole paragraphs of an earlier one."""
SHORT = 0.25
"""Share of new stories that are short notes (two to four sentences), not reports."""
# Share of an example sentence's words swapped in a new story. With 0.45, each of 4,757
# documents meets 21 candidates on average, as the 4,757 ACLED notes meet 18.5: the made
# stories share phrases about as often as real, formulaic reports do.
_SWAP = 0.45
_REACH = 3000  # a copy follows its original within this many documents
_WORD = re.compile(r"\S+")
_DIGITS = re.compile(r"\d+")
_DATELINES = ("IDLIB", "BEIRUT", "ANKARA", "DAMASCUS", "MOSCOW", "AMMAN", "GAZIANTEP")
_AGENCIES = ("Wire", "Agency", "Press", "News Service", "Monitor", "Herald", "Courier")


@dataclass(frozen=True, slots=True)
class Planted:
    """A document made as a near-duplicate of an earlier one (indexes into the list)."""

    copy: int
    original: int
    kind: str  # "copy" or "rewrite"


def _sentences(texts: Sequence[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        body = text.split("\n---\n", 1)[-1] if text.startswith("---") else text
        for paragraph in body.split("\n\n"):
            out += [s for s in re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split())) if s]
    return [s for s in out if len(s.split()) >= 6]


class _Writer:
    """New sentences, paragraphs and stories from the example sentences."""

    def __init__(self, texts: Sequence[str], rng: random.Random) -> None:
        self.templates = _sentences(texts)
        if not self.templates:
            raise InputError("no sentences to make documents from; pass report texts")
        self.words = sorted({w for s in self.templates for w in _WORD.findall(s)})
        self.rng = rng

    def sentence(self) -> str:
        rng = self.rng
        out = []
        for word in self.rng.choice(self.templates).split():
            if rng.random() < _SWAP:
                word = rng.choice(self.words)
            out.append(_DIGITS.sub(lambda _: str(rng.randint(1, 400)), word))
        return " ".join(out)

    def paragraph(self) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))

    def story(self) -> list[str]:
        if self.rng.random() < SHORT:
            return [" ".join(self.sentence() for _ in range(self.rng.randint(2, 4)))]
        return [self.paragraph() for _ in range(self.rng.randint(3, 12))]

    def syndicated(self, paragraphs: list[str]) -> list[str]:
        """A wire copy: dateline and credit line, a word or two changed, maybe a cut ending."""
        rng = self.rng
        out = list(paragraphs)
        if len(out) > 3 and rng.random() < 0.5:
            out.pop()
        for _ in range(rng.randint(1, 2)):
            at = rng.randrange(len(out))
            words = out[at].split()
            words[rng.randrange(len(words))] = rng.choice(self.words)
            out[at] = " ".join(words)
        place, agency = rng.choice(_DATELINES), rng.choice(_AGENCIES)
        out[0] = f"{place} ({place.title()} {agency}) - {out[0]}"
        return [*out, f"Reporting by the {place.title()} {agency} desk."]

    def rewrite(self, paragraphs: list[str]) -> list[str]:
        """A rewrite: a run of the original's paragraphs kept whole, the rest new."""
        rng = self.rng
        keep = max(2, len(paragraphs) // 2)
        start = rng.randrange(len(paragraphs) - keep + 1)
        kept = paragraphs[start : start + keep]
        return [self.paragraph(), *kept, *(self.paragraph() for _ in range(rng.randint(0, 3)))]


def synthetic_documents(
    texts: Sequence[str], n: int, seed: int = 20200305
) -> tuple[list[str], list[Planted]]:
    """``n`` documents made from ``texts`` and the planted near-duplicates among them.

    >>> docs, planted = synthetic_documents(["Shelling hit the town of Ariha on Monday."], 50)
    >>> len(docs), all(p.original < p.copy for p in planted)
    (50, True)
    """
    rng = random.Random(seed)
    writer = _Writer(texts, rng)
    stories: list[list[str]] = []
    # Each slot is a new story or a copy of a story written in the _REACH slots before it.
    planted: list[Planted] = []
    for i in range(n):
        pick = rng.random()
        if pick < COPIES and i:
            j = rng.randrange(max(0, i - _REACH), i)
            stories.append(writer.syndicated(stories[j]))
            planted.append(Planted(i, j, "copy"))
        elif pick < COPIES + REWRITES and (
            long_enough := [j for j in range(i - 1, max(-1, i - 50), -1) if len(stories[j]) > 1]
        ):
            j = rng.choice(long_enough)
            stories.append(writer.rewrite(stories[j]))
            planted.append(Planted(i, j, "rewrite"))
        else:
            stories.append(writer.story())
    return ["\n\n".join(s) for s in stories], planted


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def _prepared(docs: Sequence[str]) -> list[Prepared]:
    day = dt.datetime(2020, 3, 5, tzinfo=dt.UTC)
    out = []
    for i, doc in enumerate(docs):
        text = normalise_text(doc)
        draft = Draft(text=text, source=f"bench-{i}", kind="text", published=day)
        out.append(Prepared(document_id(text), draft))
    return out


def bench_neardup(texts: Sequence[str], n: int = 100_000, db: str | None = None) -> dict[str, Any]:
    """Group ``n`` made documents into a fresh store (``db``, or SQLite in a temporary folder).

    Returns the figures with the goal beside them, and how many of the planted copies
    and rewrites were grouped with their original.
    """
    from trucewatch.store import Document, open_store

    make_start = time.perf_counter()
    docs, planted = synthetic_documents(texts, n)
    prepared = _prepared(docs)
    make_s = time.perf_counter() - make_start
    with tempfile.TemporaryDirectory(prefix="trucewatch-bench-") as tmp:
        store = open_store(db or str(Path(tmp) / "bench.db"))
        try:
            with store.session() as session:
                if session.scalars(select(Document.id).limit(1)).first() is not None:
                    raise InputError(f"{store.display_url} holds documents; give an empty store")
            start = time.perf_counter()
            cpu = time.process_time()
            for at in range(0, len(prepared), BATCH):
                store_batch(store, prepared[at : at + BATCH], dt.datetime.now(dt.UTC))
            seconds = time.perf_counter() - start
            cpu_seconds = time.process_time() - cpu
            with store.session() as session:
                stored = session.execute(
                    select(Document.id, Document.near_duplicate_group, Document.meta)
                ).all()
        finally:
            store.close()
    group = {doc_id: g for doc_id, g, _ in stored}
    # What grouping decided, in one hash: a change that groups differently changes it.
    decided = sorted((doc_id, g, meta.get("near_duplicate")) for doc_id, g, meta in stored)
    digest = hashlib.sha256(json.dumps(decided, sort_keys=True).encode()).hexdigest()
    expected = {"copy": 0, "rewrite": 0}
    grouped = {"copy": 0, "rewrite": 0}
    for p in planted:
        a, b = prepared[p.original].id, prepared[p.copy].id
        if a == b or not is_near_duplicate(
            overlap(
                shingles(prepared[p.original].draft.text), shingles(prepared[p.copy].draft.text)
            )
        ):
            continue
        expected[p.kind] += 1
        grouped[p.kind] += group[a] == group[b]
    sizes = Counter(group.values())
    return {
        "documents": n,
        "stored": len(group),
        "words_per_document": round(sum(len(d.split()) for d in docs) / max(n, 1)),
        "batch": BATCH,
        "make_s": round(make_s, 2),
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu_seconds, 2),
        "documents_per_s": round(len(group) / seconds) if seconds > 0 else None,
        "seconds_per_100k": round(seconds * 100_000 / len(group), 1) if group else None,
        "peak_rss_mb": _peak_rss_mb(),
        "groups": sum(1 for size in sizes.values() if size > 1),
        "grouped_documents": sum(size for size in sizes.values() if size > 1),
        "copies_planted": expected["copy"],
        "copies_grouped": grouped["copy"],
        "rewrites_planted": expected["rewrite"],
        "rewrites_grouped": grouped["rewrite"],
        "grouping_sha256": digest,
        "goal_seconds_per_100k": GOALS["seconds_per_100k"],
    }
