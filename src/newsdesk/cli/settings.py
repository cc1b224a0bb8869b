"""``newsdesk config``: the settings in force and where each came from."""

from __future__ import annotations

import os

import typer
from rich.table import Table

from newsdesk.cli.app import app, console, state
from newsdesk.config import SETTINGS

SECRET_WORDS = ("key", "token", "password", "secret")


@app.command("config")
def config_command(ctx: typer.Context) -> None:
    """Show every setting, its value in force, and its environment variable."""
    values = state(ctx).settings.as_dict()
    table = Table(title="newsdesk settings")
    for col in ("setting", "value", "default", "environment variable", "help"):
        table.add_column(col, overflow="fold")
    for s in SETTINGS:
        value = values[s.name]
        env = "NEWSDESK_" + s.name.upper()
        shown = (
            "***"
            if any(w in s.name for w in SECRET_WORDS) and value and not s.name.endswith("_env")
            else repr(value)
        )
        mark = " (env)" if env in os.environ else ""
        table.add_row(s.name, shown + mark, repr(s.default), env, s.help)
    console.print(table)


def settings_markdown() -> str:
    """The README's configuration table, generated from SETTINGS."""
    lines = [
        "| setting | environment variable | default | what it does |",
        "| --- | --- | --- | --- |",
    ]
    for s in SETTINGS:
        default = f"`{s.default!r}`" if s.default != "" else "(empty)"
        lines.append(f"| `{s.name}` | `NEWSDESK_{s.name.upper()}` | {default} | {s.help} |")
    return "\n".join(lines)
