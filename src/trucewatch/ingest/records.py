"""The records ingest passes along: options, what a reader found, failures, the result."""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Draft",
    "Failure",
    "IngestResult",
    "Network",
    "Options",
    "Raw",
    "Watcher",
]

DEFAULT_MAX_BYTES = 20_000_000
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True, slots=True)
class Options:
    """How one call reads its inputs; the command line builds one from its options.

    ``published`` and ``outlet`` apply to every document of the call and win over what
    the files say. ``fields`` maps a document field (title, outlet, url, published,
    language, key) to a column of a CSV or JSON Lines file.
    """

    published: dt.datetime | None = None
    published_precision: str | None = None
    outlet: str | None = None
    text_column: str | None = None
    fields: Mapping[str, str] = field(default_factory=dict)
    allow_private: bool = False
    allowed_networks: tuple[Network, ...] = ()
    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = 20.0
    batch_size: int = 500
    ca_file: Path | None = None
    """PEM certificate authorities to trust for https:// instead of the bundled ones (a
    mission's own authority, or a proxy that inspects TLS)."""


@dataclass(frozen=True, slots=True)
class Raw:
    """The bytes of one file or page, with where they came from."""

    source: str
    name: str
    data: bytes
    content_type: str | None = None
    url: str | None = None
    sidecar: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Draft:
    """One document as a reader found it, before normalisation."""

    text: str
    source: str
    kind: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None
    published: dt.datetime | None = None
    published_precision: str | None = None
    encoding: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input, or one record of it, that could not be read, and why."""

    source: str
    error: str

    def as_dict(self) -> dict[str, str]:
        return {"source": self.source, "error": self.error}


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What one call stored, what it found already stored, and what it could not read."""

    ingested: tuple[str, ...] = ()
    already_stored: int = 0
    near_duplicate_groups: int = 0
    undated: tuple[str, ...] = ()
    failed: tuple[Failure, ...] = ()
    tracks: tuple[tuple[str, str], ...] = ()
    """(source, document id) of each GPX patrol track read, new or already stored."""

    @property
    def ok(self) -> bool:
        """True when every input was read."""
        return not self.failed

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape ``trucewatch ingest --json`` prints."""
        return {
            "ingested": len(self.ingested),
            "already_stored": self.already_stored,
            "near_duplicate_groups": self.near_duplicate_groups,
            "undated": list(self.undated),
            "failed": [f.as_dict() for f in self.failed],
        }


class Watcher(Protocol):
    """Told how a run goes: the command line draws a progress bar with it."""

    def start(self, files: int) -> None: ...

    def advance(self, files: int, documents: int) -> None: ...
