"""Event typing scored on labelled data read in place: CASE 2021 task 2 and ACLED notes.

Both readers check the file as they go and name the file and line of any problem. CASE's
30 labels map to ACLED sub-event types (25 of them) or to the kinds of news that are not
conflict events (5): a sentence of those kinds is right when it gets no type.

>>> CASE_LABELS["ART_MISS_ATTACK"]
'Shelling/artillery/missile attack'
>>> case_label("Warplanes bombed the depot.")
'AIR_STRIKE'
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

from trucewatch.actors import without_years
from trucewatch.errors import InputError
from trucewatch.extract.events import NON_CONFLICT, classify, strongest_kind
from trucewatch.taxonomy import SUB_EVENT_TYPES

if TYPE_CHECKING:
    from trucewatch.extract.mentions import Extractor

__all__ = [
    "CASE_LABELS",
    "CASE_NON_CONFLICT",
    "NO_LABEL",
    "case_label",
    "evaluate_acled",
    "evaluate_acled_types",
    "evaluate_case",
]

CASE_LABELS: Final[Mapping[str, str | None]] = MappingProxyType(
    {
        "ABDUCT_DISSAP": "Abduction/forced disappearance",
        "AGREEMENT": "Agreement",
        "AIR_STRIKE": "Air/drone strike",
        "ARMED_CLASH": "Armed clash",
        "ARREST": "Arrests",
        "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
        "ATTACK": "Attack",
        "CHANGE_TO_GROUP_ACT": "Change to group/activity",
        "CHEM_WEAP": "Chemical weapon",
        "DISR_WEAP": "Disrupted weapons use",
        "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
        "GOV_REGAINS_TERIT": "Government regains territory",
        "GRENADE": "Grenade",
        "HQ_ESTABLISHED": "Headquarters or base established",
        "MOB_VIOL": "Mob violence",
        "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
        "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
        "OTHER": "Other",
        "PEACE_PROTEST": "Peaceful protest",
        "PROPERTY_DISTRUCT": "Looting/property destruction",
        "PROTEST_WITH_INTER": "Protest with intervention",
        "REM_EXPLOS": "Remote explosive/landmine/IED",
        "SEX_VIOL": "Sexual violence",
        "SUIC_BOMB": "Suicide bomb",
        "VIOL_DEMONSTR": "Violent demonstration",
        "ATTRIB": None,
        "DIPLO": None,
        "MAN_MADE_DISASTER": None,
        "NATURAL_DISASTER": None,
        "ORG_CRIME": None,
    }
)
"""Each CASE 2021 task 2 label and the ACLED sub-event type it stands for (None: not conflict)."""

CASE_NON_CONFLICT: Final[Mapping[str, str]] = MappingProxyType(
    {
        "Natural disaster": "NATURAL_DISASTER",
        "Man-made disaster": "MAN_MADE_DISASTER",
        "Crime": "ORG_CRIME",
        "Diplomacy": "DIPLO",
        "Attribution": "ATTRIB",
    }
)
"""The CASE label of each kind of news that is not a conflict event."""

NO_LABEL: Final = "NONE"
"""The label of a sentence in which no kind scores enough: wrong for every CASE label."""

_TO_CASE = {sub: label for label, sub in CASE_LABELS.items() if sub is not None}
assert set(CASE_NON_CONFLICT) == set(NON_CONFLICT), "every non-conflict kind needs a CASE label"
assert set(_TO_CASE) <= set(SUB_EVENT_TYPES)


def case_label(sentence: str) -> str:
    """The CASE label trucewatch gives a sentence (``NO_LABEL`` when no kind scores enough).

    >>> case_label("Thieves robbed a jewellery shop downtown.")
    'ORG_CRIME'
    """
    kind = strongest_kind(sentence)
    if kind is None:
        return NO_LABEL
    return CASE_NON_CONFLICT.get(kind) or _TO_CASE[kind]


def _rows(
    path: Path, columns: tuple[str, ...], delimiter: str
) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row of a delimited file with its line number, after checking the header."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror}); check the path") from err
    with handle:
        # CASE's snippets hold bare quote marks; ACLED's CSV quotes its fields.
        if delimiter == "\t":
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        else:
            reader = csv.DictReader(handle, delimiter=delimiter)
        try:
            header = reader.fieldnames or []
            missing = [c for c in columns if c not in header]
            if missing:
                found = ", ".join(header) if header else "an empty file"
                raise InputError(
                    f"{path}:1: expected columns {', '.join(columns)}; "
                    f"missing {', '.join(missing)} (found {found})"
                )
            for row in reader:
                if any(row.get(c) is None for c in columns):
                    raise InputError(
                        f"{path}:{reader.line_num}: expected {len(header)} fields, found fewer; "
                        "is the row cut short?"
                    )
                yield reader.line_num, row
        except (csv.Error, UnicodeDecodeError) as err:
            raise InputError(f"{path}:{reader.line_num}: not a readable table ({err})") from err


def _f1(gold: list[str], pred: list[str]) -> tuple[float, float]:
    """Macro and support-weighted F1 over the gold labels."""
    support = Counter(gold)
    hits = Counter(g for g, p in zip(gold, pred, strict=True) if g == p)
    predicted = Counter(pred)
    f1 = {}
    for label in support:
        precision = hits[label] / predicted[label] if predicted[label] else 0.0
        recall = hits[label] / support[label]
        total = precision + recall
        f1[label] = 2 * precision * recall / total if total else 0.0
    macro = sum(f1.values()) / len(f1)
    weighted = sum(f1[label] * support[label] for label in f1) / len(gold)
    return macro, weighted


def evaluate_case(path: str | Path, *, limit: int | None = None) -> dict[str, Any]:
    """Event typing scored on a CASE 2021 task 2 file (columns id, EventSnippet, SubType).

    ``accuracy`` counts a non-conflict snippet right when it gets no type; ``accuracy_conflict``
    is over the 25 conflict labels only; ``macro_f1`` and ``weighted_f1`` are over all 30
    labels found in the file (a label given but never expected adds no term), where a snippet
    with no type is labelled by the non-conflict kind that scored most. ``confusion`` maps
    each gold label to the counts of the labels given. ``limit`` scores the first rows only.
    """
    path = Path(path)
    gold: list[str] = []
    pred: list[str] = []
    right = right_conflict = conflict = 0
    for line, row in _rows(path, ("EventSnippet", "SubType"), "\t"):
        if limit is not None and len(gold) >= limit:
            break
        label = row["SubType"].strip()
        if label not in CASE_LABELS:
            raise InputError(
                f"{path}:{line}: unknown label {label!r}; expected one of {', '.join(CASE_LABELS)}"
            )
        given = case_label(row["EventSnippet"])
        expected = CASE_LABELS[label]
        # Accuracy asks only for the right type, or for none where there is none.
        ok = CASE_LABELS.get(given) == expected
        right += ok
        if expected is not None:
            conflict += 1
            right_conflict += ok
        gold.append(label)
        pred.append(given)
    if not gold:
        raise InputError(f"{path}: no rows; expected a CASE 2021 task 2 file")
    macro, weighted = _f1(gold, pred)
    confusion: dict[str, dict[str, int]] = {}
    for g, p in zip(gold, pred, strict=True):
        confusion.setdefault(g, {}).setdefault(p, 0)
        confusion[g][p] += 1
    return {
        "n": len(gold),
        "accuracy": right / len(gold),
        "accuracy_conflict": right_conflict / conflict if conflict else 0.0,
        "macro_f1": macro,
        "weighted_f1": weighted,
        "confusion": confusion,
    }


def evaluate_acled_types(path: str | Path, *, limit: int | None = None) -> dict[str, Any]:
    """Event typing scored on an ACLED export: each row's ``notes`` against its types.

    ``found`` is the share of rows given a type; ``event_type`` and ``sub_event_type`` the
    shares typed right (a row given no type is wrong). ``limit`` scores the first rows only.
    """
    path = Path(path)
    n = found = event_right = sub_right = 0
    for line, row in _rows(path, ("notes", "event_type", "sub_event_type"), ","):
        if limit is not None and n >= limit:
            break
        sub = row["sub_event_type"].strip()
        if sub not in SUB_EVENT_TYPES:
            raise InputError(
                f"{path}:{line}: unknown sub_event_type {sub!r}; expected one of ACLED's "
                f"{len(SUB_EVENT_TYPES)} sub-event types"
            )
        typed = classify(row["notes"])
        n += 1
        if typed is None:
            continue
        found += 1
        sub_right += typed.sub_event_type == sub
        event_right += typed.event_type == row["event_type"].strip()
    if not n:
        raise InputError(f"{path}: no rows; expected an ACLED export with a notes column")
    return {
        "n": n,
        "found": found / n,
        "event_type": event_right / n,
        "sub_event_type": sub_right / n,
    }


_RULE_CODED = re.compile(
    r"\bfatalit\w*\s+(?:were\s+|was\s+)?(?:coded|split|spread|divided|distributed)"
    r"|\bcoded as \d+|\bsplit (?:up )?(?:between|across|among)|\bspread (?:between|across)"
    r"|\(\w[\w ]* reported \d+\)",
    re.IGNORECASE,
)
"""Notes that say the row's fatalities were set by ACLED's coding rules, not reported."""


def _share(hits: int, n: int) -> float:
    return round(100.0 * hits / n, 2) if n else 0.0


def evaluate_acled(
    path: str | Path, extractor: Extractor, *, limit: int | None = None
) -> dict[str, Any]:
    """Whole mentions scored on an ACLED export: each row's ``notes`` read as a report
    published at its ``timestamp``, its first mention against the row's labels.

    Scores are percentages of the rows scored. A row with no mention counts as wrong in
    every score. ``fatalities_exact`` leaves out rows whose notes say the figure was set
    by a coding rule (split between events, coded as a default); a mention without a toll
    counts as 0, as ACLED codes an unreported toll. Rows with empty notes (a cut-short
    export) are skipped and counted.
    """
    from trucewatch.extract.mentions import Report
    from trucewatch.geometry import geodesic_km

    path = Path(path)
    n = found = event_right = sub_right = date_right = actor_right = 0
    tolls = toll_right = 0
    skipped: list[int] = []
    near: dict[int, Counter[str]] = {10: Counter(), 25: Counter()}
    per_level: Counter[str] = Counter()
    columns = (
        "notes", "event_type", "sub_event_type", "event_date", "timestamp", "latitude",
        "longitude", "geo_precision", "fatalities", "actor1",
    )  # fmt: skip
    rows: list[tuple[dict[str, str], dt.date, float, float, int, Report]] = []
    for line, row in _rows(path, columns, ","):
        if limit is not None and len(rows) >= limit:
            break
        notes = row["notes"].strip()
        if not notes or not row["timestamp"].strip().isdigit():
            skipped.append(line)
            continue
        try:
            event_date = dt.datetime.strptime(row["event_date"].strip(), "%d-%b-%y").date()
            lat, lon = float(row["latitude"]), float(row["longitude"])
            fatalities = int(row["fatalities"])
        except ValueError as err:
            raise InputError(f"{path}:{line}: cannot read the row ({err})") from err
        published = dt.datetime.fromtimestamp(int(row["timestamp"]), dt.UTC)
        report = Report(id=str(line), text=notes, published=published, published_precision="time")
        rows.append((row, event_date, lat, lon, fatalities, report))
    coded = extractor.extract_all(r[-1] for r in rows)
    for (row, event_date, lat, lon, fatalities, report), mentions in zip(rows, coded, strict=True):
        notes = report.text
        n += 1
        level = row["geo_precision"].strip() or "?"
        per_level[level] += 1
        rule_coded = bool(_RULE_CODED.search(notes))
        tolls += not rule_coded
        if not mentions:
            continue
        main = mentions[0]
        found += 1
        sub_right += main.sub_event_type == row["sub_event_type"].strip()
        event_right += main.event_type == row["event_type"].strip()
        date_right += main.when.date == event_date
        actor_right += without_years(main.actor1) == without_years(row["actor1"])
        if not rule_coded:
            toll = next((m.fatalities for m in mentions if m.fatalities is not None), 0)
            toll_right += (main.fatalities if main.fatalities is not None else toll) == fatalities
        if main.where.latitude is not None and main.where.longitude is not None:
            km = geodesic_km((main.where.latitude, main.where.longitude), (lat, lon))
            for limit_km, hits in near.items():
                if km <= limit_km:
                    hits["all"] += 1
                    hits[level] += 1
    if not n:
        raise InputError(f"{path}: no rows with notes; expected an ACLED export")
    out: dict[str, Any] = {
        "n": n,
        "found": _share(found, n),
        "event_type": _share(event_right, n),
        "sub_event_type": _share(sub_right, n),
        "date_exact": _share(date_right, n),
    }
    for limit_km, hits in near.items():
        out[f"place_{limit_km}km"] = _share(hits["all"], n)
        out[f"place_{limit_km}km_by_geo_precision"] = {
            level: _share(hits[level], per_level[level]) for level in sorted(per_level)
        }
    out["fatalities_exact"] = _share(toll_right, tolls)
    out["fatalities_rows"] = tolls
    out["actor1"] = _share(actor_right, n)
    out["skipped_rows"] = skipped
    return out
