"""The agreements a store judges against: saved with their text, compiled back on load.

An agreement is stored under the hash of its compiled content, so every verdict names the
exact version it was judged by; a changed file is a new version and the older one stays.
The agreement in force for a key is its latest loaded version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from trucewatch.agreements import Agreement, load_agreement, parse_agreement
from trucewatch.store import models

__all__ = ["current_agreements", "save_agreement", "save_agreement_files"]


def save_agreement(session: Session, agreement: Agreement, text: str) -> models.Agreement:
    """Store ``agreement`` (compiled from ``text``) unless this version is already stored."""
    row = session.get(models.Agreement, agreement.hash)
    if row is None:
        row = models.Agreement(
            hash=agreement.hash,
            key=agreement.id,
            title=agreement.title,
            path=str(Path(agreement.path).resolve()),
            content=text,
            loaded_at=dt.datetime.now(dt.UTC),
        )
        session.add(row)
    return row


def save_agreement_files(session: Session, paths: Iterable[Path]) -> None:
    """Check, compile and store each agreement file (a changed file is a new version).

    Every file is compiled before any is stored, so one broken file stores none.
    """
    loaded = [(load_agreement(path), path.read_text(encoding="utf-8-sig")) for path in paths]
    for agreement, text in loaded:
        save_agreement(session, agreement, text)
    session.flush()


def current_agreements(session: Session) -> list[Agreement]:
    """The latest stored version of each agreement, compiled.

    Shapes kept in files beside the agreement (GeoJSON lines and areas) are read from the
    folder it was loaded from.
    """
    latest: dict[str, models.Agreement] = {}
    for row in session.scalars(select(models.Agreement).order_by(models.Agreement.loaded_at)):
        latest[row.key] = row
    out = []
    for row in latest.values():
        path = Path(row.path or ".")
        out.append(parse_agreement(row.content, str(path), base_dir=path.parent))
    return out
