"""``trucewatch ingest`` and ``trucewatch documents``: read reports in, list what is stored."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from trucewatch.cli._common import (
    DbOption,
    JsonOption,
    console,
    err_console,
    guarded,
    print_json,
    store_at,
)
from trucewatch.errors import InputError
from trucewatch.ingest.records import DEFAULT_MAX_BYTES

if TYPE_CHECKING:
    from trucewatch.ingest import IngestResult, Options
    from trucewatch.store import Store

__all__ = [
    "AllowPrivateOption",
    "CaFileOption",
    "FieldOption",
    "OutletOption",
    "PublishedOption",
    "TargetsArgument",
    "TextColumnOption",
    "documents",
    "ingest",
    "read_options",
]

_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?", re.IGNORECASE)
_UNITS = {"b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9}


def _size(text: str) -> int:
    found = _SIZE.fullmatch(text.strip())
    if not found:
        raise typer.BadParameter(f"expected a size such as 20MB or 500kB, found {text!r}")
    return int(float(found[1]) * _UNITS[(found[2] or "b").lower()])


def _fields(pairs: list[str]) -> dict[str, str]:
    from trucewatch.ingest.readers import FIELDS

    known = (*FIELDS, "key")
    mapping: dict[str, str] = {}
    for pair in pairs:
        name, sep, column = pair.partition("=")
        if not sep or name.strip() not in known or not column.strip():
            raise typer.BadParameter(
                f"expected FIELD=COLUMN with FIELD one of {', '.join(known)}, found {pair!r}",
                param_hint="--field",
            )
        mapping[name.strip()] = column.strip()
    return mapping


TargetsArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="PATH_OR_URL",
        help="Files, folders (read recursively), .gz files and http(s) URLs.",
        show_default=False,
    ),
]
PublishedOption = Annotated[
    str | None,
    typer.Option(
        "--published",
        metavar="DATE",
        help="Publication date of every document read in this call, over any date the "
        "files give: 2020-03-05 (midnight UTC that day) or 2020-03-05T14:30+02:00.",
        show_default=False,
    ),
]
OutletOption = Annotated[
    str | None,
    typer.Option(
        "--outlet",
        metavar="NAME",
        help="Outlet of every document read in this call, over any outlet the files give.",
        show_default=False,
    ),
]
TextColumnOption = Annotated[
    str | None,
    typer.Option(
        "--text-column",
        metavar="NAME",
        help="Column (CSV) or key (JSON Lines) holding the text [default: text, body or content].",
        show_default=False,
    ),
]
FieldOption = Annotated[
    list[str] | None,
    typer.Option(
        "--field",
        metavar="FIELD=COLUMN",
        help="Map a document field (title, outlet, url, published, language, key) to a "
        "column of a CSV or JSON Lines file; repeat for more fields.",
        show_default=False,
    ),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Fetch URLs on loopback, private and link-local addresses too.",
    ),
]
CaFileOption = Annotated[
    Path | None,
    typer.Option(
        "--ca-file",
        metavar="FILE",
        exists=True,
        dir_okay=False,
        help="Trust the certificate authorities in this PEM file for https:// URLs instead "
        "of the bundled ones (your own authority, or a proxy that inspects TLS).",
        show_default=False,
    ),
]


def read_options(
    published: str | None,
    outlet: str | None,
    text_column: str | None,
    field: list[str] | None,
    allow_private: bool,
    **more: Any,
) -> Options:
    """Ingest's options from the command line's words; a bad one is a usage error."""
    from trucewatch.ingest import Options, parse_published

    when, precision = None, None
    if published is not None:
        try:
            when, precision = parse_published(published)
        except InputError as exc:
            raise typer.BadParameter(str(exc), param_hint="--published") from None
    return Options(
        published=when,
        published_precision=precision,
        outlet=outlet,
        text_column=text_column,
        fields=_fields(field or []),
        allow_private=allow_private,
        **more,
    )


class _Bar:
    """A Rich progress bar: files read, documents found, rate and time left."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task = progress.add_task("reading", total=None, documents=0, rate="")
        self.documents = 0
        self.started = time.monotonic()

    def start(self, files: int) -> None:
        self.progress.update(self.task, total=files)

    def advance(self, files: int, documents: int) -> None:
        self.documents += documents
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = f"{self.documents / elapsed:,.0f}/s"
        self.progress.update(self.task, advance=files, documents=self.documents, rate=rate)


_SHOWN = 20  # undated sources listed on a terminal; --json lists them all


def _print(result: IngestResult) -> None:
    from trucewatch.ingest.sources import describe

    console.print(
        f"ingested {len(result.ingested)} new documents, {result.already_stored} already "
        f"stored; {result.near_duplicate_groups} near-duplicate groups gained a member",
        markup=False,
    )
    if result.undated:
        console.print(
            f"{len(result.undated)} undated (give --published DATE to date them):", markup=False
        )
        for source in result.undated[:_SHOWN]:
            console.print(f"  {describe(source)}", markup=False)
        if len(result.undated) > _SHOWN:
            console.print(
                f"  ... and {len(result.undated) - _SHOWN} more (--json lists them all)",
                markup=False,
            )
    for failure in result.failed:
        err_console.print(
            f"Error: {describe(failure.source)}: {describe(failure.error)}", markup=False
        )
    if result.failed:
        err_console.print(f"{len(result.failed)} inputs could not be read", markup=False)


def _place_tracks(store: Store, result: IngestResult) -> list[dict[str, Any]]:
    """The GPX tracks of this call put on the stored agreements' patrol routes."""
    if not result.tracks:
        return []
    from trucewatch.store.agreements import current_agreements
    from trucewatch.store.patrols import place_tracks

    with store.session() as session:
        return [
            t.as_dict() for t in place_tracks(session, current_agreements(session), result.tracks)
        ]


def _print_tracks(tracks: list[dict[str, Any]]) -> None:
    from trucewatch.ingest.sources import describe

    for track in tracks:
        where = "; ".join(
            f"{p['provision']} km {p['from_km']:.1f} to {p['to_km']:.1f} on {p['date']}"
            for p in track["placed"]
        )
        console.print(f"track {describe(track['source'])}: {where or track['note']}", markup=False)


@guarded
def ingest(
    targets: TargetsArgument,
    published: PublishedOption = None,
    outlet: OutletOption = None,
    text_column: TextColumnOption = None,
    field: FieldOption = None,
    allow_private: AllowPrivateOption = False,
    ca_file: CaFileOption = None,
    max_bytes: Annotated[
        str,
        typer.Option(
            "--max-bytes",
            metavar="SIZE",
            help="Refuse files and pages larger than this (unpacked), e.g. 50MB.",
        ),
    ] = f"{DEFAULT_MAX_BYTES // 10**6}MB",
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout", metavar="SECONDS", min=0.1, help="Time limit for fetching one URL."
        ),
    ] = 20.0,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Read reports (text, HTML, feeds, CSV, JSON Lines, URLs, GPX tracks) and store each once."""
    from trucewatch.ingest import ingest as ingest_all

    options = read_options(
        published,
        outlet,
        text_column,
        field,
        allow_private,
        max_bytes=_size(max_bytes),
        timeout=timeout,
        ca_file=ca_file,
    )
    with store_at(db) as store:
        try:
            if json_out or not console.is_terminal:
                result = ingest_all(targets, store, options)
            else:
                with Progress(
                    TextColumn("{task.description}"),
                    BarColumn(),
                    MofNCompleteColumn(),
                    TextColumn("files, {task.fields[documents]} documents {task.fields[rate]}"),
                    TimeElapsedColumn(),
                    TimeRemainingColumn(),
                    console=err_console,
                    transient=True,
                ) as progress:
                    result = ingest_all(targets, store, options, watcher=_Bar(progress))
        except KeyboardInterrupt:
            err_console.print(
                "interrupted: the batch being written was rolled back, every earlier one is "
                "stored; run the same command again to finish",
                markup=False,
            )
            raise typer.Exit(130) from None
        tracks = _place_tracks(store, result)
    if json_out:
        print_json({**result.as_dict(), "patrol_tracks": tracks})
    else:
        _print(result)
        _print_tracks(tracks)
    if not result.ok:
        raise typer.Exit(1)


@guarded
def documents(
    limit: Annotated[
        int | None,
        typer.Option("--limit", metavar="N", help="Show at most N documents.", show_default=False),
    ] = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """List the stored documents: date, outlet, title, near-duplicate group and source."""
    from trucewatch.ingest import list_documents

    with store_at(db) as store:
        found = list_documents(store, limit=limit)
    if json_out:
        print_json({"documents": found})
        return
    table = Table("id", "published", "outlet", "title", "group", "source")
    for doc in found:
        group = doc["near_duplicate_group"] or ""
        table.add_row(
            doc["id"][:12],
            doc["published"] or "undated",
            doc["outlet"] or "",
            (doc["title"] or "")[:60],
            f"{group[:12]} ({doc['group_size']})" if doc["group_size"] > 1 else "",
            doc["source"],
        )
    console.print(table)
    console.print(f"{len(found)} documents", markup=False)
