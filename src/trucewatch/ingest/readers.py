"""Readers, one function per format family, found by file suffix, content type or content.

A reader takes the bytes of one file or page and yields the documents in it (or, for a
file of many records, a :class:`Failure` for each record it cannot use). Adding a format
is one decorated function::

    @reader("gpx", ".gpx", content_types=("application/gpx+xml",))
    def read_gpx(raw: Raw, options: Options) -> Iterator[Draft | Failure]: ...
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from typing import Any

import yaml

from trucewatch.errors import InputError
from trucewatch.ingest.decode import decode
from trucewatch.ingest.normalise import parse_published
from trucewatch.ingest.records import Draft, Failure, Options, Raw

__all__ = ["FIELDS", "READERS", "Reader", "apply_fields", "kind_of", "read", "reader"]

Reader = Callable[[Raw, Options], Iterable[Draft | Failure]]
FIELDS = ("title", "outlet", "url", "published", "language")


@dataclass(frozen=True, slots=True)
class _Entry:
    read: Reader
    suffixes: tuple[str, ...]
    content_types: tuple[str, ...]


READERS: dict[str, _Entry] = {}


def reader(
    kind: str, *suffixes: str, content_types: tuple[str, ...] = ()
) -> Callable[[Reader], Reader]:
    """Register ``func`` as the reader of ``kind``, for these suffixes and content types."""

    def register(func: Reader) -> Reader:
        READERS[kind] = _Entry(func, tuple(s.lower() for s in suffixes), content_types)
        return func

    return register


def _sniff(data: bytes) -> str:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head:
        return "html"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


def kind_of(name: str, content_type: str | None, data: bytes) -> str:
    """Which reader reads this input: by suffix, else content type, else its first bytes.

    >>> kind_of("report.htm", None, b"")
    'html'
    >>> kind_of("download", "application/rss+xml; charset=utf-8", b"")
    'feed'
    >>> kind_of("notes", None, b"Shelling resumed at dawn.")
    'text'
    """
    suffix = PurePosixPath(name).suffix.lower()
    for kind, entry in READERS.items():
        if suffix and suffix in entry.suffixes:
            return kind
    mime = (content_type or "").split(";")[0].strip().lower()
    for kind, entry in READERS.items():
        if mime and mime in entry.content_types:
            return kind
    return _sniff(data)


def read(raw: Raw, options: Options) -> Iterator[Draft | Failure]:
    """The documents in one input, each carrying the sidecar's fields over its own."""
    entry = READERS[kind_of(raw.name, raw.content_type, raw.data)]
    for found in entry.read(raw, options):
        if isinstance(found, Draft) and raw.sidecar:
            found = apply_fields(found, raw.sidecar, "the sidecar")
        yield found


def _clean(value: Any) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def apply_fields(draft: Draft, values: Mapping[str, Any], where: str) -> Draft:
    """``draft`` with the document fields found in ``values`` (front matter, sidecar, row)."""
    changes: dict[str, Any] = {}
    for name in FIELDS:
        value = values.get(name)
        if value is None or value == "":
            continue
        if name == "published":
            try:
                changes["published"], changes["published_precision"] = parse_published(value)
            except InputError as exc:
                raise InputError(f"{where}: published: {exc}") from None
        else:
            changes[name] = _clean(value)
    return replace(draft, **changes) if changes else draft


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


def _html_text(markup: str) -> str:
    """The visible text of an HTML fragment, without scripts or styles."""
    from lxml import html as lxml_html  # imported when needed: it is slow to load

    try:
        tree = lxml_html.fragment_fromstring(markup, create_parent="div")
    except Exception:  # lxml's errors vary by input; a fragment it cannot parse is plain text
        return markup
    for bad in tree.xpath(".//script|.//style|.//noscript|.//template"):
        bad.drop_tree()
    for block in tree.xpath(".//p|.//br|.//div|.//li|.//h1|.//h2|.//h3|.//h4|.//tr"):
        block.tail = "\n\n" + (block.tail or "")
    return str(tree.text_content())


@reader("html", ".html", ".htm", ".xhtml", content_types=("text/html", "application/xhtml+xml"))
def read_html(raw: Raw, options: Options) -> Iterator[Draft | Failure]:
    """A web page: its main text, title, outlet, date and canonical URL (trafilatura)."""
    import trafilatura  # imported when needed: it is slow to load

    markup, encoding = decode(raw.data)
    # Only metadata dates (no guesses from the page's text or URL).
    result = trafilatura.bare_extraction(
        markup,
        url=raw.url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    found = {} if result is None else result if isinstance(result, dict) else result.as_dict()
    text = found.get("text") or ""
    if not text.strip():
        text = _html_text(markup)
    draft = Draft(text=text, source=raw.source, kind="html", url=raw.url, encoding=encoding)
    draft = apply_fields(
        draft,
        {
            "title": found.get("title"),
            "outlet": found.get("sitename"),
            "url": found.get("url"),
            "published": found.get("date"),
            "language": found.get("language"),
        },
        "the page's metadata",
    )
    yield draft


def _struct_time(value: Any) -> dt.datetime | None:
    if not isinstance(value, time.struct_time):
        return None
    return dt.datetime(*value[:6], tzinfo=dt.UTC)


@reader(
    "feed",
    ".rss",
    ".atom",
    ".xml",
    content_types=(
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    ),
)
def read_feed(raw: Raw, options: Options) -> Iterator[Draft | Failure]:
    """An RSS or Atom feed: each entry a document, with the entry's date and link."""
    import feedparser  # imported when needed: it is slow to load

    if b"\x00" in raw.data[:65536]:
        decode(raw.data)  # refuses it as binary, with the reason
    parsed = feedparser.parse(raw.data, sanitize_html=True, resolve_relative_uris=False)
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and problem is not None and hasattr(problem, "getLineNumber"):
        raise InputError(
            f"the feed is not well-formed XML (line {problem.getLineNumber()}, column "
            f"{problem.getColumnNumber()}: {problem.getMessage()}); nothing from it was stored"
        )
    if not parsed.get("version") and not parsed.entries:
        raise InputError("expected an RSS or Atom feed, found XML that is neither")
    feed = parsed.get("feed", {})
    outlet, language = feed.get("title"), feed.get("language")
    for number, entry in enumerate(parsed.entries, start=1):
        source = f"{raw.source}#{number}"
        contents = entry.get("content") or []
        markup = contents[0].get("value", "") if contents else entry.get("summary", "")
        text = _html_text(markup)
        if not text.strip():
            yield Failure(source, "the feed entry has no text (no content and no summary)")
            continue
        published = _struct_time(entry.get("published_parsed") or entry.get("updated_parsed"))
        yield Draft(
            text=text,
            source=source,
            kind="feed",
            title=_clean(entry.get("title")),
            outlet=_clean(outlet),
            url=_clean(entry.get("link")),
            language=_clean(language),
            published=published,
            published_precision="time" if published else None,
            encoding=_clean(parsed.get("encoding")),
        )


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
