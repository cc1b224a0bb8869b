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

import hashlib
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from newsdesk.errors import ReadError
from newsdesk.model import Article
from newsdesk.report import StageReport
from newsdesk.sources.discover import Validators, discover
from newsdesk.sources.http import Fetcher, FetchFailed, Response
from newsdesk.sources.images import ImageFailed, fetch_image, image_folder
from newsdesk.sources.pages import HTML_TYPES, read_page, remote_images, with_local_images
from newsdesk.sources.schedule import after, parse_duration, parse_stamp, seconds_until, stamp, utc
from newsdesk.sources.urls import BadURL, canonical, fetchable

STAGE = "collect"
ROBOTS_KEY = "collect:robots"  # robots.txt answers kept between runs
Progress = Callable[[str, int, int], None]
Activity = Callable[[str, str, str], None]  # (event, url, detail)
RETRY_BASE = 300.0  # seconds before a failed URL is tried again (doubling, capped)
RETRY_CAP = 6 * 3600.0
MIN_SLEEP = 1.0  # seconds watch waits at least between passes
FINAL_STATES = {
    "gone": "gone",
    "disallowed": "disallowed",
    "refused": "refused",
    "bad-url": "refused",
}


@dataclass(slots=True)
class CollectReport(StageReport):
    sources: int = 0  # sources read
    sources_unchanged: int = 0  # sources that answered 304 / the same bytes
    queued: int = 0  # links put on the frontier
    fetched: int = 0  # pages fetched with a body
    not_modified: int = 0  # pages that had not changed (304 or the same bytes)
    new: int = 0
    revised: int = 0
    failed: int = 0
    images: int = 0
    requests: int = 0
    stopped: bool = False

    def summary(self) -> str:
        text = (
            f"{self.stage}: {self.sources} source(s) read ({self.sources_unchanged} unchanged), "
            f"{self.fetched} page(s) fetched, {self.not_modified} not modified, {self.new} new, "
            f"{self.revised} revised, {self.failed} failed, {self.images} image(s)"
        )
        return text + (" — stopped early" if self.stopped else "")


@dataclass(slots=True)
class _Outcome:
    row: dict[str, Any]
    source: str = ""  # the article's source: the canonical URL the page came from
    response: Response | None = None
    failure: FetchFailed | None = None
    unchanged: bool = False
    digest: str | None = None
    article: Article | None = None
    encoding: str | None = None
    read_error: str | None = None
    images: dict[str, str | None] = field(default_factory=dict)  # url -> path or None
    image_errors: dict[str, str] = field(default_factory=dict)


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
) -> CollectReport:
    """One pass over the due sources (all of them with ``force``), then the frontier."""
    report = CollectReport(stage=STAGE)
    moment = utc(now)
    own = fetcher is None
    active = fetcher or Fetcher(settings, stop=stop)
    halt = stop or active.stop
    before = active.requests
    active.robots.preload(store.get_state(ROBOTS_KEY, {}) or {})
    try:
        rows = store.list_sources() if force else store.due_sources(stamp(moment))
        for row in rows:
            if halt.is_set():
                break
            _pass_source(store, active, row, settings, moment, report, activity)
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


# ---------------------------------------------------------------------------- 1. discover


def _children_key(source_id: int) -> str:
    return f"collect:sitemap_children:{source_id}"


def _pass_source(
    store: Any,
    fetcher: Fetcher,
    row: dict[str, Any],
    settings: Any,
    moment: datetime,
    report: CollectReport,
    activity: Activity | None,
) -> None:
    url = row["url"]
    now = stamp(moment)
    next_due = after(moment, int(row["every"]))
    if activity:
        activity("source", url, row["kind"])
    known_children = {
        k: Validators(**v) for k, v in (store.get_state(_children_key(row["id"]), {}) or {}).items()
    }
    try:
        found = discover(fetcher, row, children=known_children)
    except FetchFailed as e:
        if e.category == "stopped":
            return  # still due: the next pass reads it
        store.finish_source(row["id"], now=now, next_due=next_due, status="failed", error=e.reason)
        store.add_reject(url, STAGE, e.reason)
        report.reject(url, e.reason)
        if activity:
            activity("failed", url, e.reason)
        return
    report.sources += 1
    report.notes.extend(found.notes)
    revisit = parse_duration(getattr(settings, "revisit_after", "6h"))
    window = parse_duration(getattr(settings, "revisit_window", "2d"))
    queued = 0
    if found.unchanged:
        report.sources_unchanged += 1
        v = found.validators
        with store.transaction():
            store.finish_source(
                row["id"],
                now=now,
                next_due=next_due,
                status="unchanged",
                etag=v.etag,
                last_modified=v.last_modified,
                content_hash=v.content_hash,
            )
            queued += _requeue_stale(store, row["id"], moment, revisit, window)
        report.queued += queued
        return
    limit = int(getattr(settings, "source_max_links", 200))
    links = found.links[:limit] if limit > 0 else found.links
    if len(found.links) > len(links):
        report.notes.append(
            f"{url}: {len(found.links)} links, the first {limit} taken (source_max_links)"
        )
    with store.transaction():
        for link in links:
            try:
                key, target = canonical(link.url), fetchable(link.url)
            except BadURL as e:
                report.notes.append(f"{link.url}: skipped: {e}")
                continue
            existing = store.get_fetch(key)
            again = row["kind"] == "page" or _changed_since(existing, link.hint)
            was_queued = existing is not None and existing["state"] == "queued"
            if (
                store.queue_url(
                    key,
                    target,
                    source_id=row["id"],
                    now=now,
                    hint=link.hint,
                    title=link.title,
                    requeue=again,
                )
                and not was_queued
            ):
                queued += 1
        queued += _requeue_stale(store, row["id"], moment, revisit, window)
        v = found.validators if not found.partial else Validators()
        store.finish_source(
            row["id"],
            now=now,
            next_due=next_due,
            status="ok",
            etag=v.etag,
            last_modified=v.last_modified,
            content_hash=v.content_hash,
            links=len(links),
        )
        if found.children:
            merged = {
                **{k: x.as_dict() for k, x in known_children.items()},
                **{k: x.as_dict() for k, x in found.children.items()},
            }
            store.set_state(_children_key(row["id"]), merged)
        store.clear_rejects(url, STAGE)
    report.queued += queued
    if activity:
        activity("links", url, f"{len(links)} link(s), {queued} queued")


def _changed_since(existing: dict[str, Any] | None, hint: str | None) -> bool:
    """Does the source say a page already fetched changed since (a newer lastmod/updated)?"""
    if existing is None or existing["state"] != "fetched":
        return False
    last = existing.get("last_fetched")
    return bool(hint and last and hint > last)


def _requeue_stale(store: Any, source_id: int, moment: datetime, revisit: int, window: int) -> int:
    """Queue the source's recent pages not checked for ``revisit`` seconds (0: never)."""
    if revisit <= 0:
        return 0
    return store.requeue_stale(
        source_id,
        fetched_before=stamp(moment - timedelta(seconds=revisit)),
        first_after=stamp(moment - timedelta(seconds=window)),
        now=stamp(moment),
    )


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
    rows = store.queued_urls(stamp(moment), max_failures=max_failures)
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
        pending: dict[Future[_Outcome], dict[str, Any]] = {}

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
                _store_outcome(store, future.result(), moment, settings, report, activity)
                done += 1
                if progress:
                    progress(STAGE, done, total)
                if not stop.is_set():
                    submit()


class _ImageCache:
    """Image URL -> local file, shared by the workers (None: failed before, not retried)."""

    def __init__(self, known: dict[str, str | None]) -> None:
        self._known = dict(known)
        self._lock = threading.Lock()

    def get(self, url: str) -> tuple[bool, str | None]:
        with self._lock:
            return (url in self._known, self._known.get(url))

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
) -> _Outcome:
    """Fetch and read one queued URL (runs in a worker thread; never touches the store)."""
    out = _Outcome(row, source=row["url"])
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
    fetcher: Fetcher, src: str, folder: Path, settings: Any, out: _Outcome
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


def _store_outcome(
    store: Any,
    out: _Outcome,
    moment: datetime,
    settings: Any,
    report: CollectReport,
    activity: Activity | None,
) -> None:
    url = out.row["url"]
    now = stamp(moment)
    if out.failure is not None:
        _store_failure(store, out.row, out.failure, moment)
        if out.failure.category != "stopped":
            report.failed += 1
            report.reject(url, out.failure.reason)
            if activity:
                activity("failed", url, out.failure.reason)
        return
    response = out.response
    assert response is not None  # a fetch without failure has a response
    validators = {
        "etag": response.etag or (out.row.get("etag") if response.not_modified else None),
        "last_modified": response.last_modified
        or (out.row.get("last_modified") if response.not_modified else None),
    }
    first = {} if out.row.get("first_fetched") else {"first_fetched": now}
    common = {
        **first,
        "state": "fetched",
        "status": response.status,
        "final_url": response.final_url,
        "last_fetched": now,
        "next_attempt": None,
        "failures": 0,
        "last_error": None,
        **validators,
    }
    if out.unchanged:
        with store.transaction():
            store.record_fetch(url, **common)
            store.clear_rejects(url, "fetch")
        report.not_modified += 1
        report.unchanged += 1
        if activity:
            activity("unchanged", url, str(response.status))
        return
    report.fetched += 1
    outcome = None
    with store.transaction():
        article_id = None
        if out.article is not None:
            outcome = store.put_article(out.article)
            article_id = out.article.id
        store.put_raw_page(
            out.source,
            response.body,
            content_hash=out.digest or "",
            fetched_at=now,
            encoding=out.encoding,
            content_type=response.headers.get("content-type"),
            article_id=article_id,
            read_error=out.read_error,
        )
        for src, path in out.images.items():
            store.put_fetched_image(src, path=path)
        for src, reason in out.image_errors.items():
            store.put_fetched_image(src, path=None, error=reason)
        extra = {"article_id": article_id} if article_id else {}
        if out.read_error:
            extra["last_error"] = f"unreadable: {out.read_error}"
        store.record_fetch(url, content_hash=out.digest, **{**common, **extra})
        store.clear_rejects(url, "fetch")
        if out.read_error:
            store.add_reject(url, "read", out.read_error)
        else:
            store.clear_rejects(url, "read")
    report.images += len(out.images)
    for src, reason in out.image_errors.items():
        report.notes.append(f"image {src}: {reason} (article kept)")
    if out.read_error:
        report.reject(url, out.read_error)
    elif outcome == "new":
        report.new += 1
        report.done += 1
    elif outcome == "revised":
        report.revised += 1
        report.done += 1
    else:
        report.unchanged += 1
    if activity:
        activity("stored", url, out.read_error or outcome or "")


def _store_failure(store: Any, row: dict[str, Any], failure: FetchFailed, moment: datetime) -> None:
    url = row["url"]
    if failure.category == "stopped":
        return  # not tried: stays queued for the next pass
    state = FINAL_STATES.get(failure.category, "failed")
    failures = int(row.get("failures") or 0) + 1
    delay = (
        failure.retry_after
        if failure.retry_after is not None
        else min(RETRY_CAP, RETRY_BASE * 2 ** (failures - 1))
    )
    with store.transaction():
        store.record_fetch(
            url,
            state=state,
            status=failure.status,
            failures=failures,
            last_error=failure.reason,
            next_attempt=after(moment, delay) if state == "failed" else None,
        )
        store.add_reject(url, "fetch", failure.reason)


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
