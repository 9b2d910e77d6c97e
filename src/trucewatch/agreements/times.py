"""Instants and durations as agreement files write them.

>>> parse_instant("2020-03-06T00:01+02:00", None).isoformat()
'2020-03-06T00:01:00+02:00'
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

__all__ = ["parse_frequency", "parse_instant"]


_TIME = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<time>\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(?P<offset>Z|[+-]\d{2}:?\d{2})?)?"
    r"(?:\s+(?P<zone>[A-Za-z_]+(?:/[A-Za-z0-9_+-]+)+|UTC))?$"
)


def parse_instant(text: str, tz: ZoneInfo | None) -> dt.datetime:
    """An instant from ISO 8601 text; a time with no offset or zone is read in ``tz``.

    A date alone means the start of that day. Raises ValueError with a plain message.

    >>> parse_instant("2020-03-06T00:01", ZoneInfo("Asia/Damascus")).isoformat()
    '2020-03-06T00:01:00+02:00'
    >>> parse_instant("2020-03-15", None)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: the time '2020-03-15' has no zone: add an offset (2020-03-15T00:00+02:00) ...
    """
    m = _TIME.match(text.strip())
    if not m:
        raise ValueError(
            f"'{text}' is not a date or time; write 2020-03-06, 2020-03-06T00:01, "
            "or 2020-03-06T00:01+02:00"
        )
    try:
        day = dt.date.fromisoformat(m["date"])
        clock = dt.time.fromisoformat(m["time"]) if m["time"] else dt.time(0, 0)
    except ValueError as exc:
        raise ValueError(f"'{text}' is not a real date or time ({exc})") from None
    naive = dt.datetime.combine(day, clock)
    if m["offset"]:
        return dt.datetime.fromisoformat(f"{naive.isoformat()}{m['offset'].replace('Z', '+00:00')}")
    if m["zone"]:
        try:
            return naive.replace(tzinfo=ZoneInfo(m["zone"]))
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"'{m['zone']}' is not a known time zone") from None
    if tz is None:
        example = naive.strftime("%Y-%m-%dT%H:%M")
        raise ValueError(
            f"the time '{text}' has no zone: add an offset ({example}+02:00) or set the "
            "agreement's 'timezone' (an IANA name such as Asia/Damascus)"
        )
    return naive.replace(tzinfo=tz)


_FREQUENCY = re.compile(r"^every\s+(\d+)\s+(day|days|week|weeks)$")
_NAMED_FREQUENCY = {"daily": 1, "weekly": 7, "fortnightly": 14}


def parse_frequency(text: str) -> dt.timedelta:
    """A patrol frequency: daily, weekly, fortnightly, every N days, every N weeks.

    >>> parse_frequency("every 3 days")
    datetime.timedelta(days=3)
    """
    words = " ".join(text.lower().split())
    if words in _NAMED_FREQUENCY:
        return dt.timedelta(days=_NAMED_FREQUENCY[words])
    m = _FREQUENCY.match(words)
    if m and int(m[1]) > 0:
        return dt.timedelta(days=int(m[1]) * (7 if m[2].startswith("week") else 1))
    raise ValueError(
        f"frequency '{text}' is not understood; write daily, weekly, fortnightly, "
        "every 3 days or every 2 weeks"
    )
