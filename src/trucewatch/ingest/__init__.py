"""Ingest: every form a monitor's reports come in, each stored once, nothing lost.

``ingest(targets, store)`` reads files, folders, .gz files and URLs, turns what they hold
into documents (normalised text, a content-hash id, date and provenance), groups
near-duplicates and stores each batch in one transaction. Bad inputs are listed with a
reason; they never stop the others.

Example::

    store = open_store("trucewatch.db")
    result = ingest(["reports/", "https://example.org/story"], store, Options(outlet="Wire"))
    result.as_dict()  # {"ingested": 2, "already_stored": 0, "near_duplicate_groups": 0, ...}
"""

from typing import TYPE_CHECKING

from trucewatch._lazy import lazy_names as _lazy_names

if TYPE_CHECKING:
    from trucewatch.ingest.normalise import document_id, normalise_text, parse_published
    from trucewatch.ingest.readers import READERS, reader
    from trucewatch.ingest.records import (
        DEFAULT_MAX_BYTES,
        Draft,
        Failure,
        IngestResult,
        Options,
        Raw,
        Watcher,
    )
    from trucewatch.ingest.run import ingest, prepare
    from trucewatch.ingest.storage import Prepared, list_documents

__all__ = [
    "DEFAULT_MAX_BYTES",
    "READERS",
    "Draft",
    "Failure",
    "IngestResult",
    "Options",
    "Prepared",
    "Raw",
    "Watcher",
    "document_id",
    "ingest",
    "list_documents",
    "normalise_text",
    "parse_published",
    "prepare",
    "reader",
]

# Loaded on first use: listing the stored documents or parsing a date needs no HTTP client.
__getattr__ = _lazy_names(
    __name__,
    {
        "trucewatch.ingest.normalise": ("document_id", "normalise_text", "parse_published"),
        "trucewatch.ingest.readers": ("READERS", "reader"),
        "trucewatch.ingest.records": (
            "DEFAULT_MAX_BYTES",
            "Draft",
            "Failure",
            "IngestResult",
            "Options",
            "Raw",
            "Watcher",
        ),
        "trucewatch.ingest.run": ("ingest", "prepare"),
        "trucewatch.ingest.storage": ("Prepared", "list_documents"),
    },
)
