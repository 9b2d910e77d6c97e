"""Storing a batch of documents in one transaction (near-duplicates grouped); listing them."""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from sqlalchemy import func, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from trucewatch.errors import StoreError
from trucewatch.ingest.neardup import (
    BUCKET_CAP,
    Overlap,
    bands,
    is_near_duplicate,
    overlap,
    shingles,
)
from trucewatch.ingest.records import Draft
from trucewatch.ingest.sources import describe
from trucewatch.store import Document, NearDuplicateBand, Store

__all__ = ["BatchOutcome", "Prepared", "list_documents", "store_batch"]

T = TypeVar("T")
_CHUNK = 500  # ids per IN (...) list: well under every database's limit


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


def _chunks(items: Sequence[T]) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start : start + _CHUNK]


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
    band = NearDuplicateBand
    for chunk in _chunks(sorted(set(keys))):
        rank = func.row_number().over(partition_by=band.band, order_by=band.document_id)
        ranked = (
            select(band.band, band.document_id, rank.label("rank"))
            .where(band.band.in_(chunk))
            .subquery()
        )
        rows = session.execute(
            select(ranked.c.band, ranked.c.document_id).where(ranked.c.rank <= BUCKET_CAP)
        )
        for key, doc_id in rows:
            members[key].append(doc_id)
    for found in members.values():
        found.sort()
    return members


def _candidates(session: Session, ids: Iterable[str]) -> dict[str, tuple[str, frozenset[str]]]:
    """Group and shingles of the stored candidates (only these are read, never all)."""
    found: dict[str, tuple[str, frozenset[str]]] = {}
    for chunk in _chunks(sorted(set(ids))):
        rows = session.execute(
            select(Document.id, Document.near_duplicate_group, Document.text).where(
                Document.id.in_(chunk)
            )
        )
        for doc_id, group, text in rows:
            found[doc_id] = (group or doc_id, shingles(text))
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
    keys = {p.id: bands(shingled[p.id]) for p in fresh}
    buckets = _stored_buckets(session, (k for ks in keys.values() for k in ks))
    stored_candidates = _candidates(session, (i for ids in buckets.values() for i in ids))
    known = dict(stored_candidates)  # id -> (group, shingles), growing as the batch is stored
    rows: list[dict[str, object]] = []
    band_rows: list[dict[str, object]] = []
    for item in fresh:
        best: tuple[Overlap, str] | None = None
        for candidate in sorted({i for k in keys[item.id] for i in buckets.get(k, ())}):
            measured = overlap(shingled[item.id], known[candidate][1])
            if is_near_duplicate(measured) and (
                best is None or measured.containment > best[0].containment
            ):
                best = (measured, candidate)
        meta: dict[str, object] = dict(item.draft.meta)
        if item.draft.published_precision:
            meta["published_precision"] = item.draft.published_precision
        group = item.id
        if best is not None:
            group = known[best[1]][0]
            meta["near_duplicate"] = {"of": best[1], **best[0].as_dict()}
            out.groups.add(group)
        rows.append(_document(item, now, group, meta))
        band_rows.extend({"band": k, "document_id": item.id} for k in keys[item.id])
        for k in keys[item.id]:
            members = buckets.setdefault(k, [])
            bisect.insort(members, item.id)
            del members[BUCKET_CAP:]
        known[item.id] = (group, shingled[item.id])
        out.new.append(item.id)
        if item.draft.published is None:
            out.undated.append(item.draft.source)
    # Core inserts: the ORM's per-object bookkeeping costs more than the writing itself.
    tables = Document.metadata.tables
    session.execute(insert(tables[Document.__tablename__]), rows)
    session.execute(insert(tables[NearDuplicateBand.__tablename__]), band_rows)


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
