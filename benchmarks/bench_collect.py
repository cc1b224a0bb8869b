"""Collect throughput on the loopback fixture site: N generated Vietnamese article pages listed
by one feed, fetched, read (trafilatura), stored with their raw HTML (zlib). Prints pages per
second for the first pass, the time of the second (all conditional GETs answered 304), and how
much the raw pages shrink in the store. Run: .venv/bin/python benchmarks/bench_collect.py [N]
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from collect.site_server import SITE, FixtureSite  # noqa: E402
from newsdesk.config import Settings  # noqa: E402
from newsdesk.sources.collect import collect_once  # noqa: E402
from newsdesk.store import Store  # noqa: E402


def main(count: int) -> None:
    site = FixtureSite().start()
    templates = [(SITE / "chuoi" / f"bai-{n}.html").read_bytes() for n in range(1, 7)]
    items = []
    for i in range(count):
        page = templates[i % 6].replace(b"</h1>", f" (số {i})</h1>".encode())
        page = page.replace(b"<p>", f"<p>Bản tin thứ {i}. ".encode(), 1)
        site.overrides[f"/bench/bai-{i}.html"] = page
        items.append(
            f"<item><title>Bài {i}</title><link>{{{{BASE}}}}/bench/bai-{i}.html</link></item>"
        )
    feed = '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Bench</title>'
    site.overrides["/bench/feed.rss"] = (feed + "".join(items) + "</channel></rss>").encode()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            {
                "db": str(Path(tmp) / "bench.db"),
                "out": str(Path(tmp) / "out"),
                "allow_loopback": True,
                "host_delay": 0.0,
                "host_concurrency": 4,
                "collect_workers": 4,
                "source_max_links": count,
                "fetch_images": False,
            }
        )
        store = Store(settings.db)
        store.add_source(site.url("/bench/feed.rss"), "feed", 60)
        start = time.perf_counter()
        report = collect_once(store, settings)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = collect_once(store, settings, force=True)
        second = time.perf_counter() - start
        raw = sum(len(store.raw_page_body(r["url"]) or b"") for r in store.raw_page_rows())
        stored = store.scalar("SELECT SUM(length(body)) FROM raw_pages")
        store.close()
    site.stop()
    print(
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(
        f"first pass: {report.new} new pages in {first:.2f} s = {report.new / first:.1f} pages/s "
        f"(4 workers, host_delay 0)"
    )
    print(
        f"second pass (feed 304, nothing re-fetched): {second:.3f} s, {again.requests} request(s)"
    )
    print(f"raw HTML {raw:,} bytes stored as {stored:,} bytes ({stored / raw:.0%})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
