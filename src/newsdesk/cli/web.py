"""Commands of this area (registered on import): ``serve``, ``reindex``."""

from __future__ import annotations

import typer

from newsdesk.cli.app import app, console, state


@app.command()
def serve(
    ctx: typer.Context,
    host: str | None = typer.Option(
        None, "--host", help="Address to listen on (default: setting host)."
    ),
    port: int | None = typer.Option(
        None, "--port", min=1, max=65535, help="Port (default: setting port)."
    ),
) -> None:
    """Serve the web reader and the JSON API over the store (read-only)."""
    import uvicorn

    from newsdesk.web.app import create_app

    obj = state(ctx)
    settings = obj.settings.replace(host=host, port=port)
    counts = obj.store.update_search_index()  # the only write: bring the search index up to date
    if counts["articles"] or counts["stories"] or counts["removed"]:
        console.print(
            f"search index: {counts['articles']} article(s), {counts['stories']} "
            f"story(ies) indexed, {counts['removed']} removed"
        )
    obj.store.close()
    application = create_app(settings, settings.db)
    url = f"http://{settings.host}:{settings.port}"
    console.print(f"newsdesk reader at [bold]{url}[/]  (API {url}/api/stories, Ctrl+C to stop)")
    uvicorn.run(application, host=settings.host, port=settings.port, log_level="warning")


@app.command()
def reindex(ctx: typer.Context) -> None:
    """Rebuild the full-text search index from the store."""
    counts = state(ctx).store.reindex_search()
    console.print(
        f"search index rebuilt: {counts['articles']} article(s), {counts['stories']} story(ies)"
    )
