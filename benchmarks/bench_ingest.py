"""Ingest speed: articles per second for read + clean + store on the VMDS bodies.

Reads ``../shared/data/vmds/clusters/*/*.body.txt`` (478 plain-text articles) into a fresh
SQLite store with ``ingest_paths`` (decode, detect, read, clean, language, id, one transaction
per document), then once more to time the "everything unchanged" path. Prints the figures and
the machine. Skips with a message when ../shared is absent.

    .venv/bin/python benchmarks/bench_ingest.py
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VMDS = (ROOT / ".." / "shared" / "data" / "vmds" / "clusters").resolve()
TARGET = 500.0  # articles per second on a 2-core machine


def main() -> int:
    files = sorted(str(p) for p in VMDS.glob("*/*.body.txt"))
    if not files:
        print(f"skipped: {VMDS} is absent (evaluation data lives beside the project in ../shared)")
        return 0
    from newsdesk.config import Settings
    from newsdesk.sources.files import ingest_paths
    from newsdesk.store import Store
    from newsdesk.understand.lang import detector

    started = time.perf_counter()
    detector()
    build = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        store = Store(db)
        settings = Settings({"db": str(db)})
        started, cpu = time.perf_counter(), time.process_time()
        first = ingest_paths(store, files, settings)
        cold, cold_cpu = time.perf_counter() - started, time.process_time() - cpu
        started = time.perf_counter()
        second = ingest_paths(store, files, settings)
        warm = time.perf_counter() - started
        store.close()
    stored = first.new + first.revised + first.unchanged
    rate = stored / cold
    print(
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"language detector built in {build:.2f} s (once per process)")
    print(
        f"first ingest: {len(files)} files -> {first.summary()} in {cold:.2f} s "
        f"= {rate:.0f} articles/s (read + clean + store); CPU time {cold_cpu:.2f} s "
        f"= {stored / cold_cpu:.0f} articles per CPU-second"
    )
    print(f"load average while measuring: {os.getloadavg()[0]:.2f}")
    print(f"second ingest: {second.summary()} in {warm:.2f} s = {stored / warm:.0f} articles/s")
    verdict = "meets" if rate >= TARGET else "BELOW"
    print(f"target {TARGET:.0f} articles/s: {verdict}")
    return 0 if rate >= TARGET and not first.rejected else 1


if __name__ == "__main__":
    sys.exit(main())
