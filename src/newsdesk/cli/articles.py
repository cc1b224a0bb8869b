"""Commands of the read area: ``ingest``, ``articles``, ``show``, ``rejects``, ``export articles``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich import box
from rich.table import Table

from newsdesk.cli.app import app, console, err_console, export_app, state
from newsdesk.cli.progress import stage_progress
from newsdesk.model import SHAPES, Article
from newsdesk.sources.files import ingest_paths

_UNDERSTANDING_FIELDS = (
    "paragraph_languages",
    "people",
    "organizations",
    "places",
    "dates",
    "figures",
    "quotes",
)
_EXPORT_FIELDS = (
    "id",
    "source",
    "shape",
    "language",
    "title",
    "generated_title",
    "published",
    "outlet",
    "authors",
    "dateline",
    "credited_agencies",
    "images",
    "related",
    "sections",
    "body",
    "frontmatter",
)


def _print(line: str, *, err: bool = False) -> None:
    (err_console if err else console).print(line, markup=False, highlight=False, soft_wrap=True)


@app.command("ingest")
def ingest_command(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(
        ...,
        help="Files, folders (recursive), globs, .jsonl dumps, .html pages, feeds, or - for stdin.",
    ),
    shape: str | None = typer.Option(
        None,
        "--shape",
        help=f"Read every document as this shape instead of detecting it: {', '.join(SHAPES)}.",
    ),
) -> None:
    """Read, clean and store documents. Exit 0 when all were stored or unchanged, 1 on any rejection."""
    if shape is not None and shape not in SHAPES:
        _print(f"error: unknown shape {shape!r}; choose one of: {', '.join(SHAPES)}", err=True)
        raise typer.Exit(2)
    st = state(ctx)
    try:
        with stage_progress() as progress:
            report = ingest_paths(st.store, paths, st.settings, shape=shape, progress=progress)
    except KeyboardInterrupt:
        stored = st.store.count_articles()
        _print(
            f"interrupted: the store holds {stored} articles, each document whole; "
            "run the same command again to finish",
            err=True,
        )
        raise typer.Exit(130) from None
    for item, reason in report.rejected:
        _print(f"rejected: {item}: {reason}", err=True)
    for note in report.notes:
        _print(note, err=True)
    _print(report.summary())
    if report.rejected:
        raise typer.Exit(1)


@app.command("articles")
def articles_command(
    ctx: typer.Context,
    all_revisions: bool = typer.Option(False, "--all", help="Also list earlier revisions."),
) -> None:
    """List stored articles: id, shape, language, published, outlet and title."""
    rows = state(ctx).store.article_rows(current_only=not all_revisions)
    table = Table(
        title=f"{len(rows)} articles", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True
    )
    table.add_column("id", no_wrap=True, min_width=16)
    table.add_column("shape", no_wrap=True, overflow="ellipsis", max_width=12)
    table.add_column("lang", no_wrap=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", no_wrap=True, overflow="ellipsis", max_width=10)
    table.add_column("title", overflow="fold", ratio=1)
    for row in rows:
        if row["title"]:
            title = row["title"]
        elif row.get("generated_title"):
            title = f"[italic](generated) {_escape(row['generated_title'])}[/italic]"
        else:
            title = "[dim](no title)[/dim]"
        if row["title"]:
            title = _escape(title)
        if all_revisions and not row["current"]:
            title = "[dim](old revision)[/dim] " + title
        table.add_row(
            row["id"],
            row["shape"],
            row["language"] or "-",
            (row["published"] or "-")[:10],
            _escape(row["outlet"] or "-"),
            title,
        )
    console.print(table)


@app.command("show")
def show_command(
    ctx: typer.Context,
    article_id: str = typer.Argument(
        ..., metavar="ID", help="Article id (a unique prefix is enough)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the record as JSON."),
) -> None:
    """Show one article in full."""
    store = state(ctx).store
    article = _find(store, article_id)
    if as_json:
        _print(json.dumps(export_record(store, article), ensure_ascii=False, indent=2))
        return
    title = article.title or f"{article.generated_title or ''} (generated title)"
    _print(title)
    _print("=" * min(len(title), 100))
    facts = [
        ("id", article.id),
        ("source", article.source),
        ("shape", article.shape),
        ("language", article.language),
        ("published", article.published),
        ("outlet", article.outlet),
        ("authors", ", ".join(article.authors)),
        ("dateline", article.dateline),
        ("credited agencies", ", ".join(article.credited_agencies)),
        ("url", article.url),
    ]
    for name, value in facts:
        if value:
            _print(f"{name + ':':<19}{value}")
    for image in article.images:
        credit = f" [{image.credit}]" if image.credit else ""
        _print(f"{'image:':<19}{image.src or '(no file)'} {image.caption or ''}{credit}".rstrip())
    for item in article.related:
        _print(f"{'related:':<19}{item.title}" + (f" <{item.url}>" if item.url else ""))
    if article.frontmatter:
        _print(f"{'frontmatter:':<19}{json.dumps(article.frontmatter, ensure_ascii=False)}")
    _print("")
    if article.sections:
        for section in article.sections:
            if section.heading:
                _print(f"## {section.heading}\n")
            _print(section.text + "\n")
    else:
        _print(article.body)


def _find(store: Any, prefix: str) -> Article:
    ids = store.find_article_ids(prefix)
    if prefix in ids:
        ids = [prefix]
    if not ids:
        _print(f"error: no article with id {prefix!r}", err=True)
        raise typer.Exit(1)
    if len(ids) > 1:
        _print(f"error: {prefix!r} is ambiguous: {', '.join(ids[:10])}", err=True)
        raise typer.Exit(2)
    article = store.get_article(ids[0])
    assert article is not None
    return article


@app.command("rejects")
def rejects_command(
    ctx: typer.Context,
    stage: str | None = typer.Option(None, "--stage", help="Only this stage (read, fetch, ...)."),
) -> None:
    """List what could not be handled, and why."""
    rows = state(ctx).store.rejects(stage)
    if not rows:
        _print("no rejects")
        return
    table = Table(title=f"{len(rows)} rejects")
    for name in ("when", "stage", "item", "reason"):
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(row["at"], row["stage"], _escape(row["item"]), _escape(row["reason"]))
    console.print(table)


def export_record(store: Any, article: Article) -> dict[str, Any]:
    """The exported form of one article (plus what the understand stage found, when it ran)."""
    data = article.as_dict()
    record = {name: data[name] for name in _EXPORT_FIELDS}
    understanding = store.get_understanding(article.id)
    if understanding is not None:
        found = understanding.as_dict()
        for name in _UNDERSTANDING_FIELDS:
            record[name] = found.get(name)
    return record


@export_app.command("articles")
def export_articles_command(
    ctx: typer.Context,
    fmt: str = typer.Option(
        "jsonl", "--format", help="jsonl (one article per line) or json (one array)."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Write to this file instead of standard output."
    ),
    all_revisions: bool = typer.Option(False, "--all", help="Also export earlier revisions."),
) -> None:
    """Export stored articles with their fields (and their understanding, when there is one)."""
    if fmt not in ("jsonl", "json"):
        _print(f"error: unknown format {fmt!r}; choose jsonl or json", err=True)
        raise typer.Exit(2)
    store = state(ctx).store
    records = (export_record(store, a) for a in store.iter_articles(current_only=not all_revisions))
    stream = out.open("w", encoding="utf-8") if out else None
    count = 0
    try:
        write = stream.write if stream else lambda s: typer.echo(s, nl=False)
        if fmt == "json":
            items = list(records)
            count = len(items)
            write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
        else:
            for record in records:
                write(json.dumps(record, ensure_ascii=False) + "\n")
                count += 1
    finally:
        if stream:
            stream.close()
    if out:
        _print(f"exported {count} articles to {out}", err=True)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
