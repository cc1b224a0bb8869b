"""How much of an HTML page's article the html reader keeps: the Zyte article-extraction
benchmark (181 pages, ``../shared/data/article-extraction``), scored the benchmark's way.

Each page goes through ``read_document(page, url, shape="html")`` (trafilatura + newsdesk's
cleaning); the body is compared with the gold article body: texts split into whitespace tokens,
token 4-gram shingles, precision and recall per page, means over pages, F1 of the means. A page
the reader refuses counts as precision 0, recall 0. The published figures for comparison:
trafilatura 0.958, newspaper4k 0.949, readability 0.922, whole-page text 0.665.

    .venv/bin/python benchmarks/bench_html_extraction.py
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = (ROOT / ".." / "shared" / "data" / "article-extraction").resolve()


def shingles(text: str, n: int = 4) -> set[tuple[str, ...]]:
    tokens = text.split()
    return {tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1))}


def main() -> int:
    truth_file = DATA / "ground-truth.json"
    if not truth_file.exists():
        print(f"skipped: {DATA} is absent (evaluation data lives beside the project in ../shared)")
        return 0
    from newsdesk.errors import ReadError
    from newsdesk.read import read_document

    truth = json.loads(truth_file.read_text("utf-8"))
    precisions: list[float] = []
    recalls: list[float] = []
    refused: list[str] = []
    started = time.perf_counter()
    for page_id, gold in sorted(truth.items()):
        data = (DATA / "html" / f"{page_id}.html").read_bytes()
        try:
            articles = read_document(data, gold["url"], shape="html")
            body = articles[0].body if articles else ""
        except ReadError as e:
            refused.append(f"{page_id[:12]}: {e.reason}")
            body = ""
        got, want = shingles(body), shingles(gold["articleBody"])
        common = len(got & want)
        precisions.append(common / len(got) if body and got else 0.0)
        recalls.append(common / len(want) if want else 0.0)
    elapsed = time.perf_counter() - started
    p = sum(precisions) / len(precisions)
    r = sum(recalls) / len(recalls)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(f"{len(truth)} pages in {elapsed:.1f} s; refused {len(refused)}")
    for line in refused:
        print(f"  refused {line}")
    print(f"precision {p:.3f}  recall {r:.3f}  F1 {f1:.3f}  (published trafilatura F1 0.958)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
