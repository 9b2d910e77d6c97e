"""trucewatch: monitor ceasefire agreements from open-source reports.

>>> import trucewatch
>>> agreement = trucewatch.load_agreement("examples/idlib-2020/agreement.yaml")  # doctest: +SKIP
>>> [loc.inside for loc in agreement.locate(35.8137, 36.6096)]  # doctest: +SKIP
[True, True, None]
"""

import os

# trucewatch multiplies small matrices, one report at a time: a BLAS's extra threads would
# only spin and take the other cores' time (and a cluster's workers each have one core).
# Set before numpy loads; a user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import sys
import types
from typing import TYPE_CHECKING, Any

from trucewatch._lazy import lazy_names as _lazy_names

if TYPE_CHECKING:
    from trucewatch.agreements import (
        Agreement,
        Amendment,
        CeasefireTerms,
        CorridorTerms,
        Exemption,
        Location,
        Party,
        PatrolTerms,
        Place,
        Provision,
        Terms,
        ZoneTerms,
        load_agreement,
        parse_agreement,
        parse_instant,
    )
    from trucewatch.assess import assess, judge
    from trucewatch.corroborate import Cluster, corroborate
    from trucewatch.errors import (
        AgreementError,
        GeometryError,
        InputError,
        Problem,
        SelectionError,
        StoreError,
        TrucewatchError,
    )
    from trucewatch.geometry import Area, Band, Placement, Route
    from trucewatch.records import Claim, Evidence, Incident, Mention, Verdict, When, Where
    from trucewatch.store import Store, open_store

    __version__: str

__all__ = [
    "Agreement",
    "AgreementError",
    "Amendment",
    "Area",
    "Band",
    "CeasefireTerms",
    "Claim",
    "Cluster",
    "CorridorTerms",
    "Evidence",
    "Exemption",
    "GeometryError",
    "Incident",
    "InputError",
    "Location",
    "Mention",
    "Party",
    "PatrolTerms",
    "Place",
    "Placement",
    "Problem",
    "Provision",
    "Route",
    "SelectionError",
    "Store",
    "StoreError",
    "Terms",
    "TrucewatchError",
    "Verdict",
    "When",
    "Where",
    "ZoneTerms",
    "__version__",
    "assess",
    "corroborate",
    "judge",
    "load_agreement",
    "open_store",
    "parse_agreement",
    "parse_instant",
]

# The public names load on first use (PEP 562), so ``import trucewatch`` and the command's
# --help stay quick: the store (SQLAlchemy), geometry (shapely, pyproj) and the agreement
# schema are imported only by the code that needs them.
_SOURCES = {
    "trucewatch.agreements": (
        "Agreement",
        "Amendment",
        "CeasefireTerms",
        "CorridorTerms",
        "Exemption",
        "Location",
        "Party",
        "PatrolTerms",
        "Place",
        "Provision",
        "Terms",
        "ZoneTerms",
        "load_agreement",
        "parse_agreement",
        "parse_instant",
    ),
    "trucewatch.assess": ("assess", "judge"),
    "trucewatch.corroborate": ("Cluster", "corroborate"),
    "trucewatch.errors": (
        "AgreementError",
        "GeometryError",
        "InputError",
        "Problem",
        "SelectionError",
        "StoreError",
        "TrucewatchError",
    ),
    "trucewatch.geometry": ("Area", "Band", "Placement", "Route"),
    "trucewatch.records": ("Claim", "Evidence", "Incident", "Mention", "Verdict", "When", "Where"),
    "trucewatch.store": ("Store", "open_store"),
}
_load = _lazy_names(__name__, _SOURCES)


def __getattr__(name: str) -> Any:
    if name != "__version__":
        return _load(name)
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("trucewatch")
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0.0.0"
    globals()["__version__"] = found
    return found


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


class _Package(types.ModuleType):
    """This package, whose ``assess`` and ``corroborate`` stay functions.

    Importing a submodule binds it on its package: the ``trucewatch.assess`` package,
    first imported by other code, would hide the ``assess`` function of the same name.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if isinstance(value, types.ModuleType) and any(name in n for n in _SOURCES.values()):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package
