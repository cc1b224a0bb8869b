"""The reader in a real browser (Debian's Chromium through Playwright) on the bundled sample
corpus processed by the real pipeline: every page type opened and photographed, a citation
followed from a timeline event to the sentence it cites, a search typed without diacritics.

Screenshots go to ``test-output/screenshots/`` (desktop and phone widths)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_util import SCREENSHOTS, launch
from live import serve

from newsdesk.config import Settings
from newsdesk.store import Store
from newsdesk.web.app import create_app

pytestmark = pytest.mark.browser
ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def sample_app(tmp_path_factory: pytest.TempPathFactory):
    from newsdesk import pipeline

    base = tmp_path_factory.mktemp("samples")
    settings = Settings({"db": str(base / "samples.db"), "out": str(base / "out")})
    store = Store(settings.db)
    pipeline.run(store, [str(ROOT / "samples")], settings, out=base / "out")
    store.update_search_index()
    stories = list(store.iter_stories())
    store.close()
    assert stories, "the pipeline made no story out of samples/"
    return create_app(settings, settings.db)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def site(sample_app):
    with serve(sample_app) as base:
        yield base


def shoot(page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield pg
    context.close()
    assert errors == [], errors  # no CSP violation, no script error, no missing asset


def test_home_story_citation_article_entity(page, site) -> None:
    page.goto(site + "/")
    cards = page.locator(".card")
    assert cards.count() >= 1
    assert page.locator("h1").inner_text() == "Câu chuyện mới nhất"
    shoot(page, "home")
    # the story with the most events on its timeline
    best, best_events = None, -1
    for href in page.locator(".card h2 a").evaluate_all(
        "els => els.map(e => e.getAttribute('href'))"
    ):
        page.goto(site + href)
        n = page.locator("ol.timeline > li").count()
        if n > best_events:
            best, best_events = href, n
    assert best_events >= 1, "no story in the samples has a timeline"
    page.goto(site + best)
    assert page.locator(".tl-overview svg circle").count() == best_events
    assert page.locator("#nguon .outlet").count() >= 1
    shoot(page, "story")
    # follow a citation from a timeline event to the sentence it cites
    cite = page.locator("ol.timeline a.cite").first
    href = cite.get_attribute("href")
    m = re.fullmatch(r"/articles/([^#]+)#s-(\d+)", href or "")
    assert m, href
    cite.click()
    page.wait_for_url(re.compile(re.escape(href) + "$"))
    target = page.locator(f"#s-{m.group(2)}")
    assert target.is_visible()
    assert page.evaluate("document.querySelector(':target').id") == f"s-{m.group(2)}"
    highlight = target.evaluate("el => getComputedStyle(el).backgroundColor")
    assert highlight not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator(".provenance dt").first.inner_text().startswith("Nguồn")
    shoot(page, "article-cited-sentence")
    # the article's highlighted entities lead to an entity page
    entity = page.locator(".found ul.entities a").first
    if entity.count() == 0:
        entity = page.locator("ul.people a.name").first
    name = entity.inner_text()
    entity.click()
    page.wait_for_url(re.compile(r"/entities/"))
    assert page.locator(".entity-head h1").inner_text() == name
    assert page.locator("ul.sources li").count() >= 1
    shoot(page, "entity")


def test_search_without_diacritics(page, site) -> None:
    page.goto(site + "/search")
    page.fill("#q", "thu tuong takaichi")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"/search\?q=thu\+tuong\+takaichi"))
    count = page.locator("#result-count").inner_text()
    assert int(count.split()[0]) >= 1, count
    marks = page.locator(".hits mark").all_inner_texts()
    assert {"Thủ", "tướng", "Takaichi"} <= set(marks), marks
    shoot(page, "search")
    page.locator(".hit h2 a").first.click()
    assert page.locator("h1").first.is_visible()


def test_phone_layout(browser, site) -> None:
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    pg = context.new_page()
    pg.goto(site + "/")
    href = pg.locator(".card h2 a").first.get_attribute("href")
    shoot(pg, "phone-home")
    pg.goto(site + href)
    # nothing wider than the screen: no sideways scrolling on a phone
    assert pg.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(pg, "phone-story")
    pg.goto(site + "/search?q=ha+noi")
    assert pg.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shoot(pg, "phone-search")
    context.close()


def test_error_pages(browser, site) -> None:
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    response = page.goto(site + "/stories/khong-co-cau-chuyen-nay")
    assert response.status == 404
    assert "Không tìm thấy" in page.locator("h1").inner_text()
    shoot(page, "not-found")
    response = page.goto(site + "/search?q=gao&date_from=2026-02-31")
    assert response.status == 422
    assert "date_from" in page.locator(".error .detail").inner_text()
    context.close()
