"""One public door: trucewatch's __all__ lists every public name once, and each exists."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import trucewatch


def test_all_names_exist_and_are_unique() -> None:
    assert len(trucewatch.__all__) == len(set(trucewatch.__all__))
    for name in trucewatch.__all__:
        assert hasattr(trucewatch, name), name


def test_every_public_member_is_listed() -> None:
    public = {
        name
        for name, value in vars(trucewatch).items()
        if not name.startswith("_") and getattr(value, "__module__", "").startswith("trucewatch")
    }
    assert public <= set(trucewatch.__all__)
    assert trucewatch.__version__


def _imported_after(code: str) -> set[str]:
    """The top-level packages a fresh interpreter holds after running ``code``."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    return {name.partition(".")[0] for name in json.loads(out.splitlines()[-1])}


HEAVY = {"sqlalchemy", "alembic", "spacy"}


@pytest.mark.parametrize(
    "code",
    [
        "import trucewatch",
        "import trucewatch.cli",  # all the command's modules, as --help loads them
        "import trucewatch.store",
        "from trucewatch.cli import app\ntry:\n    app(['--help'])\nexcept SystemExit:\n    pass",
    ],
)
def test_start_up_leaves_the_heavy_libraries_unloaded(code: str) -> None:
    assert not _imported_after(code) & HEAVY


def test_a_public_name_loads_its_module_on_first_use() -> None:
    loaded = _imported_after("import trucewatch\ntrucewatch.Store")
    assert "sqlalchemy" in loaded
    assert "spacy" not in loaded


def test_functions_named_like_their_module_stay_functions() -> None:
    import trucewatch.assess.rules
    import trucewatch.corroborate

    assert callable(trucewatch.assess) and trucewatch.assess.__name__ == "assess"
    assert callable(trucewatch.corroborate) and trucewatch.corroborate.__name__ == "corroborate"


def test_dir_lists_the_public_names_before_they_load() -> None:
    assert set(trucewatch.__all__) <= set(dir(trucewatch))
