"""Mentions scored against hand-coded gold incidents of a few documents (the seed reports).

A gold row names the documents that report it. It is found in a document when one of the
document's mentions has the gold's event type, a date within ``date_tolerance_days``, a
point within ``location_tolerance_km``, and, where the gold gives a toll, that toll.

A not-incident row quotes a statement (``text_hint``; "..." between fragments, "/"
between alternatives) that must not become a mention. It is violated by a mention that no
gold row accounts for and whose evidence holds the statement, by a mention carrying a toll
the statement gives, and by a mention dated after its document's publication.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from trucewatch.errors import InputError
from trucewatch.extract.mentions import Extractor, Report
from trucewatch.extract.numbers import parse_count
from trucewatch.geometry import geodesic_km
from trucewatch.records import Mention

__all__ = ["evaluate_gold", "matches_gold"]


def _jsonl(path: Path) -> list[dict[str, Any]]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})") from err
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{number}: not JSON ({err.msg})") from err
        if not isinstance(row, dict) or "id" not in row or "documents" not in row:
            raise InputError(f"{path}:{number}: expected an object with id and documents")
        rows.append(row)
    return rows


def matches_gold(m: Mention, gold: dict[str, Any]) -> bool:
    """Whether a mention is the gold incident, within the gold's tolerances."""
    if m.event_type != gold.get("event_type"):
        return False
    day = dt.date.fromisoformat(gold["event_date"])
    tolerance = dt.timedelta(days=int(gold.get("date_tolerance_days", 0)))
    if m.when.first is None or m.when.last is None:
        return False
    if not (m.when.first <= day + tolerance and day - tolerance <= m.when.last):
        return False
    if m.where.latitude is None or m.where.longitude is None:
        return False
    km = geodesic_km((m.where.latitude, m.where.longitude), (gold["latitude"], gold["longitude"]))
    if km > float(gold.get("location_tolerance_km", 10)):
        return False
    return gold.get("fatalities") is None or m.fatalities == gold["fatalities"]


def _why_not(mentions: list[Mention], gold: dict[str, Any]) -> str:
    same = [m for m in mentions if m.event_type == gold.get("event_type")]
    if not same:
        return f"no {gold.get('event_type')} mention"
    best = same[0]
    return (
        f"nearest: {best.sub_event_type} on {best.when.date} at {best.where.name} "
        f"(p{best.where.precision}), toll {best.fatalities}"
    )


def _holds(sentence: str, hint: str) -> bool:
    low = " ".join(sentence.lower().split())
    for alternative in hint.split("/"):
        parts = [p.strip().lower() for p in alternative.split("...") if p.strip()]
        if parts and all(p in low for p in parts):
            return True
    return False


def _hint_tolls(hint: str) -> set[int]:
    found = set()
    for m in re.finditer(r"[\d.,]+(?: (?:million|thousand))?|hundreds of thousands", hint):
        count = parse_count(m.group(0))
        if count:
            found.add(count)
    return found


def evaluate_gold(
    gold_path: Path,
    docs: Path,
    extractor: Extractor,
    not_incidents: Path | None = None,
    published: dict[str, dt.date] | None = None,
) -> dict[str, Any]:
    """Core gold incidents found per document, and not-incidents turned into mentions.

    Documents are found in ``docs`` by the prefix the gold gives ("000" for
    ``000_e9e6….txt``). Their publication dates come from ``published``, by prefix; a
    document without one is read as undated.
    """
    gold = _jsonl(gold_path)
    bad = _jsonl(not_incidents) if not_incidents else []
    prefixes = sorted({d for row in gold + bad for d in row["documents"]})
    mentions: dict[str, list[Mention]] = {}
    for prefix in prefixes:
        files = [
            f
            for f in sorted(docs.glob(f"{prefix}*"))
            if f.is_file() and not f.name.endswith((".json", ".yaml"))
        ]
        if not files:
            raise InputError(f"{docs}: no document named {prefix}*")
        mentions[prefix] = extractor.extract(_read(files[0], (published or {}).get(prefix)))
    rows = []
    core_found = core_total = 0
    for row in gold:
        for prefix in row["documents"]:
            hit = any(matches_gold(m, row) for m in mentions[prefix])
            if row.get("core"):
                core_total += 1
                core_found += hit
            rows.append(
                {
                    "id": row["id"],
                    "core": bool(row.get("core")),
                    "document": prefix,
                    "found": hit,
                    "why": None if hit else _why_not(mentions[prefix], row),
                }
            )
    violated = []
    for row in bad:
        tolls = _hint_tolls(row.get("text_hint", ""))
        for prefix in row["documents"]:
            for m in mentions[prefix]:
                accounted = any(matches_gold(m, g) for g in gold if prefix in g["documents"])
                said = any(_holds(e.text, row.get("text_hint", "")) for e in m.evidence[:1])
                if (not accounted and said) or (m.fatalities in tolls and m.fatalities):
                    violated.append({"id": row["id"], "document": prefix, "mention": m.id})
    for prefix, coded in mentions.items():
        day = (published or {}).get(prefix)
        for m in coded:
            if day and m.when.first and m.when.first > day:
                violated.append({"id": "future", "document": prefix, "mention": m.id})
    return {
        "core_found": core_found,
        "core_total": core_total,
        "not_incidents_violated": len(violated),
        "violations": violated,
        "rows": rows,
    }


def _read(path: Path, published: dt.date | None) -> Report:
    from trucewatch.ingest.normalise import document_id, normalise_text

    text = normalise_text(path.read_text(encoding="utf-8"))
    when = (
        dt.datetime(published.year, published.month, published.day, tzinfo=dt.UTC)
        if published
        else None
    )
    return Report(id=document_id(text), text=text, published=when, published_precision="day")
