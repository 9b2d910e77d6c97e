"""One ingest call: read every input, normalise what it holds, store it in batches."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any

import httpx

from trucewatch.errors import InputError
from trucewatch.ingest.fetch import fetch
from trucewatch.ingest.normalise import document_id, normalise_text
from trucewatch.ingest.readers import read
from trucewatch.ingest.records import Draft, Failure, IngestResult, Options, Raw, Watcher
from trucewatch.ingest.sources import Item, expand, load_file
from trucewatch.ingest.storage import Prepared, store_batch
from trucewatch.store import Store

__all__ = ["ingest", "prepare"]


def prepare(draft: Draft, options: Options) -> Prepared:
    """``draft`` normalised, with the call's date and outlet over its own, and its id."""
    text = normalise_text(draft.text)
    if not text:
        raise InputError("no text left once markup and whitespace are removed")
    changes: dict[str, Any] = {"text": text}
    if options.published is not None:
        changes["published"] = options.published
        changes["published_precision"] = options.published_precision or "time"
    if options.outlet:
        changes["outlet"] = options.outlet
    if draft.title:
        changes["title"] = normalise_text(draft.title) or None
    return Prepared(document_id(text), replace(draft, **changes))


def _load(item: Item, options: Options, transport: httpx.BaseTransport | None) -> Raw:
    if item.url is not None:
        return fetch(item.url, options, transport=transport)
    return load_file(item, options)


def _drafts(
    item: Item, options: Options, transport: httpx.BaseTransport | None
) -> Iterator[Prepared | Failure]:
    raw = _load(item, options, transport)
    for found in read(raw, options):
        if isinstance(found, Failure):
            yield found
            continue
        try:
            yield prepare(found, options)
        except InputError as exc:
            yield Failure(found.source, str(exc))


def _read_whole(
    item: Item, options: Options, transport: httpx.BaseTransport | None
) -> list[Prepared | Failure]:
    """Everything in one input, read before any of it is stored, or the reason it failed."""
    try:
        return list(_drafts(item, options, transport))
    except InputError as exc:
        return [Failure(item.source, str(exc))]
    except Exception as exc:
        # Third-party parsers (lxml, feedparser, trafilatura, csv) raise many kinds of
        # error on inputs they cannot handle; one such file must never stop the others.
        # Nothing is stored while reading, so no database error can be hidden here.
        return [Failure(item.source, f"cannot read: {type(exc).__name__}: {exc}")]


class _Run:
    """The state of one call: the batch being filled and the counts so far."""

    def __init__(self, store: Store, options: Options, watcher: Watcher | None) -> None:
        self.store, self.options, self.watcher = store, options, watcher
        self.batch: list[Prepared] = []
        self.ingested: list[str] = []
        self.already = 0
        self.groups: set[str] = set()
        self.undated: list[str] = []
        self.failed: list[Failure] = []
        self.tracks: list[tuple[str, str]] = []

    def add(self, item: Prepared) -> None:
        if item.draft.kind == "gpx":
            self.tracks.append((item.draft.source, item.id))
        self.batch.append(item)
        if len(self.batch) >= self.options.batch_size:
            self.flush()

    def flush(self) -> None:
        if not self.batch:
            return
        outcome = store_batch(self.store, self.batch, dt.datetime.now(dt.UTC))
        self.ingested += outcome.new
        self.already += outcome.already_stored
        self.groups |= outcome.groups
        self.undated += outcome.undated
        self.batch = []

    def result(self) -> IngestResult:
        return IngestResult(
            ingested=tuple(self.ingested),
            already_stored=self.already,
            near_duplicate_groups=len(self.groups),
            undated=tuple(dict.fromkeys(self.undated)),
            failed=tuple(self.failed),
            tracks=tuple(self.tracks),
        )


def ingest(
    targets: Sequence[str],
    store: Store,
    options: Options | None = None,
    *,
    watcher: Watcher | None = None,
    transport: httpx.BaseTransport | None = None,
) -> IngestResult:
    """Read every input in ``targets`` and store the documents found, in batches.

    Each batch is one transaction, and ids are content hashes, so an interrupted call
    leaves whole batches only, and running it again stores what is missing and nothing
    twice.
    """
    options = options or Options()
    run = _Run(store, options, watcher)
    items: list[Item] = []
    # A folder walk must not read the store it writes.
    for entry in expand(targets, skip=store.files()):
        if isinstance(entry, Failure):
            run.failed.append(entry)
        else:
            items.append(entry)
    if watcher is not None:
        watcher.start(len(items))
    for item in items:
        found = _read_whole(item, options, transport)
        for one in found:
            if isinstance(one, Failure):
                run.failed.append(one)
            else:
                run.add(one)
        if watcher is not None:
            watcher.advance(1, sum(isinstance(one, Prepared) for one in found))
    run.flush()
    return run.result()
