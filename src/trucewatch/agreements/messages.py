"""Plain-words messages for pydantic's validation errors, at the line and column they concern.

pydantic reports a location such as ``('provisions', 1, 'corridor', 'ends')``; the data
path drops the union tag (``corridor``) so the message points where the user wrote it.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Hashable, Iterable, Sequence
from typing import Any

from pydantic import BaseModel

from trucewatch.agreements.schema import PROVISION_KINDS, Spec
from trucewatch.agreements.source import KEY, Path, Source
from trucewatch.errors import Problem

__all__ = ["explain_errors", "suggest"]


def suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def explain_errors(
    errors: Sequence[Any], data: Any, where: Callable[[str], Path], src: Source
) -> list[Problem]:
    """One problem per error; a misspelt field is reported once, not also as missing."""
    misspelt = {
        (_data_path(data, e["loc"])[:-1], close)
        for e in errors
        if e["type"] == "extra_forbidden"
        for close in difflib.get_close_matches(
            str(e["loc"][-1]), _fields_of(data, _data_path(data, e["loc"])[:-1]), n=1, cutoff=0.6
        )
    }
    return [
        _explain(err, data, where, src)
        for err in errors
        if not (
            err["type"] == "missing"
            and (_data_path(data, err["loc"]), str(err["loc"][-1])) in misspelt
        )
    ]


def _explain(err: Any, data: Any, where: Callable[[str], Path], src: Source) -> Problem:
    loc = _data_path(data, err["loc"])
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    etype, ctx = err["type"], err.get("ctx") or {}
    given = err.get("input")
    at: Path = (*where(str(loc[0])), *loc[1:]) if loc else where("")
    if etype == "missing":
        missing = str(err["loc"][-1])
        owner = _describe(data, loc)
        return src.problem(at, f"{owner} is missing the field '{missing}'")
    if etype == "extra_forbidden":
        owner_fields = _fields_of(data, loc[:-1])
        hint = suggest(field, owner_fields) if owner_fields else ""
        return src.problem((*at, KEY), f"unknown field '{field}'{hint}")
    if etype == "union_tag_invalid":
        hint = suggest(str(ctx.get("tag")), PROVISION_KINDS)
        return src.problem(
            (*at, "kind"),
            f"kind '{ctx.get('tag')}' is not a kind of provision; write one of "
            f"{', '.join(PROVISION_KINDS)}{hint}",
        )
    if etype == "union_tag_not_found":
        return src.problem(at, f"a provision needs a 'kind': one of {', '.join(PROVISION_KINDS)}")
    if etype == "value_error":
        return src.problem(at, str(ctx.get("error", err["msg"])))
    if etype == "string_pattern_mismatch":
        what = "id" if not loc or isinstance(loc[-1], int) else field
        return src.problem(
            at,
            f"{what} '{given}' is not a valid id; ids are lower-case letters, digits, "
            "'-', '_' and '.', e.g. 'ain-al-havr'",
        )
    if etype == "literal_error":
        return src.problem(at, f"{field} must be {ctx.get('expected')}, found {given!r}")
    if etype in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        word, key = {
            "greater_than": ("above", "gt"),
            "greater_than_equal": ("at least", "ge"),
            "less_than": ("below", "lt"),
            "less_than_equal": ("at most", "le"),
        }[etype]
        bound = f"{word} {ctx.get(key):g}"
        return src.problem(at, f"{field} must be {bound}, found {given}")
    if etype in {"float_type", "float_parsing", "int_type", "int_parsing"}:
        return src.problem(at, f"{field} must be a number, found {given!r}")
    if etype in {"string_type"}:
        return src.problem(at, f"{field} must be text, found {given!r}")
    if etype in {"list_type"}:
        return src.problem(at, f"{field} must be a list (items starting with '- ')")
    if etype in {"model_type", "model_attributes_type", "dict_type"}:
        return src.problem(at, f"{field or 'this'} must be a mapping of fields")
    if etype in {"too_short", "string_too_short"}:
        return src.problem(at, f"{field} must not be empty")
    if etype == "bool_type" or etype == "bool_parsing":
        return src.problem(at, f"{field} must be true or false, found {given!r}")
    return src.problem(at, f"{field}: {err['msg']}")


def _data_path(data: Any, loc: Sequence[Hashable]) -> Path:
    """Keep the parts of a pydantic location that index the data (drop union tags)."""
    out: list[Hashable] = []
    node = data
    for part in loc:
        indexes = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if (isinstance(node, dict) and part in node) or indexes:
            node = node[part]
            out.append(part)
        elif isinstance(node, dict) and part == "from_" and "from" in node:
            node = node["from"]
            out.append("from")
    return tuple(out)


def _fields_of(data: Any, loc: Sequence[Hashable]) -> list[str]:
    """The fields the schema allows in the mapping at ``loc`` of the data."""
    node = data
    model: Any = Spec
    for part in loc:
        node = node[part]
        if isinstance(part, int):
            continue
        if model is None:
            return []
        if part == "provisions":
            model = None
            continue
        info = model.model_fields.get(part)
        model = _model_in(info.annotation) if info else None
    if isinstance(node, dict) and "kind" in node and node["kind"] in PROVISION_KINDS:
        model = PROVISION_KINDS[node["kind"]]
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _model_in(annotation: Any) -> Any:
    """The pydantic model inside an annotation such as ``list[PlaceSpec] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _describe(data: Any, loc: Sequence[Hashable]) -> str:
    """'provision 'ceasefire'' or 'place 3' for the mapping at ``loc`` (or the file)."""
    node = data
    for part in loc:
        node = node[part]
    if not loc:
        if isinstance(node, dict) and "kind" in node and isinstance(node.get("id"), str):
            return f"provision '{node['id']}'"
        return "the agreement"
    section = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    name = _SINGULAR.get(section, section)
    if isinstance(node, dict) and isinstance(node.get("id"), str):
        return f"{name} '{node['id']}'"
    if isinstance(loc[-1], int):
        return f"{name} {loc[-1] + 1}"
    return f"'{section}'" if section else "this"


_SINGULAR = {
    "parties": "party",
    "places": "place",
    "lines": "line",
    "areas": "area",
    "provisions": "provision",
    "exemptions": "exemption",
    "amendments": "amendment",
}
