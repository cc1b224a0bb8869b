"""The JSON API on the fixture store: every endpoint, paging, and every bad-parameter case."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

METRO = "da-nang-khoi-cong-tuyen-metro-so-1"
RICE = "gia-gao-xuat-khau-len-muc-cao-nhat-nam"


def test_stories_newest_first_with_counts(client: TestClient) -> None:
    r = client.get("/api/stories")
    assert r.status_code == 200
    data = r.json()
    assert (data["page"], data["per_page"], data["total"], data["pages"]) == (1, 20, 2, 1)
    assert [s["slug"] for s in data["items"]] == [METRO, RICE]
    first = data["items"][0]
    assert first["articles"] == 3 and first["outlets"] == 2
    assert first["url"] == f"/stories/{METRO}"
    assert first["updated_at"] == "2026-03-18 10:00:00"


def test_stories_paging(client: TestClient) -> None:
    one = client.get("/api/stories", params={"per_page": 1}).json()
    two = client.get("/api/stories", params={"per_page": 1, "page": 2}).json()
    assert (one["pages"], one["total"]) == (2, 2)
    assert [s["slug"] for s in one["items"]] == [METRO]
    assert [s["slug"] for s in two["items"]] == [RICE]
    r = client.get("/api/stories", params={"per_page": 1, "page": 3})
    assert r.status_code == 404
    assert r.json()["detail"] == "page 3 does not exist: there are 2 page(s)"


@pytest.mark.parametrize(
    "params",
    [
        {"page": 0},
        {"page": -1},
        {"page": "abc"},
        {"page": 10**20},
        {"per_page": 0},
        {"per_page": 101},
        {"per_page": "x"},
    ],
)
def test_stories_bad_paging_is_422(client: TestClient, params: dict) -> None:
    r = client.get("/api/stories", params=params)
    assert r.status_code == 422
    detail = r.json()["detail"]
    assert detail and detail[0]["loc"][-1] in params


def test_story_is_story_as_dict(client: TestClient, corpus) -> None:
    r = client.get(f"/api/stories/{METRO}")
    assert r.status_code == 200
    assert r.json() == corpus.stories[0].as_dict()


def test_story_by_id_too(client: TestClient) -> None:
    assert client.get("/api/stories/st-gia-gao").json()["slug"] == RICE


@pytest.mark.parametrize("slug", ["khong-co-cau-chuyen-nay", "..", "a" * 300, "%3Cscript%3E"])
def test_unknown_story_is_404(client: TestClient, slug: str) -> None:
    r = client.get(f"/api/stories/{slug}")
    assert r.status_code == 404
    assert "does not exist" in r.json()["detail"]


def test_article_with_understanding_and_story(client: TestClient, corpus) -> None:
    article = corpus.articles["metro_a"]
    data = client.get(f"/api/articles/{article.id}").json()
    for key, value in article.as_dict().items():
        assert data[key] == value
    u = corpus.understandings["metro_a"]
    assert data["understood"] is True
    assert data["sentences"] == u.sentences
    assert [p["id"] for p in data["people"]] == [corpus.eid("per-tran-quoc-dat")]
    assert {d["text"] for d in data["dates"]} == {"Sáng 15/3", "năm 2030", "tháng 12/2025"}
    assert data["story"] == {
        "id": "st-metro-da-nang",
        "slug": METRO,
        "title": corpus.stories[0].title,
    }
    assert data["awaiting_translation"] is False


def test_article_awaiting_translation(client: TestClient, corpus) -> None:
    data = client.get(f"/api/articles/{corpus.id('rice_b')}").json()
    assert data["language"] == "en"
    assert data["awaiting_translation"] is True
    assert data["translations"] == []


@pytest.mark.parametrize("article_id", ["0000000000000000", "x" * 200, "<b>"])
def test_unknown_article_is_404(client: TestClient, article_id: str) -> None:
    r = client.get(f"/api/articles/{article_id}")
    assert r.status_code == 404
    assert "does not exist" in r.json()["detail"]


def test_entity_articles_newest_first_and_stories(client: TestClient, corpus) -> None:
    data = client.get("/api/entities/" + corpus.eid("per-tran-quoc-dat")).json()
    assert data["name"] == "Trần Quốc Đạt"
    assert data["total"] == 3
    assert [a["id"] for a in data["items"]] == [
        corpus.id("metro_c"),
        corpus.id("metro_b"),
        corpus.id("metro_a"),
    ]
    assert [s["slug"] for s in data["stories"]] == [METRO]
    paged = client.get(
        "/api/entities/" + corpus.eid("per-tran-quoc-dat"), params={"per_page": 2, "page": 2}
    )
    assert [a["id"] for a in paged.json()["items"]] == [corpus.id("metro_a")]


def test_place_entity_stories_come_from_articles(client: TestClient, corpus) -> None:
    data = client.get("/api/entities/" + corpus.eid("loc-philippines")).json()
    assert data["kind"] == "place"
    assert [s["slug"] for s in data["stories"]] == [RICE]


def test_unknown_entity_is_404(client: TestClient, corpus) -> None:
    r = client.get("/api/entities/p000000000000")
    assert r.status_code == 404
    assert (
        client.get(
            "/api/entities/" + corpus.eid("per-tran-quoc-dat"), params={"page": 9}
        ).status_code
        == 404
    )


def test_search_ignores_diacritics_and_d(client: TestClient, corpus) -> None:
    data = client.get(
        "/api/search", params={"q": "dong coc ga hoa khanh", "kind": "article"}
    ).json()
    assert data["total"] == 1
    hit = data["items"][0]
    assert (hit["kind"], hit["id"]) == ("article", corpus.id("metro_c"))
    both = client.get("/api/search", params={"q": "dong coc ga hoa khanh"}).json()
    assert {(h["kind"], h["id"]) for h in both["items"]} == {
        ("article", corpus.id("metro_c")),
        ("story", "st-metro-da-nang"),
    }
    assert "<mark>đóng</mark> <mark>cọc</mark> <mark>ga</mark> <mark>Hòa</mark>" in hit["snippet"]
    upper = client.get("/api/search", params={"q": "ĐÀ NẴNG"}).json()
    plain = client.get("/api/search", params={"q": "da nang"}).json()
    assert upper["total"] == plain["total"] == 3


def test_search_ranks_title_matches_first(client: TestClient, corpus) -> None:
    items = client.get("/api/search", params={"q": "gia gao"}).json()["items"]
    assert {(h["kind"], h["id"]) for h in items[:2]} == {
        ("story", "st-gia-gao"),
        ("article", corpus.id("rice_a")),
    }
    assert items[0]["score"] <= items[-1]["score"]


def test_search_filters(client: TestClient, corpus) -> None:
    def ids(**params: str) -> set[str]:
        data = client.get("/api/search", params={"q": "du an", **params}).json()
        return {h["id"] for h in data["items"]}

    metro = {corpus.id(k) for k in ("metro_a", "metro_b", "metro_c")}
    assert ids(kind="article") == metro
    assert ids(kind="story") == {"st-metro-da-nang"}
    assert ids(kind="article", outlet="Báo Sông Hàn") == {
        corpus.id("metro_a"),
        corpus.id("metro_c"),
    }
    assert ids(kind="article", date_from="2026-03-16", date_to="2026-03-16") == {
        corpus.id("metro_b")
    }
    assert ids(kind="article", date_from="2026-03-17") == {corpus.id("metro_c")}
    assert ids(kind="article", date_to="2026-03-15") == {corpus.id("metro_a")}
    assert ids(kind="article", person=corpus.eid("per-le-thi-doan-trang")) == {corpus.id("metro_b")}
    assert ids(kind="article", person="doan trang") == {corpus.id("metro_b")}
    assert ids(person=corpus.eid("per-le-thi-doan-trang")) == {
        corpus.id("metro_b"),
        "st-metro-da-nang",
    }


def test_search_paging(client: TestClient) -> None:
    first = client.get("/api/search", params={"q": "da nang", "per_page": 2}).json()
    second = client.get("/api/search", params={"q": "da nang", "per_page": 2, "page": 2}).json()
    assert first["pages"] == second["pages"] == -(-first["total"] // 2)
    assert len(first["items"]) == 2
    assert not {h["id"] for h in first["items"]} & {h["id"] for h in second["items"]}


def test_search_without_hits(client: TestClient) -> None:
    data = client.get("/api/search", params={"q": "tàu vũ trụ"}).json()
    assert (data["total"], data["items"], data["pages"]) == (0, [], 1)


@pytest.mark.parametrize(
    ("params", "reason"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "x" * 10_000}, "q"),
        ({"q": "!!! ???"}, "no letters or digits"),
        ({"q": "gao", "date_from": "2026-13-01"}, "not a real date"),
        ({"q": "gao", "date_from": "hôm qua"}, "should match pattern"),
        ({"q": "gao", "date_to": "2026-02-30"}, "not a real date"),
        ({"q": "gao", "date_from": "2026-03-01", "date_to": "2026-01-01"}, "is after"),
        ({"q": "gao", "kind": "video"}, "'article' or 'story'"),
        ({"q": "gao", "page": 0}, "page"),
        ({"q": "gao", "per_page": 1000}, "per_page"),
        ({"q": "gao\x00"}, "should match pattern"),
    ],
)
def test_search_bad_parameters_are_422(client: TestClient, params: dict, reason: str) -> None:
    r = client.get("/api/search", params=params)
    assert r.status_code == 422
    assert reason in str(r.json()["detail"])


def test_search_page_past_the_end_is_404(client: TestClient) -> None:
    assert client.get("/api/search", params={"q": "gao", "page": 50}).status_code == 404


@pytest.mark.parametrize(
    "q", ['"gao', '" OR 1', "NEAR(a b)", "a*", "title:gao", "-gao", "(gao", "^gao"]
)
def test_search_syntax_never_reaches_fts(client: TestClient, q: str) -> None:
    assert client.get("/api/search", params={"q": q}).status_code == 200


def test_openapi_lists_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/stories",
        "/api/stories/{slug}",
        "/api/articles/{article_id}",
        "/api/entities/{entity_id}",
        "/api/search",
    }
    assert all(set(ops) == {"get"} for ops in spec["paths"].values())


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_nothing_writes(client: TestClient, method: str) -> None:
    for path in ("/api/stories", f"/api/stories/{METRO}", "/", "/search"):
        assert client.request(method, path).status_code == 405


def test_security_headers(client: TestClient) -> None:
    r = client.get("/api/stories")
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
