"""Storing a batch of documents in one transaction (near-duplicates grouped); listing them."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import numpy as np
from sqlalchemy import func, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from trucewatch.errors import StoreError
from trucewatch.ingest.neardup import (
    BUCKET_CAP,
    LEAST,
    Overlap,
    bands_of,
    could_be_near_duplicate,
    hashes,
    is_near_duplicate,
    overlap,
    shared_bounds,
    shingles,
)
from trucewatch.ingest.records import Draft
from trucewatch.ingest.sources import describe
from trucewatch.store import Document, NearDuplicateBand, Store

__all__ = ["BatchOutcome", "Prepared", "list_documents", "store_batch"]

T = TypeVar("T")
_CHUNK = 500  # ids per IN (...) list: well under every database's limit
_KEYS_CHUNK = 4000  # bucket keys per query: written into it, so no limit on parameters


@dataclass(frozen=True, slots=True)
class Prepared:
    """A document ready to store: normalised draft and its content-hash id."""

    id: str
    draft: Draft


@dataclass(slots=True)
class BatchOutcome:
    """What storing one batch did."""

    new: list[str] = field(default_factory=list)
    already_stored: int = 0
    groups: set[str] = field(default_factory=set)
    undated: list[str] = field(default_factory=list)


def _chunks(items: Sequence[T], size: int = _CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing(session: Session, ids: Sequence[str]) -> dict[str, Document]:
    found: dict[str, Document] = {}
    for chunk in _chunks(ids):
        found.update(
            (d.id, d) for d in session.scalars(select(Document).where(Document.id.in_(chunk)))
        )
    return found


def _stored_buckets(session: Session, keys: Iterable[int]) -> dict[int, list[str]]:
    """The members of each bucket: the ``BUCKET_CAP`` smallest ids, in order."""
    members: dict[int, list[str]] = defaultdict(list)
    for chunk in _chunks(sorted(set(keys)), _KEYS_CHUNK):
        # The keys are written into the statement: they are integers, and binding each
        # costs SQLAlchemy more than the database spends on the query.
        listed = ",".join(str(int(k)) for k in chunk)
        rows = session.connection().exec_driver_sql(
            "SELECT band, document_id FROM (SELECT band, document_id, ROW_NUMBER() OVER "
            "(PARTITION BY band ORDER BY document_id) AS rank FROM near_duplicate_bands "
            f"WHERE band IN ({listed})) AS ranked WHERE rank <= {BUCKET_CAP:d}"
        )
        for key, doc_id in rows.fetchall():
            members[key].append(doc_id)
    for found in members.values():
        found.sort()
    return members


class _HashCache:
    """The :func:`hashes` of documents met lately, by id, least recently used dropped first.

    An id is the hash of a document's text, so its shingle hashes never change and may be
    kept across batches and stores: a document that is a candidate batch after batch
    (a common phrase's bucket) is read and shingled once, not every time.
    """

    def __init__(self, capacity: int) -> None:
        self.capacity = capacity  # shingle hashes held, four bytes each
        self.held = 0
        self._by_id: OrderedDict[str, Any] = OrderedDict()

    def get(self, doc_id: str) -> Any | None:
        found = self._by_id.get(doc_id)
        if found is not None:
            self._by_id.move_to_end(doc_id)
        return found

    def put(self, doc_id: str, found: Any) -> None:
        if doc_id in self._by_id:
            self._by_id.move_to_end(doc_id)
            return
        self._by_id[doc_id] = found
        self.held += len(found)
        while self.held > self.capacity and self._by_id:
            self.held -= len(self._by_id.popitem(last=False)[1])


# 32 million hashes, 128 MB: every document of a 100,000-document store.
_HASHES = _HashCache(1 << 25)


def _groups(session: Session, ids: Iterable[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for chunk in _chunks(sorted(set(ids))):
        rows = session.execute(
            select(Document.id, Document.near_duplicate_group).where(Document.id.in_(chunk))
        )
        found.update((doc_id, group or doc_id) for doc_id, group in rows)
    return found


def _shingled(session: Session, ids: Iterable[str]) -> dict[str, frozenset[str]]:
    """The shingles of stored documents, read from their text."""
    found: dict[str, frozenset[str]] = {}
    for chunk in _chunks(sorted(set(ids))):
        for doc_id, body in session.execute(
            select(Document.id, Document.text).where(Document.id.in_(chunk))
        ):
            found[doc_id] = shingles(body)
    return found


def _document(
    item: Prepared, now: dt.datetime, group: str, meta: dict[str, object]
) -> dict[str, object]:
    d = item.draft
    return {
        "id": item.id,
        "text": d.text,
        "title": d.title,
        "outlet": d.outlet[:200] if d.outlet else None,
        "url": d.url,
        "language": d.language[:16] if d.language else None,
        "published": d.published,
        "source": d.source,
        "source_kind": d.kind,
        "encoding": d.encoding[:40] if d.encoding else None,
        "near_duplicate_group": group,
        "meta": meta,
        "ingested_at": now,
    }


def store_batch(store: Store, batch: Sequence[Prepared], now: dt.datetime) -> BatchOutcome:
    """Store ``batch`` in one transaction; documents already stored are left as they are.

    A stored document without a date takes the date this batch gives it, if any.
    Each new document joins the group of its closest earlier near-duplicate (ties go to
    the smaller id), or starts its own group, named by its id.
    """
    outcome = BatchOutcome()
    try:
        with store.session() as session:
            _store(session, batch, now, outcome)
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot store the batch in {store.display_url}: {exc}") from exc
    return outcome


def _store(
    session: Session, batch: Sequence[Prepared], now: dt.datetime, out: BatchOutcome
) -> None:
    stored = _existing(session, [p.id for p in batch])
    firsts: dict[str, Prepared] = {}
    for item in batch:
        if item.id in stored:
            out.already_stored += 1
            old = stored[item.id]
            if old.published is None and item.draft.published is not None:
                old.published = item.draft.published
                old.meta = {**old.meta, "published_precision": item.draft.published_precision}
            if old.published is None:
                out.undated.append(item.draft.source)
        elif item.id in firsts:
            # A repeat within the batch dates an undated first copy, exactly as it would
            # if the first copy had been stored by an earlier batch.
            out.already_stored += 1
            first = firsts[item.id]
            if first.draft.published is None and item.draft.published is not None:
                dated = replace(
                    first.draft,
                    published=item.draft.published,
                    published_precision=item.draft.published_precision,
                )
                firsts[item.id] = Prepared(item.id, dated)
        else:
            firsts[item.id] = item
    fresh = list(firsts.values())
    if not fresh:
        return
    shingled = {p.id: shingles(p.draft.text) for p in fresh}
    hashed = {p.id: hashes(shingled[p.id]) for p in fresh}
    keys = dict(zip(hashed, bands_of(list(hashed.values())), strict=True))
    buckets = _stored_buckets(session, (k for ks in keys.values() for k in ks))
    # Each document's candidates: the members of its buckets when its turn comes, so
    # the batch's earlier documents are among them.
    candidates: dict[str, list[str]] = {}
    for item in fresh:
        candidates[item.id] = sorted({i for k in keys[item.id] for i in buckets.get(k, ())})
        for k in keys[item.id]:
            members = buckets.setdefault(k, [])
            bisect.insort(members, item.id)
            del members[BUCKET_CAP:]
    stored_ids = {i for ids in candidates.values() for i in ids} - hashed.keys()
    groups = _groups(session, stored_ids)
    sized = dict(hashed)  # id -> shingle hashes, of every document met in this batch
    missing = []
    for doc_id in stored_ids:
        found = _HASHES.get(doc_id)
        if found is None:
            missing.append(doc_id)
        else:
            sized[doc_id] = found
    read = _shingled(session, missing)
    for doc_id, text_shingles in read.items():
        sized[doc_id] = hashes(text_shingles)
    for doc_id in (*read, *hashed):
        _HASHES.put(doc_id, sized[doc_id])
    # Only candidates that could be near-duplicates are measured on their shingles.
    close: dict[str, list[str]] = {}
    for doc_id, ids in candidates.items():
        if not ids:
            close[doc_id] = []
            continue
        theirs = [sized[i] for i in ids]
        bounds = shared_bounds(hashed[doc_id], theirs)
        mine = len(hashed[doc_id])
        # No near-duplicate holds less than LEAST of the shorter document: a test of
        # all the candidates at once leaves the few that could be one.
        smaller = np.minimum(mine, np.fromiter(map(len, theirs), np.int64, len(theirs)))
        close[doc_id] = [
            ids[at]
            for at in np.flatnonzero(bounds >= LEAST * smaller).tolist()
            if could_be_near_duplicate(int(bounds[at]), mine, len(theirs[at]))
        ]
    unread = {i for ids in close.values() for i in ids} - hashed.keys() - read.keys()
    known_shingles = {**read, **_shingled(session, unread), **shingled}
    known = {i: groups[i] for i in stored_ids}  # id -> group, growing as the batch is stored
    rows: list[dict[str, object]] = []
    for item in fresh:
        best: tuple[Overlap, str] | None = None
        for candidate in close[item.id]:
            measured = overlap(shingled[item.id], known_shingles[candidate])
            if is_near_duplicate(measured) and (
                best is None or measured.containment > best[0].containment
            ):
                best = (measured, candidate)
        meta: dict[str, object] = dict(item.draft.meta)
        if item.draft.published_precision:
            meta["published_precision"] = item.draft.published_precision
        group = item.id
        if best is not None:
            group = known[best[1]]
            meta["near_duplicate"] = {"of": best[1], **best[0].as_dict()}
            out.groups.add(group)
        rows.append(_document(item, now, group, meta))
        known[item.id] = group
        out.new.append(item.id)
        if item.draft.published is None:
            out.undated.append(item.draft.source)
    # Core inserts: the ORM's per-object bookkeeping costs more than the writing itself.
    tables = Document.metadata.tables
    session.execute(insert(tables[Document.__tablename__]), rows)
    # In key order: each insert lands next to the last in the bucket index.
    _insert_bands(session, sorted((k, p.id) for p in fresh for k in keys[p.id]))


def _insert_bands(session: Session, rows: list[tuple[int, str]]) -> None:
    """Insert (bucket key, document id) rows through the driver's executemany: building
    and checking a dict a row costs SQLAlchemy more than the database spends storing it."""
    conn = session.connection()
    columns = ["band", "document_id"]
    statement = insert(Document.metadata.tables[NearDuplicateBand.__tablename__]).compile(
        dialect=conn.dialect, column_keys=columns
    )
    if statement.positional:
        conn.exec_driver_sql(statement.string, rows)
    else:
        conn.exec_driver_sql(statement.string, [dict(zip(columns, r, strict=True)) for r in rows])


def list_documents(store: Store, *, limit: int | None = None) -> list[dict[str, Any]]:
    """The stored documents, oldest first by date (undated last), without their text."""
    with store.session() as session:
        query = select(Document).order_by(
            Document.published.is_(None), Document.published, Document.id
        )
        if limit is not None:
            query = query.limit(limit)
        sizes = dict(
            session.execute(
                select(Document.near_duplicate_group, func.count()).group_by(
                    Document.near_duplicate_group
                )
            ).all()
        )
        return [
            {
                "id": d.id,
                "title": d.title,
                "outlet": d.outlet,
                "published": d.published.isoformat() if d.published else None,
                "url": d.url,
                "language": d.language,
                "source": describe(d.source),
                "source_kind": d.source_kind,
                "encoding": d.encoding,
                "near_duplicate_group": d.near_duplicate_group,
                "group_size": sizes.get(d.near_duplicate_group, 1),
                "words": len(d.text.split()),
                "meta": d.meta,
            }
            for d in session.scalars(query)
        ]
