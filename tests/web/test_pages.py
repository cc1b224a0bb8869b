"""The reader's pages on the fixture store (TestClient; the browser tests drive the real thing)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image as PILImage
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from newsdesk.config import Settings
from newsdesk.web.app import create_app

METRO = "/stories/da-nang-khoi-cong-tuyen-metro-so-1"


def page(client: TestClient, url: str, status: int = 200) -> HTMLParser:
    r = client.get(url)
    assert r.status_code == status, r.text[:500]
    assert r.headers["content-type"].startswith("text/html")
    return HTMLParser(r.text)


def texts(tree: HTMLParser, selector: str) -> list[str]:
    return [n.text(strip=True, separator=" ") for n in tree.css(selector)]


def test_home_lists_latest_stories(client: TestClient) -> None:
    tree = page(client, "/")
    assert texts(tree, ".card h2") == [
        "Đà Nẵng khởi công tuyến metro số 1, dự kiến chạy năm 2030",
        "Giá gạo xuất khẩu lên mức cao nhất năm",
    ]
    assert texts(tree, ".card .count") == ["3 bài", "2 bài"]
    assert "3 bài · 2 nguồn · tin mới nhất 18/3/2026" in texts(tree, ".card .meta")[0]
    assert tree.css_first("html").attributes["lang"] == "vi"


def test_home_pages(web_store_path: Path, tmp_path: Path) -> None:
    app = create_app(Settings({"out": str(tmp_path), "page_size": 1}), web_store_path)
    with TestClient(app) as c:
        first = page(c, "/")
        assert texts(first, ".pager .where") == ["Trang 1 / 2"]
        assert first.css_first(".pager a[rel=next]").attributes["href"] == "/?page=2"
        second = page(c, "/?page=2")
        assert texts(second, ".card h2") == ["Giá gạo xuất khẩu lên mức cao nhất năm"]
        assert "Trang 3 không" not in page(c, "/?page=3", 404).text()


def test_story_page_sections(client: TestClient, corpus) -> None:
    tree = page(client, METRO)
    assert texts(tree, ".block > h2") == [
        "Dòng thời gian",
        "Nhân vật",
        "Số liệu chính",
        "Các nguồn chưa thống nhất",
        "Nguồn",
    ]
    events = tree.css("ol.timeline > li")
    assert len(events) == 5
    assert [("planned" in (e.attributes.get("class") or "")) for e in events] == [
        False,
        False,
        True,
        True,
        True,
    ]
    assert texts(tree, "ol.timeline .when time") == [
        "tháng 12/2025",
        "15/3/2026",
        "tháng 4/2026",
        "tháng 9/2028",
        "năm 2030",
    ]
    # the visual timeline: one SVG dot per event, planned ones drawn apart, each linking down
    dots = tree.css(".tl-overview svg a")
    assert [d.attributes["href"] for d in dots] == [f"#e-{i}" for i in range(5)]
    assert len(tree.css(".tl-overview circle.planned")) == 3


def test_story_citations_point_at_sentences(client: TestClient, corpus) -> None:
    tree = page(client, METRO)
    links = tree.css("#e-1 a.cite")
    u_a, u_b = corpus.understandings["metro_a"], corpus.understandings["metro_b"]
    assert [a.attributes["href"] for a in links] == [
        f"/articles/{corpus.id('metro_a')}#s-0",
        f"/articles/{corpus.id('metro_b')}#s-0",
    ]
    assert links[0].attributes["title"] == u_a.sentences[0]
    assert links[1].text(strip=True) == "↗ Tin Nhanh Miền Trung · 16/3/2026 08:30".lstrip("↗ ")
    assert u_b.sentences[0].startswith("Ngày 15/3/2026")


def test_story_people_figures_disagreements_sources(client: TestClient, corpus) -> None:
    tree = page(client, METRO)
    people = tree.css("ul.people li")
    assert [p.css_first(".name").text() for p in people] == ["Trần Quốc Đạt", "Lê Thị Đoan Trang"]
    assert people[0].css_first("a").attributes["href"] == "/entities/" + corpus.eid(
        "per-tran-quoc-dat"
    )
    assert texts(tree, "ul.people .aka") == ["Còn gọi: Ông Đạt"]
    assert texts(tree, "ul.figures .value") == ["18 km", "120.000 lượt khách", "1.200 tỷ đồng"]
    assert texts(tree, ".disagreement h3") == ["Tổng vốn đầu tư của dự án"]
    sides = tree.css(".disagreement .side")
    assert [s.css_first(".side-value").text() for s in sides] == [
        "28.000 tỷ đồng",
        "27.500 tỷ đồng",
    ]
    assert "Báo Sông Hàn" in sides[0].css_first("a.cite").text()
    assert "Tin Nhanh Miền Trung" in sides[1].css_first("a.cite").text()
    assert texts(tree, "#nguon .outlet h3") == ["Báo Sông Hàn (2)", "Tin Nhanh Miền Trung (1)"]
    first_outlet = tree.css("#nguon .outlet")[0]
    assert [li.css_first("time").text() for li in first_outlet.css("li")] == [
        "18/3/2026",
        "15/3/2026",
    ]


def test_story_by_id_redirects_to_its_slug(client: TestClient) -> None:
    r = client.get("/stories/st-metro-da-nang", follow_redirects=False)
    assert r.status_code == 301
    assert r.headers["location"] == METRO


def test_unknown_story_page_is_a_404_page(client: TestClient) -> None:
    tree = page(client, "/stories/khong-co", 404)
    assert texts(tree, ".error .detail") == ["story 'khong-co' does not exist"]


def test_article_page_sentences_and_highlights(client: TestClient, corpus) -> None:
    article = corpus.articles["metro_a"]
    tree = page(client, f"/articles/{article.id}")
    u = corpus.understandings["metro_a"]
    spans = tree.css(".body span.s")
    assert [s.attributes["id"] for s in spans] == [f"s-{i}" for i in range(len(u.sentences))]
    assert [s.text() for s in spans] == u.sentences
    assert len(tree.css(".body > p")) == 3
    s1 = tree.css_first("#s-1")
    assert [m.text() for m in s1.css("mark.fig")] == ["18 km", "28.000 tỷ đồng"]
    s2 = tree.css_first("#s-2")
    assert [(a.text(), a.attributes["href"]) for a in s2.css("a")] == [
        ("Trần Quốc Đạt", "/entities/" + corpus.eid("per-tran-quoc-dat")),
        ("UBND TP Đà Nẵng", "/entities/" + corpus.eid("org-ubnd-da-nang")),
    ]
    assert [t.attributes["datetime"] for t in tree.css("#s-3 time.date")] == ["2030"]
    prov = dict(zip(texts(tree, ".provenance dt"), texts(tree, ".provenance dd"), strict=True))
    assert prov["Nguồn"] == "Báo Sông Hàn"
    assert prov["Ngày đăng"] == "15/3/2026"
    assert prov["Tác giả"] == "Hoài Thương"
    assert prov["Nơi viết"] == "Đà Nẵng"
    assert texts(tree, ".image figcaption") == [
        "▣ Lễ khởi công sáng 15/3 tại ga Hòa Khánh. Ảnh: Minh Đức  ảnh gốc"
    ]
    assert not tree.css(".image img")  # a remote image is never loaded, only linked
    link = tree.css_first(".image figcaption a").attributes
    assert link["href"] == "https://example.invalid/anh/metro-khoi-cong.jpg"
    assert link["rel"] == "noopener noreferrer nofollow"
    assert tree.css_first(".kicker a").attributes["href"] == METRO


def test_article_credits_and_translation_badge(client: TestClient, corpus) -> None:
    tree = page(client, f"/articles/{corpus.id('metro_b')}")
    prov = dict(zip(texts(tree, ".provenance dt"), texts(tree, ".provenance dd"), strict=True))
    assert prov["Tác giả"] == "Lê Văn Khoa, Phạm Ngọc Diệp"
    assert prov["Dẫn nguồn"] == "TTXVN"
    assert not tree.css(".badge.wait")
    english = page(client, f"/articles/{corpus.id('rice_b')}")
    assert texts(english, ".badge.wait") == ["Đang chờ dịch"]
    rice = page(client, "/stories/gia-gao-xuat-khau-len-muc-cao-nhat-nam")
    assert texts(rice, "#nguon .badge.wait") == ["Đang chờ dịch"]


def test_entity_page(client: TestClient, corpus) -> None:
    tree = page(client, "/entities/" + corpus.eid("per-tran-quoc-dat"))
    assert texts(tree, ".entity-head h1") == ["Trần Quốc Đạt"]
    assert texts(tree, ".entity-head .kicker") == ["Nhân vật"]
    assert [a.attributes["href"] for a in tree.css("ul.sources a")] == [
        f"/articles/{corpus.id(k)}" for k in ("metro_c", "metro_b", "metro_a")
    ]
    assert texts(tree, ".card h2") == ["Đà Nẵng khởi công tuyến metro số 1, dự kiến chạy năm 2030"]
    assert texts(
        page(client, "/entities/" + corpus.eid("loc-hoa-khanh")), ".entity-head .kicker"
    ) == ["Địa danh"]
    page(client, "/entities/khong-co", 404)


def test_search_page(client: TestClient, corpus) -> None:
    tree = page(client, "/search?q=dong+coc&kind=article")
    assert texts(tree, "#result-count") == ["1 kết quả cho “dong coc”"]
    hit = tree.css_first(".hit")
    assert hit.css_first("h2 a").attributes["href"] == f"/articles/{corpus.id('metro_c')}"
    # "dong" is "đồng" too once diacritics are ignored
    assert [m.text() for m in hit.css(".snippet mark")] == ["đồng", "đóng", "cọc"]
    assert tree.css_first("select[name=kind] option[selected]").attributes["value"] == "article"
    assert "Báo Sông Hàn" in texts(tree, "select[name=outlet] option")
    empty = page(client, "/search")
    assert empty.css_first(".hint") is not None


@pytest.mark.parametrize(
    "url",
    [
        "/search?q=" + "x" * 10_000,
        "/search?q=gao&date_from=2026-02-31",
        "/search?q=gao&page=-1",
        "/search?q=gao&kind=anh",
        "/?page=0",
        "/entities/p0?page=abc",
    ],
)
def test_bad_parameters_get_a_422_page(client: TestClient, url: str) -> None:
    tree = page(client, url, 422)
    assert texts(tree, ".error h1")[0].startswith("Tham số không hợp lệ")


def test_search_empty_form_fields_are_ignored(client: TestClient) -> None:
    tree = page(client, "/search?q=gao&kind=&date_from=&date_to=&outlet=&person=")
    assert texts(tree, "#result-count") == ["2 kết quả cho “gao”"]


def test_feeds(client: TestClient) -> None:
    rss = client.get("/feed.xml")
    assert rss.headers["content-type"].startswith("application/rss+xml")
    channel = ET.fromstring(rss.content).find("channel")
    assert [i.findtext("title") for i in channel.findall("item")] == [
        "Đà Nẵng khởi công tuyến metro số 1, dự kiến chạy năm 2030",
        "Giá gạo xuất khẩu lên mức cao nhất năm",
    ]
    assert channel.find("item").findtext("link") == "http://testserver" + METRO
    atom = ET.fromstring(client.get("/atom.xml").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = atom.findall("a:entry", ns)
    assert [e.find("a:link", ns).attrib["href"] for e in entries][0] == "http://testserver" + METRO
    assert entries[0].findtext("a:updated", namespaces=ns) == "2026-03-18T10:00:00+00:00"


def test_static_and_media(client: TestClient, web_settings: Settings) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    out = Path(web_settings.out)
    (out / "images").mkdir(exist_ok=True)
    PILImage.new("RGB", (8, 8), "red").save(out / "images" / "thu.webp")
    (out / "posts").mkdir(exist_ok=True)
    (out / "posts" / "x.md").write_text("bí mật", encoding="utf-8")
    assert client.get("/media/images/thu.webp").headers["content-type"] == "image/webp"
    assert client.get("/media/posts/x.md").status_code == 404
    assert client.get("/media/../../etc/passwd.png").status_code == 404


@pytest.mark.parametrize("url", ["/", METRO, "/search?q=gao", "/feed.xml", "/atom.xml"])
def test_head_is_answered(client: TestClient, url: str) -> None:
    r = client.head(url)
    assert r.status_code == 200
    assert r.content == b""


def test_pages_are_compressed_for_clients_that_ask(client: TestClient) -> None:
    r = client.get(METRO, headers={"accept-encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    assert r.headers["content-security-policy"].startswith("default-src 'none'")
    assert "Dòng thời gian" in r.text


def test_search_page_says_more_than_when_the_count_stops(client: TestClient, monkeypatch) -> None:
    import newsdesk.web.routes_pages as pages

    monkeypatch.setattr(pages, "COUNT_CAP", 1)
    tree = page(client, "/search?q=du+an")
    assert texts(tree, "#result-count") == ["Hơn 1 kết quả cho “du an”"]
