"""The web reader's fixture store (hand-built records) and a test client over it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_corpus import Corpus, fill_store, load_corpus

from newsdesk.config import Settings
from newsdesk.store import Store
from newsdesk.web.app import create_app


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    return load_corpus()


@pytest.fixture(scope="session")
def web_store_path(tmp_path_factory: pytest.TempPathFactory, corpus: Corpus) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.db"
    store = Store(path)
    fill_store(store, corpus)
    store.close()
    return path


@pytest.fixture(scope="session")
def web_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    out = tmp_path_factory.mktemp("web-out")
    return Settings({"out": str(out), "page_size": 20})


@pytest.fixture(scope="session")
def client(web_store_path: Path, web_settings: Settings) -> TestClient:
    with TestClient(create_app(web_settings, web_store_path)) as c:
        yield c
