"""``newsdesk understand``, ``newsdesk entities`` and ``newsdesk entity``: the understand stage
and the entity registry. (``newsdesk eval understand`` lives in ``cli/understand_eval.py``.)"""

from __future__ import annotations

import json

import typer
from rich.table import Table

from newsdesk.cli.app import app, console, err_console, fail, state
from newsdesk.cli.progress import stage_progress
from newsdesk.understand import understand_pending


@app.command("understand")
def understand_command(
    ctx: typer.Context,
    everything: bool = typer.Option(
        False, "--all", help="Re-understand every current article, not only new ones."
    ),
) -> None:
    """Find people, organisations, places, dates, figures and quotes in new articles."""
    st = state(ctx)
    with stage_progress() as progress:
        report = understand_pending(st.store, st.settings, progress=progress, everything=everything)
    for item, reason in report.rejected:
        err_console.print(f"rejected: {item}: {reason}", markup=False, highlight=False)
    for note in report.notes:
        console.print(note, markup=False, highlight=False)
    people = sum(1 for _ in st.store.iter_entities("person"))
    console.print(
        f"{report.summary()}; the registry knows {people} people", markup=False, highlight=False
    )
    if report.rejected:
        raise typer.Exit(1)


@app.command("entities")
def entities_command(
    ctx: typer.Context,
    kind: str = typer.Option(None, "--kind", help="person, organization or place."),
    limit: int = typer.Option(30, "--limit", help="How many to list."),
    as_json: bool = typer.Option(False, "--json", help="JSON Lines instead of a table."),
) -> None:
    """The entity registry: who and what the articles mention, most mentioned first."""
    if kind not in (None, "person", "organization", "place"):
        raise fail(f"--kind must be person, organization or place, not {kind!r}", 2)
    st = state(ctx)
    rows = []
    for row in st.store.iter_entities(kind):
        rows.append(row)
        if len(rows) >= limit:
            break
    if as_json:
        for row in rows:
            console.print(
                json.dumps(row, ensure_ascii=False), markup=False, highlight=False, soft_wrap=True
            )
        return
    table = Table(title="entities")
    for col in ("id", "kind", "name", "roles", "articles"):
        table.add_column(col, justify="right" if col == "articles" else "left")
    for row in rows:
        table.add_row(
            row["id"], row["kind"], row["name"], "; ".join(row["roles"][:3]), str(row["articles"])
        )
    console.print(table)


@app.command("entity")
def entity_command(
    ctx: typer.Context,
    name_or_id: str = typer.Argument(..., help="An entity id or a name (any way it is written)."),
) -> None:
    """One entity: its names, roles and every article that mentions it, newest first."""
    st = state(ctx)
    found = st.store.entity(name_or_id) or st.store.entity_by_name(name_or_id)
    if found is None:
        raise fail(f"no single entity is called {name_or_id!r}", 1)
    console.print(
        json.dumps(
            {**found, "mentioned_in": st.store.entity_mentions(found["id"])},
            ensure_ascii=False,
            indent=2,
        ),
        markup=False,
        highlight=False,
    )
