"""Commands of the group area: ``group``, ``stories``, ``story ID``, ``export stories``,
``eval grouping``."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import typer
from rich import box
from rich.table import Table

from newsdesk.cli.app import app, console, err_console, eval_app, export_app, state
from newsdesk.cli.progress import stage_progress
from newsdesk.group import group_pending
from newsdesk.group.evaluate import EvalDataError, evaluate, load_dataset


def _print(line: str, *, err: bool = False) -> None:
    (err_console if err else console).print(line, markup=False, highlight=False, soft_wrap=True)


def _day(value: float | None) -> str:
    return "" if value is None else date.fromordinal(int(value)).isoformat()


@app.command("group")
def group_command(ctx: typer.Context) -> None:
    """Group the articles that arrived since the last run into stories (copies folded in)."""
    st = state(ctx)
    with stage_progress() as progress:
        report = group_pending(st.store, st.settings, progress=progress)
    _print(report.summary())
    for note in report.notes:
        _print("  " + note)
    for item, reason in report.rejected:
        _print(f"  rejected {item}: {reason}", err=True)
    if report.rejected:
        raise typer.Exit(1)


@app.command("stories")
def stories_command(
    ctx: typer.Context,
    limit: int = typer.Option(50, "--limit", help="Rows to show (0 = all)."),
) -> None:
    """List stories, newest first: id, dates, articles (copies), title."""
    store = state(ctx).store
    rows = store.story_rows()
    if not rows:
        _print("no stories yet: run `newsdesk group`")
        return
    table = Table(box=box.SIMPLE, show_lines=False)
    for col in ("story", "from", "to", "articles", "copies", "title"):
        table.add_column(col, overflow="fold")
    for row in rows[: limit or None]:
        story = store.get_story(row["id"])
        if story is None:  # pragma: no cover - rows come from the same table
            continue
        copies = sum(1 for a in story.articles if a.duplicate_of)
        title = story.title
        if not title and story.articles:
            first = store.get_article(story.articles[0].id)
            title = first.display_title if first else ""
        table.add_row(
            row["id"],
            _day(row["first_day"]),
            _day(row["last_day"]),
            str(len(story.articles) - copies),
            str(copies),
            title[:90],
        )
    console.print(table)
    _print(f"{len(rows)} stories")


@app.command("story")
def story_command(
    ctx: typer.Context, story_id: str = typer.Argument(..., help="Story id (or an old, merged id).")
) -> None:
    """One story's members: score, copy links and why each article joined."""
    store = state(ctx).store
    story = store.get_story(story_id)
    if story is None:
        _print(f"no story {story_id!r}", err=True)
        raise typer.Exit(1)
    if story.id != story_id and not story.id.startswith(story_id):
        _print(f"{story_id} was merged into {story.id}")
    _print(f"story {story.id}  {story.title}".rstrip())
    _print(
        f"{len(story.articles)} articles ({sum(1 for a in story.articles if a.duplicate_of)} copies)"
    )
    for member in story.articles:
        article = store.get_article(member.id)
        title = article.display_title if article else ""
        _print(
            f"{member.id}  {member.published or '-'}  {member.outlet or '-'}  "
            f"score {member.score:.3f}  {title}"
        )
        _print(f"    why: {member.reason}")


@export_app.command("stories")
def export_stories(
    ctx: typer.Context,
    fmt: str = typer.Option(
        "jsonl", "--format", help="jsonl (one story a line) or json (one array)."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="File to write (default: standard output)."
    ),
) -> None:
    """Every stored story record, all fields (``Story.as_dict()``)."""
    if fmt not in ("jsonl", "json"):
        _print(f"unknown format {fmt!r}: use jsonl or json", err=True)
        raise typer.Exit(2)
    store = state(ctx).store
    records = [s.as_dict() for s in store.iter_stories()]
    if fmt == "json":
        text = json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    else:
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        _print(f"{len(records)} stories written to {out}", err=True)


@eval_app.command("grouping")
def eval_grouping(
    path: Path = typer.Argument(..., help="Labelled data: the vmds folder or a .jsonl file."),
    fmt: str = typer.Option("vmds", "--format", help="vmds or jsonl."),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object (batch and stream)."),
    seed: int = typer.Option(0, "--seed", help="Shuffle seed of the one-at-a-time run."),
    understand: bool = typer.Option(
        False, "--understand", help="Run the understanding stage on each article first (slower)."
    ),
    baseline: bool = typer.Option(
        False,
        "--baseline",
        help="Also score the TF-IDF baseline (fixed threshold and best in hindsight) and the margin.",
    ),
) -> None:
    """Group a labelled dataset both in one batch and one article at a time (shuffled), and print
    B-cubed and pairwise precision/recall/F1, stories against gold clusters, articles per second."""
    try:
        data = load_dataset(path, fmt)
    except (EvalDataError, OSError) as e:
        _print(f"error: {e}", err=True)
        raise typer.Exit(2) from e
    understand_fn = None
    if understand:
        from newsdesk.understand import understand_article

        understand_fn = understand_article
    results: dict = evaluate(data, seed=seed, understand=understand_fn)
    if baseline:
        from newsdesk.group.baseline import evaluate_baseline

        reference = evaluate_baseline(data, seed=seed)
        for mode in ("batch", "stream"):
            best = reference[f"{mode}_best"]["bcubed_f1"]
            reference[f"{mode}_margin"] = round(results[mode]["bcubed_f1"] - best, 4)
        results["baseline"] = reference
    if as_json:
        sys.stdout.write(json.dumps(results, ensure_ascii=False) + "\n")
        return
    _print(f"grouping: {path} ({len(data)} articles)")
    for mode in ("batch", "stream"):
        r = results[mode]
        _print(
            f"{mode:<6}  B-cubed P {r['bcubed_precision']:.3f} R {r['bcubed_recall']:.3f} "
            f"F1 {r['bcubed_f1']:.3f}  pairwise P {r['pairwise_precision']:.3f} "
            f"R {r['pairwise_recall']:.3f} F1 {r['pairwise_f1']:.3f}  "
            f"stories {r['stories']} / clusters {r['clusters']}  "
            f"{r['articles_per_second']} articles/s"
        )
    if baseline:
        ref = results["baseline"]
        for mode in ("batch", "stream"):
            fixed, best = ref[f"{mode}_fixed"], ref[f"{mode}_best"]
            _print(
                f"baseline {mode:<6}  B-cubed F1 {fixed['bcubed_f1']:.3f} at {fixed['threshold']}"
                f" (best in hindsight {best['bcubed_f1']:.3f} at {best['threshold']}); "
                f"newsdesk {results[mode]['bcubed_f1']:.3f}, margin over the best "
                f"{ref[f'{mode}_margin']:+.3f}"
            )
