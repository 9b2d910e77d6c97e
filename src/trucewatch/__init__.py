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

from importlib.metadata import PackageNotFoundError, version

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

try:
    __version__ = version("trucewatch")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"

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
