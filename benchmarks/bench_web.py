"""Web reader speed: requests per second and p50/p95 latency of the story page and of search on
a store of at least 100 000 articles, measured by a load tool in a second process on loopback.

    .venv/bin/python benchmarks/bench_web.py [--articles 100000] [--duration 15] [--keep DIR]

1. builds the store from the team's fixtures (the web fixture corpus and the Vietnamese texts
   under tests/fixtures/ and samples/): articles re-assembled from their sentences, each with an
   understanding (people through the real registry) and stories of ~10 articles with a
   timeline, people, figures and a disagreement, then the search index;
2. starts ``newsdesk serve`` (uvicorn, one process) on 127.0.0.1;
3. drives it with wrk (Debian's, a Lua script cycling through story slugs or search queries
   and printing p50/p95/p99), or with a bounded Python load client in a subprocess when wrk is
   absent; prints the figures and the machine. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "web"))

from newsdesk.model import (  # noqa: E402
    Article,
    Citation,
    Disagreement,
    Entity,
    Event,
    Mention,
    PersonEntry,
    Side,
    Story,
    StoryArticle,
    StoryFigure,
    TimeRef,
    Understanding,
)
from newsdesk.store import Store  # noqa: E402
from newsdesk.store.understand import StoreRegistry  # noqa: E402
from newsdesk.understand.names import resolve  # noqa: E402

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
]
MIDDLE = ["Văn", "Thị", "Hữu", "Minh", "Quốc", "Thanh", "Đức", "Ngọc", "Xuân", "Hoài"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hùng",
    "Khoa",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phong",
    "Quân",
    "Sơn",
    "Thảo",
    "Trang",
    "Tuấn",
    "Việt",
    "Yến",
]
ROLES = [
    "Chủ tịch UBND tỉnh",
    "Giám đốc Sở Giao thông",
    "Bộ trưởng Bộ Công Thương",
    "Phó Thủ tướng",
    "Thủ tướng",
    "Tổng giám đốc",
    "chuyên gia kinh tế",
    "Đại sứ",
]
OUTLETS = [
    "Báo Sông Hàn",
    "Tin Nhanh Miền Trung",
    "Thời Báo Nông Nghiệp",
    "Tin Tức Thủ Đô",
    "Báo Cần Thơ Mới",
    "Nhịp Sống Số",
    "Kinh Tế Hôm Nay",
    "Thể Thao 24",
    "Đời Sống Việt",
    "Báo Đà Lạt",
    "Hải Phòng Ngày Nay",
    "Tây Nguyên Online",
]


def sentence_pool() -> list[str]:
    """Vietnamese sentences from the team's fixtures (tests/fixtures/**, samples/**), deduplicated."""
    from web_corpus import load_corpus

    pool: list[str] = []
    corpus = load_corpus()
    for u in corpus.understandings.values():
        pool += u.sentences
    paths = [*(ROOT / "tests" / "fixtures").rglob("*"), *(ROOT / "samples").rglob("*")]
    for path in sorted(paths):
        if path.suffix not in (".txt", ".md") or not path.is_file():
            continue
        try:
            text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, OSError):
            continue
        for s in re.split(r"(?<=[.!?])\s+", text):
            s = " ".join(s.split())
            if 40 <= len(s) <= 400 and re.search(
                r"[ạảãàáâậầấẩẫăắằặẳẵđêềếểễệôồốổỗộơờớởỡợưừứửữự]", s
            ):
                pool.append(s)
    return list(dict.fromkeys(pool))


def build_store(path: Path, n_articles: int, seed: int = 7) -> dict:
    rng = random.Random(seed)
    pool = sentence_pool()
    store = Store(path)
    registry = StoreRegistry(store)
    people = []
    for i in range(400):
        name = f"{FAMILY[i % 16]} {MIDDLE[(i // 16) % 10]} {GIVEN[(i * 7) % 25]}"
        if name in {p[1] for p in people}:
            continue
        eid, canonical = resolve(registry, "person", name, [name])
        people.append((eid, canonical, ROLES[i % len(ROLES)]))
    started = time.perf_counter()
    per_story = 10
    stories: list[Story] = []
    with store.transaction():
        members: list[tuple[Article, Understanding]] = []
        for i in range(n_articles):
            day = f"{2023 + (i % 3)}-{1 + (i // 3) % 12:02d}-{1 + (i // 36) % 28:02d}"
            eid, name, role = people[(i // per_story) % len(people)]
            lead = f"Ông {name}, {role}, cho biết kế hoạch sẽ được triển khai ngay trong tháng này."
            sentences = [lead] + rng.sample(pool, k=min(len(pool), rng.randint(6, 14)))
            sentences = [s.replace("15/3", f"{1 + i % 28}/{1 + i % 12}") for s in sentences]
            paragraphs = [" ".join(sentences[j : j + 3]) for j in range(0, len(sentences), 3)]
            body = "\n\n".join(paragraphs)
            aid = f"{i:016x}"
            article = Article(
                id=aid,
                source=f"bench/{i}.txt",
                shape="plain_text",
                language="vi",
                title=sentences[1][:90].rstrip(".") + f" ({i})",
                body=body,
                published=day,
                outlet=OUTLETS[i % len(OUTLETS)],
                authors=[f"{GIVEN[i % 25]} {FAMILY[i % 16]}"],
            )
            u = Understanding(
                article_id=aid,
                language="vi",
                sentences=sentences,
                anchor=day,
                people=[
                    Entity(
                        name=name,
                        kind="person",
                        roles=[role],
                        id=eid,
                        mentions=[Mention(text=name, sentence=0)],
                    )
                ],
                dates=[
                    TimeRef(
                        text="tháng này", value=day[:7], granularity="month", sentence=0, anchor=day
                    )
                ],
            )
            store.put_article(article)
            store.put_understanding(u)
            members.append((article, u))
            if len(members) == per_story:
                stories.append(make_story(len(stories), members, rng))
                members = []
        for story in stories:
            store.put_story(story)
            for k, member in enumerate(story.articles):
                store.put_member(member.id, story.id, 1.0, "bench", None, k, member.id)
    built = time.perf_counter() - started
    started = time.perf_counter()
    counts = store.update_search_index()
    indexed = time.perf_counter() - started
    store.close()
    return {
        "articles": n_articles,
        "stories": len(stories),
        "build_s": round(built, 1),
        "index_s": round(indexed, 1),
        "indexed": counts,
        "slugs": [s.slug for s in stories],
        "titles": [s.title for s in stories],
    }


def make_story(n: int, members: list[tuple[Article, Understanding]], rng: random.Random) -> Story:
    first_article, first_u = members[0]
    title = first_article.title or f"Câu chuyện {n}"
    cite = [Citation(article=a.id, sentence=0, text=u.sentences[0]) for a, u in members[:3]]
    timeline = [
        Event(
            date=a.published or "2024-01-01",
            granularity="day",
            text=u.sentences[1][:160],
            citations=[Citation(article=a.id, sentence=1, text=u.sentences[1])],
            planned=(k == len(members) - 1),
        )
        for k, (a, u) in enumerate(members[:6])
    ]
    person = first_u.people[0]
    return Story(
        id=f"st-{n:06d}",
        title=title,
        slug=f"cau-chuyen-{n:06d}",
        description=" ".join(first_u.sentences[1:3])[:300],
        created_at=f"{first_article.published} 08:00:00",
        updated_at=f"{members[-1][0].published} 09:{n % 60:02d}:00",
        use=True,
        articles=[
            StoryArticle(id=a.id, source=a.source, outlet=a.outlet, published=a.published)
            for a, _ in members
        ],
        timeline=timeline,
        people=[
            PersonEntry(
                name=person.name,
                roles=person.roles,
                articles=len(members),
                entity_id=person.id,
                mentions=[person.name],
            )
        ],
        figures=[
            StoryFigure(
                text=f"{rng.randint(2, 900)} tỷ đồng",
                value=1.0,
                unit="VND",
                of="tổng vốn",
                citations=cite[:1],
            )
        ],
        disagreements=[
            Disagreement(
                topic="Tổng vốn",
                sides=[
                    Side(value="1.200 tỷ đồng", citations=cite[:1]),
                    Side(value="1.250 tỷ đồng", citations=cite[1:2]),
                ],
            )
        ],
    )


def strip_marks(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


WRK_SCRIPT = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%.1f %%.1f %%.1f\\n", summary.requests,
    summary.duration, summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.timeout, latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    latency:percentile(99) / 1000))
end
"""

PY_CLIENT = r"""
import http.client, json, sys, time, threading
host, port, paths_file, duration, conns = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
paths = open(paths_file, encoding="utf-8").read().split()
lat, errors, lock = [], [0], threading.Lock()
def worker(k):
    c = http.client.HTTPConnection(host, port); i = k; end = time.perf_counter() + duration
    while time.perf_counter() < end:
        t = time.perf_counter(); c.request("GET", paths[i % len(paths)]); r = c.getresponse(); r.read()
        d = (time.perf_counter() - t) * 1000
        with lock:
            lat.append(d)
            if r.status != 200: errors[0] += 1
        i += conns
threads = [threading.Thread(target=worker, args=(k,)) for k in range(conns)]
start = time.perf_counter(); [t.start() for t in threads]; [t.join() for t in threads]
took = time.perf_counter() - start; lat.sort()
q = lambda p: lat[min(len(lat) - 1, int(p / 100 * len(lat)))]
print("RESULT", len(lat), int(took * 1e6), errors[0], round(q(50), 1), round(q(95), 1), round(q(99), 1))
"""


def load(
    name: str, port: int, paths: list[str], duration: float, conns: int, workdir: Path
) -> dict:
    paths_file = workdir / f"{name}.paths"
    paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
    if shutil.which("wrk"):
        script = workdir / f"{name}.lua"
        script.write_text(WRK_SCRIPT % paths_file, encoding="utf-8")
        cmd = [
            "wrk",
            "-t1",
            f"-c{conns}",
            f"-d{int(duration)}s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}",
        ]
        tool = "wrk"
    else:
        cmd = [
            sys.executable,
            "-c",
            PY_CLIENT,
            "127.0.0.1",
            str(port),
            str(paths_file),
            str(duration),
            str(conns),
        ]
        tool = "python http.client"
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("RESULT"))
    n, micros, errors, p50, p95, p99 = line.split()[1:]
    return {
        "page": name,
        "tool": tool,
        "connections": conns,
        "requests": int(n),
        "rps": round(int(n) / (int(micros) / 1e6), 1),
        "errors": int(errors),
        "p50_ms": float(p50),
        "p95_ms": float(p95),
        "p99_ms": float(p99),
    }


def run_server(
    db: Path,
    workdir: Path,
    story_paths: list[str],
    queries: list[str],
    args: argparse.Namespace,
) -> list[dict]:
    """``newsdesk serve`` in its own process group, loaded, then stopped."""
    port = free_port()
    env = {**os.environ, "NEWSDESK_OUT": str(workdir / "out")}
    cmd = [
        str(Path(sys.executable).parent / "newsdesk"),
        "--db",
        str(db),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    server = subprocess.Popen(
        cmd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    results = []
    try:
        for _ in range(1200):
            if server.poll() is not None:
                raise SystemExit(f"newsdesk serve stopped: {server.stdout.read()}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("newsdesk serve did not listen within 120 s")
        time.sleep(1)
        for conns in args.connections:
            load("warmup", port, story_paths[:50] + queries[:50], 2, conns, workdir)
            for page, paths in (("story", story_paths), ("search", queries)):
                r = load(page, port, paths, args.duration, conns, workdir)
                results.append(r)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    return results


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--duration", type=float, default=15)
    ap.add_argument("--connections", type=int, nargs="+", default=[1, 4])
    ap.add_argument("--keep", type=Path, help="keep the store in this folder (reused if present)")
    args = ap.parse_args()
    workdir = args.keep or Path(tempfile.mkdtemp(prefix="bench-web-"))
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "bench.db"
    meta_file = workdir / "meta.json"
    if db.exists() and meta_file.exists():
        meta = json.loads(meta_file.read_text())
    else:
        meta = build_store(db, args.articles)
        meta_file.write_text(json.dumps(meta, ensure_ascii=False))
    print(
        f"store: {meta['articles']} articles, {meta['stories']} stories "
        f"(built in {meta['build_s']} s, search index in {meta['index_s']} s), "
        f"{db.stat().st_size / 1e6:.0f} MB"
    )
    rng = random.Random(1)
    story_paths = [
        f"/stories/{s}" for s in rng.sample(meta["slugs"], k=min(500, len(meta["slugs"])))
    ]
    queries = []
    for title in rng.sample(meta["titles"], k=min(300, len(meta["titles"]))):
        words = [w for w in re.findall(r"[^\W\d_]+", strip_marks(title).lower()) if len(w) > 1]
        if len(words) >= 2:
            k = rng.randint(0, len(words) - 2)
            queries.append("/search?q=" + "+".join(words[k : k + rng.choice((2, 3))]))
    results = run_server(db, workdir, story_paths, queries, args)
    print(
        f"machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    print(
        f"{'page':8} {'conns':>5} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'errors':>6}  tool"
    )
    for r in results:
        print(
            f"{r['page']:8} {r['connections']:>5} {r['rps']:>8} "
            f"{r['p50_ms']:>8} {r['p95_ms']:>8} {r['p99_ms']:>8} {r['errors']:>6}  {r['tool']}"
        )
    targets = {"story": 50, "search": 100}
    for r in results:
        verdict = "meets" if r["p95_ms"] < targets[r["page"]] else "MISSES"
        print(
            f"{r['page']} ({r['connections']} connection(s)): "
            f"p95 {r['p95_ms']} ms {verdict} the target of {targets[r['page']]} ms"
        )
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
