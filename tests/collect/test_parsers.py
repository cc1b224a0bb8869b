"""The pieces without a network: URLs, durations, encodings, feeds, sitemaps, listings, robots."""

from __future__ import annotations

import gzip
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.sources import charset, schedule
from newsdesk.sources.feeds import NotAFeed, feed_links
from newsdesk.sources.http import parse_retry_after
from newsdesk.sources.listing import BadSelector, listing_links
from newsdesk.sources.ratelimit import HostLimiter
from newsdesk.sources.robots import RobotsCache
from newsdesk.sources.sitemaps import NotASitemap, parse_sitemap
from newsdesk.sources.urls import BadURL, canonical, check_url, fetchable

SITE = Path(__file__).resolve().parents[1] / "fixtures" / "collect" / "site"
BASE = "http://127.0.0.1:8123"


def fixture(path: str) -> bytes:
    return (SITE / path).read_bytes().replace(b"{{BASE}}", BASE.encode())


# ------------------------------------------------------------------ URLs


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://www.VnExpress.net/lu-mien-trung-123.html?utm_source=rss&utm_medium=x#box",
            "https://vnexpress.net/lu-mien-trung-123.html",
        ),
        ("https://tuoitre.vn/thoi-su/?fbclid=IwAR0&gclid=1", "https://tuoitre.vn/thoi-su"),
        ("HTTP://Example.ORG:80/a/b/", "http://example.org/a/b"),
        ("https://example.org:443/", "https://example.org/"),
        ("https://example.org:8443/x", "https://example.org:8443/x"),
        (
            "https://www3.nhk.or.jp/news/html/k1.html?b=2&a=1",
            "https://www3.nhk.or.jp/news/html/k1.html?a=1&b=2",
        ),
        ("http://[::1]:9/x/", "http://[::1]:9/x"),
    ],
)
def test_canonical(url: str, expected: str) -> None:
    assert canonical(url) == expected


def test_fetchable_keeps_www_and_drops_tracking() -> None:
    assert (
        fetchable("https://www.vnexpress.net/a.html?utm_campaign=x#top")
        == "https://www.vnexpress.net/a.html"
    )


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("javascript:alert(1)", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("//example.org/x", "only http and https"),
        ("http://", "without a host"),
        ("http://user:secret@example.org/", "credentials"),
        ("http://example.org:99999/", "bad port"),
    ],
)
def test_check_url_refuses(url: str, reason: str) -> None:
    with pytest.raises(BadURL, match=reason):
        check_url(url)


_segment = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=8)


@given(
    host=st.lists(_segment, min_size=1, max_size=3).map(".".join),
    www=st.booleans(),
    path=st.lists(_segment, max_size=3).map("/".join),
    slash=st.booleans(),
    params=st.dictionaries(st.sampled_from(["id", "p", "utm_source", "fbclid", "q"]), _segment),
    fragment=st.one_of(st.none(), _segment),
)
def test_canonical_is_stable_and_ignores_tracking(host, www, path, slash, params, fragment) -> None:
    query = "&".join(f"{k}={v}" for k, v in params.items())
    url = f"https://{'www.' if www else ''}{host}.vn/{path}{'/' if slash and path else ''}"
    url += (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")
    once = canonical(url)
    assert canonical(once) == once
    assert "utm_" not in once and "fbclid" not in once and "#" not in once
    assert not once.split("?")[0].endswith("/") or once.split("?")[0].endswith(".vn/")
    bare = f"https://{host}.vn/{path}" + "".join(
        f"{'?' if i == 0 else '&'}{k}={v}"
        for i, (k, v) in enumerate(
            sorted((k, v) for k, v in params.items() if k in ("id", "p", "q"))
        )
    )
    assert once == canonical(bare)


# ------------------------------------------------------------------ durations and times


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90s", 90),
        ("15m", 900),
        ("2h", 7200),
        ("1d", 86400),
        ("1h30m", 5400),
        ("45", 45),
        ("1w", 604800),
    ],
)
def test_parse_duration(text: str, seconds: int) -> None:
    assert schedule.parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "soon", "15 minutes", "m15", "1h-30m", "-5"])
def test_parse_duration_refuses(text: str) -> None:
    with pytest.raises(schedule.BadDuration):
        schedule.parse_duration(text)


@given(st.integers(min_value=1, max_value=10**8))
def test_durations_round_trip(seconds: int) -> None:
    assert schedule.parse_duration(schedule.format_duration(seconds)) == seconds


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-11-03T08:30:00+07:00", "2025-11-03 01:30:00"),
        ("2025-11-05", "2025-11-05 00:00:00"),
        ("Mon, 03 Nov 2025 08:30:00 +0700", "2025-11-03 01:30:00"),
        ("Chủ nhật, 02/11/2025 07:00 (GMT+7)", None),
        ("not a date", None),
        (None, None),
    ],
)
def test_hint_stamp(value: str | None, expected: str | None) -> None:
    assert schedule.hint_stamp(value) == expected


def test_retry_after() -> None:
    now = datetime(2025, 11, 3, 12, 0, tzinfo=UTC)
    assert parse_retry_after("120") == 120.0
    assert parse_retry_after("Mon, 03 Nov 2025 12:00:30 GMT", now) == 30.0
    assert parse_retry_after("Mon, 03 Nov 2025 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon") is None


# ------------------------------------------------------------------ encodings


@pytest.mark.parametrize(
    ("path", "header", "encoding", "phrase"),
    [
        ("jp/jishin.html", "utf-8", "cp932", "津波の心配はない"),  # header lies, meta tells
        ("jp/kome.html", "euc-jp", "euc-jp", "新米の店頭価格"),  # header only
        ("tin/gia-lua.html", None, "cp1258", "Giá lúa tại Đồng bằng sông Cửu Long"),  # meta only
        ("tin/gia-lua.html", "iso-8859-1", "cp1258", "Thương lái ở An Giang"),  # weak header
        ("tin/cang-bien.html", "utf-8", "utf-8", "Cảng Liên Chiểu"),
    ],
)
def test_page_encodings(path: str, header: str | None, encoding: str, phrase: str) -> None:
    text, used = charset.page_text(fixture(path), header, path)
    assert used == encoding
    assert phrase in text


def test_page_without_any_declaration_is_detected() -> None:
    raw = fixture("tin/gia-lua.html").replace(b"charset=windows-1258", b"")
    text, used = charset.page_text(raw, None, "x")
    assert used == "detected"
    assert "Bà Huỳnh Thị Mỹ" in text


# ------------------------------------------------------------------ feeds, sitemaps, listings


def test_rss_links_with_odd_dates() -> None:
    links = feed_links(fixture("feeds/tin-moi.rss"), BASE + "/feeds/tin-moi.rss")
    by_url = {link.url: link for link in links}
    first = by_url[BASE + "/tin/lu-mien-trung.html?utm_source=rss&utm_medium=feed#dau-trang"]
    assert first.hint == "2025-11-03 01:30:00"
    assert first.title == "Lũ dâng cao ở ba tỉnh miền Trung"
    assert by_url[BASE + "/tin/gia-lua.html"].hint is None  # "Chủ nhật, 02/11/2025 07:00"
    assert by_url[BASE + "/tin/hop-bao.html"].hint == "2025-11-06 15:00:00"
    assert by_url[BASE + "/tin/cang-bien.html"].image == BASE + "/img/cang.png"  # media:thumbnail
    assert by_url[BASE + "/tin/gia-lua.html"].image is None
    assert len(links) == 15  # the javascript: link is dropped
    assert all(link.url.startswith(BASE) for link in links)


def test_atom_in_euc_jp() -> None:
    links = feed_links(
        fixture("feeds/nhat-ban.atom"),
        BASE + "/feeds/nhat-ban.atom",
        content_type="application/atom+xml",
    )
    assert [(link.url, link.title) for link in links] == [
        (BASE + "/jp/jishin.html", "東北地方で震度４の地震"),
        (BASE + "/jp/kome.html", "新米の店頭価格、前年より２割高く"),
    ]
    assert links[0].hint == "2025-11-03 12:12:00"


def test_not_a_feed() -> None:
    with pytest.raises(NotAFeed):
        feed_links(b"<html><body><p>hello</p></body></html>", BASE)


def test_sitemap_index_news_sitemap_and_gzip() -> None:
    index = parse_sitemap(fixture("sitemap_index.xml"), BASE + "/sitemap_index.xml")
    assert index.kind == "index"
    assert [link.url for link in index.links] == [
        BASE + "/sitemap-tin.xml",
        BASE + "/sitemap-cu.xml.gz",
    ]
    news = parse_sitemap(fixture("sitemap-tin.xml"), BASE + "/sitemap-tin.xml")
    assert news.kind == "urlset"
    assert [link.image for link in news.links] == [None, BASE + "/img/dien.png"]
    assert [(link.url, link.hint, link.title) for link in news.links] == [
        (
            BASE + "/tin/cang-bien.html",
            "2025-11-04 03:15:00",
            "Cảng Liên Chiểu đón chuyến tàu container đầu tiên",
        ),
        (
            BASE + "/tin/dien-mat-troi.html",
            "2025-11-05 00:00:00",
            "Điện mặt trời mái nhà tự dùng tăng mạnh ở TP.HCM",
        ),
    ]
    old = parse_sitemap(gzip.compress(fixture("sitemap-cu.xml")), BASE + "/sitemap-cu.xml.gz")
    assert [(link.url, link.hint) for link in old.links] == [
        (BASE + "/tin/lu-mien-trung.html", "2025-11-03 01:30:00"),
        (BASE + "/tin/gia-lua.html", None),
    ]


def test_sitemap_refusals() -> None:
    with pytest.raises(NotASitemap, match="root element <rss>"):
        parse_sitemap(fixture("feeds/tin-moi.rss"), BASE)
    bomb = gzip.compress(b"<urlset>" + b" " * 60_000_000 + b"</urlset>")
    with pytest.raises(NotASitemap, match="inflates past"):
        parse_sitemap(bomb, BASE)
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<urlset><url><loc>http://a.example/&x;</loc></url></urlset>"
    )
    links = parse_sitemap(xxe, BASE).links
    assert all("root:" not in link.url for link in links)


def test_listing_with_selector_and_default() -> None:
    html = fixture("tin-tuc/index.html").decode("utf-8")
    page = BASE + "/tin-tuc/"
    chosen = listing_links(html, page, "ul.news-list li > a")
    assert [link.url for link in chosen] == [
        BASE + "/tin/dien-mat-troi.html?utm_campaign=trang-chu",
        BASE + "/tin/lu-mien-trung.html",
        BASE + "/tin/cang-bien.html#binh-luan",
    ]  # the advert on another site is left out
    assert chosen[0].title == "Điện mặt trời mái nhà"
    assert [link.image for link in chosen] == [
        BASE + f"/img/{n}.png" for n in ("dien", "lu", "cang")
    ]
    assert [link.url for link in listing_links(html, page)] == [link.url for link in chosen]
    headlines = listing_links(html, page, "ul.news-list h3")
    assert [link.title for link in headlines][1] == "Lũ dâng cao ở ba tỉnh miền Trung"
    with pytest.raises(BadSelector):
        listing_links(html, page, "ul[[")


# ------------------------------------------------------------------ robots and the limiter


@pytest.mark.parametrize(
    ("status", "text", "allowed"),
    [
        (200, "User-agent: *\nDisallow: /private/\n", {"/tin/a.html": True, "/private/x": False}),
        (
            200,
            "User-agent: newsdesk\nDisallow: /\n\nUser-agent: *\nAllow: /\n",
            {"/tin/a.html": False},
        ),
        (404, "", {"/private/x": True}),
        (403, "", {"/anything": True}),
        (503, "", {"/tin/a.html": False}),
        (0, "", {"/tin/a.html": False}),  # unreachable
    ],
)
def test_robots_answers(status: int, text: str, allowed: dict[str, bool]) -> None:
    asked: list[str] = []

    def get(url: str) -> tuple[int, str]:
        asked.append(url)
        return status, text

    robots = RobotsCache(get)
    for path, expected in allowed.items():
        assert robots.allowed(BASE + path) is expected, path
    assert asked == [BASE + "/robots.txt"]


def test_robots_crawl_delay_raises_the_host_delay_and_survives_export() -> None:
    limiter = HostLimiter(0.5, 1)
    robots = RobotsCache(lambda url: (200, "User-agent: *\nCrawl-delay: 3\n"), limiter=limiter)
    assert robots.allowed(BASE + "/a")
    assert limiter.delay_for("127.0.0.1:8123") == 3.0
    saved = robots.export()
    again = RobotsCache(lambda url: pytest.fail("asked again"))
    again.preload(saved)
    assert again.allowed(BASE + "/b")


_JA = (
    "東北地方震度地震津波心配気象庁新米店頭価格前年割高くあいうえおかきくけこアイウエオ、。０１２３"
)
_VI = "Lũ dâng cao ở ba tỉnh miền Trung hơn hộ phải sơ tán Giá lúa Đồng bằng sông Cửu Long ạặậẹệịọộợụựỵđ"


@given(
    words=st.text(alphabet=_JA, min_size=1, max_size=60),
    encoding=st.sampled_from(["cp932", "euc_jp", "utf-8"]),
    header=st.sampled_from([None, "utf-8", "iso-8859-1", "declared"]),
)
def test_japanese_pages_decode_whatever_the_header_says(words: str, encoding: str, header) -> None:
    meta = {"cp932": "Shift_JIS", "euc_jp": "EUC-JP", "utf-8": "utf-8"}[encoding]
    page = f'<html><head><meta charset="{meta}"><title>t</title></head><body><p>{words}</p></body></html>'
    data = page.encode(encoding)
    text, _ = charset.page_text(data, meta if header == "declared" else header, "page")
    assert f"<p>{words}</p>" in text


@given(words=st.text(alphabet=_VI, min_size=1, max_size=80))
def test_vietnamese_utf8_pages_decode_under_a_weak_header(words: str) -> None:
    page = f"<html><body><p>{words}</p></body></html>".encode()
    text, _ = charset.page_text(page, "iso-8859-1", "page")
    assert f"<p>{unicodedata.normalize('NFC', words)}</p>" in text


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("https://thethao.tuoitre.vn/a.htm", "https://tuoitre.vn/tin-moi-nhat.htm", True),
        ("https://www3.nhk.or.jp/news/a.html", "https://www.nhk.or.jp/", True),
        ("https://evil.co.jp/", "https://nhk.co.jp/", False),
        ("http://127.0.0.1:8123/a", "http://127.0.0.1:8123/b", True),
        ("http://127.0.0.2/a", "http://127.0.0.1/b", False),
        ("https://quang-cao.example/x", "https://vnexpress.net/", False),
    ],
)
def test_same_site(a: str, b: str, same: bool) -> None:
    from newsdesk.sources.urls import same_site

    assert same_site(a, b) is same


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Vietnamese text in Windows-1258: base letters precomposed, tone marks combining."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = parts[0] + "".join(m for m in parts[1:] if m not in _TONES)
        tones = "".join(m for m in parts[1:] if m in _TONES)
        out += unicodedata.normalize("NFC", base).encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


@given(
    words=st.text(alphabet=_VI, min_size=1, max_size=80),
    header=st.sampled_from([None, "utf-8", "iso-8859-1", "windows-1258"]),
)
def test_windows_1258_pages_decode_whatever_the_header_says(words: str, header) -> None:
    head = b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
    data = head + b"</head><body><p>" + cp1258(words) + b"</p></body></html>"
    text, _ = charset.page_text(data, header, "page")
    assert f"<p>{unicodedata.normalize('NFC', words)}</p>" in text


def test_frontier_is_taken_one_host_at_a_time() -> None:
    from newsdesk.sources.collect import interleave_hosts

    rows = [
        {"fetch_url": f"https://{host}/{n}"}
        for host, n in [
            ("a.vn", 1),
            ("a.vn", 2),
            ("a.vn", 3),
            ("b.jp", 1),
            ("c.vn", 1),
            ("b.jp", 2),
        ]
    ]
    order = [r["fetch_url"] for r in interleave_hosts(rows)]
    assert order == [
        "https://a.vn/1",
        "https://b.jp/1",
        "https://c.vn/1",
        "https://a.vn/2",
        "https://b.jp/2",
        "https://a.vn/3",
    ]
