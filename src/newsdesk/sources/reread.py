"""``newsdesk reread``: read every kept raw page again, after a reader improved.

For the newest raw page of each collected URL: decompress it, decode it with the encoding
recorded at fetch time, read it (``pages.read_page``), put back the source's thumbnail when the
page names no image and the local image files already fetched, and store the article. Unchanged output is ``unchanged``; different output becomes a
revision of the same source (the canonical URL); a page that now reads where it did not before
becomes ``new``. Nothing is fetched.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from newsdesk.errors import ReadError
from newsdesk.model import Image
from newsdesk.report import StageReport
from newsdesk.sources.pages import read_page, with_local_images

STAGE = "reread"


def reread(
    store: Any,
    settings: Any,
    *,
    progress: Callable[[str, int, int], None] | None = None,
) -> StageReport:
    report = StageReport(stage=STAGE)
    rows = store.raw_page_rows(latest_only=True)
    languages = {
        f["url"]: f.get("language")
        for f in store.query(
            "SELECT f.url, s.language FROM fetches f LEFT JOIN sources s ON s.id = f.source_id"
        )
    }
    fetches = store.fetch_rows()
    finals = {f["url"]: f.get("final_url") for f in fetches}
    thumbnails = {f["url"]: f.get("image_hint") for f in fetches if f.get("image_hint")}
    local = {k: v for k, v in store.fetched_image_paths().items() if v}
    if progress:
        progress(STAGE, 0, len(rows))
    for done, row in enumerate(rows, start=1):
        url = row["url"]
        body = store.raw_page_body(url, row["revision"])
        encoding = row.get("encoding")
        charset = encoding if encoding and encoding != "detected" else None
        try:
            article, _ = read_page(
                body or b"",
                url=url,
                final_url=finals.get(url) or url,
                charset=charset,
                settings=settings,
                language=languages.get(url),
            )
        except ReadError as e:
            store.set_raw_page_article(url, row["revision"], None, e.reason)
            report.reject(url, e.reason)
        else:
            if not article.images and url in thumbnails:
                article = dataclasses.replace(article, images=[Image(src=thumbnails[url])])
            article = with_local_images(article, local)
            with store.transaction():
                outcome = store.put_article(article)
                store.set_raw_page_article(url, row["revision"], article.id, None)
                store.record_fetch(url, article_id=article.id)
                store.clear_rejects(url, "read")
            if outcome == "unchanged":
                report.unchanged += 1
            else:
                report.done += 1
        if progress:
            progress(STAGE, done, len(rows))
    return report
