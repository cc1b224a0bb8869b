"""``newsdesk eval understand``: dates, figures and people against the hand-annotated VMDS gold set."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.progress import Progress
from rich.table import Table

from newsdesk.cli.app import console, err_console, eval_app
from newsdesk.errors import Rejected
from newsdesk.understand.evaluate import FIELDS, evaluate, summary, worst_errors

PROJECT = Path(__file__).resolve().parents[3]
DEFAULT_GOLD = PROJECT / "tests" / "data" / "understand_gold" / "vmds_gold.jsonl"
DEFAULT_DATA = PROJECT.parent / "shared" / "data" / "vmds"


@eval_app.command("understand")
def eval_understand(
    gold: Path = typer.Option(
        DEFAULT_GOLD, "--gold", help="Gold JSONL (see tests/data/understand_gold/GUIDE.md)."
    ),
    data: Path = typer.Option(DEFAULT_DATA, "--data", help="The VMDS folder (holds clusters/)."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object instead of a table."),
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Also list the worst misses per field."
    ),
) -> None:
    """Precision, recall and F1 of the date, figure and people extractors on the VMDS gold set."""
    if not gold.is_file():
        err_console.print(f"[red]gold file not found:[/] {gold}")
        raise typer.Exit(2)
    if not (data / "clusters").is_dir():
        err_console.print(f"[red]VMDS data not found:[/] {data}/clusters (pass --data DIR)")
        raise typer.Exit(2)
    try:
        if as_json:
            result = evaluate(gold, data)
        else:
            with Progress(console=err_console, transient=True) as bar:
                task = bar.add_task("eval understand", total=None)
                result = evaluate(
                    gold,
                    data,
                    progress=lambda _s, done, total: bar.update(task, completed=done, total=total),
                )
    except Rejected as e:
        err_console.print(f"[red]evaluation stopped:[/] {e}")
        raise typer.Exit(1) from e
    if as_json:
        out = summary(result)
        if verbose:
            for f in FIELDS:
                out[f]["errors"] = result[f]["errors"]
        console.print_json(json.dumps(out, ensure_ascii=False))
        return
    table = Table(title=f"understanding vs {gold.name}")
    for col in ("field", "precision", "recall", "F1", "gold", "predicted", "matched"):
        table.add_column(col, justify="left" if col == "field" else "right")
    for f in FIELDS:
        r = result[f]
        table.add_row(
            f,
            f"{r['precision']:.3f}",
            f"{r['recall']:.3f}",
            f"{r['f1']:.3f}",
            str(r["gold"]),
            str(r["predicted"]),
            str(r["matched"]),
        )
    console.print(table)
    for f in FIELDS:
        if "unavailable" in result[f]:
            err_console.print(f"[yellow]{f}:[/] {result[f]['unavailable']}")
    if verbose:
        for f in FIELDS:
            classes = ", ".join(f"{k} {v}" for k, v in result[f]["error_classes"].items()) or "none"
            console.print(f"\n[bold]{f}[/] errors: {classes}")
            for e in worst_errors(result, f):
                console.print(
                    f"  {e['kind']:<17} {e['doc']}  {e['text']!r}  expected {e['expected']}  got {e['got']}",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
