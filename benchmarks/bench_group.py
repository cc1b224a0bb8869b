"""Grouping speed and memory as the store grows: 10 000, 100 000, 1 000 000 articles.

    .venv/bin/python benchmarks/bench_group.py [--sizes 10000,100000] [--chunk 10000]
                                              [--time-limit SECONDS] [--db PATH] [--lookalike]
    .venv/bin/python benchmarks/bench_group.py --big-story 4000

A synthetic stream: each "event" takes 24 sentences of two VMDS clusters (../shared/data/vmds,
read by path) or of the team's fixture stories, swaps half of their lower-case syllables for
others (the event's own wording), shifts the numbers and repeats four invented names in every
report; each report samples 5-9 of the event's sentences. So articles of one event look alike
and events drawn from the same template share some topic words without copying each other's
sentences. Events are spread over two years in stream order (as news arrives); an event's
reports fall within a few days. ``--lookalike`` is the first generator, whose events of one
template do copy each other (it shows the grouper's bounds hold when stories grow big).

The articles are written to a fresh SQLite store in bulk (setup, not timed); then
``group_pending`` (the production stage: store reads, grouping, store writes) runs once per
``--chunk`` new articles, and each chunk's articles per second (wall clock, and per CPU second
of the process: the figure that does not depend on what else the machine runs), the stored total
and the peak resident memory are printed, so that a flat cost per article shows as a flat line.
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

import numpy as np

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


def _event_sentences(
    rng: random.Random, pool: list[list[str]], syllables: list[str], facts: int, swap: float
) -> list[str]:
    """The sentences of one invented event: ``facts`` sentences drawn from two templates, with
    a share ``swap`` of their syllables replaced by others (one substitute per syllable, the
    same in every report of the event), so that two events drawn from one template share some
    of their topic's words but do not copy each other's sentences."""
    sents = pool[rng.randrange(len(pool))] + pool[rng.randrange(len(pool))]
    chosen = rng.sample(sents, min(len(sents), facts))
    if swap <= 0:
        return chosen
    vocab = sorted({w for s in chosen for w in s.split() if w.isalpha()})
    table = {w.lower(): rng.choice(syllables) for w in vocab if rng.random() < swap and w.islower()}

    def sub(word: str) -> str:
        return table.get(word, word) if word.islower() else word

    return [" ".join(sub(w) for w in s.split()) for s in chosen]


def synthetic(n: int, seed: int = 7, *, lookalike: bool = False):
    """Events: sentences of two templates mixed, with event-specific names, places and numbers
    repeated in every report of the event (as real reports of one event share their names).

    By default an event keeps 24 sentences of its two templates and swaps half of their
    lower-case syllables for others of the pool (the same swap in every report of the event);
    its reports each take 5-9 of those 24. ``lookalike`` is the first generator (kept to show the
    grouper stays bounded when events do look alike): every report samples the two templates'
    sentences as they are, so at a million articles over two years some 300 events of one
    template fall within one 60-day window, copy each other's sentences and merge into
    ever-growing stories."""
    rng = random.Random(seed)
    pool = templates()
    syllables = sorted({w for sents in pool for s in sents for w in s.split() if w.isalpha()})
    lower = [w for w in syllables if w.islower()]
    start = date(2024, 1, 1)
    made = 0
    event = 0
    while made < n:
        event += 1
        if lookalike:
            sents = pool[rng.randrange(len(pool))] + pool[rng.randrange(len(pool))]
        else:
            sents = _event_sentences(rng, pool, lower, 24, 0.5)
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
                "event": event,
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


def event_bcubed(store: Store, events: np.ndarray) -> tuple[float, float, float, int]:
    """B-cubed precision, recall and F1 of the stories against the generator's events (a sanity
    check that the synthetic stream is grouped, not a quality measure), and the story count."""
    rows = store.query("SELECT article_id, story_id FROM story_members")
    ids = {sid: i for i, sid in enumerate(sorted({r["story_id"] for r in rows}))}
    pred = np.array([ids[r["story_id"]] for r in rows], dtype=np.int64)
    gold = np.array([events[int(r["article_id"][1:]) - 1] for r in rows], dtype=np.int64)
    _, pair_inv, pair_n = np.unique(
        pred * (1 << 31) + gold, return_inverse=True, return_counts=True
    )
    _, pred_inv, pred_n = np.unique(pred, return_inverse=True, return_counts=True)
    _, gold_inv, gold_n = np.unique(gold, return_inverse=True, return_counts=True)
    both = pair_n[pair_inv].astype(np.float64)
    precision = float(np.mean(both / pred_n[pred_inv]))
    recall = float(np.mean(both / gold_n[gold_inv]))
    return precision, recall, 2 * precision * recall / (precision + recall), len(ids)


def run(size: int, chunk: int, time_limit: float, db: str | None, lookalike: bool) -> None:
    path = db or os.path.join(tempfile.mkdtemp(prefix="bench_group_"), "bench.db")
    store = Store(path)
    settings = Settings({"db": path})
    kind = "look-alike events" if lookalike else "distinct events"
    print(f"== {size} articles ({kind}), chunks of {chunk}, store {path}", flush=True)
    stream = synthetic(size, lookalike=lookalike)
    events = np.zeros(size, dtype=np.int32)
    done = 0
    grouping_seconds = 0.0
    cpu_seconds = 0.0  # the process's CPU time: what the grouping costs when it has a core alone
    started = time.perf_counter()
    while done < size:
        rows = [next(stream) for _ in range(min(chunk, size - done))]
        for i, r in enumerate(rows):
            events[done + i] = r["event"]
        bulk_insert(store, rows, done)
        t0, c0 = time.perf_counter(), time.process_time()
        report = group_pending(store, settings)
        dt, cpu = time.perf_counter() - t0, time.process_time() - c0
        grouping_seconds += dt
        cpu_seconds += cpu
        done += len(rows)
        stories = store.count_stories()
        print(
            f"  {time.strftime('%H:%M:%S', time.gmtime())}"
            f"  stored {done:>8}  chunk {len(rows) / dt:7.1f} art/s"
            f" ({len(rows) / cpu:6.1f} per CPU-s)  stories {stories:>7}"
            f"  peak RSS {peak_mb():7.0f} MB  ({report.notes[-1] if report.notes else ''})",
            flush=True,
        )
        if time.perf_counter() - started > time_limit:
            print(f"  time limit {time_limit:.0f}s reached at {done} articles", flush=True)
            break
    print(
        f"  => {done} articles grouped in {grouping_seconds:.0f}s: "
        f"{done / grouping_seconds:.1f} articles/s overall ({done / cpu_seconds:.1f} per CPU"
        f" second), peak RSS {peak_mb():.0f} MB",
        flush=True,
    )
    precision, recall, f1, stories = event_bcubed(store, events[:done])
    print(
        f"  stories against the generator's {len(set(events[:done].tolist()))} events: {stories};"
        f" B-cubed P {precision:.3f} R {recall:.3f} F1 {f1:.3f}",
        flush=True,
    )
    store.close()


def big_story(n: int) -> None:
    """Running stories of ``n`` reports in all (the team's three flood reports re-filed, each
    with three new sentences of names and figures): articles per CPU second as they grow, and
    the size of the biggest story's summed vector and of the member records it holds. In
    memory, no store: the cost of one story's growth alone."""
    from newsdesk.group.cluster import Grouper
    from newsdesk.group.features import article_doc
    from newsdesk.group.params import DEFAULT
    from newsdesk.model import Article

    rows = json.loads((ROOT / "tests" / "fixtures" / "group" / "articles.json").read_text("utf-8"))
    flood = [r for r in rows if r["story"] == "lu"]
    rng = random.Random(1)
    names = [
        "an",
        "bao",
        "cam",
        "dao",
        "giang",
        "hoa",
        "khanh",
        "lam",
        "minh",
        "ngoc",
        "phuong",
        "quang",
        "son",
        "thanh",
        "tuan",
        "vinh",
    ]
    grouper = Grouper(DEFAULT)
    print(f"== growing stories: {n} reports in all, in memory", flush=True)
    cpu = time.process_time()
    for i in range(n):
        r = flood[i % len(flood)]
        extra = " ".join(
            f"Ông {rng.choice(names).title()} {rng.choice(names).title()} cho biết có"
            f" {rng.randint(10, 9999)} hộ dân bị ảnh hưởng."
            for _ in range(3)
        )
        article = Article(
            id=f"r{i:06d}",
            source=f"bench/r{i:06d}",
            shape="plain_text",
            body=r["body"] + "\n\n" + extra,
            language="vi",
            title=r["title"],
            published=r["published"],
        )
        grouper.assign(article_doc(article, None, DEFAULT))
        if (i + 1) % 500 == 0:
            big = max(grouper.stories.values(), key=lambda s: s.n)
            print(
                f"  {i + 1:>7} reports  {500 / (time.process_time() - cpu):6.0f} per CPU-s"
                f"  biggest story: {big.n} members, {len(big.ckeys)} summed terms,"
                f" {len(big.members)} records held  (stories {len(grouper.stories)})",
                flush=True,
            )
            cpu = time.process_time()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--chunk", type=int, default=10000)
    ap.add_argument("--time-limit", type=float, default=3600.0, help="Per size, in seconds.")
    ap.add_argument("--db", default=None)
    ap.add_argument(
        "--lookalike",
        action="store_true",
        help="The first generator: events of one template copy each other's sentences.",
    )
    ap.add_argument(
        "--big-story",
        type=int,
        default=0,
        help="Instead: grow running stories to this many reports in all (in memory).",
    )
    args = ap.parse_args()
    print(
        f"machine: {platform.platform()}, python {platform.python_version()}, "
        f"{os.cpu_count()} cpus; {date.today().isoformat()}",
        flush=True,
    )
    if args.big_story:
        big_story(args.big_story)
        return
    for size in (int(s) for s in args.sizes.split(",")):
        run(size, min(args.chunk, size), args.time_limit, args.db, args.lookalike)


if __name__ == "__main__":
    main()
