"""Ingest: readers, normalisation, identity, dates and near-duplicate grouping."""

from __future__ import annotations

import datetime as dt
import gzip
import html
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import event, func, select

from conftest import need_shared
from trucewatch.errors import InputError
from trucewatch.ingest import (
    Options,
    document_id,
    ingest,
    list_documents,
    normalise_text,
    parse_published,
)
from trucewatch.ingest.decode import decode
from trucewatch.ingest.neardup import BUCKET_CAP, shingles
from trucewatch.ingest.readers import READERS, kind_of, reader
from trucewatch.ingest.records import Draft, Failure, Raw
from trucewatch.store import Document, NearDuplicateBand, Store, open_store

UTC = dt.UTC

# Our own words: a short report, and the same story as other forms would carry it.
REPORT = (
    "Artillery fire hit the outskirts of a market town before dawn on Tuesday, "
    "local officials said.\n\n"
    "No casualties were reported, and the monitoring team said it would visit the site "
    "once the road reopened."
)
OTHER = "Farmers in the valley said the harvest was delayed by the rains, not the fighting."


def _docs(store: Store) -> list[Document]:
    with store.session() as s:
        return list(s.scalars(select(Document).order_by(Document.source)))


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _on(day: str) -> Options:
    when, precision = parse_published(day)
    return Options(published=when, published_precision=precision)


# --- normalisation and identity -------------------------------------------------------------

NORMALISED = [
    ("Cafe\u0301 closed", "Café closed"),
    ("two  spaces\tand\u00a0tabs", "two spaces and tabs"),
    ("line one\r\nline two", "line one\nline two"),
    ("para one\n\n\n\n\npara two", "para one\n\npara two"),
    ("zero\u200bwidth soft\u00adhyphen", "zerowidth softhyphen"),
    ("Story.\n\nAdvertisement\n\nMore story.", "Story.\n\nMore story."),
    ("Story.\nShare this article\n", "Story."),
    ("  \n  padded  \n  ", "padded"),
]


@pytest.mark.parametrize(("raw", "expected"), NORMALISED)
def test_normalise_text(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


@given(st.text())
def test_normalising_twice_changes_nothing(text: str) -> None:
    once = normalise_text(text)
    assert normalise_text(once) == once
    assert document_id(once) == document_id(text)


def test_the_id_ignores_layout_but_not_words() -> None:
    rewrapped = REPORT.replace(" before dawn", "\nbefore dawn").replace("\n\n", "\n")
    assert document_id(rewrapped) == document_id(REPORT)
    assert document_id(REPORT.replace("Tuesday", "Wednesday")) != document_id(REPORT)


DATES = [
    ("2020-03-05", dt.datetime(2020, 3, 5, tzinfo=UTC), "day"),
    ("2020-03-05T14:30:00+02:00", dt.datetime(2020, 3, 5, 12, 30, tzinfo=UTC), "time"),
    ("2020-03-05T14:30:00Z", dt.datetime(2020, 3, 5, 14, 30, tzinfo=UTC), "time"),
    ("2020-03-05 14:30", dt.datetime(2020, 3, 5, 14, 30, tzinfo=UTC), "time"),
    ("Thu, 05 Mar 2020 22:10:00 +0300", dt.datetime(2020, 3, 5, 19, 10, tzinfo=UTC), "time"),
    ("1589220519", dt.datetime(2020, 5, 11, 18, 8, 39, tzinfo=UTC), "time"),
    (1589220519, dt.datetime(2020, 5, 11, 18, 8, 39, tzinfo=UTC), "time"),
    ("9-May-20", dt.datetime(2020, 5, 9, tzinfo=UTC), "day"),
    ("5 March 2020", dt.datetime(2020, 3, 5, tzinfo=UTC), "day"),
    (dt.date(2020, 3, 6), dt.datetime(2020, 3, 6, tzinfo=UTC), "day"),
]


@pytest.mark.parametrize(("value", "instant", "precision"), DATES)
def test_parse_published(value: Any, instant: dt.datetime, precision: str) -> None:
    assert parse_published(value) == (instant, precision)


@pytest.mark.parametrize(
    "value", ["soon", "2020-13-45", "", "12", 12, True, None, 10**13, float("nan")]
)
def test_unreadable_dates_say_what_to_write(value: Any) -> None:
    with pytest.raises(InputError, match="expected a date"):
        parse_published(value)


# --- decoding ----------------------------------------------------------------------------------

DECODED = [
    ("Cessez-le-feu à Idleb, déclaré jeudi.".encode("cp1252"), "Cessez-le-feu à Idleb"),
    ("Перемирие вступило в силу в полночь, сообщили стороны.".encode("cp1251"), "Перемирие"),
    ("\ufeffBOM-marked text".encode(), "BOM-marked text"),
    ("A report in UTF-16.".encode("utf-16"), "A report in UTF-16."),
]


@pytest.mark.parametrize(("data", "start"), DECODED)
def test_other_encodings_are_detected_and_named(data: bytes, start: str) -> None:
    text, encoding = decode(data)
    assert text.startswith(start)
    assert encoding


REFUSED = [
    (b"", "empty"),
    (b"   \n\t", "empty"),
    (b"%PDF-1.7\n...", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n....", "a PNG image"),
    (bytes(range(256)) * 8, "binary"),
    ("Fine text, then damage: é".encode() + b"\xff\xfe more", "invalid UTF-8 at byte"),
]


@pytest.mark.parametrize(("data", "reason"), REFUSED)
def test_binary_empty_and_damaged_files_are_refused(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason):
        decode(data)


KINDS = [
    ("a.txt", None, b"", "text"),
    ("a.md", None, b"", "text"),
    ("a.HTML", None, b"", "html"),
    ("a.csv", None, b"", "csv"),
    ("a.tsv", None, b"", "csv"),
    ("a.jsonl", None, b"", "jsonl"),
    ("a.json", None, b"", "jsonl"),
    ("a.rss", None, b"", "feed"),
    ("page", "text/html; charset=utf-8", b"", "html"),
    ("noname", None, b"<?xml version='1.0'?><rss version='2.0'>", "feed"),
    ("noname", None, b"<!DOCTYPE html><html>", "html"),
    ("noname", None, b"Just words.", "text"),
]


@pytest.mark.parametrize(("name", "content_type", "head", "kind"), KINDS)
def test_each_input_finds_its_reader(
    name: str, content_type: str | None, head: bytes, kind: str
) -> None:
    assert kind_of(name, content_type, head) == kind


# --- readers, end to end through the store ----------------------------------------------------

HTML = """<!DOCTYPE html>
<html lang="en"><head>
<title>Shelling near the market town | The Valley Courier</title>
<meta property="og:title" content="Shelling near the market town">
<meta property="og:site_name" content="The Valley Courier">
<meta property="article:published_time" content="2020-03-10T06:15:00+00:00">
<link rel="canonical" href="https://courier.example/2020/03/shelling">
<script>document.body.innerHTML = "INJECTED"; fetch("https://tracker.example/");</script>
<style>.x { color: red }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Shelling near the market town</h1>
<p>Artillery fire hit the outskirts of a market town before dawn on Tuesday, local
officials said, in the first breach of the truce reported this week.</p>
<p>No casualties were reported, and the monitoring team said it would visit the site
once the road reopened. Residents described hearing several rounds over half an hour.</p>
<p>A spokesman for the regional council said the damage was limited to two barns and a
stretch of the irrigation channel that serves the eastern fields.</p>
<script>alert("never run")</script>
</article>
<footer>Share this article</footer>
</body></html>
"""

FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>Valley Courier: World</title><link>https://courier.example/</link>
<language>en</language>
<item><title>Shelling near the market town</title>
<link>https://courier.example/2020/03/shelling</link>
<pubDate>Tue, 10 Mar 2020 06:15:00 +0000</pubDate>
<description>&lt;p&gt;Artillery fire hit the outskirts of a market town.&lt;/p&gt;</description>
</item>
<item><title>Harvest delayed</title><link>https://courier.example/2020/03/harvest</link>
<description>Farmers in the valley said the harvest was delayed by the rains.</description>
</item>
<item><title>Empty</title><link>https://courier.example/empty</link></item>
</channel></rss>
"""


def test_text_with_front_matter(tmp_path: Path, store: Store) -> None:
    front = (
        "---\ntitle: Shelling near the market town\noutlet: Valley Courier\n"
        "url: https://courier.example/a\npublished: 2020-03-10T06:15:00+01:00\n"
        "language: en\ndesk: world\n---\n"
    )
    path = _write(tmp_path / "report.txt", front + REPORT)
    result = ingest([str(path)], store)
    assert result.as_dict() == {
        "ingested": 1,
        "already_stored": 0,
        "near_duplicate_groups": 0,
        "undated": [],
        "failed": [],
    }
    (doc,) = _docs(store)
    assert doc.text == REPORT
    assert doc.id == document_id(REPORT)
    assert (doc.title, doc.outlet, doc.url, doc.language) == (
        "Shelling near the market town",
        "Valley Courier",
        "https://courier.example/a",
        "en",
    )
    assert doc.published == dt.datetime(2020, 3, 10, 5, 15, tzinfo=UTC)
    assert doc.meta == {"front_matter": {"desk": "world"}, "published_precision": "time"}
    assert (doc.source_kind, doc.encoding) == ("text", "utf-8")


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("---\ntitle: [unclosed\n---\n", "front matter cannot be read at line"),
        ("---\n- a list\n---\n", "must be a mapping"),
        ("---\ntitle: no end\n", "no closing '---'"),
        ("---\npublished: someday\n---\n", "published: expected a date"),
        ("---\nx: !!python/object/apply:os.system ['echo hi']\n---\n", "cannot be read"),
    ],
)
def test_bad_front_matter_is_a_reason_not_a_crash(
    tmp_path: Path, store: Store, front: str, message: str
) -> None:
    path = _write(tmp_path / "bad.txt", front + REPORT)
    result = ingest([str(path)], store)
    assert [f.source for f in result.failed] == [str(path)]
    assert message in result.failed[0].error
    assert _docs(store) == []


@pytest.mark.parametrize(
    "sidecar", ["report.txt.meta.json", "report.meta.json", "report.meta.yaml"]
)
def test_a_sidecar_gives_the_fields(tmp_path: Path, store: Store, sidecar: str) -> None:
    fields = {"title": "From the sidecar", "outlet": "Sidecar Post", "published": "2020-03-11"}
    text = (
        json.dumps(fields)
        if sidecar.endswith(".json")
        else "\n".join(f"{k}: '{v}'" for k, v in fields.items())
    )
    _write(tmp_path / "in" / sidecar, text)
    path = _write(
        tmp_path / "in" / "report.txt", "---\ntitle: From the front matter\n---\n" + REPORT
    )
    result = ingest([str(tmp_path / "in")], store)
    assert result.ok and len(result.ingested) == 1  # the sidecar itself is not a document
    (doc,) = _docs(store)
    assert (doc.title, doc.outlet) == ("From the sidecar", "Sidecar Post")
    assert doc.published == dt.datetime(2020, 3, 11, tzinfo=UTC)
    assert doc.source == str(path)


def test_html_gives_main_text_and_metadata_and_never_runs_scripts(
    tmp_path: Path, store: Store
) -> None:
    path = _write(tmp_path / "page.html", HTML)
    assert ingest([str(path)], store).ok
    (doc,) = _docs(store)
    assert "outskirts of a market town" in doc.text
    assert "irrigation channel" in doc.text
    for never in ("INJECTED", "alert", "tracker", "color: red", "Share this article", "Home"):
        assert never not in doc.text
    assert doc.title == "Shelling near the market town"
    assert doc.outlet == "The Valley Courier"
    assert doc.url == "https://courier.example/2020/03/shelling"
    assert doc.published == dt.datetime(2020, 3, 10, tzinfo=UTC)
    assert doc.meta["published_precision"] == "day"
    assert doc.source_kind == "html"


def test_feed_entries_are_documents(tmp_path: Path, store: Store) -> None:
    path = _write(tmp_path / "world.rss", FEED)
    result = ingest([str(path)], store)
    assert len(result.ingested) == 2
    assert result.undated == (f"{path}#2",)
    assert [f.as_dict() for f in result.failed] == [
        {"source": f"{path}#3", "error": "the feed entry has no text (no content and no summary)"}
    ]
    first, second = _docs(store)
    assert first.text == "Artillery fire hit the outskirts of a market town."
    assert first.published == dt.datetime(2020, 3, 10, 6, 15, tzinfo=UTC)
    assert (first.outlet, first.language, first.url) == (
        "Valley Courier: World",
        "en",
        "https://courier.example/2020/03/shelling",
    )
    assert second.published is None


CSV = (
    "id,headline,body,when,site\n"
    '1,Shelling,"Artillery fire hit a market town.\nNo casualties.",2020-03-10,Courier\n'
    "2,Harvest,Farmers said the harvest was late.,1583800000,Courier\n"
    "3,Blank,,2020-03-10,Courier\n"
    "4,Bad date,A line about nothing in particular.,tomorrow,Courier\n"
)


def test_csv_with_a_field_mapping(tmp_path: Path, store: Store) -> None:
    path = _write(tmp_path / "export.csv", CSV)
    options = Options(
        fields={"title": "headline", "published": "when", "outlet": "site", "key": "id"}
    )
    result = ingest([str(path)], store, options)
    assert len(result.ingested) == 2
    assert [f.source for f in result.failed] == [f"{path}#3", f"{path}#4"]
    assert "'body' is empty" in result.failed[0].error
    assert "expected a date" in result.failed[1].error
    docs = sorted(_docs(store), key=lambda d: d.meta["key"])
    assert [d.title for d in docs] == ["Shelling", "Harvest"]
    assert docs[0].text == "Artillery fire hit a market town.\nNo casualties."
    assert docs[1].published == dt.datetime(2020, 3, 10, 0, 26, 40, tzinfo=UTC)
    assert docs[0].source == f"{path}#1"


def test_csv_without_the_text_column_names_the_columns(tmp_path: Path, store: Store) -> None:
    path = _write(tmp_path / "export.csv", CSV)
    result = ingest([str(path)], store, Options(text_column="story"))
    assert [f.error for f in result.failed] == [
        "expected the text column 'story', found columns: body, headline, id, site, when; "
        "name the text column with --text-column"
    ]


def test_json_lines_and_json(tmp_path: Path, store: Store) -> None:
    lines = [
        json.dumps({"content": REPORT, "title": "One", "published": "2020-03-10"}),
        "",
        "{not json",
        json.dumps(["not", "an", "object"]),
        json.dumps({"content": OTHER, "lang": "en", "language": "en"}),
    ]
    jl = _write(tmp_path / "a.jsonl", "\n".join(lines))
    js = _write(tmp_path / "b.json", json.dumps([{"content": REPORT + " Updated."}]))
    result = ingest([str(jl), str(js)], store)
    assert len(result.ingested) == 3
    assert [(f.source, f.error) for f in result.failed] == [
        (f"{jl}#3", "not JSON: Expecting property name enclosed in double quotes"),
        (f"{jl}#4", 'expected a JSON object such as {"text": ...}'),
    ]


def test_gzip_files_are_unpacked(tmp_path: Path, store: Store) -> None:
    _write(tmp_path / "in" / "page.html.gz", gzip.compress(HTML.encode()))
    _write(tmp_path / "in" / "note.txt.gz", gzip.compress(OTHER.encode()))
    result = ingest([str(tmp_path / "in")], store)
    assert result.ok and len(result.ingested) == 2
    assert {d.source_kind for d in _docs(store)} == {"html", "text"}


def test_the_same_report_in_any_form_is_stored_once(tmp_path: Path, store: Store) -> None:
    _write(tmp_path / "in" / "a" / "report.txt", REPORT)
    _write(tmp_path / "in" / "b" / "copy.md", "\n\n" + REPORT.replace("\n\n", "\n") + "\n")
    _write(tmp_path / "in" / "c" / "report.txt.gz", gzip.compress(REPORT.encode("utf-16")))
    _write(tmp_path / "in" / "d.jsonl", json.dumps({"text": REPORT}) + "\n")
    _write(tmp_path / "in" / "e.csv", "text\n" + '"' + REPORT.replace('"', '""') + '"\n')
    paragraphs = "".join(f"<p>{p}</p>" for p in REPORT.split("\n\n"))
    _write(tmp_path / "in" / "f.html", f"<html><body><article>{paragraphs}</article></body></html>")
    entry = f"<item><title>T</title><description>{html.escape(paragraphs)}</description></item>"
    _write(tmp_path / "in" / "g.rss", f"<rss version='2.0'><channel>{entry}</channel></rss>")
    first = ingest([str(tmp_path / "in")], store)
    assert (len(first.ingested), first.already_stored) == (1, 6)
    again = ingest([str(tmp_path / "in")], store)
    assert (len(again.ingested), again.already_stored) == (0, 7)
    assert len(_docs(store)) == 1


def test_undated_documents_are_listed_and_can_be_dated_later(tmp_path: Path, store: Store) -> None:
    path = _write(tmp_path / "report.txt", REPORT)
    result = ingest([str(path)], store)
    assert result.undated == (str(path),)
    assert _docs(store)[0].published is None
    dated = ingest([str(path)], store, _on("2020-03-10"))
    assert (dated.ingested, dated.already_stored, dated.undated) == ((), 1, ())
    assert _docs(store)[0].published == dt.datetime(2020, 3, 10, tzinfo=UTC)


def test_a_later_dated_copy_dates_the_first_in_one_batch_or_two(
    tmp_path: Path, store: Store
) -> None:
    undated = _write(tmp_path / "in" / "a.txt", REPORT)
    dated = _write(
        tmp_path / "in" / "b.jsonl", json.dumps({"text": REPORT, "published": "2020-03-10"})
    )
    ingest([str(undated), str(dated)], store)  # both in one batch
    (together,) = _docs(store)
    other = open_store(str(tmp_path / "other.db"))
    try:
        ingest([str(undated)], other)
        ingest([str(dated)], other)  # one batch each
        (apart,) = _docs(other)
    finally:
        other.close()
    assert together.published == apart.published == dt.datetime(2020, 3, 10, tzinfo=UTC)
    assert together.source == apart.source == str(undated)
    assert together.meta == apart.meta == {"published_precision": "day"}


def test_the_call_date_and_outlet_win_over_the_files(tmp_path: Path, store: Store) -> None:
    path = _write(tmp_path / "page.html", HTML)
    ingest([str(path)], store, replace(_on("2020-03-12"), outlet="Wire"))
    (doc,) = _docs(store)
    assert (doc.published, doc.outlet) == (dt.datetime(2020, 3, 12, tzinfo=UTC), "Wire")


def test_list_documents(tmp_path: Path, store: Store) -> None:
    ingest([str(_write(tmp_path / "a.txt", OTHER))], store)
    ingest([str(_write(tmp_path / "b.txt", REPORT))], store, _on("2020-03-10"))
    listed = list_documents(store)
    assert [d["published"] for d in listed] == ["2020-03-10T00:00:00+00:00", None]
    assert listed[0]["id"] == document_id(REPORT)
    assert "text" not in listed[0]


# --- near-duplicates --------------------------------------------------------------------------

PARAGRAPHS = [
    f"Paragraph {n}: the observers counted {n + 3} shell craters along the northern road "
    f"and logged the positions of {n + 7} damaged vehicles, according to the report "
    f"filed from checkpoint {n * 11} late in the evening of the {n + 1}th."
    for n in range(12)
]


def test_rewrites_sharing_paragraphs_group_and_unrelated_reports_do_not(
    tmp_path: Path, store: Store
) -> None:
    original = "\n\n".join(PARAGRAPHS[:8])
    rewrite = "\n\n".join(["A new lead paragraph written by a second outlet.", *PARAGRAPHS[5:8]])
    _write(tmp_path / "in" / "1-original.txt", original)
    _write(tmp_path / "in" / "2-rewrite.txt", rewrite)
    _write(tmp_path / "in" / "3-other.txt", OTHER)
    result = ingest([str(tmp_path / "in")], store)
    assert result.near_duplicate_groups == 1
    a, b, c = _docs(store)
    assert a.near_duplicate_group == b.near_duplicate_group == a.id
    assert c.near_duplicate_group == c.id
    measured = b.meta["near_duplicate"]
    assert measured["of"] == a.id
    assert 0.5 < measured["containment"] < 1.0
    assert measured["jaccard"] < measured["containment"]


def test_seed_reports_twice_each_are_two_documents_in_one_group(store: Store) -> None:
    first = need_shared("seeds", "000_e9e6a70242ec97dd.txt")
    second = need_shared("seeds", "002_c8cd672123aaeaaa.txt")
    results = [
        ingest([str(path)], store, _on(day))
        for _ in range(2)
        for path, day in ((first, "2020-03-05"), (second, "2020-03-06"))
    ]
    assert [len(r.ingested) for r in results] == [1, 1, 0, 0]
    assert [r.already_stored for r in results] == [0, 0, 1, 1]
    docs = _docs(store)
    assert len(docs) == 2
    assert docs[0].near_duplicate_group == docs[1].near_duplicate_group == docs[0].id
    assert [d.published for d in docs] == [
        dt.datetime(2020, 3, 5, tzinfo=UTC),
        dt.datetime(2020, 3, 6, tzinfo=UTC),
    ]
    overlap = docs[1].meta["near_duplicate"]
    assert overlap["of"] == docs[0].id
    assert overlap["shared_shingles"] > 100
    assert overlap["containment"] > 0.3  # a third of the shorter report is in the longer


def test_grouping_reads_only_candidate_buckets(tmp_path: Path, store: Store) -> None:
    """Adding a document never selects every stored document: only ids from its buckets."""
    rows = [
        json.dumps({"text": f"Report {n}: {PARAGRAPHS[n % 12]} Serial {n * 7919}."})
        for n in range(300)
    ]
    ingest([str(_write(tmp_path / "many.jsonl", "\n".join(rows)))], store)
    statements: list[str] = []

    def spy(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(" ".join(statement.split()))

    event.listen(store.engine, "before_cursor_execute", spy)
    try:
        ingest([str(_write(tmp_path / "new.txt", REPORT))], store)
    finally:
        event.remove(store.engine, "before_cursor_execute", spy)
    reads = [s for s in statements if s.startswith("SELECT") and "FROM documents" in s]
    assert reads and all("WHERE documents.id IN" in s for s in reads)
    assert any("FROM near_duplicate_bands WHERE band IN" in s for s in statements)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(NearDuplicateBand)) == 301 * 32


def test_shingles_ignore_case_and_punctuation() -> None:
    assert shingles("Shelling, at DAWN; near the road!") == shingles(
        "shelling at dawn near the road"
    )


# --- the ACLED export -------------------------------------------------------------------------


@pytest.mark.slow
def test_acled_export_ingests_with_its_dates(store: Store) -> None:
    path = need_shared("data", "acled", "acled-2020-04-27_2020-05-09-except-syria.csv")
    options = Options(text_column="notes", fields={"published": "timestamp", "key": "data_id"})
    result = ingest([str(path)], store, options)
    # 4,758 records: 4,757 have notes, of which 82 repeat another record's notes word for
    # word (one event split over several places), so they are one document each; the last
    # record is cut short in the file (no notes, no date) and is listed as failed.
    assert (len(result.ingested), result.already_stored) == (4675, 82)
    assert [(f.source, f.error) for f in result.failed] == [
        (f"{path}#4758", "the text column 'notes' is empty in this record")
    ]
    assert result.undated == ()
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Document)) == 4675
        assert s.scalar(select(func.count()).where(Document.published.is_(None))) == 0
        first, last = s.execute(
            select(func.min(Document.published), func.max(Document.published))
        ).one()
    assert (
        dt.datetime(2020, 4, 27, tzinfo=UTC) <= first <= last < dt.datetime(2020, 6, 1, tzinfo=UTC)
    )
    again = ingest([str(path)], store, options)
    assert (len(again.ingested), again.already_stored) == (0, 4757)


# --- runs ---------------------------------------------------------------------------------------


class _Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int]] = []

    def start(self, files: int) -> None:
        self.calls.append(("start", files, 0))

    def advance(self, files: int, documents: int) -> None:
        self.calls.append(("advance", files, documents))


def test_a_folder_walk_skips_the_store_and_reports_progress(tmp_path: Path, store: Store) -> None:
    _write(tmp_path / "note.txt", OTHER)
    _write(tmp_path / ".hidden.txt", REPORT)
    _write(tmp_path / "feed.rss", FEED)
    watcher = _Recorder()
    result = ingest([str(tmp_path)], store, watcher=watcher)
    assert len(result.ingested) == 3  # the store's tw.db, -wal and -shm are not inputs
    assert [f.source for f in result.failed] == [f"{tmp_path / 'feed.rss'}#3"]
    assert watcher.calls == [("start", 2, 0), ("advance", 1, 2), ("advance", 1, 1)]


@pytest.fixture
def extra_readers() -> Iterator[None]:
    before = dict(READERS)
    yield
    READERS.clear()
    READERS.update(before)


def test_a_new_format_is_one_function_and_its_crash_is_one_failure(
    tmp_path: Path, store: Store, extra_readers: None
) -> None:
    @reader("tally", ".tally")
    def read_tally(raw: Raw, options: Options) -> Iterator[Draft | Failure]:
        count = len(raw.data.splitlines())
        yield Draft(text=f"A patrol log of {count} waypoints.", source=raw.source, kind="tally")

    @reader("fragile", ".fragile")
    def read_fragile(raw: Raw, options: Options) -> Iterator[Draft | Failure]:
        raise RuntimeError("the parser fell over")

    _write(tmp_path / "in" / "a.tally", "1\n2\n3\n")
    _write(tmp_path / "in" / "b.fragile", "anything")
    _write(tmp_path / "in" / "c.txt", OTHER)
    result = ingest([str(tmp_path / "in")], store)
    assert len(result.ingested) == 2
    assert [f.as_dict() for f in result.failed] == [
        {
            "source": str(tmp_path / "in" / "b.fragile"),
            "error": "cannot read: RuntimeError: the parser fell over",
        }
    ]
    assert {d.source_kind for d in _docs(store)} == {"tally", "text"}


def test_a_story_printed_many_times_stays_one_group_past_the_bucket_cap(
    tmp_path: Path, store: Store
) -> None:
    story = "\n\n".join(PARAGRAPHS[:4])
    copies = [f"{story}\n\nPrinted by outlet number {n}." for n in range(3 * BUCKET_CAP)]
    path = _write(tmp_path / "copies.jsonl", "\n".join(json.dumps({"text": c}) for c in copies))
    result = ingest([str(path)], store)
    assert len(result.ingested) == len(copies)
    assert result.near_duplicate_groups == 1
    assert len({d.near_duplicate_group for d in _docs(store)}) == 1
