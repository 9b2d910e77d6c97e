"""The examples in the places modules' docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "trucewatch.places",
    "trucewatch.places.normalise",
    "trucewatch.places.gazetteer",
    "trucewatch.places.finder",
    "trucewatch.places.resolve",
    "trucewatch.places.relative",
    "trucewatch.places.geoparse",
    "trucewatch.places.evaluate",
    "trucewatch.places.sources",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), verbose=False)
    assert result.attempted > 0 and result.failed == 0
