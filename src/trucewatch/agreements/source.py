"""YAML read safely, with the line and column of every key and value kept for messages.

>>> doc = read_yaml("a:\\n  b: [1, 2]\\n", "x.yaml")
>>> doc.data, doc.where(("a", "b", 1))
({'a': {'b': [1, 2]}}, (2, 10))
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from trucewatch.errors import AgreementError, Problem

__all__ = ["KEY", "Path", "Source", "read_yaml"]

Path = tuple[Hashable, ...]
KEY = "<key>"
"""Path suffix addressing a mapping key rather than its value."""


class _Loader(yaml.SafeLoader):
    """SafeLoader that keeps dates and times as text: trucewatch parses them itself."""


_Loader.yaml_implicit_resolvers = {
    ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Source:
    """A parsed YAML file: its data and where each part of it was written."""

    path: str
    data: Any
    marks: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``path``, or of its nearest parent."""
        probe = tuple(path)
        while probe:
            if probe in self.marks:
                return self.marks[probe]
            probe = probe[:-1]
        return self.marks.get((), (1, 1))

    def problem(self, path: Path, message: str) -> Problem:
        line, col = self.where(path)
        return Problem(self.path, line, col, message)


def read_yaml(text: str, path: str) -> Source:
    """Parse YAML text safely, keeping positions; syntax errors become AgreementError."""
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or "not valid YAML"
        context = exc.context or ""
        if exc.context_mark and "flow" in context:
            # The parser notices an unclosed bracket late; point at the bracket itself.
            mark = exc.context_mark
            opener = "list" if "sequence" in context else "mapping"
            what = f"this {opener} is never closed ({what})"
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise AgreementError(
            [Problem(path, line, col, f"not valid YAML: {what}{_hint(exc)}")]
        ) from None
    except yaml.YAMLError as exc:
        raise AgreementError([Problem(path, 1, 1, f"not valid YAML: {exc}")]) from None
    source = Source(path, None)
    if root is None:
        raise AgreementError([Problem(path, 1, 1, "the file is empty: an agreement is expected")])
    problems: list[Problem] = []
    constructor = _Loader("")
    source.data = _build(root, (), source, constructor, problems)
    if problems:
        raise AgreementError(problems)
    return source


def _tag_message(tag: str) -> str:
    short = tag.replace("tag:yaml.org,2002:", "!!")
    return f"the tag {short} is not allowed: an agreement file holds plain data only"


def _hint(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or ""
    if "found character '\\t'" in problem:
        return "; indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return "; a value containing ': ' must be quoted"
    return ""


_STANDARD_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}
_MAX_NODES = 200_000  # aliases can make a short file expand without bound


def _build(
    node: Node, path: Path, source: Source, ctor: yaml.SafeLoader, problems: list[Problem]
) -> Any:
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    source.marks[path] = (line, col)
    if len(source.marks) > _MAX_NODES:
        raise AgreementError(
            [Problem(source.path, line, col, "the file expands to too many values (aliases?)")]
        )
    if isinstance(node, MappingNode | SequenceNode) and node.tag not in _STANDARD_TAGS:
        problems.append(Problem(source.path, line, col, _tag_message(node.tag)))
        return None
    if isinstance(node, MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _build(key_node, (*path, KEY), source, ctor, problems)
            if not isinstance(key, str):
                kl, kc = key_node.start_mark.line + 1, key_node.start_mark.column + 1
                problems.append(Problem(source.path, kl, kc, f"keys must be words, found {key!r}"))
                continue
            kpos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in out:
                problems.append(
                    Problem(source.path, *kpos, f"'{key}' is given twice here; keep one")
                )
                continue
            source.marks[(*path, key, KEY)] = kpos
            out[key] = _build(value_node, (*path, key), source, ctor, problems)
        source.marks.pop((*path, KEY), None)
        return out
    if isinstance(node, SequenceNode):
        return [
            _build(item, (*path, i), source, ctor, problems) for i, item in enumerate(node.value)
        ]
    assert isinstance(node, ScalarNode)
    try:
        return ctor.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError:
        problems.append(Problem(source.path, line, col, _tag_message(node.tag)))
        return None
