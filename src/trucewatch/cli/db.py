"""``trucewatch db``: create, migrate and inspect the store."""

from __future__ import annotations

import typer

from trucewatch.cli._common import DbOption, JsonOption, console, guarded, print_json, store_at

app = typer.Typer(help="Create, migrate and inspect the store.", no_args_is_help=True)


@app.command("init")
@guarded
def init(db: DbOption = None, json_out: JsonOption = False) -> None:
    """Create the store, or migrate it to the current schema, and say where it is."""
    with store_at(db) as store:
        revision = store.revision()
        if json_out:
            print_json({"url": store.display_url, "revision": revision})
        else:
            console.print(f"store ready: {store.display_url} (schema {revision})", markup=False)
