"""Extraction over the store: code every document the current extractor has not coded.

Each batch of documents is coded and stored in one transaction, with a row in
``extractions`` per document, so an interrupted run resumes where it stopped and a rerun
adds nothing. A new extractor version codes everything again: the older version's mentions
of a document are replaced, except those an incident already holds (nothing an incident
is built on is deleted).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from trucewatch.extract.mentions import BATCH, Extractor, Report
from trucewatch.ingest.neardup import counted_source
from trucewatch.records import Mention
from trucewatch.store import Document, Extraction, Store
from trucewatch.store import Mention as MentionRow
from trucewatch.store.convert import mention_record, mention_row

__all__ = ["ExtractSummary", "extract_stored", "load_mentions", "pending_documents"]


@dataclass
class ExtractSummary:
    """What one run of ``trucewatch extract`` did."""

    extractor_version: str
    documents: int = 0
    mentions: int = 0
    already_coded: int = 0
    undated: list[str] = field(default_factory=list)
    by_type: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "extractor_version": self.extractor_version,
            "documents": self.documents,
            "mentions": self.mentions,
            "already_coded": self.already_coded,
            "undated": self.undated,
            "by_type": dict(sorted(self.by_type.items())),
        }


def pending_documents(session: Session, version: str) -> list[str]:
    """Ids of the stored documents not yet coded by extractor ``version``, oldest first."""
    done = select(Extraction.document_id).where(Extraction.extractor_version == version)
    return list(
        session.scalars(
            select(Document.id)
            .where(Document.id.not_in(done))
            .where(Document.source_kind != "gpx")  # a patrol track's text is its coordinates
            .order_by(Document.ingested_at, Document.id)
        )
    )


def _report(doc: Document) -> Report:
    return Report(
        id=doc.id,
        text=doc.text,
        published=doc.published,
        published_precision=str(doc.meta.get("published_precision") or "time"),
        outlet=doc.outlet,
        source=counted_source(doc.id, doc.near_duplicate_group, doc.meta or {}),
        title=doc.title,
    )


def extract_stored(
    store: Store,
    extractor: Extractor,
    progress: Callable[[int, int], None] | None = None,
) -> ExtractSummary:
    """Code every pending document; ``progress(done, total)`` is called after each batch."""
    summary = ExtractSummary(extractor.version)
    with store.session() as s:
        pending = pending_documents(s, extractor.version)
        summary.already_coded = (
            s.query(Extraction).filter(Extraction.extractor_version == extractor.version).count()
        )
    for start in range(0, len(pending), BATCH):
        ids = pending[start : start + BATCH]
        with store.session() as s:
            _code_batch(s, extractor, ids, summary)
        if progress is not None:
            progress(min(start + BATCH, len(pending)), len(pending))
    return summary


def _code_batch(
    session: Session, extractor: Extractor, ids: Sequence[str], summary: ExtractSummary
) -> None:
    from trucewatch.pipeline.corroboration import retire_mentions  # pipeline imports us

    now = dt.datetime.now(dt.UTC)
    superseded = session.scalars(
        select(MentionRow.id)
        .where(MentionRow.document_id.in_(ids))
        .where(MentionRow.extractor_version != extractor.version)
    )
    retire_mentions(session, list(superseded), now)
    order = {doc_id: k for k, doc_id in enumerate(ids)}
    docs = session.scalars(select(Document).where(Document.id.in_(ids))).all()
    todo = [
        doc
        for doc in sorted(docs, key=lambda d: order[d.id])
        if session.get(Extraction, (doc.id, extractor.version)) is None  # else coded meanwhile
    ]
    coded = extractor.extract_many([_report(doc) for doc in todo])
    for doc, mentions in zip(todo, coded, strict=True):
        for m in mentions:
            if session.get(MentionRow, m.id) is None:
                session.add(mention_row(m, now))
            summary.by_type[m.sub_event_type] = summary.by_type.get(m.sub_event_type, 0) + 1
        session.add(
            Extraction(
                document_id=doc.id,
                extractor_version=extractor.version,
                mentions=len(mentions),
                coded_at=now,
            )
        )
        summary.documents += 1
        summary.mentions += len(mentions)
        if doc.published is None:
            summary.undated.append(doc.id)


def load_mentions(session: Session, *, document: str | None = None) -> list[Mention]:
    """Stored mentions as records, each with the source its document counts as."""
    query = (
        select(MentionRow, Document.near_duplicate_group, Document.meta)
        .join(Document, Document.id == MentionRow.document_id)
        .order_by(MentionRow.event_date, MentionRow.document_id, MentionRow.id)
    )
    if document:
        query = query.where(MentionRow.document_id.startswith(document))
    return [
        mention_record(row, counted_source(row.document_id, group, meta or {}))
        for row, group, meta in session.execute(query)
    ]
