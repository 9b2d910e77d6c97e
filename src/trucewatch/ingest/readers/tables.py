"""Files of records: CSV/TSV and JSON Lines, with a text column and a field mapping."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from trucewatch.errors import InputError
from trucewatch.ingest.decode import decode
from trucewatch.ingest.readers import FIELDS, apply_fields, reader
from trucewatch.ingest.records import Draft, Failure, Options, Raw

__all__ = ["read_csv", "read_jsonl"]


_TEXT_COLUMNS = ("text", "body", "content")


def _mapping(columns: Iterable[str], options: Options) -> tuple[str, dict[str, str]]:
    """The text column and the field -> column mapping, checked against the columns found."""
    present = {c.strip().casefold(): c for c in columns if c}
    wanted = [options.text_column] if options.text_column else list(_TEXT_COLUMNS)
    text_column = next((present[w.casefold()] for w in wanted if w.casefold() in present), None)
    found = ", ".join(sorted(present.values())) or "none"
    if text_column is None:
        expected = (
            f"the text column {options.text_column!r}"
            if options.text_column
            else "a text column named " + " or ".join(_TEXT_COLUMNS)
        )
        raise InputError(
            f"expected {expected}, found columns: {found}; name the text column with --text-column"
        )
    mapping: dict[str, str] = {}
    for name in (*FIELDS, "key"):
        column = options.fields.get(name, name if name != "key" else "")
        if column and column.casefold() in present:
            mapping[name] = present[column.casefold()]
        elif name in options.fields:
            raise InputError(
                f"--field {name}={column}: no column {column!r}; found columns: {found}"
            )
    return text_column, mapping


def _records(
    rows: Iterable[tuple[int, Mapping[str, Any] | Failure]],
    raw: Raw,
    kind: str,
    encoding: str,
    text_column: str,
    mapping: Mapping[str, str],
) -> Iterator[Draft | Failure]:
    for number, row in rows:
        source = f"{raw.source}#{number}"
        if isinstance(row, Failure):
            yield row
            continue
        text = row.get(text_column)
        if not isinstance(text, str) or not text.strip():
            yield Failure(source, f"the text column {text_column!r} is empty in this record")
            continue
        draft = Draft(text=text, source=source, kind=kind, encoding=encoding)
        values = {name: row.get(column) for name, column in mapping.items()}
        try:
            draft = apply_fields(draft, values, f"column {mapping.get('published', '')!r}")
        except InputError as exc:
            yield Failure(source, str(exc))
            continue
        if values.get("key") not in (None, ""):
            draft = replace(draft, meta={"key": str(values["key"])})
        yield draft


@reader("csv", ".csv", ".tsv", content_types=("text/csv", "text/tab-separated-values"))
def read_csv(raw: Raw, options: Options) -> Iterator[Draft | Failure]:
    """A CSV or TSV file: one document per row, from a text column and a field mapping."""
    text, encoding = decode(raw.data)
    header = text.split("\n", 1)[0]
    delimiter = ","
    if raw.name.lower().endswith(".tsv") or ("\t" in header and "," not in header):
        delimiter = "\t"
    elif ";" in header and "," not in header:
        delimiter = ";"
    csv.field_size_limit(max(options.max_bytes, 131072))
    rows = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    text_column, mapping = _mapping(rows.fieldnames or [], options)

    def numbered() -> Iterator[tuple[int, Mapping[str, Any] | Failure]]:
        number = 0
        try:
            for number, row in enumerate(rows, start=1):
                yield number, row
        except csv.Error as exc:
            yield number + 1, Failure(f"{raw.source}#{number + 1}", f"not valid CSV: {exc}")

    yield from _records(numbered(), raw, "csv", encoding, text_column, mapping)


@reader("jsonl", ".jsonl", ".ndjson", ".json", content_types=("application/x-ndjson",))
def read_jsonl(raw: Raw, options: Options) -> Iterator[Draft | Failure]:
    """JSON Lines (one object a line), or a .json file holding one object or a list of them."""
    text, encoding = decode(raw.data)
    rows: list[tuple[int, Mapping[str, Any] | Failure]] = []
    whole: Any = None
    if raw.name.lower().endswith(".json"):
        try:
            whole = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"not valid JSON (line {exc.lineno}, column {exc.colno}): {exc.msg}"
            ) from None
        items = whole if isinstance(whole, list) else [whole]
        for number, item in enumerate(items, start=1):
            rows.append((number, item if isinstance(item, dict) else _not_object(raw, number)))
    else:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                rows.append((number, Failure(f"{raw.source}#{number}", f"not JSON: {exc.msg}")))
                continue
            rows.append((number, item if isinstance(item, dict) else _not_object(raw, number)))
    keys: set[str] = set()
    for _, row in rows:
        if isinstance(row, Mapping):
            keys.update(str(k) for k in row)
    text_column, mapping = _mapping(sorted(keys), options)
    yield from _records(rows, raw, "jsonl", encoding, text_column, mapping)


def _not_object(raw: Raw, number: int) -> Failure:
    return Failure(f"{raw.source}#{number}", 'expected a JSON object such as {"text": ...}')
