"""Normalised text, the content-hash id, and publication dates read from any form."""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import re
import unicodedata
from typing import Any

from trucewatch.errors import InputError

__all__ = ["document_id", "normalise_text", "parse_published"]

# Zero-width characters, soft hyphens and byte-order marks carry no text.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Control characters other than the line feed would break lines and terminals.
_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_BLANK_LINES = re.compile(r"\n{3,}")
# Lines a page or an export adds around a report, never part of it.
_BOILERPLATE = frozenset(
    {
        "advertisement",
        "continue reading",
        "click here to subscribe",
        "read more",
        "related",
        "related articles",
        "related stories",
        "share",
        "share on facebook",
        "share on twitter",
        "share this",
        "share this article",
        "skip to content",
        "skip to main content",
        "sponsored",
        "subscribe",
    }
)
_DAY_FORMATS = ("%d-%b-%y", "%d-%b-%Y", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y")
# Unix times from 1973 (10**8 s) to 2200: smaller or larger numbers are no plausible date.
_EPOCH_RANGE = (1e8, 7_258_118_400.0)


def normalise_text(text: str) -> str:
    """Unicode NFC, one space between words, paragraphs kept, boilerplate lines removed.

    >>> normalise_text("Cafe\\u0301  closed.\\r\\n\\r\\n\\r\\nAdvertisement\\nShelling   at dawn. ")
    'Café closed.\\n\\nShelling at dawn.'
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub(" ", text)
    lines = [" ".join(line.split()) for line in text.split("\n")]
    kept = [line for line in lines if line.casefold().strip(" .:!|>»\u203a-") not in _BOILERPLATE]
    return _BLANK_LINES.sub("\n\n", "\n".join(kept)).strip()


def document_id(text: str) -> str:
    """The id of a document: SHA-256 of its normalised text with all whitespace as one space.

    Collapsing line breaks too means a re-wrapped copy of a report (a text file, the same
    story as HTML or a feed entry) has the same id.

    >>> document_id("Two  shells\\n\\nfell.") == document_id("Two shells fell.")
    True
    """
    canonical = " ".join(normalise_text(text).split())
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _from_epoch(seconds: float, found: Any) -> tuple[dt.datetime, str]:
    if not _EPOCH_RANGE[0] <= seconds < _EPOCH_RANGE[1]:
        raise InputError(
            f"expected a date such as 2020-03-05 or a Unix time in seconds, found the number "
            f"{found!r}, which is neither"
        )
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC), "time"


def parse_published(value: Any) -> tuple[dt.datetime, str]:
    """A publication instant and its precision ("day" or "time") from any usual form.

    A bare date means midnight UTC of that day; a time without a zone is taken as UTC.
    Whole numbers are Unix times (seconds since 1970, UTC).

    >>> parse_published("2020-03-05")
    (datetime.datetime(2020, 3, 5, 0, 0, tzinfo=datetime.timezone.utc), 'day')
    >>> parse_published("Fri, 06 Mar 2020 09:30:00 +0200")[0].isoformat()
    '2020-03-06T09:30:00+02:00'
    """
    if isinstance(value, dt.datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
        return aware, "time"
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC), "day"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _from_epoch(float(value), value)
    if isinstance(value, str):
        text = value.strip()
        if re.fullmatch(r"\d{9,11}(\.\d+)?", text):
            return _from_epoch(float(text), value)
        try:
            return parse_published(dt.date.fromisoformat(text))
        except ValueError:
            pass
        try:
            return parse_published(dt.datetime.fromisoformat(text))
        except ValueError:
            pass
        try:
            return parse_published(email.utils.parsedate_to_datetime(text))
        except (TypeError, ValueError, IndexError):
            pass
        for fmt in _DAY_FORMATS:
            try:
                return parse_published(dt.datetime.strptime(text, fmt).date())
            except ValueError:
                continue
    raise InputError(
        f"expected a date such as 2020-03-05 or 2020-03-05T14:30:00+02:00, found {value!r}"
    )
