"""One public door: trucewatch's __all__ lists every public name once, and each exists."""

from __future__ import annotations

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
