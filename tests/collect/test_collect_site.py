"""Collect passes against the loopback fixture site (tests/fixtures/collect/site)."""

from __future__ import annotations

import shutil
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PIL import Image

from newsdesk.sources.collect import collect_once
from newsdesk.sources.reread import reread
from newsdesk.store import Store

from .conftest import make_fetcher, quick_settings, refuse_non_loopback
from .site_server import LAST_MODIFIED, FixtureSite

ARTICLE_PATHS = {
    "/tin/lu-mien-trung.html",
    "/tin/gia-lua.html",
    "/tin/cang-bien.html",
    "/tin/dien-mat-troi.html",
    "/tin/hop-bao.html",
    "/jp/jishin.html",
    "/jp/kome.html",
}
FAILURES = {
    "/loi/500.html": ("failed", "HTTP 500"),
    "/loi/khong-co.html": ("failed", "HTTP 404 (not found)"),
    "/loi/da-go.html": ("gone", "HTTP 410 (gone)"),
    "/lon/khong-lo.html": ("skipped", "too large: more than 300,000 bytes (fetch_max_bytes)"),
    "/private/noi-bo.html": ("disallowed", "disallowed by robots.txt"),
    "/tin/bi-mat.html": ("disallowed", "disallowed by robots.txt"),
    "/ngoai/metadata": (
        "refused",
        "refused: 169.254.169.254 is link-local (cloud metadata lives here)"
        " (redirected from {base}/ngoai/metadata)",
    ),
    "/tai-lieu/bao-cao.pdf": ("skipped", "unexpected content type application/pdf"),
    "/cham/bai.html": ("failed", "timed out after 1 s (ReadTimeout)"),
}
T0 = datetime(2025, 11, 6, 12, 0, tzinfo=UTC)


def follow_everything(store: Store, site: FixtureSite) -> None:
    store.add_source(site.url("/feeds/tin-moi.rss"), "feed", 900, language="vi")
    store.add_source(site.url("/feeds/nhat-ban.atom"), "feed", 900, language="ja")
    store.add_source(site.url("/sitemap_index.xml"), "sitemap", 3600)
    store.add_source(site.url("/tin-tuc/"), "listing", 600, selector="ul.news-list li > a")


def run_pass(store: Store, settings, *, now: datetime = T0, **kw):
    with make_fetcher(settings) as fetcher:
        return collect_once(store, settings, fetcher=fetcher, now=now, **kw)


@pytest.fixture(scope="module")
def first_pass(tmp_path_factory: pytest.TempPathFactory):
    """One pass over every source of the fixture site (shared by the tests that only look)."""
    tmp = tmp_path_factory.mktemp("first-pass")
    settings = quick_settings(tmp)
    server = FixtureSite().start()
    with pytest.MonkeyPatch.context() as mp:
        refuse_non_loopback(mp)
        store = Store(settings.db)
        follow_everything(store, server)
        report = run_pass(store, settings)
        store.close()
    server.first_hits = server.hits()  # what the first pass asked for, before other tests
    yield server, settings, report
    server.stop()


@pytest.fixture
def collected(first_pass, tmp_path: Path):
    """A copy of the first pass's store for one test, and the site and report."""
    server, settings, report = first_pass
    db = tmp_path / "copy.db"
    shutil.copy(settings.db, db)
    store = Store(db)
    yield store, report, server, settings.replace(db=str(db))
    store.close()


def _article_by_path(store: Store, site: FixtureSite, path: str):
    rows = store.revisions_of(site.url(path))
    assert rows, f"no article for {path}"
    return store.get_article(rows[-1]["article_id"])


def test_every_reachable_article_is_collected_once(collected) -> None:
    store, report, site, _ = collected
    sources = {a.source for a in store.iter_articles()}
    assert sources == {site.url(p) for p in ARTICLE_PATHS}
    assert store.count_articles() == len(ARTICLE_PATHS)
    assert (report.new, report.fetched) == (len(ARTICLE_PATHS), len(ARTICLE_PATHS))
    for path in ARTICLE_PATHS:  # listed up to three times (feed, sitemap, listing): asked once
        ok = [h for h in site.first_hits if h.path == path and h.status == 200]
        assert len(ok) == 1, path
    # lu-mien-trung.html was listed with tracking parameters, a fragment and a trailing slash
    assert "/tin/lu-mien-trung.html/" not in [h.path for h in site.first_hits]
    assert all("utm_" not in h.path and "fbclid" not in h.path for h in site.first_hits)


def test_pages_are_read_with_their_metadata_and_encodings(collected) -> None:
    store, _, site, _ = collected
    flood = _article_by_path(store, site, "/tin/lu-mien-trung.html")
    assert flood.title == "Lũ dâng cao ở ba tỉnh miền Trung, hơn 2.000 hộ phải sơ tán"
    assert flood.published == "2025-11-03T08:30:00"
    assert flood.authors == ["Trần Minh Khoa"]
    assert flood.language == "vi"
    assert "Ông Lê Văn Hòa, Phó chủ tịch UBND huyện Đại Lộc" in flood.body
    rice = _article_by_path(store, site, "/tin/gia-lua.html")  # windows-1258, charset in meta only
    assert rice.title == "Giá lúa tại Đồng bằng sông Cửu Long tăng nhẹ sau đợt mưa"
    assert "Bà Huỳnh Thị Mỹ, chủ một cơ sở thu mua ở huyện Tháp Mười" in rice.body
    quake = _article_by_path(store, site, "/jp/jishin.html")  # Shift_JIS behind a utf-8 header
    assert quake.title.startswith("東北地方で震度４の地震")
    assert "気象庁によりますと、この地震による津波の心配はないということです。" in quake.body
    assert quake.language == "ja"
    rice_jp = _article_by_path(store, site, "/jp/kome.html")  # EUC-JP from the header only
    assert rice_jp.title == "新米の店頭価格、前年より２割高く"
    assert "５キロあたりおよそ４２００円" in rice_jp.body


def test_failures_are_recorded_per_url_with_the_reason(collected) -> None:
    store, report, site, _ = collected
    rows = {r["url"]: r for r in store.fetch_rows()}
    for path, (state, reason) in FAILURES.items():
        row = rows[site.url(path)]
        assert (row["state"], row["last_error"]) == (state, reason.format(base=site.base)), path
    loop = rows[site.url("/vong/a")]
    assert loop["state"] == "failed"
    assert loop["last_error"].startswith("redirect loop (")
    rejected = dict(report.rejected)
    assert rejected[site.url("/loi/500.html")] == "HTTP 500"
    fetch_rejects = {r["item"] for r in store.rejects("fetch")}
    assert {site.url(p) for p in FAILURES} <= fetch_rejects
    assert report.failed == len(FAILURES) + 1


def test_disallowed_paths_are_never_requested(collected) -> None:
    _, _, site, _ = collected
    paths = [h.path.split("?", 1)[0] for h in site.first_hits]
    assert "/private/noi-bo.html" not in paths
    assert "/tin/bi-mat.html" not in paths
    assert paths.count("/robots.txt") == 1  # cached for the pass
    later = [h.path.split("?", 1)[0] for h in site.hits()]
    assert "/private/noi-bo.html" not in later and "/tin/bi-mat.html" not in later


def test_requests_name_newsdesk_and_the_contact(collected) -> None:
    _, _, site, _ = collected
    for hit in site.first_hits:
        assert hit.headers["user-agent"].startswith("newsdesk/")
        assert "desk@example.org" in hit.headers["user-agent"]
        assert hit.headers.get("from") == "desk@example.org"


def test_retry_after_is_honoured(collected) -> None:
    _, _, site, _ = collected
    first, second = [h for h in site.first_hits if h.path == "/tin/hop-bao.html"]
    assert (first.status, second.status) == (429, 200)
    assert second.at - first.at >= 1.0
    errors = [h.status for h in site.first_hits if h.path == "/loi/500.html"]
    assert errors == [500, 500]  # one retry, then failed


def test_second_pass_fetches_nothing_unchanged(collected) -> None:
    store, _, site, settings = collected
    before = len(site.hits())
    report = run_pass(store, settings, now=T0 + timedelta(hours=2))
    later = site.hits()[before:]
    # every source is due again: feeds and sitemaps are asked conditionally and answer 304
    documents = {"/feeds/tin-moi.rss", "/feeds/nhat-ban.atom", "/sitemap_index.xml"}
    asked = {h.path: h for h in later if h.path in documents}
    assert set(asked) == documents
    for hit in asked.values():
        assert hit.headers["if-none-match"] and hit.headers["if-modified-since"] == LAST_MODIFIED
        assert hit.status == 304
    assert "/robots.txt" not in [h.path for h in later]  # kept in the store for a day
    assert not any(h.path.split("?")[0] in ARTICLE_PATHS for h in later)
    assert (report.new, report.revised, report.fetched) == (0, 0, 0)
    assert report.sources_unchanged == 4  # the listing has no validators: same bytes = unchanged


def test_revisits_ask_conditionally_and_changes_become_revisions(collected, tmp_path: Path) -> None:
    store, _, site, _ = collected
    settings = quick_settings(tmp_path, revisit_after="1h")
    old = _article_by_path(store, site, "/tin/cang-bien.html")
    page = (site.root / "tin" / "cang-bien.html").read_bytes()
    site.overrides["/tin/cang-bien.html"] = page.replace(
        b"5 tri\xe1\xbb\x87u t\xe1\xba\xa5n", b"6 tri\xe1\xbb\x87u t\xe1\xba\xa5n"
    )
    before = len(site.hits())
    try:
        report = run_pass(store, settings, now=T0 + timedelta(days=1), force=True)
    finally:
        del site.overrides["/tin/cang-bien.html"]
    later = [h for h in site.hits()[before:] if h.path.split("?")[0] in ARTICLE_PATHS]
    assert sorted(h.path for h in later) == sorted(ARTICLE_PATHS)
    assert all("if-none-match" in h.headers for h in later)
    statuses = {h.path: h.status for h in later}
    assert statuses.pop("/tin/cang-bien.html") == 200
    assert set(statuses.values()) == {304}
    assert (report.revised, report.new, report.not_modified) == (1, 0, len(ARTICLE_PATHS) - 1)
    revisions = store.revisions_of(site.url("/tin/cang-bien.html"))
    assert [r["revision"] for r in revisions] == [1, 2]
    assert revisions[0]["article_id"] == old.id
    new = store.get_article(revisions[1]["article_id"])
    assert "6 triệu tấn" in new.body and new.source == old.source
    raw = store.raw_page_rows(latest_only=False)
    assert [r["revision"] for r in raw if r["url"] == site.url("/tin/cang-bien.html")] == [1, 2]


def test_raw_pages_are_kept_compressed_and_reread(collected) -> None:
    store, _, site, settings = collected
    url = site.url("/jp/jishin.html")
    body = store.raw_page_body(url)
    assert body == (site.root / "jp" / "jishin.html").read_bytes()
    stored = store.scalar("SELECT length(body) FROM raw_pages WHERE url = ?", (url,))
    assert stored < len(body)
    report = reread(store, settings)
    assert (report.done, report.unchanged, report.rejected) == (0, len(ARTICLE_PATHS), [])
    # a "reader improvement": the stored page is read again into a changed article
    store.execute("DELETE FROM revisions WHERE source = ?", (url,))
    store.execute("DELETE FROM articles WHERE source = ?", (url,))
    report = reread(store, settings)
    assert report.done == 1
    assert _article_by_path(store, site, "/jp/jishin.html").title.startswith("東北地方")


def test_images_are_fetched_as_webp_and_failures_keep_the_article(collected) -> None:
    store, report, site, settings = collected
    flood = _article_by_path(store, site, "/tin/lu-mien-trung.html")
    (image,) = flood.images
    path = Path(image.src)
    assert (
        path.is_absolute() and path.parent == (Path(settings.out) / "images" / "fetched").resolve()
    )
    with Image.open(path) as im:
        assert (im.format, im.size) == ("WEBP", (64, 40))
    port = _article_by_path(store, site, "/tin/cang-bien.html")  # its image host cannot resolve
    assert [i.src for i in port.images] == ["https://cdn.bao-thu-nghiem.invalid/anh/cang.jpg"]
    failed = store.fetched_image("https://cdn.bao-thu-nghiem.invalid/anh/cang.jpg")
    assert failed["path"] is None and "cannot resolve" in failed["error"]
    solar = _article_by_path(store, site, "/tin/dien-mat-troi.html")  # no image on its page:
    (thumb,) = solar.images  # the listing's (and the image sitemap's) thumbnail is used
    with Image.open(thumb.src) as im:
        assert (im.format, im.size) == ("WEBP", (64, 40))
    assert store.fetched_image(site.url("/img/dien.png"))["path"] == thumb.src
    assert report.images == 2


def test_image_limits(site: FixtureSite, settings, tmp_path: Path) -> None:
    from newsdesk.sources.images import ImageFailed, fetch_image

    folder = tmp_path / "img"
    with make_fetcher(settings) as fetcher:
        with pytest.raises(ImageFailed, match=r"refused before decoding \(decompression bomb\)"):
            fetch_image(fetcher, site.url("/img/bom.png"), folder, settings)
        one_megapixel = quick_settings(tmp_path, image_fetch_max_pixels=1_000_000)
        with pytest.raises(ImageFailed, match="3000x3000 pixels exceeds image_fetch_max_pixels"):
            fetch_image(fetcher, site.url("/img/rong.png"), folder, one_megapixel)
        with pytest.raises(ImageFailed, match="unexpected content type text/html"):
            fetch_image(fetcher, site.url("/tin/gia-lua.html"), folder, settings)
        small = quick_settings(tmp_path, image_fetch_max_bytes=100)
        with pytest.raises(ImageFailed, match="too large"):
            fetch_image(fetcher, site.url("/img/lu.png"), folder, small)
        stored = fetch_image(fetcher, site.url("/img/dien.png"), folder, settings)
    assert stored.path.suffix == ".webp" and (stored.width, stored.height) == (64, 40)
    assert list(folder.iterdir()) == [stored.path]


def test_rate_limit_per_host(site: FixtureSite, tmp_path: Path) -> None:
    settings = quick_settings(tmp_path, host_delay=0.15, host_concurrency=1, fetch_images=False)
    store = Store(settings.db)
    store.add_source(site.url("/sitemap_index.xml"), "sitemap", 3600)
    run_pass(store, settings)
    starts = [h.at for h in site.hits()]
    assert len(starts) >= 6
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= 0.14, gaps
    store.close()


def test_stopped_pass_keeps_the_rest_queued(site: FixtureSite, tmp_path: Path) -> None:
    settings = quick_settings(tmp_path, collect_workers=1, host_concurrency=1, fetch_images=False)
    store = Store(settings.db)
    store.add_source(site.url("/chuoi/chuoi.rss"), "feed", 900)
    stop = threading.Event()
    done: list[str] = []

    def activity(event: str, url: str, detail: str) -> None:
        if event == "stored":
            done.append(url)
            if len(done) == 2:
                stop.set()

    with make_fetcher(settings, stop=stop) as fetcher:
        report = collect_once(
            store, settings, fetcher=fetcher, stop=stop, now=T0, activity=activity
        )
    assert report.stopped and report.new >= 2
    queued = store.fetch_rows(state="queued")
    assert len(queued) + report.new == 6
    report = run_pass(store, settings, now=T0 + timedelta(minutes=1))
    assert report.sources == 0  # the feed is not due: only the frontier is drained
    assert store.count_articles() == 6
    for n in range(1, 7):
        assert [h.status for h in site.hits(f"/chuoi/bai-{n}.html")] == [200]
    store.close()


def test_single_page_source_follows_its_redirect_and_is_rechecked(
    site: FixtureSite, tmp_path: Path
) -> None:
    settings = quick_settings(tmp_path, fetch_images=False)
    store = Store(settings.db)
    store.add_source(site.url("/chuyen/bai"), "page", 600)
    report = run_pass(store, settings)
    assert report.new == 1
    (article,) = store.iter_articles()
    assert article.source == site.url("/tin/cang-bien.html")  # the page's own address
    assert store.raw_page_rows()[0]["url"] == site.url("/tin/cang-bien.html")
    report = run_pass(store, settings, now=T0 + timedelta(minutes=11))  # due again
    assert (report.not_modified, report.fetched) == (1, 0)
    last = site.hits("/tin/cang-bien.html")[-1]
    assert (last.status, bool(last.headers.get("if-none-match"))) == (304, True)
    assert store.count_articles() == 1
    store.close()


def test_page_without_article_text_is_kept_raw_and_recorded(
    site: FixtureSite, tmp_path: Path
) -> None:
    settings = quick_settings(tmp_path, fetch_images=False)
    store = Store(settings.db)
    store.add_source(site.url("/tin/chi-co-video.html"), "page", 600)
    report = run_pass(store, settings)
    url = site.url("/tin/chi-co-video.html")
    assert report.rejected == [(url, "no article text found in the HTML page")]
    assert store.count_articles() == 0
    row = store.get_fetch(url)
    assert (row["state"], row["last_error"]) == (
        "fetched",
        "unreadable: no article text found in the HTML page",
    )
    (raw,) = store.raw_page_rows()
    assert raw["read_error"] == "no article text found in the HTML page"
    assert store.raw_page_body(url) == (site.root / "tin" / "chi-co-video.html").read_bytes()
    assert [r["reason"] for r in store.rejects("read")] == [
        "no article text found in the HTML page"
    ]
    store.close()


@pytest.mark.parametrize("concurrency", [1, 2])
def test_concurrency_per_host(site: FixtureSite, tmp_path: Path, concurrency: int) -> None:
    site.page_delay = 0.15
    settings = quick_settings(
        tmp_path, host_concurrency=concurrency, collect_workers=4, fetch_images=False
    )
    store = Store(settings.db)
    store.add_source(site.url("/chuoi/chuoi.rss"), "feed", 900)
    report = run_pass(store, settings)
    assert report.new == 6
    assert site.most_in_flight == concurrency
    store.close()
