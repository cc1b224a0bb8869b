"""``newsdesk analyse``, ``newsdesk publish`` and ``newsdesk site``."""

from __future__ import annotations

from pathlib import Path

import typer

from newsdesk.cli.app import app, console, err_console, state
from newsdesk.cli.progress import stage_progress
from newsdesk.report import StageReport


def _print(report: StageReport) -> None:
    for note in report.notes:
        console.print(note, markup=False, highlight=False, soft_wrap=True)
    for item, reason in report.rejected:
        err_console.print(
            f"rejected: {item}: {reason}", markup=False, highlight=False, soft_wrap=True
        )
    console.print(report.summary(), markup=False, highlight=False, soft_wrap=True)
    if report.rejected:
        raise typer.Exit(1)


@app.command("analyse")
def analyse_command(ctx: typer.Context) -> None:
    """Analyse every story changed since its last analysis (timeline, people, figures, ...)."""
    from newsdesk.analyse import analyse_pending

    st = state(ctx)
    with stage_progress() as progress:
        report = analyse_pending(st.store, st.settings, progress=progress)
    _print(report)


@app.command("publish")
def publish_command(
    ctx: typer.Context,
    out: Path | None = typer.Option(None, "--out", help="Output folder (default: setting `out`)."),
    layout: str = typer.Option(
        "default",
        "--layout",
        help="default (posts/, images/) or nextjs (content/, public/images/thumbnails/).",
    ),
    explain: bool = typer.Option(
        False, "--explain", help="Print the editorial gate (`use`) and each story's verdict."
    ),
    writer: str = typer.Option(
        "extractive",
        "--writer",
        help="extractive (default) or provider: titles and descriptions asked of the configured "
        "provider, validated, falling back to the extractive ones (newsdesk.translate.writer).",
    ),
) -> None:
    """Write one Markdown post (frontmatter + body) per analysed story; unchanged posts stay."""
    from newsdesk.publish import LAYOUTS, publish_pending
    from newsdesk.publish.gate import explain as explain_rule

    if layout not in LAYOUTS:
        err_console.print(f"unknown layout {layout!r}: expected one of {', '.join(LAYOUTS)}")
        raise typer.Exit(2)
    st = state(ctx)
    target = Path(out or st.settings.out)
    if writer not in ("extractive", "provider"):
        err_console.print(f"unknown writer {writer!r}: expected extractive or provider")
        raise typer.Exit(2)
    if writer == "provider":  # translate area: provider-written words before the posts
        from newsdesk.errors import ConfigError
        from newsdesk.translate.writer import write_stories

        try:
            with stage_progress() as progress:
                words = write_stories(st.store, st.settings, progress=progress)
        except ConfigError as e:
            err_console.print(f"publish --writer provider: {e}")
            raise typer.Exit(2) from e
        for note in words.notes:
            console.print(note, markup=False, highlight=False, soft_wrap=True)
    with stage_progress() as progress:
        report = publish_pending(
            st.store, st.settings, out=target, layout=layout, progress=progress
        )
    if explain:
        console.print(explain_rule(st.settings), markup=False, highlight=False, soft_wrap=True)
        for story in st.store.iter_stories():
            if story.title:
                mark = "use" if story.use else "skip"
                console.print(
                    f"  {mark:<4} {story.slug or story.id}: {story.use_reason}",
                    markup=False,
                    highlight=False,
                    soft_wrap=True,
                )
    _print(report)


@app.command("site")
def site_command(
    ctx: typer.Context,
    out: Path | None = typer.Option(
        None, "--out", help="Site folder (default: <setting out>/site)."
    ),
) -> None:
    """Write the static HTML site: an index by date and one page per used story."""
    from newsdesk.publish import write_site

    st = state(ctx)
    target = Path(out or Path(st.settings.out) / "site")
    with stage_progress() as progress:
        report = write_site(st.store, st.settings, out=target, progress=progress)
    _print(report)
    console.print(f"site: {target / 'index.html'}", markup=False, highlight=False, soft_wrap=True)
