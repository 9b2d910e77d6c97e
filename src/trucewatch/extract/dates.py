"""Dates in report text, resolved against the report's publication date.

Each expression becomes a :class:`DateSpan`: a range of days, a representative day, and
ACLED's time precision (1 the day, 2 within a week, 3 within a month). Relative words
("on Wednesday", "yesterday", "overnight", "last week", "earlier this month") need the
publication date; without it they are not resolved, and explicit dates keep working.

>>> thursday = dt.date(2020, 3, 5)
>>> [(str(d.date), d.precision) for d in find_dates("Tear gas was fired on Wednesday.", thursday)]
[('2020-03-04', 1)]
>>> [(str(d.date), d.precision) for d in find_dates("34 soldiers died last week.", thursday)]
[('2020-02-27', 2)]
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

from trucewatch.extract._prefilter import may_hold, needs_of

__all__ = ["DateSpan", "find_dates", "month_number"]

_MONTHS = {
    name.lower(): i
    for i in range(1, 13)
    for name in (calendar.month_name[i], calendar.month_abbr[i])
}
_MONTHS["sept"] = 9
_WEEKDAYS = {calendar.day_name[i].lower(): i for i in range(7)}


def month_number(word: str) -> int | None:
    """The month a name or abbreviation stands for.

    >>> month_number("Sept."), month_number("may"), month_number("Mayo")
    (9, 5, None)
    """
    return _MONTHS.get(word.lower().rstrip("."))


@dataclass(frozen=True, slots=True)
class DateSpan:
    """A date expression: the days it may mean, and how precisely."""

    start: dt.date
    end: dt.date
    precision: int
    text: str
    offset: int

    @property
    def date(self) -> dt.date:
        """The representative day: the start of a day-precise span, else its middle."""
        if self.precision == 1:
            return self.start
        return self.start + (self.end - self.start) // 2

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR_TAIL = r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"

_PATTERNS: list[tuple[str, str]] = [
    ("iso", rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"),
    (
        "range_dm",
        rf"\b(?:between\s+)?(?P<d1>{_DAY})\s*(?:-|\u2013|and|to)\s*(?P<d2>{_DAY})\s+"
        rf"(?P<m>{_MONTH}){_YEAR_TAIL}",
    ),
    ("dmy", rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"),
    ("mdy", rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?!\d)(?:,?\s+(?P<y>{_YEAR}))?\b"),
    (
        "part_month",
        rf"\b(?P<part>early|mid|late|the (?:start|beginning|middle|end) of)[\s-]+"
        rf"(?P<m>{_MONTH}){_YEAR_TAIL}",
    ),
    ("month", rf"\b(?:in|during|throughout|since)\s+(?P<m>{_MONTH})(?:\s+(?P<y>{_YEAR}))?\b"),
    ("day_before_yesterday", r"\bthe day before yesterday\b"),
    ("yesterday", r"\byesterday\b|\blast night\b|\bovernight\b"),
    ("today", r"\btoday\b|\btonight\b|\bthis (?:morning|afternoon|evening)\b|\bearlier today\b"),
    ("days_ago", r"\b(?P<n>\d+|two|three|four|five|six|several|a few) days ago\b"),
    ("past_hours", r"\b(?:in|over|during) the (?:past|last) (?P<n>24|48|72) hours\b"),
    ("last_weekday", rf"\blast (?P<wd>{_WEEKDAY})\b"),
    (
        "weekday",
        rf"\b(?:on |late |early |overnight |(?:on )?the night of )?(?P<wd>{_WEEKDAY})(?:'s)?\b",
    ),
    ("weekend", r"\b(?:over|at|during|on) the weekend\b|\blast weekend\b|\bthis weekend\b"),
    ("this_week", r"\b(?:earlier|later|late|early)? ?this week\b"),
    ("last_week", r"\blast week\b|\bthe previous week\b|\ba week ago\b"),
    ("this_month", r"\b(?:earlier|late|early)? ?this month\b"),
    ("last_month", r"\blast month\b|\bthe previous month\b"),
]
# Every form starts where a word does; saying so once, outside the alternation, spares
# trying each form at every other position (twice as fast; "this week" after a word no
# longer takes the space before it).


@functools.lru_cache(maxsize=256)
def _forms_rx(names: tuple[str, ...]) -> re.Pattern[str]:
    """The date forms ``names`` as one pattern, each a named group, in _PATTERNS' order."""
    return re.compile(
        r"\b(?=\w)(?:"
        + "|".join(
            f"(?P<{name}>{re.sub(r'[(][?]P<[a-z0-9]+>', '(?:', rx)})"
            for name, rx in _PATTERNS
            if name in names
        )
        + ")",
        re.IGNORECASE,
    )


_RX = _forms_rx(tuple(name for name, _ in _PATTERNS))
_GROUPS = {name: re.compile(rx, re.IGNORECASE) for name, rx in _PATTERNS}
_NEEDS = needs_of(_RX.pattern)
"""Words any date expression holds: most sentences without one are let go at once."""
_FORM_NEEDS = [(name, needs_of(rx)) for name, rx in _PATTERNS]
"""Each form's own needed words: a text is searched only for the forms it may hold (the
same matches: a form that can match nowhere in the text never wins anywhere)."""
_SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


def _day(text: str) -> int:
    return int(re.sub(r"\D", "", text))


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, published: dt.date | None) -> int | None:
    """The year of a day-and-month with no year: the one that puts it nearest publication."""
    if published is None:
        return None
    candidates = [
        (abs((when - published).days), year)
        for year in (published.year - 1, published.year, published.year + 1)
        if (when := _safe_date(year, month, min(day, 28) if month == 2 else day)) is not None
    ]
    return min(candidates)[1] if candidates else None


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _resolve(
    kind: str, m: re.Match[str], published: dt.date | None
) -> tuple[dt.date, dt.date, int] | None:
    g = _GROUPS[kind].fullmatch(m.group(kind))
    assert g is not None
    if kind == "iso":
        day = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (day, day, 1) if day else None
    if kind in {"dmy", "mdy"}:
        month = month_number(g["m"])
        assert month is not None
        day_n = _day(g["d"])
        year = int(g["y"]) if g["y"] else _year_for(month, day_n, published)
        if year is None:
            return None
        day = _safe_date(year, month, day_n)
        return (day, day, 1) if day else None
    if kind == "range_dm":
        month = month_number(g["m"])
        assert month is not None
        d1, d2 = _day(g["d1"]), _day(g["d2"])
        year = int(g["y"]) if g["y"] else _year_for(month, d2, published)
        if year is None or d2 < d1:
            return None
        first, last = _safe_date(year, month, d1), _safe_date(year, month, d2)
        if first is None or last is None:
            return None
        return first, last, 1 if first == last else (2 if (last - first).days < 7 else 3)
    if kind in {"month", "part_month"}:
        month = month_number(g["m"])
        assert month is not None
        year = int(g["y"]) if g["y"] else _year_for(month, 1, published)
        if year is None:
            return None
        first, last = _month_span(year, month)
        if kind == "part_month":
            part = g["part"].lower()
            if part in {"early", "the start of", "the beginning of"}:
                last = first + dt.timedelta(days=9)
            elif part in {"mid", "the middle of"}:
                first, last = first + dt.timedelta(days=10), first + dt.timedelta(days=19)
            else:
                first = first + dt.timedelta(days=20)
        return first, last, 3
    if published is None:
        return None
    d = published
    if kind == "today":
        return d, d, 1
    if kind == "yesterday":
        return d - dt.timedelta(days=1), d - dt.timedelta(days=1), 1
    if kind == "day_before_yesterday":
        return d - dt.timedelta(days=2), d - dt.timedelta(days=2), 1
    if kind == "days_ago":
        word = g["n"].lower()
        if word in {"several", "a few"}:
            return d - dt.timedelta(days=5), d - dt.timedelta(days=2), 2
        day = d - dt.timedelta(days=int(word) if word.isdigit() else _SMALL[word])
        return day, day, 1
    if kind == "past_hours":
        hours = int(g["n"])
        return d - dt.timedelta(days=hours // 24), d, 1 if hours <= 24 else 2
    if kind in {"weekday", "last_weekday"}:
        target = _WEEKDAYS[g["wd"].lower()]
        back = (d.weekday() - target) % 7
        if kind == "last_weekday" and back == 0:
            back = 7
        day = d - dt.timedelta(days=back)
        return day, day, 1
    if kind == "weekend":
        back = (d.weekday() - 5) % 7  # days since the latest Saturday
        saturday = d - dt.timedelta(days=back)
        return saturday, min(saturday + dt.timedelta(days=1), d), 2
    monday = d - dt.timedelta(days=d.weekday())
    if kind == "this_week":
        end = d - dt.timedelta(days=1) if "earlier" in m.group(kind).lower() and d > monday else d
        return monday, end, 2
    if kind == "last_week":
        if "ago" in m.group(kind).lower():
            day = d - dt.timedelta(days=7)
            return day - dt.timedelta(days=3), day + dt.timedelta(days=3), 2
        return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), 2
    if kind == "this_month":
        end = d - dt.timedelta(days=1) if "earlier" in m.group(kind).lower() and d.day > 1 else d
        return d.replace(day=1), end, 3
    assert kind == "last_month"
    last = d.replace(day=1) - dt.timedelta(days=1)
    return last.replace(day=1), last, 3


def find_dates(text: str, published: dt.date | None) -> list[DateSpan]:
    """Every date expression in ``text``, resolved against ``published`` where relative.

    >>> [str(d.date) for d in find_dates("Around 9 May 2020 (as reported), a man was shot.", None)]
    ['2020-05-09']
    >>> find_dates("It happened on Wednesday.", None)
    []
    """
    out: list[DateSpan] = []
    if not may_hold(_NEEDS, text):
        return out
    forms = tuple(name for name, needs in _FORM_NEEDS if may_hold(needs, text))
    if not forms:
        return out
    for m in _forms_rx(forms).finditer(text):
        kind = m.lastgroup
        assert kind is not None
        got = _resolve(kind, m, published)
        if got is None:
            continue
        start, end, precision = got
        out.append(DateSpan(start, end, precision, m.group(0), m.start()))
    return out
