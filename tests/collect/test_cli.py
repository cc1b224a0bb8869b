"""The commands: sources add|list|remove, collect (loopback only when allowed), and watch
stopped with SIGTERM mid-pass then restarted (a real subprocess against the fixture site)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app
from newsdesk.store import Store

from .site_server import FixtureSite

runner = CliRunner()


def invoke(db: Path, *args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, ["--db", str(db), *args], env=env)


def test_sources_add_list_remove(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    result = invoke(
        db, "sources", "add", "https://vnexpress.net/rss/tin-moi-nhat.rss", "--language", "vi"
    )
    assert result.exit_code == 0, result.output
    assert (
        "following #1 https://vnexpress.net/rss/tin-moi-nhat.rss (feed, every 15m)" in result.output
    )
    result = invoke(
        db, "sources", "add", "https://www.nhk.or.jp/sitemap-news.xml", "--every", "1h30m"
    )
    assert "(sitemap, every 1h30m)" in result.output
    result = invoke(
        db,
        "sources",
        "add",
        "https://tuoitre.vn/tin-moi-nhat.htm",
        "--selector",
        "h3.box-title-text a",
    )
    assert "(listing, every 15m)" in result.output
    result = invoke(db, "sources", "add", "https://example.org/one-story.html", "--kind", "page")
    assert "(page, every 15m)" in result.output
    # adding again updates, it does not duplicate
    result = invoke(
        db, "sources", "add", "https://vnexpress.net/rss/tin-moi-nhat.rss", "--every", "5m"
    )
    assert "updated #1" in result.output
    store = Store(db)
    rows = store.list_sources()
    assert [(r["kind"], r["every"], r["language"]) for r in rows] == [
        ("feed", 300, None),
        ("sitemap", 5400, None),
        ("listing", 900, None),
        ("page", 900, None),
    ]
    assert rows[2]["selector"] == "h3.box-title-text a"
    store.close()
    listed = invoke(db, "sources", "list")
    assert listed.exit_code == 0
    assert all(word in listed.output for word in ("feed", "sitemap", "listing", "1h30m", "never"))
    assert invoke(db, "sources", "remove", "2").exit_code == 0
    assert invoke(db, "sources", "remove", "https://example.org/one-story.html").exit_code == 0
    missing = invoke(db, "sources", "remove", "https://nowhere.example/")
    assert missing.exit_code == 1 and "no such source" in missing.output
    assert len(Store(db).list_sources()) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ftp://example.org/feed"], "only http and https URLs are fetched (scheme: ftp)"),
        (["https://example.org/feed", "--every", "soon"], "cannot read duration 'soon'"),
        (["https://example.org/feed", "--kind", "podcast"], "--kind podcast: expected one of"),
        (["https://example.org/", "--kind", "feed", "--selector", "a"], "--selector only applies"),
        (["https://example.org/feed", "--language", "Vietnamese"], "write a language code"),
    ],
)
def test_sources_add_refuses_bad_input(tmp_path: Path, args: list[str], message: str) -> None:
    result = invoke(tmp_path / "s.db", "sources", "add", *args)
    assert result.exit_code == 2
    assert message in result.output


def test_collect_refuses_loopback_unless_allowed(site: FixtureSite, tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    invoke(db, "sources", "add", site.url("/chuoi/chuoi.rss"))
    refused = invoke(db, "collect", "--no-process")
    assert refused.exit_code == 1
    assert "refused: 127.0.0.1 is a loopback address" in refused.output
    assert site.hits() == []  # refused before any packet
    env = {
        "NEWSDESK_ALLOW_LOOPBACK": "1",
        "NEWSDESK_HOST_DELAY": "0",
        "NEWSDESK_FETCH_IMAGES": "0",
        "NEWSDESK_OUT": str(tmp_path / "out"),
    }
    result = invoke(db, "collect", "--no-process", "--all", env=env)
    assert result.exit_code == 0, result.output
    assert "collect: 1 source(s) read (0 unchanged), 6 page(s) fetched" in result.output
    assert Store(db).count_articles() == 6


def test_collect_processes_like_run(site: FixtureSite, tmp_path: Path, monkeypatch) -> None:
    calls: list[dict] = []

    def fake_run(store, paths, settings, *, publish, out, progress=None):
        calls.append({"paths": list(paths), "publish": publish, "articles": store.count_articles()})
        return []

    monkeypatch.setattr("newsdesk.pipeline.run", fake_run)
    db = tmp_path / "p.db"
    invoke(db, "sources", "add", site.url("/chuoi/chuoi.rss"))
    result = invoke(
        db,
        "collect",
        "--allow-loopback",
        "--no-publish",
        env={"NEWSDESK_HOST_DELAY": "0", "NEWSDESK_FETCH_IMAGES": "0"},
    )
    assert result.exit_code == 0, result.output
    assert calls == [{"paths": [], "publish": False, "articles": 6}]


def _newsdesk(db: Path, out: Path, *args: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "NEWSDESK_DB": str(db),
        "NEWSDESK_OUT": str(out),
        "NEWSDESK_HOST_DELAY": "0",
        "NEWSDESK_COLLECT_WORKERS": "1",
        "NEWSDESK_FETCH_IMAGES": "0",
        "COLUMNS": "120",
    }
    code = "from newsdesk.cli import main; main()"
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _wait_for(condition, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def test_watch_stopped_by_sigterm_then_restarted_loses_and_repeats_nothing(
    site: FixtureSite, tmp_path: Path
) -> None:
    site.page_delay = 0.4
    db, out = tmp_path / "w.db", tmp_path / "out"
    store = Store(db)
    store.add_source(site.url("/chuoi/chuoi.rss"), "feed", 900, language="vi")
    store.close()

    first = _newsdesk(db, out, "watch", "--allow-loopback", "--no-process")
    _wait_for(lambda: site.hits("/chuoi/bai-2.html"))
    first.send_signal(signal.SIGTERM)
    stdout, stderr = first.communicate(timeout=30)
    assert first.returncode == 0, stderr
    assert "watch stopped after 1 pass(es)" in stdout

    store = Store(db)
    kept = store.count_articles()
    queued = len(store.fetch_rows(state="queued"))
    assert 2 <= kept < 6  # the page in flight was finished and stored, the rest left queued
    assert kept + queued == 6
    store.close()

    second = _newsdesk(db, out, "watch", "--allow-loopback", "--no-process")
    _wait_for(lambda: Store(db).count_articles() == 6)
    second.send_signal(signal.SIGTERM)
    _, stderr = second.communicate(timeout=30)
    assert second.returncode == 0, stderr

    for n in range(1, 7):
        assert [h.status for h in site.hits(f"/chuoi/bai-{n}.html")] == [200], n
    assert [h.status for h in site.hits("/chuoi/chuoi.rss")] == [200]  # not due again yet
    assert [h.status for h in site.hits("/robots.txt")] == [200]  # kept in the store
    store = Store(db)
    assert {r["state"] for r in store.fetch_rows()} == {"fetched"}
    assert len(store.raw_page_rows()) == 6
    store.close()


def test_one_collector_at_a_time(tmp_path: Path) -> None:
    import socket as _socket

    from newsdesk.sources.collect import CollectBusy, collect_lock

    db = tmp_path / "l.db"
    store = Store(db)
    live = {
        "pid": os.getpid(),
        "host": _socket.gethostname(),
        "token": "other",
        "beat": "2025-11-06 12:00:00",
    }
    store.set_state("collect:running", live)
    with pytest.raises(CollectBusy, match=f"pid {os.getpid()}"), collect_lock(store):
        pass
    result = invoke(db, "collect", "--no-process")
    assert result.exit_code == 1 and "another collector is running on this store" in result.output
    finished = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    store.set_state("collect:running", {**live, "pid": int(finished.stdout)})  # a dead process
    with collect_lock(store) as owner:
        assert store.get_state("collect:running")["token"] == owner["token"]
    assert store.get_state("collect:running") is None
    store.close()


def test_removing_a_source_forgets_its_unfetched_pages(tmp_path: Path) -> None:
    store = Store(tmp_path / "r.db")
    source_id, _ = store.add_source("https://example.org/feed.rss", "feed", 900)
    with store.transaction():
        store.queue_url(
            "https://example.org/a",
            "https://example.org/a",
            source_id=source_id,
            now="2025-11-06 12:00:00",
        )
        store.queue_url(
            "https://example.org/b",
            "https://example.org/b",
            source_id=source_id,
            now="2025-11-06 12:00:00",
        )
        store.record_fetch("https://example.org/b", state="fetched")
    assert store.remove_source("https://example.org/feed.rss")
    assert [(r["url"], r["state"], r["source_id"]) for r in store.fetch_rows()] == [
        ("https://example.org/b", "fetched", None)
    ]
    store.close()


def test_collect_one_source_by_number(site: FixtureSite, tmp_path: Path) -> None:
    db = tmp_path / "o.db"
    invoke(db, "sources", "add", site.url("/chuoi/chuoi.rss"))
    invoke(db, "sources", "add", site.url("/feeds/nhat-ban.atom"), "--language", "ja")
    env = {"NEWSDESK_HOST_DELAY": "0", "NEWSDESK_FETCH_IMAGES": "0", "NEWSDESK_OUT": str(tmp_path)}
    unknown = invoke(db, "collect", "--allow-loopback", "--no-process", "--source", "9", env=env)
    assert unknown.exit_code == 2 and "--source 9: no such source" in unknown.output
    result = invoke(db, "collect", "--allow-loopback", "--no-process", "--source", "2", env=env)
    assert result.exit_code == 0, result.output
    assert "/chuoi/chuoi.rss" not in site.paths()
    store = Store(db)
    assert sorted(a.title for a in store.iter_articles()) == [
        "新米の店頭価格、前年より２割高く",
        "東北地方で震度４の地震 津波の心配なし",
    ]
    store.close()
