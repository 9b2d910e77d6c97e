"""Public names of a package that import their module on first use (PEP 562).

>>> load = lazy_names("trucewatch.store", {"trucewatch.store.url": ("ENV_VAR",)})
>>> load("ENV_VAR")
'TRUCEWATCH_DB'
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterable, Mapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(package: str, sources: Mapping[str, Iterable[str]]) -> Callable[[str], Any]:
    """A module ``__getattr__`` giving each name in ``sources`` from its module, once loaded."""
    module_of = {name: module for module, names in sources.items() for name in names}

    def __getattr__(name: str) -> Any:
        if name not in module_of:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module_of[name]), name)
        vars(sys.modules[package])[name] = value  # the next lookup finds it directly
        return value

    return __getattr__
