"""Reading the plain-text files a command is given (the benchmarks' reports)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from trucewatch.errors import InputError

__all__ = ["read_texts"]


def read_texts(paths: Iterable[Path]) -> list[str]:
    """Each file's UTF-8 text, in order; a file that cannot be read is an
    :class:`~trucewatch.errors.InputError` naming it and why."""
    texts = []
    for path in paths:
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise InputError(f"{path}: cannot be read ({exc.strerror})") from None
        except UnicodeDecodeError as exc:
            raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return texts
