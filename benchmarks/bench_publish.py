"""Analyse, publish and site over the sample corpus: time per stage, per story, on this machine.

    .venv/bin/python benchmarks/bench_publish.py

Ingest, understand and group run first (not timed here; they have their own benchmarks).
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
from pathlib import Path

from newsdesk.analyse import analyse_pending
from newsdesk.config import Settings
from newsdesk.group import group_pending
from newsdesk.publish import publish_pending, write_site
from newsdesk.sources.files import ingest_paths
from newsdesk.store import Store
from newsdesk.understand import understand_pending

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings({"db": str(Path(tmp) / "bench.db")})
        store = Store(settings.db)
        ingest_paths(store, [str(SAMPLES)], settings)
        understand_pending(store, settings)
        group_pending(store, settings)
        timings = {}
        t = time.perf_counter()
        analysed = analyse_pending(store, settings)
        timings["analyse"] = time.perf_counter() - t
        t = time.perf_counter()
        published = publish_pending(store, settings, out=Path(tmp) / "out")
        timings["publish (first)"] = time.perf_counter() - t
        t = time.perf_counter()
        again = publish_pending(store, settings, out=Path(tmp) / "out")
        timings["publish (unchanged)"] = time.perf_counter() - t
        t = time.perf_counter()
        write_site(store, settings, out=Path(tmp) / "out" / "site")
        timings["site"] = time.perf_counter() - t
        stories = sum(1 for _ in store.iter_stories())
        print(
            f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
            f"{os.cpu_count()} cpus, Python {platform.python_version()}"
        )
        print(
            f"sample corpus: {store.count_articles()} articles, {stories} stories "
            f"({analysed.done} analysed, {published.done} posts written, "
            f"{again.unchanged} unchanged on the second run)"
        )
        for name, seconds in timings.items():
            print(
                f"{name:<22} {seconds * 1000:8.1f} ms  ({seconds * 1000 / max(1, stories):6.1f} ms/story)"
            )
        store.close()


if __name__ == "__main__":
    main()
