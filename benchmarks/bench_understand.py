"""Speed of the understand stage on VMDS bodies: articles per second, per sub-step, in one and
two processes, end to end into a store, and the ratio to underthesea's own ``ner()``.

    .venv/bin/python benchmarks/bench_understand.py [--limit N] [--skip-ner]

Reads ``../shared/data/vmds`` (skips, saying why, when absent). ``ner()`` runs in a separate
process with the network blocked (HF_HUB_OFFLINE=1 and an unreachable proxy): if its model
cannot be loaded offline the benchmark says so instead of downloading anything.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VMDS = (ROOT / ".." / "shared" / "data" / "vmds" / "clusters").resolve()

NER_SCRIPT = r"""
import sys, time, json
from underthesea import ner
texts = json.load(sys.stdin)
ner(texts[0][:200])
start = time.perf_counter()
for t in texts:
    ner(t)
print(json.dumps({"seconds": time.perf_counter() - start, "n": len(texts)}))
"""


def load_articles(limit: int):
    from newsdesk.model import Article

    out = []
    for body_path in sorted(VMDS.glob("cluster_*/*.body.txt")):
        info = body_path.with_name(body_path.name.replace(".body.txt", ".info.txt"))
        published = None
        if info.exists():
            for line in info.read_text(encoding="utf-8").splitlines():
                if line.startswith("TIME:"):
                    stamp = line.split(":", 1)[1].strip()
                    published = datetime.strptime(stamp, "%d/%m/%Y %H:%M").date().isoformat()
        body = body_path.read_text(encoding="utf-8")
        out.append(
            Article(
                id=body_path.stem.split(".")[0],
                source=str(body_path),
                shape="plain_text",
                body=body,
                published=published,
                language="vi",
            )
        )
        if len(out) >= limit:
            break
    return out


def timed(label: str, fn, items) -> float:
    start = time.perf_counter()
    for item in items:
        fn(item)
    seconds = time.perf_counter() - start
    print(
        f"  {label:<28} {len(items) / seconds:8.1f} articles/s   {1000 * seconds / len(items):7.2f} ms/article"
    )
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=10_000)
    parser.add_argument("--skip-ner", action="store_true")
    args = parser.parse_args()
    if not VMDS.exists():
        print(f"skipped: {VMDS} is absent (evaluation data lives beside the project in ../shared)")
        return
    from newsdesk.understand import analyse_article, understand_pending
    from newsdesk.understand.dates import date_spans, dates_in_spans, parse_anchor
    from newsdesk.understand.entities import entities_in_spans
    from newsdesk.understand.figures import figures_in_spans
    from newsdesk.understand.lang import detect_language
    from newsdesk.understand.quotes import quotes_in_spans
    from newsdesk.understand.sentences import sentence_spans
    from newsdesk.understand.vi import keywords

    articles = load_articles(args.limit)
    chars = sum(len(a.body) for a in articles) / len(articles)
    print(
        f"machine: {platform.platform()}, python {platform.python_version()}, "
        f"{os.cpu_count()} cpus; {datetime.now().date()}"
    )
    print(f"{len(articles)} VMDS articles, {chars:.0f} characters on average")
    analyse_article(articles[0])  # warm up: models, lexicons, compiled patterns

    print("sub-steps (one process):")
    spans = {a.id: sentence_spans(a.body) for a in articles}
    timed("sentences", lambda a: sentence_spans(a.body), articles)
    timed("language", lambda a: detect_language(a.body), articles)
    timed("words (word_tokenize)", lambda a: keywords(a.body, "vi"), articles)
    timed("entities", lambda a: entities_in_spans(a.body, spans[a.id]), articles)
    timed(
        "dates", lambda a: dates_in_spans(a.body, spans[a.id], parse_anchor(a.published)), articles
    )
    timed(
        "figures",
        lambda a: figures_in_spans(a.body, spans[a.id], date_spans(a.body, spans[a.id])),
        articles,
    )
    people = {a.id: entities_in_spans(a.body, spans[a.id])[0] for a in articles}
    timed("quotes", lambda a: quotes_in_spans(a.body, spans[a.id], people[a.id]), articles)

    print("whole stage:")
    one = timed("analyse_article, 1 process", analyse_article, articles)
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(analyse_article, articles, chunksize=8))
    two = time.perf_counter() - start
    print(
        f"  {'analyse_article, 2 processes':<28} {len(articles) / two:8.1f} articles/s   "
        f"(includes starting the workers)"
    )

    from newsdesk.config import Settings
    from newsdesk.store import Store

    for workers in (1, 2):
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "bench.db")
            for a in articles:
                store.put_article(a)
            start = time.perf_counter()
            report = understand_pending(
                store, Settings({"db": str(store.path), "understand_workers": workers})
            )
            seconds = time.perf_counter() - start
            store.close()
        print(
            f"  {'understand_pending, ' + str(workers) + ' proc':<28} "
            f"{report.done / seconds:8.1f} articles/s   (store + registry; {report.done} done)"
        )

    if args.skip_ner:
        return
    print("underthesea ner() (separate process, network blocked):")
    texts = [a.body for a in articles[:60]]
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "http_proxy": "http://127.0.0.1:9",
        "https_proxy": "http://127.0.0.1:9",
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
        "no_proxy": "",
    }
    import json

    try:
        done = subprocess.run(
            [sys.executable, "-c", NER_SCRIPT],
            input=json.dumps(texts),
            capture_output=True,
            text=True,
            env=env,
            timeout=900,
            check=False,
        )
    except subprocess.TimeoutExpired:
        print("  could not be measured: ner() took longer than 15 minutes")
        return
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no message"])[-1]
        print(f"  could not be measured offline: {reason}")
        return
    result = json.loads(done.stdout.strip().splitlines()[-1])
    ner_rate = result["n"] / result["seconds"]
    ours = len(articles) / one
    print(
        f"  ner() on {result['n']} articles: {ner_rate:.1f} articles/s; the whole understand "
        f"stage is {ours / ner_rate:.1f}x faster than ner() alone"
    )


if __name__ == "__main__":
    main()
