"""The geoparsing benchmark: gazetteer build and load times, memory, ms per report.

Build and load are measured in fresh Python processes (a warm process would flatter both);
geoparsing is timed in this one, after a warm-up, as the median of several passes. Wall
time and CPU time are both given: on a shared machine the CPU time is the cost on one core.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from trucewatch._texts import read_texts
from trucewatch.errors import InputError

__all__ = ["GOALS", "bench_geoparse"]

GOALS = {"load_s": 2.0, "ms_per_report": 50.0}
"""DESIGN.md's goals: gazetteer ready in 2 s from its cache; geoparsing under 50 ms a report."""

_PROBE = """
import json, os, sys, time
def rss(field="VmRSS:"):
    for line in open("/proc/self/status"):
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return 0.0
before = rss()
t = time.perf_counter()
c = time.process_time()
from trucewatch.places.gazetteer import load_gazetteer_timed
gaz, report = load_gazetteer_timed(cache=__import__("pathlib").Path(sys.argv[1]))
print(json.dumps({"seconds": time.perf_counter() - t, "cpu_seconds": time.process_time() - c,
                  "built": report.built,
                  "rss_mb": rss(), "rss_before_mb": before, "peak_mb": rss("VmHWM:"),
                  "entries": len(gaz)}))
"""


def _probe(cache: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(cache)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise InputError(f"the gazetteer probe failed: {done.stderr.strip()[-500:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def bench_geoparse(texts: Sequence[Path], repeats: int = 5) -> dict[str, Any]:
    """Measure the gazetteer and geoparsing; returns the figures with the goals beside them."""
    from trucewatch.places.finder import PlaceFinder, load_model
    from trucewatch.places.gazetteer import load_gazetteer
    from trucewatch.places.geoparse import geoparse

    docs = read_texts(texts)
    if not docs:
        raise InputError("no texts to geoparse; pass report files with --text")
    with tempfile.TemporaryDirectory(prefix="trucewatch-bench-") as tmp:
        build = _probe(Path(tmp))
        load = _probe(Path(tmp))
    gaz = load_gazetteer()
    nlp = load_model()
    finder = PlaceFinder(gaz, nlp)
    for doc in docs:
        geoparse(doc, gaz, finder)
    per_doc: list[float] = []
    cpu_per_doc: list[float] = []
    for doc in docs:
        runs = []
        cpu_runs = []
        for _ in range(repeats):
            t = time.perf_counter()
            c = time.process_time()
            geoparse(doc, gaz, finder)
            cpu_runs.append((time.process_time() - c) * 1000)
            runs.append((time.perf_counter() - t) * 1000)
        per_doc.append(statistics.median(runs))
        cpu_per_doc.append(statistics.median(cpu_runs))
    words = [len(d.split()) for d in docs]
    return {
        "gazetteer_entries": load["entries"],
        "build_s": round(build["seconds"], 2),
        "build_peak_rss_mb": round(build["peak_mb"], 1),
        "load_s": round(load["seconds"], 3),
        "load_cpu_s": round(load["cpu_seconds"], 3),
        "rss_after_load_mb": round(load["rss_mb"], 1),
        "rss_gazetteer_mb": round(load["rss_mb"] - load["rss_before_mb"], 1),
        "model": nlp is not None,
        "reports": len(docs),
        "words_per_report": round(statistics.fmean(words)),
        "ms_per_report": round(statistics.fmean(per_doc), 1),
        "ms_per_report_max": round(max(per_doc), 1),
        "cpu_ms_per_report": round(statistics.fmean(cpu_per_doc), 1),
        "cpu_ms_per_report_max": round(max(cpu_per_doc), 1),
        "goals": GOALS,
    }
