"""A rich progress display fed by the stages' ``progress(stage, done, total)`` callback."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsdesk.cli.app import console, err_console
from newsdesk.pipeline import Progress as ProgressFn
from newsdesk.report import StageReport


@contextmanager
def stage_progress() -> Iterator[ProgressFn]:
    """Yield a callback that draws one bar per stage on stderr (quiet when not a terminal)."""
    bars = Progress(
        TextColumn("[bold]{task.description:<11}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
        disable=not err_console.is_terminal,
    )
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bars.add_task(stage, total=total or None)
        bars.update(tasks[stage], completed=done, total=total or None)

    with bars:
        yield update


def print_reports(reports: list[StageReport], title: str) -> int:
    """One table of what each stage did, every rejection on its own line (stderr) and the
    stages' notes; returns how many items were rejected."""
    table = Table(title=title)
    for col in ("stage", "done", "unchanged", "rejected"):
        table.add_column(col, justify="left" if col == "stage" else "right")
    rejected = 0
    for report in reports:
        table.add_row(
            report.stage, str(report.done), str(report.unchanged), str(len(report.rejected))
        )
        rejected += len(report.rejected)
        for item, reason in report.rejected:
            err_console.print(
                f"rejected: {item}: {reason}", markup=False, highlight=False, soft_wrap=True
            )
        for note in report.notes:
            console.print(note, markup=False, highlight=False, soft_wrap=True)
    console.print(table)
    return rejected
