"""The collect stage's side of the store: links onto the frontier, outcomes off it.

    queue_source   (pass step 1) a due source is read (``discover.py``) and its links put on
                   the frontier with the source's validators and next due time, in one
                   transaction; recent pages are queued again for a revisit
    store_outcome  (pass step 4) one fetched URL, in one transaction: raw page, article,
                   images, frontier row; or its failure with the reason (``store_failure``)

Everything here runs in the thread that owns the store; the worker threads only fetch and read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from newsdesk.model import Article
from newsdesk.sources.discover import Validators, discover
from newsdesk.sources.files import IngestReport
from newsdesk.sources.http import Fetcher, FetchFailed, Response
from newsdesk.sources.schedule import after, parse_duration, stamp
from newsdesk.sources.urls import BadURL, canonical, fetchable

STAGE = "collect"
Activity = Callable[[str, str, str], None]  # (event, url, detail)
RETRY_BASE = 300.0  # seconds before a failed URL is tried again (doubling, capped)
RETRY_CAP = 6 * 3600.0
FINAL_STATES = {
    "gone": "gone",
    "disallowed": "disallowed",
    "refused": "refused",
    "bad-url": "refused",
    "wrong-type": "skipped",
    "too-large": "skipped",
}


@dataclass(slots=True)
class CollectReport(IngestReport):
    sources: int = 0  # sources read
    sources_unchanged: int = 0  # sources that answered 304 / the same bytes
    queued: int = 0  # links put on the frontier
    fetched: int = 0  # pages fetched with a body
    not_modified: int = 0  # pages that had not changed (304 or the same bytes)
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
class PageOutcome:
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


def _children_key(source_id: int) -> str:
    return f"collect:sitemap_children:{source_id}"


def queue_source(
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
                    image=link.image,
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


def store_outcome(
    store: Any,
    out: PageOutcome,
    moment: datetime,
    settings: Any,
    report: CollectReport,
    activity: Activity | None,
) -> None:
    url = out.row["url"]
    now = stamp(moment)
    if out.failure is not None:
        store_failure(store, out.row, out.failure, moment)
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
    else:
        report.count_put(outcome or "unchanged")
    if activity:
        activity("stored", url, out.read_error or outcome or "")


def store_failure(store: Any, row: dict[str, Any], failure: FetchFailed, moment: datetime) -> None:
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
