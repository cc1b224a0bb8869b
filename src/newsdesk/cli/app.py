"""The typer application and the options every command shares. Commands live in sibling modules
and stay thin: they parse options, call a library function, and print."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer
from rich.console import Console

from newsdesk.config import Settings, load_settings
from newsdesk.errors import ConfigError, NewsdeskError
from newsdesk.store import Store

app = typer.Typer(
    name="newsdesk",
    help="newsdesk: many messy news reports in, stories people can trust out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
export_app = typer.Typer(help="Export stored records as JSON Lines or JSON.", no_args_is_help=True)
eval_app = typer.Typer(help="Measure quality against labelled data.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(eval_app, name="eval")

console = Console()
err_console = Console(stderr=True)


@dataclass
class Context:
    settings: Settings
    _store: Store | None = None

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.settings.db)
        return self._store


@app.callback()
def _main(
    ctx: typer.Context,
    db: Path | None = typer.Option(
        None, "--db", help="Store file (default newsdesk.db, or NEWSDESK_DB)."
    ),
    config: Path | None = typer.Option(
        None, "--config", help="TOML settings file (default newsdesk.toml)."
    ),
) -> None:
    try:
        settings = load_settings(config, db=str(db) if db else None)
    except ConfigError as e:
        err_console.print(f"[red]config error:[/] {e}")
        raise typer.Exit(2) from e
    ctx.obj = Context(settings)


def state(ctx: typer.Context) -> Context:
    obj = ctx.find_root().obj
    if not isinstance(obj, Context):  # pragma: no cover - callback always sets it
        obj = Context(load_settings())
        ctx.find_root().obj = obj
    return obj


def fail(message: str, code: int = 1) -> typer.Exit:
    err_console.print(message)
    return typer.Exit(code)


__all__ = [
    "Context",
    "NewsdeskError",
    "app",
    "console",
    "err_console",
    "eval_app",
    "export_app",
    "fail",
    "state",
]
