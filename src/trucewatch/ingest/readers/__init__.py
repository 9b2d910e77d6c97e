"""Readers, one function per format family, found by file suffix, content type or content.

A reader takes the bytes of one file or page and yields the documents in it (or, for a
file of many records, a :class:`Failure` for each record it cannot use). Adding a format
is one decorated function::

    @reader("gpx", ".gpx", content_types=("application/gpx+xml",))
    def read_gpx(raw: Raw, options: Options) -> Iterator[Draft | Failure]: ...
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any

from trucewatch.errors import InputError
from trucewatch.ingest.normalise import parse_published
from trucewatch.ingest.records import Draft, Failure, Options, Raw

__all__ = [
    "FIELDS",
    "READERS",
    "Reader",
    "apply_fields",
    "clean",
    "kind_of",
    "read",
    "reader",
]

Reader = Callable[[Raw, Options], Iterable[Draft | Failure]]
FIELDS = ("title", "outlet", "url", "published", "language")


@dataclass(frozen=True, slots=True)
class _Entry:
    read: Reader
    suffixes: tuple[str, ...]
    content_types: tuple[str, ...]


READERS: dict[str, _Entry] = {}


def reader(
    kind: str, *suffixes: str, content_types: tuple[str, ...] = ()
) -> Callable[[Reader], Reader]:
    """Register ``func`` as the reader of ``kind``, for these suffixes and content types."""

    def register(func: Reader) -> Reader:
        READERS[kind] = _Entry(func, tuple(s.lower() for s in suffixes), content_types)
        return func

    return register


def _sniff(data: bytes) -> str:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head:
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


def kind_of(name: str, content_type: str | None, data: bytes) -> str:
    """Which reader reads this input: by suffix, else content type, else its first bytes.

    >>> kind_of("report.htm", None, b"")
    'html'
    >>> kind_of("download", "application/rss+xml; charset=utf-8", b"")
    'feed'
    >>> kind_of("notes", None, b"Shelling resumed at dawn.")
    'text'
    """
    suffix = PurePosixPath(name).suffix.lower()
    for kind, entry in READERS.items():
        if suffix and suffix in entry.suffixes:
            return kind
    mime = (content_type or "").split(";")[0].strip().lower()
    for kind, entry in READERS.items():
        if mime and mime in entry.content_types:
            return kind
    return _sniff(data)


def read(raw: Raw, options: Options) -> Iterator[Draft | Failure]:
    """The documents in one input, each carrying the sidecar's fields over its own."""
    entry = READERS[kind_of(raw.name, raw.content_type, raw.data)]
    for found in entry.read(raw, options):
        if isinstance(found, Draft) and raw.sidecar:
            found = apply_fields(found, raw.sidecar, "the sidecar")
        yield found


def clean(value: Any) -> str | None:
    """``value`` as one line of text, or None when it holds none."""
    if value is None:
        return None
    line = " ".join(str(value).split())
    return line or None


def apply_fields(draft: Draft, values: Mapping[str, Any], where: str) -> Draft:
    """``draft`` with the document fields found in ``values`` (front matter, sidecar, row)."""
    changes: dict[str, Any] = {}
    for name in FIELDS:
        value = values.get(name)
        if value is None or value == "":
            continue
        if name == "published":
            try:
                changes["published"], changes["published_precision"] = parse_published(value)
            except InputError as exc:
                raise InputError(f"{where}: published: {exc}") from None
        else:
            changes[name] = clean(value)
    return replace(draft, **changes) if changes else draft


# The readers register themselves when their modules load; the registry above is complete
# once these are imported.
from trucewatch.ingest.readers import feeds, gpx, html, tables, text  # noqa: E402, F401
