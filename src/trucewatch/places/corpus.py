"""Geoparsing corpora with gold toponyms: GeoWebNews and LGL XML, read into plain records.

GeoWebNews (Gritta et al. 2019) puts each toponym's ``start``, ``end``, ``geonamesID``,
``latitude`` and ``longitude`` in child elements; LGL (Lieberman et al. 2010) puts the
GeoNames answer in a ``gaztag`` element. Both become :class:`Article` records.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from trucewatch.errors import InputError

__all__ = ["Article", "GoldToponym", "read_corpus"]


@dataclass(frozen=True, slots=True)
class GoldToponym:
    """A toponym span and, when the annotators gave one, its point and GeoNames id."""

    start: int
    end: int
    name: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One document of a corpus: its text and gold toponyms."""

    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def _float(text: str | None) -> float | None:
    try:
        return float(text) if text not in (None, "") else None
    except ValueError:
        return None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text not in (None, "") else None
    except ValueError:
        return None


def read_corpus(path: Path) -> list[Article]:
    """The articles of a GeoWebNews or LGL XML file."""
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except ET.ParseError as exc:
        line, column = exc.position
        raise InputError(
            f"{path}:{line}:{column + 1}: not well-formed XML ({exc.msg}); "
            "expected a GeoWebNews or LGL corpus file"
        ) from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    articles: list[Article] = []
    for n, art in enumerate(root.iter("article")):
        text = art.findtext("text") or ""
        tops: list[GoldToponym] = []
        for t in art.iter("toponym"):
            start, end = _int(t.findtext("start")), _int(t.findtext("end"))
            if start is None or end is None:
                continue
            gaz = t.find("gaztag")
            if gaz is not None:
                lat, lon = _float(gaz.findtext("lat")), _float(gaz.findtext("lon"))
                gid = _int(gaz.get("geonameid"))
                name = t.findtext("phrase") or text[start:end]
            else:
                lat, lon = _float(t.findtext("latitude")), _float(t.findtext("longitude"))
                gid = _int(t.findtext("geonamesID"))
                name = t.findtext("extractedName") or text[start:end]
            if lat is None or lon is None:
                lat = lon = None
            tops.append(GoldToponym(start, end, name, lat, lon, gid))
        ident = art.get("docid") or art.get("file") or str(n)
        articles.append(Article(ident, text, tuple(sorted(tops, key=lambda t: t.start))))
    if not articles:
        raise InputError(f"{path}: no <article> elements; expected a GeoWebNews or LGL corpus file")
    return articles
