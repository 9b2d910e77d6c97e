"""``trucewatch bench extract``: reports coded per second on one core, and peak memory.

Times are CPU seconds of this process (one core), measured after the gazetteer and the
spaCy pipeline are loaded, reports coded in batches as ``trucewatch extract`` codes stored
documents, each rate the median of three passes; peak memory is the
process's maximum resident set size.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import resource
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from trucewatch._texts import read_texts
from trucewatch.errors import InputError
from trucewatch.extract.mentions import Extractor, Report

__all__ = ["GOALS", "bench_extract"]

GOALS = {"long_reports_per_s": 50.0, "peak_rss_mb": 1024.0}
LONG_WORDS = 600
"""The length of a long report, as the goal is set: the long texts are cut into reports of
this many words (a whole story runs on into the next report's words)."""


def _rate(extractor: Extractor, reports: Sequence[Report], passes: int = 3) -> float:
    """Reports coded per second of this process's CPU time, ``BATCH`` at a time as
    ``trucewatch extract`` codes them: the median of ``passes`` passes over ``reports`` (one
    pass is at the mercy of whatever else the machine runs)."""
    rates = []
    for _ in range(passes):
        start = time.process_time()
        for _mentions in extractor.extract_all(reports):
            pass
        spent = time.process_time() - start
        rates.append(len(reports) / spent if spent > 0 else float("inf"))
    return round(statistics.median(rates), 1)


def _cut(texts: Sequence[str], words: int, n: int) -> list[str]:
    """``n`` reports of ``words`` words each, cut one after another from ``texts`` read in a
    loop; each keeps the text's own spacing and paragraphs.

    >>> [len(r.split()) for r in _cut(["one two three. Four five.", "Six seven."], 3, 4)]
    [3, 3, 3, 3]
    """
    joined = "\n\n".join(t.strip() for t in texts)
    spans = [m.span() for m in re.finditer(r"\S+", joined)]
    if not spans:
        return []
    loop = joined + "\n\n"
    out: list[str] = []
    at = 0
    for _ in range(n):
        first, last = at % len(spans), (at + words - 1) % len(spans)
        start, end = spans[first][0], spans[last][1]
        if last >= first and words <= len(spans):
            out.append(joined[start:end])
        else:  # the report runs past the last text into the first again
            laps = (at + words - 1) // len(spans) - at // len(spans)
            out.append(loop[start:] + loop * (laps - 1) + joined[:end])
        at += words
    return out


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def bench_extract(
    acled: Path, long_reports: Sequence[Path], *, short_n: int = 1000, long_n: int = 200
) -> dict[str, Any]:
    """Reports coded per second: short ones (ACLED notes), long ones (600-word reports cut
    from the given texts, read in a loop) and the given texts whole, repeated."""
    load_start = time.perf_counter()
    extractor = Extractor.load()
    load_s = round(time.perf_counter() - load_start, 2)
    try:
        with acled.open(encoding="utf-8", newline="") as handle:
            notes = [
                row.get("notes") or ""
                for row, _ in zip(csv.DictReader(handle), range(short_n), strict=False)
            ]
    except OSError as err:
        raise InputError(f"{acled}: cannot be read ({err.strerror})") from err
    day = dt.datetime(2020, 3, 5, tzinfo=dt.UTC)
    short = [Report(id=str(i), text=t, published=day) for i, t in enumerate(notes) if t.strip()]
    if not short:
        raise InputError(f"{acled}: no notes to code; expected an ACLED export")
    texts = read_texts(long_reports)
    if not texts:
        raise InputError("no long reports given")
    whole = [
        Report(id=str(i), text=texts[i % len(texts)], published=day, published_precision="day")
        for i in range(long_n)
    ]
    long = [
        Report(id=f"long-{i}", text=t, published=day, published_precision="day")
        for i, t in enumerate(_cut(texts, LONG_WORDS, long_n))
    ]
    whole_words = sum(len(r.text.split()) for r in whole) / len(whole)
    _rate(extractor, long[:4], passes=1)  # warm caches once
    return {
        "load_s": load_s,
        "short_reports": len(short),
        "short_reports_per_s": _rate(extractor, short),
        "long_reports": len(long),
        "long_report_words": LONG_WORDS,
        "long_reports_per_s": _rate(extractor, long),
        "whole_texts_per_s": _rate(extractor, whole),
        "whole_text_words": round(whole_words),
        "peak_rss_mb": _peak_rss_mb(),
        "goal_long_reports_per_s": GOALS["long_reports_per_s"],
        "goal_peak_rss_mb": GOALS["peak_rss_mb"],
    }
