"""Where inputs come from: paths and folders (walked safely), .gz files, sidecar metadata."""

from __future__ import annotations

import errno
import gzip
import io
import json
import os
import re
import stat
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from trucewatch.errors import InputError
from trucewatch.ingest.records import Failure, Options, Raw

__all__ = ["Item", "describe", "expand", "is_url", "load_file", "megabytes"]

_SIDECARS = (".meta.json", ".meta.yaml", ".meta.yml")
_CHUNK = 1 << 16


@dataclass(frozen=True, slots=True)
class Item:
    """One input to read: a file path or a URL, and the name the user knows it by."""

    source: str
    path: Path | None = None
    url: str | None = None


def is_url(target: str) -> bool:
    """True when ``target`` names a URL rather than a path (any scheme, checked later)."""
    return re.match(r"[A-Za-z][A-Za-z0-9+.-]*://", target) is not None


def describe(source: str) -> str:
    """``source`` safe to print on one line: control characters (newlines) escaped.

    >>> describe("odd\\nname.txt")
    'odd\\\\nname.txt'
    """
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in source)


def megabytes(size: int) -> str:
    """A size for messages.

    >>> megabytes(20_000_000)
    '20 MB'
    """
    return f"{size / 1e6:.3g} MB"


def _is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(_SIDECARS)


def _walk(
    folder: Path, seen: set[tuple[int, int]], skip: frozenset[tuple[int, int]]
) -> Iterator[Item | Failure]:
    """Files under ``folder``, sorted, following links but never entering a folder twice."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        yield Failure(str(folder), f"cannot list this folder: {exc.strerror}")
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(".") or _is_sidecar(path):
            continue
        try:
            info = path.stat()
        except OSError as exc:
            reason = (
                "a symbolic link loop (the link points back to itself)"
                if exc.errno == errno.ELOOP
                else exc.strerror or str(exc)
            )
            yield Failure(str(path), f"cannot read: {reason}")
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key in seen:
                yield Failure(
                    str(path),
                    f"skipped: this folder ({path.resolve()}) is already being read; "
                    "a symbolic link loop, or a second link to one folder",
                )
                continue
            seen.add(key)
            yield from _walk(path, seen, skip)
        elif stat.S_ISREG(info.st_mode):
            if (info.st_dev, info.st_ino) not in skip:
                yield Item(str(path), path=path)
        else:
            yield Failure(str(path), "skipped: not a regular file (a device, socket or pipe)")


def _identities(paths: Sequence[Path]) -> frozenset[tuple[int, int]]:
    found = set()
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue
        found.add((info.st_dev, info.st_ino))
    return frozenset(found)


def expand(targets: Sequence[str], skip: Sequence[Path] = ()) -> Iterator[Item | Failure]:
    """Every input named by ``targets``: URLs as given, files, and folders read recursively.

    Folders are walked in name order; hidden entries (".name"), sidecars and the files in
    ``skip`` (the store's own database) are passed over.
    """
    skipped = _identities(skip)
    for target in targets:
        if is_url(target):
            yield Item(target, url=target)
            continue
        path = Path(target).expanduser()
        try:
            info = path.stat()
        except OSError as exc:
            reasons = {errno.ELOOP: "a symbolic link loop", errno.ENOENT: "no such file or folder"}
            yield Failure(target, f"cannot read: {reasons.get(exc.errno or 0, exc.strerror)}")
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, {(info.st_dev, info.st_ino)}, skipped)
        elif stat.S_ISREG(info.st_mode):
            yield Item(target, path=path)
        else:
            yield Failure(target, "skipped: not a regular file (a device, socket or pipe)")


def _read_limited(path: Path, limit: int) -> bytes:
    size = path.stat().st_size
    if size > limit:
        raise InputError(
            f"refused: the file is {megabytes(size)}, over the {megabytes(limit)} limit; "
            "raise it with --max-bytes if the file is really one batch of reports"
        )
    with path.open("rb") as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:  # grew while we read it
        raise InputError(f"refused: the file is over the {megabytes(limit)} limit")
    return data


def _gunzip(data: bytes, limit: int) -> bytes:
    """Unpack gzip data, stopping as soon as it passes ``limit`` (a bomb stops early)."""
    out = bytearray()
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            while chunk := fh.read(_CHUNK):
                out += chunk
                if len(out) > limit:
                    raise InputError(
                        f"refused: unpacked, the file is over the {megabytes(limit)} limit"
                    )
    except (EOFError, OSError, zlib.error) as exc:
        raise InputError(
            f"cannot unpack: the gzip data is damaged or cut short ({exc}); "
            "download or copy it again"
        ) from None
    return bytes(out)


def _sidecar(path: Path) -> dict[str, Any]:
    """The fields in NAME.meta.json / NAME.meta.yaml beside ``path`` (full name or stem)."""
    bases = [path.name]
    if path.suffix:
        bases.append(path.with_suffix("").name)
        if path.suffix.lower() == ".gz" and Path(path.stem).suffix:
            bases.append(Path(path.stem).stem)
    for base in bases:
        for suffix in _SIDECARS:
            side = path.with_name(base + suffix)
            if not side.is_file():
                continue
            try:
                text = side.read_text(encoding="utf-8")
                found = json.loads(text) if suffix == ".meta.json" else yaml.safe_load(text)
            except (OSError, ValueError, yaml.YAMLError) as exc:
                raise InputError(f"the sidecar {side.name} cannot be read: {exc}") from None
            if not isinstance(found, dict):
                raise InputError(
                    f"the sidecar {side.name} must hold a mapping of fields "
                    "(title, outlet, url, published, language)"
                )
            return found
    return {}


def load_file(item: Item, options: Options) -> Raw:
    """The bytes of one file (unpacked if .gz), within the size limit, with its sidecar."""
    assert item.path is not None
    try:
        data = _read_limited(item.path, options.max_bytes)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}") from None
    name = item.path.name
    if name.lower().endswith(".gz"):
        data, name = _gunzip(data, options.max_bytes), name[:-3]
    return Raw(source=item.source, name=name, data=data, sidecar=_sidecar(item.path))
