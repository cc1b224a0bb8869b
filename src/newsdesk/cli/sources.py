"""Commands of the collect area: ``sources add|list|remove``, ``collect``, ``watch``, ``reread``."""

from __future__ import annotations

import re
import signal
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

import typer
from rich.console import Group
from rich.live import Live
from rich.table import Table
from rich.text import Text

from newsdesk.cli.app import app, console, err_console, state
from newsdesk.cli.progress import print_reports, stage_progress
from newsdesk.config import Settings
from newsdesk.report import StageReport
from newsdesk.sources.collect import (
    CollectBusy,
    CollectReport,
    collect_lock,
    collect_once,
    due_in,
    watch,
)
from newsdesk.sources.schedule import BadDuration, format_duration, parse_duration, stamp, utc
from newsdesk.sources.urls import BadURL, fetchable
from newsdesk.store.sources import SOURCE_KINDS

sources_app = typer.Typer(
    help="Follow feeds, sitemaps, listing pages and single pages.", no_args_is_help=True
)
app.add_typer(sources_app, name="sources")

LOOPBACK_HELP = "Allow 127.0.0.0/8 and ::1 (or NEWSDESK_ALLOW_LOOPBACK=1); for local test servers."
PRIVATE_HELP = "Allow private networks (10/8, 172.16/12, 192.168/16, fc00::/7) as well."
# the options `collect` and `watch` share, declared once
ALLOW_LOOPBACK = typer.Option(False, "--allow-loopback", help=LOOPBACK_HELP)
ALLOW_PRIVATE = typer.Option(False, "--allow-private-networks", help=PRIVATE_HELP)
NO_PROCESS = typer.Option(
    False, "--no-process", help="Only collect; do not understand, group and analyse."
)
PUBLISH = typer.Option(
    True, "--publish/--no-publish", help="After processing, also write posts and the site."
)


def guess_kind(url: str, selector: str | None) -> str:
    """The kind of a source when ``--kind`` is not given, from its URL."""
    if selector:
        return "listing"
    low = url.lower().split("?", 1)[0]
    if "sitemap" in low or low.endswith((".xml.gz",)):
        return "sitemap"
    if any(mark in low for mark in ("rss", "atom", "/feed", ".xml")):
        return "feed"
    return "page"


@sources_app.command("add")
def sources_add(
    ctx: typer.Context,
    url: str = typer.Argument(..., help="The feed, sitemap, listing page or page to follow."),
    kind: str | None = typer.Option(
        None, "--kind", help="feed | sitemap | listing | page (guessed from the URL when left out)."
    ),
    every: str = typer.Option("15m", "--every", help="How often to look: 90s, 15m, 2h, 1d, 1h30m."),
    selector: str | None = typer.Option(
        None, "--selector", help="CSS selector of article links on a listing page."
    ),
    language: str | None = typer.Option(
        None,
        "--language",
        help="Language of the source's articles (vi, ja, ...), used when a page does not say.",
    ),
) -> None:
    """Follow URL: it is read on its schedule by `newsdesk collect` and `newsdesk watch`."""
    try:
        checked = fetchable(url)
        seconds = parse_duration(every)
    except (BadURL, BadDuration) as e:
        raise _usage(f"{url}: {e}") from e
    if seconds < 1:
        raise _usage(f"--every {every}: must be at least one second")
    chosen = kind or guess_kind(checked, selector)
    if chosen not in SOURCE_KINDS:
        raise _usage(f"--kind {chosen}: expected one of {', '.join(SOURCE_KINDS)}")
    if language and not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})?", language):
        raise _usage(f"--language {language}: write a language code such as vi, ja, en")
    if selector and chosen != "listing":
        raise _usage("--selector only applies to --kind listing")
    st = state(ctx)
    source_id, created = st.store.add_source(
        checked, chosen, seconds, selector=selector, language=language
    )
    verb = "following" if created else "updated"
    console.print(
        f"{verb} #{source_id} {checked} ({chosen}, every {format_duration(seconds)})",
        markup=False,
        highlight=False,
    )


@sources_app.command("list")
def sources_list(ctx: typer.Context) -> None:
    """The sources followed, when each is due and what its last pass found."""
    rows = state(ctx).store.list_sources()
    if not rows:
        console.print("no sources yet: newsdesk sources add URL")
        return
    console.print(_sources_table(rows))


@sources_app.command("remove")
def sources_remove(
    ctx: typer.Context,
    url: str = typer.Argument(..., help="The source's URL or its number in `sources list`."),
) -> None:
    """Stop following a source (articles already collected stay)."""
    if not state(ctx).store.remove_source(url):
        raise _usage(f"{url}: no such source", code=1)
    console.print(f"removed {url}", markup=False, highlight=False, soft_wrap=True)


@app.command("collect")
def collect_command(
    ctx: typer.Context,
    allow_loopback: bool = ALLOW_LOOPBACK,
    allow_private_networks: bool = ALLOW_PRIVATE,
    no_process: bool = NO_PROCESS,
    publish: bool = PUBLISH,
    all_sources: bool = typer.Option(False, "--all", help="Read every source now, due or not."),
    only: list[str] = typer.Option(
        None, "--source", help="Read only this source now (URL or number; repeatable)."
    ),
    out: Path | None = typer.Option(
        None, "--out", help="Where posts, fetched images and the site go (default: setting `out`)."
    ),
) -> None:
    """One pass over the due sources: new and changed articles fetched, read and stored, then
    processed like `newsdesk run` does."""
    st = state(ctx)
    settings = _settings(st.settings, allow_loopback, allow_private_networks, out)
    if not st.store.list_sources():
        _say("no sources yet: newsdesk sources add URL")
    chosen: list[int] | None = None
    if only:
        chosen = []
        for name in only:
            row = st.store.find_source(name)
            if row is None:
                raise _usage(f"--source {name}: no such source (see newsdesk sources list)")
            chosen.append(int(row["id"]))
    try:
        with collect_lock(st.store), stage_progress() as progress:
            report = collect_once(
                st.store, settings, progress=progress, force=all_sources, only=chosen
            )
            reports: list[StageReport] = [report]
            if not no_process:
                reports += _process(st.store, settings, publish, progress)
    except CollectBusy as e:
        raise _usage(str(e), code=1) from e
    _print_reports(reports)
    if any(r.rejected for r in reports):
        raise typer.Exit(1)


@app.command("watch")
def watch_command(
    ctx: typer.Context,
    allow_loopback: bool = ALLOW_LOOPBACK,
    allow_private_networks: bool = ALLOW_PRIVATE,
    no_process: bool = NO_PROCESS,
    publish: bool = PUBLISH,
    out: Path | None = typer.Option(
        None, "--out", help="Where posts, fetched images and the site go."
    ),
) -> None:
    """Collect on each source's schedule until stopped (Ctrl-C or SIGTERM finish the pages in
    flight, store them and exit)."""
    st = state(ctx)
    settings = _settings(st.settings, allow_loopback, allow_private_networks, out)
    stop = threading.Event()
    board = _Board(st.store.list_sources())
    try:
        lock = collect_lock(st.store)
        owner = lock.__enter__()
    except CollectBusy as e:
        raise _usage(str(e), code=1) from e

    def on_signal(signum: int, _frame: Any) -> None:
        board.event("stop", signal.Signals(signum).name, "finishing the pages in flight")
        stop.set()

    def on_pass(report: CollectReport) -> None:
        board.pass_ended()
        board.passes += 1
        board.last = report.summary()
        if not err_console.is_terminal:
            _say(report.summary(), err=True)
            for item, reason in report.rejected:
                _say(f"failed: {item}: {reason}", err=True)
        if not no_process and (report.new or report.revised) and not stop.is_set():
            board.event("process", "", "understand, group, analyse")
            for r in _process(st.store, settings, publish, None):
                board.last += f" | {r.summary()}"
        board.sources = st.store.list_sources()
        owner["beat"] = stamp(utc())  # a heartbeat for collectors on other machines
        st.store.take_collect_lock(owner, alive=lambda holder: False)

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        live = Live(
            board,
            console=err_console,
            refresh_per_second=4,
            transient=False,
            auto_refresh=err_console.is_terminal,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        with live:
            passes = watch(st.store, settings, stop=stop, on_pass=on_pass, activity=board.event)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        lock.__exit__(None, None, None)
    _say(f"watch stopped after {passes} pass(es)")


def _say(text: str, *, err: bool = False) -> None:
    (err_console if err else console).print(text, markup=False, highlight=False, soft_wrap=True)


@app.command("reread")
def reread_command(
    ctx: typer.Context,
    no_process: bool = typer.Option(
        False, "--no-process", help="Only reread; do not understand, group and analyse."
    ),
    publish: bool = typer.Option(
        False, "--publish/--no-publish", help="After processing, also write posts and the site."
    ),
) -> None:
    """Read every kept raw page again (after a reader improved); changed output becomes a
    revision of its article. Nothing is fetched."""
    from newsdesk.sources.reread import reread

    st = state(ctx)
    with stage_progress() as progress:
        reports = [reread(st.store, st.settings, progress=progress)]
        if not no_process and reports[0].done:
            reports += _process(st.store, st.settings, publish, progress)
    _print_reports(reports)
    if any(r.rejected for r in reports):
        raise typer.Exit(1)


# ---------------------------------------------------------------------------- helpers


def _usage(message: str, code: int = 2) -> typer.Exit:
    err_console.print(message, markup=False, highlight=False, soft_wrap=True)
    return typer.Exit(code)


def _settings(settings: Settings, loopback: bool, private: bool, out: Path | None) -> Settings:
    return settings.replace(
        allow_loopback=True if loopback else None,
        allow_private_networks=True if private else None,
        out=str(out) if out else None,
    )


def _process(store: Any, settings: Settings, publish: bool, progress: Any) -> list[StageReport]:
    from newsdesk.pipeline import run as run_pipeline

    return run_pipeline(
        store, [], settings, publish=publish, out=Path(settings.out), progress=progress
    )


def _print_reports(reports: list[StageReport]) -> None:
    print_reports(reports, "newsdesk collect")
    for report in reports:
        if isinstance(report, CollectReport):
            console.print(report.summary(), markup=False, highlight=False, soft_wrap=True)


def _sources_table(rows: list[dict[str, Any]]) -> Table:
    table = Table(title="sources")
    numbers = ("#", "links", "ok", "queue", "fail")
    for col in ("#", "kind", "every", "due", "links", "ok", "queue", "fail", "last"):
        table.add_column(col, justify="right" if col in numbers else "left", no_wrap=True)
    table.add_column("url", overflow="fold", ratio=1)
    for row in rows:
        last = row.get("last_status") or "never"
        if row.get("last_error"):
            last += f": {row['last_error']}"
        table.add_row(
            str(row["id"]),
            row["kind"],
            format_duration(int(row["every"])),
            format_duration(int(due_in(row))),
            str(row.get("links") or 0),
            str(row.get("fetched", 0)),
            str(row.get("queued", 0)),
            str(row.get("failed", 0)),
            Text(last, overflow="ellipsis"),
            Text(row["url"]),
        )
    return table


class _Board:
    """What ``watch`` shows: the sources, the pages in flight and the latest events."""

    def __init__(self, sources: list[dict[str, Any]]) -> None:
        self.sources = sources
        self.passes = 0
        self.last = "first pass under way"
        self._events: deque[str] = deque(maxlen=8)
        self._flight: dict[str, float] = {}  # page -> when its fetch started
        self._lock = threading.Lock()

    def event(self, kind: str, url: str, detail: str) -> None:
        line = f"{time.strftime('%H:%M:%S')} {kind:<9} {url} {detail}".rstrip()
        with self._lock:
            if kind == "page":
                self._flight[url] = time.monotonic()
                return
            self._flight.pop(url, None)
            self._events.append(line)

    def pass_ended(self) -> None:
        with self._lock:
            self._flight.clear()  # pages not started because of a stop stay queued

    def __rich__(self) -> Group:
        with self._lock:
            events = list(self._events)
            flight = sorted(self._flight.items(), key=lambda item: item[1])
        now = time.monotonic()
        lines = [Text(f"passes: {self.passes}   last: {self.last}")]
        lines.append(Text(f"in flight: {len(flight)}", style="bold"))
        lines += [
            Text(f"  {now - started:5.1f} s  {url}", overflow="ellipsis", no_wrap=True)
            for url, started in flight[:6]
        ]
        lines += [Text(e, overflow="ellipsis", no_wrap=True) for e in events]
        return Group(_sources_table(self.sources), *lines)
