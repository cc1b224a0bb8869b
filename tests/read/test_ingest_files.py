"""ingest_paths: files, folders, globs, stdin; rejects; idempotence; revisions; kill and resume."""

from __future__ import annotations

import io
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from read_helpers import FIXTURES

from newsdesk.config import Settings
from newsdesk.sources import files as files_module
from newsdesk.sources.files import ingest_paths
from newsdesk.store import Store

GOOD = [
    "dated_headline.txt",
    "dated_lead.txt",
    "scraped.txt",
    "plain_byline.txt",
    "story.md",
    "page.html",
    "dump.jsonl",
    "feed.rss",
    "feed.atom",
]
GOOD_ARTICLES = 1 + 1 + 1 + 1 + 1 + 1 + 3 + 2 + 2


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(FIXTURES / name, folder / name)
    return folder


def _settings(tmp_path: Path, **values) -> Settings:
    return Settings({"db": str(tmp_path / "t.db"), **values})


def _consistent(store: Store) -> None:
    """Every article has a revision row, every revision an article, one current per source."""
    orphans = store.scalar(
        "SELECT COUNT(*) FROM revisions r LEFT JOIN articles a ON a.id = r.article_id WHERE a.id IS NULL"
    )
    unlisted = store.scalar(
        "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
        "(SELECT 1 FROM revisions r WHERE r.article_id = a.id)"
    )
    doubles = store.scalar(
        "SELECT COUNT(*) FROM (SELECT source FROM articles WHERE current = 1 "
        "GROUP BY source HAVING COUNT(*) > 1)"
    )
    assert (orphans, unlisted, doubles) == (0, 0, 0)


def test_folder_is_ingested_and_second_run_changes_nothing(
    store: Store, corpus: Path, tmp_path: Path
) -> None:
    (corpus / "photo.webp").write_bytes(b"RIFF....WEBP")
    (corpus / ".hidden.txt").write_text("ẩn", encoding="utf-8")
    (corpus / "README.md").write_text("# Thư mục bài báo\n\nCác bài báo mẫu.\n", encoding="utf-8")
    settings = _settings(tmp_path)
    calls: list[tuple[str, int, int]] = []
    first = ingest_paths(store, [str(corpus)], settings, progress=lambda *a: calls.append(a))
    assert (first.new, first.revised, first.unchanged, first.rejected) == (GOOD_ARTICLES, 0, 0, [])
    assert first.done == GOOD_ARTICLES
    assert first.notes == [f"{corpus}: skipped 2 file(s) that are not documents (1 image)"]
    assert calls[0] == ("ingest", 0, len(GOOD)) and calls[-1] == ("ingest", len(GOOD), len(GOOD))
    assert store.count_articles() == GOOD_ARTICLES
    second = ingest_paths(store, [str(corpus)], settings)
    assert (second.new, second.revised, second.unchanged, second.rejected) == (
        0,
        0,
        GOOD_ARTICLES,
        [],
    )
    assert second.summary() == f"ingest: 0 new, 0 revised, {GOOD_ARTICLES} unchanged, 0 rejected"
    assert store.count_articles(current_only=False) == GOOD_ARTICLES
    _consistent(store)


def test_the_same_document_at_two_paths_is_stored_once(store: Store, tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(FIXTURES / "dated_lead.txt", a)
    shutil.copy(FIXTURES / "dated_lead.txt", b)
    report = ingest_paths(store, [str(a), str(b)], _settings(tmp_path))
    assert (report.new, report.unchanged) == (1, 1)
    assert store.count_articles() == 1


def test_changed_document_becomes_a_revision(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "tin.txt"
    original = (FIXTURES / "dated_lead.txt").read_text("utf-8")
    path.write_text(original, encoding="utf-8")
    settings = _settings(tmp_path)
    assert ingest_paths(store, [str(path)], settings).new == 1
    path.write_text(original.replace("570.000", "580.000"), encoding="utf-8")
    report = ingest_paths(store, [str(path)], settings)
    assert (report.new, report.revised) == (0, 1)
    source = store.article_rows()[0]["source"]
    revisions = store.revisions_of(source)
    assert [r["revision"] for r in revisions] == [1, 2]
    current = list(store.iter_articles())
    assert len(current) == 1 and "580.000" in current[0].body
    assert store.count_articles(current_only=False) == 2
    path.write_text(original, encoding="utf-8")  # back to the first words
    back = ingest_paths(store, [str(path)], settings)
    assert back.revised == 1
    assert "570.000" in next(iter(store.iter_articles())).body
    assert [r["revision"] for r in store.revisions_of(source)] == [1, 2, 3]
    _consistent(store)


def test_bad_inputs_are_rejected_and_the_run_goes_on(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in (
        "empty.txt",
        "whitespace.txt",
        "picture.png",
        "truncated_feed.xml",
        "bad_frontmatter.md",
        "no_text.html",
        "bad_lines.jsonl",
        "truncated.jsonl",
        "dated_lead.txt",
    ):
        shutil.copy(FIXTURES / name, folder / name)
    (folder / "cut.txt").write_bytes("Tin nhanh từ Mỹ".encode()[:-1])
    (folder / "big.txt").write_text("Một bài báo rất dài. " * 100, encoding="utf-8")
    locked = folder / "locked.txt"
    locked.write_text("Bài không đọc được vì thiếu quyền truy cập tệp tin.", encoding="utf-8")
    real_read_bytes = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    missing = str(tmp_path / "missing.txt")
    report = ingest_paths(
        store,
        [str(folder / "*.png"), str(folder), missing, str(tmp_path / "*.none")],
        _settings(tmp_path, max_bytes=1000),
    )
    got = {Path(item).name: reason for item, reason in report.rejected}
    assert got == {
        "picture.png": "binary file (a PNG image), not a text document",
        "missing.txt": "no such file or directory",
        "*.none": "no file matches this pattern",
        "bad_frontmatter.md": "malformed YAML frontmatter (line 5): while scanning a quoted scalar",
        "bad_lines.jsonl#2": "malformed JSON: Unterminated string starting at (column 32)",
        "bad_lines.jsonl#3": "not a JSON object but list",
        "bad_lines.jsonl#4": "no text: none of the fields text, body, content, article, maintext, "
        "html, raw_html, content_html, body_html holds any",
        "big.txt": "too large: 2,800 bytes (max_bytes is 1,000)",
        "cut.txt": "truncated: ends inside a UTF-8 character",
        "empty.txt": "empty document",
        "locked.txt": "cannot read: permission denied",
        "no_text.html": "too little running text to be an article: 'Trang chủ'",
        "truncated.jsonl#2": "truncated JSON (the dump ends inside a record)",
        "truncated_feed.xml": "malformed feed at line 8: <unknown>:8:0: unclosed CDATA section",
        "whitespace.txt": "only whitespace",
    }
    assert report.new == 3  # dated_lead.txt, bad_lines.jsonl#1, truncated.jsonl#1
    assert len(store.rejects("read")) == len(got)
    again = ingest_paths(
        store,
        [str(folder / "*.png"), str(folder), missing, str(tmp_path / "*.none")],
        _settings(tmp_path, max_bytes=1000),
    )
    assert again.new == 0 and again.unchanged == 3
    assert len(store.rejects("read")) == len(got)  # the same failures are not recorded twice


def test_a_fixed_document_clears_its_reject(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "later.txt"
    path.write_bytes(b"")
    settings = _settings(tmp_path)
    assert ingest_paths(store, [str(path)], settings).rejected
    shutil.copy(FIXTURES / "dated_lead.txt", path)
    assert ingest_paths(store, [str(path)], settings).new == 1
    assert store.rejects("read") == []


def test_standard_input(store: Store, tmp_path: Path) -> None:
    data = (FIXTURES / "plain_byline.txt").read_bytes()
    report = ingest_paths(store, ["-"], _settings(tmp_path), stdin=io.BytesIO(data))
    assert report.new == 1
    (article,) = store.iter_articles()
    assert article.source.startswith("stdin:") and article.outlet == "VOV"
    again = ingest_paths(store, ["-"], _settings(tmp_path), stdin=io.BytesIO(data))
    assert again.unchanged == 1


def test_forced_shape(store: Store, tmp_path: Path) -> None:
    report = ingest_paths(
        store, [str(FIXTURES / "plain_byline.txt")], _settings(tmp_path), shape="dated_text"
    )
    assert [r for _, r in report.rejected] == [
        "not dated text: the first line does not start with 'date YYYY-MM-DD'"
    ]


def test_exception_between_documents_leaves_whole_documents(
    store: Store, corpus: Path, tmp_path: Path, monkeypatch
) -> None:
    settings = _settings(tmp_path)
    real = files_module.read_document
    calls = {"n": 0}

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(files_module, "read_document", failing)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths(store, [str(corpus)], settings)
    assert store.count_articles() == 5  # dated_headline, dated_lead, the dump's three
    _consistent(store)
    monkeypatch.setattr(files_module, "read_document", real)
    report = ingest_paths(store, [str(corpus)], settings)
    assert (report.new, report.unchanged) == (GOOD_ARTICLES - 5, 5)
    _consistent(store)


def test_failure_inside_a_document_stores_none_of_it(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    settings = _settings(tmp_path)
    real = Store.put_article
    calls = {"n": 0}

    def failing(self, article):
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("disk full")
        return real(self, article)

    monkeypatch.setattr(Store, "put_article", failing)
    with pytest.raises(RuntimeError):
        ingest_paths(store, [str(FIXTURES / "dump.jsonl")], settings)
    assert store.count_articles(current_only=False) == 0
    assert store.scalar("SELECT COUNT(*) FROM revisions") == 0


KILLER = textwrap.dedent(
    """
    import os, signal, sys
    from newsdesk.config import Settings
    from newsdesk.sources.files import ingest_paths
    from newsdesk.store import Store

    calls = {"n": 0}
    real = Store.put_article

    def put(self, article):
        calls["n"] += 1
        if calls["n"] == int(sys.argv[3]):
            os.kill(os.getpid(), signal.SIGKILL)
        return real(self, article)

    Store.put_article = put
    store = Store(sys.argv[1])
    ingest_paths(store, [sys.argv[2]], Settings({"db": sys.argv[1]}))
    """
)


def test_process_killed_mid_ingest_then_resumed(corpus: Path, tmp_path: Path) -> None:
    db = tmp_path / "killed.db"
    script = tmp_path / "killer.py"
    script.write_text(KILLER, encoding="utf-8")
    # dump.jsonl holds 3 articles; files go in name order: dated_headline, dated_lead, dump, ...
    proc = subprocess.run(
        [sys.executable, str(script), str(db), str(corpus), "4"],
        capture_output=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == -signal.SIGKILL
    store = Store(db)
    try:
        assert store.count_articles() == 2  # the two dated files; none of the dump's three
        _consistent(store)
        report = ingest_paths(store, [str(corpus)], _settings(tmp_path, db=str(db)))
        assert (report.new, report.unchanged, report.rejected) == (GOOD_ARTICLES - 2, 2, [])
        assert store.count_articles() == GOOD_ARTICLES
        _consistent(store)
    finally:
        store.close()
    assert os.path.exists(db)


def test_one_article_in_five_encodings_is_stored_once(store: Store, tmp_path: Path) -> None:
    names = [
        "encoded_source.txt",
        "encoded_utf16.txt",
        "encoded_utf16be_nobom.txt",
        "encoded_cp1258.txt",
        "encoded_tcvn3.txt",
    ]
    report = ingest_paths(store, [str(FIXTURES / n) for n in names], _settings(tmp_path))
    assert (report.new, report.unchanged, report.rejected) == (1, 4, [])
    (article,) = store.iter_articles()
    assert article.title is None  # the first line ends with a full stop: a lead, not a headline
    assert (
        article.generated_title == "Đồng bằng sông Cửu Long bước vào mùa nước nổi muộn hơn mọi năm"
    )
    assert article.language == "vi"
    assert "thủy sản tự nhiên sụt giảm" in article.body


def test_sample_images_are_skipped_and_counted(store: Store, tmp_path: Path) -> None:
    """samples/ ships illustrations beside its articles: none of them becomes an article."""
    samples = Path(__file__).resolve().parents[2] / "samples"
    report = ingest_paths(store, [str(samples)], _settings(tmp_path))
    assert report.rejected == []
    assert f"{samples}: skipped 5 file(s) that are not documents (4 images)" in report.notes
    assert not any(a.source.endswith((".jpg", ".png")) for a in store.iter_articles())
