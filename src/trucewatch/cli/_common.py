"""What every command shares: the --db option, the consoles, and turning errors into exits."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from typer.exceptions import TyperException

from trucewatch.errors import AgreementError, TrucewatchError
from trucewatch.store.url import ENV_VAR

if TYPE_CHECKING:
    from trucewatch.store import Store

__all__ = [
    "DbOption",
    "JsonOption",
    "StoredAgreementOption",
    "console",
    "err_console",
    "fail",
    "print_figures",
    "print_json",
    "store_at",
]

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar=ENV_VAR,
        help="Database URL or SQLite path [default: ./trucewatch.db].",
        show_default=False,
        metavar="URL",
    ),
]
StoredAgreementOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--agreement",
        metavar="FILE",
        help="An agreement file to save in the store first (a changed file is a new "
        "version); repeat for more [default: the agreements already stored].",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print one JSON object instead of tables.")
]


def print_figures(figures: dict[str, Any], width: int = 20) -> None:
    """Print a flat mapping of figures, one ``name value`` line each."""
    for key, value in figures.items():
        console.print(f"{key:<{width}} {value}", markup=False)


def print_json(data: Any) -> None:
    """Write ``data`` to standard output as JSON, exactly (no Rich markup or wrapping)."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()


def fail(error: TrucewatchError) -> typer.Exit:
    """Report an error as ``Error: ...`` lines on standard error; return the exit to raise."""
    if isinstance(error, AgreementError):
        for problem in error.problems:
            err_console.print(str(problem), markup=False)
    else:
        err_console.print(f"Error: {error}", markup=False)
    return typer.Exit(error.exit_code)


@contextmanager
def store_at(url: str | None) -> Iterator[Store]:
    """Open and migrate the store for one command, and close it afterwards."""
    from trucewatch.store import open_store

    store = open_store(url)
    try:
        yield store
    finally:
        store.close()


def guarded(func: Callable[..., None]) -> Callable[..., None]:
    """Run a command body, mapping trucewatch's errors to messages and exit codes."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            func(*args, **kwargs)
        except TrucewatchError as exc:
            raise fail(exc) from None
        except (typer.Exit, typer.Abort, TyperException):
            raise
        except KeyboardInterrupt:
            err_console.print("Interrupted.")
            raise typer.Exit(130) from None
        except Exception as exc:  # a bug: say so plainly instead of a traceback
            err_console.print(
                f"Error: internal error ({type(exc).__name__}: {exc}). This is a bug in "
                "trucewatch; please report it with the command you ran.",
                markup=False,
            )
            raise typer.Exit(70) from None

    return wrapper
