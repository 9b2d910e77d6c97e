"""Geoparsing scores as the literature reports them, on GeoWebNews- or LGL-style corpora.

Over gold toponyms that have coordinates: the share resolved within 161 km (100 miles),
the share matching the gold GeoNames id (over those that have one), mean and median error,
and the AUC of the log error of CamCoder (Gritta et al. 2018): the area under the sorted
curve of ln(1 + error km), divided by ln(20039) (half the Earth's circumference) and by the
number of steps; 0 is perfect, lower is better. A name left unresolved counts as 20039 km.

``resolve`` mode hands the resolver the gold spans (Mordecai 3's table scores this).
``end-to-end`` finds the spans too and adds precision, recall and F1 of spans: a found
span is right when it overlaps a gold toponym with coordinates, and is not counted when it
overlaps a gold span without coordinates (annotated, but not a place with a point).

>>> round(auc_log_error([0.0, 0.0]), 3)
0.0
>>> round(auc_log_error([20039.0, 20039.0]), 3)
1.0
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from trucewatch.geometry import geodesic_km
from trucewatch.places.corpus import Article, GoldToponym, read_corpus
from trucewatch.places.gazetteer import Gazetteer
from trucewatch.places.resolve import Context, Mention, Resolution, resolve

__all__ = ["MAX_KM", "GeoparseScore", "Mode", "auc_log_error", "evaluate_geoparse", "score"]

MAX_KM = 20039.0
"""Half the Earth's circumference: the largest possible error."""

Mode = Literal["resolve", "end-to-end"]
Finder = Callable[[str], list[Mention]]


@dataclass(frozen=True, slots=True)
class GeoparseScore:
    """A geoparser's scores on one corpus (JSON keys of ``trucewatch eval geoparse``)."""

    n: int
    acc161: float
    exact: float
    mean_km: float
    median_km: float
    auc: float
    n_exact: int = 0
    precision: float | None = None
    recall: float | None = None
    f1: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """The scores as a plain dict, without the span scores in resolve mode."""
        data = asdict(self)
        return {k: v for k, v in data.items() if v is not None}


def auc_log_error(errors_km: Sequence[float]) -> float:
    """CamCoder's AUC of the log error: 0 when every error is 0, 1 when all are maximal."""
    if not errors_km:
        return 0.0
    logs = sorted(math.log1p(min(e, MAX_KM)) for e in errors_km)
    if len(logs) == 1:
        return logs[0] / math.log(MAX_KM)
    area = sum((a + b) / 2 for a, b in itertools.pairwise(logs))
    return area / (math.log(MAX_KM) * (len(logs) - 1))


def score(errors_km: Sequence[float], exact_hits: Sequence[bool]) -> GeoparseScore:
    """Scores from errors in km (one per gold toponym) and exact-id hits (those with an id)."""
    n = len(errors_km)
    return GeoparseScore(
        n=n,
        acc161=round(100.0 * sum(e <= 161.0 for e in errors_km) / n, 2) if n else 0.0,
        exact=round(100.0 * sum(exact_hits) / len(exact_hits), 2) if exact_hits else 0.0,
        mean_km=round(statistics.fmean(errors_km), 1) if n else 0.0,
        median_km=round(statistics.median(errors_km), 1) if n else 0.0,
        auc=round(auc_log_error(errors_km), 4),
        n_exact=len(exact_hits),
    )


def _error(gold: GoldToponym, res: Resolution | None) -> tuple[float, bool | None]:
    assert gold.lat is not None and gold.lon is not None
    place = res.place if res else None
    err = MAX_KM if place is None else geodesic_km((gold.lat, gold.lon), (place.lat, place.lon))
    hit = None if gold.geonameid is None else bool(place and place.geonameid == gold.geonameid)
    return err, hit


def evaluate_articles(
    articles: Sequence[Article],
    gaz: Gazetteer,
    mode: Mode = "resolve",
    finder: Finder | None = None,
) -> GeoparseScore:
    """Score the resolver (and in end-to-end mode the finder) on articles with gold toponyms."""
    errors: list[float] = []
    hits: list[bool] = []
    tp = fp = fn = 0
    for art in articles:
        golds = [t for t in art.toponyms if t.lat is not None]
        if mode == "resolve":
            mentions = [Mention(t.start, t.end, t.name) for t in golds]
            for gold, res in zip(golds, resolve(art.text, mentions, gaz, Context()), strict=True):
                err, hit = _error(gold, res)
                errors.append(err)
                if hit is not None:
                    hits.append(hit)
            continue
        if finder is None:
            raise ValueError("end-to-end mode needs a finder")
        found = resolve(art.text, finder(art.text), gaz, Context())
        unplaced = [t for t in art.toponyms if t.lat is None]
        matched: set[int] = set()
        for res in found:
            m = res.mention
            k = next(
                (
                    i
                    for i, g in enumerate(golds)
                    if g.start < m.end and m.start < g.end and i not in matched
                ),
                None,
            )
            if k is not None:
                matched.add(k)
                tp += 1
                err, hit = _error(golds[k], res)
                errors.append(err)
                if hit is not None:
                    hits.append(hit)
            elif not any(g.start < m.end and m.start < g.end for g in unplaced):
                fp += 1
        fn += len(golds) - len(matched)
    base = score(errors, hits)
    if mode == "resolve":
        return base
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return GeoparseScore(
        **{
            **asdict(base),
            "precision": round(100 * precision, 2),
            "recall": round(100 * recall, 2),
            "f1": round(100 * f1, 2),
        }
    )


def evaluate_geoparse(
    path: Path,
    gaz: Gazetteer,
    mode: Mode = "resolve",
    finder: Finder | None = None,
    limit: int | None = None,
) -> GeoparseScore:
    """Score a GeoWebNews or LGL XML file (its first ``limit`` articles when given)."""
    articles = read_corpus(path)
    return evaluate_articles(articles[:limit] if limit else articles, gaz, mode, finder)
