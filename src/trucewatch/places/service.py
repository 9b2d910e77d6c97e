"""What the command line calls: one function per command, loading what it needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from trucewatch.places.evaluate import Mode, evaluate_geoparse
from trucewatch.places.extra import read_places
from trucewatch.places.finder import PlaceFinder, load_model
from trucewatch.places.gazetteer import load_gazetteer
from trucewatch.places.geoparse import geoparse

__all__ = ["evaluate_file", "geoparse_source"]


def geoparse_source(source: str, places_file: Path | None = None) -> list[dict[str, Any]]:
    """Geoparse a file (when ``source`` names one) or the text itself, as plain rows."""
    path = Path(source)
    text = path.read_text(encoding="utf-8") if len(source) < 4096 and path.is_file() else source
    gaz = load_gazetteer(read_places(places_file) if places_file else ())
    rows = []
    for p in geoparse(text, gaz, PlaceFinder(gaz, load_model())):
        assert p.place is not None
        rows.append(
            {
                "text": p.text,
                "start": p.start,
                "end": p.end,
                "name": p.place.name,
                "id": p.place.id,
                "kind": p.place.kind,
                "country": p.place.country,
                "lat": round(p.lat or 0.0, 5),
                "lon": round(p.lon or 0.0, 5),
                "precision": p.precision,
                "relation": p.relation,
                "demonym": p.demonym,
                "confidence": p.confidence,
            }
        )
    return rows


def evaluate_file(path: Path, mode: Mode) -> dict[str, Any]:
    """``trucewatch eval geoparse``: the scores of one corpus file."""
    from trucewatch.places.corpus import read_corpus

    read_corpus(path)  # a missing or malformed file fails here, before the gazetteer loads
    gaz = load_gazetteer()
    finder = PlaceFinder(gaz, load_model()) if mode == "end-to-end" else None
    score = evaluate_geoparse(path, gaz, mode, finder.find if finder else None)
    return score.as_dict()
