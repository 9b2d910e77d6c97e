"""Mentions stored as the extractor would store them: real documents rows, then mention rows."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from trucewatch.records import Claim, Evidence, Mention, When, Where
from trucewatch.store import Document, Store
from trucewatch.store.convert import mention_row

NOW = dt.datetime(2020, 3, 20, 12, 0, tzinfo=dt.UTC)
ARIHA = (35.81374, 36.60964)  # 0.8 km from the M4: inside the corridor and the area
# 20 km due north of the M4 near Ariha: inside the de-escalation area, outside the corridor.
NORTH_OF_ARIHA = (35.99, 36.61)


def doc_id(name: str) -> str:
    return hashlib.sha256(f"doc:{name}".encode()).hexdigest()


def document(
    name: str, group: str | None = None, outlet: str | None = None, containment: float = 0.95
) -> Document:
    """A document row; ``group`` names its near-duplicate group (its own when None), of
    which it shares ``containment`` (0.95: a copy; below 0.8: a rewrite)."""
    near = {"of": doc_id(group), "containment": containment} if group else None
    return Document(
        id=doc_id(name),
        text=f"The report {name}.",
        title=name,
        outlet=outlet or name,
        source=f"{name}.txt",
        source_kind="text",
        published=dt.datetime(2020, 3, 9, 8, 0, tzinfo=dt.UTC),
        near_duplicate_group=doc_id(group) if group else doc_id(name),
        meta={"near_duplicate": near} if near else {},
        ingested_at=NOW,
    )


def mention(name: str, doc: str, **changes: Any) -> Mention:
    """A mention of an air strike by Syria's forces at Ariha on 9 March 2020, with changes."""
    text = changes.pop("text", f"Government aircraft struck Ariha ({name}).")
    base: dict[str, Any] = {
        "id": hashlib.sha256(f"mention:{name}".encode()).hexdigest(),
        "document_id": doc_id(doc),
        "outlet": doc,
        "extractor_version": "test",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": "Military Forces of Syria",
        "actor2": "Civilians (Syria)",
        "when": When(date=dt.date(2020, 3, 9), precision=1),
        "where": Where(
            name="Ariha", latitude=ARIHA[0], longitude=ARIHA[1], precision=1, country="Syria"
        ),
        "evidence": (Evidence(document_id=doc_id(doc), text=text, start=0, end=len(text)),),
    }
    return Mention(**(base | changes))


def denial(by: str, text: str) -> Claim:
    return Claim(by=by, kind="denial", text=text)


def store_mentions(
    store: Store, mentions: Iterable[Mention], documents: Iterable[Document] = ()
) -> None:
    """Store ``documents`` (those not stored yet), then ``mentions``, in one transaction."""
    with store.session() as s:
        for d in documents:
            if s.get(Document, d.id) is None:
                s.add(d)
        s.flush()
        s.add_all(mention_row(m, NOW) for m in mentions)
