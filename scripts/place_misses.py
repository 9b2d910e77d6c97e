"""List the place names the finder misses in an ACLED export, most frequent first.

Each row's notes are coded as ``trucewatch eval acled`` codes them. For the rows whose
main mention has no place, or one more than 25 km from the row's point, every capitalised
name of the notes (up to four words) that the gazetteer knows, exactly or loosely, and that
the finder did not return is counted; names with an entry within 25 km of the row's point
come first, with a few rows where they occur. Use it to find general causes, never to
special-case names.

    python scripts/place_misses.py ACLED.csv [--top N]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
from collections import Counter, defaultdict
from pathlib import Path

from trucewatch.extract.mentions import Extractor, Report
from trucewatch.geometry import geodesic_km
from trucewatch.places.gazetteer import LOOSE, Gazetteer

NEAR_KM = 25.0
_WORD = r"[A-Z][\w'\u2019\-&]*"
_CAPITALISED = re.compile(rf"{_WORD}(?:\s+(?:(?:al|el|de|of|la)\s+)?{_WORD})*")


def _names(text: str) -> list[tuple[int, int]]:
    """Spans of every run of up to four words inside a capitalised run of ``text``."""
    out = []
    for m in _CAPITALISED.finditer(text):
        words = list(re.finditer(r"\S+", m.group()))
        for a in range(len(words)):
            for b in range(a + 1, min(len(words), a + 4) + 1):
                start = m.start() + words[a].start()
                name = text[start : m.start() + words[b - 1].end()].rstrip(".,;:)")
                out.append((start, start + len(name)))
    return out


def _near(gaz: Gazetteer, indexes: list[int], point: tuple[float, float]) -> bool:
    return any(
        geodesic_km((float(gaz.lat[i]), float(gaz.lon[i])), point) <= NEAR_KM for i in indexes[:200]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--top", type=int, default=60)
    args = parser.parse_args()
    extractor = Extractor.load()
    gaz = extractor.gazetteer
    rows = []
    with args.file.open(newline="", encoding="utf-8") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            if row["notes"].strip() and row["timestamp"].strip().isdigit():
                rows.append((line, row))
    reports = [
        Report(
            id=str(line),
            text=row["notes"].strip(),
            published=dt.datetime.fromtimestamp(int(row["timestamp"]), dt.UTC),
            published_precision="time",
        )
        for line, row in rows
    ]
    coded = list(extractor.extract_all(reports))
    found = extractor.finder.find_many([r.text for r in reports])
    seen: Counter[tuple[str, str]] = Counter()
    near: Counter[tuple[str, str]] = Counter()
    where: dict[tuple[str, str], list[int]] = defaultdict(list)
    missing = wrong = 0
    for (line, row), report, mentions, names in zip(rows, reports, coded, found, strict=True):
        if not mentions:
            continue
        point = (float(row["latitude"]), float(row["longitude"]))
        at = mentions[0].where
        if at.latitude is None or at.longitude is None:
            missing += 1
        elif geodesic_km((at.latitude, at.longitude), point) > NEAR_KM:
            wrong += 1
        else:
            continue
        taken = [(m.start, m.end) for m in names]
        for start, end in _names(report.text):
            if any(a < end and start < b for a, b in taken):
                continue
            matches = gaz.matches(report.text[start:end])
            if not matches:
                continue
            how = "loose" if all(m.how == LOOSE for m in matches) else "exact"
            key = (report.text[start:end], how)
            seen[key] += 1
            if _near(gaz, [m.index for m in matches], point):
                near[key] += 1
                where[key].append(line)
    print(f"{len(rows)} rows: {missing} with a mention but no place, {wrong} placed > 25 km off")
    print("near  all  name (match)  rows")
    for key, count in near.most_common(args.top):
        print(f"{count:4d} {seen[key]:4d}  {key[0]} ({key[1]})  {where[key][:5]}")


if __name__ == "__main__":
    main()
