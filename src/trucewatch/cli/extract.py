"""``trucewatch extract`` and ``trucewatch mentions``: code stored reports, list the mentions."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from trucewatch.cli._common import (
    DbOption,
    JsonOption,
    StoredAgreementOption,
    console,
    err_console,
    guarded,
    print_json,
    store_at,
)

__all__ = ["extract", "mentions"]


@guarded
def extract(
    agreement: StoredAgreementOption = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Code every stored report the current extractor has not coded yet into mentions.

    Each mention holds the event's ACLED type, actors, date, place, toll, who claims or
    denies it, and its evidence sentences. The agreements' named places are known to the
    geoparser besides the world gazetteer.
    """
    from trucewatch.extract.mentions import Extractor
    from trucewatch.extract.stored import extract_stored
    from trucewatch.store.agreements import current_agreements, save_agreement_files

    with store_at(db) as store:
        with store.session() as s:
            save_agreement_files(s, agreement or [])
            agreements = current_agreements(s)
        extractor = Extractor.load(agreements)
        if json_out or not err_console.is_terminal:
            summary = extract_stored(store, extractor)
        else:
            columns = (
                TextColumn("coding"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("documents"),
                TimeRemainingColumn(),
            )
            with Progress(*columns, console=err_console, transient=True) as bar:
                task = bar.add_task("extract", total=None)
                summary = extract_stored(
                    store,
                    extractor,
                    lambda done, total: bar.update(task, completed=done, total=total),
                )
    if json_out:
        print_json(summary.as_dict())
        return
    console.print(
        f"Coded {summary.documents} document(s) into {summary.mentions} mention(s) "
        f"with extractor {summary.extractor_version}; {summary.already_coded} already coded.",
        markup=False,
    )
    for kind, count in sorted(summary.by_type.items(), key=lambda kv: -kv[1]):
        console.print(f"  {count:>5}  {kind}", markup=False)
    if summary.undated:
        console.print(
            f"{len(summary.undated)} document(s) have no publication date: their mentions are "
            "undated (set one with ingest --published):",
            markup=False,
        )
        for doc in summary.undated:
            console.print(f"  {doc[:12]}", markup=False)


@guarded
def mentions(
    document: Annotated[
        str | None, typer.Option("--document", help="Only this document (an id or its start).")
    ] = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """List the stored mentions: one report's account of one event each."""
    from trucewatch.extract.stored import load_mentions

    with store_at(db) as store, store.session() as s:
        found = load_mentions(s, document=document)
    if json_out:
        print_json([m.model_dump(mode="json") for m in found])
        return
    if not found:
        console.print("No mentions stored: run trucewatch extract after ingesting.", markup=False)
        return
    table = Table(title=f"{len(found)} mention(s)", title_justify="left")
    for name in ("date", "type", "actor1", "actor2", "place", "killed", "document", "flags"):
        table.add_column(name)
    for m in found:
        when = m.when.date.isoformat() if m.when.date else "undated"
        place = m.where.name or ""
        if m.where.precision:
            place += f" (p{m.where.precision})"
        table.add_row(
            when,
            m.sub_event_type,
            m.actor1 or "",
            m.actor2 or "",
            place,
            "" if m.fatalities is None else str(m.fatalities),
            m.document_id[:12],
            ", ".join(m.flags),
        )
    console.print(table)
