"""``newsdesk run``: the whole chain over some paths and whatever the store already holds."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from newsdesk.cli.app import app, console, err_console, state
from newsdesk.cli.progress import stage_progress
from newsdesk.pipeline import run as run_pipeline


@app.command("run")
def run_command(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(
        None, help="Files, folders, globs, .jsonl dumps, feeds, or - for stdin."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Where posts and the static site go (default: setting `out`)."
    ),
    publish: bool = typer.Option(
        True, "--publish/--no-publish", help="Also write posts and the static site."
    ),
) -> None:
    """Ingest PATHS, then translate (with a provider), understand, group, analyse and publish."""
    st = state(ctx)
    with stage_progress() as progress:
        reports = run_pipeline(
            st.store, paths or [], st.settings, publish=publish, out=out, progress=progress
        )
    table = Table(title="newsdesk run", show_lines=False)
    for col in ("stage", "done", "unchanged", "rejected"):
        table.add_column(col, justify="left" if col == "stage" else "right")
    rejected = 0
    for report in reports:
        table.add_row(
            report.stage, str(report.done), str(report.unchanged), str(len(report.rejected))
        )
        rejected += len(report.rejected)
        for item, reason in report.rejected:
            err_console.print(f"rejected: {item}: {reason}", markup=False, highlight=False)
        for note in report.notes:
            console.print(note, markup=False, highlight=False)
    console.print(table)
    if rejected:
        raise typer.Exit(1)
