"""Fingerprint what near-duplicate grouping stores, to show a change leaves it identical.

Groups ``--docs`` documents made as ``trucewatch bench neardup`` makes them, and ingests
each CSV given (e.g. an ACLED export: one document per row's notes), each into a fresh
SQLite store, then prints per input the number of documents, groups and bucket rows and a
SHA-256 of every document's group and recorded overlap and of every stored bucket key.
Run it before and after a change and compare the lines; ``--out`` also writes the rows.

    python scripts/neardup_fingerprint.py [--docs 3000] [CSV ...] [--out rows.jsonl]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select

from trucewatch.ingest import Options, ingest
from trucewatch.ingest.bench import BATCH, _prepared, synthetic_documents
from trucewatch.ingest.storage import store_batch
from trucewatch.store import Document, NearDuplicateBand, Store, open_store

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "idlib-2020" / "reports"


def _rows(store: Store) -> list[Any]:
    with store.session() as s:
        docs = [
            [d.id, d.near_duplicate_group, d.meta.get("near_duplicate")]
            for d in s.scalars(select(Document).order_by(Document.id))
        ]
        band = NearDuplicateBand
        bands = [
            [k, i]
            for k, i in s.execute(
                select(band.band, band.document_id).order_by(band.band, band.document_id)
            )
        ]
    return [docs, bands]


def _print(name: str, rows: list[Any], out: Any) -> None:
    docs, bands = rows
    digest = hashlib.sha256(json.dumps(rows, sort_keys=True).encode()).hexdigest()
    groups = sum(1 for size in Counter(g for _, g, _ in docs).values() if size > 1)
    print(
        f"{name}: documents {len(docs)}, groups {groups}, bucket rows {len(bands)}, sha256 {digest}"
    )
    if out is not None:
        out.write(json.dumps({"input": name, "rows": rows}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="*", type=Path)
    parser.add_argument("--docs", type=int, default=3000)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    out = args.out.open("w", encoding="utf-8") if args.out else None
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "made.db"))
        prepared = _prepared(synthetic_documents(texts, args.docs)[0])
        for at in range(0, len(prepared), BATCH):
            store_batch(store, prepared[at : at + BATCH], dt.datetime(2020, 3, 5, tzinfo=dt.UTC))
        _print(f"made {args.docs}", _rows(store), out)
        store.close()
        for i, path in enumerate(args.csv):
            store = open_store(str(Path(tmp) / f"csv{i}.db"))
            ingest([str(path)], store, Options(text_column="notes"))
            _print(path.name, _rows(store), out)
            store.close()
    if out is not None:
        out.close()


if __name__ == "__main__":
    main()
