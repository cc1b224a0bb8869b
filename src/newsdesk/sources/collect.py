"""Collect: followed sources -> fetched pages -> Articles in the store, continuously.

``collect_once(store, settings, *, now=None, progress=None)`` is one pass:

    1. discover  each due source (``sources.next_due`` passed) is read for article links
                 (``discover.py``); the links are put on the frontier (the ``fetches`` table)
                 and the source's validators and next due time stored, in one transaction
    2. drain     every queued URL (from this pass or an interrupted earlier one, and failed
                 URLs whose retry time has come) is fetched by ``collect_workers`` threads
                 through the polite, guarded fetcher (``http.py``), with a conditional GET
                 when it was fetched before
    3. read      a new body goes through the readers (``pages.py``); its images are fetched
                 and stored as webp (``images.py``); a failed image never fails its article
    4. store     per URL, in one transaction: the raw page (compressed), the article (a changed
                 page becomes a revision of the same source, the canonical URL) and the
                 frontier row (validators, content hash, state); a failure is recorded on the
                 row with its reason (and in ``rejects``) and the pass goes on

Because links are queued before they are fetched and each page is stored on its own, a pass
stopped anywhere (``stop`` set, SIGTERM in ``watch``) loses nothing and fetches nothing twice:
the next pass drains what is left. ``watch`` runs passes on each source's schedule until stopped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import socket
import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdesk.errors import NewsdeskError, ReadError
from newsdesk.model import Image
from newsdesk.sources.frontier import (
    STAGE,
    Activity,
    CollectReport,
    PageOutcome,
    queue_source,
    store_outcome,
)
from newsdesk.sources.http import Fetcher, FetchFailed
from newsdesk.sources.images import ImageFailed, fetch_image, image_folder
from newsdesk.sources.pages import HTML_TYPES, read_page, remote_images, with_local_images
from newsdesk.sources.schedule import parse_stamp, seconds_until, stamp, utc
from newsdesk.sources.urls import canonical, host_key

ROBOTS_KEY = "collect:robots"  # robots.txt answers kept between runs
MIN_SLEEP = 1.0  # seconds watch waits at least between passes
Progress = Callable[[str, int, int], None]
# what a reader may raise on a hostile page besides ReadError (recorded as the page's failure)
READER_FAILURES = (ValueError, TypeError, LookupError, UnicodeError, RecursionError, AssertionError)

__all__ = [
    "STAGE",
    "CollectBusy",
    "CollectReport",
    "collect_lock",
    "collect_once",
    "due_in",
    "next_wake",
    "watch",
]


class CollectBusy(NewsdeskError):
    """Another ``collect`` / ``watch`` is running on this store (two would fetch pages twice)."""


def _alive(holder: dict[str, Any]) -> bool:
    """Does the recorded collector still run? (A process on another machine is trusted until
    its heartbeat is an hour old.)"""
    if holder.get("host") == socket.gethostname():
        try:
            os.kill(int(holder.get("pid", 0)), 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        except (OSError, ValueError):
            return False
        return True
    beat = parse_stamp(holder.get("beat"))
    return beat is not None and (utc() - beat).total_seconds() < 3600


@contextmanager
def collect_lock(store: Any) -> Iterator[dict[str, Any]]:
    """Hold the store's collect lock for the duration; CollectBusy when another runs."""
    owner = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "token": uuid.uuid4().hex,
        "beat": stamp(utc()),
    }
    holder = store.take_collect_lock(owner, alive=_alive)
    if holder is not None:
        raise CollectBusy(
            f"another collector is running on this store (pid {holder.get('pid')} on "
            f"{holder.get('host')}, since {holder.get('beat')} UTC); stop it or wait"
        )
    try:
        yield owner
    finally:
        store.release_collect_lock(owner)


def collect_once(
    store: Any,
    settings: Any,
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
    activity: Activity | None = None,
    fetcher: Fetcher | None = None,
    stop: threading.Event | None = None,
    force: bool = False,
    only: Sequence[int] | None = None,
) -> CollectReport:
    """One pass over the due sources (all of them with ``force``; only the sources whose ids
    are in ``only``, due or not, when given), then the frontier."""
    report = CollectReport(stage=STAGE)
    moment = utc(now)
    own = fetcher is None
    active = fetcher or Fetcher(settings, stop=stop)
    halt = stop or active.stop
    before = active.requests
    active.robots.preload(store.get_state(ROBOTS_KEY, {}) or {})
    try:
        if only is not None:
            rows = [r for r in store.list_sources() if r["id"] in set(only)]
        else:
            rows = store.list_sources() if force else store.due_sources(stamp(moment))
        for row in rows:
            if halt.is_set():
                break
            queue_source(store, active, row, settings, moment, report, activity)
        if not halt.is_set():
            _drain(store, active, settings, moment, report, progress, activity, halt)
    finally:
        fresh = active.robots.export()
        if fresh:
            saved = store.get_state(ROBOTS_KEY, {}) or {}
            store.set_state(ROBOTS_KEY, {**saved, **fresh})
        report.requests = active.requests - before
        report.stopped = halt.is_set()
        if own:
            active.close()
    return report


# ---------------------------------------------------------------------------- 2-4. drain


def _drain(
    store: Any,
    fetcher: Fetcher,
    settings: Any,
    moment: datetime,
    report: CollectReport,
    progress: Progress | None,
    activity: Activity | None,
    stop: threading.Event,
) -> None:
    max_failures = int(getattr(settings, "fetch_max_failures", 5))
    rows = interleave_hosts(store.queued_urls(stamp(moment), max_failures=max_failures))
    total = len(rows)
    if progress:
        progress(STAGE, 0, total)
    if not rows:
        return
    languages = {s["id"]: s.get("language") for s in store.list_sources()}
    images = _ImageCache(store.fetched_image_paths())
    folder = image_folder(settings)
    workers = max(1, int(getattr(settings, "collect_workers", 4)))
    done = 0
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="collect") as pool:
        queue: Iterator[dict[str, Any]] = iter(rows)
        pending: dict[Future[PageOutcome], dict[str, Any]] = {}

        def submit() -> None:
            row = next(queue, None)
            if row is not None:
                language = languages.get(row.get("source_id"))
                pending[
                    pool.submit(
                        _fetch_one, fetcher, row, settings, language, images, folder, activity
                    )
                ] = row

        for _ in range(workers * 2):
            submit()
        while pending:
            finished, _ = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
            for future in finished:
                pending.pop(future)
                store_outcome(store, future.result(), moment, settings, report, activity)
                done += 1
                if progress:
                    progress(STAGE, done, total)
                if not stop.is_set():
                    submit()


def interleave_hosts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows taken one host at a time, round robin (each host's own order kept), so one busy
    site waiting on its rate limit does not hold the workers while other sites wait."""
    by_host: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_host.setdefault(host_key(row["fetch_url"]), []).append(row)
    queues = list(by_host.values())
    out: list[dict[str, Any]] = []
    for depth in range(max((len(q) for q in queues), default=0)):
        out.extend(q[depth] for q in queues if depth < len(q))
    return out


class _ImageCache:
    """Image URL -> local file, shared by the workers (None: failed before, not retried)."""

    def __init__(self, known: dict[str, str | None]) -> None:
        self._known = dict(known)
        self._lock = threading.Lock()

    def get(self, url: str) -> tuple[bool, str | None]:
        """(known, local file); a file deleted since (an emptied out folder) is unknown again."""
        with self._lock:
            known, path = url in self._known, self._known.get(url)
        if path and not Path(path).is_file():
            return False, None
        return known, path

    def put(self, url: str, path: str | None) -> None:
        with self._lock:
            self._known[url] = path


def _fetch_one(
    fetcher: Fetcher,
    row: dict[str, Any],
    settings: Any,
    language: str | None,
    images: _ImageCache,
    folder: Path,
    activity: Activity | None,
) -> PageOutcome:
    """Fetch and read one queued URL (runs in a worker thread; never touches the store)."""
    out = PageOutcome(row, source=row["url"])
    if activity:
        activity("page", row["url"], "fetching")
    try:
        response = fetcher.fetch(
            row["fetch_url"],
            etag=row.get("etag"),
            last_modified=row.get("last_modified"),
            accept=HTML_TYPES,
        )
    except FetchFailed as e:
        out.failure = e
        return out
    out.response = response
    if response.redirects:  # the page's own address names it, whatever link led there
        out.source = canonical(response.final_url)
    if response.not_modified:
        out.unchanged = True
        return out
    out.digest = hashlib.sha256(response.body).hexdigest()
    if out.digest == row.get("content_hash"):
        out.unchanged = True
        return out
    try:
        article, out.encoding = read_page(
            response.body,
            url=out.source,
            final_url=response.final_url,
            charset=response.charset,
            settings=settings,
            language=language,
        )
    except ReadError as e:
        out.read_error = e.reason
        return out
    except READER_FAILURES as e:  # a reader bug must not poison the frontier: record it
        out.read_error = f"the reader failed: {type(e).__name__}: {e}"
        return out
    if not article.images and row.get("image_hint"):  # the thumbnail the source showed
        article = dataclasses.replace(article, images=[Image(src=row["image_hint"])])
    if getattr(settings, "fetch_images", True):
        local: dict[str, str] = {}
        for src in remote_images(article, int(getattr(settings, "images_per_article", 3))):
            known, path = images.get(src)
            if not known:
                path = _one_image(fetcher, src, folder, settings, out)
                if path is not None or src in out.image_errors:
                    images.put(src, path)
            if path:
                local[src] = path
        article = with_local_images(article, local)
    out.article = article
    return out


def _one_image(
    fetcher: Fetcher, src: str, folder: Path, settings: Any, out: PageOutcome
) -> str | None:
    try:
        stored = fetch_image(fetcher, src, folder, settings)
    except ImageFailed as e:
        if "stopped" not in e.reason:
            out.image_errors[src] = e.reason
        return None
    path = str(stored.path.resolve())
    out.images[src] = path
    return path


# ---------------------------------------------------------------------------- watch


def next_wake(store: Any, settings: Any, now: datetime | None = None) -> float:
    """Seconds until a source is due or a failed URL may be retried."""
    moment = utc(now)
    max_failures = int(getattr(settings, "fetch_max_failures", 5))
    candidates = [store.next_source_due(), store.next_retry_due(max_failures)]
    waits = [seconds_until(c or None, moment) for c in candidates if c is not None]
    return min(waits) if waits else 3600.0


def watch(
    store: Any,
    settings: Any,
    *,
    stop: threading.Event,
    on_pass: Callable[[CollectReport], None] | None = None,
    activity: Activity | None = None,
    progress: Progress | None = None,
    fetcher: Fetcher | None = None,
    max_sleep: float = 60.0,
) -> int:
    """Run passes on each source's schedule until ``stop`` is set; returns the passes run.
    The pass under way when ``stop`` is set finishes its items in flight and ends."""
    own = fetcher is None
    active = fetcher or Fetcher(settings, stop=stop)
    passes = 0
    try:
        while not stop.is_set():
            report = collect_once(
                store, settings, progress=progress, activity=activity, fetcher=active, stop=stop
            )
            passes += 1
            if on_pass:
                on_pass(report)
            if stop.is_set():
                break
            stop.wait(max(MIN_SLEEP, min(next_wake(store, settings), max_sleep)))
    finally:
        if own:
            active.close()
    return passes


def due_in(row: dict[str, Any], now: datetime | None = None) -> float:
    """Seconds until a source row is due (0 when due)."""
    when = parse_stamp(row.get("next_due"))
    return 0.0 if when is None else max(0.0, (when - utc(now)).total_seconds())
