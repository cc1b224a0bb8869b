"""Commands of the translate area: ``translate``, ``translations``, ``providers usage``,
``providers check``."""

from __future__ import annotations

import typer
from rich import box
from rich.table import Table

from newsdesk.cli.app import app, console, err_console, state
from newsdesk.cli.progress import stage_progress
from newsdesk.errors import ConfigError, ProviderError

providers_app = typer.Typer(
    help="Translation / writing providers: usage and checks.", no_args_is_help=True
)
app.add_typer(providers_app, name="providers")


def _print(line: str, *, err: bool = False) -> None:
    (err_console if err else console).print(line, markup=False, highlight=False, soft_wrap=True)


@app.command("translate")
def translate_command(
    ctx: typer.Context,
    limit: int | None = typer.Option(None, "--limit", min=0, help="Translate at most N articles."),
    accept: str | None = typer.Option(
        None,
        "--accept",
        help="Accept the flagged translation of article ID as it is (after review).",
    ),
    requeue: str | None = typer.Option(
        None,
        "--requeue",
        help="Put article ID back in the queue (e.g. after editing the glossary).",
    ),
) -> None:
    """Translate articles awaiting translation through the configured provider."""
    from newsdesk.translate import accept_translation, awaiting_translation, translate_pending

    st = state(ctx)
    if accept or requeue:
        item = accept or requeue or ""
        ids = st.store.find_article_ids(item) if len(item) < 16 else [item]
        if len(ids) != 1:
            _print(f"{item}: {'no' if not ids else 'more than one'} article with that id", err=True)
            raise typer.Exit(2)
        if accept:
            try:
                tid = accept_translation(st.store, ids[0])
            except ConfigError as e:
                _print(str(e), err=True)
                raise typer.Exit(2) from e
            _print(f"{ids[0]}: translation {tid} accepted")
        else:
            st.store.requeue_translation(ids[0])
            _print(f"{ids[0]}: queued for translation again")
        return
    try:
        with stage_progress() as progress:
            report = translate_pending(st.store, st.settings, limit=limit, progress=progress)
    except ConfigError as e:
        _print(f"translate: {e}", err=True)
        raise typer.Exit(2) from e
    for note in report.notes:
        _print(note)
    for item, reason in report.rejected:
        _print(f"rejected: {item}: {reason}", err=True)
    left = len(awaiting_translation(st.store, st.settings.target_language))
    _print(report.summary() + f", {left} awaiting translation")
    if report.rejected:
        raise typer.Exit(1)


@app.command("translations")
def translations_command(
    ctx: typer.Context,
    status: str | None = typer.Option(
        None, "--status", help="Only awaiting, translated or flagged."
    ),
) -> None:
    """List articles in other languages and where their translation stands."""
    st = state(ctx)
    if status and status not in ("awaiting", "translated", "flagged"):
        _print(f"unknown status {status!r}: expected awaiting, translated or flagged", err=True)
        raise typer.Exit(2)
    st.store.queue_untranslated(st.settings.target_language)
    rows = st.store.translation_rows(status)
    table = Table(box=box.SIMPLE, title=f"{len(rows)} article(s) in other languages")
    for col in ("id", "lang", "status", "translation", "title / flags"):
        table.add_column(col)
    for row in rows:
        detail = "; ".join(row["flags"]) if row["flags"] else (row["title"] or row["source"])
        table.add_row(
            row["article_id"],
            row["source_language"],
            row["status"],
            row["translation_id"] or "",
            detail[:90],
        )
    console.print(table)


@providers_app.command("usage")
def usage_command(
    ctx: typer.Context,
    since: str | None = typer.Option(None, "--since", help="Only calls at or after YYYY-MM-DD."),
) -> None:
    """Provider calls recorded in the store: per provider, model and outcome, with tokens,
    cost and latency; then the latest runs and the answer cache."""
    st = state(ctx)
    rows = st.store.provider_usage(since=since)
    if not rows:
        _print("no provider calls recorded" + (f" since {since}" if since else ""))
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        groups.setdefault((r["provider"], r["model"]), []).append(r)
    for (provider, model), group in groups.items():
        _print(f"{provider}  model {model}")
        table = Table(box=box.SIMPLE)
        for col in ("outcome", "calls", "tok in", "tok out", "USD", "avg ms", "last call"):
            table.add_column(
                col, justify="left" if col in ("outcome", "last") else "right", no_wrap=True
            )
        for r in group:
            table.add_row(
                r["outcome"],
                str(r["calls"]),
                str(r["tokens_in"] or 0),
                str(r["tokens_out"] or 0),
                f"{r['cost'] or 0:.4f}",
                str(r["avg_latency_ms"] or 0),
                r["last"],
            )
        console.print(table)
    runs = st.store.provider_runs()
    if runs:
        rt = Table(box=box.SIMPLE, title="latest runs")
        for col in ("run", "started", "calls", "tokens", "cost $"):
            rt.add_column(col, no_wrap=True)
        for r in runs:
            rt.add_row(
                r["run_id"],
                r["started"],
                str(r["calls"]),
                str(r["tokens"] or 0),
                f"{r['cost'] or 0:.4f}",
            )
        console.print(rt)
    cache = st.store.cache_stats()
    _print(
        f"cache: {cache['answers']} answer(s) stored ({cache['tokens']} tokens), "
        f"served again {cache['hits']} time(s) without paying"
    )


@providers_app.command("check")
def check_command(ctx: typer.Context) -> None:
    """Send one tiny request to the configured provider and say whether it answered."""
    from newsdesk.translate.provider import ChatCompletionsProvider, provider_configured
    from newsdesk.translate.retry import key_names

    st = state(ctx)
    s = st.settings
    if not provider_configured(s):
        _print(
            "no provider configured: set provider_base_url and provider_model "
            "(NEWSDESK_PROVIDER_BASE_URL, NEWSDESK_PROVIDER_MODEL)",
            err=True,
        )
        raise typer.Exit(2)
    names = ", ".join(key_names(s.provider_key_env)) or "none (keyless local server)"
    _print(f"provider {s.provider_base_url}  model {s.provider_model}  keys from {names}")
    try:
        with ChatCompletionsProvider.from_settings(s, st.store) as provider:
            answer = provider.check()
            call = provider.calls[-1]
    except (ConfigError, ProviderError) as e:
        _print(f"check failed: {e}", err=True)
        raise typer.Exit(1) from e
    _print(
        f"ok in {call.get('latency_ms', 0)} ms, {call.get('tokens_in', 0)}+"
        f"{call.get('tokens_out', 0)} tokens: {answer.strip()[:80]!r}"
    )
