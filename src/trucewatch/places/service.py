"""What the command line calls: one function per command, loading what it needs."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from trucewatch.errors import InputError
from trucewatch.geometry import geodesic_km
from trucewatch.places.evaluate import Mode, evaluate_geoparse
from trucewatch.places.extra import read_places
from trucewatch.places.finder import PlaceFinder, load_model
from trucewatch.places.gazetteer import ExtraPlace, Place, load_gazetteer
from trucewatch.places.geoparse import geoparse

__all__ = ["evaluate_file", "geoparse_source", "nearest_named"]


def geoparse_source(
    source: str, places_file: Path | None = None, agreement_file: Path | None = None
) -> list[dict[str, Any]]:
    """Geoparse a file (when ``source`` names one) or the text itself, as plain rows.

    An agreement's named places (``agreement_file``) and a user's places (``places_file``)
    are known besides the world gazetteer.
    """
    text = _read_if_file(source)
    extras = list(read_places(places_file)) if places_file else []
    if agreement_file is not None:
        from trucewatch.agreements import load_agreement

        extras += [ExtraPlace.of(place) for place in load_agreement(agreement_file).places]
    gaz = load_gazetteer(extras)
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


def _read_if_file(source: str) -> str:
    """The file's text when ``source`` names a file, else ``source`` itself."""
    if "\n" in source or len(source) > 1024:
        return source
    path = Path(source)
    try:
        is_file = path.is_file()
    except OSError:  # a text too long to be a file name
        return source
    if not is_file:
        return source
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read as UTF-8 text: {exc}") from None


def evaluate_file(path: Path, mode: Mode) -> dict[str, Any]:
    """``trucewatch eval geoparse``: the scores of one corpus file."""
    from trucewatch.places.corpus import read_corpus

    read_corpus(path)  # a missing or malformed file fails here, before the gazetteer loads
    gaz = load_gazetteer()
    finder = PlaceFinder(gaz, load_model()) if mode == "end-to-end" else None
    score = evaluate_geoparse(path, gaz, mode, finder.find if finder else None)
    return score.as_dict()


def nearest_named(name: str, near: Sequence[tuple[float, float]]) -> Place | None:
    """The gazetteer's place of that name nearest the given points (the biggest if none).

    For a monitor's question "where is X?" about an agreement: among namesakes, the one in
    the agreement's region.
    """
    gaz = load_gazetteer()
    found = [gaz.place(i) for i in gaz.candidates(name)]
    if not found:
        return None
    if not near:
        return max(found, key=lambda p: p.population)
    return min(
        found,
        key=lambda p: (min(geodesic_km((p.lat, p.lon), point) for point in near), -p.population),
    )
