"""Hostile text from a source (script tags, event handlers, javascript: links) in every field
the reader shows: nothing of it survives as markup in the pages, and nothing runs in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser

from newsdesk.config import Settings
from newsdesk.model import (
    Article,
    Citation,
    Disagreement,
    Entity,
    Event,
    Image,
    Mention,
    PersonEntry,
    Related,
    Side,
    Story,
    StoryArticle,
    StoryFigure,
    Understanding,
)
from newsdesk.store import Store
from newsdesk.store.understand import StoreRegistry
from newsdesk.understand.names import MemoryRegistry, resolve
from newsdesk.web.app import create_app

PWN = "window.__pwned=(window.__pwned||0)+1"
TITLE = f'<script>{PWN}</script>Tin nóng <img src=x onerror="{PWN}">'
SENTENCES = [
    f'Ông <b onmouseover="{PWN}">Hacker</b> nói <a href="javascript:{PWN}">bấm vào đây</a>.',
    f'Ảnh <svg onload="{PWN}"></svg> và [liên kết](javascript:{PWN}) ngày 2/1.',
    f'"><iframe src="javascript:{PWN}"></iframe><style>body{{display:none}}</style> 99%.',
]
BODY = "\n\n".join(SENTENCES)
EVIL_ID = "a0a0a0a0a0a0a0a0"
SLUG = "tin-doc-hai"
EVIL_ENTITY = resolve(MemoryRegistry(), "person", f'<img src=x onerror="{PWN}">', [])[0]


def hostile_store(path: Path) -> None:
    store = Store(path)
    store.put_article(
        Article(
            id=EVIL_ID,
            source=f"javascript:{PWN}",
            shape="html",
            language="vi",
            title=TITLE,
            body=BODY,
            published="2026-01-02",
            outlet=f'<b onclick="{PWN}">Báo Độc</b>',
            authors=[f"<script>{PWN}</script>"],
            dateline="<i>Hà Nội</i>",
            credited_agencies=[f'<a href="javascript:{PWN}">AP</a>'],
            images=[
                Image(
                    src=f"javascript:{PWN}",
                    caption=f"<script>{PWN}</script>chú thích",
                    credit=f'<img src=x onerror="{PWN}">',
                )
            ],
            related=[Related(title="<b>liên quan</b>", url=f"javascript:{PWN}")],
            url=f"javascript:{PWN}",
        )
    )
    evil_name = f'<img src=x onerror="{PWN}">'
    evil_id, _ = resolve(StoreRegistry(store), "person", evil_name, [evil_name])
    assert evil_id == EVIL_ENTITY
    store.put_understanding(
        Understanding(
            article_id=EVIL_ID,
            language="vi",
            sentences=SENTENCES,
            people=[
                Entity(
                    name=evil_name,
                    kind="person",
                    id=evil_id,
                    roles=[f"<script>{PWN}</script>"],
                    mentions=[Mention(text=f'<b onmouseover="{PWN}">Hacker</b>', sentence=0)],
                )
            ],
        )
    )
    cite = [Citation(article=EVIL_ID, sentence=0, text=f"<script>{PWN}</script>")]
    store.put_story(
        Story(
            id="st-evil",
            title=TITLE,
            slug=SLUG,
            description=f'<img src=x onerror="{PWN}">mô tả',
            created_at="2026-01-02 08:00:00",
            updated_at="2026-01-02 08:00:00",
            use=True,
            thumbnail=f"javascript:{PWN}",
            articles=[
                StoryArticle(
                    id=EVIL_ID, source="x", outlet=f"<script>{PWN}</script>", published="2026-01-02"
                )
            ],
            timeline=[
                Event(
                    date="2026-01-02",
                    granularity="day",
                    text=f"<script>{PWN}</script>sự kiện",
                    citations=cite,
                )
            ],
            people=[
                PersonEntry(
                    name=evil_name,
                    roles=["<b>vai</b>"],
                    articles=1,
                    entity_id=evil_id,
                    mentions=[f"<script>{PWN}</script>"],
                )
            ],
            figures=[
                StoryFigure(
                    text=f"<b onclick='{PWN}'>99%</b>",
                    value=99,
                    unit="percent",
                    of="<i>x</i>",
                    citations=cite,
                )
            ],
            disagreements=[
                Disagreement(
                    topic=f"<script>{PWN}</script>",
                    sides=[
                        Side(value=f'<img src=x onerror="{PWN}">', citations=cite),
                        Side(value="<b>2</b>", citations=cite),
                    ],
                )
            ],
        )
    )
    store.update_search_index()
    store.close()


@pytest.fixture(scope="module")
def evil_app(tmp_path_factory: pytest.TempPathFactory):
    base = tmp_path_factory.mktemp("evil")
    hostile_store(base / "evil.db")
    return create_app(Settings({"out": str(base / "out")}), base / "evil.db")


PAGES = [
    "/",
    f"/stories/{SLUG}",
    f"/articles/{EVIL_ID}",
    f"/entities/{EVIL_ENTITY}",
    "/search?q=hacker",
    "/search?q=tin+nong",
    "/search?q=script+window",
]


def assert_inert(html: str) -> None:
    tree = LexborHTMLParser(html)
    assert not tree.css("script, iframe, style, object, embed, b, i")
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            assert not name.lower().startswith("on"), (node.tag, name, value)
            if name in ("href", "src", "action", "xlink:href"):
                v = (value or "").strip().lower()
                assert not v.startswith(("javascript:", "data:", "vbscript:")), (node.tag, value)
        if node.tag == "img":
            assert node.attributes["src"].startswith("/static/")
        if node.tag == "svg":
            assert node.parent.tag == "figure"  # only the timeline's own drawing


@pytest.mark.parametrize("url", PAGES)
def test_hostile_text_is_escaped_everywhere(evil_app, url: str) -> None:
    with TestClient(evil_app) as client:
        r = client.get(url)
    assert r.status_code == 200
    assert_inert(r.text)


def test_hostile_text_is_shown_as_text(evil_app) -> None:
    with TestClient(evil_app) as client:
        article = LexborHTMLParser(client.get(f"/articles/{EVIL_ID}").text)
        story = LexborHTMLParser(client.get(f"/stories/{SLUG}").text)
    assert article.css_first("h1").text() == TITLE
    assert article.css_first("#s-0").text() == SENTENCES[0]
    # the mention is still linked, its text shown literally
    assert article.css_first("#s-0 a.ent-person").text() == f'<b onmouseover="{PWN}">Hacker</b>'
    assert story.css_first(".story-head h1").text() == TITLE


def test_feeds_and_api_escape(evil_app) -> None:
    with TestClient(evil_app) as client:
        rss = client.get("/feed.xml").text
        api = client.get(f"/api/articles/{EVIL_ID}")
    assert "<script>" not in rss and "&lt;script&gt;" in rss
    assert api.headers["content-type"] == "application/json"
    assert api.json()["title"] == TITLE


@pytest.mark.browser
def test_nothing_runs_in_chromium(evil_app) -> None:
    from browser_util import SCREENSHOTS, launch
    from live import serve
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    dialogs: list[str] = []
    with serve(evil_app) as base, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for url in PAGES:
            page.goto(base + url)
            page.hover("body")
            for selector in ("h1", ".body a", "#s-0"):
                if page.locator(selector).count():
                    page.locator(selector).first.hover()
            assert page.evaluate("window.__pwned") is None, url
        page.goto(base + f"/articles/{EVIL_ID}")
        page.screenshot(path=str(SCREENSHOTS / "injection-article.png"), full_page=True)
        browser.close()
    assert dialogs == []
