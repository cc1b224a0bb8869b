"""Grouping speed and memory as the store grows: 10 000, 100 000, 1 000 000 articles.

    .venv/bin/python benchmarks/bench_group.py [--sizes 10000,100000] [--chunk 10000]
                                              [--time-limit SECONDS] [--db PATH]

A synthetic stream: each "event" mixes the sentences of two VMDS clusters (../shared/data/vmds,
read by path) or of the team's fixture stories, samples them, shifts the numbers and repeats four
invented names in every report, so that articles of one event look alike and events do not copy
each other. Events are spread over two years in stream order (as news arrives); an event's
reports fall within a few days.

The articles are written to a fresh SQLite store in bulk (setup, not timed); then
``group_pending`` (the production stage: store reads, grouping, store writes) runs once per
``--chunk`` new articles, and each chunk's articles per second, the stored total and the peak
resident memory are printed, so that a flat cost per article shows as a flat line.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdesk.config import Settings  # noqa: E402
from newsdesk.group import group_pending  # noqa: E402
from newsdesk.group.evaluate import load_vmds  # noqa: E402
from newsdesk.store import Store  # noqa: E402
from newsdesk.store.base import dumps, utcnow  # noqa: E402

SENT = re.compile(r"(?<=[.!?])\s+")
NUM = re.compile(r"\d+")


def templates() -> list[list[str]]:
    out: list[list[str]] = []
    vmds = ROOT / ".." / "shared" / "data" / "vmds"
    if vmds.exists():
        by_cluster: dict[str, list[str]] = {}
        for x in load_vmds(vmds):
            by_cluster.setdefault(x.cluster, []).extend(SENT.split(x.article.body))
        out.extend(v for v in by_cluster.values() if len(v) >= 6)
    fixtures = json.loads(
        (ROOT / "tests" / "fixtures" / "group" / "articles.json").read_text("utf-8")
    )
    by_story: dict[str, list[str]] = {}
    for r in fixtures:
        by_story.setdefault(r["story"], []).extend(SENT.split(r["body"].replace("\n\n", " ")))
    out.extend(by_story.values())
    return out


def synthetic(n: int, seed: int = 7):
    """Events: sentences of two templates mixed, with event-specific names, places and numbers
    repeated in every report of the event (as real reports of one event share their names)."""
    rng = random.Random(seed)
    pool = templates()
    syllables = sorted({w for sents in pool for s in sents for w in s.split() if w.isalpha()})
    start = date(2024, 1, 1)
    made = 0
    event = 0
    while made < n:
        event += 1
        sents = pool[rng.randrange(len(pool))] + pool[rng.randrange(len(pool))]
        names = [
            " ".join(rng.choice(syllables).capitalize() for _ in range(rng.randint(2, 3)))
            for _ in range(4)
        ]
        day = start + timedelta(days=int(730 * made / n))  # the stream moves through time
        shift = rng.randrange(1, 997)
        for k in range(min(rng.randint(1, 6), n - made)):
            chosen = rng.sample(sents, min(len(sents), rng.randint(5, 9)))
            parts = []
            for s in chosen:
                s = NUM.sub(lambda m, d=shift: str(int(m.group()) + d), s)
                parts.append(f"{s} {rng.choice(names)} cho biết thêm về {rng.choice(names)}.")
            body = " ".join(parts)
            published = (
                day + timedelta(days=rng.randint(0, 3))
            ).isoformat() + f"T{rng.randint(6, 22):02d}:00:00"
            made += 1
            yield {
                "id": f"b{made:07d}",
                "title": f"{names[0]}: {chosen[0][:60]}",
                "body": body,
                "published": published,
                "k": k,
            }


def bulk_insert(store: Store, rows: list[dict], seq0: int) -> None:
    now = utcnow()
    with store.transaction():
        store.conn.executemany(
            "INSERT INTO articles(id, source, shape, language, title, published, outlet, data,"
            " current, seq, ingested_at) VALUES (?,?,?,?,?,?,?,?,1,?,?)",
            [
                (
                    r["id"],
                    f"bench/{r['id']}",
                    "plain_text",
                    "vi",
                    r["title"],
                    r["published"],
                    None,
                    dumps(
                        {
                            "id": r["id"],
                            "source": f"bench/{r['id']}",
                            "shape": "plain_text",
                            "body": r["body"],
                            "language": "vi",
                            "title": r["title"],
                            "published": r["published"],
                        }
                    ),
                    seq0 + i + 1,
                    now,
                )
                for i, r in enumerate(rows)
            ],
        )


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(size: int, chunk: int, time_limit: float, db: str | None) -> None:
    path = db or os.path.join(tempfile.mkdtemp(prefix="bench_group_"), "bench.db")
    store = Store(path)
    settings = Settings({"db": path})
    print(f"== {size} articles, chunks of {chunk}, store {path}", flush=True)
    stream = synthetic(size)
    done = 0
    grouping_seconds = 0.0
    started = time.perf_counter()
    while done < size:
        rows = [next(stream) for _ in range(min(chunk, size - done))]
        bulk_insert(store, rows, done)
        t0 = time.perf_counter()
        report = group_pending(store, settings)
        dt = time.perf_counter() - t0
        grouping_seconds += dt
        done += len(rows)
        stories = store.count_stories()
        print(
            f"  stored {done:>8}  chunk {len(rows) / dt:7.1f} art/s  stories {stories:>7}"
            f"  peak RSS {peak_mb():7.0f} MB  ({report.notes[-1] if report.notes else ''})",
            flush=True,
        )
        if time.perf_counter() - started > time_limit:
            print(f"  time limit {time_limit:.0f}s reached at {done} articles", flush=True)
            break
    print(
        f"  => {done} articles grouped in {grouping_seconds:.0f}s: "
        f"{done / grouping_seconds:.1f} articles/s overall, peak RSS {peak_mb():.0f} MB",
        flush=True,
    )
    store.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--chunk", type=int, default=10000)
    ap.add_argument("--time-limit", type=float, default=3600.0, help="Per size, in seconds.")
    ap.add_argument("--db", default=None)
    args = ap.parse_args()
    print(
        f"machine: {platform.platform()}, python {platform.python_version()}, "
        f"{os.cpu_count()} cpus; {date.today().isoformat()}",
        flush=True,
    )
    for size in (int(s) for s in args.sizes.split(",")):
        run(size, min(args.chunk, size), args.time_limit, args.db)


if __name__ == "__main__":
    main()
