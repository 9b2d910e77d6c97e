"""Plain text, with optional YAML front matter."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import yaml

from trucewatch.errors import InputError
from trucewatch.ingest.decode import decode
from trucewatch.ingest.readers import FIELDS, apply_fields, reader
from trucewatch.ingest.records import Draft, Failure, Options, Raw

__all__ = ["read_text"]


def _front_matter(text: str) -> tuple[dict[str, Any], str]:
    if not re.match(r"---[ \t]*\n", text):
        return {}, text
    end = re.search(r"^(---|\.\.\.)[ \t]*$", text[4:], flags=re.MULTILINE)
    if end is None:
        raise InputError(
            "the file starts with '---' (YAML front matter) but no closing '---' line "
            "follows; close the front matter or remove the first line"
        )
    block, body = text[4 : 4 + end.start()], text[4 + end.end() :]
    try:
        # safe_load builds only plain data: nothing in a file is ever run.
        found = yaml.safe_load(block)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        raise InputError(f"the YAML front matter cannot be read{where}: {exc}") from None
    if found is None:
        return {}, body
    if not isinstance(found, dict):
        raise InputError(
            f"the YAML front matter must be a mapping such as 'title: ...', "
            f"found a {type(found).__name__}"
        )
    return found, body


@reader("text", ".txt", ".text", ".md", content_types=("text/plain", "text/markdown"))
def read_text(raw: Raw, options: Options) -> Iterator[Draft | Failure]:
    """Plain text, with optional YAML front matter (title, outlet, url, published, language)."""
    text, encoding = decode(raw.data)
    front, body = _front_matter(text)
    draft = Draft(text=body, source=raw.source, kind="text", url=raw.url, encoding=encoding)
    extra = {k: str(v) for k, v in front.items() if k not in FIELDS}
    if extra:
        draft = replace(draft, meta={"front_matter": extra})
    yield apply_fields(draft, front, "the front matter")
