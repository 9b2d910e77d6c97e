"""Web pages: main text and metadata via trafilatura."""

from __future__ import annotations

from collections.abc import Iterator

from trucewatch.ingest.decode import decode
from trucewatch.ingest.readers import apply_fields, reader
from trucewatch.ingest.records import Draft, Failure, Options, Raw

__all__ = ["html_text", "read_html"]


def html_text(markup: str) -> str:
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
    # trafilatura puts one block a line; a blank line between them keeps paragraphs as
    # plain text has them.
    text = "\n\n".join((found.get("text") or "").split("\n"))
    if not text.strip():
        text = html_text(markup)
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
