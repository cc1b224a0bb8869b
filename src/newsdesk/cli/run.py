"""``newsdesk run``: the whole chain over some paths and whatever the store already holds."""

from __future__ import annotations

from pathlib import Path

import typer

from newsdesk.cli.app import app, state
from newsdesk.cli.progress import print_reports, stage_progress
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
    rejected = print_reports(reports, "newsdesk run")
    if rejected:
        raise typer.Exit(1)
