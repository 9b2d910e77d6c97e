"""The exceptions trucewatch raises, all rooted in :class:`TrucewatchError`.

::

    TrucewatchError                  anything trucewatch reports to a user
    ├── AgreementError               an agreement file that cannot be used
    │   └── (carries Problem items:  file, line, column, message)
    ├── GeometryError                a shape that cannot be built or measured
    ├── StoreError                   the database cannot be opened or migrated
    ├── InputError                   a report, file or URL that cannot be read
    └── SelectionError               an id, place or value that names nothing, or too much

A message says what was expected, what was found, and what to do. The command line turns
each into ``Error: ...`` and an exit code (1 some input failed, 2 usage or invalid file).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AgreementError",
    "GeometryError",
    "InputError",
    "Problem",
    "SelectionError",
    "StoreError",
    "TrucewatchError",
]


class TrucewatchError(Exception):
    """Root of every error trucewatch reports to its user."""

    exit_code: int = 1


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in a file, at a line and column (both 1-based)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class AgreementError(TrucewatchError):
    """An agreement file that cannot be used; ``problems`` lists every mistake found."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.path, p.line, p.column))
        super().__init__("\n".join(str(p) for p in self.problems))


class GeometryError(TrucewatchError):
    """A shape that cannot be built or measured (too few points, self-intersecting)."""

    exit_code = 2


class StoreError(TrucewatchError):
    """The store cannot be opened, migrated or written."""


class InputError(TrucewatchError):
    """A report, file or URL that cannot be read."""


class SelectionError(TrucewatchError):
    """An id, prefix, place or value a command was given that matches nothing, or several."""

    exit_code = 2
