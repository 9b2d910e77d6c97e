"""Actor names in ACLED's style, compared the way ACLED's users compare them.

>>> normalize_actor("Military Forces of Syria (2000-)")
'military forces of syria'
>>> normalize_actor("Unidentified Armed Group (Syria)") is None
True
"""

from __future__ import annotations

import re

__all__ = ["is_unidentified", "normalize_actor", "without_years"]

_YEARS = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
_UNIDENTIFIED = re.compile(r"^(?:unidentified|unknown)\b", re.IGNORECASE)


def is_unidentified(name: str | None) -> bool:
    """True when no actor is named, or the name says it is not known."""
    return not name or bool(_UNIDENTIFIED.match(name))


def normalize_actor(name: str | None) -> str | None:
    """A name for comparison: no year suffix, case folded; None when not identified."""
    if name is None or is_unidentified(name):
        return None
    return without_years(name)


def without_years(name: str | None) -> str:
    """A name for comparison with ACLED's year suffix, case and spacing taken out; unlike
    :func:`normalize_actor`, unidentified actors keep their name.

    >>> without_years("Unidentified Armed Group (Syria) (2011-)")
    'unidentified armed group (syria)'
    """
    return " ".join(_YEARS.sub("", name or "").casefold().split())
