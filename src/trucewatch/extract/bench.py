"""``trucewatch bench extract``: reports coded per second on one core, and peak memory.

Times are CPU seconds of this process (one core), measured after the gazetteer and the
spaCy pipeline are loaded; peak memory is the process's maximum resident set size.
"""

from __future__ import annotations

import csv
import datetime as dt
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from trucewatch.errors import InputError
from trucewatch.extract.mentions import Extractor, Report

__all__ = ["GOALS", "bench_extract"]

GOALS = {"long_reports_per_s": 50.0, "peak_rss_mb": 1024.0}


def _rate(extractor: Extractor, reports: Sequence[Report]) -> float:
    start = time.process_time()
    for r in reports:
        extractor.extract(r)
    spent = time.process_time() - start
    return round(len(reports) / spent, 1) if spent > 0 else float("inf")


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024, 1)


def bench_extract(
    acled: Path, long_reports: Sequence[Path], *, short_n: int = 1000, long_n: int = 200
) -> dict[str, Any]:
    """Short reports (ACLED notes) and long ones (the given files, repeated) per second."""
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
    texts = []
    for path in long_reports:
        try:
            texts.append(path.read_text(encoding="utf-8"))
        except OSError as err:
            raise InputError(f"{path}: cannot be read ({err.strerror})") from err
    if not texts:
        raise InputError("no long reports given")
    long = [
        Report(id=str(i), text=texts[i % len(texts)], published=day, published_precision="day")
        for i in range(long_n)
    ]
    words = sum(len(r.text.split()) for r in long) / len(long)
    _rate(extractor, long[:4])  # warm caches once
    return {
        "load_s": load_s,
        "short_reports": len(short),
        "short_reports_per_s": _rate(extractor, short),
        "long_reports": len(long),
        "long_report_words": round(words),
        "long_reports_per_s": _rate(extractor, long),
        "peak_rss_mb": _peak_rss_mb(),
        "goal_long_reports_per_s": GOALS["long_reports_per_s"],
        "goal_peak_rss_mb": GOALS["peak_rss_mb"],
    }
