"""RSS and Atom feeds: each entry a document."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from typing import Any

from trucewatch.errors import InputError
from trucewatch.ingest.decode import decode
from trucewatch.ingest.readers import clean, reader
from trucewatch.ingest.readers.html import html_text
from trucewatch.ingest.records import Draft, Failure, Options, Raw

__all__ = ["read_feed"]


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
        text = html_text(markup)
        if not text.strip():
            yield Failure(source, "the feed entry has no text (no content and no summary)")
            continue
        published = _struct_time(entry.get("published_parsed") or entry.get("updated_parsed"))
        yield Draft(
            text=text,
            source=source,
            kind="feed",
            title=clean(entry.get("title")),
            outlet=clean(outlet),
            url=clean(entry.get("link")),
            language=clean(language),
            published=published,
            published_precision="time" if published else None,
            encoding=clean(parsed.get("encoding")),
        )
